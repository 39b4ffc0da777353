// The exact trend test of one 2 x k table (exact_trend.h): a network over the columns.
#include "pipeline/stats/exact_trend.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "pipeline/base/errors.h"
#include "pipeline/stats/numeric.h"

namespace pathcorr {

using namespace stats_detail;

namespace {

struct Column {
  long x, c;
  ld w;
};

// The hypergeometric law of x_j given s, C(c_j, x) C(M_{j+1}, s - x) / C(M_j, s), x in [lo, hi], with its
// prefix and suffix sums and its mode.
struct Conditional {
  long lo = 0, hi = -1;
  size_t mode = 0;
  std::vector<ld> h, prefix, suffix;
};

struct State {
  ld t;
  long long ti;  // the same statistic as an integer (integer_path only)
  ld mass;
};

// What a pass of the network holds, in bytes (vector slack aside): its stored states and conditional laws.
class WorkingSet {
 public:
  explicit WorkingSet(std::size_t limit) : limit_(limit) {}
  void add(std::size_t b) {
    bytes_ += b;
    peak_ = std::max(peak_, bytes_);
  }
  void remove(std::size_t b) { bytes_ -= b; }
  bool over() const { return bytes_ > limit_; }
  std::size_t peak() const { return peak_; }

  // Counts a scoped allocation (a node's conditional law) while it lives.
  class Hold {
   public:
    Hold(WorkingSet* ws, std::size_t b) : ws_(ws), b_(b) { ws_->add(b_); }
    ~Hold() { ws_->remove(b_); }
    Hold(const Hold&) = delete;
    Hold& operator=(const Hold&) = delete;

   private:
    WorkingSet* ws_;
    std::size_t b_;
  };

 private:
  std::size_t limit_, bytes_ = 0, peak_ = 0;
};

std::size_t bytes_of(const Conditional& c) { return (c.h.size() + c.prefix.size() + c.suffix.size()) * sizeof(ld); }

// The non-empty columns of the table, checked, smallest column total first.
std::vector<Column> trend_columns(const std::vector<long>& row_altered, const std::vector<long>& row_wildtype,
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
  std::vector<Column> cols;
  for (size_t j = 0; j < k; ++j) {
    if (row_altered[j] < 0 || row_wildtype[j] < 0) throw InputError("exact_trend_2xk: negative cell count");
    if (!std::isfinite(scores[j])) throw InputError("exact_trend_2xk: scores must be finite");
    const long c = row_altered[j] + row_wildtype[j];
    if (c > 0) cols.push_back({row_altered[j], c, static_cast<ld>(scores[j])});
  }
  std::stable_sort(cols.begin(), cols.end(), [](const Column& a, const Column& b) { return a.c < b.c; });
  return cols;
}

// Scale rational scores to integers (the p-value does not change under scaling). Returns whether it did.
bool scale_scores_to_integers(std::vector<Column>* cols, ld* max_abs_w) {
  for (long scale = 1; scale <= 10000; ++scale) {
    bool all = true;
    for (const Column& col : *cols) {
      const ld u = col.w * scale;
      if (fabsl(u - roundl(u)) > 1e-9L * std::max<ld>(1.0L, fabsl(u))) {
        all = false;
        break;
      }
    }
    if (all) {
      for (Column& col : *cols) col.w = roundl(col.w * scale);
      *max_abs_w = roundl(*max_abs_w * scale);
      return true;
    }
  }
  return false;
}

// floor(a / d) for d > 0: a double estimate corrected by exact integer products (64-bit idiv is slow).
long long floor_div(long long a, long long d) {
  long long q = static_cast<long long>(std::floor(static_cast<double>(a) / static_cast<double>(d)));
  while (q * d > a) --q;
  while ((q + 1) * d <= a) ++q;
  return q;
}

// The network of one table: the extreme region is T <= low_edge or T >= high_edge.
class TrendNetwork {
 public:
  TrendNetwork(std::vector<Column> cols, bool integer_scores, ld max_abs_w, long n_total, long r0, ld low_edge,
               ld high_edge)
      : cols_(std::move(cols)), n_cols_(static_cast<int>(cols_.size())), n_total_(n_total), r0_(r0),
        low_edge_(low_edge), high_edge_(high_edge) {
    merge_tol_ = integer_scores ? 0.0L : 1e-9L * max_abs_w;
    lf_ = log_factorials(n_total_);
    remaining_.assign(n_cols_ + 1, 0);
    for (int j = n_cols_ - 1; j >= 0; --j) remaining_[j] = remaining_[j + 1] + cols_[j].c;
    log_p_obs_ = -log_choose(n_total_, r0_);
    for (const Column& col : cols_) log_p_obs_ += log_choose(col.c, col.x);
    w_a_ = cols_[n_cols_ - 2].w;
    w_b_ = cols_[n_cols_ - 1].w;
    // Integer scores: the statistic is an integer, "T <= low_edge" is "T <= floor(low_edge)", and the last two
    // columns' boundaries are exact integer divisions (no long double rounding or x87 floor in the hot loop).
    integer_path_ = integer_scores && max_abs_w * n_total_ < 1e15L;
    w_int_.assign(n_cols_, 0);
    if (integer_path_) {
      int_low_ = static_cast<long long>(floorl(low_edge_));
      int_high_ = static_cast<long long>(ceill(high_edge_));
      for (int j = 0; j < n_cols_; ++j) w_int_[j] = static_cast<long long>(cols_[j].w);
      wa_i_ = w_int_[n_cols_ - 2];
      wb_i_ = w_int_[n_cols_ - 1];
    }
  }

