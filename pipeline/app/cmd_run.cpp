// `pathcorr run`: scan + join + test in one process, every table and run.json into --outdir. Every input is
// checked before any work: run.json records the SHA-256 of each input file, so standard input ('-') is refused up
// front rather than after the scan.
#include <iostream>
#include <memory>

#include "pipeline/app/warnings.h"
#include "pipeline/app/command_table.h"
#include "pipeline/app/options.h"
#include "pipeline/base/errors.h"
#include "pipeline/classify/calls_table.h"
#include "pipeline/io/spool.h"
#include "pipeline/io/table_io.h"

namespace pathcorr {

namespace {

void refuse_stdin(const std::string& what, const std::string& path) {
  if (path == "-")
    throw UsageError("run: " + what + " is '-' (standard input), but run.json records the SHA-256 of every input; "
                     "save it to a file and give its path");
}

// The option values of the command line with their JSON types, for run.json (positional inputs are in "inputs").
std::vector<RunParameter> parameters(const po::variables_map& vm) {
  std::vector<RunParameter> out;
  for (const auto& kv : vm) {
    if (kv.first == "input" || kv.first == "help") continue;
    const auto& v = kv.second.value();
    if (auto* s = boost::any_cast<std::string>(&v)) out.push_back({kv.first, *s});
    else if (auto* d = boost::any_cast<double>(&v)) out.push_back({kv.first, *d});
    else if (auto* i = boost::any_cast<int>(&v)) out.push_back({kv.first, static_cast<long long>(*i)});
    else if (auto* l = boost::any_cast<long>(&v)) out.push_back({kv.first, static_cast<long long>(*l)});
    else if (auto* b = boost::any_cast<bool>(&v)) out.push_back({kv.first, *b});
  }
  return out;
}

RunRecord run_record(const RunConfig& c, const Reference& ref, const ScanResult& scans,
                     const std::vector<std::string>& outputs) {
  RunRecord r;
  r.command = c.common.argv;
  r.reference_version = ref.version();
  r.parameters = c.parameters;
  add_input(r, "clinical", c.clinical);
  add_input(r, "sample_sheet", c.samples_sheet);
  add_input(r, "plan", c.test.plan.path);
  for (const auto& e : c.test.plan.entries) r.plan.push_back({e.feature, e.family});
  add_scan_inputs(r, scans);
  add_input(r, "targets", c.scan.targets);
  add_input(r, "rules", c.rules_file);
  add_input(r, "transcripts", c.transcripts_file);
  add_input(r, "fasta", c.scan.fasta);
  add_input(r, "gtf", c.scan.gtf);
  add_input(r, "gene_set", c.reference.gene_set_gmt);
  add_input(r, "hotspots", c.reference.hotspots);
  add_input(r, "genes_grch37", c.reference.genes37);
  add_input(r, "genes_grch38", c.reference.genes38);
  r.outputs = outputs;
  return r;
}

}  // namespace

int run_run(const RunConfig& c) {
  Reference ref = load_reference(c.reference);
  // Read and check every input before any work, so a bad clinical table fails fast.
  ClinicalTable clinical = read_clinical(c.clinical, c.clinical_options);
  const std::vector<InputSpec> specs = cohort_inputs(c.samples_sheet, c.inputs, c.common.quiet, c.scan.threads);
  for (const auto& s : specs) {
    refuse_stdin("an input of the sample sheet", s.path);
    refuse_stdin("a targets file of the sample sheet", s.targets);
  }
  // calls.tsv's rows and the MAF's wait on disk (as in scan); the run keeps, as `join` does, only the
  // CohortCall part of the calls a join reads (JoinInput::reads).
  Spool call_rows(c.outdir + "/calls.tsv");
  const std::unique_ptr<Spool> maf_rows = c.maf_output.empty() ? nullptr : std::make_unique<Spool>(c.maf_output);
  CallSink sink = spooled_calls(call_rows, maf_rows.get());
  JoinInput joined;
  sink.take = [&joined](std::vector<Call>&& calls) {
    for (const Call& call : calls)
      if (JoinInput::reads(call)) joined.calls.emplace_back(call);
  };
  const ScanResult scans = scan_cohort(c.scan, specs, ref, c.common.quiet, &sink);
  joined.inputs = scans.inputs;
  Cohort cohort = join_cohort(joined, clinical, ref, c.join);
  const TestOptions& topt = c.test;
  std::vector<std::string> warnings;
  auto rows = test_associations(cohort.matrix, clinical, topt, &warnings);
  print_warnings(std::cerr, warnings, c.common.quiet);

  ensure_dir(c.outdir);
  auto prov = provenance(c.common, ref);
  const std::string d = c.outdir + "/";
  AtomicWriter calls(d + "calls.tsv"), samples(d + "samples.tsv"), matrix(d + "matrix.tsv"),
      assoc(d + "associations.tsv"), response(d + "response.tsv"), survival(d + "survival.tsv"),
      json(d + "run.json");
  write_calls_head(calls.out(), scans, prov);
  call_rows.copy_to(calls.out());
  write_flow(samples.out(), cohort.flow, prov);
  write_matrix(matrix.out(), cohort.matrix, prov);
  write_associations(assoc.out(), rows, prov);
  write_response(response.out(), summarize_response(cohort.matrix, clinical, topt), prov);
  write_survival(survival.out(), test_survival(cohort.matrix, clinical, topt), prov);
  std::vector<std::string> outputs = {"calls.tsv",    "samples.tsv",  "matrix.tsv", "associations.tsv",
                                      "response.tsv", "survival.tsv", "run.json"};
  if (!c.no_report) outputs.insert(outputs.end(), {"report.html", "figures/"});
  const std::unique_ptr<AtomicWriter> maf = open_maf_output(c.maf_output);
  if (maf) {
    fill_maf_output(*maf, *maf_rows);
    outputs.push_back(c.maf_output);
  }
  std::unique_ptr<AtomicWriter> cna;
  if (!c.cna_output.empty()) {
    cna = std::make_unique<AtomicWriter>(c.cna_output);
    write_cna_table(cna->out(), joined, cohort.matrix, ref);
    outputs.push_back(c.cna_output);
  }
  json.out() << run_json(run_record(c, ref, scans, outputs));

  calls.commit();
  samples.commit();
  matrix.commit();
  assoc.commit();
  response.commit();
  survival.commit();
  if (maf) maf->commit();
  if (cna) cna->commit();
  json.commit();
  // The report is drawn from the tables just written (as `pathcorr report --outdir` would), so both agree.
  // A report of earlier tables in this directory must not outlive them: with --no-report, or when the report
  // fails, it is removed.
  std::vector<std::string> summary;
  try {
    if (c.no_report) remove_report(c.outdir);
    else summary = write_report(c.outdir);
  } catch (...) {
    remove_report(c.outdir);
    throw;
  }
  if (!c.common.quiet) {
    long seq = 0, not_seq = 0;
    for (const auto& f : cohort.flow) (f.status == "not_sequenced" ? not_seq : seq) += 1;
    std::cerr << "pathcorr: " << cohort.matrix.patients.size() << " patients with sequencing and clinical data, "
              << not_seq << " clinical patients not sequenced; tables in " << c.outdir << "/\n";
    for (const auto& line : summary) std::cerr << "pathcorr: " << line << "\n";
  }
  return exit_code_for(scans.inputs);
}

int run_main(const std::vector<std::string>& argv) {
  po::options_description io("Output");
  io.add_options()("outdir", po::value<std::string>(), "directory for all tables and run.json");
  add_maf_output(io);
  io.add_options()("no-report", po::bool_switch(), "write the tables only, no report.html and figures/");
  po::options_description o;
  o.add(io).add(clinical_options()).add(scan_options()).add(join_output_options()).add(test_options()).add(
      reference_options()).add(general_options());
  const ParsedArgs p = parse_args(argv, o, "input");
  if (p.help) return print_help("Usage: pathcorr run [options] --clinical FILE --outdir DIR INPUT...\n" + kInputHelp, o);
  for (const char* file_option : {"clinical", "samples", "plan", "rules", "targets", "fasta", "gtf", "transcripts",
                                  "gene-set", "hotspots", "genes-grch37", "genes-grch38"})
    refuse_stdin(std::string("--") + file_option, text(p.vm, file_option));
  for (const auto& in : positionals(p.vm, "input")) refuse_stdin("an INPUT", in);
  RunConfig c;
  c.common = common_config(p);
  c.reference = reference_config(p.vm);
  c.scan = scan_config(p.vm);
  c.rules_file = text(p.vm, "rules");
  c.transcripts_file = text(p.vm, "transcripts");
  c.samples_sheet = text(p.vm, "samples");
  c.inputs = positionals(p.vm, "input");
  c.clinical = required(p.vm, "clinical", "run");
  c.clinical_options = clinical_config(p.vm);
  c.test = test_config(p.vm);
  c.outdir = required(p.vm, "outdir", "run");
  c.maf_output = text(p.vm, "maf");
  c.join = join_config(p.vm);
  c.cna_output = text(p.vm, "cna-output");
  c.no_report = p.vm["no-report"].as<bool>();
  c.parameters = parameters(p.vm);
  return run_run(c);
}

}  // namespace pathcorr
