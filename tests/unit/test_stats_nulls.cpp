// Unit tests of the shared null distributions of pipeline/stats: TwoRowFisherNull (the Freeman-Halton test of
// many 2 x k tables with the same column totals) against R's fisher.test and against fisher_exact_rxc (the
// per-table network) over many random tables and margins. Expected numbers come from R 4.2.2 (the R call is
// beside each; tests/unit/r_reference_stats.R prints them), never from the code under test. No timing.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "pipeline/base/errors.h"
#include "pipeline/stats/stats.h"

namespace pathcorr {
namespace {

// Relative agreement, the expected value never 0 here.
void expect_relative(double actual, double expected, double rel) {
  EXPECT_NEAR(actual, expected, rel * std::fabs(expected)) << "relative difference "
                                                            << std::fabs(actual - expected) / std::fabs(expected);
}

struct RxcCase {
  std::vector<long> top, bottom;
  double p;
};

// fisher.test(rbind(top, bottom), workspace = 2e7)$p.value
const RxcCase kTwoRowCases[] = {
    // fisher.test(rbind(c(5,20,30,25,3), c(36,106,146,101,33)), workspace = 2e+07)$p.value
    {{5, 20, 30, 25, 3}, {36, 106, 146, 101, 33}, 0.53614423340300976},
    // fisher.test(rbind(c(12,40,30,20,8), c(29,86,146,106,28)), workspace = 2e+07)$p.value
    {{12, 40, 30, 20, 8}, {29, 86, 146, 106, 28}, 0.0094192121555783086},
    // fisher.test(rbind(c(1,0,3,2,0), c(40,126,173,124,36)), workspace = 2e+07)$p.value
    {{1, 0, 3, 2, 0}, {40, 126, 173, 124, 36}, 0.46624799094372577},
    // fisher.test(rbind(c(30,60,50,10,0), c(11,66,126,116,36)), workspace = 2e+07)$p.value
    {{30, 60, 50, 10, 0}, {11, 66, 126, 116, 36}, 9.8290357036467995e-23},
    // fisher.test(rbind(c(20,60,90,70,15), c(21,66,86,56,21)), workspace = 2e+07)$p.value (row total 255 > N/2)
    {{20, 60, 90, 70, 15}, {21, 66, 86, 56, 21}, 0.57610777197760121},
    // fisher.test(rbind(c(2,9,6), c(8,11,24)), workspace = 2e+07)$p.value
    {{2, 9, 6}, {8, 11, 24}, 0.1658499162992019},
    // fisher.test(rbind(c(4,1,7,3), c(4,8,5,8)), workspace = 2e+07)$p.value
    {{4, 1, 7, 3}, {4, 8, 5, 8}, 0.12674617430632548},
    // fisher.test(matrix(c(3,1,1,5,2,7),2))$p.value
    {{3, 1, 2}, {1, 5, 7}, 0.19438301636443908},
    // fisher.test(matrix(c(2,5,3,1,4,2,1,6),2))$p.value
    {{2, 3, 4, 1}, {5, 1, 2, 6}, 0.11971410157572414},
};

std::vector<long> column_totals(const std::vector<long>& top, const std::vector<long>& bottom) {
  std::vector<long> cols(top.size());
  for (size_t j = 0; j < top.size(); ++j) cols[j] = top[j] + bottom[j];
  return cols;
}

TEST(TwoRowFisherNull, MatchesFisherTestInR) {
  for (const RxcCase& c : kTwoRowCases) {
    SCOPED_TRACE(::testing::PrintToString(c.top) + " / " + ::testing::PrintToString(c.bottom));
    const std::vector<long> cols = column_totals(c.top, c.bottom);
    long n = 0;
    for (long x : c.top) n += x;
    auto null = TwoRowFisherNull::make(cols, n);
    ASSERT_TRUE(null);
    expect_relative(null->p_value(c.top), c.p, 1e-9);
    expect_relative(null->p_value(c.bottom), c.p, 1e-9);  // the same table read from its other row
  }
}

// Random tables on several margins (3, 4 and 5 columns; cohort-sized and small), rare and common features: the
// shared null gives fisher_exact_rxc's p-value. Row totals above max_row_total go to fisher_exact_rxc itself.
TEST(TwoRowFisherNull, AgreesWithTheNetworkOnRandomTables) {
  const std::vector<std::vector<long>> margins = {
      {41, 126, 176, 126, 36}, {31, 118, 203, 148}, {12, 30, 9}, {5, 7, 3, 9, 4}, {60, 2, 90, 1, 45}, {250, 300, 180}};
  unsigned state = 20240601;
  auto next = [&state](long bound) {
    state = state * 1103515245u + 12345u;
    return static_cast<long>((state >> 8) % static_cast<unsigned>(bound + 1));
  };
  int compared = 0;
  double worst = 0;
  for (const auto& cols : margins) {
    long total = 0;
    for (long c : cols) total += c;
    auto null = TwoRowFisherNull::make(cols, total / 3);
    ASSERT_TRUE(null) << ::testing::PrintToString(cols);
    for (int trial = 0; trial < 60; ++trial) {
      // A feature's rate: rare (up to 3% of each column), common (up to 40%), or anything (up to the whole).
      const double rate = trial < 20 ? 0.03 : trial < 40 ? 0.4 : 1.0;
      std::vector<long> top(cols.size()), bottom(cols.size());
      for (size_t j = 0; j < cols.size(); ++j) {
        top[j] = std::min(cols[j], next(static_cast<long>(std::ceil(rate * static_cast<double>(cols[j])))));
        bottom[j] = cols[j] - top[j];
      }
      const double shared = null->p_value(top), network = fisher_exact_rxc({top, bottom});
      SCOPED_TRACE(::testing::PrintToString(top) + " / " + ::testing::PrintToString(bottom));
      EXPECT_NEAR(shared, network, 1e-11 * network);
      worst = std::max(worst, std::fabs(shared - network) / network);
      ++compared;
    }
  }
  EXPECT_EQ(compared, 360);
  EXPECT_LT(worst, 1e-11);
}

TEST(TwoRowFisherNull, EdgesAndRefusals) {
  const std::vector<long> cols = {4, 6, 9};
  auto null = TwoRowFisherNull::make(cols, 9);
  ASSERT_TRUE(null);
  EXPECT_EQ(null->p_value({0, 0, 0}), 1.0);  // one non-empty row, as fisher_exact_rxc
  EXPECT_EQ(null->p_value(cols), 1.0);
  EXPECT_THROW(null->p_value({5, 0, 0}), InputError);
  EXPECT_THROW(null->p_value({1, 2}), InputError);
  EXPECT_FALSE(TwoRowFisherNull::make({10, 20}, 15));  // 2 x 2: fisher.test's 2x2 rule, not FEXACT's
  EXPECT_THROW(TwoRowFisherNull::make({10, 0, 20}, 15), InputError);
  // Too many halves for the limits: nullptr (the caller uses fisher_exact_rxc).
  EXPECT_FALSE(TwoRowFisherNull::make({250, 400, 450, 500}, 800, 1000, 1000));
  // Asked beyond max_row_total: still right (fisher_exact_rxc's value).
  auto small = TwoRowFisherNull::make({41, 126, 176, 126, 36}, 5);
  ASSERT_TRUE(small);
  expect_relative(small->p_value({12, 40, 30, 20, 8}), 0.0094192121555783086, 1e-9);
}

}  // namespace
}  // namespace pathcorr

