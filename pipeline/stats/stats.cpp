// Exact statistics of pathcorr: Fisher 2x2 (p, conditional MLE odds ratio, exact CI), Freeman-Halton r x c
// (network algorithm), exact trend test, p.adjust, Clopper-Pearson, exact Mantel-Haenszel. See stats.h for the
// definitions; this file owns the numerical methods. All probabilities are long double; log factorials come from
// a compensated running sum of logl (thread-safe, unlike lgammal's signgam).
#include "pipeline/stats/stats.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <numeric>
#include <utility>

#include <boost/math/special_functions/beta.hpp>
#include <boost/math/special_functions/erf.hpp>

#include "pipeline/base/errors.h"

namespace pathcorr {
namespace {

using ld = long double;

const double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();

// R fisher.test (2x2) and mantelhaen.test(exact = TRUE): d <= d_obs * (1 + 10^-7).
const double kRelErr = 1.0 + 1e-7;
// R FEXACT (r x c): log path length <= observed + 3.45254e-7.
const ld kFexactLogTol = 3.45254e-7L;
// Bound of |log(odds ratio)| searched (ratio * theta must stay finite in double); real roots are within
// |log(odds ratio)| < ~4 log(N), and a root beyond would be reported as e^600, i.e. effectively infinite.
const double kPhiMax = 600.0;
// Weights below this fraction of the mode's are dropped while solving for the odds ratio and its interval: the
// sums then carry a relative error below 1e-36, and the tails that matter there are >= (1 - conf.level) / 2.
const double kSolveCutoff = 1e-40;
// In the network algorithms a subtree whose total probability is below this fraction of the observed table's
// probability (a lower bound of the p-value) is dropped; the dropped mass is summed and, should it ever exceed
// 1e-12 of the p-value, the computation is redone without this pruning, so the result stays exact to ~1e-12.
const ld kNegligibleMass = 1e-20L;

void check_conf_level(double conf_level, const char* function) {
  if (!(conf_level > 0.0 && conf_level < 1.0)) {
    throw UsageError(std::string(function) + ": confidence level must lie strictly between 0 and 1, got " +
                     std::to_string(conf_level));
  }
}

// log(i!) for i = 0..n, by a Kahan-compensated running sum of logl(i): absolute error ~1e-19 * log(n!).
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

// ---------------------------------------------------------------------------------------------------------------
// Conditional distributions of the 2x2 (and 2x2xK) problems.
//
// Given all margins, the (1,1) cell X of a 2x2 table follows Fisher's noncentral hypergeometric distribution,
// P_theta(X = i) proportional to w_i theta^i on lo..hi, theta the odds ratio; the sum of the (1,1) cells over
// strata follows the same kind of law with w the convolution of the strata's null laws. Both null laws are
// log-concave, so the ratios r_i = w_{i+1} / w_i decrease in i. We never form w_i themselves: every quantity is a
// walk from the mode of w_i theta^i (weight 1) outwards, multiplying by ratios, until the weights fall below a
// cutoff. This costs O(width of the distribution) rather than O(support) and needs no exp/lgamma per term. The
// walk runs in double: a 2x2 ratio is a quotient of exact integers (one rounding), so after L steps a weight is
// within ~L * 1.1e-16 relative (1e-12 for L = 10^4), far below the 1e-9 agreement we require with R.
template <class Ratio, class InverseRatio>
class Family {
 public:
  Family(long lo, long hi, Ratio ratio, InverseRatio inverse_ratio)
      : lo_(lo), hi_(hi), ratio_(ratio), inverse_ratio_(inverse_ratio) {}
  long lo() const { return lo_; }
  long hi() const { return hi_; }
  double ratio(long i) const { return ratio_(i); }  // r_i, lo <= i < hi
  double inverse_ratio(long i) const { return inverse_ratio_(i); }

  // The mode of w_i theta^i: the first i whose ratio times theta drops below 1 (ratios decrease).
  long mode(double theta) const {
    long a = lo_, b = hi_;
    while (a < b) {
      const long mid = a + (b - a) / 2;
      if (ratio(mid) * theta < 1.0) {
        b = mid;
      } else {
        a = mid + 1;
      }
    }
    return a;
  }

  // Calls visit(i, weight) for the support points whose weight relative to the mode is >= cutoff.
  template <class Visit>
  void walk(double theta, long mode, double cutoff, Visit&& visit) const {
    visit(mode, 1.0);
    const double inverse_theta = 1.0 / theta;
    double w = 1.0;
    for (long i = mode - 1; i >= lo_; --i) {
      w *= inverse_ratio(i) * inverse_theta;
      if (!(w >= cutoff)) break;
      visit(i, w);
    }
    w = 1.0;
    for (long i = mode + 1; i <= hi_; ++i) {
      w *= ratio(i - 1) * theta;
      if (!(w >= cutoff)) break;
      visit(i, w);
    }
  }

