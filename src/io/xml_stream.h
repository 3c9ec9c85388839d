// XmlStream: reads one XML document from a stream through expat, a chunk at a time, and
// calls a handler for every element and run of text, so that memory does not grow with the
// document: it holds one chunk, the open elements and the markup token being read. The
// handler may pause the parse (after a row, say) and the caller resume it, which makes a
// pull reader of a push parser. Not thread-safe.
//
// Hostile input is refused with its position: a DOCTYPE (so that no entity can be
// declared, let alone expanded), elements nested deeper than kMaxDepth, a markup token (a
// tag with its attributes, a comment, a declaration) longer than kMaxTokenBytes, and more
// than `max_bytes` of input. Names are given as written, prefix included (no namespace
// processing); XmlLocalName strips the prefix. Text comes as UTF-8, in runs: one text node
// may come in several runs, and entities and character references are already replaced.
#ifndef VTAUDIT_XML_STREAM_H_
#define VTAUDIT_XML_STREAM_H_

#include <cstddef>
#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <string_view>

namespace vtaudit {

// "row" for "x:row" and for "row".
std::string_view XmlLocalName(std::string_view name);

// The attributes of a start tag: expat's null-terminated array of name, value pairs.
class XmlAttributes {
 public:
  explicit XmlAttributes(const char** pairs) : pairs_(pairs) {}
  // The value of the attribute written `name`, or nullptr when it has none.
  const char* Find(std::string_view name) const;
  // Calls f(name, value) for each attribute, in document order.
  template <typename F>
  void ForEach(F f) const {
    for (const char** p = pairs_; *p != nullptr; p += 2) f(std::string_view(p[0]), p[1]);
  }

 private:
  const char** pairs_;
};

class XmlStream {
 public:
  // Handles the events of one document. A handler may call Pause() or Fail() on the stream.
  class Handler {
   public:
    virtual ~Handler() = default;
    virtual void StartElement(std::string_view name, const XmlAttributes& attributes) = 0;
    virtual void EndElement(std::string_view name) = 0;
    virtual void Text(std::string_view text) = 0;
  };

  // Why parsing stopped, and where: the markup at line:column (1-based), or no position
  // for input longer than max_bytes or unreadable (its reason then says so).
  struct Error {
    enum class Kind { kMarkup, kTooLong, kUnreadable };
    Kind kind = Kind::kMarkup;
    int line = 0;
    int column = 0;
    std::string reason;
  };

  enum class State { kPaused, kDone, kFailed };

  static constexpr int kMaxDepth = 64;
  static constexpr std::size_t kMaxTokenBytes = std::size_t{1} << 20;
  static constexpr std::size_t kChunkBytes = std::size_t{64} << 10;

  // Reads `in` (which must outlive the stream), refusing more than `max_bytes` of it.
  XmlStream(std::istream* in, Handler* handler, std::uint64_t max_bytes);
  ~XmlStream();
  XmlStream(const XmlStream&) = delete;
  XmlStream& operator=(const XmlStream&) = delete;

  // Parses on until the document ends (kDone), a handler pauses (kPaused: call Parse again
  // to go on) or an error (kFailed: error() says which; so does every later call).
  State Parse();
  // From a handler: Parse returns kPaused once the current event is handled.
  void Pause();
  // From a handler: parsing stops with `reason` at the current event's position.
  void Fail(std::string reason);
  const Error& error() const { return error_; }

 private:
  struct Callbacks;

  State Feed();
  // What an XML_Parse/XML_Resume status means; nullopt: the chunk is parsed, go on.
  std::optional<State> Stopped(int status);
  State Refuse(Error::Kind kind, std::string reason);  // outside a callback

  std::istream* in_;
  Handler* handler_;
  std::uint64_t max_bytes_;
  std::uint64_t bytes_read_ = 0;
  std::size_t bytes_since_event_ = 0;  // fed without any callback: a token being buffered
  void* parser_;                       // XML_Parser
  int depth_ = 0;
  bool pause_requested_ = false;
  bool suspended_ = false;
  bool final_fed_ = false;
  bool failed_ = false;
  Error error_;
};

}  // namespace vtaudit

#endif  // VTAUDIT_XML_STREAM_H_