namespace pathcorr {
namespace {

// TrendNull with max_row_total: the rows it keeps are the full table's, and larger row totals are
// exact_trend_2xk's.
TEST(TrendNull, RowTotalCapGivesTheSameValues) {
  const std::vector<long> cols = {31, 118, 203, 148};
  const std::vector<double> scores = {0, 1, 2, 3};
  auto full = TrendNull::make(cols, scores);
  auto capped = TrendNull::make(cols, scores, 4000000, 40);
  ASSERT_TRUE(full && capped);
  unsigned state = 99;
  auto next = [&state](long bound) {
    state = state * 1103515245u + 12345u;
    return static_cast<long>((state >> 8) % static_cast<unsigned>(bound + 1));
  };
  for (int trial = 0; trial < 100; ++trial) {
    std::vector<long> alt(cols.size()), wt(cols.size());
    for (size_t j = 0; j < cols.size(); ++j) {
      alt[j] = std::min(cols[j], next(trial < 50 ? 10 : 30));
      wt[j] = cols[j] - alt[j];
    }
    long n = 0;
    for (long x : alt) n += x;
    SCOPED_TRACE(::testing::PrintToString(alt));
    if (n <= 40) {
      EXPECT_EQ(capped->p_value(alt), full->p_value(alt));  // the same entries, summed in the same order
    } else {
      EXPECT_EQ(capped->p_value(alt), exact_trend_2xk(alt, wt, scores));
    }
  }
}

}  // namespace
}  // namespace pathcorr
