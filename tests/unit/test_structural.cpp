// Unit tests of input/structural_records (copy-number and SV records of VCFs) and classify/structural (which gene
// an SV hits), on the real files of tests/data/cnv (copies of ../shared/real-data/cnv, see MANIFEST.tsv there) and
// DELLY's test file in tests/data/real/callers, and on hand-written VCFs for each breakend orientation. Expected
// counts were taken from the files with grep/awk (the commands are beside each number), not from the code.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "annotators/transcript_model.h"
#include "pipeline/base/errors.h"
#include "pipeline/classify/copy_number.h"
#include "pipeline/classify/structural.h"
#include "pipeline/input/structural_records.h"
#include "pipeline/input/vcf_input.h"
#include "reference/reference.h"
#include "test_support.h"

namespace pathcorr {
namespace {

std::string cnv(const std::string& name) { return std::string(PATHCORR_TEST_DATA) + "/cnv/" + name; }

// Every record of `path` through a collector, as the VCF reader loop does; `taken` counts what it consumed.
VcfStructural collect(const std::string& path, const std::string& tumor = "", long* taken = nullptr) {
  VcfReader reader(path);
  StructuralCollector collector(reader.header(), reader.choose_tumor_sample(tumor), path);
  long n = 0;
  while (reader.next()) n += collector.take(reader.record()) ? 1 : 0;
  if (taken) *taken = n;
  return collector.finish();
}

long count(const VcfStructural& s, SvEvent::Kind kind) {
  return std::count_if(s.events.begin(), s.events.end(), [&](const SvEvent& e) { return e.kind == kind; });
}

const SvEvent* deletion_at(const VcfStructural& s, const std::string& chrom, long long start) {
  for (const SvEvent& e : s.events)
    if (e.kind == SvEvent::Kind::Deletion && e.chrom == chrom && e.start == start) return &e;
  return nullptr;
}

const CnSegment* segment_at(const VcfStructural& s, const std::string& chrom, long long start) {
  for (const CnSegment& g : s.segments)
    if (g.chrom == chrom && g.start == start) return &g;
  return nullptr;
}

// A sites-only VCF with the SV header lines the hand-written cases need, and `records`.
std::string sv_vcf(const std::string& records, const std::string& extra_header = "") {
  return "##fileformat=VCFv4.2\n##contig=<ID=1,length=249250621>\n##contig=<ID=2,length=243199373>\n"
         "##contig=<ID=10,length=135534747>\n##contig=<ID=chr10,length=135534747>\n"
         "##FILTER=<ID=LowQual,Description=\"low\">\n"
         "##INFO=<ID=SVTYPE,Number=1,Type=String,Description=\"type\">\n"
         "##INFO=<ID=MATEID,Number=.,Type=String,Description=\"mate\">\n"
         "##INFO=<ID=END,Number=1,Type=Integer,Description=\"end\">\n"
         "##INFO=<ID=SVLEN,Number=.,Type=Integer,Description=\"length\">\n" +
         extra_header + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n" + records;
}

std::string bnd(const std::string& chrom, long pos, const std::string& id, const std::string& alt,
                const std::string& mate, const std::string& filter = "PASS") {
  return chrom + "\t" + std::to_string(pos) + "\t" + id + "\tA\t" + alt + "\t.\t" + filter + "\tSVTYPE=BND" +
         (mate.empty() ? "" : ";MATEID=" + mate) + "\n";
}

// ---- copy-number VCFs ------------------------------------------------------------------------------------------

TEST(StructuralRecords, GcnvSegmentsAreCopyNumber) {
  long taken = 0;
  VcfStructural s = collect(cnv("gatk_gcnv_segments_output_SAMPLE_001.vcf"), "", &taken);
  EXPECT_TRUE(s.copy_number_file);
  EXPECT_FALSE(s.structural_file);
  EXPECT_EQ(taken, 15);  // grep -vc '^#': 15 records, ALT '.', <DEL> or <DUP>, all with END and FORMAT CN
  EXPECT_EQ(s.symbolic_records, 15);
  EXPECT_EQ(s.segments.size(), 15u);
  EXPECT_TRUE(s.events.empty());
  const CnSegment* del = segment_at(s, "2", 230925);  // 2 230925 ... <DEL> END=231288 GT:CN 1/1:0
  ASSERT_NE(del, nullptr);
  EXPECT_EQ(del->end, 231288);
  EXPECT_EQ(del->value, 0);
  EXPECT_EQ(del->line, 3);
  const CnSegment* dup = segment_at(s, "2", 233003);  // <DUP> with GT ./. and CN 4
  ASSERT_NE(dup, nullptr);
  EXPECT_EQ(dup->value, 4);
  const CnSegment* neutral = segment_at(s, "1", 68993);  // ALT '.', END=986037, CN 2
  ASSERT_NE(neutral, nullptr);
  EXPECT_EQ(neutral->end, 986037);
  EXPECT_EQ(neutral->value, 2);
}

TEST(StructuralRecords, GcnvEndFromTheIdWhenInfoHasNone) {
  VcfStructural s = collect(cnv("gatk_gcnv_NA20533.fragmented.segments.vcf.gz"));
  EXPECT_TRUE(s.copy_number_file);
  EXPECT_EQ(s.segments.size(), 165u);  // 165 records, 92 of them with INFO '.' (awk '$8=="."')
  const CnSegment* pik3ca = segment_at(s, "3", 361268);  // ID CNV_3_361268_197770688, INFO '.', CN 2
  ASSERT_NE(pik3ca, nullptr);
  EXPECT_EQ(pik3ca->end, 197770688);
  EXPECT_EQ(pik3ca->value, 2);
  const CnSegment* pten = segment_at(s, "10", 225836);  // CNV_10_225836_118719838
  ASSERT_NE(pten, nullptr);
  EXPECT_EQ(pten->end, 118719838);
  const CnSegment* del = segment_at(s, "1", 89476489);  // <DEL> END=89477807, 1/1:0
  ASSERT_NE(del, nullptr);
  EXPECT_EQ(del->end, 89477807);
  EXPECT_EQ(del->value, 0);
  // The README: the CN 2 reference-state segments span PIK3CA and PTEN, copy neutral at ploidy 2.
  const Reference ref = Reference::builtin();
  for (const char* gene : {"PIK3CA", "PTEN"}) {
    GeneCnCall call = call_gene(*ref.gene(Build::GRCh37, gene), s.segments, {CnScale::Absolute, 2}, {});
    EXPECT_TRUE(call.evaluable) << gene;
    EXPECT_EQ(call.cls, CnClass::Neutral) << gene;
  }
}

// A record that cannot be placed is not called, and the warning names the first (not a refusal of the file:
// small-variant callers such as VarDict write <INV> without END among their SNVs).
std::string only_warning(const VcfStructural& s) {
  EXPECT_EQ(s.warnings.size(), 1u);
  EXPECT_TRUE(s.events.empty());
  EXPECT_TRUE(s.segments.empty());
  return s.warnings.empty() ? "" : s.warnings.front();
}

TEST(StructuralRecords, CopyNumberRecordWithoutEndIsNotPlaced) {
  test::TempDir dir;
  const std::string header =
      "##fileformat=VCFv4.2\n##contig=<ID=3,length=198022430>\n"
      "##INFO=<ID=END,Number=1,Type=Integer,Description=\"end\">\n"
      "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"g\">\n"
      "##FORMAT=<ID=CN,Number=1,Type=Integer,Description=\"c\">\n"
      "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n";
  const std::string good = dir.file("good.vcf", header + "3\t100\tCNV_3_100_5000\tN\t.\t.\t.\t.\tGT:CN\t0/0:2\n");
  VcfStructural s = collect(good);
  ASSERT_EQ(s.segments.size(), 1u);
  EXPECT_EQ(s.segments[0].end, 5000);
  // The ID must state this record's chromosome and start.
  for (const std::string id : {"CNV_3_101_5000", "CNV_4_100_5000", "seg1", "CNV_3_100_x"}) {
    const std::string bad = dir.file("bad.vcf", header + "3\t100\t" + id + "\tN\t.\t.\t.\t.\tGT:CN\t0/0:2\n");
    const std::string msg = only_warning(collect(bad));
    EXPECT_NE(msg.find("bad.vcf: record 1 (3:100): copy-number record without END"), std::string::npos) << msg;
    EXPECT_NE(msg.find(id), std::string::npos) << msg;
  }
}

// ---- SV VCFs ---------------------------------------------------------------------------------------------------

// The PTEN deletion of COLO829: junction 10:89,700,299 <-> 10:89,712,341 written as a t[p[ / ]p]t mate pair.
void expect_pten_deletion(const VcfStructural& s, const std::string& pair_text) {
  EXPECT_TRUE(s.structural_file);
  EXPECT_FALSE(s.copy_number_file);
  EXPECT_TRUE(s.segments.empty());
  const SvEvent* del = deletion_at(s, "10", 89700300);
  ASSERT_NE(del, nullptr);
  EXPECT_EQ(del->end, 89712340);
  EXPECT_TRUE(del->pass);
  EXPECT_EQ(del->text, "DEL 10:89700300-89712340 (BND pair " + pair_text + ")");
  const Reference ref = Reference::builtin();
  std::vector<SvGeneHit> hits = structural_gene_hits(s.events, ref, Build::GRCh37);
  auto pten = std::find_if(hits.begin(), hits.end(), [&](const SvGeneHit& h) { return h.event == del; });
  ASSERT_NE(pten, hits.end());
  EXPECT_EQ(pten->gene, "PTEN");
  EXPECT_TRUE(pten->pass);
  // PTEN exon 6 (ENST00000371953) is 10:89711875-89712016, all coding: 142 bases inside the deletion.
  EXPECT_EQ(pten->detail, "removes 142 coding bases of exon 6 of ENST00000371953");
  for (const SvGeneHit& h : hits) EXPECT_NE(h.gene, "PIK3CA");  // README: no PIK3CA breakends
}

TEST(StructuralRecords, GridssPtenDeletion) {
  long taken = 0;
  VcfStructural s = collect(cnv("gridss_colo829_1.gridss.somatic.vcf"), "COLO829v001T_dedup.realigned.bam", &taken);
  EXPECT_EQ(taken, 225);  // 218 mate breakends (every MATEID present) + 7 single breakends
  expect_pten_deletion(s, "gridss177fb_1412o/gridss177fb_1412h");
  // awk over the mates: 64 pairs t[p[ -> ]p]t on one chromosome removing >= 1 base (46 with both PASS), 5 adjacent.
  EXPECT_EQ(count(s, SvEvent::Kind::Deletion), 64);
  EXPECT_EQ(std::count_if(s.events.begin(), s.events.end(),
                          [](const SvEvent& e) { return e.kind == SvEvent::Kind::Deletion && e.pass; }),
            46);
  EXPECT_EQ(s.ignored_insertions, 5);
  EXPECT_EQ(count(s, SvEvent::Kind::Breakend), 218 - 2 * 64 - 2 * 5 + 7);
  EXPECT_TRUE(s.warnings.empty());
}

TEST(StructuralRecords, PurpleEsveePtenDeletion) {
  VcfStructural s = collect(cnv("purple_COLO829T.purple.sv.vcf"), "tumor_sample");
  expect_pten_deletion(s, "29005/29006");
  // 508 mate breakends + 35 single; 179 deletion pairs (43 with both PASS), 24 adjacent (awk, as above).
  EXPECT_EQ(count(s, SvEvent::Kind::Deletion), 179);
  EXPECT_EQ(s.ignored_insertions, 24);
  EXPECT_EQ(count(s, SvEvent::Kind::Breakend), 508 - 2 * 179 - 2 * 24 + 35);
  // Non-PASS events are kept, flagged (365 records are PON).
  EXPECT_GT(std::count_if(s.events.begin(), s.events.end(), [](const SvEvent& e) { return !e.pass; }), 0);
}

TEST(StructuralRecords, LumpyLoneBreakendsAndDeletion) {
  VcfStructural s = collect(cnv("svtools_lumpy_NA12878.vcf"));
  EXPECT_TRUE(s.structural_file);
  EXPECT_FALSE(s.copy_number_file);  // FORMAT CN (from CNVnator) in an SV caller's file: not segments
  EXPECT_TRUE(s.segments.empty());
  EXPECT_EQ(s.symbolic_records, 4);
  const SvEvent* del = deletion_at(s, "1", 825958);  // <DEL> POS 825957 END=5727174
  ASSERT_NE(del, nullptr);
  EXPECT_EQ(del->end, 5727174);
  EXPECT_EQ(del->id, "22");
  // Three BND whose mates are not in the file: each at its own position and at the one its ALT names.
  EXPECT_EQ(count(s, SvEvent::Kind::Breakend), 6);
  auto at = [&](const std::string& chrom, long long pos) {
    return std::any_of(s.events.begin(), s.events.end(), [&](const SvEvent& e) {
      return e.kind == SvEvent::Kind::Breakend && e.chrom == chrom && e.start == pos && e.end == pos;
    });
  };
  EXPECT_TRUE(at("1", 797316));
  EXPECT_TRUE(at("8", 245650));          // N]8:245650]
  EXPECT_TRUE(at("GL000232.1", 20940));  // ]GL000232.1:20940]N
  EXPECT_TRUE(at("1", 826137));
  ASSERT_EQ(s.warnings.size(), 1u);
  EXPECT_NE(s.warnings[0].find("3 breakend(s) whose mate is not in the file"), std::string::npos);
}

TEST(StructuralRecords, MantaViaGatkSv) {
  VcfStructural s = collect(cnv("gatksv_HG00096.manta.vcf.gz"));
  EXPECT_TRUE(s.structural_file);
  EXPECT_FALSE(s.copy_number_file);
  EXPECT_EQ(s.symbolic_records, 470);
  // ALT counts: 236 <DEL>, 51 <DUP>, 151 <INS>, 16 <INV>, 16 <BND> (all with CHR2/END2); every <DUP>/<INV> has
  // END != POS.
  EXPECT_EQ(count(s, SvEvent::Kind::Deletion), 236);
  EXPECT_EQ(count(s, SvEvent::Kind::Breakend), 2 * (51 + 16) + 2 * 16);
  EXPECT_EQ(s.ignored_insertions, 151);
  const SvEvent* first = deletion_at(s, "chr20", 613784);  // chr20 613783 <DEL> END=613837, FILTER '.'
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->end, 613837);
  EXPECT_TRUE(first->pass);
  EXPECT_EQ(first->text, "<DEL> chr20:613784-613837 (record 1)");
}

TEST(StructuralRecords, DellySymbolicAlleles) {
  long taken = 0;
  VcfStructural s = collect(std::string(PATHCORR_TEST_DATA) + "/real/callers/vcf2maf_test_delly.vcf", "TUMOR",
                            &taken);
  EXPECT_TRUE(s.structural_file);
  EXPECT_FALSE(s.copy_number_file);  // DELLY's FORMAT CN is a read-depth estimate
  EXPECT_EQ(taken, 12);  // 15 records; the 3 INS are written with sequence ALTs and stay small variants
  EXPECT_EQ(count(s, SvEvent::Kind::Deletion), 3);
  const SvEvent* del = deletion_at(s, "4", 66197403);  // DEL00000578 POS 66197402 END=66197751 PASS
  ASSERT_NE(del, nullptr);
  EXPECT_EQ(del->end, 66197751);
  EXPECT_TRUE(del->pass);
  const SvEvent* low = deletion_at(s, "6", 93974284);  // DEL00000832 LowQual: kept, flagged
  ASSERT_NE(low, nullptr);
  EXPECT_FALSE(low->pass);
  // 3 <INV> and 3 <DUP> at POS and END; 3 BND (one record per translocation) at both sides.
  EXPECT_EQ(count(s, SvEvent::Kind::Breakend), 6 + 6 + 6);
}

// ---- breakend orientation, hand-written ------------------------------------------------------------------------

VcfStructural collect_text(const std::string& records, long* taken = nullptr) {
  test::TempDir dir;
  return collect(dir.file("sv.vcf", sv_vcf(records)), "", taken);
}

TEST(StructuralRecords, DeletionNeedsLeftTBracketAndRightBracketT) {
  // t[p[ on the left mate, ]p]t on the right: bases 1001..1999 removed.
  VcfStructural s = collect_text(bnd("1", 1000, "a", "A[1:2000[", "b") + bnd("1", 2000, "b", "]1:1000]A", "a"));
  ASSERT_EQ(s.events.size(), 1u);
  EXPECT_EQ(s.events[0].kind, SvEvent::Kind::Deletion);
  EXPECT_EQ(s.events[0].start, 1001);
  EXPECT_EQ(s.events[0].end, 1999);
  EXPECT_EQ(s.events[0].id, "a/b");
  EXPECT_EQ(s.events[0].record, 1);
  // The same pair found without MATEID, by each ALT naming the other's position, and written in the other order.
  s = collect_text(bnd("1", 2000, "b", "]1:1000]A", "") + bnd("1", 1000, "a", "A[1:2000[", ""));
  ASSERT_EQ(s.events.size(), 1u);
  EXPECT_EQ(s.events[0].kind, SvEvent::Kind::Deletion);
  EXPECT_EQ(s.events[0].start, 1001);
}

TEST(StructuralRecords, ChrPrefixedPairHitsPten) {
  // The COLO829 PTEN junction written with UCSC names: the deletion and its gene hit are the same.
  VcfStructural s = collect_text(bnd("chr10", 89700299, "o", "AGAG[chr10:89712341[", "h") +
                                 bnd("chr10", 89712341, "h", "]chr10:89700299]GAGA", "o"));
  ASSERT_EQ(s.events.size(), 1u);
  EXPECT_EQ(s.events[0].text, "DEL chr10:89700300-89712340 (BND pair o/h)");
  std::vector<SvGeneHit> hits = structural_gene_hits(s.events, Reference::builtin(), Build::GRCh37);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].gene, "PTEN");
}