  // The p-value: by the fused pass when its working set stays within work->fused_limit_bytes, else by the
  // layered one (work->layered). Pruned or not, as exact_trend_2xk asks.
  ld p_value(bool prune, ld* dropped, TrendWork* work) const;

 private:
  // One pass over the columns; fused: the nodes of column n_cols - 2 are cached and each child of column
  // n_cols - 3 is finished at once (nullopt when that would exceed work->fused_limit_bytes); layered: the states
  // of column n_cols - 2 are stored and finished one row total at a time (finish_layer).
  std::optional<ld> run(bool prune, bool fused, ld* dropped, TrendWork* work) const;
  ld finish_layer(std::vector<std::vector<State>>& layer, WorkingSet* ws) const;

  ld log_choose(long n, long r) const { return lf_[n] - lf_[r] - lf_[n - r]; }

  // Range of the statistic over the completions of (s, columns j..): fill lowest / highest scores first.
  void t_range(int j, long s, ld* t_min, ld* t_max) const {
    std::vector<std::pair<ld, long>> sw;
    for (int c = j; c < n_cols_; ++c) sw.push_back({cols_[c].w, cols_[c].c});
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
  }

  Conditional conditional(int j, long s) const {
    Conditional out;
    const long m_next = remaining_[j + 1];
    out.lo = std::max(0L, s - m_next);
    out.hi = std::min(cols_[j].c, s);
    const size_t width = static_cast<size_t>(out.hi - out.lo + 1);
    out.h.resize(width);
    out.prefix.resize(width);
    out.suffix.resize(width);
    const ld log_denominator = log_choose(remaining_[j], s);
    for (size_t q = 0; q < width; ++q) {
      const long x = out.lo + static_cast<long>(q);
      out.h[q] = expl(log_choose(cols_[j].c, x) + log_choose(m_next, s - x) - log_denominator);
      if (out.h[q] > out.h[out.mode]) out.mode = q;
    }
    ld run_sum = 0;
    for (size_t q = 0; q < width; ++q) out.prefix[q] = (run_sum += out.h[q]);
    run_sum = 0;
    for (size_t q = width; q-- > 0;) out.suffix[q] = (run_sum += out.h[q]);
    return out;
  }

