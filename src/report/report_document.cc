// The report's content, built once for both the HTML and the PDF writer. Every word comes
// from the templates' wording (reports/text-LANG.properties); numbers from the model.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>

#include "explanation.h"
#include "report_internal.h"

namespace vtaudit::report_internal {
namespace {

using Block = report_internal::Block;
using Fields = std::map<std::string, std::string>;

bool English(const ReportTemplates& t) { return t.lang == "en"; }

std::string Localised(const ReportTemplates& t, const std::string& nl, const std::string& en) {
  return English(t) && !en.empty() ? en : nl;
}

std::string Decimal(const ReportTemplates& t, double v, int decimals) {
  return t.words.Number(v, decimals);
}

std::string Join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? sep : "") + parts[i];
  return out;
}

Block Heading(int level, std::string text) {
  Block b;
  b.kind = Block::Kind::kHeading;
  b.level = level;
  b.text = std::move(text);
  return b;
}

Block Paragraph(std::string text, std::string style = "") {
  Block b;
  b.kind = Block::Kind::kParagraph;
  b.text = std::move(text);
  b.style = std::move(style);
  return b;
}

Block Table(std::string caption, std::vector<std::string> header, std::vector<double> widths,
            std::string style = "") {
  Block b;
  b.kind = Block::Kind::kTable;
  b.text = std::move(caption);
  b.header = std::move(header);
  b.widths = std::move(widths);
  b.style = std::move(style);
  return b;
}

const Level* FindLevel(const ReportModel& m, const std::optional<std::string>& id) {
  if (!id) return nullptr;
  for (const Level& l : m.scale) {
    if (l.id == *id) return &l;
  }
  return nullptr;
}

std::string NodeName(const ReportTemplates& t, const ReportNode& n) {
  return Localised(t, n.name, n.gloss);
}

// The node's level as the report shows it: the level's name, else "not applicable" or "not
// assessed"; an indicative criterion adds the n its share rests on, on a line of its own.
std::string NodeLevel(const ReportModel& m, const ReportTemplates& t, const ReportNode& n) {
  std::string s = n.level || n.applicable ? LevelName(m, t, n.level) : t.T("level.not_applicable");
  if (n.indicative) {
    s += "\n" + t.T("findings.indicative", {{"n", std::to_string(n.met + n.not_met)}});
  }
  return s;
}

std::string KappaText(const ReportTemplates& t, const std::optional<double>& kappa) {
  return kappa ? Decimal(t, *kappa, 2) : t.T("agreement.undefined");
}

std::string Interval95(const ReportTemplates& t, const std::optional<Interval>& i) {
  if (!i) return "–";
  return FormatPercent(i->low, 1, t.lang) + " – " + FormatPercent(i->high, 1, t.lang);
}

// A difference of two shares in percentage points, signed: "+12,5".
std::string SignedPoints(const ReportTemplates& t, double v) {
  std::string s = Decimal(t, v * 100, 1);
  if (s.find_first_not_of("0,.") == std::string::npos) return s;
  return (v > 0 ? "+" : "") + s;
}

std::string SignedPercentPoints(const ReportTemplates& t, double v) {
  return SignedPoints(t, v) + " " + t.T("unit.pp");
}

// The interval of a difference in the difference's unit: "−3,2 tot +12,5 procentpunt".
std::string PointsInterval95(const ReportTemplates& t, const std::optional<Interval>& i) {
  if (!i) return "–";
  return t.T("interval.points", {{"low", SignedPoints(t, i->low)},
                                 {"high", SignedPoints(t, i->high)},
                                 {"unit", t.T("unit.pp")}});
}

const DeadlineSummary* Summary(const ReportModel& m, const std::string& id) {
  for (const DeadlineSummary& d : m.timeliness.deadlines) {
    if (d.id == id) return &d;
  }
  return nullptr;
}

// The open cases past their term at the as-of date, said beside every share of completed
// cases: a share on time says nothing of the cases still waiting.
std::string OpenOverdue(const ReportTemplates& t, const DeadlineSummary& d) {
  return t.T("timeliness.open_overdue", {{"overdue", std::to_string(d.open.overdue)}});
}

std::string Compliance(const ReportModel& m, const ReportTemplates& t, const ReportNode& c) {
  if (!c.measured_by.empty()) {
    if (c.met + c.not_met == 0) return "–";
    std::string s = t.T("findings.measured", {{"on_time", std::to_string(c.met)},
                                              {"counted", std::to_string(c.met + c.not_met)},
                                              {"share", Percent(t, c.share)}});
    if (const DeadlineSummary* d = Summary(m, c.measured_by)) s += "\n" + OpenOverdue(t, *d);
    return s;
  }
  if (c.scope == "organisation") return t.T("findings.organisation");
  if (c.met + c.not_met == 0) {
    return t.T("findings.no_cases", {{"nvt", std::to_string(c.not_applicable)},
                                     {"disputed", std::to_string(c.disputed)},
                                     {"unscored", std::to_string(c.unscored)}});
  }
  std::string s = t.T("findings.compliance", {{"met", std::to_string(c.met)},
                                              {"n", std::to_string(c.met + c.not_met)},
                                              {"share", Percent(t, c.share)}});
  if (c.not_applicable > 0)
    s += "\n" + t.T("findings.nvt", {{"nvt", std::to_string(c.not_applicable)}});
  if (c.disputed > 0) {
    s += "\n" + t.T("findings.disputed", {{"disputed", std::to_string(c.disputed)}});
  }
  if (c.unscored > 0) {
    s += "\n" + t.T("findings.unscored", {{"unscored", std::to_string(c.unscored)}});
  }
  return s;
}

