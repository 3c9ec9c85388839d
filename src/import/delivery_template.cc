#include "delivery_template.h"

#include <xlsxwriter.h>

#include <fstream>

#include "csv_writer.h"
#include "xlsx_workbook.h"

namespace vtaudit {
namespace {

bool IsMoment(CaseField f) {
  return EventFromName(CaseFieldNames()[static_cast<size_t>(f)]).has_value();
}

std::string NativeFormat(CaseField f) {
  if (IsMoment(f)) return "";
  switch (f) {
    case CaseField::kKind:
      return "melding or advies";
    case CaseField::kViolence:
      return "kindermishandeling, partnergeweld, ouderenmishandeling, geweld_tegen_ouders, "
             "overig; several joined by |";
    case CaseField::kOutcome:
      return "VT-00, VT-01-01, VT-01-02, VT-01-03, VT-01-04, VT-02, VT-03, VT-99";
    case CaseField::kRvdk:
    case CaseField::kDisclosure:
      return "1 or 0 (ja/nee, true/false)";
    default:
      return "text";
  }
}

std::string HeaderName(const FieldSource& f) {
  return f.column.empty() ? "(column " + std::to_string(f.position + 1) + ")" : f.heading;
}

// The header of a record: its columns in the order the profile names them (by position
// where it gives one); the ignored columns are optional and left out.
std::vector<std::string> Header(const RecordType& r) {
  std::vector<std::string> out;
  for (const FieldSource& f : r.fields) {
    if (f.position >= 0) {
      if (out.size() <= static_cast<size_t>(f.position))
        out.resize(static_cast<size_t>(f.position) + 1);
      out[static_cast<size_t>(f.position)] = CaseFieldNames()[static_cast<size_t>(f.field)];
    }
  }
  for (const FieldSource& f : r.fields) {
    if (f.position < 0) out.push_back(f.heading);
  }
  return out;
}

}  // namespace

std::vector<TemplateColumn> TemplateColumns(const Profile& profile) {
  std::vector<TemplateColumn> out;
  for (size_t i = 0; i < profile.records.size(); ++i) {
    const RecordType& r = profile.records[i];
    for (const FieldSource& f : r.fields) {
      TemplateColumn c;
      c.record = r.name;
      c.column = HeaderName(f);
      c.field = CaseFieldNames()[static_cast<size_t>(f.field)];
      const bool required = f.field == CaseField::kCaseId || (i == 0 && IsRequiredField(f.field));
      c.required = required ? "yes" : "no";
      c.meaning = f.note.empty() ? std::string(CaseFieldMeaning(f.field)) : f.note;
      if (i > 0 && f.field == CaseField::kCaseId) {
        c.meaning =
            "the case number of the " + profile.records[0].name + " this " + r.name + " belongs to";
      }
      if (IsMoment(f.field)) {
        for (DateFormat d : f.formats) {
          c.format += (c.format.empty() ? "" : " or ") +
                      std::string(d == DateFormat::kNative ? "YYYY-MM-DD[THH:MM[:SS]] or "
                                                             "DD-MM-YYYY[ HH:MM[:SS]]"
                                                           : DateFormatName(d));
        }
        if (f.unknown_day_empty) c.format += "; an unknown day (JJJJMM00) leaves it empty";
      } else if (f.codes.empty()) {
        c.format = NativeFormat(f.field);
      } else {
        c.format = "a code";
        if (f.field == CaseField::kViolence) c.format += "; several joined by " + f.separator;
        for (const auto& [code, means] : f.codes) {
          c.codes += (c.codes.empty() ? "" : ", ") + code + " = " + means;
        }
      }
      out.push_back(std::move(c));
    }
    for (const std::string& ignored : r.ignored) {
      out.push_back(
          {r.name, ignored, "", "no", "ignored on purpose (still checked for BSNs)", "", ""});
    }
  }
  return out;
}

Result<std::vector<std::string>> WriteCsvTemplate(const Profile& profile, const std::string& path) {
  std::vector<std::string> written;
  for (const RecordType& r : profile.records) {
    std::string file = path;
    if (profile.multi_record()) {
      const size_t dot = path.rfind('.');
      const size_t slash = path.rfind('/');
      const bool has_ext = dot != std::string::npos && (slash == std::string::npos || dot > slash);
      file = has_ext ? path.substr(0, dot) + "-" + r.name + path.substr(dot) : path + "-" + r.name;
    }
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    if (!out) return Status::IoError(file + ": cannot write");
    std::string line;
    for (const std::string& h : Header(r)) line += (line.empty() ? "" : ",") + CsvText(h);
    out << line << "\n";
    out.close();
    if (!out) return Status::IoError(file + ": cannot write");
    written.push_back(file);
  }
  return written;
}

Status WriteXlsxTemplate(const Profile& profile, const std::string& path) {
  Result<XlsxWorkbook> workbook = XlsxWorkbook::Open(path);
  if (!workbook.ok()) return workbook.status();
  lxw_workbook* book = workbook->book();
  lxw_format* bold = workbook->bold();
  lxw_format* wrap = workbook->wrap();
  for (const RecordType& r : profile.records) {
    lxw_worksheet* sheet = workbook_add_worksheet(book, r.name.c_str());
    const std::vector<std::string> header = Header(r);
    for (size_t c = 0; c < header.size(); ++c) {
      worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), header[c].c_str(), bold);
      worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), 22,
                           nullptr);
    }
    worksheet_freeze_panes(sheet, 1, 0);
  }
  lxw_worksheet* help = workbook_add_worksheet(book, "Uitleg");
  const char* titles[] = {"record",          "column", "field",        "required",
                          "what to fill in", "format", "allowed codes"};
  const double widths[] = {12, 28, 24, 9, 60, 40, 50};
  for (lxw_col_t c = 0; c < 7; ++c) {
    worksheet_write_string(help, 0, c, titles[c], bold);
    worksheet_set_column(help, c, c, widths[c], wrap);
  }
  lxw_row_t row = 1;
  for (const TemplateColumn& t : TemplateColumns(profile)) {
    const std::string* cells[] = {&t.record,  &t.column, &t.field, &t.required,
                                  &t.meaning, &t.format, &t.codes};
    for (lxw_col_t c = 0; c < 7; ++c)
      worksheet_write_string(help, row, c, cells[c]->c_str(), nullptr);
    ++row;
  }
  worksheet_freeze_panes(help, 1, 0);
  return workbook->Close();
}

}  // namespace vtaudit
