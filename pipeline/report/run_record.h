// run.json of `pathcorr run`: what was run (version, command line, parameters with their JSON types, reference
// version), every input FILE once with its role and SHA-256, and every output. Written with nlohmann-json; holds
// nothing that varies between two runs of the same command on the same files (no time stamps).
#pragma once
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "pipeline/classify/scan.h"

namespace pathcorr {

// A parameter's value as JSON types it: boolean, integer, number or string.
using ParameterValue = std::variant<bool, long long, double, std::string>;

struct RunParameter {
  std::string name;  // the option name without "--"
  ParameterValue value;
};

struct RunInput {
  std::string role;  // vcf, bcf, maf, annovar_table, sample_sheet, clinical, gene_set, hotspots, rules, targets ...
  std::string path;
  bool may_be_unreadable = false;  // a scan input that --keep-going skipped: sha256 null when it cannot be read
};

struct RunRecord {
  std::vector<std::string> command;  // argv
  std::string reference_version;
  std::vector<RunParameter> parameters;
  std::vector<std::pair<std::string, std::string>> plan;  // --plan: (feature, family) as declared; its file is an input
  std::vector<RunInput> inputs;      // add with add_input (one entry per path)
  std::vector<std::string> outputs;  // paths as the user sees them (outdir files relative to the outdir)
};

// Adds `path` under `role` unless the record already lists that path (a cohort MAF named by every row of a
// sample sheet is one input). Empty paths are ignored.
void add_input(RunRecord& record, const std::string& role, const std::string& path, bool may_be_unreadable = false);

// Adds the scanned files of `scans` (each once, in input order) with the role their content shows: maf,
// annovar_table, bcf or vcf; and the target BEDs the sample sheet named per patient.
void add_scan_inputs(RunRecord& record, const ScanResult& scans);

// The role of a scanned file from its content (io/detect, as the scan read it): "vcf", "bcf", "maf",
// "annovar_table", or "unknown" (a file --keep-going skipped because it could not be read).
std::string scan_input_role(const std::string& path);

// run.json text: pretty-printed, keys in a fixed order, each input hashed once (IoError when an input cannot be
// read, unless may_be_unreadable).
std::string run_json(const RunRecord& record);

}  // namespace pathcorr
