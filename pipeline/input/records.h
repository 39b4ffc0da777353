// What the readers work on and yield. In: an InputSpec per (file, patient) the command line or sample sheet names,
// grouped into one InputFile per file to read (input/input_files.h). Out: allele records (one variant allele of
// one tumour sample with what its file says about it) and InputSummary rows (samples.tsv). Readers know nothing
// of the alteration policy: classify/ turns records into calls, the same way whatever the format.
#pragma once
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "annotators/annotation.h"
#include "pipeline/io/detect.h"

namespace pathcorr {

// How a file writes alleles. VCF: REF/ALT anchored on the base before an indel. MAF and ANNOVAR: '-' for an
// empty allele, no anchor base (a MAF has no reference sequence to rebuild the anchor from).
enum class AlleleStyle { Vcf, Maf };

// What the file says about the allele's consequence.
enum class EffectSource {
  None,        // nothing: genes from the reference spans, consequence from the hotspot table or unknown
  Candidates,  // transcript effects of every gene it touches (VCF annotation, own calling, ANNOVAR): one is chosen
  Stated       // one gene, consequence and protein change, already chosen by the file (a MAF row)
};

struct AlleleRecord {
  std::string patient_id;  // the patient the reader assigned (file name, sheet, or the row's barcode)
  std::string sample;      // tumour sample name ("NA" when unknown)
  std::string chrom;       // as the file writes it
  long long pos = 0;       // 1-based; for AlleleStyle::Maf the MAF Start_Position
  std::string ref, alt;
  std::string filter;      // FILTER text as written ("." when the file has none)
  bool pass = true;        // FILTER is PASS or '.'
  double vaf = std::nan(""), depth = std::nan(""), alt_depth = std::nan("");
  double pop_af = std::nan("");  // population AF the file states outside the annotation; NaN when none
  AlleleStyle style = AlleleStyle::Vcf;
  EffectSource source = EffectSource::None;
  // Candidates: every transcript effect of the allele (merged per transcript). Stated: exactly one, whose gene is
  // the row's gene and whose so_terms may be empty (the hotspot table then says what the change is).
  std::vector<TranscriptEffect> effects;
  std::string annotation;  // calls.tsv `annotation`: the dialect, "pathcorr" (own calling), "none", "maf", "annovar"
};

// One (file, patient) as the command line or a sample sheet names it.
struct InputSpec {
  std::string path;
  std::optional<InputFormat> format;  // detected once (io/detect.h); unset: not detected yet
  std::string unreadable;             // detection could not read the file: why (the scan reports it)
  std::string patient_id;    // empty for files that name their patients (MAF)
  std::string tumor_sample;  // from the sample sheet; empty = use ScanOptions / header conventions
  std::string targets;       // from the sample sheet (`targets` column); empty = ScanOptions::targets
  std::string sample_id;     // from the sample sheet: the MAF Tumor_Sample_Barcode of this patient, if any
  bool from_sheet = false;   // the patient was declared by a sample sheet (a MAF then counts it as sequenced)
  double ploidy = std::nan("");  // from the sample sheet (`ploidy`): for absolute copy numbers the file does not
  double purity = std::nan("");  // qualify itself (`purity`: CNVkit-style rescaling of log2 ratios)
};

// The kind of data a file gives (SPEC "Copy number and structural variants", matrix NA rule): small variants
// (VCF/BCF, MAF, ANNOVAR), copy number (segment and gene-level tables, copy-number VCFs), or structural variants
// (SV VCFs: they add alterations and make no patient evaluable).
enum class DataKind { SmallVariants, CopyNumber, Structural };
const char* to_string(DataKind k);  // "small_variants", "copy_number", "structural"
// Parses the text of to_string; nullopt for anything else.
std::optional<DataKind> parse_data_kind(const std::string& text);

// One sequenced (patient, file): a samples.tsv row.
struct InputSummary {
  std::string patient_id, file, tumor_sample, build, annotation;
  long records = 0, records_passing = 0, alterations_counted = 0;
  std::string status = "ok";  // "ok" or "failed: <reason>"
  std::string targets;        // the BED applied, "" for none
  std::vector<std::string> not_evaluable;  // feature genes outside the targets (NA in the matrix); for copy
                                           // number: genes no segment overlaps (or a gene table does not list)
  DataKind kind = DataKind::SmallVariants;
  long segments = 0;                   // copy number: segments (or gene rows) of this patient read
  double ploidy = std::nan("");        // copy number: the ploidy used (absolute values), NaN when not used
  double purity = std::nan("");        // copy number: the purity used (log2 rescaling), NaN when none
  // "stream": every record read (`records` counts them all); "index": only the records overlapping the gene
  // regions, read through the file's index (`records` and `records_passing` count those).
  std::string read_mode = "stream";
  // What was said about this file on stderr (one line per kind for the whole run), each message whole: the
  // details the summary leaves out, for samples.tsv.
  std::vector<std::string> warnings;
};

}  // namespace pathcorr