  // A node of column n_cols - 2: only its prefix and suffix sums are read (last_two_extreme), so h is freed.
  Conditional last_node(long s) const {
    Conditional out = conditional(n_cols_ - 2, s);
    std::vector<ld>().swap(out.h);
    return out;
  }

  // Probability that the last two columns make the table extreme, from node (n_cols - 2, s) with partial t:
  // T(y) = t + w_a y + w_b (s - y) is linear in y, so the extreme y form a prefix and/or a suffix, located by
  // solving the linear inequalities and correcting the rounding with the exact predicate.
  ld last_two_extreme(const Conditional& node, long s, ld t) const {
    const ld low_edge = low_edge_, high_edge = high_edge_;
    const ld base = t + w_b_ * s, slope = w_a_ - w_b_;
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
  }

  ld last_two_extreme_int(const Conditional& node, long s, long long t) const {
    const long long base = t + wb_i_ * s, slope = wa_i_ - wb_i_;
    if (slope == 0) return (base <= int_low_ || base >= int_high_) ? node.prefix.back() : 0.0L;
    // Prefix y <= y_p and suffix y >= y_s are extreme (low/high T swap with the sign of the slope):
    // slope > 0: y_p = floor((low - base) / slope), y_s = ceil((high - base) / slope);
    // slope < 0: y_p = floor((base - high) / -slope), y_s = ceil((base - low) / -slope).
    const long long d = slope > 0 ? slope : -slope;
    long long y_p = slope > 0 ? floor_div(int_low_ - base, d) : floor_div(base - int_high_, d);
    long long y_s = slope > 0 ? -floor_div(base - int_high_, d) : -floor_div(int_low_ - base, d);
    y_p = std::max<long long>(node.lo - 1, std::min<long long>(node.hi, y_p));
    y_s = std::max<long long>(std::max<long long>(node.lo, y_p + 1), std::min<long long>(node.hi + 1, y_s));
    ld tails = 0;
    if (y_p >= node.lo) tails += node.prefix[y_p - node.lo];
    if (y_s <= node.hi) tails += node.suffix[y_s - node.lo];
    return tails;
  }

  // Sort the states of a node by T and merge those within merge_tol.
  void merge_states(std::vector<State>& states) const {
    std::sort(states.begin(), states.end(), [](const State& a, const State& b) { return a.t < b.t; });
    size_t out = 0;
    for (size_t i = 1; i < states.size(); ++i) {
      if (states[i].t - states[out].t <= merge_tol_) {
        states[out].mass += states[i].mass;
      } else {
        states[++out] = states[i];
      }
    }
    states.resize(out + 1);
  }

  // Expands the states of node (j, s): settled states add to *p; the others' children go to next[s2] or, when
  // fused (j = n_cols - 3), are finished with the last two columns' tails (nodes built on demand in last_nodes).
  // Returns false, unfinished, as soon as the working set exceeds its limit.
  bool expand_node(int j, long s, std::vector<State>& states, ld negligible, bool fused,
                   std::vector<std::vector<State>>* next, std::vector<std::unique_ptr<Conditional>>* last_nodes,
                   WorkingSet* ws, ld* p, ld* dropped) const;

