// Capture targets (see targets.h).
#include "pipeline/input/targets.h"

#include "pipeline/base/errors.h"
#include "pipeline/io/table_io.h"
#include "pipeline/input/vcf_input.h"

namespace pathcorr {

TargetRegions TargetRegions::read_bed(const std::string& path) {
  TargetRegions t;
  t.path_ = path;
  TableOptions bed;
  bed.delimiter = Delimiter::Tab;
  bed.has_header = false;
  long intervals = 0;
  read_table_rows(path, [&](const TextTable&, std::vector<std::string>& f, long n) {
    if (f[0].rfind("track", 0) == 0 || f[0].rfind("browser", 0) == 0) return;  // UCSC header lines
    if (f.size() < 3)
      throw InputError(path + ":" + std::to_string(n) + ": a BED row needs chrom, start and end (tab-separated)");
    const std::string &chrom = f[0], &a = f[1], &b = f[2];
    auto start = parse_long(a), end = parse_long(b);
    if (!start || !end || *start < 0 || *end <= *start)
      throw InputError(path + ":" + std::to_string(n) + ": start '" + a + "' and end '" + b +
                       "' are not a BED interval (0-based start < end)");
    t.regions_.add(chrom, *start + 1, *end);
    ++intervals;
  }, bed);
  if (intervals == 0) throw InputError(path + ": no intervals (an empty BED would make every gene not evaluable)");
  t.regions_.merge();
  return t;
}

bool TargetRegions::overlaps(const std::string& chrom, int64_t start, int64_t end) const {
  return regions_.overlaps(chrom, start, end);
}

}  // namespace pathcorr
