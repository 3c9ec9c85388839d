#include "xlsx_reader.h"

#include <Poco/Exception.h>
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <pugixml.hpp>
#include <utility>

namespace vtaudit {
namespace {

constexpr int kMaxRows = 1048576;   // Excel's limit
constexpr int kMaxColumns = 16384;  // column XFD
constexpr unsigned kParseOptions = pugi::parse_default | pugi::parse_ws_pcdata_single;

std::string_view LocalName(const char* name) {
  std::string_view view(name);
  const std::size_t colon = view.find(':');
  return colon == std::string_view::npos ? view : view.substr(colon + 1);
}

// Part names and element names are compared without namespace prefixes: some writers
// emit <x:row> instead of <row>.
pugi::xml_node Child(pugi::xml_node node, std::string_view local_name) {
  for (pugi::xml_node child : node.children()) {
    if (child.type() == pugi::node_element && LocalName(child.name()) == local_name) return child;
  }
  return {};
}

pugi::xml_node NextSibling(pugi::xml_node node, std::string_view local_name) {
  for (node = node.next_sibling(); node; node = node.next_sibling()) {
    if (node.type() == pugi::node_element && LocalName(node.name()) == local_name) return node;
  }
  return {};
}

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

bool ContainsDoctype(const std::string& xml) {
  for (std::size_t at = xml.find("<!"); at != std::string::npos; at = xml.find("<!", at + 2)) {
    if (EqualsIgnoringAsciiCase(std::string_view(xml).substr(at + 2, 7), "DOCTYPE")) return true;
  }
  return false;
}

void AppendUtf8(std::uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Excel writes characters XML cannot hold (and "_x" itself) as _xHHHH_.
void AppendExcelText(std::string_view text, std::string* out) {
  std::size_t at = 0;
  for (std::size_t hit = text.find("_x"); hit != std::string_view::npos;
       hit = text.find("_x", hit + 1)) {
    std::uint32_t cp = 0;
    if (hit + 7 > text.size() || text[hit + 6] != '_') continue;
    const char* digits = text.data() + hit + 2;
    const auto [end, error] = std::from_chars(digits, digits + 4, cp, 16);
    if (error != std::errc() || end != digits + 4 || (cp >= 0xD800 && cp <= 0xDFFF)) continue;
    out->append(text.substr(at, hit - at));
    AppendUtf8(cp, out);
    at = hit + 7;
    hit += 6;
  }
  out->append(text.substr(at));
}

void AppendNodeText(pugi::xml_node t, std::string* out) {
  for (pugi::xml_node part : t.children()) {
    if (part.type() == pugi::node_pcdata || part.type() == pugi::node_cdata) {
      AppendExcelText(part.value(), out);
    }
  }
}

// The text of a shared string item or inline string: <t>, or rich text runs <r><t>.
// Phonetic runs (<rPh>) are not part of the text.
void AppendStringItem(pugi::xml_node item, std::string* out) {
  for (pugi::xml_node child : item.children()) {
    const std::string_view name = LocalName(child.name());
    if (name == "t") {
      AppendNodeText(child, out);
    } else if (name == "r") {
      for (pugi::xml_node t : child.children()) {
        if (LocalName(t.name()) == "t") AppendNodeText(t, out);
      }
    }
  }
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

  // Reads a part, refusing more than max_part_bytes and any DOCTYPE.
  // REQUIRES: Has(part)
  Status Read(const std::string& part, std::string* out) {
    const auto header = archive_->findHeader(part);
    const Status too_large = Status::Invalid(path_ + ": " + part + " is larger than " +
                                             FormatBytes(max_part_bytes_) + " uncompressed");
    if (header->second.getUncompressedSize() > max_part_bytes_) return too_large;
    file_.clear();
    Poco::Zip::ZipInputStream in(file_, header->second, true);
    out->clear();
    char chunk[1 << 16];
    while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
      const auto got = static_cast<std::size_t>(in.gcount());
      if (out->size() + got > max_part_bytes_) return too_large;
      out->append(chunk, got);
    }
    if (in.bad()) return Status::IoError(path_ + ": cannot read " + part);
    if (ContainsDoctype(*out)) return Status::Invalid(path_ + ": " + part + ": DOCTYPE is refused");
    return Status::Ok();
  }

  // Parses `xml`, read from `part`, in place: the document refers into it.
  Status Parse(const std::string& part, std::string* xml, pugi::xml_document* doc) {
    const pugi::xml_parse_result parsed =
        doc->load_buffer_inplace(xml->data(), xml->size(), kParseOptions);
    if (parsed) return Status::Ok();
    // Parsing in place altered the text; read it again to find the line.
    std::string original;
    Status s = Read(part, &original);
    if (!s.ok()) return s;
    int line = 1;
    int column = 1;
    const auto stop =
        std::min<std::size_t>(static_cast<std::size_t>(parsed.offset), original.size());
    for (std::size_t i = 0; i < stop; ++i) {
      if (original[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    return Status::Invalid(path_ + ": " + part + ":" + std::to_string(line) + ":" +
                           std::to_string(column) + ": malformed XML (" + parsed.description() +
                           ")");
  }

  Status NotWorkbook(const std::string& reason) const {
    return Status::Invalid(path_ + ": not an XLSX workbook: " + reason);
  }

 private:
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

Status ReadXml(Package* package, const std::string& part, std::string* xml,
               pugi::xml_document* doc) {
  Status s = package->Read(part, xml);
  if (!s.ok()) return s;
  return package->Parse(part, xml, doc);
}

Status ReadSheetList(Package* package, std::vector<SheetEntry>* sheets) {
  std::string xml;
  pugi::xml_document doc;
  Status s = ReadXml(package, "xl/workbook.xml", &xml, &doc);
  if (!s.ok()) return s;
  const pugi::xml_node root = doc.document_element();
  if (LocalName(root.name()) != "workbook") {
    return package->NotWorkbook("xl/workbook.xml holds no <workbook>");
  }
  const pugi::xml_node list = Child(root, "sheets");
  for (pugi::xml_node sheet = Child(list, "sheet"); sheet; sheet = NextSibling(sheet, "sheet")) {
    SheetEntry entry;
    entry.name = sheet.attribute("name").value();
    for (pugi::xml_attribute attribute : sheet.attributes()) {
      const std::string_view name = attribute.name();
      if (name != "id" && LocalName(attribute.name()) == "id") {
        entry.relationship_id = attribute.value();
      }
    }
    sheets->push_back(std::move(entry));
  }
  if (sheets->empty()) return package->NotWorkbook("xl/workbook.xml lists no sheets");
  return Status::Ok();
}

Status ReadRelationships(Package* package, std::vector<Relationship>* relationships) {
  const std::string part = "xl/_rels/workbook.xml.rels";
  if (!package->Has(part)) return package->NotWorkbook(part + " is missing");
  std::string xml;
  pugi::xml_document doc;
  Status s = ReadXml(package, part, &xml, &doc);
  if (!s.ok()) return s;
  const pugi::xml_node root = doc.document_element();
  for (pugi::xml_node rel = Child(root, "Relationship"); rel;
       rel = NextSibling(rel, "Relationship")) {
    relationships->push_back({rel.attribute("Id").value(), rel.attribute("Type").value(),
                              ResolvePartName(rel.attribute("Target").value())});
  }
  return Status::Ok();
}

Status ReadSharedStrings(Package* package, const std::vector<Relationship>& relationships,
                         std::vector<std::string>* strings) {
  std::string part;
  for (const Relationship& rel : relationships) {
    if (rel.type.ends_with("/sharedStrings")) part = rel.part;
  }
  if (part.empty()) part = "xl/sharedStrings.xml";
  if (!package->Has(part)) return Status::Ok();
  std::string xml;
  pugi::xml_document doc;
  Status s = ReadXml(package, part, &xml, &doc);
  if (!s.ok()) return s;
  const pugi::xml_node root = doc.document_element();
  for (pugi::xml_node item = Child(root, "si"); item; item = NextSibling(item, "si")) {
    strings->emplace_back();
    AppendStringItem(item, &strings->back());
  }
  return Status::Ok();
}

}  // namespace

struct XlsxReader::Sheet {
  std::string xml;  // parsed in place: `doc` points into it
  pugi::xml_document doc;
  std::vector<std::string> shared_strings;
  pugi::xml_node next_row;
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
  Package package(path, max_part_bytes);
  try {
    Status s = package.Open();
    if (!s.ok()) return s;
    if (!package.Has("xl/workbook.xml")) return package.NotWorkbook("xl/workbook.xml is missing");
    std::vector<SheetEntry> sheets;
    s = ReadSheetList(&package, &sheets);
    if (!s.ok()) return s;

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

    std::vector<Relationship> relationships;
    s = ReadRelationships(&package, &relationships);
    if (!s.ok()) return s;
    const auto rel =
        std::find_if(relationships.begin(), relationships.end(),
                     [&](const Relationship& r) { return r.id == chosen->relationship_id; });
    if (rel == relationships.end() || !package.Has(rel->part)) {
      return package.NotWorkbook("the part of sheet \"" + chosen->name + "\" is missing");
    }

    auto data = std::make_unique<Sheet>();
    s = ReadSharedStrings(&package, relationships, &data->shared_strings);
    if (!s.ok()) return s;
    s = ReadXml(&package, rel->part, &data->xml, &data->doc);
    if (!s.ok()) return s;
    const pugi::xml_node root = data->doc.document_element();
    if (LocalName(root.name()) != "worksheet") {
      return Status::Invalid(path + ": sheet \"" + chosen->name + "\" is not a worksheet");
    }
    data->next_row = Child(Child(root, "sheetData"), "row");
    return std::unique_ptr<XlsxReader>(new XlsxReader(path, chosen->name, std::move(data)));
  } catch (const Poco::Exception& e) {
    return package.NotWorkbook(e.displayText());
  } catch (const std::exception& e) {
    return package.NotWorkbook(e.what());
  }
}

bool XlsxReader::Fail(int row, std::string reason) {
  done_ = true;
  status_ = Status::Invalid(source_name_ + ":" + std::to_string(row) + ": " + std::move(reason));
  return false;
}

bool XlsxReader::ReadRow(TableRow* row) {
  if (done_) return false;
  std::vector<std::string>& fields = row->fields;
  while (pugi::xml_node row_node = sheet_->next_row) {
    sheet_->next_row = NextSibling(row_node, "row");
    int number = last_row_ + 1;
    if (pugi::xml_attribute r = row_node.attribute("r")) {
      const std::string_view text = r.value();
      const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
      if (error != std::errc() || end != text.data() + text.size() || number < 1 ||
          number > kMaxRows) {
        return Fail(last_row_ + 1, "row number \"" + std::string(text) + "\" is not valid");
      }
    }
    if (number <= last_row_) {
      return Fail(number, "row " + std::to_string(number) + " comes after row " +
                              std::to_string(last_row_));
    }
    last_row_ = number;

    std::size_t count = 0;
    row->numeric.clear();
    bool any_text = false;
    int last_column = 0;
    for (pugi::xml_node cell = Child(row_node, "c"); cell; cell = NextSibling(cell, "c")) {
      int column = last_column + 1;
      if (pugi::xml_attribute r = cell.attribute("r")) {
        int ref_row = 0;
        if (!ParseCellRef(r.value(), &column, &ref_row) || (ref_row != 0 && ref_row != number)) {
          return Fail(number, "cell reference \"" + std::string(r.value()) + "\" is not valid");
        }
        if (column <= last_column) {
          return Fail(number, "cell " + std::string(r.value()) + " is out of order");
        }
      }
      if (column > kMaxColumns) return Fail(number, "more than 16384 cells");
      last_column = column;
      for (; count < static_cast<std::size_t>(column); ++count) {
        if (count == fields.size()) {
          fields.emplace_back();
        } else {
          fields[count].clear();
        }
        row->numeric.push_back(false);
      }
      std::string& text = fields[count - 1];
      const std::string_view type = cell.attribute("t").value();
      const pugi::xml_node value = Child(cell, "v");
      if (type.empty() || type == "n") {
        AppendNodeText(value, &text);
        row->numeric.back() = !text.empty();
      } else if (type == "s") {
        const std::string_view index_text = value.child_value();
        std::size_t index = 0;
        const auto [end, error] =
            std::from_chars(index_text.data(), index_text.data() + index_text.size(), index);
        if (error != std::errc() || end != index_text.data() + index_text.size() ||
            index >= sheet_->shared_strings.size()) {
          return Fail(number, "cell " + std::string(cell.attribute("r").value()) +
                                  ": shared string \"" + std::string(index_text) +
                                  "\" does not exist");
        }
        text = sheet_->shared_strings[index];
      } else if (type == "inlineStr") {
        AppendStringItem(Child(cell, "is"), &text);
      } else if (type == "str" || type == "b" || type == "e" || type == "d") {
        AppendNodeText(value, &text);
      } else {
        return Fail(number, "cell " + std::string(cell.attribute("r").value()) +
                                ": unknown cell type \"" + std::string(type) + "\"");
      }
      any_text = any_text || !text.empty();
    }
    if (!any_text) continue;
    fields.resize(count);
    row->line = number;
    return true;
  }
  done_ = true;
  return false;
}

}  // namespace vtaudit
