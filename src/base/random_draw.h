// Reproducible random samples of case files, identical on every platform and standard library:
// an own generator (xoshiro256** seeded by SplitMix64), an own bounded draw (Lemire) and an
// own selection (partial Fisher-Yates). std::uniform_int_distribution and std::shuffle are not
// used, because their results differ between implementations. A stored seed and the sorted
// case ids therefore give the same sample years later, on any machine.
#ifndef VTAUDIT_RANDOM_DRAW_H_
#define VTAUDIT_RANDOM_DRAW_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "status.h"

namespace vtaudit {

// SplitMix64 (Steele, Lea & Flood; Vigna's reference code): a tiny generator, used here only
// to expand one 64-bit seed into the state of `Prng`. Not thread-safe.
class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t seed) : state_(seed) {}
  uint64_t Next();

 private:
  uint64_t state_;
};

// xoshiro256** 1.0 (Blackman & Vigna), its four state words being the first four outputs of
// SplitMix64(seed). Not thread-safe; give each thread its own.
class Prng {
 public:
  explicit Prng(uint64_t seed);
  uint64_t Next();
  // Uniform in [0, bound), by Lemire's nearly divisionless method: the high word of
  // Next() * bound, rejecting the low words below 2^64 mod bound. REQUIRES: bound > 0.
  uint64_t Below(uint64_t bound);

 private:
  uint64_t s_[4];
};

// FNV-1a, 64 bits, over the bytes of `text`.
uint64_t Fnv1a64(std::string_view text);

// The seed that a user's text stands for: text of only ASCII digits whose value fits in 64 bits
// is that number ("20250101" is 20250101, "007" is 7); any other text (including "", "-1",
// " 5" and numbers above 2^64 - 1) is Fnv1a64 of its bytes.
uint64_t SeedFromString(std::string_view text);

// A simple random sample.
struct Draw {
  std::vector<std::string> ids;              // the chosen ids, ascending
  std::vector<std::string> selection_order;  // the same ids in the order they were drawn
};

// Draws `size` of `sorted_ids` without replacement: a partial Fisher-Yates over the positions
// 0..N-1 with Prng(seed), position i (i = 0..size-1) swapped with i + Below(N - i). Invalid
// when size > N or when the ids are not strictly ascending (std::string order, i.e. bytewise),
// which also rules out duplicates.
Result<Draw> DrawSimple(const std::vector<std::string>& sorted_ids, size_t size, uint64_t seed);

// The sample drawn from one stratum.
struct StratumDraw {
  std::string key;
  long population = 0;           // N_i, cases in the stratum
  long allocated = 0;            // units of the sample given to the stratum
  std::vector<std::string> ids;  // the chosen ids, ascending
};

// A proportionally stratified sample: `size` is shared out over the strata by
// LargestRemainder, and stratum i is drawn as DrawSimple(ids_i, allocated_i,
// seed ^ Fnv1a64(key_i)); that is, its Prng state is SplitMix64 started at seed ^ Fnv1a64(key_i),
// so a stratum's draw does not depend on the other strata. The result lists the strata in the
// order given. Invalid when size exceeds the total population, a key repeats, a stratum's ids
// are not strictly ascending, or an id occurs in two strata.
Result<std::vector<StratumDraw>> DrawStratified(
    const std::vector<std::pair<std::string, std::vector<std::string>>>& strata, size_t size,
    uint64_t seed);

// Hamilton's largest remainder allocation of `size` units proportional to `populations`:
// quota_i = size * N_i / N, each stratum gets floor(quota_i), and the units left go one each to
// the largest fractional parts, ties broken by `keys` ascending. Computed in integers, so equal
// fractions tie exactly. No stratum gets more than its N_i; all zeros when N = 0.
// REQUIRES: populations.size() == keys.size(), every N_i >= 0, 0 <= size <= N (or N = 0).
std::vector<long> LargestRemainder(const std::vector<long>& populations, long size,
                                   const std::vector<std::string>& keys);

}  // namespace vtaudit

#endif  // VTAUDIT_RANDOM_DRAW_H_
