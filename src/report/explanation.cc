#include "explanation.h"

#include <cmath>

#include "escape.h"

namespace vtaudit {
namespace {

// Judgement shares are compared with this slack, as the rules compare them.
constexpr double kSlack = 1e-9;

std::string Localised(const Translator& t, const std::string& nl, const std::string& en) {
  return t.english() && !en.empty() ? en : nl;
}

// A score or threshold: one decimal, two when the second is not 0 ("1,75").
std::string Figure(const Translator& t, double v) {
  const double tenths = v * 10;
  return t.Number(v, std::abs(tenths - std::round(tenths)) < kSlack ? 1 : 2);
}

std::string JoinIds(const std::vector<std::string>& ids) {
  std::string out;
  for (const std::string& id : ids) out += (out.empty() ? "" : ", ") + id;
  return out;
}

const Deadline* FindDeadline(const Framework& f, const std::string& id) {
  for (const Deadline& d : f.deadlines) {
    if (d.id == id) return &d;
  }
  return nullptr;
}

// What keeps a node from being complete or certain, as clauses after its sentence.
std::string Gaps(const NodeJudgement& n, const Framework& f, const Translator& t) {
  std::string out;
  if (n.unscored > 0 && n.kind == "criterion") {
    out += t.T("explain.unscored", {{"n", std::to_string(n.unscored)}});
  }
  if (n.disputed > 0 && n.kind == "criterion") {
    out += t.T("explain.disputed", {{"n", std::to_string(n.disputed)}});
  }
  if (n.indicative) {
    const Criterion* c = f.FindCriterion(n.id);
    out += t.T("explain.indicative", {{"n", std::to_string(n.met + n.not_met)},
                                      {"min_cases", std::to_string(c ? c->min_cases : 0)}});
  }
  if (n.kind != "criterion") {
    std::vector<std::string> not_judged, indicative;
    for (const NodeJudgement& c : n.children) {
      if (!c.level && c.applicable && c.incomplete) not_judged.push_back(c.id);
      for (const NodeJudgement& g : c.children) {
        if (g.indicative) indicative.push_back(g.id);
      }
      if (c.indicative) indicative.push_back(c.id);
    }
    if (!not_judged.empty()) out += t.T("explain.parts_not_judged", {{"ids", JoinIds(not_judged)}});
    if (!indicative.empty()) out += t.T("explain.parts_indicative", {{"ids", JoinIds(indicative)}});
  }
  return out;
}

std::string ExplainCriterion(const NodeJudgement& n, const Framework& f,
                             const std::map<std::string, std::string>& not_judged,
                             const Translator& t) {
  const Criterion* c = f.FindCriterion(n.id);
  if (auto it = not_judged.find(n.id); it != not_judged.end()) {
    return t.T("explain.skipped", {{"reason", it->second}});
  }
  if (!n.applicable) {
    return t.T(c && !c->measured_by.empty() ? "explain.measured_none" : "explain.not_applicable");
  }
  if (!n.level) {
    if (c && c->scope == Scope::kOrganisation) {
      return t.T(n.disputed > 0 ? "explain.organisation_disputed"
                                : "explain.organisation_unscored");
    }
    return t.T("explain.no_counted") + Gaps(n, f, t);
  }
  const std::string level = LevelLabel(f.scale, *n.level, t);
  if (c && !c->measured_by.empty()) {
    const Deadline* d = FindDeadline(f, c->measured_by);
    const double norm = d ? d->norm : 1;
    std::string s = t.T("explain.measured", {{"on_time", std::to_string(n.met)},
                                             {"counted", std::to_string(n.met + n.not_met)},
                                             {"share", t.Percent(n.share.value_or(0))},
                                             {"norm", t.Percent(norm, 0)},
                                             {"level", level}});
    if (n.share && *n.share + kSlack < norm) {
      const Level& by_share = f.scale.ForShare(*n.share);
      s += by_share.id != *n.level ? t.T("explain.norm_missed_capped", {{"level", level}})
                                   : t.T("explain.norm_missed");
    }
    return s;
  }
  if (c && c->scope == Scope::kOrganisation) {
    return t.T("explain.organisation", {{"level", level}});
  }
  const Level* l = f.scale.Find(*n.level);
  return t.T("explain.share", {{"met", std::to_string(n.met)},
                               {"n", std::to_string(n.met + n.not_met)},
                               {"share", t.Percent(n.share.value_or(0))},
                               {"min_share", t.Percent(l ? l->min_share : 0, 0)},
                               {"level", level}}) +
         Gaps(n, f, t);
}

std::string ExplainAggregate(const NodeJudgement& n, const Framework& f, const Translator& t) {
  const std::string parts = t.T("explain.parts." + n.kind);
  if (!n.applicable) return t.T("explain.parts_not_applicable", {{"parts", parts}});
  if (!n.level) return t.T("explain.parts_none", {{"parts", parts}}) + Gaps(n, f, t);
  const std::string level = LevelLabel(f.scale, *n.level, t);
  std::string s;
  if (n.mean && n.band_min) {
    s = t.T("explain.mean", {{"parts", parts},
                             {"mean", Figure(t, *n.mean)},
                             {"band", Figure(t, *n.band_min)},
                             {"level", level}});
  } else {
    s = t.T("explain.worst", {{"parts", parts}, {"level", level}});
  }
  if (!n.capped_by.empty()) s += t.T("explain.capped", {{"criterion", n.capped_by}});
  return s + Gaps(n, f, t);
}

std::string NodeTitle(const NodeJudgement& n, const Framework& f, const Translator& t) {
  if (const Criterion* c = f.FindCriterion(n.id)) return Localised(t, c->text, c->gloss);
  for (const Domain& d : f.domains) {
    if (d.id == n.id) return Localised(t, d.name, d.gloss);
    for (const Standard& s : d.standards) {
      if (s.id == n.id) return Localised(t, s.name, s.gloss);
    }
  }
  return "";
}

void WriteTree(const NodeJudgement& n, const Framework& f,
               const std::map<std::string, std::string>& not_judged, const Translator& t,
               const std::string& indent, std::string* out) {
  // A domain by its name (its id is a key, not a word); a standard or criterion by id and
  // name. The sentence below ends in the level.
  const std::string title =
      n.kind == "domain" ? NodeTitle(n, f, t) : n.id + " " + NodeTitle(n, f, t);
  *out += indent + EscapeControl(title) + "\n";
  *out += indent + "  " + EscapeControl(ExplainNode(n, f, not_judged, t)) + "\n";
  for (const NodeJudgement& c : n.children) WriteTree(c, f, not_judged, t, indent + "  ", out);
}

}  // namespace

std::string LevelLabel(const Scale& scale, const std::string& level, const Translator& t) {
  const Level* l = scale.Find(level);
  return l ? Localised(t, l->name, l->gloss) : level;
}

std::string ExplainNode(const NodeJudgement& node, const Framework& framework,
                        const std::map<std::string, std::string>& not_judged, const Translator& t) {
  return node.kind == "criterion" ? ExplainCriterion(node, framework, not_judged, t)
                                  : ExplainAggregate(node, framework, t);
}

std::string ExplainJudgement(const Judgement& judgement, const Framework& framework,
                             const std::map<std::string, std::string>& not_judged,
                             const Translator& t) {
  std::string out;
  for (const NodeJudgement& d : judgement.domains) WriteTree(d, framework, not_judged, t, "", &out);
  return out;
}

}  // namespace vtaudit
