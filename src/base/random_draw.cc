#include "random_draw.h"

#include <algorithm>
#include <cassert>
#include <numeric>
#include <set>

namespace vtaudit {
namespace {

uint64_t RotateLeft(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

// The full 128-bit product of a and b, in portable code (no __int128, which MSVC lacks).
void Multiply(uint64_t a, uint64_t b, uint64_t* high, uint64_t* low) {
  const uint64_t a_lo = a & 0xffffffffu, a_hi = a >> 32;
  const uint64_t b_lo = b & 0xffffffffu, b_hi = b >> 32;
  const uint64_t lo_lo = a_lo * b_lo;
  const uint64_t hi_lo = a_hi * b_lo;
  const uint64_t lo_hi = a_lo * b_hi;
  const uint64_t hi_hi = a_hi * b_hi;
  const uint64_t cross = (lo_lo >> 32) + (hi_lo & 0xffffffffu) + lo_hi;
  *high = hi_hi + (hi_lo >> 32) + (cross >> 32);
  *low = (cross << 32) | (lo_lo & 0xffffffffu);
}

// Empty when `ids` is strictly ascending, else what is wrong, naming `where`.
std::string CheckSorted(const std::vector<std::string>& ids, const std::string& where) {
  for (size_t i = 1; i < ids.size(); ++i) {
    if (ids[i] == ids[i - 1]) return where + "duplicate case id '" + ids[i] + "'";
    if (ids[i] < ids[i - 1]) {
      return where + "case ids not in ascending order: '" + ids[i] + "' follows '" + ids[i - 1] +
             "'";
    }
  }
  return "";
}

// DrawSimple without the checks.
Draw Select(const std::vector<std::string>& ids, size_t size, uint64_t seed) {
  std::vector<size_t> positions(ids.size());
  std::iota(positions.begin(), positions.end(), size_t{0});
  Prng prng(seed);
  Draw draw;
  draw.selection_order.reserve(size);
  for (size_t i = 0; i < size; ++i) {
    const size_t j = i + static_cast<size_t>(prng.Below(positions.size() - i));
    std::swap(positions[i], positions[j]);
    draw.selection_order.push_back(ids[positions[i]]);
  }
  draw.ids = draw.selection_order;
  std::sort(draw.ids.begin(), draw.ids.end());
  return draw;
}

}  // namespace

uint64_t SplitMix64::Next() {
  uint64_t z = (state_ += 0x9e3779b97f4a7c15u);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
  return z ^ (z >> 31);
}

Prng::Prng(uint64_t seed) {
  SplitMix64 expand(seed);
  for (uint64_t& word : s_) word = expand.Next();
}

uint64_t Prng::Next() {
  const uint64_t result = RotateLeft(s_[1] * 5, 7) * 9;
  const uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = RotateLeft(s_[3], 45);
  return result;
}

uint64_t Prng::Below(uint64_t bound) {
  assert(bound > 0);
  uint64_t high, low;
  Multiply(Next(), bound, &high, &low);
  if (low < bound) {
    const uint64_t threshold = (0 - bound) % bound;  // 2^64 mod bound
    while (low < threshold) Multiply(Next(), bound, &high, &low);
  }
  return high;
}

uint64_t Fnv1a64(std::string_view text) {
  uint64_t hash = 0xcbf29ce484222325u;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3u;
  }
  return hash;
}

uint64_t SeedFromString(std::string_view text) {
  if (text.empty()) return Fnv1a64(text);
  uint64_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return Fnv1a64(text);
    const uint64_t digit = static_cast<uint64_t>(c - '0');
    if (value > (UINT64_MAX - digit) / 10) return Fnv1a64(text);
    value = value * 10 + digit;
  }
  return value;
}

Result<Draw> DrawSimple(const std::vector<std::string>& sorted_ids, size_t size, uint64_t seed) {
  if (size > sorted_ids.size()) {
    return Status::Invalid("sample of " + std::to_string(size) + " exceeds the population of " +
                           std::to_string(sorted_ids.size()) + " cases");
  }
  if (std::string error = CheckSorted(sorted_ids, ""); !error.empty()) {
    return Status::Invalid(std::move(error));
  }
  return Select(sorted_ids, size, seed);
}

Result<std::vector<StratumDraw>> DrawStratified(
    const std::vector<std::pair<std::string, std::vector<std::string>>>& strata, size_t size,
    uint64_t seed) {
  std::vector<std::string> errors;
  std::set<std::string> keys_seen;
  std::vector<std::string> all_ids;
  for (const auto& [key, ids] : strata) {
    if (!keys_seen.insert(key).second) errors.push_back("stratum '" + key + "' occurs twice");
    if (std::string error = CheckSorted(ids, "stratum '" + key + "': "); !error.empty()) {
      errors.push_back(std::move(error));
    }
    all_ids.insert(all_ids.end(), ids.begin(), ids.end());
  }
  if (size > all_ids.size()) {
    errors.push_back("sample of " + std::to_string(size) + " exceeds the population of " +
                     std::to_string(all_ids.size()) + " cases");
  }
  if (errors.empty()) {
    std::sort(all_ids.begin(), all_ids.end());
    const auto twice = std::adjacent_find(all_ids.begin(), all_ids.end());
    if (twice != all_ids.end()) errors.push_back("case id '" + *twice + "' is in two strata");
  }
  if (!errors.empty()) return Status::InvalidAll(std::move(errors));

  std::vector<long> populations;
  std::vector<std::string> keys;
  for (const auto& [key, ids] : strata) {
    populations.push_back(static_cast<long>(ids.size()));
    keys.push_back(key);
  }
  const std::vector<long> allocation = LargestRemainder(populations, static_cast<long>(size), keys);
  std::vector<StratumDraw> draws;
  for (size_t i = 0; i < strata.size(); ++i) {
    const auto& [key, ids] = strata[i];
    Draw draw = Select(ids, static_cast<size_t>(allocation[i]), seed ^ Fnv1a64(key));
    draws.push_back({key, populations[i], allocation[i], std::move(draw.ids)});
  }
  return draws;
}

std::vector<long> LargestRemainder(const std::vector<long>& populations, long size,
                                   const std::vector<std::string>& keys) {
  assert(populations.size() == keys.size());
  std::vector<long> allocation(populations.size(), 0);
  long long total = 0;
  for (const long population : populations) total += population;
  if (total == 0) return allocation;
  assert(size >= 0 && size <= total);

  // quota_i = size * N_i / total = floor + remainder / total; remainders share a denominator,
  // so they compare exactly as integers.
  std::vector<long long> remainders(populations.size());
  long left = size;
  for (size_t i = 0; i < populations.size(); ++i) {
    const long long scaled = static_cast<long long>(size) * populations[i];
    allocation[i] = static_cast<long>(scaled / total);
    remainders[i] = scaled % total;
    left -= allocation[i];
  }
  std::vector<size_t> order(populations.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (remainders[a] != remainders[b]) return remainders[a] > remainders[b];
    return keys[a] < keys[b];
  });
  for (const size_t i : order) {
    if (left == 0) break;
    if (allocation[i] < populations[i]) {
      ++allocation[i];
      --left;
    }
  }
  return allocation;
}

}  // namespace vtaudit
