#include "table_reader.h"

#include <algorithm>
#include <cctype>

#include "csv_reader.h"
#include "problems.h"
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
    row->problem_code = {};
    const std::size_t width = Width(*row);
    if (!header_width_) {
      header_width_ = width;
      return true;
    }
    if (OmitsEmptyCells() ? width <= *header_width_ : width == *header_width_) return true;
    std::string message = std::string(source_name()) + ":" + std::to_string(row->line) + ": " +
                          std::to_string(width) + (width == 1 ? " field" : " fields") +
                          ", header has " + std::to_string(*header_width_);
    ProblemCode code =
        Problem(width == 1 ? "problem.table.one_field" : "problem.table.fields",
                {{"where", std::string(source_name()) + ":" + std::to_string(row->line)},
                 {"fields", std::to_string(width)},
                 {"header", std::to_string(*header_width_)}});
    if (deliver_bad_rows_) {
      row->problem = std::move(message);
      row->problem_code = std::move(code);
      return true;
    }
    if (++bad_rows_ <= kMaxListedBadRows) {
      bad_listed_.push_back(std::move(message));
      bad_codes_.push_back(std::move(code));
    }
  }
  finished_ = true;
  if (bad_rows_ == 0) {
    end_status_ = read_status();
    return false;
  }
  std::vector<std::string> messages = std::move(bad_listed_);
  std::vector<ProblemCode> codes = std::move(bad_codes_);
  if (bad_rows_ > kMaxListedBadRows) {
    const std::string more = std::to_string(bad_rows_ - kMaxListedBadRows);
    messages.push_back(std::string(source_name()) + ": " + more + " more bad rows not listed");
    codes.push_back(
        Problem("problem.table.more_rows", {{"where", std::string(source_name())}, {"n", more}}));
  }
  for (const std::string& m : read_status().messages()) messages.push_back(m);
  for (const ProblemCode& c : read_status().problems()) codes.push_back(c);
  end_status_ = Status::InvalidAll(std::move(messages), std::move(codes));
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
