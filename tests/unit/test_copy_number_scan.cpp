// Unit tests of copy-number files in scan and join: gene calls from a file's samples (classify/copy_number_scan),
// which patients a file of many samples gives, the build rule, the ploidy a call uses, the coding-exon cover rule
// and PURPLE-style partial amplifications, the policy of copy-number classes, and join's NA rule, per-type
// features and data_CNA.txt (cohort/).
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "pipeline/base/errors.h"
#include "pipeline/classify/copy_number_scan.h"
#include "pipeline/cohort/cohort.h"
#include "reference/reference.h"
#include "tests/unit/test_support.h"

namespace pathcorr {
namespace {

using test::has;
using test::message_of;

const Reference& ref() {
  static const Reference r = Reference::builtin();
  return r;
}

// GRCh37 spans of the built-in reference.
const Gene& gene(const std::string& symbol) { return *ref().gene(Build::GRCh37, symbol); }

// A one-sample log2 file: one neutral segment per chromosome arm-sized stretch, then `extra` on top.
CopyNumberFile log2_file(std::vector<CnSegment> segments, std::optional<Build> build = Build::GRCh37) {
  CopyNumberFile f;
  f.path = "P1.cnvkit.cns";
  f.format = InputFormat::CnvkitSegments;
  f.scale = CnScale::Log2;
  f.build = build;
  f.samples.push_back(CnSample{"", std::move(segments), {}, {}});
  return f;
}

CnFileContext one_patient(const std::string& p) {
  CnFileContext ctx;
  ctx.file_patient = p;
  return ctx;
}

const Call* find_call(const ScanResult& r, const std::string& patient, const std::string& gene) {
  for (const Call& c : r.calls)
    if (c.patient_id == patient && c.gene == gene) return &c;
  return nullptr;
}

TEST(CopyNumberScan, CallsRowsAndNotEvaluableGenes) {
  const Gene& pik3ca = gene("PIK3CA");
  const Gene& pten = gene("PTEN");
  ScanResult r = scan_copy_number(log2_file({{"chr3", pik3ca.start - 1000, pik3ca.end + 1000, 0.9, 2},
                                             {"10", pten.start - 10, pten.end + 10, -0.4, 3}}),
                                  one_patient("P1"), ref(), ScanOptions{});
  ASSERT_EQ(r.inputs.size(), 1u);
  const InputSummary& s = r.inputs[0];
  EXPECT_EQ(s.kind, DataKind::CopyNumber);
  EXPECT_EQ(s.segments, 2);
  EXPECT_EQ(s.annotation, "cnvkit");
  // Only PIK3CA and PTEN are overlapped: every other gene of the set is not evaluable.
  EXPECT_EQ(s.not_evaluable.size(), ref().feature_genes().size() - 2);
  const Call* amp = find_call(r, "P1", "PIK3CA");
  ASSERT_TRUE(amp);
  EXPECT_EQ(amp->alteration_class, "amplification");
  EXPECT_TRUE(amp->counted);
  EXPECT_EQ(amp->ref, ".");
  EXPECT_EQ(amp->chrom, "chr3");
  EXPECT_EQ(amp->pos, pik3ca.start - 1000);
  EXPECT_EQ(amp->end, pik3ca.end + 1000);
  EXPECT_EQ(amp->cn_value, 0.9);
  EXPECT_EQ(amp->cn_scale, "log2");
  const Call* loss = find_call(r, "P1", "PTEN");
  ASSERT_TRUE(loss);
  EXPECT_EQ(loss->alteration_class, "shallow_deletion");
  EXPECT_FALSE(loss->counted);
  EXPECT_EQ(loss->reason, "shallow_not_deep_deletion");
  EXPECT_EQ(s.alterations_counted, 1);
}

TEST(CopyNumberScan, AmplificationMustCoverTheCodingExonsNotTheUtrs) {
  // PIK3CA has a built-in model: a segment over its coding exons that stops short of the 3' UTR still covers the
  // gene; one that leaves out the last coding exon does not.
  const auto parts = builtin_coding_parts(Build::GRCh37).at("PIK3CA");
  ASSERT_FALSE(parts.empty());
  const long long cds_from = parts.front().first, cds_to = parts.back().second;
  const Gene& g = gene("PIK3CA");
  ASSERT_LT(cds_to, g.end);  // the 3' UTR lies after the CDS
  GeneCnCall whole = call_gene(g, {{"3", cds_from - 5, cds_to + 5, 1.0, 1}}, {CnScale::Log2}, {}, parts);
  EXPECT_EQ(whole.cls, CnClass::Amplification);
  GeneCnCall short_of_exon = call_gene(g, {{"3", cds_from - 5, cds_to - 50, 1.0, 1}}, {CnScale::Log2}, {}, parts);
  EXPECT_EQ(short_of_exon.cls, CnClass::Neutral);
  EXPECT_TRUE(short_of_exon.partial_amplification);
  // Without the model the whole span must be covered.
  EXPECT_EQ(call_gene(g, {{"3", cds_from - 5, cds_to + 5, 1.0, 1}}, {CnScale::Log2}, {}).cls, CnClass::Neutral);
}

TEST(CopyNumberScan, PartialAmplificationIsAGainUnlessAsked) {
  // cnvkit_amplicon.cns in small: most of PIK3CA at +0.26, its 3' end at +0.91.
  const Gene& g = gene("PIK3CA");
  const long long mid = g.start + (g.end - g.start) * 9 / 10;
  CopyNumberFile f = log2_file({{"3", g.start - 100000, mid, 0.26, 1}, {"3", mid + 1, g.end + 100, 0.91, 2}});
  const Call* c = nullptr;
  ScanResult plain = scan_copy_number(f, one_patient("P1"), ref(), ScanOptions{});
  c = find_call(plain, "P1", "PIK3CA");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->alteration_class, "gain");
  EXPECT_EQ(c->reason, "gain_not_amplification,partial_amplification");
  ScanOptions partial;
  partial.cn_partial_amp = true;
  ScanResult counted = scan_copy_number(f, one_patient("P1"), ref(), partial);
  c = find_call(counted, "P1", "PIK3CA");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->alteration_class, "amplification");
  EXPECT_TRUE(c->counted);
  EXPECT_EQ(c->cn_value, 0.91);
  EXPECT_EQ(c->pos, mid + 1);
  EXPECT_EQ(c->transcript_choice, "partial_amplification");
}