 private:
  long lo_, hi_;
  Ratio ratio_;
  InverseRatio inverse_ratio_;
};

template <class Ratio, class InverseRatio>
Family<Ratio, InverseRatio> make_family(long lo, long hi, Ratio ratio, InverseRatio inverse_ratio) {
  return Family<Ratio, InverseRatio>(lo, hi, ratio, inverse_ratio);
}

// Moments of the family at log odds ratio phi, with the tails at x.
struct Moments {
  double mean, var;
  double p_le, p_ge;        // P(X <= x), P(X >= x)
  double mean_le, mean_ge;  // E[X | X <= x], E[X | X >= x] (NaN when the tail is empty)
};

template <class F>
Moments moments(const F& family, double phi, long x) {
  const double theta = std::exp(phi);
  const long m = family.mode(theta);
  double s0 = 0, s1 = 0, s2 = 0, le0 = 0, le1 = 0, ge0 = 0, ge1 = 0;
  family.walk(theta, m, kSolveCutoff, [&](long i, double w) {
    const double d = static_cast<double>(i - m);
    s0 += w;
    s1 += d * w;
    s2 += d * d * w;
    if (i <= x) {
      le0 += w;
      le1 += d * w;
    }
    if (i >= x) {
      ge0 += w;
      ge1 += d * w;
    }
  });
  Moments out;
  const double mean_offset = s1 / s0;
  out.mean = static_cast<double>(m) + mean_offset;
  out.var = std::max(0.0, s2 / s0 - mean_offset * mean_offset);
  out.p_le = le0 / s0;
  out.p_ge = ge0 / s0;
  out.mean_le = le0 > 0 ? static_cast<double>(m) + le1 / le0 : kNaN;
  out.mean_ge = ge0 > 0 ? static_cast<double>(m) + ge1 / ge0 : kNaN;
  return out;
}

struct Eval {
  double f, df;
};

// Root in phi of an increasing function: safeguarded Newton from phi. A bracket [lo, hi] is kept from the signs
// seen; when Newton's step leaves it, or does not halve |f|, the step bisects (or, with one side still open,
// doubles outwards). Stops when the step or the bracket is below 1e-14 relative: the odds ratio is then known to
// ~1e-14 relative, far beyond R's uniroot (tol = .Machine$double.eps^0.25 on the odds-ratio scale).
template <class Fn>
double solve_increasing(Fn&& eval, double phi) {
  double lo = -kPhiMax, hi = kPhiMax;
  bool lo_known = false, hi_known = false;
  if (!std::isfinite(phi)) phi = 0.0;
  phi = std::max(-kPhiMax, std::min(kPhiMax, phi));
  const double start = phi;
  Eval e = eval(phi);
  double previous_abs_f = kInf;
  for (int iteration = 0; iteration < 400; ++iteration) {
    if (e.f == 0) return phi;
    if (e.f < 0) {
      lo = phi;
      lo_known = true;
    } else {
      hi = phi;
      hi_known = true;
    }
    const double abs_f = std::fabs(e.f);
    double next = kNaN;
    const bool newton_ok = std::isfinite(e.f) && std::isfinite(e.df) && e.df > 0 &&
                           !(lo_known && hi_known && abs_f > 0.5 * previous_abs_f);
    if (newton_ok) next = phi - e.f / e.df;
    if (!(next > lo && next < hi)) {
      if (lo_known && hi_known) {
        next = 0.5 * (lo + hi);
      } else if (lo_known) {
        next = std::min(kPhiMax, phi + std::max(1.0, std::fabs(phi - start)));
      } else {
        next = std::max(-kPhiMax, phi - std::max(1.0, std::fabs(phi - start)));
      }
    }
    const double scale = std::max(1.0, std::fabs(next));
    if (lo_known && hi_known && hi - lo <= 1e-14 * scale) return 0.5 * (lo + hi);
    const bool tiny_step = std::fabs(next - phi) <= 1e-14 * scale;
    if (next == phi) return phi;  // pinned at +-kPhiMax
    previous_abs_f = abs_f;
    phi = next;
    e = eval(phi);
    if (tiny_step) return phi;
  }
  return phi;
}

// Conditional MLE of the odds ratio (R fisher.test's mle(), with an exact root): E_theta[X] = x.
template <class F>
double conditional_mle(const F& family, long x, double phi_start) {
  if (family.lo() == family.hi()) return kNaN;  // not identifiable (R reports 0 here, see stats.h)
  if (x == family.lo()) return 0.0;
  if (x == family.hi()) return kInf;
  const double phi = solve_increasing(
      [&](double p) {
        const Moments mo = moments(family, p, x);
        return Eval{mo.mean - static_cast<double>(x), mo.var};
      },
      phi_start);
  return std::exp(phi);
}

// Upper confidence limit (R ncp.U): P_theta(X <= x) = alpha, solved on log P(X <= x), which decreases in phi
// with slope E[X | X <= x] - E[X].
template <class F>
double ncp_upper(const F& family, long x, double alpha, double phi_start) {
  if (x == family.hi()) return kInf;
  const double log_alpha = std::log(alpha);
  const double phi = solve_increasing(
      [&](double p) {
        const Moments mo = moments(family, p, x);
        if (!(mo.p_le > 0)) return Eval{kInf, 0};
        return Eval{log_alpha - std::log(mo.p_le), mo.mean - mo.mean_le};
      },
      phi_start);
  return std::exp(phi);
}

// Lower confidence limit (R ncp.L): P_theta(X >= x) = alpha.
template <class F>
double ncp_lower(const F& family, long x, double alpha, double phi_start) {
  if (x == family.lo()) return 0.0;
  const double log_alpha = std::log(alpha);
  const double phi = solve_increasing(
      [&](double p) {
        const Moments mo = moments(family, p, x);
        if (!(mo.p_ge > 0)) return Eval{-kInf, 0};
        return Eval{std::log(mo.p_ge) - log_alpha, mo.mean_ge - mo.mean};
      },
      phi_start);
  return std::exp(phi);
}

// The interval's limits are solved from phi_center -+ z / sqrt(Fisher information) (Newton then needs few
// steps); phi_center is the log conditional MLE, or a caller's guess when that is infinite.
template <class F>
Interval conditional_interval(const F& family, long x, Alternative alternative, double conf_level,
                              double phi_center) {
  const double info = moments(family, phi_center, x).var;
  const double se = info > 0 ? 1.0 / std::sqrt(info) : 1.0;
  auto z_of = [](double alpha) { return std::sqrt(2.0) * boost::math::erfc_inv(2.0 * alpha); };
  switch (alternative) {
    case Alternative::Less: {
      const double alpha = 1.0 - conf_level;
      return {0.0, ncp_upper(family, x, alpha, phi_center + z_of(alpha) * se)};
    }
    case Alternative::Greater: {
      const double alpha = 1.0 - conf_level;
      return {ncp_lower(family, x, alpha, phi_center - z_of(alpha) * se), kInf};
    }
    case Alternative::TwoSided:
    default: {
      const double alpha = (1.0 - conf_level) / 2.0;  // as R
      const double z = z_of(alpha);
      return {ncp_lower(family, x, alpha, phi_center - z * se), ncp_upper(family, x, alpha, phi_center + z * se)};
    }
  }
}

// Log of the conditional MLE when finite, else the given fallback (a guess for starting the interval's solver).
double log_or_fallback(double odds_ratio, double fallback) {
  return (odds_ratio > 0 && std::isfinite(odds_ratio)) ? std::log(odds_ratio) : fallback;
}

// Null (theta = 1) p-value of the family at x, as R: less P(X <= x), greater P(X >= x), two-sided the sum of the
// probabilities <= P(X = x) * (1 + 1e-7). One walk from the mode, in long double so that p-values far below the
// double range's 1e-308 floor keep full relative precision (R's phyper does); it stops 40 orders of magnitude
// below both the mode and P(x).
template <class F>
double null_p_value(const F& family, long x, Alternative alternative) {
  const long m = family.mode(1.0);
  ld w_x = 1.0L;
  if (x < m) {
    for (long i = m - 1; i >= x; --i) w_x *= static_cast<ld>(family.inverse_ratio(i));
  } else {
    for (long i = m + 1; i <= x; ++i) w_x *= static_cast<ld>(family.ratio(i - 1));
  }
  const ld cutoff = std::min<ld>(1.0L, w_x) * 1e-40L;
  const ld threshold = w_x * static_cast<ld>(kRelErr);
  ld total = 1.0L, le = m <= x ? 1.0L : 0.0L, ge = m >= x ? 1.0L : 0.0L, two = 1.0L <= threshold ? 1.0L : 0.0L;
  auto visit = [&](long i, ld w) {
    total += w;
    if (i <= x) le += w;
    if (i >= x) ge += w;
    if (w <= threshold) two += w;
  };
  ld w = 1.0L;
  for (long i = m - 1; i >= family.lo(); --i) {
    w *= static_cast<ld>(family.inverse_ratio(i));
    if (!(w >= cutoff)) break;
    visit(i, w);
  }
  w = 1.0L;
  for (long i = m + 1; i <= family.hi(); ++i) {
    w *= static_cast<ld>(family.ratio(i - 1));
    if (!(w >= cutoff)) break;
    visit(i, w);
  }
  ld p = alternative == Alternative::Less ? le : alternative == Alternative::Greater ? ge : two;
  p /= total;
  return static_cast<double>(std::min<ld>(1.0L, std::max<ld>(0.0L, p)));
}

// ---------------------------------------------------------------------------------------------------------------
// Freeman-Halton: network algorithm (Mehta & Patel 1983), written afresh.
//
// A table is a path through columns 0..C-1; the node after column j is the vector of remaining row totals.
// With v_j(x) = log(c_j! / prod_i x_i!) the table's probability is exp(K + sum_j v_j), K = log(prod r_i! / N!);
// the completions of a node (remaining rows rho, columns j..C-1) sum to exp(log(M_j! / prod rho_i!)), M_j the
// remaining total. A table counts when sum_j v_j <= obs + tol. At each node, for each distinct past length P
// (paths with equal P are merged and carry a multiplicity):
//   - if P + longest completion <= obs + tol, every completion counts: add the node's closed-form total;
//   - if P + shortest completion > obs + tol, none counts: drop;
//   - otherwise expand the next column.
// Two rows (the 2 x k tables of the pipeline): the node is the remaining top-row total s. The longest completion
// LP[j][s] is exact (a concave resource allocation, solved greedily; it is concave in s) and the shortest SP[j][s]
// is exact too (a concave function is minimised at a vertex of {0 <= x_j <= c_j, sum x_j = s}: all columns but
// one empty or full). For a node and past P, g(x) = v_j(x) + LP[j+1][s - x] is concave in x, so the children
// whose completions all count form the two tails of x outside an interval [xa, xb] found by binary search; their
// total is a prefix/suffix sum of hypergeometric terms precomputed once per node. Only children inside [xa, xb]
// go on. The last two expansions are fused: a child of column C-3 is a node of column C-2 whose children are
// complete tables, so its counted part is again two tails; with the paths of a node sorted by past length the
// tails' boundaries move monotonically and are swept with two pointers, O(1) per path and child, with no
// intermediate storage. Columns are processed smallest first, so the largest ones are summed in closed form.
// Cost grows like (band width)^(C-2), the band being the children whose completions straddle the threshold: it
// widens as the p-value shrinks (2 x 5, N = 5000: 0.1 s at p ~ 0.5, 0.6 s at p ~ 1e-21, ~9 s at p ~ 1e-170).
// More than two rows: the node is the sorted vector of remaining row totals, with bounds from relaxations
// (longest path <= min over dropping row or column constraints of separable optima, shortest >= likewise), exact
// bounds when two columns remain, and full enumeration of the last column's splits.

struct Path {
  ld past;  // sum of v_j over the columns placed so far
  ld mult;  // number of merged paths with this past length
};

// Sort by past length and merge lengths equal to 1e-12 (relative 1e-12 in probability, far inside the 3.45e-7
// tolerance of the counting rule).
void merge_paths(std::vector<Path>& paths) {
  if (paths.size() < 2) return;
  std::sort(paths.begin(), paths.end(), [](const Path& a, const Path& b) { return a.past < b.past; });
  size_t out = 0;
  for (size_t i = 1; i < paths.size(); ++i) {
    if (paths[i].past - paths[out].past <= 1e-12L) {
      paths[out].mult += paths[i].mult;
    } else {
      paths[++out] = paths[i];
    }
  }
  paths.resize(out + 1);
}

// Two-row network. top[j] = observed top-row count of column j, col[j] > 0 its total.
class TwoRowNetwork {
 public:
  TwoRowNetwork(std::vector<long> top, std::vector<long> col, ld log_tol) {
    // Columns smallest first: the two largest are summed in closed form at the end.
    std::vector<size_t> order(col.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return col[a] < col[b]; });
    for (size_t i : order) {
      top_.push_back(top[i]);
      col_.push_back(col[i]);
    }
    n_cols_ = static_cast<int>(col_.size());
    const long n_total = std::accumulate(col_.begin(), col_.end(), 0L);
    r0_ = std::accumulate(top_.begin(), top_.end(), 0L);
    lf_ = log_factorials(n_total);
    remaining_.assign(n_cols_ + 1, 0);
    for (int j = n_cols_ - 1; j >= 0; --j) remaining_[j] = remaining_[j + 1] + col_[j];
    ld obs = 0;
    for (int j = 0; j < n_cols_; ++j) obs += v(j, top_[j]);
    threshold_ = obs + log_tol;
    log_k_ = lf_[r0_] + lf_[n_total - r0_] - lf_[n_total];
    log_negligible_ = log_k_ + obs + logl(kNegligibleMass);
    compute_bounds();
  }

