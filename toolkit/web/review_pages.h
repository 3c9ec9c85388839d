// The review side of the web UI (review_pages.cc): the findings per criterion and standard,
// the disagreements between inspectors with a form to reconcile each, the trail of one
// criterion, and the score overview with its filters; plus the date, number and case-fact
// wording that every page shares. Each page reads and writes through the library
// (finding.h, scoring.h), with the blind rule of scoring.h's Viewer: an inspector sees
// another's score of a case criterion only once they have scored it. Internal to
// toolkit/web.
#ifndef VTAUDIT_WEB_REVIEW_PAGES_H_
#define VTAUDIT_WEB_REVIEW_PAGES_H_

#include <string>
#include <string_view>

#include "case_record.h"
#include "date.h"
#include "page_parts.h"
#include "web_internal.h"

namespace vtaudit::web::page {

// The translator's language code: "nl" or "en".
std::string_view LangCode(Lang lang);
// A share as the page's language writes a percentage: "87,2%" (nl), "87.2%" (en).
std::string Percent(Lang lang, double share);
// A number with `decimals` digits: "0,83" (nl), "0.83" (en).
std::string Number(Lang lang, double v, int decimals);
// A stored UTC stamp ("2025-01-06T13:56:12Z") in Dutch time (DutchTime, translator.h):
// "6 januari 2025, 14:56"; a text that is no such stamp is returned as it is.
std::string StampLabel(const Translator& w, const std::string& iso);
// A registered ISO date or moment of a case, already Dutch: "6 januari 2025" or "6 januari
// 2025, 14:56"; other text as it is.
std::string IsoLabel(const Translator& w, const std::string& iso);
// Escaped text with its line breaks kept (<br>).
std::string MultiLine(std::string_view text);
// The case's own dates and flags, the facts its timeliness criteria are judged on, as a
// <dl class="case">.
std::string CaseFacts(const Translator& w, const CaseRecord& c);
// The address of the score trail of a criterion (case_id "" for an organisation criterion).
std::string HistoryPath(int64_t audit, const std::string& case_id, const std::string& criterion);

Response FindingsPage(const PageEnv& env, const Request& req, const AuditContext& ac);
Response FindingPage(const PageEnv& env, const Request& req, const AuditContext& ac,
                     const std::string& subject);
Response DisagreementsPage(const PageEnv& env, const Request& req, const AuditContext& ac);
Response HistoryPage(const PageEnv& env, const Request& req, const AuditContext& ac);
Response ScoresPage(const PageEnv& env, const Request& req, const AuditContext& ac);

}  // namespace vtaudit::web::page

#endif  // VTAUDIT_WEB_REVIEW_PAGES_H_
