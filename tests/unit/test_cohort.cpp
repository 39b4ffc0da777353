// Unit tests of pipeline/cohort (`join`): matrix rows and values from hand-made scan results (gene columns from
// counted calls, pathway = any member gene altered), who enters the matrix, the patient flow statuses, the
// no-overlap conflict, the matrix.tsv round trip and its read errors, and samples.tsv.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "pipeline/cohort/clinical.h"
#include "pipeline/cohort/cohort.h"
#include "pipeline/base/errors.h"
#include "pipeline/classify/scan.h"
#include "reference/reference.h"
#include "tests/unit/test_support.h"

namespace pathcorr {
namespace {

using test::has;
using test::message_of;
using test::TempDir;

namespace fs = std::filesystem;

InputSummary input(const std::string& patient, const std::string& file, const std::string& status = "ok") {
  InputSummary s;
  s.patient_id = patient;
  s.file = file;
  s.tumor_sample = status == "ok" ? "TUMOR" : "NA";
  s.build = status == "ok" ? "GRCh37" : "NA";
  s.annotation = status == "ok" ? "none" : "NA";
  s.records = 10;
  s.records_passing = 8;
  s.alterations_counted = 1;
  s.status = status;
  return s;
}

Call call(const std::string& patient, const std::string& gene, bool counted) {
  Call c;
  c.patient_id = patient;
  c.gene = gene;
  c.counted = counted;
  c.reason = counted ? "" : "low_vaf";
  return c;
}

ClinicalRecord clinical_record(const std::string& patient, BestResponse r) {
  ClinicalRecord c;
  c.patient_id = patient;
  c.best_response = r;
  return c;
}

// The scans and clinical table of the main join test (see the comments in it).
ScanResult cohort_scans() {
  ScanResult s;
  s.inputs = {input("P03", "/v/P03.vcf"),
              input("P01", "/v/P01.vcf"),
              input("P02", "/v/P02.vcf", "failed: /v/P02.vcf:15: record 2: cut short"),
              input("P04", "/v/P04.vcf"),
              input("P05", "/v/P05.snvs.vcf"),
              input("P05", "/v/P05.indels.vcf"),
              input("P06", "/v/P06.a.vcf"),
              input("P06", "/v/P06.b.vcf", "failed: /v/P06.b.vcf: truncated"),
              input("P08", "/v/P08.vcf")};
  s.calls = {call("P01", "PIK3CA", true), call("P01", "PTEN", false), call("P01", "TP53", true),
             call("P03", "AKT1", true),   call("P04", "PIK3CA", true), call("P05", "TSC1", true),
             call("P06", "PIK3CA", true), call("P99", "PIK3CA", true)};
  return s;
}

ClinicalTable cohort_clinical() {
  ClinicalTable t;
  t.path = "clinical.tsv";
  t.records = {clinical_record("P01", BestResponse::PR), clinical_record("P02", BestResponse::SD),
               clinical_record("P03", BestResponse::PD), clinical_record("P05", BestResponse::CR),
               clinical_record("P06", BestResponse::PR), clinical_record("P07", BestResponse::NE),
               clinical_record("P08", BestResponse::SD)};
  t.reindex();
  return t;
}

int value(const Matrix& m, const std::string& patient, const std::string& feature) {
  auto p = std::find(m.patients.begin(), m.patients.end(), patient);
  auto f = std::find(m.features.begin(), m.features.end(), feature);
  if (p == m.patients.end() || f == m.features.end()) {
    ADD_FAILURE() << "no cell " << patient << " / " << feature;
    return -99;
  }
  return m.values[p - m.patients.begin()][f - m.features.begin()];
}

Reference two_set_reference(const TempDir& tmp) {
  Reference r = Reference::builtin();
  r.load_gene_set_gmt(tmp.file("sets.gmt",
                               "SET_A\tfirst set\tPIK3CA\tPTEN\n"
                               "SET_B\tsecond set\tAKT1\tTSC1\tPTEN\n"));
  return r;
}

// ---------------------------------------------------------------------------------------------------------------

TEST(JoinCohort, MatrixRowsColumnsAndValuesWithTheBuiltinSet) {
  const Reference ref = Reference::builtin();
  Cohort c = join_cohort(join_input(cohort_scans()), cohort_clinical(), ref);
  const Matrix& m = c.matrix;
  // Rows: sequenced with every file ok AND in the clinical table, sorted. Not P02 (failed), P04 (no clinical
  // record), P06 (one of its two files failed), P07 (not sequenced), P99 (calls but no #input: not sequenced).
  EXPECT_EQ(m.patients, (std::vector<std::string>{"P01", "P03", "P05", "P08"}));
  // Columns: the 29 genes in gene-set order, then the pathway.
  ASSERT_EQ(m.features.size(), 30u);
  EXPECT_EQ(m.features.front(), "AKT1");
  EXPECT_EQ(m.features.back(), "PI3K_MTOR");
  EXPECT_EQ(m.feature_types.back(), "pathway");
  EXPECT_EQ(std::count(m.feature_types.begin(), m.feature_types.end(), "gene"), 29);
  ASSERT_EQ(m.values.size(), 4u);
  for (const auto& row : m.values) EXPECT_EQ(row.size(), 30u);
  EXPECT_EQ(value(m, "P01", "PIK3CA"), 1);
  EXPECT_EQ(value(m, "P01", "PTEN"), 0);  // not counted
  EXPECT_EQ(value(m, "P03", "AKT1"), 1);
  EXPECT_EQ(value(m, "P03", "PIK3CA"), 0);
  EXPECT_EQ(value(m, "P05", "TSC1"), 1);  // from the second of P05's two VCFs
  EXPECT_EQ(value(m, "P01", "PI3K_MTOR"), 1);
  EXPECT_EQ(value(m, "P03", "PI3K_MTOR"), 1);
  EXPECT_EQ(value(m, "P05", "PI3K_MTOR"), 1);
  EXPECT_EQ(value(m, "P08", "PI3K_MTOR"), 0);
  int ones = 0;
  for (const auto& row : m.values)
    for (int v : row) ones += v == 1;
  EXPECT_EQ(ones, 3 + 3);  // three gene cells and three pathway cells; nothing else
}

TEST(JoinCohort, EachGeneSetIsAPathwayColumn) {
  TempDir tmp;
  const Reference ref = two_set_reference(tmp);
  Cohort c = join_cohort(join_input(cohort_scans()), cohort_clinical(), ref);
  const Matrix& m = c.matrix;
  // Genes in order of first appearance over the sets, then the sets.
  EXPECT_EQ(m.features, (std::vector<std::string>{"PIK3CA", "PTEN", "AKT1", "TSC1", "SET_A", "SET_B"}));
  EXPECT_EQ(m.feature_types, (std::vector<std::string>{"gene", "gene", "gene", "gene", "pathway", "pathway"}));
  // SET_A = PIK3CA | PTEN, SET_B = AKT1 | TSC1 | PTEN.
  const std::vector<std::vector<MatrixValue>> want = {
      {1, 0, 0, 0, 1, 0},  // P01: PIK3CA
      {0, 0, 1, 0, 0, 1},  // P03: AKT1
      {0, 0, 0, 1, 0, 1},  // P05: TSC1
      {0, 0, 0, 0, 0, 0},  // P08: wild type
  };
  EXPECT_EQ(m.values, want);
}

TEST(JoinCohort, GenesOutsideTheTargetsAreNaAndPathwaysFollow) {
  TempDir tmp;
  const Reference ref = two_set_reference(tmp);  // SET_A = PIK3CA | PTEN, SET_B = AKT1 | TSC1 | PTEN
  ScanResult s;
  InputSummary p1 = input("P01", "/v/P01.vcf");
  p1.not_evaluable = {"PTEN"};                  // PIK3CA altered, PTEN not evaluable -> SET_A 1, SET_B NA
  InputSummary p2 = input("P02", "/v/P02.vcf");
  p2.not_evaluable = {"PTEN"};                  // nothing altered -> SET_A NA, SET_B NA
  InputSummary p3a = input("P03", "/v/P03.snvs.vcf");
  p3a.not_evaluable = {"PTEN", "AKT1"};         // the other file covers PTEN: only AKT1 is NA
  InputSummary p3b = input("P03", "/v/P03.indels.vcf");
  p3b.not_evaluable = {"AKT1"};
  InputSummary p4 = input("P04", "/v/P04.vcf");
  p4.not_evaluable = {"TSC1"};                  // but a counted TSC1 call: an off-target call still counts
  InputSummary p5 = input("P05", "/v/P05.vcf");  // everything covered, nothing altered
  s.inputs = {p1, p2, p3a, p3b, p4, p5};
  s.calls = {call("P01", "PIK3CA", true), call("P04", "TSC1", true), call("P03", "AKT1", false)};
  ClinicalTable t;
  for (const char* p : {"P01", "P02", "P03", "P04", "P05"}) t.records.push_back(clinical_record(p, BestResponse::PR));
  t.reindex();
  Matrix m = join_cohort(join_input(s), t, ref).matrix;
  ASSERT_EQ(m.features, (std::vector<std::string>{"PIK3CA", "PTEN", "AKT1", "TSC1", "SET_A", "SET_B"}));
  const int NA = kMatrixNA;
  const std::vector<std::vector<MatrixValue>> want = {
      {1, NA, 0, 0, 1, NA},   // P01
      {0, NA, 0, 0, NA, NA},  // P02
      {0, 0, NA, 0, 0, NA},   // P03: AKT1 NA (no file covers it); SET_B = NA | 0 | 0 -> NA
      {0, 0, 0, 1, 0, 1},     // P04
      {0, 0, 0, 0, 0, 0},     // P05
  };
  EXPECT_EQ(m.values, want);
}

TEST(JoinCohort, PatientFlow) {
  Cohort c = join_cohort(join_input(cohort_scans()), cohort_clinical(), Reference::builtin());
  struct Row {
    std::string patient, file, status, best_response;
    bool has_file;
  };
  const std::vector<Row> want = {
      {"P01", "/v/P01.vcf", "ok", "PR", true},
      {"P02", "/v/P02.vcf", "failed: /v/P02.vcf:15: record 2: cut short", "SD", true},
      {"P03", "/v/P03.vcf", "ok", "PD", true},
      {"P04", "/v/P04.vcf", "no_clinical_record", "", true},
      {"P05", "/v/P05.indels.vcf", "ok", "CR", true},  // one row per file, sorted by patient then file
      {"P05", "/v/P05.snvs.vcf", "ok", "CR", true},
      {"P06", "/v/P06.a.vcf", "excluded: another file of this patient failed", "PR", true},
      {"P06", "/v/P06.b.vcf", "failed: /v/P06.b.vcf: truncated", "PR", true},
      {"P07", "", "not_sequenced", "NE", false},
      {"P08", "/v/P08.vcf", "ok", "SD", true},
  };
  ASSERT_EQ(c.flow.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE("flow row " + std::to_string(i));
    EXPECT_EQ(c.flow[i].patient_id, want[i].patient);
    EXPECT_EQ(c.flow[i].file, want[i].file);
    EXPECT_EQ(c.flow[i].status, want[i].status);
    EXPECT_EQ(c.flow[i].best_response, want[i].best_response);
    EXPECT_EQ(c.flow[i].has_file, want[i].has_file);
  }
  EXPECT_EQ(c.flow[0].tumor_sample, "TUMOR");
  EXPECT_EQ(c.flow[0].records, 10);
  EXPECT_EQ(c.flow[0].records_passing, 8);
}

TEST(JoinCohort, SamplesTsvWritesNaWhereThereIsNoFileOrCount) {
  Cohort c = join_cohort(join_input(cohort_scans()), cohort_clinical(), Reference::builtin());
  std::ostringstream os;
  write_flow(os, c.flow, {"pathcorr join"});
  std::istringstream is(os.str());
  std::vector<std::string> lines;
  for (std::string l; std::getline(is, l);) lines.push_back(l);
  ASSERT_EQ(lines.size(), 2u + 10u);
  EXPECT_EQ(lines[0], "#pathcorr join");
  EXPECT_EQ(lines[1],
            "patient_id\tfile\ttumor_sample\tbuild\tannotation\trecords\trecords_passing\talterations_counted\t"
            "best_response\tstatus\tnot_evaluable\tdata_kind\tsegments\tploidy\tpurity\twarnings");
  EXPECT_EQ(lines[2], "P01\t/v/P01.vcf\tTUMOR\tGRCh37\tnone\t10\t8\t1\tPR\tok\t.\tsmall_variants\tNA\tNA\tNA\t.");
  EXPECT_EQ(lines[3], "P02\t/v/P02.vcf\tNA\tNA\tNA\tNA\tNA\tNA\tSD\tfailed: /v/P02.vcf:15: record 2: cut short\t."
                      "\tsmall_variants\tNA\tNA\tNA\t.");
  EXPECT_EQ(lines[5],
            "P04\t/v/P04.vcf\tTUMOR\tGRCh37\tnone\t10\t8\t1\tNA\tno_clinical_record\t.\tsmall_variants\tNA\tNA\tNA\t.");
  EXPECT_EQ(lines[10], "P07\tNA\tNA\tNA\tNA\tNA\tNA\tNA\tNE\tnot_sequenced\tNA\tNA\tNA\tNA\tNA\tNA");
}

TEST(JoinCohort, NoOverlapIsAConflict) {
  ScanResult s;
  s.inputs = {input("HN01", "/v/HN01.vcf"), input("HN02", "/v/HN02.vcf")};
  ClinicalTable t;
  t.path = "trial.tsv";
  t.records = {clinical_record("PT-001", BestResponse::PR)};
  t.reindex();
  std::string msg = message_of<ConflictError>([&] { join_cohort(join_input(s), t, Reference::builtin()); });
  EXPECT_TRUE(has(msg, "trial.tsv"));
  EXPECT_TRUE(has(msg, "HN01"));
  EXPECT_TRUE(has(msg, "PT-001"));
  // Every overlapping patient failed: no matrix either.
  ScanResult failed;
  failed.inputs = {input("P01", "/v/P01.vcf", "failed: damaged")};
  EXPECT_THROW(join_cohort(join_input(failed), cohort_clinical(), Reference::builtin()), ConflictError);
  // No scans at all.
  EXPECT_THROW(join_cohort(join_input(ScanResult{}), cohort_clinical(), Reference::builtin()), ConflictError);
}

TEST(JoinCohort, ReadsClinicalTablesFromDisk) {
  // The same join through read_clinical, with a CSV whose columns are in another order.
  TempDir tmp;
  ClinicalTable t = read_clinical(tmp.file("c.csv", "best_response,patient_id\nPartial Response,P01\npd,P03\n"));
  Cohort c = join_cohort(join_input(cohort_scans()), t, Reference::builtin());
  EXPECT_EQ(c.matrix.patients, (std::vector<std::string>{"P01", "P03"}));
  EXPECT_EQ(c.flow.front().best_response, "PR");
}

// ---------------------------------------------------------------------------------------------------------------
// matrix.tsv

Matrix hand_made_matrix() {
  Matrix m;
  m.features = {"PIK3CA", "PTEN", "MY_SET"};
  m.feature_types = {"gene", "gene", "pathway"};
  m.patients = {"P01", "P02", "P10"};
  m.values = {{1, 0, 1}, {kMatrixNA, 0, kMatrixNA}, {0, 1, 1}};
  return m;
}

void expect_same_matrix(const Matrix& a, const Matrix& b) {
  EXPECT_EQ(a.features, b.features);
  EXPECT_EQ(a.feature_types, b.feature_types);
  EXPECT_EQ(a.patients, b.patients);
  EXPECT_EQ(a.values, b.values);
}

TEST(MatrixTsv, RoundTrip) {
  TempDir tmp;
  Matrix m = hand_made_matrix();
  std::ostringstream os;
  write_matrix(os, m, {"pathcorr join", "reference=x"});
  EXPECT_EQ(os.str(),
            "#pathcorr join\n#reference=x\n#feature_type\tgene\tgene\tpathway\n"
            "patient_id\tPIK3CA\tPTEN\tMY_SET\nP01\t1\t0\t1\nP02\tNA\t0\tNA\nP10\t0\t1\t1\n");
  expect_same_matrix(m, read_matrix(tmp.file("m.tsv", os.str()), Reference::builtin()));
  // A joined matrix round-trips too.
  Matrix joined = join_cohort(join_input(cohort_scans()), cohort_clinical(), Reference::builtin()).matrix;
  std::ostringstream os2;
  write_matrix(os2, joined, {});
  expect_same_matrix(joined, read_matrix(tmp.file("j.tsv", os2.str()), Reference::builtin()));
}

TEST(MatrixTsv, FeatureTypesFromTheReferenceWithoutTheCommentLine) {
  TempDir tmp;
  Matrix m = read_matrix(tmp.file("m.tsv", "patient_id\tPIK3CA\tPI3K_MTOR\tMY_SET\nP01\t1\t1\t0\n"),
                         Reference::builtin());
  EXPECT_EQ(m.feature_types, (std::vector<std::string>{"gene", "pathway", "gene"}));
}

TEST(MatrixTsv, ReadErrorsNameFileAndLine) {
  TempDir tmp;
  const Reference ref = Reference::builtin();
  const std::string head = "#pathcorr join\n#feature_type\tgene\tpathway\npatient_id\tPIK3CA\tPI3K_MTOR\n";
  std::string msg = message_of<InputError>(
      [&] { read_matrix(tmp.file("v.tsv", head + "P01\t1\t1\nP02\t2\t1\n"), ref); });
  EXPECT_TRUE(has(msg, "v.tsv:5")) << msg;
  EXPECT_TRUE(has(msg, "'2'")) << msg;
  EXPECT_TRUE(has(msg, "PIK3CA")) << msg;
  msg = message_of<InputError>([&] { read_matrix(tmp.file("w.tsv", head + "P01\t1\t1\nP02\t0\t1.0\n"), ref); });
  EXPECT_TRUE(has(msg, "w.tsv:5")) << msg;
  msg = message_of<InputError>(
      [&] { read_matrix(tmp.file("p.tsv", head + "P01\t1\t1\nP02\t0\t0\nP01\t0\t0\n"), ref); });
  EXPECT_TRUE(has(msg, "p.tsv:6")) << msg;
  EXPECT_TRUE(has(msg, "P01")) << msg;
  msg = message_of<InputError>(
      [&] { read_matrix(tmp.file("c.tsv", "patient_id\tPIK3CA\tPTEN\tPIK3CA\nP01\t1\t0\t1\n"), ref); });
  EXPECT_TRUE(has(msg, "c.tsv")) << msg;
  EXPECT_TRUE(has(msg, "PIK3CA")) << msg;
  msg = message_of<InputError>([&] { read_matrix(tmp.file("f.tsv", "sample\tPIK3CA\nP01\t1\n"), ref); });
  EXPECT_TRUE(has(msg, "f.tsv")) << msg;
  EXPECT_TRUE(has(msg, "patient_id")) << msg;
  msg = message_of<InputError>([&] { read_matrix(tmp.file("n.tsv", "patient_id\nP01\n"), ref); });
  EXPECT_TRUE(has(msg, "n.tsv")) << msg;
}

}  // namespace
}  // namespace pathcorr
