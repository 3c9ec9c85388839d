#include "status.h"

namespace vtaudit {

Status Status::InvalidAll(std::vector<std::string> messages, std::vector<ProblemCode> problems) {
  Status s;
  if (messages.empty()) return s;
  assert(problems.empty() || problems.size() == messages.size());
  s.code_ = Code::kInvalidInput;
  problems.resize(messages.size());
  s.messages_ = std::move(messages);
  s.problems_ = std::move(problems);
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