void ForEachCriterion(const std::vector<ReportNode>& domains,
                      const std::function<void(const ReportNode&)>& fn) {
  for (const ReportNode& d : domains) {
    for (const ReportNode& s : d.children) {
      for (const ReportNode& c : s.children) fn(c);
    }
  }
}

std::string Term(const ReportTemplates& t, const Deadline& d) {
  return t.T("unit." + std::string(DurationUnitName(d.unit)), {{"n", std::to_string(d.length)}});
}

std::string MeetsNorm(const ReportTemplates& t, const std::string& meets) {
  return meets.empty() ? "–" : t.T("norm." + meets);
}

// Whole days: a median of 4.5 days is written 5 (rounded half away from zero).
std::string Days(const ReportTemplates& t, const std::optional<double>& d) {
  return d ? Decimal(t, std::round(*d), 0) : "–";
}

// A case field's name in the report's language ("condition.field.outcome"); the field
// itself when the wording has none.
std::string FieldName(const ReportTemplates& t, const std::string& field) {
  const std::string key = "condition.field." + field;
  return t.words.Has(key) ? t.T(key) : field;
}

// A condition of the framework syntax ("kind = melding and (outcome = VT-02 or …)") in the
// report's words: field names and the words and, or, not translated, values as they are.
std::string ConditionText(const ReportTemplates& t, const std::string& condition) {
  std::string out, word;
  auto flush = [&] {
    if (word.empty()) return;
    const std::string key = "condition.word." + word;
    out += t.words.Has(key) ? t.T(key) : FieldName(t, word);
    word.clear();
  };
  for (char c : condition) {
    if (c == ' ' || c == '(' || c == ')') {
      flush();
      out += c;
    } else {
      word += c;
    }
  }
  flush();
  return out;
}

Section Cover(const ReportModel& m, const ReportTemplates& t) {
  Section s{"cover", {}};
  s.blocks.push_back(Heading(1, t.T("cover.title")));
  s.blocks.push_back(Paragraph(m.org_name + " (" + m.org_code + ")", "lead"));
  s.blocks.push_back(
      Paragraph(t.T("cover.subtitle", {{"period", std::to_string(m.period)}}), "lead"));
  Block kv = Table(t.T("cover.caption"), {}, {1, 2.6}, "keyvalue");
  std::string org = m.org_name + " (" + m.org_code + ")";
  if (!m.org_region.empty()) org += ", " + t.T("cover.region") + " " + m.org_region;
  kv.rows = {
      {t.T("cover.organisation"), org},
      {t.T("cover.period"), std::to_string(m.period)},
      {t.T("cover.framework"), Localised(t, m.framework_title, m.framework_gloss) + " (" +
                                   m.framework_id + ", " + t.T("cover.version") + " " +
                                   m.framework_version + ")"},
      {t.T("cover.sha256"), m.framework_sha256},
      {t.T("cover.as_of"), m.as_of.ToIso()},
      {t.T("cover.inspectors"), m.inspectors.empty() ? "–" : Join(m.inspectors, ", ")},
      {t.T("cover.status"), t.T("status." + m.status)},
      {t.T("cover.report_version"),
       m.version > 0 ? t.T("cover.report_version.frozen",
                           {{"version", std::to_string(m.version)}, {"created_at", m.created_at}})
                     : t.T("cover.report_version.working")},
      {t.T("cover.audit"), std::to_string(m.audit_id)},
      {t.T("cover.toolkit"), "vtaudit " + m.toolkit_version},
  };
  s.blocks.push_back(std::move(kv));
  if (m.status != "final")
    s.blocks.push_back(Paragraph(t.T("cover.not_final." + m.status), "note"));
  if (m.synthetic) s.blocks.push_back(Paragraph(t.T("synthetic.explanation"), "note"));
  // Only the final version is signed: a werkversie or concept may still change.
  if (m.status != "final") return s;
  Block sign =
      Table(t.T("cover.signature"), {t.T("col.inspector"), t.T("col.signature"), t.T("col.date")},
            {2, 2.4, 1.2}, "signature");
  for (const std::string& inspector : m.inspectors) sign.rows.push_back({inspector, "", ""});
  if (sign.rows.empty()) sign.rows.push_back({"", "", ""});
  s.blocks.push_back(std::move(sign));
  return s;
}

