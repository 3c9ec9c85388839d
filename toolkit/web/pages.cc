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
  Result<std::vector<Audit>> audits = ListAudits(env.ws);
  if (!audits.ok()) return Fail(env, req, audits.status());
  std::string body;
  if (audits->empty()) {
    body += "<p>" +
            S(Tr(l,
                 "Er zijn nog geen audits. Begin er een hieronder of met <code>vtaudit audit "
                 "new</code>.",
                 "There are no audits yet. Start one below or with <code>vtaudit audit "
                 "new</code>.")) +
            "</p>\n";
  }
  body += "<p><a class=\"button\" href=\"/audit/new\">" +
          S(Tr(l, "Een nieuwe audit beginnen", "Start a new audit")) + "</a></p>\n";
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

namespace {

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
  Result<std::vector<UnmetGate>> unmet = UnmetGates(env.ws, a.id, next, *env.calendar);
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
    html += "<p>" + S(Tr(l, "Aan alle voorwaarden is voldaan: ", "Every condition is met: ")) +
            "<a href=\"" + AuditPath(a.id) + "/state\">" +
            S(Tr(l, "naar de status", "to the state")) + "</a>.</p>\n";
  } else {
    html += "<details><summary>" + std::to_string(unmet->size()) + " " +
            S(Tr(l, "voorwaarde(n) nog niet voldaan", "condition(s) not yet met")) +
            "</summary>\n<ul class=\"small\">";
    for (const UnmetGate& u : *unmet) html += "<li>" + EscapeWithCode(Said(env, u)) + "</li>";
    html += "</ul></details>\n";
  }
  return html + "</section>\n";
}

}  // namespace

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
            S(Tr(l, "Er is nog geen steekproef getrokken: ", "No sample has been drawn yet: ")) +
            "<a href=\"" + AuditPath(ac.audit.id) + "/draw\">" +
            S(Tr(l, "de steekproef trekken", "draw the sample")) + "</a>.</p>\n";
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
            Escape(Field(c, "kind")) + "</td><td>" + Escape(IsoLabel(l, Field(c, "received"))) +
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

// ---- judgement, timeliness, agreement ------------------------------------------------------

namespace {

void TreeNode(const PageEnv& env, const Framework& f, const NodeJudgement& n,
              const std::map<std::string, std::string>& not_judged, std::string* html) {
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
  // A domain is known by its name; its id (gezinnen_centraal) is the framework's, not a word.
  *html += "<li><div class=\"node\">" +
           (n.kind == "domain" ? "" : "<strong>" + Escape(n.id) + "</strong> ") + "<span>" +
           Escape(name) + "</span> <span class=\"level " + cls + "\" data-node=\"" + Escape(n.id) +
           "\">" + (level ? Escape(LevelLabel(l, f, *n.level)) : S(none)) + "</span>";
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
  const Lang l = env.lang;
  Result<JudgedAudit> j = JudgeAudit(env.ws, ac.audit.id, *env.calendar);
  if (!j.ok()) return Fail(env, req, j.status());
  Result<std::map<std::string, std::string>> not_judged = NotJudged(env.ws, ac.audit.id);
  if (!not_judged.ok()) return Fail(env, req, not_judged.status());
  std::string body = AuditNav(env, ac.audit, Tr(l, "Oordeel", "Judgement"));
  body += "<p class=\"muted\">" + S(Tr(l, "Stand op ", "As of ")) +
          FormatLongDate(j->as_of, LangCode(l)) + "; " + std::to_string(j->input.sample.size()) +
          " " +
          S(Tr(l, "zaken in de steekproef. Toelichtingen volgen de regels van het toetsingskader.",
               "cases sampled. Explanations follow the rules of the framework.")) +
          "</p>\n<ul class=\"tree\">\n";
  for (const NodeJudgement& d : j->judgement.domains) {
    TreeNode(env, j->framework, d, *not_judged, &body);
  }
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
          "</th><th class=\"num\">" + S(Tr(l, "Norm", "Norm")) + "</th><th>" +
          S(Tr(l, "Uitkomst", "Verdict")) + "</th></tr></thead><tbody>\n";
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
            "</td><td class=\"num\">" + (m.share ? Percent(l, *m.share) : "—") +
            "</td><td class=\"num\">" + Percent(l, m.norm) + "</td><td>" + verdict + "</td></tr>\n";
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
    return k ? Number(l, *k, 2)
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
      return c.scope == "organisation" ? LevelLabel(l, *ac.framework, result)
                                       : ResultLabel(l, result);
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
      list += "<div>" +
              (d.case_id.empty() ? S(Tr(l, "organisatie", "organisation")) : Escape(d.case_id)) +
              ": " + scores + " — " +
              (d.reconciled ? S(Tr(l, "afgestemd: ", "reconciled: ")) + Escape(label(*d.reconciled))
               : d.reopened
                   ? S(Tr(l, "niet afgestemd: de afstemming is vervallen door een latere score",
                          "not reconciled: the reconciliation was superseded by a later score"))
                   : S(Tr(l, "niet afgestemd", "not reconciled"))) +
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
          S(Tr(l, "Naar de verschillen en hun afstemming",
               "To the disagreements and their reconciliation")) +
          "</a></p>\n";
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
  return ErrorPage(env, req, 404,
                   S(Tr(env.lang, "Deze pagina bestaat niet: ", "No such page: ")) + req.path);
}

}  // namespace vtaudit::web
