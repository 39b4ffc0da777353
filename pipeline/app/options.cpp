// The option groups shared by the commands and their conversion to typed configs (see options.h).
#include "pipeline/app/options.h"

#include <cstdio>
#include <iostream>
#include <sstream>

#include "pipeline/app/choices.h"
#include "pipeline/base/errors.h"

namespace pathcorr {

const std::string kInputHelp =
    "INPUT: VCF/BCF files (any caller; annotated by VEP, SnpEff, bcftools csq, Funcotator, ANNOVAR or not at all),\n"
    "MAF files, ANNOVAR *_multianno.txt tables, copy-number files (CNVkit .cns, GATK .seg, DNAcopy/IGV SEG,\n"
    "PURPLE cnv.somatic.tsv, ASCAT/PCGR segments, data_CNA.txt/GISTIC gene tables, copy-number VCFs), SV VCFs\n"
    "(Manta, Delly, GRIDSS, LUMPY), or directories of them. Content decides the format.";

po::typed_value<double>* real_value(double default_value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.15g", default_value);
  return po::value<double>()->default_value(default_value, text);
}

po::options_description general_options() {
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
       (annotation_choices().help() + " (none: ignore the file's annotation)").c_str())
      ("policy", po::value<std::string>()->default_value("default"), policy_choices().help().c_str())
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
      ("min-depth", real_value(10), "minimum tumour depth, where known")
      ("min-alt-reads", real_value(3), "minimum tumour alt reads, where known")
      ("min-vaf", real_value(0.05), "minimum tumour VAF, where known")
      ("max-pop-af", real_value(0.01),
       "maximum population allele frequency (gnomAD/ExAC/1000G in the annotation, Mutect2 POPAF)")
      ("vaf-tag", po::value<std::string>()->default_value(""), "FORMAT or INFO tag holding the tumour VAF")
      ("depth-tag", po::value<std::string>()->default_value(""), "FORMAT or INFO tag holding the tumour depth")
      ("alt-depth-tag", po::value<std::string>()->default_value(""), "FORMAT or INFO tag holding alt reads")
      ("keep-going", po::bool_switch(), "skip a damaged VCF, report it, go on (exit 4)")
      ("no-index", po::bool_switch(),
       "read every VCF/BCF whole, even when it has an index (.tbi/.csi) that would let only the genes be read");
  o.add(copy_number_options());
  return o;
}

po::options_description copy_number_options() {
  const CnThresholds d;
  po::options_description o("Copy number (SPEC \"Copy number and structural variants\")");
  o.add_options()
      ("ploidy", real_value(2), "tumour ploidy of absolute copy numbers when neither the file nor the sheet gives one")
      ("deep-below", real_value(d.deep_below), "absolute copy number below this: deep_deletion")
      ("shallow-margin", real_value(d.shallow_margin), "absolute below ploidy - this: shallow_deletion")
      ("gain-margin", real_value(d.gain_margin), "absolute above ploidy + this: gain")
      ("amp-factor", real_value(d.amp_factor), "absolute from this x ploidy: amplification")
      ("log2-deep", real_value(d.log2_deep), "log2 ratio below this: deep_deletion")
      ("log2-shallow", real_value(d.log2_shallow), "log2 ratio below this: shallow_deletion")
      ("log2-gain", real_value(d.log2_gain), "log2 ratio above this: gain")
      ("log2-amp", real_value(d.log2_amp), "log2 ratio from this: amplification")
      ("cn-partial-amp", po::bool_switch(),
       "count an amplification of part of a gene (the rest at a lower level) as amplification of the gene");
  return o;
}

