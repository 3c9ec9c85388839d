#include "printable.h"

#include <algorithm>
#include <cstdio>
#include <initializer_list>

namespace vtaudit {
namespace {

struct Range {
  char32_t first, last;
};

bool In(char32_t cp, std::initializer_list<Range> ranges) {
  for (const Range& r : ranges) {
    if (cp >= r.first && cp <= r.last) return true;
  }
  return false;
}

}  // namespace

const char* UnprintableKind(char32_t cp) {
  if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) return "a control character";
  if (cp < 0xAD) return nullptr;  // the common case: printable ASCII and Latin-1
  if (In(cp, {{0x061C, 0x061C}, {0x200E, 0x200F}, {0x202A, 0x202E}, {0x2066, 0x2069}})) {
    return "a bidirectional control";
  }
  if (cp == 0xFEFF) return "a byte order mark";
  if (In(cp, {{0x200B, 0x200D}, {0x2060, 0x2060}})) return "a zero-width character";
  if (cp == 0x2028 || cp == 0x2029) return "a line or paragraph separator";
  // The rest of Unicode 15's class Cf (format characters), all invisible.
  if (In(cp, {{0x00AD, 0x00AD},
              {0x0600, 0x0605},
              {0x06DD, 0x06DD},
              {0x070F, 0x070F},
              {0x0890, 0x0891},
              {0x08E2, 0x08E2},
              {0x180E, 0x180E},
              {0x2061, 0x2064},
              {0x206A, 0x206F},
              {0xFFF9, 0xFFFB},
              {0x110BD, 0x110BD},
              {0x110CD, 0x110CD},
              {0x13430, 0x1343F},
              {0x1BCA0, 0x1BCA3},
              {0x1D173, 0x1D17A},
              {0xE0001, 0xE0001},
              {0xE0020, 0xE007F}})) {
    return "an invisible format character";
  }
  if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE) return "a noncharacter";
  return nullptr;
}

bool DecodeUtf8(std::string_view text, std::size_t* pos, char32_t* cp) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(*pos);
  std::size_t length = 0;
  char32_t value = 0;
  char32_t least = 0;  // the smallest value of that length: anything below is overlong
  if (lead < 0x80) {
    *cp = lead;
    ++*pos;
    return true;
  } else if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2, value = lead & 0x1F, least = 0x80;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3, value = lead & 0x0F, least = 0x800;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4, value = lead & 0x07, least = 0x10000;
  } else {
    return false;
  }
  if (*pos + length > text.size()) return false;
  for (std::size_t i = 1; i < length; ++i) {
    const unsigned char next = byte(*pos + i);
    if ((next & 0xC0) != 0x80) return false;
    value = (value << 6) | (next & 0x3F);
  }
  if (value < least || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return false;
  *cp = value;
  *pos += length;
  return true;
}

std::string UnprintableReason(std::string_view text) {
  // Most text is printable ASCII: a case number is checked on each of a million rows.
  if (std::all_of(text.begin(), text.end(), [](char c) { return c >= 0x20 && c < 0x7f; })) {
    return "";
  }
  std::size_t pos = 0;
  for (std::size_t character = 1; pos < text.size(); ++character) {
    char32_t cp = 0;
    char buf[96];
    if (!DecodeUtf8(text, &pos, &cp)) {
      std::snprintf(buf, sizeof buf, "a byte that is not UTF-8 (0x%02X) at character %zu",
                    static_cast<unsigned>(static_cast<unsigned char>(text[pos])), character);
      return buf;
    }
    if (const char* kind = UnprintableKind(cp)) {
      std::snprintf(buf, sizeof buf, "%s U+%04X at character %zu", kind, static_cast<unsigned>(cp),
                    character);
      return buf;
    }
  }
  return "";
}

}  // namespace vtaudit
