// framework validate | show | list
#include <cstdio>

#include "cli.h"
#include "framework.h"
#include "json_writer.h"
#include "xml_source.h"

namespace vtaudit::cli {
namespace {

int CountCriteria(const Framework& f) { return static_cast<int>(f.Criteria().size()); }

std::string Percent(double share) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%g%%", share * 100);
  return buf;
}

void WriteJson(const Framework& f) {
  JsonWriter w;
  w.BeginObject();
  w.Key("id").String(f.id);
  w.Key("version").String(f.version);
  w.Key("title").String(f.title);
  w.Key("gloss").String(f.gloss);
  w.Key("valid_from").String(f.valid_from.ToIso());
  w.Key("source").String(f.source);
  w.Key("sha256").String(f.sha256);
  w.Key("scale").BeginArray();
  for (const Level& l : f.scale.levels) {
    w.BeginObject();
    w.Key("id").String(l.id).Key("label").String(l.name).Key("gloss").String(l.gloss);
    w.Key("score").Number(l.score).Key("min_share").Number(l.min_share).Key("met").Bool(l.met);
    w.EndObject();
  }
  w.EndArray();
  w.Key("aggregation").BeginObject();
  w.Key("method").String(
      f.aggregation.method == Aggregation::Method::kWeightedMean ? "weighted-mean" : "worst");
  if (!f.aggregation.norm_missed_max.empty()) {
    w.Key("norm_missed_max").String(f.aggregation.norm_missed_max);
  }
  w.Key("bands").BeginArray();
  for (const Band& b : f.aggregation.bands) {
    w.BeginObject().Key("level").String(b.level).Key("min_score").Number(b.min_score).EndObject();
  }
  w.EndArray().EndObject();
  w.Key("domains").BeginArray();
  for (const Domain& d : f.domains) {
    w.BeginObject();
    w.Key("id").String(d.id).Key("name").String(d.name).Key("gloss").String(d.gloss);
    w.Key("weight").Number(d.weight);
    w.Key("standards").BeginArray();
    for (const Standard& s : d.standards) {
      w.BeginObject();
      w.Key("id").String(s.id).Key("name").String(s.name).Key("gloss").String(s.gloss);
      w.Key("weight").Number(s.weight);
      w.Key("criteria").BeginArray();
      for (const Criterion& c : s.criteria) {
        w.BeginObject();
        w.Key("id").String(c.id).Key("text").String(c.text).Key("gloss").String(c.gloss);
        w.Key("scope").String(ScopeName(c.scope)).Key("weight").Number(c.weight);
        if (!c.measured_by.empty()) w.Key("deadline").String(c.measured_by);
        if (!c.applies_when.always()) w.Key("applies_when").String(c.applies_when.text());
        if (!c.cap.empty()) w.Key("cap").String(c.cap);
        w.EndObject();
      }
      w.EndArray().EndObject();
    }
    w.EndArray().EndObject();
  }
  w.EndArray();
  w.Key("deadlines").BeginArray();
  for (const Deadline& d : f.deadlines) {
    w.BeginObject();
    w.Key("id").String(d.id).Key("name").String(d.name).Key("gloss").String(d.gloss);
    w.Key("from").String(EventName(d.from)).Key("to").String(EventName(d.to));
    w.Key("length").Int(d.length).Key("unit").String(DurationUnitName(d.unit));
    w.Key("extend").Bool(d.extend).Key("norm").Number(d.norm);
    if (d.basis == Basis::kUnstated) {
      w.Key("basis").Null();
    } else {
      w.Key("basis").String(BasisName(d.basis));
    }
    if (d.source.empty()) {
      w.Key("source").Null();
    } else {
      w.Key("source").String(d.source);
    }
    if (d.applies_when.always()) {
      w.Key("applies_when").Null();
    } else {
      w.Key("applies_when").String(d.applies_when.text());
    }
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  std::fputs(w.str().c_str(), stdout);
}

void WriteText(const Framework& f) {
  std::printf("%s %s: %s\n", f.id.c_str(), f.version.c_str(), f.title.c_str());
  std::printf("valid from %s, SHA-256 %s\n", f.valid_from.ToIso().c_str(), f.sha256.c_str());
  std::printf("source: %s\n\nscale (best first):\n", f.source.c_str());
  for (const Level& l : f.scale.levels) {
    std::printf("  %-22s score %-4g from %-5s %s\n", l.id.c_str(), l.score,
                Percent(l.min_share).c_str(), l.met ? "met" : "not met");
  }
  std::printf("\ndeadlines:\n");
  for (const Deadline& d : f.deadlines) {
    std::printf("  %-24s %s -> %s, %d %s%s, norm %s", d.id.c_str(),
                std::string(EventName(d.from)).c_str(), std::string(EventName(d.to)).c_str(),
                d.length, std::string(DurationUnitName(d.unit)).c_str(),
                d.extend ? " (Atw art. 1 and 2)" : "", Percent(d.norm).c_str());
    if (!d.applies_when.always()) std::printf(", when %s", d.applies_when.text().c_str());
    std::printf("\n");
    if (d.basis == Basis::kUnstated) {
      std::printf("  %-24s basis unstated\n", "");
    } else {
      std::printf("  %-24s basis %s: %s\n", "", std::string(BasisName(d.basis)).c_str(),
                  d.source.c_str());
    }
  }
  std::printf("\naggregation: %s", f.aggregation.method == Aggregation::Method::kWeightedMean
                                       ? "weighted mean of level scores"
                                       : "worst level");
  if (!f.aggregation.norm_missed_max.empty()) {
    std::printf("; a measured criterion that misses its norm is at most %s",
                f.aggregation.norm_missed_max.c_str());
  }
  std::printf("\n");
  for (const Domain& d : f.domains) {
    std::printf("\n%s  %s\n", d.id.c_str(), d.name.c_str());
    for (const Standard& s : d.standards) {
      std::printf("  %s  %s\n", s.id.c_str(), s.name.c_str());
      for (const Criterion& c : s.criteria) {
        std::string tags(ScopeName(c.scope));
        if (!c.measured_by.empty()) tags += ", measured by " + c.measured_by;
        if (c.weight != 1) {
          char buf[32];
          std::snprintf(buf, sizeof buf, ", weight %g", c.weight);
          tags += buf;
        }
        if (!c.cap.empty()) tags += ", cap " + c.cap;
        if (!c.applies_when.always()) tags += ", when " + c.applies_when.text();
        std::printf("    %-6s %s [%s]\n", c.id.c_str(), c.text.c_str(), tags.c_str());
      }
    }
  }
  std::printf("\n%zu domains, %d criteria\n", f.domains.size(), CountCriteria(f));
}

}  // namespace

int FrameworkValidate(Context& ctx) {
  int failed = 0;
  for (const std::string& path : ctx.positional()) {
    Result<Framework> f = LoadFrameworkFile(path);
    if (!f.ok()) {
      Fail(f.status());
      ++failed;
      continue;
    }
    std::printf("%s: ok (%s %s, %zu domains, %d criteria, %zu deadlines)\n", path.c_str(),
                f->id.c_str(), f->version.c_str(), f->domains.size(), CountCriteria(*f),
                f->deadlines.size());
  }
  return failed ? 1 : 0;
}

int FrameworkShow(Context& ctx) {
  Result<Framework> f = LoadFrameworkFile(ctx.positional()[0]);
  if (!f.ok()) return Fail(f.status());
  if (ctx.Flag("--json")) {
    WriteJson(*f);
  } else {
    WriteText(*f);
  }
  return 0;
}

int FrameworkList(Context& ctx) {
  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  Result<std::vector<StoredFramework>> list = (*ws)->Frameworks();
  if (!list.ok()) return Fail(list.status());
  for (const StoredFramework& f : *list) {
    std::printf("%-16s %-10s %s  %s\n", f.id.c_str(), f.version.c_str(),
                f.sha256.substr(0, 12).c_str(), f.title.c_str());
  }
  return 0;
}

}  // namespace vtaudit::cli
