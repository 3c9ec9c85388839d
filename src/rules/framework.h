// An assessment framework (toetsingskader) as loaded from a checklist XML file:
// its judgement scale, domains → standards → criteria, legal deadlines and the
// aggregation rule. Everything an inspector may change between years is data in
// the file (see checklists/README.md); this header holds plain copies of it, no
// XML handles. Frameworks are immutable once loaded.
#ifndef VTAUDIT_FRAMEWORK_H_
#define VTAUDIT_FRAMEWORK_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "case_record.h"
#include "condition.h"
#include "date.h"
#include "status.h"

namespace vtaudit {

// One step of the judgement scale, best first in Scale::levels.
struct Level {
  std::string id;        // "voldoet_grotendeels"
  std::string name;      // Dutch label
  std::string gloss;     // English label
  double score = 0;      // numeric value used by weighted aggregation
  double min_share = 0;  // a compliance share >= min_share earns this level (or a better one)
  bool met = false;      // whether this level counts as "met" for caps and counts
};

// A case criterion judged on fewer counted cases (voldoet + voldoet_niet) than this is
// indicative: a share of 3 of 4 is a hint, not a finding.
inline constexpr int kDefaultMinCases = 5;

struct Scale {
  std::vector<Level> levels;  // best first; min_share and score strictly decreasing
  // <scale min-cases>: the default for case criteria.
  int min_cases = kDefaultMinCases;

  const Level* Find(std::string_view level_id) const;
  // 0 for the best level; -1 when unknown.
  int Rank(std::string_view level_id) const;
  // The best level whose min_share <= share. REQUIRES: levels not empty.
  const Level& ForShare(double share) const;
};

enum class Scope { kCase, kOrganisation };
std::string_view ScopeName(Scope s);

enum class DurationUnit { kHours, kDays, kWorkdays, kWeeks };
std::string_view DurationUnitName(DurationUnit u);
std::optional<DurationUnit> DurationUnitFromName(std::string_view name);

// What a deadline rests on: the law (wet), the Handelingsprotocol or another protocol of
// the sector (protocol), or a norm the field keeps without a written rule (veldnorm).
// kUnstated only for a framework stored in a workspace before deadlines stated it.
enum class Basis { kUnstated, kWet, kProtocol, kVeldnorm };
std::string_view BasisName(Basis b);  // "wet", "protocol", "veldnorm"; "" when unstated
std::optional<Basis> BasisFromName(std::string_view name);

// A legal term between two registered events of a case.
struct Deadline {
  std::string id;     // "veiligheidsbeoordeling"
  std::string name;   // Dutch
  std::string gloss;  // English
  Event from = Event::kReceived;
  Event to = Event::kReceived;
  int length = 0;
  DurationUnit unit = DurationUnit::kDays;
  bool extend = false;     // Algemene termijnenwet art. 1 and 2 (Calendar::EndOfAtwTerm)
  double norm = 1.0;       // share of cases that must be on time (sector norm)
  Condition applies_when;  // which cases have this clock
  Basis basis = Basis::kUnstated;
  std::string source;  // the citation: "Uitvoeringsbesluit Wmo 2015, art. 4.1.7 lid 2"
};

struct Criterion {
  std::string id;
  std::string text;   // Dutch
  std::string gloss;  // English
  Scope scope = Scope::kCase;
  double weight = 1;
  Condition applies_when;   // case criteria: which cases it applies to
  std::string measured_by;  // deadline id when measured instead of scored by hand
  std::string cap;          // level id: when this criterion is not met, the standard and
                            // domain above it are judged no higher than this level
  // Case criteria: the criterion's own min-cases, else the scale's.
  int min_cases = kDefaultMinCases;
};

struct Standard {
  std::string id;
  std::string name;
  std::string gloss;
  double weight = 1;
  std::vector<Criterion> criteria;
};

struct Domain {
  std::string id;
  std::string name;
  std::string gloss;
  double weight = 1;
  std::vector<Standard> standards;
};

// Maps a weighted mean of level scores back onto a level.
struct Band {
  std::string level;
  double min_score = 0;
};

struct Aggregation {
  enum class Method {
    kWeightedMean,  // weighted mean of the children's level scores, mapped through bands
    kWorst,         // the worst level among the children
  };
  Method method = Method::kWeightedMean;
  std::vector<Band> bands;  // best first, min_score strictly decreasing, last 0
  // A measured criterion whose share misses its deadline's norm is judged no higher
  // than this level (empty: no such limit).
  std::string norm_missed_max;
};

struct Framework {
  std::string id;
  std::string version;
  std::string title;
  std::string gloss;
  Date valid_from;
  std::string source;  // where the content comes from, in the framework's own words
  Scale scale;
  std::vector<Deadline> deadlines;
  Aggregation aggregation;
  std::vector<Domain> domains;
  std::string sha256;  // of the file's bytes, lower-case hex

  const Deadline* FindDeadline(std::string_view deadline_id) const;
  const Criterion* FindCriterion(std::string_view criterion_id) const;
  // All criteria in document order.
  std::vector<const Criterion*> Criteria() const;
};

// Where a framework's text comes from. A file must state every deadline's basis and
// source; a framework stored in a workspace before they existed still loads, its
// deadlines then Basis::kUnstated with an empty source, so that its audits stay readable.
enum class FrameworkOrigin { kFile, kStored };

// Loads and validates a framework from XML text. `source_name` is used in messages,
// which read "NAME:LINE:COL: what". All errors found are returned, not only the first.
Result<Framework> ParseFramework(std::string_view xml, std::string_view source_name,
                                 FrameworkOrigin origin = FrameworkOrigin::kFile);
// Reads the file and parses it; the name in messages is `path` as given.
Result<Framework> LoadFrameworkFile(const std::string& path);

}  // namespace vtaudit

#endif  // VTAUDIT_FRAMEWORK_H_
