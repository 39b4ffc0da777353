// Exact statistics of pathcorr (SPEC "associations.tsv"): Fisher's exact test of a 2x2 table with the
// conditional maximum-likelihood odds ratio and its exact conditional confidence interval (as R fisher.test),
// the Freeman-Halton exact test of an r x c table (R fisher.test for r x c, without workspace limits), an exact
// trend test across ordered response categories, p-value adjustment (as R p.adjust), Clopper-Pearson intervals
// (as R binom.test) and the exact Mantel-Haenszel test of a common odds ratio (as R mantelhaen.test(exact=TRUE)).
// Pure functions, no I/O. Probabilities are computed in long double and log space; never build with -ffast-math.
// This umbrella header includes one header per algorithm; each has a source file of the same name.
#pragma once
#include "pipeline/stats/alternative.h"
#include "pipeline/stats/binomial_interval.h"
#include "pipeline/stats/exact_trend.h"
#include "pipeline/stats/fisher_2x2.h"
#include "pipeline/stats/fisher_power.h"
#include "pipeline/stats/freeman_halton.h"
#include "pipeline/stats/mantel_haenszel.h"
#include "pipeline/stats/p_adjust.h"
