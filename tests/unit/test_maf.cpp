// Unit tests of pipeline/maf: MAF detection; scan_maf on the real MAFs of tests/data/real/maf (maftools TCGA-LAML
// with its 200-patient annotation, vcf2maf's test MAFs, PCGR's reduced MAF, GATK's Oncotator MAF and its damaged
// Funcotator example) and on hand-written MAFs (TCGA barcodes, FILTER and thresholds, builds, gzip + CRLF + BOM,
// errors with file:line); the Variant_Classification <-> SO mappings; VCF -> MAF allele conversion; write_maf
// and its round trip through scan_maf. Expected counts come from awk over the files (commands beside them).
// R's maftools is not installed, so loading the written MAF with maftools::read.maf is not tested here; the
// columns follow maftools' validateMaf required list (checked below) and cBioPortal's MAF columns.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "pipeline/io/detect.h"
#include "pipeline/base/errors.h"
#include "annotators/maf_vocabulary.h"
#include "pipeline/classify/scan.h"
#include "pipeline/input/maf_reader.h"
#include "pipeline/report/maf_writer.h"
#include "pipeline/io/table_io.h"
#include "reference/reference.h"
#include "tests/unit/test_support.h"

namespace pathcorr {
namespace {

using test::has;
using test::message_of;
using test::TempDir;

namespace fs = std::filesystem;

const std::string kMafDir = std::string(PATHCORR_TEST_DATA) + "/real/maf/";

const Reference& ref() {
  static const Reference r = Reference::builtin();
  return r;
}

ScanResult scan(const std::string& path, const ScanOptions& opt = {}, const MafOptions& mopt = {}) {
  return scan_maf(path, ref(), opt, mopt);
}

const Call* find_call(const ScanResult& r, const std::string& gene, long long pos) {
  for (const auto& c : r.calls)
    if (c.gene == gene && c.pos == pos) return &c;
  return nullptr;
}

const InputSummary* find_input(const ScanResult& r, const std::string& patient) {
  for (const auto& s : r.inputs)
    if (s.patient_id == patient) return &s;
  return nullptr;
}

// The error message of f(), "" when it does not throw E.
template <typename E, typename F>
std::string error_of(F f) {
  try {
    f();
  } catch (const E& e) {
    return e.what();
  }
  return "";
}

const std::string kHeader =
    "Hugo_Symbol\tNCBI_Build\tChromosome\tStart_Position\tEnd_Position\tVariant_Classification\tVariant_Type\t"
    "Reference_Allele\tTumor_Seq_Allele1\tTumor_Seq_Allele2\tTumor_Sample_Barcode\tHGVSp_Short\tt_depth\t"
    "t_alt_count\tFILTER\n";

// ---- detection

TEST(LooksLikeMaf, RealMafsYesOtherFilesNo) {
  for (const char* f : {"maftools_tcga_laml.maf.gz", "vcf2maf_test_PIK3CA.maf", "vcf2maf_test_output.vep_isoforms.maf",
                        "pcgr_tumor_sample.BRCA_PIK3CA_H1047R.maf", "gatk_PIK3CA_SNPS.oncotatorAnnotated.maf",
                        "gatk_funcotator_ExampleMafFile.maf", "maftools_brca_single_sample.maf.gz"})
    EXPECT_EQ(detect_format(kMafDir + f).format, InputFormat::Maf) << f;
  // A VCF (all header lines start with '#', the first other line is a record), a clinical table, no file.
  EXPECT_NE(detect_format(std::string(PATHCORR_TEST_DATA) + "/policy/P10.vep.vcf").format, InputFormat::Maf);
  EXPECT_NE(detect_format(std::string(PATHCORR_TEST_DATA) + "/clinical/maftools_tcga_laml_annot.tsv").format, InputFormat::Maf);
  EXPECT_NE(detect_format(kMafDir + "no_such_file.maf").format, InputFormat::Maf);
  TempDir d;
  EXPECT_NE(detect_format(d.file("empty.maf", "")).format, InputFormat::Maf);
  EXPECT_NE(detect_format(d.file("comments.maf", "#version 2.4\n")).format, InputFormat::Maf);
  EXPECT_EQ(detect_format(d.file("lower.maf", "#version 2.4\r\n\r\nhugo_symbol\tTUMOR_SAMPLE_BARCODE\r\n")).format, InputFormat::Maf);
}

// ---- real MAFs

TEST(ScanMaf, TcgaLamlPatientsAndThePik3cbRow) {
  const ScanResult r = scan(kMafDir + "maftools_tcga_laml.maf.gz");
  // zcat maftools_tcga_laml.maf.gz | awk -F'\t' 'NR>1{n[$14]++; t++} END{print t, length(n), n["TCGA-AB-2938"]}'
  //   -> 2207 193 21
  ASSERT_EQ(r.inputs.size(), 193u);
  long total = 0;
  for (const auto& s : r.inputs) {
    total += s.records;
    EXPECT_EQ(s.records, s.records_passing);  // no FILTER column: every row passes
    EXPECT_EQ(s.build, "GRCh37");             // NCBI_Build 37
    EXPECT_EQ(s.annotation, "maf");
    EXPECT_EQ(s.status, "ok");
  }
  EXPECT_EQ(total, 2207);
  EXPECT_TRUE(std::is_sorted(r.inputs.begin(), r.inputs.end(),
                             [](const InputSummary& a, const InputSummary& b) { return a.patient_id < b.patient_id; }));
  const InputSummary* s = find_input(r, "TCGA-AB-2938");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->records, 21);
  EXPECT_EQ(s->tumor_sample, "TCGA-AB-2938");
  EXPECT_EQ(s->alterations_counted, 1);
  EXPECT_EQ(s->file, kMafDir + "maftools_tcga_laml.maf.gz");

