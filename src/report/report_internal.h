// The report as a document: sections of headings, paragraphs, tables and charts, built once
// from a ReportModel and its wording, so that the HTML and PDF writers show the same content
// and differ only in how they lay it out.
#ifndef VTAUDIT_REPORT_INTERNAL_H_
#define VTAUDIT_REPORT_INTERNAL_H_

#include <string>
#include <vector>

#include "chart.h"
#include "report.h"

namespace vtaudit::report_internal {

struct Block {
  enum class Kind { kHeading, kParagraph, kTable, kBarChart, kLineChart, kHistogram };
  Kind kind = Kind::kParagraph;
  int level = 2;      // headings: 1..4
  std::string text;   // heading or paragraph; tables: the caption
  std::string style;  // "lead", "note", "verdict-<level>"…: a CSS class; the PDF may ignore it
  std::vector<std::string> header;             // tables
  std::vector<std::vector<std::string>> rows;  // cells may hold "\n" for line breaks
  std::vector<double> widths;                  // relative column widths (PDF)
  BarChart bar;
  LineChart line;
  Histogram histogram;
};

struct Section {
  std::string id;  // the template placeholder: cover, summary, method, findings, …
  std::vector<Block> blocks;
};

// The sections in the order of the report.
std::vector<Section> BuildDocument(const ReportModel& model, const ReportTemplates& t);

// The level's name in the report's language; "niet beoordeeld"-wording when none.
std::string LevelName(const ReportModel& model, const ReportTemplates& t,
                      const std::optional<std::string>& level);
std::string Percent(const ReportTemplates& t, const std::optional<double>& share);

}  // namespace vtaudit::report_internal

#endif  // VTAUDIT_REPORT_INTERNAL_H_
