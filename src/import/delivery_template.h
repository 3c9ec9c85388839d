// An empty delivery for a profile, for an organisation to fill in: the header of each
// record type (CSV: one file per record type; XLSX: one sheet each) and, in XLSX, a sheet
// "Uitleg" explaining every column: the record, the case field, whether it is required,
// what the organisation fills in, the format and the allowed codes.
#ifndef VTAUDIT_DELIVERY_TEMPLATE_H_
#define VTAUDIT_DELIVERY_TEMPLATE_H_

#include <string>
#include <vector>

#include "profile.h"
#include "status.h"

namespace vtaudit {

// One line of the explanation: a column of a record type.
struct TemplateColumn {
  std::string record, column, field, required, meaning, format, codes;
};
// The columns of every record type, in the profile's order.
std::vector<TemplateColumn> TemplateColumns(const Profile& profile);

// CSV: `path` for a one-record profile; else one file per record type, "x.csv" becoming
// "x-melding.csv", "x-onderzoek.csv". Returns the files written.
Result<std::vector<std::string>> WriteCsvTemplate(const Profile& profile, const std::string& path);
// XLSX: one sheet per record type, then "Uitleg".
Status WriteXlsxTemplate(const Profile& profile, const std::string& path);

}  // namespace vtaudit

#endif  // VTAUDIT_DELIVERY_TEMPLATE_H_
