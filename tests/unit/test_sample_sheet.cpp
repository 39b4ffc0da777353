// Tests of pipeline/sample_sheet: --samples sheets (path resolution, several VCFs per patient, errors) and the
// patient-from-file-name rule.
#include "pipeline/input/sample_sheet.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "pipeline/base/errors.h"
#include "tests/unit/test_support.h"

namespace pathcorr {
namespace {

using test::has;
using test::message_of;
using test::TempDir;

namespace fs = std::filesystem;

std::string sheet_error(const std::string& sheet) {
  try {
    read_sample_sheet(sheet);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

#define EXPECT_CONTAINS(haystack, needle) \
  EXPECT_NE(std::string(haystack).find(needle), std::string::npos) << "in: " << (haystack)

TEST(SampleSheet, ResolvesAgainstSheetDirectory) {
  TempDir dir;
  dir.write("vcfs/HN01.snvs.vcf.gz", "x");
  dir.write("vcfs/HN01.indels.vcf.gz", "x");
  dir.write("HN02.vcf", "x");
  dir.write("panel.bed", "x");
  const std::string abs = dir.write("elsewhere/HN03.bcf", "x");
  const std::string sheet = dir.write(
      "sheets/samples.tsv",
      "patient_id\tvcf\tsample_id\ttumor_sample\ttargets\tnotes\n"
      "HN01\t../vcfs/HN01.snvs.vcf.gz\tS1\tTUMOR\t../panel.bed\tStrelka2 SNVs\n"
      "HN01\t../vcfs/HN01.indels.vcf.gz\tS1\tTUMOR\t\tStrelka2 indels\n"
      "HN02\t./../HN02.vcf\t\t\t\t\n"
      "HN03\t" + abs + "\t\t\t\t\n");
  // Run from another working directory: paths must not depend on it.
  const auto old = fs::current_path();
  fs::current_path(fs::temp_directory_path());
  const auto rows = read_sample_sheet(sheet);
  fs::current_path(old);

  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].patient_id, "HN01");
  EXPECT_EQ(rows[0].vcf, dir.path("vcfs/HN01.snvs.vcf.gz"));
  EXPECT_EQ(rows[0].sample_id, "S1");
  EXPECT_EQ(rows[0].tumor_sample, "TUMOR");
  EXPECT_EQ(rows[0].targets, dir.path("panel.bed"));
  EXPECT_EQ(rows[0].line, 2);
  EXPECT_EQ(rows[1].patient_id, "HN01");  // two VCFs of one patient
  EXPECT_EQ(rows[1].targets, "");
  EXPECT_EQ(rows[2].vcf, dir.path("HN02.vcf"));
  EXPECT_EQ(rows[3].vcf, abs);
  EXPECT_EQ(rows[3].line, 5);
}

TEST(SampleSheet, MinimalCsvAnyCaseColumns) {
  TempDir dir;
  dir.write("A.vcf", "x");
  const auto rows = read_sample_sheet(dir.write("s.csv", "\xEF\xBB\xBFPatient_ID,VCF\r\nA,A.vcf\r\n"));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].vcf, dir.path("A.vcf"));
  EXPECT_EQ(rows[0].tumor_sample, "");
}

TEST(SampleSheet, MissingFileNamesSheetLine) {
  TempDir dir;
  dir.write("A.vcf", "x");
  const std::string sheet = dir.write("s.tsv", "patient_id\tvcf\nA\tA.vcf\nB\tB.vcf\n");
  const std::string e = sheet_error(sheet);
  EXPECT_CONTAINS(e, sheet + ":3: vcf file 'B.vcf' (resolved to '" + dir.path("B.vcf") + "') does not exist");
  EXPECT_CONTAINS(e, "directory of the sample sheet");
  const std::string t = sheet_error(dir.write("t.tsv", "patient_id\tvcf\ttargets\nA\tA.vcf\tnone.bed\n"));
  EXPECT_CONTAINS(t, ":2: targets file 'none.bed'");
  EXPECT_CONTAINS(sheet_error(dir.write("d.tsv", "patient_id\tvcf\nA\t.\n")), "is a directory");
}

TEST(SampleSheet, SameVcfTwice) {
  TempDir dir;
  dir.write("v/A.vcf", "x");
  fs::create_symlink(dir.path("v/A.vcf"), dir.path("link.vcf"));
  EXPECT_CONTAINS(sheet_error(dir.write("s.tsv", "patient_id\tvcf\nA\tv/A.vcf\nB\t./v/../v/A.vcf\n")),
                  ":3: vcf './v/../v/A.vcf' is listed twice (also on line 2)");
  EXPECT_CONTAINS(sheet_error(dir.write("s2.tsv", "patient_id\tvcf\nA\tv/A.vcf\nA\tlink.vcf\n")),
                  "is listed twice (also on line 2)");
}

TEST(SampleSheet, OtherErrors) {
  TempDir dir;
  dir.write("A.vcf", "x");
  EXPECT_CONTAINS(sheet_error(dir.write("a.tsv", "patient\tvcf\nA\tA.vcf\n")),
                  "a.tsv:1: missing column 'patient_id' (columns are: patient, vcf)");
  EXPECT_CONTAINS(sheet_error(dir.write("b.tsv", "patient_id\tfile\nA\tA.vcf\n")), "missing column 'vcf'");
  EXPECT_CONTAINS(sheet_error(dir.write("c.tsv", "patient_id\tvcf\n\tA.vcf\n")), "c.tsv:2: empty patient_id");
  EXPECT_CONTAINS(sheet_error(dir.write("d.tsv", "patient_id\tvcf\nA\t\n")), "d.tsv:2: empty vcf for patient 'A'");
  EXPECT_CONTAINS(sheet_error(dir.write("e.tsv", "patient_id\tvcf\n")), "no rows");
  EXPECT_CONTAINS(sheet_error(dir.write("f.tsv", "patient_id\tvcf\nA\tA.vcf\textra\n")), "f.tsv:2: row has 3 fields");
}

TEST(PatientFromFilename, UpToFirstDot) {
  EXPECT_EQ(patient_from_filename("HN01.mutect2.vcf.gz"), "HN01");
  EXPECT_EQ(patient_from_filename("/data/run.1/HN02.vcf"), "HN02");
  EXPECT_EQ(patient_from_filename("TCGA-AB-2802.bcf"), "TCGA-AB-2802");
  EXPECT_EQ(patient_from_filename("noext"), "noext");
  EXPECT_THROW(patient_from_filename(".hidden.vcf"), InputError);
  EXPECT_THROW(patient_from_filename("dir/"), InputError);
  EXPECT_THROW(patient_from_filename(""), InputError);
}

}  // namespace
}  // namespace pathcorr
