// Tests of pipeline/clinical: response words, the fixture tables in tests/data/clinical and every error class.
#include "pipeline/cohort/clinical.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>

#include "pipeline/base/errors.h"
#include "pipeline/io/table_io.h"

namespace pathcorr {
namespace {

namespace fs = std::filesystem;

const std::string kData = std::string(PATHCORR_TEST_DATA) + "/clinical/";

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "pathcorr_clinical_XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string write(const std::string& name, const std::string& bytes) const {
    const std::string p = (path_ / name).string();
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
  }

 private:
  fs::path path_;
};

// The InputError message of read_clinical on `text`, or "(no error)".
std::string clinical_error(const std::string& text, const ClinicalOptions& opt = {},
                           const std::string& name = "clin.tsv") {
  TempDir dir;
  const std::string path = dir.write(name, text);
  try {
    read_clinical(path, opt);
  } catch (const InputError& e) {
    std::string msg = e.what();
    // Report relative to the file name so tests can match "clin.tsv:3:".
    const size_t at = msg.find(path);
    if (at != std::string::npos) msg.replace(at, path.size(), name);
    return msg;
  }
  return "(no error)";
}

#define EXPECT_CONTAINS(haystack, needle) \
  EXPECT_NE(std::string(haystack).find(needle), std::string::npos) << "in: " << (haystack)

TEST(ClinicalResponse, CodesAndWordsInAnyCase) {
  using R = BestResponse;
  const std::pair<const char*, R> cases[] = {
      {"CR", R::CR}, {"cr", R::CR}, {"Complete Response", R::CR}, {"COMPLETE RESPONSE", R::CR},
      {"complete_response", R::CR}, {"complete-response", R::CR}, {"  Complete   Response ", R::CR},
      {"iCR", R::CR}, {"PR", R::PR}, {"Partial Response", R::PR}, {"partial response", R::PR}, {"iPR", R::PR},
      {"SD", R::SD}, {"Stable Disease", R::SD}, {"iSD", R::SD}, {"Non-CR/Non-PD", R::SD}, {"NON-CR/NON-PD", R::SD},
      {"PD", R::PD}, {"Progressive Disease", R::PD}, {"progressive_disease", R::PD}, {"iUPD", R::PD},
      {"iCPD", R::PD}, {"NE", R::NE}, {"ne", R::NE}, {"Not Evaluable", R::NE}, {"Not evaluated", R::NE},
      {"Unevaluable", R::NE}, {"", R::Missing}, {"NA", R::Missing}, {"na", R::Missing}, {"N/A", R::Missing},
      {"Unknown", R::Missing}, {"[Not Available]", R::Missing},
  };
  for (const auto& [text, expected] : cases) {
    const auto got = parse_best_response(text);
    ASSERT_TRUE(got.has_value()) << text;
    EXPECT_EQ(*got, expected) << text;
  }
  for (const char* bad : {"Responder", "C R", "CRR", "PR?", "1", "pCR", "Partial", "MR"})
    EXPECT_FALSE(parse_best_response(bad).has_value()) << bad;
}

TEST(ClinicalResponse, ToString) {
  EXPECT_EQ(to_string(BestResponse::CR), "CR");
  EXPECT_EQ(to_string(BestResponse::PR), "PR");
  EXPECT_EQ(to_string(BestResponse::SD), "SD");
  EXPECT_EQ(to_string(BestResponse::PD), "PD");
  EXPECT_EQ(to_string(BestResponse::NE), "NE");
  EXPECT_EQ(to_string(BestResponse::Missing), "");
}