TEST(CopyNumberScan, BuildFromTheFileThePatientsVcfOrBuildOption) {
  const Gene& g = gene("PTEN");
  CopyNumberFile f = log2_file({{"10", g.start, g.end, -2.0, 1}}, std::nullopt);
  EXPECT_TRUE(has(message_of<InputError>([&] { scan_copy_number(f, one_patient("P1"), ref(), ScanOptions{}); }),
                  "P1.cnvkit.cns: cannot tell the genome build"));
  CnFileContext ctx = one_patient("P1");
  ctx.vcf_build["P1"] = Build::GRCh38;
  ScanResult r = scan_copy_number(f, ctx, ref(), ScanOptions{});
  EXPECT_EQ(r.inputs[0].build, "GRCh38");  // GRCh37 PTEN coordinates are not PTEN in GRCh38
  EXPECT_FALSE(find_call(r, "P1", "PTEN"));
  ScanOptions b37;
  b37.build = "GRCh37";
  EXPECT_EQ(find_call(scan_copy_number(f, one_patient("P1"), ref(), b37), "P1", "PTEN")->alteration_class,
            "deep_deletion");
  // A file that states its build and a VCF of another build contradict each other.
  CopyNumberFile stated = log2_file({{"10", g.start, g.end, -2.0, 1}}, Build::GRCh37);
  EXPECT_THROW(scan_copy_number(stated, ctx, ref(), ScanOptions{}), ConflictError);
}

TEST(CopyNumberScan, PloidyFromFileThenSheetThenOption) {
  const Gene& g = gene("PIK3CA");
  CopyNumberFile f;
  f.path = "P1.purple.cnv.somatic.tsv";
  f.format = InputFormat::PurpleCopyNumber;
  f.scale = CnScale::Absolute;
  f.build = Build::GRCh37;
  f.samples.push_back(CnSample{"", {{"3", g.start - 10, g.end + 10, 6.0, 1}}, {}, {}});
  ScanOptions opt;  // --ploidy 2: 6 >= 4 is an amplification
  EXPECT_EQ(find_call(scan_copy_number(f, one_patient("P1"), ref(), opt), "P1", "PIK3CA")->alteration_class,
            "amplification");
  CnFileContext sheet = one_patient("P1");
  sheet.ploidy["P1"] = 3.2;  // 6 < 6.4: a gain
  ScanResult r = scan_copy_number(f, sheet, ref(), opt);
  EXPECT_EQ(find_call(r, "P1", "PIK3CA")->alteration_class, "gain");
  EXPECT_EQ(r.inputs[0].ploidy, 3.2);
  f.ploidy = 2.5;  // the file's own ploidy wins: 6 >= 5
  EXPECT_EQ(find_call(scan_copy_number(f, sheet, ref(), opt), "P1", "PIK3CA")->alteration_class, "amplification");
}