Section Summary(const ReportModel& m, const ReportTemplates& t) {
  Section s{"summary", {}};
  s.blocks.push_back(Heading(2, t.T("summary.heading")));
  s.blocks.push_back(Paragraph(
      t.T("summary.intro", {{"organisation", m.org_name}, {"period", std::to_string(m.period)}})));
  Block domains =
      Table(t.T("summary.domains"), {t.T("col.domain"), t.T("col.judgement")}, {3, 1.4});
  for (const ReportNode& d : m.domains) {
    std::string level = NodeLevel(m, t, d);
    if (d.incomplete) level += " " + t.T("findings.incomplete");
    domains.rows.push_back({NodeName(t, d), level});
  }
  s.blocks.push_back(std::move(domains));

  long assessed = 0, met = 0, total = 0;
  std::vector<const ReportNode*> short_of;
  ForEachCriterion(m.domains, [&](const ReportNode& c) {
    ++total;
    const Level* l = FindLevel(m, c.level);
    if (!l) return;
    ++assessed;
    if (l->met) {
      ++met;
    } else {
      short_of.push_back(&c);
    }
  });
  s.blocks.push_back(Paragraph(t.T("summary.overall", {{"total", std::to_string(total)},
                                                       {"assessed", std::to_string(assessed)},
                                                       {"met", std::to_string(met)}})));

  const std::string as_of = m.as_of.ToIso();
  Block tl = Table(t.T("summary.timeliness", {{"period", std::to_string(m.period)}}),
                   {t.T("col.deadline"), t.T("col.completed_on_time"), t.T("col.norm"),
                    t.T("col.meets_norm"), t.T("col.open_overdue")},
                   {2.4, 1.5, 0.7, 0.9, 1.1});
  for (const DeadlineSummary& d : m.timeliness.deadlines) {
    tl.rows.push_back({Localised(t, d.name, d.gloss),
                       d.counted ? t.T("summary.share", {{"share", Percent(t, d.share_on_time)},
                                                         {"counted", std::to_string(d.counted)}})
                                 : "–",
                       FormatPercent(d.norm, 0, t.lang), MeetsNorm(t, d.meets_norm),
                       std::to_string(d.open.overdue)});
  }
  s.blocks.push_back(std::move(tl));
  // The waiting list: what the completed cohort does not show.
  Block wl = Table(t.T("summary.waiting", {{"as_of", as_of}}),
                   {t.T("col.deadline"), t.T("col.open_pending"), t.T("col.open_overdue"),
                    t.T("col.age_median"), t.T("col.age_p90"), t.T("col.age_max")},
                   {2.4, 1, 1, 0.9, 0.9, 0.9});
  for (const DeadlineSummary& d : m.timeliness.deadlines) {
    const WaitingList& w = d.open;
    wl.rows.push_back({Localised(t, d.name, d.gloss), std::to_string(w.pending),
                       std::to_string(w.overdue), Days(t, w.median_age_days),
                       Days(t, w.p90_age_days), Days(t, w.max_age_days)});
  }
  s.blocks.push_back(std::move(wl));
  const WaitingList& ns = m.timeliness.waiting.not_started_at_as_of;
  s.blocks.push_back(
      Paragraph(ns.count == 0 ? t.T("summary.not_started.none", {{"as_of", as_of}})
                              : t.T("summary.not_started", {{"as_of", as_of},
                                                            {"count", std::to_string(ns.count)},
                                                            {"median", Days(t, ns.median_age_days)},
                                                            {"p90", Days(t, ns.p90_age_days)},
                                                            {"max", Days(t, ns.max_age_days)}})));

  s.blocks.push_back(Heading(3, t.T("summary.main_findings")));
  if (short_of.empty()) {
    s.blocks.push_back(Paragraph(t.T("summary.all_met")));
  } else {
    Block f =
        Table(t.T("summary.short_of"),
              {t.T("col.criterion"), t.T("col.judgement"), t.T("col.compliance")}, {3, 1, 1.6});
    for (const ReportNode* c : short_of) {
      f.rows.push_back({c->id + " " + NodeName(t, *c), NodeLevel(m, t, *c), Compliance(m, t, *c)});
    }
    s.blocks.push_back(std::move(f));
  }
  return s;
}