TEST(ClinicalRead, TrialBasic) {
  const ClinicalTable t = read_clinical(kData + "trial_basic.tsv");
  ASSERT_EQ(t.records.size(), 7u);
  EXPECT_EQ(t.columns.back(), "arm");
  const ClinicalRecord& p1 = t.records[0];
  EXPECT_EQ(p1.patient_id, "P01");
  EXPECT_EQ(p1.best_response, BestResponse::CR);
  EXPECT_EQ(p1.line, 2);
  EXPECT_EQ(p1.best_pct_change, -100);
  EXPECT_EQ(p1.pfs_months, 24.1);
  EXPECT_EQ(p1.pfs_event, 0);
  EXPECT_EQ(p1.os_months, 30.5);
  EXPECT_EQ(p1.os_event, 0);
  EXPECT_EQ(p1.fields.at("arm"), "A");
  EXPECT_EQ(t.records[4].best_response, BestResponse::NE);
  EXPECT_TRUE(std::isnan(t.records[4].best_pct_change));
  EXPECT_TRUE(std::isnan(t.records[4].pfs_months));
  EXPECT_EQ(t.records[5].best_response, BestResponse::PD);  // iUPD
  EXPECT_EQ(t.records[5].response_text, "iUPD");
  EXPECT_TRUE(std::isnan(t.records[5].os_event));
  EXPECT_EQ(t.records[6].best_response, BestResponse::Missing);
  EXPECT_EQ(t.records[6].response_text, "");

  ASSERT_NE(t.find("P04"), nullptr);
  EXPECT_EQ(t.find("P04")->best_response, BestResponse::PD);
  EXPECT_EQ(t.find("P99"), nullptr);
  EXPECT_EQ(t.find("p04"), nullptr);  // IDs are case-sensitive
}

TEST(ClinicalRead, BomCrlfQuotedCsv) {
  const ClinicalTable t = read_clinical(kData + "bom_crlf.csv");
  ASSERT_EQ(t.records.size(), 6u);
  EXPECT_EQ(t.columns.front(), "patient_id");
  EXPECT_EQ(t.records[0].best_response, BestResponse::PR);
  EXPECT_EQ(t.records[0].best_pct_change, -38.5);
  EXPECT_EQ(t.records[0].fields.at("site"), "Oral cavity, tongue");
  EXPECT_EQ(t.records[2].best_response, BestResponse::SD);
  EXPECT_EQ(t.records[2].fields.at("site"), "Oropharynx \"HPV+\"");
  EXPECT_EQ(t.records[3].best_response, BestResponse::CR);
  EXPECT_EQ(t.records[3].pfs_months, 12.0);
  EXPECT_EQ(t.records[4].best_response, BestResponse::Missing);
  EXPECT_EQ(t.records[5].best_response, BestResponse::NE);
  EXPECT_EQ(t.records[5].fields.at("site"), "Oral cavity\nfloor of mouth");
  EXPECT_EQ(t.records[5].line, 7);
}

TEST(ClinicalRead, CbioportalStyleWithOptions) {
  ClinicalOptions opt;
  opt.response_column = "BEST_OVERALL_RESPONSE";
  opt.best_pct_change_column = "PERCENT_CHANGE";
  opt.os_months_column = "OS_MONTHS";
  opt.os_event_column = "OS_STATUS";
  const ClinicalTable t = read_clinical(kData + "cbioportal_style_patients.txt", opt);
  EXPECT_EQ(t.comments.size(), 4u);
  ASSERT_EQ(t.records.size(), 5u);
  EXPECT_EQ(t.records[0].patient_id, "PT-001");  // "patient_id" found as PATIENT_ID
  EXPECT_EQ(t.records[0].line, 6);
  EXPECT_EQ(t.records[0].best_response, BestResponse::PR);
  EXPECT_EQ(t.records[0].best_pct_change, -45.5);
  EXPECT_EQ(t.records[0].os_event, 1);  // "1:DECEASED"
  EXPECT_EQ(t.records[1].os_event, 0);  // "0:LIVING"
  EXPECT_EQ(t.records[2].best_response, BestResponse::Missing);  // "[Not Available]"
  EXPECT_TRUE(std::isnan(t.records[2].best_pct_change));
  EXPECT_TRUE(std::isnan(t.records[2].os_event));
  EXPECT_TRUE(std::isnan(t.records[2].os_months));
  EXPECT_TRUE(std::isnan(t.records[2].pfs_months));  // column absent
  EXPECT_EQ(t.records[3].best_response, BestResponse::CR);
  EXPECT_TRUE(std::isnan(t.records[4].os_months));

  // Without the options the response column is not found, and the message says how to fix it.
  const std::string e = [&] {
    try {
      read_clinical(kData + "cbioportal_style_patients.txt");
    } catch (const InputError& err) {
      return std::string(err.what());
    }
    return std::string("(no error)");
  }();
  EXPECT_CONTAINS(e, "cbioportal_style_patients.txt:5: missing response column 'best_response'");
  EXPECT_CONTAINS(e, "BEST_OVERALL_RESPONSE");
  EXPECT_CONTAINS(e, "--response-column");
}

