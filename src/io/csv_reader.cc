#include "csv_reader.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <utility>

namespace vtaudit {
namespace {

std::string FieldPrefix(std::size_t field_number) {
  return "field " + std::to_string(field_number) + ": ";
}

std::string HexByte(unsigned char b) {
  char text[8];
  std::snprintf(text, sizeof text, "0x%02X", b);
  return text;
}

}  // namespace

CsvReader::CsvReader(std::string source_name, std::string buffer, std::size_t buffer_bytes)
    : source_name_(std::move(source_name)),
      buffer_(std::move(buffer)),
      end_(buffer_.size()),
      buffer_bytes_(buffer_bytes) {}

Result<std::unique_ptr<CsvReader>> CsvReader::Open(const std::string& path,
                                                   std::size_t buffer_bytes) {
  std::unique_ptr<CsvReader> reader(new CsvReader(path, std::string(), buffer_bytes));
  reader->file_.open(path, std::ios::binary);
  if (!reader->file_.is_open()) {
    const int error = errno;
    std::string message = path + ": cannot open: " + std::strerror(error);
    if (error == ENOENT) return Status::NotFound(std::move(message));
    return Status::IoError(std::move(message));
  }
  reader->Start();
  if (!reader->status_.ok()) return reader->status_;
  return reader;
}

std::unique_ptr<CsvReader> CsvReader::FromString(std::string text, std::string source_name) {
  std::unique_ptr<CsvReader> reader(new CsvReader(std::move(source_name), std::move(text), 0));
  reader->Start();
  return reader;
}

void CsvReader::Start() {
  while (end_ - pos_ < 3 && ReadMore()) {
  }
  if (end_ - pos_ >= 3 && std::memcmp(buffer_.data() + pos_, "\xEF\xBB\xBF", 3) == 0) {
    pos_ += 3;
    line_start_ = 3;
  }
  // The header line must be whole in the buffer to count its separators.
  for (;;) {
    int commas = 0;
    int semicolons = 0;
    bool in_quotes = false;
    bool seen_text = false;
    bool complete = false;
    for (std::size_t i = pos_; i < end_ && !complete; ++i) {
      const char c = buffer_[i];
      if (c == '"') {
        in_quotes = !in_quotes;
      } else if (in_quotes) {
        continue;
      } else if (c == '\n' || c == '\r') {
        complete = seen_text;
        continue;
      } else if (c == ',') {
        ++commas;
      } else if (c == ';') {
        ++semicolons;
      }
      seen_text = true;
    }
    if (complete || end_ - pos_ > kMaxRowBytes || !ReadMore()) {
      delimiter_ = semicolons > commas ? ';' : ',';
      break;
    }
  }
  for (unsigned c = 0x80; c < 256; ++c) unquoted_stop_[c] = quoted_stop_[c] = 1;
  for (const char c : {'"', '\n', '\r', '\0'}) {
    unquoted_stop_[static_cast<unsigned char>(c)] = 1;
    quoted_stop_[static_cast<unsigned char>(c)] = 1;
  }
  unquoted_stop_[static_cast<unsigned char>(delimiter_)] = 1;
}

bool CsvReader::ReadMore() {
  if (!file_.is_open() || !status_.ok()) return false;
  if (buffer_.size() < end_ + buffer_bytes_) buffer_.resize(end_ + buffer_bytes_);
  file_.read(buffer_.data() + end_, static_cast<std::streamsize>(buffer_bytes_));
  if (file_.bad()) {
    status_ = Status::IoError(source_name_ + ": read error");
    return false;
  }
  const auto got = static_cast<std::size_t>(file_.gcount());
  end_ += got;
  return got > 0;
}

bool CsvReader::Refill() {
  if (!file_.is_open()) return false;
  buffer_offset_ += end_;
  pos_ = end_ = 0;
  return ReadMore();
}

void CsvReader::CountLineEnd(char c) {
  const std::uint64_t at = Offset();
  if (c == '\r') {
    lf_after_cr_ = at + 1;
    ++line_;
  } else if (at != lf_after_cr_) {
    ++line_;
  }
  line_start_ = at + 1;
}

bool CsvReader::AppendUtf8(std::string* field, std::size_t field_number) {
  const auto lead = static_cast<unsigned char>(buffer_[pos_]);
  const int line = line_;
  const std::uint64_t position = Position();
  // Unicode 15, table 3-7: the well-formed byte sequences.
  int continuation = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    continuation = 1;
  } else if (lead == 0xE0) {
    continuation = 2;
    low = 0xA0;
  } else if ((lead >= 0xE1 && lead <= 0xEC) || lead == 0xEE || lead == 0xEF) {
    continuation = 2;
  } else if (lead == 0xED) {
    continuation = 2;
    high = 0x9F;
  } else if (lead == 0xF0) {
    continuation = 3;
    low = 0x90;
  } else if (lead >= 0xF1 && lead <= 0xF3) {
    continuation = 3;
  } else if (lead == 0xF4) {
    continuation = 3;
    high = 0x8F;
  }
  bool valid = continuation > 0;
  if (valid) {
    field->push_back(static_cast<char>(lead));
    ++pos_;
  }
  for (int i = 0; valid && i < continuation; ++i) {
    if (pos_ == end_ && !Refill()) {
      if (!status_.ok()) {
        done_ = true;
        return false;
      }
      valid = false;
      break;
    }
    const auto byte = static_cast<unsigned char>(buffer_[pos_]);
    valid = byte >= low && byte <= high;
    if (valid) {
      field->push_back(static_cast<char>(byte));
      ++pos_;
      low = 0x80;
      high = 0xBF;
    }
  }
  if (valid) return true;
  return Fail(line, FieldPrefix(field_number) + "not valid UTF-8 (byte " + HexByte(lead) +
                        " at position " + std::to_string(position) + ")");
}