  // The only PI3K/mTOR gene row (awk '$1 ~ /^(AKT1|...|TSC2)$/'): PIK3CB 3:138474789 C>T p.M68I, not a hotspot.
  ASSERT_EQ(r.calls.size(), 1u);
  const Call& c = r.calls[0];
  EXPECT_EQ(c.patient_id, "TCGA-AB-2938");
  EXPECT_EQ(c.sample, "TCGA-AB-2938");
  EXPECT_EQ(c.chrom, "3");
  EXPECT_EQ(c.pos, 138474789);
  EXPECT_EQ(c.ref, "C");
  EXPECT_EQ(c.alt, "T");
  EXPECT_EQ(c.gene, "PIK3CB");
  EXPECT_EQ(c.transcript, "NM_006219.1");  // i_transcript_name
  EXPECT_EQ(c.consequence, "missense_variant");
  EXPECT_EQ(c.hgvsp, "p.M68I");
  EXPECT_EQ(c.protein_change, "M68I");
  EXPECT_TRUE(std::isnan(c.depth) && std::isnan(c.alt_depth) && std::isnan(c.vaf));  // no t_depth/t_alt_count
  EXPECT_EQ(c.alteration_class, "missense");
  EXPECT_TRUE(c.counted);
  EXPECT_EQ(c.reason, "");
  EXPECT_EQ(c.annotation, "maf");
  EXPECT_EQ(c.build, "GRCh37");
  EXPECT_EQ(c.filter, ".");

