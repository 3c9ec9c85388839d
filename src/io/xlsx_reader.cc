#include "xlsx_reader.h"

#include <Poco/Exception.h>
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <utility>

#include "xml_stream.h"

namespace vtaudit {
namespace {

constexpr int kMaxRows = 1048576;  // Excel's limit
constexpr int kMaxColumns = XlsxReader::kMaxColumns;
constexpr std::size_t kMaxCellChars = XlsxReader::kMaxCellChars;
// The most raw text kMaxCellChars characters can take: each may be written _xHHHH_.
constexpr std::size_t kMaxRawCellBytes = 7 * kMaxCellChars;

std::string FormatBytes(std::uint64_t bytes) {
  constexpr std::uint64_t kMiB = std::uint64_t{1} << 20;
  if (bytes % kMiB == 0) return std::to_string(bytes / kMiB) + " MiB";
  return std::to_string(bytes) + " bytes";
}

bool EqualsIgnoringAsciiCase(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
    return lower(x) == lower(y);
  });
}

void AppendUtf8(std::uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Whether text[at..] is an escape _xHHHH_ (any case of hex digit); its value in *cp.
bool EscapeAt(std::string_view text, std::size_t at, std::uint32_t* cp) {
  if (at + 7 > text.size() || text[at] != '_' || text[at + 1] != 'x' || text[at + 6] != '_') {
    return false;
  }
  const char* digits = text.data() + at + 2;
  const auto [end, error] = std::from_chars(digits, digits + 4, *cp, 16);
  return error == std::errc() && end == digits + 4;
}

// Excel writes characters XML cannot hold (controls, NUL too) and "_x" itself (_x005F_)
// as _xHHHH_, and a character beyond U+FFFF as two, a UTF-16 surrogate pair. A surrogate
// without its partner stays as written.
void AppendExcelText(std::string_view text, std::string* out) {
  std::size_t at = 0;
  for (std::size_t hit = text.find("_x"); hit != std::string_view::npos;
       hit = text.find("_x", hit + 1)) {
    std::uint32_t cp = 0;
    if (!EscapeAt(text, hit, &cp) || (cp >= 0xDC00 && cp <= 0xDFFF)) continue;
    std::size_t length = 7;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      std::uint32_t low = 0;
      if (!EscapeAt(text, hit + 7, &low) || low < 0xDC00 || low > 0xDFFF) continue;
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
      length = 14;
    }
    out->append(text.substr(at, hit - at));
    AppendUtf8(cp, out);
    at = hit + length;
    hit = at - 1;
  }
  out->append(text.substr(at));
}

// Characters, not bytes, of UTF-8 text.
std::size_t CountChars(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

bool OverCellLimit(std::string_view text) {
  return text.size() > kMaxCellChars && CountChars(text) > kMaxCellChars;
}

std::string ResolvePartName(std::string_view target) {
  std::string joined =
      target.starts_with('/') ? std::string(target.substr(1)) : "xl/" + std::string(target);
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (start <= joined.size()) {
    std::size_t slash = joined.find('/', start);
    if (slash == std::string::npos) slash = joined.size();
    const std::string segment = joined.substr(start, slash - start);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
    start = slash + 1;
  }
  std::string name;
  for (const std::string& segment : segments) {
    if (!name.empty()) name += '/';
    name += segment;
  }
  return name;
}

// Column number (A = 1) and row number of a reference such as "C5"; row 0 when absent.
bool ParseCellRef(std::string_view ref, int* column, int* row) {
  std::size_t i = 0;
  *column = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z' && *column <= kMaxColumns) {
    *column = *column * 26 + (ref[i] - 'A' + 1);
    ++i;
  }
  if (i == 0 || *column > kMaxColumns) return false;
  *row = 0;
  if (i == ref.size()) return true;
  const auto [end, error] = std::from_chars(ref.data() + i, ref.data() + ref.size(), *row);
  return error == std::errc() && end == ref.data() + ref.size() && *row >= 1 && *row <= kMaxRows;
}

