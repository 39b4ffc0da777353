// Internal to pipeline/stats: the long double type, the named tolerances shared by the exact tests, log
// factorials and argument checks. Not for other stages (they include the per-algorithm headers).
#pragma once
#include <limits>
#include <string>
#include <vector>

namespace pathcorr {
namespace stats_detail {

using ld = long double;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// R fisher.test (2x2) and mantelhaen.test(exact = TRUE): d <= d_obs * (1 + 10^-7).
constexpr double kRelErr = 1.0 + 1e-7;
// R FEXACT (r x c): log path length <= observed + 3.45254e-7.
constexpr ld kFexactLogTol = 3.45254e-7L;
// Bound of |log(odds ratio)| searched (ratio * theta must stay finite in double); real roots are within
// |log(odds ratio)| < ~4 log(N), and a root beyond would be reported as e^600, i.e. effectively infinite.
constexpr double kPhiMax = 600.0;
// Weights below this fraction of the mode's are dropped while solving for the odds ratio and its interval: the
// sums then carry a relative error below 1e-36, and the tails that matter there are >= (1 - conf.level) / 2.
constexpr double kSolveCutoff = 1e-40;
// In the network algorithms a subtree whose total probability is below this fraction of the observed table's
// probability (a lower bound of the p-value) is dropped; the dropped mass is summed and, should it ever exceed
// 1e-12 of the p-value, the computation is redone without this pruning, so the result stays exact to ~1e-12.
constexpr ld kNegligibleMass = 1e-20L;

// Throws UsageError naming `function` unless 0 < conf_level < 1.
void check_conf_level(double conf_level, const char* function);

// log(i!) for i = 0..n, by a Kahan-compensated running sum of logl(i): absolute error ~1e-19 * log(n!).
std::vector<ld> log_factorials(long n);

}  // namespace stats_detail
}  // namespace pathcorr
