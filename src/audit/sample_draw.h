// The sample of case files an audit reads. The population is the audit organisation's
// cases received in the audit's year to which at least one hand-scored case criterion of
// the audit's framework applies (its applies-when, on the case as it stands at the audit's
// peildatum), or on request every case of the year; optionally narrowed by a condition (the
// syntax of framework conditions, condition.h); sorted by case_id so that the order of
// import does not matter. The draw is random_draw.h's DrawSimple or DrawStratified with the stored
// seed, so the same seed and population give the same sample on every machine. A draw records its
// seed, method, population rule, filter and the SHA-256 of the population's ids, and a reserve
// list (below). A second draw for an audit is refused unless asked to replace the first, which
// stays on record with its reserve; the new draw has a reserve of its own.
//
// The reserve list stands in for a sampled case that cannot be read: the first reserve case not
// yet used replaces it (of its own stratum in a stratified draw). It holds
// SampleRequest::reserve cases, fewer when the population outside the sample runs out, never a
// sampled case, and it is the same draw continued, so the same seed and population give the same
// reserve. Simple: DrawSimple(ids, size + reserve, seed), whose selection order begins with the
// sample (a partial Fisher-Yates is the same for its first `size` steps); the reserve is positions
// size + 1 … size + reserve of that order. Stratified: the reserve is shared out over the strata
// in proportion to their cases not sampled, N_i - n_i (LargestRemainder, ties by stratum key),
// and stratum i's reserve of r_i is positions n_i + 1 … n_i + r_i of
// DrawSimple(ids_i, n_i + r_i, seed ^ Fnv1a64(key_i)), the stratum's own draw continued. It is
// kept (Sample::reserve, table sample_reserve) by stratum, then order, ReserveCase::order
// counting 1, 2, … within each stratum; it travels in a bundle and goes out in SampleCsv.
#ifndef VTAUDIT_SAMPLE_DRAW_H_
#define VTAUDIT_SAMPLE_DRAW_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "audit.h"
#include "case_record.h"
#include "case_store.h"
#include "status.h"
#include "workspace.h"

namespace vtaudit {

// The reserve list's length unless asked otherwise.
inline constexpr long kDefaultReserve = 5;

struct SampleRequest {
  int64_t audit = 0;
  long size = 0;
  std::string seed;  // the user's text (random_draw.h SeedFromString); empty: a fresh random seed
  std::string stratify;    // a case field; empty: simple random sample
  std::string where;       // a condition on case fields; empty: the whole population
  bool replace = false;    // replace an earlier draw instead of refusing
  bool all_cases = false;  // every case of the period, not only those a case criterion applies to
  long reserve = kDefaultReserve;  // cases drawn after the sample as its reserve list
};

// Which cases a draw's population holds, as stored with the draw.
inline constexpr std::string_view kPopulationCaseCriteria = "case_criteria";  // the default
inline constexpr std::string_view kPopulationAllCases = "all";
// A draw that came in a bundle from a vtaudit that did not record it has rule "".

// The population of a draw: the audit's cases as SampleRequest describes them.
struct Population {
  std::string rule;  // kPopulationCaseCriteria or kPopulationAllCases
  std::string where;
  std::vector<std::string> ids;  // ascending
};

struct SampleStratum {
  std::string key;
  long population = 0;
  long allocated = 0;
};

struct SampledCase {
  std::string case_id;
  std::string stratum;  // "" for a simple sample
  int order = 0;        // 1-based position in the order of drawing (per stratum when stratified)
};

// A case of the reserve list.
struct ReserveCase {
  std::string case_id;
  std::string stratum;  // "" for a simple sample: then any sampled case; else one of its stratum
  int order = 0;        // 1-based: use the reserve in this order (per stratum when stratified)
};

struct Sample {
  int64_t draw_id = 0;
  int64_t audit = 0;
  std::string seed;
  std::string method;  // "simple" or "stratified"
  std::string stratify;
  std::string where;
  std::string population_rule;  // kPopulationCaseCriteria, kPopulationAllCases or "" (unknown)
  long population = 0;
  std::string population_sha256;  // of the sorted ids, each followed by "\n"
  long size = 0;
  std::string drawn_at;
  std::string extract_sha256;         // the delivery drawn from: "" when none was imported
  std::string extract_file;           // its file name
  std::vector<SampleStratum> strata;  // stratified only, keys ascending
  std::vector<SampledCase> cases;     // by case_id
  std::vector<ReserveCase> reserve;   // by stratum, then order
  int replaced = 0;                   // earlier draws this one replaced (directly or not)
};

// The stratum a case falls in for `field`: the field's first value, "" when empty.
// REQUIRES: IsCaseField(field).
std::string StratumKey(const CaseRecord& c, std::string_view field);

// SHA-256 (hex) of the ids in the order given, each followed by "\n".
std::string PopulationHash(const std::vector<std::string>& sorted_ids);

// The population a draw for `audit` with `where` (empty: none) takes: every case of the
// audit's organisation received in its period when `all_cases`, else those to which at least
// one hand-scored case criterion of its framework applies as the case stands at the audit's
// peildatum (scoring.h EffectiveAsOf), the cases the score checker lets an inspector score.
// Invalid for a bad condition.
Result<Population> SamplePopulation(Workspace* ws, int64_t audit, const std::string& where,
                                    bool all_cases);
// What a population holds, in the CLI's words: "40 cases to which a case criterion applies",
// "40 cases (every case of the period)", with " matching 'WHERE'" when filtered.
std::string DescribePopulation(std::string_view rule, long size, const std::string& where);

// Draws and stores a sample. Conflict when the audit has a sample and !replace, or is
// final; Invalid for a bad condition, field or size (0, or more than the population).
Result<Sample> DrawSample(Workspace* ws, const SampleRequest& request);
// The audit's current sample; NotFound when none was drawn.
Result<Sample> CurrentSample(Workspace* ws, int64_t audit);
// The sampled cases of the audit's current sample as `cases` holds them (the workspace's or
// a snapshot's), each as it stood at the end of `as_of` when given; empty when no sample
// was drawn.
Result<std::vector<CaseRecord>> LoadSampledCases(Workspace* ws, int64_t audit, const CaseSet& cases,
                                                 std::optional<Date> as_of = std::nullopt);
// The list sent to the organisation, as CSV with header
// `audit,organisation,seed,drawn_at,list,order,case_id`: the sampled cases by case_id
// (list `sample`, order empty), then the reserve (list `reserve`, order as ReserveCase).
std::string SampleCsv(const Sample& sample, const std::string& organisation);

}  // namespace vtaudit

#endif  // VTAUDIT_SAMPLE_DRAW_H_
