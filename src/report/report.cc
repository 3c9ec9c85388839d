#include "report.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "case_store.h"
#include "csv_writer.h"
#include "json_writer.h"
#include "lifecycle.h"
#include "version.h"

namespace vtaudit {
namespace {

constexpr std::string_view kSyntheticSuffix = "-synthetisch.csv";

bool ContainsNoCase(std::string_view haystack, std::string_view needle) {
  auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                        [](char a, char b) {
                          return std::tolower(static_cast<unsigned char>(a)) ==
                                 std::tolower(static_cast<unsigned char>(b));
                        });
  return it != haystack.end();
}

Result<bool> IsSynthetic(Workspace* ws, const Organisation& org) {
  if (ContainsNoCase(org.name, "synthetisch")) return true;
  Result<Statement> q = ws->db().Prepare(
      "SELECT count(*) FROM extract_file WHERE org = ? AND substr(file_name, -?) = ?");
  if (!q.ok()) return q.status();
  q->Bind(1, org.code).Bind(2, static_cast<int>(kSyntheticSuffix.size())).Bind(3, kSyntheticSuffix);
  if (!q->Step()) return Status::IoError("cannot read the extracts of " + org.code);
  return q->Int(0) > 0;
}

Result<long> CountReceived(Workspace* ws, const Audit& audit, const CaseSet& cases) {
  long n = 0;
  CaseFilter filter;
  filter.received_from = audit.period_start();
  filter.received_to = audit.period_end();
  Status s = ForEachCase(ws, cases, filter, [&](const CaseRecord&) { ++n; });
  if (!s.ok()) return s;
  return n;
}

std::optional<Interval> Wilson(long met, long not_met) {
  if (met + not_met <= 0) return std::nullopt;
  return WilsonInterval(static_cast<int>(met), static_cast<int>(met + not_met));
}

// The result that counts per (case, criterion), as the judgement counts it.
std::map<std::pair<std::string, std::string>, std::string> CountedResults(
    const std::vector<CurrentScore>& scores) {
  std::map<std::pair<std::string, std::string>, std::vector<const CurrentScore*>> by_key;
  for (const CurrentScore& s : scores) by_key[{s.case_id, s.criterion}].push_back(&s);
  std::map<std::pair<std::string, std::string>, std::string> out;
  for (const auto& [key, list] : by_key) {
    std::string result;
    bool agree = true;
    for (const CurrentScore* s : list) {
      if (s->reconciled) {
        result = s->result, agree = true;
        break;
      }
      if (result.empty()) result = s->result;
      if (s->result != result) agree = false;
    }
    out[key] = agree ? result : "?";
  }
  return out;
}

ReportNode MakeNode(const NodeJudgement& j, const Framework& f,
                    const std::vector<CurrentScore>& scores) {
  ReportNode n;
  n.id = j.id;
  n.kind = j.kind;
  n.level = j.level;
  n.applicable = j.applicable;
  n.incomplete = j.incomplete;
  n.explanation = j.explanation;
  if (j.kind == "criterion") {
    const Criterion* c = f.FindCriterion(j.id);
    if (c) {
      n.name = c->text, n.gloss = c->gloss;
      n.scope = std::string(ScopeName(c->scope));
      n.measured_by = c->measured_by;
      n.weight = c->weight;
      n.cap = c->cap;
      n.min_cases = c->min_cases;
    }
    n.met = j.met, n.not_met = j.not_met, n.not_applicable = j.not_applicable;
    n.disputed = j.disputed, n.unscored = j.unscored;
    n.indicative = j.indicative;
    n.share = j.share;
    if (c && c->scope == Scope::kCase) n.ci95 = Wilson(j.met, j.not_met);
    n.disagreements = j.disagreements;
    for (const CurrentScore& s : scores) {
      if (s.criterion == j.id && !s.note.empty()) {
        n.notes.push_back({s.case_id, s.inspector, s.result, s.note});
      }
    }
  } else {
    for (const Domain& d : f.domains) {
      if (d.id == j.id) n.name = d.name, n.gloss = d.gloss, n.weight = d.weight;
      for (const Standard& s : d.standards) {
        if (s.id == j.id) n.name = s.name, n.gloss = s.gloss, n.weight = s.weight;
      }
    }
  }
  for (const NodeJudgement& c : j.children) n.children.push_back(MakeNode(c, f, scores));
  return n;
}

const NodeJudgement* FindJudged(const std::vector<NodeJudgement>& nodes, const std::string& id) {
  for (const NodeJudgement& n : nodes) {
    if (n.id == id) return &n;
    if (const NodeJudgement* found = FindJudged(n.children, id)) return found;
  }
  return nullptr;
}

void AttachChanges(std::vector<ReportNode>* nodes, const JudgedAudit& previous) {
  for (ReportNode& n : *nodes) {
    AttachChanges(&n.children, previous);
    const NodeJudgement* p = FindJudged(previous.judgement.domains, n.id);
    if (!p) continue;
    ReportChange c;
    c.previous_audit = previous.audit.id;
    c.previous_period = previous.audit.period;
    c.previous_level = p->level;
    if (n.kind == "criterion") {
      c.previous_met = p->met, c.previous_not_met = p->not_met;
      c.previous_share = p->share;
      if (n.share && p->share && n.met + n.not_met > 0 && p->met + p->not_met > 0) {
        c.change = *n.share - *p->share;
        c.change_ci95 =
            NewcombeDifference(static_cast<int>(n.met), static_cast<int>(n.met + n.not_met),
                               static_cast<int>(p->met), static_cast<int>(p->met + p->not_met));
        c.exceeds_noise = c.change_ci95->low > 0 || c.change_ci95->high < 0;
      }
    }
    n.change = c;
  }
}

Result<std::optional<Audit>> PreviousAudit(Workspace* ws, const Audit& audit) {
  Result<std::vector<Audit>> all = ListAudits(ws);
  if (!all.ok()) return all.status();
  std::optional<Audit> best;
  for (const Audit& a : *all) {
    if (a.org != audit.org || a.period >= audit.period) continue;
    if (!best || a.period > best->period || (a.period == best->period && a.id > best->id)) best = a;
  }
  return best;
}

}  // namespace

