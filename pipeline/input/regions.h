// Genomic intervals per chromosome, sorted and merged: the capture targets of an assay (input/targets.h) and the
// gene regions a VCF is read through (an index query per region, or a position test on each raw line).
// Chromosome names are kept canonical (base/genome.h: no "chr" prefix, MT for chrM).
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pathcorr {

using GenomicInterval = std::pair<int64_t, int64_t>;  // 1-based inclusive

class RegionSet {
 public:
  // Adds chrom:start-end (1-based inclusive; chrom in any naming). Call merge() before any query.
  void add(std::string_view chrom, int64_t start, int64_t end);
  // Sorts each chromosome's intervals and merges those that overlap or touch.
  void merge();
  bool empty() const { return by_chrom_.empty(); }
  // Whether any interval overlaps chrom:start-end (1-based inclusive; chrom in any naming).
  bool overlaps(std::string_view chrom, int64_t start, int64_t end) const;
  // The sorted, merged intervals of a canonical chromosome name; nullptr when it has none.
  const std::vector<GenomicInterval>* intervals(const std::string& canonical) const;
  const std::map<std::string, std::vector<GenomicInterval>>& by_chrom() const { return by_chrom_; }

 private:
  std::map<std::string, std::vector<GenomicInterval>> by_chrom_;
};

// Whether `pos` lies in one of the sorted, merged `intervals`.
bool contains(const std::vector<GenomicInterval>& intervals, int64_t pos);

}  // namespace pathcorr
