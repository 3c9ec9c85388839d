#include "web_server.h"

#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPCookie.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/ThreadPool.h>
#include <Poco/URI.h>
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <exception>
#include <map>
#include <mutex>
#include <sstream>

#include "web_internal.h"

namespace vtaudit::web {
namespace {

constexpr std::string_view kCookie = "vtaudit_session";

struct Session {
  std::string csrf;
  Lang lang = Lang::kNl;
  std::string inspector;  // "" until the inspector says who works
};

bool SameSecret(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

// The calling thread's own workspace, opened on first use (one Workspace per thread).
Result<Workspace*> ThreadWorkspace(const std::string& path) {
  thread_local std::string open_path;
  thread_local std::unique_ptr<Workspace> ws;
  if (!ws || open_path != path) {
    Result<std::unique_ptr<Workspace>> opened = Workspace::Open(path);
    if (!opened.ok()) return opened.status();
    ws = std::move(*opened);
    open_path = path;
  }
  return ws.get();
}

}  // namespace

struct WebServer::State {
  WebOptions options;
  std::string token;
  Calendar calendar = Calendar::Statutory();
  ReportTemplates report_nl, report_en;
  std::unique_ptr<Poco::ThreadPool> pool;
  std::unique_ptr<Poco::Net::HTTPServer> server;
  int port = 0;

  std::mutex sessions_mutex;
  std::map<std::string, Session> sessions;

  std::mutex frameworks_mutex;
  std::map<std::string, std::shared_ptr<const Framework>> frameworks;

  Result<std::shared_ptr<const Framework>> LoadFramework(Workspace* ws, const std::string& sha) {
    {
      std::lock_guard lock(frameworks_mutex);
      if (auto it = frameworks.find(sha); it != frameworks.end()) return it->second;
    }
    Result<Framework> f = ws->LoadFramework(sha);
    if (!f.ok()) return f.status();
    auto shared = std::make_shared<const Framework>(std::move(*f));
    std::lock_guard lock(frameworks_mutex);
    frameworks.emplace(sha, shared);
    return shared;
  }

  bool HostAllowed(const std::string& host) const {
    const std::string p = std::to_string(port);
    return host == "127.0.0.1:" + p || host == "localhost:" + p;
  }

