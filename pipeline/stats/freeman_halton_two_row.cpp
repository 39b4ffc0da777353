// The two-row network of the Freeman-Halton test (freeman_halton_network.h): the 2 x k tables of the pipeline.
#include "pipeline/stats/freeman_halton_network.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <numeric>

namespace pathcorr {
namespace stats_detail {

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

namespace {

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
    smallest_budget_.assign(remaining_[j + 1] + 1, std::numeric_limits<ld>::infinity());
    for (long s = 0; s <= remaining_[j]; ++s) {
      if (current[s].empty()) continue;
      merge_paths(current[s]);  // also sorts by past length (a second merge changes nothing)
      note_budgets(j, s, current[s]);
    }
    for (long s = 0; s <= remaining_[j]; ++s) {
      std::vector<Path>& paths = current[s];
      if (paths.empty()) continue;
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
  // g(x) = v_j(x) + LP[j+1][s - x] (longest completion through x, concave) and its argmax. A node of column
  // n_cols - 2 keeps its arrays only over the window [w_lo, w_hi] that the fused sweep reads (window_node).
  struct Node {
    int j;
    long s, x_lo, x_hi, x_star;
    long w_lo, w_hi;  // the x whose prefix, suffix and g are stored; [x_lo, x_hi] unless windowed
    ld scale;
    std::vector<ld> prefix, suffix, g;  // indexed by x - w_lo
  };

  ld v(int j, long x) const { return lf_[col_[j]] - lf_[x] - lf_[col_[j] - x]; }
  static ld g(const Node& node, long x) { return node.g[x - node.w_lo]; }

  Node make_node(int j, long s) const {
    Node node;
    node.j = j;
    node.s = s;
    const long m_next = remaining_[j + 1];
    node.x_lo = std::max(0L, s - m_next);
    node.x_hi = std::min(col_[j], s);
    node.w_lo = node.x_lo;
    node.w_hi = node.x_hi;
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
    if (xa > node.x_lo) tails += node.prefix[xa - 1 - node.w_lo];
    if (xb < node.x_hi) tails += node.suffix[xb + 1 - node.w_lo];
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
  // The paths of node (j, s) (sorted by past) whose children are not all decided, into *open (still sorted),
  // with the union [*x_min, *x_max] of their undecided children; returns the total of the decided ones.
  ld open_paths(const Node& node, const std::vector<Path>& paths, std::vector<Path>* open, long* x_min,
                long* x_max) const {
    ld p = 0;
    *x_min = node.x_hi + 1;
    *x_max = node.x_lo - 1;
    for (const Path& path : paths) {
      if (path.past + shortest_[node.j][node.s] > threshold_) break;  // sorted: all later paths are dropped too
      long xa, xb;
      p += path_weight(path, node) * counted_tails(node, threshold_ - path.past, &xa, &xb);
      if (xa <= xb) {
        open->push_back(path);
        *x_min = std::min(*x_min, xa);
        *x_max = std::max(*x_max, xb);
      }
    }
    return p;
  }

  // For child x of node (j, s): the open paths that walk the child are [first, end) (first: x is inside
  // their interval, past > threshold - g(x); end: the first whose completions through the child cannot count).
  std::pair<size_t, size_t> walking_paths(const std::vector<ld>& past, ld vx, long s2) const {
    const ld g_x = vx + longest_[n_cols_ - 2][s2];
    const size_t first =
        static_cast<size_t>(std::upper_bound(past.begin(), past.end(), threshold_ - g_x) - past.begin());
    const ld child_shortest = shortest_[n_cols_ - 2][s2];
    const size_t end = static_cast<size_t>(
        std::partition_point(past.begin() + static_cast<std::ptrdiff_t>(first), past.end(),
                             [&](ld pa) { return !(pa + vx + child_shortest > threshold_); }) -
        past.begin());
    return {first, end};
  }

  // Pre-pass of the fused stage: for every node of column n_cols - 2, the smallest budget its sweep will use
  // (the last path it walks has the largest past). The sweep's two pointers then never leave the window of x
  // where g > that budget, plus one on each side, so the node keeps only that window (window_node): the
  // others are tails far below the observed table's probability that are never read.
  void note_budgets(int j, long s, const std::vector<Path>& paths) {
    const Node node = make_node(j, s);
    std::vector<Path> open;
    long x_min, x_max;
    open_paths(node, paths, &open, &x_min, &x_max);
    std::vector<ld> past(open.size());
    for (size_t i = 0; i < open.size(); ++i) past[i] = open[i].past;
    for (long x = x_min; x <= x_max; ++x) {
      const long s2 = s - x;
      const ld vx = v(j, x);
      const auto [first, end] = walking_paths(past, vx, s2);
      if (first >= end) continue;
      const ld budget = threshold_ - (past[end - 1] + vx);
      smallest_budget_[s2] = std::min(smallest_budget_[s2], budget);
    }
  }

  // The node of column n_cols - 2 for s2 with its arrays cut to what the sweep reads: the full sums are formed
  // first (the same values, bit for bit), then only [ya - 1, yb + 1] is kept, ya / yb where the pointers stop
  // at the smallest budget; at least x_star - 1 .. x_star + 1.
  Node window_node(long s2) const {
    Node node = make_node(n_cols_ - 2, s2);
    const ld budget = smallest_budget_[s2];
    long ya = node.x_star, yb = node.x_star;
    while (ya > node.x_lo && g(node, ya - 1) > budget) --ya;
    while (yb < node.x_hi && g(node, yb + 1) > budget) ++yb;
    const long w_lo = std::max(node.x_lo, ya - 1), w_hi = std::min(node.x_hi, yb + 1);
    auto cut = [&](std::vector<ld>& a) {
      std::vector<ld>(a.begin() + (w_lo - node.x_lo), a.begin() + (w_hi - node.x_lo + 1)).swap(a);
    };
    cut(node.prefix);
    cut(node.suffix);
    cut(node.g);
    node.w_lo = w_lo;
    node.w_hi = w_hi;
    return node;
  }

  ld fused_node(int j, long s, const std::vector<Path>& paths) {
    const Node node = make_node(j, s);
    std::vector<Path> open;  // paths with undecided children, still sorted by past
    long x_min, x_max;
    ld p = open_paths(node, paths, &open, &x_min, &x_max);
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
      const auto [first, end] = walking_paths(past, vx, s2);
      if (first >= end) continue;  // no path walks this child
      const Node& child = last_node(s2);
      const ld factor = expl(log_k_ + top + vx + child.scale);
      long ya = child.x_star, yb = child.x_star;
      ld sum = 0;
      for (size_t i = first; i < end; ++i) {
        const ld past2 = past[i] + vx;
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
    if (!slot) slot = std::make_unique<Node>(window_node(s2));
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
  std::vector<ld> smallest_budget_;  // per node of column n_cols - 2 (note_budgets)
  bool prune_ = true;
  ld dropped_ = 0;
};

}  // namespace

ld two_row_network_p_value(const std::vector<long>& top, const std::vector<long>& col, ld log_tol,
                           bool prune_negligible, ld* dropped_mass) {
  TwoRowNetwork network(top, col, log_tol);
  return network.p_value(prune_negligible, dropped_mass);
}

}  // namespace stats_detail
}  // namespace pathcorr
