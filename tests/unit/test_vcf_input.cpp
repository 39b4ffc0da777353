// Unit tests of pipeline/vcf_input: tumour depth/VAF from real caller files and hand-written records, tumour-sample
// choice, genome-build detection, record validation with file:line messages, damaged compressed input, helpers.
// Every expected number is computed by hand from the record text quoted beside it.
#include <gtest/gtest.h>
#include <htslib/hts.h>
#include <htslib/vcf.h>
#include <stdlib.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <vector>

#include "pipeline/base/errors.h"
#include "pipeline/input/vcf_input.h"
#include "tests/unit/test_support.h"

namespace pathcorr {
namespace {

using test::has;
using test::message_of;
using test::TempDir;

namespace fs = std::filesystem;

std::string data(const std::string& rel) { return std::string(PATHCORR_TEST_DATA) + "/" + rel; }

// Advances to the record at chrom:pos (1-based); fails the test when the file ends first.
bool seek(VcfReader& r, const std::string& chrom, long long pos) {
  while (r.next()) {
    bcf1_t* rec = r.record();
    if (bcf_hdr_id2name(r.header(), rec->rid) == chrom && rec->pos + 1 == pos) return true;
  }
  ADD_FAILURE() << "no record at " << chrom << ":" << pos << " in " << r.path();
  return false;
}

long count_records(const std::string& path) {
  VcfReader r(path);
  long n = 0;
  while (r.next()) ++n;
  return n;
}

// Meta lines shared by the hand-written VCFs: GRCh37 contig lengths and the FORMAT/INFO tags the records use.
const char* kMeta37 =
    "##fileformat=VCFv4.2\n"
    "##FILTER=<ID=PASS,Description=\"All filters passed\">\n"
    "##FILTER=<ID=weak_evidence,Description=\"weak\">\n"
    "##FILTER=<ID=strand_bias,Description=\"bias\">\n"
    "##contig=<ID=3,length=198022430>\n"
    "##contig=<ID=10,length=135534747>\n"
    "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n"
    "##FORMAT=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">\n"
    "##FORMAT=<ID=AD,Number=R,Type=Integer,Description=\"Allelic depths\">\n"
    "##FORMAT=<ID=AF,Number=A,Type=Float,Description=\"Allele fractions\">\n";

bool nan(double x) { return std::isnan(x); }

// ---------------------------------------------------------------------------------------------------------------
// allele_depth on real caller files

TEST(AlleleDepth, Mutect2MultiAllelicAdAfFromRealFile) {
  VcfReader r(data("real/callers/gatk_mc3_M2.vcf"));
  int tumor = r.choose_tumor_sample("");
  ASSERT_EQ(tumor, 1);  // ##tumor_sample=TUMOR, samples NORMAL,TUMOR
  // 1  6592792  C  A  GT:AD:AF:...  TUMOR 0/0:88,0:0.019:...  (no FORMAT/DP: depth is the AD sum 88+0)
  ASSERT_TRUE(seek(r, "1", 6592792));
  AlleleDepth d = r.allele_depth(tumor, 0, {});
  EXPECT_EQ(d.alt_depth, 0);
  EXPECT_EQ(d.depth, 88);
  EXPECT_DOUBLE_EQ(d.vaf, 0.019);
  // 1  9633387  GTT  G,GT,GTTT  TUMOR 0/0:74,0,11,8:0.042,0.143,0.124  -> depth 74+0+11+8 = 93
  ASSERT_TRUE(seek(r, "1", 9633387));
  d = r.allele_depth(tumor, 0, {});
  EXPECT_EQ(d.alt_depth, 0);
  EXPECT_EQ(d.depth, 93);
  EXPECT_DOUBLE_EQ(d.vaf, 0.042);
  d = r.allele_depth(tumor, 1, {});
  EXPECT_EQ(d.alt_depth, 11);
  EXPECT_EQ(d.depth, 93);
  EXPECT_DOUBLE_EQ(d.vaf, 0.143);
  d = r.allele_depth(tumor, 2, {});
  EXPECT_EQ(d.alt_depth, 8);
  EXPECT_DOUBLE_EQ(d.vaf, 0.124);
  // The NORMAL column of the same record: 0/1/2/3:181,4,25,16:0.032,0.123,0.087 -> depth 226.
  d = r.allele_depth(0, 2, {});
  EXPECT_EQ(d.alt_depth, 16);
  EXPECT_EQ(d.depth, 226);
  EXPECT_DOUBLE_EQ(d.vaf, 0.087);
}

TEST(AlleleDepth, Mutect2ChrPrefixedHg38RealFile) {
  VcfReader r(data("real/callers/vstol_hg002_hg001_mutect2.vcf"));
  int tumor = r.choose_tumor_sample("");
  ASSERT_EQ(r.samples()[tumor], "hg002");  // ##tumor_sample=hg002
  EXPECT_EQ(r.detect_build("auto"), Build::GRCh38);
  // chr1  125178928  A  T  GT:AD:AF:DP:...  hg001 0/0:57,0:0.018:57:...  hg002 0/1:134,10:0.070:144:...
  ASSERT_TRUE(r.next());
  EXPECT_TRUE(has(r.where(), "vstol_hg002_hg001_mutect2.vcf:524: record 1 (chr1:125178928)")) << r.where();
  AlleleDepth d = r.allele_depth(tumor, 0, {});
  EXPECT_EQ(d.alt_depth, 10);
  EXPECT_EQ(d.depth, 144);
  EXPECT_DOUBLE_EQ(d.vaf, 0.07);
}

TEST(AlleleDepth, MuTect1FaFromRealFile) {
  VcfReader r(data("real/callers/vcf2maf_test_mutect.vcf"));
  int tumor = r.choose_tumor_sample("");
  ASSERT_EQ(r.samples()[tumor], "TUMOR");
  // 1  2587467  T  A  GT:AD:BQ:DP:FA  NORMAL 0:4,0:.:4:0.00  TUMOR 0/1:11,3:29:14:0.214
  ASSERT_TRUE(seek(r, "1", 2587467));
  AlleleDepth d = r.allele_depth(tumor, 0, {});
  EXPECT_EQ(d.alt_depth, 3);
  EXPECT_EQ(d.depth, 14);
  EXPECT_DOUBLE_EQ(d.vaf, 0.214);  // FA, not 3/14
}

TEST(AlleleDepth, StrelkaSnvTierOneCountsFromRealFile) {
  VcfReader r(data("real/callers/vcf2maf_test_strelka.vcf"));
  int tumor = r.choose_tumor_sample("");
  ASSERT_EQ(r.samples()[tumor], "TUMOR");
  // 1  35944648  G  A  DP:FDP:SDP:SUBDP:AU:CU:GU:TU  TUMOR 58:0:0:0:56,57:0,0:2,2:0,0
  // tier-1: A 56, C 0, G 2, T 0 -> alt 56 of 58.
  ASSERT_TRUE(seek(r, "1", 35944648));
  AlleleDepth d = r.allele_depth(tumor, 0, {});
  EXPECT_EQ(d.alt_depth, 56);
  EXPECT_EQ(d.depth, 58);
  EXPECT_DOUBLE_EQ(d.vaf, 56.0 / 58.0);
  // 1  118166116  C  A  TUMOR 66:2:0:0:25,27:39,39:0,0:0,0
  // tier-1: A 25, C 39 -> VAF 25 / (25 + 39) = 25/64; depth is FORMAT/DP 66 (it counts filtered reads too).
  ASSERT_TRUE(seek(r, "1", 118166116));
  d = r.allele_depth(tumor, 0, {});
  EXPECT_EQ(d.alt_depth, 25);
  EXPECT_EQ(d.depth, 66);
  EXPECT_DOUBLE_EQ(d.vaf, 25.0 / 64.0);
}

TEST(AlleleDepth, StrelkaIndelTarTirFromRealFile) {
  VcfReader r(data("real/callers/gatk_three_sample_strelka_indels.vcf"));
  int tumor = r.choose_tumor_sample("");
  ASSERT_EQ(tumor, 1);  // NORMAL, TUMOR, MET
  // 3  57493928  CA  C  DP:DP2:TAR:TIR:TOR:...  TUMOR 37:37:14,20:11,12:12,6:...
  // tier-1: TAR 14, TIR 11 -> alt 11, VAF 11 / (14 + 11) = 0.44; depth FORMAT/DP 37.
  ASSERT_TRUE(seek(r, "3", 57493928));
  AlleleDepth d = r.allele_depth(tumor, 0, {});
  EXPECT_EQ(d.alt_depth, 11);
  EXPECT_EQ(d.depth, 37);
  EXPECT_DOUBLE_EQ(d.vaf, 11.0 / 25.0);
  // 3  155301009  T  TG  TUMOR 52:52:30,33:8,8:13,10:...  -> 8 / 38.
  ASSERT_TRUE(seek(r, "3", 155301009));
  d = r.allele_depth(tumor, 0, {});
  EXPECT_EQ(d.alt_depth, 8);
  EXPECT_EQ(d.depth, 52);
  EXPECT_DOUBLE_EQ(d.vaf, 8.0 / 38.0);
}

TEST(AlleleDepth, VarScan2FreqPercentAndAdRdFromRealFile) {
  VcfReader r(data("real/callers/vcf2maf_test_varscan.vcf"));
  int tumor = r.choose_tumor_sample("");
  ASSERT_EQ(tumor, 1);
  // 1  1991014  A  G  GT:GQ:DP:RD:AD:FREQ:DP4  NORMAL 0/1:.:117:59:56:48.7%:...  TUMOR 0/1:.:91:56:35:38.46%:...
  ASSERT_TRUE(seek(r, "1", 1991014));
  AlleleDepth d = r.allele_depth(tumor, 0, {});
  EXPECT_EQ(d.alt_depth, 35);  // AD is the alt count (Number=1), RD the ref count
  EXPECT_EQ(d.depth, 91);
  EXPECT_DOUBLE_EQ(d.vaf, 0.3846);
  d = r.allele_depth(0, 0, {});
  EXPECT_EQ(d.alt_depth, 56);
  EXPECT_EQ(d.depth, 117);
  EXPECT_DOUBLE_EQ(d.vaf, 0.487);
  // 1  2584408  C  A  TUMOR 0/1:.:13:9:4:30.77%:5,4,2,2 ; NORMAL 0/0:.:11:11:0:0%
  ASSERT_TRUE(seek(r, "1", 2584408));
  d = r.allele_depth(tumor, 0, {});
  EXPECT_EQ(d.alt_depth, 4);
  EXPECT_EQ(d.depth, 13);
  EXPECT_DOUBLE_EQ(d.vaf, 0.3077);
  d = r.allele_depth(0, 0, {});
  EXPECT_EQ(d.alt_depth, 0);
  EXPECT_EQ(d.vaf, 0.0);
}

TEST(AlleleDepth, PcgrInfoTvafTdpAndFormatAdtDptFromRealFile) {
  VcfReader r(data("real/pathway/pcgr_T001-BRCA.grch37_PIK3CA_H1047R.vcf.gz"));
  int tumor = r.choose_tumor_sample("");
  ASSERT_EQ(tumor, 0);  // the only sample
  // 3  178952085  A  G  PASS  TCGA_CODE=BRCA;TVAF=0.418918918919;TDP=74;...  GT:DPC:DPT:ADC:ADT:AL
  //   0/1:142:74:.,.:43,31:1,3,4,2      (ADT is Number=. Type=String)
  ASSERT_TRUE(seek(r, "3", 178952085));
  AlleleDepth d = r.allele_depth(tumor, 0, {});
  EXPECT_EQ(d.alt_depth, 31);
  EXPECT_EQ(d.depth, 74);
  // INFO/TVAF is Type=Float: stored as a 32-bit float, so only ~7 significant digits survive.
  EXPECT_NEAR(d.vaf, 0.418918918919, 1e-6);
  // Sites-only view of the same record (no tumour column): INFO TVAF/TDP still give VAF and depth.
  d = r.allele_depth(-1, 0, {});
  EXPECT_EQ(d.depth, 74);
  EXPECT_NEAR(d.vaf, 0.418918918919, 1e-6);
  EXPECT_TRUE(nan(d.alt_depth));
}

// ---------------------------------------------------------------------------------------------------------------
// allele_depth on hand-written records

TEST(AlleleDepth, FreeBayesAoRoHandWritten) {
  TempDir tmp;
  std::string vcf = tmp.file("fb.vcf", std::string(kMeta37) +
      "##INFO=<ID=AF,Number=A,Type=Float,Description=\"Estimated allele frequency (genotypes)\">\n"
      "##FORMAT=<ID=RO,Number=1,Type=Integer,Description=\"Reference allele observation count\">\n"
      "##FORMAT=<ID=AO,Number=A,Type=Integer,Description=\"Alternate allele observation count\">\n"
      "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n"
      "3\t178952085\t.\tA\tG\t50\t.\tAF=0.5\tGT:DP:RO:AO\t0/1:52:30:20\n"
      "3\t178952100\t.\tC\tA,T\t50\t.\tAF=0.5,0.5\tGT:DP:RO:AO\t1/2:46:30:10,5\n");
  VcfReader r(vcf);
  ASSERT_EQ(r.choose_tumor_sample(""), 0);
  ASSERT_TRUE(r.next());
  // RO 30, AO 20, DP 52 -> VAF 20 / (30 + 20) = 0.4 (INFO/AF is the genotype frequency, not a VAF)
  AlleleDepth d = r.allele_depth(0, 0, {});
  EXPECT_EQ(d.alt_depth, 20);
  EXPECT_EQ(d.depth, 52);
  EXPECT_DOUBLE_EQ(d.vaf, 0.4);
  ASSERT_TRUE(r.next());
  // RO 30, AO 10,5 -> T: 5 / 45, A: 10 / 45; depth FORMAT/DP 46
  d = r.allele_depth(0, 1, {});
  EXPECT_EQ(d.alt_depth, 5);
  EXPECT_EQ(d.depth, 46);
  EXPECT_DOUBLE_EQ(d.vaf, 5.0 / 45.0);
  d = r.allele_depth(0, 0, {});
  EXPECT_EQ(d.alt_depth, 10);
  EXPECT_DOUBLE_EQ(d.vaf, 10.0 / 45.0);
}

TEST(AlleleDepth, VarDictPairedAfHandWritten) {
  // Header lines and record as VarDictJava's paired output (shared/real-data/callers/vardict_paired.vcf, 20:68384),
  // moved to chromosome 3.
  TempDir tmp;
  std::string vcf = tmp.file("vd.vcf",
      "##fileformat=VCFv4.3\n"
      "##contig=<ID=3,length=198022430>\n"
      "##INFO=<ID=DP,Number=1,Type=Integer,Description=\"Total Depth\">\n"
      "##INFO=<ID=VD,Number=1,Type=Integer,Description=\"Variant Depth\">\n"
      "##INFO=<ID=AF,Number=A,Type=Float,Description=\"Allele Frequency\">\n"
      "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n"
      "##FORMAT=<ID=DP,Number=1,Type=Integer,Description=\"Total Depth\">\n"
      "##FORMAT=<ID=VD,Number=1,Type=Integer,Description=\"Variant Depth\">\n"
      "##FORMAT=<ID=AD,Number=R,Type=Integer,Description=\"Allelic depths for the ref and alt alleles\">\n"
      "##FORMAT=<ID=ALD,Number=2,Type=Integer,Description=\"Variant forward, reverse reads\">\n"
      "##FORMAT=<ID=RD,Number=2,Type=Integer,Description=\"Reference forward, reverse reads\">\n"
      "##FORMAT=<ID=AF,Number=A,Type=Float,Description=\"Allele Frequency\">\n"
      "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tabc\tabc-match\n"
      "3\t68384\t.\tG\tA\t31\t.\tDP=264;VD=2;AF=0.0076\tGT:DP:VD:ALD:RD:AD:AF\t"
      "0/0:264:2:1,1:125,137:262,2:0.0076\t0/0:134:0:0,0:58,76:134,0:0\n");
  VcfReader r(vcf);
  int tumor = r.choose_tumor_sample("");
  ASSERT_EQ(tumor, 0);  // "abc-match" is VarDict's normal
  ASSERT_TRUE(r.next());
  AlleleDepth d = r.allele_depth(tumor, 0, {});
  EXPECT_EQ(d.alt_depth, 2);  // AD 262,2 (RD here is forward/reverse reference reads, not VarScan's RD)
  EXPECT_EQ(d.depth, 264);
  EXPECT_DOUBLE_EQ(d.vaf, 0.0076);
}

TEST(AlleleDepth, MultiAllelicNumberAAndRIndexing) {
  TempDir tmp;
  std::string vcf = tmp.file("ma.vcf", std::string(kMeta37) +
      "##tumor_sample=T\n"
      "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tN\tT\n"
      "3\t178952085\t.\tA\tG,T\t.\tPASS\t.\tGT:AD:AF\t0/0:20,0,0:0,0\t0/1/2:10,5,3:0.28,0.17\n");
  VcfReader r(vcf);
  int tumor = r.choose_tumor_sample("");
  ASSERT_EQ(tumor, 1);
  ASSERT_TRUE(r.next());
  // AD=10,5,3 (R: ref, G, T), AF=0.28,0.17 (A: G, T); no DP -> depth 10+5+3 = 18
  AlleleDepth g = r.allele_depth(tumor, 0, {});
  AlleleDepth t = r.allele_depth(tumor, 1, {});
  EXPECT_EQ(g.alt_depth, 5);
  EXPECT_DOUBLE_EQ(g.vaf, 0.28);
  EXPECT_EQ(g.depth, 18);
  EXPECT_EQ(t.alt_depth, 3);
  EXPECT_DOUBLE_EQ(t.vaf, 0.17);
  EXPECT_EQ(t.depth, 18);
}

TEST(AlleleDepth, ManyAltsWithoutDepthFieldsGiveNaN) {
  // bcftools test/many-alts.vcf: 34 ALT alleles, GT only.
  VcfReader r(data("real/edge-cases/bcftools_many-alts.vcf"));
  ASSERT_TRUE(r.next());
  ASSERT_EQ(r.record()->n_allele, 35);
  for (int a : {0, 17, 33}) {
    AlleleDepth d = r.allele_depth(0, a, {});
    EXPECT_TRUE(nan(d.depth) && nan(d.alt_depth) && nan(d.vaf)) << "alt " << a;
  }
}

TEST(AlleleDepth, MissingValuesAreNaN) {
  TempDir tmp;
  std::string vcf = tmp.file("miss.vcf", std::string(kMeta37) +
      "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tTUMOR\n"
      "3\t178952085\t.\tA\tG\t.\tPASS\t.\tGT:AD:AF:DP\t0/1:.,.:.:.\n"
      "3\t178952086\t.\tA\tG\t.\tPASS\t.\tGT:AD:AF:DP\t0/1:.:.:.\n"
      "3\t178952087\t.\tA\tG\t.\tPASS\t.\tGT\t0/1\n"
      // AD known, AF and DP missing: VAF derived from AD, depth from the AD sum.
      "3\t178952088\t.\tA\tG\t.\tPASS\t.\tGT:AD:AF:DP\t0/1:30,10:.:.\n");
  VcfReader r(vcf);
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(r.next());
    AlleleDepth d = r.allele_depth(0, 0, {});
    EXPECT_TRUE(nan(d.depth)) << "record " << i + 1 << " depth " << d.depth;
    EXPECT_TRUE(nan(d.alt_depth)) << "record " << i + 1 << " alt " << d.alt_depth;
    EXPECT_TRUE(nan(d.vaf)) << "record " << i + 1 << " vaf " << d.vaf;
  }
  ASSERT_TRUE(r.next());
  AlleleDepth d = r.allele_depth(0, 0, {});
  EXPECT_EQ(d.alt_depth, 10);
  EXPECT_EQ(d.depth, 40);
  EXPECT_DOUBLE_EQ(d.vaf, 0.25);
}

TEST(AlleleDepth, UserTagsOverrideCallerFields) {
  TempDir tmp;
  std::string vcf = tmp.file("tags.vcf", std::string(kMeta37) +
      "##FORMAT=<ID=MYVAF,Number=A,Type=Float,Description=\"user VAF\">\n"
      "##FORMAT=<ID=MYDP,Number=1,Type=Integer,Description=\"user depth\">\n"
      "##FORMAT=<ID=MYALT,Number=A,Type=Integer,Description=\"user alt depth\">\n"
      "##INFO=<ID=T_VAF,Number=A,Type=Float,Description=\"INFO VAF\">\n"
      "##INFO=<ID=T_DP,Number=1,Type=Integer,Description=\"INFO depth\">\n"
      "##INFO=<ID=T_ALT,Number=A,Type=Integer,Description=\"INFO alt depth\">\n"
      "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tTUMOR\n"
      "3\t178952085\t.\tA\tG,C\t.\tPASS\tT_VAF=0.31,0.07;T_DP=120;T_ALT=37,8\tGT:AD:AF:DP:MYVAF:MYDP:MYALT\t"
      "0/1:50,40,10:0.4,0.1:100:0.35,0.09:111:39,9\n");
  VcfReader r(vcf);
  ASSERT_TRUE(r.next());
  // Caller fields alone: AD 50,40,10, AF 0.4,0.1, DP 100.
  AlleleDepth d = r.allele_depth(0, 0, {});
  EXPECT_EQ(d.alt_depth, 40);
  EXPECT_EQ(d.depth, 100);
  EXPECT_DOUBLE_EQ(d.vaf, 0.4);
  // FORMAT user tags: MYVAF 0.35,0.09  MYDP 111  MYALT 39,9
  DepthTags fmt{"MYVAF", "MYDP", "MYALT"};
  d = r.allele_depth(0, 0, fmt);
  EXPECT_DOUBLE_EQ(d.vaf, 0.35);
  EXPECT_EQ(d.depth, 111);
  EXPECT_EQ(d.alt_depth, 39);
  d = r.allele_depth(0, 1, fmt);
  EXPECT_DOUBLE_EQ(d.vaf, 0.09);
  EXPECT_EQ(d.alt_depth, 9);
  // INFO user tags: T_VAF 0.31,0.07  T_DP 120  T_ALT 37,8
  DepthTags info{"T_VAF", "T_DP", "T_ALT"};
  d = r.allele_depth(0, 1, info);
  EXPECT_DOUBLE_EQ(d.vaf, 0.07);
  EXPECT_EQ(d.depth, 120);
  EXPECT_EQ(d.alt_depth, 8);
  // Only an alt-depth tag: VAF is then derived from it over the AD total (50+40+10).
  DepthTags alt_only;
  alt_only.alt_depth = "T_ALT";
  alt_only.vaf = "NO_SUCH_TAG";  // absent tags fall back to the caller conventions
  d = r.allele_depth(0, 0, alt_only);
  EXPECT_EQ(d.alt_depth, 37);
  EXPECT_DOUBLE_EQ(d.vaf, 0.4);  // FORMAT/AF still wins over a derived VAF
}

TEST(AlleleDepth, UserTagsOnRealFileInfoAndFormatWithMissingValues) {
  // bcftools test/missing.vcf: samples A,B,C
  //   1 3000001 ... FLAG;IINT=11;IFLT=1.1;ISTR=xxx  GT:FINT:FFLT:FSTR  0/0:11:1.1:xxx ...
  //   1 3000003 ... FLAG;IINT=.;IFLT=.;ISTR=.       GT:FINT:FFLT:FSTR  0/0:.:.:. ...
  VcfReader r(data("real/edge-cases/bcftools_missing.vcf"));
  int tumor = r.choose_tumor_sample("B");
  ASSERT_EQ(tumor, 1);
  DepthTags fmt{"FFLT", "FINT", ""};
  DepthTags info{"IFLT", "IINT", ""};
  ASSERT_TRUE(r.next());
  AlleleDepth d = r.allele_depth(tumor, 0, fmt);
  EXPECT_DOUBLE_EQ(d.vaf, 1.1);
  EXPECT_EQ(d.depth, 11);
  d = r.allele_depth(-1, 0, info);
  EXPECT_DOUBLE_EQ(d.vaf, 1.1);
  EXPECT_EQ(d.depth, 11);
  ASSERT_TRUE(seek(r, "1", 3000003));
  d = r.allele_depth(tumor, 0, fmt);
  EXPECT_TRUE(nan(d.vaf));
  EXPECT_TRUE(nan(d.depth));
  d = r.allele_depth(-1, 0, info);
  EXPECT_TRUE(nan(d.vaf));
  EXPECT_TRUE(nan(d.depth));
  // 1 3000005 ... ISTR=..  : a user tag whose text is not a number is an input error naming the record.
  ASSERT_TRUE(seek(r, "1", 3000005));
  std::string msg = message_of<InputError>([&] { r.allele_depth(-1, 0, DepthTags{"ISTR", "", ""}); });
  EXPECT_TRUE(has(msg, "bcftools_missing.vcf:18: record 5"));
  EXPECT_TRUE(has(msg, "INFO/ISTR"));
}

// ---------------------------------------------------------------------------------------------------------------
// choose_tumor_sample

std::string header_with(const std::string& meta, const std::vector<std::string>& samples) {
  std::string h = std::string(kMeta37) + meta + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO";
  if (!samples.empty()) h += "\tFORMAT";
  for (const auto& s : samples) h += "\t" + s;
  return h + "\n";
}

TEST(ChooseTumorSample, FollowsTheSpecOrder) {
  TempDir tmp;
  // ##tumor_sample= wins over a sample named TUMOR.
  EXPECT_EQ(VcfReader(tmp.file("a.vcf", header_with("##tumor_sample=T1\n", {"TUMOR", "T1"}))).choose_tumor_sample(""),
            1);
  EXPECT_EQ(VcfReader(tmp.file("b.vcf", header_with("", {"NORMAL", "TUMOR"}))).choose_tumor_sample(""), 1);
  EXPECT_EQ(VcfReader(tmp.file("c.vcf", header_with("", {"HN01_T"}))).choose_tumor_sample(""), 0);
  // VarDict paired: the normal is "<tumour>-match", in either column order.
  EXPECT_EQ(VcfReader(tmp.file("e.vcf", header_with("", {"abc", "abc-match"}))).choose_tumor_sample(""), 0);
  EXPECT_EQ(VcfReader(tmp.file("f.vcf", header_with("", {"abc-match", "abc"}))).choose_tumor_sample(""), 1);
  // The requested sample wins over every convention.
  EXPECT_EQ(VcfReader(tmp.file("g.vcf", header_with("##tumor_sample=T1\n", {"TUMOR", "T1"}))).choose_tumor_sample(
                "TUMOR"),
            0);
  // Sites-only.
  EXPECT_EQ(VcfReader(tmp.file("h.vcf", header_with("", {}))).choose_tumor_sample(""), -1);
}

// SnpEff's cancer mode names the tumour in "##PEDIGREE=<Derived=...,Original=...>", which htslib parses as a
// structured record (BCF_HL_STR, keys Derived and Original, no value): the Derived sample is the tumour, whatever
// the sample names.
TEST(ChooseTumorSample, SnpEffPedigreeDerivedSample) {
  TempDir tmp;
  VcfReader r(tmp.file("ped.vcf", header_with("##PEDIGREE=<Derived=P1_Somatic,Original=P1_Germline>\n",
                                               {"P1_Germline", "P1_Somatic"})));
  EXPECT_EQ(r.choose_tumor_sample(""), 1);
}

TEST(ChooseTumorSample, ConflictsListTheSamples) {
  TempDir tmp;
  VcfReader two(tmp.file("two.vcf", header_with("", {"P1_N", "P1_T"})));
  std::string msg = message_of<ConflictError>([&] { two.choose_tumor_sample(""); });
  EXPECT_TRUE(has(msg, "two.vcf"));
  EXPECT_TRUE(has(msg, "P1_N, P1_T"));
  EXPECT_TRUE(has(msg, "--tumor-sample"));
  msg = message_of<ConflictError>([&] { two.choose_tumor_sample("P1_X"); });
  EXPECT_TRUE(has(msg, "P1_X"));
  EXPECT_TRUE(has(msg, "P1_N, P1_T"));
  VcfReader bad_header(tmp.file("bad.vcf", header_with("##tumor_sample=GONE\n", {"P1_N", "P1_T"})));
  msg = message_of<ConflictError>([&] { bad_header.choose_tumor_sample(""); });
  EXPECT_TRUE(has(msg, "GONE"));
  EXPECT_TRUE(has(msg, "P1_N, P1_T"));
  // Exit code 3 for all of these.
  try {
    two.choose_tumor_sample("");
  } catch (const Error& e) {
    EXPECT_EQ(e.exit_code(), 3);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// detect_build

std::string build_header(const std::string& meta) {
  return "##fileformat=VCFv4.2\n" + meta + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n";
}

TEST(DetectBuild, FromContigLengthsWithAndWithoutChr) {
  TempDir tmp;
  // chr3 and chr10: GRCh37 198022430 / 135534747, GRCh38 198295559 / 133797422.
  auto build_of = [&](const std::string& name, const std::string& meta) {
    return VcfReader(tmp.file(name, build_header(meta))).detect_build("auto");
  };
  EXPECT_EQ(build_of("a.vcf", "##contig=<ID=3,length=198022430>\n##contig=<ID=10,length=135534747>\n"),
            Build::GRCh37);
  EXPECT_EQ(build_of("b.vcf", "##contig=<ID=chr3,length=198022430>\n"), Build::GRCh37);
  EXPECT_EQ(build_of("c.vcf", "##contig=<ID=chr3,length=198295559>\n##contig=<ID=chr10,length=133797422>\n"),
            Build::GRCh38);
  EXPECT_EQ(build_of("d.vcf", "##contig=<ID=3,length=198295559>\n"), Build::GRCh38);
  // chrM is the same length in both builds and says nothing.
  EXPECT_EQ(build_of("e.vcf", "##contig=<ID=chrM,length=16569>\n##contig=<ID=chr3,length=198295559>\n"),
            Build::GRCh38);
}

TEST(DetectBuild, FromReferenceNames) {
  TempDir tmp;
  struct Case {
    const char* reference;
    Build build;
  };
  const Case cases[] = {
      {"file:///refs/hg19.fa", Build::GRCh37},
      {"file:///seq/references/Homo_sapiens_assembly19/v1/Homo_sapiens_assembly19.fasta", Build::GRCh37},
      {"file:///refs/GRCh37-lite.fa", Build::GRCh37},
      {"file:///refs/hs37d5.fa.gz", Build::GRCh37},
      {"file:///refs/human_g1k_v37.fasta", Build::GRCh37},
      {"hg38", Build::GRCh38},
      {"file:///refs/Homo_sapiens_assembly38.fasta", Build::GRCh38},
      {"/data/GRCh38_full_analysis_set_plus_decoy_hla.fa", Build::GRCh38},
  };
  int i = 0;
  for (const auto& c : cases) {
    // ##contig lines without length carry no evidence.
    std::string meta = std::string("##reference=") + c.reference + "\n##contig=<ID=3>\n";
    VcfReader r(tmp.file("r" + std::to_string(i++) + ".vcf", build_header(meta)));
    EXPECT_EQ(r.detect_build("auto"), c.build) << c.reference;
  }
}

TEST(DetectBuild, RealFiles) {
  EXPECT_EQ(VcfReader(data("real/callers/gatk_mc3_M2.vcf")).detect_build("auto"), Build::GRCh37);
  EXPECT_EQ(VcfReader(data("real/callers/vcf2maf_test_pindel.vcf")).detect_build("auto"), Build::GRCh37);
  // vcf2maf test_grch38.vcf has neither ##contig nor ##reference lines: only --build can tell.
  VcfReader bare(data("real/pathway/vcf2maf_test_grch38_PIK3CA_E545K.vcf"));
  EXPECT_THROW(bare.detect_build("auto"), InputError);
  EXPECT_EQ(bare.detect_build("GRCh38"), Build::GRCh38);
  // The PCGR CrossMap outputs name the build only in ##liftOverChainFile / ##new_reference_genome, which are not
  // build evidence: --build is needed, and accepted.
  VcfReader lifted(data("real/pathway/pcgr_T001-BRCA.grch38_PIK3CA_H1047R.vcf.gz"));
  EXPECT_THROW(lifted.detect_build("auto"), InputError);
  EXPECT_EQ(lifted.detect_build("GRCh38"), Build::GRCh38);
  EXPECT_EQ(VcfReader(data("real/callers/vstol_hg002_hg001_mutect2.vcf")).detect_build("auto"), Build::GRCh38);
}

TEST(DetectBuild, UnknownAsksForBuildOption) {
  TempDir tmp;
  VcfReader r(tmp.file("none.vcf", build_header("##contig=<ID=3>\n##reference=file:///refs/genome.fa\n")));
  std::string msg = message_of<InputError>([&] { r.detect_build("auto"); });
  EXPECT_TRUE(has(msg, "none.vcf"));
  EXPECT_TRUE(has(msg, "--build"));
  // A requested build is taken when the header says nothing.
  EXPECT_EQ(r.detect_build("GRCh38"), Build::GRCh38);
  EXPECT_EQ(r.detect_build("hg19"), Build::GRCh37);
  // An unknown build name is a usage error.
  EXPECT_THROW(r.detect_build("hg17"), UsageError);
  // Contig lengths of neither build (NCBI36 chr3 is 199501827) are no evidence either.
  VcfReader old(tmp.file("ncbi36.vcf", build_header("##contig=<ID=3,length=199501827>\n##reference=NCBI36\n")));
  EXPECT_THROW(old.detect_build("auto"), InputError);
}

TEST(DetectBuild, ContradictionsAreConflicts) {
  TempDir tmp;
  VcfReader r37(tmp.file("c37.vcf", build_header("##contig=<ID=3,length=198022430>\n")));
  EXPECT_EQ(r37.detect_build("GRCh37"), Build::GRCh37);
  std::string msg = message_of<ConflictError>([&] { r37.detect_build("GRCh38"); });
  EXPECT_TRUE(has(msg, "c37.vcf"));
  EXPECT_TRUE(has(msg, "GRCh38"));
  EXPECT_TRUE(has(msg, "GRCh37"));
  VcfReader mixed(tmp.file("mixed.vcf",
                           build_header("##reference=file:///refs/Homo_sapiens_assembly38.fasta\n"
                                        "##contig=<ID=3,length=198022430>\n")));
  msg = message_of<ConflictError>([&] { mixed.detect_build("auto"); });
  EXPECT_TRUE(has(msg, "mixed.vcf"));
  EXPECT_TRUE(has(msg, "##reference"));
}

// ---------------------------------------------------------------------------------------------------------------
// next(): record validation and damaged input

// The message of the InputError thrown while reading every record of `text` (written as x.vcf).
std::string read_error(const TempDir& tmp, const std::string& name, const std::string& text) {
  std::string path = tmp.file(name, text);
  return message_of<InputError>([&] {
    VcfReader r(path);
    while (r.next()) {
    }
  });
}

TEST(Next, DamagedRecordsNameFileLineAndRecord) {
  TempDir tmp;
  // kMeta37 has 10 lines, the #CHROM line is line 11, record 1 is line 12.
  const std::string h = std::string(kMeta37) + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tTUMOR\n";
  const std::string ok = "3\t178952085\t.\tA\tG\t.\tPASS\t.\tGT:AD\t0/1:10,5\n";
  std::string msg = read_error(tmp, "short.vcf", h + ok + "3\t178952090\t.\tA\tG\t.\tPASS\t.\n");
  EXPECT_TRUE(has(msg, "short.vcf:13: record 2")) << msg;
  msg = read_error(tmp, "blank.vcf", h + ok + ok + "\n" + ok);
  EXPECT_TRUE(has(msg, "blank.vcf:14: record 3")) << msg;
  msg = read_error(tmp, "pos_text.vcf", h + "3\t17895208x\t.\tA\tG\t.\tPASS\t.\tGT:AD\t0/1:10,5\n");
  EXPECT_TRUE(has(msg, "pos_text.vcf:12: record 1")) << msg;
  EXPECT_TRUE(has(msg, "17895208x")) << msg;
  msg = read_error(tmp, "pos_zero.vcf", h + ok + ok + "3\t0\t.\tA\tG\t.\tPASS\t.\tGT:AD\t0/1:10,5\n");
  EXPECT_TRUE(has(msg, "pos_zero.vcf:14: record 3")) << msg;
  msg = read_error(tmp, "ref.vcf", h + ok + "3\t178952090\t.\tAXG\tG\t.\tPASS\t.\tGT:AD\t0/1:10,5\n");
  EXPECT_TRUE(has(msg, "ref.vcf:13: record 2 (3:178952090)")) << msg;
  EXPECT_TRUE(has(msg, "AXG")) << msg;
  msg = read_error(tmp, "hash.vcf", h + ok + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n" + ok);
  EXPECT_TRUE(has(msg, "hash.vcf:13: record 2")) << msg;
  // A CRLF file is fine (the \r is not part of the last column).
  std::string crlf = h + ok;
  crlf.insert(crlf.size() - 1, "\r");
  VcfReader r(tmp.file("crlf.vcf", crlf));
  ASSERT_TRUE(r.next());
  EXPECT_EQ(r.allele_depth(0, 0, {}).alt_depth, 5);
}

TEST(Next, WhereNamesFileLineRecordAndPosition) {
  TempDir tmp;
  const std::string h = std::string(kMeta37) + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tTUMOR\n";
  VcfReader r(tmp.file("w.vcf", h + "3\t100\t.\tA\tG\t.\tPASS\t.\tGT\t0/1\n10\t200\t.\tC\tT\t.\tPASS\t.\tGT\t0/1\n"));
  ASSERT_TRUE(r.next());
  ASSERT_TRUE(r.next());
  EXPECT_EQ(r.record_number(), 2);
  EXPECT_TRUE(has(r.where(), "w.vcf:13: record 2 (10:200)")) << r.where();
  EXPECT_FALSE(r.next());
}

TEST(Next, OddAltAllelesAreCountedNotRefused) {
  TempDir tmp;
  const std::string h = std::string(kMeta37) + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n";
  VcfReader r(tmp.file("alts.vcf", h +
                                       "3\t100\t.\tA\t<DEL>\t.\tPASS\t.\n"
                                       "3\t101\t.\tA\t*,G\t.\tPASS\t.\n"
                                       "3\t102\t.\tA\tG]17:198982]\t.\tPASS\t.\n"
                                       "3\t103\t.\tA\tA/T\t.\tPASS\t.\n"  // VarScan-style, line 15
                                       "3\t104\t.\tA\tR\t.\tPASS\t.\n"));
  long n = 0;
  while (r.next()) ++n;
  EXPECT_EQ(n, 5);
  EXPECT_EQ(r.odd_alts(), 2);
  EXPECT_TRUE(has(r.first_odd_alt(), "alts.vcf:15: record 4 (3:103): ALT 'A/T'")) << r.first_odd_alt();
}

TEST(Next, ExtraColumnsAreWarnedAboutOnce) {
  TempDir tmp;
  const std::string h = std::string(kMeta37) + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tTUMOR\n";
  const std::string extra = "3\t100\t.\tA\tG\t.\tPASS\t.\tGT:AD\t0/1:10,5\tjunk\n";
  VcfReader r(tmp.file("extra.vcf", h + extra + extra));
  while (r.next()) {
  }
  ASSERT_EQ(r.warnings().size(), 1u);
  EXPECT_TRUE(has(r.warnings()[0].text, "extra.vcf:12: record 1")) << r.warnings()[0].text;
}

TEST(Next, RealBlankLineFile) {
  // vstol hg002_hg001_strelka2_indels.vcf: 947 header lines, an empty line 954 (the 7th record line).
  std::string msg = message_of<InputError>([&] {
    VcfReader r(data("real/edge-cases/vstol_strelka2_indels_blank_line.vcf"));
    while (r.next()) {
    }
  });
  EXPECT_TRUE(has(msg, "vstol_strelka2_indels_blank_line.vcf:954: record 7")) << msg;
}

TEST(Next, RealTruncatedBgzfIsAnInputError) {
  std::string path = data("real/edge-cases/derived_truncated_mid_block.vcf.gz");
  long n = 0;
  std::string msg = message_of<InputError>([&] {
    VcfReader r(path);
    while (r.next()) ++n;
  });
  EXPECT_TRUE(has(msg, "derived_truncated_mid_block.vcf.gz")) << msg;
  // zcat salvages 1133 whole records before the cut; htslib loses the whole partial BGZF block. Either way the
  // records before the damage are read, nothing past them, and the message says the compressed data is damaged
  // (not that a row is short) and names the line reached (17 header lines + the partial record).
  EXPECT_LE(n, 1133);
  EXPECT_GE(n, 1);
  EXPECT_TRUE(has(msg, "compressed data is damaged or truncated")) << msg;
  EXPECT_TRUE(has(msg, "(line " + std::to_string(17 + n + 1) + ")")) << msg;
}

TEST(Next, CompressedVariantsReadTheSameRecords) {
  // The BRCA example: 196 records as bgzip, as bgzip without the EOF marker (a warning), and as plain gzip.
  EXPECT_EQ(count_records(data("real/pathway/pcgr_T001-BRCA.grch37_PIK3CA_H1047R.vcf.gz")), 196);
  VcfReader noeof(data("real/edge-cases/derived_missing_bgzf_eof.vcf.gz"));
  ASSERT_EQ(noeof.warnings().size(), 1u);
  EXPECT_TRUE(has(noeof.warnings()[0].text, "end-of-file marker"));
  long n = 0;
  while (noeof.next()) ++n;
  EXPECT_EQ(n, 196);
  EXPECT_EQ(count_records(data("real/edge-cases/derived_plain_gzip_not_bgzf.vcf.gz")), 196);
}

TEST(Next, RefusesFilesThatAreNotVcf) {
  TempDir tmp;
  EXPECT_THROW(VcfReader(data("real/edge-cases/htslib_emptyfile")), InputError);
  EXPECT_THROW(VcfReader(tmp.path("missing.vcf")), InputError);
  EXPECT_TRUE(has(message_of<InputError>([] { VcfReader r("/dev/null"); }), "/dev/null: not a regular file"));
  EXPECT_THROW(VcfReader(tmp.file("text.vcf", "patient_id\tbest_response\nP1\tPR\n")), InputError);
  EXPECT_THROW(VcfReader(data("real/edge-cases/bcftools_convert.gt.noHead.vcf")), InputError);
  // Text that is not a VCF header is refused naming the line: a log line first (real SnpEff output), records with
  // samples before any #CHROM line (their names are unknown), a bare #CHROM line with no meta lines (bcftools test).
  EXPECT_TRUE(has(message_of<InputError>([] { VcfReader r(data("real/edge-cases/snpeff_cancer.ann_log_line_in_header.vcf")); }),
                  "line 1 is not a VCF header line ('00:00:39.673 Reading cancer samples"));
  const std::string samples_no_chrom = tmp.file(
      "nochrom_samples.vcf", "##fileformat=VCFv4.2\n##x=1\n3\t178952085\t.\tA\tG\t.\tPASS\t.\tGT\t0/1\n");
  EXPECT_TRUE(has(message_of<InputError>([&] { VcfReader r(samples_no_chrom); }),
                  "nochrom_samples.vcf: cannot parse the VCF header: line 3 ('3 178952085 . A G . PASS . GT 0/1') "
                  "comes before the #CHROM header line"));
  EXPECT_TRUE(has(message_of<InputError>([] { VcfReader r(data("real/edge-cases/bcftools_convert.gt.noHead.vcf")); }),
                  "line 1 is a #CHROM line with no ## meta-information lines before it"));
  EXPECT_TRUE(has(message_of<InputError>([&] { VcfReader r(tmp.file("nochrom.vcf", "##fileformat=VCFv4.2\n##x=1\n")); }),
                  "the header has no #CHROM line"));
}

// Headers htslib refuses only for how they are written are read, with a warning: SnpEff and VEP copy the header
// of their input, so an input without ##fileformat gives an output without it; Oncotator writes '# ...' lines
// before #CHROM. Records, line numbers and the header's fields are those of the file.
TEST(Next, HeadersWithoutFileformatOrWithCommentLinesAreReadWithAWarning) {
  {
    VcfReader r(data("real/annotated/snpeff_cancer_pedigree.ann.vcf"));  // line 1: ##PEDIGREE=<Derived=...
    ASSERT_EQ(r.warnings().size(), 1u);
    EXPECT_TRUE(has(r.warnings()[0].text, "snpeff_cancer_pedigree.ann.vcf: no ##fileformat line (line 1 is '##PEDIGREE="));
    EXPECT_EQ(r.samples(), (std::vector<std::string>{"Patient_01_Germline", "Patient_01_Somatic"}));
    EXPECT_EQ(r.choose_tumor_sample(""), 1);  // the PEDIGREE line is kept: Derived=Patient_01_Somatic
    EXPECT_NE(bcf_hdr_id2int(r.header(), BCF_DT_ID, "ANN"), -1);
    // `grep -c -v '^#'` of the file: 3 records; `grep -n` puts the first at line 8.
    ASSERT_TRUE(r.next());
    EXPECT_TRUE(has(r.where(), "snpeff_cancer_pedigree.ann.vcf:8: record 1 (1:69091)"));
    long n = 1;
    while (r.next()) ++n;
    EXPECT_EQ(n, 3);
  }
  {
    // SnpEff output of a sites-only input without ##fileformat nor #CHROM: 5 '##' lines, 8-column records from
    // line 6 (`grep -vc '^#'`: 1 record).
    VcfReader r(data("real/annotated/snpeff_variants_1.ann.vcf"));
    ASSERT_EQ(r.warnings().size(), 2u);
    EXPECT_TRUE(has(r.warnings()[0].text, "no ##fileformat line"));
    EXPECT_TRUE(has(r.warnings()[1].text, "no #CHROM line before the first record (line 6); its 8 columns are read as a "
                                     "sites-only VCF"));
    EXPECT_TRUE(r.samples().empty());
    ASSERT_TRUE(r.next());
    EXPECT_TRUE(has(r.where(), "snpeff_variants_1.ann.vcf:6: record 1 (1:889455)"));
    EXPECT_FALSE(r.next());
  }
  {
    // 107 '##' lines, 6 '# ...' lines (108-113), #CHROM at 114; 15 records.
    VcfReader r(data("real/pathway/gatk_PIK3CA_SNPS.oncotatorAnnotated.vcf"));
    ASSERT_EQ(r.warnings().size(), 1u);
    EXPECT_TRUE(has(r.warnings()[0].text, "6 comment line(s) starting with a single '#' before #CHROM skipped"));
    ASSERT_TRUE(r.next());
    EXPECT_TRUE(has(r.where(), "oncotatorAnnotated.vcf:115: record 1 (3:"));
    long n = 1;
    while (r.next()) ++n;
    EXPECT_EQ(n, 15);
  }
  {
    // The same text gzip-compressed, ##fileformat given later than line 1 (moved first, not repeated), CRLF.
    TempDir tmp;
    const std::string text =
        "##source=x\r\n##fileformat=VCFv4.1\r\n##contig=<ID=3,length=198022430>\r\n# a comment\r\n"
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\r\n3\t178952085\t.\tA\tG\t.\tPASS\t.\r\n";
    VcfReader r(tmp.gz_file("late.vcf.gz", text));
    ASSERT_EQ(r.warnings().size(), 2u);
    EXPECT_TRUE(has(r.warnings()[0].text, "late.vcf.gz: the ##fileformat line is line 2, not line 1"));
    EXPECT_TRUE(has(r.warnings()[1].text, "1 comment line(s)"));
    EXPECT_EQ(r.header_text().rfind("##fileformat=VCFv4.1\n", 0), 0u);
    ASSERT_TRUE(r.next());
    EXPECT_EQ(r.record()->pos + 1, 178952085);
    EXPECT_TRUE(has(r.where(), "late.vcf.gz:6: record 1"));
    EXPECT_FALSE(r.next());
  }
}

// Copies a VCF to BCF with htslib (compressed or not) so that the BCF path of the reader can be tested without a
// binary fixture.
void vcf_to_bcf(const std::string& vcf, const std::string& bcf, bool compressed) {
  htsFile* in = hts_open(vcf.c_str(), "r");
  ASSERT_NE(in, nullptr);
  bcf_hdr_t* hdr = bcf_hdr_read(in);
  ASSERT_NE(hdr, nullptr);
  htsFile* out = hts_open(bcf.c_str(), compressed ? "wb" : "wbu");
  ASSERT_NE(out, nullptr);
  ASSERT_EQ(bcf_hdr_write(out, hdr), 0);
  bcf1_t* rec = bcf_init();
  while (bcf_read(in, hdr, rec) == 0) ASSERT_EQ(bcf_write(out, hdr, rec), 0);
  bcf_destroy(rec);
  bcf_hdr_destroy(hdr);
  ASSERT_EQ(hts_close(out), 0);
  ASSERT_EQ(hts_close(in), 0);
}

std::string read_bytes(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(f), {});
}

TEST(Next, BcfReadsLikeTheVcf) {
  TempDir tmp;
  std::string bcf = tmp.path("m2.bcf");
  vcf_to_bcf(data("real/callers/gatk_mc3_M2.vcf"), bcf, true);
  VcfReader r(bcf);
  EXPECT_EQ(r.choose_tumor_sample(""), 1);
  EXPECT_EQ(r.detect_build("auto"), Build::GRCh37);
  ASSERT_TRUE(seek(r, "1", 9633387));
  EXPECT_TRUE(has(r.where(), "m2.bcf: record 2 (1:9633387)")) << r.where();
  AlleleDepth d = r.allele_depth(1, 1, {});  // as in the VCF test above
  EXPECT_EQ(d.alt_depth, 11);
  EXPECT_EQ(d.depth, 93);
  EXPECT_DOUBLE_EQ(d.vaf, 0.143);
  long n = 2;
  while (r.next()) ++n;
  EXPECT_EQ(n, 206);  // grep -vc '^#' gatk_mc3_M2.vcf
}

TEST(Next, TruncatedBcfIsAnInputError) {
  TempDir tmp;
  // 3000 records with varying values, so that the records (not the header) make up most of the bytes.
  std::string text = std::string(kMeta37) + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tTUMOR\n";
  for (int i = 0; i < 3000; ++i)
    text += "3\t" + std::to_string(178900000 + 7 * i) + "\t.\tA\t" + "CGT"[i % 3] + "\t" + std::to_string(i % 97) +
            "\tPASS\t.\tGT:AD:DP\t0/1:" + std::to_string(i % 53) + "," + std::to_string(i % 29) + ":" +
            std::to_string(i % 53 + i % 29) + "\n";
  std::string vcf = tmp.file("many.vcf", text);
  ASSERT_EQ(count_records(vcf), 3000);
  for (bool compressed : {true, false}) {
    std::string full = tmp.path(compressed ? "full.bcf" : "full.ubcf");
    vcf_to_bcf(vcf, full, compressed);
    ASSERT_EQ(count_records(full), 3000);
    std::string bytes = read_bytes(full);
    // Cut inside the records at a few places; the reader must refuse the file, never end quietly.
    for (double frac : {0.5, 0.77, 0.93, 0.999}) {
      std::string cut = tmp.file("cut.bcf", bytes.substr(0, static_cast<size_t>(bytes.size() * frac)));
      long n = 0;
      std::string msg = message_of<InputError>([&] {
        VcfReader r(cut);
        while (r.next()) ++n;
      });
      EXPECT_TRUE(has(msg, "cut.bcf")) << (compressed ? "bgzf" : "uncompressed") << " cut at " << frac;
      EXPECT_LT(n, 3000) << (compressed ? "bgzf" : "uncompressed") << " cut at " << frac;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Small helpers

TEST(VcfHelpers, FilterTextAndPass) {
  TempDir tmp;
  const std::string h = std::string(kMeta37) + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n";
  VcfReader r(tmp.file("f.vcf", h + "3\t1\t.\tA\tG\t.\tPASS\t.\n3\t2\t.\tA\tG\t.\t.\t.\n"
                                    "3\t3\t.\tA\tG\t.\tweak_evidence;strand_bias\t.\n"
                                    "3\t4\t.\tA\tG\t.\tstrand_bias\t.\n"));
  ASSERT_TRUE(r.next());
  EXPECT_EQ(r.filter_text(), "PASS");
  EXPECT_TRUE(r.filter_pass());
  ASSERT_TRUE(r.next());
  EXPECT_EQ(r.filter_text(), ".");
  EXPECT_TRUE(r.filter_pass());
  ASSERT_TRUE(r.next());
  EXPECT_EQ(r.filter_text(), "weak_evidence;strand_bias");
  EXPECT_FALSE(r.filter_pass());
  ASSERT_TRUE(r.next());
  EXPECT_FALSE(r.filter_pass());
}

TEST(VcfHelpers, InfoString) {
  TempDir tmp;
  const std::string h = std::string(kMeta37) +
                        "##INFO=<ID=SOMATIC,Number=0,Type=Flag,Description=\"f\">\n"
                        "##INFO=<ID=TLOD,Number=A,Type=Float,Description=\"f\">\n"
                        "##INFO=<ID=CSQ,Number=.,Type=String,Description=\"f\">\n"
                        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n";
  VcfReader r(tmp.file("i.vcf", h + "3\t1\t.\tA\tG,T\t.\tPASS\tSOMATIC;TLOD=6.5,.;CSQ=G|missense_variant|x,T|y\n"));
  ASSERT_TRUE(r.next());
  EXPECT_EQ(r.info_string("SOMATIC"), "1");
  EXPECT_EQ(r.info_string("TLOD"), "6.5,.");
  EXPECT_EQ(r.info_string("CSQ"), "G|missense_variant|x,T|y");
  EXPECT_EQ(r.info_string("ABSENT"), "");
}

TEST(VcfHelpers, SequenceAlleles) {
  EXPECT_TRUE(is_sequence_allele("ACGTN"));
  EXPECT_TRUE(is_sequence_allele("acgt"));
  EXPECT_FALSE(is_sequence_allele("*"));
  EXPECT_FALSE(is_sequence_allele("<DEL>"));
  EXPECT_FALSE(is_sequence_allele("."));
  EXPECT_FALSE(is_sequence_allele("A/T"));
  EXPECT_FALSE(is_sequence_allele("G]17:198982]"));
  EXPECT_FALSE(is_sequence_allele(""));
}

TEST(VcfHelpers, ExpandInputs) {
  TempDir tmp;
  tmp.file("b.vcf.gz", "x");
  tmp.file("a.vcf", "x");
  tmp.file("c.bcf", "x");
  tmp.file("notes.txt", "x");
  tmp.file(".hidden.vcf", "x");
  tmp.file("d.cns", "chromosome\tstart\tend\tgene\tlog2\n1\t1\t100\tX\t0.5\n");
  std::vector<std::string> ignored;
  auto files = expand_inputs({tmp.path("")}, &ignored);
  ASSERT_EQ(files.size(), 4u);
  EXPECT_TRUE(has(files[0].path, "a.vcf"));
  EXPECT_TRUE(has(files[1].path, "b.vcf.gz"));
  EXPECT_TRUE(has(files[2].path, "c.bcf"));
  EXPECT_TRUE(has(files[3].path, "d.cns"));
  // A VCF-named file is left for detect_formats; a copy-number file was detected to be taken, and keeps its format.
  EXPECT_FALSE(files[0].format.has_value());
  ASSERT_TRUE(files[3].format.has_value());
  EXPECT_TRUE(is_copy_number_format(*files[3].format));
  ASSERT_EQ(ignored.size(), 1u);
  EXPECT_TRUE(has(ignored[0], "notes.txt"));
  // A file is taken as given, whatever its name.
  const auto given = expand_inputs({tmp.path("notes.txt")});
  ASSERT_EQ(given.size(), 1u);
  EXPECT_EQ(given[0].path, tmp.path("notes.txt"));
  EXPECT_FALSE(given[0].format.has_value());
  EXPECT_THROW(expand_inputs({tmp.path("nope.vcf")}), InputError);
  fs::create_directory(tmp.path("empty"));
  EXPECT_THROW(expand_inputs({tmp.path("empty")}), InputError);
}

}  // namespace
}  // namespace pathcorr
