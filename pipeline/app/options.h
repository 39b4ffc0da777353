// The option vocabulary of the commands, declared once: each group (General, Reference, Scan, Clinical table, Test)
// is one Boost.Program_options description and one function turning its parsed values into the typed options of
// the stages. A command file composes the groups it needs; a new option is one line in its group and one in the
// group's config function.
#pragma once
#include <boost/program_options.hpp>

#include <string>
#include <vector>

#include "pipeline/app/commands.h"

namespace pathcorr {

namespace po = boost::program_options;

// What INPUT may be, for the help of scan and run.
extern const std::string kInputHelp;

po::options_description general_options();    // --help --quiet --no-version --threads
po::options_description reference_options();  // --gene-set --hotspots --genes-grch37 --genes-grch38
po::options_description scan_options();       // --samples --build ... --keep-going, and the copy-number group
po::options_description copy_number_options();  // --ploidy, the class thresholds, --cn-partial-amp
po::options_description join_output_options();  // --per-type-features --cna-output (join and run)
po::options_description clinical_options();   // --clinical --patient-column --response-column
po::options_description test_options();       // --endpoint ... --strata

// Adds --maf (scan and run: also write the counted calls as a MAF) to an output group.
void add_maf_output(po::options_description& output_group);

// A double option whose help shows its default as written here ("0.95"), not as printed by iostream at full
// precision ("0.94999999999999996").
po::typed_value<double>* real_value(double default_value);

struct ParsedArgs {
  po::variables_map vm;
  bool help = false;
  std::vector<std::string> argv;  // the whole command line, for provenance
};

// Parses argv[2...] against `visible` (plus the positional arguments under `positional_name`, if not empty).
// UsageError on an unknown option or a bad value.
ParsedArgs parse_args(const std::vector<std::string>& argv, const po::options_description& visible,
                      const std::string& positional_name);
// Prints "usage\n" and the option groups to stdout; returns kExitOk.
int print_help(const std::string& usage, const po::options_description& options);

std::string text(const po::variables_map& vm, const char* key);  // "" when absent
std::string required(const po::variables_map& vm, const char* key, const std::string& command);
std::vector<std::string> positionals(const po::variables_map& vm, const char* name);

CommonConfig common_config(const ParsedArgs& p);
ReferenceConfig reference_config(const po::variables_map& vm);
ScanOptions scan_config(const po::variables_map& vm);
ClinicalOptions clinical_config(const po::variables_map& vm);
JoinOptions join_config(const po::variables_map& vm);
TestOptions test_config(const po::variables_map& vm);

}  // namespace pathcorr
