// Format detection, once per input: VCF and BCF by htslib's own detection, the tables by peeking at their header.
// Further formats (copy-number: CNVkit .cns, GATK and IGV .seg, PURPLE, ASCAT, cBioPortal data_CNA, GISTIC; SV
// tables) are added as further InputFormat values with one header test each in detect.cpp's table of sniffers.
#pragma once
#include <string>
#include <vector>

namespace pathcorr {

enum class InputFormat { Vcf, Bcf, Maf, AnnovarTable, Unknown };

struct DetectedFormat {
  InputFormat format = InputFormat::Unknown;
  std::string reason;  // why the format is Unknown: cannot open, empty, no known header (names the first columns)
  bool unreadable = false;  // the start of the file could not be read (damaged compressed data, I/O error)
};

// Detects the format of `path` (plain, gzip or BGZF; "-" is not peeked at and comes back Unknown):
//  - Vcf / Bcf: htslib's hts_detect_format (a '##fileformat=VCF' first line, a BCF magic);
//  - Maf: the first line that is neither blank nor '#' names Hugo_Symbol and Tumor_Sample_Barcode (any case);
//  - AnnovarTable: that line names Chr, Start, End, Ref, Alt (any case) and a Func.<database> column;
//  - Unknown otherwise, with the reason (a file that cannot be opened, is empty, or whose compressed start is
//    already damaged: "PATH: damaged or truncated compressed data ..."). Never throws for a bad file, so that
//    the reader chosen afterwards reports it where the caller handles input errors (--keep-going).
DetectedFormat detect_format(const std::string& path);

// The header tests, public for readers that already hold a header.
bool is_maf_header(const std::vector<std::string>& columns);
bool is_annovar_table_header(const std::vector<std::string>& columns);

const char* to_string(InputFormat format);

}  // namespace pathcorr