  ld p_value(bool prune_negligible, ld* dropped_mass) {
    prune_ = prune_negligible;
    dropped_ = 0;
    ld p = 0;
    std::vector<std::vector<Path>> current(remaining_[0] + 1);
    current[r0_].push_back({0.0L, 1.0L});
    if (n_cols_ == 2) {
      const Node node = make_node(0, r0_);
      const Path& path = current[r0_][0];
      if (path.past + shortest_[0][r0_] <= threshold_) {
        long xa, xb;
        p += path_weight(path, node) * counted_tails(node, threshold_ - path.past, &xa, &xb);
      }
      *dropped_mass = dropped_;
      return p;
    }
    // Breadth-first stages up to column n_cols - 3, merging equal past lengths per node.
    for (int j = 0; j + 3 < n_cols_; ++j) {
      std::vector<std::vector<Path>> next(remaining_[j + 1] + 1);
      for (long s = 0; s <= remaining_[j]; ++s) {
        std::vector<Path>& paths = current[s];
        if (paths.empty()) continue;
        merge_paths(paths);
        const Node node = make_node(j, s);
        for (const Path& path : paths) {
          if (path.past + shortest_[j][s] > threshold_) continue;
          long xa, xb;
          p += path_weight(path, node) * counted_tails(node, threshold_ - path.past, &xa, &xb);
          for (long x = xa; x <= xb; ++x) push_child(j, s, x, path, &next);
        }
        std::vector<Path>().swap(paths);
      }
      current.swap(next);
    }
    // Column n_cols - 3: fused with the last two columns.
    const int j = n_cols_ - 3;
    last_nodes_.clear();
    last_nodes_.resize(remaining_[j + 1] + 1);
    for (long s = 0; s <= remaining_[j]; ++s) {
      std::vector<Path>& paths = current[s];
      if (paths.empty()) continue;
      merge_paths(paths);  // also sorts by past length
      p += fused_node(j, s, paths);
      std::vector<Path>().swap(paths);
      // Child nodes below s - col[j] are never visited again (s only grows).
      for (long s2 = std::max(0L, s - col_[j] - 64); s2 < s - col_[j]; ++s2) last_nodes_[s2].reset();
    }
    *dropped_mass = dropped_;
    return p;
  }

 private:
  // A node (column j, remaining top total s): children x in [x_lo, x_hi]; term(x) = log of the total of the
  // child's completions times C(c_j, x), scaled by their maximum `scale`, with prefix and suffix sums;
  // g(x) = v_j(x) + LP[j+1][s - x] (longest completion through x, concave) and its argmax.
  struct Node {
    int j;
    long s, x_lo, x_hi, x_star;
    ld scale;
    std::vector<ld> prefix, suffix, g;  // g indexed by x - x_lo
  };

  ld v(int j, long x) const { return lf_[col_[j]] - lf_[x] - lf_[col_[j] - x]; }
  static ld g(const Node& node, long x) { return node.g[x - node.x_lo]; }

  Node make_node(int j, long s) const {
    Node node;
    node.j = j;
    node.s = s;
    const long m_next = remaining_[j + 1];
    node.x_lo = std::max(0L, s - m_next);
    node.x_hi = std::min(col_[j], s);
    const size_t width = static_cast<size_t>(node.x_hi - node.x_lo + 1);
    std::vector<ld> term(width);
    node.scale = -std::numeric_limits<ld>::infinity();
    for (long x = node.x_lo; x <= node.x_hi; ++x) {
      const ld t = v(j, x) + lf_[m_next] - lf_[s - x] - lf_[m_next - (s - x)];
      term[x - node.x_lo] = t;
      node.scale = std::max(node.scale, t);
    }
    node.prefix.resize(width);
    node.suffix.resize(width);
    node.g.resize(width);
    for (long x = node.x_lo; x <= node.x_hi; ++x) node.g[x - node.x_lo] = v(j, x) + longest_[j + 1][s - x];
    ld run = 0;
    for (size_t i = 0; i < width; ++i) {
      term[i] = expl(term[i] - node.scale);
      node.prefix[i] = (run += term[i]);
    }
    run = 0;
    for (size_t i = width; i-- > 0;) node.suffix[i] = (run += term[i]);
    long a = node.x_lo, b = node.x_hi;
    while (a < b) {
      const long mid = a + (b - a) / 2;
      if (g(node, mid + 1) > g(node, mid)) {
        a = mid + 1;
      } else {
        b = mid;
      }
    }
    node.x_star = a;
    return node;
  }

  ld path_weight(const Path& path, const Node& node) const {
    return path.mult * expl(log_k_ + path.past + node.scale);
  }

