// Statistics for audits: confidence intervals for a share (Wilson) and for the
// difference of two shares (Newcombe), the sample size for estimating a share,
// agreement between inspectors (Cohen's kappa for two, Fleiss' kappa for more) and order
// statistics.
// Pure functions without state; safe to call from any thread.
#ifndef VTAUDIT_STATS_H_
#define VTAUDIT_STATS_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "status.h"

namespace vtaudit {

// A closed interval [low, high].
struct Interval {
  double low = 0;
  double high = 0;
};

// The two-sided standard normal quantile for `confidence`: 0.95 gives 1.9599640, the z with
// P(-z < Z < z) = confidence. Computed with Wichura's AS241 (PPND16), good to about 1e-16.
// REQUIRES: 0 < confidence < 1.
double ZForConfidence(double confidence);

// The Wilson score interval for the share successes / n; it stays inside [0, 1] and behaves at
// 0 of n and n of n, unlike the Wald interval. REQUIRES: n > 0, 0 <= successes <= n,
// 0 < confidence < 1.
Interval WilsonInterval(int successes, int n, double confidence = 0.95);

// The interval for p1 - p2 (p1 = x1/n1, p2 = x2/n2, independent samples) by Newcombe (1998)
// method 10, the hybrid score interval built from the two Wilson intervals (l1, u1), (l2, u2):
//   low  = (p1 - p2) - sqrt((p1 - l1)^2 + (u2 - p2)^2)
//   high = (p1 - p2) + sqrt((u1 - p1)^2 + (p2 - l2)^2)
// REQUIRES: n1 > 0, n2 > 0, 0 <= x1 <= n1, 0 <= x2 <= n2, 0 < confidence < 1.
Interval NewcombeDifference(int x1, int n1, int x2, int n2, double confidence = 0.95);

// What `SampleSize` needs to know.
struct SampleSizeInput {
  long population = 0;    // N, the number of cases to draw from; at least 1
  double expected = 0.5;  // p, the share expected; 0.5 is the cautious choice
  double margin = 0.05;   // E, the half-width wanted for the interval, as a share
  double confidence = 0.95;
};

// The sample size n for estimating a share with margin E at the given confidence, with the
// finite population correction:
//   n0 = z^2 p (1 - p) / E^2,   n = ceil(n0 / (1 + (n0 - 1) / N)).
// The ceiling ignores excesses below 1e-9, so that a quotient that is an integer up to
// rounding error does not round up. Invalid, with one message per bad field, when population
// < 1 or expected, margin or confidence lie outside (0, 1).
Result<long> SampleSize(const SampleSizeInput& in);

// Agreement between raters on the same items, beyond what chance would give.
struct Kappa {
  int n = 0;            // number of rated items (pairs, for Cohen's kappa)
  double observed = 0;  // agreement observed
  double expected = 0;  // agreement expected by chance from the marginal shares
  // (observed - expected) / (1 - expected). None when expected agreement is 1: every rating
  // fell in one and the same category, kappa is 0/0 and no figure would be honest (1 would
  // claim agreement beyond chance where chance alone explains it). None without items.
  std::optional<double> kappa;
};

// Cohen's kappa for two raters over paired ratings (rater A, rater B), with any number of
// categories, named by strings. observed = share of pairs that agree; expected =
// sum over categories c of (A's share of c)(B's share of c).
Kappa CohensKappa(const std::vector<std::pair<std::string, std::string>>& pairs);

// Fleiss' kappa for items each rated by two or more raters, not necessarily the same ones
// nor the same number per item; items[i] holds the categories item i received. With m_i
// ratings of item i, x_ij of them in category j, and M = sum m_i ratings in all:
//   P_i      = sum_j x_ij (x_ij - 1) / (m_i (m_i - 1)), the share of agreeing rater pairs
//   observed = sum_i (m_i - 1) P_i / sum_i (m_i - 1)
//   expected = sum_j p_j^2,  p_j = sum_i x_ij / M (the pooled share of category j)
// With the same m for every item the weights m_i - 1 are equal and this is Fleiss (1971).
// With unequal m it is Fleiss & Cuzick (1979) for each category j against the rest,
//   kappa_j = 1 - sum_i x_ij (m_i - x_ij) / m_i / (N (mean m - 1) p_j (1 - p_j)),
// combined over the categories as Fleiss (1971) combines them, weighted by p_j (1 - p_j);
// working that sum out gives exactly the weights m_i - 1 above. Items with fewer than two
// ratings say nothing about agreement and are left out (n counts the items used).
Kappa FleissKappa(const std::vector<std::vector<std::string>>& items);

// The median: Percentile(values, 0.5). REQUIRES: !values.empty().
double Median(std::vector<double> values);

// The p-quantile by linear interpolation between order statistics (Hyndman & Fan type 7, the
// default of R's quantile() and numpy.percentile): with the values sorted x[0..n-1],
// h = (n - 1) p and the result x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h]).
// REQUIRES: !values.empty(), 0 <= p <= 1.
double Percentile(std::vector<double> values, double p);

}  // namespace vtaudit

#endif  // VTAUDIT_STATS_H_
