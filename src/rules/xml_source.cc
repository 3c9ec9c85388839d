#include "xml_source.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <sstream>
#include <utility>

#include "problems.h"

namespace vtaudit {
namespace {

// The problem key of the reason a parse status names; null for those a parse of a buffer
// does not give.
const char* ParseStatusKey(pugi::xml_parse_status status) {
  switch (status) {
    case pugi::status_out_of_memory:
      return "problem.xml.parse.out_of_memory";
    case pugi::status_internal_error:
      return "problem.xml.parse.internal_error";
    case pugi::status_unrecognized_tag:
      return "problem.xml.parse.unrecognized_tag";
    case pugi::status_bad_pi:
      return "problem.xml.parse.bad_pi";
    case pugi::status_bad_comment:
      return "problem.xml.parse.bad_comment";
    case pugi::status_bad_cdata:
      return "problem.xml.parse.bad_cdata";
    case pugi::status_bad_doctype:
      return "problem.xml.parse.bad_doctype";
    case pugi::status_bad_pcdata:
      return "problem.xml.parse.bad_pcdata";
    case pugi::status_bad_start_element:
      return "problem.xml.parse.bad_start_element";
    case pugi::status_bad_attribute:
      return "problem.xml.parse.bad_attribute";
    case pugi::status_bad_end_element:
      return "problem.xml.parse.bad_end_element";
    case pugi::status_end_element_mismatch:
      return "problem.xml.parse.end_element_mismatch";
    case pugi::status_no_document_element:
      return "problem.xml.parse.no_document_element";
    default:
      return nullptr;
  }
}

}  // namespace

size_t FindInvalidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t len = 0;
    unsigned min = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      len = 2, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4, min = 0x10000;
    } else {
      return i;
    }
    if (i + len > s.size()) return i;
    unsigned cp = c & (0xFF >> (len + 1));
    for (size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return std::string_view::npos;
}

Result<std::string> ReadSmallFile(const std::string& path, size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::IoError(path + ": cannot open file",
                           Problem("problem.xml.cannot_open", {{"where", path}}));
  }
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size < 0) {
    return Status::IoError(path + ": cannot read file",
                           Problem("problem.xml.cannot_read", {{"where", path}}));
  }
  if (static_cast<size_t>(size) > max_bytes) {
    return Status::Invalid(path + ": file is too large (" + std::to_string(size) +
                               " bytes, at most " + std::to_string(max_bytes) + ")",
                           Problem("problem.xml.too_large", {{"where", path},
                                                             {"bytes", std::to_string(size)},
                                                             {"max", std::to_string(max_bytes)}}));
  }
  in.seekg(0);
  std::string bytes(static_cast<size_t>(size), '\0');
  in.read(bytes.data(), size);
  if (!in) {
    return Status::IoError(path + ": cannot read file",
                           Problem("problem.xml.cannot_read", {{"where", path}}));
  }
  return bytes;
}

Result<std::unique_ptr<XmlSource>> XmlSource::Parse(std::string bytes, std::string name) {
  std::unique_ptr<XmlSource> src(new XmlSource());
  src->name_ = std::move(name);
  src->line_starts_.push_back(0);
  src->chars_before_block_.reserve(bytes.size() / kBlock + 1);
  size_t chars = 0;
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (i % kBlock == 0) src->chars_before_block_.push_back(chars);
    if (bytes[i] == '\n') src->line_starts_.push_back(i + 1);
    if ((static_cast<unsigned char>(bytes[i]) & 0xC0) != 0x80) ++chars;
  }
  if (bytes.size() % kBlock == 0) src->chars_before_block_.push_back(chars);
  src->original_ = bytes;
  if (std::all_of(bytes.begin(), bytes.end(),
                  [](char c) { return std::isspace(static_cast<unsigned char>(c)); })) {
    const std::string where = src->WhereOffset(0);
    return Status::Invalid(where + ": empty document",
                           Problem("problem.xml.empty", {{"where", where}}));
  }
  if (const size_t bad = FindInvalidUtf8(bytes); bad != std::string_view::npos) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(bytes[bad]));
    const std::string where = src->WhereOffset(bad);
    return Status::Invalid(where + ": not valid UTF-8 (byte " + hex + "); save the file as UTF-8",
                           Problem("problem.xml.not_utf8", {{"where", where}, {"byte", hex}}));
  }
  src->buffer_.assign(bytes.begin(), bytes.end());
  const pugi::xml_parse_result r =
      src->doc_.load_buffer_inplace(src->buffer_.data(), src->buffer_.size(),
                                    pugi::parse_default | pugi::parse_doctype, pugi::encoding_utf8);
  if (!r) {
    std::string what = r.description();
    if (!what.empty())
      what[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(what[0])));
    // pugixml's own words on the command line; a page in another language says the
    // reason its parse status names (problem.xml.parse.*, English text = pugixml's).
    const std::string where = src->WhereOffset(static_cast<size_t>(r.offset));
    std::map<std::string, std::string> args = {{"where", where}, {"what", what}};
    if (const char* reason = ParseStatusKey(r.status)) PutReason(&args, "what", Problem(reason));
    return Status::Invalid(where + ": XML is not well-formed: " + what,
                           Problem("problem.xml.not_well_formed", std::move(args)));
  }
  for (pugi::xml_node n : src->doc_.children()) {
    if (n.type() == pugi::node_doctype) {
      const std::string where = src->Where(n);
      return Status::Invalid(where + ": a DOCTYPE is not allowed (entity declarations are refused)",
                             Problem("problem.xml.doctype", {{"where", where}}));
    }
  }
  return src;
}

