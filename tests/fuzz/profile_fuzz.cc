// The import profile loader on arbitrary text. A profile that loads is put to use: a
// checker is built for each record type from a header of its own columns and checks a row
// of the input's first bytes in every cell, and the template's explanation is made, so
// that what the loader accepts is also safe to use.
#include <cstddef>
#include <cstdint>
#include <string>

#include "delivery_template.h"
#include "fuzz_support.h"
#include "profile.h"
#include "row_checker.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = vtaudit::fuzz::AsText(data, size);
  vtaudit::Result<vtaudit::Profile> p = vtaudit::ParseProfile(text, "fuzz.xml");
  if (!p.ok()) {
    vtaudit::fuzz::Require(!p.status().ToString().empty(), "a refusal says why");
    return 0;
  }
  vtaudit::fuzz::Require(!p->records.empty(), "a profile has a record");
  vtaudit::fuzz::Require(p->records[0].Find(vtaudit::CaseField::kCaseId) != nullptr,
                         "the primary record maps case_id");
  (void)vtaudit::TemplateColumns(*p);
  for (size_t r = 0; r < p->records.size(); ++r) {
    vtaudit::TableRow header;
    header.line = 1;
    for (const vtaudit::FieldSource& f : p->records[r].fields) {
      const size_t at = f.position >= 0 ? static_cast<size_t>(f.position) : header.fields.size();
      if (header.fields.size() <= at) header.fields.resize(at + 1);
      if (!f.column.empty()) header.fields[at] = f.column;
    }
    header.numeric.assign(header.fields.size(), false);
    std::vector<std::string> warnings;
    vtaudit::Result<vtaudit::RowChecker> checker =
        vtaudit::RowChecker::FromHeader("fuzz.csv", *p, r, header, &warnings);
    if (!checker.ok()) continue;
    vtaudit::TableRow row = header;
    row.line = 2;
    for (std::string& cell : row.fields) cell = std::string(text.substr(0, 16));
    vtaudit::CheckedRow out;
    checker->Check(row, &out);
    vtaudit::fuzz::Require(!out.errors.empty() || !out.c.case_id.empty(),
                           "a row without errors has a case id");
  }
  return 0;
}