  std::vector<Column> cols_;
  int n_cols_;
  long n_total_, r0_;
  ld low_edge_, high_edge_, merge_tol_ = 0, log_p_obs_ = 0, w_a_ = 0, w_b_ = 0;
  std::vector<ld> lf_;
  std::vector<long> remaining_;
  bool integer_path_ = false;
  long long int_low_ = 0, int_high_ = 0, wa_i_ = 0, wb_i_ = 0;
  std::vector<long long> w_int_;
};

bool TrendNetwork::expand_node(int j, long s, std::vector<State>& states, ld negligible, bool fused,
                               std::vector<std::vector<State>>* next,
                               std::vector<std::unique_ptr<Conditional>>* last_nodes, WorkingSet* ws, ld* p,
                               ld* dropped) const {
  const ld low_edge = low_edge_, high_edge = high_edge_;
  const ld w_j = cols_[j].w;
  const long long w_j_int = w_int_[j];
  merge_states(states);
  const Conditional node = conditional(j, s);
  const WorkingSet::Hold node_held(ws, bytes_of(node));
  const size_t width = node.h.size();
  ld t_min, t_max;
  t_range(j, s, &t_min, &t_max);
  for (const State& st : states) {
    if (st.t + t_max <= low_edge || st.t + t_min >= high_edge) {  // every completion is extreme
      *p += st.mass;
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
        (*next)[s2].push_back({st.t + w_j * x, t2_int, mass2});
        ws->add(sizeof(State));
        continue;
      }
      std::unique_ptr<Conditional>& child = (*last_nodes)[s2];
      if (!child) {
        child = std::make_unique<Conditional>(last_node(s2));
        ws->add(bytes_of(*child));
        if (ws->over()) return false;
      }
      *p += mass2 * (integer_path_ ? last_two_extreme_int(*child, s2, t2_int)
                                   : last_two_extreme(*child, s2, st.t + w_j * x));
    }
  }
  return true;
}

// The layered pass's last step: each row total s2 of column n_cols - 2 with its merged states and one
// conditional law, freed before the next.
ld TrendNetwork::finish_layer(std::vector<std::vector<State>>& layer, WorkingSet* ws) const {
  ld p = 0;
  for (long s2 = 0; s2 < static_cast<long>(layer.size()); ++s2) {
    std::vector<State>& states = layer[s2];
    if (states.empty()) continue;
    const std::size_t held = states.size() * sizeof(State);
    merge_states(states);
    const Conditional node = last_node(s2);
    const WorkingSet::Hold node_held(ws, bytes_of(node));
    for (const State& st : states)
      p += st.mass * (integer_path_ ? last_two_extreme_int(node, s2, st.ti) : last_two_extreme(node, s2, st.t));
    std::vector<State>().swap(states);
    ws->remove(held);
  }
  return p;
}

std::optional<ld> TrendNetwork::run(bool prune, bool fused_mode, ld* dropped, TrendWork* work) const {
  const ld negligible = prune ? expl(log_p_obs_) * kNegligibleMass : 0.0L;
  WorkingSet ws(fused_mode ? work->fused_limit_bytes : std::numeric_limits<std::size_t>::max());
  ld p = 0;
  std::vector<std::vector<State>> current(remaining_[0] + 1);
  current[r0_].push_back({0.0L, 0, 1.0L});
  ws.add(sizeof(State));
  // Nodes of column n_cols - 2 (fused), built on demand and freed once no parent can reach them.
  std::vector<std::unique_ptr<Conditional>> last_nodes(fused_mode ? remaining_[n_cols_ - 2] + 1 : 0);
  for (int j = 0; j + 2 < n_cols_; ++j) {
    const bool fused = fused_mode && (j + 3 == n_cols_);  // children are nodes of column n_cols - 2
    std::vector<std::vector<State>> next(fused ? 0 : remaining_[j + 1] + 1);
    for (long s = 0; s <= remaining_[j]; ++s) {
      std::vector<State>& states = current[s];
      if (states.empty()) continue;
      const std::size_t held = states.size() * sizeof(State);
      const bool within = expand_node(j, s, states, negligible, fused, &next, &last_nodes, &ws, &p, dropped);
      std::vector<State>().swap(states);
      ws.remove(held);
      work->peak_bytes = std::max(work->peak_bytes, ws.peak());
      if (!within || ws.over()) return std::nullopt;
      if (fused) {
        for (long s2 = std::max(0L, s - cols_[j].c - 64); s2 < s - cols_[j].c; ++s2) {
          if (!last_nodes[s2]) continue;
          ws.remove(bytes_of(*last_nodes[s2]));
          last_nodes[s2].reset();
        }
      }
    }
    current.swap(next);
  }
  if (!fused_mode) p += finish_layer(current, &ws);
  work->peak_bytes = std::max(work->peak_bytes, ws.peak());
  return p;
}

ld TrendNetwork::p_value(bool prune, ld* dropped, TrendWork* work) const {
  if (n_cols_ == 2) {
    const Conditional root = conditional(0, r0_);
    work->peak_bytes = std::max(work->peak_bytes, bytes_of(root));
    return integer_path_ ? last_two_extreme_int(root, r0_, 0) : last_two_extreme(root, r0_, 0.0L);
  }
  if (!work->layered) {
    if (std::optional<ld> p = run(prune, true, dropped, work)) return *p;
    work->layered = true;
  }
  *dropped = 0;
  return *run(prune, false, dropped, work);
}

}  // namespace

