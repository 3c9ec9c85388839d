// score set | score clear | score import | score template | score show | score history |
// score reconcile | score redact | agreement
#include <cstdio>
#include <fstream>
#include <string_view>
#include <vector>

#include "audit.h"
#include "cli.h"
#include "json_writer.h"
#include "judgement.h"
#include "lifecycle.h"
#include "redaction.h"
#include "score_template.h"
#include "scoring.h"

namespace vtaudit::cli {
namespace {

constexpr size_t kNoteWidth = 60;

// A note's lines (ending in LF or CR LF); a line break at the end makes no empty line.
std::vector<std::string_view> NoteLines(std::string_view text) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out.push_back(line);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return out;
}

// The score the options name; `note_option` is --note for a set, --reason otherwise.
ScoreInput InputFrom(const Context& ctx, std::string_view note_option, bool with_result) {
  ScoreInput in;
  in.audit = RequiredAuditId(ctx);
  in.case_id = ctx.Get("--case").value_or("");
  in.criterion = ctx.Required("--criterion");
  if (with_result) in.result = ctx.Required("--result");
  in.note = ctx.Get(note_option);
  if (std::optional<std::string> r = ctx.Get("--response")) in.response = ParseAuditId(*r);
  in.inspector = InspectorName(ctx);
  return in;
}

// Whose view `score show` and `score history` print: --all, else the inspector's.
Viewer ViewerFrom(const Context& ctx) {
  if (ctx.Flag("--all")) {
    if (ctx.Get("--inspector")) throw UsageError("--all and --inspector exclude each other");
    return {};
  }
  if (std::optional<std::string> name = OptionalInspectorName(ctx)) return {name};
  throw UsageError(
      "say whose view: --inspector NAME (or VTAUDIT_INSPECTOR) for the blind view, or --all");
}

void PrintHidden(int hidden, const Viewer& viewer) {
  if (hidden == 0) return;
  std::printf(
      "(%d score%s of other inspectors hidden until %s has scored the same case "
      "criteria: blind double scoring; --all shows every score)\n",
      hidden, hidden == 1 ? "" : "s", viewer.inspector->c_str());
}

// The id a written score was stored as (the inspector may have typed "Voldoet niet").
// REQUIRES: the score was written, so audit, framework and criterion exist.
std::string StoredResult(Workspace* ws, const ScoreInput& in) {
  Result<Audit> audit = FindAudit(ws, in.audit);
  if (!audit.ok()) return in.result;
  Result<Framework> framework = ws->LoadFramework(audit->framework_sha256);
  const Criterion* criterion = framework.ok() ? framework->FindCriterion(in.criterion) : nullptr;
  if (!criterion) return in.result;
  return NormaliseResult(*framework, criterion->scope, in.result).value_or(in.result);
}

std::string CaseLabel(const std::string& case_id) {
  return case_id.empty() ? "the organisation" : "case " + case_id;
}

}  // namespace

int ScoreSet(Context& ctx) {
  const ScoreInput in = InputFrom(ctx, "--note", true);
  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  Result<int> written = SetScores(*ws, {in});
  if (!written.ok()) return Fail(written.status());
  std::printf("%s, %s: %s (%s)%s\n", CaseLabel(in.case_id).c_str(), in.criterion.c_str(),
              StoredResult(*ws, in).c_str(), in.inspector.c_str(), *written ? "" : ", unchanged");
  return 0;
}

int ScoreSkip(Context& ctx) {
  const int64_t audit = RequiredAuditId(ctx);
  const std::string criterion = ctx.Required("--criterion");
  const bool undo = ctx.Flag("--undo");
  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  if (Status s = MarkNotJudged(*ws, audit, criterion, ctx.Get("--reason").value_or(""),
                               OptionalInspectorName(ctx).value_or(""), undo);
      !s.ok()) {
    return Fail(s);
  }
  std::printf("criterion %s: %s\n", criterion.c_str(),
              undo ? "judged again" : "niet beoordeeld (not judged)");
  return 0;
}

int ScoreClear(Context& ctx) {
  const ScoreInput in = InputFrom(ctx, "--reason", false);
  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  if (Status s = ClearScore(*ws, in); !s.ok()) return Fail(s);
  std::printf("%s, %s: score of %s withdrawn\n", CaseLabel(in.case_id).c_str(),
              in.criterion.c_str(), in.inspector.c_str());
  return 0;
}

int ScoreReconcile(Context& ctx) {
  const ScoreInput in = InputFrom(ctx, "--reason", true);
  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  if (Status s = ReconcileScore(*ws, in); !s.ok()) return Fail(s);
  std::printf("%s, %s: reconciled to %s (recorded by %s)\n", CaseLabel(in.case_id).c_str(),
              in.criterion.c_str(), StoredResult(*ws, in).c_str(), in.inspector.c_str());
  return 0;
}

