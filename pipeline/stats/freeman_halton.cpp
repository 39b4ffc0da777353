// fisher_exact_rxc (freeman_halton.h): input checks, empty rows and columns, the 2x2 rule, and the choice of
// network; the networks themselves are in freeman_halton_two_row.cpp and freeman_halton_general.cpp.
#include "pipeline/stats/freeman_halton.h"

#include <algorithm>
#include <numeric>
#include <string>

#include "pipeline/base/errors.h"
#include "pipeline/stats/fisher_2x2.h"
#include "pipeline/stats/freeman_halton_network.h"

namespace pathcorr {

using namespace stats_detail;

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
      return two_row_network_p_value(top, col, kFexactLogTol, prune, dropped);
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

}  // namespace pathcorr
