// The command line: Boost.Program_options descriptions per command, grouped help, and the mapping of options
// to the Config structs of commands.h. No domain logic here.
#include "pipeline/app/cli.h"

#include <boost/program_options.hpp>

#include <iostream>
#include <sstream>

#include "pathcorr_version.h"
#include "pipeline/app/commands.h"
#include "pipeline/base/errors.h"

namespace po = boost::program_options;

namespace pathcorr {

// What INPUT may be, for the help of scan and run.
const std::string kInputHelp =
    "INPUT: VCF/BCF files (any caller; annotated by VEP, SnpEff, bcftools csq, Funcotator, ANNOVAR or not at all),\n"
    "MAF files, ANNOVAR *_multianno.txt tables, or directories of VCFs and tables. Content decides the format.";

namespace {

const char* kUsage =
    "pathcorr " PATHCORR_VERSION " - genomic correlative analysis for cancer clinical trials\n"
    "\n"
    "Usage: pathcorr <command> [options]\n"
    "\n"
    "Commands:\n"
    "  scan       VCF/BCF files or directories -> alteration calls (calls.tsv)      [scatter]\n"
    "  join       calls + clinical table -> patient x feature matrix (matrix.tsv)  [gather]\n"
    "  test       matrix + clinical table -> association statistics\n"
    "  run        scan + join + test in one process, into --outdir\n"
    "  power      exact power / sample size of Fisher's test (no simulation)\n"
    "  reference  print the built-in reference (genes, hotspots, gene-sets)\n"
    "\n"
    "  pathcorr --version | --help | <command> --help\n"
    "\n"
    "Exit codes: 0 success, 1 bad or unreadable input, 2 usage error, 3 inputs that contradict each other,\n"
    "            4 finished but --keep-going skipped a damaged input.\n";

po::options_description common_options() {
  po::options_description o("General");
  o.add_options()
      ("help,h", "show this help")
      ("quiet,q", po::bool_switch(), "no progress or warnings on stderr (errors are still printed)")
      ("no-version", po::bool_switch(), "write no version/command comment lines (byte-stable outputs)")
      ("threads", po::value<int>()->default_value(1), "files scanned / features tested in parallel (output is the same)");
  return o;
}

po::options_description reference_options() {
  po::options_description o("Reference");
  o.add_options()
      ("gene-set", po::value<std::string>()->default_value(""),
       "GMT file (as MSigDB) replacing the built-in PI3K_MTOR set; every set is a pathway feature")
      ("hotspots", po::value<std::string>()->default_value(""),
       "TSV replacing the built-in hotspot table (columns of `pathcorr reference hotspots`)")
      ("genes-grch37", po::value<std::string>()->default_value(""),
       "TSV replacing the built-in GRCh37 gene table (columns of reference/genes_GRCh37.tsv)")
      ("genes-grch38", po::value<std::string>()->default_value(""),
       "TSV replacing the built-in GRCh38 gene table");
  return o;
}

po::options_description scan_options() {
  po::options_description o("Scan");
  o.add_options()
      ("samples", po::value<std::string>()->default_value(""),
       "sample sheet (TSV: patient_id, vcf, optional tumor_sample) instead of positional inputs")
      ("build", po::value<std::string>()->default_value("auto"), "auto|GRCh37|GRCh38")
      ("tumor-sample", po::value<std::string>()->default_value(""), "name of the tumour sample column")
      ("annotation", po::value<std::string>()->default_value("auto"),
       "auto|none|vep|snpeff|snpeff-eff|snpeff-gatk|bcsq|funcotator|annovar (none: ignore the file's annotation)")
      ("policy", po::value<std::string>()->default_value("default"), "default|oncogenic")
      ("rules", po::value<std::string>()->default_value(""),
       "alteration rules for --policy oncogenic (columns scope, name, counts; default reference/oncogenic_rules.tsv)")
      ("targets", po::value<std::string>()->default_value(""),
       "BED of the capture targets: genes outside them are NA (not evaluable), not wild type")
      ("fasta", po::value<std::string>()->default_value(""),
       "indexed reference FASTA: call consequences and HGVSp ourselves for unannotated VCFs")
      ("gtf", po::value<std::string>()->default_value(""),
       "transcript models (GENCODE/Ensembl GTF or GFF3) for --fasta (default: built-in PIK3CA and PTEN models)")
      ("transcripts", po::value<std::string>()->default_value(""),
       "TSV gene, transcript: the transcript to use per gene instead of the built-in canonical one")
      ("min-depth", po::value<double>()->default_value(10), "minimum tumour depth, where known")
      ("min-alt-reads", po::value<double>()->default_value(3), "minimum tumour alt reads, where known")
      ("min-vaf", po::value<double>()->default_value(0.05), "minimum tumour VAF, where known")
      ("max-pop-af", po::value<double>()->default_value(0.01),
       "maximum population allele frequency (gnomAD/ExAC/1000G in the annotation, Mutect2 POPAF)")
      ("vaf-tag", po::value<std::string>()->default_value(""), "FORMAT or INFO tag holding the tumour VAF")
      ("depth-tag", po::value<std::string>()->default_value(""), "FORMAT or INFO tag holding the tumour depth")
      ("alt-depth-tag", po::value<std::string>()->default_value(""), "FORMAT or INFO tag holding alt reads")
      ("keep-going", po::bool_switch(), "skip a damaged VCF, report it, go on (exit 4)");
  return o;
}

po::options_description clinical_options() {
  po::options_description o("Clinical table");
  o.add_options()
      ("clinical", po::value<std::string>(), "clinical table (TSV, or CSV by extension)")
      ("patient-column", po::value<std::string>()->default_value("patient_id"), "patient ID column")
      ("response-column", po::value<std::string>()->default_value("best_response"), "best response column");
  return o;
}

po::options_description test_options() {
  po::options_description o("Test");
  o.add_options()
      ("endpoint", po::value<std::string>()->default_value("orr"),
       "orr (--responders) | dcr (CR,PR,SD) | regression (best_pct_change < 0)")
      ("responders", po::value<std::string>()->default_value("CR,PR"), "responses counted as objective response")
      ("alternative", po::value<std::string>()->default_value("two-sided"), "two-sided|less|greater")
      ("conf-level", po::value<double>()->default_value(0.95), "confidence level of intervals")
      ("adjust", po::value<std::string>()->default_value("bh"),
       "bh|by|holm|bonferroni|none, within the exploratory (every non-primary) family")
      ("adjust-primary", po::value<std::string>()->default_value("holm"), "adjustment within the plan's primary family")
      ("plan", po::value<std::string>()->default_value(""),
       "TSV `feature family` (e.g. PIK3CA primary): testing families; unlisted features are exploratory")
      ("min-altered", po::value<long>()->default_value(1), "features with fewer altered patients are not tested")
      ("ne", po::value<std::string>()->default_value("nonresponder"),
       "nonresponder (NE counts as non-response, as the paper) | exclude (sensitivity analysis)")
      ("km-conf-type", po::value<std::string>()->default_value("log"),
       "log|log-log|plain: Kaplan-Meier median intervals, as R survfit's conf.type")
      ("strata", po::value<std::string>()->default_value(""),
       "clinical column to stratify by (e.g. hpv_status): exact Mantel-Haenszel test of a common odds ratio");
  return o;
}

struct Parsed {
  po::variables_map vm;
  bool help = false;
};

Parsed parse(const std::vector<std::string>& args, const po::options_description& visible,
             const std::string& positional_name) {
  po::options_description all;
  all.add(visible);
  po::positional_options_description pos;
  if (!positional_name.empty()) {
    all.add_options()(positional_name.c_str(), po::value<std::vector<std::string>>(), "");
    pos.add(positional_name.c_str(), -1);
  }
  Parsed p;
  try {
    po::store(po::command_line_parser(args).options(all).positional(pos).run(), p.vm);
    po::notify(p.vm);
  } catch (const po::error& e) {
    throw UsageError(e.what());
  }
  p.help = p.vm.count("help") > 0;
  return p;
}

std::string str(const po::variables_map& vm, const char* k) {
  return vm.count(k) ? vm[k].as<std::string>() : std::string();
}

std::string required(const po::variables_map& vm, const char* k, const std::string& cmd) {
  std::string v = str(vm, k);
  if (v.empty()) throw UsageError(cmd + ": --" + std::string(k) + " is required (see pathcorr " + cmd + " --help)");
  return v;
}

CommonConfig fill_common(const po::variables_map& vm, const std::vector<std::string>& argv) {
  CommonConfig c;
  c.quiet = vm["quiet"].as<bool>();
  c.no_version = vm["no-version"].as<bool>();
  c.argv = argv;
  return c;
}

ReferenceConfig fill_reference(const po::variables_map& vm) {
  return {str(vm, "gene-set"), str(vm, "hotspots"), str(vm, "genes-grch37"), str(vm, "genes-grch38")};
}

ScanOptions fill_scan(const po::variables_map& vm) {
  ScanOptions s;
  s.build = str(vm, "build");
  s.tumor_sample = str(vm, "tumor-sample");
  s.annotation = str(vm, "annotation");
  s.policy = parse_policy(str(vm, "policy"));
  if (!str(vm, "rules").empty()) {
    s.rules = AlterationRules::read(str(vm, "rules"));
    if (s.policy != Policy::Oncogenic) throw UsageError("--rules applies to --policy oncogenic; give both");
  }
  s.targets = str(vm, "targets");
  s.fasta = str(vm, "fasta");
  s.gtf = str(vm, "gtf");
  if (!s.gtf.empty() && s.fasta.empty()) throw UsageError("--gtf needs --fasta (the sequence to call consequences on)");
  if (!str(vm, "transcripts").empty()) s.transcripts = read_transcript_overrides(str(vm, "transcripts"));
  s.min_depth = vm["min-depth"].as<double>();
  s.min_alt_reads = vm["min-alt-reads"].as<double>();
  s.min_vaf = vm["min-vaf"].as<double>();
  s.max_pop_af = vm["max-pop-af"].as<double>();
  if (s.min_vaf < 0 || s.min_vaf > 1) throw UsageError("--min-vaf must be between 0 and 1");
  if (s.max_pop_af < 0 || s.max_pop_af > 1) throw UsageError("--max-pop-af must be between 0 and 1");
  if (s.min_depth < 0 || s.min_alt_reads < 0) throw UsageError("--min-depth and --min-alt-reads must be >= 0");
  s.tags = {str(vm, "vaf-tag"), str(vm, "depth-tag"), str(vm, "alt-depth-tag")};
  s.threads = vm["threads"].as<int>();
  if (s.threads < 1) throw UsageError("--threads must be at least 1");
  s.keep_going = vm["keep-going"].as<bool>();
  s.quiet = vm["quiet"].as<bool>();
  if (!str(vm, "build").empty() && str(vm, "build") != "auto" && !parse_build(str(vm, "build")))
    throw UsageError("--build must be auto, GRCh37 or GRCh38, not '" + str(vm, "build") + "'");
  return s;
}

ClinicalOptions fill_clinical(const po::variables_map& vm) {
  ClinicalOptions c;
  c.patient_column = str(vm, "patient-column");
  c.response_column = str(vm, "response-column");
  return c;
}

TestOptions fill_test(const po::variables_map& vm) {
  TestOptions t;
  t.endpoint = parse_endpoint(str(vm, "endpoint"));
  t.responders = parse_responders(str(vm, "responders"));
  t.alternative = parse_alternative(str(vm, "alternative"));
  t.conf_level = vm["conf-level"].as<double>();
  if (!(t.conf_level > 0 && t.conf_level < 1)) throw UsageError("--conf-level must be between 0 and 1");
  t.adjust = parse_adjust_method(str(vm, "adjust"));
  t.adjust_primary = parse_adjust_method(str(vm, "adjust-primary"));
  if (!str(vm, "plan").empty()) t.plan = read_plan(str(vm, "plan"));
  t.min_altered = vm["min-altered"].as<long>();
  if (t.min_altered < 1) throw UsageError("--min-altered must be at least 1");
  t.ne = parse_ne_policy(str(vm, "ne"));
  t.km_conf_type = parse_km_conf_type(str(vm, "km-conf-type"));
  t.strata_column = str(vm, "strata");
  t.threads = vm["threads"].as<int>();
  if (t.threads < 1) throw UsageError("--threads must be at least 1");
  return t;
}

std::vector<std::string> positionals(const po::variables_map& vm, const char* name) {
  return vm.count(name) ? vm[name].as<std::vector<std::string>>() : std::vector<std::string>{};
}

void print_help(const std::string& usage, const po::options_description& o) {
  std::ostringstream os;
  os << usage << "\n" << o;
  std::cout << os.str();
}

}  // namespace

int cli_main(const std::vector<std::string>& argv) {
  if (argv.size() < 2) {
    std::cerr << kUsage;
    return kExitUsage;
  }
  const std::string cmd = argv[1];
  const std::vector<std::string> args(argv.begin() + 2, argv.end());
  if (cmd == "--version" || cmd == "-V" || cmd == "version") {
    std::cout << "pathcorr " PATHCORR_VERSION "\n";
    return kExitOk;
  }
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    std::cout << kUsage;
    return kExitOk;
  }

