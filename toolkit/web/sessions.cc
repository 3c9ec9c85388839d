#include "sessions.h"

#include "web_server.h"

namespace vtaudit::web {

bool SameSecret(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

Result<std::string> Sessions::NewToken() {
  Result<std::string> token = RandomHex(16);
  if (!token.ok()) return token.status();
  std::lock_guard lock(mutex_);
  token_ = *token;
  token_spent_ = false;
  return *token;
}

std::string Sessions::token() const {
  std::lock_guard lock(mutex_);
  return token_;
}

Result<std::string> Sessions::Open(std::string_view token, const Session& fresh) {
  Result<std::string> id = RandomHex(16), csrf = RandomHex(16);
  if (!id.ok()) return id.status();
  if (!csrf.ok()) return csrf.status();
  std::lock_guard lock(mutex_);
  if (token_.empty() || token_spent_ || !SameSecret(token, token_)) {
    return Status::NotFound("not the current access token");
  }
  token_spent_ = true;
  const Clock::time_point now = Clock::now();
  // Sessions nobody came back to are forgotten here, so the table cannot grow for ever.
  std::erase_if(sessions_, [&](const auto& e) { return now - e.second.last_used > idle_; });
  Session session = fresh;
  session.csrf = *csrf;
  sessions_[*id] = {session, now};
  return *id;
}

Sessions::Found Sessions::Touch(const std::string& id, std::optional<Lang> lang, Session* out) {
  std::lock_guard lock(mutex_);
  auto it = sessions_.find(id);
  if (it == sessions_.end()) return Found::kUnknown;
  const Clock::time_point now = Clock::now();
  if (now - it->second.last_used > idle_) {
    sessions_.erase(it);
    return Found::kExpired;
  }
  it->second.last_used = now;
  if (lang) it->second.session.lang = *lang;
  *out = it->second.session;
  return Found::kActive;
}

void Sessions::SetInspector(const std::string& id, const std::string& inspector) {
  std::lock_guard lock(mutex_);
  if (auto it = sessions_.find(id); it != sessions_.end()) it->second.session.inspector = inspector;
}

}  // namespace vtaudit::web
