// The local web UI (`vtaudit serve`): a Poco HTTPServer on 127.0.0.1 that renders the
// audits, samples, scoring forms, judgement, timeliness and agreement of one workspace,
// and writes scores through the same library calls as the command line. A thin adapter:
// no domain logic lives here. Access needs the random token printed with the URL, which
// opens one session, once; then the session's cookie, until the session has been idle too
// long; every form carries the session's CSRF token. A connection reaches a worker only
// with its headers whole (RequestGate), and its body must follow in time, so slow clients
// cannot hold the workers. Start and Stop from one thread; NewToken from any; requests are
// served on a pool of threads, each with its own Workspace. The rules: README, "Web UI".
#ifndef VTAUDIT_TOOLKIT_WEB_WEB_SERVER_H_
#define VTAUDIT_TOOLKIT_WEB_WEB_SERVER_H_

#include <chrono>
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
  // A multipart/form-data body (a delivery uploaded) above this many bytes gets 413.
  size_t max_upload = 256 * 1024 * 1024;
  // The frameworks and profiles shipped (checklists/), offered on the pages that create an
  // audit and import a delivery beside the stored ones; "": none.
  std::string checklists_dir;
  int threads = 16;     // most requests served at once
  int max_queued = 64;  // requests waiting for a worker; past this they get 503
  // A session unused this long ends; the cookie lives as long (Max-Age, renewed with every
  // answer).
  std::chrono::milliseconds session_idle = std::chrono::hours(8);
  // The request line and headers must arrive within this time of connecting (else 408).
  std::chrono::milliseconds header_timeout = std::chrono::seconds(5);
  // The body must arrive within this time of the headers (else 408); also the limit for
  // sending an answer to a client that does not read it.
  std::chrono::milliseconds body_timeout = std::chrono::seconds(10);
  size_t max_waiting = 256;  // connections waiting for their headers; a new one closes the oldest
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
  // The access token drawn last, used or not.
  std::string token() const;
  // Draws a new access token, for another browser; the previous one stops working.
  Result<std::string> NewToken();
  // "http://127.0.0.1:PORT/?token=TOKEN" with the token drawn last.
  std::string url() const;
  // "vtaudit_session_PORT": cookies on 127.0.0.1 reach every port, so each server names its own.
  std::string cookie_name() const;

  struct State;

 private:
  std::unique_ptr<State> state_;
};

// `bytes` random bytes from /dev/urandom as lower-case hex.
Result<std::string> RandomHex(size_t bytes);

}  // namespace vtaudit::web

#endif  // VTAUDIT_TOOLKIT_WEB_WEB_SERVER_H_
