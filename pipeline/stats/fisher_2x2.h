// Fisher's exact test of a 2x2 table with the conditional maximum-likelihood odds ratio and its exact conditional
// confidence interval, as R fisher.test. Pure functions, no I/O.
#pragma once
#include "pipeline/stats/alternative.h"

namespace pathcorr {

// Fisher's exact test of the 2x2 table [[a, b], [c, d]]: rows altered / wild-type, columns responder /
// non-responder. Same definitions as R fisher.test(matrix(c(a, c, b, d), 2), alternative=, conf.level=):
//  - p_value: less = P(X <= a), greater = P(X >= a), two-sided = sum of the probabilities of the tables no more
//    likely than the observed one (relative tolerance 1e-7), X the (1,1) cell given all margins.
//  - odds_ratio: conditional maximum-likelihood estimate; 0 when a is at its lower bound, Inf at its upper bound.
//  - ci_low, ci_high: exact conditional interval for that alternative ([0, x] for less, [x, Inf] for greater).
// One deliberate difference from R: when a margin is zero (a single possible table) R reports odds ratio 0,
// an artefact of its code order; the odds ratio is then not identifiable and is returned as NaN (written NA,
// SPEC "NA where undefined"), with degenerate = true. p_value (1) and the interval [0, Inf] are R's.
// The odds ratio and the limits are solved (safeguarded Newton on log(odds ratio)) to ~1e-13 relative. R's
// uniroot stops at tol = 1.2e-4 on the ncp or 1/ncp scale, so R's printed values differ from these by up to
// ~1.2e-4 * max(x, 1/x) relative (e.g. 274.8 vs 275.3); the same equations solved precisely in R agree to 1e-12.
struct Fisher2x2 {
  double p_value;
  double odds_ratio;
  double ci_low, ci_high;
  bool degenerate;  // a zero margin: every statistic is trivial
};
// Negative cells throw InputError; conf_level must lie in (0, 1) (UsageError otherwise).
Fisher2x2 fisher_exact_2x2(long a, long b, long c, long d, Alternative alternative = Alternative::TwoSided,
                           double conf_level = 0.95);


// The p_value of fisher_exact_2x2 alone (no odds ratio or interval: the cheap part, for loops over many tables).
double fisher_2x2_p_value(long a, long b, long c, long d, Alternative alternative = Alternative::TwoSided);

}  // namespace pathcorr
