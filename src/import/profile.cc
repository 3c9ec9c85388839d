#include "profile.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <memory>

#include "digest.h"
#include "escape.h"
#include "problems.h"
#include "text.h"
#include "xml_source.h"

namespace vtaudit {
namespace {

constexpr std::array<std::pair<DateFormat, std::string_view>, 5> kDateFormats = {{
    {DateFormat::kNative, "native"},
    {DateFormat::kIso, "YYYY-MM-DD"},
    {DateFormat::kDayMonthYear, "DD-MM-YYYY"},
    {DateFormat::kCompact, "YYYYMMDD"},
    {DateFormat::kExcelSerial, "excel"},
}};

bool IsEventField(CaseField f) {
  return EventFromName(CaseFieldNames()[static_cast<size_t>(f)]).has_value();
}

bool IsFlagField(CaseField f) { return f == CaseField::kRvdk || f == CaseField::kDisclosure; }

bool HasCodes(CaseField f) {
  return f == CaseField::kKind || f == CaseField::kViolence || f == CaseField::kOutcome ||
         IsFlagField(f);
}

// The native values a code of `field` may mean.
std::vector<std::string> NativeValues(CaseField field) {
  switch (field) {
    case CaseField::kKind:
      return {"melding", "advies"};
    case CaseField::kViolence:
      return ViolenceTypes();
    case CaseField::kOutcome:
      return {"VT-00", "VT-01-01", "VT-01-02", "VT-01-03", "VT-01-04", "VT-02", "VT-03", "VT-99"};
    default:
      return {"1", "0"};
  }
}

bool IsId(std::string_view s) {
  if (s.empty() || !std::isalpha(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.end(), [](char ch) {
    return std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_' || ch == '.';
  });
}

bool Blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char ch) { return std::isspace(static_cast<unsigned char>(ch)); });
}

class Loader {
 public:
  explicit Loader(const XmlSource& src) : src_(src), errors_(src) {}

  Result<Profile> Load() {
    const pugi::xml_node root = src_.doc().document_element();
    if (std::string_view(root.name()) != "profile") {
      errors_.Add(root, "root element is <" + std::string(root.name()) + ">, expected <profile>",
                  Problem("problem.xml.root", {{"root", root.name()}, {"expected", "profile"}}));
      return errors_.ToStatus();
    }
    OnlyAttributes(root, {"id", "type-column"});
    Profile p;
    if (const pugi::xml_attribute id = root.attribute("id"); !id) {
      errors_.Add(
          root, "<profile> needs an id attribute",
          Problem("problem.xml.needs_attribute", {{"element", "profile"}, {"attribute", "id"}}));
    } else if (!IsId(id.value())) {
      errors_.Add(id, "id=\"" + EscapeControl(id.value()) + "\" is not an id",
                  Problem("problem.xml.not_an_id",
                          {{"attribute", "id"}, {"value", EscapeControl(id.value())}}));
    } else {
      p.id = id.value();
    }
    for (const pugi::xml_node node : root.children()) {
      if (!Element(node, "profile")) continue;
      const std::string_view name = node.name();
      if (name == "title" || name == "note") {
        OnlyAttributes(node, {});
        std::string& text = name == "title" ? p.title : p.note;
        if (!text.empty()) {
          errors_.Add(node, "<" + std::string(name) + "> appears twice",
                      Problem("problem.profile.element_twice", {{"element", std::string(name)}}));
        }
        text = Text(node);
      } else if (name == "record") {
        p.records.push_back(LoadRecord(node, p.records.empty()));
        record_nodes_.push_back(node);
      } else {
        errors_.Add(node, "unexpected element <" + std::string(name) + "> in <profile>",
                    Problem("problem.xml.unexpected_element",
                            {{"element", std::string(name)}, {"parent", "profile"}}));
      }
    }
    if (const pugi::xml_attribute type = root.attribute("type-column")) {
      p.type_column = Lower(Trim(type.value()));
      if (p.type_column.empty()) {
        errors_.Add(type, "type-column=\"\" names no column",
                    Problem("problem.profile.names_no_column", {{"attribute", "type-column"}}));
      }
    }
    CheckTypes(p);
    if (p.title.empty()) {
      errors_.Add(root, "<profile> needs a <title>", Problem("problem.profile.no_title"));
    }
    if (p.records.empty()) {
      errors_.Add(root, "<profile> needs at least one <record>",
                  Problem("problem.profile.no_record"));
    }
    for (size_t i = 0; i < p.records.size(); ++i) {
      for (size_t j = 0; j < i; ++j) {
        if (p.records[i].name == p.records[j].name && !p.records[i].name.empty()) {
          errors_.Add(record_nodes_[i], "record '" + p.records[i].name + "' appears twice",
                      Problem("problem.profile.record_twice", {{"record", p.records[i].name}}));
        }
      }
    }
    if (!errors_.empty()) return errors_.ToStatus();
    return p;
  }

