// Text for a cell of the CSV files vtaudit writes (sample lists, reports, comparisons):
// quoted as RFC 4180 asks when it holds a separator, quote or line break, and guarded
// against spreadsheet formula injection as OWASP recommends: a text that starts with
// '=', '+', '-', '@', a tab or a carriage return gets a leading apostrophe, so a
// spreadsheet shows it as text instead of running it; a plain number ("-0.16") stays as
// it is. Pure; thread-safe.
#ifndef VTAUDIT_CSV_WRITER_H_
#define VTAUDIT_CSV_WRITER_H_

#include <string>
#include <string_view>

namespace vtaudit {

std::string CsvText(std::string_view text);

}  // namespace vtaudit

#endif  // VTAUDIT_CSV_WRITER_H_