// "C5" for column 3 of row 5.
std::string CellRef(int column, int row) {
  std::string letters;
  for (; column > 0; column = (column - 1) / 26) {
    letters.insert(letters.begin(), static_cast<char>('A' + (column - 1) % 26));
  }
  return letters + std::to_string(row);
}

// The handler of one part. A fault that is no XML error (the root is not a workbook, a
// shared string does not exist) is a Status of its own, which stops the stream.
class PartHandler : public XmlStream::Handler {
 public:
  XmlStream* stream = nullptr;  // set once the part is opened
  const Status& status() const { return status_; }

 protected:
  void Refuse(Status status) {
    status_ = std::move(status);
    stream->Fail(status_.ToString());
  }
  int depth_ = 0;  // of the element being handled: the root is 1

 private:
  Status status_;
};

// A part being inflated and parsed.
struct PartStream {
  PartStream(std::istream& file, const Poco::Zip::ZipLocalFileHeader& header, PartHandler* handler,
             std::uint64_t max_bytes)
      : zip(file, header, true), xml(&zip, handler, max_bytes) {
    handler->stream = &xml;
  }
  Poco::Zip::ZipInputStream zip;
  XmlStream xml;
};

// A workbook file: its zip directory and the stream the parts are read from.
class Package {
 public:
  Package(std::string path, std::uint64_t max_part_bytes)
      : path_(std::move(path)), max_part_bytes_(max_part_bytes) {}

  Status Open() {
    file_.open(path_, std::ios::binary);
    if (!file_.is_open()) {
      const int error = errno;
      std::string message = path_ + ": cannot open: " + std::strerror(error);
      if (error == ENOENT) return Status::NotFound(std::move(message));
      return Status::IoError(std::move(message));
    }
    char magic[4] = {};
    file_.read(magic, sizeof magic);
    if (file_.gcount() != 4 || std::memcmp(magic, "PK\x03\x04", 4) != 0) {
      return NotWorkbook("not a zip archive");
    }
    file_.clear();
    file_.seekg(0);
    archive_ = std::make_unique<Poco::Zip::ZipArchive>(file_);
    return Status::Ok();
  }

  bool Has(const std::string& part) const {
    return archive_->findHeader(part) != archive_->headerEnd();
  }

  // Starts inflating `part` into `handler`, refusing it when its header says it is larger
  // than max_part_bytes (the bytes actually read are counted as well).
  // REQUIRES: Has(part)
  Result<std::unique_ptr<PartStream>> OpenPart(const std::string& part, PartHandler* handler) {
    const auto header = archive_->findHeader(part);
    if (header->second.getUncompressedSize() > max_part_bytes_) return TooLarge(part);
    file_.clear();
    return std::make_unique<PartStream>(file_, header->second, handler, max_part_bytes_);
  }

  // Parses the whole of `part` into `handler`.
  // REQUIRES: Has(part)
  Status Parse(const std::string& part, PartHandler* handler) {
    Result<std::unique_ptr<PartStream>> stream = OpenPart(part, handler);
    if (!stream.ok()) return stream.status();
    XmlStream::State state;
    do {
      state = (*stream)->xml.Parse();
    } while (state == XmlStream::State::kPaused);
    if (state == XmlStream::State::kDone) return Status::Ok();
    return ErrorOf(part, *handler, (*stream)->xml.error());
  }

  // Why parsing `part` into `handler` failed.
  Status ErrorOf(const std::string& part, const PartHandler& handler,
                 const XmlStream::Error& error) const {
    if (!handler.status().ok()) return handler.status();
    switch (error.kind) {
      case XmlStream::Error::Kind::kTooLong:
        return TooLarge(part);
      case XmlStream::Error::Kind::kUnreadable:
        return Status::IoError(path_ + ": cannot read " + part);
      case XmlStream::Error::Kind::kMarkup:
        break;
    }
    return Status::Invalid(path_ + ": " + part + ":" + std::to_string(error.line) + ":" +
                           std::to_string(error.column) + ": " + error.reason);
  }

