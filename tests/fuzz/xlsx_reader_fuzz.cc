// The XLSX reader on arbitrary bytes written to a file, through its public API only
// (XlsxReader::Open, TableReader::Next), so the target keeps working when the reader's
// insides change. Parts are capped at 8 MiB instead of 200 MiB so that a zip bomb costs
// the fuzzer little; the cap's own check is exercised all the same.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "fuzz_support.h"
#include "table_reader.h"
#include "xlsx_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static vtaudit::fuzz::ScratchFile scratch(".xlsx");
  const std::string& path = scratch.Write(vtaudit::fuzz::AsText(data, size));
  vtaudit::Result<std::unique_ptr<vtaudit::XlsxReader>> reader =
      vtaudit::XlsxReader::Open(path, "", std::uint64_t{8} << 20);
  if (!reader.ok()) return 0;
  vtaudit::TableRow row;
  while ((*reader)->Next(&row)) {
    vtaudit::fuzz::Require(row.numeric.size() == row.fields.size(), "numeric has fields' size");
  }
  // A status, ok or not, that can be printed.
  (void)(*reader)->status().ToString();
  return 0;
}
