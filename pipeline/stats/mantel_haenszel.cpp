// The exact Mantel-Haenszel test (mantel_haenszel.h): the null law of sum(a) is the convolution of the strata's
// hypergeometric laws; the odds ratio and its interval are solved on it as for a 2x2 table (conditional_law.h).
#include "pipeline/stats/mantel_haenszel.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "pipeline/base/errors.h"
#include "pipeline/stats/conditional_law.h"

namespace pathcorr {

using namespace stats_detail;

MantelHaenszel mantel_haenszel_exact(const std::vector<std::array<long, 4>>& strata, Alternative alternative,
                                     double conf_level) {
  check_conf_level(conf_level, "mantel_haenszel_exact");
  if (strata.empty()) throw InputError("mantel_haenszel_exact: no strata");
  long max_n = 0;
  for (size_t s = 0; s < strata.size(); ++s) {
    const auto& t = strata[s];
    if (t[0] < 0 || t[1] < 0 || t[2] < 0 || t[3] < 0) {
      throw InputError("mantel_haenszel_exact: negative cell count in stratum " + std::to_string(s + 1));
    }
    const long n = t[0] + t[1] + t[2] + t[3];
    if (n < 2) {
      throw InputError("mantel_haenszel_exact: stratum " + std::to_string(s + 1) +
                       " has fewer than 2 patients (R: sample size in each stratum must be > 1)");
    }
    max_n = std::max(max_n, n);
  }
  const std::vector<ld> lf = log_factorials(max_n);
  auto log_choose = [&](long n, long r) { return lf[n] - lf[r] - lf[n - r]; };
  // Null law of S = sum of the (1,1) cells: convolution of the strata's hypergeometric laws, in log space.
  long lo = 0, hi = 0, s_obs = 0;
  std::vector<ld> log_d{0.0L};
  double diag = 0, offdiag = 0;
  for (const auto& t : strata) {
    const long a = t[0], b = t[1], c = t[2], d = t[3];
    const long m = a + c, n = b + d, k = a + b;
    const long l = std::max(0L, k - n), h = std::min(k, m);
    std::vector<ld> log_pmf;
    for (long i = l; i <= h; ++i) {
      log_pmf.push_back(log_choose(m, i) + log_choose(n, k - i) - log_choose(m + n, k));
    }
    std::vector<ld> conv(log_d.size() + log_pmf.size() - 1, -std::numeric_limits<ld>::infinity());
    for (size_t target = 0; target < conv.size(); ++target) {
      ld top = -std::numeric_limits<ld>::infinity();
      const size_t first = target >= log_pmf.size() - 1 ? target - (log_pmf.size() - 1) : 0;
      const size_t last = std::min(target, log_d.size() - 1);
      for (size_t u = first; u <= last; ++u) top = std::max(top, log_d[u] + log_pmf[target - u]);
      ld sum = 0;
      for (size_t u = first; u <= last; ++u) sum += expl(log_d[u] + log_pmf[target - u] - top);
      conv[target] = top + logl(sum);
    }
    log_d.swap(conv);
    lo += l;
    hi += h;
    s_obs += a;
    const double nd = static_cast<double>(a + b + c + d);
    diag += static_cast<double>(a) * static_cast<double>(d) / nd;
    offdiag += static_cast<double>(b) * static_cast<double>(c) / nd;
  }
  std::vector<double> ratios(log_d.size() > 1 ? log_d.size() - 1 : 0), inverse_ratios(ratios.size());
  for (size_t i = 0; i + 1 < log_d.size(); ++i) {
    ratios[i] = static_cast<double>(expl(log_d[i + 1] - log_d[i]));
    inverse_ratios[i] = static_cast<double>(expl(log_d[i] - log_d[i + 1]));
  }
  const auto family = make_family(
      lo, hi, [&ratios, lo](long i) { return ratios[static_cast<size_t>(i - lo)]; },
      [&inverse_ratios, lo](long i) { return inverse_ratios[static_cast<size_t>(i - lo)]; });
  MantelHaenszel out;
  {
    // p-values from the null law itself (as R, which uses the convolution dc directly).
    ld total = 0, le = 0, ge = 0, two = 0;
    const ld top = *std::max_element(log_d.begin(), log_d.end());
    const ld d_obs = expl(log_d[s_obs - lo] - top);
    for (long i = lo; i <= hi; ++i) {
      const ld w = expl(log_d[i - lo] - top);
      total += w;
      if (i <= s_obs) le += w;
      if (i >= s_obs) ge += w;
      if (w <= d_obs * kRelErr) two += w;
    }
    ld p = alternative == Alternative::Less ? le : alternative == Alternative::Greater ? ge : two;
    out.p_value = static_cast<double>(std::min<ld>(1.0L, p / total));
  }
  out.mh_estimate = diag / offdiag;
  const double guess = log_or_fallback(out.mh_estimate, 0.0);
  out.odds_ratio = conditional_mle(family, s_obs, guess);
  const Interval ci =
      conditional_interval(family, s_obs, alternative, conf_level, log_or_fallback(out.odds_ratio, guess));
  out.ci_low = ci.low;
  out.ci_high = ci.high;
  return out;
}

}  // namespace pathcorr
