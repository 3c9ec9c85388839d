#include "table_reader.h"

#include <algorithm>
#include <cctype>

#include "csv_reader.h"
#include "xlsx_reader.h"

namespace vtaudit {
namespace {

bool HasXlsxExtension(const std::string& path) {
  constexpr std::string_view kExt = ".xlsx";
  if (path.size() < kExt.size()) return false;
  return std::equal(kExt.begin(), kExt.end(), path.end() - kExt.size(), [](char a, char b) {
    return a == std::tolower(static_cast<unsigned char>(b));
  });
}

template <typename Reader>
Result<std::unique_ptr<TableReader>> Upcast(Result<std::unique_ptr<Reader>> r) {
  if (!r.ok()) return r.status();
  return std::unique_ptr<TableReader>(std::move(r).value());
}

}  // namespace

bool TableReader::Next(TableRow* row) {
  if (finished_) return false;
  while (ReadRow(row)) {
    row->problem.clear();
    const std::size_t width = Width(*row);
    if (!header_width_) {
      header_width_ = width;
      return true;
    }
    if (OmitsEmptyCells() ? width <= *header_width_ : width == *header_width_) return true;
    std::string message = std::string(source_name()) + ":" + std::to_string(row->line) + ": " +
                          std::to_string(width) + (width == 1 ? " field" : " fields") +
                          ", header has " + std::to_string(*header_width_);
    if (deliver_bad_rows_) {
      row->problem = std::move(message);
      return true;
    }
    if (++bad_rows_ <= kMaxListedBadRows) bad_listed_.push_back(std::move(message));
  }
  finished_ = true;
  if (bad_rows_ == 0) {
    end_status_ = read_status();
    return false;
  }
  std::vector<std::string> messages = std::move(bad_listed_);
  if (bad_rows_ > kMaxListedBadRows) {
    messages.push_back(std::string(source_name()) + ": " +
                       std::to_string(bad_rows_ - kMaxListedBadRows) + " more bad rows not listed");
  }
  for (const std::string& m : read_status().messages()) messages.push_back(m);
  end_status_ = Status::InvalidAll(std::move(messages));
  return false;
}

std::size_t TableReader::Width(const TableRow& row) const {
  std::size_t width = row.fields.size();
  if (OmitsEmptyCells()) {
    while (width > 0 && row.fields[width - 1].empty()) --width;
  }
  return width;
}

Result<std::unique_ptr<TableReader>> OpenTable(const std::string& path, const std::string& sheet) {
  if (HasXlsxExtension(path)) return Upcast(XlsxReader::Open(path, sheet));
  return Upcast(CsvReader::Open(path));
}

}  // namespace vtaudit
