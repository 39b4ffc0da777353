// TwoRowFisherNull (freeman_halton.h): the Freeman-Halton test of many 2 x k tables sharing their column totals,
// from the sorted halves of every table computed once.
//
// With v(c, x) = log C(c, x), a 2 x k table with top row x (row total n) has probability
// exp(sum_j v(c_j, x_j) - log C(N, n)), and it counts towards the p-value of an observed table x_obs when
// sum_j v(c_j, x_j) <= sum_j v(c_j, x_obs_j) + 3.45254e-7 (FEXACT's rule, as fisher_exact_rxc). Split the columns
// into A and B: sum_j v = a + b, with a over A (row total s) and b over B (row total n - s). For every s and every
// A-half a, the counted B-halves are those with b <= threshold - a: a prefix of the B-halves of row total n - s
// sorted by b, whose total weight is a prefix sum. Visiting the A-halves of s from the largest a down, the bound
// threshold - a only grows, so each binary search starts where the previous one ended.
// Weights are scaled per row total by their largest term (exp(a - max a), exp(b - max b)), and each (s, n - s)
// block is rescaled by exp(max a + max b - log C(N, n)) <= 1 (Vandermonde), so nothing overflows for any N.
// Values are kept as doubles (FEXACT's own precision; a rounding of ~1e-14 is far inside the 3.45e-7 rule),
// weights and sums as long doubles.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

#include "pipeline/base/errors.h"
#include "pipeline/stats/freeman_halton.h"
#include "pipeline/stats/numeric.h"