CopyNumberFile seg_file() {
  CopyNumberFile f;
  f.path = "cohort.seg";
  f.format = InputFormat::DnacopySeg;
  f.scale = CnScale::Log2;
  f.build = Build::GRCh37;
  const Gene& g = gene("PTEN");
  for (const char* s : {"TCGA-AB-0001-03A-01D", "TCGA-AB-0002-03A-01D", "TCGA-AB-0003-03A-01D"})
    f.samples.push_back(CnSample{s, {{"10", g.start, g.end, -1.5, 1}}, {}, {}});
  return f;
}

TEST(CopyNumberScan, ManySampleFilesNameTheirPatients) {
  // Given alone: every sample, TCGA barcodes cut to the patient.
  ScanResult all = scan_copy_number(seg_file(), CnFileContext{}, ref(), ScanOptions{});
  ASSERT_EQ(all.inputs.size(), 3u);
  EXPECT_EQ(all.inputs[1].patient_id, "TCGA-AB-0002");
  EXPECT_EQ(all.inputs[1].tumor_sample, "TCGA-AB-0002-03A-01D");
  // Named by a sheet: only the sheet's patients (by patient ID or sample_id).
  CnFileContext sheet;
  sheet.sheet_patients.declared_patients = {"TCGA-AB-0003", "P2"};
  sheet.sheet_patients.barcode_to_patient["TCGA-AB-0002-03A-01D"] = "P2";
  ScanResult some = scan_copy_number(seg_file(), sheet, ref(), ScanOptions{});
  ASSERT_EQ(some.inputs.size(), 2u);
  EXPECT_EQ(some.inputs[0].patient_id, "P2");
  EXPECT_EQ(some.inputs[1].patient_id, "TCGA-AB-0003");
  // A sheet patient without a sample in the file is refused, listing the samples.
  CnFileContext missing;
  missing.sheet_patients.declared_patients = {"P9"};
  std::string msg = message_of<InputError>([&] { scan_copy_number(seg_file(), missing, ref(), ScanOptions{}); });
  EXPECT_TRUE(has(msg, "cohort.seg: the sample sheet names patient 'P9'"));
  EXPECT_TRUE(has(msg, "TCGA-AB-0001-03A-01D"));
}

TEST(CopyNumberScan, OncogenicPolicyByRole) {
  ScanOptions onc;
  onc.policy = Policy::Oncogenic;
  const Gene& pten = gene("PTEN");
  const Gene& pik3ca = gene("PIK3CA");
  ScanResult r = scan_copy_number(log2_file({{"3", pik3ca.start - 10, pik3ca.end + 10, -2.0, 1},
                                             {"10", pten.start - 10, pten.end + 10, 1.2, 2}}),
                                  one_patient("P1"), ref(), onc);
  EXPECT_EQ(find_call(r, "P1", "PIK3CA")->reason, "loss_in_oncogene");
  EXPECT_EQ(find_call(r, "P1", "PTEN")->reason, "gain_in_tsg");
  r = scan_copy_number(log2_file({{"3", pik3ca.start - 10, pik3ca.end + 10, 2.0, 1},
                                  {"10", pten.start - 10, pten.end + 10, -2.0, 2}}),
                       one_patient("P1"), ref(), onc);
  EXPECT_TRUE(find_call(r, "P1", "PIK3CA")->counted);
  EXPECT_TRUE(find_call(r, "P1", "PTEN")->counted);
}

// --- join

InputSummary file_of(const std::string& patient, DataKind kind, std::vector<std::string> not_evaluable = {}) {
  InputSummary s;
  s.patient_id = patient;
  s.file = patient + (kind == DataKind::CopyNumber ? ".cns" : ".vcf");
  s.kind = kind;
  s.not_evaluable = std::move(not_evaluable);
  return s;
}

Call counted_call(const std::string& patient, const std::string& gene, const std::string& cls) {
  Call c;
  c.patient_id = patient;
  c.gene = gene;
  c.alteration_class = cls;
  c.counted = true;
  return c;
}

ClinicalTable clinical(const std::vector<std::string>& patients) {
  ClinicalTable t;
  t.path = "clinical.tsv";
  for (const auto& p : patients) {
    ClinicalRecord r;
    r.patient_id = p;
    r.best_response = BestResponse::PR;
    t.records.push_back(r);
  }
  t.reindex();
  return t;
}

int value(const Matrix& m, const std::string& patient, const std::string& feature) {
  size_t p = std::find(m.patients.begin(), m.patients.end(), patient) - m.patients.begin();
  size_t f = std::find(m.features.begin(), m.features.end(), feature) - m.features.begin();
  return m.values.at(p).at(f);
}