TEST(ClinicalRead, MaftoolsLamlAnnotationHasNoResponse) {
  const std::string path = kData + "maftools_tcga_laml_annot.tsv";
  // Default options: the patient column itself is missing.
  try {
    read_clinical(path);
    FAIL() << "expected an error";
  } catch (const InputError& e) {
    const std::string msg = e.what();
    EXPECT_CONTAINS(msg, path + ":1: missing patient column 'patient_id'");
    EXPECT_CONTAINS(msg, "Tumor_Sample_Barcode, FAB_classification, days_to_last_followup, Overall_Survival_Status");
    EXPECT_CONTAINS(msg, "--patient-column");
  }
  // With --patient-column the response column is what is missing.
  ClinicalOptions opt;
  opt.patient_column = "Tumor_Sample_Barcode";
  try {
    read_clinical(path, opt);
    FAIL() << "expected an error";
  } catch (const InputError& e) {
    EXPECT_CONTAINS(e.what(), "missing response column 'best_response'");
    EXPECT_CONTAINS(e.what(), "--response-column");
  }
  // Pointing --response-column at a column that is not a response: the first value is quoted.
  opt.response_column = "FAB_classification";
  try {
    read_clinical(path, opt);
    FAIL() << "expected an error";
  } catch (const InputError& e) {
    EXPECT_CONTAINS(e.what(), path + ":2: unknown FAB_classification 'M4' for patient 'TCGA-AB-2802'");
    EXPECT_CONTAINS(e.what(), "Partial Response");
  }
}

TEST(ClinicalRead, RealCbioportalPatientsFromShared) {
  // Read in place (cbioportal-core has no licence file, so it is not copied into tests/data).
  const std::string path =
      std::string(PATHCORR_SOURCE_DIR) + "/../shared/real-data/maf/cbio_study_es_0_data_clinical_patients.txt";
  if (!fs::exists(path)) GTEST_SKIP() << "no " << path;
  const TextTable t = read_table(path);
  EXPECT_EQ(t.comments.size(), 4u);
  EXPECT_EQ(t.header_line, 5);
  EXPECT_EQ(t.rows.size(), 841u);
  try {
    read_clinical(path);
    FAIL() << "expected an error: the study has no response column";
  } catch (const InputError& e) {
    EXPECT_CONTAINS(e.what(), path + ":5: missing response column 'best_response'");
    EXPECT_CONTAINS(e.what(), "PATIENT_ID, OS_STATUS, OS_MONTHS, DFS_STATUS, DFS_MONTHS");
  }
}

TEST(ClinicalErrors, DuplicatePatientNamesBothLines) {
  const std::string e = clinical_error("patient_id\tbest_response\nA\tPR\nB\tSD\n\nA\tPD\n");
  EXPECT_CONTAINS(e, "clin.tsv:5: duplicate patient_id 'A' (also on line 2)");
}

TEST(ClinicalErrors, EmptyPatientId) {
  EXPECT_CONTAINS(clinical_error("patient_id\tbest_response\nA\tPR\n\tSD\n"), "clin.tsv:3: empty patient_id");
}

TEST(ClinicalErrors, UnknownResponseWord) {
  const std::string e = clinical_error("patient_id\tbest_response\nA\tPR\nB\tResponder\n");
  EXPECT_CONTAINS(e, "clin.tsv:3: unknown best_response 'Responder' for patient 'B'");
  EXPECT_CONTAINS(e, "CR, PR, SD, PD, NE");
}

