// Loading XML that users write (frameworks, calendars, crosswalks) safely and with
// positions: the bytes must be UTF-8, a DOCTYPE (and so any entity declaration) is
// refused, and every node and attribute can be named as "FILE:LINE:COL". pugixml
// reports byte offsets only, and its handles die with the document, so an XmlSource
// owns the buffer and the document together. A position costs O(log n) whatever the
// length of the line (a generated file may be one line of megabytes), and XmlErrors
// lists the first errors of a file and counts the rest, so a file with 200,000 errors is
// reported in a fraction of a second and read in one screen. Not thread-safe to build;
// a built XmlSource may be read from several threads.
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
  // Byte offsets of a node (its '<') and of an attribute (its name).
  size_t Offset(const pugi::xml_node& node) const;
  size_t Offset(const pugi::xml_attribute& attr) const;

 private:
  XmlSource() = default;
  // Characters (UTF-8 lead bytes) in the first `offset` bytes.
  size_t CharactersBefore(size_t offset) const;

  // Bytes per entry of chars_before_block_: a column is counted over at most this many
  // bytes on each side, never from the start of a long line.
  static constexpr size_t kBlock = 64;

  std::string name_;
  std::vector<char> buffer_;                // parsed in place: node names and values point into it
  std::vector<size_t> line_starts_;         // byte offset where each line begins
  std::vector<size_t> chars_before_block_;  // characters before byte kBlock * i
  std::string original_;                    // the bytes as read, for columns in characters
  pugi::xml_document doc_;
};

// The errors found in one XmlSource, each "NAME:LINE:COL: what" with its problem code whose
// text begins "{where}: ", in the order they were found. The first kMaxListed are kept with their
// place; the others are only counted (and their place never computed), and the status ends with
// "NAME: and N more errors (M in all)". REQUIRES: the XmlSource outlives it.
class XmlErrors {
 public:
  static constexpr size_t kMaxListed = 100;

  explicit XmlErrors(const XmlSource& src) : src_(src) {}

  // The error `what` (English) at a node, an attribute or a byte offset into the source, with
  // its problem code (problems.h); the place is added to the code's arguments as where.
  void Add(const pugi::xml_node& node, std::string_view what, ProblemCode code);
  void Add(const pugi::xml_attribute& attr, std::string_view what, ProblemCode code);
  void AddAt(size_t offset, std::string_view what, ProblemCode code);
  // Whether the next error is listed. When it is not, Count() is all it needs: a loop that
  // may find hundreds of thousands of errors (one bad element repeated) need not build their
  // texts and codes only for them to be counted.
  bool listing() const { return count_ < kMaxListed; }
  void Count() { ++count_; }
  // Every error found, listed or not.
  size_t count() const { return count_; }
  bool empty() const { return count_ == 0; }
  // Invalid with the listed errors and the count of the rest; ok when there are none.
  Status ToStatus() const;

 private:
  const XmlSource& src_;
  std::vector<std::string> listed_;
  std::vector<ProblemCode> codes_;  // one per listed_
  size_t count_ = 0;
};

// Checks UTF-8; returns the offset of the first invalid byte, or npos.
size_t FindInvalidUtf8(std::string_view bytes);
// Reads a whole (small) file; IoError naming the path when it cannot.
Result<std::string> ReadSmallFile(const std::string& path, size_t max_bytes = 16 << 20);

}  // namespace vtaudit

#endif  // VTAUDIT_XML_SOURCE_H_
