// The Clopper-Pearson interval as R binom.test (binomial_interval.h), from Boost.Math's inverse incomplete beta.
#include "pipeline/stats/binomial_interval.h"

#include <string>

#include <boost/math/special_functions/beta.hpp>

#include "pipeline/base/errors.h"
#include "pipeline/stats/numeric.h"

namespace pathcorr {

using namespace stats_detail;

Interval clopper_pearson(long k, long n, double conf_level) {
  check_conf_level(conf_level, "clopper_pearson");
  if (n < 0 || k < 0 || k > n) {
    throw InputError("clopper_pearson: need 0 <= successes <= trials, got " + std::to_string(k) + " of " +
                     std::to_string(n));
  }
  if (n == 0) return {kNaN, kNaN};
  const double alpha = (1.0 - conf_level) / 2.0;
  const double kd = static_cast<double>(k), nd = static_cast<double>(n);
  // binom.test: p.L = qbeta(alpha, x, n - x + 1), p.U = qbeta(1 - alpha, x + 1, n - x)
  const double low = k == 0 ? 0.0 : boost::math::ibeta_inv(kd, nd - kd + 1.0, alpha);
  const double high = k == n ? 1.0 : boost::math::ibetac_inv(kd + 1.0, nd - kd, alpha);
  return {low, high};
}

}  // namespace pathcorr