  Status NotWorkbook(const std::string& reason) const {
    return Status::Invalid(path_ + ": not an XLSX workbook: " + reason);
  }

 private:
  Status TooLarge(const std::string& part) const {
    return Status::Invalid(path_ + ": " + part + " is larger than " + FormatBytes(max_part_bytes_) +
                           " uncompressed");
  }

  std::string path_;
  std::uint64_t max_part_bytes_;
  std::ifstream file_;
  std::unique_ptr<Poco::Zip::ZipArchive> archive_;
};

struct SheetEntry {
  std::string name;
  std::string relationship_id;
};

struct Relationship {
  std::string id;
  std::string type;
  std::string part;
};

// xl/workbook.xml: the sheets, <workbook><sheets><sheet name= r:id=/>.
class WorkbookHandler : public PartHandler {
 public:
  WorkbookHandler(const Package* package, std::vector<SheetEntry>* sheets)
      : package_(package), sheets_(sheets) {}

  void StartElement(std::string_view name, const XmlAttributes& attributes) override {
    const std::string_view local = XmlLocalName(name);
    ++depth_;
    if (depth_ == 1 && local != "workbook") {
      Refuse(package_->NotWorkbook("xl/workbook.xml holds no <workbook>"));
    } else if (depth_ == 2) {
      in_sheets_ = local == "sheets";
    } else if (depth_ == 3 && in_sheets_ && local == "sheet") {
      if (sheets_->size() == XlsxReader::kMaxListEntries) {
        stream->Fail("more than " + std::to_string(XlsxReader::kMaxListEntries) + " sheets");
        return;
      }
      SheetEntry entry;
      attributes.ForEach([&](std::string_view attribute, const char* value) {
        if (attribute == "name") {
          entry.name = value;
        } else if (attribute != "id" && XmlLocalName(attribute) == "id") {
          entry.relationship_id = value;
        }
      });
      sheets_->push_back(std::move(entry));
    }
  }
  void EndElement(std::string_view) override {
    if (depth_-- == 2) in_sheets_ = false;
  }
  void Text(std::string_view) override {}

 private:
  const Package* package_;
  std::vector<SheetEntry>* sheets_;
  bool in_sheets_ = false;
};

// xl/_rels/workbook.xml.rels: <Relationships><Relationship Id= Type= Target=/>.
class RelationshipsHandler : public PartHandler {
 public:
  explicit RelationshipsHandler(std::vector<Relationship>* relationships)
      : relationships_(relationships) {}

  void StartElement(std::string_view name, const XmlAttributes& attributes) override {
    if (++depth_ != 2 || XmlLocalName(name) != "Relationship") return;
    if (relationships_->size() == XlsxReader::kMaxListEntries) {
      stream->Fail("more than " + std::to_string(XlsxReader::kMaxListEntries) + " relationships");
      return;
    }
    const auto value = [&](std::string_view attribute) {
      const char* v = attributes.Find(attribute);
      return std::string(v ? v : "");
    };
    relationships_->push_back({value("Id"), value("Type"), ResolvePartName(value("Target"))});
  }
  void EndElement(std::string_view) override { --depth_; }
  void Text(std::string_view) override {}

 private:
  std::vector<Relationship>* relationships_;
};

// The shared string table, in blocks of its own so that it never reallocates: peak memory
// is its size plus one block. 8 bytes per string besides its text.
class SharedStrings {
 public:
  std::size_t size() const { return spans_.size(); }
  std::size_t bytes() const { return bytes_; }

  void Add(std::string_view text) {
    if (blocks_.empty() || blocks_.back().size() + text.size() > kBlockBytes) {
      blocks_.emplace_back().reserve(kBlockBytes);
    }
    std::string& block = blocks_.back();
    spans_.push_back({static_cast<std::uint32_t>((blocks_.size() - 1) * kBlockBytes + block.size()),
                      static_cast<std::uint32_t>(text.size())});
    block.append(text);
    bytes_ += text.size();
  }

