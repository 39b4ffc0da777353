// Capture targets (BED) of a sequencing assay: which genes a patient's exome/panel could see at all. A gene
// outside a patient's targets is not evaluable (NA in matrix.tsv), never wild type.
#pragma once
#include <cstdint>
#include <string>

#include "pipeline/input/regions.h"

namespace pathcorr {

class TargetRegions {
 public:
  // BED (0-based, half-open; plain or gzip); `track`/`browser`/`#` lines skipped; chr prefix ignored.
  // InputError with file:line on a bad row.
  static TargetRegions read_bed(const std::string& path);
  // Whether any target overlaps the 1-based inclusive interval chrom:start-end.
  bool overlaps(const std::string& chrom, int64_t start, int64_t end) const;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  RegionSet regions_;
};

}  // namespace pathcorr