  // Scaled total of the children whose completions all count (g(x) <= budget): the two tails outside the
  // interval [xa, xb] where g > budget (empty interval, xa > xb, when every child counts).
  ld counted_tails(const Node& node, ld budget, long* xa, long* xb) const {
    if (g(node, node.x_star) <= budget) {
      *xa = node.x_star + 1;
      *xb = node.x_star;
      return node.prefix.back();
    }
    long lo = node.x_lo, hi = node.x_star;
    while (lo < hi) {
      const long mid = lo + (hi - lo) / 2;
      if (g(node, mid) > budget) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    *xa = lo;
    lo = node.x_star;
    hi = node.x_hi;
    while (lo < hi) {
      const long mid = lo + (hi - lo + 1) / 2;
      if (g(node, mid) > budget) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    *xb = lo;
    return tails_outside(node, *xa, *xb);
  }

  static ld tails_outside(const Node& node, long xa, long xb) {
    ld tails = 0;
    if (xa > node.x_lo) tails += node.prefix[xa - 1 - node.x_lo];
    if (xb < node.x_hi) tails += node.suffix[xb + 1 - node.x_lo];
    return tails;
  }

  void push_child(int j, long s, long x, const Path& path, std::vector<std::vector<Path>>* next) {
    const long s2 = s - x;
    const ld past2 = path.past + v(j, x);
    if (past2 + shortest_[j + 1][s2] > threshold_) return;  // no completion counts
    if (prune_) {
      const long m_next = remaining_[j + 1];
      const ld log_mass = past2 + log_k_ + lf_[m_next] - lf_[s2] - lf_[m_next - s2];
      if (log_mass < log_negligible_) {
        dropped_ += path.mult * expl(log_mass);
        return;
      }
    }
    (*next)[s2].push_back({past2, path.mult});
  }

  // Node (j = n_cols - 3, s) with its paths sorted by past length. Children whose completions all count are
  // summed by the node's tails; the others (x inside the path's interval) are nodes of column n_cols - 2 whose
  // own counted children (complete tables) are again two tails. For a fixed x, the paths having x inside their
  // interval are those with past > threshold - g(x), a suffix of the sorted paths; along it the child's budget
  // decreases, so the child's interval [ya, yb] only widens: two pointers, O(1) per path and x.
  ld fused_node(int j, long s, const std::vector<Path>& paths) {
    const Node node = make_node(j, s);
    ld p = 0;
    std::vector<Path> open;  // paths with undecided children, still sorted by past
    long x_min = node.x_hi + 1, x_max = node.x_lo - 1;
    for (const Path& path : paths) {
      if (path.past + shortest_[j][s] > threshold_) break;  // sorted: all later paths are dropped too
      long xa, xb;
      p += path_weight(path, node) * counted_tails(node, threshold_ - path.past, &xa, &xb);
      if (xa <= xb) {
        open.push_back(path);
        x_min = std::min(x_min, xa);
        x_max = std::max(x_max, xb);
      }
    }
    if (open.empty()) return p;
    // Path weights relative to the heaviest open path (kept <= 1, so no overflow for any N).
    ld top = -std::numeric_limits<ld>::infinity();
    for (const Path& path : open) top = std::max(top, logl(path.mult) + path.past);
    std::vector<ld> weight(open.size()), past(open.size());
    for (size_t i = 0; i < open.size(); ++i) {
      weight[i] = open[i].mult * expl(open[i].past - top);
      past[i] = open[i].past;
    }
    for (long x = x_min; x <= x_max; ++x) {
      const long s2 = s - x;
      const ld vx = v(j, x);
      const ld g_x = vx + longest_[j + 1][s2];
      // First open path with x inside its interval: past > threshold - g(x).
      const size_t first =
          static_cast<size_t>(std::upper_bound(past.begin(), past.end(), threshold_ - g_x) - past.begin());
      if (first == past.size()) continue;
      const Node& child = last_node(s2);
      const ld child_shortest = shortest_[j + 1][s2];
      const ld factor = expl(log_k_ + top + vx + child.scale);
      long ya = child.x_star, yb = child.x_star;
      ld sum = 0;
      for (size_t i = first; i < past.size(); ++i) {
        const ld past2 = past[i] + vx;
        if (past2 + child_shortest > threshold_) break;
        const ld budget = threshold_ - past2;
        while (ya > child.x_lo && g(child, ya - 1) > budget) --ya;
        while (yb < child.x_hi && g(child, yb + 1) > budget) ++yb;
        sum += weight[i] * tails_outside(child, ya, yb);
      }
      p += factor * sum;
    }
    return p;
  }

  const Node& last_node(long s2) {
    std::unique_ptr<Node>& slot = last_nodes_[s2];
    if (!slot) slot = std::make_unique<Node>(make_node(n_cols_ - 2, s2));
    return *slot;
  }

  void compute_bounds() {
    // Longest completion LP[j][s]: greedy allocation of s units to the columns j.. by largest marginal gain
    // (separable concave objective). Shortest SP[j][s]: minimum over the vertices of {0 <= x <= c, sum = s}
    // (one column partly filled, the others empty or full, where v = 0); with many columns the 2^k vertices are
    // too many and 0 (all v >= 0) is used, a valid but weaker bound.
    longest_.assign(n_cols_ + 1, {});
    shortest_.assign(n_cols_ + 1, {});
    longest_[n_cols_] = {0.0L};
    shortest_[n_cols_] = {0.0L};
    for (int j = 0; j < n_cols_; ++j) {
      const long mj = remaining_[j];
      std::vector<long> count(n_cols_, 0);
      longest_[j].assign(mj + 1, 0.0L);
      for (long s = 1; s <= mj; ++s) {
        int best = -1;
        ld best_gain = 0;
        for (int c = j; c < n_cols_; ++c) {
          if (count[c] >= col_[c]) continue;
          const ld gain = v(c, count[c] + 1) - v(c, count[c]);
          if (best < 0 || gain > best_gain) {
            best = c;
            best_gain = gain;
          }
        }
        ++count[best];
        ld total = 0;
        for (int c = j; c < n_cols_; ++c) total += v(c, count[c]);
        longest_[j][s] = total;
      }
      const int k = n_cols_ - j;
      shortest_[j].assign(mj + 1, 0.0L);
      if (k > 12) continue;
      std::fill(shortest_[j].begin(), shortest_[j].end(), std::numeric_limits<ld>::infinity());
      for (int star = j; star < n_cols_; ++star) {
        std::vector<int> others;
        for (int c = j; c < n_cols_; ++c)
          if (c != star) others.push_back(c);
        for (unsigned mask = 0; mask < (1u << others.size()); ++mask) {
          long base = 0;
          for (size_t b = 0; b < others.size(); ++b)
            if (mask & (1u << b)) base += col_[others[b]];
          for (long y = 0; y <= col_[star]; ++y) {
            ld& slot = shortest_[j][base + y];
            slot = std::min(slot, v(star, y));
          }
        }
      }
    }
  }

  std::vector<long> top_, col_, remaining_;
  int n_cols_ = 0;
  long r0_ = 0;
  std::vector<ld> lf_;
  ld threshold_ = 0, log_k_ = 0, log_negligible_ = 0;
  std::vector<std::vector<ld>> longest_, shortest_;
  std::vector<std::unique_ptr<Node>> last_nodes_;
  bool prune_ = true;
  ld dropped_ = 0;
};

// Minimum of sum_i log(x_i!) subject to sum_i x_i = total, 0 <= x_i <= cap_i: the most even allocation
// (it is majorised by every feasible one and the objective is Schur-convex).
ld min_log_factorial_sum(std::vector<long> caps, long total, const std::vector<ld>& lf) {
  std::sort(caps.begin(), caps.end());
  ld out = 0;
  long left = static_cast<long>(caps.size());
  for (size_t i = 0; i < caps.size(); ++i, --left) {
    const long share = total / left;
    if (caps[i] <= share) {
      out += lf[caps[i]];
      total -= caps[i];
      continue;
    }
    // All remaining caps exceed share: they take share or share + 1.
    const long extra = total - share * left;
    out += static_cast<ld>(left - extra) * lf[share] + static_cast<ld>(extra) * lf[share + 1];
    return out;
  }
  return out;
}

// Maximum of the same: fill the largest capacities first (this allocation majorises every feasible one).
ld max_log_factorial_sum(std::vector<long> caps, long total, const std::vector<ld>& lf) {
  std::sort(caps.begin(), caps.end(), std::greater<long>());
  ld out = 0;
  for (long cap : caps) {
    const long take = std::min(cap, total);
    out += lf[take];
    total -= take;
    if (total == 0) break;
  }
  return out;
}

// Exact longest and shortest completion when two columns (a, b) remain over rows rho: maximise / minimise
// sum_i -log(x_i!) - log((rho_i - x_i)!) subject to sum_i x_i = a, 0 <= x_i <= rho_i (plus log a! + log b!).
// Each term is concave in x_i: the maximum by greedy marginal allocation, the minimum at a vertex (all rows but
// one at 0 or rho_i).
void exact_two_column_bounds(const std::vector<long>& rho, long a, long b, const std::vector<ld>& lf, ld* longest,
                             ld* shortest) {
  const size_t n = rho.size();
  auto term = [&](size_t i, long x) { return -lf[x] - lf[rho[i] - x]; };
  std::vector<long> x(n, 0);
  for (long unit = 0; unit < a; ++unit) {
    size_t best = n;
    ld best_gain = 0;
    for (size_t i = 0; i < n; ++i) {
      if (x[i] >= rho[i]) continue;
      const ld gain = term(i, x[i] + 1) - term(i, x[i]);
      if (best == n || gain > best_gain) {
        best = i;
        best_gain = gain;
      }
    }
    ++x[best];
  }
  ld best_value = 0;
  for (size_t i = 0; i < n; ++i) best_value += term(i, x[i]);
  *longest = lf[a] + lf[b] + best_value;
  ld worst = std::numeric_limits<ld>::infinity();
  for (size_t star = 0; star < n; ++star) {
    for (unsigned mask = 0; mask < (1u << n); ++mask) {
      if (mask & (1u << star)) continue;
      long base = 0;
      ld value = 0;
      for (size_t i = 0; i < n; ++i) {
        if (i == star) continue;
        if (mask & (1u << i)) base += rho[i];
        value += term(i, (mask & (1u << i)) ? rho[i] : 0);
      }
      const long y = a - base;
      if (y < 0 || y > rho[star]) continue;
      worst = std::min(worst, value + term(star, y));
    }
  }
  *shortest = lf[a] + lf[b] + worst;
}

// General network for three or more rows (rows <= columns). rows/cols are the margins, table[i][j] the cells.
ld freeman_halton_general(const std::vector<std::vector<long>>& table, ld log_tol, bool prune_negligible,
                          ld* dropped_mass) {
  const size_t n_rows = table.size();
  std::vector<long> rows(n_rows, 0), cols(table[0].size(), 0);
  for (size_t i = 0; i < n_rows; ++i)
    for (size_t j = 0; j < cols.size(); ++j) {
      rows[i] += table[i][j];
      cols[j] += table[i][j];
    }
  std::vector<size_t> order(cols.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return cols[a] < cols[b]; });
  const int n_cols = static_cast<int>(cols.size());
  std::vector<long> col(n_cols);
  for (int j = 0; j < n_cols; ++j) col[j] = cols[order[j]];
  const long n_total = std::accumulate(col.begin(), col.end(), 0L);
  const std::vector<ld> lf = log_factorials(n_total);
  std::vector<long> remaining(n_cols + 1, 0);
  for (int j = n_cols - 1; j >= 0; --j) remaining[j] = remaining[j + 1] + col[j];

  ld obs = 0;
  for (int j = 0; j < n_cols; ++j) {
    obs += lf[col[j]];
    for (size_t i = 0; i < n_rows; ++i) obs -= lf[table[i][order[j]]];
  }
  const ld threshold = obs + log_tol;
  ld log_k = -lf[n_total];
  for (long r : rows) log_k += lf[r];
  const ld log_negligible = log_k + obs + logl(kNegligibleMass);

  // Bounds on the completion of (rho, columns j..): longest <= sum lf[c] - (lower bound of min sum lf[x]),
  // shortest >= sum lf[c] - (upper bound of max sum lf[x]); relaxing row sums or column sums gives separable
  // problems, and the tighter of the two relaxations is used.
  auto bounds = [&](const std::vector<long>& rho, int j, ld* longest, ld* shortest) {
    if (j + 2 == n_cols) {
      exact_two_column_bounds(rho, col[j], col[j + 1], lf, longest, shortest);
      return;
    }
    ld sum_lf_cols = 0, col_min = 0, col_max = 0, row_min = 0, row_max = 0;
    std::vector<long> cols_left(col.begin() + j, col.end());
    for (long c : cols_left) {
      sum_lf_cols += lf[c];
      col_min += min_log_factorial_sum(rho, c, lf);
      col_max += max_log_factorial_sum(rho, c, lf);
    }
    for (long r : rho) {
      row_min += min_log_factorial_sum(cols_left, r, lf);
      row_max += max_log_factorial_sum(cols_left, r, lf);
    }
    *longest = sum_lf_cols - std::max(col_min, row_min);
    *shortest = sum_lf_cols - std::min(col_max, row_max);
  };

  ld p = 0;
  std::map<std::vector<long>, std::vector<Path>> current;
  {
    std::vector<long> start = rows;
    std::sort(start.begin(), start.end(), std::greater<long>());
    current[start].push_back({0.0L, 1.0L});
  }
  for (int j = 0; j + 1 < n_cols; ++j) {
    const bool last_expansion = (j + 2 == n_cols);
    std::map<std::vector<long>, std::vector<Path>> next;
    std::map<std::vector<long>, std::pair<ld, ld>> bound_cache;
    for (auto& node : current) {
      const std::vector<long>& rho = node.first;
      std::vector<Path>& paths = node.second;
      merge_paths(paths);
      // Children: every split x of column j over the rows with x_i <= rho_i.
      std::vector<long> x(n_rows, 0);
      std::vector<long> tail_cap(n_rows + 1, 0);
      for (size_t i = n_rows; i-- > 0;) tail_cap[i] = tail_cap[i + 1] + rho[i];
      struct Child {
        std::vector<long> rho;
        ld value;
      };
      std::vector<Child> children;
      std::function<void(size_t, long)> split = [&](size_t i, long left) {
        if (i + 1 == n_rows) {
          if (left > rho[i]) return;
          x[i] = left;
          Child child;
          child.rho.resize(n_rows);
          child.value = lf[col[j]];
          for (size_t r = 0; r < n_rows; ++r) {
            child.rho[r] = rho[r] - x[r];
            child.value -= lf[x[r]];
          }
          std::sort(child.rho.begin(), child.rho.end(), std::greater<long>());
          children.push_back(std::move(child));
          return;
        }
        const long lo = std::max(0L, left - tail_cap[i + 1]);
        const long hi = std::min(rho[i], left);
        for (long xi = lo; xi <= hi; ++xi) {
          x[i] = xi;
          split(i + 1, left - xi);
        }
      };
      split(0, col[j]);
      for (const Child& child : children) {
        ld longest, shortest;
        ld log_total = lf[remaining[j + 1]];
        for (long r : child.rho) log_total -= lf[r];
        if (last_expansion) {
          longest = shortest = lf[col[j + 1]];
          for (long r : child.rho) longest -= lf[r];
          shortest = longest;
        } else {
          auto cached = bound_cache.find(child.rho);
          if (cached == bound_cache.end()) {
            bounds(child.rho, j + 1, &longest, &shortest);
            bound_cache.emplace(child.rho, std::make_pair(longest, shortest));
          } else {
            longest = cached->second.first;
            shortest = cached->second.second;
          }
        }
        std::vector<Path>* target = nullptr;
        for (const Path& path : paths) {
          const ld past2 = path.past + child.value;
          if (past2 + longest <= threshold) {
            p += path.mult * expl(log_k + past2 + log_total);
            continue;
          }
          if (past2 + shortest > threshold || last_expansion) continue;
          if (prune_negligible && past2 + log_k + log_total < log_negligible) {
            *dropped_mass += path.mult * expl(past2 + log_k + log_total);
            continue;
          }
          if (target == nullptr) target = &next[child.rho];
          target->push_back({past2, path.mult});
        }
      }
    }
    current.swap(next);
  }
  return p;
}

}  // namespace

// ---------------------------------------------------------------------------------------------------------------

std::string to_string(Alternative alternative) {
  switch (alternative) {
    case Alternative::Less:
      return "less";
    case Alternative::Greater:
      return "greater";
    case Alternative::TwoSided:
    default:
      return "two-sided";
  }
}

std::string to_string(AdjustMethod method) {
  switch (method) {
    case AdjustMethod::BH:
      return "bh";
    case AdjustMethod::BY:
      return "by";
    case AdjustMethod::Holm:
      return "holm";
    case AdjustMethod::Bonferroni:
      return "bonferroni";
    case AdjustMethod::None:
    default:
      return "none";
  }
}

namespace {

// The conditional law of the (1,1) cell of [[a, b], [c, d]] given the margins. R's names: m = first column total,
// n = second column total, k = first row total; r_i = C(m, i+1) C(n, k-i-1) / (C(m, i) C(n, k-i)).
auto fisher_2x2_family(long a, long b, long c, long d) {
  if (a < 0 || b < 0 || c < 0 || d < 0) {
    throw InputError("fisher_exact_2x2: negative cell count in table [[" + std::to_string(a) + ", " +
                     std::to_string(b) + "], [" + std::to_string(c) + ", " + std::to_string(d) + "]]");
  }
  const long m = a + c, n = b + d, k = a + b;
  auto ratio = [m, n, k](long i) {
    return (static_cast<double>(m - i) * static_cast<double>(k - i)) /
           (static_cast<double>(i + 1) * static_cast<double>(n - k + i + 1));
  };
  auto inverse_ratio = [m, n, k](long i) {
    return (static_cast<double>(i + 1) * static_cast<double>(n - k + i + 1)) /
           (static_cast<double>(m - i) * static_cast<double>(k - i));
  };
  return make_family(std::max(0L, k - n), std::min(k, m), ratio, inverse_ratio);
}

double fisher_2x2_p_value(long a, long b, long c, long d, Alternative alternative) {
  return null_p_value(fisher_2x2_family(a, b, c, d), a, alternative);
}

}  // namespace

Fisher2x2 fisher_exact_2x2(long a, long b, long c, long d, Alternative alternative, double conf_level) {
  const auto family = fisher_2x2_family(a, b, c, d);
  check_conf_level(conf_level, "fisher_exact_2x2");
  const long lo = family.lo(), hi = family.hi(), x = a;
  Fisher2x2 out;
  out.degenerate = (lo == hi);
  out.p_value = null_p_value(family, x, alternative);
  // Woolf's log odds ratio with 0.5 added to each cell: the starting point of the solvers.
  const double woolf = std::log((a + 0.5) * (d + 0.5) / ((b + 0.5) * (c + 0.5)));
  out.odds_ratio = conditional_mle(family, x, woolf);
  const Interval ci =
      conditional_interval(family, x, alternative, conf_level, log_or_fallback(out.odds_ratio, woolf));
  out.ci_low = ci.low;
  out.ci_high = ci.high;
  return out;
}

double fisher_exact_rxc(const std::vector<std::vector<long>>& table) {
  if (table.empty()) return 1.0;
  const size_t n_cols = table[0].size();
  for (size_t i = 0; i < table.size(); ++i) {
    if (table[i].size() != n_cols) {
      throw InputError("fisher_exact_rxc: row " + std::to_string(i + 1) + " has " +
                       std::to_string(table[i].size()) + " cells, row 1 has " + std::to_string(n_cols));
    }
    for (long cell : table[i]) {
      if (cell < 0) throw InputError("fisher_exact_rxc: negative cell count in row " + std::to_string(i + 1));
    }
  }
  // An input 2x2 table follows fisher.test's 2x2 rule, as R does.
  if (table.size() == 2 && n_cols == 2) {
    return fisher_2x2_p_value(table[0][0], table[0][1], table[1][0], table[1][1], Alternative::TwoSided);
  }
  // Drop empty rows and columns.
  std::vector<size_t> keep_rows, keep_cols;
  for (size_t i = 0; i < table.size(); ++i) {
    if (std::accumulate(table[i].begin(), table[i].end(), 0L) > 0) keep_rows.push_back(i);
  }
  for (size_t j = 0; j < n_cols; ++j) {
    long sum = 0;
    for (const auto& row : table) sum += row[j];
    if (sum > 0) keep_cols.push_back(j);
  }
  if (keep_rows.size() < 2 || keep_cols.size() < 2) return 1.0;
  // Fewer rows than columns (the network runs over columns); transpose if needed.
  const bool transpose = keep_rows.size() > keep_cols.size();
  const size_t nr = transpose ? keep_cols.size() : keep_rows.size();
  const size_t nc = transpose ? keep_rows.size() : keep_cols.size();
  std::vector<std::vector<long>> t(nr, std::vector<long>(nc));
  for (size_t i = 0; i < keep_rows.size(); ++i)
    for (size_t j = 0; j < keep_cols.size(); ++j) {
      const long cell = table[keep_rows[i]][keep_cols[j]];
      if (transpose) {
        t[j][i] = cell;
      } else {
        t[i][j] = cell;
      }
    }

  auto run = [&](bool prune, ld* dropped) -> ld {
    if (nr == 2) {
      std::vector<long> top(nc), col(nc);
      for (size_t j = 0; j < nc; ++j) {
        top[j] = t[0][j];
        col[j] = t[0][j] + t[1][j];
      }
      TwoRowNetwork network(top, col, kFexactLogTol);
      return network.p_value(prune, dropped);
    }
    return freeman_halton_general(t, kFexactLogTol, prune, dropped);
  };
  ld dropped = 0;
  ld p = run(true, &dropped);
  if (dropped > 1e-12L * p) {
    dropped = 0;
    p = run(false, &dropped);
  }
  return static_cast<double>(std::min<ld>(1.0L, std::max<ld>(0.0L, p)));
}

std::vector<double> p_adjust(const std::vector<double>& p, AdjustMethod method) {
  std::vector<double> out = p;
  std::vector<size_t> index;
  for (size_t i = 0; i < p.size(); ++i)
    if (!std::isnan(p[i])) index.push_back(i);
  const size_t lp = index.size();
  const double n = static_cast<double>(lp);  // R: n is evaluated after the NAs are removed
  if (lp <= 1 || method == AdjustMethod::None) return out;
  std::vector<double> q(lp);
  for (size_t i = 0; i < lp; ++i) q[i] = p[index[i]];
  std::vector<size_t> o(lp);
  std::iota(o.begin(), o.end(), 0);
  std::vector<double> adjusted(lp);
  switch (method) {
    case AdjustMethod::Bonferroni:
      for (size_t i = 0; i < lp; ++i) adjusted[i] = std::min(1.0, n * q[i]);
      break;
    case AdjustMethod::Holm: {
      // pmin(1, cummax((n + 1 - i) * p[o]))[ro], o = order(p)
      std::stable_sort(o.begin(), o.end(), [&](size_t a, size_t b) { return q[a] < q[b]; });
      double running = -kInf;
      for (size_t r = 0; r < lp; ++r) {
        const double value = (n + 1.0 - static_cast<double>(r + 1)) * q[o[r]];
        running = std::max(running, value);
        adjusted[o[r]] = std::min(1.0, running);
      }
      break;
    }
    case AdjustMethod::BH:
    case AdjustMethod::BY: {
      // pmin(1, cummin(n / i * p[o]))[ro] (BY: q * n / i * p[o]), o = order(p, decreasing = TRUE), i = lp:1
      std::stable_sort(o.begin(), o.end(), [&](size_t a, size_t b) { return q[a] > q[b]; });
      double harmonic = 0;
      if (method == AdjustMethod::BY) {  // sum(1 / (1L:n)); R's sum() accumulates in long double
        ld sum = 0;
        for (size_t i = 1; i <= lp; ++i) sum += 1.0 / static_cast<double>(i);
        harmonic = static_cast<double>(sum);
      }
      double running = kInf;
      for (size_t r = 0; r < lp; ++r) {
        const double i = static_cast<double>(lp - r);
        const double value = method == AdjustMethod::BY ? harmonic * n / i * q[o[r]] : n / i * q[o[r]];
        running = std::min(running, value);
        adjusted[o[r]] = std::min(1.0, running);
      }
      break;
    }
    case AdjustMethod::None:
      break;
  }
  for (size_t i = 0; i < lp; ++i) out[index[i]] = adjusted[i];
  return out;
}

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

// Exact trend test: a network over the columns like Freeman-Halton, but the nodes are (remaining altered s,
// partial statistic T) and carry a probability mass, since whether a table counts depends only on T. The mass of
// a child is the parent's times the hypergeometric probability of x_j given s. A node is settled when the range
// of T over its completions ([T + Tmin, T + Tmax], Tmin/Tmax by filling the lowest/highest scores first) lies
// wholly inside or wholly outside the extreme region; at the second-to-last column T is linear in x, so the
// counted children are two tails summed from prefix/suffix sums. Nodes with equal (s, T) are merged: scores that
// are multiples of 1/L (L <= 10^4, e.g. 0..k-1, or halves) are scaled to integers so that T merges exactly;
// other scores merge T values within 1e-9 * max|score| (far inside the 1e-7 tie tolerance). Children whose mass
// is below 1e-20 of the observed table's probability are dropped with their mass accounted, as in Freeman-Halton.
double exact_trend_2xk(const std::vector<long>& row_altered, const std::vector<long>& row_wildtype,
                       const std::vector<double>& scores_in) {
  if (row_altered.size() != row_wildtype.size()) {
    throw InputError("exact_trend_2xk: the altered row has " + std::to_string(row_altered.size()) +
                     " categories, the wild-type row " + std::to_string(row_wildtype.size()));
  }
  const size_t k = row_altered.size();
  std::vector<double> scores = scores_in;
  if (scores.empty()) {
    for (size_t j = 0; j < k; ++j) scores.push_back(static_cast<double>(j));
  }
  if (scores.size() != k) {
    throw InputError("exact_trend_2xk: " + std::to_string(scores.size()) + " scores for " + std::to_string(k) +
                     " categories");
  }
  struct Column {
    long x, c;
    ld w;
  };
  std::vector<Column> cols;
  for (size_t j = 0; j < k; ++j) {
    if (row_altered[j] < 0 || row_wildtype[j] < 0) throw InputError("exact_trend_2xk: negative cell count");
    if (!std::isfinite(scores[j])) throw InputError("exact_trend_2xk: scores must be finite");
    const long c = row_altered[j] + row_wildtype[j];
    if (c > 0) cols.push_back({row_altered[j], c, static_cast<ld>(scores[j])});
  }
  if (cols.size() < 2) return 1.0;
  std::stable_sort(cols.begin(), cols.end(), [](const Column& a, const Column& b) { return a.c < b.c; });
  ld max_abs_w = 0;
  for (const Column& col : cols) max_abs_w = std::max(max_abs_w, fabsl(col.w));
  if (max_abs_w == 0) return 1.0;
  // Scale rational scores to integers (the p-value does not change under scaling).
  bool integer_scores = false;
  for (long scale = 1; scale <= 10000 && !integer_scores; ++scale) {
    bool all = true;
    for (const Column& col : cols) {
      const ld u = col.w * scale;
      if (fabsl(u - roundl(u)) > 1e-9L * std::max<ld>(1.0L, fabsl(u))) {
        all = false;
        break;
      }
    }
    if (all) {
      integer_scores = true;
      for (Column& col : cols) col.w = roundl(col.w * scale);
      max_abs_w = roundl(max_abs_w * scale);
    }
  }
  const int n_cols = static_cast<int>(cols.size());
  long n_total = 0, r0 = 0;
  ld sum_wc = 0, t_obs = 0;
  for (const Column& col : cols) {
    n_total += col.c;
    r0 += col.x;
    sum_wc += col.w * col.c;
    t_obs += col.w * col.x;
  }
  if (r0 == 0 || r0 == n_total) return 1.0;
  const ld expected = static_cast<ld>(r0) / n_total * sum_wc;
  const ld d_obs = fabsl(t_obs - expected);
  const ld critical = d_obs - 1e-7L * (d_obs + max_abs_w);
  if (critical <= 0) return 1.0;
  const ld low_edge = expected - critical, high_edge = expected + critical;
  const ld merge_tol = integer_scores ? 0.0L : 1e-9L * max_abs_w;

  const std::vector<ld> lf = log_factorials(n_total);
  std::vector<long> remaining(n_cols + 1, 0);
  for (int j = n_cols - 1; j >= 0; --j) remaining[j] = remaining[j + 1] + cols[j].c;
  auto log_choose = [&](long n, long r) { return lf[n] - lf[r] - lf[n - r]; };
  ld log_p_obs = -log_choose(n_total, r0);
  for (const Column& col : cols) log_p_obs += log_choose(col.c, col.x);

  // Range of the statistic over the completions of (s, columns j..): fill lowest / highest scores first.
  auto t_range = [&](int j, long s, ld* t_min, ld* t_max) {
    std::vector<std::pair<ld, long>> sw;
    for (int c = j; c < n_cols; ++c) sw.push_back({cols[c].w, cols[c].c});
    std::sort(sw.begin(), sw.end());
    ld lo = 0, hi = 0;
    long left = s;
    for (size_t i = 0; i < sw.size() && left > 0; ++i) {
      const long take = std::min(left, sw[i].second);
      lo += sw[i].first * take;
      left -= take;
    }
    left = s;
    for (size_t i = sw.size(); i-- > 0 && left > 0;) {
      const long take = std::min(left, sw[i].second);
      hi += sw[i].first * take;
      left -= take;
    }
    *t_min = lo;
    *t_max = hi;
  };

  // The hypergeometric law of x_j given s, C(c_j, x) C(M_{j+1}, s - x) / C(M_j, s), x in [lo, hi], with its
  // prefix and suffix sums and its mode.
  struct Conditional {
    long lo = 0, hi = -1;
    size_t mode = 0;
    std::vector<ld> h, prefix, suffix;
  };
  auto conditional = [&](int j, long s) {
    Conditional out;
    const long m_next = remaining[j + 1];
    out.lo = std::max(0L, s - m_next);
    out.hi = std::min(cols[j].c, s);
    const size_t width = static_cast<size_t>(out.hi - out.lo + 1);
    out.h.resize(width);
    out.prefix.resize(width);
    out.suffix.resize(width);
    const ld log_denominator = log_choose(remaining[j], s);
    for (size_t q = 0; q < width; ++q) {
      const long x = out.lo + static_cast<long>(q);
      out.h[q] = expl(log_choose(cols[j].c, x) + log_choose(m_next, s - x) - log_denominator);
      if (out.h[q] > out.h[out.mode]) out.mode = q;
    }
    ld run_sum = 0;
    for (size_t q = 0; q < width; ++q) out.prefix[q] = (run_sum += out.h[q]);
    run_sum = 0;
    for (size_t q = width; q-- > 0;) out.suffix[q] = (run_sum += out.h[q]);
    return out;
  };
  // Probability that the last two columns make the table extreme, from node (n_cols - 2, s) with partial t:
  // T(y) = t + w_a y + w_b (s - y) is linear in y, so the extreme y form a prefix and/or a suffix, located by
  // solving the linear inequalities and correcting the rounding with the exact predicate.
  const ld w_a = cols[n_cols - 2].w, w_b = cols[n_cols - 1].w;
  auto last_two_extreme = [&](const Conditional& node, long s, ld t) -> ld {
    const ld base = t + w_b * s, slope = w_a - w_b;
    auto t_of = [&](long y) { return base + slope * y; };
    if (slope == 0) return (base <= low_edge || base >= high_edge) ? node.prefix.back() : 0.0L;
    // Guesses in double (floorl/ceill are slow on x87); the exact predicate then corrects them.
    auto clamp_floor = [&](ld v) {
      const double d = static_cast<double>(v);
      return !(d >= node.lo - 1) ? node.lo - 1 : !(d <= node.hi) ? node.hi : static_cast<long>(std::floor(d));
    };
    auto clamp_ceil = [&](ld v) {
      const double d = static_cast<double>(v);
      return !(d >= node.lo) ? node.lo : !(d <= node.hi + 1) ? node.hi + 1 : static_cast<long>(std::ceil(d));
    };
    // Prefix: y <= y_p extreme (low T when the slope is positive, high T when negative).
    auto in_prefix = [&](long y) { return slope > 0 ? t_of(y) <= low_edge : t_of(y) >= high_edge; };
    long y_p = clamp_floor(((slope > 0 ? low_edge : high_edge) - base) / slope);
    while (y_p >= node.lo && !in_prefix(y_p)) --y_p;
    while (y_p + 1 <= node.hi && in_prefix(y_p + 1)) ++y_p;
    // Suffix: y >= y_s extreme.
    auto in_suffix = [&](long y) { return slope > 0 ? t_of(y) >= high_edge : t_of(y) <= low_edge; };
    long y_s = clamp_ceil(((slope > 0 ? high_edge : low_edge) - base) / slope);
    while (y_s <= node.hi && !in_suffix(y_s)) ++y_s;
    while (y_s - 1 >= node.lo && in_suffix(y_s - 1)) --y_s;
    y_s = std::max(y_s, y_p + 1);
    ld tails = 0;
    if (y_p >= node.lo) tails += node.prefix[y_p - node.lo];
    if (y_s <= node.hi) tails += node.suffix[y_s - node.lo];
    return tails;
  };

  // Integer scores: the statistic is an integer, "T <= low_edge" is "T <= floor(low_edge)", and the last two
  // columns' boundaries are exact integer divisions (no long double rounding or x87 floor in the hot loop).
  const bool integer_path = integer_scores && max_abs_w * n_total < 1e15L;
  long long int_low = 0, int_high = 0, wa_i = 0, wb_i = 0;
  std::vector<long long> w_int(n_cols, 0);
  if (integer_path) {
    int_low = static_cast<long long>(floorl(low_edge));
    int_high = static_cast<long long>(ceill(high_edge));
    for (int j = 0; j < n_cols; ++j) w_int[j] = static_cast<long long>(cols[j].w);
    wa_i = w_int[n_cols - 2];
    wb_i = w_int[n_cols - 1];
  }
  // floor(a / d) for d > 0: a double estimate corrected by exact integer products (64-bit idiv is slow).
  auto floor_div = [](long long a, long long d) {
    long long q = static_cast<long long>(std::floor(static_cast<double>(a) / static_cast<double>(d)));
    while (q * d > a) --q;
    while ((q + 1) * d <= a) ++q;
    return q;
  };
  auto last_two_extreme_int = [&](const Conditional& node, long s, long long t) -> ld {
    const long long base = t + wb_i * s, slope = wa_i - wb_i;
    if (slope == 0) return (base <= int_low || base >= int_high) ? node.prefix.back() : 0.0L;
    // Prefix y <= y_p and suffix y >= y_s are extreme (low/high T swap with the sign of the slope):
    // slope > 0: y_p = floor((low - base) / slope), y_s = ceil((high - base) / slope);
    // slope < 0: y_p = floor((base - high) / -slope), y_s = ceil((base - low) / -slope).
    const long long d = slope > 0 ? slope : -slope;
    long long y_p = slope > 0 ? floor_div(int_low - base, d) : floor_div(base - int_high, d);
    long long y_s = slope > 0 ? -floor_div(base - int_high, d) : -floor_div(int_low - base, d);
    y_p = std::max<long long>(node.lo - 1, std::min<long long>(node.hi, y_p));
    y_s = std::max<long long>(std::max<long long>(node.lo, y_p + 1), std::min<long long>(node.hi + 1, y_s));
    ld tails = 0;
    if (y_p >= node.lo) tails += node.prefix[y_p - node.lo];
    if (y_s <= node.hi) tails += node.suffix[y_s - node.lo];
    return tails;
  };

  struct State {
    ld t;
    long long ti;  // the same statistic as an integer (integer_path only)
    ld mass;
  };
  auto run = [&](bool prune, ld* dropped) -> ld {
    const ld negligible = prune ? expl(log_p_obs) * kNegligibleMass : 0.0L;
    ld p = 0;
    std::vector<std::vector<State>> current(remaining[0] + 1);
    current[r0].push_back({0.0L, 0, 1.0L});
    if (n_cols == 2) {
      const Conditional root = conditional(0, r0);
      return integer_path ? last_two_extreme_int(root, r0, 0) : last_two_extreme(root, r0, 0.0L);
    }
    // Nodes of column n_cols - 2, built on demand and freed once no parent can reach them.
    std::vector<std::unique_ptr<Conditional>> last_nodes(remaining[n_cols - 2] + 1);
    for (int j = 0; j + 2 < n_cols; ++j) {
      const bool fused = (j + 3 == n_cols);  // children are nodes of column n_cols - 2
      const ld w_j = cols[j].w;
      const long long w_j_int = w_int[j];
      std::vector<std::vector<State>> next(fused ? 0 : remaining[j + 1] + 1);
      for (long s = 0; s <= remaining[j]; ++s) {
        std::vector<State>& states = current[s];
        if (states.empty()) continue;
        std::sort(states.begin(), states.end(), [](const State& a, const State& b) { return a.t < b.t; });
        size_t out = 0;
        for (size_t i = 1; i < states.size(); ++i) {
          if (states[i].t - states[out].t <= merge_tol) {
            states[out].mass += states[i].mass;
          } else {
            states[++out] = states[i];
          }
        }
        states.resize(out + 1);
        const Conditional node = conditional(j, s);
        const size_t width = node.h.size();
        ld t_min, t_max;
        t_range(j, s, &t_min, &t_max);
        for (const State& st : states) {
          if (st.t + t_max <= low_edge || st.t + t_min >= high_edge) {  // every completion is extreme
            p += st.mass;
            continue;
          }
          if (st.t + t_min > low_edge && st.t + t_max < high_edge) continue;  // none is
          // Children from the mode of h outwards while their mass is not negligible; the rest is dropped whole.
          if (st.mass * node.h[node.mode] < negligible) {
            *dropped += st.mass;
            continue;
          }
          size_t lo = node.mode, hi = node.mode;
          while (lo > 0 && st.mass * node.h[lo - 1] >= negligible) --lo;
          while (hi + 1 < width && st.mass * node.h[hi + 1] >= negligible) ++hi;
          if (lo > 0) *dropped += st.mass * node.prefix[lo - 1];
          if (hi + 1 < width) *dropped += st.mass * node.suffix[hi + 1];
          for (size_t q = lo; q <= hi; ++q) {
            const long x = node.lo + static_cast<long>(q);
            const long s2 = s - x;
            const ld mass2 = st.mass * node.h[q];
            const long long t2_int = st.ti + w_j_int * x;
            if (!fused) {
              next[s2].push_back({st.t + w_j * x, t2_int, mass2});
              continue;
            }
            std::unique_ptr<Conditional>& child = last_nodes[s2];
            if (!child) child = std::make_unique<Conditional>(conditional(n_cols - 2, s2));
            p += mass2 * (integer_path ? last_two_extreme_int(*child, s2, t2_int)
                                       : last_two_extreme(*child, s2, st.t + w_j * x));
          }
        }
        std::vector<State>().swap(states);
        if (fused) {
          for (long s2 = std::max(0L, s - cols[j].c - 64); s2 < s - cols[j].c; ++s2) last_nodes[s2].reset();
        }
      }
      current.swap(next);
    }
    return p;
  };
  ld dropped = 0;
  ld p = run(true, &dropped);
  if (dropped > 1e-12L * p) {
    dropped = 0;
    p = run(false, &dropped);
  }
  return static_cast<double>(std::min<ld>(1.0L, std::max<ld>(0.0L, p)));
}

std::unique_ptr<TrendNull> TrendNull::make(const std::vector<long>& col_totals, const std::vector<double>& scores,
                                           std::size_t max_cells) {
  if (col_totals.size() != scores.size())
    throw InputError("TrendNull: " + std::to_string(scores.size()) + " scores for " +
                     std::to_string(col_totals.size()) + " categories");
  std::unique_ptr<TrendNull> t(new TrendNull());
  t->cols_ = col_totals;
  bool first = true;
  for (size_t j = 0; j < col_totals.size(); ++j) {
    if (col_totals[j] < 0) throw InputError("TrendNull: negative column total");
    if (!std::isfinite(scores[j]) || scores[j] != std::floor(scores[j]) || std::fabs(scores[j]) > 1e6)
      return nullptr;  // exact_trend_2xk scales rational scores; not done here
    t->w_.push_back(static_cast<long>(scores[j]));
    if (col_totals[j] == 0) continue;
    ++t->non_empty_;
    t->n_ += col_totals[j];
    t->w_min_ = first ? t->w_.back() : std::min(t->w_min_, t->w_.back());
    t->max_abs_w_ = std::max(t->max_abs_w_, std::labs(t->w_.back()));
    first = false;
  }
  for (size_t j = 0; j < col_totals.size(); ++j)
    if (col_totals[j] > 0) t->span_ += (t->w_[j] - t->w_min_) * col_totals[j];
  const std::size_t width = static_cast<std::size_t>(t->span_) + 1;
  if (static_cast<double>(t->n_ + 1) * static_cast<double>(width) > static_cast<double>(max_cells)) return nullptr;
  const std::vector<ld> lf = log_factorials(t->n_);
  std::vector<ld> cur(width * static_cast<std::size_t>(t->n_ + 1), 0.0L), next(cur.size());
  cur[0] = 1.0L;
  long m = 0, span = 0;  // totals and T' span of the columns folded in so far
  for (size_t j = 0; j < col_totals.size(); ++j) {
    const long c = col_totals[j];
    if (c == 0) continue;
    const long w = t->w_[j] - t->w_min_;
    std::fill(next.begin(), next.begin() + static_cast<std::ptrdiff_t>(width * static_cast<std::size_t>(m + c + 1)),
              0.0L);
    for (long x = 0; x <= c; ++x) {
      const ld coef = expl(lf[c] - lf[x] - lf[c - x]);
      for (long s = 0; s <= m; ++s) {
        const ld* src = &cur[static_cast<std::size_t>(s) * width];
        ld* dst = &next[static_cast<std::size_t>(s + x) * width + static_cast<std::size_t>(w * x)];
        for (long tt = 0; tt <= span; ++tt) dst[tt] += src[tt] * coef;
      }
    }
    m += c;
    span += w * c;
    cur.swap(next);
  }
  t->g_ = std::move(cur);
  return t;
}

double TrendNull::p_value(const std::vector<long>& altered) const {
  if (altered.size() != cols_.size())
    throw InputError("TrendNull: " + std::to_string(altered.size()) + " counts for " + std::to_string(cols_.size()) +
                     " categories");
  if (non_empty_ < 2 || max_abs_w_ == 0) return 1.0;
  long r0 = 0;
  ld t_obs = 0, sum_wc = 0;
  for (size_t j = 0; j < cols_.size(); ++j) {
    if (altered[j] < 0 || altered[j] > cols_[j]) throw InputError("TrendNull: count outside its column total");
    r0 += altered[j];
    t_obs += static_cast<ld>(w_[j]) * altered[j];
    sum_wc += static_cast<ld>(w_[j]) * cols_[j];
  }
  if (r0 == 0 || r0 == n_) return 1.0;
  // The tie rule of exact_trend_2xk.
  const ld expected = static_cast<ld>(r0) / n_ * sum_wc;
  const ld d_obs = fabsl(t_obs - expected);
  const ld critical = d_obs - 1e-7L * (d_obs + static_cast<ld>(max_abs_w_));
  if (critical <= 0) return 1.0;
  const ld low_edge = expected - critical, high_edge = expected + critical;
  const std::size_t width = static_cast<std::size_t>(span_) + 1;
  const ld* row = &g_[static_cast<std::size_t>(r0) * width];
  ld total = 0, tail = 0;
  for (std::size_t tt = 0; tt < width; ++tt) {
    if (row[tt] == 0) continue;
    total += row[tt];
    const ld t_value = static_cast<ld>(static_cast<long>(tt) + w_min_ * r0);
    if (t_value <= low_edge || t_value >= high_edge) tail += row[tt];
  }
  return static_cast<double>(std::min<ld>(1.0L, tail / total));
}

MantelHaenszel mantel_haenszel_exact(const std::vector<std::array<long, 4>>& strata, Alternative alternative,
                                     double conf_level) {
  check_conf_level(conf_level, "mantel_haenszel_exact");
  if (strata.empty()) throw InputError("mantel_haenszel_exact: no strata");
  long max_n = 0;
  for (size_t s = 0; s < strata.size(); ++s) {
    const auto& t = strata[s];
    if (t[0] < 0 || t[1] < 0 || t[2] < 0 || t[3] < 0) {
      throw InputError("mantel_haenszel_exact: negative cell count in stratum " + std::to_string(s + 1));
    }
    const long n = t[0] + t[1] + t[2] + t[3];
    if (n < 2) {
      throw InputError("mantel_haenszel_exact: stratum " + std::to_string(s + 1) +
                       " has fewer than 2 patients (R: sample size in each stratum must be > 1)");
    }
    max_n = std::max(max_n, n);
  }
  const std::vector<ld> lf = log_factorials(max_n);
  auto log_choose = [&](long n, long r) { return lf[n] - lf[r] - lf[n - r]; };
  // Null law of S = sum of the (1,1) cells: convolution of the strata's hypergeometric laws, in log space.
  long lo = 0, hi = 0, s_obs = 0;
  std::vector<ld> log_d{0.0L};
  double diag = 0, offdiag = 0;
  for (const auto& t : strata) {
    const long a = t[0], b = t[1], c = t[2], d = t[3];
    const long m = a + c, n = b + d, k = a + b;
    const long l = std::max(0L, k - n), h = std::min(k, m);
    std::vector<ld> log_pmf;
    for (long i = l; i <= h; ++i) {
      log_pmf.push_back(log_choose(m, i) + log_choose(n, k - i) - log_choose(m + n, k));
    }
    std::vector<ld> conv(log_d.size() + log_pmf.size() - 1, -std::numeric_limits<ld>::infinity());
    for (size_t target = 0; target < conv.size(); ++target) {
      ld top = -std::numeric_limits<ld>::infinity();
      const size_t first = target >= log_pmf.size() - 1 ? target - (log_pmf.size() - 1) : 0;
      const size_t last = std::min(target, log_d.size() - 1);
      for (size_t u = first; u <= last; ++u) top = std::max(top, log_d[u] + log_pmf[target - u]);
      ld sum = 0;
      for (size_t u = first; u <= last; ++u) sum += expl(log_d[u] + log_pmf[target - u] - top);
      conv[target] = top + logl(sum);
    }
    log_d.swap(conv);
    lo += l;
    hi += h;
    s_obs += a;
    const double nd = static_cast<double>(a + b + c + d);
    diag += static_cast<double>(a) * static_cast<double>(d) / nd;
    offdiag += static_cast<double>(b) * static_cast<double>(c) / nd;
  }
  std::vector<double> ratios(log_d.size() > 1 ? log_d.size() - 1 : 0), inverse_ratios(ratios.size());
  for (size_t i = 0; i + 1 < log_d.size(); ++i) {
    ratios[i] = static_cast<double>(expl(log_d[i + 1] - log_d[i]));
    inverse_ratios[i] = static_cast<double>(expl(log_d[i] - log_d[i + 1]));
  }
  const auto family = make_family(
      lo, hi, [&ratios, lo](long i) { return ratios[static_cast<size_t>(i - lo)]; },
      [&inverse_ratios, lo](long i) { return inverse_ratios[static_cast<size_t>(i - lo)]; });
  MantelHaenszel out;
  {
    // p-values from the null law itself (as R, which uses the convolution dc directly).
    ld total = 0, le = 0, ge = 0, two = 0;
    const ld top = *std::max_element(log_d.begin(), log_d.end());
    const ld d_obs = expl(log_d[s_obs - lo] - top);
    for (long i = lo; i <= hi; ++i) {
      const ld w = expl(log_d[i - lo] - top);
      total += w;
      if (i <= s_obs) le += w;
      if (i >= s_obs) ge += w;
      if (w <= d_obs * kRelErr) two += w;
    }
    ld p = alternative == Alternative::Less ? le : alternative == Alternative::Greater ? ge : two;
    out.p_value = static_cast<double>(std::min<ld>(1.0L, p / total));
  }
  out.mh_estimate = diag / offdiag;
  const double guess = log_or_fallback(out.mh_estimate, 0.0);
  out.odds_ratio = conditional_mle(family, s_obs, guess);
  const Interval ci =
      conditional_interval(family, s_obs, alternative, conf_level, log_or_fallback(out.odds_ratio, guess));
  out.ci_low = ci.low;
  out.ci_high = ci.high;
  return out;
}

}  // namespace pathcorr