po::options_description join_output_options() {
  po::options_description o("Matrix");
  o.add_options()
      ("per-type-features", po::bool_switch(),
       "add GENE:mut, GENE:amp, GENE:del columns (per kind of alteration) after the gene and pathway columns")
      ("cna-output", po::value<std::string>()->default_value(""),
       "also write cBioPortal's discrete copy-number table (data_CNA.txt) of the matrix patients");
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
      ("endpoint", po::value<std::string>()->default_value("orr"), endpoint_choices().help().c_str())
      ("responders", po::value<std::string>()->default_value("CR,PR"), "responses counted as objective response")
      ("alternative", po::value<std::string>()->default_value("two-sided"), alternative_choices().help().c_str())
      ("conf-level", real_value(0.95), "confidence level of intervals")
      ("adjust", po::value<std::string>()->default_value("bh"),
       (adjust_choices().help() + ", within the exploratory (every non-primary) family").c_str())
      ("adjust-primary", po::value<std::string>()->default_value("holm"), "adjustment within the plan's primary family")
      ("plan", po::value<std::string>()->default_value(""),
       "TSV `feature family` (e.g. PIK3CA primary): testing families; unlisted features are exploratory")
      ("min-altered", po::value<long>()->default_value(1), "features with fewer altered patients are not tested")
      ("ne", po::value<std::string>()->default_value("nonresponder"), ne_choices().help().c_str())
      ("km-conf-type", po::value<std::string>()->default_value("log"),
       (km_conf_type_choices().help() + ": Kaplan-Meier median intervals, as R survfit's conf.type").c_str())
      ("strata", po::value<std::string>()->default_value(""),
       "clinical column to stratify by (e.g. hpv_status): exact Mantel-Haenszel test of a common odds ratio");
  return o;
}

void add_maf_output(po::options_description& output_group) {
  output_group.add_options()("maf", po::value<std::string>()->default_value(""),
                             "also write the counted calls as a MAF (maftools, cBioPortal)");
}

ParsedArgs parse_args(const std::vector<std::string>& argv, const po::options_description& visible,
                      const std::string& positional_name) {
  po::options_description all;
  all.add(visible);
  po::positional_options_description pos;
  if (!positional_name.empty()) {
    all.add_options()(positional_name.c_str(), po::value<std::vector<std::string>>(), "");
    pos.add(positional_name.c_str(), -1);
  }
  ParsedArgs p;
  p.argv = argv;
  const std::vector<std::string> args(argv.begin() + std::min<size_t>(2, argv.size()), argv.end());
  try {
    po::store(po::command_line_parser(args).options(all).positional(pos).run(), p.vm);
    po::notify(p.vm);
  } catch (const po::error& e) {
    throw UsageError(e.what());
  }
  p.help = p.vm.count("help") > 0;
  return p;
}

int print_help(const std::string& usage, const po::options_description& options) {
  std::ostringstream os;
  os << usage << "\n" << options;
  std::cout << os.str();
  return kExitOk;
}

std::string text(const po::variables_map& vm, const char* key) {
  return vm.count(key) ? vm[key].as<std::string>() : std::string();
}

std::string required(const po::variables_map& vm, const char* key, const std::string& command) {
  std::string v = text(vm, key);
  if (v.empty())
    throw UsageError(command + ": --" + std::string(key) + " is required (see pathcorr " + command + " --help)");
  return v;
}

std::vector<std::string> positionals(const po::variables_map& vm, const char* name) {
  return vm.count(name) ? vm[name].as<std::vector<std::string>>() : std::vector<std::string>{};
}

CommonConfig common_config(const ParsedArgs& p) {
  CommonConfig c;
  c.quiet = p.vm["quiet"].as<bool>();
  c.no_version = p.vm["no-version"].as<bool>();
  c.argv = p.argv;
  return c;
}

ReferenceConfig reference_config(const po::variables_map& vm) {
  return {text(vm, "gene-set"), text(vm, "hotspots"), text(vm, "genes-grch37"), text(vm, "genes-grch38")};
}

namespace {

int threads(const po::variables_map& vm) {
  const int n = vm["threads"].as<int>();
  if (n < 1) throw UsageError("--threads must be at least 1");
  return n;
}

}  // namespace

