// The Clopper-Pearson interval of a binomial proportion, as R binom.test. Pure.
#pragma once
#include "pipeline/stats/alternative.h"

namespace pathcorr {

// Two-sided Clopper-Pearson interval, as binom.test(k, n, conf.level=)$conf.int; n = 0 gives NaN, NaN.
// 0 <= k <= n required (InputError otherwise); conf_level in (0, 1) (UsageError otherwise).
Interval clopper_pearson(long k, long n, double conf_level = 0.95);

}  // namespace pathcorr
