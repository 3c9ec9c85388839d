// HTML helpers and the page layout shared by every page.
#include <Poco/URI.h>

#include "escape.h"
#include "web_internal.h"

namespace vtaudit::web {

std::string Escape(std::string_view text) { return EscapeHtml(text); }

std::string UrlSegment(std::string_view text) {
  std::string out;
  Poco::URI::encode(std::string(text), "/?#&=+;:@$,%'\"<>", out);
  return out;
}

std::string Layout(const PageEnv& env, const Request& request, std::string_view title,
                   std::string_view body) {
  const bool en = env.lang == Lang::kEn;
  std::string path;
  Poco::URI::encode(request.path.empty() ? "/" : request.path, "?#&=+;'\"<>", path);
  // The language switch keeps the page's query (a filter, the criterion of a history).
  std::string query;
  for (const auto& [name, value] : request.query) {
    if (name == "lang" || name == "saved") continue;
    std::string n, v;
    Poco::URI::encode(name, "?#&=+;'\"<>", n);
    Poco::URI::encode(value, "?#&=+;'\"<>", v);
    query += n + "=" + v + "&";
  }
  const std::string here = Escape(path + "?" + query);
  std::string html;
  html.reserve(body.size() + 1024);
  html += "<!DOCTYPE html>\n<html lang=\"";
  html += en ? "en" : "nl";
  html +=
      "\">\n<head><meta charset=\"utf-8\"><meta name=\"viewport\" "
      "content=\"width=device-width, initial-scale=1\"><title>";
  html += Escape(title);
  html +=
      " · vtaudit</title><link rel=\"stylesheet\" href=\"/assets/style.css\">"
      "<script src=\"/assets/app.js\" defer></script></head>\n<body>\n"
      "<header class=\"top\"><a class=\"brand\" href=\"/\">vtaudit</a>"
      "<span class=\"who\">";
  if (!env.inspector.empty()) {
    html += env.words().T("web.layout.inspector", {{"inspector", Escape(env.inspector)}});
  }
  html += "</span><nav class=\"lang\" aria-label=\"";
  html += env.words().T("web.layout.language");
  html += "\">";
  html += en ? "<a href=\"" + here +
                   "lang=nl\" hreflang=\"nl\">Nederlands</a> · <strong>English</strong>"
             : "<strong>Nederlands</strong> · <a href=\"" + here +
                   "lang=en\" hreflang=\"en\">English</a>";
  html += "</nav></header>\n<main>\n<h1>";
  html += Escape(title);
  html += "</h1>\n";
  html += body;
  html += "</main>\n</body>\n</html>\n";
  return html;
}

int HttpStatusFor(const Status& status, const std::string& method) {
  switch (status.code()) {
    case Status::Code::kInvalidInput:
      return method == "POST" ? 422 : 400;
    case Status::Code::kNotFound:
      return 404;
    case Status::Code::kConflict:
      return 409;
    case Status::Code::kBusy:
      return 503;
    case Status::Code::kOk:
    case Status::Code::kIoError:
    case Status::Code::kInternal:
      break;
  }
  return 500;
}

Response ErrorPage(const PageEnv& env, const Request& request, int status,
                   std::string_view message) {
  std::string body = "<p class=\"message error\" role=\"alert\">" + Escape(message) +
                     "</p>\n<p><a href=\"/\">" + env.words().T("web.layout.audits") + "</a></p>\n";
  const std::string title = status == 404   ? env.words().T("web.layout.not_found")
                            : status == 403 ? env.words().T("web.layout.forbidden")
                            : status == 413 ? env.words().T("web.layout.too_large")
                            : status == 400 || status == 422
                                ? env.words().T("web.layout.invalid_input")
                            : status == 409 ? env.words().T("web.layout.changed_meanwhile")
                            : status == 503 ? env.words().T("web.layout.busy")
                                            : env.words().T("web.layout.error");
  return {status, "text/html; charset=utf-8", Layout(env, request, title, body), ""};
}

}  // namespace vtaudit::web
