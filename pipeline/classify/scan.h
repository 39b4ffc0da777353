// `scan`: VCF record -> allele -> consequence -> alteration call, per input file. Applies the alteration policy
// of SPEC ("Default alteration policy", --policy oncogenic) and says for every call whether it counts and why not.
// Owns the Call and InputSummary records and the calls.tsv format (write and read back for `join`).
#pragma once
#include <cmath>
#include <iosfwd>
#include <map>
#include <string>
#include <vector>

#include "pipeline/classify/rules.h"
#include "pipeline/input/vcf_input.h"
#include "reference/reference.h"

namespace pathcorr {

class TargetRegions;

enum class Policy { Default, Oncogenic };
Policy parse_policy(const std::string& s);  // "default" | "oncogenic"; UsageError otherwise

struct ScanOptions {
  std::string build = "auto";
  std::string tumor_sample;         // --tumor-sample (a sheet's tumor_sample column wins per file)
  std::string annotation = "auto";  // --annotation
  DepthTags tags;
  double min_depth = 10;
  double min_alt_reads = 3;
  double min_vaf = 0.05;
  double max_pop_af = 0.01;
  Policy policy = Policy::Default;
  AlterationRules rules = AlterationRules::builtin();  // used by Policy::Oncogenic (--rules replaces them)
  std::string targets;                                  // --targets BED for every input without its own
  std::map<std::string, std::string> transcripts;      // --transcripts: gene -> transcript ID (no version)
  std::string fasta;  // --fasta: indexed reference; with it, unannotated alleles get our own consequence calls
  std::string gtf;    // --gtf: transcript models (GTF/GFF3) for --fasta; default the built-in canonical models
  bool keep_going = false;
  int threads = 1;
  bool quiet = false;
};

// One VCF to scan and whose patient it is.
struct InputSpec {
  std::string path;
  std::string patient_id;
  std::string tumor_sample;  // from the sample sheet; empty = use ScanOptions / header conventions
  std::string targets;       // from the sample sheet (`targets` column); empty = ScanOptions::targets
  std::string sample_id;     // from the sample sheet: the MAF Tumor_Sample_Barcode of this patient, if any
  bool from_sheet = false;   // the patient was declared by a sample sheet (a MAF then counts it as sequenced)
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
};

// One input file's outcome (a samples.tsv row for a sequenced file).
struct InputSummary {
  std::string patient_id, file, tumor_sample, build, annotation;
  long records = 0, records_passing = 0, alterations_counted = 0;
  std::string status = "ok";  // "ok" or "failed: <reason>"
  std::string targets;        // the BED applied, "" for none
  std::vector<std::string> not_evaluable;  // feature genes outside the targets (NA in the matrix)
};

struct ScanResult {
  std::vector<InputSummary> inputs;  // input order
  std::vector<Call> calls;           // input order, then file order
};

// Inputs from positional arguments (patient = file name up to the first '.') or from a sample sheet.
std::vector<InputSpec> inputs_from_paths(const std::vector<std::string>& paths);
std::vector<InputSpec> inputs_from_sheet(const std::string& sheet_path);
// --transcripts FILE: TSV with columns gene, transcript (ENST, version ignored).
std::map<std::string, std::string> read_transcript_overrides(const std::string& path);

// Scans one file. Throws the file's error (InputError/ConflictError) unless the caller catches it.
ScanResult scan_file(const InputSpec& in, const Reference& ref, const ScanOptions& opt,
                     const TargetRegions* targets = nullptr);
// Scans all inputs (in parallel with opt.threads; output order is input order whatever the thread count).
// With keep_going, a damaged file becomes a `failed: ...` InputSummary and the others go on.
ScanResult scan_inputs(const std::vector<InputSpec>& inputs, const Reference& ref, const ScanOptions& opt);

// calls.tsv: '#' provenance lines, one `#input` line per scanned file (so `join` knows wild-type patients were
// sequenced), a header row, one row per Call.
void write_calls(std::ostream& os, const ScanResult& r, const std::vector<std::string>& provenance);
ScanResult read_calls(const std::string& path);

const std::vector<std::string>& call_columns();

}  // namespace pathcorr