Section Method(const ReportModel& m, const ReportTemplates& t) {
  Section s{"method", {}};
  s.blocks.push_back(Heading(2, t.T("method.heading")));
  s.blocks.push_back(Paragraph(
      t.T("method.framework", {{"title", Localised(t, m.framework_title, m.framework_gloss)},
                               {"id", m.framework_id},
                               {"version", m.framework_version},
                               {"sha256", m.framework_sha256},
                               {"source", m.framework_source}})));
  s.blocks.push_back(
      Paragraph(t.T("method.population", {{"population", std::to_string(m.population)},
                                          {"period", std::to_string(m.period)},
                                          {"as_of", m.as_of.ToIso()}})));
  s.blocks.push_back(Paragraph(m.version > 0
                                   ? t.T("method.version", {{"version", std::to_string(m.version)},
                                                            {"audit", std::to_string(m.audit_id)},
                                                            {"state", t.T("status." + m.status)},
                                                            {"created_at", m.created_at}})
                                   : t.T("method.working")));
  s.blocks.push_back(Paragraph(
      m.delivery_sha256.empty()
          ? t.T("method.no_delivery")
          : t.T("method.delivery", {{"file", m.delivery_file}, {"sha256", m.delivery_sha256}})));
  if (m.sample) {
    const Sample& sa = *m.sample;
    s.blocks.push_back(Paragraph(
        t.T("method.sample." + sa.method,
            {{"size", std::to_string(sa.size)},
             {"population", std::to_string(sa.population)},
             {"seed", sa.seed},
             {"stratify", FieldName(t, sa.stratify)},
             {"where", !sa.where.empty()                               ? ConditionText(t, sa.where)
                       : sa.population_rule == kPopulationCaseCriteria ? t.T("method.case_criteria")
                                                                       : t.T("method.all_cases")},
             {"sha256", sa.population_sha256},
             {"drawn_at", sa.drawn_at}})));
    if (!sa.strata.empty()) {
      Block st =
          Table(t.T("method.strata"),
                {t.T("col.stratum"), t.T("col.population"), t.T("col.allocated")}, {2, 1, 1});
      for (const SampleStratum& x : sa.strata) {
        st.rows.push_back({x.key.empty() ? "–" : x.key, std::to_string(x.population),
                           std::to_string(x.allocated)});
      }
      s.blocks.push_back(std::move(st));
    }
  } else {
    s.blocks.push_back(Paragraph(t.T("method.no_sample")));
  }
  s.blocks.push_back(Paragraph(t.T("method.scale")));
  Block scale = Table(t.T("method.scale_caption"),
                      {t.T("col.level"), t.T("col.min_share"), t.T("col.score"), t.T("col.met")},
                      {2, 1, 0.8, 1});
  for (const Level& l : m.scale) {
    scale.rows.push_back({Localised(t, l.name, l.gloss), FormatPercent(l.min_share, 0, t.lang),
                          Decimal(t, l.score, l.score == std::floor(l.score) ? 0 : 2),
                          t.T(l.met ? "word.yes" : "word.no")});
  }
  s.blocks.push_back(std::move(scale));
  std::vector<std::string> bands;
  for (const Band& b : m.aggregation.bands) {
    const Level* l = FindLevel(m, b.level);
    bands.push_back((l ? Localised(t, l->name, l->gloss) : b.level) + " ≥ " +
                    Decimal(t, b.min_score, 2));
  }
  s.blocks.push_back(Paragraph(t.T(m.aggregation.method == Aggregation::Method::kWorst
                                       ? "method.aggregation.worst"
                                       : "method.aggregation.weighted_mean",
                                   {{"bands", Join(bands, "; ")}})));
  s.blocks.push_back(Paragraph(t.T("method.caps")));
  s.blocks.push_back(Paragraph(t.T("method.not_applicable")));
  if (!m.not_judged.empty()) {
    s.blocks.push_back(Paragraph(t.T("method.not_judged")));
    Block nj = Table(t.T("method.not_judged_caption"), {t.T("col.criterion"), t.T("col.reason")},
                     {2.4, 2.4});
    ForEachCriterion(m.domains, [&](const ReportNode& c) {
      if (auto it = m.not_judged.find(c.id); it != m.not_judged.end()) {
        nj.rows.push_back({c.id + " " + NodeName(t, c), it->second});
      }
    });
    s.blocks.push_back(std::move(nj));
  }
  s.blocks.push_back(
      Paragraph(t.T("method.indicative", {{"min_cases", std::to_string(m.min_cases)}})));
  if (!m.aggregation.norm_missed_max.empty()) {
    s.blocks.push_back(Paragraph(
        t.T("method.norm_missed", {{"level", LevelName(m, t, m.aggregation.norm_missed_max)}})));
  }
  Block dl = Table(
      t.T("method.deadlines"),
      {t.T("col.deadline"), t.T("col.term"), t.T("col.from_to"), t.T("col.norm"), t.T("col.atw")},
      {2, 1.2, 2.4, 0.8, 0.8});
  for (const Deadline& d : m.deadlines) {
    dl.rows.push_back({Localised(t, d.name, d.gloss), Term(t, d),
                       t.T("event." + std::string(EventName(d.from))) + " → " +
                           t.T("event." + std::string(EventName(d.to))),
                       FormatPercent(d.norm, 0, t.lang), t.T(d.extend ? "word.yes" : "word.no")});
  }
  s.blocks.push_back(std::move(dl));
  s.blocks.push_back(Paragraph(t.T("method.on_time")));
  s.blocks.push_back(Paragraph(t.T("method.intervals")));
  return s;
}

const NodeJudgement* FindJudged(const std::vector<NodeJudgement>& nodes, const std::string& id) {
  for (const NodeJudgement& n : nodes) {
    if (n.id == id) return &n;
    if (const NodeJudgement* found = FindJudged(n.children, id)) return found;
  }
  return nullptr;
}

// The judgement of a node in a sentence of the report's language (explanation.h).
std::string Explained(const ReportModel& m, const ReportTemplates& t, const std::string& id) {
  const NodeJudgement* n = FindJudged(m.judgement.domains, id);
  return n ? ExplainNode(*n, m.framework, m.not_judged, t.words) : "–";
}

const Finding* FindFinding(const ReportModel& m, const std::string& subject) {
  for (const Finding& f : m.findings) {
    if (f.subject == subject) return &f;
  }
  return nullptr;
}

// The inspectors' finding with what it rests on, for a table cell.
std::string FindingCell(const ReportTemplates& t, const Finding* f) {
  if (!f) return t.T("findings.none");
  std::string s = f->text;
  if (!f->evidence.empty()) s += "\n" + t.T("findings.evidence", {{"evidence", f->evidence}});
  return s;
}

