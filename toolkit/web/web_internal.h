// What the web server's parts share: a parsed request, a response, HTML helpers and the
// page handlers. Private to toolkit/web.
#ifndef VTAUDIT_TOOLKIT_WEB_WEB_INTERNAL_H_
#define VTAUDIT_TOOLKIT_WEB_WEB_INTERNAL_H_

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar.h"
#include "framework.h"
#include "report.h"
#include "status.h"
#include "workspace.h"

namespace vtaudit::web {

enum class Lang { kNl, kEn };

// Text made safe for HTML element content and quoted attribute values.
std::string Escape(std::string_view text);
// A path segment made safe for a URL (percent-encoded).
std::string UrlSegment(std::string_view text);

// A file sent with a multipart/form-data form, saved for the length of the request.
struct UploadedFile {
  std::string field;  // the form field's name
  std::string name;   // the file's name as the browser gave it, without folders
  std::string path;   // a 0600 file in a 0700 folder beside the workspace, removed after
  size_t bytes = 0;
};

struct Request {
  std::string method;                        // "GET" or "POST"
  std::string path;                          // decoded, without the query
  std::vector<std::string> segments;         // path split at '/', empty ones dropped
  std::map<std::string, std::string> query;  // decoded query parameters
  std::map<std::string, std::string> form;   // decoded body fields (POST)
  std::vector<UploadedFile> files;           // the files of a multipart form, in order
};

// The fields of an application/x-www-form-urlencoded text (a query or a form body), decoded
// by Poco's HTMLForm ('+' is a space, %2B a plus); the first of repeated names wins.
// Invalid for a malformed text or more than `max_fields` fields.
Result<std::map<std::string, std::string>> DecodeForm(const std::string& text,
                                                      size_t max_fields = 1000);

struct Response {
  Response() = default;
  Response(int code, std::string type, std::string text, std::string to = "")
      : status(code),
        content_type(std::move(type)),
        body(std::move(text)),
        location(std::move(to)) {}

  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  std::string location;     // for redirects
  std::string csp;          // Content-Security-Policy; empty: the strict default
  std::string disposition;  // Content-Disposition, for downloads
  // Who works in this session from now on (the inspector chose on the page that asks).
  std::optional<std::string> session_inspector;
};

// What a page handler may use. The workspace belongs to the calling thread.
struct PageEnv {
  Workspace* ws = nullptr;
  Lang lang = Lang::kNl;
  std::string csrf;       // the session's token, for the hidden field of every form
  std::string inspector;  // who works in this session; "" until chosen
  const Calendar* calendar = nullptr;
  const std::string* calendar_text = nullptr;  // the text `calendar` was read from
  // The session's translator: the report wording in the page's language.
  const Translator& words() const { return (lang == Lang::kEn ? report_en : report_nl)->words; }
  // The frameworks and profiles shipped (checklists/), offered beside the stored ones;
  // "" when none are.
  std::string checklists_dir;
  // The report wording and templates per language, loaded once at start.
  const ReportTemplates* report_nl = nullptr;
  const ReportTemplates* report_en = nullptr;
  // The framework stored with this SHA-256, parsed once per server.
  std::function<Result<std::shared_ptr<const Framework>>(const std::string&)> framework;
};

// Dispatches to the page for the request's path; 404 for unknown paths.
Response Route(const PageEnv& env, const Request& request);
// The pages that run an audit (audit_pages.cc): a new audit, the import of a delivery, the
// draw, the state, the responses and the report versions; none for another path.
std::optional<Response> AuditWorkPage(const PageEnv& env, const Request& request);

// A whole HTML document: header with the language switch, `title` as heading, `body`.
std::string Layout(const PageEnv& env, const Request& request, std::string_view title,
                   std::string_view body);
// A short page for an error status, with `message` escaped.
// The HTTP status for a library failure: the user's input is wrong (400 on a GET's address,
// 422 on a submitted form), a named thing is missing (404), the request contradicts the
// stored state (409), the workspace is busy with another writer (503, try again), else the
// fault is ours or the disk's (500).
int HttpStatusFor(const Status& status, const std::string& method);

Response ErrorPage(const PageEnv& env, const Request& request, int status,
                   std::string_view message);

// The embedded assets, served from memory.
extern const std::string_view kStylesheet;
extern const std::string_view kScript;

}  // namespace vtaudit::web

#endif  // VTAUDIT_TOOLKIT_WEB_WEB_INTERNAL_H_