  // REQUIRES: i < size()
  std::string_view operator[](std::size_t i) const {
    const Span& span = spans_[i];
    return std::string_view(blocks_[span.start / kBlockBytes])
        .substr(span.start % kBlockBytes, span.length);
  }

 private:
  // A string is at most 4 · kMaxCellChars bytes, so it fits in a block; and
  // kMaxSharedStringBytes, spread over such blocks, in a 32-bit offset.
  static constexpr std::size_t kBlockBytes = std::size_t{1} << 20;
  static_assert(4 * kMaxCellChars < kBlockBytes);
  struct Span {
    std::uint32_t start;  // block · kBlockBytes + offset in it
    std::uint32_t length;
  };
  std::vector<std::string> blocks_;
  std::vector<Span> spans_;
  std::size_t bytes_ = 0;
};

// xl/sharedStrings.xml: <sst><si> with <t>, or rich text runs <r><t>; phonetic runs
// (<rPh>) are not part of the text.
class SharedStringsHandler : public PartHandler {
 public:
  explicit SharedStringsHandler(SharedStrings* strings) : strings_(strings) {}

  void StartElement(std::string_view name, const XmlAttributes&) override {
    const std::string_view local = XmlLocalName(name);
    ++depth_;
    if (depth_ == 2) {
      in_item_ = local == "si";
      item_.clear();
    } else if (depth_ == 3 && in_item_) {
      if (local == "t") text_depth_ = 3;
      in_run_ = local == "r";
    } else if (depth_ == 4 && in_run_ && local == "t") {
      text_depth_ = 4;
    }
  }

  void Text(std::string_view text) override {
    if (text_depth_ == 0 || depth_ != text_depth_) return;
    if (raw_.size() + text.size() > kMaxRawCellBytes) return TooLong();
    raw_.append(text);
  }

  void EndElement(std::string_view) override {
    if (depth_ == text_depth_) {
      text_depth_ = 0;
      AppendExcelText(raw_, &item_);
      raw_.clear();
      if (OverCellLimit(item_)) return TooLong();
    }
    if (depth_ == 3) in_run_ = false;
    if (depth_-- != 2 || !in_item_) return;
    in_item_ = false;
    if (strings_->size() == XlsxReader::kMaxSharedStrings) {
      return stream->Fail("more than " + std::to_string(XlsxReader::kMaxSharedStrings) +
                          " shared strings");
    }
    if (strings_->bytes() + item_.size() > XlsxReader::kMaxSharedStringBytes) {
      return stream->Fail("more than " + FormatBytes(XlsxReader::kMaxSharedStringBytes) +
                          " of shared string text");
    }
    strings_->Add(item_);
  }

 private:
  void TooLong() {
    stream->Fail("a shared string of more than " + std::to_string(kMaxCellChars) +
                 " characters (Excel's limit)");
  }

  SharedStrings* strings_;
  bool in_item_ = false;
  bool in_run_ = false;
  int text_depth_ = 0;  // of the <t> whose text is being read; 0 when none
  std::string raw_;     // its text as written
  std::string item_;    // the string so far
};

Status ReadSharedStrings(Package* package, const std::vector<Relationship>& relationships,
                         SharedStrings* strings) {
  std::string part;
  for (const Relationship& rel : relationships) {
    if (rel.type.ends_with("/sharedStrings")) part = rel.part;
  }
  if (part.empty()) part = "xl/sharedStrings.xml";
  if (!package->Has(part)) return Status::Ok();
  SharedStringsHandler handler(strings);
  return package->Parse(part, &handler);
}

// The worksheet, <worksheet><sheetData><row><c>, one row at a time: it pauses the stream
// at the root (so that Open sees a part that is not a worksheet) and after each row with
// text. A cell's text is the first <v> or, of an inline string, the first <is> with its
// <t> and rich text runs <r><t>; formulas (<f>) and phonetic runs are not part of it.
class SheetHandler : public PartHandler {
 public:
  SheetHandler(std::string source_name, std::string sheet_name, const SharedStrings* strings)
      : source_name_(std::move(source_name)),
        sheet_name_(std::move(sheet_name)),
        strings_(strings) {}

