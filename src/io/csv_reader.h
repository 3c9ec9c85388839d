// CsvReader: streams an RFC 4180 CSV file (UTF-8, optional BOM, LF or CRLF, `,` or `;`)
// row by row through a fixed-size buffer, so a 100 MB extract never sits in memory.
// Not thread-safe.
#ifndef VTAUDIT_CSV_READER_H_
#define VTAUDIT_CSV_READER_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>

#include "status.h"
#include "table_reader.h"

namespace vtaudit {

class CsvReader : public TableReader {
 public:
  // Size of the read buffer of Open().
  static constexpr std::size_t kDefaultBufferBytes = std::size_t{1} << 20;
  // A record (without its line end) longer than this is refused.
  static constexpr std::size_t kMaxRowBytes = std::size_t{1} << 20;

  // Streams the file through a buffer of `buffer_bytes` (tests use tiny buffers).
  // REQUIRES: buffer_bytes > 0
  static Result<std::unique_ptr<CsvReader>> Open(const std::string& path,
                                                 std::size_t buffer_bytes = kDefaultBufferBytes);
  // Reads `text`; messages name `source_name`.
  static std::unique_ptr<CsvReader> FromString(std::string text, std::string source_name);

  // Errors of the format (Status::Invalid), which end reading, P being the 1-based byte
  // position in the physical line:
  //   FILE:LINE: field N: unterminated quoted field          (LINE: where the field started)
  //   FILE:LINE: field N: quote inside an unquoted field at position P
  //   FILE:LINE: field N: unexpected character after a closing quote at position P
  //   FILE:LINE: field N: not valid UTF-8 (byte 0xFF at position P)
  //   FILE:LINE: field N: NUL byte at position P
  //   FILE:LINE: row longer than 1 MiB                       (LINE: where the record started)
  // Line ends inside quoted fields are kept as written (LF or CRLF). A row with another
  // number of fields than the header is a bad row (table_reader.h).
  std::string_view source_name() const override { return source_name_; }
  // ',' or ';': the one that occurs more outside quotes in the header line; ',' on a tie.
  char delimiter() const { return delimiter_; }

 private:
  enum class State { kFieldStart, kUnquoted, kQuoted, kAfterQuote };

  bool ReadRow(TableRow* row) override;
  const Status& read_status() const override { return status_; }
  CsvReader(std::string source_name, std::string buffer, std::size_t buffer_bytes);

  void Start();     // strips the BOM, detects the delimiter
  bool ReadMore();  // appends up to buffer_bytes_ to the buffer
  bool Refill();    // replaces the consumed buffer
  std::uint64_t Offset() const { return buffer_offset_ + pos_; }
  std::uint64_t Position() const { return Offset() - line_start_ + 1; }
  void CountLineEnd(char c);
  bool AppendUtf8(std::string* field, std::size_t field_number);
  bool Fail(int line, std::string reason);
  bool FailNul(std::size_t field_number);

  std::string source_name_;
  std::ifstream file_;  // closed for FromString
  std::string buffer_;
  std::size_t pos_ = 0;
  std::size_t end_ = 0;
  std::size_t buffer_bytes_;                // read size; 0 for FromString
  std::uint64_t buffer_offset_ = 0;         // file offset of buffer_[0]
  int line_ = 1;                            // physical line at pos_
  std::uint64_t line_start_ = 0;            // file offset where line_ starts
  std::uint64_t lf_after_cr_ = UINT64_MAX;  // offset where a '\n' would end a "\r\n"
  char delimiter_ = ',';
  // Non-zero for the bytes that end a run of plain field text.
  std::array<std::uint8_t, 256> unquoted_stop_{};
  std::array<std::uint8_t, 256> quoted_stop_{};
  bool done_ = false;
  Status status_;
};

}  // namespace vtaudit

#endif  // VTAUDIT_CSV_READER_H_