bool CsvReader::Fail(int line, std::string reason) {
  done_ = true;
  if (status_.ok()) {
    status_ = Status::Invalid(source_name_ + ":" + std::to_string(line) + ": " + std::move(reason));
  }
  return false;
}

bool CsvReader::FailNul(std::size_t field_number) {
  return Fail(line_,
              FieldPrefix(field_number) + "NUL byte at position " + std::to_string(Position()));
}

bool CsvReader::ReadRow(TableRow* row) {
  if (done_) return false;
  std::vector<std::string>& fields = row->fields;
  std::size_t count = 0;
  auto next_field = [&]() -> std::string* {
    if (count == fields.size()) {
      fields.emplace_back();
    } else {
      fields[count].clear();
    }
    return &fields[count++];
  };

  for (;;) {  // once per physical record; again after an empty line
    count = 0;
    const int record_line = line_;
    const std::uint64_t record_start = Offset();
    std::string* field = next_field();
    int field_line = line_;
    State state = State::kFieldStart;
    bool empty_line = false;
    for (;;) {
      if (pos_ == end_ && !Refill()) {
        if (!status_.ok()) {
          done_ = true;
          return false;
        }
        if (state == State::kQuoted) {
          return Fail(field_line, FieldPrefix(count) + "unterminated quoted field");
        }
        if (Offset() == record_start) {
          done_ = true;
          return false;
        }
        break;
      }
      if (Offset() - record_start > kMaxRowBytes) return Fail(record_line, "row longer than 1 MiB");
      const char* data = buffer_.data();
      char c = data[pos_];
      switch (state) {
        case State::kFieldStart:
          if (c == '"') {
            ++pos_;
            state = State::kQuoted;
            field_line = line_;
            continue;
          }
          state = State::kUnquoted;
          [[fallthrough]];
        case State::kUnquoted: {
          std::size_t p = pos_;
          while (p < end_ && !unquoted_stop_[static_cast<unsigned char>(data[p])]) ++p;
          field->append(data + pos_, p - pos_);
          pos_ = p;
          if (p == end_) continue;
          c = data[p];
          if (c == '"') {
            return Fail(line_, FieldPrefix(count) + "quote inside an unquoted field at position " +
                                   std::to_string(Position()));
          }
          break;
        }
        case State::kQuoted: {
          std::size_t p = pos_;
          while (p < end_ && !quoted_stop_[static_cast<unsigned char>(data[p])]) ++p;
          field->append(data + pos_, p - pos_);
          pos_ = p;
          if (p == end_) continue;
          c = data[p];
          if (c == '"') {
            ++pos_;
            state = State::kAfterQuote;
          } else if (c == '\n' || c == '\r') {
            CountLineEnd(c);
            field->push_back(c);
            ++pos_;
          } else if (c == '\0') {
            return FailNul(count);
          } else if (!AppendUtf8(field, count)) {
            return false;
          }
          continue;
        }
        case State::kAfterQuote:
          if (c == '"') {
            field->push_back('"');
            ++pos_;
            state = State::kQuoted;
            continue;
          }
          if (c != delimiter_ && c != '\n' && c != '\r') {
            return Fail(line_, FieldPrefix(count) +
                                   "unexpected character after a closing quote at position " +
                                   std::to_string(Position()));
          }
          break;
      }
      // c is a special byte outside quotes.
      if (c == delimiter_) {
        ++pos_;
        field = next_field();
        state = State::kFieldStart;
        continue;
      }
      if (c == '\0') return FailNul(count);
      if (c == '\n' || c == '\r') {
        if (Offset() - record_start > kMaxRowBytes) {
          return Fail(record_line, "row longer than 1 MiB");
        }
        empty_line = count == 1 && field->empty() && state != State::kAfterQuote;
        CountLineEnd(c);
        ++pos_;
        break;
      }
      if (!AppendUtf8(field, count)) return false;
    }
    if (empty_line) continue;
    fields.resize(count);
    row->numeric.assign(count, false);
    row->line = record_line;
    return true;
  }
}

}  // namespace vtaudit