namespace pathcorr {
namespace stats_detail {

// The halves of one column group, by row total s = 0..max_s: values ascending within each s, the per-s scale
// (the largest value) and the weights expl(value - scale) (A) or their running sums (B).
struct RowTotalHalves {
  long max_s = 0;
  std::vector<size_t> offset;  // halves of row total s: [offset[s], offset[s + 1])
  std::vector<double> value;
  std::vector<ld> weight;
  std::vector<ld> scale;
};

}  // namespace stats_detail

using namespace stats_detail;

namespace {

// Number of halves of the columns `cols` with row total <= max_s (a DP over the columns; saturates at 1e18).
double count_halves(const std::vector<long>& cols, long max_s) {
  std::vector<double> ways(static_cast<size_t>(max_s) + 1, 0.0);
  ways[0] = 1.0;
  for (long c : cols) {
    std::vector<double> next(ways.size(), 0.0);
    for (long s = 0; s <= max_s; ++s) {
      if (ways[s] == 0) continue;
      for (long x = 0; x <= c && s + x <= max_s; ++x) next[s + x] = std::min(1e18, next[s + x] + ways[s]);
    }
    ways.swap(next);
  }
  return std::accumulate(ways.begin(), ways.end(), 0.0);
}

// Every half of the columns `cols` with row total <= max_s, sorted within each row total; `running`: the weights
// as running sums (the B side). A half's weight is the product of its columns' C(c_j, x_j) / max_x C(c_j, x),
// so that only one expl per row total is needed (to rescale by the row total's largest half).
std::shared_ptr<const RowTotalHalves> build_halves(const std::vector<long>& cols, long max_s,
                                                   const std::vector<ld>& lf, bool running) {
  struct Half {
    double value;  // sum of log C(c_j, x_j), rounded
    ld log_value;
    ld product;    // prod of C(c_j, x_j) / max_x C(c_j, x)
  };
  std::vector<std::vector<ld>> column_weight(cols.size());
  ld log_top = 0;  // sum over the columns of log max_x C(c_j, x)
  for (size_t j = 0; j < cols.size(); ++j) {
    const long c = cols[j];
    const long x_top = std::min(c / 2, max_s);  // the largest C(c, x) with x <= max_s
    const ld top = lf[c] - lf[x_top] - lf[c - x_top];
    for (long x = 0; x <= c; ++x) column_weight[j].push_back(expl(lf[c] - lf[x] - lf[c - x] - top));
    log_top += top;
  }
  std::vector<std::vector<Half>> by_s(static_cast<size_t>(max_s) + 1);
  {
    std::vector<double> count(by_s.size(), 0.0);  // halves per row total, to size each list once
    count[0] = 1.0;
    for (long c : cols)
      for (long s = max_s; s >= 0; --s)
        for (long x = 1; x <= c && x <= s; ++x) count[s] += count[s - x];
    for (size_t s = 0; s < by_s.size(); ++s) by_s[s].reserve(static_cast<size_t>(count[s]));
  }
  // Depth-first over the columns: column j takes x_j, the rest of the budget goes on.
  auto visit = [&](auto&& self, size_t j, long s, ld value, ld product) -> void {
    if (j == cols.size()) {
      by_s[static_cast<size_t>(s)].push_back({static_cast<double>(value), value, product});
      return;
    }
    const long c = cols[j];
    for (long xj = 0; xj <= c && s + xj <= max_s; ++xj)
      self(self, j + 1, s + xj, value + lf[c] - lf[xj] - lf[c - xj], product * column_weight[j][xj]);
  };
  visit(visit, 0, 0, 0.0L, 1.0L);
  auto h = std::make_shared<RowTotalHalves>();
  h->max_s = max_s;
  h->offset.push_back(0);
  for (auto& halves : by_s) {
    // Halves whose rounded values tie are counted together (b <= room on the rounded value), so their order
    // among themselves does not matter.
    std::sort(halves.begin(), halves.end(), [](const Half& a, const Half& b) { return a.value < b.value; });
    ld scale = 0, rescale = 1;
    if (!halves.empty()) {
      scale = std::max_element(halves.begin(), halves.end(), [](const Half& a, const Half& b) {
                return a.log_value < b.log_value;
              })->log_value;
      rescale = expl(log_top - scale);
    }
    ld sum = 0;
    for (const Half& half : halves) {
      // expl(log_value - scale), from the product unless it left the normal range (huge columns)
      const ld w = half.product > std::numeric_limits<ld>::min() && std::isfinite(rescale)
                       ? half.product * rescale
                       : expl(half.log_value - scale);
      h->value.push_back(half.value);
      h->weight.push_back(running ? (sum += w) : w);
    }
    h->scale.push_back(scale);
    h->offset.push_back(h->value.size());
    std::vector<Half>().swap(halves);
  }
  return h;
}

}  // namespace

std::unique_ptr<TwoRowFisherNull> TwoRowFisherNull::make(const std::vector<long>& col_totals, long max_row_total,
                                                         std::size_t max_entries, std::size_t max_a_halves) {
  for (long c : col_totals)
    if (c <= 0) throw InputError("TwoRowFisherNull: column totals must be > 0, got " + std::to_string(c));
  const size_t k = col_totals.size();
  if (k < 3) return nullptr;
  std::unique_ptr<TwoRowFisherNull> t(new TwoRowFisherNull());
  t->cols_ = col_totals;
  t->n_ = std::accumulate(col_totals.begin(), col_totals.end(), 0L);
  t->max_m_ = std::max(0L, std::min(max_row_total, t->n_ / 2));
  t->order_.resize(k);
  std::iota(t->order_.begin(), t->order_.end(), 0);
  std::stable_sort(t->order_.begin(), t->order_.end(), [&](size_t a, size_t b) { return col_totals[a] < col_totals[b]; });
  // B: the largest columns, at most three (the most whose halves fit), A the rest: the fewer A-halves, the less
  // work per table.
  for (size_t n_b = std::min<size_t>(3, k - 1); n_b >= 1; --n_b) {
    std::vector<long> a_cols, b_cols;
    for (size_t i = 0; i < k; ++i) (i < k - n_b ? a_cols : b_cols).push_back(col_totals[t->order_[i]]);
    const long a_max = std::min(t->max_m_, std::accumulate(a_cols.begin(), a_cols.end(), 0L));
    const long b_max = std::min(t->max_m_, std::accumulate(b_cols.begin(), b_cols.end(), 0L));
    if (count_halves(b_cols, b_max) > static_cast<double>(max_entries) ||
        count_halves(a_cols, a_max) > static_cast<double>(max_a_halves))
      continue;
    t->n_a_ = k - n_b;
    t->lf_ = log_factorials(t->n_);
    t->a_ = build_halves(a_cols, a_max, t->lf_, false);
    t->b_ = build_halves(b_cols, b_max, t->lf_, true);
    return t;
  }
  return nullptr;
}

double TwoRowFisherNull::p_value(const std::vector<long>& top) const {
  if (top.size() != cols_.size())
    throw InputError("TwoRowFisherNull: " + std::to_string(top.size()) + " counts for " +
                     std::to_string(cols_.size()) + " columns");
  long n = 0;
  for (size_t j = 0; j < top.size(); ++j) {
    if (top[j] < 0 || top[j] > cols_[j]) throw InputError("TwoRowFisherNull: count outside its column total");
    n += top[j];
  }
  if (n == 0 || n == n_) return 1.0;  // one non-empty row
  const bool flip = n > n_ - n;  // read the table from its other row
  if (flip) n = n_ - n;
  if (n > max_m_) {
    std::vector<long> bottom(top.size());
    for (size_t j = 0; j < top.size(); ++j) bottom[j] = cols_[j] - top[j];
    return fisher_exact_rxc({top, bottom});
  }
  ld obs = 0;
  for (size_t j = 0; j < top.size(); ++j) {
    const long c = cols_[j], x = flip ? c - top[j] : top[j];
    obs += lf_[c] - lf_[x] - lf_[c - x];
  }
  const ld threshold = obs + kFexactLogTol;
  const ld log_tables = lf_[n_] - lf_[n] - lf_[n_ - n];
  const RowTotalHalves& a = *a_;
  const RowTotalHalves& b = *b_;
  ld p = 0;
  for (long s = std::max(0L, n - b.max_s); s <= std::min(n, a.max_s); ++s) {
    const size_t m = static_cast<size_t>(n - s);
    const size_t a_begin = a.offset[s], a_end = a.offset[s + 1], b_begin = b.offset[m], b_end = b.offset[m + 1];
    if (a_begin == a_end || b_begin == b_end) continue;
    const double* bv = b.value.data();
    const double b_least = bv[b_begin], b_most = bv[b_end - 1];
    size_t from = b_begin;
    ld sum = 0;
    for (size_t i = a_end; i-- > a_begin;) {  // largest A-half first: the room for b only grows
      const double room = static_cast<double>(threshold - static_cast<ld>(a.value[i]));
      if (room < b_least) continue;
      if (room >= b_most) {
        sum += a.weight[i] * b.weight[b_end - 1];
        continue;
      }
      from = static_cast<size_t>(std::upper_bound(bv + from, bv + b_end, room) - bv);
      sum += a.weight[i] * b.weight[from - 1];
    }
    if (sum > 0) p += sum * expl(a.scale[s] + b.scale[m] - log_tables);
  }
  return static_cast<double>(std::min<ld>(1.0L, std::max<ld>(0.0L, p)));
}

}  // namespace pathcorr