 private:
  // Each record of a profile with a type column has type values of its own; without the
  // column, none has any.
  void CheckTypes(const Profile& p) {
    std::map<std::string, size_t> owner;  // type value → record
    for (size_t i = 0; i < p.records.size(); ++i) {
      const RecordType& r = p.records[i];
      const pugi::xml_node node = record_nodes_[i];
      if (p.type_column.empty()) {
        if (!r.types.empty()) {
          errors_.Add(node.attribute("type"),
                      "type applies only in a profile with a type-column on <profile>",
                      Problem("problem.profile.type_without_column"));
        }
        continue;
      }
      if (r.types.empty()) {
        errors_.Add(
            node,
            "<record> '" + r.name + "' needs a type attribute: the values of column '" +
                p.type_column + "' that mark its rows",
            Problem("problem.profile.no_type", {{"record", r.name}, {"column", p.type_column}}));
      }
      for (const std::string& t : r.types) {
        const auto [seen, fresh] = owner.emplace(t, i);
        if (!fresh) {
          errors_.Add(
              node.attribute("type"),
              "type '" + EscapeControl(t) + "' marks record '" + p.records[seen->second].name +
                  "' too",
              Problem("problem.profile.type_twice",
                      {{"type", EscapeControl(t)}, {"record", p.records[seen->second].name}}));
        }
      }
      if (r.Find(CaseField::kCaseId) != nullptr &&
          r.Find(CaseField::kCaseId)->column == p.type_column) {
        errors_.Add(node, "the type column '" + p.type_column + "' cannot hold the case number",
                    Problem("problem.profile.type_column_case", {{"column", p.type_column}}));
      }
    }
  }

  // Whether `node` is an element; text other than white space is an error.
  bool Element(const pugi::xml_node& node, std::string_view parent) {
    if (node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) {
      if (!Blank(node.value())) {
        errors_.Add(node, "unexpected text in <" + std::string(parent) + ">",
                    Problem("problem.xml.unexpected_text", {{"element", std::string(parent)}}));
      }
      return false;
    }
    return node.type() == pugi::node_element;
  }

  std::string Text(const pugi::xml_node& node) {
    for (const pugi::xml_node child : node.children()) {
      if (child.type() == pugi::node_element) {
        errors_.Add(
            child,
            "unexpected element <" + std::string(child.name()) + "> in <" + node.name() + ">",
            Problem("problem.xml.unexpected_element",
                    {{"element", child.name()}, {"parent", node.name()}}));
      }
    }
    return std::string(Trim(node.child_value()));
  }

  void OnlyAttributes(const pugi::xml_node& node, std::initializer_list<std::string_view> names) {
    for (const pugi::xml_attribute attr : node.attributes()) {
      if (std::find(names.begin(), names.end(), attr.name()) == names.end()) {
        errors_.Add(
            attr, "unexpected attribute " + std::string(attr.name()) + " on <" + node.name() + ">",
            Problem("problem.xml.unexpected_attribute",
                    {{"attribute", attr.name()}, {"element", node.name()}}));
      }
    }
  }

