// Exact unconditional power and sample size of Fisher's exact test (issue 14 item 3; `pathcorr power` and the
// min_detectable_or column of associations.tsv). Pure functions, no I/O, no simulation.
//
// Two independent binomial groups: n_altered patients respond with probability p1, n_wildtype with p0; the odds
// ratio is OR = p1 (1 - p0) / (p0 (1 - p1)). The power of Fisher's test at level alpha is
//   sum over every table (a altered responders, c wild-type responders) that the test rejects
//   of dbinom(a, n_altered, p1) * dbinom(c, n_wildtype, p0),
// a table being rejected when fisher_2x2_p_value (R's fisher.test p-value, same alternative) is <= alpha. Given
// the total number of responders k, the rejected a form a lower and/or an upper tail of the conditional support
// (the p-value only grows towards the conditional mode), so the region is stored as two boundaries per k and
// depends only on (n_altered, n_wildtype, alpha, alternative): built once, it serves every (p0, OR).
#pragma once
#include <array>
#include <vector>

#include "pipeline/stats/alternative.h"

namespace pathcorr {

// p1 of the odds ratio: OR p0 / (1 - p0 + OR p0); OR = Inf gives 1 when p0 > 0 (0 when p0 = 0).
double response_rate_for_odds_ratio(double p0, double odds_ratio);

class FisherRejectionRegion {
 public:
  // n_altered, n_wildtype >= 0 (InputError otherwise); 0 < alpha < 1 (UsageError otherwise).
  FisherRejectionRegion(long n_altered, long n_wildtype, double alpha, Alternative alternative);
  // Exact power for response rates p1 (altered) and p0 (wild type), each in [0, 1] (InputError otherwise).
  double power(double p1, double p0) const;
  long n_altered() const { return n1_; }
  long n_wildtype() const { return n0_; }
  Alternative alternative() const { return alternative_; }

 private:
  friend double min_detectable_odds_ratio(const FisherRejectionRegion& region, double p0, double target_power);
  long n1_, n0_;
  Alternative alternative_;
  std::vector<long double> lf_;  // log factorials up to max(n_altered, n_wildtype)
  // For k = a + c responders: a <= lower_[k] and a >= upper_[k] are rejected (lower_ = lo - 1 / upper_ = hi + 1
  // when that tail is empty, lo..hi the support of a given k).
  std::vector<long> lower_, upper_;
  // The same region as runs of c for each a (a, first c, last c), for min_detectable_odds_ratio's search.
  std::vector<std::array<long, 3>> runs_;
};

// fisher_power for one configuration: FisherRejectionRegion(n1, n0, alpha, alt).power(p1 of OR, p0).
double fisher_power(long n_altered, long n_wildtype, double p0, double odds_ratio, double alpha = 0.05,
                    Alternative alternative = Alternative::TwoSided);

// The smallest odds ratio > 1 whose power reaches `target_power` at the region's group sizes and wild-type
// response rate p0; +Inf when none does (power at OR = Inf, i.e. p1 = 1, is below the target; also always for
// p0 = 0 or 1, where OR cannot move p1). For a region of Alternative::Less, whose test looks for odds ratios
// below 1, the mirror image: the largest odds ratio < 1 with that power, 0 when none has it. Power is not guaranteed monotone in OR, so the first crossing is
// bracketed on the grid OR = 1.25^i (i = 1, 2, ..., up to 1e12) and refined by bisection on log(OR) to 1e-12
// relative: the reported OR has power >= target and OR (1 - 1e-12) does not (between grid points, the first
// crossing).
double min_detectable_odds_ratio(const FisherRejectionRegion& region, double p0, double target_power = 0.8);

// Sample size for a prevalence F of altered patients: for n = 2, 3, ..., max_n, n_altered = floor(F n + 0.5)
// and n_wildtype = n - n_altered (sizes with an empty group are skipped). Exact power is saw-toothed in n (it
// can fall when n grows by one, as the discrete rejection region changes), so the reported n is the SMALLEST n
// with power >= target; a larger n may have less power. found = false when no n <= max_n reaches the target.
struct SampleSize {
  bool found = false;
  long n_total = 0, n_altered = 0, n_wildtype = 0;
  double power = 0;
};
SampleSize fisher_sample_size(double prevalence, double p0, double odds_ratio, double target_power, double alpha,
                              Alternative alternative, long max_n);

}  // namespace pathcorr
