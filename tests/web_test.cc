// The web UI over HTTP: one server on a free port for the whole suite, driven with Poco's
// client the way a browser would, with the library writing beside it like the CLI does.
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <boost/test/unit_test.hpp>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <functional>
#include <regex>
#include <thread>

#include "audit_fixture.h"
#include "database.h"
#include "finding.h"
#include "lifecycle.h"
#include "response.h"
#include "sample_draw.h"
#include "scoring.h"
#include "translator.h"
#include "web_internal.h"
#include "web_server.h"

namespace vtaudit::web {
namespace {

struct Reply {
  int status = 0;
  std::string body;
  Poco::Net::NameValueCollection headers;
};

// A workspace with audit 1 over the mini framework, 6 cases sampled, and the server,
// its options changed by `adjust`.
struct Served {
  explicit Served(const std::function<void(WebOptions&)>& adjust = {}) {
    for (int i = 1; i <= 8; ++i) {
      fixture.AddCase("C00" + std::to_string(i), i % 2 ? "melding" : "advies", "2025-03-03");
    }
    Result<Sample> s = DrawSample(fixture.ws.get(), {fixture.audit.id, 6, "7", "", "", false});
    BOOST_TEST_REQUIRE(s.ok(), s.status().ToString());
    sample = *s;
    BOOST_TEST_REQUIRE(ChangeInspectors(fixture.ws.get(), 1, {"Bram"}, {}, "").ok());
    WebOptions options;
    options.db_path = fixture.dir + "/ws.sqlite";
    options.calendar_path = VTAUDIT_SOURCE_DIR "/checklists/kalender-nl.xml";
    options.reports_dir = VTAUDIT_SOURCE_DIR "/reports";
    options.inspector = "Anna";
    options.max_body = 4096;
    if (adjust) adjust(options);
    server = std::make_unique<WebServer>(options);
    BOOST_TEST_REQUIRE(server->Start().ok());
  }

  // `cookie` is the session cookie's value, sent under `cookie_name` (default: this server's).
  Reply Call(const std::string& method, const std::string& path, const std::string& cookie,
             const std::string& body = "", const std::string& cookie_name = "") {
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(server->port()));
    Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPRequest::HTTP_1_1);
    if (!cookie.empty()) {
      Poco::Net::NameValueCollection c;
      c.add(cookie_name.empty() ? server->cookie_name() : cookie_name, cookie);
      request.setCookies(c);
    }
    if (method == "POST") {
      request.setContentType("application/x-www-form-urlencoded");
      request.setContentLength(static_cast<std::streamsize>(body.size()));
      session.sendRequest(request) << body;
    } else {
      session.sendRequest(request);
    }
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    Reply r;
    r.status = response.getStatus();
    Poco::StreamCopier::copyToString(in, r.body);
    for (const auto& [k, v] : response) r.headers.add(k, v);
    return r;
  }

  // A fresh session opened with a new token, as `vtaudit serve` prints on Enter: its cookie
  // value.
  std::string Login() {
    Result<std::string> token = server->NewToken();
    BOOST_TEST_REQUIRE(token.ok());
    Reply r = Call("GET", "/?token=" + *token, "");
    BOOST_TEST_REQUIRE(r.status == 303);
    const std::string set = r.headers.get("Set-Cookie");
    const size_t eq = set.find('='), semi = set.find(';');
    return set.substr(eq + 1, semi - eq - 1);
  }

  static std::string Hidden(const std::string& html, const std::string& name) {
    std::smatch m;
    const std::regex re("name=\"" + std::regex_replace(name, std::regex("\\."), "\\.") +
                        "\" value=\"([^\"]*)\"");
    if (!std::regex_search(html, m, re)) return "";
    return m[1];
  }

  static std::string Encode(const std::string& text) {
    std::string out;
    Poco::URI::encode(text, "!#$&'()*+,/:;=?@[]<>\" ", out);
    return out;
  }

  std::string CasePath(size_t i) const { return "/audit/1/case/" + sample.cases[i].case_id; }

  long Events() { return fixture.Count("score_event"); }

  testing::AuditFixture fixture;
  Sample sample;
  std::unique_ptr<WebServer> server;
};

// Every test case starts a server of its own over a workspace of its own (`Served s;`), so
// no case depends on what another left behind or on the order they run in.

// Short limits, so that tests can see them pass: 2 workers, sessions idle for 1 s, 1.5 s for
// the headers and 1 s for a body, 8 connections waiting at most (`Served s{Quick};`).
void Quick(WebOptions& o) {
  o.threads = 2;
  o.session_idle = std::chrono::milliseconds(1000);
  o.header_timeout = std::chrono::milliseconds(1500);
  o.body_timeout = std::chrono::milliseconds(1000);
  o.max_waiting = 8;
}

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

long MillisecondsSince(Clock::time_point start) {
  return static_cast<long>(std::chrono::duration_cast<milliseconds>(Clock::now() - start).count());
}

// A connection to the server that has sent `text` and nothing more.
Poco::Net::StreamSocket Partial(int port, const std::string& text) {
  Poco::Net::StreamSocket socket(
      Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)));
  if (!text.empty()) socket.sendBytes(text.data(), static_cast<int>(text.size()));
  return socket;
}