TEST(StructuralRecords, InfoCopyNumberOfASitesOnlyFile) {
  // Canvas-like: <CNV>/<DEL> with INFO CN (Float) and a reference-state '.' record; no sample column.
  test::TempDir dir;
  const std::string path = dir.file(
      "cn.vcf", "##fileformat=VCFv4.2\n##contig=<ID=10,length=135534747>\n"
                "##INFO=<ID=END,Number=1,Type=Integer,Description=\"end\">\n"
                "##INFO=<ID=SVTYPE,Number=1,Type=String,Description=\"type\">\n"
                "##INFO=<ID=CN,Number=1,Type=Float,Description=\"copy number\">\n"
                "##ALT=<ID=CNV,Description=\"copy number variable region\">\n"
                "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
                "10\t1\t.\tN\t.\t.\tPASS\tSVTYPE=CNV;END=89700000;CN=2\n"
                "10\t89700001\t.\tN\t<DEL>\t.\tPASS\tSVTYPE=CNV;END=89712340;CN=0\n"
                "10\t89712341\t.\tN\t<CNV>\t.\tq10\tSVTYPE=CNV;END=135000000;CN=2.5\n"
                "10\t135000001\t.\tN\t<DUP>\t.\tPASS\tSVTYPE=CNV;END=135000100\n");
  VcfStructural s = collect(path);
  EXPECT_TRUE(s.copy_number_file);
  EXPECT_FALSE(s.structural_file);
  // The <DEL> of a copy-number VCF is a loss, classified by its level, not an SV; only the <DUP> without a CN
  // becomes SV breakends, with a warning.
  ASSERT_EQ(s.events.size(), 2u);
  EXPECT_EQ(s.events[0].start, 135000001);
  EXPECT_EQ(s.events[1].start, 135000100);
  ASSERT_EQ(s.segments.size(), 2u);
  EXPECT_EQ(s.segments[1].start, 89700001);
  EXPECT_EQ(s.segments[1].end, 89712340);
  EXPECT_EQ(s.segments[1].value, 0);
  ASSERT_EQ(s.filtered_segments.size(), 1u);  // FILTER q10: left out, listed
  EXPECT_EQ(s.filtered_segments[0].value, 2.5);
  ASSERT_EQ(s.warnings.size(), 2u);
  EXPECT_NE(s.warnings[0].find("1 symbolic record(s) without a CN"), std::string::npos) << s.warnings[0];
  EXPECT_NE(s.warnings[1].find("1 copy-number record(s) with a FILTER other than PASS"), std::string::npos);
}

