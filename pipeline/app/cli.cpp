// The top level of the command line: the command table, the help generated from it, and the dispatch. The
// options of each command are in its cmd_*.cpp, the shared option groups in options.cpp.
#include "pipeline/app/cli.h"

#include <iostream>
#include <sstream>

#include "pathcorr_version.h"
#include "pipeline/app/command_table.h"
#include "pipeline/base/errors.h"

namespace pathcorr {

const std::vector<Command>& command_table() {
  static const std::vector<Command> table = {
      {"scan", "Cohort", "VCF/BCF files or directories -> alteration calls (calls.tsv)      [scatter]", scan_main},
      {"join", "Cohort", "calls + clinical table -> patient x feature matrix (matrix.tsv)  [gather]", join_main},
      {"test", "Cohort", "matrix + clinical table -> association statistics", test_main},
      {"run", "Cohort", "scan + join + test (+ report) in one process, into --outdir", run_main},
      {"report", "Cohort", "report.html + figures/ from a finished run's --outdir", report_main},
      {"power", "Planning", "exact power / sample size of Fisher's test (no simulation)", power_main},
      {"reference", "Reference", "print the built-in reference (genes, hotspots, gene-sets)", reference_main},
  };
  return table;
}

namespace {

std::string usage() {
  std::ostringstream os;
  os << "pathcorr " PATHCORR_VERSION " - genomic correlative analysis for cancer clinical trials\n\n"
     << "Usage: pathcorr <command> [options]\n";
  std::vector<std::string> groups;
  for (const auto& c : command_table()) {
    bool seen = false;
    for (const auto& g : groups) seen = seen || g == c.group;
    if (!seen) groups.push_back(c.group);
  }
  for (const auto& g : groups) {
    os << "\n" << g << " commands:\n";
    for (const auto& c : command_table()) {
      if (c.group != g) continue;
      std::string name = c.name;
      name.resize(std::max<size_t>(name.size() + 1, 11), ' ');
      os << "  " << name << c.summary << "\n";
    }
  }
  os << "\n  pathcorr --version | --help | <command> --help\n\n"
     << "Exit codes: 0 success, 1 bad or unreadable input, 2 usage error, 3 inputs that contradict each other,\n"
     << "            4 finished but --keep-going skipped a damaged input.\n";
  return os.str();
}

}  // namespace

int cli_main(const std::vector<std::string>& argv) {
  if (argv.size() < 2) {
    std::cerr << usage();
    return kExitUsage;
  }
  const std::string& cmd = argv[1];
  if (cmd == "--version" || cmd == "-V" || cmd == "version") {
    std::cout << "pathcorr " PATHCORR_VERSION "\n";
    return kExitOk;
  }
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    std::cout << usage();
    return kExitOk;
  }
  for (const auto& c : command_table())
    if (cmd == c.name) return c.main(argv);
  std::cerr << "pathcorr: unknown command '" << cmd << "'\n\n" << usage();
  return kExitUsage;
}

}  // namespace pathcorr
