#include "crosswalk.h"

#include <map>
#include <memory>
#include <set>
#include <utility>

#include "problems.h"
#include "xml_source.h"

namespace vtaudit {
namespace {

bool IsId(std::string_view id) {
  if (id.empty() || !std::isalpha(static_cast<unsigned char>(id[0]))) return false;
  for (const char ch : id) {
    const bool ok =
        std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '.' || ch == '-';
    if (!ok) return false;
  }
  return true;
}

// Collects the errors of one file, each prefixed with the place it names.
class Checker {
 public:
  explicit Checker(const XmlSource& src) : src_(src), errors_(src) {}

  bool listing() const { return errors_.listing(); }
  void Count() { errors_.Count(); }
  void Error(const pugi::xml_node& node, std::string_view what, ProblemCode code) {
    errors_.Add(node, what, std::move(code));
  }
  void Error(const pugi::xml_attribute& attr, std::string_view what, ProblemCode code) {
    errors_.Add(attr, what, std::move(code));
  }
  // "LINE:COL" of a node, for "first at …".
  std::string At(const pugi::xml_node& node) const {
    return src_.Where(node).substr(src_.name().size() + 1);
  }
  // The attribute's value when it is present and an id; else records why not and
  // returns nullopt.
  std::optional<std::string> IdAttribute(const pugi::xml_node& node, const char* name) {
    const pugi::xml_attribute attr = node.attribute(name);
    if (!attr) {
      Error(
          node, "<" + std::string(node.name()) + "> needs a " + name + " attribute",
          Problem("problem.xml.needs_attribute", {{"element", node.name()}, {"attribute", name}}));
      return std::nullopt;
    }
    const std::string value = attr.value();
    if (!IsId(value)) {
      Error(attr, std::string(name) + "=\"" + value + "\" is not an id",
            Problem("problem.xml.not_an_id", {{"attribute", name}, {"value", value}}));
      return std::nullopt;
    }
    return value;
  }
  void OnlyAttributes(const pugi::xml_node& node, std::initializer_list<std::string_view> names) {
    for (const pugi::xml_attribute attr : node.attributes()) {
      bool known = false;
      for (const std::string_view n : names) known = known || n == attr.name();
      if (!known) {
        Error(attr,
              "unexpected attribute " + std::string(attr.name()) + " on <" +
                  std::string(node.name()) + ">",
              Problem("problem.xml.unexpected_attribute",
                      {{"attribute", attr.name()}, {"element", node.name()}}));
      }
    }
  }
  const XmlErrors& errors() const { return errors_; }

