// ReportJson: every number of the report with the framework hash (reports/README.md, "JSON").
#include "json_writer.h"
#include "report.h"

namespace vtaudit {
namespace {

void WriteInterval(JsonWriter* w, const std::optional<Interval>& i) {
  if (!i) {
    w->Null();
    return;
  }
  w->BeginArray().Number(i->low).Number(i->high).EndArray();
}

void WriteNodeJson(const ReportNode& n, JsonWriter* w) {
  w->BeginObject();
  w->Key("id").String(n.id);
  w->Key("name").String(n.name);
  w->Key("gloss").String(n.gloss);
  w->Key("judgement");
  n.level ? w->String(*n.level) : w->Null();
  w->Key("applicable").Bool(n.applicable);
  w->Key("incomplete").Bool(n.incomplete);
  w->Key("explanation").String(n.explanation);
  if (n.kind == "criterion") {
    w->Key("scope").String(n.scope);
    w->Key("measured_by").String(n.measured_by);
    w->Key("met").Int(n.met);
    w->Key("not_met").Int(n.not_met);
    w->Key("not_applicable").Int(n.not_applicable);
    w->Key("disputed").Int(n.disputed);
    w->Key("unscored").Int(n.unscored);
    w->Key("n").Int(n.met + n.not_met);
    w->Key("indicative").Bool(n.indicative);
    w->Key("min_cases");
    n.scope == "case" ? w->Int(n.min_cases) : w->Null();
    w->Key("share").OptionalNumber(n.share);
    w->Key("ci95");
    WriteInterval(w, n.ci95);
    w->Key("disagreements").BeginArray();
    for (const std::string& d : n.disagreements) w->String(d);
    w->EndArray();
    w->Key("notes").BeginArray();
    for (const ReportNote& note : n.notes) {
      w->BeginObject();
      w->Key("case_id").String(note.case_id);
      w->Key("inspector").String(note.inspector);
      w->Key("result").String(note.result);
      w->Key("note").String(note.note);
      w->EndObject();
    }
    w->EndArray();
  }
  w->Key("previous");
  if (!n.change) {
    w->Null();
  } else {
    const ReportChange& c = *n.change;
    w->BeginObject();
    w->Key("audit").Int(c.previous_audit);
    w->Key("period").Int(c.previous_period);
    w->Key("judgement");
    c.previous_level ? w->String(*c.previous_level) : w->Null();
    if (n.kind == "criterion") {
      w->Key("met").Int(c.previous_met);
      w->Key("not_met").Int(c.previous_not_met);
      w->Key("share").OptionalNumber(c.previous_share);
      w->Key("change").OptionalNumber(c.change);
      w->Key("change_ci95");
      WriteInterval(w, c.change_ci95);
      w->Key("exceeds_noise").Bool(c.exceeds_noise);
    }
    w->EndObject();
  }
  if (n.kind != "criterion") {
    w->Key(n.kind == "domain" ? "standards" : "criteria").BeginArray();
    for (const ReportNode& c : n.children) WriteNodeJson(c, w);
    w->EndArray();
  }
  w->EndObject();
}

}  // namespace

std::string ReportJson(const ReportModel& m) {
  JsonWriter w;
  w.BeginObject();
  w.Key("toolkit_version").String(m.toolkit_version);
  w.Key("audit").BeginObject();
  w.Key("id").Int(m.audit_id);
  w.Key("organisation").BeginObject();
  w.Key("code").String(m.org_code);
  w.Key("name").String(m.org_name);
  w.Key("region").String(m.org_region);
  w.EndObject();
  w.Key("period").Int(m.period);
  w.Key("status").String(m.status);
  w.Key("inspectors").BeginArray();
  for (const std::string& i : m.inspectors) w.String(i);
  w.EndArray();
  w.Key("as_of").String(m.as_of.ToIso());
  w.Key("synthetic").Bool(m.synthetic);
  w.Key("version");
  m.version > 0 ? w.Int(m.version) : w.Null();
  w.Key("created_at");
  m.version > 0 ? w.String(m.created_at) : w.Null();
  w.Key("delivery").BeginObject();
  w.Key("file").String(m.delivery_file).Key("sha256").String(m.delivery_sha256).EndObject();
  w.Key("not_judged").BeginArray();
  for (const auto& [criterion, reason] : m.not_judged) {
    w.BeginObject().Key("criterion").String(criterion).Key("reason").String(reason).EndObject();
  }
  w.EndArray();
  w.EndObject();
  w.Key("responses").BeginArray();
  for (const Response& r : m.responses) {
    w.BeginObject();
    w.Key("id").Int(r.id);
    w.Key("criterion").String(r.criterion);
    w.Key("received").String(r.received);
    w.Key("source").String(r.source);
    w.Key("text").String(r.text);
    w.Key("decision");
    r.decision ? w.String(*r.decision) : w.Null();
    w.Key("reason").String(r.reason);
    w.EndObject();
  }
  w.EndArray();
  w.Key("framework").BeginObject();
  w.Key("id").String(m.framework_id);
  w.Key("version").String(m.framework_version);
  w.Key("title").String(m.framework_title);
  w.Key("sha256").String(m.framework_sha256);
  w.EndObject();
  w.Key("population").Int(m.population);
  w.Key("sample");
  if (!m.sample) {
    w.Null();
  } else {
    w.BeginObject();
    w.Key("seed").String(m.sample->seed);
    w.Key("method").String(m.sample->method);
    w.Key("stratify").String(m.sample->stratify);
    w.Key("where").String(m.sample->where);
    w.Key("population").Int(m.sample->population);
    w.Key("population_sha256").String(m.sample->population_sha256);
    w.Key("size").Int(m.sample->size);
    w.Key("strata").BeginArray();
    for (const SampleStratum& s : m.sample->strata) {
      w.BeginObject();
      w.Key("key").String(s.key);
      w.Key("population").Int(s.population);
      w.Key("allocated").Int(s.allocated);
      w.EndObject();
    }
    w.EndArray();
    w.Key("cases").BeginArray();
    for (const ReportCase& c : m.cases) {
      w.BeginObject();
      w.Key("case_id").String(c.case_id);
      w.Key("stratum").String(c.stratum);
      w.Key("results").BeginObject();
      for (const auto& [criterion, result] : c.results) w.Key(criterion).String(result);
      w.EndObject();
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.Key("previous_audit");
  m.previous_audit ? w.Int(*m.previous_audit) : w.Null();
  w.Key("domains").BeginArray();
  for (const ReportNode& d : m.domains) WriteNodeJson(d, &w);
  w.EndArray();
  w.Key("timeliness");
  WriteTimelinessJson(m.timeliness, &w);
  w.Key("duration_histograms").BeginArray();
  for (const DeadlineSummary& d : m.timeliness.deadlines) {
    w.BeginObject();
    w.Key("id").String(d.id);
    // Trailing empty bins are left out; the last of kReportHistogramBins is open-ended.
    size_t used = d.duration_histogram.size();
    while (used > 0 && d.duration_histogram[used - 1] == 0) --used;
    w.Key("days").BeginArray();
    for (size_t i = 0; i < used; ++i) w.Int(d.duration_histogram[i]);
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.Key("agreement").BeginArray();
  for (const CriterionAgreement& a : m.agreement) {
    w.BeginObject();
    w.Key("criterion").String(a.criterion);
    w.Key("scope").String(a.scope);
    w.Key("method").String(a.method);
    w.Key("cases").Int(a.cases);
    w.Key("inspectors").BeginArray();
    for (const std::string& i : a.inspectors) w.String(i);
    w.EndArray();
    w.Key("observed").Number(a.observed);
    w.Key("expected").Number(a.expected);
    w.Key("kappa").OptionalNumber(a.kappa);
    w.Key("pairs").BeginArray();
    for (const PairAgreement& p : a.pairs) {
      w.BeginObject();
      w.Key("inspectors").BeginArray().String(p.inspector_a).String(p.inspector_b).EndArray();
      w.Key("cases").Int(p.cases);
      w.Key("observed").Number(p.observed);
      w.Key("expected").Number(p.expected);
      w.Key("kappa").OptionalNumber(p.kappa);
      w.EndObject();
    }
    w.EndArray();
    w.Key("disagreements").Int(static_cast<int64_t>(a.disagreements.size()));
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return w.str();
}

}  // namespace vtaudit
