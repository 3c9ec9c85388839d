#include "framework.h"

#include <algorithm>
#include <cctype>
#include <clocale>
#include <cmath>
#include <cstdlib>
#include <map>

#include "digest.h"
#include "problems.h"
#include "xml_source.h"

namespace vtaudit {

const Level* Scale::Find(std::string_view level_id) const {
  for (const Level& l : levels) {
    if (l.id == level_id) return &l;
  }
  return nullptr;
}

int Scale::Rank(std::string_view level_id) const {
  for (size_t i = 0; i < levels.size(); ++i) {
    if (levels[i].id == level_id) return static_cast<int>(i);
  }
  return -1;
}

const Level& Scale::ForShare(double share) const {
  for (const Level& l : levels) {
    // A tiny tolerance keeps 9/10 = 0.8999999… from missing a 0.90 threshold.
    if (share + 1e-9 >= l.min_share) return l;
  }
  return levels.back();
}

std::string_view ScopeName(Scope s) { return s == Scope::kCase ? "case" : "organisation"; }

std::string_view DurationUnitName(DurationUnit u) {
  switch (u) {
    case DurationUnit::kHours:
      return "hours";
    case DurationUnit::kDays:
      return "days";
    case DurationUnit::kWorkdays:
      return "workdays";
    case DurationUnit::kWeeks:
      return "weeks";
  }
  return "";
}

std::optional<DurationUnit> DurationUnitFromName(std::string_view name) {
  for (DurationUnit u :
       {DurationUnit::kHours, DurationUnit::kDays, DurationUnit::kWorkdays, DurationUnit::kWeeks}) {
    if (DurationUnitName(u) == name) return u;
  }
  return std::nullopt;
}

std::string_view BasisName(Basis b) {
  switch (b) {
    case Basis::kUnstated:
      return "";
    case Basis::kWet:
      return "wet";
    case Basis::kProtocol:
      return "protocol";
    case Basis::kVeldnorm:
      return "veldnorm";
  }
  return "";
}

std::optional<Basis> BasisFromName(std::string_view name) {
  for (Basis b : {Basis::kWet, Basis::kProtocol, Basis::kVeldnorm}) {
    if (BasisName(b) == name) return b;
  }
  return std::nullopt;
}

const Deadline* Framework::FindDeadline(std::string_view deadline_id) const {
  for (const Deadline& d : deadlines) {
    if (d.id == deadline_id) return &d;
  }
  return nullptr;
}

const Criterion* Framework::FindCriterion(std::string_view criterion_id) const {
  for (const Domain& d : domains) {
    for (const Standard& s : d.standards) {
      for (const Criterion& c : s.criteria) {
        if (c.id == criterion_id) return &c;
      }
    }
  }
  return nullptr;
}

std::vector<const Criterion*> Framework::Criteria() const {
  std::vector<const Criterion*> out;
  for (const Domain& d : domains) {
    for (const Standard& s : d.standards) {
      for (const Criterion& c : s.criteria) out.push_back(&c);
    }
  }
  return out;
}

namespace {

// Copies one framework document into plain structs, collecting every error.
class FrameworkReader {
 public:
  FrameworkReader(const XmlSource& src, FrameworkOrigin origin) : src_(src), origin_(origin) {}