// Per domain and standard the judgement explained; per criterion the judgement, the
// compliance with its interval and the inspectors' finding. The per-case notes are in an
// appendix (Notes).
Section Findings(const ReportModel& m, const ReportTemplates& t) {
  Section s{"findings", {}};
  s.blocks.push_back(Heading(2, t.T("findings.heading")));
  s.blocks.push_back(Paragraph(t.T("findings.intro")));
  for (const ReportNode& d : m.domains) {
    s.blocks.push_back(Heading(3, NodeName(t, d) + ": " + NodeLevel(m, t, d) +
                                      (d.incomplete ? " " + t.T("findings.incomplete") : "")));
    s.blocks.push_back(Paragraph(Explained(m, t, d.id), "note"));
    for (const ReportNode& st : d.children) {
      s.blocks.push_back(Heading(4, st.id + " " + NodeName(t, st) + ": " + NodeLevel(m, t, st) +
                                        (st.incomplete ? " " + t.T("findings.incomplete") : "")));
      s.blocks.push_back(Paragraph(Explained(m, t, st.id), "note"));
      if (const Finding* f = FindFinding(m, st.id)) {
        s.blocks.push_back(Paragraph(FindingCell(t, f)));
      }
      Block table = Table(
          t.T("findings.caption", {{"standard", st.id}}),
          {t.T("col.criterion"), t.T("col.judgement"), t.T("col.compliance"), t.T("col.finding")},
          {2.4, 1.1, 1.5, 3.4}, "findings");
      for (const ReportNode& c : st.children) {
        std::string name = c.id + " " + NodeName(t, c);
        if (!c.cap.empty()) name += "\n" + t.T("findings.cap", {{"level", LevelName(m, t, c.cap)}});
        std::string compliance = Compliance(m, t, c);
        if (c.ci95)
          compliance += "\n" + t.T("findings.ci95", {{"interval", Interval95(t, c.ci95)}});
        table.rows.push_back(
            {name, NodeLevel(m, t, c), compliance, FindingCell(t, FindFinding(m, c.id))});
      }
      s.blocks.push_back(std::move(table));
    }
  }
  return s;
}

// The result of a note as the report's reader says it: a case result or a level's name.
std::string ResultName(const ReportModel& m, const ReportTemplates& t, const std::string& result) {
  if (result == "voldoet" || result == "voldoet_niet" || result == "nvt") {
    return t.T("result." + result);
  }
  return LevelName(m, t, result);
}

// Durations grouped for display: days for day and hour clocks, weeks for week clocks.
Histogram DurationHistogram(const ReportTemplates& t, const Deadline& d, const DeadlineSummary& s) {
  Histogram h;
  h.lang = t.lang;
  h.words = ChartWordsFrom(t.words);
  h.y_axis = t.T("chart.axis.cases");
  h.title = t.T("timeliness.histogram_title", {{"deadline", Localised(t, d.name, d.gloss)}});
  const std::vector<long>& src = s.duration_histogram;
  const bool weekly = d.unit == DurationUnit::kWeeks;
  int deadline_days = d.length;
  if (d.unit == DurationUnit::kHours) deadline_days = (d.length + 23) / 24;
  if (d.unit == DurationUnit::kWorkdays) deadline_days = d.length + 2 * ((d.length + 4) / 5);
  const int width = weekly ? 7 : 1;
  const int deadline_bin = weekly ? d.length : deadline_days;
  const int bins = std::min(static_cast<int>(src.size()) / width, deadline_bin * 2 + 2);
  if (bins <= 1) return h;
  h.counts.assign(static_cast<size_t>(bins), 0);
  for (size_t day = 0; day < src.size(); ++day) {
    const int bin = std::min(static_cast<int>(day) / width, bins - 1);
    h.counts[static_cast<size_t>(bin)] += src[day];
  }
  for (int b = 0; b < bins; ++b) {
    std::string label = std::to_string(b);
    if (b == bins - 1) label = "≥" + label;
    h.bin_labels.push_back(label);
  }
  h.deadline_bin = static_cast<size_t>(std::min(deadline_bin, bins - 1));
  h.x_axis = t.T(weekly ? "chart.axis.duration_weeks" : "chart.axis.duration_days");
  std::string total;
  std::vector<std::string> parts;
  for (size_t i = 0; i < h.counts.size(); ++i) {
    parts.push_back(h.bin_labels[i] + ": " + std::to_string(h.counts[i]));
  }
  h.description = t.T(weekly ? "timeliness.histogram_weeks" : "timeliness.histogram_days",
                      {{"counts", Join(parts, ", ")}});
  return h;
}

// The share on time per month of the period, one line chart per deadline that counted a
// case, with the n of each month: detail behind the chapter's figures, in an appendix (the
// body stays short).
void MonthlyCharts(const ReportModel& m, const ReportTemplates& t, Section* out) {
  Section& s = *out;
  std::vector<std::string> months;
  {
    std::string list = t.T("months");
    size_t start = 0;
    for (size_t comma; (comma = list.find(',', start)) != std::string::npos; start = comma + 1) {
      months.push_back(list.substr(start, comma - start));
    }
    months.push_back(list.substr(start));
  }
  for (const Deadline& d : m.deadlines) {
    const DeadlineSummary* sum = Summary(m, d.id);
    if (!sum) continue;
    if (sum->counted == 0) continue;
    Block line;
    line.kind = Block::Kind::kLineChart;
    LineChart& lc = line.line;
    lc.lang = t.lang;
    lc.title = t.T("timeliness.line_title", {{"deadline", Localised(t, d.name, d.gloss)}});
    lc.norm = d.norm;
    lc.words = ChartWordsFrom(t.words);
    lc.fit = true;
    lc.few_cases = kFewCases;  // a month on fewer cases: hollow, outside the line
    lc.y_axis = t.T("chart.axis.share_on_time");
    lc.x_axis = t.T("chart.axis.month_completed");
    Series series{t.T("col.share_on_time"), {}};
    std::vector<std::string> parts;
    for (int month = 1; month <= 12; ++month) {
      char key[16];
      std::snprintf(key, sizeof key, "%04d-%02d", m.period, month);
      lc.x_labels.push_back((month - 1 < static_cast<int>(months.size()) ? months[month - 1]
                                                                         : std::to_string(month)) +
                            " " + std::to_string(m.period));
      std::optional<double> v;
      long n = 0;
      for (const MonthCount& mc : sum->monthly) {
        if (mc.month == key && mc.on_time + mc.late > 0) {
          n = mc.on_time + mc.late;
          v = static_cast<double>(mc.on_time) / static_cast<double>(n);
          parts.push_back(lc.x_labels.back() + " " + Percent(t, v) + " (" +
                          std::to_string(mc.on_time) + "/" + std::to_string(mc.on_time + mc.late) +
                          ")");
        }
      }
      series.values.push_back(v);
      series.counts.push_back(n);
    }
    lc.series.push_back(std::move(series));
    lc.description = Join(parts, "; ");
    s.blocks.push_back(std::move(line));
  }
}

