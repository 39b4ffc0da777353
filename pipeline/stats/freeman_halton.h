// The Freeman-Halton exact test of an r x c table (R fisher.test for r x c, without workspace limits). Pure.
#pragma once
#include <cstddef>
#include <memory>
#include <vector>

namespace pathcorr {

namespace stats_detail {
struct RowTotalHalves;  // freeman_halton_null.cpp
}

// Freeman-Halton exact test of an r x c table: the sum of the probabilities (given all margins) of the tables no
// more likely than the observed one. Tolerance as R: an input 2x2 table uses fisher.test's 2x2 rule (relative
// 1e-7), any other shape FEXACT's (log-probability within 3.45254e-7). Rows and columns that sum to 0 are dropped;
// fewer than 2 non-empty rows or columns give 1. Exact for any size (network algorithm, see
// freeman_halton_network.h); no workspace limit. Rows must all have the same length and cells must be >= 0 (InputError otherwise).
double fisher_exact_rxc(const std::vector<std::vector<long>>& table);

// fisher_exact_rxc for many 2 x k tables (k >= 3) that share their column totals: a feature loop, where every
// feature sees the cohort's best-response counts. The p-value of a table depends only on the column totals, the
// row total n and the observed table's probability, so everything but the last is computed once ("meet in the
// middle"): the columns are split into a small part A and a part B of at most three columns; for every row total
// m of B the B-halves of the tables (log C(c_j, x_j) summed over B) are sorted once with prefix sums of their
// weights. A table's p-value is then, for each A-half (a few thousand at most), one binary search in the sorted
// B-halves of row total n - s: the tables no more likely than the observed one are those whose B-half is at most
// threshold - (A-half). Same counting rule as fisher_exact_rxc (log probability within FEXACT's 3.45254e-7 of
// the observed one), no pruning, so it is exact to rounding (the network is exact to ~1e-12).
// A row total n is served as min(n, N - n) (the table read from its other row has the same p-value).
// make() returns nullptr when k < 3 (fisher_exact_rxc's 2x2 rule applies) or when the sorted halves would exceed
// `max_entries` or the A-halves `max_a_halves`; use fisher_exact_rxc then.
class TwoRowFisherNull {
 public:
  // col_totals: every column total > 0 (InputError otherwise); max_row_total: the largest min(n, N - n) that
  // p_value will be asked for (larger ones are passed to fisher_exact_rxc).
  static std::unique_ptr<TwoRowFisherNull> make(const std::vector<long>& col_totals, long max_row_total,
                                                std::size_t max_entries = 2000000, std::size_t max_a_halves = 20000);
  // p_value(top) == fisher_exact_rxc({top, col_totals - top}); top[j] <= col_totals[j] (InputError otherwise).
  double p_value(const std::vector<long>& top) const;

 private:
  TwoRowFisherNull() = default;
  std::vector<long> cols_;   // column totals as given
  std::vector<size_t> order_;  // column indices, smallest total first: A = order_[0 .. n_a_), B the rest
  size_t n_a_ = 0;
  long n_ = 0, max_m_ = 0;
  std::vector<long double> lf_;  // log factorials up to N
  std::shared_ptr<const stats_detail::RowTotalHalves> a_, b_;  // the halves of A and of B, by row total
};

}  // namespace pathcorr
