// Exact statistics of pathcorr (SPEC "associations.tsv"): Fisher's exact test of a 2x2 table with the
// conditional maximum-likelihood odds ratio and its exact conditional confidence interval (as R fisher.test),
// the Freeman-Halton exact test of an r x c table (R fisher.test for r x c, without workspace limits), an exact
// trend test across ordered response categories, p-value adjustment (as R p.adjust), Clopper-Pearson intervals
// (as R binom.test) and the exact Mantel-Haenszel test of a common odds ratio (as R mantelhaen.test(exact=TRUE)).
// Pure functions, no I/O. Probabilities are computed in long double and log space; never build with -ffast-math.
#pragma once
#include <array>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace pathcorr {

enum class Alternative { TwoSided, Less, Greater };

std::string to_string(Alternative alternative);  // "two-sided", "less", "greater"

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

// Freeman-Halton exact test of an r x c table: the sum of the probabilities (given all margins) of the tables no
// more likely than the observed one. Tolerance as R: an input 2x2 table uses fisher.test's 2x2 rule (relative
// 1e-7), any other shape FEXACT's (log-probability within 3.45254e-7). Rows and columns that sum to 0 are dropped;
// fewer than 2 non-empty rows or columns give 1. Exact for any size (network algorithm, see stats.cpp); no
// workspace limit. Rows must all have the same length and cells must be >= 0 (InputError otherwise).
double fisher_exact_rxc(const std::vector<std::vector<long>>& table);

enum class AdjustMethod { BH, BY, Holm, Bonferroni, None };

std::string to_string(AdjustMethod method);  // "bh", "by", "holm", "bonferroni", "none"

// Exactly R p.adjust(p, method): NaN entries stay NaN and are not counted in n (R: n = number of non-NA).
std::vector<double> p_adjust(const std::vector<double>& p, AdjustMethod method);

struct Interval {
  double low, high;
};
// Two-sided Clopper-Pearson interval, as binom.test(k, n, conf.level=)$conf.int; n = 0 gives NaN, NaN.
// 0 <= k <= n required (InputError otherwise); conf_level in (0, 1) (UsageError otherwise).
Interval clopper_pearson(long k, long n, double conf_level = 0.95);

// Exact conditional test for trend in a 2 x k table (exact Cochran-Armitage / linear-by-linear association test,
// both margins fixed). Statistic T = sum_j scores[j] * row_altered[j]; under independence the altered row is
// multivariate hypergeometric given the margins, E[T] = n_altered / N * sum_j scores[j] * column_total[j].
// Two-sided p = P(|T - E[T]| >= |t_obs - E[T]|), with ties judged at relative tolerance 1e-7
// (|T - E| >= |t_obs - E| - 1e-7 * (|t_obs - E| + max|score|)). Empty columns are ignored; a table with fewer than
// two non-empty columns or an empty row gives 1. scores empty -> 0, 1, ..., k-1. Vectors of unequal length,
// negative counts or non-finite scores throw InputError.
double exact_trend_2xk(const std::vector<long>& row_altered, const std::vector<long>& row_wildtype,
                       const std::vector<double>& scores = {});

// exact_trend_2xk for many tables that share their column totals and scores (a feature loop: every feature sees
// the cohort's best-response counts), from the null distribution of T computed once for every row total (a DP
// over the columns of prod_j sum_x C(c_j, x) u^x z^(w_j x)). p_value(altered) equals exact_trend_2xk(altered,
// col_totals - altered, scores) with the same tie rule. make() returns nullptr when the scores are not integers
// or the table of (row total, T) would exceed `max_cells`; use exact_trend_2xk then.
class TrendNull {
 public:
  static std::unique_ptr<TrendNull> make(const std::vector<long>& col_totals, const std::vector<double>& scores,
                                         std::size_t max_cells = 4000000);
  double p_value(const std::vector<long>& altered) const;  // altered[j] <= col_totals[j] (InputError otherwise)

 private:
  TrendNull() = default;
  std::vector<long> cols_;         // column totals as given
  std::vector<long> w_;            // integer scores as given
  long n_ = 0, w_min_ = 0, span_ = 0;  // N; min score over non-empty columns; max of sum (w - w_min) x
  long max_abs_w_ = 0;             // over non-empty columns
  long non_empty_ = 0;             // number of non-empty columns
  std::vector<long double> g_;     // g_[s * (span_ + 1) + t]: sum of prod C(c_j, x_j) over sum x = s, T' = t
};

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
