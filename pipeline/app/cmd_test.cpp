// `pathcorr test`: matrix.tsv + clinical table -> associations.tsv (and optionally response.tsv, survival.tsv).
#include <iostream>
#include <memory>

#include "pipeline/app/warnings.h"
#include "pipeline/app/command_table.h"
#include "pipeline/app/options.h"
#include "pipeline/base/errors.h"
#include "pipeline/io/table_io.h"

namespace pathcorr {

int run_test(const TestConfig& c) {
  Reference ref = load_reference(c.reference);
  Matrix m = read_matrix(c.matrix, ref);
  ClinicalTable clinical = read_clinical(c.clinical, c.clinical_options);
  const TestOptions& opt = c.test;
  std::vector<std::string> warnings;
  auto rows = test_associations(m, clinical, opt, &warnings);
  print_warnings(std::cerr, warnings, c.common.quiet);
  auto prov = provenance(c.common, ref);
  AtomicWriter w(c.output);
  write_associations(w.out(), rows, prov);
  std::unique_ptr<AtomicWriter> r, sv;
  if (!c.response_output.empty()) {
    r = std::make_unique<AtomicWriter>(c.response_output);
    write_response(r->out(), summarize_response(m, clinical, opt), prov);
  }
  if (!c.survival_output.empty()) {
    sv = std::make_unique<AtomicWriter>(c.survival_output);
    write_survival(sv->out(), test_survival(m, clinical, opt), prov);
  }
  w.commit();
  if (r) r->commit();
  if (sv) sv->commit();
  return kExitOk;
}

int test_main(const std::vector<std::string>& argv) {
  po::options_description io("Input/output");
  io.add_options()("matrix", po::value<std::string>(), "matrix.tsv from join")(
      "output,o", po::value<std::string>(), "associations.tsv to write")(
      "response-output", po::value<std::string>()->default_value(""), "also write response.tsv (ORR, DCR)")(
      "survival-output", po::value<std::string>()->default_value(""),
      "also write survival.tsv (Kaplan-Meier, log-rank, Cox) when pfs/os columns exist");
  po::options_description o;
  o.add(io).add(clinical_options()).add(test_options()).add(reference_options()).add(general_options());
  const ParsedArgs p = parse_args(argv, o, "");
  if (p.help)
    return print_help("Usage: pathcorr test [options] --matrix matrix.tsv --clinical FILE --output associations.tsv",
                      o);
  TestConfig c;
  c.common = common_config(p);
  c.reference = reference_config(p.vm);
  c.matrix = required(p.vm, "matrix", "test");
  c.clinical = required(p.vm, "clinical", "test");
  c.clinical_options = clinical_config(p.vm);
  c.output = required(p.vm, "output", "test");
  c.response_output = text(p.vm, "response-output");
  c.survival_output = text(p.vm, "survival-output");
  c.test = test_config(p.vm);
  return run_test(c);
}

}  // namespace pathcorr
