// Survival statistics of pathcorr (issue 3 item 9): the Kaplan-Meier median with its confidence interval, the
// two-group log-rank test and the Cox proportional-hazards hazard ratio of altered vs wild-type patients, each
// defined as (and tested against) R's survival package 3.5: summary(survfit(...))$table, survdiff(...) and
// coxph(..., ties = "efron"). Pure functions, no I/O.
//
// Common to all three, as R (timefix = TRUE): times closer than sqrt(machine epsilon), absolutely or relative to
// the mean of the distinct times, are treated as tied (survival::aeqSurv), over the patients the function is
// given (R's survfit(~ group) applies it over both groups at once; the two differ only for times within ~1e-8
// of each other across groups). A censoring at the time of an event counts the patient as still at risk then.
// Input checks: time finite and >= 0, event 0 or 1 (InputError naming the offending index otherwise);
// conf_level strictly between 0 and 1 (UsageError otherwise).
#pragma once
#include <string>
#include <vector>

namespace pathcorr {

struct SurvivalSample {
  double time;  // follow-up time, >= 0 (any unit; results are in the same unit)
  int event;    // 1 = event (death / progression), 0 = censored
};

// The pointwise confidence limits of a Kaplan-Meier curve, as survfit's conf.type (survival:::survfit_confint),
// with se the Greenwood standard error of log S(t) and z = qnorm(1 - (1 - conf_level) / 2):
//  - Log (R's default): exp(log S -+ z se), the upper limit capped at 1; both undefined (NA) where S(t) = 0.
//  - LogLog: exp(-exp(log(-log S) -+ z se / log S)); both undefined where S(t) is 0 or 1.
//  - Plain: S -+ z se S, clipped to [0, 1] (symmetric intervals, Klein & Moeschberger 4.3.1); undefined where
//    S(t) = 0 (R's std.err is Inf there).
enum class KmConfType { Log, LogLog, Plain };
std::string to_string(KmConfType type);                  // "log", "log-log", "plain"

// Kaplan-Meier median survival and its confidence interval, exactly as the columns median, 0.95LCL, 0.95UCL of
// summary(survfit(Surv(time, event) ~ 1, conf.type = "log", conf.int = conf_level))$table (conf_type as above):
//  - S(t) is the product-limit estimate over all distinct times, std.err of log S(t) by Greenwood's formula,
//    pointwise limits of conf_type.
//  - The median of a curve (survival:::survmean's rule) is the first time at which the curve is < 0.5 + 1.49e-8
//    (sqrt(machine epsilon)); if the curve is 0.5 there (within that tolerance) and falls below that value later,
//    it is the midpoint between that time and the first time at which the curve is lower. NaN (R: NA) when the
//    curve never gets there.
//  - median_ci_low / median_ci_high are that rule applied to the lower / upper pointwise limit curves.
// An empty sample gives n = 0, events = 0 and NaN.
struct KaplanMeier {
  long n = 0, events = 0;
  double median, median_ci_low, median_ci_high;  // NaN where R prints NA
};
KaplanMeier kaplan_meier(const std::vector<SurvivalSample>& s, double conf_level = 0.95,
                         KmConfType conf_type = KmConfType::Log);

// Log-rank test of altered vs wild type, as survdiff(Surv(time, event) ~ group) with rho = 0:
// chisq = (O - E)^2 / V for the altered group (hypergeometric variance, the usual d (n - d) / (n - 1) factor),
// p_value = pchisq(chisq, 1, lower.tail = FALSE). observed_altered / expected_altered are R's obs and exp of the
// altered group (both are filled in whenever there are patients).
// chisq and p_value are NaN when the test is not defined: a group is empty, there is no event, or a group has an
// expected count of 0 (all its patients leave before the first event). In the last two cases R reports
// chisq = 0 on -1 or 0 degrees of freedom with p = NaN or 1; NaN here says "not testable" in both.
struct LogRank {
  double chisq, p_value;
  double observed_altered, expected_altered;
};
LogRank log_rank(const std::vector<SurvivalSample>& altered, const std::vector<SurvivalSample>& wildtype);

// Hazard ratio of altered (covariate 1) vs wild type (0) from a Cox proportional-hazards model with Efron's
// handling of ties, as coxph(Surv(time, event) ~ altered): hazard_ratio = exp(coef), the Wald interval
// exp(coef +- z * se(coef)) (R's exp(confint(fit))), p_wald = 2 * pnorm(-|coef / se(coef)|) (the Pr(>|z|) of
// summary(fit)). se(coef) is the inverse observed information at the estimate.
// The partial likelihood is maximised by Newton-Raphson with step halving until the step in coef is below
// 1e-13 (R stops when the log-likelihood changes by less than 1e-9 relative; the two agree to ~1e-9).
// All four values are NaN when the hazard ratio is not estimable: a group is empty, there is no event, or the
// maximum is at coef = +-Inf (monotone likelihood: e.g. all events in one group, or every event of one group
// happens while nobody of the other group is still at risk). R then warns "Loglik converged before variable 1;
// coefficient may be infinite" and prints a large finite coef with a meaningless interval and p-value.
struct CoxHR {
  double hazard_ratio, ci_low, ci_high, p_wald;
};
CoxHR cox_hazard_ratio(const std::vector<SurvivalSample>& altered, const std::vector<SurvivalSample>& wildtype,
                       double conf_level = 0.95);

}  // namespace pathcorr
