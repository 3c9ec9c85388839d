// A small streaming JSON writer with deterministic output (key order as written,
// numbers in their shortest round-trip form), for the `--json` outputs and the JSON
// report that other programs read. Not thread-safe.
#ifndef VTAUDIT_JSON_WRITER_H_
#define VTAUDIT_JSON_WRITER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vtaudit {

class JsonWriter {
 public:
  // pretty: two-space indentation, one member per line; else compact.
  explicit JsonWriter(bool pretty = true) : pretty_(pretty) {}

  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view value);
  JsonWriter& Number(double value);  // NaN and infinities are written as null
  JsonWriter& Int(int64_t value);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();
  JsonWriter& OptionalNumber(const std::optional<double>& value);

  // The document so far, with a final newline once the top value is closed.
  std::string str() const;

  static std::string Escape(std::string_view s);
  static std::string FormatNumber(double value);

 private:
  void BeforeValue();
  void Indent();

  bool pretty_;
  std::string out_;
  struct Frame {
    bool object;
    int count;
  };
  std::vector<Frame> stack_;
  bool after_key_ = false;
};

}  // namespace vtaudit

#endif  // VTAUDIT_JSON_WRITER_H_
