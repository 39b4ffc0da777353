// Format detection, once per input: VCF and BCF by htslib's own detection, the tables by peeking at their header
// (after a GATK '@' SAM header or an R "WARNING:" line): MAF, ANNOVAR and the copy-number tables (CNVkit, GATK
// and DNAcopy/IGV .seg, PURPLE, ASCAT/PCGR, cBioPortal data_CNA / GISTIC). A further format is one more
// InputFormat value with one header test in detect.cpp's table of sniffers.
#pragma once
#include <string>
#include <vector>

#include "pipeline/io/table_io.h"

namespace pathcorr {

enum class InputFormat {
  Vcf, Bcf, Maf, AnnovarTable,
  CnvkitSegments, GatkSegments, DnacopySeg, PurpleCopyNumber, AlleleSpecificSegments, DiscreteCnaTable,
  Unknown
};

struct DetectedFormat {
  InputFormat format = InputFormat::Unknown;
  std::string reason;  // why the format is Unknown: cannot open, empty, no known header (names the first columns)
  bool unreadable = false;  // the start of the file could not be read (damaged compressed data, I/O error)
};

// Detects the format of `path` (plain, gzip or BGZF; "-" is not peeked at and comes back Unknown):
//  - Vcf / Bcf: htslib's hts_detect_format (a '##fileformat=VCF' first line, a BCF magic);
//  - Maf: the first line that is neither blank nor '#' names Hugo_Symbol and Tumor_Sample_Barcode (any case);
//  - AnnovarTable: that line names Chr, Start, End, Ref, Alt (any case) and a Func.<database> column;
//  - the copy-number formats by the header tests below;
//  - Unknown otherwise, with the reason (a file that cannot be opened, is empty, or whose compressed start is
//    already damaged: "PATH: damaged or truncated compressed data ..."). Never throws for a bad file, so that
//    the reader chosen afterwards reports it where the caller handles input errors (--keep-going).
DetectedFormat detect_format(const std::string& path);

// The header tests, public for readers that already hold a header.
bool is_maf_header(const std::vector<std::string>& columns);
bool is_annovar_table_header(const std::vector<std::string>& columns);
// Copy-number tables (SPEC "Copy number and structural variants"): CNVkit `chromosome start end ... log2`;
// GATK `CONTIG START END` after '@HD'/'@SQ' lines; DNAcopy/IGV SEG, 6+ columns: a sample column, then
// chromosome, start and end by any of their known names; PURPLE `chromosome start end copyNumber`; ASCAT/PCGR
// `nMajor`/`nMinor`; cBioPortal data_CNA / GISTIC thresholded: `Hugo_Symbol` (or `Gene Symbol`) without
// `Tumor_Sample_Barcode`.
bool is_cnvkit_header(const std::vector<std::string>& columns);
bool is_gatk_seg_header(const std::vector<std::string>& columns, const std::vector<std::string>& preamble);
bool is_dnacopy_seg_header(const std::vector<std::string>& columns);
bool is_purple_cn_header(const std::vector<std::string>& columns);
bool is_allele_specific_header(const std::vector<std::string>& columns);
bool is_discrete_cna_header(const std::vector<std::string>& columns);

// A table after its preamble: the lines before the header that are neither blank nor '#' comments - SAM-style
// '@' lines (GATK .seg) and R's "WARNING:" lines (a .seg written by an R script) - are kept in `preamble` and
// the rest is read by read_table with `options` (line numbers stay physical). header_only: only the preamble and
// the header are read.
struct PreambleTable {
  std::vector<std::string> preamble;
  TextTable table;
};
PreambleTable read_table_after_preamble(const std::string& path, const TableOptions& options,
                                        bool header_only = false);

const char* to_string(InputFormat format);
// The copy-number formats (segment and gene-level tables).
bool is_copy_number_format(InputFormat format);
// Formats whose one file holds many patients, named inside it: MAF, ANNOVAR table, DNAcopy/IGV SEG, gene
// copy-number tables, ASCAT segments (PCGR files of the same format hold one sample, and are read the same way).
bool holds_many_patients(InputFormat format);

}  // namespace pathcorr