  RecordType LoadRecord(const pugi::xml_node& node, bool primary) {
    OnlyAttributes(node, {"name", "type"});
    RecordType r;
    for (std::string_view list = node.attribute("type").value(); !list.empty();) {
      const size_t space = list.find(' ');
      const std::string one = Lower(Trim(list.substr(0, space)));
      if (!one.empty()) r.types.push_back(one);
      list = space == std::string_view::npos ? std::string_view() : list.substr(space + 1);
    }
    if (node.attribute("type") && r.types.empty()) {
      errors_.Add(node.attribute("type"), "type=\"\" names no record type",
                  Problem("problem.profile.names_no_type"));
    }
    if (const pugi::xml_attribute name = node.attribute("name"); !name) {
      errors_.Add(
          node, "<record> needs a name attribute",
          Problem("problem.xml.needs_attribute", {{"element", "record"}, {"attribute", "name"}}));
    } else if (!IsId(name.value())) {
      errors_.Add(name, "name=\"" + EscapeControl(name.value()) + "\" is not an id",
                  Problem("problem.xml.not_an_id",
                          {{"attribute", "name"}, {"value", EscapeControl(name.value())}}));
    } else {
      r.name = name.value();
    }
    std::map<std::string, pugi::xml_node> columns;  // every column named, mapped or ignored
    const auto claim_column = [&](const std::string& column, const pugi::xml_node& at) {
      if (column.empty()) return;
      const auto [seen, fresh] = columns.emplace(column, at);
      if (!fresh) {
        const std::string first = At(seen->second);
        errors_.Add(
            at,
            "column '" + EscapeControl(column) + "' is named twice in record '" + r.name +
                "' (first at " + first + ")",
            Problem("problem.profile.column_twice",
                    {{"column", EscapeControl(column)}, {"record", r.name}, {"first", first}}));
      }
    };
    for (const pugi::xml_node child : node.children()) {
      if (!Element(child, "record")) continue;
      const std::string_view name = child.name();
      if (name == "field") {
        std::optional<FieldSource> f = LoadField(child, primary);
        if (!f) continue;
        claim_column(f->column, child);
        if (r.Find(f->field) != nullptr) {
          const std::string field = CaseFieldNames()[static_cast<size_t>(f->field)];
          errors_.Add(
              child, "field " + field + " is mapped twice in record '" + r.name + "'",
              Problem("problem.profile.field_twice", {{"field", field}, {"record", r.name}}));
          continue;
        }
        if (f->field != CaseField::kCaseId) {
          const auto [seen, fresh] = field_nodes_.emplace(f->field, child);
          if (!fresh) {
            const std::string field = CaseFieldNames()[static_cast<size_t>(f->field)];
            const std::string at = At(seen->second);
            errors_.Add(child,
                        "field " + field + " is mapped by another record too (at " + at +
                            "); each field comes from one record",
                        Problem("problem.profile.field_elsewhere", {{"field", field}, {"at", at}}));
            continue;
          }
        }
        r.fields.push_back(std::move(*f));
      } else if (name == "ignore") {
        OnlyAttributes(child, {"column"});
        const std::string column = Lower(Trim(child.attribute("column").value()));
        if (column.empty()) {
          errors_.Add(child, "<ignore> needs a column attribute",
                      Problem("problem.xml.needs_attribute",
                              {{"element", "ignore"}, {"attribute", "column"}}));
          continue;
        }
        Text(child);
        claim_column(column, child);
        r.ignored.push_back(column);
      } else {
        errors_.Add(child, "unexpected element <" + std::string(name) + "> in <record>",
                    Problem("problem.xml.unexpected_element",
                            {{"element", std::string(name)}, {"parent", "record"}}));
      }
    }
    if (r.Find(CaseField::kCaseId) == nullptr) {
      if (primary) {
        errors_.Add(node, "the primary <record> needs a field case_id (the case number)",
                    Problem("problem.profile.primary_case_id"));
      } else {
        errors_.Add(node,
                    "<record> '" + r.name +
                        "' needs a field case_id: the column holding the case number of its "
                        "primary record",
                    Problem("problem.profile.record_case_id", {{"record", r.name}}));
      }
    }
    if (primary) {
      for (CaseField f : {CaseField::kKind, CaseField::kReceived}) {
        if (r.Find(f) == nullptr) {
          const std::string field = CaseFieldNames()[static_cast<size_t>(f)];
          errors_.Add(node, "the primary <record> needs a field " + field,
                      Problem("problem.profile.primary_field", {{"field", field}}));
        }
      }
    }
    return r;
  }