TEST(JoinCopyNumber, NaUnlessEveryKindOfDataAssessedTheGene) {
  ScanResult s;
  s.inputs = {file_of("A", DataKind::SmallVariants), file_of("A", DataKind::CopyNumber),
              file_of("B", DataKind::SmallVariants),                                   // no copy number
              file_of("C", DataKind::SmallVariants), file_of("C", DataKind::CopyNumber, {"PTEN"}),
              file_of("D", DataKind::CopyNumber),                                      // no small variants
              file_of("E", DataKind::SmallVariants), file_of("E", DataKind::Structural)};
  s.calls = {counted_call("B", "PIK3CA", "hotspot"), counted_call("D", "PTEN", "deep_deletion"),
             counted_call("E", "PTEN", "structural")};
  JoinOptions opt;
  opt.per_type_features = true;
  Matrix m = join_cohort(join_input(s), clinical({"A", "B", "C", "D", "E"}), ref(), opt).matrix;
  EXPECT_EQ(value(m, "A", "PTEN"), 0);
  EXPECT_EQ(value(m, "B", "PIK3CA"), 1);        // a counted mutation needs no copy-number data
  EXPECT_EQ(value(m, "B", "PTEN"), kMatrixNA);  // no copy-number data: not wild type
  EXPECT_EQ(value(m, "C", "PTEN"), kMatrixNA);  // no segment over PTEN
  EXPECT_EQ(value(m, "C", "PIK3CA"), 0);
  EXPECT_EQ(value(m, "D", "PTEN"), 1);
  EXPECT_EQ(value(m, "D", "PIK3CA"), kMatrixNA);  // no small-variant data
  EXPECT_EQ(value(m, "E", "PTEN"), 1);            // SV alterations count ...
  EXPECT_EQ(value(m, "E", "PIK3CA"), kMatrixNA);  // ... and assess nothing
  EXPECT_EQ(value(m, "B", "PIK3CA:mut"), 1);
  EXPECT_EQ(value(m, "B", "PIK3CA:amp"), kMatrixNA);
  EXPECT_EQ(value(m, "D", "PTEN:del"), 1);
  EXPECT_EQ(value(m, "D", "PTEN:mut"), kMatrixNA);
  EXPECT_EQ(value(m, "A", "PTEN:amp"), 0);
  EXPECT_EQ(m.feature_types.back(), "alteration_type");
}

TEST(JoinCopyNumber, WithoutCopyNumberTheRuleIsUnchanged) {
  ScanResult s;
  s.inputs = {file_of("A", DataKind::SmallVariants), file_of("B", DataKind::SmallVariants, {"PTEN"})};
  JoinOptions opt;
  opt.per_type_features = true;
  Matrix m = join_cohort(join_input(s), clinical({"A", "B"}), ref(), opt).matrix;
  EXPECT_EQ(value(m, "A", "PTEN"), 0);
  EXPECT_EQ(value(m, "B", "PTEN"), kMatrixNA);
  EXPECT_EQ(std::count(m.features.begin(), m.features.end(), "PTEN:amp"), 0);  // no copy-number data, no column
  EXPECT_EQ(value(m, "A", "PTEN:mut"), 0);
}

TEST(JoinCopyNumber, CbioportalDiscreteTable) {
  ScanResult s;
  s.inputs = {file_of("A", DataKind::CopyNumber, {"MTOR"}), file_of("A", DataKind::SmallVariants),
              file_of("B", DataKind::SmallVariants)};
  Call deep = counted_call("A", "PTEN", "deep_deletion");
  Call gain = counted_call("A", "PIK3CA", "gain");
  gain.counted = false;
  s.calls = {deep, gain};
  JoinInput joined;  // what `join` keeps of calls.tsv files: the inputs, and each call's patient, gene and class
  joined.take(std::move(s));
  ASSERT_EQ(joined.inputs.size(), 3u);
  ASSERT_EQ(joined.calls.size(), 2u);
  EXPECT_EQ(joined.calls[1].patient_id, "A");
  EXPECT_EQ(joined.calls[1].gene, "PIK3CA");
  EXPECT_EQ(joined.calls[1].alteration_class, "gain");
  EXPECT_FALSE(joined.calls[1].counted);
  Cohort c = join_cohort(joined, clinical({"A", "B"}), ref());
  std::ostringstream os;
  write_cna_table(os, joined, c.matrix, ref());
  std::istringstream is(os.str());
  std::string header, line;
  std::getline(is, header);
  EXPECT_EQ(header, "Hugo_Symbol\tA");  // B has no copy-number data
  std::map<std::string, std::string> rows;
  while (std::getline(is, line)) rows[line.substr(0, line.find('\t'))] = line.substr(line.find('\t') + 1);
  EXPECT_EQ(rows.at("PTEN"), "-2");
  EXPECT_EQ(rows.at("PIK3CA"), "1");
  EXPECT_EQ(rows.at("MTOR"), "NA");
  EXPECT_EQ(rows.at("AKT1"), "0");
  EXPECT_EQ(rows.size(), ref().feature_genes().size());
}

}  // namespace
}  // namespace pathcorr