ScanOptions scan_config(const po::variables_map& vm) {
  ScanOptions s;
  s.tumor_sample = text(vm, "tumor-sample");
  s.annotation = annotation_choices().parse(text(vm, "annotation"));
  s.policy = policy_choices().parse(text(vm, "policy"));
  if (!text(vm, "rules").empty()) {
    s.rules = AlterationRules::read(text(vm, "rules"));
    if (s.policy != Policy::Oncogenic) throw UsageError("--rules applies to --policy oncogenic; give both");
  }
  s.targets = text(vm, "targets");
  s.fasta = text(vm, "fasta");
  s.gtf = text(vm, "gtf");
  if (!s.gtf.empty() && s.fasta.empty()) throw UsageError("--gtf needs --fasta (the sequence to call consequences on)");
  if (!text(vm, "transcripts").empty()) s.transcripts = read_transcript_overrides(text(vm, "transcripts"));
  s.min_depth = vm["min-depth"].as<double>();
  s.min_alt_reads = vm["min-alt-reads"].as<double>();
  s.min_vaf = vm["min-vaf"].as<double>();
  s.max_pop_af = vm["max-pop-af"].as<double>();
  if (s.min_vaf < 0 || s.min_vaf > 1) throw UsageError("--min-vaf must be between 0 and 1");
  if (s.max_pop_af < 0 || s.max_pop_af > 1) throw UsageError("--max-pop-af must be between 0 and 1");
  if (s.min_depth < 0 || s.min_alt_reads < 0) throw UsageError("--min-depth and --min-alt-reads must be >= 0");
  s.tags = {text(vm, "vaf-tag"), text(vm, "depth-tag"), text(vm, "alt-depth-tag")};
  s.threads = threads(vm);
  s.keep_going = vm["keep-going"].as<bool>();
  s.use_index = !vm["no-index"].as<bool>();
  const auto build = parse_build_choice("--build", text(vm, "build"), /*allow_auto=*/true);
  s.build = build ? to_string(*build) : "auto";
  s.ploidy = vm["ploidy"].as<double>();
  if (!(s.ploidy > 0)) throw UsageError("--ploidy must be above 0");
  CnThresholds& t = s.cn;
  t.deep_below = vm["deep-below"].as<double>();
  t.shallow_margin = vm["shallow-margin"].as<double>();
  t.gain_margin = vm["gain-margin"].as<double>();
  t.amp_factor = vm["amp-factor"].as<double>();
  t.log2_deep = vm["log2-deep"].as<double>();
  t.log2_shallow = vm["log2-shallow"].as<double>();
  t.log2_gain = vm["log2-gain"].as<double>();
  t.log2_amp = vm["log2-amp"].as<double>();
  if (!(t.log2_deep <= t.log2_shallow && t.log2_shallow <= 0 && 0 <= t.log2_gain && t.log2_gain <= t.log2_amp))
    throw UsageError("the log2 thresholds must be ordered: --log2-deep <= --log2-shallow <= 0 <= --log2-gain <= "
                     "--log2-amp");
  if (t.deep_below < 0 || t.shallow_margin < 0 || t.gain_margin < 0 || !(t.amp_factor > 1))
    throw UsageError("--deep-below, --shallow-margin and --gain-margin must be >= 0 and --amp-factor above 1");
  s.cn_partial_amp = vm["cn-partial-amp"].as<bool>();
  return s;
}

JoinOptions join_config(const po::variables_map& vm) {
  JoinOptions j;
  j.per_type_features = vm["per-type-features"].as<bool>();
  return j;
}

ClinicalOptions clinical_config(const po::variables_map& vm) {
  ClinicalOptions c;
  c.patient_column = text(vm, "patient-column");
  c.response_column = text(vm, "response-column");
  return c;
}

TestOptions test_config(const po::variables_map& vm) {
  TestOptions t;
  t.endpoint = endpoint_choices().parse(text(vm, "endpoint"));
  t.responders = parse_responders(text(vm, "responders"));
  t.alternative = alternative_choices().parse(text(vm, "alternative"));
  t.conf_level = vm["conf-level"].as<double>();
  if (!(t.conf_level > 0 && t.conf_level < 1)) throw UsageError("--conf-level must be between 0 and 1");
  t.adjust = adjust_choices().parse(text(vm, "adjust"));
  t.adjust_primary = adjust_choices().parse(text(vm, "adjust-primary"));
  if (!text(vm, "plan").empty()) t.plan = read_plan(text(vm, "plan"));
  t.min_altered = vm["min-altered"].as<long>();
  if (t.min_altered < 1) throw UsageError("--min-altered must be at least 1");
  t.ne = ne_choices().parse(text(vm, "ne"));
  t.km_conf_type = km_conf_type_choices().parse(text(vm, "km-conf-type"));
  t.strata_column = text(vm, "strata");
  t.threads = threads(vm);
  return t;
}

}  // namespace pathcorr
