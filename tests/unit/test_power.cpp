// Unit tests of pipeline/stats/fisher_power.h. Every expected number comes from R 4.2.2 by exact enumeration
// (tests/unit/r_reference_power.R, the R code beside the values), never from the code under test:
//   reject_set <- function(n1, n0, alpha, alt) {   # every table (a altered responders, c wild-type responders)
//     tabs <- expand.grid(a = 0:n1, c = 0:n0)
//     p <- mapply(function(a, c) fisher.test(matrix(c(a, c, n1 - a, n0 - c), 2), alternative = alt)$p.value,
//                 tabs$a, tabs$c)
//     tabs[p <= alpha, ] }
//   pw_set <- function(r, n1, n0, p0, or) { p1 <- or * p0 / (1 - p0 + or * p0)
//     sum(dbinom(r$a, n1, p1) * dbinom(r$c, n0, p0)) }
//   pw <- function(n1, n0, p0, or, alpha, alt) pw_set(reject_set(n1, n0, alpha, alt), n1, n0, p0, or)
// Tolerance 1e-9 relative (issue 14).
#include "pipeline/app/choices.h"
#include "pipeline/stats/fisher_power.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "pipeline/base/errors.h"

namespace pathcorr {
namespace {

const double Inf = std::numeric_limits<double>::infinity();

::testing::AssertionResult Near(double actual, double expected, double rel) {
  if (std::isinf(expected) ? actual == expected : std::fabs(actual - expected) <= rel * std::fabs(expected))
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "actual " << ::testing::PrintToString(actual) << " vs expected "
                                       << ::testing::PrintToString(expected);
}

struct PowerCase {
  long n1, n0;
  double p0, odds_ratio, alpha;
  const char* alternative;
  double power;
};

// cat(sprintf(..., pw(n1, n0, p0, or, alpha, alt))) for alt in two.sided, less, greater; small, unbalanced and
// one-patient groups, alpha 0.01, 0.05 and 0.1.
const PowerCase kPower[] = {
    {4, 17, 0.6470588235294118, 5, 0.050000000000000003, "two.sided", 0.0087098668851425358},
    {3, 10, 0.20000000000000001, 8, 0.050000000000000003, "two.sided", 0.24855425706666665},
    {1, 20, 0.29999999999999999, 20, 0.050000000000000003, "two.sided", 0.0007145576122782395},
    {12, 5, 0.5, 0.20000000000000001, 0.050000000000000003, "two.sided", 0.17193965503471439},
    {30, 40, 0.29999999999999999, 4, 0.050000000000000003, "two.sided", 0.74941642880484649},
    {7, 2, 0.40000000000000002, 3, 0.10000000000000001, "two.sided", 0.095912208504801033},
    {15, 15, 0.25, 6, 0.01, "two.sided", 0.31573276749859508},
    {4, 17, 0.6470588235294118, 5, 0.050000000000000003, "less", 0.00019221651270686719},
    {3, 10, 0.20000000000000001, 8, 0.050000000000000003, "less", 2.9089185185185263e-06},
    {1, 20, 0.29999999999999999, 20, 0.050000000000000003, "less", 3.642909075671634e-12},
    {12, 5, 0.5, 0.20000000000000001, 0.050000000000000003, "less", 0.17189914008873589},
    {30, 40, 0.29999999999999999, 4, 0.050000000000000003, "less", 1.3567891748623606e-06},
    {7, 2, 0.40000000000000002, 3, 0.10000000000000001, "less", 0.0010973936899862826},
    {15, 15, 0.25, 6, 0.01, "less", 1.2772548778966934e-07},
    {4, 17, 0.6470588235294118, 5, 0.050000000000000003, "greater", 0.008517650372435669},
    {3, 10, 0.20000000000000001, 8, 0.050000000000000003, "greater", 0.24855134814814811},
    {1, 20, 0.29999999999999999, 20, 0.050000000000000003, "greater", 0.00071455760863533039},
    {12, 5, 0.5, 0.20000000000000001, 0.050000000000000003, "greater", 4.0514945978503252e-05},
    {30, 40, 0.29999999999999999, 4, 0.050000000000000003, "greater", 0.82315467838705936},
    {7, 2, 0.40000000000000002, 3, 0.10000000000000001, "greater", 0.094814814814814741},
    {15, 15, 0.25, 6, 0.01, "greater", 0.32438333409228515},
};

TEST(FisherPower, MatchesEnumerationInR) {
  for (const PowerCase& c : kPower) {
    SCOPED_TRACE(std::to_string(c.n1) + " vs " + std::to_string(c.n0) + " " + c.alternative);
    EXPECT_TRUE(Near(fisher_power(c.n1, c.n0, c.p0, c.odds_ratio, c.alpha, alternative_choices().parse(c.alternative)),
                     c.power, 1e-9));
  }
}

TEST(FisherPower, OneRegionServesEveryRate) {
  const FisherRejectionRegion region(30, 40, 0.05, Alternative::TwoSided);
  EXPECT_TRUE(Near(region.power(response_rate_for_odds_ratio(0.3, 4), 0.3), 0.74941642880484649, 1e-9));
  // Under the null the power is the test's size, at most alpha.
  EXPECT_LE(region.power(0.3, 0.3), 0.05);
}

TEST(FisherPower, ResponseRateOfOddsRatio) {
  EXPECT_DOUBLE_EQ(response_rate_for_odds_ratio(0.2, 4), 0.5);  // 4 * 0.2 / (0.8 + 0.8)
  EXPECT_EQ(response_rate_for_odds_ratio(0.2, Inf), 1.0);
  EXPECT_EQ(response_rate_for_odds_ratio(0.0, Inf), 0.0);
  EXPECT_THROW(response_rate_for_odds_ratio(1.5, 2), InputError);
  EXPECT_THROW(FisherRejectionRegion(3, 3, 1.0, Alternative::TwoSided), UsageError);
}

// mdor(n1, n0, p0): the first grid point 1.25^i whose enumerated power reaches 0.8, then
// exp(uniroot(function(lor) pw_set(r, n1, n0, p0, exp(lor)) - 0.8, c(below, above), tol = 1e-14)$root);
// Inf when even p1 = 1 stays below 0.8.
TEST(FisherPower, MinDetectableOddsRatioMatchesR) {
  struct Case {
    long n1, n0;
    double p0, expected;
  };
  const Case cases[] = {
      {4, 17, 0.41176470588235292, Inf},  // the example cohort's PIK3CA: 4 altered, 7/17 wild-type responders
      {8, 13, 0.38461538461538464, 50.315343329167092},  // its PI3K_MTOR pathway: 8 altered, 5/13
      {10, 10, 0.29999999999999999, 42.678002678355028},
      {3, 30, 0.20000000000000001, 69.35410812030338},
      {25, 8, 0.5, 25.938523188733068},
      {2, 5, 0.5, Inf},
      {20, 40, 0.10000000000000001, 7.0038859377951397},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::to_string(c.n1) + " vs " + std::to_string(c.n0));
    const FisherRejectionRegion region(c.n1, c.n0, 0.05, Alternative::TwoSided);
    EXPECT_TRUE(Near(min_detectable_odds_ratio(region, c.p0, 0.8), c.expected, 1e-9));
  }
}

// --alternative less looks for odds ratios below 1: the largest OR < 1 with 80% power, 0 when none has it. R, with
// rej(n1, n0, "less") the tables fisher.test(alternative = "less") rejects at 0.05 and pw_set as above:
// mdor_less(n1, n0, p0): if (pw_set(r, n1, n0, p0, 0) < 0.8) 0, else the first grid point 1.25^-i reaching 0.8,
// then exp(-uniroot(function(l) pw_set(r, n1, n0, p0, exp(-l)) - 0.8, c(below, above), tol = 1e-14)$root).
TEST(FisherPower, MinDetectableOddsRatioBelowOneForLess) {
  struct Case {
    long n1, n0;
    double p0, expected;
  };
  const Case cases[] = {
      {10, 10, 0.69999999999999996, 0.054271367015530349},
      {20, 40, 0.5, 0.17875582964069583},
      {3, 30, 0.59999999999999998, 0},
      {1, 20, 0.40000000000000002, 0},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::to_string(c.n1) + " vs " + std::to_string(c.n0));
    const FisherRejectionRegion region(c.n1, c.n0, 0.05, Alternative::Less);
    const double got = min_detectable_odds_ratio(region, c.p0, 0.8);
    if (c.expected == 0) {
      EXPECT_EQ(got, 0);
    } else {
      EXPECT_TRUE(Near(got, c.expected, 1e-9)) << got;
    }
  }
}

