// Unit tests of pipeline/scan: records -> alteration calls under the SPEC policy (hotspots by position in
// unannotated VCFs of both builds, 'unknown' non-hotspots, filters and thresholds with their reasons, VEP-annotated
// records under the default and oncogenic policies), --keep-going, thread-count independence, and the calls.tsv
// round trip with its errors. The VCFs are hand-written into a temporary directory by each test.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "pipeline/base/errors.h"
#include "pipeline/classify/calls_table.h"
#include "pipeline/classify/scan.h"
#include "reference/reference.h"
#include "tests/unit/test_support.h"

namespace pathcorr {
namespace {

using test::has;
using test::message_of;
using test::TempDir;

namespace fs = std::filesystem;

const Reference& ref() {
  static const Reference r = Reference::builtin();
  return r;
}

// GRCh37 / GRCh38 contig lengths of chromosomes 3, 5, 10, 14 and 17.
std::string contigs(bool grch38, bool chr) {
  const char* names[] = {"3", "5", "10", "14", "17"};
  const char* l37[] = {"198022430", "180915260", "135534747", "107349540", "81195210"};
  const char* l38[] = {"198295559", "181538259", "133797422", "107043718", "83257441"};
  std::string s;
  for (int i = 0; i < 5; ++i)
    s += std::string("##contig=<ID=") + (chr ? "chr" : "") + names[i] + ",length=" + (grch38 ? l38[i] : l37[i]) + ">\n";
  return s;
}

std::string header(bool grch38, bool chr, const std::string& extra = "", bool sites_only = false) {
  return "##fileformat=VCFv4.2\n"
         "##FILTER=<ID=PASS,Description=\"All filters passed\">\n"
         "##FILTER=<ID=weak_evidence,Description=\"weak\">\n"
         "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n"
         "##FORMAT=<ID=AD,Number=R,Type=Integer,Description=\"Allelic depths\">\n"
         "##FORMAT=<ID=AF,Number=A,Type=Float,Description=\"Allele fractions\">\n"
         "##FORMAT=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">\n"
         "##INFO=<ID=POPAF,Number=A,Type=Float,Description=\"-log10 population allele frequency\">\n" +
         contigs(grch38, chr) + extra + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO" +
         (sites_only ? "\n" : "\tFORMAT\tNORMAL\tTUMOR\n");
}

// A record with a NORMAL and a TUMOR column; tumour AD ref,alt, AF and DP as given.
std::string rec(const std::string& chrom, long pos, const std::string& ref_allele, const std::string& alt,
                const std::string& filter, const std::string& tumour, const std::string& info = ".") {
  return chrom + "\t" + std::to_string(pos) + "\t.\t" + ref_allele + "\t" + alt + "\t.\t" + filter + "\t" + info +
         "\tGT:AD:AF:DP\t0/0:40,0:0:40\t" + tumour + "\n";
}

const Call* find_call(const ScanResult& r, long long pos, const std::string& gene) {
  for (const auto& c : r.calls)
    if (c.pos == pos && c.gene == gene) return &c;
  return nullptr;
}

bool same_double(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

// Every field of two calls, NaN equal to NaN.
void expect_same_call(const Call& a, const Call& b, const std::string& what) {
  EXPECT_EQ(a.patient_id, b.patient_id) << what;
  EXPECT_EQ(a.sample, b.sample) << what;
  EXPECT_EQ(a.chrom, b.chrom) << what;
  EXPECT_EQ(a.pos, b.pos) << what;
  EXPECT_EQ(a.ref, b.ref) << what;
  EXPECT_EQ(a.alt, b.alt) << what;
  EXPECT_EQ(a.gene, b.gene) << what;
  EXPECT_EQ(a.transcript, b.transcript) << what;
  EXPECT_EQ(a.consequence, b.consequence) << what;
  EXPECT_EQ(a.hgvsp, b.hgvsp) << what;
  EXPECT_TRUE(same_double(a.vaf, b.vaf)) << what << ": vaf " << a.vaf << " vs " << b.vaf;
  EXPECT_TRUE(same_double(a.depth, b.depth)) << what << ": depth " << a.depth << " vs " << b.depth;
  EXPECT_TRUE(same_double(a.alt_depth, b.alt_depth)) << what << ": alt_depth " << a.alt_depth << " vs " << b.alt_depth;
  EXPECT_EQ(a.filter, b.filter) << what;
  EXPECT_EQ(a.alteration_class, b.alteration_class) << what;
  EXPECT_EQ(a.counted, b.counted) << what;
  EXPECT_EQ(a.reason, b.reason) << what;
  EXPECT_EQ(a.source_file, b.source_file) << what;
  EXPECT_EQ(a.build, b.build) << what;
  EXPECT_EQ(a.annotation, b.annotation) << what;
  EXPECT_EQ(a.transcript_choice, b.transcript_choice) << what;
  EXPECT_TRUE(same_double(a.pop_af, b.pop_af)) << what << ": pop_af " << a.pop_af << " vs " << b.pop_af;
  EXPECT_EQ(a.protein_change, b.protein_change) << what;
}

void expect_same_summary(const InputSummary& a, const InputSummary& b, const std::string& what) {
  EXPECT_EQ(a.patient_id, b.patient_id) << what;
  EXPECT_EQ(a.file, b.file) << what;
  EXPECT_EQ(a.tumor_sample, b.tumor_sample) << what;
  EXPECT_EQ(a.build, b.build) << what;
  EXPECT_EQ(a.annotation, b.annotation) << what;
  EXPECT_EQ(a.records, b.records) << what;
  EXPECT_EQ(a.records_passing, b.records_passing) << what;
  EXPECT_EQ(a.alterations_counted, b.alterations_counted) << what;
  EXPECT_EQ(a.status, b.status) << what;
  EXPECT_EQ(a.targets, b.targets) << what;
  EXPECT_EQ(a.not_evaluable, b.not_evaluable) << what;
}

void expect_same_result(const ScanResult& a, const ScanResult& b) {
  ASSERT_EQ(a.inputs.size(), b.inputs.size());
  for (size_t i = 0; i < a.inputs.size(); ++i)
    expect_same_summary(a.inputs[i], b.inputs[i], "input " + std::to_string(i));
  ASSERT_EQ(a.calls.size(), b.calls.size());
  for (size_t i = 0; i < a.calls.size(); ++i) expect_same_call(a.calls[i], b.calls[i], "call " + std::to_string(i));
}

// One input; by field name, so that new InputSpec members keep their defaults.
InputSpec spec(const std::string& path, const std::string& patient, const std::string& tumor_sample = "") {
  InputSpec in;
  in.path = path;
  in.patient_id = patient;
  in.tumor_sample = tumor_sample;
  return in;
}

ScanOptions quiet_options() {
  ScanOptions o;
  return o;
}

// ---------------------------------------------------------------------------------------------------------------
// Unannotated VCFs: hotspots by position, 'unknown' non-hotspots, filters

// GRCh37 records of the main test file, in file order.
std::string grch37_file_text() {
  return header(false, false) +
         // PIK3CA H1047R hotspot: tumour AD 50,40, AF 0.444, DP 90 -> counted.
         rec("3", 178952085, "A", "G", "PASS", "0/1:50,40:0.444:90") +
         // Inside PIK3CA, not a hotspot: 'unknown', not counted.
         rec("3", 178937000, "C", "T", "PASS", "0/1:40,20:0.333:60") +
         // TP53: outside the gene set, no row at all.
         rec("17", 7578406, "C", "T", "PASS", "0/1:30,25:0.45:55") +
         // PIK3CA E545K, failing every filter: weak_evidence, DP 8 < 10, 2 alt reads < 3, AF 0.02 < 0.05.
         rec("3", 178936091, "G", "A", "weak_evidence", "0/1:6,2:0.02:8") +
         // PTEN R130* hotspot (Nonsense_Mutation): counted.
         rec("10", 89692904, "C", "T", "PASS", "0/1:30,10:0.25:40") +
         // AKT1 E17K with only the VAF below the threshold.
         rec("14", 105246551, "C", "T", "PASS", "0/1:96,4:0.04:100");
}

TEST(ScanFile, HotspotsUnknownsAndFiltersInAnUnannotatedGrch37File) {
  TempDir tmp;
  std::string path = tmp.file("P01.mutect2.vcf", grch37_file_text());
  ScanResult r = scan_file(spec(path, "P01"), ref(), quiet_options());
  ASSERT_EQ(r.inputs.size(), 1u);
  const InputSummary& s = r.inputs[0];
  EXPECT_EQ(s.patient_id, "P01");
  EXPECT_EQ(s.file, path);
  EXPECT_EQ(s.tumor_sample, "TUMOR");
  EXPECT_EQ(s.build, "GRCh37");
  EXPECT_EQ(s.annotation, "none");
  EXPECT_EQ(s.records, 6);
  EXPECT_EQ(s.records_passing, 5);
  EXPECT_EQ(s.alterations_counted, 2);
  EXPECT_EQ(s.status, "ok");

  ASSERT_EQ(r.calls.size(), 5u);  // TP53 gives no row
  // File order.
  EXPECT_EQ(r.calls[0].pos, 178952085);
  EXPECT_EQ(r.calls[1].pos, 178937000);
  EXPECT_EQ(r.calls[2].pos, 178936091);
  EXPECT_EQ(r.calls[3].pos, 89692904);
  EXPECT_EQ(r.calls[4].pos, 105246551);

  const Call& h = r.calls[0];
  EXPECT_EQ(h.patient_id, "P01");
  EXPECT_EQ(h.sample, "TUMOR");
  EXPECT_EQ(h.chrom, "3");
  EXPECT_EQ(h.ref, "A");
  EXPECT_EQ(h.alt, "G");
  EXPECT_EQ(h.gene, "PIK3CA");
  EXPECT_EQ(h.transcript, "ENST00000263967");
  EXPECT_EQ(h.consequence, "missense_variant");
  EXPECT_EQ(h.hgvsp, "p.H1047R");
  EXPECT_EQ(h.protein_change, "H1047R");
  EXPECT_EQ(h.alteration_class, "hotspot");
  EXPECT_EQ(h.transcript_choice, "hotspot_table");
  EXPECT_TRUE(h.counted);
  EXPECT_EQ(h.reason, "");
  EXPECT_DOUBLE_EQ(h.vaf, 0.444);
  EXPECT_EQ(h.depth, 90);
  EXPECT_EQ(h.alt_depth, 40);
  EXPECT_EQ(h.filter, "PASS");
  EXPECT_EQ(h.build, "GRCh37");
  EXPECT_EQ(h.annotation, "none");
  EXPECT_EQ(h.source_file, path);

  const Call& u = r.calls[1];
  EXPECT_EQ(u.gene, "PIK3CA");
  EXPECT_EQ(u.consequence, "unknown");
  EXPECT_EQ(u.alteration_class, "other");
  EXPECT_FALSE(u.counted);
  EXPECT_EQ(u.reason, "unknown_consequence");
  EXPECT_EQ(u.hgvsp, "");

  const Call& f = r.calls[2];
  EXPECT_EQ(f.protein_change, "E545K");
  EXPECT_EQ(f.alteration_class, "hotspot");
  EXPECT_FALSE(f.counted);
  EXPECT_EQ(f.reason, "filter,low_depth,low_alt_reads,low_vaf");
  EXPECT_EQ(f.filter, "weak_evidence");

  const Call& p = r.calls[3];
  EXPECT_EQ(p.gene, "PTEN");
  EXPECT_EQ(p.consequence, "stop_gained");
  EXPECT_EQ(p.protein_change, "R130*");
  EXPECT_EQ(p.alteration_class, "hotspot");
  EXPECT_TRUE(p.counted);

  const Call& a = r.calls[4];
  EXPECT_EQ(a.gene, "AKT1");
  EXPECT_FALSE(a.counted);
  EXPECT_EQ(a.reason, "low_vaf");
}

TEST(ScanFile, ThresholdsAreOptions) {
  TempDir tmp;
  std::string path = tmp.file("P01.vcf", grch37_file_text());
  ScanOptions o = quiet_options();
  o.min_vaf = 0.5;        // H1047R 0.444 and R130* 0.25 now fail
  o.min_depth = 50;       // R130* DP 40 fails, H1047R DP 90 passes
  o.min_alt_reads = 41;   // H1047R 40 alt reads fails
  ScanResult r = scan_file(spec(path, "P01"), ref(), o);
  EXPECT_EQ(find_call(r, 178952085, "PIK3CA")->reason, "low_alt_reads,low_vaf");
  EXPECT_EQ(find_call(r, 89692904, "PTEN")->reason, "low_depth,low_alt_reads,low_vaf");
  EXPECT_EQ(r.inputs[0].alterations_counted, 0);
  // And lower thresholds let the AKT1 E17K at VAF 0.04 through.
  ScanOptions low = quiet_options();
  low.min_vaf = 0.04;
  r = scan_file(spec(path, "P01"), ref(), low);
  EXPECT_TRUE(find_call(r, 105246551, "AKT1")->counted);
  EXPECT_EQ(r.inputs[0].alterations_counted, 3);
}

TEST(ScanFile, HotspotsByPositionInBothBuildsWithAndWithoutChr) {
  TempDir tmp;
  struct Case {
    bool grch38, chr;
    long h1047r, e545k;
  };
  // cancerhotspots: H1047R 3:178952085 (GRCh37) / 3:179234297 (GRCh38); E545K 3:178936091 / 3:179218303.
  const Case cases[] = {{false, false, 178952085, 178936091},
                        {false, true, 178952085, 178936091},
                        {true, false, 179234297, 179218303},
                        {true, true, 179234297, 179218303}};
  for (const auto& c : cases) {
    std::string chrom = c.chr ? "chr3" : "3";
    std::string name = std::string(c.grch38 ? "B38" : "B37") + (c.chr ? "chr" : "") + ".vcf";
    std::string path = tmp.file(name, header(c.grch38, c.chr) +
                                          rec(chrom, c.e545k, "G", "A", "PASS", "0/1:50,30:0.375:80") +
                                          rec(chrom, c.h1047r, "A", "G", "PASS", "0/1:50,40:0.444:90") +
                                          // the other build's H1047R position: inside PIK3CA, not a hotspot
                                          rec(chrom, c.grch38 ? 178952085 : 179234297, "A", "G", "PASS",
                                              "0/1:50,40:0.444:90"));
    ScanResult r = scan_file(spec(path, "P"), ref(), quiet_options());
    ASSERT_EQ(r.inputs.size(), 1u) << name;
    EXPECT_EQ(r.inputs[0].build, c.grch38 ? "GRCh38" : "GRCh37") << name;
    const Call* e = find_call(r, c.e545k, "PIK3CA");
    const Call* h = find_call(r, c.h1047r, "PIK3CA");
    ASSERT_TRUE(e && h) << name;
    EXPECT_EQ(e->protein_change, "E545K") << name;
    EXPECT_EQ(h->protein_change, "H1047R") << name;
    EXPECT_TRUE(e->counted && h->counted) << name;
    EXPECT_EQ(h->chrom, chrom) << name;  // written as in the file
    // The other build's H1047R position lies outside this build's PIK3CA span (GRCh37 178865902-178957881,
    // GRCh38 179148114-179240093): no row.
    EXPECT_EQ(r.calls.size(), 2u) << name;
  }
}

TEST(ScanFile, IndelHotspotsByPosition) {
  TempDir tmp;
  // hotspots.tsv (MAF style, GRCh37): PIK3CA E110del DEL 3:178916944 AAG>-; PIK3CA E110del INS 3:178916938 ->AAGAAA
  // (pos = base before the insertion); PIK3R1 T576del INS 5:67591105 ->A (a frameshift). As VCF records with an
  // anchor base (any base: the hotspot table has none to compare with).
  std::string path = tmp.file("I.vcf", header(false, false) +
                                           rec("3", 178916943, "TAAG", "T", "PASS", "0/1:50,40:0.444:90") +
                                           rec("3", 178916938, "G", "GAAGAAA", "PASS", "0/1:50,40:0.444:90") +
                                           rec("5", 67591105, "C", "CA", "PASS", "0/1:50,40:0.444:90") +
                                           // the same deletion written one base to the right (REF AAGA shows
                                           // the repeat): still E110del
                                           rec("3", 178916944, "AAGA", "A", "PASS", "0/1:50,40:0.444:90") +
                                           // no hotspot deletes CGT at 178916961
                                           rec("3", 178916960, "ACGT", "A", "PASS", "0/1:50,40:0.444:90"));
  ScanResult r = scan_file(spec(path, "I"), ref(), quiet_options());
  ASSERT_EQ(r.calls.size(), 5u);
  EXPECT_EQ(r.calls[0].consequence, "inframe_deletion");
  EXPECT_EQ(r.calls[0].protein_change, "E110del");
  EXPECT_EQ(r.calls[0].alteration_class, "hotspot");
  EXPECT_TRUE(r.calls[0].counted);
  EXPECT_EQ(r.calls[1].consequence, "inframe_insertion");
  EXPECT_EQ(r.calls[1].alteration_class, "hotspot");
  EXPECT_EQ(r.calls[2].gene, "PIK3R1");
  EXPECT_EQ(r.calls[2].consequence, "frameshift_variant");
  EXPECT_EQ(r.calls[2].protein_change, "T576del");
  EXPECT_TRUE(r.calls[2].counted);
  EXPECT_EQ(r.calls[3].protein_change, "E110del");
  EXPECT_TRUE(r.calls[3].counted);
  EXPECT_EQ(r.calls[4].consequence, "unknown");
  EXPECT_FALSE(r.calls[4].counted);
}

TEST(ScanFile, UnknownDepthsDoNotFailTheFiltersInSitesOnlyFiles) {
  TempDir tmp;
  std::string path = tmp.file("S.vcf", header(false, false, "", true) +
                                           "3\t178952085\t.\tA\tG\t.\t.\t.\n");
  ScanResult r = scan_file(spec(path, "S"), ref(), quiet_options());
  ASSERT_EQ(r.calls.size(), 1u);
  const Call& c = r.calls[0];
  EXPECT_TRUE(c.counted);
  EXPECT_EQ(c.filter, ".");
  EXPECT_TRUE(std::isnan(c.vaf));
  EXPECT_TRUE(std::isnan(c.depth));
  EXPECT_TRUE(std::isnan(c.alt_depth));
  EXPECT_EQ(r.inputs[0].tumor_sample, "NA");
}

TEST(ScanFile, Mutect2PopafAboveTheGermlineLimitIsNotCounted) {
  TempDir tmp;
  // POPAF is -log10(AF): 1.00 -> 0.1 > 0.01 (germline), 6.00 -> 1e-6.
  std::string path = tmp.file("G.vcf", header(false, false) +
                                           rec("3", 178952085, "A", "G", "PASS", "0/1:50,40:0.444:90", "POPAF=1.00") +
                                           rec("3", 178936091, "G", "A", "PASS", "0/1:50,40:0.444:90", "POPAF=6.00"));
  ScanResult r = scan_file(spec(path, "G"), ref(), quiet_options());
  ASSERT_EQ(r.calls.size(), 2u);
  EXPECT_FALSE(r.calls[0].counted);
  EXPECT_EQ(r.calls[0].reason, "germline_pop_af");
  EXPECT_NEAR(r.calls[0].pop_af, 0.1, 1e-15);
  EXPECT_TRUE(r.calls[1].counted);
  EXPECT_NEAR(r.calls[1].pop_af, 1e-6, 1e-20);
}

TEST(ScanFile, SymbolicAndStarAllelesGiveNoRow) {
  TempDir tmp;
  std::string path = tmp.file("X.vcf", header(false, false) +
                                           rec("3", 178952085, "A", "*,G", "PASS", "0/1:50,5,40:0.05,0.444:95") +
                                           rec("3", 178952000, "A", "<DEL>", "PASS", "0/1:50,40:0.444:90"));
  ScanResult r = scan_file(spec(path, "X"), ref(), quiet_options());
  ASSERT_EQ(r.calls.size(), 1u);
  EXPECT_EQ(r.calls[0].alt, "G");
  EXPECT_EQ(r.calls[0].alt_depth, 40);  // AD indexed for the second ALT
  EXPECT_DOUBLE_EQ(r.calls[0].vaf, 0.444);
  EXPECT_TRUE(r.calls[0].counted);
  // The <DEL> without END cannot be placed: not called, said in a warning; the file stays a small-variant file.
  EXPECT_EQ(r.inputs[0].kind, DataKind::SmallVariants);
  bool warned = false;
  for (const auto& w : r.file_warnings) warned = warned || w.text.find("<DEL> without END or SVLEN") != std::string::npos;
  EXPECT_TRUE(warned);
}

// ---------------------------------------------------------------------------------------------------------------
// VEP-annotated records: canonical transcript choice and the two policies

std::string vep_file_text() {
  const std::string csq_header =
      "##INFO=<ID=CSQ,Number=.,Type=String,Description=\"Consequence annotations from Ensembl VEP. Format: "
      "Allele|Consequence|IMPACT|SYMBOL|Gene|Feature_type|Feature|BIOTYPE|EXON|INTRON|HGVSc|HGVSp|CANONICAL|"
      "gnomAD_AF\">\n";
  auto csq = [](const std::string& allele, const std::string& term, const std::string& gene,
                const std::string& transcript, const std::string& hgvsp, const std::string& canonical,
                const std::string& af = "") {
    return allele + "|" + term + "|MODERATE|" + gene + "|ENSG0|Transcript|" + transcript + "|protein_coding|||" +
           "|" + hgvsp + "|" + canonical + "|" + af;
  };
  const std::string t = "0/1:50,40:0.444:90";
  return header(false, false, csq_header) +
         // H1047R on the reference canonical transcript, listed after a more severe effect on another transcript.
         rec("3", 178952085, "A", "G", "PASS", t,
             "CSQ=" + csq("G", "stop_gained", "PIK3CA", "ENST00000643187", "", "") + "," +
                 csq("G", "missense_variant", "PIK3CA", "ENST00000263967.3", "ENSP00000263967.3:p.His1047Arg",
                     "YES")) +
         // PIK3CA (oncogene) missense that is no hotspot.
         rec("3", 178951000, "C", "T", "PASS", t,
             "CSQ=" + csq("T", "missense_variant", "PIK3CA", "ENST00000263967", "ENSP00000263967.3:p.Ala1035Val",
                          "YES")) +
         // PTEN (tumour suppressor) stop gained, not a hotspot.
         rec("10", 89624275, "C", "T", "PASS", t,
             "CSQ=" + csq("T", "stop_gained", "PTEN", "ENST00000371953", "ENSP00000361021.3:p.Gln17Ter", "YES")) +
         // PTEN missense, not a hotspot.
         rec("10", 89685000, "T", "C", "PASS", t,
             "CSQ=" + csq("C", "missense_variant", "PTEN", "ENST00000371953", "ENSP00000361021.3:p.Leu70Pro", "YES")) +
         // PTEN synonymous.
         rec("10", 89717700, "C", "T", "PASS", t,
             "CSQ=" + csq("T", "synonymous_variant", "PTEN", "ENST00000371953", "ENSP00000361021.3:p.Arg232%3D",
                          "YES")) +
         // TP53: not in the gene set.
         rec("17", 7578406, "C", "T", "PASS", t,
             "CSQ=" + csq("T", "missense_variant", "TP53", "ENST00000269305", "ENSP00000269305.4:p.Arg175His",
                          "YES")) +
         // PTEN missense seen in 20% of gnomAD: germline.
         rec("10", 89720000, "G", "A", "PASS", t,
             "CSQ=" + csq("A", "missense_variant", "PTEN", "ENST00000371953", "ENSP00000361021.3:p.Asp300Asn", "YES",
                          "0.2"));
}

TEST(ScanFile, VepAnnotatedDefaultPolicy) {
  TempDir tmp;
  std::string path = tmp.file("V.vcf", vep_file_text());
  ScanResult r = scan_file(spec(path, "V"), ref(), quiet_options());
  EXPECT_EQ(r.inputs[0].annotation, "vep");
  ASSERT_EQ(r.calls.size(), 6u);  // TP53 gives no row

  const Call* h = find_call(r, 178952085, "PIK3CA");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->transcript, "ENST00000263967.3");
  EXPECT_EQ(h->transcript_choice, "canonical_reference");
  EXPECT_EQ(h->consequence, "missense_variant");
  EXPECT_EQ(h->hgvsp, "p.His1047Arg");
  EXPECT_EQ(h->protein_change, "H1047R");
  EXPECT_EQ(h->alteration_class, "hotspot");
  EXPECT_TRUE(h->counted);

  const Call* og = find_call(r, 178951000, "PIK3CA");
  ASSERT_TRUE(og);
  EXPECT_EQ(og->alteration_class, "missense");
  EXPECT_EQ(og->protein_change, "A1035V");
  EXPECT_TRUE(og->counted);

  const Call* stop = find_call(r, 89624275, "PTEN");
  ASSERT_TRUE(stop);
  EXPECT_EQ(stop->alteration_class, "truncating");
  EXPECT_EQ(stop->protein_change, "Q17*");
  EXPECT_TRUE(stop->counted);

  const Call* mis = find_call(r, 89685000, "PTEN");
  ASSERT_TRUE(mis);
  EXPECT_EQ(mis->alteration_class, "missense");
  EXPECT_TRUE(mis->counted);

  const Call* syn = find_call(r, 89717700, "PTEN");
  ASSERT_TRUE(syn);
  EXPECT_FALSE(syn->counted);
  EXPECT_EQ(syn->reason, "synonymous");
  EXPECT_EQ(syn->alteration_class, "other");

  const Call* germ = find_call(r, 89720000, "PTEN");
  ASSERT_TRUE(germ);
  EXPECT_FALSE(germ->counted);
  EXPECT_EQ(germ->reason, "germline_pop_af");
  EXPECT_DOUBLE_EQ(germ->pop_af, 0.2);

  EXPECT_EQ(r.inputs[0].alterations_counted, 4);
}

// Classic SnpEff EFF states one transcript's consequences in separate effects; the real MTOR file
// (snpeff_missing_CHROM_line_MTOR_ARID1A.eff.vcf, chr1:11206734 T>C) writes NON_SYNONYMOUS_CODING(...Q1562R...)
// then SPLICE_SITE_REGION(...) of NM_004958.3. Whatever their order, the allele is one missense change at an exon
// edge: counted, consequence missense_variant&splice_region_variant, protein change Q1562R.
TEST(ScanFile, EffectsOfOneTranscriptInSeveralEntriesAreOneCall) {
  const std::string eff_header =
      "##INFO=<ID=EFF,Number=.,Type=String,Description=\"Predicted effects for this variant.Format: 'Effect ( "
      "Effect_Impact | Functional_Class | Codon_Change | Amino_Acid_Change| Amino_Acid_length | Gene_Name | "
      "Transcript_BioType | Gene_Coding | Transcript_ID | Exon_Rank  | Genotype_Number [ | ERRORS | WARNINGS ] )' \">\n";
  const std::string missense = "NON_SYNONYMOUS_CODING(MODERATE|MISSENSE|cAg/cGg|Q1562R|2549|MTOR||CODING|NM_004958.3|32|1)";
  const std::string region = "SPLICE_SITE_REGION(LOW||||2549|MTOR||CODING|NM_004958.3|32|1)";
  const std::string t = "0/1:30,20:0.4:50";
  for (bool region_first : {false, true}) {
    SCOPED_TRACE(region_first ? "splice region first" : "missense first");
    TempDir tmp;
    std::string eff = region_first ? region + "," + missense : missense + "," + region;
    std::string path =
        tmp.file("E.vcf", header(false, false, eff_header) + rec("1", 11206734, "T", "C", "PASS", t, "EFF=" + eff));
    ScanResult r = scan_file(spec(path, "E"), ref(), quiet_options());
    ASSERT_EQ(r.calls.size(), 1u);
    const Call& c = r.calls[0];
    EXPECT_EQ(c.gene, "MTOR");
    EXPECT_EQ(c.transcript, "NM_004958.3");
    EXPECT_EQ(c.consequence, region_first ? "splice_region_variant&missense_variant" : "missense_variant&splice_region_variant");
    EXPECT_EQ(c.protein_change, "Q1562R");
    EXPECT_EQ(c.alteration_class, "missense");
    EXPECT_TRUE(c.counted);
  }
}

// The annotation column says where each row's consequence came from: a record the annotated file leaves without
// CSQ is matched against the hotspot table (annotation "none"), not credited to VEP.
TEST(ScanFile, RecordWithoutAnnotationInAnAnnotatedFileIsNotCreditedToTheAnnotator) {
  TempDir tmp;
  std::string text = vep_file_text();
  text += rec("3", 178936091, "G", "A", "PASS", "0/1:30,20:0.4:50");  // E545K, no INFO/CSQ
  ScanResult r = scan_file(spec(tmp.file("V.vcf", text), "V"), ref(), quiet_options());
  EXPECT_EQ(r.inputs[0].annotation, "vep");
  const Call* bare = find_call(r, 178936091, "PIK3CA");
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->annotation, "none");
  EXPECT_EQ(bare->transcript_choice, "hotspot_table");
  EXPECT_EQ(bare->alteration_class, "hotspot");
  EXPECT_TRUE(bare->counted);
  EXPECT_EQ(find_call(r, 178952085, "PIK3CA")->annotation, "vep");
}

TEST(ScanFile, VepAnnotatedOncogenicPolicy) {
  TempDir tmp;
  std::string path = tmp.file("V.vcf", vep_file_text());
  ScanOptions o = quiet_options();
  o.policy = Policy::Oncogenic;
  ScanResult r = scan_file(spec(path, "V"), ref(), o);
  ASSERT_EQ(r.calls.size(), 6u);
  EXPECT_TRUE(find_call(r, 178952085, "PIK3CA")->counted);  // hotspot in an oncogene
  const Call* og = find_call(r, 178951000, "PIK3CA");
  EXPECT_FALSE(og->counted);
  EXPECT_EQ(og->reason, "not_hotspot_in_oncogene");
  EXPECT_TRUE(find_call(r, 89624275, "PTEN")->counted);  // truncating in a tumour suppressor
  const Call* mis = find_call(r, 89685000, "PTEN");
  EXPECT_FALSE(mis->counted);
  EXPECT_EQ(mis->reason, "not_truncating_in_tsg");
  EXPECT_EQ(find_call(r, 89717700, "PTEN")->reason, "synonymous");  // unchanged
  EXPECT_EQ(r.inputs[0].alterations_counted, 2);
}

TEST(ScanFile, GenesOutsideTheTargetsAreNotEvaluable) {
  TempDir tmp;
  // A panel covering PIK3CA only (GRCh37 span 178865902-178957881; BED is 0-based, half-open).
  ScanOptions o = quiet_options();
  o.targets = tmp.file("panel.bed", "track name=panel\nchr3\t178865901\t178957881\n");
  std::string path = tmp.file("P01.vcf", grch37_file_text());
  ScanResult r = scan_inputs({spec(path, "P01")}, ref(), o);
  ASSERT_EQ(r.inputs.size(), 1u);
  EXPECT_EQ(r.inputs[0].targets, o.targets);
  const auto& ne = r.inputs[0].not_evaluable;
  EXPECT_EQ(ne.size(), ref().feature_genes().size() - 1);
  EXPECT_EQ(std::count(ne.begin(), ne.end(), "PIK3CA"), 0);
  EXPECT_EQ(std::count(ne.begin(), ne.end(), "PTEN"), 1);
  // The calls themselves are unchanged (an off-target call is still a call).
  EXPECT_EQ(r.inputs[0].alterations_counted, 2);
  // Without targets nothing is marked.
  EXPECT_TRUE(scan_inputs({spec(path, "P01")}, ref(), quiet_options()).inputs[0].not_evaluable.empty());
}

TEST(ScanFile, VepMultiAllelicRecordGivesOneCallPerAllele) {
  TempDir tmp;
  const std::string csq_header =
      "##INFO=<ID=CSQ,Number=.,Type=String,Description=\"Consequence annotations from Ensembl VEP. Format: "
      "Allele|Consequence|SYMBOL|Feature|HGVSp|CANONICAL\">\n";
  // A>G (H1047R) and A>T annotated synonymous (hand-written): AD 40,30,20 and AF 0.333,0.222.
  std::string path = tmp.file(
      "M.vcf", header(false, false, csq_header) +
                   rec("3", 178952085, "A", "G,T", "PASS", "0/1/2:40,30,20:0.333,0.222:90",
                       "CSQ=T|synonymous_variant|PIK3CA|ENST00000263967|ENSP00000263967.3:p.His1047%3D|YES,"
                       "G|missense_variant|PIK3CA|ENST00000263967|ENSP00000263967.3:p.His1047Arg|YES") +
                   // A record without CSQ in an annotated file is read like an unannotated one (E545K by position).
                   rec("3", 178936091, "G", "A", "PASS", "0/1:50,30:0.375:80"));
  ScanResult r = scan_file(spec(path, "M"), ref(), quiet_options());
  ASSERT_EQ(r.calls.size(), 3u);
  const Call& g = r.calls[0];
  const Call& t = r.calls[1];
  EXPECT_EQ(g.alt, "G");
  EXPECT_EQ(g.protein_change, "H1047R");
  EXPECT_TRUE(g.counted);
  EXPECT_EQ(g.alt_depth, 30);
  EXPECT_DOUBLE_EQ(g.vaf, 0.333);
  EXPECT_EQ(t.alt, "T");
  EXPECT_EQ(t.consequence, "synonymous_variant");
  EXPECT_FALSE(t.counted);
  EXPECT_EQ(t.reason, "synonymous");
  EXPECT_EQ(t.alt_depth, 20);
  EXPECT_DOUBLE_EQ(t.vaf, 0.222);
  EXPECT_EQ(r.calls[2].protein_change, "E545K");
  EXPECT_EQ(r.calls[2].transcript_choice, "hotspot_table");
  EXPECT_TRUE(r.calls[2].counted);
}


// ---------------------------------------------------------------------------------------------------------------
// scan_inputs: errors, --keep-going, threads

TEST(ScanInputs, DamagedFileStopsTheRunOrIsSkippedWithKeepGoing) {
  TempDir tmp;
  std::string good = tmp.file("P01.vcf", grch37_file_text());
  // Record 2 is cut short: header() is 14 lines (8 meta, 5 contigs, #CHROM), so record 2 is line 16.
  const std::string h1047r = rec("3", 178952085, "A", "G", "PASS", "0/1:50,40:0.444:90");
  std::string bad = tmp.file("P02.vcf", header(false, false) + h1047r + "3\t178952090\t.\tA\tG\n");
  std::string good2 = tmp.file("P03.vcf", header(false, false) + h1047r);
  std::vector<InputSpec> in = {spec(good, "P01"), spec(bad, "P02"), spec(good2, "P03"),
                               spec(tmp.path("P04.vcf"), "P04")};
  ScanOptions o = quiet_options();
  std::string msg = message_of<InputError>([&] { scan_inputs(in, ref(), o); });
  EXPECT_TRUE(has(msg, "P02.vcf:16: record 2")) << msg;

  o.keep_going = true;
  for (int threads : {1, 2}) {
    o.threads = threads;
    ScanResult r = scan_inputs(in, ref(), o);
    ASSERT_EQ(r.inputs.size(), 4u);
    EXPECT_EQ(r.inputs[0].status, "ok");
    EXPECT_EQ(r.inputs[1].patient_id, "P02");
    EXPECT_EQ(r.inputs[1].file, bad);
    EXPECT_EQ(r.inputs[1].status.rfind("failed: ", 0), 0u) << r.inputs[1].status;
    EXPECT_TRUE(has(r.inputs[1].status, "P02.vcf:")) << r.inputs[1].status;
    EXPECT_EQ(r.inputs[1].status.find_first_of("\t\n\r"), std::string::npos);
    EXPECT_EQ(r.inputs[1].tumor_sample, "NA");
    EXPECT_EQ(r.inputs[1].build, "NA");
    EXPECT_EQ(r.inputs[2].status, "ok");
    EXPECT_EQ(r.inputs[3].status.rfind("failed: ", 0), 0u) << r.inputs[3].status;  // missing file
    EXPECT_TRUE(has(r.inputs[3].status, "P04.vcf")) << r.inputs[3].status;
    // Calls of the good files only (P02's first record is not kept either).
    for (const auto& c : r.calls) EXPECT_NE(c.patient_id, "P02");
    EXPECT_EQ(r.calls.size(), 5u + 1u);
  }
}

// With a CallSink the calls are not kept: each file's text reaches `write` in input order, whatever the thread
// count, even when a copy-number file (read in the second pass, after every VCF) sits between VCFs and holds back
// the files after it. The example cohort, files sorted by patient so VCFs and copy-number files alternate.
TEST(ScanInputs, SinkGetsEachFilesCallsInInputOrder) {
  const std::string cohort = std::string(PATHCORR_TEST_DATA) + "/../../examples/cohort";
  std::vector<InputSpec> in = inputs_from_paths({cohort + "/vcf", cohort + "/cnv"});
  std::stable_sort(in.begin(), in.end(), [](const InputSpec& a, const InputSpec& b) {
    return std::filesystem::path(a.path).filename() < std::filesystem::path(b.path).filename();
  });
  ASSERT_GT(in.size(), 30u);
  // A VCF after a copy-number file: the second pass holds it back.
  const auto first_cn = std::find_if(in.begin(), in.end(), [](const InputSpec& x) { return is_copy_number_format(*x.format); });
  ASSERT_TRUE(std::any_of(first_cn, in.end(), [](const InputSpec& x) { return !is_copy_number_format(*x.format); }));
  ScanOptions o = quiet_options();
  const ScanResult kept = scan_inputs(in, ref(), o);
  const std::string expected = calls_rows_text(kept.calls);
  ASSERT_GT(kept.calls.size(), 20u);
  for (int threads : {1, 2, 3}) {
    o.threads = threads;
    std::string written, counts;
    size_t files = 0;
    CallSink sink;
    sink.format = [](const std::vector<Call>& calls) {
      return std::vector<std::string>{calls_rows_text(calls), std::to_string(calls.size()) + "\n"};
    };
    sink.write = [&](const std::vector<std::string>& text) {
      ASSERT_EQ(text.size(), 2u);
      written += text[0];
      counts += text[1];
      ++files;
    };
    const ScanResult r = scan_inputs(in, ref(), o, &sink);
    EXPECT_EQ(written, expected) << threads << " threads";
    EXPECT_EQ(files, in.size());
    EXPECT_TRUE(r.calls.empty());
    // `take` gets the same calls, whole and in input order (as `run` keeps its CohortCalls), after `write`.
    std::vector<Call> taken;
    size_t writes = 0, takes = 0;
    sink.write = [&](const std::vector<std::string>&) { ++writes; };
    sink.take = [&](std::vector<Call>&& calls) {
      EXPECT_EQ(++takes, writes);  // each file's take right after its write
      for (Call& c : calls) taken.push_back(std::move(c));
    };
    EXPECT_TRUE(scan_inputs(in, ref(), o, &sink).calls.empty());
    EXPECT_EQ(calls_rows_text(taken), expected) << threads << " threads";
    ASSERT_EQ(r.inputs.size(), kept.inputs.size());
    size_t sum = 0;
    for (std::istringstream lines(counts); std::getline(lines, written);) sum += std::stoul(written);
    EXPECT_EQ(sum, kept.calls.size());
  }
}

// Usage errors and contradictions are never skipped, even with --keep-going: they would be wrong for every file. A
// ConflictError (exit 3: an ambiguous tumour sample, a build contradicting --build) is thrown, not turned into a
// `failed:` row.
TEST(ScanInputs, KeepGoingDoesNotSkipConflicts) {
  TempDir tmp;
  std::string good = tmp.file("P01.vcf", grch37_file_text());
  std::string two = tmp.file("P02.vcf", "##fileformat=VCFv4.2\n" + contigs(false, false) +
                                            "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tP02_N\tP02_T\n");
  ScanOptions o = quiet_options();
  o.keep_going = true;
  std::vector<InputSpec> in = {spec(good, "P01"), spec(two, "P02")};
  EXPECT_THROW(scan_inputs(in, ref(), o), ConflictError);
}

TEST(ScanInputs, ConflictWithoutKeepGoingIsThrown) {
  TempDir tmp;
  std::string two = tmp.file("P02.vcf", "##fileformat=VCFv4.2\n" + contigs(false, false) +
                                            "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tP02_N\tP02_T\n");
  EXPECT_THROW(scan_inputs({spec(two, "P02")}, ref(), quiet_options()), ConflictError);
  // The sheet's tumour sample resolves it, and --tumor-sample too.
  EXPECT_EQ(scan_inputs({spec(two, "P02", "P02_T")}, ref(), quiet_options()).inputs[0].tumor_sample, "P02_T");
  ScanOptions o = quiet_options();
  o.tumor_sample = "P02_T";
  EXPECT_EQ(scan_inputs({spec(two, "P02")}, ref(), o).inputs[0].tumor_sample, "P02_T");
  // Build contradiction.
  o.build = "GRCh38";
  EXPECT_THROW(scan_inputs({spec(two, "P02")}, ref(), o), ConflictError);
}

TEST(ScanInputs, ThreadsGiveTheSameResult) {
  TempDir tmp;
  std::vector<InputSpec> in;
  for (int i = 0; i < 7; ++i) {
    std::string id = "P0" + std::to_string(i);
    std::string text = i % 2 ? grch37_file_text() : vep_file_text();
    // Vary the files a little so that a mix-up between inputs shows.
    text += rec("3", 178952000 + i, "C", "T", "PASS", "0/1:50," + std::to_string(10 + i) + ":0.2:60");
    in.push_back(spec(tmp.file(id + ".vcf", text), id));
  }
  ScanOptions one = quiet_options();
  ScanResult r1 = scan_inputs(in, ref(), one);
  ASSERT_EQ(r1.inputs.size(), 7u);
  for (size_t i = 0; i < in.size(); ++i) EXPECT_EQ(r1.inputs[i].patient_id, in[i].patient_id);
  for (int threads : {2, 3, 16}) {
    ScanOptions many = quiet_options();
    many.threads = threads;
    SCOPED_TRACE("threads=" + std::to_string(threads));
    expect_same_result(r1, scan_inputs(in, ref(), many));
  }
}

TEST(ScanInputs, InputsFromPathsTakeThePatientFromTheFileName) {
  TempDir tmp;
  tmp.file("HN02.strelka2.snvs.vcf", "x");
  tmp.file("HN01.mutect2.vcf.gz", "x");
  auto in = inputs_from_paths({tmp.path("")});
  ASSERT_EQ(in.size(), 2u);
  EXPECT_EQ(in[0].patient_id, "HN01");
  EXPECT_EQ(in[1].patient_id, "HN02");
  EXPECT_EQ(in[0].tumor_sample, "");
}

// ---------------------------------------------------------------------------------------------------------------
// calls.tsv

ScanResult hand_made_result() {
  ScanResult r;
  InputSummary a;
  a.patient_id = "P01";
  a.file = "/data/P01.mutect2.vcf.gz";
  a.tumor_sample = "P01_T";
  a.build = "GRCh37";
  a.annotation = "vep";
  a.records = 1234;
  a.records_passing = 1000;
  a.alterations_counted = 1;
  a.targets = "/panels/v2_targets.bed";
  a.not_evaluable = {"MTOR", "TSC2"};
  InputSummary b;
  b.patient_id = "P02";
  b.file = "/data/P02.vcf";
  b.tumor_sample = "NA";
  b.build = "NA";
  b.annotation = "NA";
  b.status = "failed: /data/P02.vcf:18: record 2: 5 tab-separated columns, but the header declares 10 (a=b)";
  r.inputs = {a, b};

  Call c;
  c.patient_id = "P01";
  c.sample = "P01_T";
  c.chrom = "chr3";
  c.pos = 178952085;
  c.ref = "A";
  c.alt = "G";
  c.gene = "PIK3CA";
  c.transcript = "ENST00000263967.3";
  c.consequence = "missense_variant&splice_region_variant";
  c.hgvsp = "p.His1047Arg";
  c.vaf = 0.1 + 0.2;  // 0.30000000000000004: needs 17 digits to come back
  c.depth = 90;
  c.alt_depth = 27;
  c.filter = "PASS";
  c.alteration_class = "hotspot";
  c.counted = true;
  c.reason = "";
  c.source_file = "/data/P01.mutect2.vcf.gz";
  c.build = "GRCh37";
  c.annotation = "vep";
  c.transcript_choice = "canonical_reference";
  c.pop_af = 1.0 / 3.0;
  c.protein_change = "H1047R";
  Call d = c;
  d.pos = 89692904;
  d.chrom = "chr10";
  d.gene = "PTEN";
  d.transcript = "";
  d.consequence = "unknown";
  d.hgvsp = "";
  d.protein_change = "";
  d.vaf = std::nan("");
  d.depth = std::nan("");
  d.alt_depth = std::nan("");
  d.pop_af = std::nan("");
  d.filter = "weak_evidence;strand_bias";
  d.alteration_class = "other";
  d.counted = false;
  d.reason = "unknown_consequence,filter";
  d.transcript_choice = "none";
  Call e = c;
  e.vaf = 1e-300;
  e.depth = 123456789012.0;
  e.alt_depth = 0;
  e.pop_af = 5e-324;  // denormal
  r.calls = {c, d, e};
  return r;
}

TEST(CallsTsv, RoundTripKeepsEveryField) {
  TempDir tmp;
  ScanResult r = hand_made_result();
  std::ostringstream os;
  write_calls(os, r, {"pathcorr scan --min-vaf 0.05", "reference=pathcorr-ref"});
  std::string path = tmp.file("calls.tsv", os.str());
  ScanResult back = read_calls(path);
  expect_same_result(r, back);
  // Written once more, the bytes are the same.
  std::ostringstream again;
  write_calls(again, back, {"pathcorr scan --min-vaf 0.05", "reference=pathcorr-ref"});
  EXPECT_EQ(os.str(), again.str());
  // The header row is the column list, and SPEC's columns are all there in SPEC's order.
  std::istringstream is(os.str());
  std::string line, header_row;
  while (std::getline(is, line))
    if (line.rfind("#", 0) != 0) {
      header_row = line;
      break;
    }
  EXPECT_EQ(header_row.rfind("patient_id\tsample\tchrom\tpos\tref\talt\tgene\ttranscript\tconsequence\thgvsp\tvaf\t"
                             "depth\talt_depth\tfilter\talteration_class\tcounted\treason\tsource_file",
                             0),
            0u)
      << header_row;
}

TEST(CallsTsv, RoundTripOfARealScan) {
  TempDir tmp;
  std::vector<InputSpec> in = {spec(tmp.file("P01.vcf", grch37_file_text()), "P01"),
                               spec(tmp.file("V.vcf", vep_file_text()), "V")};
  ScanResult r = scan_inputs(in, ref(), quiet_options());
  std::ostringstream os;
  write_calls(os, r, {});
  expect_same_result(r, read_calls(tmp.file("calls.tsv", os.str())));
}

// A sites-only VCF's calls carry sample "NA" (InputSummary::tumor_sample of a file without samples); the sample
// column reads "NA" back as "NA", not as "" as the other text columns do, so what `join` reads equals what `scan`
// held.
TEST(CallsTsv, RoundTripOfASitesOnlyScan) {
  TempDir tmp;
  std::string path = tmp.file("S.vcf", header(false, false, "", true) + "3\t178952085\t.\tA\tG\t.\t.\t.\n");
  ScanResult r = scan_inputs({spec(path, "S")}, ref(), quiet_options());
  std::ostringstream os;
  write_calls(os, r, {});
  expect_same_result(r, read_calls(tmp.file("calls.tsv", os.str())));
}

TEST(CallsTsv, EmptyScanRoundTrips) {
  TempDir tmp;
  ScanResult r;
  InputSummary s;
  s.patient_id = "P09";
  s.file = "P09.vcf";
  s.tumor_sample = "TUMOR";
  s.build = "GRCh38";
  s.annotation = "none";
  s.records = 0;
  r.inputs = {s};
  std::ostringstream os;
  write_calls(os, r, {});
  ScanResult back = read_calls(tmp.file("calls.tsv", os.str()));
  expect_same_result(r, back);
}

// calls.tsv text with the cell `column` of data row `row` (0-based) replaced by `value`.
std::string with_cell(const std::string& text, int row, const std::string& column, const std::string& value) {
  std::istringstream is(text);
  std::string line, out;
  std::vector<std::string> header_fields;
  int data_row = -1;
  while (std::getline(is, line)) {
    if (line.rfind("#", 0) == 0) {
      out += line + "\n";
      continue;
    }
    std::vector<std::string> f;
    std::stringstream ss(line);
    std::string x;
    while (std::getline(ss, x, '\t')) f.push_back(x);
    if (line.size() && line.back() == '\t') f.push_back("");
    if (header_fields.empty()) {
      header_fields = f;
    } else if (++data_row == row) {
      for (size_t k = 0; k < header_fields.size(); ++k)
        if (header_fields[k] == column) f[k] = value;
    }
    for (size_t k = 0; k < f.size(); ++k) out += (k ? "\t" : "") + f[k];
    out += "\n";
  }
  return out;
}

TEST(CallsTsv, ReadErrorsNameFileAndLine) {
  TempDir tmp;
  std::ostringstream os;
  write_calls(os, hand_made_result(), {"pathcorr scan"});
  // Line 1 provenance, lines 2-3 #input, line 4 header, line 5 the first call, line 6 the second.
  const std::string text = os.str();
  std::string msg =
      message_of<InputError>([&] { read_calls(tmp.file("a.tsv", with_cell(text, 1, "counted", "maybe"))); });
  EXPECT_TRUE(has(msg, "a.tsv:6")) << msg;
  EXPECT_TRUE(has(msg, "maybe")) << msg;
  msg = message_of<InputError>([&] { read_calls(tmp.file("b.tsv", with_cell(text, 0, "pos", "17895208x"))); });
  EXPECT_TRUE(has(msg, "b.tsv:5")) << msg;
  EXPECT_TRUE(has(msg, "17895208x")) << msg;
  msg = message_of<InputError>([&] { read_calls(tmp.file("c.tsv", with_cell(text, 2, "pos", "0"))); });
  EXPECT_TRUE(has(msg, "c.tsv:7")) << msg;
  msg = message_of<InputError>([&] { read_calls(tmp.file("d.tsv", with_cell(text, 0, "vaf", "0.4x"))); });
  EXPECT_TRUE(has(msg, "d.tsv:5")) << msg;
  EXPECT_TRUE(has(msg, "vaf")) << msg;
  // A file without one of the columns.
  msg = message_of<InputError>(
      [&] { read_calls(tmp.file("e.tsv", "patient_id\tsample\tchrom\tpos\nP1\tT\t3\t5\n")); });
  EXPECT_TRUE(has(msg, "e.tsv")) << msg;
  // A malformed #input line.
  msg = message_of<InputError>([&] {
    read_calls(tmp.file("f.tsv", "#input\tpatient_id=P1\tbroken\n" + text.substr(text.find("patient_id\tsample"))));
  });
  EXPECT_TRUE(has(msg, "f.tsv")) << msg;
  EXPECT_TRUE(has(msg, "broken")) << msg;
  // A file with the #input lines and the header but no call row still needs every column.
  msg = message_of<InputError>([&] { read_calls(tmp.file("g.tsv", "#input\tpatient_id=P1\npatient_id\tsample\n")); });
  EXPECT_TRUE(has(msg, "g.tsv")) << msg;
}

// read_calls with `keep` (join keeps the counted and copy-number calls): every #input line, and only the calls
// kept, in file order; a damaged row is refused even when it would not be kept.
TEST(CallsTsv, ReadKeepsOnlyTheCallsAsked) {
  TempDir tmp;
  const ScanResult r = hand_made_result();
  std::ostringstream os;
  write_calls(os, r, {});
  const std::string path = tmp.file("calls.tsv", os.str());
  const ScanResult counted = read_calls(path, [](const Call& c) { return c.counted; });
  EXPECT_EQ(counted.inputs.size(), r.inputs.size());
  ScanResult expected = r;
  expected.calls.clear();
  for (const Call& c : r.calls)
    if (c.counted) expected.calls.push_back(c);
  ASSERT_EQ(expected.calls.size(), 2u);  // c and e; d is not counted
  expect_same_result(expected, counted);
  EXPECT_TRUE(read_calls(path, [](const Call&) { return false; }).calls.empty());
  // Lines 1-2 #input, line 3 the header, line 5 the second call (d, not counted).
  const std::string msg = message_of<InputError>([&] {
    read_calls(tmp.file("a.tsv", with_cell(os.str(), 1, "pos", "x")), [](const Call& c) { return c.counted; });
  });
  EXPECT_TRUE(has(msg, "a.tsv:5")) << msg;
}

}  // namespace
}  // namespace pathcorr