Section Timeliness(const ReportModel& m, const ReportTemplates& t) {
  Section s{"timeliness", {}};
  s.blocks.push_back(Heading(2, t.T("timeliness.heading")));
  s.blocks.push_back(Paragraph(
      t.T("timeliness.intro", {{"period", std::to_string(m.period)}, {"as_of", m.as_of.ToIso()}})));
  Block bar;
  bar.kind = Block::Kind::kBarChart;
  bar.bar.lang = t.lang;
  bar.bar.words = ChartWordsFrom(t.words);
  bar.bar.axis = t.T("chart.axis.share_completed_on_time");
  bar.bar.title = t.T("timeliness.bar_title", {{"period", std::to_string(m.period)}});
  std::vector<std::string> desc;
  for (const DeadlineSummary& d : m.timeliness.deadlines) {
    if (!d.share_on_time) continue;
    // The open overdue beside the share, on the label's second line.
    bar.bar.items.push_back({Localised(t, d.name, d.gloss) + "\n" + OpenOverdue(t, d),
                             *d.share_on_time, std::nullopt, std::nullopt, d.norm});
    desc.push_back(Localised(t, d.name, d.gloss) + " " + Percent(t, d.share_on_time) + " (" +
                   t.T("col.norm") + " " + FormatPercent(d.norm, 0, t.lang) + "; " +
                   OpenOverdue(t, d) + ")");
  }
  bar.bar.description = Join(desc, "; ");
  if (!bar.bar.items.empty()) s.blocks.push_back(std::move(bar));

  Block table = Table(t.T("timeliness.caption"),
                      {t.T("col.deadline"), t.T("col.counted"), t.T("col.on_time"), t.T("col.late"),
                       t.T("col.share_on_time"), t.T("col.norm"), t.T("col.meets_norm"),
                       t.T("col.median"), t.T("col.p90"), t.T("col.backlog")},
                      {3.4, 0.8, 0.8, 0.8, 1, 0.7, 0.9, 0.9, 0.6, 1.1});
  for (const DeadlineSummary& d : m.timeliness.deadlines) {
    std::string name = Localised(t, d.name, d.gloss);
    if (d.basis != Basis::kUnstated) {
      name += "\n" +
              t.T("timeliness.basis", {{"basis", t.T("basis." + std::string(BasisName(d.basis)))},
                                       {"source", d.source}});
    }
    table.rows.push_back({name, std::to_string(d.counted), std::to_string(d.on_time),
                          std::to_string(d.late), Percent(t, d.share_on_time),
                          FormatPercent(d.norm, 0, t.lang), MeetsNorm(t, d.meets_norm),
                          Days(t, d.median_days), Days(t, d.p90_days), std::to_string(d.backlog)});
  }
  s.blocks.push_back(std::move(table));
  s.blocks.push_back(Paragraph(t.T("timeliness.backlog_note"), "note"));

  for (const Deadline& d : m.deadlines) {
    const DeadlineSummary* sum = Summary(m, d.id);
    if (!sum) continue;
    // One paragraph per deadline, named in its first words: no heading of its own, so that
    // the chapter stays short.
    s.blocks.push_back(
        Paragraph(t.T("timeliness.deadline", {{"deadline", Localised(t, d.name, d.gloss)},
                                              {"term", Term(t, d)},
                                              {"norm", FormatPercent(d.norm, 0, t.lang)},
                                              {"pending", std::to_string(sum->pending)},
                                              {"overdue", std::to_string(sum->overdue)},
                                              {"invalid", std::to_string(sum->invalid)},
                                              {"backlog", std::to_string(sum->backlog)}})));
  }

  // The waiting time for an investigation in one paragraph: the summary has its waiting list.
  const WaitingTime& w = m.timeliness.waiting;
  s.blocks.push_back(
      Paragraph(t.T("timeliness.waiting", {{"decided", std::to_string(w.decided)},
                                           {"started", std::to_string(w.started)},
                                           {"not_started", std::to_string(w.not_started)},
                                           {"median", Days(t, w.median_days)},
                                           {"p90", Days(t, w.p90_days)}})));
  return s;
}