TEST(StructuralRecords, OtherOrientationsAreBreakends) {
  const std::pair<std::string, std::string> pairs[] = {
      {"A]1:2000]", "A]1:1000]"},  // t]p] pair: inversion
      {"[1:2000[A", "[1:1000[A"},  // [p[t pair: inversion
      {"]1:2000]A", "A[1:1000["},  // left mate ]p]t, right t[p[: tandem duplication
  };
  for (const auto& [left, right] : pairs) {
    VcfStructural s = collect_text(bnd("1", 1000, "a", left, "b") + bnd("1", 2000, "b", right, "a"));
    ASSERT_EQ(s.events.size(), 2u) << left;
    EXPECT_EQ(s.events[0].kind, SvEvent::Kind::Breakend) << left;
    EXPECT_EQ(s.events[0].start, 1000);
    EXPECT_EQ(s.events[1].kind, SvEvent::Kind::Breakend) << left;
    EXPECT_EQ(s.events[1].start, 2000);
    EXPECT_TRUE(s.warnings.empty());
  }
}

TEST(StructuralRecords, PairOnTwoChromosomesGivesTwoBreakends) {
  VcfStructural s = collect_text(bnd("1", 1000, "a", "A[2:5000[", "b") + bnd("2", 5000, "b", "]1:1000]A", "a"));
  ASSERT_EQ(s.events.size(), 2u);
  EXPECT_EQ(s.events[0].chrom, "1");
  EXPECT_EQ(s.events[1].chrom, "2");
  EXPECT_EQ(s.events[1].start, 5000);
  EXPECT_EQ(s.events[0].kind, SvEvent::Kind::Breakend);
  EXPECT_EQ(s.events[1].kind, SvEvent::Kind::Breakend);
}

