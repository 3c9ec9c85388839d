// The one error model of vtaudit. Every fallible library call returns a Status
// (or a Result<T>, which is a value or a Status); callers propagate with
//   if (!s.ok()) return s;
// A Status may carry several messages (a loader reports every error of a file,
// not only the first). Messages name the place: "FILE:LINE:COL: what" for XML,
// "FILE:LINE: column X: what" for CSV. Front ends print each message on its own
// line after "vtaudit: " and map the code onto an exit status.
#ifndef VTAUDIT_STATUS_H_
#define VTAUDIT_STATUS_H_

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace vtaudit {

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
  // One status for many messages; ok when `messages` is empty.
  static Status InvalidAll(std::vector<std::string> messages);

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  bool IsNotFound() const { return code_ == Code::kNotFound; }
  bool IsConflict() const { return code_ == Code::kConflict; }
  bool IsBusy() const { return code_ == Code::kBusy; }
  // The messages, in order; empty when ok.
  const std::vector<std::string>& messages() const { return messages_; }
  // All messages joined by newlines.
  std::string ToString() const;

 private:
  Status(Code code, std::string message) : code_(code), messages_{std::move(message)} {}

  Code code_ = Code::kOk;
  std::vector<std::string> messages_;
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