size_t XmlSource::CharactersBefore(size_t offset) const {
  const size_t block = offset / kBlock;
  size_t chars = chars_before_block_[block];
  for (size_t i = block * kBlock; i < offset; ++i) {
    if ((static_cast<unsigned char>(original_[i]) & 0xC0) != 0x80) ++chars;
  }
  return chars;
}

std::string XmlSource::WhereOffset(size_t offset) const {
  offset = std::min(offset, original_.size());
  const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const size_t line = static_cast<size_t>(it - line_starts_.begin());
  size_t start = line_starts_[line - 1];
  if (line == 1 && original_.rfind("\xEF\xBB\xBF", 0) == 0 && offset >= 3)
    start = 3;  // a BOM is no column
  // In characters: UTF-8 continuation bytes do not count.
  const size_t col = CharactersBefore(offset) - CharactersBefore(start) + 1;
  return name_ + ":" + std::to_string(line) + ":" + std::to_string(col);
}

size_t XmlSource::Offset(const pugi::xml_node& node) const {
  const ptrdiff_t off = node.offset_debug();
  if (off < 0) return 0;
  // offset_debug points at the name; step back to the '<' (or "<!" for a DOCTYPE).
  size_t o = static_cast<size_t>(off);
  while (o > 0 && original_[o] != '<') --o;
  return o;
}

size_t XmlSource::Offset(const pugi::xml_attribute& attr) const {
  const char* p = attr.name();
  if (p >= buffer_.data() && p < buffer_.data() + buffer_.size()) {
    return static_cast<size_t>(p - buffer_.data());
  }
  return 0;
}

std::string XmlSource::Where(const pugi::xml_node& node) const { return WhereOffset(Offset(node)); }

std::string XmlSource::Where(const pugi::xml_attribute& attr) const {
  return WhereOffset(Offset(attr));
}

size_t XmlSource::TextOffset(const pugi::xml_node& element) const {
  const pugi::xml_node text = element.first_child();
  if (text && (text.type() == pugi::node_pcdata || text.type() == pugi::node_cdata)) {
    const char* p = text.value();
    if (p >= buffer_.data() && p < buffer_.data() + buffer_.size()) {
      return static_cast<size_t>(p - buffer_.data());
    }
  }
  const ptrdiff_t off = element.offset_debug();
  return off < 0 ? 0 : static_cast<size_t>(off) - 1;
}

std::string XmlSource::WhereText(const pugi::xml_node& element) const {
  return WhereOffset(TextOffset(element));
}

void XmlErrors::Add(const pugi::xml_node& node, std::string_view what, ProblemCode code) {
  AddAt(src_.Offset(node), what, std::move(code));
}

void XmlErrors::Add(const pugi::xml_attribute& attr, std::string_view what, ProblemCode code) {
  AddAt(src_.Offset(attr), what, std::move(code));
}

void XmlErrors::AddAt(size_t offset, std::string_view what, ProblemCode code) {
  if (++count_ > kMaxListed) return;
  const std::string where = src_.WhereOffset(offset);
  listed_.push_back(where + ": " + std::string(what));
  code.args["where"] = where;
  codes_.push_back(std::move(code));
}

Status XmlErrors::ToStatus() const {
  std::vector<std::string> messages = listed_;
  std::vector<ProblemCode> codes = codes_;
  if (count_ > kMaxListed) {
    const std::string more = std::to_string(count_ - kMaxListed), all = std::to_string(count_);
    messages.push_back(src_.name() + ": and " + more + " more errors (" + all + " in all)");
    codes.push_back(
        Problem("problem.xml.more_errors", {{"where", src_.name()}, {"more", more}, {"all", all}}));
  }
  return Status::InvalidAll(std::move(messages), std::move(codes));
}

}  // namespace vtaudit