TEST(StructuralRecords, AdjacentPairRemovesNothing) {
  VcfStructural s = collect_text(bnd("1", 1000, "a", "ACGT[1:1001[", "b") + bnd("1", 1001, "b", "]1:1000]CGTA", "a"));
  EXPECT_TRUE(s.events.empty());
  EXPECT_EQ(s.ignored_insertions, 1);
}

TEST(StructuralRecords, NonPassKeptWithFlag) {
  VcfStructural s = collect_text(bnd("1", 1000, "a", "A[1:2000[", "b", "LowQual") +
                                 bnd("1", 2000, "b", "]1:1000]A", "a") +
                                 "1\t5000\tx\tA\t<DEL>\t.\tLowQual\tSVTYPE=DEL;END=6000\n");
  ASSERT_EQ(s.events.size(), 2u);
  EXPECT_EQ(s.events[0].kind, SvEvent::Kind::Deletion);
  EXPECT_FALSE(s.events[0].pass);  // one mate not PASS
  EXPECT_FALSE(s.events[1].pass);
  EXPECT_EQ(s.events[1].start, 5001);
}

TEST(StructuralRecords, SymbolicAllelesAndSingleBreakends) {
  long taken = 0;
  VcfStructural s = collect_text(
      "1\t100\t.\tA\tG\t.\tPASS\t.\n"                                // a small variant: not taken
      "1\t150\t.\tA\tG,<*>\t.\tPASS\t.\n"                            // gVCF-style: not taken
      "1\t200\tsv1\tA\t<DEL>\t.\tPASS\tSVTYPE=DEL;SVLEN=-50\n"      // SVLEN only: 201..250
      "1\t300\tsv2\tA\t<DUP:TANDEM>\t.\t.\tSVTYPE=DUP;END=400\n"    // breakpoints at 300 and 400
      "1\t500\tsv3\tA\t<INS>\t.\tPASS\tSVTYPE=INS\n"                 // ignored, counted
      "1\t600\tsgl1\tA\tACGT.\t.\tPASS\tSVTYPE=BND\n"                // single breakend
      "1\t700\tsgl2\tA\t.ACGT\t.\tPASS\tSVTYPE=BND\n",
      &taken);
  EXPECT_EQ(taken, 5);
  EXPECT_EQ(s.symbolic_records, 5);
  EXPECT_EQ(s.ignored_insertions, 1);
  ASSERT_EQ(s.events.size(), 5u);
  EXPECT_EQ(s.events[0].kind, SvEvent::Kind::Deletion);
  EXPECT_EQ(s.events[0].start, 201);
  EXPECT_EQ(s.events[0].end, 250);
  EXPECT_EQ(s.events[1].start, 300);
  EXPECT_EQ(s.events[2].start, 400);
  EXPECT_TRUE(s.events[2].pass);  // FILTER '.'
  EXPECT_EQ(s.events[3].start, 600);
  EXPECT_EQ(s.events[4].start, 700);
  EXPECT_EQ(s.events[4].kind, SvEvent::Kind::Breakend);
}

