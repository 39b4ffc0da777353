// Copy-number files to calls (SPEC "Copy number and structural variants"): each sample of a file read by
// input/copy_number_reader becomes a patient's samples.tsv row, and each gene of the gene set a copy-number call
// (classify/copy_number) written to calls.tsv when it is not copy neutral, with the policy applied.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/classify/scan.h"
#include "pipeline/input/copy_number_records.h"
#include "pipeline/input/maf_reader.h"
#include "pipeline/input/structural_records.h"

namespace pathcorr {

// What the rest of the scan knows about a copy-number file's patients.
struct CnFileContext {
  std::string file_patient;  // the patient of a file that names no sample (file name, or the sheet row)
  // Files of several samples named by a sample sheet: only the sheet's patients are taken (sample_id ->
  // patient_id, else the patient ID itself or its TCGA barcode); given on the command line, every sample is.
  MafOptions sheet_patients;
  std::map<std::string, double> ploidy, purity;  // per patient, from the sheet
  std::map<std::string, Build> vcf_build;        // per patient: the build of its small-variant files in this scan
};

// Calls and samples.tsv rows of one file. Throws InputError (naming the file) when a patient's build cannot be
// told, when the sheet names a patient the file has no sample of, or when two samples fall to one patient;
// ConflictError when the file's build contradicts the patient's VCF.
ScanResult scan_copy_number(const CopyNumberFile& file, const CnFileContext& ctx, const Reference& ref,
                            const ScanOptions& opt);

// The copy-number and SV records a VCF reader collected (input/structural_records.h): a copy-number VCF's
// segments become gene calls as a segment file's do (a gene without a record is copy neutral, not unknown) and
// the file's kind CopyNumber; an SV VCF's deletions and breakends in coding exons become `structural` calls (not
// counted unless PASS) and its kind Structural. Adds to `calls`, `summary` (kind, segments, ploidy, not
// evaluable, alterations counted) and `warnings`.
void add_vcf_structural_calls(const VcfStructural& st, const InputSpec& in, Build build, const Reference& ref,
                              const ScanOptions& opt, InputSummary& summary, std::vector<Call>& calls,
                              std::vector<std::string>& warnings);

// The coding parts (coding exons cut to the CDS) of the built-in transcript model of each gene that has one.
std::map<std::string, std::vector<std::pair<long long, long long>>> builtin_coding_parts(Build build);

// Sets alteration_class-dependent counted/reason of a copy-number or SV call (class already set): default policy
// counts amplification, deep_deletion and structural; --policy oncogenic follows the rules (oncogenes:
// amplification; tumour suppressors: deep deletion and structural). Non-PASS SV calls are not counted (`filter`).
void apply_copy_number_policy(Call& c, bool pass, const ScanOptions& opt, const Reference& ref);

}  // namespace pathcorr
