// The HTML report: the document's sections rendered into the template's placeholders
// (reports/README.md). Every text from the model or the wording is escaped here, once.
#include <string>

#include "report.h"
#include "report_internal.h"

namespace vtaudit {
namespace {

using report_internal::Block;
using report_internal::Section;

// Escaped text with "\n" as <br>.
std::string Cell(const std::string& text) {
  std::string out;
  size_t start = 0;
  for (size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1) {
    out += EscapeHtml(text.substr(start, nl - start)) + "<br>";
  }
  return out + EscapeHtml(text.substr(start));
}

void RenderTable(const Block& b, std::string* out) {
  *out += "<table";
  if (!b.style.empty()) *out += " class=\"" + EscapeHtml(b.style) + "\"";
  *out += ">\n";
  if (!b.text.empty()) *out += "<caption>" + EscapeHtml(b.text) + "</caption>\n";
  if (!b.header.empty()) {
    *out += "<thead><tr>";
    for (const std::string& h : b.header) *out += "<th scope=\"col\">" + Cell(h) + "</th>";
    *out += "</tr></thead>\n";
  }
  *out += "<tbody>\n";
  for (const std::vector<std::string>& row : b.rows) {
    *out += "<tr>";
    for (size_t i = 0; i < row.size(); ++i) {
      // Key-value tables (no header) name their rows in the first cell.
      if (b.header.empty() && i == 0) {
        *out += "<th scope=\"row\">" + Cell(row[i]) + "</th>";
      } else {
        *out += "<td>" + Cell(row[i]) + "</td>";
      }
    }
    *out += "</tr>\n";
  }
  *out += "</tbody>\n</table>\n";
}

std::string RenderSection(const Section& s) {
  std::string out;
  for (const Block& b : s.blocks) {
    switch (b.kind) {
      case Block::Kind::kHeading: {
        const std::string tag = "h" + std::to_string(b.level);
        out += "<" + tag + ">" + EscapeHtml(b.text) + "</" + tag + ">\n";
        break;
      }
      case Block::Kind::kParagraph:
        out += b.style.empty() ? "<p>" : "<p class=\"" + EscapeHtml(b.style) + "\">";
        out += Cell(b.text) + "</p>\n";
        break;
      case Block::Kind::kTable:
        RenderTable(b, &out);
        break;
      case Block::Kind::kBarChart:
        out += "<figure class=\"chart\">" + ToSvg(b.bar) + "</figure>\n";
        break;
      case Block::Kind::kLineChart:
        out += "<figure class=\"chart\">" + ToSvg(b.line) + "</figure>\n";
        break;
      case Block::Kind::kHistogram:
        out += "<figure class=\"chart\">" + ToSvg(b.histogram) + "</figure>\n";
        break;
    }
  }
  return out;
}

}  // namespace

std::string ReportHtml(const ReportModel& model, const ReportTemplates& t) {
  std::map<std::string, std::string> values;
  // The responses section is there only when the report has one (BuildDocument): it brings
  // its own element and contents entry, so that no empty section is left behind.
  values["responses"] = values["responses_nav"] = "";
  for (const Section& s : report_internal::BuildDocument(model, t)) {
    values[s.id] = RenderSection(s);
  }
  if (!values["responses"].empty()) {
    values["responses"] = "<section id=\"responses\">\n" + values["responses"] + "</section>\n";
    values["responses_nav"] =
        "<li><a href=\"#responses\">" + EscapeHtml(t.T("responses.heading")) + "</a></li>\n";
  }
  values["lang"] = EscapeHtml(t.lang);
  values["css"] = t.css;
  values["title"] = EscapeHtml(t.T(
      "html.title", {{"organisation", model.org_name}, {"period", std::to_string(model.period)}}));
  values["synthetic"] = model.synthetic ? "<div class=\"synthetic\" role=\"note\">" +
                                              EscapeHtml(t.T("synthetic.banner")) + "</div>"
                                        : "";
  values["state"] = "<div class=\"state\" role=\"note\">" +
                    EscapeHtml(t.T("html.state", {{"organisation", model.org_name},
                                                  {"period", std::to_string(model.period)},
                                                  {"state", t.T("status." + model.status)}})) +
                    "</div>";
  values["footer"] = EscapeHtml(t.T("html.footer", {{"organisation", model.org_name},
                                                    {"period", std::to_string(model.period)},
                                                    {"version", model.toolkit_version},
                                                    {"sha256", model.framework_sha256}}));

  std::string out;
  const std::string& h = t.html;
  out.reserve(h.size() + 64 * 1024);
  for (size_t i = 0; i < h.size();) {
    if (h.compare(i, 2, "{{") == 0) {
      const size_t end = h.find("}}", i + 2);
      if (end != std::string::npos) {
        const std::string name = h.substr(i + 2, end - i - 2);
        if (name.rfind("t:", 0) == 0) {
          out += EscapeHtml(t.T(name.substr(2)));
        } else if (auto it = values.find(name); it != values.end()) {
          out += it->second;
        } else {
          out += EscapeHtml("[" + name + "]");
        }
        i = end + 2;
        continue;
      }
    }
    out += h[i++];
  }
  return out;
}

}  // namespace vtaudit