TEST(StructuralRecords, WarnsOfRecordsItCannotPlace) {
  test::TempDir dir;
  const std::string no_end = dir.file("noend.vcf", sv_vcf("1\t200\tsv1\tA\t<DEL>\t.\tPASS\tSVTYPE=DEL\n"));
  std::string msg = only_warning(collect(no_end));
  EXPECT_NE(msg.find("noend.vcf: record 1 (1:200): <DEL> without END or SVLEN"), std::string::npos) << msg;
  const std::string bad_alt = dir.file("badalt.vcf", sv_vcf(bnd("1", 1000, "a", "A[1:x[", "")));
  msg = only_warning(collect(bad_alt));
  EXPECT_NE(msg.find("badalt.vcf: record 1 (1:1000): breakend ALT 'A[1:x['"), std::string::npos) << msg;
  const std::string before = dir.file("before.vcf", sv_vcf("1\t200\tsv1\tA\t<DEL>\t.\tPASS\tEND=100\n"));
  msg = only_warning(collect(before));
  EXPECT_NE(msg.find("<DEL> with END 100 before POS"), std::string::npos) << msg;
}

// ---- which gene an SV hits -------------------------------------------------------------------------------------

SvEvent deletion(const std::string& chrom, long long start, long long end, bool pass = true, long record = 1) {
  SvEvent e;
  e.kind = SvEvent::Kind::Deletion;
  e.chrom = chrom;
  e.start = start;
  e.end = end;
  e.pass = pass;
  e.record = record;
  return e;
}