  void Handle(Poco::Net::HTTPServerRequest& in, Poco::Net::HTTPServerResponse& out);
};

namespace {

void Send(Poco::Net::HTTPServerResponse& out, const Response& r,
          const std::string& set_cookie = "") {
  out.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(r.status));
  out.set("Content-Security-Policy",
          !r.csp.empty() ? r.csp
                         : "default-src 'none'; style-src 'self'; script-src 'self'; img-src "
                           "'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
  if (!r.disposition.empty()) {
    // Header values never carry a line break (no header can be injected).
    if (r.disposition.find_first_of("\r\n") != std::string::npos) {
      return Send(out,
                  Response(500, "text/plain; charset=utf-8", "Interne fout / internal error\n"));
    }
    out.set("Content-Disposition", r.disposition);
  }
  out.set("X-Content-Type-Options", "nosniff");
  out.set("X-Frame-Options", "DENY");
  // same-origin, not no-referrer: with no-referrer Chromium sends "Origin: null" on posts.
  out.set("Referrer-Policy", "same-origin");
  out.set("Cache-Control", "no-store");
  if (!set_cookie.empty()) out.set("Set-Cookie", set_cookie);
  if (!r.location.empty()) out.set("Location", r.location);
  out.setContentType(r.content_type);
  out.setContentLength(static_cast<std::streamsize>(r.body.size()));
  out.send().write(r.body.data(), static_cast<std::streamsize>(r.body.size()));
}

Response Plain(int status, std::string text) {
  return {status, "text/plain; charset=utf-8", std::move(text) + "\n", ""};
}

}  // namespace

void WebServer::State::Handle(Poco::Net::HTTPServerRequest& in,
                              Poco::Net::HTTPServerResponse& out) {
  Request req;
  req.method = in.getMethod();
  Poco::URI uri;
  try {
    uri = Poco::URI(in.getURI());
  } catch (const Poco::Exception&) {
    return Send(out, Plain(400, "Ongeldig adres / bad request"));
  }
  req.path = uri.getPath();
  // Segments from the raw path, each decoded on its own: a case id may hold '/' (%2F).
  std::string raw = in.getURI().substr(0, in.getURI().find('?'));
  raw = raw.substr(0, raw.find('#'));
  Result<std::map<std::string, std::string>> query = DecodeForm(uri.getRawQuery());
  if (!query.ok()) return Send(out, Plain(400, "Ongeldig adres / bad request"));
  req.query = std::move(*query);
  std::string segment;
  for (char c : raw + "/") {
    if (c == '/') {
      if (!segment.empty()) {
        std::string decoded;
        try {
          Poco::URI::decode(segment, decoded);
        } catch (const Poco::Exception&) {
          return Send(out, Plain(400, "Ongeldig adres / bad request"));
        }
        req.segments.push_back(decoded);
      }
      segment.clear();
    } else {
      segment += c;
    }
  }

  // HTTP/1.0 may come without Host; only the server's own names are served.
  if (!in.has("Host")) return Send(out, Plain(400, "Host ontbreekt / Host header required"));
  if (!HostAllowed(in.getHost())) return Send(out, Plain(403, "Verboden / forbidden"));
  if (req.method != "GET" && req.method != "POST") {
    Response r = Plain(405, "Methode niet toegestaan / method not allowed");
    out.set("Allow", "GET, POST");
    return Send(out, r);
  }

  // The token opens a session once; the cookie carries it from then on.
  std::string session_id, set_cookie;
  Session session;
  if (auto t = req.query.find("token"); t != req.query.end()) {
    if (!SameSecret(t->second, token)) return Send(out, Plain(403, "Verboden / forbidden"));
    Result<std::string> id = RandomHex(16), csrf = RandomHex(16);
    if (!id.ok() || !csrf.ok()) return Send(out, Plain(500, "Geen toeval / no randomness"));
    session_id = *id;
    session = {*csrf, options.lang == "en" ? Lang::kEn : Lang::kNl, options.inspector};
    {
      std::lock_guard lock(sessions_mutex);
      sessions[session_id] = session;
    }
    Poco::Net::HTTPCookie cookie{std::string(kCookie), session_id};
    cookie.setPath("/");
    cookie.setHttpOnly(true);
    cookie.setSameSite(Poco::Net::HTTPCookie::SAME_SITE_STRICT);
    set_cookie = cookie.toString();
    // Out of the address bar and the history: the token stays in the terminal. The target is
    // the start page, never a path taken from the request ("//elsewhere" would leave).
    return Send(out, {303, "text/plain; charset=utf-8", "", "/"}, set_cookie);
  }
  Poco::Net::NameValueCollection cookies;
  in.getCookies(cookies);
  const std::string presented = cookies.get(std::string(kCookie), "");
  {
    std::lock_guard lock(sessions_mutex);
    auto it = presented.empty() ? sessions.end() : sessions.find(presented);
    if (it == sessions.end()) {
      return Send(out, Plain(403,
                             "Verboden: open de pagina via het adres dat `vtaudit serve` "
                             "toont / forbidden: open the URL `vtaudit serve` printed"));
    }
    session_id = it->first;
    if (auto l = req.query.find("lang"); l != req.query.end()) {
      it->second.lang = l->second == "en" ? Lang::kEn : Lang::kNl;
    }
    session = it->second;
  }

  Result<Workspace*> ws = ThreadWorkspace(options.db_path);
  PageEnv env;
  env.lang = session.lang;
  env.csrf = session.csrf;
  env.inspector = session.inspector;
  env.calendar = &calendar;
  env.report_nl = &report_nl;
  env.report_en = &report_en;
  if (!ws.ok()) return Send(out, ErrorPage(env, req, 500, ws.status().ToString()));
  env.ws = *ws;
  env.framework = [this, w = *ws](const std::string& sha) { return LoadFramework(w, sha); };

  if (req.method == "POST") {
    const std::streamsize length = in.getContentLength();
    if (length > static_cast<std::streamsize>(options.max_body)) {
      return Send(out,
                  ErrorPage(env, req, 413,
                            Tr(env.lang, "Het verzoek is te groot.", "The request is too large.")));
    }
    std::string body;
    std::istream& stream = in.stream();
    char buffer[8192];
    while (stream) {
      stream.read(buffer, sizeof buffer);
      body.append(buffer, static_cast<size_t>(stream.gcount()));
      if (body.size() > options.max_body) {
        out.setKeepAlive(false);
        return Send(
            out, ErrorPage(env, req, 413,
                           Tr(env.lang, "Het verzoek is te groot.", "The request is too large.")));
      }
    }
    const std::string origin = in.get("Origin", "");
    if (!origin.empty() && !HostAllowed(origin.substr(origin.find("://") + 3))) {
      return Send(out, ErrorPage(env, req, 403, Tr(env.lang, "Verboden.", "Forbidden.")));
    }
    Result<std::map<std::string, std::string>> form = DecodeForm(body);
    if (!form.ok()) {
      return Send(out,
                  ErrorPage(env, req, 400,
                            Tr(env.lang, "Het formulier is onleesbaar; er is niets opgeslagen.",
                               "The form cannot be read; nothing was saved.")));
    }
    req.form = std::move(*form);
    auto csrf = req.form.find("csrf");
    if (csrf == req.form.end() || !SameSecret(csrf->second, session.csrf)) {
      return Send(out, ErrorPage(env, req, 403,
                                 Tr(env.lang,
                                    "Het formulier is verlopen of niet van deze sessie. Laad de "
                                    "pagina opnieuw; er is niets opgeslagen.",
                                    "The form has expired or is not from this session. Reload "
                                    "the page; nothing was saved.")));
    }
  }
  Response response = Route(env, req);
  if (response.session_inspector) {
    std::lock_guard lock(sessions_mutex);
    if (auto it = sessions.find(session_id); it != sessions.end()) {
      it->second.inspector = *response.session_inspector;
    }
  }
  Send(out, response);
}

namespace {

class Handler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit Handler(WebServer::State* state) : state_(state) {}
  void handleRequest(Poco::Net::HTTPServerRequest& in,
                     Poco::Net::HTTPServerResponse& out) override {
    // Poco exceptions and bugs stop here, once per request.
    try {
      state_->Handle(in, out);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "vtaudit serve: internal error: %s\n", e.what());
      if (!out.sent()) Send(out, Plain(500, "Interne fout / internal error"));
    }
  }

