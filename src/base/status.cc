#include "status.h"

namespace vtaudit {

Status Status::InvalidAll(std::vector<std::string> messages) {
  Status s;
  if (messages.empty()) return s;
  s.code_ = Code::kInvalidInput;
  s.messages_ = std::move(messages);
  return s;
}

std::string Status::ToString() const {
  std::string out;
  for (const std::string& m : messages_) {
    if (!out.empty()) out += '\n';
    out += m;
  }
  return out;
}

}  // namespace vtaudit
