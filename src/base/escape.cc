#include "escape.h"

#include <cstdio>

#include "printable.h"

namespace vtaudit {
namespace {

std::string Escape(std::string_view text, std::string_view apostrophe) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += apostrophe;
        break;
      default:
        // C0 controls other than tab and line ends are not allowed in XML or HTML text.
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
          out += c;
        }
    }
  }
  return out;
}

}  // namespace

std::string EscapeHtml(std::string_view text) { return Escape(text, "&#39;"); }
std::string EscapeXml(std::string_view text) { return Escape(text, "&apos;"); }

std::string EscapeControl(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t start = pos;
    const auto c = static_cast<unsigned char>(text[pos]);
    char buf[16];
    char32_t cp = 0;
    if (c == '\n') {
      out += "\\n";
      ++pos;
    } else if (c >= 0x20 && c < 0x7F) {
      out += static_cast<char>(c);
      ++pos;
    } else if (c < 0x80 || !DecodeUtf8(text, &pos, &cp)) {
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
      ++pos;
    } else if (UnprintableKind(cp) != nullptr) {
      std::snprintf(buf, sizeof buf, cp > 0xFFFF ? "\\U%08X" : "\\u%04X",
                    static_cast<unsigned>(cp));
      out += buf;
    } else {
      out += text.substr(start, pos - start);
    }
  }
  return out;
}

}  // namespace vtaudit