SvEvent breakend(const std::string& chrom, long long pos, long record = 1) {
  SvEvent e = deletion(chrom, pos, pos, true, record);
  e.kind = SvEvent::Kind::Breakend;
  return e;
}

// PTEN ENST00000371953 on GRCh37 (reference/canonical_exons.tsv): exon 5 10:89692770-89693008, exon 6
// 10:89711875-89712016, both wholly coding; the intron between them is 10:89693009-89711874.
TEST(StructuralGeneHits, IntronicDeletionIsNoHitAndClippingOneIs) {
  const Reference ref = Reference::builtin();
  std::vector<SvEvent> events = {deletion("10", 89700300, 89711874), deletion("10", 89711000, 89711880),
                                 deletion("chr10", 89693008, 89693100), breakend("10", 89700000),
                                 breakend("10", 89711875)};
  std::vector<SvGeneHit> hits = structural_gene_hits(events, ref, Build::GRCh37);
  ASSERT_EQ(hits.size(), 3u);
  EXPECT_EQ(hits[0].gene, "PTEN");
  EXPECT_EQ(hits[0].event, &events[2]);  // the last coding base of exon 5, chr-prefixed
  EXPECT_EQ(hits[0].detail, "removes 1 coding base of exon 5 of ENST00000371953");
  EXPECT_EQ(hits[1].event, &events[1]);
  EXPECT_EQ(hits[1].detail, "removes 6 coding bases of exon 6 of ENST00000371953");
  EXPECT_EQ(hits[2].event, &events[4]);
  EXPECT_EQ(hits[2].detail, "breakend in the coding part of exon 6 of ENST00000371953");
}