int ScoreRedact(Context& ctx) {
  RedactionRequest request;
  request.audit = RequiredAuditId(ctx);
  request.event = ctx.Required("--event");
  request.reason = ctx.Required("--reason");
  request.inspector = InspectorName(ctx);
  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  Result<Redaction> r = RedactNote(*ws, request);
  if (!r.ok()) return Fail(r.status());
  std::printf("score event %lld (%s, %s, %s): note replaced by \"%s\", recorded by %s\n",
              static_cast<long long>(r->event), CaseLabel(r->case_id).c_str(), r->criterion.c_str(),
              Printable(r->inspector, 40).c_str(), Printable(r->marker, 2 * kNoteWidth).c_str(),
              request.inspector.c_str());
  if (r->copies > 0) {
    std::printf("also replaced: %d cop%s of the same text in the trail of this criterion\n",
                r->copies, r->copies == 1 ? "y" : "ies");
  }
  for (const WithdrawnReport& w : r->withdrawn) {
    std::printf("withdrawn: version %d %s (%s), SHA-256 %s, written %s\n", w.version,
                w.format.c_str(), w.lang.c_str(), w.sha256.substr(0, 12).c_str(),
                w.written_at.c_str());
  }
  if (!r->purged) {
    std::printf(
        "note: another connection to the workspace is open (vtaudit serve?): the old text stays "
        "in the write-ahead log until it is closed\n");
  }
  if (!r->withdrawn.empty()) {
    std::printf(
        "a concept or final audit's latest version is written again, with the marker, by the "
        "next `vtaudit report --audit %lld`\n",
        static_cast<long long>(request.audit));
  }
  return 0;
}

int ScoreImport(Context& ctx) {
  const int64_t audit = RequiredAuditId(ctx);
  const std::string& path = ctx.positional()[0];
  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  Result<int> n = ImportScoreSheet(*ws, audit, path, OptionalInspectorName(ctx));
  if (!n.ok()) return Fail(n.status());
  std::printf("imported %d score%s from %s\n", *n, *n == 1 ? "" : "s", path.c_str());
  return 0;
}

int ScoreTemplateCommand(Context& ctx) {
  const int64_t audit = RequiredAuditId(ctx);
  const std::string output = ctx.Required("--output");
  const bool xlsx_name = output.size() >= 5 && output.compare(output.size() - 5, 5, ".xlsx") == 0;
  const std::string format = ctx.Get("--format").value_or(xlsx_name ? "xlsx" : "csv");
  if (format != "csv" && format != "xlsx") {
    throw UsageError("--format must be csv or xlsx, got '" + format + "'");
  }
  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  Result<ScoreTemplate> t = BuildScoreTemplate(*ws, audit);
  if (!t.ok()) return Fail(t.status());
  if (format == "xlsx") {
    if (Status s = WriteScoreTemplateXlsx(*t, output); !s.ok()) return Fail(s);
  } else {
    std::ofstream out(output, std::ios::binary | std::ios::trunc);
    out << ScoreTemplateCsv(*t);
    out.close();
    if (!out) return Fail(output + ": cannot write the score sheet");
  }
  size_t organisation = 0;
  for (const ScoreTemplateRow& r : t->rows) organisation += r.case_id.empty() ? 1 : 0;
  std::printf("wrote %s: %zu rows (%zu case criteria of sampled cases, %zu organisation %s)\n",
              output.c_str(), t->rows.size(), t->rows.size() - organisation, organisation,
              organisation == 1 ? "criterion" : "criteria");
  return 0;
}

int ScoreShow(Context& ctx) {
  const int64_t audit = RequiredAuditId(ctx);
  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  const Viewer viewer = ViewerFrom(ctx);
  if (Result<Audit> a = FindAudit(*ws, audit); !a.ok()) return Fail(a.status());
  int hidden = 0;
  Result<std::vector<CurrentScore>> scores = CurrentScores(*ws, audit, viewer, &hidden);
  if (!scores.ok()) return Fail(scores.status());
  if (ctx.Flag("--json")) {
    JsonWriter w;
    w.BeginObject().Key("audit").Int(audit).Key("view");
    if (viewer.inspector) {
      w.String(*viewer.inspector);
    } else {
      w.String("all");
    }
    w.Key("hidden").Int(hidden).Key("scores").BeginArray();
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
    PrintHidden(hidden, viewer);
    return 0;
  }
  std::printf("%-12s %-10s %-16s %-14s %s\n", "CASE", "CRITERION", "INSPECTOR", "RESULT", "NOTE");
  for (const CurrentScore& s : *scores) {
    const std::string who = s.reconciled ? "reconciled" : Printable(s.inspector, 16);
    char row[128];
    std::snprintf(row, sizeof row, "%-12s %-10s %-16s %-14s ",
                  s.case_id.empty() ? "-" : s.case_id.c_str(), s.criterion.c_str(), who.c_str(),
                  s.result.c_str());
    // The note whole: each of its lines under the NOTE column, control characters shown.
    const std::vector<std::string_view> lines = NoteLines(s.note);
    const std::string indent(std::string_view(row).size(), ' ');
    for (size_t i = 0; i == 0 || i < lines.size(); ++i) {
      std::string line = i == 0 ? row : indent;
      if (i < lines.size()) line += Printable(lines[i], std::string::npos);
      while (!line.empty() && line.back() == ' ') line.pop_back();
      std::printf("%s\n", line.c_str());
    }
  }
  PrintHidden(hidden, viewer);
  return 0;
}

