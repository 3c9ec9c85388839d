// Loading XML that users write (frameworks, calendars, crosswalks) safely and with
// positions: the bytes must be UTF-8, a DOCTYPE (and so any entity declaration) is
// refused, and every node and attribute can be named as "FILE:LINE:COL". pugixml
// reports byte offsets only, and its handles die with the document, so an XmlSource
// owns the buffer and the document together.
#ifndef VTAUDIT_XML_SOURCE_H_
#define VTAUDIT_XML_SOURCE_H_

#include <memory>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "status.h"

namespace vtaudit {

class XmlSource {
 public:
  // Parses `bytes`. On failure returns the reasons ("NAME:LINE:COL: …").
  static Result<std::unique_ptr<XmlSource>> Parse(std::string bytes, std::string name);

  const pugi::xml_document& doc() const { return doc_; }
  const std::string& name() const { return name_; }
  // "NAME:LINE:COL" of a node (its '<'), an attribute (its name) or a text's first byte.
  std::string Where(const pugi::xml_node& node) const;
  std::string Where(const pugi::xml_attribute& attr) const;
  std::string WhereText(
      const pugi::xml_node& element) const;  // the element's text, else the element
  // "NAME:LINE:COL" of a byte offset into the original bytes.
  std::string WhereOffset(size_t offset) const;
  // Offset of the first byte of the element's text (or of the element itself when empty).
  size_t TextOffset(const pugi::xml_node& element) const;

 private:
  XmlSource() = default;

  std::string name_;
  std::vector<char> buffer_;         // parsed in place: node names and values point into it
  std::vector<size_t> line_starts_;  // byte offset where each line begins
  std::string original_;             // the bytes as read, for columns in characters
  pugi::xml_document doc_;
};

// Checks UTF-8; returns the offset of the first invalid byte, or npos.
size_t FindInvalidUtf8(std::string_view bytes);
// Reads a whole (small) file; IoError naming the path when it cannot.
Result<std::string> ReadSmallFile(const std::string& path, size_t max_bytes = 16 << 20);

}  // namespace vtaudit

#endif  // VTAUDIT_XML_SOURCE_H_
