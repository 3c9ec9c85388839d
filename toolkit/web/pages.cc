// The pages of the web UI that show: the audits, an audit's sample, judgement, timeliness,
// agreement and report, and the routing of every address (the scoring forms: forms.cc).
// Each reads through the library (audit.h, sample_draw.h, scoring.h, judge_audit.h).

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "audit.h"
#include "explanation.h"
#include "judge_audit.h"
#include "judgement.h"
#include "lifecycle.h"
#include "page_parts.h"
#include "progress.h"
#include "report.h"
#include "report_version.h"
#include "review_pages.h"
#include "sample_draw.h"
#include "web_internal.h"

namespace vtaudit::web {
namespace page {
// ---- audits -------------------------------------------------------------------------

Response AuditsPage(const PageEnv& env, const Request& req) {
  const Lang l = env.lang;
  const Translator& w = env.words();
  Result<std::vector<Audit>> audits = ListAudits(env.ws);
  if (!audits.ok()) return Fail(env, req, audits.status());
  std::string body;
  if (audits->empty()) {
    body += "<p>" + S(w.T("web.audits.there_no_audits_yet")) + "</p>\n";
  }
  body += "<p><a class=\"button\" href=\"/audit/new\">" + S(w.T("web.audits.start_new_audit")) +
          "</a></p>\n";
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
            StateLabel(w, a.status) + " · " +
            w.T("web.audits.cases_sampled", {{"count", std::to_string(in->sample.size())}}) +
            "</p>\n";
    if (in->sample.empty()) continue;
    body += "<table><thead><tr><th>" + S(w.T("web.audits.domain")) + "</th><th class=\"num\">" +
            S(w.T("web.audits.cases_scored_sampled")) + "</th></tr></thead><tbody>\n";
    const ScoringProgress progress = MeasureProgress(**f, *in, env.inspector);
    for (size_t i = 0; i < progress.domains.size(); ++i) {
      const DomainProgress& p = progress.domains[i];
      const Domain& d = (*f)->domains[i];
      body += "<tr><td>" + Escape(Name(l, d.name, d.gloss)) + "</td><td class=\"num\">" +
              (p.has_case_criteria
                   ? std::to_string(p.complete) + " / " + std::to_string(p.sampled)
                   : "<span class=\"muted\">" + S(w.T("web.audits.no_case_criteria")) + "</span>") +
              "</td></tr>\n";
    }
    body += "</tbody></table>\n";
  }
  return Html(env, req, w.T("web.audits.audits"), body);
}

// ---- an audit's sample ----------------------------------------------------------------

namespace {

// Where the audit stands: for a draft what the concept still needs, for a concept the
// organisation's responses and what the final version needs (lifecycle.h).
Result<std::string> StateBlock(const PageEnv& env, const Audit& a) {
  const Translator& w = env.words();
  if (a.status == AuditStatus::kFinal) {
    return "<p class=\"message ok\">" + S(w.T("web.audits.this_audit_final")) + "</p>\n";
  }
  const Transition next{
      a.status == AuditStatus::kDraft ? AuditStatus::kConcept : AuditStatus::kFinal, "", "", false};
  Result<std::vector<UnmetGate>> unmet = UnmetGates(env.ws, a.id, next, *env.calendar);
  if (!unmet.ok()) return unmet.status();
  std::string html =
      "<section class=\"state\"><h2>" +
      S(next.to == AuditStatus::kConcept ? w.T("web.audits.concept") : w.T("web.audits.final")) +
      "</h2>\n";
  if (next.to == AuditStatus::kFinal) {
    Result<std::vector<vtaudit::Response>> responses = Responses(env.ws, a.id);
    if (!responses.ok()) return responses.status();
    html += "<p>" +
            w.T("web.audits.responses_of_organisation",
                {{"count", std::to_string(responses->size())}}) +
            "</p>\n";
  }
  if (unmet->empty()) {
    html += "<p>" +
            w.T("web.audits.every_condition_met",
                {{"state", "<a href=\"" + AuditPath(a.id) + "/state\">" + w.T("web.audits.state") +
                               "</a>"}}) +
            "</p>\n";
  } else {
    html += "<details><summary>" +
            w.T("web.audits.condition_s_not_yet", {{"count", std::to_string(unmet->size())}}) +
            "</summary>\n<ul class=\"small\">";
    for (const UnmetGate& u : *unmet) html += "<li>" + EscapeWithCode(Said(env, u)) + "</li>";
    html += "</ul></details>\n";
  }
  return html + "</section>\n";
}

}  // namespace

Response SamplePage(const PageEnv& env, const Request& req, const AuditContext& ac) {
  const Translator& w = env.words();
  const Framework& f = *ac.framework;
  std::string body = AuditNav(env, ac.audit, w.T("web.parts.sample"));
  Result<std::string> state = StateBlock(env, ac.audit);
  if (!state.ok()) return Fail(env, req, state.status());
  body += *state;
  Result<JudgementInput> in = LoadJudgementInput(env.ws, ac.audit.id);
  if (!in.ok()) return Fail(env, req, in.status());
  if (in->sample.empty()) {
    body += "<p>" +
            w.T("web.audits.no_sample_yet",
                {{"draw", "<a href=\"" + AuditPath(ac.audit.id) + "/draw\">" +
                              w.T("web.audits.draw_sample") + "</a>"}}) +
            "</p>\n";
    return Html(env, req, w.T("web.parts.sample"), body);
  }
  const ScoringProgress progress = MeasureProgress(f, *in, env.inspector);
  body += "<table><thead><tr><th>" + S(w.T("web.audits.case")) + "</th><th>" +
          S(w.T("web.audits.kind")) + "</th><th>" + S(w.T("web.audits.received")) +
          "</th><th class=\"num\">" + S(w.T("web.audits.scored_by_me")) +
          "</th><th class=\"num\">" + S(w.T("web.audits.scored_anyone")) + "</th><th>" +
          S(w.T("web.audits.status")) + "</th></tr></thead><tbody>\n";
  for (size_t i = 0; i < in->sample.size(); ++i) {
    const CaseRecord& c = in->sample[i];
    const long applicable = progress.cases[i].applicable;
    const long by_me = progress.cases[i].by_inspector;
    const long by_anyone = progress.cases[i].by_anyone;
    const char* cls = by_me == applicable ? "done" : by_me > 0 ? "busy" : "";
    const std::string status = by_me == applicable ? w.T("web.audits.done")
                               : by_me > 0         ? w.T("web.audits.progress")
                                                   : w.T("web.audits.open");
    body += "<tr><td><a href=\"" + AuditPath(ac.audit.id) + "/case/" +
            Escape(UrlSegment(c.case_id)) + "\">" + Escape(c.case_id) + "</a></td><td>" +
            Escape(Field(c, "kind")) + "</td><td>" + Escape(IsoLabel(w, Field(c, "received"))) +
            "</td><td class=\"num\">" + std::to_string(by_me) + " / " + std::to_string(applicable) +
            "</td><td class=\"num\">" + std::to_string(by_anyone) + " / " +
            std::to_string(applicable) + "</td><td><span class=\"tag " + cls + "\">" + S(status) +
            "</span></td></tr>\n";
  }
  body += "</tbody></table>\n";
  return Html(env, req, w.T("web.audits.sample_title", {{"audit", std::to_string(ac.audit.id)}}),
              body);
}

// ---- judgement, timeliness, agreement ------------------------------------------------------

namespace {

void TreeNode(const PageEnv& env, const Framework& f, const NodeJudgement& n,
              const std::map<std::string, std::string>& not_judged, std::string* html) {
  const Lang l = env.lang;
  const Translator& w = env.words();
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
  const std::string none =
      n.applicable ? w.T("web.audits.not_judged") : w.T("web.audits.not_applicable");
  // A domain is known by its name; its id (gezinnen_centraal) is the framework's, not a word.
  *html += "<li><div class=\"node\">" +
           (n.kind == "domain" ? "" : "<strong>" + Escape(n.id) + "</strong> ") + "<span>" +
           Escape(name) + "</span> <span class=\"level " + cls + "\" data-node=\"" + Escape(n.id) +
           "\">" + (level ? Escape(LevelLabel(w, f, *n.level)) : S(none)) + "</span>";
  if (n.indicative) {
    *html += " <span class=\"tag indicative\">" + S(w.T("web.audits.indicative")) +
             " (n = " + std::to_string(n.met + n.not_met) + ")</span>";
  }
  if (n.incomplete) {
    *html += " <span class=\"tag incomplete\">" + S(w.T("web.audits.incomplete")) + "</span>";
  }
  if (n.kind == "criterion") {
    *html += " <span class=\"muted small\">" +
             w.T("web.audits.criterion_counts", {{"met", std::to_string(n.met)},
                                                 {"not_met", std::to_string(n.not_met)},
                                                 {"nvt", std::to_string(n.not_applicable)},
                                                 {"disputed", std::to_string(n.disputed)},
                                                 {"unscored", std::to_string(n.unscored)}}) +
             "</span>";
  }
  *html += "</div>";
  const Translator& words = (env.lang == Lang::kEn ? env.report_en : env.report_nl)->words;
  const std::string why = ExplainNode(n, f, not_judged, words);
  if (!why.empty()) *html += "<p class=\"why\">" + Escape(why) + "</p>";
  if (!n.children.empty()) {
    *html += "<ul>";
    for (const NodeJudgement& c : n.children) TreeNode(env, f, c, not_judged, html);
    *html += "</ul>";
  }
  *html += "</li>\n";
}

}  // namespace

Response JudgementPage(const PageEnv& env, const Request& req, const AuditContext& ac) {
  const Translator& w = env.words();
  Result<JudgedAudit> j = JudgeAudit(env.ws, ac.audit.id, *env.calendar);
  if (!j.ok()) return Fail(env, req, j.status());
  Result<std::map<std::string, std::string>> not_judged = NotJudged(env.ws, ac.audit.id);
  if (!not_judged.ok()) return Fail(env, req, not_judged.status());
  std::string body = AuditNav(env, ac.audit, w.T("web.parts.judgement"));
  body += "<p class=\"muted\">" +
          w.T("web.audits.judgement_as_of", {{"as_of", w.LongDate(j->as_of)},
                                             {"cases", std::to_string(j->input.sample.size())}}) +
          "</p>\n<ul class=\"tree\">\n";
  for (const NodeJudgement& d : j->judgement.domains) {
    TreeNode(env, j->framework, d, *not_judged, &body);
  }
  body += "</ul>\n";
  return Html(env, req, w.T("web.parts.judgement"), body);
}

Response TimelinessPage(const PageEnv& env, const Request& req, const AuditContext& ac) {
  const Lang l = env.lang;
  const Translator& w = env.words();
  Result<JudgedAudit> j = JudgeAudit(env.ws, ac.audit.id, *env.calendar);
  if (!j.ok()) return Fail(env, req, j.status());
  std::string body = AuditNav(env, ac.audit, w.T("web.parts.timeliness"));
  body += "<p class=\"muted\">" +
          w.T("web.audits.all_cases_completed_in", {{"period", std::to_string(ac.audit.period)}}) +
          "</p>\n<table><thead><tr><th>" + S(w.T("web.audits.deadline")) +
          "</th><th class=\"num\">" + S(w.T("web.audits.on_time")) + "</th><th class=\"num\">" +
          S(w.T("web.audits.counted")) + "</th><th class=\"num\">" + S(w.T("web.audits.share")) +
          "</th><th class=\"num\">" + S(w.T("web.audits.norm")) + "</th><th>" +
          S(w.T("web.audits.verdict")) + "</th></tr></thead><tbody>\n";
  for (const Deadline& d : j->framework.deadlines) {
    auto it = j->input.measured.find(d.id);
    if (it == j->input.measured.end()) continue;
    const MeasuredFigure& m = it->second;
    std::string verdict;
    if (m.share) {
      verdict = *m.share >= m.norm
                    ? "<span class=\"tag done\">" + S(w.T("web.audits.norm_met")) + "</span>"
                    : "<span class=\"tag busy\">" + S(w.T("web.audits.norm_missed")) + "</span>";
    }
    body += "<tr><td>" + Escape(Name(l, d.name, d.gloss)) + "</td><td class=\"num\">" +
            std::to_string(m.on_time) + "</td><td class=\"num\">" + std::to_string(m.counted) +
            "</td><td class=\"num\">" + (m.share ? Percent(l, *m.share) : "—") +
            "</td><td class=\"num\">" + Percent(l, m.norm) + "</td><td>" + verdict + "</td></tr>\n";
  }
  body += "</tbody></table>\n";
  return Html(env, req, w.T("web.parts.timeliness"), body);
}

Response AgreementPage(const PageEnv& env, const Request& req, const AuditContext& ac) {
  const Lang l = env.lang;
  const Translator& w = env.words();
  Result<std::vector<CriterionAgreement>> agreement = Agreement(env.ws, ac.audit.id);
  if (!agreement.ok()) return Fail(env, req, agreement.status());
  std::string body = AuditNav(env, ac.audit, w.T("web.parts.agreement"));
  if (agreement->empty()) {
    body += "<p>" + S(w.T("web.audits.no_case_was_scored")) + "</p>\n";
    return Html(env, req, w.T("web.parts.agreement"), body);
  }
  const auto kappa = [&](const std::optional<double>& k) {
    return k ? Number(l, *k, 2) : S(w.T("agreement.undefined"));
  };
  body += "<p class=\"muted\">" + S(w.T("web.audits.cohen_s_kappa_when")) +
          "</p>\n<table><thead><tr><th>" + S(w.T("web.audits.criterion")) +
          "</th><th class=\"num\">" + S(w.T("web.audits.multi_scored")) + "</th><th>" +
          S(w.T("web.audits.inspectors")) + "</th><th class=\"num\">" +
          S(w.T("web.audits.observed")) + "</th><th class=\"num\">Kappa</th><th>" +
          S(w.T("web.parts.disagreements")) + "</th></tr></thead><tbody>\n";
  int hidden = 0;
  for (const CriterionAgreement& c : *agreement) {
    std::string who;
    for (const std::string& i : c.inspectors) who += (who.empty() ? "" : ", ") + Escape(i);
    if (c.method == "fleiss") {
      for (const PairAgreement& p : c.pairs) {
        who += "<div class=\"small\">" + Escape(p.inspector_a) + " – " + Escape(p.inspector_b) +
               ": " + std::to_string(p.cases) + ", Cohen " + Escape(kappa(p.kappa)) + "</div>";
      }
    }
    const auto label = [&](const std::string& result) {
      return c.scope == "organisation" ? LevelLabel(w, *ac.framework, result)
                                       : ResultLabel(w, result);
    };
    std::string list;
    for (const Disagreement& d : c.disagreements) {
      // Blind scoring: the results of a disagreement show only to one who scored it too.
      if (std::none_of(d.scores.begin(), d.scores.end(),
                       [&](const auto& sc) { return sc.first == env.inspector; })) {
        ++hidden;
        continue;
      }
      std::string scores;
      for (const auto& [inspector, result] : d.scores) {
        scores += (scores.empty() ? "" : ", ") + Escape(inspector) + " " + Escape(label(result));
      }
      list +=
          "<div>" + (d.case_id.empty() ? S(w.T("web.audits.organisation")) : Escape(d.case_id)) +
          ": " + scores + " — " +
          (d.reconciled ? w.T("web.forms.reconciled", {{"result", Escape(label(*d.reconciled))}})
           : d.reopened ? S(w.T("web.audits.not_reconciled_reconciliation_was"))
                        : S(w.T("web.audits.not_reconciled"))) +
          "</div>";
    }
    body += "<tr><td>" + Escape(c.criterion) + "</td><td class=\"num\">" + std::to_string(c.cases) +
            "</td><td class=\"small\">" + who + "</td><td class=\"num\">" + Percent(l, c.observed) +
            "</td><td class=\"num\">" + (c.method == "cohen" ? "Cohen " : "Fleiss ") +
            Escape(kappa(c.kappa)) + "</td><td class=\"small\">" + list + "</td></tr>\n";
  }
  body += "</tbody></table>\n";
  body += HiddenDisagreements(env, hidden);
  body += "<p><a href=\"" + AuditPath(ac.audit.id) + "/disagreements\">" +
          S(w.T("web.audits.disagreements_their_reconciliation")) + "</a></p>\n";
  return Html(env, req, w.T("web.parts.agreement"), body);
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

}  // namespace page

using namespace page;

Response Route(const PageEnv& env, const Request& req) {
  const std::vector<std::string>& s = req.segments;
  const bool get = req.method == "GET";
  if (get && s.size() == 2 && s[0] == "assets") {
    if (s[1] == "style.css") return {200, "text/css; charset=utf-8", S(kStylesheet), ""};
    if (s[1] == "app.js") return {200, "text/javascript; charset=utf-8", S(kScript), ""};
  }
  if (get && s.size() == 1 && s[0] == "favicon.ico") return {204, "image/x-icon", "", ""};
  if (get && s.empty()) return AuditsPage(env, req);
  if (std::optional<Response> r = AuditWorkPage(env, req)) return *r;
  if (s.size() >= 2 && s[0] == "audit") {
    const bool page =
        s.size() == 2 ||
        (s.size() == 3 && (s[2] == "organisation" || s[2] == "judgement" || s[2] == "timeliness" ||
                           s[2] == "agreement" || s[2] == "report" || s[2] == "report.pdf" ||
                           s[2] == "inspector" || s[2] == "findings" || s[2] == "disagreements" ||
                           s[2] == "history" || s[2] == "scores")) ||
        (s.size() == 4 && (s[2] == "case" || s[2] == "finding"));
    if (!page) return ErrorPage(env, req, 404, req.path);
    const bool form = s.size() == 4 ||
                      (s.size() == 3 &&
                       (s[2] == "organisation" || s[2] == "inspector" || s[2] == "disagreements"));
    if (!get && !form) return ErrorPage(env, req, 405, req.method);
    Result<AuditContext> ac = LoadAudit(env, s[1]);
    if (!ac.ok()) return Fail(env, req, ac.status());
    if (s.size() == 2) return SamplePage(env, req, *ac);
    if (s.size() == 4 && s[2] == "finding") return FindingPage(env, req, *ac, s[3]);
    if (s.size() == 4) return CasePage(env, req, *ac, s[3]);
    if (s[2] == "findings") return FindingsPage(env, req, *ac);
    if (s[2] == "disagreements") return DisagreementsPage(env, req, *ac);
    if (s[2] == "history") return HistoryPage(env, req, *ac);
    if (s[2] == "scores") return ScoresPage(env, req, *ac);
    if (s[2] == "organisation") return OrganisationPage(env, req, *ac);
    if (s[2] == "inspector") return InspectorPage(env, req, *ac);
    if (s[2] == "judgement") return JudgementPage(env, req, *ac);
    if (s[2] == "timeliness") return TimelinessPage(env, req, *ac);
    if (s[2] == "report" || s[2] == "report.pdf")
      return ReportPage(env, req, *ac, s[2] == "report.pdf");
    return AgreementPage(env, req, *ac);
  }
  return ErrorPage(env, req, 404, env.words().T("web.audits.no_such_page", {{"path", req.path}}));
}

}  // namespace vtaudit::web
