// Exact power and sample size of Fisher's exact test (fisher_power.h): the rejection region from
// fisher_2x2_p_value, located per number of responders by a galloping search on each side of the conditional mode,
// then summed against the product of the two binomial laws.
#include "pipeline/stats/fisher_power.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "pipeline/base/errors.h"
#include "pipeline/stats/fisher_2x2.h"
#include "pipeline/stats/numeric.h"

namespace pathcorr {

using namespace stats_detail;

namespace {

// Largest grid exponent of min_detectable_odds_ratio: 1.25^124 ~ 1e12.
constexpr int kGridSteps = 124;
constexpr double kGridFactor = 1.25;
// Bisection on log(OR) stops when the bracket is below this width (OR known to ~1e-12 relative).
constexpr double kLogOrTolerance = 1e-12;

void check_probability(double p, const char* what) {
  if (!(p >= 0.0 && p <= 1.0)) {
    throw InputError(std::string("fisher power: ") + what + " must lie between 0 and 1, got " + std::to_string(p));
  }
}

// dbinom(x, n, p) for x = 0..n, in long double from log factorials.
std::vector<ld> binomial_pmf(long n, double p, const std::vector<ld>& lf) {
  std::vector<ld> out(static_cast<size_t>(n) + 1, 0.0L);
  if (p <= 0.0) {
    out[0] = 1.0L;
    return out;
  }
  if (p >= 1.0) {
    out[static_cast<size_t>(n)] = 1.0L;
    return out;
  }
  const ld log_p = logl(static_cast<ld>(p)), log_q = log1pl(-static_cast<ld>(p));
  for (long x = 0; x <= n; ++x) {
    out[static_cast<size_t>(x)] = expl(lf[n] - lf[x] - lf[n - x] + x * log_p + (n - x) * log_q);
  }
  return out;
}

// Largest a in [first, last] with rejected(a), where the rejected a form a prefix; first - 1 when none. The search
// gallops from `hint` (the neighbouring k's boundary, usually within a step or two), then bisects.
template <class Pred>
long last_of_prefix(long first, long last, long hint, Pred&& rejected) {
  if (first > last) return first - 1;
  hint = std::max(first, std::min(last, hint));
  long lo, hi;  // the answer is in [lo, hi]; lo is first - 1 or a rejected a
  if (rejected(hint)) {
    lo = hi = hint;
    for (long step = 1;; step *= 2) {
      const long probe = lo + step;
      if (probe > last) {
        hi = last;
        break;
      }
      if (!rejected(probe)) {
        hi = probe - 1;
        break;
      }
      lo = probe;
    }
  } else {
    hi = hint - 1;
    lo = first - 1;
    for (long step = 1;; step *= 2) {
      const long probe = hint - step;
      if (probe < first) break;
      if (rejected(probe)) {
        lo = probe;
        break;
      }
      hi = probe - 1;
    }
  }
  while (lo < hi) {
    const long mid = lo + (hi - lo + 1) / 2;
    if (rejected(mid)) {
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  return lo;
}

// Smallest a in [first, last] with rejected(a), where the rejected a form a suffix; last + 1 when none. Gallops
// from `hint` as last_of_prefix.
template <class Pred>
long first_of_suffix(long first, long last, long hint, Pred&& rejected) {
  if (first > last) return last + 1;
  hint = std::max(first, std::min(last, hint));
  long lo, hi;  // the answer is in [lo, hi]; hi is last + 1 or a rejected a
  if (rejected(hint)) {
    lo = hi = hint;
    for (long step = 1;; step *= 2) {
      const long probe = hi - step;
      if (probe < first) {
        lo = first;
        break;
      }
      if (!rejected(probe)) {
        lo = probe + 1;
        break;
      }
      hi = probe;
    }
  } else {
    lo = hint + 1;
    hi = last + 1;
    for (long step = 1;; step *= 2) {
      const long probe = hint + step;
      if (probe > last) break;
      if (rejected(probe)) {
        hi = probe;
        break;
      }
      lo = probe + 1;
    }
  }
  while (lo < hi) {
    const long mid = lo + (hi - lo) / 2;
    if (rejected(mid)) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  return lo;
}

// The power of one region at a fixed wild-type rate p0, as a function of p1 (min_detectable_odds_ratio's search):
// the wild-type law is summed over the region once, weight[a] = sum of dbinom(c, n0, p0) over the c rejected
// with a (the region's runs of c, each a difference of cumulative sums, or a tail sum where it reaches 0 or n0),
// so that power(p1) = sum_a dbinom(a, n1, p1) weight[a] costs n1 + 1 terms instead of the whole region.
// reaches() first sums in double and decides from it unless it lies within its error bound of the target (the
// last few steps of the bisection); only then is the sum done in long double.
class PowerAtFixedP0 {
 public:
  PowerAtFixedP0(long n1, long n0, const std::vector<std::array<long, 3>>& runs, const std::vector<ld>& lf,
                 double p0)
      : n1_(n1), lf_(lf), weight_(static_cast<size_t>(n1) + 1, 0.0L) {
    const std::vector<ld> b0 = binomial_pmf(n0, p0, lf);
    std::vector<ld> below(static_cast<size_t>(n0) + 2, 0.0L), from(static_cast<size_t>(n0) + 2, 0.0L);
    for (long c = 0; c <= n0; ++c) below[c + 1] = below[c] + b0[c];  // below[c]: P(C < c)
    for (long c = n0; c >= 0; --c) from[c] = from[c + 1] + b0[c];    // from[c]: P(C >= c)
    for (const auto& [a, first, last] : runs) {
      const ld mass = first == 0 ? below[last + 1] : last == n0 ? from[first] : below[last + 1] - below[first];
      weight_[static_cast<size_t>(a)] += mass;
    }
    for (long a = 0; a <= n1; ++a) {
      log_choose_.push_back(static_cast<double>(lf[n1] - lf[a] - lf[n1 - a]));
      weight_d_.push_back(static_cast<double>(weight_[static_cast<size_t>(a)]));
    }
  }

  // Whether the power at p1 (as a double, capped at 1) is >= target.
  bool reaches(double p1, double target) const {
    if (p1 > 0.0 && p1 < 1.0) {
      const double log_p = std::log(p1), log_q = std::log1p(-p1);
      double fast = 0.0, exponent_size = 0.0;
      for (long a = 0; a <= n1_; ++a) {
        const size_t i = static_cast<size_t>(a);
        if (weight_d_[i] <= 0.0) continue;
        const double x = static_cast<double>(a) * log_p, y = static_cast<double>(n1_ - a) * log_q;
        fast += std::exp(log_choose_[i] + x + y) * weight_d_[i];
        exponent_size = std::max(exponent_size, std::fabs(log_choose_[i]) + std::fabs(x) + std::fabs(y));
      }
      // Each exponent is off by at most a few roundings of its parts (~4 eps |part|), each exp and product by
      // ~2 eps, the sum by ~(n1 + 1) eps: a relative error below `bound`, kept 8 times over.
      const double eps = std::numeric_limits<double>::epsilon();
      const double bound = 8.0 * (4.0 * eps * exponent_size + (static_cast<double>(n1_) + 4.0) * eps);
      if (std::min(1.0, fast) >= target * (1.0 + bound)) return true;
      if (std::min(1.0, fast) < target * (1.0 - bound)) return false;
    }
    const std::vector<ld> b1 = binomial_pmf(n1_, p1, lf_);
    ld total = 0.0L;
    for (long a = 0; a <= n1_; ++a) total += b1[static_cast<size_t>(a)] * weight_[static_cast<size_t>(a)];
    return static_cast<double>(std::min<ld>(1.0L, total)) >= target;
  }

 private:
  long n1_;
  const std::vector<ld>& lf_;
  std::vector<ld> weight_;
  std::vector<double> log_choose_, weight_d_;
};

// The rejected cells (a, c) (a <= lower[a + c] or a >= upper[a + c]) as runs of c for each a. When both boundaries
// are nondecreasing in k (the usual case: more responders shift the conditional law up), the cells of a are two
// tails in c, c >= kL(a) - a (kL the first k with lower[k] >= a) and c <= kU(a) - a (kU the last k with
// upper[k] <= a), found by one sweep over k; otherwise every cell is visited.
std::vector<std::array<long, 3>> region_runs(long n1, long n0, const std::vector<long>& lower,
                                             const std::vector<long>& upper) {
  std::vector<std::array<long, 3>> runs;
  const bool monotone = std::is_sorted(lower.begin(), lower.end()) && std::is_sorted(upper.begin(), upper.end());
  if (!monotone) {
    for (long a = 0; a <= n1; ++a) {
      long first = -1;
      for (long c = 0; c <= n0 + 1; ++c) {
        const size_t k = static_cast<size_t>(a + c);
        const bool rejected = c <= n0 && (a <= lower[k] || a >= upper[k]);
        if (rejected && first < 0) first = c;
        if (!rejected && first >= 0) {
          runs.push_back({a, first, c - 1});
          first = -1;
        }
      }
    }
    return runs;
  }
  const long n = n1 + n0;
  long k_lower = 0, k_upper = -1;  // first k with lower[k] >= a; last k with upper[k] <= a
  for (long a = 0; a <= n1; ++a) {
    while (k_lower <= n && lower[static_cast<size_t>(k_lower)] < a) ++k_lower;
    while (k_upper + 1 <= n && upper[static_cast<size_t>(k_upper + 1)] <= a) ++k_upper;
    // c in [0, n0] with k = a + c: upper tail c <= k_upper - a, lower tail c >= k_lower - a.
    const long up_last = std::min(n0, k_upper - a), low_first = std::max(0L, k_lower - a);
    const bool has_up = up_last >= 0, has_low = low_first <= n0 && k_lower <= n;
    if (has_up && has_low && low_first <= up_last + 1) {
      runs.push_back({a, 0, n0});
    } else {
      if (has_up) runs.push_back({a, 0, up_last});
      if (has_low) runs.push_back({a, low_first, n0});
    }
  }
  return runs;
}

}  // namespace

double response_rate_for_odds_ratio(double p0, double odds_ratio) {
  check_probability(p0, "the wild-type response rate");
  if (!(odds_ratio >= 0.0)) {
    throw InputError("fisher power: the odds ratio must be >= 0 (Inf allowed), got " + std::to_string(odds_ratio));
  }
  if (p0 == 0.0 || p0 == 1.0) return p0;
  if (std::isinf(odds_ratio)) return 1.0;
  return odds_ratio * p0 / (1.0 - p0 + odds_ratio * p0);
}

FisherRejectionRegion::FisherRejectionRegion(long n_altered, long n_wildtype, double alpha, Alternative alternative)
    : n1_(n_altered), n0_(n_wildtype), alternative_(alternative) {
  if (n1_ < 0 || n0_ < 0) {
    throw InputError("fisher power: group sizes must be >= 0, got " + std::to_string(n1_) + " and " +
                     std::to_string(n0_));
  }
  if (!(alpha > 0.0 && alpha < 1.0)) {
    throw UsageError("fisher power: alpha must lie strictly between 0 and 1, got " + std::to_string(alpha));
  }
  const long n = n1_ + n0_;
  lf_ = log_factorials(std::max(n1_, n0_));
  lower_.resize(static_cast<size_t>(n) + 1);
  upper_.resize(static_cast<size_t>(n) + 1);
  for (long k = 0; k <= n; ++k) {
    const long lo = std::max(0L, k - n0_), hi = std::min(k, n1_);
    auto rejected = [&](long a) {
      return fisher_2x2_p_value(a, n1_ - a, k - a, n0_ - (k - a), alternative) <= alpha;
    };
    long lower = lo - 1, upper = hi + 1;
    // The previous k's boundaries start the searches (they move by about one as k grows).
    const long lower_hint = k > 0 ? lower_[static_cast<size_t>(k - 1)] : lo;
    const long upper_hint = k > 0 ? upper_[static_cast<size_t>(k - 1)] : hi;
    if (lo < hi) {
      if (alternative == Alternative::Less) {
        lower = last_of_prefix(lo, hi, lower_hint, rejected);  // P(X <= a) grows with a
      } else if (alternative == Alternative::Greater) {
        upper = first_of_suffix(lo, hi, upper_hint, rejected);  // P(X >= a) falls with a
      } else {
        // The two-sided p-value grows towards the mode of the conditional law (where it is 1).
        const long mode = static_cast<long>((static_cast<double>(k + 1) * static_cast<double>(n1_ + 1)) /
                                            static_cast<double>(n + 2));
        const long m = std::max(lo, std::min(hi, mode));
        lower = last_of_prefix(lo, m, lower_hint, rejected);
        upper = first_of_suffix(std::max(m, lower + 1), hi, upper_hint, rejected);
      }
    }
    lower_[static_cast<size_t>(k)] = lower;
    upper_[static_cast<size_t>(k)] = upper;
  }
  runs_ = region_runs(n1_, n0_, lower_, upper_);
}

double FisherRejectionRegion::power(double p1, double p0) const {
  check_probability(p1, "the altered response rate");
  check_probability(p0, "the wild-type response rate");
  const std::vector<ld> b1 = binomial_pmf(n1_, p1, lf_), b0 = binomial_pmf(n0_, p0, lf_);
  ld total = 0.0L;
  for (long k = 0; k <= n1_ + n0_; ++k) {
    const long lo = std::max(0L, k - n0_), hi = std::min(k, n1_);
    const long lower = lower_[static_cast<size_t>(k)], upper = upper_[static_cast<size_t>(k)];
    for (long a = lo; a <= lower; ++a) total += b1[static_cast<size_t>(a)] * b0[static_cast<size_t>(k - a)];
    for (long a = std::max(upper, lower + 1); a <= hi; ++a) {
      total += b1[static_cast<size_t>(a)] * b0[static_cast<size_t>(k - a)];
    }
  }
  return static_cast<double>(std::min<ld>(1.0L, total));
}

double fisher_power(long n_altered, long n_wildtype, double p0, double odds_ratio, double alpha,
                    Alternative alternative) {
  const double p1 = response_rate_for_odds_ratio(p0, odds_ratio);
  return FisherRejectionRegion(n_altered, n_wildtype, alpha, alternative).power(p1, p0);
}

double min_detectable_odds_ratio(const FisherRejectionRegion& region, double p0, double target_power) {
  check_probability(p0, "the wild-type response rate");
  if (!(target_power > 0.0 && target_power < 1.0)) {
    throw UsageError("fisher power: the target power must lie strictly between 0 and 1, got " +
                     std::to_string(target_power));
  }
  // `less` looks for odds ratios below 1: the same search on log(OR) with its sign turned.
  const double sign = region.alternative() == Alternative::Less ? -1.0 : 1.0;
  const double none = sign > 0 ? std::numeric_limits<double>::infinity() : 0.0;
  if (p0 == 0.0 || p0 == 1.0) return none;
  const PowerAtFixedP0 power(region.n1_, region.n0_, region.runs_, region.lf_, p0);
  auto reaches_at = [&](double log_or) {
    return power.reaches(response_rate_for_odds_ratio(p0, std::exp(sign * log_or)), target_power);
  };
  if (!power.reaches(sign > 0 ? 1.0 : 0.0, target_power)) return none;  // not even p1 = 1 (0) reaches it
  const double step = std::log(kGridFactor);
  double below = 0.0;  // log(OR) = 0: power = size <= alpha < target (checked: target > alpha is not assumed)
  for (int i = 1; i <= kGridSteps; ++i) {
    const double above = i * step;
    if (!reaches_at(above)) {
      below = above;
      continue;
    }
    double lo = below, hi = above;
    while (hi - lo > kLogOrTolerance * std::max(1.0, hi)) {
      const double mid = 0.5 * (lo + hi);
      if (reaches_at(mid)) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return std::exp(sign * hi);
  }
  return none;
}

SampleSize fisher_sample_size(double prevalence, double p0, double odds_ratio, double target_power, double alpha,
                              Alternative alternative, long max_n) {
  if (!(prevalence > 0.0 && prevalence < 1.0)) {
    throw UsageError("fisher sample size: the prevalence must lie strictly between 0 and 1, got " +
                     std::to_string(prevalence));
  }
  if (!(target_power > 0.0 && target_power < 1.0)) {
    throw UsageError("fisher sample size: the target power must lie strictly between 0 and 1, got " +
                     std::to_string(target_power));
  }
  const double p1 = response_rate_for_odds_ratio(p0, odds_ratio);
  SampleSize out;
  for (long n = 2; n <= max_n; ++n) {
    const long n1 = static_cast<long>(std::floor(prevalence * static_cast<double>(n) + 0.5));
    const long n0 = n - n1;
    if (n1 < 1 || n0 < 1) continue;
    const double power = FisherRejectionRegion(n1, n0, alpha, alternative).power(p1, p0);
    if (power >= target_power) {
      out.found = true;
      out.n_total = n;
      out.n_altered = n1;
      out.n_wildtype = n0;
      out.power = power;
      return out;
    }
  }
  return out;
}

}  // namespace pathcorr