Section Comparison(const ReportModel& m, const ReportTemplates& t) {
  Section s{"comparison", {}};
  s.blocks.push_back(Heading(2, t.T("comparison.heading")));
  if (!m.previous_audit) {
    s.blocks.push_back(Paragraph(t.T("comparison.none")));
    return s;
  }
  s.blocks.push_back(
      Paragraph(t.T("comparison.intro", {{"period", std::to_string(*m.previous_period)},
                                         {"audit", std::to_string(*m.previous_audit)}})));
  Block domains =
      Table(t.T("comparison.domains"),
            {t.T("col.domain"), std::to_string(*m.previous_period), std::to_string(m.period)},
            {3, 1.3, 1.3});
  for (const ReportNode& d : m.domains) {
    domains.rows.push_back({NodeName(t, d),
                            d.change ? LevelName(m, t, d.change->previous_level) : "–",
                            LevelName(m, t, d.level)});
  }
  s.blocks.push_back(std::move(domains));
  Block table =
      Table(t.T("comparison.caption"),
            {t.T("col.criterion"), std::to_string(*m.previous_period), std::to_string(m.period),
             t.T("col.change"), t.T("col.ci95"), t.T("col.noise")},
            {1.1, 1.6, 1.6, 1.1, 1.8, 1.1});
  std::vector<std::string> moved;
  ForEachCriterion(m.domains, [&](const ReportNode& c) {
    // The id only: the criteria's texts are in the findings and in appendix 1.
    if (!c.change) {
      table.rows.push_back({c.id, t.T("comparison.new"), LevelName(m, t, c.level), "–", "–", "–"});
      return;
    }
    const ReportChange& ch = *c.change;
    auto cell = [&](const std::optional<std::string>& level, const std::optional<double>& share) {
      return LevelName(m, t, level) + (share ? "\n" + Percent(t, share) : "");
    };
    table.rows.push_back(
        {c.id, cell(ch.previous_level, ch.previous_share), cell(c.level, c.share),
         ch.change ? SignedPercentPoints(t, *ch.change) : "–", PointsInterval95(t, ch.change_ci95),
         ch.change ? t.T(ch.exceeds_noise ? "comparison.beyond" : "comparison.within") : "–"});
    if (ch.change && ch.exceeds_noise) moved.push_back(c.id);
  });
  s.blocks.push_back(std::move(table));
  s.blocks.push_back(Paragraph(moved.empty()
                                   ? t.T("comparison.nothing_moved")
                                   : t.T("comparison.moved", {{"criteria", Join(moved, ", ")}})));
  s.blocks.push_back(Paragraph(t.T("comparison.method"), "note"));
  return s;
}