// Exact trend test: a network over the columns like Freeman-Halton, but the nodes are (remaining altered s,
// partial statistic T) and carry a probability mass, since whether a table counts depends only on T. The mass of
// a child is the parent's times the hypergeometric probability of x_j given s. A node is settled when the range
// of T over its completions ([T + Tmin, T + Tmax], Tmin/Tmax by filling the lowest/highest scores first) lies
// wholly inside or wholly outside the extreme region; at the second-to-last column T is linear in x, so the
// counted children are two tails summed from prefix/suffix sums. Nodes with equal (s, T) are merged: scores that
// are multiples of 1/L (L <= 10^4, e.g. 0..k-1, or halves) are scaled to integers so that T merges exactly;
// other scores merge T values within 1e-9 * max|score| (far inside the 1e-7 tie tolerance). Children whose mass
// is below 1e-20 of the observed table's probability are dropped with their mass accounted, as in Freeman-Halton.
// Memory: in the fused pass every node of column n_cols - 2 that a child of column n_cols - 3 reaches is cached
// (its prefix and suffix sums, ~c_{n-2} entries each) while a parent can still reach it; at N = 100,000 that is
// thousands of nodes of tens of thousands of entries (1.7 GB). When the pass would hold more than
// TrendWork::fused_limit_bytes it is abandoned for the layered pass: the children of column n_cols - 3 are
// stored as states of column n_cols - 2 (merged by (s, T) like every other layer) and each row total s2 is
// finished with one conditional law, built, used by all its states and freed. Both passes sum the same terms
// over the same (x_1 .. x_{k-2}) paths with the same pruning; only the order of the additions differs (and the
// layered pass multiplies merged masses once; non-integer scores also merge T within 1e-9 * max|score| there, as
// at every earlier column), so they agree to long double rounding. The layered pass holds the states of one
// column (~45 MB at N = 100,000, linear in N for four columns). Tables whose fused pass fits the limit (every
// table of the tests and goldens) still take it, so their p-values are unchanged to the bit.
double exact_trend_2xk(const std::vector<long>& row_altered, const std::vector<long>& row_wildtype,
                       const std::vector<double>& scores_in, TrendWork* work_out) {
  TrendWork local;
  TrendWork* work = work_out ? work_out : &local;
  work->peak_bytes = 0;
  work->layered = false;
  std::vector<Column> cols = trend_columns(row_altered, row_wildtype, scores_in);
  if (cols.size() < 2) return 1.0;
  ld max_abs_w = 0;
  for (const Column& col : cols) max_abs_w = std::max(max_abs_w, fabsl(col.w));
  if (max_abs_w == 0) return 1.0;
  const bool integer_scores = scale_scores_to_integers(&cols, &max_abs_w);
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
  const TrendNetwork network(std::move(cols), integer_scores, max_abs_w, n_total, r0, expected - critical,
                             expected + critical);
  ld dropped = 0;
  ld p = network.p_value(true, &dropped, work);
  if (dropped > 1e-12L * p) {
    dropped = 0;
    p = network.p_value(false, &dropped, work);
  }
  return static_cast<double>(std::min<ld>(1.0L, std::max<ld>(0.0L, p)));
}

}  // namespace pathcorr