  Result<Framework> Read() {
    const pugi::xml_node root = src_.doc().document_element();
    if (std::string_view(root.name()) != "framework") {
      const std::string where = src_.Where(root);
      return Status::Invalid(
          where + ": root element is <" + root.name() + ">, expected <framework>",
          Problem("problem.xml.root",
                  {{"where", where}, {"root", root.name()}, {"expected", "framework"}}));
    }
    Framework f;
    f.id = Id(root);
    f.version = Required(root, "version");
    if (pugi::xml_attribute a = Attr(root, "valid-from")) {
      if (auto d = Date::ParseIso(a.value())) {
        f.valid_from = *d;
      } else {
        Error(a, std::string("valid-from is not a date (YYYY-MM-DD): '") + a.value() + "'",
              Problem("problem.framework.valid_from", {{"value", a.value()}}));
      }
    }
    f.title = Text(root, "title", "framework");
    f.gloss = Text(root, "gloss", "framework");
    f.source = Text(root, "source", "framework");
    ReadScale(root.child("scale"), &f.scale, root);
    ReadDeadlines(root.child("deadlines"), &f.deadlines);
    ReadAggregation(root.child("aggregation"), f.scale, &f.aggregation, root);
    bool any_domain = false;
    for (pugi::xml_node d : root.children("domain")) {
      any_domain = true;
      f.domains.push_back(ReadDomain(d, f));
    }
    if (!any_domain) NoChild(root, "the framework", "domain");
    CheckUnknownChildren(
        root, {"title", "gloss", "source", "scale", "deadlines", "aggregation", "domain"});
    if (!errors_.empty()) return errors_.ToStatus();
    return f;
  }

 private:
  void Error(const pugi::xml_node& n, const std::string& what, ProblemCode code) {
    errors_.Add(n, what, std::move(code));
  }
  void Error(const pugi::xml_attribute& a, const std::string& what, ProblemCode code) {
    errors_.Add(a, what, std::move(code));
  }

  // The arguments that name `owner` ("criterion 'C1'", or "the framework", which is said in
  // the front end's language).
  static std::map<std::string, std::string> OwnerArgs(const std::string& owner) {
    std::map<std::string, std::string> args{{"owner", owner}};
    if (owner == "the framework") {
      PutReason(&args, "owner", Problem("problem.framework.the_framework"));
    }
    return args;
  }

  // `owner` has no child element `child`.
  void NoChild(const pugi::xml_node& n, const std::string& owner, const char* child) {
    std::map<std::string, std::string> args = OwnerArgs(owner);
    args["child"] = child;
    Error(n, owner + " has no <" + child + ">", Problem("problem.framework.no_child", args));
  }

  // The error `what` about a text `child` with the hint of its language when it has one.
  void TextError(const pugi::xml_node& n, const std::string& what, const std::string& owner,
                 const char* child, bool blank) {
    std::map<std::string, std::string> args = OwnerArgs(owner);
    args["child"] = child;
    const std::string hint = LanguageHint(child);
    if (hint.empty()) {
      Error(n, what,
            Problem(blank ? "problem.framework.blank" : "problem.framework.no_child", args));
      return;
    }
    args["hint"] = hint;
    const std::string_view c = child;
    PutReason(
        &args, "hint",
        Problem(c == "gloss" ? "problem.framework.english_gloss" : "problem.framework.dutch_text"));
    Error(
        n, what + " (" + hint + ")",
        Problem(blank ? "problem.framework.blank_hint" : "problem.framework.no_child_hint", args));
  }

  // `n` lacks the attribute `name`.
  void NoAttribute(const pugi::xml_node& n, const char* name) {
    Error(
        n, Describe(n) + " has no attribute '" + name + "'",
        Problem("problem.framework.no_attribute", {{"element", Describe(n)}, {"attribute", name}}));
  }

  static std::string Describe(const pugi::xml_node& n) {
    std::string d = std::string("<") + n.name();
    if (const char* id = n.attribute("id").value(); *id) d += std::string(" id=\"") + id + "\"";
    return d + ">";
  }

  pugi::xml_attribute Attr(const pugi::xml_node& n, const char* name) { return n.attribute(name); }

  std::string Required(const pugi::xml_node& n, const char* name) {
    const pugi::xml_attribute a = n.attribute(name);
    if (!a) {
      NoAttribute(n, name);
      return "";
    }
    return a.value();
  }

