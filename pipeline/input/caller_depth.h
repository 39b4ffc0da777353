// Tumour allele depth and VAF from whichever fields the variant caller wrote (SPEC "Depth and VAF"), as a table of
// caller conventions tried in order: user-declared tags first, then allele counts (AD Number=R, PCGR's ADT,
// VarScan2 AD+RD, FreeBayes AO/RO, Strelka2 SNV tiers, Strelka2 indel TIR/TAR), depth (DP, DPT, INFO TDP, else the
// counts' total) and VAF (AF, FA, FREQ, INFO TVAF, else counts). Knows values only, not files.
#pragma once
#include <cmath>
#include <functional>
#include <string>
#include <vector>

namespace pathcorr {

// Tags a user declares to override the caller conventions (--vaf-tag, --depth-tag, --alt-depth-tag). Each may
// name a FORMAT field of the tumour sample or an INFO field (FORMAT is tried first).
struct DepthTags {
  std::string vaf, depth, alt_depth;
};

// Tumour allele depth and VAF for one ALT allele; NaN when the file does not say.
struct AlleleDepth {
  double depth = std::nan("");
  double alt_depth = std::nan("");
  double vaf = std::nan("");
};

// What the conventions read of one record: the tumour sample's FORMAT values and the INFO values of a tag as
// numbers ({} when absent), and the record's alleles.
struct RecordValues {
  std::function<std::vector<double>(const char* tag)> format;  // {} for a sites-only file
  std::function<std::vector<double>(const char* tag)> info;
  int n_allele = 0;      // REF + ALTs
  int alt_index = 0;     // 0-based ALT asked about
  std::string ref, alt;  // that allele
};

AlleleDepth allele_depth(const RecordValues& v, const DepthTags& tags);

}  // namespace pathcorr