Result<ReportModel> BuildReportModel(Workspace* ws, int64_t id, const Calendar& calendar,
                                     std::optional<Date> requested_as_of) {
  Result<JudgedAudit> judged = JudgeAudit(ws, id, calendar, requested_as_of);
  if (!judged.ok()) return judged.status();
  const Audit& audit = judged->audit;
  const Framework& f = judged->framework;
  Result<Organisation> org = ws->FindOrganisation(audit.org);
  if (!org.ok()) return org.status();

  ReportModel m;
  m.org_code = org->code, m.org_name = org->name, m.org_region = org->region;
  m.audit_id = audit.id;
  m.period = audit.period;
  m.status = std::string(AuditStatusName(audit.status));
  m.inspectors = audit.inspectors;
  m.framework_id = f.id, m.framework_version = f.version, m.framework_title = f.title;
  m.framework_gloss = f.gloss, m.framework_sha256 = audit.framework_sha256;
  m.framework_source = f.source;
  const Date as_of = judged->as_of;
  const AuditSource& source = judged->source;
  m.as_of = as_of;
  m.toolkit_version = kVersion;
  Result<bool> synthetic = IsSynthetic(ws, *org);
  if (!synthetic.ok()) return synthetic.status();
  m.synthetic = *synthetic;
  m.scale = f.scale.levels;
  m.min_cases = f.scale.min_cases;
  m.aggregation = f.aggregation;
  m.deadlines = f.deadlines;

  if (source.snapshot && source.snapshot->partial) {
    return Status::Conflict(
        "audit " + std::to_string(id) + " came in a bundle with its sampled case files only, " +
        "and a report counts over the whole delivery: only the report files kept with it can " +
        "be written (see `vtaudit report versions --audit " + std::to_string(id) + "`)");
  }
  Result<long> population = CountReceived(ws, audit, source.cases);
  if (!population.ok()) return population.status();
  m.population = *population;
  Result<Sample> sample = CurrentSample(ws, id);
  if (sample.ok()) {
    m.sample = std::move(*sample);
  } else if (!sample.status().IsNotFound()) {
    return sample.status();
  }

  Result<std::vector<CurrentScore>> scores = CurrentScores(ws, id);
  if (!scores.ok()) return scores.status();
  for (const NodeJudgement& d : judged->judgement.domains) {
    m.domains.push_back(MakeNode(d, f, *scores));
  }

  TimelinessOptions options;
  options.period = {audit.period_start(), audit.period_end()};
  options.as_of = as_of;
  options.histogram_bins = kReportHistogramBins;
  TimelinessCalculator calculator(f, source.calendar, options);
  Status s = ForEachCase(ws, source.cases, {}, [&](const CaseRecord& c) { calculator.Add(c); });
  if (!s.ok()) return s;
  m.timeliness = calculator.Finish(audit.org);

  Result<std::vector<CriterionAgreement>> agreement = Agreement(ws, id);
  if (!agreement.ok()) return agreement.status();
  m.agreement = std::move(*agreement);

  const auto counted = CountedResults(*scores);
  if (m.sample) {
    for (const SampledCase& c : m.sample->cases) {
      ReportCase rc{c.case_id, c.stratum, {}};
      for (const Criterion* k : f.Criteria()) {
        auto it = counted.find({c.case_id, k->id});
        if (it != counted.end()) rc.results.emplace_back(k->id, it->second);
      }
      m.cases.push_back(std::move(rc));
    }
  }

  if (source.snapshot) {
    m.delivery_file = source.snapshot->extract_file;
    m.delivery_sha256 = source.snapshot->extract_sha256;
    if (source.frozen)
      m.version = source.snapshot->version, m.created_at = source.snapshot->created_at;
  } else {
    Result<std::optional<Delivery>> delivery = LatestDelivery(ws, audit.org);
    if (!delivery.ok()) return delivery.status();
    if (*delivery)
      m.delivery_file = (*delivery)->file_name, m.delivery_sha256 = (*delivery)->sha256;
  }
  Result<std::map<std::string, std::string>> not_judged = NotJudged(ws, id);
  if (!not_judged.ok()) return not_judged.status();
  m.not_judged = std::move(*not_judged);
  Result<std::vector<Response>> responses = Responses(ws, id);
  if (!responses.ok()) return responses.status();
  m.responses = std::move(*responses);

  Result<std::optional<Audit>> previous = PreviousAudit(ws, audit);
  if (!previous.ok()) return previous.status();
  if (*previous) {
    // The previous audit as of its own peildatum.
    Result<JudgedAudit> p = JudgeAudit(ws, (*previous)->id, calendar);
    if (!p.ok()) return p.status();
    m.previous_audit = p->audit.id;
    m.previous_period = p->audit.period;
    AttachChanges(&m.domains, *p);
  }
  return m;
}

