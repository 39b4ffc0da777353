// p-value adjustment as R p.adjust (p_adjust.h).
#include "pipeline/stats/p_adjust.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "pipeline/base/errors.h"
#include "pipeline/stats/numeric.h"

namespace pathcorr {

using namespace stats_detail;

std::string to_string(AdjustMethod method) {
  switch (method) {
    case AdjustMethod::BH:
      return "bh";
    case AdjustMethod::BY:
      return "by";
    case AdjustMethod::Holm:
      return "holm";
    case AdjustMethod::Bonferroni:
      return "bonferroni";
    case AdjustMethod::None:
    default:
      return "none";
  }
}

std::vector<double> p_adjust(const std::vector<double>& p, AdjustMethod method) {
  std::vector<double> out = p;
  std::vector<size_t> index;
  for (size_t i = 0; i < p.size(); ++i)
    if (!std::isnan(p[i])) index.push_back(i);
  const size_t lp = index.size();
  const double n = static_cast<double>(lp);  // R: n is evaluated after the NAs are removed
  if (lp <= 1 || method == AdjustMethod::None) return out;
  std::vector<double> q(lp);
  for (size_t i = 0; i < lp; ++i) q[i] = p[index[i]];
  std::vector<size_t> o(lp);
  std::iota(o.begin(), o.end(), 0);
  std::vector<double> adjusted(lp);
  switch (method) {
    case AdjustMethod::Bonferroni:
      for (size_t i = 0; i < lp; ++i) adjusted[i] = std::min(1.0, n * q[i]);
      break;
    case AdjustMethod::Holm: {
      // pmin(1, cummax((n + 1 - i) * p[o]))[ro], o = order(p)
      std::stable_sort(o.begin(), o.end(), [&](size_t a, size_t b) { return q[a] < q[b]; });
      double running = -kInf;
      for (size_t r = 0; r < lp; ++r) {
        const double value = (n + 1.0 - static_cast<double>(r + 1)) * q[o[r]];
        running = std::max(running, value);
        adjusted[o[r]] = std::min(1.0, running);
      }
      break;
    }
    case AdjustMethod::BH:
    case AdjustMethod::BY: {
      // pmin(1, cummin(n / i * p[o]))[ro] (BY: q * n / i * p[o]), o = order(p, decreasing = TRUE), i = lp:1
      std::stable_sort(o.begin(), o.end(), [&](size_t a, size_t b) { return q[a] > q[b]; });
      double harmonic = 0;
      if (method == AdjustMethod::BY) {  // sum(1 / (1L:n)); R's sum() accumulates in long double
        ld sum = 0;
        for (size_t i = 1; i <= lp; ++i) sum += 1.0 / static_cast<double>(i);
        harmonic = static_cast<double>(sum);
      }
      double running = kInf;
      for (size_t r = 0; r < lp; ++r) {
        const double i = static_cast<double>(lp - r);
        const double value = method == AdjustMethod::BY ? harmonic * n / i * q[o[r]] : n / i * q[o[r]];
        running = std::min(running, value);
        adjusted[o[r]] = std::min(1.0, running);
      }
      break;
    }
    case AdjustMethod::None:
      break;
  }
  for (size_t i = 0; i < lp; ++i) out[index[i]] = adjusted[i];
  return out;
}

}  // namespace pathcorr
