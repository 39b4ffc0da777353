// The exact conditional test of a common odds ratio across 2x2 strata, as R mantelhaen.test(exact = TRUE). Pure.
#pragma once
#include <array>
#include <vector>

#include "pipeline/stats/alternative.h"

namespace pathcorr {

// Exact conditional test of a common odds ratio = 1 across 2x2 strata, as R mantelhaen.test(x, exact = TRUE,
// alternative=, conf.level=): p_value (two-sided with the 1e-7 relative tolerance rule), odds_ratio (conditional
// MLE of the common odds ratio; NaN when only one value of sum(a) is possible, as in fisher_exact_2x2), its exact
// conditional interval, and mh_estimate, the classical Mantel-Haenszel estimate sum(a*d/n) / sum(b*c/n) (R's
// estimate with exact = FALSE; Inf or NaN when the denominator is 0).
// Each stratum is {a, b, c, d} as in fisher_exact_2x2. As R, every stratum needs at least 2 patients
// (InputError otherwise); an empty list is an InputError too.
struct MantelHaenszel {
  double p_value, odds_ratio, ci_low, ci_high, mh_estimate;
};
MantelHaenszel mantel_haenszel_exact(const std::vector<std::array<long, 4>>& strata,
                                     Alternative alternative = Alternative::TwoSided, double conf_level = 0.95);

}  // namespace pathcorr
