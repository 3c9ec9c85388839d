#include "compare_writer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "chart.h"
#include "csv_writer.h"
#include "json_writer.h"

namespace vtaudit {
namespace {

std::string_view Pick(const CompareMeta& m, std::string_view nl, std::string_view en) {
  return m.lang == "en" ? en : nl;
}

std::string Pct(const std::optional<double>& share, const CompareMeta& m) {
  return share ? FormatPercent(*share, 1, m.lang) : "-";
}

// A difference of shares in percentage points: "+2,3 pp" / "+2.3 pp".
std::string Points(double diff, const CompareMeta& m) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%+.1f", diff * 100);
  std::string s = buf;
  if (m.lang != "en") std::replace(s.begin(), s.end(), '.', ',');
  return s + " pp";
}

std::string ChangeText(const YearChange& ch, const CompareMeta& m) {
  return Points(ch.difference, m) + " [" + Points(ch.ci95.low, m) + "; " + Points(ch.ci95.high, m) +
         "]" + (ch.beyond_noise ? std::string(Pick(m, " (meer dan ruis)", " (beyond noise)")) : "");
}

std::string YearsLabel(const std::vector<int>& years) {
  if (years.empty()) return "";
  bool contiguous = true;
  for (size_t i = 1; i < years.size(); ++i) contiguous = contiguous && years[i] == years[i - 1] + 1;
  if (years.size() == 1) return std::to_string(years[0]);
  if (contiguous) return std::to_string(years.front()) + "-" + std::to_string(years.back());
  std::string out;
  for (const int y : years) out += (out.empty() ? "" : ", ") + std::to_string(y);
  return out;
}

std::string Pad(std::string s, size_t width) {
  // Width in characters: UTF-8 continuation bytes take no column.
  size_t cols = 0;
  for (const char ch : s) cols += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
  if (cols < width) s.append(width - cols, ' ');
  return s;
}

std::string AuditLabel(const AuditedPeriod& a) {
  return a.org + " " + std::to_string(a.year) + " (" + a.framework_id + ")";
}

std::string CriterionCellText(const CriterionCell& cell, const CompareMeta& m) {
  if (cell.unmatched) return std::string(Pick(m, "geen tegenhanger", "no counterpart"));
  std::string s = Pct(cell.share, m);
  if (cell.level) s += " " + *cell.level;
  if (!cell.via.empty()) s += " (" + std::string(Pick(m, "via ", "via ")) + cell.via + ")";
  return s;
}

const char* kCountLabelsNl[] = {"meldingen", "meldingen km", "onderzoeken afgerond", "waarvan km",
                                "RvdK"};
const char* kCountLabelsEn[] = {"reports", "reports child abuse", "investigations completed",
                                "of which child abuse", "RvdK"};

std::vector<long> CountValues(const YearlyCounts& c) {
  return {c.meldingen, c.meldingen_kindermishandeling, c.investigations_completed,
          c.investigations_completed_kindermishandeling, c.rvdk};
}

}  // namespace

