#include "organisations.h"

#include <charconv>
#include <cmath>
#include <map>
#include <set>

#include "csv_reader.h"
#include "database.h"
#include "escape.h"
#include "printable.h"

namespace vtaudit {

Result<std::vector<Organisation>> ReadOrganisations(const std::string& path) {
  Result<std::unique_ptr<CsvReader>> reader = CsvReader::Open(path);
  if (!reader.ok()) return reader.status();
  TableRow row;
  if (!(*reader)->Next(&row)) {
    if (!(*reader)->status().ok()) return (*reader)->status();
    return Status::Invalid(path + ": empty file, expected a header code,name,region,size_weight");
  }
  // Rows that do not fit the header are listed with the other bad rows, in file order.
  (*reader)->DeliverBadRows();
  std::map<std::string, size_t> column;
  std::vector<std::string> errors;
  for (size_t i = 0; i < row.fields.size(); ++i) {
    const std::string& name = row.fields[i];
    if (name != "code" && name != "name" && name != "region" && name != "size_weight") {
      errors.push_back(path + ":" + std::to_string(row.line) + ": unknown column '" +
                       EscapeControl(name) + "'");
    } else if (!column.emplace(name, i).second) {
      errors.push_back(path + ":" + std::to_string(row.line) + ": column " + name + " twice");
    }
  }
  for (const char* required : {"code", "name"}) {
    if (!column.count(required)) {
      errors.push_back(path + ":" + std::to_string(row.line) + ": missing column " + required);
    }
  }
  if (!errors.empty()) return Status::InvalidAll(std::move(errors));

  const auto field = [&](const char* name) -> std::string {
    const auto it = column.find(name);
    if (it == column.end() || it->second >= row.fields.size()) return "";
    return row.fields[it->second];
  };
  std::vector<Organisation> out;
  std::set<std::string> seen;
  while ((*reader)->Next(&row)) {
    if (!row.problem.empty()) {
      errors.push_back(row.problem);
      continue;
    }
    const std::string where = path + ":" + std::to_string(row.line) + ": column ";
    Organisation org{field("code"), field("name"), field("region"), 1};
    bool bad = false;
    if (org.code.empty()) errors.push_back(where + "code: empty"), bad = true;
    if (org.name.empty()) errors.push_back(where + "name: empty"), bad = true;
    // Names and regions are shown in every report and list.
    for (const char* column_name : {"code", "name", "region"}) {
      if (const std::string why = UnprintableReason(field(column_name)); !why.empty()) {
        errors.push_back(where + column_name + ": holds " + why +
                         "; only printable characters may be used");
        bad = true;
      }
    }
    if (const std::string w = field("size_weight"); !w.empty()) {
      const auto [end, ec] = std::from_chars(w.data(), w.data() + w.size(), org.size_weight);
      if (ec != std::errc() || end != w.data() + w.size() || !(org.size_weight > 0) ||
          !std::isfinite(org.size_weight)) {
        errors.push_back(where + "size_weight: '" + w + "' is not a number greater than 0");
        bad = true;
      }
    }
    if (!org.code.empty() && !seen.insert(org.code).second) {
      errors.push_back(where + "code: " + EscapeControl(org.code) + " occurs twice");
      bad = true;
    }
    if (!bad) out.push_back(std::move(org));
  }
  if (!(*reader)->status().ok()) return (*reader)->status();
  if (!errors.empty()) return Status::InvalidAll(std::move(errors));
  return out;
}

Status ImportOrganisations(Workspace* workspace, const std::string& path,
                           OrganisationImport* result) {
  Result<std::vector<Organisation>> orgs = ReadOrganisations(path);
  if (!orgs.ok()) return orgs.status();
  OrganisationImport counts;
  Transaction tx(&workspace->db());
  if (!tx.status().ok()) return tx.status();
  std::vector<std::string> conflicts;
  for (const Organisation& org : *orgs) {
    Result<Organisation> have = workspace->FindOrganisation(org.code);
    if (have.ok()) {
      if (have->name == org.name && have->region == org.region &&
          have->size_weight == org.size_weight) {
        ++counts.unchanged;
      } else {
        conflicts.push_back(path + ": organisation " + org.code + " exists already as '" +
                            have->name + "' with other details");
      }
      continue;
    }
    if (!have.status().IsNotFound()) return have.status();
    if (Status s = workspace->AddOrganisation(org); !s.ok()) return s;
    ++counts.added;
  }
  if (!conflicts.empty()) {
    Status s = Status::InvalidAll(conflicts);
    return conflicts.size() == 1 ? Status::Conflict(conflicts[0]) : s;
  }
  if (Status s = tx.Commit(); !s.ok()) return s;
  if (result) *result = counts;
  return Status::Ok();
}

}  // namespace vtaudit
