// score set | score import | score show | score history | score reconcile | agreement
#include <cstdio>

#include "audit.h"
#include "cli.h"
#include "json_writer.h"
#include "judgement.h"
#include "scoring.h"

namespace vtaudit::cli {
namespace {

constexpr size_t kNoteWidth = 60;

ScoreInput InputFrom(const Context& ctx) {
  ScoreInput in;
  in.audit = RequiredAuditId(ctx);
  in.case_id = ctx.Get("--case").value_or("");
  in.criterion = ctx.Required("--criterion");
  in.result = ctx.Required("--result");
  in.note = ctx.Get("--note").value_or("");
  in.inspector = InspectorName(ctx);
  return in;
}

std::string CaseLabel(const std::string& case_id) {
  return case_id.empty() ? "the organisation" : "case " + case_id;
}

}  // namespace

int ScoreSet(Context& ctx) {
  const ScoreInput in = InputFrom(ctx);
  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  if (Status s = SetScore(*ws, in); !s.ok()) return Fail(s);
  std::printf("%s, %s: %s (%s)\n", CaseLabel(in.case_id).c_str(), in.criterion.c_str(),
              in.result.c_str(), in.inspector.c_str());
  return 0;
}

int ScoreReconcile(Context& ctx) {
  const ScoreInput in = InputFrom(ctx);
  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  if (Status s = ReconcileScore(*ws, in); !s.ok()) return Fail(s);
  std::printf("%s, %s: reconciled to %s (recorded by %s)\n", CaseLabel(in.case_id).c_str(),
              in.criterion.c_str(), in.result.c_str(), in.inspector.c_str());
  return 0;
}

int ScoreImport(Context& ctx) {
  const int64_t audit = RequiredAuditId(ctx);
  const std::string& path = ctx.positional()[0];
  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  Result<int> n = ImportScoreSheet(*ws, audit, path, InspectorName(ctx));
  if (!n.ok()) return Fail(n.status());
  std::printf("imported %d score%s from %s\n", *n, *n == 1 ? "" : "s", path.c_str());
  return 0;
}

int ScoreShow(Context& ctx) {
  const int64_t audit = RequiredAuditId(ctx);
  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  if (Result<Audit> a = FindAudit(*ws, audit); !a.ok()) return Fail(a.status());
  Result<std::vector<CurrentScore>> scores = CurrentScores(*ws, audit);
  if (!scores.ok()) return Fail(scores.status());
  if (ctx.Flag("--json")) {
    JsonWriter w;
    w.BeginObject().Key("audit").Int(audit).Key("scores").BeginArray();
    for (const CurrentScore& s : *scores) {
      w.BeginObject().Key("case_id").String(s.case_id).Key("criterion").String(s.criterion);
      w.Key("inspector").String(s.inspector).Key("result").String(s.result);
      w.Key("reconciled").Bool(s.reconciled).Key("note").String(s.note);
      w.Key("at").String(s.at).EndObject();
    }
    w.EndArray().EndObject();
    std::fputs(w.str().c_str(), stdout);
    return 0;
  }
  if (scores->empty()) {
    std::printf("no scores yet for audit %lld\n", static_cast<long long>(audit));
    return 0;
  }
  std::printf("%-12s %-10s %-16s %-14s %s\n", "CASE", "CRITERION", "INSPECTOR", "RESULT", "NOTE");
  for (const CurrentScore& s : *scores) {
    const std::string who = s.reconciled ? "reconciled" : Printable(s.inspector, 16);
    char row[128];
    std::snprintf(row, sizeof row, "%-12s %-10s %-16s %-14s ",
                  s.case_id.empty() ? "-" : s.case_id.c_str(), s.criterion.c_str(), who.c_str(),
                  s.result.c_str());
    std::string line = row + Printable(s.note, kNoteWidth);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    std::printf("%s\n", line.c_str());
  }
  return 0;
}

int ScoreHistoryCommand(Context& ctx) {
  const int64_t audit = RequiredAuditId(ctx);
  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  Result<std::vector<ScoreEvent>> events =
      ScoreHistory(*ws, audit, ctx.Get("--case"), ctx.Get("--criterion"));
  if (!events.ok()) return Fail(events.status());
  if (ctx.Flag("--json")) {
    JsonWriter w;
    w.BeginArray();
    for (const ScoreEvent& e : *events) {
      w.BeginObject().Key("at").String(e.at).Key("kind").String(e.kind);
      w.Key("case_id").String(e.case_id).Key("criterion").String(e.criterion);
      w.Key("inspector").String(e.inspector).Key("old");
      if (e.old_result) {
        w.String(*e.old_result);
      } else {
        w.Null();
      }
      w.Key("new").String(e.new_result).Key("note").String(e.note).EndObject();
    }
    w.EndArray();
    std::fputs(w.str().c_str(), stdout);
    return 0;
  }
  if (events->empty()) {
    std::printf("no score events\n");
    return 0;
  }
  for (const ScoreEvent& e : *events) {
    std::printf("%s %-9s %-12s %-10s %-16s %s → %s%s%s\n", e.at.c_str(), e.kind.c_str(),
                e.case_id.empty() ? "-" : e.case_id.c_str(), e.criterion.c_str(),
                Printable(e.inspector, 16).c_str(), e.old_result.value_or("-").c_str(),
                e.new_result.c_str(), e.note.empty() ? "" : "  ",
                Printable(e.note, kNoteWidth).c_str());
  }
  return 0;
}

int AgreementCommand(Context& ctx) {
  const int64_t audit = RequiredAuditId(ctx);
  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  Result<std::vector<CriterionAgreement>> agreement = Agreement(*ws, audit);
  if (!agreement.ok()) return Fail(agreement.status());
  if (ctx.Flag("--json")) {
    JsonWriter w;
    w.BeginObject().Key("audit").Int(audit).Key("criteria").BeginArray();
    for (const CriterionAgreement& c : *agreement) {
      w.BeginObject().Key("criterion").String(c.criterion).Key("scope").String(c.scope);
      w.Key("method").String(c.method).Key("cases").Int(c.cases);
      w.Key("inspectors").BeginArray();
      for (const std::string& i : c.inspectors) w.String(i);
      w.EndArray();
      w.Key("min_inspectors").Int(c.min_inspectors).Key("max_inspectors").Int(c.max_inspectors);
      w.Key("observed").Number(c.observed).Key("expected").Number(c.expected);
      w.Key("kappa").OptionalNumber(c.kappa).Key("pairs").BeginArray();
      for (const PairAgreement& p : c.pairs) {
        w.BeginObject().Key("inspectors").BeginArray().String(p.inspector_a).String(p.inspector_b);
        w.EndArray().Key("cases").Int(p.cases).Key("observed").Number(p.observed);
        w.Key("expected").Number(p.expected).Key("kappa").OptionalNumber(p.kappa).EndObject();
      }
      w.EndArray().Key("disagreements").BeginArray();
      for (const Disagreement& d : c.disagreements) {
        w.BeginObject().Key("case_id").String(d.case_id);
        w.Key("scores").BeginArray();
        for (const auto& [inspector, result] : d.scores) {
          w.BeginObject().Key("inspector").String(inspector).Key("result").String(result);
          w.EndObject();
        }
        w.EndArray().Key("reconciled");
        if (d.reconciled) {
          w.String(*d.reconciled);
        } else {
          w.Null();
        }
        w.EndObject();
      }
      w.EndArray().EndObject();
    }
    w.EndArray().EndObject();
    std::fputs(w.str().c_str(), stdout);
    return 0;
  }
  if (agreement->empty()) {
    std::printf("no case was scored by two inspectors\n");
    return 0;
  }
  // The command has no --lang: the undefined kappa is worded in Dutch, like "niet beoordeeld".
  const auto kappa = [](const std::optional<double>& k) {
    return k ? FormatFigure(*k) : std::string("n.v.t. (alle scores in één categorie)");
  };
  const auto plural = [](int n, const char* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
  };
  for (const CriterionAgreement& c : *agreement) {
    std::string who;
    for (const std::string& i : c.inspectors) who += (who.empty() ? "" : ", ") + i;
    std::string by = std::to_string(c.min_inspectors);
    if (c.max_inspectors != c.min_inspectors) by += " to " + std::to_string(c.max_inspectors);
    std::string what;
    if (c.scope == "organisation") {
      what = "the organisation scored by " + by + " inspectors";
    } else if (c.method == "cohen") {
      what = std::to_string(c.cases) + " double-scored case" + (c.cases == 1 ? "" : "s");
    } else {
      what = plural(c.cases, "case") + " scored by " + by + " inspectors";
    }
    std::printf("%s: %s (%s), observed agreement %s, %s kappa %s\n", c.criterion.c_str(),
                what.c_str(), Printable(who, 200).c_str(), FormatFigure(c.observed).c_str(),
                c.method == "cohen" ? "Cohen's" : "Fleiss'", kappa(c.kappa).c_str());
    if (c.method == "fleiss") {
      for (const PairAgreement& p : c.pairs) {
        std::printf("  %s and %s: %s, observed agreement %s, Cohen's kappa %s\n",
                    Printable(p.inspector_a, 60).c_str(), Printable(p.inspector_b, 60).c_str(),
                    plural(p.cases, "case").c_str(), FormatFigure(p.observed).c_str(),
                    kappa(p.kappa).c_str());
      }
    }
    for (const Disagreement& d : c.disagreements) {
      std::string scores;
      for (const auto& [inspector, result] : d.scores) {
        scores += (scores.empty() ? "" : ", ") + Printable(inspector, 60) + " " + result;
      }
      std::printf(
          "  %s: %s%s\n", d.case_id.empty() ? "organisation" : d.case_id.c_str(), scores.c_str(),
          d.reconciled ? (" (reconciled: " + *d.reconciled + ")").c_str() : " (not reconciled)");
    }
  }
  return 0;
}

}  // namespace vtaudit::cli