  std::string Id(const pugi::xml_node& n) {
    const pugi::xml_attribute a = n.attribute("id");
    if (!a) {
      NoAttribute(n, "id");
      return "";
    }
    const std::string id = a.value();
    // Checked by hand: std::regex recurses per character and overflowed the stack on an
    // id of 30,000 characters.
    constexpr size_t kMaxId = 64;
    const auto plain = [](char c) {
      return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
             c == '_' || c == '.' || c == '-';
    };
    const bool letter =
        !id.empty() && ((id[0] >= 'A' && id[0] <= 'Z') || (id[0] >= 'a' && id[0] <= 'z'));
    if (id.size() > kMaxId) {
      Error(a,
            "id of " + std::to_string(id.size()) + " characters: an id has at most " +
                std::to_string(kMaxId),
            Problem("problem.framework.id_too_long",
                    {{"length", std::to_string(id.size())}, {"max", std::to_string(kMaxId)}}));
      return id;
    }
    if (!letter || !std::all_of(id.begin(), id.end(), plain)) {
      Error(a, "id '" + id + "' is not a valid id (a letter, then letters, digits, '_', '.', '-')",
            Problem("problem.framework.bad_id", {{"id", id}}));
      return id;
    }
    if (n != src_.doc().document_element()) {
      const auto [it, fresh] = ids_.emplace(id, src_.Offset(n));
      if (!fresh) {
        const std::string first = src_.WhereOffset(it->second).substr(src_.name().size() + 1);
        Error(a, "duplicate id '" + id + "' (first defined at " + first + ")",
              Problem("problem.framework.duplicate_id", {{"id", id}, {"first", first}}));
      }
    }
    return id;
  }

  // Reads a decimal attribute in the "C" notation; nullopt (and an error) when absent or bad.
  std::optional<double> Number(const pugi::xml_node& n, const char* name, bool required = true) {
    const pugi::xml_attribute a = n.attribute(name);
    if (!a) {
      if (required) NoAttribute(n, name);
      return std::nullopt;
    }
    const std::string text = a.value();
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0' || !std::isfinite(v)) {
      Error(a, std::string(name) + " is not a number: '" + text + "'",
            Problem("problem.framework.not_a_number", {{"attribute", name}, {"value", text}}));
      return std::nullopt;
    }
    return v;
  }

  // A whole number >= 1; nullopt when absent, and an error when it is not one.
  std::optional<int> PositiveWhole(const pugi::xml_node& n, const char* name) {
    const pugi::xml_attribute a = n.attribute(name);
    if (!a) return std::nullopt;
    const std::string text = a.value();
    const bool digits =
        !text.empty() && text.size() <= 9 && std::all_of(text.begin(), text.end(), [](char ch) {
          return std::isdigit(static_cast<unsigned char>(ch));
        });
    if (!digits || std::stoi(text) < 1) {
      Error(
          a, std::string(name) + " must be a whole number of at least 1, got '" + text + "'",
          Problem("problem.framework.not_positive_whole", {{"attribute", name}, {"value", text}}));
      return std::nullopt;
    }
    return std::stoi(text);
  }

  std::optional<double> Share(const pugi::xml_node& n, const char* name) {
    const std::optional<double> v = Number(n, name);
    if (v && (*v < 0 || *v > 1)) {
      Error(n.attribute(name),
            std::string(name) + " must lie between 0 and 1, got " + n.attribute(name).value(),
            Problem("problem.framework.not_a_share",
                    {{"attribute", name}, {"value", n.attribute(name).value()}}));
      return std::nullopt;
    }
    return v;
  }

  double Weight(const pugi::xml_node& n) {
    const pugi::xml_attribute a = n.attribute("weight");
    if (!a) return 1;
    const std::optional<double> v = Number(n, "weight");
    if (v && *v <= 0) {
      Error(a, std::string("weight must be greater than 0, got ") + a.value(),
            Problem("problem.framework.weight", {{"value", a.value()}}));
      return 1;
    }
    return v.value_or(1);
  }

