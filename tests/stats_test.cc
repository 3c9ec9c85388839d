#include "stats.h"

#include <boost/test/unit_test.hpp>
#include <cmath>
#include <tuple>

namespace vtaudit {
namespace {

// Rounded to 4 decimals; round(x * 1e4) / 1e4 is the double nearest the 4-decimal literal.
double Round4(double x) { return std::round(x * 1e4) / 1e4; }

BOOST_AUTO_TEST_SUITE(stats)

BOOST_AUTO_TEST_CASE(z_for_confidence) {
  BOOST_TEST(std::fabs(ZForConfidence(0.90) - 1.6448536269514715) < 1e-12);
  BOOST_TEST(std::fabs(ZForConfidence(0.95) - 1.9599639845400536) < 1e-12);
  BOOST_TEST(std::fabs(ZForConfidence(0.99) - 2.5758293035489004) < 1e-12);
  BOOST_TEST(std::fabs(ZForConfidence(0.50) - 0.6744897501960817) < 1e-12);  // quartile
  // AS241's other branches, with confidences exact in binary: 1 - 2^-20 leaves 2^-21 in each
  // tail (r = sqrt(-ln 2^-21) <= 5), 1 - 2^-40 leaves 2^-41 (r > 5). Reference values from
  // Python's statistics.NormalDist().inv_cdf.
  BOOST_TEST(std::fabs(ZForConfidence(1 - 0x1p-20) - 4.900964207963194) < 1e-12);
  BOOST_TEST(std::fabs(ZForConfidence(1 - 0x1p-40) - 7.143552034352188) < 1e-12);
}

// All Wilson cases at 95%: z = 1.959964, z^2 = 3.841459.
//   denominator = 1 + z^2/n, centre = (p + z^2/(2n)) / denominator,
//   half-width = z / denominator * sqrt(p(1-p)/n + z^2/(4n^2)).
BOOST_AUTO_TEST_CASE(wilson_interval) {
  // 8 of 10: p = 0.8, z^2/n = 0.384146, denominator = 1.384146,
  // centre = (0.8 + 0.192073) / 1.384146 = 0.716740,
  // half = 1.959964 / 1.384146 * sqrt(0.016 + 0.009604) = 1.416010 * 0.160011 = 0.226578,
  // so [0.490162, 0.943318].
  Interval w = WilsonInterval(8, 10);
  BOOST_TEST(Round4(w.low) == 0.4902);
  BOOST_TEST(Round4(w.high) == 0.9433);

  // 0 of 10: p = 0, centre = 0.192073 / 1.384146 = 0.138766,
  // half = 1.416010 * sqrt(0 + 0.009604) = 1.416010 * 0.098000 = 0.138766, so [0, 0.277533].
  w = WilsonInterval(0, 10);
  BOOST_TEST(w.low == 0.0);  // exactly, not -1e-17
  BOOST_TEST(Round4(w.high) == 0.2775);

  // 10 of 10: the mirror image, centre = 1.192073 / 1.384146 = 0.861234, half = 0.138766,
  // so [0.722467, 1].
  w = WilsonInterval(10, 10);
  BOOST_TEST(Round4(w.low) == 0.7225);
  BOOST_TEST(w.high == 1.0);

  // 45 of 50: p = 0.9, z^2/n = 0.076829, denominator = 1.076829,
  // centre = (0.9 + 0.038415) / 1.076829 = 0.871461,
  // half = 1.959964 / 1.076829 * sqrt(0.0018 + 0.000384) = 1.820126 * 0.046735 = 0.085063,
  // so [0.786398, 0.956524].
  w = WilsonInterval(45, 50);
  BOOST_TEST(Round4(w.low) == 0.7864);
  BOOST_TEST(Round4(w.high) == 0.9565);

  // 8 of 10 at 90%: z = 1.644854, z^2 = 2.705543, z^2/n = 0.270554, denominator = 1.270554,
  // centre = (0.8 + 0.135277) / 1.270554 = 0.736118,
  // half = 1.644854 / 1.270554 * sqrt(0.016 + 0.006764) = 1.294596 * 0.150877 = 0.195325,
  // so [0.540793, 0.931443].
  w = WilsonInterval(8, 10, 0.90);
  BOOST_TEST(Round4(w.low) == 0.5408);
  BOOST_TEST(Round4(w.high) == 0.9314);
}

BOOST_AUTO_TEST_CASE(newcombe_difference) {
  // Newcombe (1998), Table II, method 10: 56/70 vs 48/80, difference 0.2000, 95% CI
  // 0.0524 to 0.3339. Wilson 56/70 = [0.691834, 0.876953], 48/80 = [0.490455, 0.700382];
  // low  = 0.2 - sqrt((0.8 - 0.691834)^2 + (0.700382 - 0.6)^2) = 0.2 - 0.147569 = 0.052431,
  // high = 0.2 + sqrt((0.876953 - 0.8)^2 + (0.6 - 0.490455)^2) = 0.2 + 0.133873 = 0.333873.
  Interval d = NewcombeDifference(56, 70, 48, 80);
  BOOST_TEST(Round4(d.low) == 0.0524);
  BOOST_TEST(Round4(d.high) == 0.3339);

  // 9/10 vs 3/10: Wilson 9/10 = [0.595850, 0.982124], 3/10 = [0.107791, 0.603222];
  // low  = 0.6 - sqrt(0.304150^2 + 0.303222^2) = 0.6 - 0.429477 = 0.170523,
  // high = 0.6 + sqrt(0.082124^2 + 0.192209^2) = 0.6 + 0.209018 = 0.809018.
  d = NewcombeDifference(9, 10, 3, 10);
  BOOST_TEST(Round4(d.low) == 0.1705);
  BOOST_TEST(Round4(d.high) == 0.8090);

  // Swapping the groups mirrors the interval.
  const Interval swapped = NewcombeDifference(3, 10, 9, 10);
  BOOST_TEST(std::fabs(swapped.low + d.high) < 1e-12);
  BOOST_TEST(std::fabs(swapped.high + d.low) < 1e-12);
}

BOOST_AUTO_TEST_CASE(sample_size) {
  // N = 500, p = 0.2, E = 0.05, 95%: n0 = 1.959964^2 * 0.16 / 0.0025 = 245.8534;
  // n = ceil(245.8534 / (1 + 244.8534 / 500)) = ceil(245.8534 / 1.489707) = ceil(165.0347) = 166.
  BOOST_TEST(*SampleSize({500, 0.2, 0.05, 0.95}) == 166);
  // N = 10000, p = 0.5, E = 0.05, 95%: n0 = 3.841459 * 0.25 / 0.0025 = 384.1459;
  // n = ceil(384.1459 / (1 + 383.1459 / 10000)) = ceil(384.1459 / 1.038315) = ceil(369.9706) = 370.
  BOOST_TEST(*SampleSize({10000, 0.5, 0.05, 0.95}) == 370);
  // 90%: n0 = 1.644854^2 * 0.25 / 0.0025 = 270.5543;
  // n = ceil(270.5543 / 1.026955) = ceil(263.4529) = 264.
  BOOST_TEST(*SampleSize({10000, 0.5, 0.05, 0.90}) == 264);
  // 99%: n0 = 2.575829^2 * 0.25 / 0.0025 = 663.4897;
  // n = ceil(663.4897 / 1.066249) = ceil(622.2652) = 623.
  BOOST_TEST(*SampleSize({10000, 0.5, 0.05, 0.99}) == 623);
  // N = 200, p = 0.5, E = 0.1, 99%: n0 = 6.634897 * 0.25 / 0.01 = 165.8724;
  // n = ceil(165.8724 / (1 + 164.8724 / 200)) = ceil(165.8724 / 1.824362) = ceil(90.9208) = 91.
  BOOST_TEST(*SampleSize({200, 0.5, 0.1, 0.99}) == 91);
  // N = 1: n = n0 / (1 + n0 - 1) = 1, which must not round up to 2.
  BOOST_TEST(*SampleSize({1, 0.5, 0.05, 0.95}) == 1);
  // The defaults are p = 0.5, E = 0.05, 95%.
  BOOST_TEST(*SampleSize({.population = 10000}) == 370);
}

BOOST_AUTO_TEST_CASE(sample_size_rejects_bad_input) {
  Result<long> r = SampleSize({0, 0.5, 0.05, 0.95});
  BOOST_TEST(!r.ok());
  BOOST_TEST(r.status().ToString() == "sample size: population must be at least 1, got 0");

  r = SampleSize({100, 1.0, 0.05, 0.95});
  BOOST_TEST(r.status().ToString() ==
             "sample size: expected share must lie strictly between 0 and 1, got 1.000000");
  r = SampleSize({100, 0.5, 0.0, 0.95});
  BOOST_TEST(r.status().ToString() ==
             "sample size: margin must lie strictly between 0 and 1, got 0.000000");
  r = SampleSize({100, 0.5, 0.05, 95});
  BOOST_TEST(r.status().ToString() ==
             "sample size: confidence must lie strictly between 0 and 1, got 95.000000");
  r = SampleSize({100, std::nan(""), 0.05, 0.95});
  BOOST_TEST(!r.ok());

  // Every bad field is reported, not only the first.
  r = SampleSize({-3, 0.0, 1.5, 0.95});
  BOOST_TEST((r.status().code() == Status::Code::kInvalidInput));
  BOOST_TEST(r.status().messages().size() == 3u);
}

std::vector<std::pair<std::string, std::string>> Pairs(
    std::initializer_list<std::tuple<const char*, const char*, int>> cells) {
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const auto& [a, b, count] : cells) {
    for (int i = 0; i < count; ++i) pairs.emplace_back(a, b);
  }
  return pairs;
}

BOOST_AUTO_TEST_CASE(cohens_kappa_two_categories) {
  //              B: ja  B: nee   total
  //   A: ja        20      5       25
  //   A: nee       10     15       25
  //   total        30     20       50
  // observed = (20 + 15) / 50 = 0.7; expected = (25 * 30 + 25 * 20) / 50^2 = 1250 / 2500 = 0.5;
  // kappa = (0.7 - 0.5) / (1 - 0.5) = 0.4.
  const Kappa k = CohensKappa(
      Pairs({{"ja", "ja", 20}, {"ja", "nee", 5}, {"nee", "ja", 10}, {"nee", "nee", 15}}));
  BOOST_TEST(k.n == 50);
  BOOST_TEST(std::fabs(k.observed - 0.7) < 1e-12);
  BOOST_TEST(std::fabs(k.expected - 0.5) < 1e-12);
  BOOST_TEST(std::fabs(k.kappa.value_or(-9) - 0.4) < 1e-12);
}

BOOST_AUTO_TEST_CASE(cohens_kappa_three_categories) {
  //                   B: voldoet  voldoet_niet  nvt   total
  //   A: voldoet           10          2         0      12
  //   A: voldoet_niet       1          8         1      10
  //   A: nvt                0          2         6       8
  //   total                11         12         7      30
  // observed = 24 / 30 = 0.8; expected = (12 * 11 + 10 * 12 + 8 * 7) / 900 = 308 / 900 = 0.342222;
  // kappa = (0.8 - 0.342222) / (1 - 0.342222) = (720 - 308) / (900 - 308) = 412 / 592 = 0.695946.
  const Kappa k = CohensKappa(Pairs({{"voldoet", "voldoet", 10},
                                     {"voldoet", "voldoet_niet", 2},
                                     {"voldoet_niet", "voldoet", 1},
                                     {"voldoet_niet", "voldoet_niet", 8},
                                     {"voldoet_niet", "nvt", 1},
                                     {"nvt", "voldoet_niet", 2},
                                     {"nvt", "nvt", 6}}));
  BOOST_TEST(k.n == 30);
  BOOST_TEST(std::fabs(k.observed - 0.8) < 1e-12);
  BOOST_TEST(std::fabs(k.expected - 308.0 / 900.0) < 1e-12);
  BOOST_TEST(std::fabs(k.kappa.value_or(-9) - 412.0 / 592.0) < 1e-12);
}

BOOST_AUTO_TEST_CASE(cohens_kappa_edge_cases) {
  // Both raters say "voldoet" every time: expected = 12 * 12 / 12^2 = 1, so kappa is
  // (1 - 1) / (1 - 1) = 0/0: undefined, not 1.
  Kappa k = CohensKappa(Pairs({{"voldoet", "voldoet", 12}}));
  BOOST_TEST(k.n == 12);
  BOOST_TEST(k.observed == 1.0);
  BOOST_TEST(k.expected == 1.0);
  BOOST_TEST(!k.kappa.has_value());

  // Full agreement over two categories: observed 1, expected (3*3 + 1*1) / 16 = 0.625,
  // kappa (1 - 0.625) / (1 - 0.625) = 1.
  k = CohensKappa(Pairs({{"ja", "ja", 3}, {"nee", "nee", 1}}));
  BOOST_TEST(k.expected == 0.625);
  BOOST_TEST(k.kappa.value_or(-9) == 1.0);

  // Never agreeing, each rater using a category the other never uses: observed 0, expected 0,
  // kappa (0 - 0) / (1 - 0) = 0.
  k = CohensKappa(Pairs({{"ja", "nee", 4}}));
  BOOST_TEST(k.observed == 0.0);
  BOOST_TEST(k.expected == 0.0);
  BOOST_TEST(k.kappa.value_or(-9) == 0.0);

  // Worse than chance: ja/nee 2, nee/ja 2: observed 0, expected (2*2 + 2*2) / 16 = 0.5,
  // kappa = -0.5 / 0.5 = -1.
  k = CohensKappa(Pairs({{"ja", "nee", 2}, {"nee", "ja", 2}}));
  BOOST_TEST(k.kappa.value_or(-9) == -1.0);

  k = CohensKappa({});
  BOOST_TEST(k.n == 0);
  BOOST_TEST(!k.kappa.has_value());
}

BOOST_AUTO_TEST_CASE(fleiss_kappa_three_raters) {
  // Four cases, three raters each (v = voldoet, n = voldoet_niet):
  //   case 1  v v v   P = 3·2 / (3·2) = 1
  //   case 2  v v n   P = (2·1 + 1·0) / 6 = 1/3
  //   case 3  v n n   P = 1/3
  //   case 4  n n n   P = 1
  // observed = (1 + 1/3 + 1/3 + 1) / 4 = 2/3 (equal weights m - 1 = 2);
  // p_v = 6/12, p_n = 6/12, expected = 0.25 + 0.25 = 0.5;
  // kappa = (2/3 - 1/2) / (1 - 1/2) = (1/6) / (1/2) = 1/3.
  const Kappa k = FleissKappa({{"v", "v", "v"}, {"v", "v", "n"}, {"v", "n", "n"}, {"n", "n", "n"}});
  BOOST_TEST(k.n == 4);
  BOOST_TEST(k.observed == 2.0 / 3.0, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(k.expected == 0.5);
  BOOST_TEST(k.kappa.value_or(-9) == 1.0 / 3.0, boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(fleiss_kappa_fourteen_raters_five_categories) {
  // Fleiss (1971)'s layout as in the worked example of the Wikipedia article: 10 items, 14
  // raters each, x_ij ratings of item i in category j:
  //   1: 0 0 0 0 14   2: 0 2 6 4 2   3: 0 0 3 5 6   4: 0 3 9 2 0   5: 2 2 8 1 1
  //   6: 7 7 0 0 0    7: 3 2 6 3 0   8: 2 5 3 2 2   9: 6 5 2 1 0  10: 0 2 2 3 7
  // P_i = (sum_j x_ij^2 - 14) / (14·13); the sums of squares are 196, 60, 70, 94, 74, 98, 58,
  // 46, 66, 66, so sum_i (sum_j x_ij^2 - 14) = 688 and observed = 688 / 1820 = 172/455.
  // Category totals 20, 28, 39, 21, 32 of 140: expected = (400 + 784 + 1521 + 441 + 1024) /
  // 19600 = 4170 / 19600 = 417/1960. Over the common denominator 25480:
  // kappa = (9632 - 5421) / (25480 - 5421) = 4211 / 20059 = 0.20993 (the article's 0.210).
  const int table[10][5] = {{0, 0, 0, 0, 14}, {0, 2, 6, 4, 2}, {0, 0, 3, 5, 6}, {0, 3, 9, 2, 0},
                            {2, 2, 8, 1, 1},  {7, 7, 0, 0, 0}, {3, 2, 6, 3, 0}, {2, 5, 3, 2, 2},
                            {6, 5, 2, 1, 0},  {0, 2, 2, 3, 7}};
  std::vector<std::vector<std::string>> items;
  for (const auto& row : table) {
    std::vector<std::string> item;
    for (int j = 0; j < 5; ++j)
      item.insert(item.end(), static_cast<size_t>(row[j]), std::to_string(j));
    items.push_back(std::move(item));
  }
  const Kappa k = FleissKappa(items);
  BOOST_TEST(k.n == 10);
  BOOST_TEST(k.observed == 172.0 / 455.0, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(k.expected == 417.0 / 1960.0, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(k.kappa.value_or(-9) == 4211.0 / 20059.0, boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(fleiss_kappa_unequal_raters_and_edge_cases) {
  // Items rated by 2, 3 and 3 raters: {v v}, {v n n}, {v v v}; a single rating is left out.
  //   P_1 = 1, P_2 = (0 + 2·1) / (3·2) = 1/3, P_3 = 1; weights m - 1 = 1, 2, 2 (sum 5):
  //   observed = (1·1 + 2·1/3 + 2·1) / 5 = (11/3) / 5 = 11/15.
  //   v: 2 + 1 + 3 = 6 of 8 ratings, n: 2 of 8: expected = 0.75^2 + 0.25^2 = 0.625.
  //   kappa = (11/15 - 5/8) / (3/8) = (13/120) / (3/8) = 13/45 = 0.2889.
  // Cross-check with Fleiss & Cuzick (1979) for v: sum_i x_i (m_i - x_i) / m_i = 1·2/3 = 2/3,
  // N (mean m - 1) p q = 3 · (8/3 - 1) · 0.75 · 0.25 = 0.9375; 1 - (2/3) / 0.9375 = 13/45.
  Kappa k = FleissKappa({{"v", "v"}, {"v", "n", "n"}, {"v", "v", "v"}, {"n"}});
  BOOST_TEST(k.n == 3);
  BOOST_TEST(k.observed == 11.0 / 15.0, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(k.expected == 0.625);
  BOOST_TEST(k.kappa.value_or(-9) == 13.0 / 45.0, boost::test_tools::tolerance(1e-12));

  // Every rating in one category: expected = 9^2 / 9^2 = 1, kappa 0/0: none.
  k = FleissKappa({{"v", "v", "v"}, {"v", "v", "v"}, {"v", "v", "v"}});
  BOOST_TEST(k.observed == 1.0);
  BOOST_TEST(k.expected == 1.0);
  BOOST_TEST(!k.kappa.has_value());

  // Two raters each, the same data as Cohen's {ja ja 3, nee nee 1}: Fleiss pools the
  // marginals (Scott's pi), here equal to Cohen's: expected (6/8)^2 + (2/8)^2 = 0.625, kappa 1.
  k = FleissKappa({{"ja", "ja"}, {"ja", "ja"}, {"ja", "ja"}, {"nee", "nee"}});
  BOOST_TEST(k.expected == 0.625);
  BOOST_TEST(k.kappa.value_or(-9) == 1.0);

  k = FleissKappa({{"v"}});
  BOOST_TEST(k.n == 0);
  BOOST_TEST(!k.kappa.has_value());
}

BOOST_AUTO_TEST_CASE(median_and_percentile) {
  BOOST_TEST(Median({7}) == 7.0);
  BOOST_TEST(Median({3, 1, 2}) == 2.0);          // sorted 1 2 3, h = 2 * 0.5 = 1
  BOOST_TEST(Median({4, 1, 3, 2}) == 2.5);       // sorted 1 2 3 4, h = 1.5: 2 + 0.5 * 1
  BOOST_TEST(Median({10, 10, 40, 10}) == 10.0);  // sorted 10 10 10 40, h = 1.5: 10 + 0.5 * 0

  const std::vector<double> v = {50, 10, 40, 20, 30};  // sorted 10 20 30 40 50
  BOOST_TEST(Percentile(v, 0.0) == 10.0);
  BOOST_TEST(Percentile(v, 1.0) == 50.0);
  BOOST_TEST(Percentile(v, 0.25) == 20.0);  // h = 4 * 0.25 = 1
  // h = 3.6: 40 + 0.6 * 10, as numpy.percentile(v, 90)
  BOOST_TEST(std::fabs(Percentile(v, 0.9) - 46.0) < 1e-12);
  BOOST_TEST(std::fabs(Percentile({1, 2, 3, 4}, 0.25) - 1.75) < 1e-12);  // h = 0.75
  BOOST_TEST(Percentile({5}, 0.3) == 5.0);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace vtaudit