  std::optional<FieldSource> LoadField(const pugi::xml_node& node, bool primary) {
    OnlyAttributes(node, {"name", "column", "position", "format", "separator", "unknown-day"});
    FieldSource f;
    const pugi::xml_attribute name = node.attribute("name");
    const std::optional<CaseField> field = CaseFieldFromName(name.value());
    if (!name) {
      errors_.Add(node, "<field> needs a name attribute (a case field)",
                  Problem("problem.profile.field_no_name"));
      return std::nullopt;
    }
    if (!field) {
      std::string known;
      for (const std::string& n : CaseFieldNames()) known += (known.empty() ? "" : ", ") + n;
      errors_.Add(name, "'" + EscapeControl(name.value()) + "' is not a case field (" + known + ")",
                  Problem("problem.profile.not_a_field",
                          {{"name", EscapeControl(name.value())}, {"fields", known}}));
      return std::nullopt;
    }
    f.field = *field;
    if (!primary && (f.field == CaseField::kKind || f.field == CaseField::kReceived)) {
      errors_.Add(name,
                  "field " + std::string(name.value()) +
                      " belongs to the primary record (the first <record>)",
                  Problem("problem.profile.primary_only", {{"field", name.value()}}));
    }
    const pugi::xml_attribute column = node.attribute("column");
    const pugi::xml_attribute position = node.attribute("position");
    if (column && position) {
      errors_.Add(position, "a <field> has a column or a position, not both",
                  Problem("problem.profile.column_and_position"));
    } else if (column) {
      f.heading = std::string(Trim(column.value()));
      f.column = Lower(f.heading);
      if (f.column.empty()) {
        errors_.Add(column, "column=\"\" names no column",
                    Problem("problem.profile.names_no_column", {{"attribute", "column"}}));
      }
    } else if (position) {
      const std::string_view v = position.value();
      int n = 0;
      bool ok = !v.empty() && v.size() <= 4;
      for (char ch : v) {
        ok = ok && std::isdigit(static_cast<unsigned char>(ch));
        if (ok) n = n * 10 + (ch - '0');
      }
      if (!ok || n < 1) {
        errors_.Add(position,
                    "position=\"" + EscapeControl(v) +
                        "\" is not a column number (1 is the first column, at most 9999)",
                    Problem("problem.profile.position", {{"value", EscapeControl(v)}}));
      }
      f.position = n - 1;
    } else {
      errors_.Add(node,
                  "<field name=\"" + std::string(name.value()) +
                      "\"> needs a column or a position attribute",
                  Problem("problem.profile.no_column", {{"field", name.value()}}));
    }
    if (const pugi::xml_attribute format = node.attribute("format")) {
      if (!IsEventField(f.field)) {
        errors_.Add(format, "format applies to moments only, not to " + std::string(name.value()),
                    Problem("problem.profile.format_not_moment", {{"field", name.value()}}));
      }
      f.formats.clear();
      const std::string_view list = format.value();
      size_t start = 0;
      while (start < list.size()) {
        size_t end = list.find(' ', start);
        if (end == std::string_view::npos) end = list.size();
        const std::string_view one = list.substr(start, end - start);
        start = end + 1;
        if (one.empty()) continue;
        if (const std::optional<DateFormat> d = DateFormatFromName(one)) {
          f.formats.push_back(*d);
        } else {
          errors_.Add(format,
                      "'" + EscapeControl(one) +
                          "' is not a date format (YYYY-MM-DD, DD-MM-YYYY, YYYYMMDD, excel, "
                          "native)",
                      Problem("problem.profile.not_a_format", {{"value", EscapeControl(one)}}));
        }
      }
      if (Blank(list)) {
        errors_.Add(format, "format=\"\" names no date format",
                    Problem("problem.profile.names_no_format"));
      }
    }
    if (const pugi::xml_attribute sep = node.attribute("separator")) {
      if (f.field != CaseField::kViolence) {
        errors_.Add(sep, "separator applies to violence only",
                    Problem("problem.profile.separator_not_violence"));
      } else if (std::string_view(sep.value()).empty()) {
        errors_.Add(sep, "separator=\"\" separates nothing",
                    Problem("problem.profile.separator_empty"));
      }
      f.separator = sep.value();
    }
    if (const pugi::xml_attribute unknown = node.attribute("unknown-day")) {
      const std::string_view v = unknown.value();
      if (!IsEventField(f.field)) {
        errors_.Add(unknown, "unknown-day applies to moments only",
                    Problem("problem.profile.unknown_day_not_moment"));
      } else if (v == "empty") {
        f.unknown_day_empty = true;
      } else if (v != "refuse") {
        errors_.Add(unknown, "unknown-day=\"" + EscapeControl(v) + "\" is not refuse or empty",
                    Problem("problem.profile.unknown_day", {{"value", EscapeControl(v)}}));
      }
    }
    const std::vector<std::string> allowed = NativeValues(f.field);
    std::map<std::string, pugi::xml_node> seen;
    for (const pugi::xml_node child : node.children()) {
      if (!Element(child, "field")) continue;
      const std::string_view cname = child.name();
      if (cname == "note") {
        OnlyAttributes(child, {});
        f.note = Text(child);
        continue;
      }
      if (cname != "code") {
        errors_.Add(child, "unexpected element <" + std::string(cname) + "> in <field>",
                    Problem("problem.xml.unexpected_element",
                            {{"element", std::string(cname)}, {"parent", "field"}}));
        continue;
      }
      OnlyAttributes(child, {"value", "means"});
      Text(child);
      if (!HasCodes(f.field)) {
        errors_.Add(child, "codes apply to kind, violence, outcome, rvdk and disclosure only",
                    Problem("problem.profile.codes_not_here"));
        continue;
      }
      const pugi::xml_attribute value = child.attribute("value");
      const pugi::xml_attribute means = child.attribute("means");
      const std::string v = Lower(Trim(value.value()));
      if (!value || v.empty()) {
        errors_.Add(child, "<code> needs a value attribute (the delivery's code)",
                    Problem("problem.profile.code_no_value"));
        continue;
      }
      if (!means) {
        errors_.Add(child, "<code> needs a means attribute (the value vtaudit uses)",
                    Problem("problem.profile.code_no_means"));
        continue;
      }
      if (std::find(allowed.begin(), allowed.end(), means.value()) == allowed.end()) {
        std::string list;
        for (const std::string& a : allowed) list += (list.empty() ? "" : ", ") + a;
        errors_.Add(means,
                    "means=\"" + EscapeControl(means.value()) + "\" is not a value of " +
                        std::string(name.value()) + " (" + list + ")",
                    Problem("problem.profile.means", {{"value", EscapeControl(means.value())},
                                                      {"field", name.value()},
                                                      {"values", list}}));
        continue;
      }
      const auto [first, fresh] = seen.emplace(v, child);
      if (!fresh) {
        const std::string at = At(first->second);
        errors_.Add(
            value, "code '" + EscapeControl(v) + "' appears twice (first at " + at + ")",
            Problem("problem.profile.code_twice", {{"code", EscapeControl(v)}, {"first", at}}));
        continue;
      }
      f.codes.emplace_back(v, means.value());
    }
    return f;
  }

