// The sample of case files an audit reads. The population is the audit organisation's
// cases received in the audit's year, optionally filtered by a condition (the syntax of
// framework conditions, condition.h), sorted by case_id so that the order of import does
// not matter. The draw is random_draw.h's DrawSimple or DrawStratified with the stored seed,
// so the same seed and population give the same sample on every machine. A draw records
// its seed, method, filter and the SHA-256 of the population's ids; a second draw for an
// audit is refused unless asked to replace the first, which stays on record.
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

struct SampleRequest {
  int64_t audit = 0;
  long size = 0;
  std::string seed;      // the user's text (random_draw.h SeedFromString); empty: a fresh random seed
  std::string stratify;  // a case field; empty: simple random sample
  std::string where;     // a condition on case fields; empty: all cases of the period
  bool replace = false;  // replace an earlier draw instead of refusing
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

struct Sample {
  int64_t draw_id = 0;
  int64_t audit = 0;
  std::string seed;
  std::string method;  // "simple" or "stratified"
  std::string stratify;
  std::string where;
  long population = 0;
  std::string population_sha256;  // of the sorted ids, each followed by "\n"
  long size = 0;
  std::string drawn_at;
  std::string extract_sha256;         // the delivery drawn from: "" when none was imported
  std::string extract_file;           // its file name
  std::vector<SampleStratum> strata;  // stratified only, keys ascending
  std::vector<SampledCase> cases;     // by case_id
  int replaced = 0;                   // earlier draws this one replaced (directly or not)
};

// The stratum a case falls in for `field`: the field's first value, "" when empty.
// REQUIRES: IsCaseField(field).
std::string StratumKey(const CaseRecord& c, std::string_view field);

// SHA-256 (hex) of the ids in the order given, each followed by "\n".
std::string PopulationHash(const std::vector<std::string>& sorted_ids);

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
// "case_id\n" then one line per sampled case, by case_id: the list sent to the organisation.
std::string SampleCsv(const Sample& sample);

}  // namespace vtaudit

#endif  // VTAUDIT_SAMPLE_DRAW_H_
