// Unit tests of the bounded working sets of the exact networks: exact_trend_2xk (pipeline/stats/exact_trend.h,
// TrendWork), whose tables beyond TrendWork::fused_limit_bytes take the layered pass, and the Freeman-Halton
// two-row network, whose cached nodes keep only the window its sweep reads. Expected values come from R 4.2.2
// (the R call beside them) or from a brute-force enumeration of every table with the same margins in this file,
// never from the code under test. No timing.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <vector>

#include "pipeline/stats/exact_trend.h"
#include "pipeline/stats/freeman_halton.h"

namespace pathcorr {
namespace {

// Two-sided exact trend p-value by enumerating every altered row with the table's margins: the probability of
// each is prod C(c_j, x_j) / C(N, r); it counts when |T - E| >= |t_obs - E| - 1e-7 (|t_obs - E| + max|score|),
// the tie rule of exact_trend.h. Cost: the product of the column ranges, so for small k only.
double enumerate_trend(const std::vector<long>& altered, const std::vector<long>& wildtype,
                       const std::vector<double>& scores) {
  const size_t k = altered.size();
  std::vector<long> cols(k);
  long n = 0, r = 0;
  double t_obs = 0, sum_wc = 0, max_w = 0;
  for (size_t j = 0; j < k; ++j) {
    cols[j] = altered[j] + wildtype[j];
    n += cols[j];
    r += altered[j];
    t_obs += scores[j] * altered[j];
    sum_wc += scores[j] * cols[j];
    max_w = std::max(max_w, std::fabs(scores[j]));
  }
  const double expected = static_cast<double>(r) / n * sum_wc;
  const double d_obs = std::fabs(t_obs - expected);
  const double critical = d_obs - 1e-7 * (d_obs + max_w);
  // Log binomials in long double: log C(20000, 10000) ~ 1.4e4, and double would leave ~1e-12 in every term.
  auto lchoose = [](long a, long b) {
    return std::lgamma(a + 1.0L) - std::lgamma(b + 1.0L) - std::lgamma(a - b + 1.0L);
  };
  std::vector<std::vector<long double>> lc(k);  // lc[j][x] = log C(c_j, x)
  for (size_t j = 0; j < k; ++j)
    for (long x = 0; x <= cols[j]; ++x) lc[j].push_back(lchoose(cols[j], x));
  std::vector<long> after(k + 1, 0);  // patients in columns j..k-1
  for (size_t j = k; j-- > 0;) after[j] = after[j + 1] + cols[j];
  const long double log_denominator = lchoose(n, r);
  long double p = 0;
  std::function<void(size_t, long, double, long double)> walk = [&](size_t j, long left, double t,
                                                                      long double log_w) {
    if (j + 1 == k) {
      if (left > cols[j]) return;
      const double t_end = t + scores[j] * left;
      if (std::fabs(t_end - expected) >= critical) p += std::exp(static_cast<double>(log_w + lc[j][left] - log_denominator));
      return;
    }
    for (long x = std::max(0L, left - after[j + 1]); x <= std::min(cols[j], left); ++x)
      walk(j + 1, left - x, t + scores[j] * x, log_w + lc[j][x]);
  };
  walk(0, r, 0.0, 0.0L);
  return static_cast<double>(p);
}

void expect_relative(double actual, double expected, double rel) {
  EXPECT_NEAR(actual, expected, rel * std::fabs(expected)) << "relative difference "
                                                            << std::fabs(actual - expected) / std::fabs(expected);
}

// A 3 x 20,000-patient table: its fused network would cache ~600 conditional laws of ~7,000 entries (~130 MB);
// the default limit sends it to the layered pass, whose working set is a few MB.
const std::vector<long> kBigAltered = {1950, 3480, 4570}, kBigWildtype = {2050, 3520, 4430};
const std::vector<double> kBigScores = {0, 1, 2};

TEST(ExactTrendMemory, LargeTableMatchesREnumerationWithinTheLimit) {
  // R 4.2.2, summing over every table with these margins (x0, x1; x2 = r - x0 - x1):
  //   cols <- c(4000, 7000, 9000); r <- 10000; N <- sum(cols); w <- c(0, 1, 2)
  //   E <- r / N * sum(w * cols); d <- abs(3480 + 2 * 4570 - E); p <- 0
  //   for (x0 in 0:4000) {
  //     x1 <- 0:7000; x2 <- r - x0 - x1; ok <- x2 >= 0 & x2 <= 9000; x1 <- x1[ok]; x2 <- x2[ok]
  //     lp <- lchoose(4000, x0) + lchoose(7000, x1) + lchoose(9000, x2) - lchoose(N, r)
  //     p <- p + sum(exp(lp[abs(x1 + 2 * x2 - E) >= d - 1e-7 * (d + 2)]))
  //   }
  //   sprintf("%.17g", p)
  const double r_value = 0.027464126881375193;
  TrendWork work;
  const double p = exact_trend_2xk(kBigAltered, kBigWildtype, kBigScores, &work);
  expect_relative(p, r_value, 1e-10);
  expect_relative(p, enumerate_trend(kBigAltered, kBigWildtype, kBigScores), 1e-12);
  EXPECT_TRUE(work.layered);
  // The abandoned fused pass stops as soon as it exceeds the limit, by at most one conditional law (9,001
  // entries of prefix and suffix sums); without the limit (the behaviour before it) the pass held far more.
  EXPECT_LE(work.peak_bytes, work.fused_limit_bytes + 9001 * 2 * sizeof(long double));
}

TEST(ExactTrendMemory, LayeredWorkingSetIsSmallAndAgreesWithTheFusedPass) {
  TrendWork layered;
  layered.fused_limit_bytes = 0;  // straight to the layered pass
  const double p_layered = exact_trend_2xk(kBigAltered, kBigWildtype, kBigScores, &layered);
  EXPECT_TRUE(layered.layered);
  EXPECT_LT(layered.peak_bytes, 8u << 20);
  TrendWork fused;
  fused.fused_limit_bytes = std::numeric_limits<std::size_t>::max();
  const double p_fused = exact_trend_2xk(kBigAltered, kBigWildtype, kBigScores, &fused);
  EXPECT_FALSE(fused.layered);
  EXPECT_GT(fused.peak_bytes, 64u << 20);  // why the limit exists
  expect_relative(p_layered, p_fused, 1e-14);
}

// The layered pass on 4 columns (the CR > PR > SD > PD shape), on integer, rational and irrational scores,
// against the enumeration and against the fused pass.
TEST(ExactTrendMemory, LayeredPassMatchesEnumerationOnFourColumns) {
  struct Case {
    std::vector<long> altered, wildtype;
    std::vector<double> scores;
  };
  const Case cases[] = {
      {{31, 120, 95, 160}, {69, 130, 205, 190}, {3, 2, 1, 0}},
      {{60, 118, 150, 100}, {40, 132, 150, 250}, {3, 2, 1, 0}},        // a strong trend: p far in the tail
      {{31, 120, 95, 160}, {69, 130, 205, 190}, {0, 0.5, 2.25, 3}},    // rational: scaled to integers
      {{31, 120, 95, 160}, {69, 130, 205, 190}, {0, 1, 2.41421356237, 3.5}},  // irrational: merged within 1e-9
      {{5, 0, 40, 22}, {12, 0, 60, 41}, {3, 2, 1, 0}},                 // an empty column
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(::testing::PrintToString(c.altered) + " " + ::testing::PrintToString(c.scores));
    TrendWork layered;
    layered.fused_limit_bytes = 0;
    const double p = exact_trend_2xk(c.altered, c.wildtype, c.scores, &layered);
    EXPECT_TRUE(layered.layered);
    expect_relative(p, enumerate_trend(c.altered, c.wildtype, c.scores), 1e-11);
    expect_relative(p, exact_trend_2xk(c.altered, c.wildtype, c.scores), 1e-14);
  }
}

// Freeman-Halton p-value of a 2 x k table by enumerating every top row with its margins: the tables whose
// probability is at most the observed one's times exp(3.45254e-7) (FEXACT's tolerance, as fisher_exact_rxc).
double enumerate_freeman_halton(const std::vector<long>& top, const std::vector<long>& bottom) {
  const size_t k = top.size();
  std::vector<long> cols(k);
  long n = 0, r = 0;
  for (size_t j = 0; j < k; ++j) {
    cols[j] = top[j] + bottom[j];
    n += cols[j];
    r += top[j];
  }
  auto lchoose = [](long a, long b) {
    return std::lgamma(a + 1.0L) - std::lgamma(b + 1.0L) - std::lgamma(a - b + 1.0L);
  };
  std::vector<std::vector<long double>> lc(k);  // lc[j][x] = log C(c_j, x)
  for (size_t j = 0; j < k; ++j)
    for (long x = 0; x <= cols[j]; ++x) lc[j].push_back(lchoose(cols[j], x));
  long double log_obs = 0;
  for (size_t j = 0; j < k; ++j) log_obs += lc[j][top[j]];
  const long double log_denominator = lchoose(n, r);
  std::vector<long> after(k + 1, 0);
  for (size_t j = k; j-- > 0;) after[j] = after[j + 1] + cols[j];
  long double p = 0;
  std::function<void(size_t, long, long double)> walk = [&](size_t j, long left, long double log_w) {
    if (j + 1 == k) {
      if (left > cols[j]) return;
      const long double lw = log_w + lc[j][left];
      if (lw <= log_obs + 3.45254e-7L) p += std::exp(static_cast<double>(lw - log_denominator));
      return;
    }
    for (long x = std::max(0L, left - after[j + 1]); x <= std::min(cols[j], left); ++x)
      walk(j + 1, left - x, log_w + lc[j][x]);
  };
  walk(0, r, 0.0L);
  return static_cast<double>(p);
}

// Tables of thousands of patients go through the fused stage with windowed nodes (columns 3 and more).
TEST(FreemanHaltonMemory, WindowedNetworkMatchesEnumeration) {
  struct Case {
    std::vector<long> top, bottom;
  };
  const Case cases[] = {
      {{290, 480, 560}, {310, 420, 640}},          // p ~ 0.009
      {{250, 480, 660}, {350, 420, 540}},          // p ~ 2.6e-7
      {{70, 120, 160, 190}, {80, 130, 140, 210}},  // 4 columns, p ~ 0.39
      {{5, 120, 3, 260}, {30, 130, 40, 140}},      // uneven columns, p ~ 1.2e-19
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(::testing::PrintToString(c.top) + " / " + ::testing::PrintToString(c.bottom));
    const double p = fisher_exact_rxc({c.top, c.bottom});
    expect_relative(p, enumerate_freeman_halton(c.top, c.bottom), 1e-11);
    EXPECT_LT(p, 1.0);
  }
}

}  // namespace
}  // namespace pathcorr
