#include "sample_draw.h"

#include <algorithm>
#include <charconv>
#include <functional>
#include <map>
#include <random>
#include <sstream>

#include "case_store.h"
#include "condition.h"
#include "csv_writer.h"
#include "digest.h"
#include "escape.h"
#include "framework.h"
#include "problems.h"
#include "random_draw.h"
#include "scoring.h"
#include "snapshot.h"

namespace vtaudit {

std::string StratumKey(const CaseRecord& c, std::string_view field) {
  std::vector<std::string> values = CaseFieldValues(c, field);
  return values.empty() ? std::string() : values.front();
}

std::string PopulationHash(const std::vector<std::string>& sorted_ids) {
  Sha256 h;
  for (const std::string& id : sorted_ids) {
    h.Update(id);
    h.Update("\n");
  }
  return h.HexDigest();
}

namespace {

// A whole number written by this program into the workspace; false when the text is not
// one (a damaged or hand-edited workspace), instead of std::stol's exception.
bool ParseWhole(std::string_view text, long& out) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  return error == std::errc() && end == text.data() + text.size() && !text.empty();
}

std::string FreshSeed() {
  std::random_device device;
  const uint64_t seed = (uint64_t{device()} << 32) ^ device();
  return std::to_string(seed);
}

Status StoreDraw(Workspace* ws, Sample* s, const std::vector<SampledCase>& cases,
                 std::optional<int64_t> previous) {
  Result<Statement> q = ws->db().Prepare(
      "INSERT INTO sample_draw (audit, seed, method, stratify, where_condition, population, "
      "population_sha256, size, drawn_at, strata, extract_sha256, extract_file, population_rule) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!q.ok()) return q.status();
  q->Bind(11, s->extract_sha256).Bind(12, s->extract_file).Bind(13, s->population_rule);
  q->Bind(1, s->audit).Bind(2, s->seed).Bind(3, s->method).Bind(4, s->stratify).Bind(5, s->where);
  q->Bind(6, int64_t{s->population}).Bind(7, s->population_sha256).Bind(8, int64_t{s->size});
  std::string strata;
  for (const SampleStratum& st : s->strata) {
    strata +=
        st.key + "\t" + std::to_string(st.population) + "\t" + std::to_string(st.allocated) + "\n";
  }
  q->Bind(9, s->drawn_at).Bind(10, strata);
  if (Status st = q->Run(); !st.ok()) return st;
  s->draw_id = ws->db().LastInsertId();
  if (previous) {
    Result<Statement> u = ws->db().Prepare("UPDATE sample_draw SET replaced_by = ? WHERE id = ?");
    if (!u.ok()) return u.status();
    if (Status st = u->Bind(1, s->draw_id).Bind(2, *previous).Run(); !st.ok()) return st;
  }
  Result<Statement> c = ws->db().Prepare(
      "INSERT INTO sample_case (draw, case_id, stratum, draw_order) VALUES (?, ?, ?, ?)");
  if (!c.ok()) return c.status();
  for (const SampledCase& sc : cases) {
    c->Reset();
    c->Bind(1, s->draw_id).Bind(2, sc.case_id).Bind(3, sc.stratum).Bind(4, sc.order);
    if (Status st = c->Run(); !st.ok()) return st;
  }
  Result<Statement> r = ws->db().Prepare(
      "INSERT INTO sample_reserve (draw, case_id, stratum, reserve_order) VALUES (?, ?, ?, ?)");
  if (!r.ok()) return r.status();
  for (const ReserveCase& rc : s->reserve) {
    r->Reset();
    r->Bind(1, s->draw_id).Bind(2, rc.case_id).Bind(3, rc.stratum).Bind(4, rc.order);
    if (Status st = r->Run(); !st.ok()) return st;
  }
  return Status::Ok();
}

// The --where condition; none for "".
Result<std::optional<Condition>> ParseWhere(const std::string& text) {
  if (text.empty()) return std::optional<Condition>();
  ConditionError e;
  std::optional<Condition> where = Condition::Parse(text, &e);
  if (!where) {
    const std::string position = std::to_string(e.offset + 1);
    std::map<std::string, std::string> args = {
        {"why", e.message}, {"position", position}, {"where", text}};
    PutReason(&args, "why", e.problem);
    return Status::Invalid(
        "--where: " + e.message + " at position " + position + " of '" + text + "'",
        Problem("problem.sample.where", std::move(args)));
  }
  return where;
}

// Calls `fn` for every case of the population, by case_id.
Status ForEachPopulationCase(Workspace* ws, const Audit& audit, const std::string& where_text,
                             bool all_cases, const std::function<void(const CaseRecord&)>& fn) {
  Result<std::optional<Condition>> parsed = ParseWhere(where_text);
  if (!parsed.ok()) return parsed.status();
  const std::optional<Condition>& where = *parsed;
  std::vector<Condition> applies;
  std::optional<Date> as_of;
  if (!all_cases) {
    Result<Framework> framework = ws->LoadFramework(audit.framework_sha256);
    if (!framework.ok()) return framework.status();
    for (const Domain& d : framework->domains) {
      for (const Standard& st : d.standards) {
        for (const Criterion& c : st.criteria) {
          if (c.scope == Scope::kCase && c.measured_by.empty()) applies.push_back(c.applies_when);
        }
      }
    }
    as_of = EffectiveAsOf(audit, *framework);
  }
  CaseFilter filter;
  filter.received_from = audit.period_start();
  filter.received_to = audit.period_end();
  return ForEachCase(ws, audit.org, filter, [&](const CaseRecord& c) {
    if (where && !where->Matches(c)) return;
    if (as_of) {
      const CaseRecord then = AsOf(c, *as_of);
      if (std::none_of(applies.begin(), applies.end(),
                       [&](const Condition& a) { return a.Matches(then); })) {
        return;
      }
    }
    fn(c);
  });
}

// The reserve: `count` cases (fewer when the population runs out) that the draw of the
// sample gives next. Simple: the selection order continued. Stratified: `count` shared out
// over the strata by their cases not sampled (LargestRemainder), each stratum's selection
// order continued, so a sampled case is replaced from its own stratum.
Result<std::vector<ReserveCase>> DrawReserve(
    const std::vector<std::pair<std::string, std::vector<std::string>>>& strata,
    const std::vector<long>& sampled, long count, uint64_t seed, bool stratified) {
  std::vector<long> left;
  std::vector<std::string> keys;
  long total_left = 0;
  for (size_t i = 0; i < strata.size(); ++i) {
    left.push_back(static_cast<long>(strata[i].second.size()) - sampled[i]);
    keys.push_back(strata[i].first);
    total_left += left.back();
  }
  const std::vector<long> share = LargestRemainder(left, std::min(count, total_left), keys);
  std::vector<ReserveCase> out;
  for (size_t i = 0; i < strata.size(); ++i) {
    if (share[i] == 0) continue;
    const auto& [key, ids] = strata[i];
    Result<Draw> draw = DrawSimple(ids, static_cast<size_t>(sampled[i] + share[i]),
                                   stratified ? seed ^ Fnv1a64(key) : seed);
    if (!draw.ok()) return draw.status();
    int order = 0;
    for (size_t k = static_cast<size_t>(sampled[i]); k < draw->selection_order.size(); ++k) {
      out.push_back({draw->selection_order[k], key, ++order});
    }
  }
  return out;
}

Result<std::optional<int64_t>> CurrentDrawId(Workspace* ws, int64_t audit) {
  Result<Statement> q = ws->db().Prepare(
      "SELECT id FROM sample_draw WHERE audit = ? AND replaced_by IS NULL ORDER BY id DESC");
  if (!q.ok()) return q.status();
  q->Bind(1, audit);
  if (!q->Step()) {
    if (!q->status().ok()) return q->status();
    return std::optional<int64_t>();
  }
  return std::optional<int64_t>(q->Int(0));
}

}  // namespace

Result<Sample> DrawSample(Workspace* ws, const SampleRequest& request) {
  // A concept's sample is part of what the organisation responds to, and its snapshot
  // holds the cases as they were: only a working draft draws.
  Result<Audit> audit =
      FindDraftAudit(ws, request.audit, {"draw its sample", "problem.audit.to_draw_sample"});
  if (!audit.ok()) return audit.status();
  if (request.size <= 0) {
    return Status::Invalid("the sample size must be at least 1",
                           Problem("problem.sample.size_min"));
  }
  if (request.reserve < 0) {
    return Status::Invalid("the reserve cannot be negative",
                           Problem("problem.sample.reserve_negative"));
  }
  if (Result<std::optional<Condition>> w = ParseWhere(request.where); !w.ok()) return w.status();
  if (!request.stratify.empty() && !IsCaseField(request.stratify)) {
    std::string fields;
    for (const std::string& f : CaseFieldNames()) fields += (fields.empty() ? "" : ", ") + f;
    return Status::Invalid(
        "cannot stratify by '" + request.stratify + "': not a case field (one of " + fields + ")",
        Problem("problem.sample.stratify_not_field",
                {{"field", request.stratify}, {"fields", fields}}));
  }
  Transaction tx(&ws->db());
  if (!tx.status().ok()) return tx.status();
  Result<std::optional<int64_t>> previous = CurrentDrawId(ws, request.audit);
  if (!previous.ok()) return previous.status();
  if (*previous && !request.replace) {
    return Status::Conflict(
        "audit " + std::to_string(audit->id) +
            " has a sample already; give --replace to draw a new one (the "
            "old one stays on record)",
        Problem("problem.sample.exists", {{"audit", std::to_string(audit->id)}}));
  }

  std::vector<std::string> ids;
  std::map<std::string, std::vector<std::string>> strata;
  const std::string rule(request.all_cases ? kPopulationAllCases : kPopulationCaseCriteria);
  Status st =
      ForEachPopulationCase(ws, *audit, request.where, request.all_cases, [&](const CaseRecord& c) {
        ids.push_back(c.case_id);
        strata[request.stratify.empty() ? std::string() : StratumKey(c, request.stratify)]
            .push_back(c.case_id);
      });
  if (!st.ok()) return st;
  if (static_cast<size_t>(request.size) > ids.size()) {
    const std::string population =
        DescribePopulation(rule, static_cast<long>(ids.size()), request.where);
    return Status::Invalid(
        "cannot draw " + std::to_string(request.size) + " cases from the population of " +
            audit->org + " " + std::to_string(audit->period) + ": " + population,
        Problem(request.all_cases ? (request.where.empty() ? "problem.sample.too_few_all"
                                                           : "problem.sample.too_few_all_where")
                                  : (request.where.empty() ? "problem.sample.too_few"
                                                           : "problem.sample.too_few_where"),
                {{"size", std::to_string(request.size)},
                 {"org", audit->org},
                 {"period", std::to_string(audit->period)},
                 {"count", std::to_string(ids.size())},
                 {"population", population},
                 {"where", EscapeControl(request.where)}}));
  }

  Sample s;
  s.audit = audit->id;
  s.seed = request.seed.empty() ? FreshSeed() : request.seed;
  s.method = request.stratify.empty() ? "simple" : "stratified";
  s.stratify = request.stratify;
  s.where = request.where;
  s.population_rule = rule;
  s.population = static_cast<long>(ids.size());
  s.population_sha256 = PopulationHash(ids);
  s.size = request.size;
  s.drawn_at = UtcNowIso();
  Result<std::optional<Delivery>> delivery = LatestDelivery(ws, audit->org);
  if (!delivery.ok()) return delivery.status();
  if (*delivery) {
    s.extract_sha256 = (*delivery)->sha256;
    s.extract_file = (*delivery)->file_name;
  }
  const uint64_t seed = SeedFromString(s.seed);
  std::vector<SampledCase> cases;
  std::vector<std::pair<std::string, std::vector<std::string>>> input(strata.begin(), strata.end());
  std::vector<long> sampled;
  if (request.stratify.empty()) {
    Result<Draw> draw = DrawSimple(ids, static_cast<size_t>(request.size), seed);
    if (!draw.ok()) return draw.status();
    int order = 0;
    for (const std::string& id : draw->selection_order) cases.push_back({id, "", ++order});
    sampled.push_back(request.size);
  } else {
    Result<std::vector<StratumDraw>> draw =
        DrawStratified(input, static_cast<size_t>(request.size), seed);
    if (!draw.ok()) return draw.status();
    for (const StratumDraw& d : *draw) {
      s.strata.push_back({d.key, d.population, d.allocated});
      int order = 0;
      for (const std::string& id : d.ids) cases.push_back({id, d.key, ++order});
      sampled.push_back(d.allocated);
    }
  }
  Result<std::vector<ReserveCase>> reserve =
      DrawReserve(input, sampled, request.reserve, seed, !request.stratify.empty());
  if (!reserve.ok()) return reserve.status();
  s.reserve = std::move(*reserve);
  if (Status stored = StoreDraw(ws, &s, cases, *previous); !stored.ok()) return stored;
  if (Status c = tx.Commit(); !c.ok()) return c;
  return CurrentSample(ws, request.audit);
}

Result<Sample> CurrentSample(Workspace* ws, int64_t audit) {
  Result<std::optional<int64_t>> id = CurrentDrawId(ws, audit);
  if (!id.ok()) return id.status();
  if (!*id) {
    return Status::NotFound(
        "audit " + std::to_string(audit) + " has no sample yet (see `vtaudit sample draw`)",
        Problem("problem.sample.none", {{"audit", std::to_string(audit)}}));
  }
  Result<Statement> q = ws->db().Prepare(
      "SELECT audit, seed, method, stratify, where_condition, population, population_sha256, "
      "size, drawn_at, (SELECT COUNT(*) FROM sample_draw p WHERE p.audit = d.audit AND p.id < "
      "d.id), strata, extract_sha256, extract_file, population_rule FROM sample_draw d WHERE id = "
      "?");
  if (!q.ok()) return q.status();
  q->Bind(1, **id);
  if (!q->Step()) return q->status().ok() ? Status::Internal("sample draw vanished") : q->status();
  Sample s;
  s.draw_id = **id;
  s.audit = q->Int(0);
  s.seed = q->Text(1);
  s.method = q->Text(2);
  s.stratify = q->Text(3);
  s.where = q->Text(4);
  s.population = static_cast<long>(q->Int(5));
  s.population_sha256 = q->Text(6);
  s.size = static_cast<long>(q->Int(7));
  s.drawn_at = q->Text(8);
  s.replaced = static_cast<int>(q->Int(9));
  s.extract_sha256 = q->Text(11);
  s.extract_file = q->Text(12);
  s.population_rule = q->Text(13);
  Result<Statement> c = ws->db().Prepare(
      "SELECT case_id, stratum, draw_order FROM sample_case WHERE draw = ? ORDER BY case_id");
  if (!c.ok()) return c.status();
  c->Bind(1, s.draw_id);
  while (c->Step()) s.cases.push_back({c->Text(0), c->Text(1), static_cast<int>(c->Int(2))});
  if (!c->status().ok()) return c->status();
  Result<Statement> r = ws->db().Prepare(
      "SELECT case_id, stratum, reserve_order FROM sample_reserve WHERE draw = ? ORDER BY "
      "stratum, reserve_order");
  if (!r.ok()) return r.status();
  r->Bind(1, s.draw_id);
  while (r->Step()) s.reserve.push_back({r->Text(0), r->Text(1), static_cast<int>(r->Int(2))});
  if (!r->status().ok()) return r->status();
  std::stringstream strata(q->Text(10));
  std::string line;
  while (std::getline(strata, line)) {
    const size_t a = line.find('\t'), b = line.rfind('\t');
    long population = 0, drawn = 0;
    if (a == std::string::npos || a == b ||
        !ParseWhole(line.substr(a + 1, b - a - 1), population) ||
        !ParseWhole(line.substr(b + 1), drawn)) {
      return Status::Invalid("the workspace's sample draw " + std::to_string(s.draw_id) +
                             " has a damaged stratum line: '" + line + "'");
    }
    s.strata.push_back({line.substr(0, a), population, drawn});
  }
  return s;
}

std::string SampleCsv(const Sample& sample, const std::string& organisation) {
  const std::string head = std::to_string(sample.audit) + "," + CsvText(organisation) + "," +
                           CsvText(sample.seed) + "," + CsvText(sample.drawn_at) + ",";
  std::string out = "audit,organisation,seed,drawn_at,list,order,case_id\n";
  for (const SampledCase& c : sample.cases) out += head + "sample,," + CsvText(c.case_id) + '\n';
  for (const ReserveCase& r : sample.reserve) {
    out += head + "reserve," + std::to_string(r.order) + "," + CsvText(r.case_id) + '\n';
  }
  return out;
}

Result<Population> SamplePopulation(Workspace* ws, int64_t audit, const std::string& where,
                                    bool all_cases) {
  Result<Audit> a = FindAudit(ws, audit);
  if (!a.ok()) return a.status();
  Population p;
  p.rule = all_cases ? kPopulationAllCases : kPopulationCaseCriteria;
  p.where = where;
  Status st = ForEachPopulationCase(ws, *a, where, all_cases,
                                    [&](const CaseRecord& c) { p.ids.push_back(c.case_id); });
  if (!st.ok()) return st;
  return p;
}

std::string DescribePopulation(std::string_view rule, long size, const std::string& where) {
  std::string out = std::to_string(size) + (size == 1 ? " case" : " cases");
  if (rule == kPopulationCaseCriteria) {
    out += " to which a case criterion applies";
  } else if (rule == kPopulationAllCases) {
    out += " (every case of the period)";
  }
  if (!where.empty()) out += " matching '" + EscapeControl(where) + "'";
  return out;
}

Result<std::vector<CaseRecord>> LoadSampledCases(Workspace* ws, int64_t audit, const CaseSet& cases,
                                                 std::optional<Date> as_of) {
  Result<Sample> sample = CurrentSample(ws, audit);
  if (!sample.ok()) {
    if (sample.status().IsNotFound()) return std::vector<CaseRecord>();
    return sample.status();
  }
  CaseFilter filter;
  for (const SampledCase& c : sample->cases) filter.case_ids.push_back(c.case_id);
  // An empty filter would mean every case.
  if (filter.case_ids.empty()) return std::vector<CaseRecord>();
  Result<std::vector<CaseRecord>> out = LoadCases(ws, cases, filter);
  if (!out.ok()) return out;
  if (out->size() < filter.case_ids.size()) {
    // An audit that came in a bundle (docs/bundles.md) into a workspace without its
    // delivery: judging it on the cases present would give wrong figures without a word.
    std::string first;
    size_t i = 0;
    for (const std::string& id : filter.case_ids) {
      if (i < out->size() && (*out)[i].case_id == id) {
        ++i;
      } else if (first.empty()) {
        first = id;
      }
    }
    const std::string delivery = sample->extract_file.empty()
                                     ? "the delivery it was drawn from"
                                     : "the delivery it was drawn from, " + sample->extract_file +
                                           " (SHA-256 " + sample->extract_sha256 + ")";
    return Status::Conflict(
        "audit " + std::to_string(audit) + ": " +
        std::to_string(filter.case_ids.size() - out->size()) + " of the " +
        std::to_string(filter.case_ids.size()) +
        " sampled case files are not in this workspace (first: " + EscapeControl(first) +
        "); import " + delivery + " with `vtaudit cases import`");
  }
  if (!as_of) return out;
  for (CaseRecord& c : *out) c = AsOf(c, *as_of);
  return out;
}

}  // namespace vtaudit