int ScoreHistoryCommand(Context& ctx) {
  const int64_t audit = RequiredAuditId(ctx);
  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  const Viewer viewer = ViewerFrom(ctx);
  int hidden = 0;
  Result<std::vector<ScoreEvent>> events =
      ScoreHistory(*ws, audit, ctx.Get("--case"), ctx.Get("--criterion"), viewer, &hidden);
  if (!events.ok()) return Fail(events.status());
  auto optional = [](JsonWriter& w, const std::optional<std::string>& v) {
    if (v) {
      w.String(*v);
    } else {
      w.Null();
    }
  };
  if (ctx.Flag("--json")) {
    JsonWriter w;
    w.BeginArray();
    for (const ScoreEvent& e : *events) {
      w.BeginObject().Key("id").Int(e.id).Key("uid").String(e.uid).Key("at").String(e.at);
      w.Key("kind").String(e.kind);
      w.Key("case_id").String(e.case_id).Key("criterion").String(e.criterion);
      w.Key("inspector").String(e.inspector).Key("old");
      optional(w, e.old_result);
      w.Key("new");
      optional(w, e.new_result);
      w.Key("old_note");
      optional(w, e.old_note);
      w.Key("note").String(e.note).Key("response");
      if (e.response) {
        w.Int(*e.response);
      } else {
        w.Null();
      }
      w.Key("redacted");
      if (e.redacted) {
        w.BeginObject().Key("at").String(e.redacted->at).Key("by").String(e.redacted->by);
        w.Key("reason").String(e.redacted->reason).EndObject();
      } else {
        w.Null();
      }
      if (e.kind == "reconcile") {
        w.Key("basis").BeginArray();
        for (const std::string& b : e.basis) w.String(b);
        w.EndArray();
      }
      w.EndObject();
    }
    w.EndArray();
    std::fputs(w.str().c_str(), stdout);
    return 0;
  }
  if (events->empty()) {
    std::printf("no score events\n");
    PrintHidden(hidden, viewer);
    return 0;
  }
  for (const ScoreEvent& e : *events) {
    std::printf("%s #%-4lld %-9s %-12s %-10s %-16s %s → %s%s%s\n", e.at.c_str(),
                static_cast<long long>(e.id), e.kind.c_str(),
                e.case_id.empty() ? "-" : e.case_id.c_str(), e.criterion.c_str(),
                Printable(e.inspector, 16).c_str(), e.old_result.value_or("-").c_str(),
                e.new_result.value_or("-").c_str(), e.note.empty() ? "" : "  ",
                Printable(e.note, kNoteWidth).c_str());
    if (e.old_note && *e.old_note != e.note) {
      std::printf("    note was: %s\n",
                  e.old_note->empty() ? "(none)" : Printable(*e.old_note, kNoteWidth).c_str());
    }
    if (e.redacted) {
      std::printf("    note redacted %s by %s\n", e.redacted->at.c_str(),
                  Printable(e.redacted->by, 40).c_str());
    }
    if (e.response)
      std::printf("    follows from response %lld\n", static_cast<long long>(*e.response));
    if (!e.basis.empty()) {
      std::string basis;
      for (const std::string& b : e.basis) basis += (basis.empty() ? "" : "; ") + b;
      std::printf("    settles: %s\n", Printable(basis, 2 * kNoteWidth).c_str());
    }
  }
  PrintHidden(hidden, viewer);
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
        w.EndArray().Key("reopened").Bool(d.reopened).Key("reconciled");
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
          d.reconciled ? (" (reconciled: " + *d.reconciled + ")").c_str()
          : d.reopened ? " (not reconciled: the reconciliation was superseded by a later score)"
                       : " (not reconciled)");
    }
  }
  return 0;
}

}  // namespace vtaudit::cli