  // Reads the next row with text into *row.
  void Begin(TableRow* row) {
    row_ = row;
    row_ready_ = false;
  }
  bool row_ready() const { return row_ready_; }

  void StartElement(std::string_view name, const XmlAttributes& attributes) override {
    const std::string_view local = XmlLocalName(name);
    switch (++depth_) {
      case 1:
        if (local != "worksheet") {
          return Refuse(
              Status::Invalid(source_name_ + ": sheet \"" + sheet_name_ + "\" is not a worksheet"));
        }
        return stream->Pause();
      case 2:
        in_sheet_data_ = local == "sheetData";
        return;
      case 3:
        if (in_sheet_data_ && local == "row") StartRow(attributes);
        return;
      case 4:
        if (in_row_ && local == "c") StartCell(attributes);
        return;
      case 5:
        if (!in_cell_) return;
        if (local == "v" && !seen_value_ && cell_type_ != CellType::kInline) {
          seen_value_ = true;
          text_depth_ = 5;
        } else if (local == "is" && !seen_value_ && cell_type_ == CellType::kInline) {
          seen_value_ = true;
          in_inline_ = true;
        }
        return;
      case 6:
        if (!in_inline_) return;
        if (local == "t") text_depth_ = 6;
        in_run_ = local == "r";
        return;
      case 7:
        if (in_run_ && local == "t") text_depth_ = 7;
        return;
      default:
        return;
    }
  }

  void Text(std::string_view text) override {
    if (text_depth_ == 0 || depth_ != text_depth_) return;
    if (raw_.size() + text.size() > kMaxRawCellBytes) return CellTooLong();
    raw_.append(text);
  }

  void EndElement(std::string_view) override {
    if (depth_ == text_depth_) {
      text_depth_ = 0;
      // A shared string's index stays in raw_ for EndCell.
      if (cell_type_ != CellType::kShared) {
        AppendExcelText(raw_, &row_->fields[count_ - 1]);
        raw_.clear();
      }
    }
    switch (depth_--) {
      case 2:
        in_sheet_data_ = false;
        return;
      case 3:
        if (in_row_) EndRow();
        return;
      case 4:
        if (in_cell_) EndCell();
        return;
      case 5:
        in_inline_ = false;
        return;
      case 6:
        in_run_ = false;
        return;
      default:
        return;
    }
  }

 private:
  enum class CellType { kNumber, kShared, kInline, kText };

  void FailRow(std::string reason) {
    Refuse(Status::Invalid(source_name_ + ":" + std::to_string(number_) + ": " + reason));
  }
  void CellTooLong() {
    FailRow("cell " + CellRef(column_, number_) + ": more than " + std::to_string(kMaxCellChars) +
            " characters (Excel's limit)");
  }

