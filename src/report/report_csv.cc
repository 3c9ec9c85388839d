// ReportCsv: the findings table, one row per criterion (reports/README.md, "CSV").
#include "csv_writer.h"
#include "json_writer.h"
#include "report.h"

namespace vtaudit {
namespace {

std::string CsvNumber(const std::optional<double>& v) {
  return v ? JsonWriter::FormatNumber(*v) : std::string();
}

}  // namespace

std::string ReportCsv(const ReportModel& m) {
  std::string out =
      "organisation,period,audit,framework_sha256,domain,standard,criterion,scope,measured_by,"
      "judgement,met,not_met,not_applicable,disputed,unscored,share,ci95_low,ci95_high,"
      "previous_period,previous_judgement,previous_share,change,change_ci95_low,change_ci95_high,"
      "exceeds_noise,applicable,indicative,status,version\n";
  for (const ReportNode& d : m.domains) {
    for (const ReportNode& s : d.children) {
      for (const ReportNode& c : s.children) {
        std::vector<std::string> f = {
            m.org_code,
            std::to_string(m.period),
            std::to_string(m.audit_id),
            m.framework_sha256,
            d.id,
            s.id,
            c.id,
            c.scope,
            c.measured_by,
            c.level.value_or(""),
            std::to_string(c.met),
            std::to_string(c.not_met),
            std::to_string(c.not_applicable),
            std::to_string(c.disputed),
            std::to_string(c.unscored),
            CsvNumber(c.share),
            CsvNumber(c.ci95 ? std::optional(c.ci95->low) : std::nullopt),
            CsvNumber(c.ci95 ? std::optional(c.ci95->high) : std::nullopt)};
        if (c.change) {
          const ReportChange& ch = *c.change;
          f.push_back(std::to_string(ch.previous_period));
          f.push_back(ch.previous_level.value_or(""));
          f.push_back(CsvNumber(ch.previous_share));
          f.push_back(CsvNumber(ch.change));
          f.push_back(
              CsvNumber(ch.change_ci95 ? std::optional(ch.change_ci95->low) : std::nullopt));
          f.push_back(
              CsvNumber(ch.change_ci95 ? std::optional(ch.change_ci95->high) : std::nullopt));
          f.push_back(ch.change ? (ch.exceeds_noise ? "1" : "0") : "");
        } else {
          f.insert(f.end(), 7, "");
        }
        f.push_back(c.applicable ? "1" : "0");
        f.push_back(c.indicative ? "1" : "0");
        f.push_back(m.status);
        f.push_back(m.version > 0 ? std::to_string(m.version) : "");
        for (size_t i = 0; i < f.size(); ++i) out += (i ? "," : "") + CsvText(f[i]);
        out += "\n";
      }
    }
  }
  return out;
}

}  // namespace vtaudit
