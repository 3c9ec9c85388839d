// The local web UI (`vtaudit serve`): a Poco HTTPServer on 127.0.0.1 that renders the
// audits, samples, scoring forms, judgement, timeliness and agreement of one workspace,
// and writes scores through the same library calls as the command line. A thin adapter:
// no domain logic lives here. Access needs the random token printed with the URL, then a
// session cookie; every form carries the session's CSRF token. Start and Stop from one
// thread; requests are served on a pool of threads, each with its own Workspace.
#ifndef VTAUDIT_TOOLKIT_WEB_WEB_SERVER_H_
#define VTAUDIT_TOOLKIT_WEB_WEB_SERVER_H_

#include <memory>
#include <string>

#include "status.h"

namespace vtaudit::web {

struct WebOptions {
  std::string db_path;          // the workspace; required
  std::string calendar_path;    // days equated to holidays, for timeliness; required
  std::string reports_dir;      // report templates (reports/), for preview and PDF; required
  std::string inspector;        // who scores; required
  int port = 0;                 // 0: a free port chosen by the system
  std::string lang = "nl";      // default page language, "nl" or "en"
  size_t max_body = 64 * 1024;  // request bodies above this many bytes get 413
  int threads = 16;             // most requests served at once
};

class WebServer {
 public:
  explicit WebServer(WebOptions options);
  ~WebServer();  // stops the server
  WebServer(const WebServer&) = delete;
  WebServer& operator=(const WebServer&) = delete;

  // Loads the calendar, draws the access token and starts listening on 127.0.0.1.
  Status Start();
  // Stops accepting, waits for the requests in progress. Safe to call twice.
  void Stop();
  // REQUIRES: Start() succeeded.
  int port() const;
  const std::string& token() const;
  // "http://127.0.0.1:PORT/?token=TOKEN"
  std::string url() const;

  struct State;

 private:
  std::unique_ptr<State> state_;
};

// `bytes` random bytes from /dev/urandom as lower-case hex.
Result<std::string> RandomHex(size_t bytes);

}  // namespace vtaudit::web

#endif  // VTAUDIT_TOOLKIT_WEB_WEB_SERVER_H_
