// The Freeman-Halton network for three or more rows (freeman_halton_network.h): nodes are the sorted vectors of
// remaining row totals, pruned by bounds from relaxations.
#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <numeric>
#include <utility>

#include "pipeline/stats/freeman_halton_network.h"

namespace pathcorr {
namespace stats_detail {
namespace {

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
// The problem's fixed parts: columns sorted smallest first, log factorials, the threshold and the constants.
struct GeneralNetwork {
  size_t n_rows = 0;
  int n_cols = 0;
  std::vector<long> rows, col, remaining;
  std::vector<ld> lf;
  ld threshold = 0, log_k = 0, log_negligible = 0;
};

GeneralNetwork make_general_network(const std::vector<std::vector<long>>& table, ld log_tol) {
  GeneralNetwork net;
  const size_t n_rows = table.size();
  net.n_rows = n_rows;
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
  net.n_cols = n_cols;
  std::vector<long> col(n_cols);
  for (int j = 0; j < n_cols; ++j) col[j] = cols[order[j]];
  const long n_total = std::accumulate(col.begin(), col.end(), 0L);
  net.lf = log_factorials(n_total);
  const std::vector<ld>& lf = net.lf;
  std::vector<long> remaining(n_cols + 1, 0);
  for (int j = n_cols - 1; j >= 0; --j) remaining[j] = remaining[j + 1] + col[j];

  ld obs = 0;
  for (int j = 0; j < n_cols; ++j) {
    obs += lf[col[j]];
    for (size_t i = 0; i < n_rows; ++i) obs -= lf[table[i][order[j]]];
  }
  net.threshold = obs + log_tol;
  ld log_k = -lf[n_total];
  for (long r : rows) log_k += lf[r];
  net.log_k = log_k;
  net.log_negligible = log_k + obs + logl(kNegligibleMass);
  net.rows = std::move(rows);
  net.col = std::move(col);
  net.remaining = std::move(remaining);
  return net;
}

// Bounds on the completion of (rho, columns j..): longest <= sum lf[c] - (lower bound of min sum lf[x]),
// shortest >= sum lf[c] - (upper bound of max sum lf[x]); relaxing row sums or column sums gives separable
// problems, and the tighter of the two relaxations is used.
void completion_bounds(const GeneralNetwork& net, const std::vector<long>& rho, int j, ld* longest, ld* shortest) {
  const std::vector<ld>& lf = net.lf;
  const std::vector<long>& col = net.col;
  if (j + 2 == net.n_cols) {
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
}

// A child of a node: the remaining row totals after column j (sorted) and v_j of the split.
struct Child {
  std::vector<long> rho;
  ld value;
};

// Children: every split x of column j over the rows with x_i <= rho_i.
std::vector<Child> column_splits(const GeneralNetwork& net, const std::vector<long>& rho, int j) {
  const size_t n_rows = net.n_rows;
  const std::vector<ld>& lf = net.lf;
  std::vector<long> x(n_rows, 0);
  std::vector<long> tail_cap(n_rows + 1, 0);
  for (size_t i = n_rows; i-- > 0;) tail_cap[i] = tail_cap[i + 1] + rho[i];
  std::vector<Child> children;
  std::function<void(size_t, long)> split = [&](size_t i, long left) {
    if (i + 1 == n_rows) {
      if (left > rho[i]) return;
      x[i] = left;
      Child child;
      child.rho.resize(n_rows);
      child.value = lf[net.col[j]];
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
  split(0, net.col[j]);
  return children;
}

using NodeMap = std::map<std::vector<long>, std::vector<Path>>;

// One column of the network: every node of `current` (after column j - 1) is expanded into `next`; the paths
// whose completions all count are added to *p (in the order of the one-loop original, so sums stay identical),
// those of which none counts are dropped.
void expand_column(const GeneralNetwork& net, int j, NodeMap& current, NodeMap* next, bool prune_negligible,
                   ld* dropped_mass, ld* p) {
  const std::vector<ld>& lf = net.lf;
  const bool last_expansion = (j + 2 == net.n_cols);
  std::map<std::vector<long>, std::pair<ld, ld>> bound_cache;
  for (auto& node : current) {
    const std::vector<long>& rho = node.first;
    std::vector<Path>& paths = node.second;
    merge_paths(paths);
    for (const Child& child : column_splits(net, rho, j)) {
      ld longest, shortest;
      ld log_total = lf[net.remaining[j + 1]];
      for (long r : child.rho) log_total -= lf[r];
      if (last_expansion) {
        longest = shortest = lf[net.col[j + 1]];
        for (long r : child.rho) longest -= lf[r];
        shortest = longest;
      } else {
        auto cached = bound_cache.find(child.rho);
        if (cached == bound_cache.end()) {
          completion_bounds(net, child.rho, j + 1, &longest, &shortest);
          bound_cache.emplace(child.rho, std::make_pair(longest, shortest));
        } else {
          longest = cached->second.first;
          shortest = cached->second.second;
        }
      }
      std::vector<Path>* target = nullptr;
      for (const Path& path : paths) {
        const ld past2 = path.past + child.value;
        if (past2 + longest <= net.threshold) {
          *p += path.mult * expl(net.log_k + past2 + log_total);
          continue;
        }
        if (past2 + shortest > net.threshold || last_expansion) continue;
        if (prune_negligible && past2 + net.log_k + log_total < net.log_negligible) {
          *dropped_mass += path.mult * expl(past2 + net.log_k + log_total);
          continue;
        }
        if (target == nullptr) target = &(*next)[child.rho];
        target->push_back({past2, path.mult});
      }
    }
  }
}

}  // namespace

ld freeman_halton_general(const std::vector<std::vector<long>>& table, ld log_tol, bool prune_negligible,
                          ld* dropped_mass) {
  const GeneralNetwork net = make_general_network(table, log_tol);
  ld p = 0;
  NodeMap current;
  {
    std::vector<long> start = net.rows;
    std::sort(start.begin(), start.end(), std::greater<long>());
    current[start].push_back({0.0L, 1.0L});
  }
  for (int j = 0; j + 1 < net.n_cols; ++j) {
    NodeMap next;
    expand_column(net, j, current, &next, prune_negligible, dropped_mass, &p);
    current.swap(next);
  }
  return p;
}

}  // namespace stats_detail
}  // namespace pathcorr
