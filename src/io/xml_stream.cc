#include "xml_stream.h"

#include <expat.h>

#include <utility>

namespace vtaudit {

std::string_view XmlLocalName(std::string_view name) {
  const std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

const char* XmlAttributes::Find(std::string_view name) const {
  for (const char** p = pairs_; *p != nullptr; p += 2) {
    // Compared in place: this runs for every cell of a sheet.
    const char* written = p[0];
    std::size_t i = 0;
    while (i < name.size() && written[i] == name[i]) ++i;
    if (i == name.size() && written[i] == '\0') return p[1];
  }
  return nullptr;
}

// expat's callbacks, with the stream as user data. After Fail() expat may still deliver an
// event or two (the end of an empty element whose start failed): they are dropped.
struct XmlStream::Callbacks {
  static XmlStream* Self(void* data) { return static_cast<XmlStream*>(data); }

  static void Start(void* data, const XML_Char* name, const XML_Char** attributes) {
    XmlStream* s = Self(data);
    s->bytes_since_event_ = 0;
    if (s->failed_) return;
    if (++s->depth_ > kMaxDepth) {
      s->Fail("elements nested deeper than " + std::to_string(kMaxDepth));
      return;
    }
    s->handler_->StartElement(name, XmlAttributes(attributes));
  }
  static void End(void* data, const XML_Char* name) {
    XmlStream* s = Self(data);
    s->bytes_since_event_ = 0;
    if (s->failed_) return;
    --s->depth_;
    s->handler_->EndElement(name);
  }
  static void Text(void* data, const XML_Char* text, int length) {
    XmlStream* s = Self(data);
    s->bytes_since_event_ = 0;
    if (s->failed_) return;
    s->handler_->Text(std::string_view(text, static_cast<std::size_t>(length)));
  }
  // Comments, processing instructions, the XML declaration, white space outside the root:
  // nothing to handle, but each one ends a token.
  static void Other(void* data, const XML_Char*, int) { Self(data)->bytes_since_event_ = 0; }
  static void Comment(void* data, const XML_Char*) { Self(data)->bytes_since_event_ = 0; }
  static void Instruction(void* data, const XML_Char*, const XML_Char*) {
    Self(data)->bytes_since_event_ = 0;
  }
  static void Declaration(void* data, const XML_Char*, const XML_Char*, int) {
    Self(data)->bytes_since_event_ = 0;
  }
  static void Doctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
    Self(data)->Fail("DOCTYPE is refused");
  }
};

XmlStream::XmlStream(std::istream* in, Handler* handler, std::uint64_t max_bytes)
    : in_(in), handler_(handler), max_bytes_(max_bytes), parser_(XML_ParserCreate(nullptr)) {
  XML_Parser p = static_cast<XML_Parser>(parser_);
  if (p == nullptr) {
    failed_ = true;
    error_ = {Error::Kind::kUnreadable, 0, 0, "out of memory"};
    return;
  }
  XML_SetUserData(p, this);
  XML_SetElementHandler(p, Callbacks::Start, Callbacks::End);
  XML_SetCharacterDataHandler(p, Callbacks::Text);
  XML_SetCommentHandler(p, Callbacks::Comment);
  XML_SetProcessingInstructionHandler(p, Callbacks::Instruction);
  XML_SetXmlDeclHandler(p, Callbacks::Declaration);
  XML_SetDefaultHandlerExpand(p, Callbacks::Other);
  XML_SetStartDoctypeDeclHandler(p, Callbacks::Doctype);
}

XmlStream::~XmlStream() {
  if (parser_ != nullptr) XML_ParserFree(static_cast<XML_Parser>(parser_));
}

void XmlStream::Pause() {
  if (pause_requested_ || failed_) return;
  pause_requested_ = true;
  XML_StopParser(static_cast<XML_Parser>(parser_), XML_TRUE);
}

void XmlStream::Fail(std::string reason) {
  if (failed_) return;
  XML_Parser p = static_cast<XML_Parser>(parser_);
  failed_ = true;
  error_ = {Error::Kind::kMarkup, static_cast<int>(XML_GetCurrentLineNumber(p)),
            static_cast<int>(XML_GetCurrentColumnNumber(p)) + 1, std::move(reason)};
  XML_StopParser(p, XML_FALSE);
}

XmlStream::State XmlStream::Refuse(Error::Kind kind, std::string reason) {
  XML_Parser p = static_cast<XML_Parser>(parser_);
  failed_ = true;
  error_ = {kind, 0, 0, std::move(reason)};
  if (kind == Error::Kind::kMarkup) {
    error_.line = static_cast<int>(XML_GetCurrentLineNumber(p));
    error_.column = static_cast<int>(XML_GetCurrentColumnNumber(p)) + 1;
  }
  return State::kFailed;
}

std::optional<XmlStream::State> XmlStream::Stopped(int status) {
  if (failed_) return State::kFailed;  // a handler's Fail, which expat reports as an error
  if (status == XML_STATUS_SUSPENDED) {
    suspended_ = true;
    return State::kPaused;
  }
  if (status == XML_STATUS_ERROR) {
    XML_Parser p = static_cast<XML_Parser>(parser_);
    return Refuse(Error::Kind::kMarkup,
                  std::string("malformed XML (") + XML_ErrorString(XML_GetErrorCode(p)) + ")");
  }
  return std::nullopt;
}

XmlStream::State XmlStream::Parse() {
  if (failed_) return State::kFailed;
  if (final_fed_ && !suspended_) return State::kDone;
  if (suspended_) {
    suspended_ = false;
    pause_requested_ = false;
    if (const auto stopped = Stopped(XML_ResumeParser(static_cast<XML_Parser>(parser_)))) {
      return *stopped;
    }
    if (final_fed_) return State::kDone;
  }
  return Feed();
}

XmlStream::State XmlStream::Feed() {
  XML_Parser p = static_cast<XML_Parser>(parser_);
  while (true) {
    // expat keeps a token it has not seen the end of; without this its buffer would grow
    // with it (a start tag of a million attributes, say).
    if (bytes_since_event_ > kMaxTokenBytes) {
      return Refuse(Error::Kind::kMarkup, "a tag, comment or declaration longer than " +
                                              std::to_string(kMaxTokenBytes >> 20) + " MiB");
    }
    void* buffer = XML_GetBuffer(p, static_cast<int>(kChunkBytes));
    if (buffer == nullptr) return Refuse(Error::Kind::kUnreadable, "out of memory");
    in_->read(static_cast<char*>(buffer), static_cast<std::streamsize>(kChunkBytes));
    if (in_->bad()) return Refuse(Error::Kind::kUnreadable, "cannot read");
    const auto got = static_cast<std::size_t>(in_->gcount());
    bytes_read_ += got;
    if (bytes_read_ > max_bytes_) {
      return Refuse(Error::Kind::kTooLong, "longer than " + std::to_string(max_bytes_) + " bytes");
    }
    bytes_since_event_ += got;
    final_fed_ = got < kChunkBytes;
    if (const auto stopped =
            Stopped(XML_ParseBuffer(p, static_cast<int>(got), final_fed_ ? XML_TRUE : XML_FALSE))) {
      return *stopped;
    }
    if (final_fed_) return State::kDone;
  }
}

}  // namespace vtaudit
