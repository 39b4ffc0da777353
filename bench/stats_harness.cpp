// bench/stats_harness.cpp: times pathcorr's statistics library alone, one test family at a time, on the
// test benchmark's matrix.tsv + clinical.tsv: fisher_exact_2x2 + p_adjust(BH) (what R's fisher.test 2x2 loop
// does), fisher_exact_rxc on the 2 x k best-response table (R's 2 x k loop) and exact_trend_2xk. Tables are
// built as `pathcorr test` builds them (responders CR,PR; categories CR, PR, SD, PD, NE present; trend scores
// CR=3..PD=0 without NE). No file parsing inside the timed loops. Built and run by bench/test_vs_R.sh. The
// per-table functions are timed next to what `pathcorr test` calls: TwoRowFisherNull and TrendNull, one null
// per column margin shared by the features (their construction inside the timing).
// Usage: stats_harness matrix.tsv clinical.tsv
//   -> TSV lines "phase<TAB>wall seconds<TAB>CPU seconds<TAB>features" on stdout. CPU time is the process's
//      (single-threaded), which a shared machine's load disturbs less than wall time.
#include <time.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "pipeline/stats/stats.h"

namespace {

std::vector<std::string> split_tab(const std::string& line) {
  std::vector<std::string> out;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, '\t')) out.push_back(field);
  return out;
}