  std::optional<bool> Bool(const pugi::xml_node& n, const char* name) {
    const pugi::xml_attribute a = n.attribute(name);
    if (!a) return std::nullopt;
    const std::string v = a.value();
    if (v == "true" || v == "1") return true;
    if (v == "false" || v == "0") return false;
    Error(a, std::string(name) + " must be true or false, got '" + v + "'",
          Problem("problem.framework.not_a_bool", {{"attribute", name}, {"value", v}}));
    return std::nullopt;
  }

  // The text of a required child element, which must not be blank.
  std::string Text(const pugi::xml_node& n, const char* child, const std::string& owner) {
    const pugi::xml_node c = n.child(child);
    const std::string who = owner == "framework" ? "the framework" : owner;
    if (!c) {
      TextError(n, who + " has no <" + child + ">", who, child, false);
      return "";
    }
    std::string text = c.child_value();
    const auto blank = std::all_of(text.begin(), text.end(), [](char ch) {
      return std::isspace(static_cast<unsigned char>(ch));
    });
    if (blank) {
      TextError(c, who + ": <" + child + "> is blank", who, child, true);
      return "";
    }
    return Trim(text);
  }

  static std::string LanguageHint(const char* child) {
    const std::string_view c = child;
    if (c == "name" || c == "text" || c == "title") return "Dutch text";
    if (c == "gloss") return "English gloss";
    return "";
  }

  static std::string Trim(const std::string& s) {
    size_t b = 0, e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
    // Collapse internal runs of white space: texts are written wrapped in the file.
    std::string out;
    bool space = false;
    for (size_t i = b; i < e; ++i) {
      if (std::isspace(static_cast<unsigned char>(s[i]))) {
        space = true;
      } else {
        if (space) out += ' ';
        space = false;
        out += s[i];
      }
    }
    return out;
  }

  std::string Owner(const pugi::xml_node& n) {
    return std::string(n.name()) + " '" + n.attribute("id").value() + "'";
  }

  void CheckUnknownChildren(const pugi::xml_node& n,
                            std::initializer_list<std::string_view> known) {
    for (pugi::xml_node c : n.children()) {
      if (c.type() != pugi::node_element) continue;
      if (std::find(known.begin(), known.end(), c.name()) == known.end()) {
        if (!errors_.listing()) {
          errors_.Count();
          continue;
        }
        Error(c, "unexpected element <" + std::string(c.name()) + "> in <" + n.name() + ">",
              Problem("problem.xml.unexpected_element",
                      {{"element", c.name()}, {"parent", n.name()}}));
      }
    }
  }

  Condition ReadCondition(const pugi::xml_node& n) {
    const pugi::xml_node c = n.child("applies-when");
    if (!c) return Condition();
    ConditionError err;
    std::optional<Condition> cond = Condition::Parse(c.child_value(), &err);
    if (!cond) {
      std::map<std::string, std::string> args = {{"what", err.message}};
      PutReason(&args, "what", err.problem);
      errors_.AddAt(src_.TextOffset(c) + err.offset, "bad condition: " + err.message,
                    Problem("problem.framework.bad_condition", std::move(args)));
      return Condition();
    }
    return *cond;
  }

  void ReadScale(const pugi::xml_node& s, Scale* scale, const pugi::xml_node& root) {
    if (!s) {
      NoChild(root, "the framework", "scale");
      return;
    }
    scale->min_cases = PositiveWhole(s, "min-cases").value_or(kDefaultMinCases);
    const Level* prev = nullptr;
    pugi::xml_node last;
    for (pugi::xml_node n : s.children("level")) {
      Level l;
      l.id = Id(n);
      const std::string owner = Owner(n);
      l.name = Text(n, "name", owner);
      l.gloss = Text(n, "gloss", owner);
      l.score = Number(n, "score").value_or(0);
      l.min_share = Share(n, "min-share").value_or(0);
      l.met = Bool(n, "met").value_or(false);
      if (prev && l.score >= prev->score) {
        Error(n.attribute("score"),
              "level '" + l.id + "': score " + n.attribute("score").value() +
                  " is not below the previous level's",
              Problem("problem.framework.score_not_below",
                      {{"level", l.id}, {"score", n.attribute("score").value()}}));
      }
      if (prev && l.min_share >= prev->min_share) {
        Error(n.attribute("min-share"),
              "level '" + l.id + "': min-share " + n.attribute("min-share").value() +
                  " is not below the previous level's (thresholds must fall, best level first)",
              Problem("problem.framework.share_not_below",
                      {{"level", l.id}, {"share", n.attribute("min-share").value()}}));
      }
      scale->levels.push_back(l);
      prev = &scale->levels.back();
      last = n;
    }
    if (scale->levels.size() < 2) {
      Error(s, "the scale needs at least two levels", Problem("problem.framework.two_levels"));
    } else if (scale->levels.back().min_share != 0) {
      Error(last.attribute("min-share"),
            "the last level must have min-share 0, got " +
                std::string(last.attribute("min-share").value()),
            Problem("problem.framework.last_share",
                    {{"value", last.attribute("min-share").value()}}));
    }
  }

