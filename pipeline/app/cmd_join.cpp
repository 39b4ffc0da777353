// `pathcorr join`: calls.tsv files + clinical table -> matrix.tsv (and optionally the patient flow, samples.tsv).
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
  Cohort cohort = join_cohort(all, clinical, ref);
  auto prov = provenance(c.common, ref);
  AtomicWriter w(c.output);
  write_matrix(w.out(), cohort.matrix, prov);
  if (!c.samples_output.empty()) {
    AtomicWriter s(c.samples_output);
    write_flow(s.out(), cohort.flow, prov);
    w.commit();
    s.commit();
  } else {
    w.commit();
  }
  return exit_code_for(all);
}

int join_main(const std::vector<std::string>& argv) {
  po::options_description io("Output");
  io.add_options()("output,o", po::value<std::string>(), "matrix.tsv to write")(
      "samples-output", po::value<std::string>()->default_value(""), "also write the patient flow (samples.tsv)");
  po::options_description o;
  o.add(io).add(clinical_options()).add(reference_options()).add(general_options());
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
  return run_join(c);
}

}  // namespace pathcorr