struct Clock {
  std::chrono::steady_clock::time_point wall = std::chrono::steady_clock::now();
  double cpu = cpu_now();
  static double cpu_now() {
    timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
  }
  // "wall<TAB>cpu" since construction.
  std::string elapsed() const {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.3f\t%.3f",
                  std::chrono::duration<double>(std::chrono::steady_clock::now() - wall).count(), cpu_now() - cpu);
    return buf;
  }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: stats_harness matrix.tsv clinical.tsv\n";
    return 2;
  }
  const std::vector<std::string> order = {"CR", "PR", "SD", "PD", "NE"};
  std::map<std::string, int> category;  // patient -> index in order
  {
    std::ifstream in(argv[2]);
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
      auto f = split_tab(line);
      for (int k = 0; k < 5; ++k)
        if (f.size() > 1 && f[1] == order[k]) category[f[0]] = k;
    }
  }
  // counts[feature][row 0 altered / 1 wild-type][category]
  std::vector<std::vector<std::vector<long>>> counts;
  {
    std::ifstream in(argv[1]);
    std::string line;
    std::getline(in, line);
    const size_t nf = split_tab(line).size() - 1;
    counts.assign(nf, std::vector<std::vector<long>>(2, std::vector<long>(5, 0)));
    while (std::getline(in, line)) {
      auto f = split_tab(line);
      auto c = category.find(f[0]);
      if (c == category.end()) continue;
      for (size_t j = 0; j < nf; ++j) ++counts[j][f[j + 1] == "1" ? 0 : 1][c->second];
    }
  }
  const size_t nf = counts.size();

  Clock t0;
  std::vector<double> p(nf);
  double sink = 0;
  for (size_t j = 0; j < nf; ++j) {
    const auto& t = counts[j];
    const long a = t[0][0] + t[0][1], b = t[0][2] + t[0][3] + t[0][4];
    const long c = t[1][0] + t[1][1], d = t[1][2] + t[1][3] + t[1][4];
    const pathcorr::Fisher2x2 f = pathcorr::fisher_exact_2x2(a, b, c, d);
    p[j] = f.p_value;
    sink += f.odds_ratio + f.ci_low + f.ci_high;
  }
  const std::vector<double> q = pathcorr::p_adjust(p, pathcorr::AdjustMethod::BH);
  sink += q[0];
  const std::string t_2x2 = t0.elapsed();

  t0 = Clock();
  for (size_t j = 0; j < nf; ++j) {
    std::vector<std::vector<long>> table(2);
    for (int k = 0; k < 5; ++k) {
      if (counts[j][0][k] + counts[j][1][k] == 0) continue;
      table[0].push_back(counts[j][0][k]);
      table[1].push_back(counts[j][1][k]);
    }
    sink += pathcorr::fisher_exact_rxc(table);
  }
  const std::string t_rxc = t0.elapsed();

  t0 = Clock();
  for (size_t j = 0; j < nf; ++j) {
    std::vector<long> alt, wt;
    std::vector<double> scores;
    for (int k = 0; k < 4; ++k) {
      if (counts[j][0][k] + counts[j][1][k] == 0) continue;
      alt.push_back(counts[j][0][k]);
      wt.push_back(counts[j][1][k]);
      scores.push_back(3 - k);
    }
    long ta = 0, tw = 0;
    for (size_t k = 0; k < alt.size(); ++k) ta += alt[k], tw += wt[k];
    if (ta && tw && alt.size() >= 2) sink += pathcorr::exact_trend_2xk(alt, wt, scores);
  }
  const std::string t_trend = t0.elapsed();

  // What `pathcorr test` runs: one null per column margin (built inside the timing), then a look-up per feature.
  t0 = Clock();
  {
    std::map<std::vector<long>, long> largest;  // margin -> largest min(n, N - n)
    std::vector<std::vector<long>> tops(nf), margins(nf);
    for (size_t j = 0; j < nf; ++j) {
      long n = 0, total = 0;
      for (int k = 0; k < 5; ++k) {
        if (counts[j][0][k] + counts[j][1][k] == 0) continue;
        tops[j].push_back(counts[j][0][k]);
        margins[j].push_back(counts[j][0][k] + counts[j][1][k]);
        n += counts[j][0][k];
        total += counts[j][0][k] + counts[j][1][k];
      }
      long& l = largest[margins[j]];
      l = std::max(l, std::min(n, total - n));
    }
    std::map<std::vector<long>, std::unique_ptr<pathcorr::TwoRowFisherNull>> nulls;
    for (const auto& [margin, l] : largest) nulls[margin] = pathcorr::TwoRowFisherNull::make(margin, l);
    for (size_t j = 0; j < nf; ++j) {
      const auto& null = nulls[margins[j]];
      std::vector<long> bottom(tops[j].size());
      for (size_t k = 0; k < bottom.size(); ++k) bottom[k] = margins[j][k] - tops[j][k];
      sink += null ? null->p_value(tops[j]) : pathcorr::fisher_exact_rxc({tops[j], bottom});
    }
  }
  const std::string t_rxc_shared = t0.elapsed();

  t0 = Clock();
  {
    std::map<std::vector<long>, long> largest;  // margin (totals, then scores) -> largest altered count
    std::vector<std::vector<long>> alts(nf), margins(nf);
    for (size_t j = 0; j < nf; ++j) {
      std::vector<long> scores;
      long n = 0;
      for (int k = 0; k < 4; ++k) {
        if (counts[j][0][k] + counts[j][1][k] == 0) continue;
        alts[j].push_back(counts[j][0][k]);
        margins[j].push_back(counts[j][0][k] + counts[j][1][k]);
        scores.push_back(3 - k);
        n += counts[j][0][k];
      }
      margins[j].insert(margins[j].end(), scores.begin(), scores.end());
      long& l = largest[margins[j]];
      l = std::max(l, n);
    }
    std::map<std::vector<long>, std::unique_ptr<pathcorr::TrendNull>> nulls;
    for (const auto& [margin, l] : largest) {
      const size_t k = margin.size() / 2;
      nulls[margin] = pathcorr::TrendNull::make(std::vector<long>(margin.begin(), margin.begin() + k),
                                                std::vector<double>(margin.begin() + k, margin.end()), 4000000, l);
    }
    for (size_t j = 0; j < nf; ++j) {
      const auto& null = nulls[margins[j]];
      if (null) sink += null->p_value(alts[j]);
    }
  }
  const std::string t_trend_shared = t0.elapsed();

  std::printf("fisher_exact_2x2 + p_adjust(BH)\t%s\t%zu\n", t_2x2.c_str(), nf);
  std::printf("fisher_exact_rxc (2 x k)\t%s\t%zu\n", t_rxc.c_str(), nf);
  std::printf("TwoRowFisherNull (2 x k, shared margins)\t%s\t%zu\n", t_rxc_shared.c_str(), nf);
  std::printf("exact_trend_2xk\t%s\t%zu\n", t_trend.c_str(), nf);
  std::printf("TrendNull (shared margins)\t%s\t%zu\n", t_trend_shared.c_str(), nf);
  std::fprintf(stderr, "checksum %.6g\n", sink);
  return 0;
}