 private:
  const XmlSource& src_;
  XmlErrors errors_;
};

}  // namespace

std::vector<std::string> Crosswalk::Successors(std::string_view from_id) const {
  std::vector<std::string> out;
  for (const CrosswalkMap& m : maps) {
    if (m.from == from_id) out.push_back(m.to);
  }
  return out;
}

std::optional<std::string> Crosswalk::Predecessor(std::string_view to_id) const {
  for (const CrosswalkMap& m : maps) {
    if (m.to == to_id) return m.from;
  }
  return std::nullopt;
}

Result<Crosswalk> ParseCrosswalk(std::string_view xml, std::string_view source_name,
                                 const Framework& from, const Framework& to) {
  Result<std::unique_ptr<XmlSource>> parsed =
      XmlSource::Parse(std::string(xml), std::string(source_name));
  if (!parsed.ok()) return parsed.status();
  const XmlSource& src = **parsed;
  Checker check(src);
  const pugi::xml_node root = src.doc().document_element();
  if (std::string_view(root.name()) != "crosswalk") {
    check.Error(root, "root element is <" + std::string(root.name()) + ">, expected <crosswalk>",
                Problem("problem.xml.root", {{"root", root.name()}, {"expected", "crosswalk"}}));
    return check.errors().ToStatus();
  }
  check.OnlyAttributes(root, {"from", "to"});
  Crosswalk cw;
  cw.from_framework = check.IdAttribute(root, "from").value_or("");
  cw.to_framework = check.IdAttribute(root, "to").value_or("");
  const bool from_matches = cw.from_framework == from.id;
  const bool to_matches = cw.to_framework == to.id;
  if (!cw.from_framework.empty() && !from_matches) {
    check.Error(
        root.attribute("from"),
        "crosswalk starts from framework '" + cw.from_framework + "', expected '" + from.id + "'",
        Problem("problem.crosswalk.from",
                {{"framework", cw.from_framework}, {"expected", from.id}}));
  }
  if (!cw.to_framework.empty() && !to_matches) {
    check.Error(
        root.attribute("to"),
        "crosswalk leads to framework '" + cw.to_framework + "', expected '" + to.id + "'",
        Problem("problem.crosswalk.to", {{"framework", cw.to_framework}, {"expected", to.id}}));
  }

  // Where each old criterion was mapped or removed, and each new one mapped or added.
  std::map<std::string, pugi::xml_node> old_mapped, old_removed, new_seen;
  const auto known = [&check](const Framework& f, const std::string& id,
                              const pugi::xml_attribute& attr) {
    if (f.FindCriterion(id)) return true;
    check.Error(
        attr, "framework " + f.id + " has no criterion '" + id + "'",
        Problem("problem.crosswalk.no_criterion", {{"framework", f.id}, {"criterion", id}}));
    return false;
  };
  const auto claim_new = [&](const std::string& id, const pugi::xml_node& node) {
    const auto [seen, fresh] = new_seen.emplace(id, node);
    if (!fresh) {
      const std::string first = check.At(seen->second);
      check.Error(node,
                  "criterion '" + id + "' of " + to.id + " appears twice (first at " + first + ")",
                  Problem("problem.crosswalk.twice",
                          {{"criterion", id}, {"framework", to.id}, {"first", first}}));
    }
  };
  for (const pugi::xml_node node : root.children()) {
    if (node.type() == pugi::node_pcdata && !std::string_view(node.value()).empty()) {
      bool blank = true;
      for (const char ch : std::string_view(node.value()))
        blank = blank && std::isspace(static_cast<unsigned char>(ch));
      if (!blank) {
        check.Error(node, "unexpected text in <crosswalk>",
                    Problem("problem.xml.unexpected_text", {{"element", "crosswalk"}}));
      }
      continue;
    }
    if (node.type() != pugi::node_element) continue;
    const std::string_view name = node.name();
    if (name == "map") {
      check.OnlyAttributes(node, {"from", "to"});
      const std::optional<std::string> a = check.IdAttribute(node, "from");
      const std::optional<std::string> b = check.IdAttribute(node, "to");
      if (!a || !b) continue;
      const bool ok_a = !from_matches || known(from, *a, node.attribute("from"));
      const bool ok_b = !to_matches || known(to, *b, node.attribute("to"));
      if (ok_b) claim_new(*b, node);
      if (ok_a) old_mapped.emplace(*a, node);
      cw.maps.push_back({*a, *b});
    } else if (name == "removed" || name == "added") {
      check.OnlyAttributes(node, {"id"});
      const std::optional<std::string> id = check.IdAttribute(node, "id");
      if (!id) continue;
      if (name == "removed") {
        if (from_matches && !known(from, *id, node.attribute("id"))) continue;
        const auto [seen, fresh] = old_removed.emplace(*id, node);
        if (!fresh) {
          const std::string first = check.At(seen->second);
          check.Error(
              node, "criterion '" + *id + "' is removed twice (first at " + first + ")",
              Problem("problem.crosswalk.removed_twice", {{"criterion", *id}, {"first", first}}));
        }
        cw.removed.push_back(*id);
      } else {
        if (to_matches && !known(to, *id, node.attribute("id"))) continue;
        claim_new(*id, node);
        cw.added.push_back(*id);
      }
    } else if (!check.listing()) {
      check.Count();  // only counted: its text is never shown
    } else {
      check.Error(
          node,
          "unexpected element <" + std::string(name) + "> (expected <map>, <removed> or <added>)",
          Problem("problem.crosswalk.unexpected_element", {{"element", std::string(name)}}));
    }
  }
  for (const auto& [id, node] : old_removed) {
    if (const auto m = old_mapped.find(id); m != old_mapped.end()) {
      const std::string at = check.At(m->second);
      check.Error(node, "criterion '" + id + "' is both removed and mapped (at " + at + ")",
                  Problem("problem.crosswalk.removed_and_mapped", {{"criterion", id}, {"at", at}}));
    }
  }
  if (from_matches) {
    for (const Criterion* c : from.Criteria()) {
      if (!old_mapped.count(c->id) && !old_removed.count(c->id)) {
        check.Error(root,
                    "criterion '" + c->id + "' of " + from.id + " is neither mapped nor removed",
                    Problem("problem.crosswalk.not_mapped_or_removed",
                            {{"criterion", c->id}, {"framework", from.id}}));
      }
    }
  }
  if (to_matches) {
    for (const Criterion* c : to.Criteria()) {
      if (!new_seen.count(c->id)) {
        check.Error(root, "criterion '" + c->id + "' of " + to.id + " is neither mapped nor added",
                    Problem("problem.crosswalk.not_mapped_or_added",
                            {{"criterion", c->id}, {"framework", to.id}}));
      }
    }
  }
  if (!check.errors().empty()) return check.errors().ToStatus();
  return cw;
}

Result<Crosswalk> LoadCrosswalkFile(const std::string& path, const Framework& from,
                                    const Framework& to) {
  Result<std::string> bytes = ReadSmallFile(path);
  if (!bytes.ok()) return bytes.status();
  return ParseCrosswalk(*bytes, path, from, to);
}

std::string CrosswalkPath(const std::string& dir, std::string_view from_id,
                          std::string_view to_id) {
  return dir + "/" + std::string(from_id) + "--" + std::string(to_id) + ".xml";
}

}  // namespace vtaudit
