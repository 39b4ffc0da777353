// The steps every command shares (see commands.h): the reference with its replacements, the provenance lines,
// the exit code of a scan, the choice between positional inputs and a sample sheet.
#include "pipeline/app/commands.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <iostream>

#include "pathcorr_version.h"
#include "pipeline/app/progress.h"
#include "pipeline/app/warnings.h"
#include "pipeline/base/errors.h"
#include "pipeline/classify/calls_table.h"
#include "pipeline/io/atomic_writer.h"
#include "pipeline/io/spool.h"
#include "pipeline/io/table_io.h"
#include "pipeline/report/maf_writer.h"

namespace pathcorr {

Reference load_reference(const ReferenceConfig& c) {
  Reference ref = Reference::builtin();
  if (!c.gene_set_gmt.empty()) ref.load_gene_set_gmt(c.gene_set_gmt);
  if (!c.hotspots.empty()) ref.load_hotspots(c.hotspots);
  if (!c.genes37.empty()) ref.load_genes(Build::GRCh37, c.genes37);
  if (!c.genes38.empty()) ref.load_genes(Build::GRCh38, c.genes38);
  return ref;
}

namespace {

std::string command_line(const std::vector<std::string>& argv) {
  std::string s;
  for (const auto& a : argv) {
    bool quote = a.empty() || a.find_first_of(" \t'\"$\\") != std::string::npos;
    s += (s.empty() ? "" : " ") + (quote ? "'" + a + "'" : a);
  }
  return s;
}

}  // namespace

void ensure_dir(const std::string& dir) {
  struct stat st {};
  if (stat(dir.c_str(), &st) == 0) {
    if (!S_ISDIR(st.st_mode)) throw IoError(dir + ": exists and is not a directory");
    return;
  }
  if (mkdir(dir.c_str(), 0777) != 0) throw IoError(dir + ": cannot create directory: " + std::strerror(errno));
}

std::vector<std::string> provenance(const CommonConfig& c, const Reference& ref) {
  if (c.no_version) return {};
  std::string cmd = command_line(c.argv);
  for (auto& ch : cmd)
    if (ch == '\n' || ch == '\r') ch = ' ';
  return {"pathcorr_version=" PATHCORR_VERSION, "pathcorr_command=" + cmd, "reference_version=" + ref.version()};
}

std::unique_ptr<AtomicWriter> open_maf_output(const std::string& path) {
  return path.empty() ? nullptr : std::make_unique<AtomicWriter>(path);
}

void fill_maf_output(AtomicWriter& maf, const Spool& rows) {
  write_maf_head(maf.out());
  rows.copy_to(maf.out());
}

CallSink spooled_calls(Spool& rows, Spool* maf) {
  CallSink sink;
  sink.format = [maf](const std::vector<Call>& calls) {
    std::vector<std::string> text{calls_rows_text(calls)};
    if (maf) text.push_back(maf_rows_text(calls));
    return text;
  };
  sink.write = [&rows, maf](const std::vector<std::string>& text) {
    rows.write(text[0]);
    if (maf) maf->write(text[1]);
  };
  return sink;
}

int exit_code_for(const std::vector<InputSummary>& inputs) {
  for (const auto& s : inputs)
    if (s.status != "ok") return kExitSkipped;
  return kExitOk;
}

std::vector<InputSpec> cohort_inputs(const std::string& sheet, const std::vector<std::string>& inputs, bool quiet,
                                     int threads) {
  if (!sheet.empty() && !inputs.empty())
    throw UsageError("give VCF inputs either as arguments or with --samples, not both");
  if (sheet.empty() && inputs.empty()) throw UsageError("no VCF inputs: give files/directories or --samples");
  if (!sheet.empty()) return inputs_from_sheet(sheet);
  std::vector<std::string> warnings;
  std::vector<InputSpec> specs = inputs_from_paths(inputs, &warnings, threads);
  print_warnings(std::cerr, warnings, quiet);
  return specs;
}

ScanResult scan_cohort(const ScanOptions& opt, const std::vector<InputSpec>& specs, const Reference& ref,
                       bool quiet, const CallSink* sink) {
  ScanOptions o = opt;
  ProgressLine line(std::cerr, "scan", !quiet && stderr_is_terminal());
  if (line.enabled()) o.progress = [&line](const ScanProgress& p) { line.update(p); };
  ScanResult r = scan_inputs(specs, ref, o, sink);
  line.finish();
  print_file_warnings(std::cerr, r.file_warnings, quiet);
  print_warnings(std::cerr, r.warnings, quiet);
  return r;
}

ScanResult scan_cohort(const ScanOptions& opt, const std::string& sheet, const std::vector<std::string>& inputs,
                       const Reference& ref, bool quiet, const CallSink* sink) {
  return scan_cohort(opt, cohort_inputs(sheet, inputs, quiet, opt.threads), ref, quiet, sink);
}

}  // namespace pathcorr
