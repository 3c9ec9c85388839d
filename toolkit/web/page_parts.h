// What the pages of the web UI share (pages.cc: the pages that show; forms.cc: the pages
// that take scores): the audit header, labels in the page's language, and responses.
// Internal to toolkit/web.
#ifndef VTAUDIT_WEB_PAGE_PARTS_H_
#define VTAUDIT_WEB_PAGE_PARTS_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "audit.h"
#include "case_record.h"
#include "framework.h"
#include "lifecycle.h"
#include "web_internal.h"

namespace vtaudit::web::page {

std::string S(std::string_view v);
Response Html(const PageEnv& env, const Request& req, std::string_view title,
              const std::string& body, int status = 200);
Response Redirect(std::string location);
// A library failure as a page with the HTTP status of its cause (HttpStatusFor).
Response Fail(const PageEnv& env, const Request& req, const Status& s);
// The messages of `s` in the session's language: a message with a problem code in its texts
// (reports/text-LANG.properties, "problem.*") translated, any other as the library wrote it.
std::vector<std::string> Said(const PageEnv& env, const Status& s);
// An unmet gate of the audit's lifecycle in the session's language.
std::string Said(const PageEnv& env, const UnmetGate& gate);
// The note that `hidden` disagreements stay hidden (blind scoring); "" when none are.
std::string HiddenDisagreements(const PageEnv& env, long hidden);
// `text` escaped for HTML, each `command` between backticks set as <code>command</code>.
std::string EscapeWithCode(const std::string& text);
std::string CsrfField(const PageEnv& env);
// A text as typed in a textarea: browsers send its line breaks as CR LF; the record keeps LF.
std::string TypedNote(const std::string& submitted);
// The messages as a box of class `cls` ("error"), each escaped; "" for none.
std::string Messages(const std::vector<std::string>& messages, const char* cls);
std::string AuditPath(int64_t id);
// A case field's values as text, joined by ", ".
std::string Field(const CaseRecord& c, std::string_view name);
std::string ResultLabel(const Translator& w, std::string_view result);
std::string LevelLabel(const Translator& w, const Framework& f, const std::string& level);
std::string Name(Lang lang, const std::string& nl, const std::string& en);
// The state in the page's language, as the report words it (status.* in the texts).
std::string StateLabel(const Translator& w, AuditStatus s);
// Whether `inspector` may score on the audit (is on its list).
bool OnAudit(const Audit& a, const std::string& inspector);
// The audit header: organisation, period, status, who works, and the links between its
// pages.
std::string AuditNav(const PageEnv& env, const Audit& a, std::string_view current);

struct AuditContext {
  Audit audit;
  std::shared_ptr<const Framework> framework;
};
// The audit of the address segment `id_text`, with its framework; 404 for anything else.
Result<AuditContext> LoadAudit(const PageEnv& env, const std::string& id_text);

// The pages (pages.cc, forms.cc), as Route calls them.
Response AuditsPage(const PageEnv& env, const Request& req);
Response SamplePage(const PageEnv& env, const Request& req, const AuditContext& ac);
Response CasePage(const PageEnv& env, const Request& req, const AuditContext& ac,
                  const std::string& case_id);
Response InspectorPage(const PageEnv& env, const Request& req, const AuditContext& ac);
Response OrganisationPage(const PageEnv& env, const Request& req, const AuditContext& ac);
Response JudgementPage(const PageEnv& env, const Request& req, const AuditContext& ac);
Response TimelinessPage(const PageEnv& env, const Request& req, const AuditContext& ac);
Response AgreementPage(const PageEnv& env, const Request& req, const AuditContext& ac);
Response ReportPage(const PageEnv& env, const Request& req, const AuditContext& ac, bool pdf);

}  // namespace vtaudit::web::page

#endif  // VTAUDIT_WEB_PAGE_PARTS_H_
