#include "page_parts.h"

#include <algorithm>

#include "problems.h"
#include "report.h"
#include "scoring.h"

namespace vtaudit::web::page {

std::string S(std::string_view v) { return std::string(v); }

Response Html(const PageEnv& env, const Request& req, std::string_view title,
              const std::string& body, int status) {
  return {status, "text/html; charset=utf-8", Layout(env, req, title, body), ""};
}

Response Redirect(std::string location) { return {303, "text/plain; charset=utf-8", "", location}; }

namespace {
const ReportTemplates* Texts(const PageEnv& env) {
  return env.lang == Lang::kEn ? env.report_en : env.report_nl;
}
}  // namespace

std::vector<std::string> Said(const PageEnv& env, const Status& s) {
  return Texts(env) ? Texts(env)->words.Messages(s) : s.messages();
}

std::string Said(const PageEnv& env, const UnmetGate& gate) {
  return Texts(env) ? Texts(env)->words.Say(gate.message, gate.problem) : gate.message;
}

std::string HiddenDisagreements(const PageEnv& env, long hidden) {
  if (hidden <= 0) return "";
  return "<p class=\"muted small\">" +
         env.words().T("web.parts.hidden_disagreements", {{"count", std::to_string(hidden)}}) +
         "</p>\n";
}

std::string EscapeWithCode(const std::string& text) {
  std::string out;
  size_t at = 0;
  for (size_t open; (open = text.find('`', at)) != std::string::npos;) {
    const size_t close = text.find('`', open + 1);
    if (close == std::string::npos) break;
    out += Escape(text.substr(at, open - at)) + "<code>" +
           Escape(text.substr(open + 1, close - open - 1)) + "</code>";
    at = close + 1;
  }
  return out + Escape(text.substr(at));
}

Response Fail(const PageEnv& env, const Request& req, const Status& s) {
  std::string text;
  for (const std::string& m : Said(env, s)) text += (text.empty() ? "" : "\n") + m;
  return ErrorPage(env, req, HttpStatusFor(s, req.method), text);
}

std::string CsrfField(const PageEnv& env) {
  return "<input type=\"hidden\" name=\"csrf\" value=\"" + Escape(env.csrf) + "\">";
}

std::string TypedNote(const std::string& submitted) {
  std::string out;
  out.reserve(submitted.size());
  for (size_t i = 0; i < submitted.size(); ++i) {
    if (submitted[i] == '\r' && i + 1 < submitted.size() && submitted[i + 1] == '\n') continue;
    out += submitted[i];
  }
  return out;
}

std::string Messages(const std::vector<std::string>& messages, const char* cls) {
  if (messages.empty()) return "";
  std::string html = std::string("<div class=\"message ") + cls + "\" role=\"alert\">";
  for (const std::string& m : messages) html += "<p>" + Escape(m) + "</p>";
  return html + "</div>\n";
}

std::string AuditPath(int64_t id) { return "/audit/" + std::to_string(id); }

// A case field's values as text, joined by ", ".
std::string Field(const CaseRecord& c, std::string_view name) {
  std::string out;
  for (const std::string& v : CaseFieldValues(c, name)) out += (out.empty() ? "" : ", ") + v;
  return out;
}

std::string ResultLabel(const Translator& w, std::string_view result) {
  if (result == kVoldoet) return S(w.T("result.voldoet"));
  if (result == kVoldoetNiet) return S(w.T("result.voldoet_niet"));
  if (result == kNvt) return S(w.T("result.nvt"));
  return S(result);
}

std::string LevelLabel(const Translator& w, const Framework& f, const std::string& level) {
  const Level* l = f.scale.Find(level);
  if (!l) return ResultLabel(w, level);
  return w.english() ? l->gloss : l->name;
}

std::string Name(Lang lang, const std::string& nl, const std::string& en) {
  return lang == Lang::kEn && !en.empty() ? en : nl;
}

// The state as the report words it (status.draft, status.concept, status.final).
std::string StateLabel(const Translator& w, AuditStatus s) {
  return w.T("status." + std::string(AuditStatusName(s)));
}

// Whether `inspector` may score on the audit (is on its list).
bool OnAudit(const Audit& a, const std::string& inspector) {
  return !inspector.empty() &&
         std::binary_search(a.inspectors.begin(), a.inspectors.end(), inspector);
}

// The audit header: organisation, period, status, who works, and the links between its
// pages.
std::string AuditNav(const PageEnv& env, const Audit& a, std::string_view current) {
  const Translator& w = env.words();
  const std::string base = AuditPath(a.id);
  const std::pair<std::string, std::string> links[] = {
      {base, w.T("web.parts.sample")},
      {base + "/scores", w.T("web.parts.scores")},
      {base + "/organisation", w.T("web.forms.organisation_criteria")},
      {base + "/judgement", w.T("web.parts.judgement")},
      {base + "/timeliness", w.T("web.parts.timeliness")},
      {base + "/agreement", w.T("web.parts.agreement")},
      {base + "/disagreements", w.T("web.parts.disagreements")},
      {base + "/findings", w.T("web.parts.findings")},
      {base + "/report", w.T("web.parts.report")},
      {base + "/report.pdf", w.T("web.parts.report_pdf")},
      {base + "/import", w.T("web.parts.delivery")},
      {base + "/draw", w.T("web.parts.draw")},
      {base + "/state", w.T("web.parts.state")},
      {base + "/responses", w.T("web.parts.responses")},
      {base + "/versions", w.T("web.parts.versions")},
  };
  const bool on_audit = OnAudit(a, env.inspector);
  std::string html = "<p class=\"muted\">" + Escape(a.org) + " · " + std::to_string(a.period) +
                     " · " + Escape(a.framework_id) + " " + Escape(a.framework_version) + " · " +
                     w.T("web.parts.status", {{"state", StateLabel(w, a.status)}}) + " · " +
                     (on_audit ? w.T("web.parts.working_as", {{"inspector", Escape(env.inspector)}})
                               : S(w.T("web.parts.not_yet_chosen_who"))) +
                     " (<a href=\"" + base + "/inspector\">" +
                     S(on_audit ? w.T("web.parts.switch") : w.T("web.parts.choose")) +
                     "</a>)</p>\n<nav class=\"audit\" aria-label=\"" + S(w.T("web.parts.audit")) +
                     "\">";
  for (const auto& [href, label] : links) {
    html += "<a href=\"" + Escape(href) + "\"" +
            (label == current ? " aria-current=\"page\"" : "") + ">" + S(label) + "</a>";
  }
  return html + "</nav>\n";
}

Result<AuditContext> LoadAudit(const PageEnv& env, const std::string& id_text) {
  int64_t id = 0;
  for (char c : id_text) {
    if (c < '0' || c > '9' || id > 1'000'000'000) {
      return Status::NotFound("no audit " + id_text,
                              Problem("problem.audit.not_found", {{"audit", id_text}}));
    }
    id = id * 10 + (c - '0');
  }
  Result<Audit> a = FindAudit(env.ws, id);
  if (!a.ok()) return a.status();
  Result<std::shared_ptr<const Framework>> f = env.framework(a->framework_sha256);
  if (!f.ok()) return f.status();
  return AuditContext{std::move(*a), *f};
}

}  // namespace vtaudit::web::page
