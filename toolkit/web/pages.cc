// The pages of the web UI. Each reads through the library (audit.h, sample.h, scoring.h,
// measure.h) and writes scores with SetScore, like the command line.

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "audit.h"
#include "case_store.h"
#include "judgement.h"
#include "lifecycle.h"
#include "measure.h"
#include "privacy.h"
#include "progress.h"
#include "report.h"
#include "report_version.h"
#include "response.h"
#include "sample.h"
#include "scoring.h"
#include "web_internal.h"
#include "xml_source.h"

namespace vtaudit::web {
namespace {

std::string S(std::string_view v) { return std::string(v); }

Response Html(const PageEnv& env, const Request& req, std::string_view title,
              const std::string& body, int status = 200) {
  return {status, "text/html; charset=utf-8", Layout(env, req, title, body), ""};
}

Response Redirect(std::string location) { return {303, "text/plain; charset=utf-8", "", location}; }

Response Fail(const PageEnv& env, const Request& req, const Status& s) {
  return ErrorPage(env, req, HttpStatusFor(s, req.method), s.ToString());
}

std::string CsrfField(const PageEnv& env) {
  return "<input type=\"hidden\" name=\"csrf\" value=\"" + Escape(env.csrf) + "\">";
}

std::string AuditPath(int64_t id) { return "/audit/" + std::to_string(id); }

// A case field's values as text, joined by ", ".
std::string Field(const CaseRecord& c, std::string_view name) {
  std::string out;
  for (const std::string& v : CaseFieldValues(c, name)) out += (out.empty() ? "" : ", ") + v;
  return out;
}

std::string ResultLabel(Lang lang, std::string_view result) {
  if (result == kVoldoet) return S(Tr(lang, "voldoet", "met"));
  if (result == kVoldoetNiet) return S(Tr(lang, "voldoet niet", "not met"));
  if (result == kNvt) return S(Tr(lang, "n.v.t.", "n/a"));
  return S(result);
}

std::string LevelLabel(Lang lang, const Framework& f, const std::string& level) {
  const Level* l = f.scale.Find(level);
  if (!l) return ResultLabel(lang, level);
  return lang == Lang::kEn ? l->gloss : l->name;
}

std::string Name(Lang lang, const std::string& nl, const std::string& en) {
  return lang == Lang::kEn && !en.empty() ? en : nl;
}

// The state as the inspectorate words it.
std::string StateLabel(Lang lang, AuditStatus s) {
  if (lang == Lang::kNl) return S(AuditStatusLabel(s));
  return s == AuditStatus::kDraft ? "draft" : s == AuditStatus::kConcept ? "concept" : "final";
}

// Whether `inspector` may score on the audit (is on its list).
bool OnAudit(const Audit& a, const std::string& inspector) {
  return !inspector.empty() &&
         std::binary_search(a.inspectors.begin(), a.inspectors.end(), inspector);
}

// The audit header: organisation, period, status, who works, and the links between its
// pages.
std::string AuditNav(const PageEnv& env, const Audit& a, std::string_view current) {
  const Lang l = env.lang;
  const std::string base = AuditPath(a.id);
  const std::pair<std::string, std::string_view> links[] = {
      {base, Tr(l, "Steekproef", "Sample")},
      {base + "/organisation", Tr(l, "Organisatiecriteria", "Organisation criteria")},
      {base + "/judgement", Tr(l, "Oordeel", "Judgement")},
      {base + "/timeliness", Tr(l, "Tijdigheid", "Timeliness")},
      {base + "/agreement", Tr(l, "Overeenstemming", "Agreement")},
      {base + "/report", Tr(l, "Rapport", "Report")},
      {base + "/report.pdf", Tr(l, "Rapport (PDF)", "Report (PDF)")},
  };
  const bool on_audit = OnAudit(a, env.inspector);
  std::string html =
      "<p class=\"muted\">" + Escape(a.org) + " · " + std::to_string(a.period) + " · " +
      Escape(a.framework_id) + " " + Escape(a.framework_version) + " · " +
      S(Tr(l, "status ", "status ")) + StateLabel(l, a.status) + " · " +
      (on_audit ? S(Tr(l, "u werkt als ", "working as ")) + Escape(env.inspector)
                : S(Tr(l, "nog niet gekozen wie werkt", "not yet chosen who works"))) +
      " (<a href=\"" + base + "/inspector\">" +
      S(on_audit ? Tr(l, "wisselen", "switch") : Tr(l, "kiezen", "choose")) +
      "</a>)</p>\n<nav class=\"audit\" aria-label=\"" + S(Tr(l, "Audit", "Audit")) + "\">";
  for (const auto& [href, label] : links) {
    html += "<a href=\"" + Escape(href) + "\"" +
            (label == current ? " aria-current=\"page\"" : "") + ">" + S(label) + "</a>";
  }
  return html + "</nav>\n";
}

struct AuditContext {
  Audit audit;
  std::shared_ptr<const Framework> framework;
};

Result<AuditContext> LoadAudit(const PageEnv& env, const std::string& id_text) {
  int64_t id = 0;
  for (char c : id_text) {
    if (c < '0' || c > '9' || id > 1'000'000'000) return Status::NotFound("no audit " + id_text);
    id = id * 10 + (c - '0');
  }
  Result<Audit> a = FindAudit(env.ws, id);
  if (!a.ok()) return a.status();
  Result<std::shared_ptr<const Framework>> f = env.framework(a->framework_sha256);
  if (!f.ok()) return f.status();
  return AuditContext{std::move(*a), *f};
}

// Which scores exist per (case, criterion): any inspector's or a reconciled one.
// ---- audits -------------------------------------------------------------------------

Response AuditsPage(const PageEnv& env, const Request& req) {
  const Lang l = env.lang;
  Result<std::vector<Audit>> audits = ListAudits(env.ws);
  if (!audits.ok()) return Fail(env, req, audits.status());
  std::string body;
  if (audits->empty()) {
    body += "<p>" +
            S(Tr(l, "Er zijn nog geen audits. Begin er een met <code>vtaudit audit new</code>.",
                 "There are no audits yet. Start one with <code>vtaudit audit new</code>.")) +
            "</p>\n";
  }
  for (const Audit& a : *audits) {
    Result<std::shared_ptr<const Framework>> f = env.framework(a.framework_sha256);
    if (!f.ok()) return Fail(env, req, f.status());
    Result<JudgementInput> in = LoadJudgementInput(env.ws, a.id);
    if (!in.ok()) return Fail(env, req, in.status());
    std::string org = a.org;
    if (Result<Organisation> o = env.ws->FindOrganisation(a.org); o.ok()) org += " " + o->name;
    body += "<h2><a href=\"" + AuditPath(a.id) + "\">Audit " + std::to_string(a.id) + ": " +
            Escape(org) + ", " + std::to_string(a.period) + "</a></h2>\n<p class=\"muted\">" +
            Escape(a.framework_id) + " " + Escape(a.framework_version) + " · " +
            StateLabel(l, a.status) + " · " + std::to_string(in->sample.size()) + " " +
            S(Tr(l, "zaken in de steekproef", "cases sampled")) + "</p>\n";
    if (in->sample.empty()) continue;
    body += "<table><thead><tr><th>" + S(Tr(l, "Domein", "Domain")) + "</th><th class=\"num\">" +
            S(Tr(l, "Zaken gescoord van steekproef", "Cases scored of sampled")) +
            "</th></tr></thead><tbody>\n";
    const ScoringProgress progress = MeasureProgress(**f, *in, env.inspector);
    for (size_t i = 0; i < progress.domains.size(); ++i) {
      const DomainProgress& p = progress.domains[i];
      const Domain& d = (*f)->domains[i];
      body += "<tr><td>" + Escape(Name(l, d.name, d.gloss)) + "</td><td class=\"num\">" +
              (p.has_case_criteria
                   ? std::to_string(p.complete) + " / " + std::to_string(p.sampled)
                   : "<span class=\"muted\">" + S(Tr(l, "geen zaakcriteria", "no case criteria")) +
                         "</span>") +
              "</td></tr>\n";
    }
    body += "</tbody></table>\n";
  }
  return Html(env, req, Tr(l, "Audits", "Audits"), body);
}

// ---- an audit's sample ----------------------------------------------------------------

// Where the audit stands: for a draft what the concept still needs, for a concept the
// organisation's responses and what the final version needs (lifecycle.h).
Result<std::string> StateBlock(const PageEnv& env, const Audit& a) {
  const Lang l = env.lang;
  if (a.status == AuditStatus::kFinal) {
    return "<p class=\"message ok\">" +
           S(Tr(l, "Deze audit is definitief.", "This audit is final.")) + "</p>\n";
  }
  const Transition next{
      a.status == AuditStatus::kDraft ? AuditStatus::kConcept : AuditStatus::kFinal, "", "", false};
  Result<std::vector<std::string>> unmet = UnmetGates(env.ws, a.id, next, *env.calendar);
  if (!unmet.ok()) return unmet.status();
  std::string html =
      "<section class=\"state\"><h2>" +
      S(next.to == AuditStatus::kConcept ? Tr(l, "Naar het concept", "To the concept")
                                         : Tr(l, "Naar definitief", "To final")) +
      "</h2>\n";
  if (next.to == AuditStatus::kFinal) {
    Result<std::vector<vtaudit::Response>> responses = Responses(env.ws, a.id);
    if (!responses.ok()) return responses.status();
    html += "<p>" + std::to_string(responses->size()) + " " +
            S(Tr(l, "reactie(s) van de organisatie (hoor en wederhoor).",
                 "response(s) of the organisation.")) +
            "</p>\n";
  }
  if (unmet->empty()) {
    html += "<p>" + S(Tr(l, "Aan alle voorwaarden is voldaan (", "Every condition is met (")) +
            "<code>vtaudit audit status --audit " + std::to_string(a.id) + " " +
            S(AuditStatusName(next.to)) + "</code>).</p>\n";
  } else {
    html += "<details><summary>" + std::to_string(unmet->size()) + " " +
            S(Tr(l, "voorwaarde(n) nog niet voldaan", "condition(s) not yet met")) +
            "</summary>\n<ul class=\"small\">";
    for (const std::string& u : *unmet) html += "<li>" + Escape(u) + "</li>";
    html += "</ul></details>\n";
  }
  return html + "</section>\n";
}

Response SamplePage(const PageEnv& env, const Request& req, const AuditContext& ac) {
  const Lang l = env.lang;
  const Framework& f = *ac.framework;
  std::string body = AuditNav(env, ac.audit, Tr(l, "Steekproef", "Sample"));
  Result<std::string> state = StateBlock(env, ac.audit);
  if (!state.ok()) return Fail(env, req, state.status());
  body += *state;
  Result<JudgementInput> in = LoadJudgementInput(env.ws, ac.audit.id);
  if (!in.ok()) return Fail(env, req, in.status());
  if (in->sample.empty()) {
    body += "<p>" +
            S(Tr(l, "Er is nog geen steekproef getrokken (<code>vtaudit sample draw</code>).",
                 "No sample has been drawn yet (<code>vtaudit sample draw</code>).")) +
            "</p>\n";
    return Html(env, req, Tr(l, "Steekproef", "Sample"), body);
  }
  const ScoringProgress progress = MeasureProgress(f, *in, env.inspector);
  body += "<table><thead><tr><th>" + S(Tr(l, "Zaak", "Case")) + "</th><th>" +
          S(Tr(l, "Soort", "Kind")) + "</th><th>" + S(Tr(l, "Ontvangen", "Received")) +
          "</th><th class=\"num\">" + S(Tr(l, "Door mij gescoord", "Scored by me")) +
          "</th><th class=\"num\">" + S(Tr(l, "Gescoord (iedereen)", "Scored (anyone)")) +
          "</th><th>" + S(Tr(l, "Status", "Status")) + "</th></tr></thead><tbody>\n";
  for (size_t i = 0; i < in->sample.size(); ++i) {
    const CaseRecord& c = in->sample[i];
    const long applicable = progress.cases[i].applicable;
    const long by_me = progress.cases[i].by_inspector;
    const long by_anyone = progress.cases[i].by_anyone;
    const char* cls = by_me == applicable ? "done" : by_me > 0 ? "busy" : "";
    const std::string_view status = by_me == applicable ? Tr(l, "klaar", "done")
                                    : by_me > 0         ? Tr(l, "bezig", "in progress")
                                                        : Tr(l, "open", "open");
    body += "<tr><td><a href=\"" + AuditPath(ac.audit.id) + "/case/" +
            Escape(UrlSegment(c.case_id)) + "\">" + Escape(c.case_id) + "</a></td><td>" +
            Escape(Field(c, "kind")) + "</td><td>" + Escape(Field(c, "received")) +
            "</td><td class=\"num\">" + std::to_string(by_me) + " / " + std::to_string(applicable) +
            "</td><td class=\"num\">" + std::to_string(by_anyone) + " / " +
            std::to_string(applicable) + "</td><td><span class=\"tag " + cls + "\">" + S(status) +
            "</span></td></tr>\n";
  }
  body += "</tbody></table>\n";
  return Html(env, req,
              S(Tr(l, "Audit ", "Audit ")) + std::to_string(ac.audit.id) + ": " +
                  S(Tr(l, "steekproef", "sample")),
              body);
}

// ---- scoring forms (a case, or the organisation) ------------------------------------------

// A criterion on a form: what is stored now and the event the form is based on.
struct FormRow {
  const Criterion* criterion = nullptr;
  std::string result;  // my current result, "" when none
  std::string note;
  int64_t base = 0;                 // id of my latest event for it, 0 when none
  std::vector<std::string> others;  // other inspectors' and reconciled scores, as text
};

Result<std::vector<FormRow>> FormRows(const PageEnv& env, const AuditContext& ac,
                                      const std::string& case_id,
                                      const std::optional<CaseRecord>& record,
                                      std::vector<const Criterion*>* not_applicable) {
  const Framework& f = *ac.framework;
  const Scope scope = case_id.empty() ? Scope::kOrganisation : Scope::kCase;
  // Blind double scoring: another inspector's score shows only once this one has scored
  // the same criterion of the case.
  const Viewer viewer{env.inspector};
  Result<std::vector<ScoreEvent>> events =
      ScoreHistory(env.ws, ac.audit.id, case_id, std::nullopt, viewer);
  if (!events.ok()) return events.status();
  Result<std::vector<CurrentScore>> current = CurrentScores(env.ws, ac.audit.id, viewer);
  if (!current.ok()) return current.status();
  std::vector<FormRow> rows;
  std::map<std::string, size_t> index;
  for (const Criterion* k : f.Criteria()) {
    if (!HandScored(*k, scope)) continue;
    if (record && !k->applies_when.Matches(*record)) {
      if (not_applicable) not_applicable->push_back(k);
      continue;
    }
    index[k->id] = rows.size();
    rows.push_back({k, "", "", 0, {}});
  }
  for (const ScoreEvent& e : *events) {
    auto it = index.find(e.criterion);
    if (it != index.end() && e.kind != "reconcile" && e.inspector == env.inspector) {
      rows[it->second].base = std::max(rows[it->second].base, e.id);
    }
  }
  for (const CurrentScore& s : *current) {
    if (s.case_id != case_id) continue;
    auto it = index.find(s.criterion);
    if (it == index.end()) continue;
    FormRow& row = rows[it->second];
    const std::string shown =
        scope == Scope::kCase ? ResultLabel(env.lang, s.result) : LevelLabel(env.lang, f, s.result);
    if (s.reconciled) {
      row.others.push_back(S(Tr(env.lang, "afgestemd: ", "reconciled: ")) + shown);
    } else if (s.inspector == env.inspector) {
      row.result = s.result;
      row.note = s.note;
    } else {
      row.others.push_back(s.inspector + ": " + shown + (s.note.empty() ? "" : " — " + s.note));
    }
  }
  return rows;
}

struct Choice {
  std::string value;
  std::string label;
};

std::vector<Choice> Choices(const PageEnv& env, const Framework& f, Scope scope) {
  if (scope == Scope::kCase) {
    return {{S(kVoldoet), ResultLabel(env.lang, kVoldoet)},
            {S(kVoldoetNiet), ResultLabel(env.lang, kVoldoetNiet)},
            {S(kNvt), ResultLabel(env.lang, kNvt)}};
  }
  std::vector<Choice> out;
  for (const Level& level : f.scale.levels)
    out.push_back({level.id, LevelLabel(env.lang, f, level.id)});
  return out;
}

// The form; `submitted` (criterion → result, note) replaces stored values after an error.
std::string ScoreForm(const PageEnv& env, const AuditContext& ac, const std::string& action,
                      Scope scope, const std::vector<FormRow>& rows,
                      const std::map<std::string, std::pair<std::string, std::string>>& submitted,
                      bool with_next) {
  const Lang l = env.lang;
  const std::vector<Choice> choices = Choices(env, *ac.framework, scope);
  // A concept or final audit is frozen: the form shows the scores, nothing can be saved.
  const bool final = ac.audit.status != AuditStatus::kDraft;
  std::string html = "<form class=\"score\" method=\"post\" action=\"" + Escape(action) + "\">\n" +
                     CsrfField(env) + "\n";
  if (final) {
    html += "<p class=\"message\">" +
            S(Tr(l,
                 "Deze audit is bevroren (concept of definitief); scores wijzigen kan alleen in de "
                 "werkversie.",
                 "This audit is frozen (concept or final); scores change only in a draft.")) +
            "</p>\n<fieldset disabled>\n";
  }
  int n = 0;
  for (const FormRow& row : rows) {
    const Criterion& k = *row.criterion;
    std::string result = row.result, note = row.note;
    if (auto it = submitted.find(k.id); it != submitted.end()) {
      result = it->second.first;
      note = it->second.second;
    }
    const std::string id = Escape(k.id);
    html += "<fieldset class=\"criterion\"><legend>" + id + " — " +
            Escape(Name(l, k.text, k.gloss)) + "</legend>\n<input type=\"hidden\" name=\"base_" +
            id + "\" value=\"" + std::to_string(row.base) + "\">\n<div class=\"choices\">";
    int i = 0;
    for (const Choice& c : choices) {
      ++i;
      const std::string input_id = "r" + std::to_string(n) + "_" + std::to_string(i);
      html += "<label for=\"" + input_id + "\"><input type=\"radio\" id=\"" + input_id +
              "\" name=\"r_" + id + "\" value=\"" + Escape(c.value) + "\"" +
              (c.value == result ? " checked" : "") + ">" + Escape(c.label) +
              (scope == Scope::kCase ? " <kbd>" + std::to_string(i) + "</kbd>" : "") + "</label>";
    }
    html += "</div>\n<div class=\"note\"><label for=\"n" + std::to_string(n) + "\">" +
            S(Tr(l, "Toelichting", "Note")) + "</label><textarea id=\"n" + std::to_string(n) +
            "\" name=\"note_" + id + "\" rows=\"2\" maxlength=\"4000\" autocomplete=\"off\">" +
            Escape(note) + "</textarea></div>\n";
    if (!row.others.empty()) {
      html += "<p class=\"others\">" + S(Tr(l, "Andere scores: ", "Other scores: "));
      for (size_t j = 0; j < row.others.size(); ++j) {
        html += (j ? "; " : "") + Escape(row.others[j]);
      }
      html += "</p>\n";
    }
    html += "</fieldset>\n";
    ++n;
  }
  html += "<div class=\"actions\">";
  if (with_next) {
    html += "<button class=\"primary\" type=\"submit\" name=\"then\" value=\"next\">" +
            S(Tr(l, "Opslaan en volgende", "Save and next")) + "</button>";
  }
  html += std::string("<button") + (with_next ? "" : " class=\"primary\"") +
          " type=\"submit\" name=\"then\" value=\"stay\">" + S(Tr(l, "Opslaan", "Save")) +
          "</button>";
  if (scope == Scope::kCase) {
    html += "<span class=\"muted small\">" +
            S(Tr(l,
                 "Toetsen: Tab naar een criterium, <kbd>1</kbd> voldoet, <kbd>2</kbd> voldoet "
                 "niet, <kbd>3</kbd> n.v.t.; Ctrl+Enter in een toelichting slaat op.",
                 "Keys: Tab to a criterion, <kbd>1</kbd> met, <kbd>2</kbd> not met, <kbd>3</kbd> "
                 "n/a; Ctrl+Enter in a note saves.")) +
            "</span>";
  }
  html += "</div>\n";
  if (final) html += "</fieldset>\n";
  return html + "</form>\n";
}

// A note as typed: browsers send a textarea's line breaks as CR LF; the record keeps LF.
std::string TypedNote(const std::string& submitted) {
  std::string out;
  out.reserve(submitted.size());
  for (size_t i = 0; i < submitted.size(); ++i) {
    if (submitted[i] == '\r' && i + 1 < submitted.size() && submitted[i + 1] == '\n') continue;
    out += submitted[i];
  }
  return out;
}

// Writes a submitted form: every criterion on it, based on the event the form showed, in
// one transaction of the library (SetScores), so that a change made elsewhere since the
// form was rendered refuses the whole form. Returns the messages for the inspector; empty
// when everything was saved.
std::vector<std::string> SaveForm(const PageEnv& env, const AuditContext& ac,
                                  const std::string& case_id, const std::vector<FormRow>& rows,
                                  const Request& req, bool* stale, int* http_status) {
  const Lang l = env.lang;
  std::vector<std::string> messages;
  std::vector<ScoreInput> inputs;
  for (const FormRow& row : rows) {
    const std::string& id = row.criterion->id;
    auto base = req.form.find("base_" + id);
    if (base == req.form.end()) continue;  // not on the submitted form
    auto r = req.form.find("r_" + id);
    auto n = req.form.find("note_" + id);
    const std::string result = r == req.form.end() ? "" : r->second;
    const std::string note = n == req.form.end() ? row.note : TypedNote(n->second);
    if (result.empty()) {
      if (!note.empty() && note != row.note) {
        messages.push_back(
            id + ": " +
            S(Tr(l, "kies een uitkomst bij de toelichting.", "choose a result for the note.")));
      }
      continue;
    }
    int64_t based_on = -1;
    for (char c : base->second) {
      if (c < '0' || c > '9' || based_on > 1'000'000'000'000) {
        based_on = -1;
        break;
      }
      based_on = (based_on < 0 ? 0 : based_on * 10) + (c - '0');
    }
    inputs.push_back({ac.audit.id, case_id, id, result, note, env.inspector, based_on});
  }
  if (messages.empty()) {
    Result<int> written = SetScores(env.ws, inputs);
    if (written.ok()) return {};
    // A conflict is a stale form, unless the audit became final meanwhile.
    Result<Audit> now = FindAudit(env.ws, ac.audit.id);
    *stale = written.status().IsConflict() && now.ok() && now->status != AuditStatus::kFinal;
    *http_status = *stale ? 409 : HttpStatusFor(written.status(), req.method);
    messages = written.status().messages();
    if (*stale) {
      messages.push_back(S(Tr(l,
                              "Er is intussen elders gescoord (in een ander venster of met de "
                              "opdrachtregel). Hieronder staan de actuele scores; controleer ze "
                              "en sla opnieuw op.",
                              "Scores were changed elsewhere in the meantime (another window or "
                              "the command line). The current scores are shown below; check them "
                              "and save again.")));
    }
  }
  messages.push_back(S(Tr(l, "Er is niets opgeslagen.", "Nothing was saved.")));
  return messages;
}

std::string Messages(const std::vector<std::string>& messages, const char* cls) {
  if (messages.empty()) return "";
  std::string html = std::string("<div class=\"message ") + cls + "\" role=\"alert\">";
  for (const std::string& m : messages) html += "<p>" + Escape(m) + "</p>";
  return html + "</div>\n";
}

std::map<std::string, std::pair<std::string, std::string>> Submitted(
    const Request& req, const std::vector<FormRow>& rows) {
  std::map<std::string, std::pair<std::string, std::string>> out;
  for (const FormRow& row : rows) {
    const std::string& id = row.criterion->id;
    auto r = req.form.find("r_" + id);
    auto n = req.form.find("note_" + id);
    out[id] = {r == req.form.end() ? "" : r->second, n == req.form.end() ? "" : n->second};
  }
  return out;
}

Response CasePage(const PageEnv& env, const Request& req, const AuditContext& ac,
                  const std::string& case_id) {
  const Lang l = env.lang;
  Result<Sample> sample = CurrentSample(env.ws, ac.audit.id);
  if (!sample.ok()) return Fail(env, req, sample.status());
  auto at = std::find_if(sample->cases.begin(), sample->cases.end(),
                         [&](const SampledCase& c) { return c.case_id == case_id; });
  if (at == sample->cases.end()) {
    return ErrorPage(
        env, req, 404,
        S(Tr(l, "Deze zaak zit niet in de steekproef.", "This case is not in the sample.")));
  }
  Result<std::optional<CaseRecord>> record = FindCase(env.ws, ac.audit.org, case_id);
  if (!record.ok()) return Fail(env, req, record.status());
  if (!*record) return ErrorPage(env, req, 404, "case " + case_id);
  const std::string action = AuditPath(ac.audit.id) + "/case/" + UrlSegment(case_id);

  if (!OnAudit(ac.audit, env.inspector)) return Redirect(AuditPath(ac.audit.id) + "/inspector");
  std::vector<const Criterion*> not_applicable;
  Result<std::vector<FormRow>> rows = FormRows(env, ac, case_id, *record, &not_applicable);
  if (!rows.ok()) return Fail(env, req, rows.status());

  std::string notice;
  std::map<std::string, std::pair<std::string, std::string>> submitted;
  int status = 200;
  if (req.method == "POST") {
    bool stale = false;
    status = 422;  // a problem found in the form itself
    std::vector<std::string> problems = SaveForm(env, ac, case_id, *rows, req, &stale, &status);
    if (problems.empty()) {
      if (req.form.count("then") && req.form.at("then") == "next") {
        auto next = std::next(at);
        return Redirect(next == sample->cases.end()
                            ? AuditPath(ac.audit.id) + "?done=1"
                            : AuditPath(ac.audit.id) + "/case/" + UrlSegment(next->case_id));
      }
      return Redirect(action + "?saved=1");
    }
    if (stale) {
      rows = FormRows(env, ac, case_id, *record, nullptr);
      if (!rows.ok()) return Fail(env, req, rows.status());
    } else {
      submitted = Submitted(req, *rows);
    }
    notice = Messages(problems, "error");
  } else if (req.query.count("saved")) {
    notice =
        "<p class=\"message ok\" role=\"status\">" + S(Tr(l, "Opgeslagen.", "Saved.")) + "</p>\n";
  }

  const CaseRecord& c = **record;
  std::string body = AuditNav(env, ac.audit, "") + notice;
  const size_t position = static_cast<size_t>(at - sample->cases.begin()) + 1;
  body += "<p class=\"muted\">" + S(Tr(l, "Zaak ", "Case ")) + std::to_string(position) +
          S(Tr(l, " van ", " of ")) + std::to_string(sample->cases.size()) + "</p>\n";
  body += "<dl class=\"case\"><dt>" + S(Tr(l, "Soort", "Kind")) + "</dt><dd>" +
          Escape(Field(c, "kind")) + "</dd><dt>" + S(Tr(l, "Geweldsvorm", "Violence")) +
          "</dt><dd>" + Escape(Field(c, "violence")) + "</dd><dt>" +
          S(Tr(l, "Ontvangen", "Received")) + "</dt><dd>" + Escape(Field(c, "received")) +
          "</dd><dt>" + S(Tr(l, "Uitkomst", "Outcome")) + "</dt><dd>" +
          Escape(Field(c, "outcome")) + "</dd></dl>\n";
  body += ScoreForm(env, ac, action, Scope::kCase, *rows, submitted, true);
  if (!not_applicable.empty()) {
    body += "<h2>" + S(Tr(l, "Niet van toepassing op deze zaak", "Not applicable to this case")) +
            "</h2>\n<ul class=\"small muted\">";
    for (const Criterion* k : not_applicable) {
      body += "<li>" + Escape(k->id) + " — " + Escape(Name(l, k->text, k->gloss)) + " (" +
              S(Tr(l, "geldt als: ", "applies when: ")) + Escape(k->applies_when.text()) + ")</li>";
    }
    body += "</ul>\n";
  }
  Response r = Html(env, req, S(Tr(l, "Zaak ", "Case ")) + case_id, body, status);
  return r;
}

// Who works: the inspector picks their name from the audit's list; the session keeps it.
Response InspectorPage(const PageEnv& env, const Request& req, const AuditContext& ac) {
  const Lang l = env.lang;
  const Audit& a = ac.audit;
  std::string notice;
  int status = 200;
  if (req.method == "POST") {
    auto chosen = req.form.find("inspector");
    if (chosen != req.form.end() && OnAudit(a, chosen->second)) {
      Response r = Redirect(AuditPath(a.id));
      r.session_inspector = chosen->second;
      return r;
    }
    status = 422;
    notice = Messages(
        {S(Tr(l, "Kies een inspecteur van deze audit.", "Choose an inspector of this audit."))},
        "error");
  }
  std::string body = AuditNav(env, a, "") + notice;
  if (a.inspectors.empty()) {
    body += "<p>" +
            S(Tr(l, "Deze audit heeft nog geen inspecteurs. Voeg ze toe met ",
                 "This audit has no inspectors yet. Add them with ")) +
            "<code>vtaudit audit inspectors --audit " + std::to_string(a.id) +
            " --add NAAM</code>.</p>\n";
    return Html(env, req, Tr(l, "Wie werkt er?", "Who is working?"), body, status);
  }
  body += "<form method=\"post\" action=\"" + AuditPath(a.id) + "/inspector\">\n" + CsrfField(env) +
          "\n<fieldset><legend>" + S(Tr(l, "Ik werk als", "I am working as")) + "</legend>\n";
  int i = 0;
  for (const std::string& name : a.inspectors) {
    const std::string input_id = "i" + std::to_string(++i);
    body += "<label for=\"" + input_id + "\"><input type=\"radio\" id=\"" + input_id +
            "\" name=\"inspector\" value=\"" + Escape(name) + "\"" +
            (name == env.inspector ? " checked" : "") + "> " + Escape(name) + "</label><br>\n";
  }
  body += "</fieldset>\n<p><button class=\"primary\" type=\"submit\">" +
          S(Tr(l, "Verder", "Continue")) + "</button></p>\n</form>\n<p class=\"muted small\">" +
          S(Tr(l,
               "Scoren is blind: de scores van een andere inspecteur ziet u pas als u dezelfde "
               "zaak en hetzelfde criterium zelf hebt gescoord.",
               "Scoring is blind: you see another inspector's scores only once you have scored "
               "the same case and criterion yourself.")) +
          "</p>\n";
  return Html(env, req, Tr(l, "Wie werkt er?", "Who is working?"), body, status);
}

Response OrganisationPage(const PageEnv& env, const Request& req, const AuditContext& ac) {
  const Lang l = env.lang;
  const Framework& f = *ac.framework;
  const std::string action = AuditPath(ac.audit.id) + "/organisation";
  if (!OnAudit(ac.audit, env.inspector)) return Redirect(AuditPath(ac.audit.id) + "/inspector");
  Result<std::vector<FormRow>> rows = FormRows(env, ac, "", std::nullopt, nullptr);
  if (!rows.ok()) return Fail(env, req, rows.status());
  std::string notice;
  std::map<std::string, std::pair<std::string, std::string>> submitted;
  int status = 200;
  if (req.method == "POST") {
    bool stale = false;
    status = 422;  // a problem found in the form itself
    std::vector<std::string> problems = SaveForm(env, ac, "", *rows, req, &stale, &status);
    if (problems.empty()) return Redirect(action + "?saved=1");
    if (stale) {
      rows = FormRows(env, ac, "", std::nullopt, nullptr);
      if (!rows.ok()) return Fail(env, req, rows.status());
    } else {
      submitted = Submitted(req, *rows);
    }
    notice = Messages(problems, "error");
  } else if (req.query.count("saved")) {
    notice =
        "<p class=\"message ok\" role=\"status\">" + S(Tr(l, "Opgeslagen.", "Saved.")) + "</p>\n";
  }
  std::string body =
      AuditNav(env, ac.audit, Tr(l, "Organisatiecriteria", "Organisation criteria")) + notice;
  body += "<h2>" + S(Tr(l, "Oordeelsschaal", "Judgement scale")) + "</h2>\n<table><thead><tr><th>" +
          S(Tr(l, "Niveau", "Level")) + "</th><th class=\"num\">" +
          S(Tr(l, "Vanaf naleving", "From compliance")) + "</th><th class=\"num\">" +
          S(Tr(l, "Waarde", "Score")) + "</th></tr></thead><tbody>\n";
  for (const Level& level : f.scale.levels) {
    body += "<tr><td>" + Escape(LevelLabel(l, f, level.id)) + "</td><td class=\"num\">" +
            FormatFigure(level.min_share) + "</td><td class=\"num\">" + FormatFigure(level.score) +
            "</td></tr>\n";
  }
  body += "</tbody></table>\n<h2>" + S(Tr(l, "Te scoren", "To score")) + "</h2>\n";
  body += ScoreForm(env, ac, action, Scope::kOrganisation, *rows, submitted, false);
  std::string measured;
  for (const Criterion* k : f.Criteria()) {
    if (k->scope != Scope::kOrganisation || k->measured_by.empty()) continue;
    const Deadline* d = f.FindDeadline(k->measured_by);
    measured += "<li>" + Escape(k->id) + " — " + Escape(Name(l, k->text, k->gloss)) + " (" +
                S(Tr(l, "gemeten met termijn ", "measured by deadline ")) +
                Escape(d ? Name(l, d->name, d->gloss) : k->measured_by) + ")</li>";
  }
  if (!measured.empty()) {
    body += "<h2>" + S(Tr(l, "Gemeten criteria", "Measured criteria")) + "</h2>\n<ul>" + measured +
            "</ul>\n<p><a href=\"" + AuditPath(ac.audit.id) + "/timeliness\">" +
            S(Tr(l, "Naar de tijdigheid", "To timeliness")) + "</a></p>\n";
  }
  return Html(env, req, Tr(l, "Organisatiecriteria", "Organisation criteria"), body, status);
}

// ---- judgement, timeliness, agreement ------------------------------------------------------

void TreeNode(const PageEnv& env, const Framework& f, const NodeJudgement& n, std::string* html) {
  const Lang l = env.lang;
  std::string name;
  if (n.kind == "domain") {
    for (const Domain& d : f.domains) {
      if (d.id == n.id) name = Name(l, d.name, d.gloss);
    }
  } else if (n.kind == "standard") {
    for (const Domain& d : f.domains) {
      for (const Standard& s : d.standards) {
        if (s.id == n.id) name = Name(l, s.name, s.gloss);
      }
    }
  } else if (const Criterion* k = f.FindCriterion(n.id)) {
    name = Name(l, k->text, k->gloss);
  }
  const Level* level = n.level ? f.scale.Find(*n.level) : nullptr;
  const char* cls = !level ? "none" : level->met ? "met" : "notmet";
  const std::string_view none = n.applicable ? Tr(l, "niet beoordeeld", "not judged")
                                             : Tr(l, "niet van toepassing", "not applicable");
  *html += "<li><div class=\"node\"><strong>" + Escape(n.id) + "</strong> <span>" + Escape(name) +
           "</span> <span class=\"level " + cls + "\" data-node=\"" + Escape(n.id) + "\">" +
           (level ? Escape(LevelLabel(l, f, *n.level)) : S(none)) + "</span>";
  if (n.indicative) {
    *html += " <span class=\"tag indicative\">" + S(Tr(l, "indicatief", "indicative")) +
             " (n = " + std::to_string(n.met + n.not_met) + ")</span>";
  }
  if (n.incomplete) {
    *html += " <span class=\"tag incomplete\">" + S(Tr(l, "onvolledig", "incomplete")) + "</span>";
  }
  if (n.kind == "criterion") {
    *html += " <span class=\"muted small\">" + S(Tr(l, "voldoet ", "met ")) +
             std::to_string(n.met) + ", " + S(Tr(l, "voldoet niet ", "not met ")) +
             std::to_string(n.not_met) + ", " + S(Tr(l, "n.v.t. ", "n/a ")) +
             std::to_string(n.not_applicable) + ", " + S(Tr(l, "oneens ", "disputed ")) +
             std::to_string(n.disputed) + ", " + S(Tr(l, "ongescoord ", "unscored ")) +
             std::to_string(n.unscored) + "</span>";
  }
  *html += "</div>";
  if (!n.explanation.empty()) *html += "<p class=\"why\">" + Escape(n.explanation) + "</p>";
  if (!n.children.empty()) {
    *html += "<ul>";
    for (const NodeJudgement& c : n.children) TreeNode(env, f, c, html);
    *html += "</ul>";
  }
  *html += "</li>\n";
}

Response JudgementPage(const PageEnv& env, const Request& req, const AuditContext& ac) {
  const Lang l = env.lang;
  Result<JudgedAudit> j = JudgeAudit(env.ws, ac.audit.id, *env.calendar);
  if (!j.ok()) return Fail(env, req, j.status());
  std::string body = AuditNav(env, ac.audit, Tr(l, "Oordeel", "Judgement"));
  body += "<p class=\"muted\">" + S(Tr(l, "Stand op ", "As of ")) + j->as_of.ToIso() + "; " +
          std::to_string(j->input.sample.size()) + " " +
          S(Tr(l, "zaken in de steekproef. Toelichtingen volgen de regels van het toetsingskader.",
               "cases sampled. Explanations follow the rules of the framework.")) +
          "</p>\n<ul class=\"tree\">\n";
  for (const NodeJudgement& d : j->judgement.domains) TreeNode(env, j->framework, d, &body);
  body += "</ul>\n";
  return Html(env, req, Tr(l, "Oordeel", "Judgement"), body);
}

Response TimelinessPage(const PageEnv& env, const Request& req, const AuditContext& ac) {
  const Lang l = env.lang;
  Result<JudgedAudit> j = JudgeAudit(env.ws, ac.audit.id, *env.calendar);
  if (!j.ok()) return Fail(env, req, j.status());
  std::string body = AuditNav(env, ac.audit, Tr(l, "Tijdigheid", "Timeliness"));
  body += "<p class=\"muted\">" +
          S(Tr(l, "Alle zaken van het extract, afgerond in ",
               "All cases of the extract completed in ")) +
          std::to_string(ac.audit.period) + ".</p>\n<table><thead><tr><th>" +
          S(Tr(l, "Termijn", "Deadline")) + "</th><th class=\"num\">" +
          S(Tr(l, "Op tijd", "On time")) + "</th><th class=\"num\">" +
          S(Tr(l, "Geteld", "Counted")) + "</th><th class=\"num\">" + S(Tr(l, "Aandeel", "Share")) +
          "</th><th class=\"num\">" + S(Tr(l, "Norm", "Norm")) +
          "</th><th></th></tr></thead><tbody>\n";
  for (const Deadline& d : j->framework.deadlines) {
    auto it = j->input.measured.find(d.id);
    if (it == j->input.measured.end()) continue;
    const MeasuredFigure& m = it->second;
    std::string verdict;
    if (m.share) {
      verdict =
          *m.share >= m.norm
              ? "<span class=\"tag done\">" + S(Tr(l, "norm gehaald", "norm met")) + "</span>"
              : "<span class=\"tag busy\">" + S(Tr(l, "norm gemist", "norm missed")) + "</span>";
    }
    body += "<tr><td>" + Escape(Name(l, d.name, d.gloss)) + "</td><td class=\"num\">" +
            std::to_string(m.on_time) + "</td><td class=\"num\">" + std::to_string(m.counted) +
            "</td><td class=\"num\">" + (m.share ? FormatFigure(*m.share) : "—") +
            "</td><td class=\"num\">" + FormatFigure(m.norm) + "</td><td>" + verdict +
            "</td></tr>\n";
  }
  body += "</tbody></table>\n";
  return Html(env, req, Tr(l, "Tijdigheid", "Timeliness"), body);
}

Response AgreementPage(const PageEnv& env, const Request& req, const AuditContext& ac) {
  const Lang l = env.lang;
  Result<std::vector<CriterionAgreement>> agreement = Agreement(env.ws, ac.audit.id);
  if (!agreement.ok()) return Fail(env, req, agreement.status());
  std::string body = AuditNav(env, ac.audit, Tr(l, "Overeenstemming", "Agreement"));
  if (agreement->empty()) {
    body += "<p>" +
            S(Tr(l, "Geen zaak is door twee inspecteurs gescoord.",
                 "No case was scored by two inspectors.")) +
            "</p>\n";
    return Html(env, req, Tr(l, "Overeenstemming", "Agreement"), body);
  }
  const auto kappa = [&](const std::optional<double>& k) {
    return k ? FormatFigure(*k)
             : S(Tr(l, "n.v.t. (alle scores in één categorie)",
                    "n/a (all scores in one category)"));
  };
  body += "<p class=\"muted\">" +
          S(Tr(l,
               "Cohens kappa wanneer steeds dezelfde twee inspecteurs scoorden; anders Fleiss' "
               "kappa over alle scores, met Cohens kappa per paar inspecteurs.",
               "Cohen's kappa when the same two inspectors scored throughout; otherwise Fleiss' "
               "kappa over all scores, with Cohen's kappa per pair of inspectors.")) +
          "</p>\n<table><thead><tr><th>" + S(Tr(l, "Criterium", "Criterion")) +
          "</th><th class=\"num\">" + S(Tr(l, "Meervoudig gescoord", "Multi-scored")) +
          "</th><th>" + S(Tr(l, "Inspecteurs", "Inspectors")) + "</th><th class=\"num\">" +
          S(Tr(l, "Overeenstemming", "Observed")) + "</th><th class=\"num\">Kappa</th><th>" +
          S(Tr(l, "Verschillen", "Disagreements")) + "</th></tr></thead><tbody>\n";
  for (const CriterionAgreement& c : *agreement) {
    std::string who;
    for (const std::string& i : c.inspectors) who += (who.empty() ? "" : ", ") + Escape(i);
    if (c.method == "fleiss") {
      for (const PairAgreement& p : c.pairs) {
        who += "<div class=\"small\">" + Escape(p.inspector_a) + " – " + Escape(p.inspector_b) +
               ": " + std::to_string(p.cases) + ", Cohen " + Escape(kappa(p.kappa)) + "</div>";
      }
    }
    std::string list;
    for (const Disagreement& d : c.disagreements) {
      std::string scores;
      for (const auto& [inspector, result] : d.scores) {
        scores +=
            (scores.empty() ? "" : ", ") + Escape(inspector) + " " + Escape(ResultLabel(l, result));
      }
      list += "<div>" +
              (d.case_id.empty() ? S(Tr(l, "organisatie", "organisation")) : Escape(d.case_id)) +
              ": " + scores + " — " +
              (d.reconciled
                   ? S(Tr(l, "afgestemd: ", "reconciled: ")) + Escape(ResultLabel(l, *d.reconciled))
               : d.reopened
                   ? S(Tr(l, "niet afgestemd: de afstemming is vervallen door een latere score",
                          "not reconciled: the reconciliation was superseded by a later score"))
                   : S(Tr(l, "niet afgestemd", "not reconciled"))) +
              "</div>";
    }
    body += "<tr><td>" + Escape(c.criterion) + "</td><td class=\"num\">" + std::to_string(c.cases) +
            "</td><td class=\"small\">" + who + "</td><td class=\"num\">" +
            FormatFigure(c.observed) + "</td><td class=\"num\">" +
            (c.method == "cohen" ? "Cohen " : "Fleiss ") + Escape(kappa(c.kappa)) +
            "</td><td class=\"small\">" + list + "</td></tr>\n";
  }
  body += "</tbody></table>\n";
  return Html(env, req, Tr(l, "Overeenstemming", "Agreement"), body);
}

// The audit report as the inspectorate publishes it: the same self-contained HTML as
// `vtaudit report`, with a strict policy of its own (inline styles, no script), and the
// PDF as a download. Both go through WriteReport, so a concept's or final's is its stored
// version, byte for byte the file `vtaudit report` writes.
Response ReportPage(const PageEnv& env, const Request& req, const AuditContext& ac, bool pdf) {
  const ReportTemplates& templates = env.lang == Lang::kEn ? *env.report_en : *env.report_nl;
  Result<WrittenReport> report =
      WriteReport(env.ws, ac.audit.id, pdf ? "pdf" : "html", templates, *env.calendar);
  if (!report.ok()) return Fail(env, req, report.status());
  const std::string name = "rapport-" + ac.audit.org + "-" + std::to_string(ac.audit.period);
  if (!pdf) {
    Response r{200, "text/html; charset=utf-8", std::move(report->bytes), ""};
    r.csp =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; "
        "base-uri 'none'; form-action 'none'";
    return r;
  }
  Response r{200, "application/pdf", std::move(report->bytes), ""};
  // RFC 6266: a plain ASCII name and its percent-encoded UTF-8 form.
  const std::string file =
      name + (report->stored ? "-v" + std::to_string(report->version) : "") + ".pdf";
  r.disposition = "attachment; filename=\"" + file + "\"; filename*=UTF-8''" + UrlSegment(file);
  return r;
}

}  // namespace

Response Route(const PageEnv& env, const Request& req) {
  const std::vector<std::string>& s = req.segments;
  const bool get = req.method == "GET";
  if (get && s.size() == 2 && s[0] == "assets") {
    if (s[1] == "style.css") return {200, "text/css; charset=utf-8", S(kStylesheet), ""};
    if (s[1] == "app.js") return {200, "text/javascript; charset=utf-8", S(kScript), ""};
  }
  if (get && s.size() == 1 && s[0] == "favicon.ico") return {204, "image/x-icon", "", ""};
  if (get && s.empty()) return AuditsPage(env, req);
  if (s.size() >= 2 && s[0] == "audit") {
    const bool page =
        s.size() == 2 ||
        (s.size() == 3 && (s[2] == "organisation" || s[2] == "judgement" || s[2] == "timeliness" ||
                           s[2] == "agreement" || s[2] == "report" || s[2] == "report.pdf" ||
                           s[2] == "inspector")) ||
        (s.size() == 4 && s[2] == "case");
    if (!page) return ErrorPage(env, req, 404, req.path);
    const bool form =
        s.size() == 4 || (s.size() == 3 && (s[2] == "organisation" || s[2] == "inspector"));
    if (!get && !form) return ErrorPage(env, req, 405, req.method);
    Result<AuditContext> ac = LoadAudit(env, s[1]);
    if (!ac.ok()) return Fail(env, req, ac.status());
    if (s.size() == 2) return SamplePage(env, req, *ac);
    if (s.size() == 4) return CasePage(env, req, *ac, s[3]);
    if (s[2] == "organisation") return OrganisationPage(env, req, *ac);
    if (s[2] == "inspector") return InspectorPage(env, req, *ac);
    if (s[2] == "judgement") return JudgementPage(env, req, *ac);
    if (s[2] == "timeliness") return TimelinessPage(env, req, *ac);
    if (s[2] == "report" || s[2] == "report.pdf")
      return ReportPage(env, req, *ac, s[2] == "report.pdf");
    return AgreementPage(env, req, *ac);
  }
  return ErrorPage(env, req, 404,
                   S(Tr(env.lang, "Deze pagina bestaat niet: ", "No such page: ")) + req.path);
}

}  // namespace vtaudit::web