TEST(StructuralGeneHits, UntranslatedExonPartsAreNoHit) {
  const Reference ref = Reference::builtin();
  // PIK3CA exon 1 (3:178866311-178866391) is all 5' UTR; exon 2 codes from 178916614.
  std::vector<SvEvent> events = {deletion("3", 178866300, 178866400), deletion("3", 178916538, 178916613),
                                 deletion("3", 178916538, 178916614)};
  std::vector<SvGeneHit> hits = structural_gene_hits(events, ref, Build::GRCh37);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].gene, "PIK3CA");
  EXPECT_EQ(hits[0].event, &events[2]);
  EXPECT_EQ(hits[0].detail, "removes 1 coding base of exon 2 of ENST00000263967");
}

TEST(StructuralGeneHits, GeneWithoutModelUsesItsSpanAndOrderIsDeterministic) {
  const Reference ref = Reference::builtin();
  const std::vector<std::string> genes = ref.feature_genes();
  const Gene* akt1 = ref.gene(Build::GRCh37, "AKT1");
  ASSERT_NE(akt1, nullptr);
  ASSERT_LT(std::find(genes.begin(), genes.end(), "PIK3CA"), std::find(genes.begin(), genes.end(), "PTEN"));
  std::vector<SvEvent> events = {deletion("10", 89711900, 89711950, false, 3), breakend(akt1->chrom, akt1->start, 2),
                                 breakend(akt1->chrom, akt1->start - 1, 4), deletion("3", 178936000, 178936100, true, 1),
                                 deletion("10", 89711880, 89711890, true, 5)};
  std::vector<SvGeneHit> hits = structural_gene_hits(events, ref, Build::GRCh37);
  ASSERT_EQ(hits.size(), 4u);
  // Gene order of feature_genes(), then event start.
  std::vector<std::string> order;
  for (const SvGeneHit& h : hits) order.push_back(h.gene);
  std::vector<std::string> expected = order;
  std::stable_sort(expected.begin(), expected.end(), [&](const std::string& a, const std::string& b) {
    return std::find(genes.begin(), genes.end(), a) < std::find(genes.begin(), genes.end(), b);
  });
  EXPECT_EQ(order, expected);
  for (const SvGeneHit& h : hits) {
    if (h.gene == "AKT1") {
      EXPECT_EQ(h.event, &events[1]);  // inside the span; one base before it is no hit
      EXPECT_EQ(h.detail, "breakend inside the AKT1 gene span (no exon table)");
    }
  }
  auto pten_first = std::find_if(hits.begin(), hits.end(), [](const SvGeneHit& h) { return h.gene == "PTEN"; });
  ASSERT_NE(pten_first, hits.end());
  EXPECT_EQ(pten_first->event, &events[4]);  // 89711880 before 89711900
  EXPECT_TRUE(pten_first->pass);
  EXPECT_EQ((pten_first + 1)->event, &events[0]);
  EXPECT_FALSE((pten_first + 1)->pass);  // a non-PASS event is returned, flagged
}

}  // namespace
}  // namespace pathcorr
