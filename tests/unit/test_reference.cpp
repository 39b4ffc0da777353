// Unit tests of the built-in reference (reference/*.tsv, PI3K_MTOR.gmt, VERSION) and its loader: gene set and
// roles, gene spans per build, hotspot lookup by VCF allele and by protein change, user files replacing the
// built-in tables, and errors naming file:line. Expected coordinates come from /work/shared/reference-facts
// (README "Key facts" and hotspots_cancerhotspots_v2_pathway_genes.tsv), never from the code under test.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <set>
#include <string>

#include "pipeline/base/errors.h"
#include "reference/reference.h"

namespace pathcorr {
namespace {

const Reference& ref() {
  static const Reference r = Reference::builtin();
  return r;
}

// A file in a fresh temporary directory, removed at the end of the test.
class TempFile {
 public:
  TempFile(const std::string& name, const std::string& content) {
    char tmpl[] = "/tmp/pathcorr_reftest_XXXXXX";
    dir_ = mkdtemp(tmpl);
    path_ = dir_ + "/" + name;
    std::ofstream(path_, std::ios::binary) << content;
  }
  ~TempFile() {
    std::remove(path_.c_str());
    rmdir(dir_.c_str());
  }
  const std::string& path() const { return path_; }

 private:
  std::string dir_, path_;
};

// Runs fn, expects an InputError and returns its message.
template <typename Fn>
std::string input_error(Fn fn) {
  try {
    fn();
  } catch (const InputError& e) {
    return e.what();
  }
  ADD_FAILURE() << "expected an InputError";
  return "";
}

TEST(Reference, BuiltinGeneSetHas29GenesWithPdpk1NotPdk1) {
  ASSERT_EQ(ref().gene_sets().size(), 1u);
  EXPECT_EQ(ref().gene_sets()[0].name, "PI3K_MTOR");
  auto genes = ref().feature_genes();
  EXPECT_EQ(genes.size(), 29u);
  EXPECT_EQ(std::set<std::string>(genes.begin(), genes.end()).size(), 29u);
  EXPECT_NE(std::find(genes.begin(), genes.end(), "PDPK1"), genes.end());
  EXPECT_EQ(std::find(genes.begin(), genes.end(), "PDK1"), genes.end());
  EXPECT_EQ(ref().version().rfind("pathcorr-ref-", 0), 0u) << ref().version();
}

TEST(Reference, Roles) {
  EXPECT_EQ(ref().role("PIK3CA"), GeneRole::Oncogene);
  EXPECT_EQ(ref().role("AKT1"), GeneRole::Oncogene);
  EXPECT_EQ(ref().role("PTEN"), GeneRole::TumorSuppressor);
  EXPECT_EQ(ref().role("PIK3R1"), GeneRole::TumorSuppressor);
  EXPECT_EQ(ref().role("PIK3R2"), GeneRole::Oncogene);        // Sanchez-Vega kept over OncoKB TSG
  EXPECT_EQ(ref().role("DEPDC5"), GeneRole::TumorSuppressor);  // decision: GATOR1 like NPRL2/NPRL3
  EXPECT_EQ(ref().role("PDPK1"), GeneRole::Oncogene);
  EXPECT_EQ(ref().role("KRAS"), GeneRole::Unknown);
  for (const auto& g : ref().feature_genes()) EXPECT_NE(ref().role(g), GeneRole::Unknown) << g;
  EXPECT_EQ(to_string(GeneRole::Oncogene), "OG");
  EXPECT_EQ(to_string(GeneRole::TumorSuppressor), "TSG");
  EXPECT_EQ(to_string(GeneRole::Unknown), "unknown");
}

TEST(Reference, EveryGeneHasCoordinatesInBothBuilds) {
  for (Build b : {Build::GRCh37, Build::GRCh38}) {
    EXPECT_TRUE(ref().genes_without_coordinates(b).empty()) << to_string(b);
    EXPECT_EQ(ref().genes(b).size(), 29u);
    for (const auto& g : ref().genes(b)) {
      EXPECT_LE(g.start, g.end) << g.symbol;
      EXPECT_EQ(g.canonical_transcript.rfind("ENST", 0), 0u) << g.symbol;
      EXPECT_FALSE(g.canonical_source.empty()) << g.symbol;
      EXPECT_EQ(g.role, ref().role(g.symbol)) << g.symbol;
    }
  }
}

TEST(Reference, Pik3caAndPtenSpans) {
  const Gene* g37 = ref().gene(Build::GRCh37, "PIK3CA");
  ASSERT_NE(g37, nullptr);
  EXPECT_EQ(g37->chrom, "3");
  EXPECT_EQ(g37->start, 178865902);  // = GENCODE v19 gene record
  EXPECT_EQ(g37->end, 178957881);
  EXPECT_EQ(g37->strand, '+');
  EXPECT_EQ(g37->ensembl_gene_id, "ENSG00000121879");
  EXPECT_EQ(g37->canonical_transcript, "ENST00000263967");
  const Gene* g38 = ref().gene(Build::GRCh38, "PIK3CA");
  ASSERT_NE(g38, nullptr);
  EXPECT_EQ(g38->chrom, "3");
  EXPECT_EQ(g38->start, 179148114);
  EXPECT_EQ(g38->end, 179240093);
  EXPECT_EQ(g38->strand, '+');
  EXPECT_EQ(g38->canonical_transcript, "ENST00000263967");
  EXPECT_EQ(g38->canonical_refseq, "NM_006218.4");
  const Gene* pten = ref().gene(Build::GRCh37, "PTEN");
  ASSERT_NE(pten, nullptr);
  EXPECT_EQ(pten->chrom, "10");
  EXPECT_EQ(pten->start, 89622870);  // = hmftools Ensembl gene record
  EXPECT_EQ(pten->end, 89731687);
  EXPECT_EQ(ref().gene(Build::GRCh37, "AKT1")->strand, '-');
  EXPECT_EQ(ref().gene(Build::GRCh38, "AKT1")->strand, '-');
  EXPECT_EQ(ref().gene(Build::GRCh37, "KRAS"), nullptr);
}

TEST(Reference, CanonicalTranscriptsPerBuild) {
  // GRCh37: OncoKB isoform; GRCh38: MANE Select (reference/README.md, Decisions).
  EXPECT_EQ(ref().gene(Build::GRCh37, "AKT1")->canonical_transcript, "ENST00000349310");
  EXPECT_EQ(ref().gene(Build::GRCh38, "AKT1")->canonical_transcript, "ENST00000649815");
  EXPECT_EQ(ref().gene(Build::GRCh37, "PIK3R1")->canonical_transcript, "ENST00000274335");
  EXPECT_EQ(ref().gene(Build::GRCh38, "PIK3R1")->canonical_transcript, "ENST00000521381");
  EXPECT_EQ(ref().gene(Build::GRCh38, "INPP4B")->canonical_transcript, "ENST00000262992");  // no MANE row
  EXPECT_EQ(ref().gene(Build::GRCh37, "PTEN")->canonical_transcript, "ENST00000371953");
  EXPECT_EQ(ref().gene(Build::GRCh38, "PTEN")->canonical_transcript, "ENST00000371953");
}

TEST(Reference, GenesAtPosition) {
  auto at = [](Build b, const char* chrom, int64_t pos) {
    std::vector<std::string> out;
    for (const Gene* g : ref().genes_at(b, chrom, pos)) out.push_back(g->symbol);
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(at(Build::GRCh37, "3", 178952085), V{"PIK3CA"});
  EXPECT_EQ(at(Build::GRCh37, "chr3", 178952085), V{"PIK3CA"});
  EXPECT_EQ(at(Build::GRCh37, "3", 178865902), V{"PIK3CA"});  // span is 1-based inclusive
  EXPECT_EQ(at(Build::GRCh37, "3", 178957881), V{"PIK3CA"});
  EXPECT_EQ(at(Build::GRCh37, "3", 178865901), V{});
  EXPECT_EQ(at(Build::GRCh37, "3", 178957882), V{});
  EXPECT_EQ(at(Build::GRCh38, "chr3", 179234297), V{"PIK3CA"});
  EXPECT_EQ(at(Build::GRCh38, "3", 178952085), V{});  // a GRCh37 position is outside PIK3CA in GRCh38
  EXPECT_EQ(at(Build::GRCh37, "14", 105246551), V{"AKT1"});
  EXPECT_EQ(at(Build::GRCh38, "chr10", 87933147), V{"PTEN"});
  EXPECT_EQ(at(Build::GRCh37, "7", 140453136), V{});  // BRAF V600E: not a pathway gene
  EXPECT_EQ(at(Build::GRCh37, "chrUn_gl000220", 1000), V{});
}

TEST(Reference, HotspotTableHasBothBuilds) {
  // 503 cancerhotspots v2 rows + the DERIVED PIK3CA Q546* per build.
  EXPECT_EQ(ref().hotspots(Build::GRCh37).size(), 504u);
  EXPECT_EQ(ref().hotspots(Build::GRCh38).size(), 504u);
}

TEST(Reference, HotspotSnvBothBuildsAndChromNames) {
  const Hotspot* h = ref().hotspot_at(Build::GRCh37, "3", 178952085, "A", "G");
  ASSERT_NE(h, nullptr);
  EXPECT_EQ(h->gene, "PIK3CA");
  EXPECT_EQ(h->protein_change, "H1047R");
  EXPECT_EQ(h->variant_class, "Missense_Mutation");
  EXPECT_EQ(ref().hotspot_at(Build::GRCh37, "chr3", 178952085, "A", "G"), h);
  EXPECT_EQ(ref().hotspot_at(Build::GRCh37, "3", 178952085, "a", "g"), h);
  const Hotspot* h38 = ref().hotspot_at(Build::GRCh38, "chr3", 179234297, "A", "G");
  ASSERT_NE(h38, nullptr);
  EXPECT_EQ(h38->protein_change, "H1047R");
  EXPECT_EQ(h38->pos, 179234297);
  EXPECT_EQ(ref().hotspot_at(Build::GRCh38, "3", 178952085, "A", "G"), nullptr);  // wrong build
  EXPECT_EQ(ref().hotspot_at(Build::GRCh37, "3", 178952085, "A", "C"), nullptr);  // not a listed allele
  EXPECT_EQ(ref().hotspot_at(Build::GRCh37, "3", 178952085, "A", "T")->protein_change, "H1047L");

  const Hotspot* e17k = ref().hotspot_at(Build::GRCh37, "14", 105246551, "C", "T");
  ASSERT_NE(e17k, nullptr);
  EXPECT_EQ(e17k->gene, "AKT1");
  EXPECT_EQ(e17k->protein_change, "E17K");
  const Hotspot* e17k38 = ref().hotspot_at(Build::GRCh38, "chr14", 104780214, "C", "T");
  ASSERT_NE(e17k38, nullptr);
  EXPECT_EQ(e17k38->protein_change, "E17K");

  const Hotspot* r130 = ref().hotspot_at(Build::GRCh37, "10", 89692904, "C", "T");
  ASSERT_NE(r130, nullptr);
  EXPECT_EQ(r130->protein_change, "R130*");
  EXPECT_EQ(r130->variant_class, "Nonsense_Mutation");
}

TEST(Reference, HotspotDerivedQ546Stop) {
  const Hotspot* h37 = ref().hotspot_at(Build::GRCh37, "3", 178936094, "C", "T");
  ASSERT_NE(h37, nullptr);
  EXPECT_EQ(h37->protein_change, "Q546*");
  const Hotspot* h38 = ref().hotspot_at(Build::GRCh38, "3", 179218306, "C", "T");
  ASSERT_NE(h38, nullptr);
  EXPECT_EQ(h38->protein_change, "Q546*");
}

TEST(Reference, HotspotDeletionWithVcfAnchorBase) {
  // cancerhotspots: PIK3CA G106_R108del DEL 3:178916917 ATT>- (GRCh37); the base before it, 178916916, is A
  // (GENCODE v19 exon 2 sequence in reference-facts/PIK3CA_ENST00000263967_exons_GRCh37.fa).
  const Hotspot* h = ref().hotspot_at(Build::GRCh37, "3", 178916916, "AATT", "A");
  ASSERT_NE(h, nullptr);
  EXPECT_EQ(h->protein_change, "G106_R108del");
  EXPECT_EQ(h->pos, 178916917);
  EXPECT_EQ(h->ref, "ATT");
  EXPECT_EQ(h->alt, "-");
  EXPECT_EQ(ref().hotspot_at(Build::GRCh38, "chr3", 179199128, "AATT", "A")->pos, 179199129);
}

TEST(Reference, HotspotInsertionAtBaseBeforeAsInMaf) {
  // cancerhotspots: PIK3CA E110del INS 3:178916938 ->AAGAAA. The inserted bases equal the reference at
  // 178916939-178916944, so pos is the base before the insertion (MAF INS convention); that base is G.
  const Hotspot* h = ref().hotspot_at(Build::GRCh37, "3", 178916938, "G", "GAAGAAA");
  ASSERT_NE(h, nullptr);
  EXPECT_EQ(h->variant_class, "INS");
  EXPECT_EQ(h->pos, 178916938);
  EXPECT_EQ(h->ref, "-");
  EXPECT_EQ(h->alt, "AAGAAA");
  // The same insertion written one base to the right (anchor A at 178916939): matched by trimming the common
  // suffix first.
  EXPECT_EQ(ref().hotspot_at(Build::GRCh37, "3", 178916939, "A", "AAGAAAA"), h);
  EXPECT_EQ(ref().hotspot_at(Build::GRCh37, "3", 178916938, "G", "GAAGAA"), nullptr);
}

TEST(Reference, HotspotMnv) {
  // PTEN R130S is the MNV ACGA>CAGT at GRCh37 10:89692903 / GRCh38 10:87933146.
  const Hotspot* h = ref().hotspot_at(Build::GRCh37, "10", 89692903, "ACGA", "CAGT");
  ASSERT_NE(h, nullptr);
  EXPECT_EQ(h->gene, "PTEN");
  EXPECT_EQ(h->protein_change, "R130S");
  ASSERT_NE(ref().hotspot_at(Build::GRCh38, "chr10", 87933146, "ACGA", "CAGT"), nullptr);
  // PIK3CA Q546K GC>TA at 178936093, written with one trailing reference base (A at 178936095).
  const Hotspot* q = ref().hotspot_at(Build::GRCh37, "3", 178936093, "GCA", "TAA");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->protein_change, "Q546K");
  EXPECT_EQ(q->ref, "GC");
}

TEST(Reference, HotspotIgnoresSymbolicAlleles) {
  EXPECT_EQ(ref().hotspot_at(Build::GRCh37, "3", 178952085, "A", "<DEL>"), nullptr);
  EXPECT_EQ(ref().hotspot_at(Build::GRCh37, "3", 178952085, "A", "*"), nullptr);
  EXPECT_EQ(ref().hotspot_at(Build::GRCh37, "3", 178952085, "A", "."), nullptr);
  EXPECT_EQ(ref().hotspot_at(Build::GRCh37, "3", 178952085, "A", "A"), nullptr);
  EXPECT_EQ(ref().hotspot_at(Build::GRCh37, "3", 178952085, "", "G"), nullptr);
}

TEST(Reference, EveryBuiltinSubstitutionHotspotIsFoundByItsOwnAllele) {
  for (Build b : {Build::GRCh37, Build::GRCh38}) {
    int checked = 0;
    for (const Hotspot& h : ref().hotspots(b)) {
      const Gene* g = ref().gene(b, h.gene);
      ASSERT_NE(g, nullptr) << h.gene;
      EXPECT_EQ(g->chrom, h.chrom) << h.gene << " " << h.protein_change;
      EXPECT_TRUE(g->start <= h.pos && h.pos <= g->end) << h.gene << " " << h.protein_change;
      if (h.ref == "-" || h.alt == "-") continue;
      EXPECT_EQ(ref().hotspot_at(b, "chr" + h.chrom, h.pos, h.ref, h.alt), &h) << h.gene << " " << h.protein_change;
      ++checked;
    }
    EXPECT_EQ(checked, 504 - 99 - 25);  // minus the DEL and INS rows
  }
}

TEST(Reference, HotspotByProteinChange) {
  for (const char* change : {"H1047R", "p.H1047R", "p.His1047Arg", "p.(His1047Arg)",
                             "ENSP00000263967:p.His1047Arg", "ENST00000263967.3:p.His1047Arg"}) {
    const Hotspot* h = ref().hotspot_by_protein(Build::GRCh37, "PIK3CA", change);
    ASSERT_NE(h, nullptr) << change;
    EXPECT_EQ(h->pos, 178952085) << change;
  }
  EXPECT_EQ(ref().hotspot_by_protein(Build::GRCh38, "PIK3CA", "p.His1047Arg")->pos, 179234297);
  EXPECT_EQ(ref().hotspot_by_protein(Build::GRCh37, "PTEN", "p.Arg130Ter")->protein_change, "R130*");
  EXPECT_EQ(ref().hotspot_by_protein(Build::GRCh37, "PTEN", "p.R130*")->protein_change, "R130*");
  EXPECT_EQ(ref().hotspot_by_protein(Build::GRCh37, "PTEN", "R130X")->protein_change, "R130*");
  EXPECT_EQ(ref().hotspot_by_protein(Build::GRCh37, "AKT1", "p.Glu17Lys")->pos, 105246551);
  EXPECT_EQ(ref().hotspot_by_protein(Build::GRCh37, "PIK3CA", "p.Leu10_Met16del")->variant_class, "DEL");
  EXPECT_EQ(ref().hotspot_by_protein(Build::GRCh37, "AKT1", "p.His1047Arg"), nullptr);  // wrong gene
  EXPECT_EQ(ref().hotspot_by_protein(Build::GRCh37, "PIK3CA", "p.His1047Pro"), nullptr);  // not a hotspot
  EXPECT_EQ(ref().hotspot_by_protein(Build::GRCh37, "PIK3CA", ""), nullptr);
}

TEST(Reference, ShortProteinChange) {
  EXPECT_EQ(short_protein_change("p.His1047Arg"), "H1047R");
  EXPECT_EQ(short_protein_change("p.Leu10_Met16del"), "L10_M16del");
  EXPECT_EQ(short_protein_change("p.Cys60_Ile75dup"), "C60_I75dup");
  EXPECT_EQ(short_protein_change("p.Lys111AsnfsTer5"), "K111Nfs*5");
  EXPECT_EQ(short_protein_change("p.Glu545delinsLysGln"), "E545delinsKQ");
  EXPECT_EQ(short_protein_change(" E545K "), "E545K");
  EXPECT_EQ(short_protein_change("p.R130X"), "R130*");
}

TEST(Reference, ChromNamesAndBuilds) {
  EXPECT_EQ(canonical_chrom("chr3"), "3");
  EXPECT_EQ(canonical_chrom("3"), "3");
  EXPECT_EQ(canonical_chrom("chrX"), "X");
  EXPECT_EQ(canonical_chrom("chrM"), "MT");
  EXPECT_EQ(canonical_chrom("MT"), "MT");
  for (const char* s : {"GRCh37", "grch37", "hg19", "b37", "37"}) EXPECT_EQ(parse_build(s), Build::GRCh37) << s;
  for (const char* s : {"GRCh38", "HG38", "hg38", "38"}) EXPECT_EQ(parse_build(s), Build::GRCh38) << s;
  EXPECT_FALSE(parse_build("hg18").has_value());
  EXPECT_FALSE(parse_build("").has_value());
  EXPECT_EQ(to_string(Build::GRCh37), "GRCh37");
  EXPECT_EQ(to_string(Build::GRCh38), "GRCh38");
}

TEST(Reference, ContigLengths) {
  const auto& g37 = Reference::contig_lengths(Build::GRCh37);
  const auto& g38 = Reference::contig_lengths(Build::GRCh38);
  EXPECT_EQ(g37.size(), 25u);
  EXPECT_EQ(g38.size(), 25u);
  EXPECT_EQ(g37.at("1"), 249250621);
  EXPECT_EQ(g38.at("1"), 248956422);
  EXPECT_EQ(g37.at("3"), 198022430);
  EXPECT_EQ(g38.at("3"), 198295559);
  EXPECT_EQ(g37.at("MT"), 16569);
  EXPECT_EQ(g38.at("X"), 156040895);
}

TEST(Reference, UserGmtReplacesGeneSets) {
  // Real MSigDB line layout (name, URL, genes), shortened; a gene without coordinates (KRAS); CRLF and a
  // trailing tab as spreadsheets write them.
  TempFile gmt("sets.gmt",
               "MY_PI3K\thttp://example.org/my_pi3k\tPIK3CA\tKRAS\tAKT1\tPIK3CA\t\r\n"
               "\r\n"
               "MY_MTOR\tmTOR core\tMTOR\tRPTOR\r\n");
  Reference r = Reference::builtin();
  r.load_gene_set_gmt(gmt.path());
  ASSERT_EQ(r.gene_sets().size(), 2u);
  EXPECT_EQ(r.gene_sets()[0].name, "MY_PI3K");
  EXPECT_EQ(r.gene_sets()[0].genes, (std::vector<std::string>{"PIK3CA", "KRAS", "AKT1"}));
  EXPECT_EQ(r.feature_genes(), (std::vector<std::string>{"PIK3CA", "KRAS", "AKT1", "MTOR", "RPTOR"}));
  EXPECT_EQ(r.genes_without_coordinates(Build::GRCh37), std::vector<std::string>{"KRAS"});
  EXPECT_EQ(r.genes_without_coordinates(Build::GRCh38), std::vector<std::string>{"KRAS"});
  EXPECT_EQ(r.role("KRAS"), GeneRole::Unknown);
  EXPECT_EQ(r.genes_at(Build::GRCh37, "3", 178952085).size(), 1u);
  EXPECT_TRUE(r.genes_at(Build::GRCh37, "10", 89692904).empty());  // PTEN is no longer a feature
  // Hotspots and gene records are not tied to the gene sets.
  EXPECT_NE(r.hotspot_at(Build::GRCh37, "10", 89692904, "C", "T"), nullptr);
  EXPECT_NE(r.gene(Build::GRCh37, "PTEN"), nullptr);
  // The built-in reference is unchanged.
  EXPECT_EQ(ref().feature_genes().size(), 29u);
  r.load_gene_set_gmt("");  // empty path = keep
  EXPECT_EQ(r.gene_sets().size(), 2u);
}

TEST(Reference, BadGmtNamesFileAndLine) {
  TempFile missing_genes("bad.gmt", "GOOD\tdesc\tPTEN\nBAD_SET\tonly a description\n");
  std::string msg = input_error([&] { Reference::builtin().load_gene_set_gmt(missing_genes.path()); });
  EXPECT_NE(msg.find(missing_genes.path() + ":2:"), std::string::npos) << msg;

  TempFile spaces("spaces.gmt", "SET desc PTEN AKT1\n");
  msg = input_error([&] { Reference::builtin().load_gene_set_gmt(spaces.path()); });
  EXPECT_NE(msg.find(spaces.path() + ":1:"), std::string::npos) << msg;
  EXPECT_NE(msg.find("tab"), std::string::npos) << msg;

  TempFile dup("dup.gmt", "A\td\tPTEN\nB\td\tAKT1\nA\td\tMTOR\n");
  msg = input_error([&] { Reference::builtin().load_gene_set_gmt(dup.path()); });
  EXPECT_NE(msg.find(dup.path() + ":3:"), std::string::npos) << msg;

  TempFile clash("clash.gmt", "PTEN\td\tPTEN\tAKT1\n");
  msg = input_error([&] { Reference::builtin().load_gene_set_gmt(clash.path()); });
  EXPECT_NE(msg.find(clash.path() + ":1:"), std::string::npos) << msg;

  TempFile empty("empty.gmt", "\n\n");
  msg = input_error([&] { Reference::builtin().load_gene_set_gmt(empty.path()); });
  EXPECT_NE(msg.find(empty.path()), std::string::npos) << msg;

  try {  // a file that cannot be opened is an IoError (exit 1), as for every text input
    Reference::builtin().load_gene_set_gmt("/nonexistent/dir/sets.gmt");
    ADD_FAILURE() << "no error";
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/dir/sets.gmt: cannot open"), std::string::npos) << e.what();
  }
}

TEST(Reference, UserHotspotsReplaceBuiltin) {
  TempFile tsv("hotspots.tsv",
               "# my lab's hotspots\n"
               "gene\tprotein_change\tvariant_class\tbuild\tchrom\tpos\tref\talt\n"
               "KRAS\tp.Gly12Asp\tMissense_Mutation\tGRCh37\tchr12\t25398284\tc\tt\n"
               "PIK3CA\tE110del\tINS\thg38\t3\t179199150\t-\tAAGAAA\n");
  Reference r = Reference::builtin();
  r.load_hotspots(tsv.path());
  ASSERT_EQ(r.hotspots(Build::GRCh37).size(), 1u);
  ASSERT_EQ(r.hotspots(Build::GRCh38).size(), 1u);
  const Hotspot* g12d = r.hotspot_at(Build::GRCh37, "12", 25398284, "C", "T");
  ASSERT_NE(g12d, nullptr);
  EXPECT_EQ(g12d->protein_change, "G12D");
  EXPECT_EQ(g12d->chrom, "12");
  EXPECT_EQ(r.hotspot_by_protein(Build::GRCh37, "KRAS", "G12D"), g12d);
  EXPECT_EQ(r.hotspot_at(Build::GRCh37, "3", 178952085, "A", "G"), nullptr);  // built-in rows are gone
  // GRCh38 E110del: the GRCh37 anchor G at 178916938 lifts to 179199150.
  EXPECT_NE(r.hotspot_at(Build::GRCh38, "chr3", 179199150, "G", "GAAGAAA"), nullptr);
}

TEST(Reference, BadHotspotFilesNameFileAndLine) {
  const std::string header = "gene\tprotein_change\tvariant_class\tbuild\tchrom\tpos\tref\talt\n";
  struct Case {
    std::string body, line, words;
  };
  for (const Case& c : std::vector<Case>{
           {"# c\n" + header + "PTEN\tR130*\tNonsense_Mutation\tGRCh37\t10\tabc\tC\tT\n", ":3:", "pos 'abc'"},
           {header + "PTEN\tR130*\tNonsense_Mutation\thg18\t10\t89692904\tC\tT\n", ":2:", "unknown build 'hg18'"},
           {header + "PTEN\tR130*\tNonsense_Mutation\tGRCh37\t10\t89692904\tC\n", ":2:", "row has 7 fields"},
           {header + "PTEN\tR130*\tNonsense_Mutation\tGRCh37\t10\t89692904\tC\tZ\n", ":2:", "alt 'Z'"},
           {header + "PTEN\tR130*\tNonsense_Mutation\tGRCh37\t10\t89692904\tC\tT\n" +
                "PTEN\tR130X\tNonsense_Mutation\tGRCh37\tchr10\t89692904\tC\tT\n",
            ":3:", "listed twice"},
           {"gene\tprotein_change\tvariant_class\tchrom\tpos\tref\talt\n", ":1:", "missing column 'build'"},
       }) {
    TempFile tsv("hotspots.tsv", c.body);
    std::string msg = input_error([&] { Reference::builtin().load_hotspots(tsv.path()); });
    EXPECT_NE(msg.find(tsv.path() + c.line), std::string::npos) << msg;
    EXPECT_NE(msg.find(c.words), std::string::npos) << msg;
  }
}

TEST(Reference, UserGenesFile) {
  TempFile tsv("genes.tsv",
               "gene\tchrom\tstart\tend\tstrand\n"
               "PIK3CA\tchr3\t178866311\t178952152\t+\n");
  Reference r = Reference::builtin();
  r.load_genes(Build::GRCh37, tsv.path());
  ASSERT_EQ(r.genes(Build::GRCh37).size(), 1u);
  EXPECT_EQ(r.gene(Build::GRCh37, "PIK3CA")->end, 178952152);
  EXPECT_EQ(r.gene(Build::GRCh37, "PIK3CA")->role, GeneRole::Oncogene);
  EXPECT_TRUE(r.genes_at(Build::GRCh37, "3", 178952153).empty());
  EXPECT_EQ(r.genes_without_coordinates(Build::GRCh37).size(), 28u);
  EXPECT_EQ(r.genes(Build::GRCh38).size(), 29u);  // the other build is untouched

  TempFile bad("genes_bad.tsv",
               "gene\tchrom\tstart\tend\tstrand\n"
               "PTEN\t10\t89622870\t89731687\t+\n"
               "AKT1\t14\t105262088\t105235686\tx\n");
  std::string msg = input_error([&] { Reference::builtin().load_genes(Build::GRCh37, bad.path()); });
  EXPECT_NE(msg.find(bad.path() + ":3:"), std::string::npos) << msg;
}

TEST(Reference, ParsersReadTextWithBomAndCrlf) {
  auto sets = parse_gmt("\xEF\xBB\xBFS1\tdesc\tA\tB\r\n", "mem.gmt");
  ASSERT_EQ(sets.size(), 1u);
  EXPECT_EQ(sets[0].name, "S1");
  auto roles = parse_pathway_genes_tsv("gene\trole\r\nPTEN\ttsg\r\nAKT1\tOG\r\n", "mem.tsv");
  ASSERT_EQ(roles.size(), 2u);
  EXPECT_EQ(roles[0].role, GeneRole::TumorSuppressor);
  std::string msg = input_error([] { parse_pathway_genes_tsv("gene\trole\nPTEN\tmaybe\n", "mem.tsv"); });
  EXPECT_NE(msg.find("mem.tsv:2:"), std::string::npos) << msg;
  auto genes = parse_genes_tsv("gene\tchrom\tstart\tend\tstrand\tcanonical_transcript\nX1\t1\t5\t9\t-1\tENST00000000001.7\n",
                               "mem.tsv");
  ASSERT_EQ(genes.size(), 1u);
  EXPECT_EQ(genes[0].strand, '-');
  EXPECT_EQ(genes[0].canonical_transcript, "ENST00000000001");
}

}  // namespace
}  // namespace pathcorr
