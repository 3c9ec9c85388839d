#include "csv_writer.h"

namespace vtaudit {

namespace {

// A plain decimal number ("-0.16", "1e-05"): a spreadsheet reads it as a number, never as a
// formula, so it needs no guard.
bool IsNumber(std::string_view t) {
  size_t i = t.empty() || (t[0] != '-' && t[0] != '+') ? 0 : 1;
  const auto digits = [&] {
    const size_t start = i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
    return i > start;
  };
  if (!digits()) return false;
  if (i < t.size() && t[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < t.size() && (t[i] == '-' || t[i] == '+')) ++i;
    if (!digits()) return false;
  }
  return i == t.size();
}

}  // namespace

std::string CsvText(std::string_view text) {
  std::string cell;
  if (!text.empty() && !IsNumber(text) &&
      (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' || text[0] == '\t' ||
       text[0] == '\r')) {
    cell += '\'';
  }
  cell += text;
  if (cell.find_first_of(",;\"\n\r") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

}  // namespace vtaudit
