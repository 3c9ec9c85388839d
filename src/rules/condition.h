// An applicability condition on case fields, written in a framework file:
//   kind = melding and investigation_decided is set
//   disclosure = 1 or violence in (kindermishandeling, geweld_tegen_ouders)
// Grammar (keywords lower case, values bare words or 'quoted'):
//   expr  := and ("or" and)*         and := unary ("and" unary)*
//   unary := "not" unary | "(" expr ")" | FIELD test
//   test  := "=" VALUE | "!=" VALUE | "in" "(" VALUE ("," VALUE)* ")" | "is" "set" | "is" "empty"
// FIELD is a case field (CaseFieldNames()). A field with several values (violence)
// equals v when any of its values is v. Conditions are immutable and cheap to copy.
#ifndef VTAUDIT_CONDITION_H_
#define VTAUDIT_CONDITION_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "case_record.h"
#include "status.h"

namespace vtaudit {

struct ConditionError {
  size_t offset = 0;  // byte offset into the condition text
  std::string message;
  ProblemCode problem;  // the message's code (problem.condition.*), for PutReason
};

class Condition {
 public:
  // A condition that is always true (no applicability restriction).
  Condition() = default;
  // Parses `text`; on failure returns nullopt and fills *error.
  static std::optional<Condition> Parse(std::string_view text, ConditionError* error);

  bool Matches(const CaseRecord& c) const;
  bool always() const { return root_ == nullptr; }
  // The text it was parsed from ("" for always).
  const std::string& text() const { return text_; }

  struct Node;

 private:
  std::shared_ptr<const Node> root_;
  std::string text_;
};

}  // namespace vtaudit

#endif  // VTAUDIT_CONDITION_H_
