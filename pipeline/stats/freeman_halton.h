// The Freeman-Halton exact test of an r x c table (R fisher.test for r x c, without workspace limits). Pure.
#pragma once
#include <vector>

namespace pathcorr {

// Freeman-Halton exact test of an r x c table: the sum of the probabilities (given all margins) of the tables no
// more likely than the observed one. Tolerance as R: an input 2x2 table uses fisher.test's 2x2 rule (relative
// 1e-7), any other shape FEXACT's (log-probability within 3.45254e-7). Rows and columns that sum to 0 are dropped;
// fewer than 2 non-empty rows or columns give 1. Exact for any size (network algorithm, see
// freeman_halton_network.h); no workspace limit. Rows must all have the same length and cells must be >= 0 (InputError otherwise).
double fisher_exact_rxc(const std::vector<std::vector<long>>& table);

}  // namespace pathcorr
