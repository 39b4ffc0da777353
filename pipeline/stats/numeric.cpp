// Log factorials and argument checks shared by the exact tests (numeric.h).
#include "pipeline/stats/numeric.h"

#include <cctype>
#include <cmath>

#include "pipeline/base/errors.h"

namespace pathcorr {
namespace stats_detail {

void check_conf_level(double conf_level, const char* function) {
  if (!(conf_level > 0.0 && conf_level < 1.0)) {
    throw UsageError(std::string(function) + ": confidence level must lie strictly between 0 and 1, got " +
                     std::to_string(conf_level));
  }
}

std::vector<ld> log_factorials(long n) {
  std::vector<ld> lf(static_cast<size_t>(n) + 1, 0.0L);
  ld sum = 0.0L, compensation = 0.0L;
  for (long i = 2; i <= n; ++i) {
    const ld y = logl(static_cast<ld>(i)) - compensation;
    const ld t = sum + y;
    compensation = (t - sum) - y;
    sum = t;
    lf[static_cast<size_t>(i)] = sum;
  }
  return lf;
}

}  // namespace stats_detail
}  // namespace pathcorr
