// The CSV reader on arbitrary bytes, read twice: from memory in one piece, and streamed
// from a file through a buffer of 1 to 64 bytes (the first input byte chooses), so that
// every refill boundary falls inside quotes, CR LF pairs and UTF-8 sequences. Both
// readings must give the same rows and the same status: the buffer is not allowed to
// change what a file means.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "csv_reader.h"
#include "fuzz_support.h"
#include "table_reader.h"

namespace {

struct Reading {
  std::vector<vtaudit::TableRow> rows;
  std::string status;
};

Reading ReadAll(vtaudit::TableReader& reader, bool deliver_bad_rows) {
  if (deliver_bad_rows) reader.DeliverBadRows();
  Reading out;
  vtaudit::TableRow row;
  while (reader.Next(&row)) {
    vtaudit::fuzz::Require(row.numeric.size() == row.fields.size(), "numeric has fields' size");
    out.rows.push_back(row);
  }
  out.status = reader.status().ToString();
  return out;
}

bool SameRows(const Reading& a, const Reading& b) {
  if (a.rows.size() != b.rows.size() || a.status != b.status) return false;
  for (size_t i = 0; i < a.rows.size(); ++i) {
    const vtaudit::TableRow &x = a.rows[i], &y = b.rows[i];
    if (x.line != y.line || x.fields != y.fields || x.problem != y.problem) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static vtaudit::fuzz::ScratchFile scratch(".csv");
  const size_t buffer_bytes = 1 + data[0] % 64;
  const bool deliver_bad_rows = (data[0] & 0x40) != 0;
  const std::string text(vtaudit::fuzz::AsText(data + 1, size - 1));
  const std::string& path = scratch.Write(text);

  std::unique_ptr<vtaudit::CsvReader> whole = vtaudit::CsvReader::FromString(text, path);
  const Reading in_memory = ReadAll(*whole, deliver_bad_rows);

  vtaudit::Result<std::unique_ptr<vtaudit::CsvReader>> streamed =
      vtaudit::CsvReader::Open(path, buffer_bytes);
  vtaudit::fuzz::Require(streamed.ok(), "the scratch file opens");
  const Reading from_file = ReadAll(**streamed, deliver_bad_rows);
  vtaudit::fuzz::Require((*streamed)->delimiter() == whole->delimiter(), "same delimiter");
  vtaudit::fuzz::Require(SameRows(in_memory, from_file),
                         "streaming through a small buffer reads what memory reads");
  return 0;
}
