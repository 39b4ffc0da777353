// Internal to pipeline/stats: the two network algorithms behind fisher_exact_rxc (freeman_halton.cpp), one for
// two rows (freeman_halton_two_row.cpp) and one for more (freeman_halton_general.cpp).
//
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
#pragma once
#include <vector>

#include "pipeline/stats/numeric.h"

namespace pathcorr {
namespace stats_detail {

struct Path {
  ld past;  // sum of v_j over the columns placed so far
  ld mult;  // number of merged paths with this past length
};

// Sort by past length and merge lengths equal to 1e-12 (relative 1e-12 in probability, far inside the 3.45e-7
// tolerance of the counting rule).
void merge_paths(std::vector<Path>& paths);

// Sum of the probabilities of the 2 x k tables (top row top[j], column totals col[j] > 0) no more likely than the
// observed one, within log_tol. Subtrees below kNegligibleMass of the observed probability are dropped when
// prune_negligible, their mass added to *dropped_mass.
ld two_row_network_p_value(const std::vector<long>& top, const std::vector<long>& col, ld log_tol,
                           bool prune_negligible, ld* dropped_mass);

// The same for three or more rows (rows <= columns); table[i][j] the cells.
ld freeman_halton_general(const std::vector<std::vector<long>>& table, ld log_tol, bool prune_negligible,
                          ld* dropped_mass);

}  // namespace stats_detail
}  // namespace pathcorr