Section Appendices(const ReportModel& m, const ReportTemplates& t) {
  Section s{"appendices", {}};
  s.blocks.push_back(Heading(2, t.T("appendix.heading")));
  s.blocks.push_back(Heading(3, t.T("appendix.criteria")));
  Block crit = Table(t.T("appendix.criteria_caption"),
                     {t.T("col.id"), t.T("col.criterion"), t.T("col.scope"), t.T("col.weight"),
                      t.T("col.measured_by"), t.T("col.cap")},
                     {0.8, 4, 1.1, 0.9, 1.4, 1});
  ForEachCriterion(m.domains, [&](const ReportNode& c) {
    crit.rows.push_back({c.id, NodeName(t, c), t.T("scope." + c.scope),
                         Decimal(t, c.weight, c.weight == std::floor(c.weight) ? 0 : 2),
                         c.measured_by.empty() ? "–" : c.measured_by,
                         c.cap.empty() ? "–" : LevelName(m, t, c.cap)});
  });
  s.blocks.push_back(std::move(crit));

  s.blocks.push_back(Heading(3, t.T("appendix.sample")));
  if (m.cases.empty()) {
    s.blocks.push_back(Paragraph(t.T("method.no_sample")));
  } else {
    Block cases = Table(t.T("appendix.sample_caption", {{"size", std::to_string(m.cases.size())}}),
                        {t.T("col.case"), t.T("col.stratum"), t.T("col.scores")}, {1.8, 1, 5});
    for (const ReportCase& c : m.cases) {
      std::vector<std::string> results;
      for (const auto& [criterion, result] : c.results) {
        results.push_back(criterion + ": " +
                          (result == "?" ? t.T("appendix.disagreement") : t.T("result." + result)));
      }
      cases.rows.push_back({c.case_id, c.stratum.empty() ? "–" : c.stratum,
                            results.empty() ? t.T("appendix.unscored") : Join(results, ", ")});
    }
    s.blocks.push_back(std::move(cases));
  }

  s.blocks.push_back(Heading(3, t.T("appendix.notes")));
  Block notes = Table(t.T("appendix.notes_caption"),
                      {t.T("col.criterion"), t.T("col.case"), t.T("col.result"), t.T("col.note")},
                      {0.8, 2, 1.1, 4.6});
  ForEachCriterion(m.domains, [&](const ReportNode& c) {
    for (const ReportNote& n : c.notes) {
      const std::string who = n.case_id.empty() ? t.T("appendix.organisation") : n.case_id;
      notes.rows.push_back({c.id, who + "\n" + n.inspector, ResultName(m, t, n.result), n.note});
    }
  });
  if (notes.rows.empty()) {
    s.blocks.push_back(Paragraph(t.T("appendix.no_notes")));
  } else {
    s.blocks.push_back(std::move(notes));
  }

  s.blocks.push_back(Heading(3, t.T("appendix.agreement")));
  if (m.agreement.empty()) {
    s.blocks.push_back(Paragraph(t.T("appendix.no_agreement")));
  } else {
    s.blocks.push_back(Paragraph(t.T("appendix.agreement_method"), "note"));
    Block ag = Table(t.T("appendix.agreement_caption"),
                     {t.T("col.criterion"), t.T("col.multi_scored"), t.T("col.inspectors"),
                      t.T("col.observed"), t.T("col.kappa"), t.T("col.disagreements")},
                     {1.2, 0.9, 1.6, 1.2, 1.3, 3});
    Block pairs = Table(t.T("appendix.pairs_caption"),
                        {t.T("col.criterion"), t.T("col.inspectors"), t.T("col.multi_scored"),
                         t.T("col.observed"), t.T("col.kappa")},
                        {1.2, 2.4, 1, 1.2, 1.3});
    for (const CriterionAgreement& a : m.agreement) {
      std::vector<std::string> dis;
      for (const Disagreement& d : a.disagreements) {
        std::vector<std::string> scores;
        for (const auto& [inspector, result] : d.scores)
          scores.push_back(inspector + ": " + ResultName(m, t, result));
        dis.push_back((d.case_id.empty() ? t.T("appendix.organisation") : d.case_id) + " (" +
                      Join(scores, ", ") +
                      (d.reconciled ? " → " + ResultName(m, t, *d.reconciled) : "") + ")");
      }
      ag.rows.push_back({a.criterion, std::to_string(a.cases), Join(a.inspectors, ", "),
                         FormatPercent(a.observed, 1, t.lang),
                         t.T("agreement." + a.method) + " " + KappaText(t, a.kappa),
                         dis.empty() ? "–" : Join(dis, "\n")});
      if (a.method != "fleiss") continue;
      for (const PairAgreement& p : a.pairs) {
        pairs.rows.push_back({a.criterion, p.inspector_a + ", " + p.inspector_b,
                              std::to_string(p.cases), FormatPercent(p.observed, 1, t.lang),
                              KappaText(t, p.kappa)});
      }
    }
    s.blocks.push_back(std::move(ag));
    if (!pairs.rows.empty()) s.blocks.push_back(std::move(pairs));
  }
  s.blocks.push_back(Heading(3, t.T("appendix.monthly")));
  MonthlyCharts(m, t, &s);
  // The durations behind the share on time, per deadline: detail for the reader who
  // wants it, so in an appendix and not in the body.
  s.blocks.push_back(Heading(3, t.T("appendix.durations")));
  for (const Deadline& d : m.deadlines) {
    const DeadlineSummary* sum = Summary(m, d.id);
    if (!sum || sum->counted == 0) continue;
    Block hist;
    hist.kind = Block::Kind::kHistogram;
    hist.histogram = DurationHistogram(t, d, *sum);
    if (!hist.histogram.counts.empty()) s.blocks.push_back(std::move(hist));
  }
  return s;
}

// Hoor en wederhoor: every response with the inspectors' decision. The final report always
// has it (saying so when there was no response); an earlier one once there are responses.
std::optional<Section> Responses(const ReportModel& m, const ReportTemplates& t) {
  if (m.responses.empty() && m.status != "final") return std::nullopt;
  Section s{"responses", {}};
  s.blocks.push_back(Heading(2, t.T("responses.heading")));
  if (m.responses.empty()) {
    s.blocks.push_back(Paragraph(t.T("responses.none")));
    return s;
  }
  s.blocks.push_back(Paragraph(t.T("responses.intro")));
  Block r = Table(t.T("responses.caption"),
                  {t.T("col.subject"), t.T("col.received"), t.T("col.source"), t.T("col.response"),
                   t.T("col.decision")},
                  {1, 1, 1.2, 2.6, 2});
  for (const Response& x : m.responses) {
    std::string subject = t.T("responses.general");
    if (!x.criterion.empty()) {
      subject = x.criterion;
      ForEachCriterion(m.domains, [&](const ReportNode& c) {
        if (c.id == x.criterion) subject += " " + NodeName(t, c);
      });
    }
    r.rows.push_back({subject, x.received, x.source.empty() ? "–" : x.source, x.text,
                      x.decision ? t.T("decision." + *x.decision, {{"reason", x.reason}})
                                 : t.T("decision.open")});
  }
  s.blocks.push_back(std::move(r));
  return s;
}

}  // namespace

std::string LevelName(const ReportModel& m, const ReportTemplates& t,
                      const std::optional<std::string>& level) {
  if (!level) return t.T("level.none");
  const Level* l = FindLevel(m, level);
  return l ? Localised(t, l->name, l->gloss) : *level;
}

std::string Percent(const ReportTemplates& t, const std::optional<double>& share) {
  return share ? FormatPercent(*share, 1, t.lang) : "–";
}

std::vector<Section> BuildDocument(const ReportModel& model, const ReportTemplates& t) {
  std::vector<Section> out = {Cover(model, t),    Summary(model, t),    Method(model, t),
                              Findings(model, t), Timeliness(model, t), Comparison(model, t)};
  if (std::optional<Section> r = Responses(model, t)) out.push_back(std::move(*r));
  out.push_back(Appendices(model, t));
  return out;
}

}  // namespace vtaudit::report_internal
