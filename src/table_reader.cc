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

Result<std::unique_ptr<TableReader>> OpenTable(const std::string& path, const std::string& sheet) {
  if (HasXlsxExtension(path)) return Upcast(XlsxReader::Open(path, sheet));
  return Upcast(CsvReader::Open(path));
}

}  // namespace vtaudit
