// Survival statistics of pathcorr: Kaplan-Meier median and its interval, log-rank test, Cox (Efron) hazard ratio.
// See survival.h for the definitions (all follow R's survival package); this file owns the numerical methods.
// Sums run in long double; the Cox partial likelihood of a single binary covariate is evaluated on the
// per-time counts (at risk and events in each group), so each Newton step costs O(number of distinct times).
#include "pipeline/stats/survival.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <limits>
#include <string>
#include <utility>

#include <boost/math/special_functions/erf.hpp>

#include "pipeline/base/errors.h"
#include "pipeline/stats/alternative.h"
#include "pipeline/stats/numeric.h"

namespace pathcorr {
namespace {

using ld = long double;

const double kNaN = std::numeric_limits<double>::quiet_NaN();
// R: sqrt(.Machine$double.eps), the tolerance of aeqSurv (tied times) and of survmean's median rule.
const double kTolerance = std::sqrt(DBL_EPSILON);

using stats_detail::check_conf_level;

void check_samples(const std::vector<SurvivalSample>& s, const char* function, const char* group) {
  for (size_t i = 0; i < s.size(); ++i) {
    const SurvivalSample& x = s[i];
    std::string where = std::string(function) + ": " + group + " patient " + std::to_string(i + 1) + ": ";
    if (!std::isfinite(x.time) || x.time < 0.0) {
      throw InputError(where + "survival time " + std::to_string(x.time) +
                       " is not a finite number >= 0; fix the time column of the clinical table");
    }
    if (x.event != 0 && x.event != 1) {
      throw InputError(where + "event indicator " + std::to_string(x.event) +
                       " must be 1 (event) or 0 (censored); fix the event column of the clinical table");
    }
  }
}

// Two-sided standard normal quantile: P(|Z| > z) = 1 - conf_level (R: qnorm(1 - (1 - conf.int) / 2)).
double normal_z(double conf_level) { return std::sqrt(2.0) * boost::math::erfc_inv(1.0 - conf_level); }

// Upper tail of the chi-square distribution with 1 degree of freedom (R: pchisq(x, 1, lower.tail = FALSE)).
double chisq1_upper(double x) { return std::erfc(std::sqrt(x / 2.0)); }

// survival::aeqSurv: distinct times closer than the tolerance (absolutely, or relative to the mean of the
// distinct times) are merged into the smallest one of their chain; returns the time to use for each input time.
std::vector<double> tie_corrected_times(const std::vector<double>& times) {
  std::vector<double> y(times);
  std::sort(y.begin(), y.end());
  y.erase(std::unique(y.begin(), y.end()), y.end());
  if (y.size() < 2) return times;
  ld sum = 0.0L;
  for (double v : y) sum += std::fabs(v);
  const double mean_abs = static_cast<double>(sum / static_cast<ld>(y.size()));
  std::vector<double> cuts{y[0]};
  bool any_tied = false;
  for (size_t i = 1; i < y.size(); ++i) {
    double dy = y[i] - y[i - 1];
    bool tied = dy <= kTolerance || dy / mean_abs <= kTolerance;
    any_tied = any_tied || tied;
    if (!tied) cuts.push_back(y[i]);
  }
  if (!any_tied) return times;
  std::vector<double> out(times.size());
  for (size_t i = 0; i < times.size(); ++i) {
    // The largest cut <= time (R: cuts[findInterval(time, cuts)]); times[i] >= cuts[0] always.
    auto it = std::upper_bound(cuts.begin(), cuts.end(), times[i]);
    out[i] = *(it - 1);
  }
  return out;
}

// Per distinct time (ascending): how many of each group leave the risk set then and how many of them had the event.
struct TimePoint {
  double time;
  long leaving[2] = {0, 0};
  long events[2] = {0, 0};
};

// Pools the two groups (group 0 and group 1; either may be empty), applies the tie correction over all of them
// and tabulates per distinct time.
std::vector<TimePoint> tabulate(const std::vector<SurvivalSample>& group0, const std::vector<SurvivalSample>& group1) {
  std::vector<double> times;
  times.reserve(group0.size() + group1.size());
  for (const auto& x : group0) times.push_back(x.time);
  for (const auto& x : group1) times.push_back(x.time);
  times = tie_corrected_times(times);
  std::vector<std::pair<double, std::pair<int, int>>> rows;  // time, (group, event)
  rows.reserve(times.size());
  for (size_t i = 0; i < times.size(); ++i) {
    bool first = i < group0.size();
    const SurvivalSample& x = first ? group0[i] : group1[i - group0.size()];
    rows.push_back({times[i], {first ? 0 : 1, x.event}});
  }
  std::sort(rows.begin(), rows.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<TimePoint> points;
  for (const auto& row : rows) {
    if (points.empty() || points.back().time != row.first) {
      points.push_back(TimePoint{});
      points.back().time = row.first;
    }
    TimePoint& p = points.back();
    ++p.leaving[row.second.first];
    if (row.second.second == 1) ++p.events[row.second.first];
  }
  return points;
}

// survival:::survmean's median rule (its inner function minmin) on a curve given at `time`; NaN entries of the
// curve (R: NA, where S(t) = 0 for the "log" limits) are skipped.
double survmean_median(const std::vector<double>& curve, const std::vector<double>& time) {
  std::vector<size_t> keep;
  for (size_t i = 0; i < curve.size(); ++i) {
    if (!std::isnan(curve[i]) && curve[i] < 0.5 + kTolerance) keep.push_back(i);
  }
  if (keep.empty()) return kNaN;
  double first = curve[keep[0]];
  if (std::fabs(first - 0.5) < kTolerance) {
    // S(t) = 0.5 over a flat stretch: midpoint between its start and the first time the curve is lower.
    for (size_t j = 1; j < keep.size(); ++j) {
      if (curve[keep[j]] < first) return (time[keep[0]] + time[keep[j]]) / 2.0;
    }
  }
  return time[keep[0]];
}

// Efron partial log-likelihood of one binary covariate, its first derivative and the observed information.
struct CoxTerms {
  ld loglik = 0.0L, score = 0.0L, information = 0.0L;
};

CoxTerms cox_terms(const std::vector<TimePoint>& points, double beta) {
  CoxTerms t;
  const ld r = std::exp(static_cast<ld>(beta));
  ld at_risk0 = 0.0L, at_risk1 = 0.0L;
  for (size_t i = points.size(); i-- > 0;) {  // descending time: the risk set grows
    const TimePoint& p = points[i];
    at_risk0 += p.leaving[0];
    at_risk1 += p.leaving[1];
    const long d = p.events[0] + p.events[1];
    if (d == 0) continue;
    t.loglik += static_cast<ld>(p.events[1]) * beta;
    t.score += p.events[1];
    for (long k = 0; k < d; ++k) {
      // Efron: the k-th of the d tied events sees the risk set minus k/d of the weight of those who die then.
      ld f = static_cast<ld>(k) / static_cast<ld>(d);
      ld w1 = (at_risk1 - f * p.events[1]) * r;
      ld denom = (at_risk0 - f * p.events[0]) + w1;
      ld mean = w1 / denom;
      t.loglik -= std::log(denom);
      t.score -= mean;
      t.information += mean * (1.0L - mean);
    }
  }
  return t;
}

}  // namespace

std::string to_string(KmConfType type) {
  switch (type) {
    case KmConfType::LogLog:
      return "log-log";
    case KmConfType::Plain:
      return "plain";
    case KmConfType::Log:
    default:
      return "log";
  }
}

namespace {

// survival:::survfit_confint at one time point: sv = S(t), se = standard error of log S(t), z the normal quantile.
Interval pointwise_limits(double sv, double se, double z, KmConfType type) {
  switch (type) {
    case KmConfType::Plain: {
      if (sv == 0.0) return {kNaN, kNaN};  // R: std.err is Inf there, Inf * 0 is NaN
      const double se2 = se * sv * z;
      return {std::max(sv - se2, 0.0), std::min(sv + se2, 1.0)};
    }
    case KmConfType::LogLog: {
      if (sv == 0.0 || sv == 1.0) return {kNaN, kNaN};  // R: NA
      const double se2 = z * se / std::log(sv);
      // se2 < 0 (log S < 0): the lower limit takes - se2.
      return {std::exp(-std::exp(std::log(-std::log(sv)) - se2)), std::exp(-std::exp(std::log(-std::log(sv)) + se2))};
    }
    case KmConfType::Log:
    default: {
      if (sv == 0.0) return {kNaN, kNaN};  // R: log(0) limits are NA
      const double se2 = z * se;
      return {std::exp(std::log(sv) - se2), std::min(std::exp(std::log(sv) + se2), 1.0)};
    }
  }
}

}  // namespace

KaplanMeier kaplan_meier(const std::vector<SurvivalSample>& s, double conf_level, KmConfType conf_type) {
  check_conf_level(conf_level, "kaplan_meier");
  check_samples(s, "kaplan_meier", "survival");
  KaplanMeier km;
  km.n = static_cast<long>(s.size());
  km.median = km.median_ci_low = km.median_ci_high = kNaN;
  for (const auto& x : s) km.events += x.event;
  if (s.empty()) return km;

  const std::vector<TimePoint> points = tabulate(s, {});
  const double z = normal_z(conf_level);
  std::vector<double> time, surv, lower, upper;
  long at_risk = km.n;
  ld survival = 1.0L, greenwood = 0.0L;
  for (const TimePoint& p : points) {
    const long d = p.events[0];
    if (d > 0) {
      survival *= static_cast<ld>(at_risk - d) / static_cast<ld>(at_risk);
      // Greenwood's variance of log S(t); the term is skipped when everybody at risk dies (S = 0 from then on).
      if (at_risk > d) greenwood += static_cast<ld>(d) / (static_cast<ld>(at_risk) * (at_risk - d));
    }
    const double sv = static_cast<double>(survival);
    const Interval limits = pointwise_limits(sv, std::sqrt(static_cast<double>(greenwood)), z, conf_type);
    time.push_back(p.time);
    surv.push_back(sv);
    lower.push_back(limits.low);
    upper.push_back(limits.high);
    at_risk -= p.leaving[0];
  }
  km.median = survmean_median(surv, time);
  km.median_ci_low = survmean_median(lower, time);
  km.median_ci_high = survmean_median(upper, time);
  return km;
}

LogRank log_rank(const std::vector<SurvivalSample>& altered, const std::vector<SurvivalSample>& wildtype) {
  check_samples(altered, "log_rank", "altered");
  check_samples(wildtype, "log_rank", "wild-type");
  LogRank lr{kNaN, kNaN, 0.0, 0.0};
  const std::vector<TimePoint> points = tabulate(wildtype, altered);  // group 1 = altered
  ld observed = 0.0L, expected = 0.0L, expected_wt = 0.0L, variance = 0.0L;
  long at_risk1 = static_cast<long>(altered.size());
  long at_risk = at_risk1 + static_cast<long>(wildtype.size());
  for (const TimePoint& p : points) {
    const long d = p.events[0] + p.events[1];
    if (d > 0) {
      const ld n = at_risk, n1 = at_risk1;
      observed += p.events[1];
      expected += d * n1 / n;
      expected_wt += d * (n - n1) / n;
      if (at_risk > 1) variance += d * (n - d) / (n * (n - 1)) * n1 * (n - n1) / n;
    }
    at_risk -= p.leaving[0] + p.leaving[1];
    at_risk1 -= p.leaving[1];
  }
  lr.observed_altered = static_cast<double>(observed);
  lr.expected_altered = static_cast<double>(expected);
  // R's degrees of freedom are the groups with expected > 0, minus 1; below 1 the test is not defined.
  if (altered.empty() || wildtype.empty() || !(expected > 0.0L) || !(expected_wt > 0.0L) || !(variance > 0.0L)) {
    return lr;
  }
  const ld diff = observed - expected;
  lr.chisq = static_cast<double>(diff * diff / variance);
  lr.p_value = chisq1_upper(lr.chisq);
  return lr;
}

CoxHR cox_hazard_ratio(const std::vector<SurvivalSample>& altered, const std::vector<SurvivalSample>& wildtype,
                       double conf_level) {
  check_conf_level(conf_level, "cox_hazard_ratio");
  check_samples(altered, "cox_hazard_ratio", "altered");
  check_samples(wildtype, "cox_hazard_ratio", "wild-type");
  CoxHR hr{kNaN, kNaN, kNaN, kNaN};
  if (altered.empty() || wildtype.empty()) return hr;
  const std::vector<TimePoint> points = tabulate(wildtype, altered);  // group 1 = altered

  // The maximum is finite iff the score is > 0 at coef = -Inf and < 0 at +Inf: some wild-type event happens while
  // an altered patient is at risk, and some altered event while a wild-type patient is at risk.
  bool wt_event_vs_altered = false, altered_event_vs_wt = false;
  long at_risk0 = static_cast<long>(wildtype.size()), at_risk1 = static_cast<long>(altered.size());
  for (const TimePoint& p : points) {
    if (p.events[0] > 0 && at_risk1 > 0) wt_event_vs_altered = true;
    if (p.events[1] > 0 && at_risk0 > 0) altered_event_vs_wt = true;
    at_risk0 -= p.leaving[0];
    at_risk1 -= p.leaving[1];
  }
  if (!wt_event_vs_altered || !altered_event_vs_wt) return hr;

  // Newton-Raphson with step halving (as R's coxph), from coef = 0; the log-likelihood is strictly concave here.
  double beta = 0.0;
  CoxTerms at = cox_terms(points, beta);
  bool converged = false;
  for (int iter = 0; iter < 200 && !converged; ++iter) {
    double step = static_cast<double>(at.score / at.information);
    if (std::fabs(step) <= 1e-13 * std::max(1.0, std::fabs(beta))) {
      converged = true;
      break;
    }
    CoxTerms next = cox_terms(points, beta + step);
    for (int halving = 0; halving < 60 && next.loglik < at.loglik - 1e-15L * std::fabs(at.loglik); ++halving) {
      step /= 2.0;
      next = cox_terms(points, beta + step);
    }
    beta += step;
    at = next;
  }
  if (!converged || !(at.information > 0.0L)) return hr;

  const double se = 1.0 / std::sqrt(static_cast<double>(at.information));
  const double z = normal_z(conf_level);
  hr.hazard_ratio = std::exp(beta);
  hr.ci_low = std::exp(beta - z * se);
  hr.ci_high = std::exp(beta + z * se);
  hr.p_wald = std::erfc(std::fabs(beta / se) / std::sqrt(2.0));
  return hr;
}

}  // namespace pathcorr
