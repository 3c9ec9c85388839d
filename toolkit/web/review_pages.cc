// The review side of the web UI: findings, disagreements and their reconciliation, the
// trail of one criterion, and the score overview with its filters (review_pages.h).

#include "review_pages.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <set>

#include "audit.h"
#include "finding.h"
#include "progress.h"
#include "scoring.h"
#include "translator.h"

namespace vtaudit::web::page {

// ---- wording shared by the pages ----------------------------------------------------------

std::string_view LangCode(Lang lang) { return lang == Lang::kEn ? "en" : "nl"; }

std::string Percent(Lang lang, double share) { return FormatPercent(share, 1, LangCode(lang)); }

std::string Number(Lang lang, double v, int decimals) {
  return FormatNumber(v, decimals, LangCode(lang));
}

std::string StampLabel(const Translator& w, const std::string& iso) {
  std::optional<int64_t> t = ParseUtcIso(iso);
  return t ? w.DutchMoment(*t) : iso;
}

std::string IsoLabel(const Translator& w, const std::string& iso) {
  std::optional<EventTime> t = EventTime::ParseIso(iso);
  return t ? w.LongMoment(*t) : iso;
}

std::string MultiLine(std::string_view text) {
  std::string out;
  size_t from = 0;
  for (size_t nl; (nl = text.find('\n', from)) != std::string_view::npos; from = nl + 1) {
    out += Escape(text.substr(from, nl - from)) + "<br>\n";
  }
  return out + Escape(text.substr(from));
}

std::string CaseFacts(const Translator& w, const CaseRecord& c) {
  const std::pair<Event, const char*> events[] = {
      {Event::kReceived, "web.review.event.received"},
      {Event::kTriaged, "web.review.event.triaged"},
      {Event::kSafetyAssessed, "web.review.event.safety_assessed"},
      {Event::kInvestigationDecided, "web.review.event.investigation_decided"},
      {Event::kInvestigationStarted, "web.review.event.investigation_started"},
      {Event::kInvestigationCompleted, "web.review.event.investigation_completed"},
  };
  const auto row = [](std::string_view term, const std::string& value) {
    return "<dt>" + S(term) + "</dt><dd>" + value + "</dd>";
  };
  const std::string none =
      "<span class=\"muted\">" + S(w.T("web.review.not_registered")) + "</span>";
  const auto flag = [&](bool on) { return S(on ? w.T("web.review.yes") : w.T("web.review.no")); };
  std::string html = "<dl class=\"case\">";
  html += row(w.T("web.audits.kind"), Escape(Field(c, "kind")));
  html += row(w.T("web.review.violence"), c.violence.empty() ? none : Escape(Field(c, "violence")));
  for (const auto& [event, label] : events) {
    const std::optional<EventTime>& t = c.event(event);
    html += row(w.T(label), t ? Escape(w.LongMoment(*t)) : none);
  }
  html += row(w.T("web.review.outcome"), c.outcome.empty() ? none : Escape(c.outcome));
  html += row(w.T("web.review.request_child_protection_board"), flag(c.rvdk));
  html += row(w.T("web.review.disclosure"), flag(c.disclosure));
  return html + "</dl>\n";
}

std::string HistoryPath(int64_t audit, const std::string& case_id, const std::string& criterion) {
  return AuditPath(audit) + "/history?" +
         (case_id.empty() ? "" : "case=" + UrlSegment(case_id) + "&") +
         "criterion=" + UrlSegment(criterion);
}

namespace {

std::string Notice(const std::vector<std::string>& messages) {
  if (messages.empty()) return "";
  std::string html = "<div class=\"message error\" role=\"alert\">";
  for (const std::string& m : messages) html += "<p>" + Escape(m) + "</p>";
  return html + "</div>\n";
}

std::string Saved(const PageEnv& env, const Request& req) {
  if (!req.query.count("saved")) return "";
  return "<p class=\"message ok\" role=\"status\">" + S(env.words().T("web.forms.saved")) +
         "</p>\n";
}

std::string FormValue(const Request& req, const std::string& name) {
  auto it = req.form.find(name);
  return it == req.form.end() ? "" : it->second;
}

std::string QueryValue(const Request& req, const std::string& name) {
  auto it = req.query.find(name);
  return it == req.query.end() ? "" : it->second;
}

// The messages of a refused write, with the reason a frozen audit gives.
std::vector<std::string> Refusal(const PageEnv& env, const Status& s) {
  std::vector<std::string> messages = Said(env, s);
  messages.push_back(S(env.words().T("web.forms.nothing_was_saved")));
  return messages;
}

std::string FrozenNotice(const PageEnv& env, const Audit& a) {
  if (a.status == AuditStatus::kDraft) return "";
  return "<p class=\"message\">" + S(env.words().T("web.review.this_audit_frozen_concept")) +
         "</p>\n";
}

// The name of a criterion or standard of the framework, or "" when it is neither.
std::string SubjectName(Lang l, const Framework& f, const std::string& id, bool* is_standard) {
  for (const Domain& d : f.domains) {
    for (const Standard& s : d.standards) {
      if (s.id == id) {
        *is_standard = true;
        return Name(l, s.name, s.gloss);
      }
      for (const Criterion& k : s.criteria) {
        if (k.id == id) {
          *is_standard = false;
          return Name(l, k.text, k.gloss);
        }
      }
    }
  }
  return "";
}

std::string FindingPath(int64_t audit, const std::string& subject) {
  return AuditPath(audit) + "/finding/" + UrlSegment(subject);
}

std::string ResultText(const Translator& w, const Framework& f, const std::string& criterion,
                       const std::string& result) {
  const Criterion* k = f.FindCriterion(criterion);
  return k && k->scope == Scope::kOrganisation ? LevelLabel(w, f, result) : ResultLabel(w, result);
}

std::string CaseLabel(const Translator& w, const std::string& case_id) {
  return case_id.empty() ? S(w.T("web.audits.organisation")) : case_id;
}

}  // namespace

// ---- findings ----------------------------------------------------------------------------

Response FindingsPage(const PageEnv& env, const Request& req, const AuditContext& ac) {
  const Lang l = env.lang;
  const Translator& w = env.words();
  const Framework& f = *ac.framework;
  Result<std::vector<Finding>> current = CurrentFindings(env.ws, ac.audit.id);
  if (!current.ok()) return Fail(env, req, current.status());
  std::map<std::string, const Finding*> by_subject;
  for (const Finding& x : *current) by_subject[x.subject] = &x;
  std::string body = AuditNav(env, ac.audit, w.T("web.parts.findings"));
  body += "<p class=\"muted\">" + S(w.T("web.review.per_standard_criterion_inspectors")) + "</p>\n";
  const auto item = [&](const std::string& id, const std::string& name, bool standard) {
    std::string html = "<tr><th scope=\"row\"><a href=\"" + Escape(FindingPath(ac.audit.id, id)) +
                       "\">" + Escape(id) + "</a></th><td>" +
                       S(standard ? w.T("web.review.standard") : w.T("web.review.criterion")) +
                       ": " + Escape(name) + "</td><td>";
    auto it = by_subject.find(id);
    if (it == by_subject.end()) {
      html += "<span class=\"muted\">" + S(w.T("web.review.no_finding_yet")) + "</span>";
    } else {
      html += "<div>" + MultiLine(it->second->text) + "</div>";
      if (!it->second->evidence.empty()) {
        html += "<div class=\"small\">" +
                w.T("web.review.evidence_is", {{"evidence", MultiLine(it->second->evidence)}}) +
                "</div>";
      }
      html += "<div class=\"small muted\">" + Escape(it->second->inspector) + ", " +
              Escape(StampLabel(w, it->second->at)) + "</div>";
    }
    return html + "</td></tr>\n";
  };
  for (const Domain& d : f.domains) {
    body += "<h2>" + Escape(Name(l, d.name, d.gloss)) +
            "</h2>\n<table><thead><tr><th scope=\"col\">" + S(w.T("web.review.subject")) +
            "</th><th scope=\"col\">" + S(w.T("web.review.description")) +
            "</th><th scope=\"col\">" + S(w.T("web.review.finding")) +
            "</th></tr></thead><tbody>\n";
    for (const Standard& s : d.standards) {
      body += item(s.id, Name(l, s.name, s.gloss), true);
      for (const Criterion& k : s.criteria) body += item(k.id, Name(l, k.text, k.gloss), false);
    }
    body += "</tbody></table>\n";
  }
  return Html(env, req, w.T("web.parts.findings"), body);
}

Response FindingPage(const PageEnv& env, const Request& req, const AuditContext& ac,
                     const std::string& subject) {
  const Lang l = env.lang;
  const Translator& w = env.words();
  bool standard = false;
  const std::string name = SubjectName(l, *ac.framework, subject, &standard);
  if (name.empty()) {
    return ErrorPage(env, req, 404, w.T("web.review.no_subject", {{"id", subject}}));
  }
  const std::string action = FindingPath(ac.audit.id, subject);
  std::string text, evidence, notice;
  int status = 200;
  bool submitted = false;
  if (req.method == "POST") {
    if (!OnAudit(ac.audit, env.inspector)) return Redirect(AuditPath(ac.audit.id) + "/inspector");
    text = TypedNote(FormValue(req, "text"));
    evidence = TypedNote(FormValue(req, "evidence"));
    Result<Finding> written =
        SetFinding(env.ws, {ac.audit.id, subject, text, evidence, env.inspector});
    if (written.ok()) return Redirect(action + "?saved=1");
    status = HttpStatusFor(written.status(), req.method);
    notice = Notice(Refusal(env, written.status()));
    submitted = true;
  } else {
    notice = Saved(env, req);
  }
  Result<std::vector<Finding>> history = FindingHistory(env.ws, ac.audit.id);
  if (!history.ok()) return Fail(env, req, history.status());
  std::vector<const Finding*> mine;
  for (const Finding& x : *history) {
    if (x.subject == subject) mine.push_back(&x);
  }
  if (!submitted && !mine.empty()) {
    text = mine.back()->text;
    evidence = mine.back()->evidence;
  }
  std::string body = AuditNav(env, ac.audit, "") + notice + FrozenNotice(env, ac.audit);
  body += "<p>" +
          w.T(standard ? "web.review.standard_named" : "web.review.criterion_named",
              {{"id", Escape(subject)}, {"name", Escape(name)}}) +
          "</p>\n";
  const bool frozen = ac.audit.status != AuditStatus::kDraft;
  body += "<form method=\"post\" action=\"" + Escape(action) + "\">\n" + CsrfField(env) + "\n" +
          (frozen ? "<fieldset disabled>\n" : "<fieldset>\n") + "<legend>" +
          S(w.T("web.review.record_finding")) +
          "</legend>\n<div class=\"note\"><label for=\"text\">" +
          S(w.T("web.review.finding_no_names_no")) +
          "</label><textarea id=\"text\" name=\"text\" rows=\"6\" maxlength=\"20000\">" +
          Escape(text) + "</textarea></div>\n<div class=\"note\"><label for=\"evidence\">" +
          S(w.T("web.review.evidence_case_numbers_documents")) +
          "</label><textarea id=\"evidence\" name=\"evidence\" rows=\"3\" maxlength=\"20000\">" +
          Escape(evidence) + "</textarea></div>\n<p><button class=\"primary\" type=\"submit\">" +
          S(w.T("web.forms.save")) + "</button></p>\n</fieldset>\n</form>\n";
  body += "<h2>" + S(w.T("web.review.history")) + "</h2>\n";
  if (mine.empty()) {
    body += "<p class=\"muted\">" + S(w.T("web.review.no_finding_has_been")) + "</p>\n";
  } else {
    body += "<table><thead><tr><th scope=\"col\">" + S(w.T("web.review.when")) +
            "</th><th scope=\"col\">" + S(w.T("web.review.who")) + "</th><th scope=\"col\">" +
            S(w.T("web.review.finding")) + "</th><th scope=\"col\">" +
            S(w.T("web.review.evidence")) + "</th></tr></thead><tbody>\n";
    for (auto it = mine.rbegin(); it != mine.rend(); ++it) {
      body += "<tr><td>" + Escape(StampLabel(w, (*it)->at)) + "</td><td>" +
              Escape((*it)->inspector) + "</td><td>" + MultiLine((*it)->text) + "</td><td>" +
              MultiLine((*it)->evidence) + "</td></tr>\n";
    }
    body += "</tbody></table>\n";
  }
  return Html(env, req, w.T("web.review.finding_title", {{"id", subject}}), body, status);
}

// ---- disagreements and their reconciliation ----------------------------------------------

namespace {

struct Choice {
  std::string value, label;
};

std::vector<Choice> ResultChoices(const Translator& w, const Framework& f, bool organisation) {
  if (!organisation) {
    return {{S(kVoldoet), ResultLabel(w, kVoldoet)},
            {S(kVoldoetNiet), ResultLabel(w, kVoldoetNiet)},
            {S(kNvt), ResultLabel(w, kNvt)}};
  }
  std::vector<Choice> out;
  for (const Level& level : f.scale.levels) out.push_back({level.id, LevelLabel(w, f, level.id)});
  return out;
}

// Whether the viewer may see a disagreement: blind scoring shows other inspectors' scores
// of a case criterion only to one who scored it too.
bool Visible(const PageEnv& env, const Disagreement& d) {
  return std::any_of(d.scores.begin(), d.scores.end(),
                     [&](const auto& s) { return s.first == env.inspector; });
}

}  // namespace

Response DisagreementsPage(const PageEnv& env, const Request& req, const AuditContext& ac) {
  const Translator& w = env.words();
  const Framework& f = *ac.framework;
  const std::string action = AuditPath(ac.audit.id) + "/disagreements";
  std::string notice;
  int status = 200;
  std::string failed_case, failed_criterion, failed_result, failed_reason;
  if (req.method == "POST") {
    if (!OnAudit(ac.audit, env.inspector)) return Redirect(AuditPath(ac.audit.id) + "/inspector");
    failed_case = FormValue(req, "case");
    failed_criterion = FormValue(req, "criterion");
    failed_result = FormValue(req, "result");
    failed_reason = TypedNote(FormValue(req, "reason"));
    ScoreInput in{ac.audit.id,   failed_case, failed_criterion, failed_result, failed_reason,
                  env.inspector, {}};
    Status s = ReconcileScore(env.ws, in);
    if (s.ok()) return Redirect(action + "?saved=1");
    status = HttpStatusFor(s, req.method);
    notice = Notice(Refusal(env, s));
  } else {
    notice = Saved(env, req);
  }
  Result<std::vector<CriterionAgreement>> agreement = Agreement(env.ws, ac.audit.id);
  if (!agreement.ok()) return Fail(env, req, agreement.status());
  std::string body = AuditNav(env, ac.audit, w.T("web.parts.disagreements")) + notice +
                     FrozenNotice(env, ac.audit);
  const bool frozen = ac.audit.status != AuditStatus::kDraft;
  std::string open, settled;
  int hidden = 0, n = 0;
  for (const CriterionAgreement& c : *agreement) {
    const bool organisation = c.scope == "organisation";
    const std::vector<Choice> choices = ResultChoices(w, f, organisation);
    for (const Disagreement& d : c.disagreements) {
      if (!Visible(env, d)) {
        ++hidden;
        continue;
      }
      ++n;
      std::string scores;
      for (const auto& [inspector, result] : d.scores) {
        scores += (scores.empty() ? "" : ", ") + Escape(inspector) + ": " +
                  Escape(ResultText(w, f, c.criterion, result));
      }
      const std::string where = Escape(CaseLabel(w, d.case_id)) + ", " + Escape(c.criterion);
      const std::string links = " <a class=\"small\" href=\"" +
                                Escape(HistoryPath(ac.audit.id, d.case_id, c.criterion)) + "\">" +
                                S(w.T("web.review.history_link")) + "</a>";
      if (d.reconciled && !d.reopened) {
        settled += "<li>" + where + " — " + scores + " — " +
                   w.T("web.forms.reconciled",
                       {{"result", Escape(ResultText(w, f, c.criterion, *d.reconciled))}}) +
                   links + "</li>\n";
        continue;
      }
      const bool failed = failed_criterion == c.criterion && failed_case == d.case_id;
      const std::string p = "d" + std::to_string(n);
      open +=
          "<form class=\"reconcile\" method=\"post\" action=\"" + Escape(action) + "\">\n" +
          CsrfField(env) + "<input type=\"hidden\" name=\"case\" value=\"" + Escape(d.case_id) +
          "\"><input type=\"hidden\" name=\"criterion\" value=\"" + Escape(c.criterion) + "\">\n" +
          (frozen ? "<fieldset class=\"criterion\" disabled>" : "<fieldset class=\"criterion\">") +
          "<legend>" + where + "</legend>\n<p>" + scores +
          (d.reopened ? " <span class=\"tag busy\">" +
                            S(w.T("web.review.reconciliation_superseded_by_later")) + "</span>"
                      : "") +
          links + "</p>\n<div class=\"choices\">";
      int i = 0;
      for (const Choice& ch : choices) {
        const std::string id = p + "_" + std::to_string(++i);
        open += "<label for=\"" + id + "\"><input type=\"radio\" id=\"" + id +
                "\" name=\"result\" value=\"" + Escape(ch.value) + "\"" +
                (failed && ch.value == failed_result ? " checked" : "") + ">" + Escape(ch.label) +
                "</label>";
      }
      open += "</div>\n<div class=\"note\"><label for=\"" + p + "_reason\">" +
              S(w.T("web.review.reason_how_why_it")) + "</label><textarea id=\"" + p +
              "_reason\" name=\"reason\" rows=\"2\" maxlength=\"4000\">" +
              (failed ? Escape(failed_reason) : "") +
              "</textarea></div>\n<p><button type=\"submit\">" +
              S(w.T("web.review.record_reconciliation")) + "</button></p>\n</fieldset>\n</form>\n";
    }
  }
  body += "<p class=\"muted\">" + S(w.T("web.review.case_organisation_criteria_where")) + "</p>\n";
  body += HiddenDisagreements(env, hidden);
  body += "<h2>" + S(w.T("web.review.open")) + "</h2>\n" +
          (open.empty() ? "<p>" + S(w.T("web.review.no_open_disagreements")) + "</p>\n" : open);
  if (!settled.empty()) {
    body += "<h2>" + S(w.T("web.review.reconciled")) + "</h2>\n<ul>" + settled + "</ul>\n";
  }
  return Html(env, req, w.T("web.review.disagreements_reconciliation"), body, status);
}

// ---- the trail of one criterion ----------------------------------------------------------

Response HistoryPage(const PageEnv& env, const Request& req, const AuditContext& ac) {
  const Lang l = env.lang;
  const Translator& w = env.words();
  const Framework& f = *ac.framework;
  const std::string criterion = QueryValue(req, "criterion");
  const std::string case_id = QueryValue(req, "case");
  const Criterion* k = f.FindCriterion(criterion);
  if (!k || (k->scope == Scope::kCase) == case_id.empty()) {
    return ErrorPage(env, req, 400, S(w.T("web.review.give_criterion_this_framework")));
  }
  int hidden = 0;
  Result<std::vector<ScoreEvent>> events =
      ScoreHistory(env.ws, ac.audit.id, case_id, criterion, Viewer{env.inspector}, &hidden);
  if (!events.ok()) return Fail(env, req, events.status());
  std::string body = AuditNav(env, ac.audit, "");
  body += "<p>" + Escape(CaseLabel(w, case_id)) + ", " + Escape(criterion) + " — " +
          Escape(Name(l, k->text, k->gloss)) + "</p>\n";
  if (!case_id.empty()) {
    body += "<p><a href=\"" + AuditPath(ac.audit.id) + "/case/" + Escape(UrlSegment(case_id)) +
            "\">" + S(w.T("web.review.case")) + "</a></p>\n";
  }
  if (hidden > 0) {
    body += "<p class=\"muted small\">" +
            w.T("web.review.hidden_events", {{"count", std::to_string(hidden)}}) + "</p>\n";
  }
  if (events->empty()) {
    body += "<p>" + S(w.T("web.review.no_scores_yet")) + "</p>\n";
    return Html(env, req, w.T("web.review.history"), body);
  }
  const auto result = [&](const std::optional<std::string>& r) {
    return r ? Escape(ResultText(w, f, criterion, *r)) : S("—");
  };
  body += "<table><thead><tr><th scope=\"col\">" + S(w.T("web.review.when")) +
          "</th><th scope=\"col\">" + S(w.T("web.review.who")) + "</th><th scope=\"col\">" +
          S(w.T("web.review.what")) + "</th><th scope=\"col\">" + S(w.T("web.review.from")) +
          "</th><th scope=\"col\">" + S(w.T("web.review.to")) + "</th><th scope=\"col\">" +
          S(w.T("web.forms.note")) + "</th></tr></thead><tbody>\n";
  for (const ScoreEvent& e : *events) {
    const std::string what = e.kind == "set"     ? w.T("web.review.score")
                             : e.kind == "clear" ? w.T("web.review.withdrawn")
                                                 : w.T("web.review.reconciliation");
    std::string note = MultiLine(e.note);
    if (!e.basis.empty()) {
      std::string basis;
      for (const std::string& b : e.basis) basis += (basis.empty() ? "" : ", ") + Escape(b);
      note +=
          "<div class=\"small muted\">" + w.T("web.review.settling", {{"basis", basis}}) + "</div>";
    }
    if (e.redacted) {
      note += "<div class=\"small muted\">" +
              w.T("web.review.redacted_by", {{"inspector", Escape(e.redacted->by)},
                                             {"at", Escape(StampLabel(w, e.redacted->at))}}) +
              "</div>";
    }
    body += "<tr><td>" + Escape(StampLabel(w, e.at)) + "</td><td>" + Escape(e.inspector) +
            "</td><td>" + S(what) + "</td><td>" + result(e.old_result) + "</td><td>" +
            result(e.new_result) + "</td><td>" + note + "</td></tr>\n";
  }
  body += "</tbody></table>\n";
  return Html(env, req, w.T("web.review.history"), body);
}

// ---- the score overview and its filters --------------------------------------------------

Response ScoresPage(const PageEnv& env, const Request& req, const AuditContext& ac) {
  const Lang l = env.lang;
  const Translator& w = env.words();
  const Framework& f = *ac.framework;
  const std::string show = QueryValue(req, "show").empty() ? "all" : QueryValue(req, "show");
  const std::string only = QueryValue(req, "criterion");
  if (show != "all" && show != "unscored" && show != "disagreements") {
    return ErrorPage(env, req, 400, w.T("web.review.unknown_filter", {{"filter", show}}));
  }
  std::vector<const Criterion*> criteria;
  for (const Criterion* k : f.Criteria()) {
    if (HandScored(*k, Scope::kCase)) criteria.push_back(k);
  }
  if (!only.empty() && std::none_of(criteria.begin(), criteria.end(),
                                    [&](const Criterion* k) { return k->id == only; })) {
    return ErrorPage(env, req, 400, w.T("web.review.no_case_criterion", {{"id", only}}));
  }
  Result<JudgementInput> in = LoadJudgementInput(env.ws, ac.audit.id);
  if (!in.ok()) return Fail(env, req, in.status());
  Result<std::vector<CurrentScore>> current =
      CurrentScores(env.ws, ac.audit.id, Viewer{env.inspector});
  if (!current.ok()) return Fail(env, req, current.status());
  Result<std::vector<CriterionAgreement>> agreement = Agreement(env.ws, ac.audit.id);
  if (!agreement.ok()) return Fail(env, req, agreement.status());
  std::set<std::pair<std::string, std::string>> open;
  for (const CriterionAgreement& c : *agreement) {
    for (const Disagreement& d : c.disagreements) {
      if ((!d.reconciled || d.reopened) && Visible(env, d)) open.insert({d.case_id, c.criterion});
    }
  }
  std::map<std::pair<std::string, std::string>, std::vector<const CurrentScore*>> scores;
  for (const CurrentScore& s : *current) scores[{s.case_id, s.criterion}].push_back(&s);

  std::string body = AuditNav(env, ac.audit, w.T("web.parts.scores"));
  const auto option = [&](const std::string& value, std::string_view label, bool selected) {
    return "<option value=\"" + Escape(value) + "\"" + (selected ? " selected" : "") + ">" +
           Escape(label) + "</option>";
  };
  body += "<form class=\"filters\" method=\"get\" action=\"" + AuditPath(ac.audit.id) +
          "/scores\">\n<label for=\"show\">" + S(w.T("web.review.show")) +
          "</label> <select id=\"show\" name=\"show\">" +
          option("all", w.T("web.review.all"), show == "all") +
          option("unscored", w.T("web.review.not_scored_by_me"), show == "unscored") +
          option("disagreements", w.T("web.review.open_disagreements"), show == "disagreements") +
          "</select>\n<label for=\"criterion\">" + S(w.T("web.audits.criterion")) +
          "</label> <select id=\"criterion\" name=\"criterion\">" +
          option("", w.T("web.review.all_criteria"), only.empty());
  for (const Criterion* k : criteria) {
    body += option(k->id, k->id + " — " + Name(l, k->text, k->gloss), k->id == only);
  }
  body += "</select>\n";
  if (l == Lang::kEn) body += "<input type=\"hidden\" name=\"lang\" value=\"en\">";
  body += "<button type=\"submit\">" + S(w.T("web.review.filter")) + "</button></form>\n";

  std::string rows;
  int count = 0;
  for (const CaseRecord& c : in->sample) {
    for (const Criterion* k : criteria) {
      if (!only.empty() && k->id != only) continue;
      if (!k->applies_when.Matches(c)) continue;
      const std::pair<std::string, std::string> key{c.case_id, k->id};
      std::string mine, others, reconciled;
      for (const CurrentScore* s : scores[key]) {
        const std::string r = Escape(ResultLabel(w, s->result));
        if (s->reconciled) {
          reconciled = r;
        } else if (s->inspector == env.inspector) {
          mine = r;
        } else {
          others += (others.empty() ? "" : ", ") + Escape(s->inspector) + ": " + r;
        }
      }
      const bool disagreement = open.count(key) > 0;
      if (show == "unscored" && !mine.empty()) continue;
      if (show == "disagreements" && !disagreement) continue;
      ++count;
      rows +=
          "<tr><td><a href=\"" + AuditPath(ac.audit.id) + "/case/" + Escape(UrlSegment(c.case_id)) +
          "\">" + Escape(c.case_id) + "</a></td><td>" + Escape(k->id) + "</td><td>" +
          (mine.empty() ? "<span class=\"muted\">" + S(w.T("web.audits.open")) + "</span>" : mine) +
          "</td><td>" + others + "</td><td>" + reconciled +
          (disagreement
               ? " <span class=\"tag busy\">" + S(w.T("web.review.disagreement")) + "</span>"
               : "") +
          "</td><td><a href=\"" + Escape(HistoryPath(ac.audit.id, c.case_id, k->id)) + "\">" +
          S(w.T("web.review.history_link")) + "</a></td></tr>\n";
    }
  }
  body += "<p class=\"muted\" role=\"status\">" +
          w.T("web.review.rows_shown", {{"count", std::to_string(count)}}) + "</p>\n";
  if (count > 0) {
    body +=
        "<table><thead><tr><th scope=\"col\">" + S(w.T("web.audits.case")) +
        "</th><th scope=\"col\">" + S(w.T("web.audits.criterion")) + "</th><th scope=\"col\">" +
        S(w.T("web.review.my_score")) + "</th><th scope=\"col\">" + S(w.T("web.review.others")) +
        "</th><th scope=\"col\">" + S(w.T("web.review.reconciled")) + "</th><th scope=\"col\">" +
        S(w.T("web.review.history")) + "</th></tr></thead><tbody>\n" + rows + "</tbody></table>\n";
  }
  return Html(env, req, w.T("web.parts.scores"), body);
}

}  // namespace vtaudit::web::page