 private:
  WebServer::State* state_;
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit Factory(WebServer::State* state) : state_(state) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest&) override {
    return new Handler(state_);
  }

 private:
  WebServer::State* state_;
};

}  // namespace

Result<std::map<std::string, std::string>> DecodeForm(const std::string& text, size_t max_fields) {
  std::map<std::string, std::string> out;
  if (text.empty()) return out;
  // HTMLForm decodes a request body; a request made here carries the text as its body.
  Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, "/");
  request.setContentType(Poco::Net::HTMLForm::ENCODING_URL);
  std::istringstream body(text);
  Poco::Net::HTMLForm form;
  form.setFieldLimit(static_cast<int>(max_fields));
  try {
    form.load(request, body);
  } catch (const Poco::Exception& e) {
    return Status::Invalid("form: " + e.displayText());
  }
  for (const auto& [name, value] : form) out.emplace(name, value);
  return out;
}

Result<std::string> RandomHex(size_t bytes) {
  const int fd = ::open("/dev/urandom", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::IoError("/dev/urandom: cannot open");
  std::string raw(bytes, '\0');
  size_t got = 0;
  while (got < bytes) {
    const ssize_t n = ::read(fd, raw.data() + got, bytes - got);
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  ::close(fd);
  if (got < bytes) return Status::IoError("/dev/urandom: short read");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned char c : raw) hex += kHex[c >> 4], hex += kHex[c & 15];
  return hex;
}

WebServer::WebServer(WebOptions options) : state_(std::make_unique<State>()) {
  state_->options = std::move(options);
}

WebServer::~WebServer() { Stop(); }

Status WebServer::Start() {
  State& s = *state_;
  Result<Calendar> calendar = Calendar::LoadFile(s.options.calendar_path);
  if (!calendar.ok()) return calendar.status();
  s.calendar = std::move(*calendar);
  Result<ReportTemplates> nl = LoadReportTemplates(s.options.reports_dir, "nl");
  if (!nl.ok()) return nl.status();
  Result<ReportTemplates> en = LoadReportTemplates(s.options.reports_dir, "en");
  if (!en.ok()) return en.status();
  s.report_nl = std::move(*nl);
  s.report_en = std::move(*en);
  Result<std::string> token = RandomHex(16);
  if (!token.ok()) return token.status();
  s.token = *token;
  if (Result<Workspace*> ws = ThreadWorkspace(s.options.db_path); !ws.ok()) return ws.status();
  try {
    Poco::Net::ServerSocket socket(
        Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(s.options.port)));
    s.port = socket.address().port();
    auto* params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(s.options.threads);
    params->setMaxQueued(256);
    params->setKeepAlive(true);
    s.pool = std::make_unique<Poco::ThreadPool>(2, s.options.threads);
    s.server = std::make_unique<Poco::Net::HTTPServer>(new Factory(&s), *s.pool, socket, params);
    s.server->start();
  } catch (const Poco::Exception& e) {
    return Status::IoError("127.0.0.1:" + std::to_string(s.options.port) + ": " + e.displayText());
  }
  return Status::Ok();
}

void WebServer::Stop() {
  if (!state_->server) return;
  state_->server->stopAll(true);
  state_->server.reset();
  state_->pool->joinAll();
}

int WebServer::port() const { return state_->port; }
const std::string& WebServer::token() const { return state_->token; }
std::string WebServer::url() const {
  return "http://127.0.0.1:" + std::to_string(state_->port) + "/?token=" + state_->token;
}

}  // namespace vtaudit::web