  void ReadDeadlines(const pugi::xml_node& ds, std::vector<Deadline>* out) {
    for (pugi::xml_node n : ds.children("deadline")) {
      Deadline d;
      d.id = Id(n);
      const std::string owner = Owner(n);
      d.name = Text(n, "name", owner);
      d.gloss = Text(n, "gloss", owner);
      d.from = EventAttr(n, "from");
      d.to = EventAttr(n, "to");
      const std::optional<double> length = Number(n, "length");
      if (length && (*length < 1 || *length != std::floor(*length))) {
        Error(n.attribute("length"),
              std::string("length must be a positive whole number, got ") +
                  n.attribute("length").value(),
              Problem("problem.framework.length", {{"value", n.attribute("length").value()}}));
      }
      d.length = static_cast<int>(length.value_or(1));
      const std::string unit = Required(n, "unit");
      if (const auto u = DurationUnitFromName(unit)) {
        d.unit = *u;
      } else if (n.attribute("unit")) {
        Error(n.attribute("unit"),
              "unknown unit '" + unit + "' (expected hours, days, workdays or weeks)",
              Problem("problem.framework.unit", {{"unit", unit}}));
      }
      d.extend = Bool(n, "extend").value_or(false);
      if (d.extend && (d.unit == DurationUnit::kHours || d.unit == DurationUnit::kWorkdays)) {
        Error(n.attribute("extend"),
              "extend=\"true\" (Atw art. 1 and 2) applies to terms in days or weeks, not " + unit,
              Problem("problem.framework.extend", {{"unit", unit}}));
      }
      d.norm = Share(n, "norm").value_or(1);
      ReadBasis(n, owner, &d);
      d.applies_when = ReadCondition(n);
      if (d.from == d.to && n.attribute("from") && n.attribute("to")) {
        Error(n.attribute("to"), "deadline '" + d.id + "' starts and ends at the same event",
              Problem("problem.framework.same_event", {{"deadline", d.id}}));
      }
      CheckUnknownChildren(n, {"name", "gloss", "source", "applies-when"});
      out->push_back(std::move(d));
    }
  }

  // basis="wet|protocol|veldnorm" and the <source> citation; both may be absent only in a
  // framework stored before they existed (FrameworkOrigin::kStored).
  void ReadBasis(const pugi::xml_node& n, const std::string& owner, Deadline* d) {
    const pugi::xml_attribute a = n.attribute("basis");
    const bool stated = a || n.child("source");
    if (!stated && origin_ == FrameworkOrigin::kStored) return;
    if (!a) {
      Error(n, Describe(n) + " has no attribute 'basis' (wet, protocol or veldnorm)",
            Problem("problem.framework.no_basis", {{"element", Describe(n)}}));
    } else if (const std::optional<Basis> b = BasisFromName(a.value())) {
      d->basis = *b;
    } else {
      Error(a,
            std::string("unknown basis '") + a.value() + "' (expected wet, protocol or veldnorm)",
            Problem("problem.framework.basis", {{"basis", a.value()}}));
    }
    if (!n.child("source")) {
      Error(n, owner + " has no <source> (the citation its basis rests on)",
            Problem("problem.framework.no_source", {{"owner", owner}}));
      return;
    }
    d->source = Text(n, "source", owner);
  }