std::string ReportTemplates::T(const std::string& key,
                               const std::map<std::string, std::string>& fields) const {
  auto it = text.find(key);
  if (it == text.end()) return "[" + key + "]";
  std::string out;
  const std::string& v = it->second;
  for (size_t i = 0; i < v.size(); ++i) {
    if (v[i] == '{') {
      const size_t end = v.find('}', i);
      if (end != std::string::npos) {
        auto f = fields.find(v.substr(i + 1, end - i - 1));
        if (f != fields.end()) {
          out += f->second;
          i = end;
          continue;
        }
      }
    }
    out += v[i];
  }
  return out;
}

Result<std::map<std::string, std::string>> ParseProperties(std::string_view text,
                                                           std::string_view source_name) {
  std::map<std::string, std::string> out;
  std::vector<std::string> errors;
  std::istringstream in{std::string(text)};
  std::string line;
  int number = 0;
  auto trim = [](std::string s) {
    const size_t b = s.find_first_not_of(" \t\r");
    if (b == std::string::npos) return std::string();
    return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
  };
  while (std::getline(in, line)) {
    ++number;
    const std::string t = trim(line);
    if (t.empty() || t[0] == '#') continue;
    const size_t eq = t.find('=');
    const std::string where = std::string(source_name) + ":" + std::to_string(number) + ": ";
    if (eq == std::string::npos) {
      errors.push_back(where + "expected 'key = value'");
      continue;
    }
    const std::string key = trim(t.substr(0, eq));
    std::string value = trim(t.substr(eq + 1));
    for (size_t p; (p = value.find("\\n")) != std::string::npos;) value.replace(p, 2, "\n");
    if (key.empty()) errors.push_back(where + "empty key");
    if (!out.emplace(key, value).second) errors.push_back(where + "key '" + key + "' given twice");
  }
  if (!errors.empty()) return Status::InvalidAll(std::move(errors));
  return out;
}

Result<ReportTemplates> LoadReportTemplates(const std::string& dir, const std::string& lang) {
  if (lang != "nl" && lang != "en") {
    return Status::Invalid("unknown report language '" + lang + "' (nl or en)");
  }
  auto read = [&](const std::string& name) -> Result<std::string> {
    const std::string path = dir + "/" + name;
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::NotFound(path + ": cannot open the report template");
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  };
  ReportTemplates t;
  t.lang = lang;
  Result<std::string> html = read("report.html");
  if (!html.ok()) return html.status();
  Result<std::string> css = read("report.css");
  if (!css.ok()) return css.status();
  const std::string text_name = "text-" + lang + ".properties";
  Result<std::string> text = read(text_name);
  if (!text.ok()) return text.status();
  Result<std::map<std::string, std::string>> parsed = ParseProperties(*text, dir + "/" + text_name);
  if (!parsed.ok()) return parsed.status();
  t.html = std::move(*html), t.css = std::move(*css), t.text = std::move(*parsed);
  return t;
}

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

std::string CsvNumber(const std::optional<double>& v) {
  return v ? JsonWriter::FormatNumber(*v) : std::string();
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
