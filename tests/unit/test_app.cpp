// The command layer and run.json: the parse tables of the enum-valued options, the help text of the options,
// and run.json read back with nlohmann-json (types of the parameters, role and checksum of each input, each file
// once, every output).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "pipeline/app/choices.h"
#include "pipeline/app/cli.h"
#include "pipeline/app/options.h"
#include "pipeline/app/warnings.h"
#include "pipeline/base/errors.h"
#include "pipeline/report/run_record.h"
#include "tests/unit/test_support.h"

namespace pathcorr {
namespace {

using nlohmann::json;
using test::TempDir;

json read_json(const std::string& path) {
  std::ifstream in(path);
  return json::parse(in);
}

TEST(Choices, PolicyEndpointAlternativeAdjust) {
  EXPECT_EQ(policy_choices().parse("default"), Policy::Default);
  EXPECT_EQ(policy_choices().parse("oncogenic"), Policy::Oncogenic);
  EXPECT_THROW(policy_choices().parse("Oncogenic"), UsageError);
  EXPECT_THROW(policy_choices().parse(""), UsageError);
  EXPECT_EQ(endpoint_choices().parse("orr"), Endpoint::ORR);
  EXPECT_EQ(endpoint_choices().parse("dcr"), Endpoint::DCR);
  EXPECT_EQ(endpoint_choices().parse("regression"), Endpoint::Regression);
  EXPECT_THROW(endpoint_choices().parse("pfs"), UsageError);
  EXPECT_EQ(alternative_choices().parse("two-sided"), Alternative::TwoSided);
  EXPECT_EQ(alternative_choices().parse("two.sided"), Alternative::TwoSided);  // R's spelling
  EXPECT_EQ(alternative_choices().parse("less"), Alternative::Less);
  EXPECT_EQ(alternative_choices().parse("greater"), Alternative::Greater);
  EXPECT_THROW(alternative_choices().parse("both"), UsageError);
  EXPECT_EQ(adjust_choices().parse("bh"), AdjustMethod::BH);
  EXPECT_EQ(adjust_choices().parse("BH"), AdjustMethod::BH);
  EXPECT_EQ(adjust_choices().parse("fdr"), AdjustMethod::BH);
  EXPECT_EQ(adjust_choices().parse("by"), AdjustMethod::BY);
  EXPECT_EQ(adjust_choices().parse("holm"), AdjustMethod::Holm);
  EXPECT_EQ(adjust_choices().parse("bonferroni"), AdjustMethod::Bonferroni);
  EXPECT_EQ(adjust_choices().parse("none"), AdjustMethod::None);
  EXPECT_THROW(adjust_choices().parse("hochberg"), UsageError);
}

TEST(Choices, HelpListsTheParsedWordsWithoutAliases) {
  EXPECT_EQ(alternative_choices().help(), "two-sided|less|greater");
  EXPECT_EQ(adjust_choices().help(), "bh|by|holm|bonferroni|none");
  EXPECT_EQ(policy_choices().help(), "default|oncogenic");
  EXPECT_EQ(endpoint_choices().help(), "orr (--responders) | dcr (CR,PR,SD) | regression (best_pct_change < 0)");
  std::string message = test::message_of<UsageError>([] { alternative_choices().parse("sideways"); });
  EXPECT_NE(message.find("--alternative"), std::string::npos) << message;
  EXPECT_NE(message.find("two-sided, less, greater"), std::string::npos) << message;
}

TEST(Choices, Annotation) {
  EXPECT_EQ(annotation_choices().parse("auto"), "auto");
  EXPECT_EQ(annotation_choices().parse("none"), "none");
  EXPECT_EQ(annotation_choices().parse("snpeff-gatk"), "snpeff-gatk");
  EXPECT_EQ(annotation_choices().help(), "auto|none|vep|snpeff|snpeff-eff|snpeff-gatk|bcsq|funcotator|annovar");
  EXPECT_THROW(annotation_choices().parse("VEP"), UsageError);
  EXPECT_THROW(annotation_choices().parse("oncotator"), UsageError);
}

TEST(Choices, Build) {
  EXPECT_FALSE(parse_build_choice("--build", "auto", true).has_value());
  EXPECT_FALSE(parse_build_choice("--build", "", true).has_value());
  EXPECT_EQ(parse_build_choice("--build", "hg19", true), Build::GRCh37);
  EXPECT_EQ(parse_build_choice("--build", "GRCh38", false), Build::GRCh38);
  EXPECT_THROW(parse_build_choice("--build", "auto", false), UsageError);
  EXPECT_THROW(parse_build_choice("--build", "hg42", true), UsageError);
}

TEST(Options, HelpShowsDefaultsAsWritten) {
  std::ostringstream os;
  os << test_options() << scan_options();
  const std::string help = os.str();
  EXPECT_NE(help.find("--conf-level arg (=0.95)"), std::string::npos) << help;
  EXPECT_NE(help.find("--min-vaf arg (=0.05)"), std::string::npos) << help;
  EXPECT_NE(help.find("--max-pop-af arg (=0.01)"), std::string::npos) << help;
  EXPECT_EQ(help.find("0.9499"), std::string::npos) << help;
}

TEST(Warnings, OneLineEachNoneWhenQuiet) {
  std::ostringstream err;
  print_warnings(err, {"warning: a.vcf: 2 alleles skipped", "skipped: b.vcf:3: bad\nrecord"}, false);
  EXPECT_EQ(err.str(), "pathcorr: warning: a.vcf: 2 alleles skipped\n"
                       "pathcorr: skipped: b.vcf:3: bad record\n");
  std::ostringstream quiet;
  print_warnings(quiet, {"warning: a.vcf: 2 alleles skipped"}, true);
  EXPECT_EQ(quiet.str(), "");
}

TEST(RunJson, EachFileOnceWithItsRoleAndChecksum) {
  TempDir dir;
  const std::string maf = dir.file("cohort.maf", "Hugo_Symbol\tChromosome\tStart_Position\tEnd_Position\t"
                                                 "Reference_Allele\tTumor_Seq_Allele2\tVariant_Classification\t"
                                                 "Tumor_Sample_Barcode\n");
  const std::string clinical = dir.file("clinical.tsv", "abc");  // sha256sum of "abc" below
  RunRecord r;
  r.command = {"pathcorr", "run"};
  r.reference_version = "ref-1";
  r.parameters = {{"conf-level", 0.95}, {"threads", 2LL}, {"keep-going", false}, {"policy", std::string("default")}};
  add_input(r, "clinical", clinical);
  ScanResult scans;
  for (const char* patient : {"P1", "P2", "P3"}) {  // three patients of one sample sheet named the same MAF
    InputSummary s;
    s.patient_id = patient;
    s.file = maf;
    scans.inputs.push_back(s);
  }
  add_scan_inputs(r, scans);
  add_input(r, "clinical", clinical);  // a second mention of a listed file adds nothing
  r.outputs = {"calls.tsv", "run.json"};
  const json j = json::parse(run_json(r));

  EXPECT_TRUE(j["parameters"]["conf-level"].is_number_float());
  EXPECT_DOUBLE_EQ(j["parameters"]["conf-level"].get<double>(), 0.95);
  EXPECT_TRUE(j["parameters"]["threads"].is_number_integer());
  EXPECT_TRUE(j["parameters"]["keep-going"].is_boolean());
  EXPECT_TRUE(j["parameters"]["policy"].is_string());
  ASSERT_EQ(j["inputs"].size(), 2u) << j.dump(2);
  EXPECT_EQ(j["inputs"][0]["role"], "clinical");
  // printf abc | sha256sum
  EXPECT_EQ(j["inputs"][0]["sha256"], "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(j["inputs"][1]["role"], "maf");
  EXPECT_EQ(j["inputs"][1]["path"], maf);
  EXPECT_EQ(j["outputs"], json({"calls.tsv", "run.json"}));
  EXPECT_EQ(j["reference_version"], "ref-1");
}

TEST(RunJson, SkippedUnreadableInputHasNullChecksumOtherwiseError) {
  TempDir dir;
  RunRecord r;
  add_input(r, "vcf", dir.path("gone.vcf"), /*may_be_unreadable=*/true);
  EXPECT_TRUE(json::parse(run_json(r))["inputs"][0]["sha256"].is_null());
  RunRecord strict;
  add_input(strict, "clinical", dir.path("gone.tsv"));
  EXPECT_THROW(run_json(strict), Error);
}

TEST(RunJson, RunCommandWritesTypedParametersAndEveryInputOnce) {
  TempDir dir;
  const std::string tiny = std::string(PATHCORR_TEST_DATA) + "/tiny";
  const std::string outdir = dir.path("out");
  ASSERT_EQ(cli_main({"pathcorr", "run", "--quiet", "--no-version", "--threads", "2", "--clinical",
                      tiny + "/clinical.tsv", "--outdir", outdir, tiny}),
            kExitOk);
  const json j = read_json(outdir + "/run.json");
  EXPECT_TRUE(j["parameters"]["min-vaf"].is_number());
  EXPECT_TRUE(j["parameters"]["conf-level"].is_number());
  EXPECT_EQ(j["parameters"]["threads"], 2);
  EXPECT_EQ(j["parameters"]["quiet"], true);
  EXPECT_EQ(j["parameters"]["policy"], "default");
  std::multiset<std::string> roles;
  std::set<std::string> paths;
  for (const auto& in : j["inputs"]) {
    roles.insert(in["role"].get<std::string>());
    EXPECT_TRUE(paths.insert(in["path"].get<std::string>()).second) << "listed twice: " << in["path"];
    EXPECT_EQ(in["sha256"].get<std::string>().size(), 64u);
  }
  EXPECT_EQ(roles, (std::multiset<std::string>{"clinical", "vcf", "vcf", "vcf"}));
  // The seven tables and run.json's own entry, then the report (issue 13).
  ASSERT_EQ(j["outputs"].size(), 9u);
  EXPECT_EQ(j["outputs"][7], "report.html");
  EXPECT_EQ(j["outputs"][8], "figures/");
}

TEST(RunCommand, StandardInputIsRefusedBeforeAnyWork) {
  TempDir dir;
  const std::string tiny = std::string(PATHCORR_TEST_DATA) + "/tiny";
  EXPECT_THROW(cli_main({"pathcorr", "run", "--quiet", "--clinical", "-", "--outdir", dir.path("out"), tiny}),
               UsageError);
  const std::string sheet = dir.file("sheet.tsv", "patient_id\tvcf\nP1\t-\n");
  EXPECT_THROW(cli_main({"pathcorr", "run", "--quiet", "--clinical", tiny + "/clinical.tsv", "--samples", sheet,
                         "--outdir", dir.path("out")}),
               Error);
  EXPECT_FALSE(std::ifstream(dir.path("out/run.json")).good());
}

}  // namespace
}  // namespace pathcorr