  Event EventAttr(const pugi::xml_node& n, const char* name) {
    const std::string v = Required(n, name);
    if (v.empty()) return Event::kReceived;
    if (const auto e = EventFromName(v)) return *e;
    Error(n.attribute(name),
          "unknown event '" + v + "' in " + name +
              " (expected received, triaged, safety_assessed, investigation_decided, "
              "investigation_started or investigation_completed)",
          Problem("problem.framework.event", {{"event", v}, {"attribute", name}}));
    return Event::kReceived;
  }

  void ReadAggregation(const pugi::xml_node& a, const Scale& scale, Aggregation* agg,
                       const pugi::xml_node& root) {
    if (!a) {
      NoChild(root, "the framework", "aggregation");
      return;
    }
    const std::string method = Required(a, "method");
    if (method == "weighted-mean") {
      agg->method = Aggregation::Method::kWeightedMean;
    } else if (method == "worst") {
      agg->method = Aggregation::Method::kWorst;
    } else if (a.attribute("method")) {
      Error(a.attribute("method"),
            "unknown aggregation method '" + method + "' (expected weighted-mean or worst)",
            Problem("problem.framework.method", {{"method", method}}));
    }
    if (pugi::xml_attribute m = a.attribute("norm-missed-max")) {
      agg->norm_missed_max = m.value();
      if (!scale.Find(agg->norm_missed_max)) {
        Error(m, "norm-missed-max '" + agg->norm_missed_max + "' is not a level of the scale",
              Problem("problem.framework.norm_missed_max", {{"level", agg->norm_missed_max}}));
      }
    }
    size_t i = 0;
    double prev = 0;
    for (pugi::xml_node b : a.children("band")) {
      Band band;
      band.level = Required(b, "level");
      band.min_score = Number(b, "min-score").value_or(0);
      if (i < scale.levels.size() && band.level != scale.levels[i].id) {
        Error(b,
              "band " + std::to_string(i + 1) + " names level '" + band.level + "', expected '" +
                  scale.levels[i].id + "' (one band per scale level, in scale order)",
              Problem("problem.framework.band_level", {{"band", std::to_string(i + 1)},
                                                       {"level", band.level},
                                                       {"expected", scale.levels[i].id}}));
      } else if (i >= scale.levels.size()) {
        Error(b,
              "band " + std::to_string(i + 1) + " has no level of the scale left ('" + band.level +
                  "')",
              Problem("problem.framework.band_left",
                      {{"band", std::to_string(i + 1)}, {"level", band.level}}));
      }
      if (i > 0 && band.min_score >= prev) {
        Error(b.attribute("min-score"),
              "band '" + band.level + "': min-score is not below the previous band's",
              Problem("problem.framework.band_score", {{"level", band.level}}));
      }
      prev = band.min_score;
      agg->bands.push_back(band);
      ++i;
    }
    if (i < scale.levels.size() && errors_.empty()) {
      Error(
          a,
          "the aggregation has " + std::to_string(i) + " bands for " +
              std::to_string(scale.levels.size()) + " scale levels",
          Problem("problem.framework.band_count",
                  {{"bands", std::to_string(i)}, {"levels", std::to_string(scale.levels.size())}}));
    } else if (!agg->bands.empty() && agg->bands.back().min_score != 0) {
      Error(a.last_child(), "the last band must have min-score 0",
            Problem("problem.framework.last_band"));
    }
  }

  // The parts every domain and standard has: id, Dutch name, English gloss, weight.
  template <typename Node>
  std::string ReadHeading(const pugi::xml_node& n, Node* out) {
    out->id = Id(n);
    std::string owner = Owner(n);
    out->name = Text(n, "name", owner);
    out->gloss = Text(n, "gloss", owner);
    out->weight = Weight(n);
    return owner;
  }

