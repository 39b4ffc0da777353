// Fisher's exact test of a 2x2 table (fisher_2x2.h) on the conditional law of conditional_law.h.
#include "pipeline/stats/fisher_2x2.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "pipeline/base/errors.h"
#include "pipeline/stats/conditional_law.h"

namespace pathcorr {

using namespace stats_detail;

namespace {

// The conditional law of the (1,1) cell of [[a, b], [c, d]] given the margins. R's names: m = first column total,
// n = second column total, k = first row total; r_i = C(m, i+1) C(n, k-i-1) / (C(m, i) C(n, k-i)).
auto fisher_2x2_family(long a, long b, long c, long d) {
  if (a < 0 || b < 0 || c < 0 || d < 0) {
    throw InputError("fisher_exact_2x2: negative cell count in table [[" + std::to_string(a) + ", " +
                     std::to_string(b) + "], [" + std::to_string(c) + ", " + std::to_string(d) + "]]");
  }
  const long m = a + c, n = b + d, k = a + b;
  auto ratio = [m, n, k](long i) {
    return (static_cast<double>(m - i) * static_cast<double>(k - i)) /
           (static_cast<double>(i + 1) * static_cast<double>(n - k + i + 1));
  };
  auto inverse_ratio = [m, n, k](long i) {
    return (static_cast<double>(i + 1) * static_cast<double>(n - k + i + 1)) /
           (static_cast<double>(m - i) * static_cast<double>(k - i));
  };
  return make_family(std::max(0L, k - n), std::min(k, m), ratio, inverse_ratio);
}
}  // namespace

double fisher_2x2_p_value(long a, long b, long c, long d, Alternative alternative) {
  return null_p_value(fisher_2x2_family(a, b, c, d), a, alternative);
}

Fisher2x2 fisher_exact_2x2(long a, long b, long c, long d, Alternative alternative, double conf_level) {
  const auto family = fisher_2x2_family(a, b, c, d);
  check_conf_level(conf_level, "fisher_exact_2x2");
  const long lo = family.lo(), hi = family.hi(), x = a;
  Fisher2x2 out;
  out.degenerate = (lo == hi);
  out.p_value = null_p_value(family, x, alternative);
  // Woolf's log odds ratio with 0.5 added to each cell: the starting point of the solvers.
  const double woolf = std::log((a + 0.5) * (d + 0.5) / ((b + 0.5) * (c + 0.5)));
  out.odds_ratio = conditional_mle(family, x, woolf);
  const Interval ci =
      conditional_interval(family, x, alternative, conf_level, log_or_fallback(out.odds_ratio, woolf));
  out.ci_low = ci.low;
  out.ci_high = ci.high;
  return out;
}

}  // namespace pathcorr
