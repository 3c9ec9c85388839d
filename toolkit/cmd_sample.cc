// sample size | sample draw | sample show
#include <cstdio>
#include <fstream>
#include <optional>

#include "cli.h"
#include "json_writer.h"
#include "sample_draw.h"
#include "stats.h"

namespace vtaudit::cli {
namespace {

void PrintSample(const Sample& s) {
  std::printf(
      "audit %lld: %s sample of %ld from %ld cases, seed %s\n", static_cast<long long>(s.audit),
      s.method == "simple" ? "simple random" : "stratified", s.size, s.population, s.seed.c_str());
  std::printf("population: %s\n",
              DescribePopulation(s.population_rule, s.population, s.where).c_str());
  std::printf("population SHA-256: %s\n", s.population_sha256.c_str());
  std::printf("drawn at: %s%s\n", s.drawn_at.c_str(),
              s.replaced > 0 ? (" (replaces " + std::to_string(s.replaced) + " earlier draw" +
                                (s.replaced > 1 ? "s)" : ")"))
                                   .c_str()
                             : "");
  if (!s.strata.empty()) {
    std::printf("strata by %s:\n", s.stratify.c_str());
    for (const SampleStratum& st : s.strata) {
      std::printf("  %-24s %6ld cases %4ld drawn\n", st.key.empty() ? "(empty)" : st.key.c_str(),
                  st.population, st.allocated);
    }
  }
}

}  // namespace

int SampleSizeCommand(Context& ctx) {
  SampleSizeInput in;
  std::optional<Population> population;
  if (std::optional<std::string> audit = ctx.Get("--audit")) {
    if (ctx.Get("--population")) {
      throw UsageError("give --population N or --audit ID, not both");
    }
    Result<Workspace*> ws = ctx.workspace();
    if (!ws.ok()) return Fail(ws.status());
    Result<Population> p = SamplePopulation(
        *ws, ParseAuditId(*audit), ctx.Get("--where").value_or(""), ctx.Flag("--all-cases"));
    if (!p.ok()) return Fail(p.status());
    population = std::move(*p);
    in.population = static_cast<long>(population->ids.size());
  } else if (ctx.Get("--where") || ctx.Flag("--all-cases")) {
    throw UsageError("--where and --all-cases describe an audit's population: give --audit ID");
  } else if (!ctx.Get("--population")) {
    throw UsageError("'sample size' needs --population N or --audit ID");
  } else {
    in.population = ctx.RequiredInt("--population");
  }
  const auto number = [&](std::string_view name) {
    if (!ctx.Get(name)) ctx.Required(name);
    return *ctx.OptionalDouble(name);
  };
  in.expected = number("--expected");
  in.margin = number("--margin");
  in.confidence = ctx.OptionalDouble("--confidence").value_or(0.95);
  Result<long> n = SampleSize(in);
  if (!n.ok()) return Fail(n.status());
  if (ctx.Flag("--json")) {
    JsonWriter w;
    w.BeginObject().Key("n").Int(*n).Key("population").Int(in.population);
    if (population) {
      w.Key("audit").Int(ParseAuditId(*ctx.Get("--audit")));
      w.Key("population_rule").String(population->rule).Key("where").String(population->where);
    }
    w.Key("expected").Number(in.expected).Key("margin").Number(in.margin);
    w.Key("confidence").Number(in.confidence).EndObject();
    std::fputs(w.str().c_str(), stdout);
    return 0;
  }
  if (population) {
    std::printf("population: %s\n",
                DescribePopulation(population->rule, in.population, population->where).c_str());
  }
  std::printf("n = %ld (population %ld, expected share %s, margin %s, confidence %s)\n", *n,
              in.population, JsonWriter::FormatNumber(in.expected).c_str(),
              JsonWriter::FormatNumber(in.margin).c_str(),
              JsonWriter::FormatNumber(in.confidence).c_str());
  return 0;
}

int SampleDraw(Context& ctx) {
  SampleRequest request;
  request.audit = RequiredAuditId(ctx);
  request.size = ctx.RequiredInt("--size");
  request.seed = ctx.Get("--seed").value_or("");
  request.stratify = ctx.Get("--stratify").value_or("");
  request.where = ctx.Get("--where").value_or("");
  request.replace = ctx.Flag("--replace");
  request.all_cases = ctx.Flag("--all-cases");
  request.reserve = ctx.OptionalInt("--reserve").value_or(kDefaultReserve);
  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  Result<Sample> s = DrawSample(*ws, request);
  if (!s.ok()) return Fail(s.status());
  PrintSample(*s);
  std::printf("see `vtaudit sample show --audit %lld` for the cases and the reserve\n",
              static_cast<long long>(s->audit));
  return 0;
}

int SampleShow(Context& ctx) {
  const int64_t audit = RequiredAuditId(ctx);
  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  Result<Audit> a = FindAudit(*ws, audit);
  if (!a.ok()) return Fail(a.status());
  Result<Sample> s = CurrentSample(*ws, audit);
  if (!s.ok()) return Fail(s.status());
  if (std::optional<std::string> csv = ctx.Get("--csv")) {
    std::ofstream out(*csv, std::ios::binary | std::ios::trunc);
    out << SampleCsv(*s, a->org);
    out.close();
    if (!out) return Fail(*csv + ": cannot write the case list");
    std::printf("wrote %zu case numbers and a reserve of %zu to %s\n", s->cases.size(),
                s->reserve.size(), csv->c_str());
    return 0;
  }
  if (ctx.Flag("--json")) {
    JsonWriter w;
    w.BeginObject().Key("audit").Int(s->audit).Key("draw").Int(s->draw_id);
    w.Key("method").String(s->method).Key("seed").String(s->seed);
    w.Key("stratify").String(s->stratify).Key("where").String(s->where);
    w.Key("population_rule").String(s->population_rule);
    w.Key("population").Int(s->population).Key("population_sha256").String(s->population_sha256);
    w.Key("size").Int(s->size).Key("drawn_at").String(s->drawn_at);
    w.Key("replaced_draws").Int(s->replaced).Key("strata").BeginArray();
    for (const SampleStratum& st : s->strata) {
      w.BeginObject().Key("key").String(st.key).Key("population").Int(st.population);
      w.Key("drawn").Int(st.allocated).EndObject();
    }
    w.EndArray().Key("cases").BeginArray();
    for (const SampledCase& c : s->cases) {
      w.BeginObject().Key("case_id").String(c.case_id).Key("stratum").String(c.stratum);
      w.Key("order").Int(c.order).EndObject();
    }
    w.EndArray().Key("reserve").BeginArray();
    for (const ReserveCase& r : s->reserve) {
      w.BeginObject().Key("case_id").String(r.case_id).Key("stratum").String(r.stratum);
      w.Key("order").Int(r.order).EndObject();
    }
    w.EndArray().EndObject();
    std::fputs(w.str().c_str(), stdout);
    return 0;
  }
  PrintSample(*s);
  std::printf("cases:\n");
  for (const SampledCase& c : s->cases) {
    if (c.stratum.empty()) {
      std::printf("  %s\n", c.case_id.c_str());
    } else {
      std::printf("  %-16s %s\n", c.case_id.c_str(), c.stratum.c_str());
    }
  }
  if (s->reserve.empty()) return 0;
  std::printf("reserve, in the order to use it%s:\n",
              s->strata.empty() ? "" : " (a case of the same stratum)");
  for (const ReserveCase& r : s->reserve) {
    if (r.stratum.empty()) {
      std::printf("  %d. %s\n", r.order, r.case_id.c_str());
    } else {
      std::printf("  %d. %-13s %s\n", r.order, r.case_id.c_str(), r.stratum.c_str());
    }
  }
  return 0;
}

}  // namespace vtaudit::cli
