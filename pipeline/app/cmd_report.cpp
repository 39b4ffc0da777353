// `pathcorr report --outdir DIR`: report.html and DIR/figures/*.svg from the tables of a finished run (issue 13).
// `run` calls write_report after its tables, so both give the same files.
#include <cstdio>
#include <iostream>
#include <memory>

#include "pipeline/app/command_table.h"
#include "pipeline/app/commands.h"
#include "pipeline/app/options.h"
#include "pipeline/base/errors.h"
#include "pipeline/io/atomic_writer.h"
#include "pipeline/report/report_data.h"
#include "pipeline/report/report_html.h"

namespace pathcorr {

std::vector<std::string> write_report(const std::string& outdir, const std::string& clinical) {
  const ReportData d = load_report_data(outdir, clinical);
  const std::vector<ReportFile> files = build_report(d);
  ensure_dir(outdir + "/figures");
  std::vector<std::unique_ptr<AtomicWriter>> writers;
  for (const auto& f : files) {  // every file written before any is renamed into place
    writers.push_back(std::make_unique<AtomicWriter>(outdir + "/" + f.path));
    writers.back()->out() << f.content;
  }
  for (auto& w : writers) w->commit();
  for (const auto& path : report_figure_paths()) {  // a figure of an earlier report that this one has not
    bool written = false;
    for (const auto& f : files) written = written || f.path == path;
    if (!written) std::remove((outdir + "/" + path).c_str());
  }
  return report_summary(d, outdir + "/report.html");
}

void remove_report(const std::string& outdir) {
  std::remove((outdir + "/report.html").c_str());
  for (const auto& path : report_figure_paths()) std::remove((outdir + "/" + path).c_str());
}

int run_report(const ReportConfig& c) {
  const std::vector<std::string> summary = write_report(c.outdir, c.clinical);
  if (!c.quiet)
    for (const auto& line : summary) std::cerr << "pathcorr: " << line << "\n";
  return kExitOk;
}

int report_main(const std::vector<std::string>& argv) {
  po::options_description o("Options");
  o.add_options()("outdir", po::value<std::string>(), "output directory of `pathcorr run` (tables and run.json)")(
      "clinical", po::value<std::string>(),
      "the run's clinical table, when the path run.json records does not resolve from here (its SHA-256 must "
      "match run.json's)")("quiet,q", po::bool_switch(), "print nothing on success")("help,h", "show this help");
  const ParsedArgs p = parse_args(argv, o, "");
  if (p.help) return print_help("Usage: pathcorr report [options] --outdir DIR", o);
  ReportConfig c;
  c.outdir = required(p.vm, "outdir", "report");
  c.clinical = text(p.vm, "clinical");
  c.quiet = p.vm["quiet"].as<bool>();
  return run_report(c);
}

}  // namespace pathcorr
