// The one error model of vtaudit. Every fallible library call returns a Status
// (or a Result<T>, which is a value or a Status); callers propagate with
//   if (!s.ok()) return s;
// A Status may carry several messages (a loader reports every error of a file,
// not only the first). Messages name the place: "FILE:LINE:COL: what" for XML,
// "FILE:LINE: column X: what" for CSV. Front ends print each message on its own
// line after "vtaudit: " and map the code onto an exit status.
//
// A message may also carry a problem code: a key and named arguments ("problem.score.final",
// {audit: "3"}) that a front end speaking another language looks up in its texts
// (Translator::Messages in translator.h), so that the web UI says in Dutch what the library
// says in English, without checking the input a second time. The English message stays the
// one the command line prints and the one used where a key has no text. Every key is in the
// one list of problems.h, and codes are made there (Problem). An argument may be a problem of
// its own, the reason inside a message ("… is not a date: {why}" with the date parser's "no
// such day: …"): its key and arguments sit in the args under the field's name and '@' (see
// PutReason in problems.h), and a front end says the reason in its language too.
#ifndef VTAUDIT_STATUS_H_
#define VTAUDIT_STATUS_H_

#include <cassert>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace vtaudit {

// What went wrong, as a key and its arguments, for translation (see above).
struct ProblemCode {
  std::string key;                          // "problem.score.final"; empty: none
  std::map<std::string, std::string> args;  // {audit: "3"}; a reason's parts as "why@…"
};

// [[nodiscard]]: a Status that is dropped is an error nobody hears of.
class [[nodiscard]] Status {
 public:
  enum class Code {
    kOk,
    kInvalidInput,  // the user's data or arguments are wrong
    kNotFound,      // a named thing (organisation, audit, file) does not exist
    kConflict,      // the request contradicts stored state (final audit, second draw)
    kIoError,       // the file system or the database failed
    kBusy,          // another writer held the workspace too long: nothing done, try again
    kInternal,      // a bug
  };

  Status() = default;  // ok
  static Status Ok() { return Status(); }
  static Status Invalid(std::string message) { return {Code::kInvalidInput, std::move(message)}; }
  static Status NotFound(std::string message) { return {Code::kNotFound, std::move(message)}; }
  static Status Conflict(std::string message) { return {Code::kConflict, std::move(message)}; }
  static Status IoError(std::string message) { return {Code::kIoError, std::move(message)}; }
  static Status Internal(std::string message) { return {Code::kInternal, std::move(message)}; }
  static Status Busy(std::string message) { return {Code::kBusy, std::move(message)}; }
  // The same, with the message's problem code.
  static Status Invalid(std::string message, ProblemCode problem) {
    return {Code::kInvalidInput, std::move(message), std::move(problem)};
  }
  static Status NotFound(std::string message, ProblemCode problem) {
    return {Code::kNotFound, std::move(message), std::move(problem)};
  }
  static Status Conflict(std::string message, ProblemCode problem) {
    return {Code::kConflict, std::move(message), std::move(problem)};
  }
  static Status IoError(std::string message, ProblemCode problem) {
    return {Code::kIoError, std::move(message), std::move(problem)};
  }
  static Status Busy(std::string message, ProblemCode problem) {
    return {Code::kBusy, std::move(message), std::move(problem)};
  }
  // One status for many messages; ok when `messages` is empty. `problems`, when given,
  // holds one code per message (an empty key where a message has none).
  static Status InvalidAll(std::vector<std::string> messages,
                           std::vector<ProblemCode> problems = {});

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  bool IsNotFound() const { return code_ == Code::kNotFound; }
  bool IsConflict() const { return code_ == Code::kConflict; }
  bool IsBusy() const { return code_ == Code::kBusy; }
  // The messages, in order; empty when ok.
  const std::vector<std::string>& messages() const { return messages_; }
  // The problem code of each message, in the order of messages(); a message without one has
  // an empty key.
  const std::vector<ProblemCode>& problems() const { return problems_; }
  // All messages joined by newlines.
  std::string ToString() const;

 private:
  Status(Code code, std::string message, ProblemCode problem = {})
      : code_(code), messages_{std::move(message)}, problems_{std::move(problem)} {}

  Code code_ = Code::kOk;
  std::vector<std::string> messages_;
  std::vector<ProblemCode> problems_;  // as many as messages_
};

// A value of type T, or the Status that explains why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) { assert(!status_.ok()); }  // NOLINT

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  // REQUIRES: ok()
  T& value() & { return (assert(ok()), *value_); }
  const T& value() const& { return (assert(ok()), *value_); }
  T&& value() && { return (assert(ok()), std::move(*value_)); }
  T* operator->() { return (assert(ok()), &*value_); }
  const T* operator->() const { return (assert(ok()), &*value_); }
  T& operator*() & { return (assert(ok()), *value_); }
  const T& operator*() const& { return (assert(ok()), *value_); }
  T&& operator*() && { return (assert(ok()), std::move(*value_)); }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace vtaudit

#endif  // VTAUDIT_STATUS_H_
