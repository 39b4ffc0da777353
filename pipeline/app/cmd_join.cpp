// `pathcorr join`: calls.tsv files + clinical table -> matrix.tsv (and optionally the patient flow, samples.tsv,
// and cBioPortal's data_CNA.txt).
#include <filesystem>
#include <memory>

#include "pipeline/app/command_table.h"
#include "pipeline/app/options.h"
#include "pipeline/base/errors.h"
#include "pipeline/classify/calls_table.h"
#include "pipeline/base/text.h"
#include "pipeline/io/table_io.h"
#include "pipeline/io/text_reader.h"

namespace pathcorr {

namespace {

// --inputs-from FILE: one calls.tsv path per line, blank lines and lines starting with '#' ignored, surrounding
// blanks trimmed. A relative path is taken as given, relative to the current directory (as the positional
// CALLS and bcftools' --file-list), so a list written by `ls` or `find` in the working directory works as is.
// Every path must exist: "LIST:LINE: ..." otherwise (InputError, exit 1), before any calls file is read.
std::vector<std::string> read_calls_list(const std::string& list_path) {
  std::vector<std::string> paths;
  TextReader reader(list_path);
  std::string_view line;
  while (reader.next(line)) {
    const std::string path = trimmed(line);
    if (path.empty() || path[0] == '#') continue;
    const std::string at = list_path + ":" + std::to_string(reader.line_number());
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
      throw InputError(at + ": calls file '" + path + "' does not exist (relative paths are read from the " +
                       "current directory, not from the list's)");
    if (std::filesystem::is_directory(path, ec))
      throw InputError(at + ": '" + path + "' is a directory; list one calls.tsv file per line");
    paths.push_back(path);
  }
  return paths;
}

}  // namespace

int run_join(const JoinConfig& c) {
  Reference ref = load_reference(c.reference);
  std::vector<std::string> calls_files = c.calls;
  if (!c.inputs_from.empty()) {
    std::vector<std::string> listed = read_calls_list(c.inputs_from);
    if (listed.empty() && c.calls.empty())
      throw UsageError("join: the list " + c.inputs_from + " names no calls.tsv file");
    calls_files.insert(calls_files.end(), listed.begin(), listed.end());
  }
  if (calls_files.empty()) throw UsageError("join needs at least one calls.tsv file (CALLS... or --inputs-from)");
  // Only what the matrix, the patient flow and data_CNA.txt use is kept: every input line, and of the counted
  // calls and the copy-number calls their CohortCall part (a gather of thousands of files then holds one small
  // record per file and per alteration).
  JoinInput all;
  for (const auto& path : calls_files)
    all.take(read_calls(path, JoinInput::reads));
  ClinicalTable clinical = read_clinical(c.clinical, c.clinical_options);
  Cohort cohort = join_cohort(all, clinical, ref, c.join);
  auto prov = provenance(c.common, ref);
  AtomicWriter w(c.output);
  write_matrix(w.out(), cohort.matrix, prov);
  std::unique_ptr<AtomicWriter> samples, cna;
  if (!c.samples_output.empty()) {
    samples = std::make_unique<AtomicWriter>(c.samples_output);
    write_flow(samples->out(), cohort.flow, prov);
  }
  if (!c.cna_output.empty()) {
    cna = std::make_unique<AtomicWriter>(c.cna_output);
    write_cna_table(cna->out(), all, cohort.matrix, ref);
  }
  w.commit();
  if (samples) samples->commit();
  if (cna) cna->commit();
  return exit_code_for(all.inputs);
}

int join_main(const std::vector<std::string>& argv) {
  po::options_description io("Output");
  io.add_options()("inputs-from", po::value<std::string>()->default_value(""),
                   "a file listing calls.tsv files, one per line (# comments and blank lines ignored; relative "
                   "paths from the current directory); with or instead of CALLS")(
      "output,o", po::value<std::string>(), "matrix.tsv to write")(
      "samples-output", po::value<std::string>()->default_value(""), "also write the patient flow (samples.tsv)");
  po::options_description o;
  o.add(io).add(join_output_options()).add(clinical_options()).add(reference_options()).add(general_options());
  const ParsedArgs p = parse_args(argv, o, "calls");
  if (p.help) return print_help("Usage: pathcorr join [options] --clinical FILE --output matrix.tsv [--inputs-from LIST] CALLS.tsv...", o);
  JoinConfig c;
  c.common = common_config(p);
  c.reference = reference_config(p.vm);
  c.clinical = required(p.vm, "clinical", "join");
  c.clinical_options = clinical_config(p.vm);
  c.calls = positionals(p.vm, "calls");
  c.inputs_from = text(p.vm, "inputs-from");
  c.output = required(p.vm, "output", "join");
  c.samples_output = text(p.vm, "samples-output");
  c.join = join_config(p.vm);
  c.cna_output = text(p.vm, "cna-output");
  return run_join(c);
}

}  // namespace pathcorr
