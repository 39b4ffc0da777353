// TrendNull (exact_trend.h): the null distribution of the trend statistic for every row total, computed once.
#include "pipeline/stats/exact_trend.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>

#include "pipeline/base/errors.h"
#include "pipeline/stats/numeric.h"

namespace pathcorr {

using namespace stats_detail;

std::unique_ptr<TrendNull> TrendNull::make(const std::vector<long>& col_totals, const std::vector<double>& scores,
                                           std::size_t max_cells, long max_row_total) {
  if (col_totals.size() != scores.size())
    throw InputError("TrendNull: " + std::to_string(scores.size()) + " scores for " +
                     std::to_string(col_totals.size()) + " categories");
  std::unique_ptr<TrendNull> t(new TrendNull());
  t->cols_ = col_totals;
  bool first = true;
  for (size_t j = 0; j < col_totals.size(); ++j) {
    if (col_totals[j] < 0) throw InputError("TrendNull: negative column total");
    if (!std::isfinite(scores[j]) || scores[j] != std::floor(scores[j]) || std::fabs(scores[j]) > 1e6)
      return nullptr;  // exact_trend_2xk scales rational scores; not done here
    t->w_.push_back(static_cast<long>(scores[j]));
    if (col_totals[j] == 0) continue;
    ++t->non_empty_;
    t->n_ += col_totals[j];
    t->w_min_ = first ? t->w_.back() : std::min(t->w_min_, t->w_.back());
    t->max_abs_w_ = std::max(t->max_abs_w_, std::labs(t->w_.back()));
    first = false;
  }
  for (size_t j = 0; j < col_totals.size(); ++j)
    if (col_totals[j] > 0) t->span_ += (t->w_[j] - t->w_min_) * col_totals[j];
  const std::size_t width = static_cast<std::size_t>(t->span_) + 1;
  t->max_s_ = max_row_total < 0 ? t->n_ : std::min(t->n_, max_row_total);
  const long max_s = t->max_s_;
  if (static_cast<double>(max_s + 1) * static_cast<double>(width) > static_cast<double>(max_cells)) return nullptr;
  const std::vector<ld> lf = log_factorials(t->n_);
  std::vector<ld> cur(width * static_cast<std::size_t>(max_s + 1), 0.0L), next(cur.size());
  cur[0] = 1.0L;
  // Totals (capped at max_s), T' span and the smallest and largest w of the columns folded in so far. Row s of
  // the table is zero outside w_low * s <= T' <= w_top * s (s patients, each adding between w_low and w_top), so
  // only that stretch of it is summed: the entries outside would add exact zeros. At 4,000 patients and row
  // totals up to a few hundred that is a tenth of the row or less.
  long m = 0, span = 0, w_low = -1, w_top = 0;
  for (size_t j = 0; j < col_totals.size(); ++j) {
    const long c = col_totals[j];
    if (c == 0) continue;
    const long w = t->w_[j] - t->w_min_;
    const long m_next = std::min(m + c, max_s);
    std::fill(next.begin(), next.begin() + static_cast<std::ptrdiff_t>(width * static_cast<std::size_t>(m_next + 1)),
              0.0L);
    // Row totals above max_s are never read, and an entry at s <= max_s only sums terms from s' <= s: the
    // entries kept are the ones the full table would have, summed in the same order.
    for (long x = 0; x <= std::min(c, max_s); ++x) {
      const ld coef = expl(lf[c] - lf[x] - lf[c - x]);
      for (long s = 0; s <= std::min(m, max_s - x); ++s) {
        const ld* src = &cur[static_cast<std::size_t>(s) * width];
        ld* dst = &next[static_cast<std::size_t>(s + x) * width + static_cast<std::size_t>(w * x)];
        const long last = std::min(span, w_top * s);
        for (long tt = std::max(w_low, 0L) * s; tt <= last; ++tt) dst[tt] += src[tt] * coef;
      }
    }
    m = m_next;
    span += w * c;
    w_low = w_low < 0 ? w : std::min(w_low, w);
    w_top = std::max(w_top, w);
    cur.swap(next);
  }
  t->g_ = std::move(cur);
  return t;
}

double TrendNull::p_value(const std::vector<long>& altered) const {
  if (altered.size() != cols_.size())
    throw InputError("TrendNull: " + std::to_string(altered.size()) + " counts for " + std::to_string(cols_.size()) +
                     " categories");
  if (non_empty_ < 2 || max_abs_w_ == 0) return 1.0;
  long r0 = 0;
  ld t_obs = 0, sum_wc = 0;
  for (size_t j = 0; j < cols_.size(); ++j) {
    if (altered[j] < 0 || altered[j] > cols_[j]) throw InputError("TrendNull: count outside its column total");
    r0 += altered[j];
    t_obs += static_cast<ld>(w_[j]) * altered[j];
    sum_wc += static_cast<ld>(w_[j]) * cols_[j];
  }
  if (r0 == 0 || r0 == n_) return 1.0;
  if (r0 > max_s_) {
    std::vector<long> wildtype(cols_.size());
    std::vector<double> scores(cols_.size());
    for (size_t j = 0; j < cols_.size(); ++j) {
      wildtype[j] = cols_[j] - altered[j];
      scores[j] = static_cast<double>(w_[j]);
    }
    return exact_trend_2xk(altered, wildtype, scores);
  }
  // The tie rule of exact_trend_2xk.
  const ld expected = static_cast<ld>(r0) / n_ * sum_wc;
  const ld d_obs = fabsl(t_obs - expected);
  const ld critical = d_obs - 1e-7L * (d_obs + static_cast<ld>(max_abs_w_));
  if (critical <= 0) return 1.0;
  const ld low_edge = expected - critical, high_edge = expected + critical;
  const std::size_t width = static_cast<std::size_t>(span_) + 1;
  const ld* row = &g_[static_cast<std::size_t>(r0) * width];
  ld total = 0, tail = 0;
  for (std::size_t tt = 0; tt < width; ++tt) {
    if (row[tt] == 0) continue;
    total += row[tt];
    const ld t_value = static_cast<ld>(static_cast<long>(tt) + w_min_ * r0);
    if (t_value <= low_edge || t_value >= high_edge) tail += row[tt];
  }
  return static_cast<double>(std::min<ld>(1.0L, tail / total));
}

}  // namespace pathcorr
