// Unit tests of pipeline/annovar_table: detection (LF, CRLF, CR-only, gzip-free), the real maftools table
// (tests/data/real/annotated/maftools_variants.hg19_multianno.txt: CR-only lines, quoted AAChange, ensGene
// columns, Tumor_Sample_Barcode fake_1..fake_7; counts from
// `tr '\r' '\n' < FILE | awk -F'\t' 'NR>1 {print $10}' | sort | uniq -c`), hand-written refGene/ensGene tables
// under both policies, patients without a barcode column, builds and errors with file:line.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "pipeline/input/annovar_reader.h"
#include "pipeline/io/detect.h"
#include "pipeline/base/errors.h"
#include "pipeline/classify/scan.h"
#include "reference/reference.h"
#include "tests/unit/test_support.h"

namespace pathcorr {
namespace {

using test::has;
using test::message_of;
using test::TempDir;

const Reference& ref() {
  static const Reference r = Reference::builtin();
  return r;
}

const std::string kHeader =
    "Chr\tStart\tEnd\tRef\tAlt\tFunc.refGene\tGene.refGene\tGeneDetail.refGene\tExonicFunc.refGene\t"
    "AAChange.refGene\tgnomAD_exome_ALL\tTumor_Sample_Barcode\n";

const Call* find(const ScanResult& r, const std::string& patient, const std::string& gene, long long pos) {
  for (const Call& c : r.calls)
    if (c.patient_id == patient && c.gene == gene && c.pos == pos) return &c;
  return nullptr;
}

TEST(AnnovarTable, Detection) {
  TempDir dir;
  const std::string row = "3\t178952085\t178952085\tA\tG\texonic\tPIK3CA\t.\tnonsynonymous SNV\t.\t.\tP1";
  std::string lf = kHeader + row + "\n", crlf = lf, cr = lf;
  for (std::string* s : {&crlf, &cr}) {
    std::string out;
    for (char ch : *s) out += ch == '\n' ? (s == &crlf ? std::string("\r\n") : std::string("\r")) : std::string(1, ch);
    *s = out;
  }
  EXPECT_EQ(detect_format(dir.file("lf.hg19_multianno.txt", lf)).format, InputFormat::AnnovarTable);
  EXPECT_EQ(detect_format(dir.file("crlf.hg19_multianno.txt", crlf)).format, InputFormat::AnnovarTable);
  EXPECT_EQ(detect_format(dir.file("cr.hg19_multianno.txt", cr)).format, InputFormat::AnnovarTable);
  EXPECT_EQ(detect_format(dir.file("bom.txt", "\xEF\xBB\xBF" + lf)).format, InputFormat::AnnovarTable);
  EXPECT_NE(detect_format(dir.file("x.vcf", "##fileformat=VCFv4.2\n#CHROM\tPOS\n")).format, InputFormat::AnnovarTable);
  EXPECT_NE(detect_format(dir.file("maf.txt", "Hugo_Symbol\tTumor_Sample_Barcode\n")).format, InputFormat::AnnovarTable);
  EXPECT_NE(detect_format(dir.file("nofunc.txt", "Chr\tStart\tEnd\tRef\tAlt\n")).format, InputFormat::AnnovarTable);
  EXPECT_NE(detect_format(dir.path("missing.txt")).format, InputFormat::AnnovarTable);
  ScanOptions opt;
  for (const char* name : {"lf.hg19_multianno.txt", "crlf.hg19_multianno.txt", "cr.hg19_multianno.txt"}) {
    ScanResult r = scan_annovar_table(dir.path(name), "X", ref(), opt, {});
    ASSERT_EQ(r.calls.size(), 1u) << name;
    EXPECT_EQ(r.calls[0].patient_id, "P1");
    EXPECT_EQ(r.calls[0].consequence, "missense_variant");
    EXPECT_EQ(r.calls[0].alteration_class, "hotspot");  // by genomic match: no AAChange here
    EXPECT_EQ(r.calls[0].protein_change, "H1047R");
  }
}

TEST(AnnovarTable, RealMaftoolsTable) {
  const std::string path = std::string(PATHCORR_TEST_DATA) + "/real/annotated/maftools_variants.hg19_multianno.txt";
  ASSERT_EQ(detect_format(path).format, InputFormat::AnnovarTable);
  ScanOptions opt;
  ScanResult r = scan_annovar_table(path, "maftools_variants", ref(), opt, {});
  ASSERT_EQ(r.inputs.size(), 7u);  // fake_1 .. fake_7, all in the denominators
  const long rows[] = {1, 1, 1, 2, 2, 1, 2};
  for (size_t i = 0; i < 7; ++i) {
    EXPECT_EQ(r.inputs[i].patient_id, "fake_" + std::to_string(i + 1));
    EXPECT_EQ(r.inputs[i].records, rows[i]);
    EXPECT_EQ(r.inputs[i].build, "GRCh37");  // from the file name
    EXPECT_EQ(r.inputs[i].annotation, "annovar");
  }
  EXPECT_TRUE(r.calls.empty());  // KIT and other genes outside the PI3K set
}

TEST(AnnovarTable, RefGeneRowsUnderBothPolicies) {
  TempDir dir;
  const std::string path = dir.file(
      "cohort.hg19_multianno.txt",
      kHeader +
          "3\t178952085\t178952085\tA\tG\texonic\tPIK3CA\t.\tnonsynonymous SNV\t"
          "\"PIK3CA:NM_006218:exon21:c.A3140G:p.H1047R\"\t.\tT1\n"
          "3\t178938878\t178938878\tC\t-\texonic\tPIK3CA\t.\tframeshift deletion\tPIK3CA:NM_006218:exon11:c.1802del:"
          "p.T601fs\t.\tT1\n"
          "10\t89624242\t89624243\tAA\t-\texonic\tPTEN\t.\tframeshift deletion\tPTEN:NM_000314:exon1:c.16_17del:p.K6fs\t"
          ".\tT2\n"
          "3\t178927980\t178927980\tA\tG\texonic\tPIK3CA\t.\tnonsynonymous SNV\tPIK3CA:NM_006218:exon7:c.A1173G:p.I391M\t"
          "0.1187\tT2\n"
          "17\t7577120\t7577120\tC\tT\texonic\tTP53\t.\tnonsynonymous SNV\tTP53:NM_000546:exon8:c.G818A:p.R273H\t.\tT3\n");
  ScanOptions def;
  ScanResult r = scan_annovar_table(path, "cohort", ref(), def, {});
  ASSERT_EQ(r.inputs.size(), 3u);  // T3 has no pathway call but is a sequenced patient
  EXPECT_EQ(r.inputs[2].patient_id, "T3");
  ASSERT_EQ(r.calls.size(), 4u);
  const Call* h = find(r, "T1", "PIK3CA", 178952085);
  ASSERT_TRUE(h);
  EXPECT_EQ(h->transcript, "NM_006218");
  EXPECT_EQ(h->transcript_choice, "canonical_reference");  // RefSeq ID of the reference's canonical transcript
  EXPECT_EQ(h->hgvsp, "p.H1047R");
  EXPECT_TRUE(h->counted);
  const Call* fs = find(r, "T1", "PIK3CA", 178938878);
  ASSERT_TRUE(fs);
  EXPECT_EQ(fs->ref, "C");
  EXPECT_EQ(fs->alt, "-");
  EXPECT_EQ(fs->alteration_class, "truncating");
  EXPECT_TRUE(fs->counted);
  const Call* germ = find(r, "T2", "PIK3CA", 178927980);
  ASSERT_TRUE(germ);
  EXPECT_FALSE(germ->counted);
  EXPECT_EQ(germ->reason, "germline_pop_af");
  EXPECT_TRUE(find(r, "T2", "PTEN", 89624242)->counted);

  ScanOptions onc;
  onc.policy = Policy::Oncogenic;
  ScanResult o = scan_annovar_table(path, "cohort", ref(), onc, {});
  EXPECT_TRUE(find(o, "T1", "PIK3CA", 178952085)->counted);
  EXPECT_EQ(find(o, "T1", "PIK3CA", 178938878)->reason, "not_hotspot_in_oncogene");
  EXPECT_TRUE(find(o, "T2", "PTEN", 89624242)->counted);
}

TEST(AnnovarTable, EnsGeneWithoutBarcodeColumn) {
  TempDir dir;
  const std::string path = dir.file(
      "PT9.hg38_multianno.txt",
      "Chr\tStart\tEnd\tRef\tAlt\tFunc.ensGene\tGene.ensGene\tGeneDetail.ensGene\tExonicFunc.ensGene\t"
      "AAChange.ensGene\tOtherinfo1\n"
      "chr10\t87933147\t87933147\tC\tT\texonic\tENSG00000171862\t.\tstopgain\t"
      "ENSG00000171862:ENST00000371953:exon5:c.C388T:p.R130X\t0.5\n");
  ScanOptions opt;
  ScanResult r = scan_annovar_table(path, "PT9", ref(), opt, {});
  ASSERT_EQ(r.inputs.size(), 1u);
  EXPECT_EQ(r.inputs[0].patient_id, "PT9");
  EXPECT_EQ(r.inputs[0].tumor_sample, "NA");
  EXPECT_EQ(r.inputs[0].build, "GRCh38");
  ASSERT_EQ(r.calls.size(), 1u);
  EXPECT_EQ(r.calls[0].gene, "PTEN");  // Ensembl gene ID mapped with the reference
  EXPECT_EQ(r.calls[0].transcript, "ENST00000371953");
  EXPECT_EQ(r.calls[0].consequence, "stop_gained");
  EXPECT_TRUE(r.calls[0].counted);
}

TEST(AnnovarTable, Errors) {
  TempDir dir;
  ScanOptions opt;
  auto scan = [&](const std::string& name, const std::string& text) {
    return message_of<Error>([&] { scan_annovar_table(dir.file(name, text), "P", ref(), opt, {}); });
  };
  const std::string ok = "3\t178952085\t178952085\tA\tG\texonic\tPIK3CA\t.\tnonsynonymous SNV\t.\t.\tP1\n";
  EXPECT_TRUE(has(scan("a.hg19_multianno.txt", kHeader + ok + "3\tx\t1\tA\tG\texonic\tPIK3CA\t.\t.\t.\t.\tP1\n"),
                  "a.hg19_multianno.txt:3: Start 'x' is not a positive position"));
  EXPECT_TRUE(has(scan("b.hg19_multianno.txt", kHeader + ok + "3\t1\t1\tA\tG\texonic\tPIK3CA\t.\t.\t.\t.\tP1\textra\n"),
                  "b.hg19_multianno.txt:3: row has 13 fields but the header (line 1) has 12"));
  EXPECT_TRUE(has(scan("c.hg19_multianno.txt", kHeader + "3\t1\t1\tA\tG!\texonic\tPIK3CA\t.\t.\t.\t.\tP1\n"),
                  "c.hg19_multianno.txt:2: Alt 'G!' is not a DNA allele"));
  EXPECT_TRUE(has(scan("d.hg19_multianno.txt", kHeader + "3\t1\t1\tA\tG\texonic\tPIK3CA\t.\t.\t.\t.\t\n"),
                  "d.hg19_multianno.txt:2: empty Tumor_Sample_Barcode"));
  EXPECT_TRUE(has(scan("cohort_multianno.txt", kHeader + ok), "cannot tell the genome build"));
  EXPECT_TRUE(has(scan("e.hg19_multianno.txt", "Chr\tStart\tEnd\tRef\tAlt\tFunc.refGene\n3\t1\t1\tA\tG\texonic\n"),
                  "e.hg19_multianno.txt:1: an ANNOVAR table needs"));
  opt.build = "GRCh38";  // --build wins over the name
  ScanResult r = scan_annovar_table(dir.file("f.hg19_multianno.txt", kHeader + ok), "P", ref(), opt, {});
  EXPECT_EQ(r.inputs[0].build, "GRCh38");
}

}  // namespace
}  // namespace pathcorr