  if (cmd == "scan") {
    po::options_description o;
    po::options_description io("Output");
    io.add_options()("output,o", po::value<std::string>(), "calls.tsv to write ('-' for stdout)")(
        "maf", po::value<std::string>()->default_value(""), "also write the counted calls as a MAF (maftools, cBioPortal)");
    o.add(io).add(scan_options()).add(reference_options()).add(common_options());
    auto p = parse(args, o, "input");
    if (p.help) return print_help("Usage: pathcorr scan [options] --output calls.tsv INPUT...\n" + kInputHelp, o), kExitOk;
    ScanConfig c;
    c.common = fill_common(p.vm, argv);
    c.reference = fill_reference(p.vm);
    c.scan = fill_scan(p.vm);
    c.samples_sheet = str(p.vm, "samples");
    c.inputs = positionals(p.vm, "input");
    c.output = required(p.vm, "output", "scan");
    c.maf_output = str(p.vm, "maf");
    return run_scan(c);
  }
  if (cmd == "join") {
    po::options_description o;
    po::options_description io("Output");
    io.add_options()("output,o", po::value<std::string>(), "matrix.tsv to write")(
        "samples-output", po::value<std::string>()->default_value(""), "also write the patient flow (samples.tsv)");
    o.add(io).add(clinical_options()).add(reference_options()).add(common_options());
    auto p = parse(args, o, "calls");
    if (p.help)
      return print_help("Usage: pathcorr join [options] --clinical FILE --output matrix.tsv CALLS.tsv...", o), kExitOk;
    JoinConfig c;
    c.common = fill_common(p.vm, argv);
    c.reference = fill_reference(p.vm);
    c.clinical = required(p.vm, "clinical", "join");
    c.clinical_options = fill_clinical(p.vm);
    c.calls = positionals(p.vm, "calls");
    c.output = required(p.vm, "output", "join");
    c.samples_output = str(p.vm, "samples-output");
    return run_join(c);
  }
  if (cmd == "test") {
    po::options_description o;
    po::options_description io("Input/output");
    io.add_options()("matrix", po::value<std::string>(), "matrix.tsv from join")(
        "output,o", po::value<std::string>(), "associations.tsv to write")(
        "response-output", po::value<std::string>()->default_value(""), "also write response.tsv (ORR, DCR)")(
        "survival-output", po::value<std::string>()->default_value(""),
        "also write survival.tsv (Kaplan-Meier, log-rank, Cox) when pfs/os columns exist");
    o.add(io).add(clinical_options()).add(test_options()).add(reference_options()).add(common_options());
    auto p = parse(args, o, "");
    if (p.help)
      return print_help(
                 "Usage: pathcorr test [options] --matrix matrix.tsv --clinical FILE --output associations.tsv", o),
             kExitOk;
    TestConfig c;
    c.common = fill_common(p.vm, argv);
    c.reference = fill_reference(p.vm);
    c.matrix = required(p.vm, "matrix", "test");
    c.clinical = required(p.vm, "clinical", "test");
    c.clinical_options = fill_clinical(p.vm);
    c.output = required(p.vm, "output", "test");
    c.response_output = str(p.vm, "response-output");
    c.survival_output = str(p.vm, "survival-output");
    c.test = fill_test(p.vm);
    return run_test(c);
  }
  if (cmd == "run") {
    po::options_description o;
    po::options_description io("Output");
    io.add_options()("outdir", po::value<std::string>(), "directory for all tables and run.json")(
        "maf", po::value<std::string>()->default_value(""), "also write the counted calls as a MAF (maftools, cBioPortal)");
    o.add(io).add(clinical_options()).add(scan_options()).add(test_options()).add(reference_options()).add(
        common_options());
    auto p = parse(args, o, "input");
    if (p.help) return print_help("Usage: pathcorr run [options] --clinical FILE --outdir DIR INPUT...\n" + kInputHelp, o), kExitOk;
    RunConfig c;
    c.common = fill_common(p.vm, argv);
    c.reference = fill_reference(p.vm);
    c.scan = fill_scan(p.vm);
    c.samples_sheet = str(p.vm, "samples");
    c.inputs = positionals(p.vm, "input");
    c.clinical = required(p.vm, "clinical", "run");
    c.clinical_options = fill_clinical(p.vm);
    c.test = fill_test(p.vm);
    c.outdir = required(p.vm, "outdir", "run");
    c.maf_output = str(p.vm, "maf");
    for (const auto& kv : p.vm) {
      if (kv.first == "input" || kv.first == "help") continue;
      const auto& v = kv.second.value();
      std::string s;
      if (auto* x = boost::any_cast<std::string>(&v)) s = *x;
      else if (auto* d = boost::any_cast<double>(&v)) {
        std::ostringstream os;
        os << *d;
        s = os.str();
      } else if (auto* i = boost::any_cast<int>(&v)) s = std::to_string(*i);
      else if (auto* l = boost::any_cast<long>(&v)) s = std::to_string(*l);
      else if (auto* b = boost::any_cast<bool>(&v)) s = *b ? "true" : "false";
      c.parameters.push_back({kv.first, s});
    }
    return run_run(c);
  }
  if (cmd == "power") return power_main(args);
  if (cmd == "reference") {
    po::options_description o;
    po::options_description ro("Reference printing");
    ro.add_options()("build", po::value<std::string>()->default_value(""), "GRCh37|GRCh38 (default: both)");
    o.add(ro).add(reference_options()).add(common_options());
    auto p = parse(args, o, "what");
    if (p.help)
      return print_help("Usage: pathcorr reference [--build B] [genes|hotspots|gene-sets]", o), kExitOk;
    ReferenceCommandConfig c;
    c.reference = fill_reference(p.vm);
    c.build = str(p.vm, "build");
    auto what = positionals(p.vm, "what");
    if (what.size() > 1) throw UsageError("reference: give one of genes, hotspots, gene-sets");
    if (!what.empty()) c.what = what[0];
    return run_reference(c);
  }
  std::cerr << "pathcorr: unknown command '" << cmd << "'\n\n" << kUsage;
  return kExitUsage;
}

}  // namespace pathcorr
