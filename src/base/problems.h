// The problem codes of the library in one list. A message a user may meet carries a
// ProblemCode (status.h) whose key is one of ProblemKeys(); the texts of each language
// (reports/text-nl.properties, text-en.properties) give every listed key its text, and a
// unit test holds the list, the texts and the keys written in src/ to each other.
#ifndef VTAUDIT_PROBLEMS_H_
#define VTAUDIT_PROBLEMS_H_

#include <map>
#include <span>
#include <string>
#include <string_view>

#include "status.h"

namespace vtaudit {

// Every problem key the library gives, sorted.
std::span<const std::string_view> ProblemKeys();

// The code `key` with `args`. REQUIRES: `key` is one of ProblemKeys().
ProblemCode Problem(std::string_view key, std::map<std::string, std::string> args = {});

// Puts the problem `reason` into `args` as the field `field` ("why"), beside the English that
// args[field] holds: its key as "FIELD@" and each of its arguments as "FIELD@NAME". A front
// end that has the reason's text says it in its language and fills the field with that
// (Translator::Say); one that has not keeps the English.
void PutReason(std::map<std::string, std::string>* args, const std::string& field,
               const ProblemCode& reason);

}  // namespace vtaudit

#endif  // VTAUDIT_PROBLEMS_H_
