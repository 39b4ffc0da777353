// Genomic intervals (see regions.h).
#include "pipeline/input/regions.h"

#include <algorithm>

#include "pipeline/base/genome.h"

namespace pathcorr {

void RegionSet::add(std::string_view chrom, int64_t start, int64_t end) {
  by_chrom_[canonical_chrom(chrom)].push_back({start, end});
}

void RegionSet::merge() {
  for (auto& [chrom, v] : by_chrom_) {
    std::sort(v.begin(), v.end());
    std::vector<GenomicInterval> merged;
    for (const auto& iv : v) {
      if (!merged.empty() && iv.first <= merged.back().second + 1)
        merged.back().second = std::max(merged.back().second, iv.second);
      else
        merged.push_back(iv);
    }
    v.swap(merged);
  }
}

const std::vector<GenomicInterval>* RegionSet::intervals(const std::string& canonical) const {
  auto it = by_chrom_.find(canonical);
  return it == by_chrom_.end() ? nullptr : &it->second;
}

bool RegionSet::overlaps(std::string_view chrom, int64_t start, int64_t end) const {
  const std::vector<GenomicInterval>* v = intervals(canonical_chrom(chrom));
  if (!v) return false;
  // First interval whose end >= start.
  auto p = std::lower_bound(v->begin(), v->end(), start, [](const GenomicInterval& iv, int64_t s) { return iv.second < s; });
  return p != v->end() && p->first <= end;
}

bool contains(const std::vector<GenomicInterval>& intervals, int64_t pos) {
  auto p = std::lower_bound(intervals.begin(), intervals.end(), pos,
                            [](const GenomicInterval& iv, int64_t s) { return iv.second < s; });
  return p != intervals.end() && p->first <= pos;
}

}  // namespace pathcorr
