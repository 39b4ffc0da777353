// The --samples sheet (SPEC "Commands"): which VCF belongs to which patient, and optionally which sample column
// is the tumour. Also the default patient-from-file-name rule used when there is no sheet.
#pragma once
#include <cmath>
#include <string>
#include <vector>

#include "pipeline/io/detect.h"

namespace pathcorr {

struct SampleSheetRow {
  std::string patient_id;
  std::string vcf;           // resolved path (see read_sample_sheet)
  DetectedFormat detected;   // the file's format, detected once per distinct file
  std::string sample_id;     // optional, free text (e.g. the sequencing library / sample barcode)
  std::string tumor_sample;  // optional: name of the tumour sample column in the VCF
  std::string targets;       // optional: BED of the sequenced regions, resolved like vcf
  std::string cnv;           // optional: the patient's copy-number or SV file, resolved like vcf
  DetectedFormat cnv_detected;
  double ploidy = std::nan("");  // optional: tumour ploidy for absolute copy numbers
  double purity = std::nan("");  // optional: tumour purity in (0, 1] for log2 ratios
  long line = 0;             // line in the sheet
};

// Reads the sample sheet: TSV (or CSV by extension), columns patient_id and vcf, optional sample_id,
// tumor_sample, targets, cnv, ploidy, purity (names matched exactly, then case-insensitively); other columns are
// ignored. With a `cnv` column, a row needs a vcf or a cnv file (or both); the `vcf` column may then be absent.
// A file of many patients (MAF, ANNOVAR table, SEG, gene copy-number table, ASCAT segments) may be on many rows.
// Relative vcf/targets paths are resolved against the directory of the sheet itself (not the working
// directory), so a sheet and its VCFs can be moved together; absolute paths are kept.
// Several rows per patient are allowed (Strelka2 SNVs + indels). InputError "sheet:line: ..." for: missing
// column, empty patient_id or vcf, a vcf/targets file that does not exist, the same vcf on two rows (after
// resolving, also through symlinks), a sheet without rows.
std::vector<SampleSheetRow> read_sample_sheet(const std::string& path);

// Patient ID from a VCF file name: the base name up to its first '.' ("dir/HN01.mutect2.vcf.gz" -> "HN01").
// InputError when that is empty (".hidden.vcf", "dir/").
std::string patient_from_filename(const std::string& path);

}  // namespace pathcorr
