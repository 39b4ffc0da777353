// `scan`: every input file (VCF/BCF, MAF, ANNOVAR table) read by its reader into allele records, and the records
// turned into alteration calls by the one classifier, with the alteration policy of SPEC ("Default alteration
// policy", --policy oncogenic). Owns the Call record, the scan options and the scan of a whole cohort (threads,
// --keep-going). The calls.tsv format is classify/calls_table.h.
#pragma once
#include <cmath>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "pipeline/classify/copy_number.h"
#include "pipeline/classify/rules.h"
#include "pipeline/input/records.h"
#include "pipeline/input/maf_reader.h"
#include "pipeline/input/vcf_records.h"
#include "reference/reference.h"

namespace pathcorr {

class TargetRegions;

enum class Policy { Default, Oncogenic };

// Where a scan is: files finished of all files, records read so far (for a progress line; app/ prints it).
struct ScanProgress {
  size_t files_done = 0, files_total = 0;
  long long records = 0;
};

// ReadOptions (input/vcf_records.h): --build, --tumor-sample, --annotation, depth tags, --fasta, --gtf,
// --no-index.
struct ScanOptions : ReadOptions {
  double min_depth = 10;
  double min_alt_reads = 3;
  double min_vaf = 0.05;
  double max_pop_af = 0.01;
  Policy policy = Policy::Default;
  AlterationRules rules = AlterationRules::builtin();  // used by Policy::Oncogenic (--rules replaces them)
  std::string targets;                                  // --targets BED for every input without its own
  std::map<std::string, std::string> transcripts;      // --transcripts: gene -> transcript ID (no version)
  bool keep_going = false;
  int threads = 1;
  // Copy number (SPEC "Copy number and structural variants"): the class thresholds (--cn-* options), the ploidy
  // of files that state none and have no sheet `ploidy` (--ploidy), and whether an amplification of part of a
  // gene counts as an amplification of the gene (--cn-partial-amp; PURPLE's PARTIAL_AMP).
  CnThresholds cn;
  double ploidy = 2;
  bool cn_partial_amp = false;
  // Called, one call at a time, from the scanning threads as records are read and files finish (may be empty).
  std::function<void(const ScanProgress&)> progress;
};

// One row of calls.tsv (SPEC "calls.tsv and samples.tsv"): one variant allele inside a gene of the gene set.
struct Call {
  std::string patient_id, sample, chrom;
  long long pos = 0;
  std::string ref, alt, gene, transcript, consequence, hgvsp;
  double vaf = std::nan(""), depth = std::nan(""), alt_depth = std::nan("");
  std::string filter, alteration_class;
  bool counted = false;
  std::string reason;  // "" when counted; otherwise comma-separated reasons
  std::string source_file;
  // Beyond SPEC's minimum: where the answer came from.
  std::string build, annotation, transcript_choice;
  double pop_af = std::nan("");
  std::string protein_change;  // one-letter short form ("H1047R", "R130*", "T319fs"), "" if none
  // Copy-number and SV rows (ref/alt "."): the value that decided the class and its scale ("absolute", "log2",
  // "discrete"; "" for SV and small variants), and the end of the deciding segment or SV (0: none).
  double cn_value = std::nan("");
  std::string cn_scale;
  long long end = 0;
};

struct ScanResult {
  std::vector<InputSummary> inputs;    // input order
  std::vector<Call> calls;             // input order, then file order
  std::vector<std::string> warnings;   // for app/ to print ("skipped: file: why"), input order
  std::vector<FileWarning> file_warnings;  // about single files, input order: app/ prints one line per kind
};

// Inputs from positional arguments (patient = file name up to the first '.') or from a sample sheet (one spec
// per vcf and per cnv file of a row). `warnings` gets one line for the files of input directories that are none
// of the input formats. Formats are detected on up to `threads` threads.
std::vector<InputSpec> inputs_from_paths(const std::vector<std::string>& paths,
                                         std::vector<std::string>* warnings = nullptr, int threads = 1);
std::vector<InputSpec> inputs_from_sheet(const std::string& sheet_path);
// --transcripts FILE: TSV with columns gene, transcript (ENST, version ignored).
std::map<std::string, std::string> read_transcript_overrides(const std::string& path);

// Scans one VCF/BCF. Throws the file's error (InputError/ConflictError) unless the caller catches it.
// `progress` gets the records read, in steps (input/vcf_records.h).
ScanResult scan_file(const InputSpec& in, const Reference& ref, const ScanOptions& opt,
                     const TargetRegions* targets = nullptr, const std::function<void(long)>& progress = {});
// Scans a MAF (input/maf_reader.h) or an ANNOVAR table (input/annovar_reader.h; `file_patient` names the patient
// of a table without Tumor_Sample_Barcode).
ScanResult scan_maf(const std::string& path, const Reference& ref, const ScanOptions& opt, const MafOptions& mopt);
ScanResult scan_annovar_table(const std::string& path, const std::string& file_patient, const Reference& ref,
                              const ScanOptions& opt, const MafOptions& mopt);
// Where a scan hands each file's calls on instead of keeping them all (scan_inputs): `format` turns them into
// text, one string per output, on the thread that read the file; `write` gets those texts one file at a time, in
// input order. Memory then holds the calls of the files being read and the text of files done ahead of an
// earlier one still being read (copy-number files are read after every VCF, as they take its build).
struct CallSink {
  std::function<std::vector<std::string>(const std::vector<Call>&)> format;
  std::function<void(const std::vector<std::string>&)> write;
  // Each file's calls after `format`, moved, one file at a time in input order: for a caller that keeps part of
  // them itself (none when empty). What it does not keep is freed as it goes.
  std::function<void(std::vector<Call>&&)> take;
};

// Scans all inputs (in parallel with opt.threads; output order is input order whatever the thread count).
// With keep_going, a damaged file becomes a `failed: ...` InputSummary and the others go on. With a sink, the
// calls go to it and the result's `calls` stays empty.
ScanResult scan_inputs(const std::vector<InputSpec>& inputs, const Reference& ref, const ScanOptions& opt,
                       const CallSink* sink = nullptr);

}  // namespace pathcorr