  std::string At(const pugi::xml_node& node) const {
    return src_.Where(node).substr(src_.name().size() + 1);
  }

  const XmlSource& src_;
  XmlErrors errors_;
  std::vector<pugi::xml_node> record_nodes_;
  std::map<CaseField, pugi::xml_node> field_nodes_;  // where each field other than case_id is
};

}  // namespace

std::string_view DateFormatName(DateFormat f) {
  for (const auto& [format, name] : kDateFormats) {
    if (format == f) return name;
  }
  return "native";
}

std::optional<DateFormat> DateFormatFromName(std::string_view name) {
  for (const auto& [format, n] : kDateFormats) {
    if (n == name) return format;
  }
  return std::nullopt;
}

std::string FieldSource::ColumnLabel() const {
  return column.empty() ? std::to_string(position + 1) : column;
}

const FieldSource* RecordType::Find(CaseField field) const {
  for (const FieldSource& f : fields) {
    if (f.field == field) return &f;
  }
  return nullptr;
}

bool IsRequiredField(CaseField field) {
  return field == CaseField::kCaseId || field == CaseField::kKind || field == CaseField::kReceived;
}

std::string_view CaseFieldMeaning(CaseField field) {
  switch (field) {
    case CaseField::kCaseId:
      return "the organisation's own case number (dossiernummer); never a BSN or a name";
    case CaseField::kKind:
      return "melding (a report: Veilig Thuis keeps sight of the safety) or advies (an "
             "adviesvraag: advice only)";
    case CaseField::kViolence:
      return "the type(s) of violence registered";
    case CaseField::kReceived:
      return "receipt of the melding or adviesvraag: where the triage and safety-assessment "
             "clocks start";
    case CaseField::kTriaged:
      return "the first triage on urgency and acute danger";
    case CaseField::kSafetyAssessed:
      return "the veiligheidsbeoordeling completed";
    case CaseField::kOutcome:
      return "the outcome of the safety assessment";
    case CaseField::kInvestigationDecided:
      return "the decision that an onderzoek is needed: where the 10 weeks start";
    case CaseField::kInvestigationStarted:
      return "the day a worker actually began the onderzoek";
    case CaseField::kInvestigationCompleted:
      return "the onderzoek completed (its conclusion recorded)";
    case CaseField::kRvdk:
      return "a request to the Raad voor de Kinderbescherming for an investigation (1 or 0)";
    case CaseField::kDisclosure:
      return "a child told of abuse (disclosure) (1 or 0)";
  }
  return "";
}

const Profile& NativeProfile() {
  static const Profile kNative = [] {
    Profile p;
    p.id = "native";
    p.title = "vtaudit's own extract format: one row per case, the case fields as columns";
    RecordType r;
    r.name = "case";
    for (size_t i = 0; i < CaseFieldNames().size(); ++i) {
      FieldSource f;
      f.field = static_cast<CaseField>(i);
      f.column = CaseFieldNames()[i];
      f.heading = f.column;
      r.fields.push_back(std::move(f));
    }
    p.records.push_back(std::move(r));
    return p;
  }();
  return kNative;
}

Result<Profile> ParseProfile(std::string_view xml, const std::string& source_name) {
  Result<std::unique_ptr<XmlSource>> src = XmlSource::Parse(std::string(xml), source_name);
  if (!src.ok()) return src.status();
  Result<Profile> profile = Loader(**src).Load();
  if (profile.ok()) profile->sha256 = Sha256Hex(xml);
  return profile;
}

Result<Profile> LoadProfile(const std::string& path) {
  Result<std::string> bytes = ReadSmallFile(path);
  if (!bytes.ok()) return bytes.status();
  return ParseProfile(*bytes, path);
}

}  // namespace vtaudit
