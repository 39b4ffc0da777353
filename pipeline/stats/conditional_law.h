// Internal to pipeline/stats: the conditional (noncentral hypergeometric) law of a 2x2 table's (1,1) cell given
// its margins, or of the sum of such cells over strata, and what is solved on it: the null p-value, the
// conditional maximum-likelihood odds ratio and its exact interval. Used by fisher_2x2.cpp and
// mantel_haenszel.cpp.
#pragma once
#include <algorithm>
#include <cmath>

#include <boost/math/special_functions/erf.hpp>

#include "pipeline/stats/alternative.h"
#include "pipeline/stats/numeric.h"

namespace pathcorr {
namespace stats_detail {

// ---------------------------------------------------------------------------------------------------------------
// Conditional distributions of the 2x2 (and 2x2xK) problems.
//
// Given all margins, the (1,1) cell X of a 2x2 table follows Fisher's noncentral hypergeometric distribution,
// P_theta(X = i) proportional to w_i theta^i on lo..hi, theta the odds ratio; the sum of the (1,1) cells over
// strata follows the same kind of law with w the convolution of the strata's null laws. Both null laws are
// log-concave, so the ratios r_i = w_{i+1} / w_i decrease in i. We never form w_i themselves: every quantity is a
// walk from the mode of w_i theta^i (weight 1) outwards, multiplying by ratios, until the weights fall below a
// cutoff. This costs O(width of the distribution) rather than O(support) and needs no exp/lgamma per term. The
// walk runs in double: a 2x2 ratio is a quotient of exact integers (one rounding), so after L steps a weight is
// within ~L * 1.1e-16 relative (1e-12 for L = 10^4), far below the 1e-9 agreement we require with R.
template <class Ratio, class InverseRatio>
class Family {
 public:
  Family(long lo, long hi, Ratio ratio, InverseRatio inverse_ratio)
      : lo_(lo), hi_(hi), ratio_(ratio), inverse_ratio_(inverse_ratio) {}
  long lo() const { return lo_; }
  long hi() const { return hi_; }
  double ratio(long i) const { return ratio_(i); }  // r_i, lo <= i < hi
  double inverse_ratio(long i) const { return inverse_ratio_(i); }

  // The mode of w_i theta^i: the first i whose ratio times theta drops below 1 (ratios decrease).
  long mode(double theta) const {
    long a = lo_, b = hi_;
    while (a < b) {
      const long mid = a + (b - a) / 2;
      if (ratio(mid) * theta < 1.0) {
        b = mid;
      } else {
        a = mid + 1;
      }
    }
    return a;
  }

  // Calls visit(i, weight) for the support points whose weight relative to the mode is >= cutoff.
  template <class Visit>
  void walk(double theta, long mode, double cutoff, Visit&& visit) const {
    visit(mode, 1.0);
    const double inverse_theta = 1.0 / theta;
    double w = 1.0;
    for (long i = mode - 1; i >= lo_; --i) {
      w *= inverse_ratio(i) * inverse_theta;
      if (!(w >= cutoff)) break;
      visit(i, w);
    }
    w = 1.0;
    for (long i = mode + 1; i <= hi_; ++i) {
      w *= ratio(i - 1) * theta;
      if (!(w >= cutoff)) break;
      visit(i, w);
    }
  }

