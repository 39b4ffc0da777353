// The exact conditional trend test of a 2 x k table (exact Cochran-Armitage), one table at a time or many tables
// sharing their column totals (TrendNull). Pure.
#pragma once
#include <cstddef>
#include <memory>
#include <vector>

namespace pathcorr {

// Exact conditional test for trend in a 2 x k table (exact Cochran-Armitage / linear-by-linear association test,
// both margins fixed). Statistic T = sum_j scores[j] * row_altered[j]; under independence the altered row is
// multivariate hypergeometric given the margins, E[T] = n_altered / N * sum_j scores[j] * column_total[j].
// Two-sided p = P(|T - E[T]| >= |t_obs - E[T]|), with ties judged at relative tolerance 1e-7
// (|T - E| >= |t_obs - E| - 1e-7 * (|t_obs - E| + max|score|)). Empty columns are ignored; a table with fewer than
// two non-empty columns or an empty row gives 1. scores empty -> 0, 1, ..., k-1. Vectors of unequal length,
// negative counts or non-finite scores throw InputError.
// The working set is bounded: see TrendWork.
struct TrendWork;
double exact_trend_2xk(const std::vector<long>& row_altered, const std::vector<long>& row_wildtype,
                       const std::vector<double>& scores = {}, TrendWork* work = nullptr);

// What one exact_trend_2xk call held, and the limit it worked to. The network's fused pass caches the conditional
// laws of the second-to-last column (fast, but at N = 100,000 it would hold ~1.7 GB); a table whose fused pass
// would hold more than fused_limit_bytes is computed by the layered pass instead, which stores one column of
// states and one conditional law at a time (the same p-value to long double rounding; exact_trend.cpp). Tables
// within the limit get exactly the p-values they got before the limit existed.
struct TrendWork {
  std::size_t fused_limit_bytes = 64u << 20;  // in: the fused pass's working-set limit
  std::size_t peak_bytes = 0;                 // out: peak bytes of states and conditional laws (vector slack aside)
  bool layered = false;                       // out: the layered pass gave the p-value
};

// exact_trend_2xk for many tables that share their column totals and scores (a feature loop: every feature sees
// the cohort's best-response counts), from the null distribution of T computed once for every row total (a DP
// over the columns of prod_j sum_x C(c_j, x) u^x z^(w_j x)). p_value(altered) equals exact_trend_2xk(altered,
// col_totals - altered, scores) with the same tie rule. make() returns nullptr when the scores are not integers
// or the table of (row total, T) would exceed `max_cells`; use exact_trend_2xk then. With max_row_total >= 0,
// only the row totals up to it are computed (the same values, in less time); p_value passes larger ones to
// exact_trend_2xk.
class TrendNull {
 public:
  static std::unique_ptr<TrendNull> make(const std::vector<long>& col_totals, const std::vector<double>& scores,
                                         std::size_t max_cells = 4000000, long max_row_total = -1);
  double p_value(const std::vector<long>& altered) const;  // altered[j] <= col_totals[j] (InputError otherwise)

 private:
  TrendNull() = default;
  std::vector<long> cols_;         // column totals as given
  std::vector<long> w_;            // integer scores as given
  long n_ = 0, w_min_ = 0, span_ = 0;  // N; min score over non-empty columns; max of sum (w - w_min) x
  long max_s_ = 0;                     // the largest row total computed (N unless max_row_total was given)
  long max_abs_w_ = 0;             // over non-empty columns
  long non_empty_ = 0;             // number of non-empty columns
  std::vector<long double> g_;     // g_[s * (span_ + 1) + t]: sum of prod C(c_j, x_j) over sum x = s, T' = t
};

}  // namespace pathcorr
