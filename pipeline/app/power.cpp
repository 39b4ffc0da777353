// `pathcorr power` (SPEC "Commands"): exact power of Fisher's test for given group sizes, or the smallest total
// sample size reaching a target power for a given prevalence of altered patients. Options to the numbers of
// stats/fisher_power.h; the table goes to standard output.
#include <boost/program_options.hpp>

#include <iostream>
#include <string>
#include <vector>

#include "pipeline/app/choices.h"
#include "pipeline/app/command_table.h"
#include "pipeline/app/options.h"
#include "pipeline/base/errors.h"
#include "pipeline/io/table_io.h"
#include "pipeline/stats/fisher_power.h"

namespace po = boost::program_options;

namespace pathcorr {

namespace {

const char* kPowerUsage =
    "Usage: pathcorr power --n-altered N1 --n-wildtype N0 --response-rate-wildtype P0 --odds-ratio OR [options]\n"
    "       pathcorr power --prevalence F --target-power 0.8 --response-rate-wildtype P0 --odds-ratio OR [options]\n"
    "Exact unconditional power of Fisher's exact test: the sum, over every table the test rejects at alpha, of the\n"
    "product of the two binomial probabilities (no simulation). With --prevalence: the smallest total sample size\n"
    "n (n_altered = floor(F n + 0.5)) whose power reaches --target-power.\n";

po::options_description power_options() {
  po::options_description o("Power");
  o.add_options()
      ("n-altered", po::value<long>(), "altered patients")
      ("n-wildtype", po::value<long>(), "wild-type patients")
      ("prevalence", po::value<double>(), "fraction of altered patients (instead of the two group sizes)")
      ("target-power", real_value(0.8), "power to reach, with --prevalence")
      ("max-n", po::value<long>()->default_value(2000), "largest total sample size searched, with --prevalence")
      ("response-rate-wildtype", po::value<double>(), "response probability of wild-type patients")
      ("odds-ratio", po::value<double>(), "odds ratio of response, altered vs wild type (inf allowed)")
      ("alpha", real_value(0.05), "level of the test")
      ("alternative", po::value<std::string>()->default_value("two-sided"), alternative_choices().help().c_str())
      ("help,h", "show this help");
  return o;
}

template <class T>
T required_value(const po::variables_map& vm, const char* name) {
  if (!vm.count(name)) throw UsageError(std::string("power: --") + name + " is required (see pathcorr power --help)");
  return vm[name].as<T>();
}

}  // namespace

int power_main(const std::vector<std::string>& argv) {
  const std::vector<std::string> args(argv.begin() + 2, argv.end());
  const po::options_description o = power_options();
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(o).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(std::string("power: ") + e.what());
  }
  if (vm.count("help")) {
    std::cout << kPowerUsage << "\n" << o;
    return kExitOk;
  }
  const double p0 = required_value<double>(vm, "response-rate-wildtype");
  const double odds_ratio = required_value<double>(vm, "odds-ratio");
  const double alpha = vm["alpha"].as<double>();
  const Alternative alternative = alternative_choices().parse(vm["alternative"].as<std::string>());
  if (!(p0 >= 0 && p0 <= 1)) throw UsageError("power: --response-rate-wildtype must lie between 0 and 1");
  if (!(odds_ratio >= 0)) throw UsageError("power: --odds-ratio must be >= 0");
  const bool sizes = vm.count("n-altered") || vm.count("n-wildtype");
  if (sizes == (vm.count("prevalence") > 0)) {
    throw UsageError("power: give either --n-altered and --n-wildtype, or --prevalence (with --target-power)");
  }
  const double p1 = response_rate_for_odds_ratio(p0, odds_ratio);
  if (sizes) {
    const long n1 = required_value<long>(vm, "n-altered"), n0 = required_value<long>(vm, "n-wildtype");
    if (n1 < 0 || n0 < 0) throw UsageError("power: --n-altered and --n-wildtype must be >= 0");
    const double power = fisher_power(n1, n0, p0, odds_ratio, alpha, alternative);
    std::cout << "#alternative: " << to_string(alternative) << "\n";
    write_tsv_row(std::cout, {"n_altered", "n_wildtype", "response_rate_wildtype", "response_rate_altered",
                              "odds_ratio", "alpha", "power"});
    write_tsv_row(std::cout, {std::to_string(n1), std::to_string(n0), format_double(p0), format_double(p1),
                              format_double(odds_ratio), format_double(alpha), format_double(power)});
    return kExitOk;
  }
  const double prevalence = vm["prevalence"].as<double>(), target = vm["target-power"].as<double>();
  const long max_n = vm["max-n"].as<long>();
  const SampleSize ss = fisher_sample_size(prevalence, p0, odds_ratio, target, alpha, alternative, max_n);
  std::cout << "#exact power is saw-toothed in n (one more patient can lower it): n_total is the smallest total "
               "sample size with power >= target_power, n_altered = floor(prevalence * n_total + 0.5); a larger n "
               "can have less power\n";
  std::cout << "#alternative: " << to_string(alternative) << "\n";
  write_tsv_row(std::cout, {"n_total", "n_altered", "n_wildtype", "prevalence", "response_rate_wildtype",
                            "response_rate_altered", "odds_ratio", "alpha", "target_power", "power"});
  auto count = [&](long v) { return ss.found ? std::to_string(v) : std::string("NA"); };
  write_tsv_row(std::cout, {count(ss.n_total), count(ss.n_altered), count(ss.n_wildtype), format_double(prevalence),
                            format_double(p0), format_double(p1), format_double(odds_ratio), format_double(alpha),
                            format_double(target),
                            ss.found ? format_double(ss.power) : std::string("NA")});
  if (!ss.found) {
    std::cerr << "pathcorr: warning: no total sample size up to --max-n " << max_n << " reaches power " << target
              << "; raise --max-n\n";
  }
  return kExitOk;
}

}  // namespace pathcorr