  Domain ReadDomain(const pugi::xml_node& n, const Framework& f) {
    Domain d;
    const std::string owner = ReadHeading(n, &d);
    for (pugi::xml_node s : n.children("standard")) d.standards.push_back(ReadStandard(s, f));
    if (d.standards.empty()) NoChild(n, owner, "standard");
    CheckUnknownChildren(n, {"name", "gloss", "standard"});
    return d;
  }

  Standard ReadStandard(const pugi::xml_node& n, const Framework& f) {
    Standard s;
    const std::string owner = ReadHeading(n, &s);
    for (pugi::xml_node c : n.children("criterion")) s.criteria.push_back(ReadCriterion(c, f));
    if (s.criteria.empty()) NoChild(n, owner, "criterion");
    CheckUnknownChildren(n, {"name", "gloss", "criterion"});
    return s;
  }

  Criterion ReadCriterion(const pugi::xml_node& n, const Framework& f) {
    Criterion c;
    c.id = Id(n);
    const std::string owner = Owner(n);
    c.text = Text(n, "text", owner);
    c.gloss = Text(n, "gloss", owner);
    c.weight = Weight(n);
    const std::string scope = Required(n, "scope");
    if (scope == "case") {
      c.scope = Scope::kCase;
    } else if (scope == "organisation") {
      c.scope = Scope::kOrganisation;
    } else if (n.attribute("scope")) {
      Error(n.attribute("scope"), "unknown scope '" + scope + "' (expected case or organisation)",
            Problem("problem.framework.scope", {{"scope", scope}}));
    }
    c.applies_when = ReadCondition(n);
    if (pugi::xml_attribute m = n.attribute("measured-by")) {
      c.measured_by = m.value();
      if (!f.FindDeadline(c.measured_by)) {
        Error(m, "measured-by '" + c.measured_by + "' is not a deadline of the framework",
              Problem("problem.framework.measured_by", {{"deadline", c.measured_by}}));
      } else if (c.scope != Scope::kOrganisation) {
        Error(m,
              "a measured criterion has scope=\"organisation\": it is judged once, "
              "from the whole extract",
              Problem("problem.framework.measured_scope"));
      }
    }
    if (pugi::xml_attribute cap = n.attribute("cap")) {
      c.cap = cap.value();
      if (!f.scale.Find(c.cap)) {
        Error(cap, "cap '" + c.cap + "' is not a level of the scale",
              Problem("problem.framework.cap", {{"level", c.cap}}));
      }
    }
    c.min_cases = PositiveWhole(n, "min-cases").value_or(f.scale.min_cases);
    if (n.attribute("min-cases") && c.scope != Scope::kCase) {
      Error(n.attribute("min-cases"),
            "min-cases goes with scope=\"case\": an organisation criterion is judged once, "
            "not over cases",
            Problem("problem.framework.min_cases_scope"));
    }
    CheckUnknownChildren(n, {"text", "gloss", "applies-when"});
    return c;
  }

  const XmlSource& src_;
  const FrameworkOrigin origin_;
  XmlErrors errors_{src_};
  std::map<std::string, size_t> ids_;  // id → offset of the element first defining it
};

}  // namespace

Result<Framework> ParseFramework(std::string_view xml, std::string_view source_name,
                                 FrameworkOrigin origin) {
  Result<std::unique_ptr<XmlSource>> src =
      XmlSource::Parse(std::string(xml), std::string(source_name));
  if (!src.ok()) return src.status();
  Result<Framework> f = FrameworkReader(**src, origin).Read();
  if (f.ok()) f->sha256 = Sha256Hex(xml);
  return f;
}

Result<Framework> LoadFrameworkFile(const std::string& path) {
  Result<std::string> bytes = ReadSmallFile(path);
  if (!bytes.ok()) return bytes.status();
  return ParseFramework(*bytes, path);
}

}  // namespace vtaudit