// ss(F, p0, or): for (n in 2:200) { n1 <- floor(F * n + 0.5); n0 <- n - n1; if (n1 < 1 || n0 < 1) next;
//   p <- pw(n1, n0, p0, or, 0.05, "two.sided"); if (p >= 0.8) return(c(n, n1, n0, p)) }
TEST(FisherPower, SampleSizeIsTheSmallestNReachingTheTarget) {
  struct Case {
    double prevalence, p0, odds_ratio;
    long n, n1, n0;
    double power;
  };
  const Case cases[] = {
      {0.5, 0.20000000000000001, 10, 33, 17, 16, 0.84143882393728653},
      {0.29999999999999999, 0.29999999999999999, 8, 41, 12, 29, 0.8027696394870335},
      {0.20000000000000001, 0.40000000000000002, 12, 49, 10, 39, 0.81693593818664501},
  };
  for (const Case& c : cases) {
    const SampleSize ss =
        fisher_sample_size(c.prevalence, c.p0, c.odds_ratio, 0.8, 0.05, Alternative::TwoSided, 2000);
    ASSERT_TRUE(ss.found);
    EXPECT_EQ(ss.n_total, c.n);
    EXPECT_EQ(ss.n_altered, c.n1);
    EXPECT_EQ(ss.n_wildtype, c.n0);
    EXPECT_TRUE(Near(ss.power, c.power, 1e-9));
  }
  EXPECT_FALSE(fisher_sample_size(0.5, 0.2, 10, 0.8, 0.05, Alternative::TwoSided, 20).found);
}

}  // namespace
}  // namespace pathcorr