TEST(ClinicalErrors, NonNumericValues) {
  EXPECT_CONTAINS(clinical_error("patient_id\tbest_response\tbest_pct_change\nA\tPR\t-30%\n"),
                  "clin.tsv:2: best_pct_change '-30%' for patient 'A' is not a number");
  EXPECT_CONTAINS(clinical_error("patient_id\tbest_response\tpfs_months\nA\tPR\t3,5\n"),
                  "clin.tsv:2: pfs_months '3,5' for patient 'A' is not a number");
  EXPECT_CONTAINS(clinical_error("patient_id\tbest_response\tos_months\nA\tPR\tInf\n"), "is not a number");
  EXPECT_CONTAINS(clinical_error("patient_id\tbest_response\tos_months\nA\tPR\t-1\n"), "is negative");
  EXPECT_CONTAINS(clinical_error("patient_id\tbest_response\tbest_pct_change\nA\tPR\t-120\n"), "below -100");
  // Missing spellings are fine.
  EXPECT_EQ(clinical_error("patient_id\tbest_response\tbest_pct_change\tos_months\nA\tPR\tNA\t\nB\tSD\t.\tN/A\n"),
            "(no error)");
}

TEST(ClinicalErrors, EventNotZeroOne) {
  EXPECT_CONTAINS(clinical_error("patient_id\tbest_response\tpfs_event\nA\tPR\t1\nB\tPD\t2\n"),
                  "clin.tsv:3: pfs_event '2' for patient 'B' must be 0 (censored) or 1 (event)");
  EXPECT_CONTAINS(clinical_error("patient_id\tbest_response\tos_event\nA\tPR\tyes\n"), "os_event 'yes'");
  EXPECT_EQ(clinical_error("patient_id\tbest_response\tos_event\nA\tPR\t1.0\nB\tPR\t0:LIVING\nC\tSD\tNA\n"),
            "(no error)");
}

TEST(ClinicalErrors, MissingColumnsAndRenamedOptional) {
  EXPECT_CONTAINS(clinical_error("id\tbest_response\nA\tPR\n"),
                  "clin.tsv:1: missing patient column 'patient_id' (columns are: id, best_response)");
  EXPECT_CONTAINS(clinical_error("patient_id\tbor\nA\tPR\n"), "--response-column");
  ClinicalOptions opt;
  opt.response_column = "bor";
  EXPECT_EQ(clinical_error("patient_id\tbor\nA\tPR\n", opt), "(no error)");
  opt.os_months_column = "OS (months)";  // asked for explicitly, so its absence is an error
  EXPECT_CONTAINS(clinical_error("patient_id\tbor\nA\tPR\n", opt), "missing column 'OS (months)'");
}

TEST(ClinicalErrors, RaggedAndEmptyTables) {
  EXPECT_CONTAINS(clinical_error("patient_id\tbest_response\tarm\nA\tPR\tx\nB\tSD\n"), "clin.tsv:3: row has 2 fields");
  EXPECT_CONTAINS(clinical_error(""), "clin.tsv: empty table");
}

TEST(ClinicalRead, CsvByExtensionAndHeaderOnly) {
  TempDir dir;
  const ClinicalTable t = read_clinical(dir.write("c.CSV", "patient_id,best_response\nA,pr\n"));
  ASSERT_EQ(t.records.size(), 1u);
  EXPECT_EQ(t.records[0].best_response, BestResponse::PR);
  EXPECT_TRUE(read_clinical(dir.write("h.tsv", "patient_id\tbest_response\n")).records.empty());
}

TEST(ClinicalTableFind, WorksWithoutIndex) {
  ClinicalTable t;
  ClinicalRecord r;
  r.patient_id = "X";
  t.records.push_back(r);
  ASSERT_NE(t.find("X"), nullptr);
  t.reindex();
  ASSERT_NE(t.find("X"), nullptr);
  EXPECT_EQ(t.find("Y"), nullptr);
  EXPECT_TRUE(std::isnan(r.os_months));
}

}  // namespace
}  // namespace pathcorr
