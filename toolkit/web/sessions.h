// The sessions of one web server: the access token that opens a session, and the sessions it
// opened. A token opens one session, once; drawing a new token voids the previous one, used
// or not. A session ends when it has had no request for the idle limit. Private to
// toolkit/web; thread-safe.
#ifndef VTAUDIT_TOOLKIT_WEB_SESSIONS_H_
#define VTAUDIT_TOOLKIT_WEB_SESSIONS_H_

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "status.h"
#include "web_internal.h"

namespace vtaudit::web {

// Whether two secrets are equal, in a time that does not tell where they differ.
bool SameSecret(std::string_view a, std::string_view b);

struct Session {
  std::string csrf;  // the token every form of this session carries
  Lang lang = Lang::kNl;
  std::string inspector;  // "" until the inspector says who works
};

class Sessions {
 public:
  using Clock = std::chrono::steady_clock;
  enum class Found { kActive, kExpired, kUnknown };

  explicit Sessions(std::chrono::milliseconds idle) : idle_(idle) {}

  // Draws a new access token; the previous one no longer opens a session.
  Result<std::string> NewToken();
  // The token drawn last, whether used or not.
  std::string token() const;
  // When `token` is the current unused token: spends it and opens a session with `fresh`'s
  // language and inspector and a new CSRF token; its id. NotFound for any other token.
  Result<std::string> Open(std::string_view token, const Session& fresh);
  // The session `id`: kActive (copied to `out`, its idle clock restarted, the language
  // changed when `lang` is given), kExpired (forgotten now) or kUnknown.
  Found Touch(const std::string& id, std::optional<Lang> lang, Session* out);
  void SetInspector(const std::string& id, const std::string& inspector);
  std::chrono::milliseconds idle() const { return idle_; }

 private:
  struct Entry {
    Session session;
    Clock::time_point last_used;
  };

  const std::chrono::milliseconds idle_;
  mutable std::mutex mutex_;
  std::string token_;
  bool token_spent_ = false;
  std::map<std::string, Entry> sessions_;
};

}  // namespace vtaudit::web

#endif  // VTAUDIT_TOOLKIT_WEB_SESSIONS_H_
