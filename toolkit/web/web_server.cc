#include "web_server.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPCookie.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerConnectionFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/Net/PartHandler.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/TCPServerDispatcher.h>
#include <Poco/ThreadPool.h>
#include <Poco/URI.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>

#include "request_gate.h"
#include "sessions.h"
#include "web_internal.h"

namespace vtaudit::web {
namespace {

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
  explicit State(WebOptions o) : options(std::move(o)), sessions(options.session_idle) {}

  WebOptions options;
  Calendar calendar = Calendar::Statutory();
  std::string calendar_text;
  ReportTemplates report_nl, report_en;
  std::unique_ptr<Poco::ThreadPool> pool;
  Poco::AutoPtr<Poco::Net::TCPServerDispatcher> dispatcher;
  std::unique_ptr<RequestGate> gate;
  int port = 0;
  std::string cookie_name;
  Sessions sessions;

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

  // The Set-Cookie value for session `id`: the cookie lives as long as an unused session.
  std::string SessionCookie(const std::string& id) const {
    const auto seconds = std::chrono::ceil<std::chrono::seconds>(options.session_idle).count();
    return cookie_name + "=" + id +
           "; Path=/; Max-Age=" + std::to_string(std::max<long>(1, seconds)) +
           "; HttpOnly; SameSite=Strict";
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

// A folder of its own beside the workspace for the files of one request (0700, its files
// 0600), removed with everything in it when the request is done.
class UploadFolder {
 public:
  explicit UploadFolder(const std::string& db_path) {
    std::filesystem::path dir = std::filesystem::path(db_path).parent_path();
    std::string tmpl =
        ((dir.empty() ? std::filesystem::path(".") : dir) / ".vtaudit-upload-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) != nullptr) path_ = tmpl;
  }
  ~UploadFolder() {
    if (path_.empty()) return;
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  UploadFolder(const UploadFolder&) = delete;
  UploadFolder& operator=(const UploadFolder&) = delete;
  const std::string& path() const { return path_; }  // "" when it could not be made

 private:
  std::string path_;
};

// The file name a browser sent, without any folder, with no byte that could leave the
// upload folder or confuse a message; "upload" when nothing is left.
std::string SafeFileName(const std::string& sent) {
  std::string name =
      sent.substr(sent.find_last_of("/\\") == std::string::npos ? 0 : sent.find_last_of("/\\") + 1);
  std::string out;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f || c == ':') continue;
    out += c;
  }
  if (out.size() > 128) out = out.substr(out.size() - 128);
  while (!out.empty() && out[0] == '.') out.erase(0, 1);
  return out.empty() ? "upload" : out;
}

// Streams each file of a multipart form to a file of its own in the upload folder, at most
// `max` bytes in all, and only after the form's CSRF field (the first field of every form
// of ours) has matched the session's: a forged form writes nothing to the disk.
class UploadHandler : public Poco::Net::PartHandler {
 public:
  UploadHandler(const Poco::Net::HTMLForm* form, const std::string& csrf, std::string folder,
                size_t max)
      : form_(form), csrf_(csrf), folder_(std::move(folder)), max_(max) {}

  void handlePart(const Poco::Net::MessageHeader& header, std::istream& stream) override {
    std::string disposition;
    Poco::Net::NameValueCollection params;
    Poco::Net::MessageHeader::splitParameters(header.get("Content-Disposition", ""), disposition,
                                              params);
    if (!SameSecret(form_->get("csrf", ""), csrf_) || folder_.empty()) {
      refused = true;
      stream.ignore(std::numeric_limits<std::streamsize>::max());
      return;
    }
    const std::string sent = params.get("filename", "");
    UploadedFile file{params.get("name", ""), SafeFileName(sent), "", 0};
    if (sent.empty()) {  // a file input left empty
      stream.ignore(std::numeric_limits<std::streamsize>::max());
      return;
    }
    // Each file in a folder of its own, under the name it was sent with: the import names
    // it in its messages, and two files may have the same name.
    const std::string dir = folder_ + "/" + std::to_string(files.size());
    if (::mkdir(dir.c_str(), 0700) != 0) throw Poco::IOException("cannot save the upload");
    file.path = dir + "/" + file.name;
    const int fd = ::open(file.path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) throw Poco::IOException("cannot save the upload");
    char buffer[64 * 1024];
    bool ok = true;
    while (stream) {
      stream.read(buffer, sizeof buffer);
      const size_t n = static_cast<size_t>(stream.gcount());
      total_ += n;
      if (total_ > max_) {
        too_large = true;
        ok = false;
        break;
      }
      for (size_t done = 0; ok && done < n;) {
        const ssize_t w = ::write(fd, buffer + done, n - done);
        if (w <= 0) ok = false;
        done += w > 0 ? static_cast<size_t>(w) : size_t{0};
      }
      if (!ok) break;
    }
    ::close(fd);
    file.bytes = total_;
    files.push_back(std::move(file));
    if (too_large) throw Poco::DataFormatException("upload too large");
    if (!ok) throw Poco::IOException("cannot save the upload");
  }

  std::vector<UploadedFile> files;
  bool refused = false;    // a file came before a matching CSRF field
  bool too_large = false;  // the files passed `max`

 private:
  const Poco::Net::HTMLForm* form_;
  const std::string& csrf_;
  std::string folder_;
  size_t max_;
  size_t total_ = 0;
};

enum class BodyRead { kWhole, kTooLarge, kTooSlow };

// Reads the request body, at most `max` bytes, within `limit` from now: each wait for bytes
// is bounded by the time left, so a client sending a byte at a time cannot hold the worker
// past the limit.
BodyRead ReadBody(Poco::Net::HTTPServerRequest& in, size_t max, std::chrono::milliseconds limit,
                  std::string* body) {
  using Clock = std::chrono::steady_clock;
  const Clock::time_point deadline = Clock::now() + limit;
  auto* impl = dynamic_cast<Poco::Net::HTTPServerRequestImpl*>(&in);
  std::streambuf* buffer = in.stream().rdbuf();
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::microseconds>(deadline - Clock::now());
    if (left.count() <= 0) return BodyRead::kTooSlow;
    if (impl) impl->socket().setReceiveTimeout(Poco::Timespan(left.count()));
    try {
      if (buffer->sgetc() == std::char_traits<char>::eof()) return BodyRead::kWhole;
    } catch (const Poco::TimeoutException&) {
      return BodyRead::kTooSlow;
    }
    const std::streamsize n = buffer->in_avail();
    const size_t before = body->size();
    body->resize(before + static_cast<size_t>(n));
    buffer->sgetn(body->data() + before, n);
    if (body->size() > max) return BodyRead::kTooLarge;
  }
}

}  // namespace

void WebServer::State::Handle(Poco::Net::HTTPServerRequest& in,
                              Poco::Net::HTTPServerResponse& out) {
  // A client that does not read its answer holds the worker no longer than a slow body.
  if (auto* impl = dynamic_cast<Poco::Net::HTTPServerRequestImpl*>(&in)) {
    impl->socket().setSendTimeout(Poco::Timespan(
        std::chrono::duration_cast<std::chrono::microseconds>(options.body_timeout).count()));
  }
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

  // The token opens one session, once; the session's cookie carries it from then on.
  Poco::Net::NameValueCollection cookies;
  in.getCookies(cookies);
  const std::string presented = cookies.get(cookie_name, "");
  std::optional<Lang> lang;
  if (auto l = req.query.find("lang"); l != req.query.end()) {
    lang = l->second == "en" ? Lang::kEn : Lang::kNl;
  }
  Session session;
  const Sessions::Found found =
      presented.empty() ? Sessions::Found::kUnknown : sessions.Touch(presented, lang, &session);
  if (auto t = req.query.find("token"); t != req.query.end()) {
    Result<std::string> opened = sessions.Open(
        t->second, {"", options.lang == "en" ? Lang::kEn : Lang::kNl, options.inspector});
    if (!opened.ok() && !opened.status().IsNotFound()) {
      return Send(out, Plain(500, "Geen toeval / no randomness"));
    }
    // A browser that is in already (the link opened again) goes on; any other is refused.
    if (!opened.ok() && found != Sessions::Found::kActive) {
      return Send(out, Plain(403,
                             "Deze link is al gebruikt of klopt niet: een link opent één sessie, "
                             "één keer. Druk op Enter in het venster van `vtaudit serve` voor een "
                             "nieuwe link. / This link has been used or is wrong: a link opens "
                             "one session, once. Press Enter in the window of `vtaudit serve` for "
                             "a new link."));
    }
    // Out of the address bar and the history: the token stays in the terminal. The target is
    // the start page, never a path taken from the request ("//elsewhere" would leave).
    return Send(out, {303, "text/plain; charset=utf-8", "", "/"},
                SessionCookie(opened.ok() ? *opened : presented));
  }
  if (found == Sessions::Found::kExpired) {
    return Send(out, Plain(403,
                           "De sessie is verlopen: zij is te lang niet gebruikt. Druk op Enter in "
                           "het venster van `vtaudit serve` voor een nieuwe link. / The session "
                           "has expired: it was not used for too long. Press Enter in the window "
                           "of `vtaudit serve` for a new link."));
  }
  if (found == Sessions::Found::kUnknown) {
    return Send(out, Plain(403,
                           "Verboden: open de pagina via het adres dat `vtaudit serve` toont "
                           "(Enter in dat venster geeft een nieuw adres) / forbidden: open the URL "
                           "`vtaudit serve` printed (Enter in its window prints a new one)"));
  }
  const std::string session_id = presented;
  // Every answer renews the cookie, so that it lives as long as the session.
  out.set("Set-Cookie", SessionCookie(session_id));

  Result<Workspace*> ws = ThreadWorkspace(options.db_path);
  PageEnv env;
  env.lang = session.lang;
  env.csrf = session.csrf;
  env.inspector = session.inspector;
  env.calendar = &calendar;
  env.calendar_text = &calendar_text;
  env.checklists_dir = options.checklists_dir;
  env.report_nl = &report_nl;
  env.report_en = &report_en;
  if (!ws.ok()) return Send(out, ErrorPage(env, req, 500, ws.status().ToString()));
  env.ws = *ws;
  env.framework = [this, w = *ws](const std::string& sha) { return LoadFramework(w, sha); };

  // The files of a multipart form, removed when the request is done.
  std::optional<UploadFolder> uploads;
  const bool multipart =
      req.method == "POST" && in.getContentType().rfind("multipart/form-data", 0) == 0;
  if (multipart) {
    const std::streamsize length = in.getContentLength();
    if (length > static_cast<std::streamsize>(options.max_upload)) {
      return Send(out, ErrorPage(env, req, 413, env.words().T("web.server.file_too_large")));
    }
    const std::string origin = in.get("Origin", "");
    if (!origin.empty() && !HostAllowed(origin.substr(origin.find("://") + 3))) {
      return Send(out, ErrorPage(env, req, 403, env.words().T("web.server.forbidden")));
    }
    // Each wait for bytes is bounded; an upload may take longer than a form in all.
    if (auto* impl = dynamic_cast<Poco::Net::HTTPServerRequestImpl*>(&in)) {
      impl->socket().setReceiveTimeout(Poco::Timespan(
          std::chrono::duration_cast<std::chrono::microseconds>(options.body_timeout).count()));
    }
    uploads.emplace(options.db_path);
    Poco::Net::HTMLForm form;
    form.setFieldLimit(1000);
    form.setValueLengthLimit(static_cast<int>(options.max_body));
    UploadHandler handler(&form, session.csrf, uploads->path(), options.max_upload);
    try {
      form.load(in, in.stream(), handler);
    } catch (const Poco::Exception&) {
      if (handler.too_large) {
        return Send(out, ErrorPage(env, req, 413, env.words().T("web.server.file_too_large")));
      }
      return Send(out, ErrorPage(env, req, 400, env.words().T("web.server.form_cannot_be_read")));
    }
    for (const auto& [name, value] : form) req.form.emplace(name, value);
    req.files = std::move(handler.files);
    auto csrf = req.form.find("csrf");
    if (handler.refused || csrf == req.form.end() || !SameSecret(csrf->second, session.csrf)) {
      return Send(out, ErrorPage(env, req, 403, env.words().T("web.server.form_expired")));
    }
  } else if (req.method == "POST") {
    const std::streamsize length = in.getContentLength();
    if (length > static_cast<std::streamsize>(options.max_body)) {
      return Send(out, ErrorPage(env, req, 413, env.words().T("web.server.request_too_large")));
    }
    std::string body;
    switch (ReadBody(in, options.max_body, options.body_timeout, &body)) {
      case BodyRead::kWhole:
        break;
      case BodyRead::kTooLarge:
        return Send(
            out, ErrorPage(env, req, 413, env.words().T("web.server.request_too_large_unsaved")));
      case BodyRead::kTooSlow:
        return Send(out,
                    ErrorPage(env, req, 408, env.words().T("web.server.form_arrived_too_slowly")));
    }
    const std::string origin = in.get("Origin", "");
    if (!origin.empty() && !HostAllowed(origin.substr(origin.find("://") + 3))) {
      return Send(out, ErrorPage(env, req, 403, env.words().T("web.server.forbidden")));
    }
    Result<std::map<std::string, std::string>> form = DecodeForm(body);
    if (!form.ok()) {
      return Send(out, ErrorPage(env, req, 400, env.words().T("web.server.form_cannot_be_read")));
    }
    req.form = std::move(*form);
    auto csrf = req.form.find("csrf");
    if (csrf == req.form.end() || !SameSecret(csrf->second, session.csrf)) {
      return Send(out, ErrorPage(env, req, 403, env.words().T("web.server.form_expired")));
    }
  }
  Response response = Route(env, req);
  if (response.session_inspector) sessions.SetInspector(session_id, *response.session_inspector);
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

WebServer::WebServer(WebOptions options) : state_(std::make_unique<State>(std::move(options))) {}

WebServer::~WebServer() { Stop(); }

Status WebServer::Start() {
  State& s = *state_;
  {
    std::ifstream in(s.options.calendar_path, std::ios::binary);
    if (!in) return Status::IoError(s.options.calendar_path + ": cannot open");
    std::ostringstream text;
    text << in.rdbuf();
    s.calendar_text = text.str();
  }
  Result<Calendar> calendar = Calendar::ParseXml(s.calendar_text, s.options.calendar_path);
  if (!calendar.ok()) return calendar.status();
  s.calendar = std::move(*calendar);
  Result<ReportTemplates> nl = LoadReportTemplates(s.options.reports_dir, "nl");
  if (!nl.ok()) return nl.status();
  Result<ReportTemplates> en = LoadReportTemplates(s.options.reports_dir, "en");
  if (!en.ok()) return en.status();
  s.report_nl = std::move(*nl);
  s.report_en = std::move(*en);
  if (Result<std::string> token = s.sessions.NewToken(); !token.ok()) return token.status();
  if (Result<Workspace*> ws = ThreadWorkspace(s.options.db_path); !ws.ok()) return ws.status();
  try {
    Poco::Net::ServerSocket socket(
        Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(s.options.port)), 256);
    s.port = socket.address().port();
    s.cookie_name = "vtaudit_session_" + std::to_string(s.port);
    Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(s.options.threads);
    params->setMaxQueued(s.options.max_queued);
    // One request per connection: between two requests a kept-alive connection would hold
    // its worker, waiting for bytes the gate has not seen. On 127.0.0.1 a new connection
    // costs next to nothing.
    params->setKeepAlive(false);
    params->setTimeout(Poco::Timespan(
        std::chrono::duration_cast<std::chrono::microseconds>(s.options.body_timeout).count()));
    s.pool = std::make_unique<Poco::ThreadPool>(2, s.options.threads);
    s.dispatcher = new Poco::Net::TCPServerDispatcher(
        new Poco::Net::HTTPServerConnectionFactory(params, new Factory(&s)), *s.pool, params);
    Poco::Net::TCPServerDispatcher* dispatcher = s.dispatcher.get();
    const int max_queued = s.options.max_queued;
    GateOptions gate;
    gate.header_timeout = s.options.header_timeout;
    gate.max_waiting = s.options.max_waiting;
    s.gate = std::make_unique<RequestGate>(
        socket, gate, [dispatcher, max_queued](const Poco::Net::StreamSocket& connection) {
          // The gate is the only one to enqueue, so the queue cannot fill in between.
          if (dispatcher->queuedConnections() >= max_queued) return false;
          dispatcher->enqueue(connection);
          return true;
        });
    if (Status started = s.gate->Start(); !started.ok()) return started;
  } catch (const Poco::Exception& e) {
    return Status::IoError("127.0.0.1:" + std::to_string(s.options.port) + ": " + e.displayText());
  }
  return Status::Ok();
}

void WebServer::Stop() {
  State& s = *state_;
  if (!s.gate) return;
  s.gate->Stop();
  s.gate.reset();
  s.dispatcher->stop();
  s.pool->joinAll();
  s.dispatcher = nullptr;
}

int WebServer::port() const { return state_->port; }
std::string WebServer::token() const { return state_->sessions.token(); }
Result<std::string> WebServer::NewToken() { return state_->sessions.NewToken(); }
std::string WebServer::url() const {
  return "http://127.0.0.1:" + std::to_string(state_->port) + "/?token=" + token();
}
std::string WebServer::cookie_name() const { return state_->cookie_name; }

}  // namespace vtaudit::web
