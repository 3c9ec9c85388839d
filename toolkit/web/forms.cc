// The pages that take scores: a sampled case, the organisation criteria, and who works.
// Each writes through the library (SetScores), like the command line, and refuses a form
// that was rendered before another writer changed one of its criteria (409).

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "audit.h"
#include "judgement.h"
#include "page_parts.h"
#include "progress.h"
#include "review_pages.h"
#include "sample_draw.h"
#include "scoring.h"
#include "web_internal.h"

namespace vtaudit::web::page {
namespace {

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
    const std::string shown = scope == Scope::kCase ? ResultLabel(env.words(), s.result)
                                                    : LevelLabel(env.words(), f, s.result);
    if (s.reconciled) {
      row.others.push_back(env.words().T("web.forms.reconciled", {{"result", shown}}));
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
    return {{S(kVoldoet), ResultLabel(env.words(), kVoldoet)},
            {S(kVoldoetNiet), ResultLabel(env.words(), kVoldoetNiet)},
            {S(kNvt), ResultLabel(env.words(), kNvt)}};
  }
  std::vector<Choice> out;
  for (const Level& level : f.scale.levels)
    out.push_back({level.id, LevelLabel(env.words(), f, level.id)});
  return out;
}

// The form; `submitted` (criterion → result, note) replaces stored values after an error.
std::string ScoreForm(const PageEnv& env, const AuditContext& ac, const std::string& action,
                      const std::string& case_id, Scope scope, const std::vector<FormRow>& rows,
                      const std::map<std::string, std::pair<std::string, std::string>>& submitted,
                      bool with_next) {
  const Lang l = env.lang;
  const Translator& w = env.words();
  const std::vector<Choice> choices = Choices(env, *ac.framework, scope);
  // A concept or final audit is frozen: the form shows the scores, nothing can be saved.
  const bool final = ac.audit.status != AuditStatus::kDraft;
  std::string html = "<form class=\"score\" method=\"post\" action=\"" + Escape(action) + "\">\n" +
                     CsrfField(env) + "\n";
  if (final) {
    html += "<p class=\"message\">" + S(w.T("web.forms.this_audit_frozen_concept")) +
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
            S(w.T("web.forms.note")) + "</label><textarea id=\"n" + std::to_string(n) +
            "\" name=\"note_" + id + "\" rows=\"3\" maxlength=\"4000\" autocomplete=\"off\">" +
            Escape(note) + "</textarea></div>\n<p class=\"small\"><a href=\"" +
            Escape(HistoryPath(ac.audit.id, case_id, k.id)) + "\">" +
            w.T("web.forms.history_of", {{"criterion", id}}) + "</a></p>\n";
    if (!row.others.empty()) {
      std::string others;
      for (size_t j = 0; j < row.others.size(); ++j) {
        others += (j ? "; " : "") + Escape(row.others[j]);
      }
      html +=
          "<p class=\"others\">" + w.T("web.forms.other_scores", {{"scores", others}}) + "</p>\n";
    }
    html += "</fieldset>\n";
    ++n;
  }
  html += "<div class=\"actions\">";
  if (with_next) {
    html += "<button class=\"primary\" type=\"submit\" name=\"then\" value=\"next\">" +
            S(w.T("web.forms.save_next")) + "</button>";
  }
  html += std::string("<button") + (with_next ? "" : " class=\"primary\"") +
          " type=\"submit\" name=\"then\" value=\"stay\">" + S(w.T("web.forms.save")) + "</button>";
  if (scope == Scope::kCase) {
    html += "<span class=\"muted small\">" + S(w.T("web.forms.keys_tab_criterion_kbd")) + "</span>";
  }
  html += "</div>\n";
  if (final) html += "</fieldset>\n";
  return html + "</form>\n";
}

// Writes a submitted form: every criterion on it, based on the event the form showed, in
// one transaction of the library (SetScores), so that a change made elsewhere since the
// form was rendered refuses the whole form. Returns the messages for the inspector; empty
// when everything was saved. On a failed write *http_status is its cause's status (409: the
// form is stale; HttpStatusFor otherwise); the caller's value stands for a form problem.
std::vector<std::string> SaveForm(const PageEnv& env, const AuditContext& ac,
                                  const std::string& case_id, const std::vector<FormRow>& rows,
                                  const Request& req, int* http_status) {
  const Translator& w = env.words();
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
        messages.push_back(id + ": " + S(w.T("web.forms.choose_result_note")));
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
    const bool stale =
        written.status().IsConflict() && now.ok() && now->status != AuditStatus::kFinal;
    *http_status = stale ? 409 : HttpStatusFor(written.status(), req.method);
    messages = Said(env, written.status());
    if (stale) {
      messages.push_back(S(w.T("web.forms.scores_were_changed_elsewhere")));
    }
  }
  messages.push_back(S(w.T("web.forms.nothing_was_saved")));
  return messages;
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

}  // namespace