std::string CompareTable(const Comparison& c, const CompareMeta& m) {
  std::string out;
  out += std::string(Pick(m, "vergelijking ", "comparison ")) + YearsLabel(c.years) + ", " +
         std::string(Pick(m, "cohort ", "cohort ")) + std::string(CohortName(m.cohort)) + ", " +
         std::string(Pick(m, "peildatum ", "as of ")) + m.as_of.ToIso() + ", " +
         std::string(Pick(m, "kader ", "framework ")) + m.framework_id + "\n";
  for (const DeadlineComparison& d : c.deadlines) {
    out += "\n" + d.deadline.id + ": " + (m.lang == "en" ? d.deadline.gloss : d.deadline.name) +
           " (norm " + FormatPercent(d.deadline.norm, 0, m.lang) + ")\n";
    std::string head = Pad("", 8);
    for (const int y : c.years) head += Pad(std::to_string(y), 10);
    while (!head.empty() && head.back() == ' ') head.pop_back();
    out += head + "\n";
    const auto row = [&](const ShareRow& r) {
      std::string line = Pad(r.org, 8);
      for (size_t y = 0; y < c.years.size(); ++y) {
        std::string cell = Pct(r.cells[y].share, m);
        if (r.changes[y] && r.changes[y]->beyond_noise) {
          cell += r.changes[y]->difference > 0 ? "+" : "-";
        }
        if (r.cells[y].meets_norm == "yes") cell += "*";
        line += Pad(cell, 10);
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out += line + "\n";
    };
    for (const ShareRow& r : d.organisations) row(r);
    row(d.national);
    out += std::string(Pick(m,
                            "* norm gehaald; +/- verschil met vorig jaar groter dan ruis "
                            "(Newcombe 95%)\n",
                            "* norm met; +/- change from the previous year beyond noise "
                            "(Newcombe 95%)\n"));
    for (size_t y = 0; y < c.years.size(); ++y) {
      const ShareCell& n = d.national.cells[y];
      out += std::string(Pick(m, "landelijk ", "national ")) + std::to_string(c.years[y]) + ": " +
             Pct(n.share, m) + " (" + std::to_string(n.counts.on_time) + "/" +
             std::to_string(n.counts.counted()) + ")";
      if (d.national.changes[y]) out += ", " + ChangeText(*d.national.changes[y], m);
      out += "\n";
    }
    for (const NormTally& t : d.tallies) out += NormStatement(d, t, m.lang) + "\n";
    if (!d.ranking.empty() && !d.ranking.back().empty()) {
      out += std::string(Pick(m, "ranglijst ", "ranking ")) + std::to_string(c.years.back()) + ":";
      for (const RankEntry& e : d.ranking.back()) {
        out += " " + std::to_string(e.rank) + ". " + e.org + " " +
               FormatPercent(e.share, 1, m.lang) + ";";
      }
      out.back() = '\n';
    }
  }
  out += "\n" +
         std::string(
             Pick(m, "landelijke aantallen (uit de zaken)", "national counts (from the cases)")) +
         "\n";
  const char** labels = m.lang == "en" ? kCountLabelsEn : kCountLabelsNl;
  std::string head = Pad(std::string(Pick(m, "jaar", "year")), 6);
  for (int i = 0; i < 5; ++i) head += " " + std::string(labels[i]);
  out += head + "\n";
  for (size_t y = 0; y < c.years.size(); ++y) {
    std::string line = Pad(std::to_string(c.years[y]), 6);
    const std::vector<long> v = CountValues(c.national_counts[y]);
    for (int i = 0; i < 5; ++i) {
      const std::string n = std::to_string(v[static_cast<size_t>(i)]);
      const size_t w = std::string_view(labels[i]).size();
      line += " " + std::string(w > n.size() ? w - n.size() : 0, ' ') + n;
    }
    out += line + "\n";
  }
  if (!c.audits.empty()) {
    out += "\n" + std::string(Pick(m, "audits", "audits")) + ":";
    for (size_t i = 0; i < c.audits.size(); ++i) {
      out += " [" + std::to_string(i + 1) + "] #" + std::to_string(c.audits[i].audit_id) + " " +
             AuditLabel(c.audits[i]);
    }
    out += "\n";
    for (const DomainRow& d : c.domains) {
      std::string line = Pad(d.id, 16);
      for (size_t i = 0; i < d.levels.size(); ++i) {
        line += " [" + std::to_string(i + 1) + "] " + d.levels[i].value_or("-");
      }
      out += line + "\n";
    }
    for (const CriterionRow& r : c.criteria) {
      std::string line =
          Pad(r.id + (r.removed ? std::string(Pick(m, " (vervallen)", " (removed)")) : ""), 16);
      for (size_t i = 0; i < r.cells.size(); ++i) {
        line += " [" + std::to_string(i + 1) + "] " + CriterionCellText(r.cells[i], m);
      }
      out += line + "\n";
    }
  }
  return out;
}

namespace {

void WriteCell(JsonWriter* w, int year, const ShareCell& cell,
               const std::optional<YearChange>& change) {
  w->BeginObject();
  w->Key("year").Number(year);
  w->Key("on_time").Number(static_cast<double>(cell.counts.on_time));
  w->Key("late").Number(static_cast<double>(cell.counts.late));
  w->Key("counted").Number(static_cast<double>(cell.counts.counted()));
  w->Key("share_on_time").OptionalNumber(cell.share);
  w->Key("meets_norm");
  if (cell.meets_norm.empty()) {
    w->Null();
  } else {
    w->String(cell.meets_norm);
  }
  w->Key("change");
  if (change) {
    w->BeginObject();
    w->Key("from_year").Number(change->from_year);
    w->Key("difference").Number(change->difference);
    w->Key("ci95").BeginArray().Number(change->ci95.low).Number(change->ci95.high).EndArray();
    w->Key("beyond_noise").Bool(change->beyond_noise);
    w->EndObject();
  } else {
    w->Null();
  }
  w->EndObject();
}

void WriteRow(JsonWriter* w, const std::vector<int>& years, const ShareRow& r) {
  w->BeginObject();
  w->Key("org").String(r.org);
  w->Key("name").String(r.name);
  w->Key("years").BeginArray();
  for (size_t y = 0; y < years.size(); ++y) WriteCell(w, years[y], r.cells[y], r.changes[y]);
  w->EndArray();
  w->EndObject();
}

void OptionalString(JsonWriter* w, const std::optional<std::string>& s) {
  if (s) {
    w->String(*s);
  } else {
    w->Null();
  }
}

}  // namespace

std::string CompareJson(const Comparison& c, const CompareMeta& m) {
  JsonWriter w;
  w.BeginObject();
  w.Key("years").BeginArray();
  for (const int y : c.years) w.Number(y);
  w.EndArray();
  w.Key("cohort").String(CohortName(m.cohort));
  w.Key("as_of").String(m.as_of.ToIso());
  w.Key("framework").String(m.framework_id);
  w.Key("organisations").BeginArray();
  for (const Organisation& o : c.organisations) {
    w.BeginObject().Key("code").String(o.code).Key("name").String(o.name).EndObject();
  }
  w.EndArray();
  w.Key("deadlines").BeginArray();
  for (const DeadlineComparison& d : c.deadlines) {
    w.BeginObject();
    w.Key("id").String(d.deadline.id);
    w.Key("name").String(d.deadline.name);
    w.Key("gloss").String(d.deadline.gloss);
    w.Key("norm").Number(d.deadline.norm);
    w.Key("statements").BeginArray();
    for (const NormTally& t : d.tallies) {
      w.BeginObject();
      w.Key("year").Number(t.year);
      w.Key("met").Number(t.met);
      w.Key("organisations").Number(t.organisations);
      w.Key("text").String(NormStatement(d, t, m.lang));
      w.EndObject();
    }
    w.EndArray();
    w.Key("organisations").BeginArray();
    for (const ShareRow& r : d.organisations) WriteRow(&w, c.years, r);
    w.EndArray();
    w.Key("national");
    WriteRow(&w, c.years, d.national);
    w.Key("ranking").BeginArray();
    for (size_t y = 0; y < c.years.size(); ++y) {
      w.BeginObject();
      w.Key("year").Number(c.years[y]);
      w.Key("entries").BeginArray();
      for (const RankEntry& e : d.ranking[y]) {
        w.BeginObject();
        w.Key("rank").Number(e.rank);
        w.Key("org").String(e.org);
        w.Key("share_on_time").Number(e.share);
        w.Key("counted").Number(static_cast<double>(e.counted));
        w.EndObject();
      }
      w.EndArray();
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.Key("national_counts").BeginArray();
  for (size_t y = 0; y < c.years.size(); ++y) {
    const YearlyCounts& n = c.national_counts[y];
    w.BeginObject();
    w.Key("year").Number(c.years[y]);
    w.Key("meldingen").Number(static_cast<double>(n.meldingen));
    w.Key("meldingen_kindermishandeling")
        .Number(static_cast<double>(n.meldingen_kindermishandeling));
    w.Key("investigations_completed").Number(static_cast<double>(n.investigations_completed));
    w.Key("investigations_completed_kindermishandeling")
        .Number(static_cast<double>(n.investigations_completed_kindermishandeling));
    w.Key("rvdk").Number(static_cast<double>(n.rvdk));
    w.EndObject();
  }
  w.EndArray();
  w.Key("audits").BeginArray();
  for (const AuditedPeriod& a : c.audits) {
    w.BeginObject();
    w.Key("id").Number(static_cast<double>(a.audit_id));
    w.Key("org").String(a.org);
    w.Key("year").Number(a.year);
    w.Key("framework").String(a.framework_id);
    w.Key("framework_version").String(a.framework_version);
    w.EndObject();
  }
  w.EndArray();
  w.Key("domains").BeginArray();
  for (const DomainRow& d : c.domains) {
    w.BeginObject();
    w.Key("id").String(d.id);
    w.Key("judgements").BeginArray();
    for (const auto& level : d.levels) OptionalString(&w, level);
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.Key("criteria").BeginArray();
  for (const CriterionRow& r : c.criteria) {
    w.BeginObject();
    w.Key("id").String(r.id);
    w.Key("removed").Bool(r.removed);
    w.Key("audits").BeginArray();
    for (const CriterionCell& cell : r.cells) {
      w.BeginObject();
      w.Key("unmatched").Bool(cell.unmatched);
      w.Key("share").OptionalNumber(cell.share);
      w.Key("judgement");
      OptionalString(&w, cell.level);
      w.Key("via");
      OptionalString(&w, cell.via.empty() ? std::nullopt : std::optional(cell.via));
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return w.str();
}

std::string CompareCsv(const Comparison& c, const CompareMeta& m) {
  (void)m;
  std::string out =
      "section,deadline,org,year,on_time,late,counted,share_on_time,norm,"
      "meets_norm,change,change_low,change_high,beyond_noise,meldingen,"
      "meldingen_kindermishandeling,investigations_completed,"
      "investigations_completed_kindermishandeling,rvdk\n";
  const auto num = [](double v) { return JsonWriter::FormatNumber(v); };
  // Every cell goes through CsvText: a text with a separator, quote or line break is
  // quoted, one that looks like a formula is guarded.
  const auto line = [&out](const std::vector<std::string>& cells) {
    for (size_t i = 0; i < cells.size(); ++i) out += (i > 0 ? "," : "") + CsvText(cells[i]);
    out += "\n";
  };
  for (const DeadlineComparison& d : c.deadlines) {
    const auto rows = [&](const ShareRow& r) {
      for (size_t y = 0; y < c.years.size(); ++y) {
        const ShareCell& cell = r.cells[y];
        std::vector<std::string> cells = {"timeliness",
                                          d.deadline.id,
                                          r.org,
                                          std::to_string(c.years[y]),
                                          std::to_string(cell.counts.on_time),
                                          std::to_string(cell.counts.late),
                                          std::to_string(cell.counts.counted()),
                                          cell.share ? num(*cell.share) : "",
                                          num(d.deadline.norm),
                                          cell.meets_norm};
        if (const auto& ch = r.changes[y]) {
          cells.insert(cells.end(), {num(ch->difference), num(ch->ci95.low), num(ch->ci95.high),
                                     ch->beyond_noise ? "1" : "0"});
        } else {
          cells.insert(cells.end(), 4, "");
        }
        cells.insert(cells.end(), 5, "");
        line(cells);
      }
    };
    for (const ShareRow& r : d.organisations) rows(r);
    rows(d.national);
  }
  for (size_t y = 0; y < c.years.size(); ++y) {
    std::vector<std::string> cells = {"national_counts", "", "NL", std::to_string(c.years[y])};
    cells.insert(cells.end(), 10, "");
    for (const long v : CountValues(c.national_counts[y])) cells.push_back(std::to_string(v));
    line(cells);
  }
  return out;
}

namespace {

// Background of a heat cell: red far below the norm, through amber, to green at the norm.
std::string HeatColour(const std::optional<double>& share, double norm) {
  if (!share) return "#eeeeee";
  const double r = norm > 0 ? std::clamp(*share / norm, 0.0, 1.0) : 1.0;
  const double hue = r >= 1.0 ? 120 : 60 * std::pow(r, 4);  // gaps near the norm stand out
  char buf[48];
  std::snprintf(buf, sizeof buf, "hsl(%.0f,65%%,82%%)", hue);
  return buf;
}

const char* kCss =
    "body{font-family:system-ui,sans-serif;margin:2em;color:#111;max-width:70em}"
    "h1{font-size:1.5em}h2{font-size:1.25em;margin-top:2em}h3{font-size:1.05em}"
    "table{border-collapse:collapse;margin:.5em 0;font-variant-numeric:tabular-nums}"
    "th,td{border:1px solid #bbb;padding:.2em .45em;text-align:right}"
    "th:first-child,td:first-child{text-align:left}"
    ".stmt{font-weight:600}.note{color:#444;font-size:.9em}"
    "@media print{body{margin:0}h2{break-before:page}}";

}  // namespace

std::string CompareHtml(const Comparison& c, const CompareMeta& m) {
  const auto esc = [](std::string_view s) { return EscapeXml(s); };
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"" + esc(m.lang) + "\"><head><meta charset=\"utf-8\"><title>" +
      esc(std::string(Pick(m, "Vergelijking Veilig Thuis ", "Comparison Veilig Thuis ")) +
          YearsLabel(c.years)) +
      "</title><style>" + kCss + "</style></head><body>\n";
  out += "<h1>" +
         esc(std::string(Pick(m, "Vergelijking Veilig Thuis-organisaties ",
                              "Comparison of Veilig Thuis organisations ")) +
             YearsLabel(c.years)) +
         "</h1>\n<p class=\"note\">" +
         esc(std::string(Pick(m, "Cohort ", "Cohort ")) + std::string(CohortName(m.cohort)) + ", " +
             std::string(Pick(m, "peildatum ", "as of ")) + m.as_of.ToIso() + ", " +
             std::string(Pick(m, "kader ", "framework ")) + m.framework_id + ". " +
             std::string(Pick(m,
                              "Landelijke aandelen zijn berekend uit de zaken (som tijdig / som "
                              "geteld), niet als gemiddelde van aandelen.",
                              "National shares are computed from the cases (sum on time / sum "
                              "counted), not as a mean of shares."))) +
         "</p>\n";
  for (const DeadlineComparison& d : c.deadlines) {
    const std::string title = m.lang == "en" ? d.deadline.gloss : d.deadline.name;
    out += "<h2>" + esc(title) + " (norm " + esc(FormatPercent(d.deadline.norm, 0, m.lang)) +
           ")</h2>\n";
    for (const NormTally& t : d.tallies) {
      out += "<p class=\"stmt\">" + esc(NormStatement(d, t, m.lang)) + "</p>\n";
    }
    // Heat table.
    out += "<h3>" +
           esc(std::string(Pick(m, "Aandeel tijdig per organisatie en jaar",
                                "Share on time per organisation and year"))) +
           "</h3>\n<table><thead><tr><th>" +
           esc(std::string(Pick(m, "organisatie", "organisation"))) + "</th>";
    for (const int y : c.years) out += "<th>" + std::to_string(y) + "</th>";
    out += "</tr></thead><tbody>\n";
    const auto heat_row = [&](const ShareRow& r, bool bold) {
      out += std::string("<tr>") + (bold ? "<th>" : "<td>") + esc(r.org) + " " + esc(r.name) +
             (bold ? "</th>" : "</td>");
      for (size_t y = 0; y < c.years.size(); ++y) {
        const ShareCell& cell = r.cells[y];
        std::string tip =
            std::to_string(cell.counts.on_time) + "/" + std::to_string(cell.counts.counted());
        if (r.changes[y]) tip += "; " + ChangeText(*r.changes[y], m);
        out += "<td style=\"background:" + HeatColour(cell.share, d.deadline.norm) + "\" title=\"" +
               esc(tip) + "\">" + esc(Pct(cell.share, m)) +
               (r.changes[y] && r.changes[y]->beyond_noise
                    ? (r.changes[y]->difference > 0 ? " ▲" : " ▼")
                    : "") +
               "</td>";
      }
      out += "</tr>\n";
    };
    for (const ShareRow& r : d.organisations) heat_row(r, false);
    heat_row(d.national, true);
    out += "</tbody></table>\n<p class=\"note\">" +
           esc(std::string(Pick(m,
                                "▲/▼: verschil met het vorige jaar groter dan ruis (95%-interval "
                                "van Newcombe sluit 0 uit). Groen: norm gehaald.",
                                "▲/▼: change from the previous year beyond noise (Newcombe 95% "
                                "interval excludes 0). Green: norm met."))) +
           "</p>\n";
    // National change.
    out += "<table><thead><tr><th>" + esc(std::string(Pick(m, "landelijk", "national"))) +
           "</th><th>" + esc(std::string(Pick(m, "tijdig", "on time"))) + "</th><th>" +
           esc(std::string(Pick(m, "geteld", "counted"))) + "</th><th>" +
           esc(std::string(Pick(m, "aandeel", "share"))) + "</th><th>" +
           esc(std::string(Pick(m, "verschil [95%-interval]", "change [95% interval]"))) +
           "</th></tr></thead><tbody>\n";
    for (size_t y = 0; y < c.years.size(); ++y) {
      const ShareCell& n = d.national.cells[y];
      out += "<tr><td>" + std::to_string(c.years[y]) + "</td><td>" +
             std::to_string(n.counts.on_time) + "</td><td>" + std::to_string(n.counts.counted()) +
             "</td><td>" + esc(Pct(n.share, m)) + "</td><td>" +
             (d.national.changes[y] ? esc(ChangeText(*d.national.changes[y], m)) : "") +
             "</td></tr>\n";
    }
    out += "</tbody></table>\n";
    // Small multiples.
    SmallMultiples sm;
    sm.title = title + (m.lang == "en" ? ": trend per organisation" : ": verloop per organisatie");
    sm.description = sm.title;
    sm.lang = m.lang;
    sm.columns = 5;
    const auto panel = [&](const ShareRow& r) {
      LineChart lc;
      lc.title = r.org;
      lc.description = r.org + " " + r.name;
      lc.lang = m.lang;
      lc.norm = d.deadline.norm;
      for (const int y : c.years) lc.x_labels.push_back(std::to_string(y));
      Series s{std::string(Pick(m, "aandeel tijdig", "share on time")), {}};
      for (const ShareCell& cell : r.cells) s.values.push_back(cell.share);
      lc.series.push_back(std::move(s));
      sm.panels.push_back(std::move(lc));
    };
    panel(d.national);
    for (const ShareRow& r : d.organisations) panel(r);
    out += ToSvg(sm) + "\n";
    // Ranking: places × years.
    out += "<h3>" + esc(std::string(Pick(m, "Ranglijst", "Ranking"))) +
           "</h3>\n<table><thead><tr><th>#</th>";
    for (const int y : c.years) out += "<th>" + std::to_string(y) + "</th>";
    out += "</tr></thead><tbody>\n";
    size_t places = 0;
    for (const auto& r : d.ranking) places = std::max(places, r.size());
    for (size_t p = 0; p < places; ++p) {
      out += "<tr><td>" + std::to_string(p + 1) + "</td>";
      for (size_t y = 0; y < c.years.size(); ++y) {
        out += "<td>";
        if (p < d.ranking[y].size()) {
          const RankEntry& e = d.ranking[y][p];
          out += std::to_string(e.rank) + ". " + esc(e.org) + " " +
                 esc(FormatPercent(e.share, 1, m.lang));
        }
        out += "</td>";
      }
      out += "</tr>\n";
    }
    out += "</tbody></table>\n";
  }
  // National counts.
  out += "<h2>" +
         esc(std::string(Pick(m, "Landelijke aantallen per jaar (uit de zaken)",
                              "National counts per year (from the cases)"))) +
         "</h2>\n<table><thead><tr><th>" + esc(std::string(Pick(m, "jaar", "year"))) + "</th>";
  const char** labels = m.lang == "en" ? kCountLabelsEn : kCountLabelsNl;
  for (int i = 0; i < 5; ++i) out += "<th>" + esc(labels[i]) + "</th>";
  out += "</tr></thead><tbody>\n";
  for (size_t y = 0; y < c.years.size(); ++y) {
    out += "<tr><td>" + std::to_string(c.years[y]) + "</td>";
    for (const long v : CountValues(c.national_counts[y])) {
      out += "<td>" + std::to_string(v) + "</td>";
    }
    out += "</tr>\n";
  }
  out += "</tbody></table>\n";
  // Audited periods.
  if (!c.audits.empty()) {
    out += "<h2>" + esc(std::string(Pick(m, "Geauditeerde perioden", "Audited periods"))) +
           "</h2>\n<table><thead><tr><th></th>";
    for (const AuditedPeriod& a : c.audits) out += "<th>" + esc(AuditLabel(a)) + "</th>";
    out += "</tr></thead><tbody>\n";
    for (const DomainRow& d : c.domains) {
      out += "<tr><th>" + esc(d.id) + "</th>";
      for (const auto& level : d.levels) out += "<td>" + esc(level.value_or("-")) + "</td>";
      out += "</tr>\n";
    }
    for (const CriterionRow& r : c.criteria) {
      out += "<tr><td title=\"" + esc(m.lang == "en" ? r.gloss : r.text) + "\">" + esc(r.id) +
             (r.removed ? esc(std::string(Pick(m, " (vervallen)", " (removed)"))) : "") + "</td>";
      for (const CriterionCell& cell : r.cells) {
        out += "<td>" + esc(CriterionCellText(cell, m)) + "</td>";
      }
      out += "</tr>\n";
    }
    out += "</tbody></table>\n";
  }
  out += "</body></html>\n";
  return out;
}

}  // namespace vtaudit
