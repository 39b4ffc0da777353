// What copy-number readers yield: segments of each sample with the scale their values are on, and what the file
// states about ploidy and purity. classify/copy_number turns them into gene-level calls.
#pragma once
#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/base/genome.h"
#include "pipeline/io/detect.h"

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

// One sample of a copy-number file: its segments in file order, or for a gene-level table its value per gene.
struct CnSample {
  std::string name;  // "" when the file names no sample: the caller takes the file name's patient
  std::vector<CnSegment> segments;
  std::map<std::string, double> gene_values;  // gene symbol -> -2..2 (CnScale::Discrete tables)
  std::map<std::string, long> gene_lines;     // gene symbol -> its line, for provenance
};

struct CopyNumberFile {
  std::string path;
  InputFormat format = InputFormat::Unknown;
  CnScale scale = CnScale::Log2;
  std::optional<Build> build;      // when the file states one (GATK @SQ AS:, a name holding hg19/GRCh38 ...)
  double ploidy = std::nan("");    // when the file (or PURPLE's purity.tsv beside it) states it
  double purity = std::nan("");
  std::vector<CnSample> samples;   // in order of first appearance
  // Rows left out on purpose: CNVkit's zero-probe segments whose start is after their end (older CNVkit writes
  // them for targets without bins; they hold no data, and swapped they would span megabases).
  std::vector<long> skipped_lines;
};

}  // namespace pathcorr