Response CasePage(const PageEnv& env, const Request& req, const AuditContext& ac,
                  const std::string& case_id) {
  const Lang l = env.lang;
  const Translator& w = env.words();
  Result<Sample> sample = CurrentSample(env.ws, ac.audit.id);
  if (!sample.ok()) return Fail(env, req, sample.status());
  auto at = std::find_if(sample->cases.begin(), sample->cases.end(),
                         [&](const SampledCase& c) { return c.case_id == case_id; });
  if (at == sample->cases.end()) {
    return ErrorPage(env, req, 404, S(w.T("web.forms.this_case_not_sample")));
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
    status = 422;  // a problem found in the form itself; 409 a stale form (SaveForm)
    std::vector<std::string> problems = SaveForm(env, ac, case_id, *rows, req, &status);
    if (problems.empty()) {
      if (req.form.count("then") && req.form.at("then") == "next") {
        auto next = std::next(at);
        return Redirect(next == sample->cases.end()
                            ? AuditPath(ac.audit.id) + "?done=1"
                            : AuditPath(ac.audit.id) + "/case/" + UrlSegment(next->case_id));
      }
      return Redirect(action + "?saved=1");
    }
    if (status == 409) {
      rows = FormRows(env, ac, case_id, *record, nullptr);
      if (!rows.ok()) return Fail(env, req, rows.status());
    } else {
      submitted = Submitted(req, *rows);
    }
    notice = Messages(problems, "error");
  } else if (req.query.count("saved")) {
    notice = "<p class=\"message ok\" role=\"status\">" + S(w.T("web.forms.saved")) + "</p>\n";
  }

  const CaseRecord& c = **record;
  std::string body = AuditNav(env, ac.audit, "") + notice;
  const size_t position = static_cast<size_t>(at - sample->cases.begin()) + 1;
  body += "<p class=\"muted\">" +
          w.T("web.forms.case_of", {{"position", std::to_string(position)},
                                    {"size", std::to_string(sample->cases.size())}}) +
          "</p>\n";
  body += "<h2>" + S(w.T("web.forms.case")) + "</h2>\n" + CaseFacts(w, c) + "<h2>" +
          S(w.T("web.forms.scoring")) + "</h2>\n";
  body += ScoreForm(env, ac, action, case_id, Scope::kCase, *rows, submitted, true);
  if (!not_applicable.empty()) {
    body +=
        "<h2>" + S(w.T("web.forms.not_applicable_this_case")) + "</h2>\n<ul class=\"small muted\">";
    for (const Criterion* k : not_applicable) {
      body += "<li>" + Escape(k->id) + " — " + Escape(Name(l, k->text, k->gloss)) + " (" +
              w.T("web.forms.applies_when",
                  {{"condition", "<code>" + Escape(k->applies_when.text()) + "</code>"}}) +
              ")</li>";
    }
    body += "</ul>\n";
  }
  Response r = Html(env, req, w.T("web.forms.case_title", {{"case", case_id}}), body, status);
  return r;
}