  void StartRow(const XmlAttributes& attributes) {
    number_ = last_row_ + 1;
    if (const char* r = attributes.Find("r")) {
      const std::string_view text = r;
      const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number_);
      if (error != std::errc() || end != text.data() + text.size() || number_ < 1 ||
          number_ > kMaxRows) {
        number_ = last_row_ + 1;
        return FailRow("row number \"" + std::string(text) + "\" is not valid");
      }
    } else if (number_ > kMaxRows) {
      return FailRow("more than " + std::to_string(kMaxRows) + " rows");
    }
    if (number_ <= last_row_) {
      return FailRow("row " + std::to_string(number_) + " comes after row " +
                     std::to_string(last_row_));
    }
    last_row_ = number_;
    in_row_ = true;
    count_ = 0;
    row_->numeric.clear();
    any_text_ = false;
    column_ = 0;
    row_bytes_ = 0;
  }

  void StartCell(const XmlAttributes& attributes) {
    int column = column_ + 1;
    if (const char* r = attributes.Find("r")) {
      int ref_row = 0;
      if (!ParseCellRef(r, &column, &ref_row) || (ref_row != 0 && ref_row != number_)) {
        return FailRow("cell reference \"" + std::string(r) + "\" is not valid");
      }
      if (column <= column_) return FailRow("cell " + std::string(r) + " is out of order");
    }
    if (column > kMaxColumns) {
      return FailRow("more than " + std::to_string(kMaxColumns) + " cells");
    }
    column_ = column;
    std::vector<std::string>& fields = row_->fields;
    for (; count_ < static_cast<std::size_t>(column); ++count_) {
      if (count_ == fields.size()) {
        fields.emplace_back();
      } else {
        fields[count_].clear();
      }
      row_->numeric.push_back(false);
    }
    const char* t = attributes.Find("t");
    const std::string_view type = t ? t : "";
    if (type.empty() || type == "n") {
      cell_type_ = CellType::kNumber;
    } else if (type == "s") {
      cell_type_ = CellType::kShared;
    } else if (type == "inlineStr") {
      cell_type_ = CellType::kInline;
    } else if (type == "str" || type == "b" || type == "e" || type == "d") {
      cell_type_ = CellType::kText;
    } else {
      return FailRow("cell " + CellRef(column_, number_) + ": unknown cell type \"" +
                     std::string(type) + "\"");
    }
    in_cell_ = true;
    seen_value_ = false;
    raw_.clear();
  }

  void EndCell() {
    in_cell_ = false;
    std::string& text = row_->fields[count_ - 1];
    if (cell_type_ == CellType::kShared) {
      std::size_t index = 0;
      const auto [end, error] = std::from_chars(raw_.data(), raw_.data() + raw_.size(), index);
      if (error != std::errc() || end != raw_.data() + raw_.size() || index >= strings_->size()) {
        return FailRow("cell " + CellRef(column_, number_) + ": shared string \"" + raw_ +
                       "\" does not exist");
      }
      text.assign((*strings_)[index]);
      raw_.clear();
    } else if (cell_type_ == CellType::kNumber) {
      row_->numeric.back() = !text.empty();
    }
    if (OverCellLimit(text)) return CellTooLong();
    row_bytes_ += text.size();
    if (row_bytes_ > XlsxReader::kMaxRowBytes) {
      return FailRow("more than " + FormatBytes(XlsxReader::kMaxRowBytes) + " of text");
    }
    any_text_ = any_text_ || !text.empty();
  }

  void EndRow() {
    in_row_ = false;
    if (!any_text_) return;
    row_->fields.resize(count_);
    row_->line = number_;
    row_ready_ = true;
    stream->Pause();
  }

  std::string source_name_;
  std::string sheet_name_;
  const SharedStrings* strings_;
  TableRow* row_ = nullptr;  // the row being read
  bool row_ready_ = false;
  bool in_sheet_data_ = false;
  bool in_row_ = false;
  bool in_cell_ = false;
  bool in_inline_ = false;
  bool in_run_ = false;
  bool seen_value_ = false;  // the cell's <v> or <is>
  bool any_text_ = false;
  int last_row_ = 0;
  int number_ = 0;  // of the row
  int column_ = 0;  // of the cell, or the last one
  std::size_t count_ = 0;
  std::size_t row_bytes_ = 0;
  CellType cell_type_ = CellType::kNumber;
  int text_depth_ = 0;  // of the element whose text is being read; 0 when none
  std::string raw_;     // its text as written
};

}  // namespace

struct XlsxReader::Sheet {
  Sheet(std::unique_ptr<Package> p, std::string source_name, std::string sheet_name,
        std::string part_name)
      : package(std::move(p)),
        handler(std::move(source_name), std::move(sheet_name), &strings),
        part(std::move(part_name)) {}

  std::unique_ptr<Package> package;  // the file the stream reads
  SharedStrings strings;
  SheetHandler handler;
  std::string part;
  std::unique_ptr<PartStream> stream;
};

XlsxReader::XlsxReader(std::string source_name, std::string sheet_name,
                       std::unique_ptr<Sheet> sheet)
    : source_name_(std::move(source_name)),
      sheet_name_(std::move(sheet_name)),
      sheet_(std::move(sheet)) {}

