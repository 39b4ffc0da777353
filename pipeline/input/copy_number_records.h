// What copy-number readers yield: segments of each sample with the scale their values are on, and what the file
// states about ploidy and purity. classify/copy_number turns them into gene-level calls.
#pragma once
#include <cmath>
#include <string>

namespace pathcorr {

// Absolute copy number (PURPLE, ASCAT/PCGR nMajor + nMinor, CN VCF), log2 copy ratio (CNVkit, GATK, DNAcopy
// SEG), or a discrete -2..2 call (cBioPortal data_CNA, GISTIC thresholded).
enum class CnScale { Absolute, Log2, Discrete };

// One segment of one sample, 1-based and closed, chromosome as the file writes it.
struct CnSegment {
  std::string chrom;
  long long start = 0, end = 0;
  double value = std::nan("");
  long line = 0;  // where the file states it, for calls.tsv provenance and messages
};

}  // namespace pathcorr
