#include "compare_writer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "chart.h"
#include "csv_writer.h"
#include "json_writer.h"

namespace vtaudit {
namespace {

std::string T(const CompareMeta& m, const std::string& key, const Translator::Args& args = {}) {
  return m.words.T(key, args);
}

std::string Pct(const std::optional<double>& share, const CompareMeta& m) {
  return share ? m.words.Percent(*share, 1) : "-";
}

// A difference of shares in percentage points: "+2,3 pp" / "+2.3 pp".
std::string Points(double diff, const CompareMeta& m) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%+.1f", diff * 100);
  std::string s = buf;
  if (!m.words.english()) std::replace(s.begin(), s.end(), '.', ',');
  return s + " pp";
}

std::string ChangeText(const YearChange& ch, const CompareMeta& m) {
  return Points(ch.difference, m) + " [" + Points(ch.ci95.low, m) + "; " + Points(ch.ci95.high, m) +
         "]" + (ch.beyond_noise ? " " + T(m, "compare.beyond_noise") : "");
}

// The open stock as "pending/overdue" ("2/5"), "-" when the source has none.
std::string StockText(const ClockCounts& c) {
  if (!c.open) return "-";
  return std::to_string(c.open->pending) + "/" + std::to_string(c.open->overdue);
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

// "3" when the intervals allow one place, "3–7" when they allow several (RankRange).
std::string PlacesText(const RankRange& r) {
  if (r.best == r.worst) return std::to_string(r.best);
  return std::to_string(r.best) + "–" + std::to_string(r.worst);
}

// The total row's code: "NL", the one organisation's, or the word for a selection.
std::string TotalCode(const ShareRow& total, const CompareMeta& m) {
  return total.org.empty() ? T(m, "compare.total_code") : total.org;
}

// Who the total row is, in words: the nation, the one organisation, or the selection.
std::string TotalLabel(const Comparison& c, const ShareRow& total, const CompareMeta& m) {
  if (c.scope == CompareScope::kNational) return T(m, "compare.scope.national");
  return total.org.empty() ? T(m, "compare.scope.selection") : total.org;
}

// The same, as the HTML writes a row's organisation: "NL Nederland".
std::string TotalName(const Comparison& c, const ShareRow& total, const CompareMeta& m) {
  if (c.scope == CompareScope::kSelection && total.org.empty()) {
    return T(m, "compare.scope.selection");
  }
  return total.org + " " + total.name;
}

std::string AuditLabel(const AuditedPeriod& a) {
  return a.org + " " + std::to_string(a.year) + " (" + a.framework_id + ")";
}

std::string CriterionCellText(const CriterionCell& cell, const CompareMeta& m) {
  if (cell.unmatched) return T(m, "compare.no_counterpart");
  std::string s = Pct(cell.share, m);
  if (cell.level) s += " " + *cell.level;
  if (!cell.via.empty()) s += " (" + T(m, "compare.via", {{"id", cell.via}}) + ")";
  return s;
}

// The column heads of the yearly counts, in CountValues' order.
std::vector<std::string> CountLabels(const CompareMeta& m) {
  std::vector<std::string> out;
  for (const char* key :
       {"compare.count.meldingen", "compare.count.meldingen_km", "compare.count.completed",
        "compare.count.completed_km", "compare.count.rvdk"}) {
    out.push_back(T(m, key));
  }
  return out;
}

// The heading of the yearly counts: national, or of the selection.
std::string CountsHeading(const Comparison& c, const ShareRow& total, const CompareMeta& m,
                          const std::string& key) {
  if (c.scope == CompareScope::kNational) return T(m, key + ".national");
  return T(m, key + ".selection", {{"who", TotalLabel(c, total, m)}});
}

std::vector<long> CountValues(const YearlyCounts& c) {
  return {c.meldingen, c.meldingen_kindermishandeling, c.investigations_completed,
          c.investigations_completed_kindermishandeling, c.rvdk};
}

}  // namespace

std::string CompareTable(const Comparison& c, const CompareMeta& m) {
  std::string out;
  out += T(m, "compare.heading",
           {{"years", YearsLabel(c.years)},
            {"cohort", std::string(CohortName(m.cohort))},
            {"as_of", m.as_of.ToIso()},
            {"framework", m.framework_id}}) +
         "\n";
  for (const DeadlineComparison& d : c.deadlines) {
    out += "\n" + d.deadline.id + ": " + (m.words.english() ? d.deadline.gloss : d.deadline.name) +
           " (norm " + m.words.Percent(d.deadline.norm, 0) + ")\n";
    std::string head = Pad("", 8);
    for (const int y : c.years) head += Pad(std::to_string(y), 10);
    while (!head.empty() && head.back() == ' ') head.pop_back();
    out += head + "\n";
    const auto row = [&](const ShareRow& r, const std::string& code) {
      std::string line = Pad(code, 8);
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
    const std::string total_code = TotalCode(d.national, m);
    // One organisation is its own total: its row is not shown twice.
    const bool total_row = c.organisations.size() != 1;
    for (const ShareRow& r : d.organisations) row(r, r.org);
    if (total_row) row(d.national, total_code);
    out += T(m, "compare.legend") + "\n";
    out += T(m, "compare.stock") + "\n";
    const auto stock_row = [&](const ShareRow& r, const std::string& code) {
      std::string line = Pad(code, 8);
      for (const ShareCell& cell : r.cells) line += Pad(StockText(cell.counts), 10);
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out += line + "\n";
    };
    for (const ShareRow& r : d.organisations) stock_row(r, r.org);
    if (total_row) stock_row(d.national, total_code);
    const std::string total_label = TotalLabel(c, d.national, m);
    for (size_t y = 0; y < c.years.size(); ++y) {
      const ShareCell& n = d.national.cells[y];
      out += total_label + " " + std::to_string(c.years[y]) + ": " + Pct(n.share, m) + " (" +
             std::to_string(n.counts.on_time) + "/" + std::to_string(n.counts.counted()) + ")";
      if (d.national.changes[y]) out += ", " + ChangeText(*d.national.changes[y], m);
      out += "\n";
    }
    for (const NormTally& t : d.tallies) out += NormStatement(d, t, m.words) + "\n";
    if (!d.ranking.empty() && !d.ranking.back().empty()) {
      out += T(m, "compare.ranking", {{"year", std::to_string(c.years.back())}});
      for (const RankEntry& e : d.ranking.back()) {
        out += " " + PlacesText(e.places) + ". " + e.org + " " + m.words.Percent(e.share, 1) + ";";
      }
      out.back() = '\n';
      out += T(m, "compare.ranking_note") + "\n";
    }
  }
  const ShareRow* total = c.deadlines.empty() ? nullptr : &c.deadlines.front().national;
  const ShareRow none;
  out += "\n" + CountsHeading(c, total ? *total : none, m, "compare.counts") + "\n";
  const std::vector<std::string> labels = CountLabels(m);
  std::string head = Pad(T(m, "compare.year"), 6);
  for (int i = 0; i < 5; ++i) head += " " + labels[static_cast<size_t>(i)];
  out += head + "\n";
  for (size_t y = 0; y < c.years.size(); ++y) {
    std::string line = Pad(std::to_string(c.years[y]), 6);
    const std::vector<long> v = CountValues(c.national_counts[y]);
    for (int i = 0; i < 5; ++i) {
      const std::string n = std::to_string(v[static_cast<size_t>(i)]);
      const size_t w = labels[static_cast<size_t>(i)].size();
      line += " " + std::string(w > n.size() ? w - n.size() : 0, ' ') + n;
    }
    out += line + "\n";
  }
  if (!c.audits.empty()) {
    out += "\n" + T(m, "compare.audits") + ":";
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
          Pad(r.id + (r.removed ? " " + T(m, "compare.removed") : std::string()), 16);
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
  w->Key("open");
  if (cell.counts.open) {
    w->BeginObject();
    w->Key("pending").Int(cell.counts.open->pending);
    w->Key("overdue").Int(cell.counts.open->overdue);
    w->EndObject();
  } else {
    w->Null();
  }
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
  w.Key("scope").String(c.scope == CompareScope::kNational ? "national" : "selection");
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
      w.Key("text").String(NormStatement(d, t, m.words));
      w.EndObject();
    }
    w.EndArray();
    w.Key("organisations").BeginArray();
    for (const ShareRow& r : d.organisations) WriteRow(&w, c.years, r);
    w.EndArray();
    w.Key("national");
    WriteRow(&w, c.years, d.national);
    w.Key("monthly").BeginArray();
    for (size_t i = 0; i < d.monthly.size() && i < c.months.size(); ++i) {
      const ShareCell& cell = d.monthly[i];
      w.BeginObject();
      w.Key("month").String(c.months[i]);
      w.Key("on_time").Number(static_cast<double>(cell.counts.on_time));
      w.Key("late").Number(static_cast<double>(cell.counts.late));
      w.Key("counted").Number(static_cast<double>(cell.counts.counted()));
      w.Key("share_on_time").OptionalNumber(cell.share);
      w.EndObject();
    }
    w.EndArray();
    w.Key("ranking").BeginArray();
    for (size_t y = 0; y < c.years.size(); ++y) {
      w.BeginObject();
      w.Key("year").Number(c.years[y]);
      w.Key("entries").BeginArray();
      for (const RankEntry& e : d.ranking[y]) {
        w.BeginObject();
        w.Key("rank").Number(e.rank);
        w.Key("rank_best").Number(e.places.best);
        w.Key("rank_worst").Number(e.places.worst);
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
      "investigations_completed_kindermishandeling,rvdk,open_pending,open_overdue,scope\n";
  const std::string scope = c.scope == CompareScope::kNational ? "national" : "selection";
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
        const std::optional<OpenStock>& open = cell.counts.open;
        cells.push_back(open ? std::to_string(open->pending) : "");
        cells.push_back(open ? std::to_string(open->overdue) : "");
        cells.push_back(scope);
        line(cells);
      }
    };
    for (const ShareRow& r : d.organisations) rows(r);
    rows(d.national);
  }
  for (size_t y = 0; y < c.years.size(); ++y) {
    const std::string org = c.deadlines.empty() ? "NL" : c.deadlines.front().national.org;
    std::vector<std::string> cells = {"national_counts", "", org, std::to_string(c.years[y])};
    cells.insert(cells.end(), 10, "");
    for (const long v : CountValues(c.national_counts[y])) cells.push_back(std::to_string(v));
    cells.insert(cells.end(), {"", "", scope});
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

// The total's share on time per month, a panel per compared year with n beside each
// point; "" when no month counted a case.
std::string MonthlyPanels(const Comparison& c, const DeadlineComparison& d, const CompareMeta& m) {
  if (std::none_of(d.monthly.begin(), d.monthly.end(),
                   [](const ShareCell& cell) { return cell.counts.counted() > 0; })) {
    return "";
  }
  std::vector<std::string> names;  // "jan" … "dec"
  {
    const std::string list = T(m, "months");
    size_t start = 0;
    for (size_t comma; (comma = list.find(',', start)) != std::string::npos; start = comma + 1) {
      names.push_back(list.substr(start, comma - start));
    }
    names.push_back(list.substr(start));
  }
  const std::string title = m.words.english() ? d.deadline.gloss : d.deadline.name;
  const ShareRow& total = d.national;
  SmallMultiples sm;
  sm.title = T(m, "compare.html.monthly",
               {{"deadline", title},
                {"who", c.organisations.size() == 1 ? total.org : TotalLabel(c, total, m)}});
  sm.lang = m.words.lang();
  sm.columns = 2;  // 12 months: room for a 4-digit n beside each point
  sm.words = ChartWordsFrom(m.words);
  std::string parts;  // the accessible description: every month's share and counts
  for (size_t y = 0; y < c.years.size(); ++y) {
    LineChart lc;
    lc.title = std::to_string(c.years[y]);
    lc.lang = m.words.lang();
    lc.norm = d.deadline.norm;
    lc.few_cases = kFewCases;
    Series s{T(m, "compare.share_on_time"), {}};
    for (size_t i = 0; i < 12 && y * 12 + i < d.monthly.size(); ++i) {
      const ShareCell& cell = d.monthly[y * 12 + i];
      lc.x_labels.push_back((i < names.size() ? names[i] : std::to_string(i + 1)) + " " + lc.title);
      s.values.push_back(cell.share);
      s.counts.push_back(cell.counts.counted());
      if (cell.share) {
        parts += (parts.empty() ? "" : "; ") + lc.x_labels.back() + " " + Pct(cell.share, m) +
                 " (" + std::to_string(cell.counts.on_time) + "/" +
                 std::to_string(cell.counts.counted()) + ")";
      }
    }
    lc.description = lc.title;
    lc.series.push_back(std::move(s));
    sm.panels.push_back(std::move(lc));
  }
  sm.description = sm.title + ": " + parts;
  return ToSvg(sm) + "\n<p class=\"note\">" + EscapeXml(T(m, "compare.html.monthly_note")) +
         "</p>\n";
}

}  // namespace

std::string CompareHtml(const Comparison& c, const CompareMeta& m) {
  const auto esc = [](std::string_view s) { return EscapeXml(s); };
  const std::string years = YearsLabel(c.years);
  const ShareRow none;
  const ShareRow& first_total = c.deadlines.empty() ? none : c.deadlines.front().national;
  const std::string total_note =
      c.scope == CompareScope::kNational
          ? T(m, "compare.html.total_note.national")
          : T(m, "compare.html.total_note.selection", {{"who", TotalLabel(c, first_total, m)}});
  std::string out = "<!DOCTYPE html>\n<html lang=\"" + esc(m.words.lang()) +
                    "\"><head><meta charset=\"utf-8\"><title>" +
                    esc(T(m, "compare.html.title", {{"years", years}})) + "</title><style>" + kCss +
                    "</style></head><body>\n";
  out += "<h1>" + esc(T(m, "compare.html.h1", {{"years", years}})) + "</h1>\n<p class=\"note\">" +
         esc(T(m, "compare.html.meta",
               {{"cohort", std::string(CohortName(m.cohort))},
                {"as_of", m.as_of.ToIso()},
                {"framework", m.framework_id}}) +
             " " + total_note) +
         "</p>\n";
  for (const DeadlineComparison& d : c.deadlines) {
    const std::string title = m.words.english() ? d.deadline.gloss : d.deadline.name;
    out += "<h2>" + esc(title) + " (norm " + esc(m.words.Percent(d.deadline.norm, 0)) + ")</h2>\n";
    for (const NormTally& t : d.tallies) {
      out += "<p class=\"stmt\">" + esc(NormStatement(d, t, m.words)) + "</p>\n";
    }
    const std::string total_name = TotalName(c, d.national, m);
    // One organisation is its own total: its row and panel are not shown twice.
    const bool total_row = c.organisations.size() != 1;
    // Heat table.
    out += "<h3>" + esc(T(m, "compare.html.heat")) + "</h3>\n<table><thead><tr><th>" +
           esc(T(m, "compare.organisation")) + "</th>";
    for (const int y : c.years) out += "<th>" + std::to_string(y) + "</th>";
    out += "</tr></thead><tbody>\n";
    const auto heat_row = [&](const ShareRow& r, const std::string& name, bool bold) {
      out +=
          std::string("<tr>") + (bold ? "<th>" : "<td>") + esc(name) + (bold ? "</th>" : "</td>");
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
    for (const ShareRow& r : d.organisations) heat_row(r, r.org + " " + r.name, false);
    if (total_row) heat_row(d.national, total_name, true);
    out += "</tbody></table>\n<p class=\"note\">" + esc(T(m, "compare.html.heat_note")) + "</p>\n";
    // The open stock beside the shares.
    out += "<h3>" + esc(T(m, "compare.html.stock")) + "</h3>\n<table><thead><tr><th>" +
           esc(T(m, "compare.organisation")) + "</th>";
    for (const int y : c.years) out += "<th>" + std::to_string(y) + "</th>";
    out += "</tr></thead><tbody>\n";
    const auto stock_row = [&](const ShareRow& r, const std::string& name, bool bold) {
      out +=
          std::string("<tr>") + (bold ? "<th>" : "<td>") + esc(name) + (bold ? "</th>" : "</td>");
      for (const ShareCell& cell : r.cells) {
        out += "<td>" + esc(StockText(cell.counts)) + "</td>";
      }
      out += "</tr>\n";
    };
    for (const ShareRow& r : d.organisations) stock_row(r, r.org + " " + r.name, false);
    if (total_row) stock_row(d.national, total_name, true);
    out += "</tbody></table>\n";
    // The total's change.
    out += "<table><thead><tr><th>" + esc(TotalLabel(c, d.national, m)) + "</th><th>" +
           esc(T(m, "compare.on_time")) + "</th><th>" + esc(T(m, "compare.counted")) + "</th><th>" +
           esc(T(m, "compare.share")) + "</th><th>" + esc(T(m, "compare.change_interval")) +
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
    // Small multiples: a panel per organisation over the years, n beside each point.
    SmallMultiples sm;
    sm.title = T(m, "compare.html.trend", {{"deadline", title}});
    sm.description = sm.title;
    sm.lang = m.words.lang();
    sm.columns = 4;
    sm.words = ChartWordsFrom(m.words);
    sm.words.few_cases = T(m, "compare.html.few_cases_year");
    const auto panel = [&](const ShareRow& r, const std::string& code, const std::string& name) {
      LineChart lc;
      lc.title = code;
      lc.description = name;
      lc.lang = m.words.lang();
      lc.norm = d.deadline.norm;
      lc.few_cases = kFewCases;
      for (const int y : c.years) lc.x_labels.push_back(std::to_string(y));
      Series s{T(m, "compare.share_on_time"), {}};
      for (const ShareCell& cell : r.cells) {
        s.values.push_back(cell.share);
        s.counts.push_back(cell.counts.counted());
      }
      lc.series.push_back(std::move(s));
      sm.panels.push_back(std::move(lc));
    };
    if (total_row) panel(d.national, TotalCode(d.national, m), total_name);
    for (const ShareRow& r : d.organisations) panel(r, r.org, r.org + " " + r.name);
    out += ToSvg(sm) + "\n";
    out += "<p class=\"note\">" + esc(T(m, "compare.html.trend_note")) + "</p>\n";
    out += MonthlyPanels(c, d, m);
    // Ranking: per year the organisations by share, each with the places its interval allows
    // (no column of row numbers: it would read as a rank the intervals do not support).
    out += "<h3>" + esc(T(m, "compare.html.ranking")) + "</h3>\n<table><thead><tr>";
    for (const int y : c.years) out += "<th>" + std::to_string(y) + "</th>";
    out += "</tr></thead><tbody>\n";
    size_t places = 0;
    for (const auto& r : d.ranking) places = std::max(places, r.size());
    for (size_t p = 0; p < places; ++p) {
      out += "<tr>";
      for (size_t y = 0; y < c.years.size(); ++y) {
        out += "<td>";
        if (p < d.ranking[y].size()) {
          const RankEntry& e = d.ranking[y][p];
          out += esc(PlacesText(e.places)) + ". " + esc(e.org) + " " +
                 esc(m.words.Percent(e.share, 1));
        }
        out += "</td>";
      }
      out += "</tr>\n";
    }
    out += "</tbody></table>\n";
    if (places > 0) out += "<p class=\"note\">" + esc(T(m, "compare.ranking_note")) + "</p>\n";
  }
  // The yearly counts.
  out += "<h2>" + esc(CountsHeading(c, first_total, m, "compare.html.counts")) +
         "</h2>\n<table><thead><tr><th>" + esc(T(m, "compare.year")) + "</th>";
  for (const std::string& label : CountLabels(m)) out += "<th>" + esc(label) + "</th>";
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
    out += "<h2>" + esc(T(m, "compare.html.audits")) + "</h2>\n<table><thead><tr><th></th>";
    for (const AuditedPeriod& a : c.audits) out += "<th>" + esc(AuditLabel(a)) + "</th>";
    out += "</tr></thead><tbody>\n";
    for (const DomainRow& d : c.domains) {
      out += "<tr><th>" + esc(d.id) + "</th>";
      for (const auto& level : d.levels) out += "<td>" + esc(level.value_or("-")) + "</td>";
      out += "</tr>\n";
    }
    for (const CriterionRow& r : c.criteria) {
      out += "<tr><td title=\"" + esc(m.words.english() ? r.gloss : r.text) + "\">" + esc(r.id) +
             (r.removed ? esc(" " + T(m, "compare.removed")) : "") + "</td>";
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
