// The command table, as bcftools' main.c has it: name, group, one-line help and entry point together, so the
// top-level help and the dispatch cannot disagree. A new command is one cmd_NAME.cpp and one row in cli.cpp.
#pragma once
#include <string>
#include <vector>

namespace pathcorr {

// Each entry point gets the whole command line (argv[0] the program, argv[1] the command), parses its options
// into its Config, runs it and returns the exit code; `--help` prints the command's usage and options.
int scan_main(const std::vector<std::string>& argv);
int join_main(const std::vector<std::string>& argv);
int test_main(const std::vector<std::string>& argv);
int run_main(const std::vector<std::string>& argv);
int reference_main(const std::vector<std::string>& argv);
int power_main(const std::vector<std::string>& argv);  // power.cpp
int report_main(const std::vector<std::string>& argv);

struct Command {
  const char* name;
  const char* group;    // heading in `pathcorr --help`; rows of one group are printed together
  const char* summary;  // one line
  int (*main)(const std::vector<std::string>& argv);
};

const std::vector<Command>& command_table();

}  // namespace pathcorr