 private:
  long lo_, hi_;
  Ratio ratio_;
  InverseRatio inverse_ratio_;
};

template <class Ratio, class InverseRatio>
Family<Ratio, InverseRatio> make_family(long lo, long hi, Ratio ratio, InverseRatio inverse_ratio) {
  return Family<Ratio, InverseRatio>(lo, hi, ratio, inverse_ratio);
}

// Moments of the family at log odds ratio phi, with the tails at x.
struct Moments {
  double mean, var;
  double p_le, p_ge;        // P(X <= x), P(X >= x)
  double mean_le, mean_ge;  // E[X | X <= x], E[X | X >= x] (NaN when the tail is empty)
};

template <class F>
Moments moments(const F& family, double phi, long x) {
  const double theta = std::exp(phi);
  const long m = family.mode(theta);
  double s0 = 0, s1 = 0, s2 = 0, le0 = 0, le1 = 0, ge0 = 0, ge1 = 0;
  family.walk(theta, m, kSolveCutoff, [&](long i, double w) {
    const double d = static_cast<double>(i - m);
    s0 += w;
    s1 += d * w;
    s2 += d * d * w;
    if (i <= x) {
      le0 += w;
      le1 += d * w;
    }
    if (i >= x) {
      ge0 += w;
      ge1 += d * w;
    }
  });
  Moments out;
  const double mean_offset = s1 / s0;
  out.mean = static_cast<double>(m) + mean_offset;
  out.var = std::max(0.0, s2 / s0 - mean_offset * mean_offset);
  out.p_le = le0 / s0;
  out.p_ge = ge0 / s0;
  out.mean_le = le0 > 0 ? static_cast<double>(m) + le1 / le0 : kNaN;
  out.mean_ge = ge0 > 0 ? static_cast<double>(m) + ge1 / ge0 : kNaN;
  return out;
}

struct Eval {
  double f, df;
};

// Root in phi of an increasing function: safeguarded Newton from phi. A bracket [lo, hi] is kept from the signs
// seen; when Newton's step leaves it, or does not halve |f|, the step bisects (or, with one side still open,
// doubles outwards). Stops when the step or the bracket is below 1e-14 relative: the odds ratio is then known to
// ~1e-14 relative, far beyond R's uniroot (tol = .Machine$double.eps^0.25 on the odds-ratio scale).
template <class Fn>
double solve_increasing(Fn&& eval, double phi) {
  double lo = -kPhiMax, hi = kPhiMax;
  bool lo_known = false, hi_known = false;
  if (!std::isfinite(phi)) phi = 0.0;
  phi = std::max(-kPhiMax, std::min(kPhiMax, phi));
  const double start = phi;
  Eval e = eval(phi);
  double previous_abs_f = kInf;
  for (int iteration = 0; iteration < 400; ++iteration) {
    if (e.f == 0) return phi;
    if (e.f < 0) {
      lo = phi;
      lo_known = true;
    } else {
      hi = phi;
      hi_known = true;
    }
    const double abs_f = std::fabs(e.f);
    double next = kNaN;
    const bool newton_ok = std::isfinite(e.f) && std::isfinite(e.df) && e.df > 0 &&
                           !(lo_known && hi_known && abs_f > 0.5 * previous_abs_f);
    if (newton_ok) next = phi - e.f / e.df;
    if (!(next > lo && next < hi)) {
      if (lo_known && hi_known) {
        next = 0.5 * (lo + hi);
      } else if (lo_known) {
        next = std::min(kPhiMax, phi + std::max(1.0, std::fabs(phi - start)));
      } else {
        next = std::max(-kPhiMax, phi - std::max(1.0, std::fabs(phi - start)));
      }
    }
    const double scale = std::max(1.0, std::fabs(next));
    if (lo_known && hi_known && hi - lo <= 1e-14 * scale) return 0.5 * (lo + hi);
    const bool tiny_step = std::fabs(next - phi) <= 1e-14 * scale;
    if (next == phi) return phi;  // pinned at +-kPhiMax
    previous_abs_f = abs_f;
    phi = next;
    e = eval(phi);
    if (tiny_step) return phi;
  }
  return phi;
}

// Conditional MLE of the odds ratio (R fisher.test's mle(), with an exact root): E_theta[X] = x.
template <class F>
double conditional_mle(const F& family, long x, double phi_start) {
  if (family.lo() == family.hi()) return kNaN;  // not identifiable (R reports 0 here, see stats.h)
  if (x == family.lo()) return 0.0;
  if (x == family.hi()) return kInf;
  const double phi = solve_increasing(
      [&](double p) {
        const Moments mo = moments(family, p, x);
        return Eval{mo.mean - static_cast<double>(x), mo.var};
      },
      phi_start);
  return std::exp(phi);
}

// Upper confidence limit (R ncp.U): P_theta(X <= x) = alpha, solved on log P(X <= x), which decreases in phi
// with slope E[X | X <= x] - E[X].
template <class F>
double ncp_upper(const F& family, long x, double alpha, double phi_start) {
  if (x == family.hi()) return kInf;
  const double log_alpha = std::log(alpha);
  const double phi = solve_increasing(
      [&](double p) {
        const Moments mo = moments(family, p, x);
        if (!(mo.p_le > 0)) return Eval{kInf, 0};
        return Eval{log_alpha - std::log(mo.p_le), mo.mean - mo.mean_le};
      },
      phi_start);
  return std::exp(phi);
}

// Lower confidence limit (R ncp.L): P_theta(X >= x) = alpha.
template <class F>
double ncp_lower(const F& family, long x, double alpha, double phi_start) {
  if (x == family.lo()) return 0.0;
  const double log_alpha = std::log(alpha);
  const double phi = solve_increasing(
      [&](double p) {
        const Moments mo = moments(family, p, x);
        if (!(mo.p_ge > 0)) return Eval{-kInf, 0};
        return Eval{std::log(mo.p_ge) - log_alpha, mo.mean_ge - mo.mean};
      },
      phi_start);
  return std::exp(phi);
}

// The interval's limits are solved from phi_center -+ z / sqrt(Fisher information) (Newton then needs few
// steps); phi_center is the log conditional MLE, or a caller's guess when that is infinite.
template <class F>
Interval conditional_interval(const F& family, long x, Alternative alternative, double conf_level,
                              double phi_center) {
  const double info = moments(family, phi_center, x).var;
  const double se = info > 0 ? 1.0 / std::sqrt(info) : 1.0;
  auto z_of = [](double alpha) { return std::sqrt(2.0) * boost::math::erfc_inv(2.0 * alpha); };
  switch (alternative) {
    case Alternative::Less: {
      const double alpha = 1.0 - conf_level;
      return {0.0, ncp_upper(family, x, alpha, phi_center + z_of(alpha) * se)};
    }
    case Alternative::Greater: {
      const double alpha = 1.0 - conf_level;
      return {ncp_lower(family, x, alpha, phi_center - z_of(alpha) * se), kInf};
    }
    case Alternative::TwoSided:
    default: {
      const double alpha = (1.0 - conf_level) / 2.0;  // as R
      const double z = z_of(alpha);
      return {ncp_lower(family, x, alpha, phi_center - z * se), ncp_upper(family, x, alpha, phi_center + z * se)};
    }
  }
}

// Log of the conditional MLE when finite, else the given fallback (a guess for starting the interval's solver).
inline double log_or_fallback(double odds_ratio, double fallback) {
  return (odds_ratio > 0 && std::isfinite(odds_ratio)) ? std::log(odds_ratio) : fallback;
}

// Null (theta = 1) p-value of the family at x, as R: less P(X <= x), greater P(X >= x), two-sided the sum of the
// probabilities <= P(X = x) * (1 + 1e-7). One walk from the mode, in long double so that p-values far below the
// double range's 1e-308 floor keep full relative precision (R's phyper does); it stops 40 orders of magnitude
// below both the mode and P(x).
template <class F>
double null_p_value(const F& family, long x, Alternative alternative) {
  const long m = family.mode(1.0);
  ld w_x = 1.0L;
  if (x < m) {
    for (long i = m - 1; i >= x; --i) w_x *= static_cast<ld>(family.inverse_ratio(i));
  } else {
    for (long i = m + 1; i <= x; ++i) w_x *= static_cast<ld>(family.ratio(i - 1));
  }
  const ld cutoff = std::min<ld>(1.0L, w_x) * 1e-40L;
  const ld threshold = w_x * static_cast<ld>(kRelErr);
  ld total = 1.0L, le = m <= x ? 1.0L : 0.0L, ge = m >= x ? 1.0L : 0.0L, two = 1.0L <= threshold ? 1.0L : 0.0L;
  auto visit = [&](long i, ld w) {
    total += w;
    if (i <= x) le += w;
    if (i >= x) ge += w;
    if (w <= threshold) two += w;
  };
  ld w = 1.0L;
  for (long i = m - 1; i >= family.lo(); --i) {
    w *= static_cast<ld>(family.inverse_ratio(i));
    if (!(w >= cutoff)) break;
    visit(i, w);
  }
  w = 1.0L;
  for (long i = m + 1; i <= family.hi(); ++i) {
    w *= static_cast<ld>(family.ratio(i - 1));
    if (!(w >= cutoff)) break;
    visit(i, w);
  }
  ld p = alternative == Alternative::Less ? le : alternative == Alternative::Greater ? ge : two;
  p /= total;
  return static_cast<double>(std::min<ld>(1.0L, std::max<ld>(0.0L, p)));
}

}  // namespace stats_detail
}  // namespace pathcorr
