// `pathcorr join`: calls.tsv files + clinical table -> matrix.tsv (and optionally the patient flow, samples.tsv,
// and cBioPortal's data_CNA.txt).
#include <memory>

#include "pipeline/app/command_table.h"
#include "pipeline/app/options.h"
#include "pipeline/base/errors.h"
#include "pipeline/classify/calls_table.h"
#include "pipeline/io/table_io.h"

namespace pathcorr {

int run_join(const JoinConfig& c) {
  Reference ref = load_reference(c.reference);
  if (c.calls.empty()) throw UsageError("join needs at least one calls.tsv file");
  ScanResult all;
  for (const auto& path : c.calls) {
    ScanResult r = read_calls(path);
    for (auto& s : r.inputs) all.inputs.push_back(std::move(s));
    for (auto& x : r.calls) all.calls.push_back(std::move(x));
  }
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
  return exit_code_for(all);
}

int join_main(const std::vector<std::string>& argv) {
  po::options_description io("Output");
  io.add_options()("output,o", po::value<std::string>(), "matrix.tsv to write")(
      "samples-output", po::value<std::string>()->default_value(""), "also write the patient flow (samples.tsv)");
  po::options_description o;
  o.add(io).add(join_output_options()).add(clinical_options()).add(reference_options()).add(general_options());
  const ParsedArgs p = parse_args(argv, o, "calls");
  if (p.help) return print_help("Usage: pathcorr join [options] --clinical FILE --output matrix.tsv CALLS.tsv...", o);
  JoinConfig c;
  c.common = common_config(p);
  c.reference = reference_config(p.vm);
  c.clinical = required(p.vm, "clinical", "join");
  c.clinical_options = clinical_config(p.vm);
  c.calls = positionals(p.vm, "calls");
  c.output = required(p.vm, "output", "join");
  c.samples_output = text(p.vm, "samples-output");
  c.join = join_config(p.vm);
  c.cna_output = text(p.vm, "cna-output");
  return run_join(c);
}

}  // namespace pathcorr