// Who works: the inspector picks their name from the audit's list; the session keeps it.
Response InspectorPage(const PageEnv& env, const Request& req, const AuditContext& ac) {
  const Translator& w = env.words();
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
    notice = Messages({S(w.T("web.forms.choose_inspector_this_audit"))}, "error");
  }
  std::string body = AuditNav(env, a, "") + notice;
  if (a.inspectors.empty()) {
    body += "<p>" +
            w.T("web.forms.no_inspectors",
                {{"command", "<code>vtaudit audit inspectors --audit " + std::to_string(a.id) +
                                 " --add NAAM</code>"}}) +
            "</p>\n";
    return Html(env, req, w.T("web.forms.who_working"), body, status);
  }
  body += "<form method=\"post\" action=\"" + AuditPath(a.id) + "/inspector\">\n" + CsrfField(env) +
          "\n<fieldset><legend>" + S(w.T("web.forms.i_am_working_as")) + "</legend>\n";
  int i = 0;
  for (const std::string& name : a.inspectors) {
    const std::string input_id = "i" + std::to_string(++i);
    body += "<label for=\"" + input_id + "\"><input type=\"radio\" id=\"" + input_id +
            "\" name=\"inspector\" value=\"" + Escape(name) + "\"" +
            (name == env.inspector ? " checked" : "") + "> " + Escape(name) + "</label><br>\n";
  }
  body += "</fieldset>\n<p><button class=\"primary\" type=\"submit\">" +
          S(w.T("web.forms.continue")) + "</button></p>\n</form>\n<p class=\"muted small\">" +
          S(w.T("web.forms.scoring_blind_you_see")) + "</p>\n";
  return Html(env, req, w.T("web.forms.who_working"), body, status);
}

Response OrganisationPage(const PageEnv& env, const Request& req, const AuditContext& ac) {
  const Lang l = env.lang;
  const Translator& w = env.words();
  const Framework& f = *ac.framework;
  const std::string action = AuditPath(ac.audit.id) + "/organisation";
  if (!OnAudit(ac.audit, env.inspector)) return Redirect(AuditPath(ac.audit.id) + "/inspector");
  Result<std::vector<FormRow>> rows = FormRows(env, ac, "", std::nullopt, nullptr);
  if (!rows.ok()) return Fail(env, req, rows.status());
  std::string notice;
  std::map<std::string, std::pair<std::string, std::string>> submitted;
  int status = 200;
  if (req.method == "POST") {
    status = 422;  // a problem found in the form itself; 409 a stale form (SaveForm)
    std::vector<std::string> problems = SaveForm(env, ac, "", *rows, req, &status);
    if (problems.empty()) return Redirect(action + "?saved=1");
    if (status == 409) {
      rows = FormRows(env, ac, "", std::nullopt, nullptr);
      if (!rows.ok()) return Fail(env, req, rows.status());
    } else {
      submitted = Submitted(req, *rows);
    }
    notice = Messages(problems, "error");
  } else if (req.query.count("saved")) {
    notice = "<p class=\"message ok\" role=\"status\">" + S(w.T("web.forms.saved")) + "</p>\n";
  }
  std::string body = AuditNav(env, ac.audit, w.T("web.forms.organisation_criteria")) + notice;
  body += "<h2>" + S(w.T("web.forms.judgement_scale")) + "</h2>\n<table><thead><tr><th>" +
          S(w.T("web.forms.level")) + "</th><th class=\"num\">" +
          S(w.T("web.forms.from_compliance")) + "</th><th class=\"num\">" +
          S(w.T("web.forms.score")) + "</th></tr></thead><tbody>\n";
  for (const Level& level : f.scale.levels) {
    body += "<tr><td>" + Escape(LevelLabel(w, f, level.id)) + "</td><td class=\"num\">" +
            Percent(l, level.min_share) + "</td><td class=\"num\">" +
            Number(l, level.score, level.score == static_cast<int>(level.score) ? 0 : 1) +
            "</td></tr>\n";
  }
  body += "</tbody></table>\n<h2>" + S(w.T("web.forms.to_score")) + "</h2>\n";
  body += ScoreForm(env, ac, action, "", Scope::kOrganisation, *rows, submitted, false);
  std::string measured;
  for (const Criterion* k : f.Criteria()) {
    if (k->scope != Scope::kOrganisation || k->measured_by.empty()) continue;
    const Deadline* d = f.FindDeadline(k->measured_by);
    measured += "<li>" + Escape(k->id) + " — " + Escape(Name(l, k->text, k->gloss)) + " (" +
                w.T("web.forms.measured_by",
                    {{"deadline", Escape(d ? Name(l, d->name, d->gloss) : k->measured_by)}}) +
                ")</li>";
  }
  if (!measured.empty()) {
    body += "<h2>" + S(w.T("web.forms.measured_criteria")) + "</h2>\n<ul>" + measured +
            "</ul>\n<p><a href=\"" + AuditPath(ac.audit.id) + "/timeliness\">" +
            S(w.T("web.forms.timeliness")) + "</a></p>\n";
  }
  return Html(env, req, w.T("web.forms.organisation_criteria"), body, status);
}

}  // namespace vtaudit::web::page