XlsxReader::~XlsxReader() = default;

Result<std::unique_ptr<XlsxReader>> XlsxReader::Open(const std::string& path,
                                                     const std::string& sheet,
                                                     std::uint64_t max_part_bytes) {
  // Exceptions of Poco's zip reader name what is wrong with the file.
  const auto not_workbook = [&](const std::string& reason) {
    return Status::Invalid(path + ": not an XLSX workbook: " + reason);
  };
  auto owned = std::make_unique<Package>(path, max_part_bytes);
  Package& package = *owned;  // owned by the reader once it exists
  try {
    Status s = package.Open();
    if (!s.ok()) return s;
    if (!package.Has("xl/workbook.xml")) return package.NotWorkbook("xl/workbook.xml is missing");
    std::vector<SheetEntry> sheets;
    WorkbookHandler workbook(&package, &sheets);
    s = package.Parse("xl/workbook.xml", &workbook);
    if (!s.ok()) return s;
    if (sheets.empty()) return package.NotWorkbook("xl/workbook.xml lists no sheets");

    const SheetEntry* chosen = &sheets.front();
    if (!sheet.empty()) {
      const auto found = std::find_if(sheets.begin(), sheets.end(), [&](const SheetEntry& e) {
        return EqualsIgnoringAsciiCase(e.name, sheet);
      });
      if (found == sheets.end()) {
        std::string names;
        for (const SheetEntry& e : sheets) names += (names.empty() ? "\"" : ", \"") + e.name + "\"";
        return Status::NotFound(path + ": no sheet named \"" + sheet + "\"; the workbook has " +
                                names);
      }
      chosen = &*found;
    }

    const std::string rels = "xl/_rels/workbook.xml.rels";
    if (!package.Has(rels)) return package.NotWorkbook(rels + " is missing");
    std::vector<Relationship> relationships;
    RelationshipsHandler relationships_handler(&relationships);
    s = package.Parse(rels, &relationships_handler);
    if (!s.ok()) return s;
    const auto rel =
        std::find_if(relationships.begin(), relationships.end(),
                     [&](const Relationship& r) { return r.id == chosen->relationship_id; });
    if (rel == relationships.end() || !package.Has(rel->part)) {
      return package.NotWorkbook("the part of sheet \"" + chosen->name + "\" is missing");
    }

    auto data = std::make_unique<Sheet>(std::move(owned), path, chosen->name, rel->part);
    s = ReadSharedStrings(&package, relationships, &data->strings);
    if (!s.ok()) return s;
    Result<std::unique_ptr<PartStream>> stream = package.OpenPart(data->part, &data->handler);
    if (!stream.ok()) return stream.status();
    data->stream = std::move(*stream);
    // Up to the root element, which the handler checks.
    if (data->stream->xml.Parse() == XmlStream::State::kFailed) {
      return package.ErrorOf(data->part, data->handler, data->stream->xml.error());
    }
    return std::unique_ptr<XlsxReader>(new XlsxReader(path, chosen->name, std::move(data)));
  } catch (const Poco::Exception& e) {
    return not_workbook(e.displayText());
  } catch (const std::exception& e) {
    return not_workbook(e.what());
  }
}

bool XlsxReader::ReadRow(TableRow* row) {
  if (done_) return false;
  SheetHandler& handler = sheet_->handler;
  XmlStream& xml = sheet_->stream->xml;
  handler.Begin(row);
  XmlStream::State state = XmlStream::State::kFailed;
  try {
    state = xml.Parse();
  } catch (const Poco::Exception& e) {
    done_ = true;
    status_ = sheet_->package->NotWorkbook(e.displayText());
    return false;
  }
  if (state == XmlStream::State::kPaused && handler.row_ready()) return true;
  done_ = true;
  if (state == XmlStream::State::kFailed) {
    status_ = sheet_->package->ErrorOf(sheet_->part, handler, xml.error());
  }
  return false;
}

}  // namespace vtaudit