// What arrives on `socket` until the server closes it, or until nothing came for `wait`.
std::string Received(Poco::Net::StreamSocket& socket, milliseconds wait) {
  socket.setReceiveTimeout(Poco::Timespan(static_cast<long>(wait.count()) * 1000));
  std::string reply;
  char buffer[4096];
  try {
    for (int n; (n = socket.receiveBytes(buffer, sizeof buffer)) > 0;)
      reply.append(buffer, static_cast<size_t>(n));
  } catch (const Poco::TimeoutException&) {
  } catch (const Poco::Net::NetException&) {
  }
  return reply;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(web)

BOOST_AUTO_TEST_CASE(token_opens_a_session_and_everything_else_is_refused) {
  Served s;
  BOOST_TEST(s.server->url().find("http://127.0.0.1:") == 0);
  BOOST_TEST(s.Call("GET", "/", "").status == 403);
  BOOST_TEST(s.Call("GET", "/?token=" + std::string(32, '0'), "").status == 403);
  BOOST_TEST(s.Call("GET", "/", "not-a-session").status == 403);
  BOOST_TEST(s.Call("GET", "/assets/style.css", "").status == 403);
  BOOST_TEST_REQUIRE(s.server->NewToken().ok());
  Reply login = s.Call("GET", "/?token=" + s.server->token(), "");
  BOOST_TEST(login.status == 303);
  // Named after the port (cookies on 127.0.0.1 reach every port), living 8 hours = 28800 s.
  const std::string cookie = login.headers.get("Set-Cookie");
  const std::string name = "vtaudit_session_" + std::to_string(s.server->port()) + "=";
  BOOST_TEST(cookie.rfind(name, 0) == 0, cookie);
  BOOST_TEST(cookie.find("; Path=/; Max-Age=28800; HttpOnly; SameSite=Strict") != std::string::npos,
             cookie);
  Reply home = s.Call("GET", "/", s.Login());
  BOOST_TEST(home.status == 200);
  BOOST_TEST(home.body.find("Audit 1: VT01") != std::string::npos);
  BOOST_TEST(home.headers.get("Content-Type") == "text/html; charset=utf-8");
  BOOST_TEST(home.headers.get("X-Content-Type-Options") == "nosniff");
  const std::string csp = home.headers.get("Content-Security-Policy");
  for (const char* part : {"default-src 'none'", "style-src 'self'", "script-src 'self'",
                           "form-action 'self'", "frame-ancestors 'none'"}) {
    BOOST_TEST(csp.find(part) != std::string::npos, part);
  }
}

BOOST_AUTO_TEST_CASE(the_report_is_previewed_and_downloaded) {
  Served s;
  const std::string c = s.Login();
  Reply html = s.Call("GET", "/audit/1/report", c);
  BOOST_TEST(html.status == 200);
  BOOST_TEST(html.body.find("<!DOCTYPE html>") == 0);
  BOOST_TEST(html.body.find("<script") == std::string::npos);  // the report runs no script
  // Its inline styles need a policy of their own, still without script or outside fetches.
  const std::string csp = html.headers.get("Content-Security-Policy");
  BOOST_TEST(csp.find("style-src 'unsafe-inline'") != std::string::npos);
  BOOST_TEST(csp.find("default-src 'none'") != std::string::npos);
  BOOST_TEST(csp.find("script-src") == std::string::npos);
  Reply pdf = s.Call("GET", "/audit/1/report.pdf", c);
  BOOST_TEST(pdf.status == 200);
  BOOST_TEST(pdf.headers.get("Content-Type") == "application/pdf");
  BOOST_TEST(pdf.headers.get("Content-Disposition")
                 .rfind("attachment; filename=\"rapport-VT01-2025.pdf\"", 0) == 0);
  BOOST_TEST(pdf.body.rfind("%PDF-", 0) == 0);
  BOOST_TEST(s.Call("GET", "/audit/1/report", "").status == 403);
  BOOST_TEST(s.Call("GET", "/audit/9/report", c).status == 404);
}

BOOST_AUTO_TEST_CASE(assets_have_their_type_and_unknown_paths_404) {
  Served s;
  const std::string c = s.Login();
  BOOST_TEST(s.Call("GET", "/assets/style.css", c).headers.get("Content-Type") ==
             "text/css; charset=utf-8");
  BOOST_TEST(s.Call("GET", "/assets/app.js", c).headers.get("Content-Type") ==
             "text/javascript; charset=utf-8");
  for (const char* path : {"/nope", "/assets/../../etc/passwd", "/assets/%2e%2e/CMakeLists.txt",
                           "/audit/1/nope", "/audit/99", "/audit/1/case/NOPE"}) {
    BOOST_TEST(s.Call("GET", path, c).status == 404, path);
  }
}

BOOST_AUTO_TEST_CASE(posts_need_the_csrf_token_and_a_small_body) {
  Served s;
  const std::string c = s.Login();
  const long before = s.Events();
  BOOST_TEST(s.Call("POST", s.CasePath(0), c, "base_C1=0&r_C1=voldoet").status == 403);
  BOOST_TEST(s.Call("POST", s.CasePath(0), c, "csrf=wrong&base_C1=0&r_C1=voldoet").status == 403);
  const std::string other = s.Hidden(s.Call("GET", s.CasePath(0), s.Login()).body, "csrf");
  BOOST_TEST(s.Call("POST", s.CasePath(0), c, "csrf=" + other + "&base_C1=0&r_C1=voldoet").status ==
             403);
  const std::string csrf = s.Hidden(s.Call("GET", s.CasePath(0), c).body, "csrf");
  BOOST_TEST(s.Call("POST", s.CasePath(0), c, "csrf=" + csrf + "&note_C1=" + std::string(5000, 'x'))
                 .status == 413);
  BOOST_TEST(s.Events() == before);
}

BOOST_AUTO_TEST_CASE(a_score_is_saved_and_user_text_is_escaped) {
  Served s;
  const std::string c = s.Login();
  const std::string page = s.Call("GET", s.CasePath(1), c).body;
  const std::string form =
      "csrf=" + s.Hidden(page, "csrf") + "&base_C1=" + s.Hidden(page, "base_C1") +
      "&r_C1=voldoet_niet&note_C1=" + s.Encode("<script>alert(1)</script>") + "&then=next";
  Reply saved = s.Call("POST", s.CasePath(1), c, form);
  BOOST_TEST(saved.status == 303);
  BOOST_TEST(saved.headers.get("Location") == s.CasePath(2));
  const std::string after = s.Call("GET", s.CasePath(1), c).body;
  BOOST_TEST(after.find("<script>alert(1)") == std::string::npos);
  BOOST_TEST(after.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  Result<std::vector<CurrentScore>> scores = CurrentScores(s.fixture.ws.get(), 1);
  BOOST_TEST_REQUIRE(scores.ok());
  bool found = false;
  for (const CurrentScore& sc : *scores) {
    found |= sc.case_id == s.sample.cases[1].case_id && sc.criterion == "C1" &&
             sc.result == "voldoet_niet" && sc.inspector == "Anna";
  }
  BOOST_TEST(found);
  BOOST_TEST(s.Call("GET", "/audit/1/judgement", c).body.find("C1") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_stale_form_is_refused_and_nothing_is_written) {
  Served s;
  const std::string c = s.Login();
  const std::string page = s.Call("GET", s.CasePath(3), c).body;
  // Meanwhile the same inspector scores the case from the command line.
  ScoreInput cli{1, s.sample.cases[3].case_id, "C1", "voldoet", "via de CLI", "Anna", {}};
  BOOST_TEST_REQUIRE(SetScore(s.fixture.ws.get(), cli).ok());
  const long before = s.Events();
  Reply stale = s.Call("POST", s.CasePath(3), c,
                       "csrf=" + s.Hidden(page, "csrf") + "&base_C1=" + s.Hidden(page, "base_C1") +
                           "&r_C1=voldoet_niet&then=stay");
  BOOST_TEST(stale.status == 409);
  BOOST_TEST(stale.body.find("intussen elders gescoord") != std::string::npos);
  BOOST_TEST(stale.body.find("Er is niets opgeslagen") != std::string::npos);
  BOOST_TEST(s.Events() == before);
}

// A failure of the library reaches the browser with the status that says whose it is.
BOOST_AUTO_TEST_CASE(a_library_failure_gets_the_status_that_names_its_cause) {
  BOOST_TEST(HttpStatusFor(Status::Invalid("x"), "GET") == 400);
  BOOST_TEST(HttpStatusFor(Status::Invalid("x"), "POST") == 422);
  BOOST_TEST(HttpStatusFor(Status::NotFound("x"), "GET") == 404);
  BOOST_TEST(HttpStatusFor(Status::Conflict("x"), "POST") == 409);
  BOOST_TEST(HttpStatusFor(Status::Busy("x"), "POST") == 503);
  BOOST_TEST(HttpStatusFor(Status::IoError("x"), "GET") == 500);
  BOOST_TEST(HttpStatusFor(Status::Internal("x"), "GET") == 500);
}

BOOST_AUTO_TEST_CASE(an_invalid_form_is_422_and_a_busy_workspace_503_and_nothing_is_written) {
  Served s;
  const std::string c = s.Login();
  const long before = s.Events();
  std::string page = s.Call("GET", s.CasePath(4), c).body;
  // A result the scale does not have: the user's input, so 422, not 500.
  Reply invalid = s.Call("POST", s.CasePath(4), c,
                         "csrf=" + s.Hidden(page, "csrf") +
                             "&base_C1=" + s.Hidden(page, "base_C1") + "&r_C1=bijna&then=stay");
  BOOST_TEST(invalid.status == 422);
  BOOST_TEST(invalid.body.find("Er is niets opgeslagen") != std::string::npos);
  // The library's reason, said in the session's Dutch (its problem code), not in English.
  BOOST_TEST(invalid.body.find("is geen uitkomst voor een zaak") != std::string::npos);
  BOOST_TEST(invalid.body.find("is not a case result") == std::string::npos);
  // Another program holds the write lock longer than the 5 s the server waits: 503, with the
  // message that says so, and nothing written.
  page = s.Call("GET", s.CasePath(4), c).body;
  Result<std::unique_ptr<Database>> other = Database::Open(s.fixture.dir + "/ws.sqlite", false);
  BOOST_TEST_REQUIRE(other.ok());
  BOOST_TEST_REQUIRE((*other)->Exec("BEGIN IMMEDIATE").ok());
  Reply busy = s.Call("POST", s.CasePath(4), c,
                      "csrf=" + s.Hidden(page, "csrf") + "&base_C1=" + s.Hidden(page, "base_C1") +
                          "&r_C1=voldoet&then=stay");
  BOOST_TEST((*other)->Exec("ROLLBACK").ok());
  BOOST_TEST(busy.status == 503);
  BOOST_TEST(busy.body.find("de werkruimte is bezet") != std::string::npos);
  BOOST_TEST(s.Events() == before);
}

BOOST_AUTO_TEST_CASE(the_server_keeps_serving_while_the_cli_writes) {
  Served s;
  const std::string c = s.Login();
  const long before = s.Events();
  std::thread cli([&] {
    Result<std::unique_ptr<Workspace>> ws = Workspace::Open(s.fixture.dir + "/ws.sqlite");
    BOOST_TEST_REQUIRE(ws.ok());
    for (int i = 0; i < 20; ++i) {
      ScoreInput in{
          1, s.sample.cases[4].case_id, "C1", i % 2 ? "voldoet" : "voldoet_niet", "", "Bram", {}};
      BOOST_TEST(SetScore(ws->get(), in).ok());
    }
  });
  int saved = 0;
  for (int i = 0; i < 10; ++i) {
    const std::string page = s.Call("GET", s.CasePath(5), c).body;
    Reply r = s.Call("POST", s.CasePath(5), c,
                     "csrf=" + s.Hidden(page, "csrf") + "&base_C1=" + s.Hidden(page, "base_C1") +
                         "&r_C1=" + (i % 2 ? "voldoet" : "nvt") + "&then=stay");
    BOOST_TEST(r.status == 303);
    saved += r.status == 303;
  }
  cli.join();
  BOOST_TEST(s.Events() == before + 20 + saved);
}

// Encodes like a browser submitting a form (application/x-www-form-urlencoded): a space
// becomes '+', a textarea's line break CR LF, everything but letters, digits and *-._ is
// percent-encoded as UTF-8.
std::string BrowserEncode(const std::string& text) {
  std::string out;
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : text) {
    if (c == ' ') {
      out += '+';
    } else if (c == '\n') {
      out += "%0D%0A";
    } else if (std::isalnum(c) || c == '*' || c == '-' || c == '.' || c == '_') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

BOOST_AUTO_TEST_CASE(a_note_is_stored_exactly_as_typed) {
  Served s;
  const std::string c = s.Login();
  // Hand-checked: the encoding of "ernst + aard" is "ernst+%2B+aard"; a decoder that takes
  // '+' as a space only in a URL's query (Poco's URI::decode) stored "ernst+++aard".
  BOOST_TEST(BrowserEncode("ernst + aard") == "ernst+%2B+aard");
  const std::string note =
      "ernst + aard (zie verslag 3 & 4) a=b 100% \"quoted\" 'single'\nregel twee: "
      "coördinatie, één, ĳ, café ✓ 😀";
  const std::string page = s.Call("GET", s.CasePath(2), c).body;
  const std::string form = "csrf=" + s.Hidden(page, "csrf") +
                           "&base_C1=" + s.Hidden(page, "base_C1") +
                           "&r_C1=voldoet&note_C1=" + BrowserEncode(note) + "&then=stay";
  BOOST_TEST_REQUIRE(s.Call("POST", s.CasePath(2), c, form).status == 303);
  Result<std::vector<ScoreEvent>> h =
      ScoreHistory(s.fixture.ws.get(), 1, s.sample.cases[2].case_id, std::string("C1"));
  BOOST_TEST_REQUIRE(h.ok());
  BOOST_TEST_REQUIRE(!h->empty());
  BOOST_TEST(h->back().note == note);
  // And the page shows it back whole, escaped, in the textarea.
  const std::string again = s.Call("GET", s.CasePath(2), c).body;
  BOOST_TEST(again.find("ernst + aard (zie verslag 3 &amp; 4)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_session_says_who_works_and_scoring_is_blind) {
  Served s;
  const std::string c = s.Login();
  // Anna scores case 0's C1 with a note; Bram, in a session of his own, must not see it.
  const std::string page = s.Call("GET", s.CasePath(0), c).body;
  BOOST_TEST_REQUIRE(s.Call("POST", s.CasePath(0), c,
                            "csrf=" + s.Hidden(page, "csrf") +
                                "&base_C1=" + s.Hidden(page, "base_C1") +
                                "&r_C1=voldoet_niet&note_C1=geheim+van+Anna&then=stay")
                         .status == 303);
  const std::string b = s.Login();
  const std::string choose = s.Call("GET", "/audit/1/inspector", b).body;
  const std::string csrf = s.Hidden(choose, "csrf");
  // A name that is not on the audit is refused; nothing changes.
  BOOST_TEST(s.Call("POST", "/audit/1/inspector", b, "csrf=" + csrf + "&inspector=Cas").status ==
             422);
  Reply chosen = s.Call("POST", "/audit/1/inspector", b, "csrf=" + csrf + "&inspector=Bram");
  BOOST_TEST(chosen.status == 303);
  std::string bram = s.Call("GET", s.CasePath(0), b).body;
  BOOST_TEST(bram.find("u werkt als Bram") != std::string::npos);
  BOOST_TEST(bram.find("geheim van Anna") == std::string::npos);
  BOOST_TEST(bram.find("Anna: ") == std::string::npos);
  // Once Bram has scored it, Anna's score and note show beside his.
  BOOST_TEST_REQUIRE(s.Call("POST", s.CasePath(0), b,
                            "csrf=" + s.Hidden(bram, "csrf") +
                                "&base_C1=" + s.Hidden(bram, "base_C1") + "&r_C1=voldoet&then=stay")
                         .status == 303);
  bram = s.Call("GET", s.CasePath(0), b).body;
  BOOST_TEST(bram.find("geheim van Anna") != std::string::npos);
  // Anna's own session is unchanged by Bram's choice.
  BOOST_TEST(s.Call("GET", s.CasePath(0), c).body.find("u werkt als Anna") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(judgement_and_agreement_pages_say_indicative_and_undefined) {
  Served s;
  const std::string c = s.Login();
  // C2 (meldingen only; the odd case numbers) on one sampled melding, by Anna and Bram alike:
  // n = 1 < min-cases 5, so indicative; their two scores in one category, so kappa 0/0.
  std::string melding;
  for (const SampledCase& sc : s.sample.cases) {
    if ((sc.case_id.back() - '0') % 2 == 1) melding = sc.case_id;
  }
  BOOST_TEST_REQUIRE(!melding.empty());
  for (const char* who : {"Anna", "Bram"}) {
    BOOST_TEST_REQUIRE(
        SetScore(s.fixture.ws.get(), {1, melding, "C2", "voldoet", "", who, {}}).ok());
  }
  // O1, the organisation, scored by Anna, Bram and Cees, who do not agree.
  BOOST_TEST_REQUIRE(ChangeInspectors(s.fixture.ws.get(), 1, {"Cees"}, {}, "").ok());
  BOOST_TEST_REQUIRE(SetScore(s.fixture.ws.get(), {1, "", "O1", "voldoet", "", "Anna", {}}).ok());
  BOOST_TEST_REQUIRE(SetScore(s.fixture.ws.get(), {1, "", "O1", "deels", "", "Bram", {}}).ok());
  BOOST_TEST_REQUIRE(SetScore(s.fixture.ws.get(), {1, "", "O1", "voldoet", "", "Cees", {}}).ok());
  const std::string judgement = s.Call("GET", "/audit/1/judgement", c).body;
  BOOST_TEST(judgement.find("<span class=\"tag indicative\">indicatief (n = 1)</span>") !=
             std::string::npos);
  BOOST_TEST(judgement.find("oneens 1, ongescoord 0") != std::string::npos);  // O1
  const std::string agreement = s.Call("GET", "/audit/1/agreement", c).body;
  BOOST_TEST(agreement.find("Cohen n.v.t. (alle scores in één categorie)") != std::string::npos);
  // An organisation criterion's results by the names of the scale's levels.
  BOOST_TEST(agreement.find("organisatie: Anna V, Bram D, Cees V") != std::string::npos);
  BOOST_TEST(agreement.find("Anna – Bram: 1, Cohen 0") != std::string::npos);
  const std::string en = s.Call("GET", "/audit/1/agreement?lang=en", c).body;
  BOOST_TEST(en.find("Cohen n/a (all scores in one category)") != std::string::npos);
  BOOST_TEST(en.find("organisation: Anna") != std::string::npos);
  BOOST_TEST(s.Call("GET", "/audit/1/judgement", c).body.find("indicative (n = 1)") !=
             std::string::npos);
}

// Raw HTTP, for requests Poco's client would not send.
std::string RawHttp(int port, const std::string& request) {
  Poco::Net::StreamSocket socket(
      Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)));
  socket.sendBytes(request.data(), static_cast<int>(request.size()));
  std::string reply;
  char buffer[4096];
  for (int n; (n = socket.receiveBytes(buffer, sizeof buffer)) > 0;)
    reply.append(buffer, static_cast<size_t>(n));
  return reply;
}

BOOST_AUTO_TEST_CASE(the_edges_of_http_hold) {
  Served s;
  // HTTP/1.0 without Host: refused as a bad request, not an internal error.
  const std::string old = RawHttp(s.server->port(), "GET / HTTP/1.0\r\n\r\n");
  BOOST_TEST(old.rfind("HTTP/1.0 400 Bad Request\r\n", 0) == 0, old.substr(0, 60));
  // Status lines carry their own reason phrase.
  const std::string forbidden =
      RawHttp(s.server->port(),
              "GET / HTTP/1.0\r\nHost: 127.0.0.1:" + std::to_string(s.server->port()) + "\r\n\r\n");
  BOOST_TEST(forbidden.rfind("HTTP/1.0 403 Forbidden\r\n", 0) == 0, forbidden.substr(0, 60));
  // The token's redirect never leaves the server, whatever the path looked like.
  BOOST_TEST_REQUIRE(s.server->NewToken().ok());
  Reply r = s.Call("GET", "/%2F%2Fevil.example/x?token=" + s.server->token(), "");
  BOOST_TEST(r.status == 303);
  BOOST_TEST(r.headers.get("Location") == "/");
  // A case id with '/' (as many registrations number them) has its page.
  BOOST_TEST_REQUIRE(s.fixture.ws->db()
                         .Exec("INSERT INTO case_file (org, case_id, kind, received, extract_id) "
                               "VALUES ('VT01', '2025/00123', 'advies', '2025-03-03', 1); "
                               "INSERT INTO sample_case (draw, case_id, stratum, draw_order) "
                               "VALUES (1, '2025/00123', '', 99)")
                         .ok());
  const std::string c = s.Login();
  Reply page = s.Call("GET", "/audit/1/case/2025%2F00123", c);
  BOOST_TEST(page.status == 200);
  BOOST_TEST(page.body.find("Zaak 2025/00123") != std::string::npos);
  // The download names its file the RFC 6266 way.
  BOOST_TEST(
      s.Call("GET", "/audit/1/report.pdf", c).headers.get("Content-Disposition") ==
      "attachment; filename=\"rapport-VT01-2025.pdf\"; filename*=UTF-8''rapport-VT01-2025.pdf");
}

BOOST_AUTO_TEST_CASE(a_link_opens_one_session_once) {
  Served s;
  BOOST_TEST_REQUIRE(s.server->NewToken().ok());
  const std::string link = "/?token=" + s.server->token();
  Reply first = s.Call("GET", link, "");
  BOOST_TEST_REQUIRE(first.status == 303);
  const std::string set = first.headers.get("Set-Cookie");
  const size_t eq = set.find('='), semi = set.find(';');
  const std::string cookie = set.substr(eq + 1, semi - eq - 1);
  // The same link again, from a browser without that session: refused, saying why and what
  // to do.
  Reply again = s.Call("GET", link, "");
  BOOST_TEST(again.status == 403);
  BOOST_TEST(again.body.find("This link has been used or is wrong") != std::string::npos);
  BOOST_TEST(again.body.find("Press Enter in the window of `vtaudit serve`") != std::string::npos);
  BOOST_TEST(again.headers.get("Set-Cookie", "") == "");
  // From the browser that opened it (the link clicked again, a new tab): it is in already.
  Reply same = s.Call("GET", link, cookie);
  BOOST_TEST(same.status == 303);
  BOOST_TEST(same.headers.get("Location") == "/");
  BOOST_TEST(s.Call("GET", "/", cookie).status == 200);
  // A new link voids the previous one, even unused.
  BOOST_TEST_REQUIRE(s.server->NewToken().ok());
  const std::string unused = s.server->token();
  BOOST_TEST_REQUIRE(s.server->NewToken().ok());
  BOOST_TEST(s.Call("GET", "/?token=" + unused, "").status == 403);
  BOOST_TEST(s.Call("GET", "/?token=" + s.server->token(), "").status == 303);
}

BOOST_AUTO_TEST_CASE(the_session_cookie_is_this_servers_own) {
  Served s;
  const std::string id = s.Login();
  BOOST_TEST(s.server->cookie_name() == "vtaudit_session_" + std::to_string(s.server->port()));
  // The same session id under another port's cookie name, or the unnumbered name of
  // earlier versions, opens nothing.
  for (const std::string& name : {std::string("vtaudit_session"),
                                  "vtaudit_session_" + std::to_string(s.server->port() + 1)}) {
    BOOST_TEST(s.Call("GET", "/", id, "", name).status == 403, name);
  }
  BOOST_TEST(s.Call("GET", "/", id).status == 200);
}

BOOST_AUTO_TEST_CASE(an_idle_session_ends_and_use_keeps_it) {
  Served s{Quick};  // sessions end after 1 s unused
  const std::string c = s.Login();
  // Used every 250 ms for 2 s, twice the idle limit: never idle long enough to end.
  for (int i = 0; i < 8; ++i) {
    std::this_thread::sleep_for(milliseconds(250));
    BOOST_TEST(s.Call("GET", "/", c).status == 200);
  }
  // Every answer renews the cookie for the idle limit, rounded up to whole seconds: 1.
  BOOST_TEST(s.Call("GET", "/", c).headers.get("Set-Cookie").find("; Max-Age=1;") !=
             std::string::npos);
  // Unused for 1.5 s: ended, and the page says so; after that the session is unknown.
  std::this_thread::sleep_for(milliseconds(1500));
  Reply expired = s.Call("GET", "/", c);
  BOOST_TEST(expired.status == 403);
  BOOST_TEST(expired.body.find("The session has expired") != std::string::npos);
  Reply gone = s.Call("GET", "/", c);
  BOOST_TEST(gone.status == 403);
  BOOST_TEST(gone.body.find("forbidden: open the URL") != std::string::npos);
  // A new link opens a new session.
  BOOST_TEST(s.Call("GET", "/", s.Login()).status == 200);
}

BOOST_AUTO_TEST_CASE(slow_headers_hold_no_worker_and_get_408) {
  Served s{Quick};  // 2 workers, 1.5 s for the headers
  const int port = s.server->port();
  const std::string c = s.Login();
  // Three times as many trickling clients as workers, each with its request line and part
  // of a header.
  const Clock::time_point opened = Clock::now();
  std::vector<Poco::Net::StreamSocket> slow;
  for (int i = 0; i < 6; ++i) {
    slow.push_back(Partial(
        port, "GET / HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) + "\r\nX-Slow: "));
  }
  // A whole request meanwhile is answered at once, long before any header timeout could
  // have freed a worker.
  const Clock::time_point asked = Clock::now();
  BOOST_TEST(s.Call("GET", "/", c).status == 200);
  BOOST_TEST(MillisecondsSince(asked) < 1000);
  // Trickling does not extend the time: each is told 408 when 1.5 s from connecting have
  // passed (at most 3 s here on a busy machine), not 1.5 s after its last byte.
  std::this_thread::sleep_for(milliseconds(700));
  for (Poco::Net::StreamSocket& socket : slow) socket.sendBytes("1", 1);
  for (Poco::Net::StreamSocket& socket : slow) {
    const std::string reply = Received(socket, milliseconds(4000));
    BOOST_TEST(reply.rfind("HTTP/1.1 408 Request Time-out\r\n", 0) == 0, reply.substr(0, 40));
  }
  // The gate waits in whole milliseconds and may wake up to a millisecond early, so the
  // lower bound allows a few.
  const long took = MillisecondsSince(opened);
  BOOST_TEST(took >= 1490);
  BOOST_TEST(took < 3000);
}

BOOST_AUTO_TEST_CASE(past_the_waiting_limit_the_oldest_connection_makes_room) {
  Served s{Quick};  // 8 connections may wait for their headers
  const int port = s.server->port();
  const std::string c = s.Login();
  std::vector<Poco::Net::StreamSocket> idle;
  for (int i = 0; i < 10; ++i) {
    idle.push_back(Partial(port, ""));
    std::this_thread::sleep_for(milliseconds(20));  // accepted in this order
  }
  // The two oldest made room for the ninth and tenth: 503 and closed; the third still waits.
  for (int i = 0; i < 2; ++i) {
    const std::string reply = Received(idle[i], milliseconds(1000));
    BOOST_TEST(reply.rfind("HTTP/1.1 503 Service Unavailable\r\n", 0) == 0, reply.substr(0, 40));
  }
  BOOST_TEST(Received(idle[2], milliseconds(100)).empty());
  // A whole request still gets in (making room in its turn) and is answered.
  BOOST_TEST(s.Call("GET", "/", c).status == 200);
}

BOOST_AUTO_TEST_CASE(a_slow_body_gets_408_and_nothing_is_written) {
  Served s{Quick};  // 1 s for a body
  const int port = s.server->port();
  const std::string c = s.Login();
  const std::string page = s.Call("GET", s.CasePath(0), c).body;
  const std::string form =
      "csrf=" + s.Hidden(page, "csrf") + "&base_C1=" + s.Hidden(page, "base_C1") + "&r_C1=deels";
  const long before = s.Events();
  Poco::Net::StreamSocket socket = Partial(
      port, "POST " + s.CasePath(0) + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                "\r\nCookie: " + s.server->cookie_name() + "=" + c +
                "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
                std::to_string(form.size()) + "\r\n\r\n");
  // The form a byte every 200 ms, which would take far longer than the 1 s allowed.
  const Clock::time_point started = Clock::now();
  std::string reply;
  for (size_t i = 0; i < form.size() && MillisecondsSince(started) < 5000; ++i) {
    if (socket.poll(Poco::Timespan(200 * 1000), Poco::Net::Socket::SELECT_READ)) {
      reply = Received(socket, milliseconds(1000));
      break;
    }
    try {
      socket.sendBytes(&form[i], 1);
    } catch (const Poco::Exception&) {
    }
  }
  BOOST_TEST(reply.rfind("HTTP/1.1 408 Request Time-out\r\n", 0) == 0, reply.substr(0, 40));
  BOOST_TEST(reply.find("Het formulier kwam te traag binnen; er is niets opgeslagen.") !=
             std::string::npos);
  BOOST_TEST(MillisecondsSince(started) < 2500);
  BOOST_TEST(s.Events() == before);
}

// ---- the pages that run an audit (audit_pages.cc) --------------------------------------

// The text every form below must keep exactly: HTML's and a URL's special characters, a
// newline and diacritics.
const std::string kTricky = "+ & \" ' < > Zoë\nçà";

// A multipart/form-data POST as a browser sends an <input type=file> form.
Reply Multipart(Served& s, const std::string& path, const std::string& cookie,
                const std::vector<std::pair<std::string, std::string>>& fields,
                const std::string& file_name, const std::string& content) {
  const std::string boundary = "----vtauditBoundary7MA4YWxkTrZu0gW";
  std::string body;
  for (const auto& [name, value] : fields) {
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" +
            value + "\r\n";
  }
  body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"delivery\"; filename=\"" +
          file_name + "\"\r\nContent-Type: text/csv\r\n\r\n" + content + "\r\n--" + boundary +
          "--\r\n";
  Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(s.server->port()));
  Poco::Net::HTTPRequest request("POST", path, Poco::Net::HTTPRequest::HTTP_1_1);
  Poco::Net::NameValueCollection c;
  c.add(s.server->cookie_name(), cookie);
  request.setCookies(c);
  request.setContentType("multipart/form-data; boundary=" + boundary);
  request.setContentLength(static_cast<std::streamsize>(body.size()));
  session.sendRequest(request) << body;
  Poco::Net::HTTPResponse response;
  std::istream& in = session.receiveResponse(response);
  Reply r;
  r.status = response.getStatus();
  Poco::StreamCopier::copyToString(in, r.body);
  for (const auto& [k, v] : response) r.headers.add(k, v);
  return r;
}

// Whether anything of an upload is left beside the workspace.
bool UploadsLeft(const std::string& dir) {
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().filename().string().rfind(".vtaudit-upload-", 0) == 0) return true;
  }
  return false;
}

// Marks every hand-scored criterion of the mini framework niet beoordeeld, so that audit 1
// meets the gates of the concept without 6 × 2 case scores.
void MeetConceptGates(Served& s) {
  for (const char* c : {"C1", "C2", "O1"}) {
    BOOST_TEST_REQUIRE(MarkNotJudged(s.fixture.ws.get(), 1, c, "niet gelezen", "Anna", false).ok());
  }
}

BOOST_AUTO_TEST_CASE(an_audit_is_created_from_the_start_page) {
  Served s;
  const std::string c = s.Login();
  BOOST_TEST(s.Call("GET", "/", c).body.find("href=\"/audit/new\"") != std::string::npos);
  Reply form = s.Call("GET", "/audit/new", c);
  BOOST_TEST_REQUIRE(form.status == 200);
  // The stored mini framework, and the shipped ones are not offered (no checklists_dir).
  const std::string sha = s.fixture.audit.framework_sha256;
  BOOST_TEST(form.body.find("value=\"sha:" + sha + "\"") != std::string::npos);
  BOOST_TEST(form.body.find("value=\"file:") == std::string::npos);
  const std::string csrf = s.Hidden(form.body, "csrf");
  const std::string fields =
      "&org=VT01&framework=sha%3A" + sha +
      "&inspectors=" + s.Encode("Anna\r\n" + std::string("Zoë <d'Arc> & \"co\" +")) + "&force=1";
  // A year that is no year: 422, the values entered kept, nothing written.
  Reply bad = s.Call("POST", "/audit/new", c, "csrf=" + csrf + "&period=20x5" + fields);
  BOOST_TEST(bad.status == 422);
  BOOST_TEST(bad.body.find("Het jaar is geen jaartal: 20x5") != std::string::npos);
  BOOST_TEST(bad.body.find("Zoë &lt;d&#39;Arc&gt; &amp; &quot;co&quot; +") != std::string::npos,
             bad.body);
  BOOST_TEST(s.fixture.Count("audit") == 1);
  // A second audit of VT01 2025 without "force": the library's Conflict, 409, said in Dutch
  // (problem.audit.exists).
  Reply twice = s.Call("POST", "/audit/new", c,
                       "csrf=" + csrf + "&period=2025&org=VT01&framework=sha%3A" + sha);
  BOOST_TEST(twice.status == 409);
  BOOST_TEST(twice.body.find("audit 1 beslaat VT01 2025 al") != std::string::npos, twice.body);
  BOOST_TEST(s.fixture.Count("audit") == 1);
  BOOST_TEST(s.Call("POST", "/audit/new", c, "csrf=wrong&period=2025" + fields).status == 403);
  BOOST_TEST(s.fixture.Count("audit") == 1);
  Reply made = s.Call("POST", "/audit/new", c, "csrf=" + csrf + "&period=2025" + fields);
  BOOST_TEST(made.status == 303);
  BOOST_TEST(made.headers.get("Location") == "/audit/2?created=1");
  Result<Audit> a = FindAudit(s.fixture.ws.get(), 2);
  BOOST_TEST_REQUIRE(a.ok());
  BOOST_TEST(a->org == "VT01");
  BOOST_TEST(a->framework_sha256 == sha);
  // Sorted by byte: "Anna" < "Zoë …"; the name exactly as typed.
  BOOST_TEST((a->inspectors == std::vector<std::string>{"Anna", "Zoë <d'Arc> & \"co\" +"}));
  // The default peildatum is stored (DefaultAsOf with the server's calendar).
  BOOST_TEST(a->as_of.has_value());
}

BOOST_AUTO_TEST_CASE(a_delivery_is_uploaded_all_or_nothing) {
  Served s;
  const std::string c = s.Login();
  Reply form = s.Call("GET", "/audit/1/import", c);
  BOOST_TEST_REQUIRE(form.status == 200);
  BOOST_TEST(form.body.find("enctype=\"multipart/form-data\"") != std::string::npos);
  const std::string csrf = s.Hidden(form.body, "csrf");
  const std::string header = "case_id,kind,received\n";
  const long cases = s.fixture.Count("case_file"), files = s.fixture.Count("extract_file");
  // Line 3 has a day that is not one: nothing of the file is stored, and the error names
  // the file as it was sent, its line and its column.
  Reply bad = Multipart(s, "/audit/1/import", c, {{"csrf", csrf}, {"profile", ""}}, "bad.csv",
                        header + "N01,melding,2025-04-01T10:00\nN02,melding,2025-13-01T10:00\n");
  BOOST_TEST(bad.status == 422);
  // In the session's language (Dutch by default), from the import's problem codes
  // (problem.row.not_a_moment_native, problem.import.refused); the place stays as sent.
  BOOST_TEST(bad.body.find("bad.csv:3: kolom received: &#39;2025-13-01T10:00&#39; is geen "
                           "datum of moment") != std::string::npos,
             bad.body);
  BOOST_TEST(bad.body.find("bad.csv: niets geïmporteerd (fouten: 1); de werkruimte is "
                           "ongewijzigd") != std::string::npos,
             bad.body);
  // The same refusal in English as the library writes it.
  Reply bad_en =
      Multipart(s, "/audit/1/import?lang=en", c, {{"csrf", csrf}, {"profile", ""}}, "bad.csv",
                header + "N01,melding,2025-04-01T10:00\nN02,melding,2025-13-01T10:00\n");
  BOOST_TEST(bad_en.status == 422);
  BOOST_TEST(bad_en.body.find("bad.csv:3: column received") != std::string::npos, bad_en.body);
  BOOST_TEST(s.Call("GET", "/audit/1/import?lang=nl", c).status == 200);
  BOOST_TEST(bad.body.find(".vtaudit-upload-") == std::string::npos);
  BOOST_TEST(s.fixture.Count("case_file") == cases);
  BOOST_TEST(s.fixture.Count("extract_file") == files);
  BOOST_TEST(!UploadsLeft(s.fixture.dir));
  // A forged form: 403, and not even the temporary file is written.
  Reply forged = Multipart(s, "/audit/1/import", c, {{"csrf", "wrong"}}, "a.csv",
                           header + "N01,melding,2025-04-01T10:00\n");
  BOOST_TEST(forged.status == 403);
  BOOST_TEST(s.fixture.Count("case_file") == cases);
  // No file chosen: 422.
  BOOST_TEST(Multipart(s, "/audit/1/import", c, {{"csrf", csrf}}, "", "").status == 422);
  // A good file under a name with + & ' and a diacritic: two new cases; the name recorded
  // as sent.
  const std::string name = "levering + & 'Zoë'.csv";
  Reply good = Multipart(s, "/audit/1/import", c, {{"csrf", csrf}, {"profile", ""}}, name,
                         header + "N01,melding,2025-04-01T10:00\nN02,advies,2025-04-02\n");
  BOOST_TEST(good.status == 303);
  // 2 rows, both new; the 8 cases of the fixture's delivery are missing from this one.
  BOOST_TEST(good.headers.get("Location") ==
             "/audit/1/import?rows=2&added=2&changed=0&unchanged=0&missing=8");
  BOOST_TEST(s.fixture.Count("case_file") == cases + 2);
  Result<Statement> q =
      s.fixture.ws->db().Prepare("SELECT file_name FROM extract_file ORDER BY id DESC LIMIT 1");
  BOOST_TEST_REQUIRE(q.ok());
  BOOST_TEST_REQUIRE(q->Step());
  BOOST_TEST(q->Text(0) == name);
  BOOST_TEST(!UploadsLeft(s.fixture.dir));
  Reply after = s.Call("GET", good.headers.get("Location"), c);
  BOOST_TEST(after.body.find("Ingelezen: 2 rijen; 2 nieuw") != std::string::npos);
  BOOST_TEST(after.body.find("levering + &amp; &#39;Zoë&#39;.csv") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_sample_is_drawn_and_a_second_draw_needs_replace) {
  Served s;
  const std::string c = s.Login();
  Reply form = s.Call("GET", "/audit/1/draw", c);
  BOOST_TEST_REQUIRE(form.status == 200);
  // 8 cases of VT01 received in 2025; 6 drawn: 6 / 8 = 75,0% in Dutch.
  BOOST_TEST(form.body.find("De populatie: 8 zaken") != std::string::npos);
  BOOST_TEST(form.body.find("6 van 8 zaken (75,0%)") != std::string::npos, form.body);
  const std::string csrf = s.Hidden(form.body, "csrf");
  const long draws = s.fixture.Count("sample_draw");
  const std::string seed = "&seed=" + s.Encode(kTricky);
  Reply again = s.Call("POST", "/audit/1/draw", c, "csrf=" + csrf + "&size=3" + seed);
  BOOST_TEST(again.status == 409);
  // In the session's language, Dutch by default (problem.sample.*).
  BOOST_TEST(again.body.find("audit 1 heeft al een steekproef") != std::string::npos);
  Reply bad = s.Call("POST", "/audit/1/draw", c, "csrf=" + csrf + "&size=3x&replace=1" + seed);
  BOOST_TEST(bad.status == 422);
  BOOST_TEST(bad.body.find("value=\"3x\"") != std::string::npos);
  Reply too_many = s.Call("POST", "/audit/1/draw", c, "csrf=" + csrf + "&size=9&replace=1");
  BOOST_TEST(too_many.status == 422);
  BOOST_TEST(too_many.body.find("kan geen 9 zaken trekken uit de populatie van VT01 2025: die "
                                "telt 8 zaken waarop een zaakcriterium van toepassing is") !=
             std::string::npos);
  BOOST_TEST(s.Call("POST", "/audit/1/draw", c, "csrf=x&size=3&replace=1").status == 403);
  BOOST_TEST(s.fixture.Count("sample_draw") == draws);
  Reply drawn = s.Call("POST", "/audit/1/draw", c, "csrf=" + csrf + "&size=3&replace=1" + seed);
  BOOST_TEST(drawn.status == 303);
  Result<Sample> now = CurrentSample(s.fixture.ws.get(), 1);
  BOOST_TEST_REQUIRE(now.ok());
  BOOST_TEST(now->size == 3);
  BOOST_TEST(now->seed == kTricky);
  BOOST_TEST(now->replaced == 1);
}

BOOST_AUTO_TEST_CASE(the_state_moves_with_a_confirmation_and_its_gates) {
  Served s;
  const std::string c = s.Login();
  Reply page = s.Call("GET", "/audit/1/state", c);
  BOOST_TEST_REQUIRE(page.status == 200);
  BOOST_TEST(page.body.find("<strong>werkversie</strong>") != std::string::npos);
  BOOST_TEST(page.body.find("voorwaarde(n) nog niet voldaan") != std::string::npos);
  // The first step only asks; nothing moves on a GET.
  Reply ask = s.Call("GET", "/audit/1/state?to=concept", c);
  BOOST_TEST(ask.body.find("Weet u het zeker?") != std::string::npos);
  const std::string csrf = s.Hidden(ask.body, "csrf");
  // Unmet gates: 422 with each of them, still a draft.
  Reply refused = s.Call("POST", "/audit/1/state", c, "csrf=" + csrf + "&to=concept");
  BOOST_TEST(refused.status == 422);
  BOOST_TEST(refused.body.find("De status is niet gewijzigd.") != std::string::npos);
  BOOST_TEST(s.Call("POST", "/audit/1/state", c, "csrf=" + csrf + "&to=later").status == 422);
  MeetConceptGates(s);
  BOOST_TEST(s.Call("POST", "/audit/1/state", c, "csrf=no&to=concept").status == 403);
  BOOST_TEST((FindAudit(s.fixture.ws.get(), 1)->status == AuditStatus::kDraft));
  Reply moved = s.Call("POST", "/audit/1/state", c, "csrf=" + csrf + "&to=concept");
  BOOST_TEST(moved.status == 303);
  BOOST_TEST((FindAudit(s.fixture.ws.get(), 1)->status == AuditStatus::kConcept));
  // Back to draft needs a reason; given, it is kept exactly.
  Reply no_reason = s.Call("POST", "/audit/1/state", c, "csrf=" + csrf + "&to=draft");
  BOOST_TEST(no_reason.status == 422);
  BOOST_TEST((FindAudit(s.fixture.ws.get(), 1)->status == AuditStatus::kConcept));
  Reply back =
      s.Call("POST", "/audit/1/state", c, "csrf=" + csrf + "&to=draft&reason=" + s.Encode(kTricky));
  BOOST_TEST(back.status == 303);
  BOOST_TEST((FindAudit(s.fixture.ws.get(), 1)->status == AuditStatus::kDraft));
  Result<std::vector<AuditEvent>> events = AuditEvents(s.fixture.ws.get(), 1);
  BOOST_TEST_REQUIRE(events.ok());
  BOOST_TEST(events->back().reason == kTricky);
  BOOST_TEST(events->back().actor == "Anna");
}

// An audit's own refusals (src/audit/audit.cc) in the session's language, its state in the
// report's words (status.*) and a case's result as the report words it (result.voldoet,
// result.voldoet_niet): each text put together by hand from text-nl/en.properties.
BOOST_AUTO_TEST_CASE(audit_refusals_states_and_results_read_in_the_sessions_language) {
  Served s;
  const std::string c = s.Login();
  Reply missing = s.Call("GET", "/audit/99", c);
  BOOST_TEST(missing.status == 404);
  BOOST_TEST(
      missing.body.find("er is geen audit met id 99 in deze werkruimte") != std::string::npos,
      missing.body);
  BOOST_TEST(s.Call("GET", "/audit/abc", c).body.find("er is geen audit met id abc") !=
             std::string::npos);
  // A concept is no draft: the draw is refused with the reason in Dutch.
  BOOST_TEST_REQUIRE(SetAuditStatus(s.fixture.ws.get(), 1, AuditStatus::kConcept).ok());
  const std::string csrf = s.Hidden(s.Call("GET", "/audit/1/draw", c).body, "csrf");
  Reply draw = s.Call("POST", "/audit/1/draw", c, "csrf=" + csrf + "&size=3&replace=1");
  BOOST_TEST(draw.status == 409);
  BOOST_TEST(draw.body.find("audit 1 is concept: zet haar terug naar werkversie om haar "
                            "steekproef te trekken") != std::string::npos,
             draw.body);
  Reply state = s.Call("GET", "/audit/1/state", c);
  BOOST_TEST(state.body.find("<strong>concept voor hoor en wederhoor</strong>") !=
             std::string::npos);
  Reply english = s.Call("GET", "/audit/1/state?lang=en", c);
  BOOST_TEST(english.body.find("<strong>concept for the organisation's response</strong>") !=
                 std::string::npos,
             english.body);
  BOOST_TEST(english.body.find("status concept for the organisation's response") !=
             std::string::npos);
  BOOST_TEST_REQUIRE(SetAuditStatus(s.fixture.ws.get(), 1, AuditStatus::kDraft).ok());
  const std::string form = s.Call("GET", s.CasePath(0), c).body;
  BOOST_TEST(form.find("<kbd>1</kbd> meets, <kbd>2</kbd> does not meet") != std::string::npos);
  BOOST_TEST(form.find(">meets <kbd>1</kbd></label>") != std::string::npos, form);
  BOOST_TEST(form.find(">does not meet <kbd>2</kbd></label>") != std::string::npos);
  BOOST_TEST(form.find("not met") == std::string::npos);
}

// Every stored moment reads in Dutch time, whatever the machine's zone: under TZ=XYZ-14
// (UTC+14, a POSIX zone that needs no tzdata) the draw and the score history still show
// FormatDutchMoment of the stored UTC stamp (its own tests work the rule out by hand), and
// the date of a new response defaults to the Dutch day.
BOOST_AUTO_TEST_CASE(moments_read_in_dutch_time_whatever_the_machines_zone) {
  Served s;
  const std::string k = s.sample.cases[0].case_id;
  BOOST_TEST_REQUIRE(SetScore(s.fixture.ws.get(), {1, k, "C1", "voldoet", {}, "Anna", {}}).ok());
  int hidden = 0;
  Result<std::vector<ScoreEvent>> events =
      ScoreHistory(s.fixture.ws.get(), 1, k, "C1", Viewer{"Anna"}, &hidden);
  BOOST_TEST_REQUIRE(events.ok());
  BOOST_TEST_REQUIRE(events->size() == 1u);
  const std::optional<int64_t> scored = ParseUtcIso(events->front().at);
  const std::optional<int64_t> drawn = ParseUtcIso(s.sample.drawn_at);
  BOOST_TEST_REQUIRE(scored.has_value());
  BOOST_TEST_REQUIRE(drawn.has_value());
  const char* zone = std::getenv("TZ");
  const std::string saved = zone ? zone : "";
  setenv("TZ", "XYZ-14", 1);
  tzset();
  const std::string c = s.Login();
  const Reply history = s.Call("GET", "/audit/1/history?case=" + k + "&criterion=C1", c);
  const Reply draw = s.Call("GET", "/audit/1/draw", c);
  const Reply responses = s.Call("GET", "/audit/1/responses", c);
  if (zone) {
    setenv("TZ", saved.c_str(), 1);
  } else {
    unsetenv("TZ");
  }
  tzset();
  BOOST_TEST(
      history.body.find("<td>" + FormatDutchMoment(*scored, "nl") + "</td>") != std::string::npos,
      history.body);
  BOOST_TEST(
      draw.body.find("getrokken op " + FormatDutchMoment(*drawn, "nl") + ".") != std::string::npos,
      draw.body);
  BOOST_TEST(responses.body.find("value=\"" + DutchToday().ToIso() + "\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(responses_are_recorded_and_decided) {
  Served s;
  const std::string c = s.Login();
  const std::string csrf = s.Hidden(s.Call("GET", "/audit/1/responses", c).body, "csrf");
  const std::string add = "csrf=" + csrf + "&action=add&criterion=C1&source=brief&text=" +
                          s.Encode("Wij zijn het " + kTricky);
  // A draft without a concept has nothing to respond to: the library's Conflict.
  BOOST_TEST(s.Call("POST", "/audit/1/responses", c, add + "&received=2026-01-06").status == 409);
  MeetConceptGates(s);
  BOOST_TEST(s.Call("POST", "/audit/1/state", c, "csrf=" + csrf + "&to=concept").status == 303);
  Reply bad_date = s.Call("POST", "/audit/1/responses", c, add + "&received=6-1-2026");
  BOOST_TEST(bad_date.status == 422);
  BOOST_TEST(bad_date.body.find("Wij zijn het + &amp; &quot; &#39; &lt; &gt; Zoë\nçà") !=
             std::string::npos);
  Reply unknown = s.Call("POST", "/audit/1/responses", c,
                         "csrf=" + csrf + "&action=add&criterion=X9&text=t&received=2026-01-06");
  BOOST_TEST(unknown.status == 422);
  BOOST_TEST(s.Call("POST", "/audit/1/responses", c,
                    "csrf=w" + add.substr(5 + csrf.size()) + "&received=2026-01-06")
                 .status == 403);
  BOOST_TEST(Responses(s.fixture.ws.get(), 1)->empty());
  BOOST_TEST(s.Call("POST", "/audit/1/responses", c, add + "&received=2026-01-06").status == 303);
  Result<std::vector<vtaudit::Response>> r = Responses(s.fixture.ws.get(), 1);
  BOOST_TEST_REQUIRE(r->size() == 1u);
  BOOST_TEST((*r)[0].text == "Wij zijn het " + kTricky);
  BOOST_TEST((*r)[0].received == "2026-01-06");
  const std::string id = std::to_string((*r)[0].id);
  Reply page = s.Call("GET", "/audit/1/responses", c);
  BOOST_TEST(page.body.find("Ontvangen 6 januari 2026") != std::string::npos);
  BOOST_TEST(s.Call("POST", "/audit/1/responses", c,
                    "csrf=" + csrf + "&action=decide&response=" + id + "&decision=maybe")
                 .status == 422);
  BOOST_TEST(!Responses(s.fixture.ws.get(), 1)->front().decision);
  BOOST_TEST(s.Call("POST", "/audit/1/responses", c,
                    "csrf=" + csrf + "&action=decide&response=" + id +
                        "&decision=accepted&reason=" + s.Encode(kTricky))
                 .status == 303);
  r = Responses(s.fixture.ws.get(), 1);
  BOOST_TEST(*(*r)[0].decision == "accepted");
  BOOST_TEST((*r)[0].reason == kTricky);
  BOOST_TEST((*r)[0].decided_by == "Anna");
}

BOOST_AUTO_TEST_CASE(the_report_versions_are_listed_and_downloaded) {
  Served s;
  const std::string c = s.Login();
  BOOST_TEST(s.Call("GET", "/audit/1/versions", c).body.find("Er is nog geen versie") !=
             std::string::npos);
  MeetConceptGates(s);
  const std::string csrf = s.Hidden(s.Call("GET", "/audit/1/state?to=concept", c).body, "csrf");
  BOOST_TEST(s.Call("POST", "/audit/1/state", c, "csrf=" + csrf + "&to=concept").status == 303);
  // The first download of the concept's PDF keeps its bytes as version 1's file.
  Reply pdf = s.Call("GET", "/audit/1/report.pdf", c);
  BOOST_TEST_REQUIRE(pdf.status == 200);
  Reply list = s.Call("GET", "/audit/1/versions", c);
  BOOST_TEST(list.body.find("href=\"/audit/1/version/1/pdf/nl\"") != std::string::npos);
  // Dates as the inspectorate writes them: "1 december 2026, 19:40".
  const std::regex dutch(
      "[0-9]{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|"
      "november|december) [0-9]{4}, [0-9]{2}:[0-9]{2}");
  BOOST_TEST(std::regex_search(list.body, dutch));
  Reply kept = s.Call("GET", "/audit/1/version/1/pdf/nl", c);
  BOOST_TEST(kept.status == 200);
  BOOST_TEST(kept.body == pdf.body);
  BOOST_TEST(kept.headers.get("Content-Type") == "application/pdf");
  BOOST_TEST(kept.headers.get("Content-Disposition").find("rapport-VT01-2025-v1-nl.pdf") !=
             std::string::npos);
  BOOST_TEST(s.Call("GET", "/audit/1/version/9/pdf/nl", c).status == 404);  // no version 9
  BOOST_TEST(s.Call("GET", "/audit/1/version/1/exe/nl", c).status == 404);
  BOOST_TEST(s.Call("POST", "/audit/1/versions", c, "csrf=" + csrf).status == 405);
}

// ---- the review side: findings, disagreements, history, filters, case facts ----------------

namespace {

// What an inspector types, with the characters that break forms and HTML: a plus, an
// ampersand, quotes, angle brackets, a line break as a browser sends it (CR LF) and letters
// with diacritics. Stored, it reads the same with LF for the line break.
const std::string kTyped = "1 + 1 & \"twee\" 'drie' <b>vier</b>\r\nregel twee: één, café, Zoë";
const std::string kStored = "1 + 1 & \"twee\" 'drie' <b>vier</b>\nregel twee: één, café, Zoë";

long Findings(Served& s) { return s.fixture.Count("finding"); }

void Freeze(Served& s) {
  BOOST_TEST_REQUIRE(
      s.fixture.ws->db().Exec("UPDATE audit SET status = 'final' WHERE id = 1").ok());
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_finding_is_written_with_its_text_kept_exactly) {
  Served s;
  const std::string c = s.Login();
  Reply list = s.Call("GET", "/audit/1/findings", c);
  BOOST_TEST(list.status == 200);
  BOOST_TEST(list.body.find("href=\"/audit/1/finding/S1\"") != std::string::npos);
  BOOST_TEST(list.body.find("href=\"/audit/1/finding/C1\"") != std::string::npos);
  const std::string page = s.Call("GET", "/audit/1/finding/C1", c).body;
  const std::string csrf = s.Hidden(page, "csrf");
  BOOST_TEST(!csrf.empty());
  Reply saved = s.Call(
      "POST", "/audit/1/finding/C1", c,
      "csrf=" + csrf + "&text=" + s.Encode(kTyped) + "&evidence=" + s.Encode("zaak C001 & C003"));
  BOOST_TEST(saved.status == 303);
  BOOST_TEST(saved.headers.get("Location") == "/audit/1/finding/C1?saved=1");
  Result<std::vector<Finding>> current = CurrentFindings(s.fixture.ws.get(), 1);
  BOOST_TEST_REQUIRE(current.ok());
  BOOST_TEST_REQUIRE(current->size() == 1u);
  BOOST_TEST((*current)[0].text == kStored);
  BOOST_TEST((*current)[0].evidence == "zaak C001 & C003");
  BOOST_TEST((*current)[0].inspector == "Anna");
  // The form shows it back exactly (escaped, the line break kept), the list line by line.
  const std::string after = s.Call("GET", "/audit/1/finding/C1?saved=1", c).body;
  BOOST_TEST(after.find(">" + Escape(kStored) + "</textarea>") != std::string::npos);
  BOOST_TEST(after.find("<b>vier") == std::string::npos);
  BOOST_TEST(after.find("Opgeslagen.") != std::string::npos);
  const std::string shown = s.Call("GET", "/audit/1/findings", c).body;
  BOOST_TEST(shown.find(Escape("1 + 1 & \"twee\" 'drie' <b>vier</b>") + "<br>\n" +
                        Escape("regel twee: één, café, Zoë")) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(
    a_bad_finding_is_422_a_wrong_token_403_a_final_audit_409_and_nothing_is_written) {
  Served s;
  const std::string c = s.Login();
  const std::string csrf = s.Hidden(s.Call("GET", "/audit/1/finding/S1", c).body, "csrf");
  // An empty text is the user's mistake: 422, the form again with the evidence typed.
  Reply empty = s.Call("POST", "/audit/1/finding/S1", c,
                       "csrf=" + csrf + "&text=&evidence=" + s.Encode(kTyped));
  BOOST_TEST(empty.status == 422);
  BOOST_TEST(empty.body.find("Er is niets opgeslagen.") != std::string::npos);
  BOOST_TEST(empty.body.find(">" + Escape(kStored) + "</textarea>") != std::string::npos);
  BOOST_TEST(s.Call("POST", "/audit/1/finding/S1", c, "csrf=wrong&text=x").status == 403);
  BOOST_TEST(s.Call("POST", "/audit/1/finding/S1", c, "text=x").status == 403);
  BOOST_TEST(s.Call("POST", "/audit/1/finding/NOPE", c, "csrf=" + csrf + "&text=x").status == 404);
  BOOST_TEST(Findings(s) == 0);
  // A final audit refuses, saying why, and its form is disabled.
  Freeze(s);
  Reply frozen = s.Call("POST", "/audit/1/finding/S1", c, "csrf=" + csrf + "&text=x");
  BOOST_TEST(frozen.status == 409);
  BOOST_TEST(frozen.body.find("bevroren") != std::string::npos);
  BOOST_TEST(frozen.body.find("<fieldset disabled>") != std::string::npos);
  BOOST_TEST(Findings(s) == 0);
}

BOOST_AUTO_TEST_CASE(a_disagreement_is_listed_and_reconciled_with_its_reason_kept_exactly) {
  Served s;
  const std::string k = s.sample.cases[0].case_id;
  BOOST_TEST_REQUIRE(SetScore(s.fixture.ws.get(), {1, k, "C1", "voldoet", "ja", "Anna", {}}).ok());
  BOOST_TEST_REQUIRE(
      SetScore(s.fixture.ws.get(), {1, k, "C1", "voldoet_niet", "nee", "Bram", {}}).ok());
  const std::string c = s.Login();
  Reply page = s.Call("GET", "/audit/1/disagreements", c);
  BOOST_TEST(page.status == 200);
  BOOST_TEST(page.body.find("Anna: voldoet, Bram: voldoet niet") != std::string::npos, page.body);
  BOOST_TEST(page.body.find("name=\"case\" value=\"" + k + "\"") != std::string::npos);
  const std::string csrf = s.Hidden(page.body, "csrf");
  const std::string item = "csrf=" + csrf + "&case=" + k + "&criterion=C1";
  const long before = s.Events();
  // Without a reason, or with a result a case criterion does not have: 422, nothing written,
  // the reason typed kept in its form.
  Reply no_reason = s.Call("POST", "/audit/1/disagreements", c, item + "&result=voldoet&reason=");
  BOOST_TEST(no_reason.status == 422);
  BOOST_TEST(no_reason.body.find("Er is niets opgeslagen.") != std::string::npos);
  Reply bad = s.Call("POST", "/audit/1/disagreements", c,
                     item + "&result=misschien&reason=" + s.Encode(kTyped));
  BOOST_TEST(bad.status == 422);
  BOOST_TEST(bad.body.find(">" + Escape(kStored) + "</textarea>") != std::string::npos);
  BOOST_TEST(s.Call("POST", "/audit/1/disagreements", c,
                    "csrf=wrong&case=" + k + "&criterion=C1&result=voldoet&reason=x")
                 .status == 403);
  BOOST_TEST(s.Events() == before);
  Reply done = s.Call("POST", "/audit/1/disagreements", c,
                      item + "&result=voldoet_niet&reason=" + s.Encode(kTyped));
  BOOST_TEST(done.status == 303);
  BOOST_TEST(s.Events() == before + 1);
  Result<std::vector<CurrentScore>> scores = CurrentScores(s.fixture.ws.get(), 1);
  BOOST_TEST_REQUIRE(scores.ok());
  bool found = false;
  for (const CurrentScore& sc : *scores) {
    found |= sc.reconciled && sc.case_id == k && sc.criterion == "C1" &&
             sc.result == "voldoet_niet" && sc.note == kStored;
  }
  BOOST_TEST(found);
  const std::string after = s.Call("GET", "/audit/1/disagreements", c).body;
  BOOST_TEST(after.find("Geen open verschillen.") != std::string::npos);
  BOOST_TEST(after.find("afgestemd: voldoet niet") != std::string::npos);
  // A final audit: 409 with the library's reason, nothing written.
  Freeze(s);
  BOOST_TEST(
      s.Call("POST", "/audit/1/disagreements", c, item + "&result=voldoet&reason=x").status == 409);
  BOOST_TEST(s.Events() == before + 1);
}

// Blind scoring holds on the review pages: Bram and Cees differ on a case Anna has not
// scored, so Anna sees neither their results nor their notes, only that something is hidden.
BOOST_AUTO_TEST_CASE(review_pages_keep_scoring_blind) {
  Served s;
  BOOST_TEST_REQUIRE(ChangeInspectors(s.fixture.ws.get(), 1, {"Cees"}, {}, "").ok());
  const std::string k = s.sample.cases[1].case_id;
  BOOST_TEST_REQUIRE(
      SetScore(s.fixture.ws.get(), {1, k, "C1", "voldoet", "geheim-van-bram", "Bram", {}}).ok());
  BOOST_TEST_REQUIRE(
      SetScore(s.fixture.ws.get(), {1, k, "C1", "voldoet_niet", "geheim-van-cees", "Cees", {}})
          .ok());
  const std::string c = s.Login();
  const std::string history = "/audit/1/history?case=" + k + "&criterion=C1";
  for (const std::string& path :
       {std::string("/audit/1/disagreements"), std::string("/audit/1/agreement"), history,
        std::string("/audit/1/scores")}) {
    Reply r = s.Call("GET", path, c);
    BOOST_TEST(r.status == 200, path);
    BOOST_TEST(r.body.find("geheim-van") == std::string::npos, path);
    BOOST_TEST(r.body.find("Bram: voldoet") == std::string::npos, path);
    BOOST_TEST(r.body.find("Bram voldoet") == std::string::npos, path);
  }
  BOOST_TEST(s.Call("GET", "/audit/1/disagreements", c).body.find("1 verschil(len)") !=
             std::string::npos);
  BOOST_TEST(s.Call("GET", history, c).body.find("2 gebeurtenis(sen)") != std::string::npos);
  // Once Anna has scored it, the trail shows all three.
  BOOST_TEST_REQUIRE(SetScore(s.fixture.ws.get(), {1, k, "C1", "voldoet", "", "Anna", {}}).ok());
  const std::string seen = s.Call("GET", history, c).body;
  BOOST_TEST(seen.find("geheim-van-bram") != std::string::npos);
  BOOST_TEST(seen.find("geheim-van-cees") != std::string::npos);
  BOOST_TEST(seen.find("verborgen") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_history_of_a_criterion_names_who_when_and_what) {
  Served s;
  const std::string k = s.sample.cases[2].case_id;
  BOOST_TEST_REQUIRE(
      SetScore(s.fixture.ws.get(), {1, k, "C1", "voldoet", kStored, "Anna", {}}).ok());
  BOOST_TEST_REQUIRE(SetScore(s.fixture.ws.get(), {1, k, "C1", "nvt", {}, "Anna", {}}).ok());
  BOOST_TEST_REQUIRE(SetScore(s.fixture.ws.get(), {1, "", "O1", "deels", "org", "Anna", {}}).ok());
  const std::string c = s.Login();
  Reply r = s.Call("GET", "/audit/1/history?case=" + k + "&criterion=C1", c);
  BOOST_TEST(r.status == 200);
  // Two events, newest last: — → voldoet, then voldoet → n.v.t.
  BOOST_TEST(r.body.find("<td>—</td><td>voldoet</td>") != std::string::npos, r.body);
  BOOST_TEST(r.body.find("<td>voldoet</td><td>n.v.t.</td>") != std::string::npos);
  BOOST_TEST(r.body.find(Escape("1 + 1 & \"twee\" 'drie' <b>vier</b>") + "<br>\n") !=
             std::string::npos);
  // The stamp in Dutch time with a month name, never the ISO form nor "UTC".
  BOOST_TEST(std::regex_search(
      r.body, std::regex("<td>[0-9]{1,2} [a-z]+ 20[0-9]{2}, [0-9]{2}:[0-9]{2}</td>")));
  BOOST_TEST(r.body.find(" UTC") == std::string::npos);
  // An organisation criterion has no case; its levels by name, not by id.
  Reply org = s.Call("GET", "/audit/1/history?criterion=O1", c);
  BOOST_TEST(org.status == 200);
  BOOST_TEST(org.body.find("<td>—</td><td>D</td>") != std::string::npos);
  // Linked from the case page and the organisation page.
  BOOST_TEST(s.Call("GET", s.CasePath(2), c)
                 .body.find("/audit/1/history?case=" + k + "&amp;criterion=C1") !=
             std::string::npos);
  BOOST_TEST(s.Call("GET", "/audit/1/organisation", c).body.find("/audit/1/history?criterion=O1") !=
             std::string::npos);
  for (const char* bad :
       {"/audit/1/history", "/audit/1/history?criterion=NOPE", "/audit/1/history?criterion=C1",
        "/audit/1/history?case=C001&criterion=O1"}) {
    BOOST_TEST(s.Call("GET", bad, c).status == 400, bad);
  }
}

BOOST_AUTO_TEST_CASE(the_score_overview_filters_unscored_disagreements_and_one_criterion) {
  Served s;
  const std::string k0 = s.sample.cases[0].case_id;
  BOOST_TEST_REQUIRE(SetScore(s.fixture.ws.get(), {1, k0, "C1", "voldoet", "", "Anna", {}}).ok());
  BOOST_TEST_REQUIRE(
      SetScore(s.fixture.ws.get(), {1, k0, "C1", "voldoet_niet", "", "Bram", {}}).ok());
  const std::string c = s.Login();
  // Rows: C1 on every sampled case, C2 on the meldingen (odd case numbers).
  long meldingen = 0;
  for (const SampledCase& sc : s.sample.cases) meldingen += (sc.case_id.back() - '0') % 2;
  const auto rows = [&](const std::string& query) {
    const std::string body = s.Call("GET", "/audit/1/scores" + query, c).body;
    long n = 0;
    for (size_t at = 0;
         (at = body.find("<tr><td><a href=\"/audit/1/case/", at)) != std::string::npos; ++at)
      ++n;
    return n;
  };
  BOOST_TEST(rows("") == 6 + meldingen);
  BOOST_TEST(rows("?show=unscored") == 6 + meldingen - 1);
  BOOST_TEST(rows("?show=disagreements") == 1);
  BOOST_TEST(rows("?criterion=C2") == meldingen);
  BOOST_TEST(rows("?show=disagreements&criterion=C2") == 0);
  const std::string one = s.Call("GET", "/audit/1/scores?show=disagreements", c).body;
  BOOST_TEST(one.find("Bram: voldoet niet") != std::string::npos);
  BOOST_TEST(one.find("<option value=\"disagreements\" selected>") != std::string::npos);
  BOOST_TEST(s.Call("GET", "/audit/1/scores?show=bogus", c).status == 400);
  BOOST_TEST(s.Call("GET", "/audit/1/scores?criterion=O1", c).status == 400);
}

BOOST_AUTO_TEST_CASE(the_case_page_shows_its_dates_in_dutch_and_keeps_a_note_exactly) {
  Served s;
  const std::string c = s.Login();
  const std::string page = s.Call("GET", s.CasePath(0), c).body;
  // Received 2025-03-03 (Served): written out, the unset moments named as such.
  BOOST_TEST(page.find("<dt>Ontvangen</dt><dd>3 maart 2025</dd>") != std::string::npos);
  BOOST_TEST(
      page.find("<dt>Veiligheidsbeoordeling</dt><dd><span class=\"muted\">niet geregistreerd") !=
      std::string::npos);
  BOOST_TEST(page.find("Raad voor de Kinderbescherming</dt><dd>nee</dd>") != std::string::npos);
  BOOST_TEST(page.find("2025-03-03") == std::string::npos);
  BOOST_TEST(s.Call("GET", "/audit/1", c).body.find("<td>3 maart 2025</td>") != std::string::npos);
  BOOST_TEST(s.Call("GET", s.CasePath(0) + "?lang=en", c).body.find("<dd>3 March 2025</dd>") !=
             std::string::npos);
  const std::string form = "csrf=" + s.Hidden(page, "csrf") +
                           "&base_C1=" + s.Hidden(page, "base_C1") +
                           "&r_C1=voldoet&note_C1=" + s.Encode(kTyped) + "&then=stay";
  BOOST_TEST(s.Call("POST", s.CasePath(0), c, form).status == 303);
  Result<std::vector<CurrentScore>> scores = CurrentScores(s.fixture.ws.get(), 1);
  BOOST_TEST_REQUIRE(scores.ok());
  BOOST_TEST_REQUIRE(scores->size() == 1u);
  BOOST_TEST((*scores)[0].note == kStored);
  BOOST_TEST(s.Call("GET", s.CasePath(0), c).body.find(">" + Escape(kStored) + "</textarea>") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(figures_are_written_the_dutch_way) {
  Served s;
  const std::string k0 = s.sample.cases[0].case_id, k1 = s.sample.cases[1].case_id;
  // C1 on two cases by both: agree on one, differ on the other, so observed = 1/2 = 50,0%.
  for (const char* who : {"Anna", "Bram"}) {
    BOOST_TEST_REQUIRE(SetScore(s.fixture.ws.get(), {1, k0, "C1", "voldoet", "", who, {}}).ok());
  }
  BOOST_TEST_REQUIRE(SetScore(s.fixture.ws.get(), {1, k1, "C1", "voldoet", "", "Anna", {}}).ok());
  BOOST_TEST_REQUIRE(
      SetScore(s.fixture.ws.get(), {1, k1, "C1", "voldoet_niet", "", "Bram", {}}).ok());
  const std::string c = s.Login();
  const std::string agreement = s.Call("GET", "/audit/1/agreement", c).body;
  BOOST_TEST(agreement.find("<td class=\"num\">50,0%</td>") != std::string::npos, agreement);
  BOOST_TEST(
      s.Call("GET", "/audit/1/agreement?lang=en", c).body.find("<td class=\"num\">50.0%</td>") !=
      std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace vtaudit::web
