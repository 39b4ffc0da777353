// `pathcorr scan`: VCF/BCF, MAF, ANNOVAR, copy-number and SV inputs -> calls.tsv (and optionally a MAF of the
// counted small-variant calls).
#include <memory>

#include "pipeline/app/command_table.h"
#include "pipeline/app/options.h"
#include "pipeline/base/errors.h"
#include "pipeline/classify/calls_table.h"
#include "pipeline/io/atomic_writer.h"
#include "pipeline/io/spool.h"
#include "pipeline/io/table_io.h"

namespace pathcorr {

// The calls are not kept: each file's rows are written as it is done, in input order, to spools (calls.tsv
// puts every file's #input line first, so its rows wait; the MAF's wait with them), so that scan's memory does
// not grow with the cohort's calls.
int run_scan(const ScanConfig& c) {
  Reference ref = load_reference(c.reference);
  AtomicWriter w(c.output);
  Spool rows(c.output);
  const std::unique_ptr<AtomicWriter> maf = open_maf_output(c.maf_output);
  const std::unique_ptr<Spool> maf_rows = maf ? std::make_unique<Spool>(c.maf_output) : nullptr;
  const CallSink sink = spooled_calls(rows, maf_rows.get());
  ScanResult r = scan_cohort(c.scan, c.samples_sheet, c.inputs, ref, c.common.quiet, &sink);
  write_calls_head(w.out(), r, provenance(c.common, ref));
  rows.copy_to(w.out());
  if (maf) fill_maf_output(*maf, *maf_rows);
  w.commit();
  if (maf) maf->commit();
  return exit_code_for(r.inputs);
}

int scan_main(const std::vector<std::string>& argv) {
  po::options_description io("Output");
  io.add_options()("output,o", po::value<std::string>(), "calls.tsv to write ('-' for stdout)");
  add_maf_output(io);
  po::options_description o;
  o.add(io).add(scan_options()).add(reference_options()).add(general_options());
  const ParsedArgs p = parse_args(argv, o, "input");
  if (p.help) return print_help("Usage: pathcorr scan [options] --output calls.tsv INPUT...\n" + kInputHelp, o);
  ScanConfig c;
  c.common = common_config(p);
  c.reference = reference_config(p.vm);
  c.scan = scan_config(p.vm);
  c.samples_sheet = text(p.vm, "samples");
  c.inputs = positionals(p.vm, "input");
  c.output = required(p.vm, "output", "scan");
  c.maf_output = text(p.vm, "maf");
  return run_scan(c);
}

}  // namespace pathcorr
