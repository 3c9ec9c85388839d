#include "stats.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <map>

namespace vtaudit {
namespace {

// c[0] + c[1] x + ... + c[7] x^7, by Horner's rule.
double Polynomial(const std::array<double, 8>& c, double x) {
  double sum = 0;
  for (auto it = c.rbegin(); it != c.rend(); ++it) sum = sum * x + *it;
  return sum;
}

// Wichura (1988), Algorithm AS 241, PPND16: the standard normal quantile of p, 0 < p < 1,
// as rational functions of degree 7 on three ranges, good to about 1e-16.
double NormalQuantile(double p) {
  static constexpr std::array<double, 8> kCentralNumerator = {
      3.387132872796366608,  133.14166789178437745, 1971.5909503065514427, 13731.693765509461125,
      45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727};
  static constexpr std::array<double, 8> kCentralDenominator = {1.0,
                                                                42.313330701600911252,
                                                                687.1870074920579083,
                                                                5394.1960214247511077,
                                                                21213.794301586595867,
                                                                39307.89580009271061,
                                                                28729.085735721942674,
                                                                5226.495278852545925};
  static constexpr std::array<double, 8> kNearNumerator = {
      1.42343711074968357734,   4.6303378461565452959,   5.7694972214606914055,
      3.64784832476320460504,   1.27045825245236838258,  0.24178072517745061177,
      0.0227238449892691845833, 7.7454501427834140764e-4};
  static constexpr std::array<double, 8> kNearDenominator = {1.0,
                                                             2.05319162663775882187,
                                                             1.6763848301838038494,
                                                             0.68976733498510000455,
                                                             0.14810397642748007459,
                                                             0.0151986665636164571966,
                                                             5.475938084995344946e-4,
                                                             1.05075007164441684324e-9};
  static constexpr std::array<double, 8> kFarNumerator = {
      6.6579046435011037772,     5.4637849111641143699,    1.7848265399172913358,
      0.29656057182850489123,    0.026532189526576123093,  0.0012426609473880784386,
      2.71155556874348757815e-5, 2.01033439929228813265e-7};
  static constexpr std::array<double, 8> kFarDenominator = {1.0,
                                                            0.59983220655588793769,
                                                            0.13692988092273580531,
                                                            0.0148753612908506148525,
                                                            7.868691311456132591e-4,
                                                            1.8463183175100546818e-5,
                                                            1.4215117583164458887e-7,
                                                            2.04426310338993978564e-15};

  const double q = p - 0.5;
  if (std::fabs(q) <= 0.425) {
    const double r = 0.180625 - q * q;
    return q * Polynomial(kCentralNumerator, r) / Polynomial(kCentralDenominator, r);
  }
  const double r = std::sqrt(-std::log(q < 0 ? p : 1.0 - p));
  const double value =
      r <= 5.0 ? Polynomial(kNearNumerator, r - 1.6) / Polynomial(kNearDenominator, r - 1.6)
               : Polynomial(kFarNumerator, r - 5.0) / Polynomial(kFarDenominator, r - 5.0);
  return q < 0 ? -value : value;
}

bool InOpenUnitInterval(double x) { return x > 0 && x < 1; }  // false for NaN

}  // namespace

double ZForConfidence(double confidence) {
  assert(InOpenUnitInterval(confidence));
  // From the small tail (1 - c) / 2 rather than (1 + c) / 2, which loses digits as c nears 1.
  return -NormalQuantile((1.0 - confidence) / 2.0);
}

Interval WilsonInterval(int successes, int n, double confidence) {
  assert(n > 0 && successes >= 0 && successes <= n);
  const double z = ZForConfidence(confidence);
  const double z2 = z * z;
  const double size = n;
  const double share = successes / size;
  const double denominator = 1.0 + z2 / size;
  const double centre = (share + z2 / (2.0 * size)) / denominator;
  const double half_width =
      z / denominator * std::sqrt(share * (1.0 - share) / size + z2 / (4.0 * size * size));
  // At 0 of n and n of n the bound is exactly 0 or 1; rounding must not move it.
  return {successes == 0 ? 0.0 : std::max(0.0, centre - half_width),
          successes == n ? 1.0 : std::min(1.0, centre + half_width)};
}

Interval NewcombeDifference(int x1, int n1, int x2, int n2, double confidence) {
  assert(n1 > 0 && n2 > 0);
  const double p1 = static_cast<double>(x1) / n1;
  const double p2 = static_cast<double>(x2) / n2;
  const Interval w1 = WilsonInterval(x1, n1, confidence);
  const Interval w2 = WilsonInterval(x2, n2, confidence);
  const double difference = p1 - p2;
  return {difference - std::hypot(p1 - w1.low, w2.high - p2),
          difference + std::hypot(w1.high - p1, p2 - w2.low)};
}

Result<long> SampleSize(const SampleSizeInput& in) {
  std::vector<std::string> errors;
  if (in.population < 1) {
    errors.push_back("sample size: population must be at least 1, got " +
                     std::to_string(in.population));
  }
  if (!InOpenUnitInterval(in.expected)) {
    errors.push_back("sample size: expected share must lie strictly between 0 and 1, got " +
                     std::to_string(in.expected));
  }
  if (!InOpenUnitInterval(in.margin)) {
    errors.push_back("sample size: margin must lie strictly between 0 and 1, got " +
                     std::to_string(in.margin));
  }
  if (!InOpenUnitInterval(in.confidence)) {
    errors.push_back("sample size: confidence must lie strictly between 0 and 1, got " +
                     std::to_string(in.confidence));
  }
  if (!errors.empty()) return Status::InvalidAll(std::move(errors));

  const double z = ZForConfidence(in.confidence);
  const double n0 = z * z * in.expected * (1.0 - in.expected) / (in.margin * in.margin);
  const double n = n0 / (1.0 + (n0 - 1.0) / static_cast<double>(in.population));
  return static_cast<long>(std::ceil(n - 1e-9));
}

Kappa CohensKappa(const std::vector<std::pair<std::string, std::string>>& pairs) {
  Kappa k;
  if (pairs.empty()) return k;
  std::map<std::string, long long> by_a;
  std::map<std::string, long long> by_b;
  long long agreements = 0;
  for (const auto& [a, b] : pairs) {
    ++by_a[a];
    ++by_b[b];
    if (a == b) ++agreements;
  }
  // Chance agreement sum_c (a_c / n)(b_c / n), kept in integers until the end so that
  // "expected == 1" is an exact test.
  long long chance = 0;
  for (const auto& [category, count_a] : by_a) {
    const auto it = by_b.find(category);
    if (it != by_b.end()) chance += count_a * it->second;
  }
  const long long n = static_cast<long long>(pairs.size());
  k.n = static_cast<int>(n);
  k.observed = static_cast<double>(agreements) / static_cast<double>(n);
  k.expected = static_cast<double>(chance) / static_cast<double>(n * n);
  if (chance != n * n) k.kappa = (k.observed - k.expected) / (1.0 - k.expected);
  return k;
}

Kappa FleissKappa(const std::vector<std::vector<std::string>>& items) {
  Kappa k;
  std::map<std::string, long long> pooled;  // category → ratings in it, over all items
  long long ratings = 0;
  long long weights = 0;  // sum of m_i - 1
  double weighted = 0;    // sum of (m_i - 1) P_i = sum_j x_ij (x_ij - 1) / m_i
  for (const std::vector<std::string>& item : items) {
    if (item.size() < 2) continue;
    std::map<std::string, long long> counts;
    for (const std::string& category : item) ++counts[category];
    const auto m = static_cast<long long>(item.size());
    long long agreeing = 0;
    for (const auto& [category, x] : counts) {
      agreeing += x * (x - 1);
      pooled[category] += x;
    }
    ++k.n;
    ratings += m;
    weights += m - 1;
    weighted += static_cast<double>(agreeing) / static_cast<double>(m);
  }
  if (k.n == 0) return k;
  // sum_j (pooled_j / M)^2 in integers, so that "expected == 1" is exact.
  long long chance = 0;
  for (const auto& [category, x] : pooled) chance += x * x;
  k.observed = weighted / static_cast<double>(weights);
  k.expected = static_cast<double>(chance) / static_cast<double>(ratings * ratings);
  if (chance != ratings * ratings) k.kappa = (k.observed - k.expected) / (1.0 - k.expected);
  return k;
}

double Median(std::vector<double> values) { return Percentile(std::move(values), 0.5); }

double Percentile(std::vector<double> values, double p) {
  assert(!values.empty() && p >= 0 && p <= 1);
  // Callers often pass values in order already (SortWholeDays); checking is linear.
  if (!std::is_sorted(values.begin(), values.end())) std::sort(values.begin(), values.end());
  const double h = static_cast<double>(values.size() - 1) * p;
  const size_t below = static_cast<size_t>(std::floor(h));
  if (below + 1 >= values.size()) return values.back();
  return values[below] + (h - static_cast<double>(below)) * (values[below + 1] - values[below]);
}

}  // namespace vtaudit
