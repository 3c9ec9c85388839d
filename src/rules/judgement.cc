#include "judgement.h"

#include <cmath>
#include <cstdio>
#include <set>

#include "escape.h"

namespace vtaudit {

std::string FormatFigure(double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", value);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

namespace {

constexpr double kEpsilon = 1e-9;

// The score that counts for one (case, criterion).
struct Effective {
  enum class Kind { kNone, kResult, kDisagreement } kind = Kind::kNone;
  std::string result;
  std::string detail;  // "A: voldoet, B: voldoet_niet" for a disagreement
};

class ScoreIndex {
 public:
  explicit ScoreIndex(const std::vector<ScoreEntry>& scores) {
    for (const ScoreEntry& s : scores) {
      Slot& slot = slots_[{s.case_id, s.criterion}];
      if (s.reconciled) {
        slot.reconciled = s.result;
      } else {
        slot.by_inspector[s.inspector] = s.result;
      }
    }
  }

  Effective Find(const std::string& case_id, const std::string& criterion) const {
    Effective e;
    const auto it = slots_.find({case_id, criterion});
    if (it == slots_.end()) return e;
    const Slot& slot = it->second;
    if (slot.reconciled) {
      e.kind = Effective::Kind::kResult;
      e.result = *slot.reconciled;
      return e;
    }
    std::set<std::string> distinct;
    for (const auto& [inspector, result] : slot.by_inspector) {
      distinct.insert(result);
      e.detail += (e.detail.empty() ? "" : ", ") + inspector + ": " + result;
    }
    if (distinct.empty()) return e;
    if (distinct.size() == 1) {
      e.kind = Effective::Kind::kResult;
      e.result = *distinct.begin();
    } else {
      e.kind = Effective::Kind::kDisagreement;
    }
    return e;
  }

 private:
  struct Slot {
    std::optional<std::string> reconciled;
    std::map<std::string, std::string> by_inspector;
  };
  std::map<std::pair<std::string, std::string>, Slot> slots_;
};

std::string JoinIds(const std::vector<std::string>& ids) {
  std::string out;
  for (const std::string& id : ids) out += (out.empty() ? "" : ", ") + id;
  return out;
}

NodeJudgement JudgeCaseCriterion(const Framework& f, const Criterion& c, const JudgementInput& in,
                                 const ScoreIndex& scores) {
  NodeJudgement n;
  n.id = c.id;
  n.kind = "criterion";
  long automatic_nvt = 0, scored_nvt = 0;
  for (const CaseRecord& rec : in.sample) {
    if (!c.applies_when.Matches(rec)) {
      ++automatic_nvt;
      continue;
    }
    const Effective e = scores.Find(rec.case_id, c.id);
    if (e.kind == Effective::Kind::kNone) {
      ++n.unscored;
    } else if (e.kind == Effective::Kind::kDisagreement) {
      ++n.disputed;
      n.disagreements.push_back(rec.case_id + " (" + e.detail + ")");
    } else if (e.result == "voldoet") {
      ++n.met;
    } else if (e.result == "voldoet_niet") {
      ++n.not_met;
    } else {
      ++scored_nvt;
    }
  }
  n.not_applicable = automatic_nvt + scored_nvt;
  std::string nvt = "nvt " + std::to_string(n.not_applicable);
  if (automatic_nvt > 0) {
    nvt += " (" + std::to_string(automatic_nvt) + " automatically: applies when " +
           c.applies_when.text() + ")";
  }
  std::string missing;
  if (n.unscored > 0)
    missing += "; " + std::to_string(n.unscored) + " applicable case(s) not scored";
  if (!n.disagreements.empty()) {
    missing +=
        "; left out, inspectors disagree and no reconciled score: " + JoinIds(n.disagreements);
  }
  n.incomplete = n.unscored > 0 || n.disputed > 0;
  const long judged = n.met + n.not_met;
  if (judged == 0) {
    if (!n.incomplete && !in.sample.empty()) {
      n.applicable = false;
      n.explanation = "niet van toepassing: applies to none of the " +
                      std::to_string(in.sample.size()) + " sampled cases (" + nvt +
                      "); left out of the judgement";
    } else {
      n.incomplete = true;
      n.explanation = "niet beoordeeld: no voldoet or voldoet_niet over " +
                      std::to_string(in.sample.size()) + " sampled cases (" + nvt + ")" + missing;
    }
    return n;
  }
  n.share = static_cast<double>(n.met) / static_cast<double>(judged);
  const Level& level = f.scale.ForShare(*n.share);
  n.level = level.id;
  n.explanation = "compliance = voldoet " + std::to_string(n.met) + " / (voldoet " +
                  std::to_string(n.met) + " + voldoet_niet " + std::to_string(n.not_met) +
                  ") = " + FormatFigure(*n.share) + " over " + std::to_string(in.sample.size()) +
                  " sampled cases (" + nvt + ")" + missing + "; " + FormatFigure(*n.share) +
                  " >= min-share " + FormatFigure(level.min_share) + " of " + level.id + " → " +
                  level.id;
  if (judged < c.min_cases) {
    n.indicative = true;
    n.explanation += "; indicatief (n = " + std::to_string(judged) +
                     "): fewer counted cases than min-cases " + std::to_string(c.min_cases);
  }
  return n;
}

NodeJudgement JudgeMeasuredCriterion(const Framework& f, const Criterion& c,
                                     const JudgementInput& in) {
  NodeJudgement n;
  n.id = c.id;
  n.kind = "criterion";
  const auto it = in.measured.find(c.measured_by);
  if (it == in.measured.end()) {
    n.incomplete = true;
    n.explanation = "niet beoordeeld: no figure for deadline " + c.measured_by;
    return n;
  }
  if (!it->second.share || it->second.counted == 0) {
    // Nothing to judge, like a case criterion that applies to no sampled case: the same
    // wording and shape, not a gap in the inspectors' work.
    n.applicable = false;
    n.explanation = "niet van toepassing: deadline " + c.measured_by +
                    " counted no cases in the period (whole extract); left out of the judgement";
    return n;
  }
  const MeasuredFigure& m = it->second;
  n.met = m.on_time;
  n.not_met = m.counted - m.on_time;
  n.share = m.share;
  const Level* level = &f.scale.ForShare(*m.share);
  n.explanation = "deadline " + c.measured_by + ": " + std::to_string(m.on_time) + " of " +
                  std::to_string(m.counted) + " on time = " + FormatFigure(*m.share) +
                  " (whole extract); " + FormatFigure(*m.share) + " >= min-share " +
                  FormatFigure(level->min_share) + " of " + level->id;
  const std::string& cap = f.aggregation.norm_missed_max;
  if (*m.share + kEpsilon < m.norm) {
    n.explanation += "; norm " + FormatFigure(m.norm) + " missed";
    if (!cap.empty() && f.scale.Rank(level->id) < f.scale.Rank(cap)) {
      level = f.scale.Find(cap);
      n.explanation += ", so at most " + cap + " (norm-missed-max)";
    }
  } else {
    n.explanation += "; norm " + FormatFigure(m.norm) + " met";
  }
  n.level = level->id;
  n.explanation += " → " + level->id;
  return n;
}

NodeJudgement JudgeOrganisationCriterion(const Framework& f, const Criterion& c,
                                         const ScoreIndex& scores) {
  NodeJudgement n;
  n.id = c.id;
  n.kind = "criterion";
  const Effective e = scores.Find("", c.id);
  if (e.kind == Effective::Kind::kNone) {
    n.incomplete = true;
    n.unscored = 1;
    n.explanation = "niet beoordeeld: the organisation criterion has no score";
    return n;
  }
  if (e.kind == Effective::Kind::kDisagreement) {
    n.incomplete = true;
    n.disputed = 1;
    n.disagreements.push_back("organisation (" + e.detail + ")");
    n.explanation =
        "niet beoordeeld: inspectors disagree (" + e.detail + ") and no reconciled score";
    return n;
  }
  const Level* level = f.scale.Find(e.result);
  n.level = e.result;
  if (level && level->met) n.met = 1;
  if (level && !level->met) n.not_met = 1;
  n.explanation = "scored for the organisation: " + e.result;
  return n;
}

// A criterion the inspectors marked niet beoordeeld (`score skip`): whatever its scores
// say, it has no level and counts in nothing above it; its counts stay as facts.
void MarkNotJudged(const std::string& reason, NodeJudgement* n) {
  n->level.reset();
  n->share.reset();
  n->applicable = true;
  n->incomplete = true;
  n->indicative = false;
  std::string counted;
  if (n->met + n->not_met > 0) {
    counted = "; its scores (met " + std::to_string(n->met) + ", not met " +
              std::to_string(n->not_met) + ") are not counted";
  }
  n->explanation = "niet beoordeeld: marked by the inspectors (" + reason + ")" + counted;
}

struct Child {
  const NodeJudgement* node;
  double weight;
};

// Sets level, incomplete and explanation of `n` from its children by the framework's
// aggregation, then applies the caps of `criteria` (all criteria below `n`).
void Aggregate(const Framework& f, const std::vector<Child>& children,
               const std::vector<std::pair<const Criterion*, const NodeJudgement*>>& criteria,
               NodeJudgement* n) {
  const Scale& scale = f.scale;
  const std::string parts_name = n->kind == "domain" ? "standards" : "criteria";
  std::vector<Child> judged;
  std::vector<std::string> not_judged, not_applicable;
  for (const Child& c : children) {
    if (c.node->incomplete) n->incomplete = true;
    if (c.node->level) {
      judged.push_back(c);
    } else if (!c.node->applicable) {
      not_applicable.push_back(c.node->id);
    } else if (c.node->incomplete) {
      not_judged.push_back(c.node->id);
    }
  }
  if (not_applicable.size() == children.size()) {
    n->applicable = false;
    n->explanation = "niet van toepassing: none of its " + parts_name + " applies (" +
                     JoinIds(not_applicable) + "); left out of the judgement";
    return;
  }
  // The level does not rest on an indicative criterion alone, so the node is not marked;
  // the explanation says which of its criteria are indicative.
  std::vector<std::string> indicative;
  for (const auto& [criterion, judgement] : criteria) {
    if (judgement->indicative) {
      indicative.push_back(criterion->id +
                           " (n = " + std::to_string(judgement->met + judgement->not_met) + ")");
    }
  }
  std::string missing = not_judged.empty() ? "" : "; niet beoordeeld: " + JoinIds(not_judged);
  if (!not_applicable.empty()) missing += "; niet van toepassing: " + JoinIds(not_applicable);
  if (!indicative.empty()) missing += "; indicatief: " + JoinIds(indicative);
  if (judged.empty()) {
    n->explanation = "no judged " + parts_name + missing;
    return;
  }
  std::string level;
  if (f.aggregation.method == Aggregation::Method::kWorst) {
    int worst = -1;
    std::string parts;
    for (const Child& c : judged) {
      const int r = scale.Rank(*c.node->level);
      if (r > worst) worst = r, level = *c.node->level;
      parts += (parts.empty() ? "" : ", ") + c.node->id + " " + *c.node->level;
    }
    n->explanation = "worst of " + parts + " → " + level;
  } else {
    double sum = 0, weights = 0;
    std::string parts;
    for (const Child& c : judged) {
      const Level* l = scale.Find(*c.node->level);
      const double score = l ? l->score : 0;
      sum += c.weight * score;
      weights += c.weight;
      parts += (parts.empty() ? "" : ", ") + c.node->id + " " + *c.node->level + " " +
               FormatFigure(score) + " × " + FormatFigure(c.weight);
    }
    const double mean = weights > 0 ? sum / weights : 0;
    const Band* band = &f.aggregation.bands.back();
    for (const Band& b : f.aggregation.bands) {
      if (mean + kEpsilon >= b.min_score) {
        band = &b;
        break;
      }
    }
    level = band->level;
    n->mean = mean, n->band_min = band->min_score;
    n->explanation = "weighted mean of " + parts + " = " + FormatFigure(sum) + " / " +
                     FormatFigure(weights) + " = " + FormatFigure(mean) + " >= band " +
                     FormatFigure(band->min_score) + " → " + level;
  }
  for (const auto& [criterion, judgement] : criteria) {
    if (criterion->cap.empty() || !judgement->level) continue;
    const Level* l = scale.Find(*judgement->level);
    if (!l || l->met) continue;
    if (scale.Rank(level) < scale.Rank(criterion->cap)) {
      n->explanation += "; cap: " + criterion->id + " is " + *judgement->level +
                        " (not met), so at most " + criterion->cap + " → " + criterion->cap;
      level = criterion->cap;
      n->capped_by = criterion->id;
    } else {
      n->explanation += "; cap of " + criterion->id + " (" + criterion->cap + ") does not lower it";
    }
  }
  n->level = level;
  n->explanation += missing;
}

void WriteNode(const NodeJudgement& n, JsonWriter* w) {
  w->BeginObject().Key("id").String(n.id).Key("judgement");
  if (n.level) {
    w->String(*n.level);
  } else {
    w->Null();
  }
  w->Key("applicable").Bool(n.applicable);
  if (n.kind == "criterion") {
    w->Key("met").Int(n.met).Key("not_met").Int(n.not_met);
    w->Key("not_applicable").Int(n.not_applicable).Key("disputed").Int(n.disputed);
    w->Key("unscored").Int(n.unscored).Key("n").Int(n.met + n.not_met);
    w->Key("indicative").Bool(n.indicative).Key("share").OptionalNumber(n.share);
    w->Key("disagreements").BeginArray();
    for (const std::string& d : n.disagreements) w->String(d);
    w->EndArray();
  }
  w->Key("incomplete").Bool(n.incomplete).Key("explanation").String(n.explanation);
  if (n.kind != "criterion") {
    w->Key(n.kind == "domain" ? "standards" : "criteria").BeginArray();
    for (const NodeJudgement& c : n.children) WriteNode(c, w);
    w->EndArray();
  }
  w->EndObject();
}

}  // namespace

Judgement Judge(const Framework& f, const JudgementInput& in) {
  const ScoreIndex scores(in.scores);
  Judgement j;
  for (const Domain& d : f.domains) {
    NodeJudgement dn;
    dn.id = d.id;
    dn.kind = "domain";
    dn.children.reserve(d.standards.size());
    std::vector<std::pair<const Criterion*, size_t>> domain_criteria;  // (criterion, standard)
    for (const Standard& s : d.standards) {
      NodeJudgement sn;
      sn.id = s.id;
      sn.kind = "standard";
      for (const Criterion& c : s.criteria) {
        if (!c.measured_by.empty()) {
          sn.children.push_back(JudgeMeasuredCriterion(f, c, in));
        } else if (c.scope == Scope::kOrganisation) {
          sn.children.push_back(JudgeOrganisationCriterion(f, c, scores));
        } else {
          sn.children.push_back(JudgeCaseCriterion(f, c, in, scores));
        }
        if (const auto mark = in.not_judged.find(c.id); mark != in.not_judged.end()) {
          MarkNotJudged(mark->second, &sn.children.back());
        }
      }
      std::vector<Child> children;
      std::vector<std::pair<const Criterion*, const NodeJudgement*>> criteria;
      for (size_t i = 0; i < s.criteria.size(); ++i) {
        children.push_back({&sn.children[i], s.criteria[i].weight});
        criteria.emplace_back(&s.criteria[i], &sn.children[i]);
      }
      Aggregate(f, children, criteria, &sn);
      dn.children.push_back(std::move(sn));
    }
    std::vector<Child> children;
    std::vector<std::pair<const Criterion*, const NodeJudgement*>> criteria;
    for (size_t i = 0; i < d.standards.size(); ++i) {
      children.push_back({&dn.children[i], d.standards[i].weight});
      for (size_t k = 0; k < d.standards[i].criteria.size(); ++k) {
        criteria.emplace_back(&d.standards[i].criteria[k], &dn.children[i].children[k]);
      }
    }
    Aggregate(f, children, criteria, &dn);
    j.domains.push_back(std::move(dn));
  }
  return j;
}

void WriteJudgementJson(const Judgement& j, JsonWriter* w) {
  w->BeginObject().Key("domains").BeginArray();
  for (const NodeJudgement& d : j.domains) WriteNode(d, w);
  w->EndArray().EndObject();
}

namespace {

void NodeText(const NodeJudgement& n, int depth, bool explain, std::string* out) {
  const std::string indent(static_cast<size_t>(depth) * 2, ' ');
  *out += indent + EscapeControl(n.id) + "  " +
          n.level.value_or(n.applicable ? "niet beoordeeld" : "niet van toepassing");
  if (n.indicative) *out += "  indicatief (n = " + std::to_string(n.met + n.not_met) + ")";
  if (n.kind == "criterion") {
    *out += "  (met " + std::to_string(n.met) + ", not met " + std::to_string(n.not_met) +
            ", nvt " + std::to_string(n.not_applicable) + ", disputed " +
            std::to_string(n.disputed) + ", unscored " + std::to_string(n.unscored);
    if (n.share) *out += ", share " + FormatFigure(*n.share);
    *out += ")";
  }
  if (n.incomplete) *out += "  [incomplete]";
  *out += "\n";
  if (explain) *out += indent + "  why: " + EscapeControl(n.explanation) + "\n";
  for (const NodeJudgement& c : n.children) NodeText(c, depth + 1, explain, out);
}

}  // namespace

std::string JudgementText(const Judgement& judgement, bool explain) {
  std::string out;
  for (const NodeJudgement& d : judgement.domains) NodeText(d, 0, explain, &out);
  return out;
}

}  // namespace vtaudit
