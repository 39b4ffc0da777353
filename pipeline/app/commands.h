// The commands of pathcorr as plain functions of a typed Config: each command file (cmd_*.cpp) turns its options
// into its Config and calls its run_* function, which reads the inputs, computes everything in memory, then writes
// every output atomically. Also the few steps every command shares (reference, provenance lines, exit code).
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "pipeline/analysis/association.h"
#include "pipeline/cohort/clinical.h"
#include "pipeline/cohort/cohort.h"
#include "pipeline/classify/scan.h"
#include "pipeline/report/run_record.h"

namespace pathcorr {

// Options shared by every command that needs the reference.
struct ReferenceConfig {
  std::string gene_set_gmt;  // --gene-set
  std::string hotspots;      // --hotspots
  std::string genes37;       // --genes-grch37
  std::string genes38;       // --genes-grch38
};

struct CommonConfig {
  bool quiet = false;
  bool no_version = false;             // --no-version: no version/command comment lines (byte-stable outputs)
  std::vector<std::string> argv;       // the command line, for provenance
};

struct ScanConfig {
  CommonConfig common;
  ReferenceConfig reference;
  ScanOptions scan;
  std::string samples_sheet;           // --samples
  std::vector<std::string> inputs;     // positional VCFs/directories
  std::string output;                  // --output calls.tsv
  std::string maf_output;              // --maf: counted calls as a MAF
};

struct JoinConfig {
  CommonConfig common;
  ReferenceConfig reference;
  std::string clinical;
  ClinicalOptions clinical_options;
  std::vector<std::string> calls;      // positional calls.tsv files
  std::string inputs_from;             // --inputs-from: a list of calls.tsv files, one per line (optional)
  std::string output;                  // --output matrix.tsv
  std::string samples_output;          // --samples-output samples.tsv (optional)
  JoinOptions join;                    // --per-type-features
  std::string cna_output;              // --cna-output data_CNA.txt (optional)
};

struct TestConfig {
  CommonConfig common;
  ReferenceConfig reference;
  std::string matrix, clinical, output;
  std::string response_output;         // --response-output response.tsv (optional)
  std::string survival_output;         // --survival-output survival.tsv (optional)
  ClinicalOptions clinical_options;
  TestOptions test;
};

struct RunConfig {
  CommonConfig common;
  ReferenceConfig reference;
  ScanOptions scan;
  std::string rules_file;              // --rules (read into scan.rules; its path for run.json)
  std::string transcripts_file;        // --transcripts (read into scan.transcripts; its path for run.json)
  std::string samples_sheet;
  std::vector<std::string> inputs;
  std::string clinical;
  ClinicalOptions clinical_options;
  TestOptions test;
  std::string outdir;
  std::string maf_output;              // --maf: counted calls as a MAF
  JoinOptions join;                    // --per-type-features
  std::string cna_output;              // --cna-output data_CNA.txt (optional)
  bool no_report = false;              // --no-report: tables only
  std::vector<RunParameter> parameters;  // every option with its value, for run.json
};

struct ReportConfig {
  std::string outdir;
  std::string clinical;  // --clinical: the run's clinical table, when run.json's path does not resolve
  bool quiet = false;
};

struct ReferenceCommandConfig {
  ReferenceConfig reference;
  std::string build;                   // empty = both
  std::string what = "genes";          // genes | hotspots | gene-sets
};

// Each returns the process exit code (0, or kExitSkipped when --keep-going skipped a file).
int run_scan(const ScanConfig& c);
int run_join(const JoinConfig& c);
int run_test(const TestConfig& c);
int run_run(const RunConfig& c);
int run_reference(const ReferenceCommandConfig& c);
int run_report(const ReportConfig& c);

// report.html and figures/*.svg from the tables and run.json in `outdir` (cmd_report.cpp), every file written
// atomically; returns the summary lines `run` prints (ORR, top associations, where the report is).
std::vector<std::string> write_report(const std::string& outdir, const std::string& clinical = "");
// Removes report.html and the figures from `outdir` (a report of earlier tables must not outlive them).
void remove_report(const std::string& outdir);
// Creates `dir` unless it exists; IoError when it cannot, or when it exists and is not a directory.
void ensure_dir(const std::string& dir);

// Shared by the commands.
class AtomicWriter;
class Spool;
// --maf: a MAF to a temporary file, to be committed with the other outputs, null when `path` is empty (scan
// opens it before the scan, so that a path it cannot write fails first; run after, in its --outdir made then);
// fill_maf_output writes into it its head and the rows spooled_calls set aside.
std::unique_ptr<AtomicWriter> open_maf_output(const std::string& path);
void fill_maf_output(AtomicWriter& maf, const Spool& rows);
// The sink of scan and run (CallSink): each file's calls.tsv rows to `rows`, to be copied in after the #input
// lines, and with `maf_rows` the rows of its MAF (for fill_maf_output), as files finish, in input order. It
// keeps no call.
CallSink spooled_calls(Spool& rows, Spool* maf_rows = nullptr);
Reference load_reference(const ReferenceConfig& c);
// The `#pathcorr_version=`, `#pathcorr_command=`, `#reference_version=` lines; none with --no-version.
std::vector<std::string> provenance(const CommonConfig& c, const Reference& ref);
// kExitSkipped when --keep-going skipped an input, else kExitOk.
int exit_code_for(const std::vector<InputSummary>& inputs);
// The files to scan: the positional inputs (directories expanded) or the rows of the sample sheet (exactly one
// of the two may be given); the formats of the positional inputs are detected on up to `threads` threads.
std::vector<InputSpec> cohort_inputs(const std::string& sheet, const std::vector<std::string>& inputs, bool quiet,
                                     int threads = 1);
// Scans `specs` and prints the warnings of the scan (none with --quiet); the calls go to `sink` when given
// (scan_inputs).
ScanResult scan_cohort(const ScanOptions& opt, const std::vector<InputSpec>& specs, const Reference& ref,
                       bool quiet, const CallSink* sink = nullptr);
// Scans the positional inputs or the sample sheet.
ScanResult scan_cohort(const ScanOptions& opt, const std::string& sheet, const std::vector<std::string>& inputs,
                       const Reference& ref, bool quiet, const CallSink* sink = nullptr);

}  // namespace pathcorr