  // --policy oncogenic: PIK3CB is an oncogene and M68I is no hotspot.
  ScanOptions onc;
  onc.policy = Policy::Oncogenic;
  const ScanResult o = scan(kMafDir + "maftools_tcga_laml.maf.gz", onc);
  ASSERT_EQ(o.calls.size(), 1u);
  EXPECT_FALSE(o.calls[0].counted);
  EXPECT_EQ(o.calls[0].reason, "not_hotspot_in_oncogene");
  EXPECT_EQ(find_input(o, "TCGA-AB-2938")->alterations_counted, 0);
}

TEST(ScanMaf, TcgaLamlDeclaredPatientsEnterTheDenominator) {
  TextTable annot = read_table(std::string(PATHCORR_TEST_DATA) + "/clinical/maftools_tcga_laml_annot.tsv");
  MafOptions m;
  for (const auto& row : annot.rows) m.declared_patients.push_back(row[annot.require_column("Tumor_Sample_Barcode")]);
  ASSERT_EQ(m.declared_patients.size(), 200u);
  const ScanResult r = scan(kMafDir + "maftools_tcga_laml.maf.gz", {}, m);
  ASSERT_EQ(r.inputs.size(), 200u);
  // MANIFEST.tsv: the 7 annotation patients without a MAF row.
  for (const char* p : {"TCGA-AB-2811", "TCGA-AB-2815", "TCGA-AB-2837", "TCGA-AB-2856", "TCGA-AB-2893", "TCGA-AB-2944",
                        "TCGA-AB-2969"}) {
    const InputSummary* s = find_input(r, p);
    ASSERT_NE(s, nullptr) << p;
    EXPECT_EQ(s->records, 0) << p;
    EXPECT_EQ(s->alterations_counted, 0) << p;
    EXPECT_EQ(s->tumor_sample, "NA") << p;
    EXPECT_EQ(s->status, "ok") << p;
    EXPECT_EQ(s->build, "GRCh37") << p;
  }
  EXPECT_EQ(find_input(r, "TCGA-AB-2938")->records, 21);
  EXPECT_EQ(r.calls.size(), 1u);
}

TEST(ScanMaf, Vcf2mafVepIsoformsPik3caE545kAndE469delinsDK) {
  const ScanResult r = scan(kMafDir + "vcf2maf_test_output.vep_isoforms.maf");
  ASSERT_EQ(r.inputs.size(), 1u);
  EXPECT_EQ(r.inputs[0].patient_id, "TUMOR");
  EXPECT_EQ(r.inputs[0].records, 20);          // grep -vc '^#' minus the header
  EXPECT_EQ(r.inputs[0].records_passing, 18);  // FILTER: two common_variant rows (MAP3K1, CCND3)
  EXPECT_EQ(r.inputs[0].build, "GRCh37");

  const Call* e545k = find_call(r, "PIK3CA", 178936091);
  ASSERT_NE(e545k, nullptr);
  EXPECT_EQ(e545k->ref, "G");
  EXPECT_EQ(e545k->alt, "A");
  EXPECT_EQ(e545k->hgvsp, "p.Glu545Lys");  // HGVSp wins over HGVSp_Short
  EXPECT_EQ(e545k->protein_change, "E545K");
  EXPECT_EQ(e545k->transcript, "ENST00000263967");
  EXPECT_EQ(e545k->consequence, "missense_variant");
  EXPECT_EQ(e545k->alteration_class, "hotspot");
  EXPECT_TRUE(e545k->counted);
  EXPECT_EQ(e545k->depth, 43);
  EXPECT_EQ(e545k->alt_depth, 22);
  EXPECT_DOUBLE_EQ(e545k->vaf, 22.0 / 43.0);
  EXPECT_DOUBLE_EQ(e545k->pop_af, 9.001e-06);  // the largest of its AF columns (ExAC_AF... gnomAD)

  // In_Frame_Ins, MAF-style alleles kept as written: Start 178928219, '-' > ATA.
  const Call* e469 = find_call(r, "PIK3CA", 178928219);
  ASSERT_NE(e469, nullptr);
  EXPECT_EQ(e469->ref, "-");
  EXPECT_EQ(e469->alt, "ATA");
  EXPECT_EQ(e469->protein_change, "E469delinsDK");
  EXPECT_EQ(e469->consequence, "protein_altering_variant&splice_region_variant");  // the Consequence column
  EXPECT_EQ(e469->alteration_class, "inframe");
  EXPECT_TRUE(e469->counted);

  // MTOR intron deletion: not counted (intronic; AF 0.7015 makes it a germline polymorphism too).
  const Call* mtor = find_call(r, "MTOR", 11290179);
  ASSERT_NE(mtor, nullptr);
  EXPECT_EQ(mtor->ref, "A");
  EXPECT_EQ(mtor->alt, "-");
  EXPECT_FALSE(mtor->counted);
  EXPECT_EQ(mtor->reason.rfind("intronic", 0), 0u);
  EXPECT_EQ(r.calls.size(), 3u);  // MTOR, PIK3CA x2: the only gene-set rows
}

TEST(ScanMaf, Vcf2mafMinimalMafWithoutProteinColumns) {
  const ScanResult r = scan(kMafDir + "vcf2maf_test_PIK3CA.maf");
  const Call* e545k = find_call(r, "PIK3CA", 178936091);
  ASSERT_NE(e545k, nullptr);
  // Tumor_Seq_Allele1 is '-' on this row; the alternate allele is Tumor_Seq_Allele2.
  EXPECT_EQ(e545k->alt, "A");
  EXPECT_EQ(e545k->alteration_class, "hotspot");  // by the MAF-style genomic match
  EXPECT_EQ(e545k->protein_change, "E545K");      // filled from the hotspot table
  EXPECT_TRUE(e545k->counted);
  const Call* ins = find_call(r, "PIK3CA", 178928219);
  ASSERT_NE(ins, nullptr);
  EXPECT_EQ(ins->consequence, "inframe_insertion");  // In_Frame_Ins (no Consequence column)
  EXPECT_EQ(ins->alteration_class, "inframe");
}

TEST(ScanMaf, PcgrReducedMafH1047rByGenomicHotspot) {
  const ScanResult r = scan(kMafDir + "pcgr_tumor_sample.BRCA_PIK3CA_H1047R.maf");
  ASSERT_EQ(r.inputs.size(), 1u);
  EXPECT_EQ(r.inputs[0].patient_id, "tumor_sample.BRCA");
  ASSERT_EQ(r.calls.size(), 1u);
  const Call& c = r.calls[0];
  EXPECT_EQ(c.gene, "PIK3CA");
  EXPECT_EQ(c.pos, 178952085);
  EXPECT_EQ(c.ref, "A");
  EXPECT_EQ(c.alt, "G");
  EXPECT_EQ(c.protein_change, "H1047R");
  EXPECT_EQ(c.alteration_class, "hotspot");
  EXPECT_TRUE(c.counted);
  EXPECT_EQ(c.transcript, "ENST00000263967");  // no transcript column: the reference's canonical transcript
}

TEST(ScanMaf, OncotatorMafBuildFromCommentLines) {
  // NCBI_Build is __UNKNOWN__; "## ##reference=file:///.../Homo_sapiens_assembly19.fasta" names the build.
  const ScanResult r = scan(kMafDir + "gatk_PIK3CA_SNPS.oncotatorAnnotated.maf");
  ASSERT_EQ(r.inputs.size(), 1u);
  EXPECT_EQ(r.inputs[0].build, "GRCh37");
  EXPECT_EQ(r.inputs[0].patient_id, "__UNKNOWN__");
  // awk -F'\t' 'NR>1{print $9}' | sort | uniq -c: 10 Missense_Mutation, 1 Nonsense_Mutation, 4 Silent.
  ASSERT_EQ(r.calls.size(), 15u);
  EXPECT_EQ(r.inputs[0].alterations_counted, 11);
  const Call* h1047l = find_call(r, "PIK3CA", 178952085);
  ASSERT_NE(h1047l, nullptr);
  EXPECT_EQ(h1047l->protein_change, "H1047L");
  EXPECT_EQ(h1047l->alteration_class, "hotspot");
  EXPECT_EQ(h1047l->transcript, "ENST00000263967.3");  // Annotation_Transcript
  const Call* q582 = find_call(r, "PIK3CA", 178937063);
  ASSERT_NE(q582, nullptr);
  EXPECT_EQ(q582->alteration_class, "truncating");
  const Call* p2p = find_call(r, "PIK3CA", 178916619);
  ASSERT_NE(p2p, nullptr);
  EXPECT_FALSE(p2p->counted);
  EXPECT_EQ(p2p->reason, "synonymous");
  // --build GRCh38 is not contradicted by a comment line (only NCBI_Build values are binding).
  ScanOptions o;
  o.build = "GRCh38";
  EXPECT_EQ(scan(kMafDir + "gatk_PIK3CA_SNPS.oncotatorAnnotated.maf", o).inputs[0].build, "GRCh38");
}

TEST(ScanMaf, DamagedFuncotatorExampleFailsWithFileAndLine) {
  // Lines 1-4 are comments, line 5 the header, line 6 the first row ("A000000006" as Start_Position).
  const std::string msg = error_of<InputError>([] { scan(kMafDir + "gatk_funcotator_ExampleMafFile.maf"); });
  EXPECT_NE(msg.find("gatk_funcotator_ExampleMafFile.maf:6: Start_Position 'A000000006'"), std::string::npos) << msg;
}

TEST(ScanMaf, BuildMissingConflictingOrMixed) {
  const std::string brca = kMafDir + "maftools_brca_single_sample.maf.gz";
  std::string msg = error_of<InputError>([&] { scan(brca); });
  EXPECT_NE(msg.find("--build"), std::string::npos) << msg;
  ScanOptions o;
  o.build = "GRCh37";
  const ScanResult r = scan(brca, o);
  ASSERT_EQ(r.inputs.size(), 1u);
  EXPECT_EQ(r.inputs[0].patient_id, "TCGA-A8-A08B");
  EXPECT_EQ(r.inputs[0].records, 1913);  // zcat | wc -l = 1914 lines with the header
  EXPECT_EQ(r.inputs[0].build, "GRCh37");

  o.build = "GRCh38";
  msg = error_of<ConflictError>([&] { scan(kMafDir + "maftools_tcga_laml.maf.gz", o); });
  EXPECT_NE(msg.find("NCBI_Build says GRCh37"), std::string::npos) << msg;

  TempDir d;
  const std::string mixed =
      d.file("mixed.maf", kHeader +
                              "PTEN\tGRCh37\t10\t89692905\t89692905\tMissense_Mutation\tSNP\tG\tG\tA\tP1\t\t\t\t\n"
                              "PTEN\thg38\t10\t87933148\t87933148\tMissense_Mutation\tSNP\tG\tG\tA\tP2\t\t\t\t\n");
  msg = error_of<InputError>([&] { scan(mixed); });
  EXPECT_NE(msg.find("mixed.maf:3: NCBI_Build GRCh38 but line 2 says GRCh37"), std::string::npos) << msg;
  const std::string hg18 =
      d.file("hg18.maf", kHeader + "PTEN\t36\t10\t89692905\t89692905\tMissense_Mutation\tSNP\tG\tG\tA\tP1\t\t\t\t\n");
  msg = error_of<InputError>([&] { scan(hg18); });
  EXPECT_NE(msg.find("hg18.maf:2: NCBI_Build '36'"), std::string::npos) << msg;
}

// ---- hand-written MAFs

TEST(ScanMaf, TcgaBarcodesMapToPatientsUnlessASheetSaysOtherwise) {
  TempDir d;
  const std::string rows =
      "PTEN\t37\t10\t89692905\t89692905\tMissense_Mutation\tSNP\tG\tG\tA\tTCGA-AB-2802-03A-01W-0726-08\tp.R130Q\t\t\t\n"
      "PTEN\t37\t10\t89692905\t89692905\tMissense_Mutation\tSNP\tG\tG\tA\tTCGA-AB-2802-04A-01W-0726-08\tp.R130Q\t\t\t\n"
      "TP53\t37\t17\t7578406\t7578406\tMissense_Mutation\tSNP\tC\tC\tT\tTCGA-AB-2803-03A-01W-0726-08\tp.R175H\t\t\t\n";
  const std::string tcga = d.file("tcga.maf", "#version 2.4\n" + kHeader + rows);
  ScanResult r = scan(tcga);
  ASSERT_EQ(r.inputs.size(), 2u);
  EXPECT_EQ(r.inputs[0].patient_id, "TCGA-AB-2802");
  EXPECT_EQ(r.inputs[0].records, 2);
  EXPECT_EQ(r.inputs[0].tumor_sample, "TCGA-AB-2802-03A-01W-0726-08,TCGA-AB-2802-04A-01W-0726-08");
  EXPECT_EQ(r.inputs[0].alterations_counted, 2);
  EXPECT_EQ(r.inputs[1].patient_id, "TCGA-AB-2803");
  EXPECT_EQ(r.inputs[1].records, 1);  // TP53 is outside the gene set: counted as a record, no call
  ASSERT_EQ(r.calls.size(), 2u);
  EXPECT_EQ(r.calls[0].patient_id, "TCGA-AB-2802");
  EXPECT_EQ(r.calls[0].sample, "TCGA-AB-2802-03A-01W-0726-08");
  EXPECT_EQ(r.calls[0].alteration_class, "hotspot");  // PTEN R130Q

  // One barcode that is not TCGA-like: every barcode is its own patient.
  const std::string mixed =
      d.file("mixed.maf",
             kHeader + rows + "PTEN\t37\t10\t89692905\t89692905\tMissense_Mutation\tSNP\tG\tG\tA\tHN01\t\t\t\t\n");
  r = scan(mixed);
  ASSERT_EQ(r.inputs.size(), 4u);
  EXPECT_NE(find_input(r, "TCGA-AB-2802-03A-01W-0726-08"), nullptr);
  EXPECT_NE(find_input(r, "HN01"), nullptr);

  // A sample sheet's mapping wins; the rest still follow the TCGA rule.
  MafOptions m;
  m.barcode_to_patient["TCGA-AB-2802-04A-01W-0726-08"] = "relapse_2802";
  r = scan(tcga, {}, m);
  ASSERT_EQ(r.inputs.size(), 3u);
  EXPECT_EQ(find_input(r, "relapse_2802")->tumor_sample, "TCGA-AB-2802-04A-01W-0726-08");
  EXPECT_EQ(find_input(r, "TCGA-AB-2802")->records, 1);
}

TEST(ScanMaf, FilterThresholdsAndPolicyAsForVcfs) {
  TempDir d;
  const std::string path = d.file(
      "p.maf",
      kHeader +
          // counted hotspot
          "PIK3CA\tGRCh37\t3\t178952085\t178952085\tMissense_Mutation\tSNP\tA\tA\tG\tP1\tp.H1047R\t100\t40\tPASS\n"
          // FILTER fails
          "PIK3CA\tGRCh37\t3\t178936091\t178936091\tMissense_Mutation\tSNP\tG\tG\tA\tP1\tp.E545K\t100\t40\tpanel_of_"
          "normals\n"
          // low depth, low alt reads, low VAF
          "AKT1\tGRCh37\t14\t105246551\t105246551\tMissense_Mutation\tSNP\tC\tC\tT\tP1\tp.E17K\t8\t2\t.\n"
          "PTEN\tGRCh37\t10\t89717672\t89717672\tMissense_Mutation\tSNP\tC\tC\tT\tP1\tp.R233W\t200\t4\t\n"
          // truncating in a TSG, splice site, splice region, 3'UTR, Targeted_Region
          "PTEN\tGRCh37\t10\t89720800\t89720800\tNonsense_Mutation\tSNP\tC\tC\tT\tP2\tp.Q298*\t50\t20\tPASS\n"
          "TSC2\tGRCh37\t16\t2110700\t2110700\tSplice_Site\tSNP\tG\tG\tA\tP2\tp.X100_splice\t50\t20\tPASS\n"
          "TSC1\tGRCh37\t9\t135771000\t135771000\tSplice_Region\tSNP\tG\tG\tA\tP2\t\t50\t20\tPASS\n"
          "MTOR\tGRCh37\t1\t11106600\t11106600\t3'UTR\tSNP\tG\tG\tA\tP2\t\t50\t20\tPASS\n"
          "RHEB\tGRCh37\t7\t151163000\t151163000\tTargeted_Region\tSNP\tG\tG\tA\tP2\t\t50\t20\tPASS\n"
          // missense in an oncogene, not a hotspot
          "AKT2\tGRCh37\t19\t40740000\t40740000\tMissense_Mutation\tSNP\tG\tG\tA\tP2\tp.A100T\t50\t20\tPASS\n");
  ScanResult r = scan(path);
  auto call = [&](const std::string& gene, long long pos) {
    const Call* c = find_call(r, gene, pos);
    if (!c) throw std::runtime_error("no call " + gene);
    return *c;
  };
  EXPECT_TRUE(call("PIK3CA", 178952085).counted);
  EXPECT_EQ(call("PIK3CA", 178952085).filter, "PASS");
  EXPECT_EQ(call("PIK3CA", 178936091).reason, "filter");
  EXPECT_EQ(call("PIK3CA", 178936091).filter, "panel_of_normals");
  EXPECT_EQ(call("AKT1", 105246551).reason, "low_depth,low_alt_reads");
  EXPECT_EQ(call("PTEN", 89717672).reason, "low_vaf");  // 4/200 = 0.02
  EXPECT_EQ(call("PTEN", 89717672).filter, ".");        // empty FILTER passes
  EXPECT_EQ(call("PTEN", 89720800).alteration_class, "truncating");
  EXPECT_EQ(call("TSC2", 2110700).alteration_class, "splice");
  EXPECT_TRUE(call("TSC2", 2110700).counted);
  EXPECT_EQ(call("TSC1", 135771000).reason, "splice_region");
  EXPECT_EQ(call("MTOR", 11106600).reason, "utr");
  EXPECT_EQ(call("RHEB", 151163000).consequence, "sequence_variant");
  EXPECT_FALSE(call("RHEB", 151163000).counted);
  EXPECT_TRUE(call("AKT2", 40740000).counted);
  const InputSummary* p1 = find_input(r, "P1");
  EXPECT_EQ(p1->records, 4);
  EXPECT_EQ(p1->records_passing, 3);  // PASS, '.', empty
  EXPECT_EQ(p1->alterations_counted, 1);

  ScanOptions onc;
  onc.policy = Policy::Oncogenic;
  r = scan(path, onc);
  EXPECT_TRUE(call("PIK3CA", 178952085).counted);
  EXPECT_TRUE(call("PTEN", 89720800).counted);
  EXPECT_TRUE(call("TSC2", 2110700).counted);
  EXPECT_EQ(call("AKT2", 40740000).reason, "not_hotspot_in_oncogene");

  ScanOptions lax;
  lax.min_depth = 0;
  lax.min_alt_reads = 0;
  lax.min_vaf = 0;
  r = scan(path, lax);
  EXPECT_TRUE(call("AKT1", 105246551).counted);
  EXPECT_TRUE(call("PTEN", 89717672).counted);
}

TEST(ScanMaf, GzipCrlfBomAndCaseOfColumnNames) {
  TempDir d;
  const std::string text =
      "\xEF\xBB\xBF#version 2.4\r\n"
      "hugo_symbol\tChromosome\tStart_position\tEnd_position\tReference_Allele\tTumor_Seq_Allele2\t"
      "variant_classification\tTumor_Sample_Barcode\tNCBI_Build\tt_ref_count\tt_alt_count\r\n"
      "PIK3CA\tchr3\t179234297\t179234297\tA\tG\tMissense_Mutation\tS1\tGRCh38\t30\t10\r\n";
  const std::string path = d.gz_file("s.maf.gz", text);
  EXPECT_EQ(detect_format(path).format, InputFormat::Maf);
  const ScanResult r = scan(path);
  ASSERT_EQ(r.calls.size(), 1u);
  const Call& c = r.calls[0];
  EXPECT_EQ(c.chrom, "chr3");
  EXPECT_EQ(c.alteration_class, "hotspot");  // H1047R in GRCh38
  EXPECT_EQ(c.protein_change, "H1047R");
  EXPECT_EQ(c.depth, 40);  // t_ref_count + t_alt_count when t_depth is absent
  EXPECT_DOUBLE_EQ(c.vaf, 0.25);
  EXPECT_EQ(r.inputs[0].build, "GRCh38");
}

TEST(ScanMaf, GenomicHotspotIndelsMatchMafStyle) {
  // reference/hotspots.tsv: PIK3CA L10_M16del DEL GRCh37 3:178916641 CTGTGGGGCATCCACTTGATG>-, and
  // AKT2 C60_I75dup INS GRCh37 19:40761100 ->ATGACTGTGGTCCACTGCAGGCAGCGT (Start = the base before the insertion).
  TempDir d;
  const std::string path = d.file(
      "indel.maf",
      kHeader +
          "PIK3CA\tGRCh37\t3\t178916641\t178916661\tIn_Frame_Del\tDEL\tCTGTGGGGCATCCACTTGATG\t"
          "CTGTGGGGCATCCACTTGATG\t-\tP1\t\t50\t20\tPASS\n"
          "AKT2\tGRCh37\t19\t40761100\t40761101\tIn_Frame_Ins\tINS\t-\t-\tATGACTGTGGTCCACTGCAGGCAGCGT\tP1\t\t50\t20\t"
          "PASS\n"
          // the same insertion one base further on is not the hotspot
          "AKT2\tGRCh37\t19\t40761101\t40761102\tIn_Frame_Ins\tINS\t-\t-\tATGACTGTGGTCCACTGCAGGCAGCGT\tP1\t\t50\t20\t"
          "PASS\n");
  const ScanResult r = scan(path);
  ASSERT_EQ(r.calls.size(), 3u);
  EXPECT_EQ(r.calls[0].alteration_class, "hotspot");
  EXPECT_EQ(r.calls[0].protein_change, "L10_M16del");
  EXPECT_EQ(r.calls[1].alteration_class, "hotspot");
  EXPECT_EQ(r.calls[1].protein_change, "C60_I75dup");
  EXPECT_EQ(r.calls[2].alteration_class, "inframe");
  EXPECT_EQ(r.calls[2].protein_change, "");
}

TEST(ScanMaf, ErrorsNameFileAndLine) {
  TempDir d;
  std::string msg = error_of<InputError>(
      [&] { scan(d.file("cols.maf", "#version 2.4\nHugo_Symbol\tTumor_Sample_Barcode\tChromosome\nPTEN\tP1\t10\n")); });
  EXPECT_NE(msg.find("cols.maf:2: not a usable MAF: missing column(s) Variant_Classification, Start_Position"),
            std::string::npos)
      << msg;
  EXPECT_NE(msg.find("columns are: Hugo_Symbol, Tumor_Sample_Barcode, Chromosome"), std::string::npos) << msg;

  const std::string ok = "PTEN\tGRCh37\t10\t89692905\t89692905\tMissense_Mutation\tSNP\tG\tG\tA\tP1\t\t20\t10\tPASS\n";
  struct Case {
    std::string row, expected;
  };
  const std::vector<Case> cases = {
      {"PTEN\tGRCh37\t10\t89692905\t89692905\tMissense_Mutation\tSNP\tG\tG\tA\tP1\t\t12x\t10\tPASS\n",
       ":3: t_depth '12x' is not a non-negative number"},
      {"PTEN\tGRCh37\t10\t89692905\t89692905\tMissense_Mutation\tSNP\tG\tG\tA\tP1\t\t20\t-1\tPASS\n",
       ":3: t_alt_count '-1'"},
      {"PTEN\tGRCh37\t10\t0\t0\tMissense_Mutation\tSNP\tG\tG\tA\tP1\t\t20\t10\tPASS\n",
       ":3: Start_Position '0' is not a position"},
      {"PTEN\tGRCh37\t10\t\t\tMissense_Mutation\tSNP\tG\tG\tA\tP1\t\t20\t10\tPASS\n", ":3: Start_Position ''"},
      {"PTEN\tGRCh37\t10\t89692905\t89692905\tMissense_Mutation\tSNP\tG\tG\tA\t\t\t20\t10\tPASS\n",
       ":3: empty Tumor_Sample_Barcode"},
      {"PTEN\tGRCh37\t10\t89692905\t89692905\tMissense_Mutation\tSNP\tG\tG\tA\tP1\t\t20\t10\tPASS\textra\n",
       ":3: row has 16 fields but the header (line 1) has 15"},
  };
  for (size_t i = 0; i < cases.size(); ++i) {
    const std::string name = "bad" + std::to_string(i) + ".maf";
    const std::string path = d.file(name, kHeader + ok + cases[i].row);
    msg = error_of<InputError>([&] { scan(path); });
    EXPECT_NE(msg.find(name + cases[i].expected), std::string::npos) << msg;
  }
  // Short rows (trailing empty columns dropped) and trailing empty fields are fine.
  const std::string short_row = d.file(
      "short.maf", kHeader + "PTEN\tGRCh37\t10\t89692905\t89692905\tMissense_Mutation\tSNP\tG\tG\tA\tP1\n" +
                       "PTEN\tGRCh37\t10\t89692905\t89692905\tMissense_Mutation\tSNP\tG\tG\tA\tP2\t\t\t\t\t\t\n");
  EXPECT_EQ(scan(short_row).calls.size(), 2u);
  EXPECT_THROW(scan(d.file("empty.maf", "#version 2.4\n")), InputError);
  EXPECT_THROW(scan("/nonexistent/dir/x.maf"), IoError);
}

// ---- mappings and allele conversion

TEST(MafMapping, VariantClassificationToSo) {
  const std::vector<std::pair<std::string, std::vector<std::string>>> cases = {
      {"Missense_Mutation", {"missense_variant"}},
      {"Nonsense_Mutation", {"stop_gained"}},
      {"Frame_Shift_Del", {"frameshift_variant"}},
      {"Frame_Shift_Ins", {"frameshift_variant"}},
      {"In_Frame_Del", {"inframe_deletion"}},
      {"In_Frame_Ins", {"inframe_insertion"}},
      {"Splice_Site", {"splice_site_variant"}},
      {"Translation_Start_Site", {"start_lost"}},
      {"Nonstop_Mutation", {"stop_lost"}},
      {"Silent", {"synonymous_variant"}},
      {"Intron", {"intron_variant"}},
      {"3'UTR", {"3_prime_UTR_variant"}},
      {"5'UTR", {"5_prime_UTR_variant"}},
      {"3'Flank", {"downstream_gene_variant"}},
      {"5'Flank", {"upstream_gene_variant"}},
      {"IGR", {"intergenic_variant"}},
      {"RNA", {"non_coding_transcript_exon_variant"}},
      {"lincRNA", {"non_coding_transcript_exon_variant"}},
      {"Splice_Region", {"splice_region_variant"}},
      {"Targeted_Region", {"sequence_variant"}},
      {"De_novo_Start_InFrame", {"5_prime_UTR_premature_start_codon_gain_variant"}},
      {"De_novo_Start_OutOfFrame", {"5_prime_UTR_premature_start_codon_gain_variant"}},
      {"missense_mutation", {"missense_variant"}},
      {"FIVE_PRIME_UTR", {"5_prime_UTR_variant"}},  // Funcotator spelling
      {"Unknown", {}},
      {"", {}},
      {"Fusion", {"Fusion"}},
  };
  for (const auto& [vc, so] : cases) EXPECT_EQ(maf_classification_to_so(vc), so) << vc;
}

TEST(MafMapping, SoToVariantClassification) {
  EXPECT_EQ(so_to_maf_classification("missense_variant", "SNP"), "Missense_Mutation");
  EXPECT_EQ(so_to_maf_classification("missense_variant&splice_region_variant", "SNP"), "Missense_Mutation");
  EXPECT_EQ(so_to_maf_classification("stop_gained", "SNP"), "Nonsense_Mutation");
  EXPECT_EQ(so_to_maf_classification("frameshift_variant", "DEL"), "Frame_Shift_Del");
  EXPECT_EQ(so_to_maf_classification("frameshift_variant", "INS"), "Frame_Shift_Ins");
  EXPECT_EQ(so_to_maf_classification("inframe_deletion", "DEL"), "In_Frame_Del");
  EXPECT_EQ(so_to_maf_classification("disruptive_inframe_insertion", "INS"), "In_Frame_Ins");
  EXPECT_EQ(so_to_maf_classification("protein_altering_variant,splice_region_variant", "INS"), "In_Frame_Ins");
  EXPECT_EQ(so_to_maf_classification("splice_acceptor_variant&intron_variant", "SNP"), "Splice_Site");
  EXPECT_EQ(so_to_maf_classification("splice_site_variant", "SNP"), "Splice_Site");
  EXPECT_EQ(so_to_maf_classification("stop_lost", "SNP"), "Nonstop_Mutation");
  EXPECT_EQ(so_to_maf_classification("start_lost", "SNP"), "Translation_Start_Site");
  EXPECT_EQ(so_to_maf_classification("synonymous_variant", "SNP"), "Silent");
  EXPECT_EQ(so_to_maf_classification("splice_region_variant&intron_variant", "SNP"), "Splice_Region");
  EXPECT_EQ(so_to_maf_classification("intron_variant", "DEL"), "Intron");
  EXPECT_EQ(so_to_maf_classification("3_prime_UTR_variant", "SNP"), "3'UTR");
  EXPECT_EQ(so_to_maf_classification("5_prime_UTR_variant", "SNP"), "5'UTR");
  EXPECT_EQ(so_to_maf_classification("upstream_gene_variant", "SNP"), "5'Flank");
  EXPECT_EQ(so_to_maf_classification("downstream_gene_variant", "SNP"), "3'Flank");
  EXPECT_EQ(so_to_maf_classification("intergenic_variant", "SNP"), "IGR");
  EXPECT_EQ(so_to_maf_classification("non_coding_transcript_exon_variant", "SNP"), "RNA");
  EXPECT_EQ(so_to_maf_classification("unknown", "SNP"), "Targeted_Region");
  // Every MAF class maps back to itself through SO (Frame_Shift_*/In_Frame_* with their variant type).
  for (const char* vc :
       {"Missense_Mutation", "Nonsense_Mutation", "Splice_Site", "Translation_Start_Site", "Nonstop_Mutation", "Silent",
        "Intron", "3'UTR", "5'UTR", "3'Flank", "5'Flank", "IGR", "RNA", "Splice_Region", "Targeted_Region"})
    EXPECT_EQ(so_to_maf_classification(maf_classification_to_so(vc)[0], "SNP"), vc);
  EXPECT_EQ(so_to_maf_classification(maf_classification_to_so("In_Frame_Del")[0], "DEL"), "In_Frame_Del");
  EXPECT_EQ(so_to_maf_classification(maf_classification_to_so("Frame_Shift_Ins")[0], "INS"), "Frame_Shift_Ins");
}

TEST(MafMapping, VcfAllelesToMafStyle) {
  auto check = [](long long pos, const std::string& ref, const std::string& alt, long long start, long long end,
                  const std::string& mref, const std::string& malt, const std::string& type) {
    MafAllele m = vcf_to_maf_allele(pos, ref, alt);
    EXPECT_EQ(m.start, start) << ref << ">" << alt;
    EXPECT_EQ(m.end, end) << ref << ">" << alt;
    EXPECT_EQ(m.ref, mref) << ref << ">" << alt;
    EXPECT_EQ(m.alt, malt) << ref << ">" << alt;
    EXPECT_EQ(m.variant_type, type) << ref << ">" << alt;
  };
  check(100, "A", "G", 100, 100, "A", "G", "SNP");
  check(100, "AC", "GT", 100, 101, "AC", "GT", "DNP");
  check(100, "ACG", "GTA", 100, 102, "ACG", "GTA", "TNP");
  check(100, "ACGT", "GTAC", 100, 103, "ACGT", "GTAC", "ONP");
  check(100, "CG", "C", 101, 101, "G", "-", "DEL");  // anchor base stripped
  check(100, "CGTA", "C", 101, 103, "GTA", "-", "DEL");
  check(100, "C", "CAG", 100, 101, "-", "AG", "INS");   // insertion sits on the base before it
  check(100, "CAT", "CG", 101, 102, "AT", "G", "DEL");  // complex: vcf2maf strips the shared first base
  check(100, "AT", "AG", 101, 101, "T", "G", "SNP");    // unnormalised SNV
  check(100, "c", "cAG", 100, 101, "-", "AG", "INS");   // case-insensitive anchor
  check(100, "-", "AG", 100, 101, "-", "AG", "INS");    // already MAF style
  check(100, "GTA", "-", 100, 102, "GTA", "-", "DEL");
}

// ---- writing

TEST(WriteMaf, HeaderColumnsAndOnlyCountedCalls) {
  const ScanResult r = scan(kMafDir + "vcf2maf_test_output.vep_isoforms.maf");
  std::ostringstream os;
  write_maf(os, r.calls);
  TextTable t = parse_table(os.str(), "out.maf", Delimiter::Tab, true);
  ASSERT_EQ(t.comments.size(), 1u);
  EXPECT_EQ(t.comments[0], "version 2.4");
  EXPECT_EQ(t.header, maf_columns());
  ASSERT_EQ(t.rows.size(), 2u);  // the MTOR intron call is not counted
  // maftools::validateMaf's required fields (PoisonAlien/maftools R/validateMaf.R), each matched by a
  // case-insensitive grep over the column names: every one present and matching one column only.
  for (const char* req : {"Hugo_Symbol", "Chromosome", "Start_Position", "End_Position", "Reference_Allele",
                          "Tumor_Seq_Allele2", "Variant_Classification", "Variant_Type", "Tumor_Sample_Barcode"}) {
    int hits = 0;
    for (const auto& h : t.header) hits += to_lower(h).find(to_lower(req)) != std::string::npos ? 1 : 0;
    EXPECT_EQ(hits, 1) << req;
  }
  auto col = [&](size_t row, const char* name) { return t.rows[row][t.require_column(name)]; };
  EXPECT_EQ(col(0, "Hugo_Symbol"), "PIK3CA");
  EXPECT_EQ(col(0, "Entrez_Gene_Id"), "0");
  EXPECT_EQ(col(0, "NCBI_Build"), "GRCh37");
  EXPECT_EQ(col(0, "Start_Position"), "178928219");
  EXPECT_EQ(col(0, "End_Position"), "178928220");
  EXPECT_EQ(col(0, "Variant_Classification"), "In_Frame_Ins");
  EXPECT_EQ(col(0, "Variant_Type"), "INS");
  EXPECT_EQ(col(0, "Reference_Allele"), "-");
  EXPECT_EQ(col(0, "Tumor_Seq_Allele2"), "ATA");
  EXPECT_EQ(col(0, "HGVSp_Short"), "p.E469delinsDK");
  EXPECT_EQ(col(1, "Variant_Classification"), "Missense_Mutation");
  EXPECT_EQ(col(1, "Tumor_Sample_Barcode"), "TUMOR");
  EXPECT_EQ(col(1, "t_depth"), "43");
  EXPECT_EQ(col(1, "t_ref_count"), "21");
  EXPECT_EQ(col(1, "t_alt_count"), "22");
  EXPECT_EQ(col(1, "alteration_class"), "hotspot");
}

void expect_same_call(const Call& a, const Call& b) {
  EXPECT_EQ(a.patient_id, b.patient_id);
  EXPECT_EQ(a.sample, b.sample);
  EXPECT_EQ(a.chrom, b.chrom);
  EXPECT_EQ(a.pos, b.pos);
  EXPECT_EQ(a.ref, b.ref);
  EXPECT_EQ(a.alt, b.alt);
  EXPECT_EQ(a.gene, b.gene);
  EXPECT_EQ(a.transcript, b.transcript);
  EXPECT_EQ(a.consequence, b.consequence);
  EXPECT_EQ(a.hgvsp, b.hgvsp);
  EXPECT_EQ(a.protein_change, b.protein_change);
  auto same = [](double x, double y) { return (std::isnan(x) && std::isnan(y)) || x == y; };
  EXPECT_TRUE(same(a.vaf, b.vaf)) << a.vaf << " " << b.vaf;
  EXPECT_TRUE(same(a.depth, b.depth));
  EXPECT_TRUE(same(a.alt_depth, b.alt_depth));
  EXPECT_TRUE(same(a.pop_af, b.pop_af));
  EXPECT_EQ(a.filter, b.filter);
  EXPECT_EQ(a.alteration_class, b.alteration_class);
  EXPECT_EQ(a.counted, b.counted);
  EXPECT_EQ(a.build, b.build);
}

TEST(WriteMaf, RoundTripOfMafCalls) {
  TempDir d;
  for (const char* f : {"vcf2maf_test_output.vep_isoforms.maf", "gatk_PIK3CA_SNPS.oncotatorAnnotated.maf",
                        "maftools_tcga_laml.maf.gz", "pcgr_tumor_sample.BRCA_PIK3CA_H1047R.maf"}) {
    const ScanResult first = scan(kMafDir + f);
    std::ostringstream os;
    write_maf(os, first.calls);
    const ScanResult second = scan(d.file("out.maf", os.str()));
    std::vector<Call> counted;
    for (const auto& c : first.calls)
      if (c.counted) counted.push_back(c);
    ASSERT_EQ(second.calls.size(), counted.size()) << f;
    for (size_t i = 0; i < counted.size(); ++i) expect_same_call(second.calls[i], counted[i]);
  }
}

TEST(WriteMaf, VcfCallsConvertToMafAllelesAndReadBack) {
  auto make = [](const std::string& patient, long long pos, const std::string& ref, const std::string& alt,
                 const std::string& gene, const std::string& csq, const std::string& cls, const std::string& change) {
    Call c;
    c.patient_id = patient;
    c.sample = "TUMOR";
    c.chrom = "3";
    c.pos = pos;
    c.ref = ref;
    c.alt = alt;
    c.gene = gene;
    c.transcript = "ENST00000263967";
    c.consequence = csq;
    c.hgvsp = change.empty() ? "" : "p." + change;
    c.protein_change = change;
    c.depth = 60;
    c.alt_depth = 15;
    c.vaf = 0.26;  // the caller's AF, not 15/60
    c.filter = "PASS";
    c.alteration_class = cls;
    c.counted = true;
    c.build = "GRCh37";
    c.annotation = "vep";
    return c;
  };
  std::vector<Call> calls = {
      make("HN01", 178952085, "A", "G", "PIK3CA", "missense_variant", "hotspot", "H1047R"),
      make("HN01", 178927975, "CTT", "C", "PIK3CA", "frameshift_variant", "truncating", "L400fs"),
      make("HN02", 178927975, "C", "CAG", "PIK3CA", "frameshift_variant&splice_region_variant", "truncating", "L400fs"),
      make("HN02", 178927980, "GTA", "CAT", "PIK3CA", "missense_variant", "missense", "V401L"),
  };
  Call not_counted = calls[0];
  not_counted.counted = false;
  calls.push_back(not_counted);

  std::ostringstream os;
  write_maf(os, calls);
  TempDir d;
  const ScanResult r = scan(d.file("vcf.maf", os.str()));
  ASSERT_EQ(r.calls.size(), 4u);
  struct Expected {
    long long pos;
    std::string ref, alt;
  };
  const std::vector<Expected> expected = {
      {178952085, "A", "G"}, {178927976, "TT", "-"}, {178927975, "-", "AG"}, {178927980, "GTA", "CAT"}};
  for (size_t i = 0; i < 4; ++i) {
    Call want = calls[i];
    want.pos = expected[i].pos;
    want.ref = expected[i].ref;
    want.alt = expected[i].alt;
    expect_same_call(r.calls[i], want);
  }
  EXPECT_EQ(r.inputs.size(), 2u);
  EXPECT_EQ(find_input(r, "HN01")->tumor_sample, "HN01");  // the barcode is the patient; vcf_tumor_sample = TUMOR
  EXPECT_EQ(r.calls[0].sample, "TUMOR");
}

}  // namespace
}  // namespace pathcorr
