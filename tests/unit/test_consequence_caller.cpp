// Tests of the transcript model readers (GTF, GFF3, built-in canonical_exons.tsv) and of pathcorr's own
// consequence caller. The caller is checked against three independent annotators: bcftools csq 1.16 on the
// fixture of tests/data/csq (expected_bcsq.vcf, written by tests/data/csq/make_fixture.py with the command in
// that script), Ensembl VEP (the real PCGR/VEP file's H1047R record) and Oncotator/GENCODE v19 (the real GATK
// PIK3CA test files). The fixture contig "3" is GRCh37 chr3 shifted by -kOffset with N outside the PIK3CA exons;
// contig "rc3" is its reverse complement, so every variant is also called on a minus-strand copy of the gene.
#include <gtest/gtest.h>
#include <htslib/faidx.h>
#include <htslib/hts.h>
#include <htslib/kstring.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

#include "annotators/annotation.h"
#include "annotators/consequence.h"
#include "annotators/consequence_caller.h"
#include "annotators/transcript_model.h"
#include "pipeline/base/errors.h"
#include "pipeline/base/protein.h"

using namespace pathcorr;

namespace {

const std::string kCsq = std::string(PATHCORR_TEST_DATA) + "/csq/";
const std::string kReal = std::string(PATHCORR_TEST_DATA) + "/real/pathway/";
const std::string kFasta = kCsq + "pik3ca_chr3.fa.gz";
const std::string kGff3 = kCsq + "pik3ca_shifted.gff3";
const std::string kGtf = kCsq + "PIK3CA.gencode.v19.annotation.gtf";
constexpr int64_t kOffset = 178860000;        // make_fixture.py OFFSET: fixture "3" = GRCh37 - kOffset
constexpr int64_t kContigLength = 105000;     // make_fixture.py CONTIG_LEN

// Lines of a plain or gzip text file.
std::vector<std::string> read_lines(const std::string& path) {
  std::vector<std::string> out;
  htsFile* f = hts_open(path.c_str(), "r");
  if (!f) throw std::runtime_error("cannot open " + path);
  kstring_t ks = {0, 0, nullptr};
  while (hts_getline(f, '\n', &ks) >= 0) out.emplace_back(ks.s, ks.l);
  free(ks.s);
  hts_close(f);
  return out;
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string item;
  std::istringstream in(s);
  while (std::getline(in, item, sep)) out.push_back(item);
  if (!s.empty() && s.back() == sep) out.emplace_back();
  return out;
}

struct Record {
  std::string chrom;
  int64_t pos = 0;
  std::string id, ref, alt, info;
};

Record parse_record(const std::string& line) {
  std::vector<std::string> f = split(line, '\t');
  Record r;
  r.chrom = f.at(0);
  r.pos = std::stoll(f.at(1));
  r.id = f.at(2);
  r.ref = f.at(3);
  r.alt = f.at(4);
  r.info = f.at(7);
  return r;
}

std::string info_value(const std::string& info, const std::string& key) {
  for (const std::string& kv : split(info, ';'))
    if (kv.compare(0, key.size() + 1, key + "=") == 0) return kv.substr(key.size() + 1);
  return "";
}

std::string joined(const std::vector<std::string>& terms) {
  std::string out;
  for (const std::string& t : terms) out += (out.empty() ? "" : "&") + t;
  return out;
}

const TranscriptModel* find_model(const std::vector<TranscriptModel>& models, const std::string& id) {
  for (const TranscriptModel& m : models)
    if (m.transcript_id == id) return &m;
  return nullptr;
}

int64_t exon_length(const TranscriptModel& m) {
  int64_t n = 0;
  for (const auto& [a, b] : m.exons) n += b - a + 1;
  return n;
}

int64_t cds_length(const TranscriptModel& m) {
  int64_t n = 0;
  for (const auto& [a, b] : m.exons) {
    int64_t lo = std::max(a, m.cds_start), hi = std::min(b, m.cds_end);
    if (lo <= hi) n += hi - lo + 1;
  }
  return n;
}

std::string temp_path(const std::string& name) {
  return (testing::TempDir().empty() ? std::string("/tmp/") : testing::TempDir()) + "pathcorr_csq_" +
         std::to_string(getpid()) + "_" + name;
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

ConsequenceCaller& fixture_caller() {
  static ConsequenceCaller caller(kFasta, read_transcript_models(kGff3));
  return caller;
}

}  // namespace

// ------------------------------------------------------------------------------------------------------------
// Transcript models
// ------------------------------------------------------------------------------------------------------------

TEST(TranscriptModels, ReadsGencodeGtf) {
  auto models = read_transcript_models(kGtf);
  ASSERT_EQ(models.size(), 4u);
  const TranscriptModel* m = find_model(models, "ENST00000263967.3");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->gene, "PIK3CA");
  EXPECT_EQ(m->chrom, "3");  // "chr3" in the file
  EXPECT_EQ(m->strand, '+');
  ASSERT_EQ(m->exons.size(), 21u);
  using Exon = std::pair<int64_t, int64_t>;
  EXPECT_EQ(m->exons.front(), Exon(178866311, 178866391));
  EXPECT_EQ(m->exons.back(), Exon(178951882, 178957881));
  // GTF CDS rows stop before the stop codon; the model's CDS includes it (stop_codon 178952150-178952152).
  EXPECT_EQ(m->cds_start, 178916614);
  EXPECT_EQ(m->cds_end, 178952152);
  EXPECT_EQ(cds_length(*m), 3207);    // 1068 aa + stop (reference-facts README)
  EXPECT_EQ(exon_length(*m), 9093);   // VEP cDNA_position=3297/9093 in the PCGR file
  // The retained-intron transcript has no CDS; the cds_end_NF one ends at its last CDS base.
  const TranscriptModel* nc = find_model(models, "ENST00000462255.1");
  ASSERT_NE(nc, nullptr);
  EXPECT_FALSE(nc->coding());
  const TranscriptModel* partial = find_model(models, "ENST00000477735.1");
  ASSERT_NE(partial, nullptr);
  EXPECT_TRUE(partial->coding());
  EXPECT_EQ(partial->cds_end, 178916676);
}

TEST(TranscriptModels, ShiftedGff3MatchesTheGtfAndItsReverseComplement) {
  auto gtf = read_transcript_models(kGtf);
  auto gff = read_transcript_models(kGff3);
  ASSERT_EQ(gff.size(), 2u);
  const TranscriptModel* real = find_model(gtf, "ENST00000263967.3");
  const TranscriptModel* fwd = find_model(gff, "ENST00000263967");
  const TranscriptModel* rev = find_model(gff, "ENST00000263967_rc");
  ASSERT_TRUE(real && fwd && rev);
  EXPECT_EQ(fwd->gene, "PIK3CA");  // from the gene feature's Name
  EXPECT_EQ(rev->gene, "PIK3CA");
  EXPECT_EQ(fwd->chrom, "3");
  EXPECT_EQ(rev->chrom, "rc3");
  EXPECT_EQ(rev->strand, '-');
  ASSERT_EQ(fwd->exons.size(), real->exons.size());
  ASSERT_EQ(rev->exons.size(), real->exons.size());
  const size_t n = real->exons.size();
  for (size_t i = 0; i < n; ++i) {
    EXPECT_EQ(fwd->exons[i].first, real->exons[i].first - kOffset);
    EXPECT_EQ(fwd->exons[i].second, real->exons[i].second - kOffset);
    EXPECT_EQ(rev->exons[n - 1 - i].first, kContigLength - (real->exons[i].second - kOffset) + 1);
    EXPECT_EQ(rev->exons[n - 1 - i].second, kContigLength - (real->exons[i].first - kOffset) + 1);
  }
  // Ensembl GFF3 CDS rows include the stop codon already.
  EXPECT_EQ(fwd->cds_start, real->cds_start - kOffset);
  EXPECT_EQ(fwd->cds_end, real->cds_end - kOffset);
  EXPECT_EQ(cds_length(*rev), 3207);
}

TEST(TranscriptModels, ReadsGzipAndGencodeStyleGff3) {
  // gzip copy of the GFF3 gives the same models.
  std::string gz = temp_path("models.gff3.gz");
  {
    std::string text;
    for (const std::string& l : read_lines(kGff3)) text += l + "\n";
    gzFile out = gzopen(gz.c_str(), "wb");
    ASSERT_NE(out, nullptr);
    gzwrite(out, text.data(), static_cast<unsigned>(text.size()));
    gzclose(out);
  }
  auto plain = read_transcript_models(kGff3);
  auto zipped = read_transcript_models(gz);
  ASSERT_EQ(plain.size(), zipped.size());
  for (size_t i = 0; i < plain.size(); ++i) {
    EXPECT_EQ(plain[i].transcript_id, zipped[i].transcript_id);
    EXPECT_EQ(plain[i].exons, zipped[i].exons);
    EXPECT_EQ(plain[i].cds_end, zipped[i].cds_end);
  }
  std::remove(gz.c_str());

  // GENCODE GFF3: plain IDs, transcript_id/gene_name attributes, CDS without the stop codon, Ensembl_canonical tag.
  std::string path = temp_path("gencode.gff3");
  write_file(path,
             "##gff-version 3\n"
             "chr10\tHAVANA\tgene\t100\t900\t.\t-\t.\tID=ENSG1.1;gene_name=GENEX\n"
             "chr10\tHAVANA\ttranscript\t100\t900\t.\t-\t.\tID=ENST1.2;Parent=ENSG1.1;transcript_id=ENST1.2;"
             "gene_name=GENEX;tag=basic,Ensembl_canonical\n"
             "chr10\tHAVANA\texon\t500\t900\t.\t-\t.\tID=exon:ENST1.2:1;Parent=ENST1.2\n"
             "chr10\tHAVANA\texon\t100\t300\t.\t-\t.\tID=exon:ENST1.2:2;Parent=ENST1.2\n"
             "chr10\tHAVANA\tCDS\t500\t800\t.\t-\t0\tID=CDS:ENST1.2;Parent=ENST1.2\n"
             "chr10\tHAVANA\tCDS\t203\t300\t.\t-\t0\tID=CDS:ENST1.2;Parent=ENST1.2\n"
             "chr10\tHAVANA\tstop_codon\t200\t202\t.\t-\t0\tID=stop:ENST1.2;Parent=ENST1.2\n");
  auto models = read_transcript_models(path);
  ASSERT_EQ(models.size(), 1u);
  EXPECT_EQ(models[0].transcript_id, "ENST1.2");
  EXPECT_EQ(models[0].gene, "GENEX");
  EXPECT_EQ(models[0].chrom, "10");
  EXPECT_TRUE(models[0].canonical);
  EXPECT_EQ(models[0].cds_start, 200);
  EXPECT_EQ(models[0].cds_end, 800);
  std::remove(path.c_str());
}

TEST(TranscriptModels, BadFilesNameTheLine) {
  struct Case {
    const char* text;
    const char* expect;
  };
  const Case cases[] = {
      {"chr1\ts\texon\t100\t50\t.\t+\t.\tgene_id \"G\"; transcript_id \"T\";\n", ":1: end 50 is before start 100"},
      {"chr1\ts\texon\t100\t200\t.\t+\t.\tgene_id \"G\"; transcript_id \"T\";\n"
       "chr1\ts\texon\t300\t400\t.\t-\t.\tgene_id \"G\"; transcript_id \"T\";\n",
       ":2: transcript is on strand + (line 1) and on - here"},
      {"chr1\ts\texon\tx\t200\t.\t+\t.\tgene_id \"G\"; transcript_id \"T\";\n", ":1: start 'x' is not a positive"},
      {"chr1\ts\texon\t100\t200\t.\t+\n", ":1: expected 9 tab-separated columns"},
      {"chr1\ts\texon\t100\t200\t.\t+\t.\tgene_id \"G\";\n", ":1: exon row without a transcript_id"},
      {"chr1\ts\texon\t100\t200\t.\t+\t.\tgene_id \"G\"; transcript_id \"T\";\n"
       "chr1\ts\texon\t150\t250\t.\t+\t.\tgene_id \"G\"; transcript_id \"T\";\n",
       ":2: exon 150-250 of T overlaps exon 100-200 (line 1)"},
      {"chr1\ts\tgene\t100\t200\t.\t+\t.\tgene_id \"G\";\n", "no transcript with exon rows"},
  };
  std::string path = temp_path("bad.gtf");
  for (const Case& c : cases) {
    write_file(path, c.text);
    try {
      read_transcript_models(path);
      ADD_FAILURE() << "no error for: " << c.text;
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find(c.expect), std::string::npos) << e.what();
    }
  }
  std::remove(path.c_str());
  EXPECT_THROW(read_transcript_models(kCsq + "does_not_exist.gtf"), IoError);
}

TEST(TranscriptModels, BuiltinModelsMatchTheGencodeAndHmftoolsModels) {
  auto gtf = read_transcript_models(kGtf);
  const TranscriptModel* real = find_model(gtf, "ENST00000263967.3");
  ASSERT_NE(real, nullptr);
  auto b37 = builtin_transcript_models(Build::GRCh37);
  auto b38 = builtin_transcript_models(Build::GRCh38);
  ASSERT_EQ(b37.size(), 2u);
  ASSERT_EQ(b38.size(), 2u);
  const TranscriptModel* pik37 = find_model(b37, "ENST00000263967");
  const TranscriptModel* pten37 = find_model(b37, "ENST00000371953");
  const TranscriptModel* pik38 = find_model(b38, "ENST00000263967");
  const TranscriptModel* pten38 = find_model(b38, "ENST00000371953");
  ASSERT_TRUE(pik37 && pten37 && pik38 && pten38);
  EXPECT_EQ(pik37->exons, real->exons);
  EXPECT_EQ(pik37->cds_start, real->cds_start);
  EXPECT_EQ(pik37->cds_end, real->cds_end);
  EXPECT_TRUE(pik37->canonical);
  EXPECT_EQ(pik37->gene, "PIK3CA");
  // reference-facts README "Key facts": CDS spans and lengths (incl. stop) in both builds.
  EXPECT_EQ(pik38->cds_start, 179198826);
  EXPECT_EQ(pik38->cds_end, 179234364);
  EXPECT_EQ(cds_length(*pik38), 3207);
  EXPECT_EQ(pten37->chrom, "10");
  EXPECT_EQ(pten37->exons.size(), 9u);
  EXPECT_EQ(pten37->cds_start, 89624227);
  EXPECT_EQ(pten37->cds_end, 89725229);
  EXPECT_EQ(cds_length(*pten37), 1212);  // 403 aa + stop
  EXPECT_EQ(pten38->cds_start, 87864470);
  EXPECT_EQ(pten38->cds_end, 87965472);
  EXPECT_EQ(cds_length(*pten38), 1212);
}

TEST(TranscriptModels, CanonicalExonsTableErrors) {
  const std::string header =
      "build\tgene\ttranscript_id\tchrom\tstrand\texon_number\texon_start\texon_end\tcds_start\tcds_end\n";
  EXPECT_THROW(parse_canonical_exons_tsv(header + "GRCh37\tG\tT\t1\t+\t1\t10\t5\t\t\n", "t.tsv", Build::GRCh37),
               InputError);
  EXPECT_THROW(parse_canonical_exons_tsv(header + "GRCh37\tG\tT\t1\t+\t1\t10\t50\t60\t70\n", "t.tsv",
                                         Build::GRCh37),
               InputError);
  try {
    parse_canonical_exons_tsv(header + "GRCh99\tG\tT\t1\t+\t1\t10\t50\t\t\n", "t.tsv", Build::GRCh37);
    ADD_FAILURE();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("t.tsv:2: unknown build 'GRCh99'"), std::string::npos) << e.what();
  }
  // Rows of the other build are skipped.
  EXPECT_TRUE(parse_canonical_exons_tsv(header + "GRCh38\tG\tT\t1\t+\t1\t10\t50\t\t\n", "t.tsv", Build::GRCh37).empty());
}

// ------------------------------------------------------------------------------------------------------------
// Consequence calls
// ------------------------------------------------------------------------------------------------------------

TEST(ConsequenceCaller, HotspotsFromSequenceAlone) {
  // GRCh37 positions from reference-facts "Key facts", shifted into the fixture.
  struct Case {
    int64_t grch37;
    const char *ref, *alt, *term, *hgvsp, *hgvsp_short, *hgvsc;
  };
  const Case cases[] = {
      {178952085, "A", "G", "missense_variant", "p.His1047Arg", "H1047R", "c.3140A>G"},
      {178936091, "G", "A", "missense_variant", "p.Glu545Lys", "E545K", "c.1633G>A"},
      {178936082, "G", "A", "missense_variant", "p.Glu542Lys", "E542K", "c.1624G>A"},
      {178936094, "C", "T", "stop_gained", "p.Gln546Ter", "Q546*", "c.1636C>T"},
      {178952084, "C", "T", "missense_variant", "p.His1047Tyr", "H1047Y", "c.3139C>T"},
      {178917478, "G", "A", "missense_variant&splice_region_variant", "p.Gly118Asp", "G118D", "c.353G>A"},  // exon 3 base 1
  };
  for (const Case& c : cases) {
    auto effects = fixture_caller().effects("3", c.grch37 - kOffset, c.ref, c.alt);
    ASSERT_EQ(effects.size(), 1u) << c.hgvsp;
    EXPECT_EQ(effects[0].gene, "PIK3CA");
    EXPECT_EQ(effects[0].transcript, "ENST00000263967");
    EXPECT_EQ(joined(effects[0].so_terms), c.term);
    EXPECT_EQ(effects[0].hgvsp, c.hgvsp);
    EXPECT_EQ(effects[0].hgvsp_short, c.hgvsp_short);
    EXPECT_EQ(effects[0].hgvsc, c.hgvsc);
    EXPECT_TRUE(is_protein_changing(effects[0].so_terms));
  }
}

// What bcftools csq wrote for the forward-strand record (checked below against expected_bcsq.vcf) and the VEP-style
// result we must give for it and for its minus-strand copy. Our HGVSp was derived by hand from bcftools' amino-acid
// change: bcftools lists the touched codons unshifted ("418EHC>418E" = His419_Cys420 deleted) and, for frameshifts,
// the whole new C-terminus ("543I...>543ILSRRKIFYGVTDTIV*": Thr544 -> Leu, stop 16 residues on).
struct Expected {
  const char* id;
  const char* bcsq;   // consequence|amino_acid_change of the forward record ("" = no BCSQ at all)
  const char* terms;  // ours, most severe first
  const char* hgvsp;
  const char* hgvsc;
};
const Expected kExpected[] = {
    {"H1047R", "missense|1047H>1047R", "missense_variant", "p.His1047Arg", "c.3140A>G"},
    {"H1047L", "missense|1047H>1047L", "missense_variant", "p.His1047Leu", "c.3140A>T"},
    {"E545K", "missense|545E>545K", "missense_variant", "p.Glu545Lys", "c.1633G>A"},
    {"E542K", "missense|542E>542K", "missense_variant", "p.Glu542Lys", "c.1624G>A"},
    {"Q546_stop", "stop_gained|546Q>546*", "stop_gained", "p.Gln546Ter", "c.1636C>T"},
    {"E545_syn", "synonymous|545E", "synonymous_variant", "p.Glu545=", "c.1635G>A"},
    // TGA>CGA; the 3' UTR then reads AAA GAT AAC TGA: Arg, 3 residues, stop at *4.
    {"stop_lost", "stop_lost|1069*>1069R", "stop_lost", "p.Ter1069ArgextTer4", "c.3205T>C"},
    {"start_lost", "start_lost|", "start_lost", "p.Met1?", "c.1A>G"},
    {"E545K_Q546K_mnv", "missense|545EQ>545KK", "missense_variant", "p.Glu545_Gln546delinsLysLys",
     "c.1633_1636delinsAAGA"},
    {"fs_del", "frameshift|543I", "frameshift_variant", "p.Thr544LeufsTer16", "c.1629del"},
    {"fs_ins", "frameshift|544T", "frameshift_variant", "p.Glu545Ter", "c.1631_1632insG"},
    {"inframe_del", "inframe_deletion|543IT>543I", "inframe_deletion", "p.Thr544del", "c.1630_1632del"},
    {"inframe_delins", "inframe_deletion|542EIT>542A", "inframe_deletion", "p.Glu542_Thr544delinsAla",
     "c.1625_1630del"},
    // The 6-bp deletion can slide one base right (CACTGT|C); HGVS c. takes the 3'-most place.
    {"H419_C420del", "inframe_deletion|418EHC>418E", "inframe_deletion", "p.His419_Cys420del", "c.1256_1261del"},
    {"inframe_ins", "inframe_insertion|545E>545EA", "inframe_insertion", "p.Glu545_Gln546insAla",
     "c.1635_1636insGCA"},
    {"splice_donor", "splice_donor|", "splice_donor_variant", "", "c.1664+1G>A"},
    {"splice_donor2", "splice_donor|", "splice_donor_variant", "", "c.1539+2T>C"},
    {"splice_acceptor", "splice_acceptor|", "splice_acceptor_variant", "", "c.1540-1G>A"},
    {"splice_acceptor2", "splice_acceptor|", "splice_acceptor_variant", "", "c.1540-2A>G"},
    {"splice_region_intron", "splice_region|", "splice_region_variant&intron_variant", "", "c.1664+5G>C"},
    {"splice_region_exon", "splice_region|,missense|555R>555K", "missense_variant&splice_region_variant",
     "p.Arg555Lys", "c.1664G>A"},
    {"boundary_del", "frameshift&splice_donor|",
     "splice_donor_variant&frameshift_variant&splice_region_variant&coding_sequence_variant", "",
     "c.1663_1664+2del"},
    {"intron", "intron|", "intron_variant", "", "c.1664+15T>C"},
    {"utr5_exon2", "5_prime_utr|", "5_prime_UTR_variant", "", "c.-14A>G"},
    {"utr5_exon1", "5_prime_utr|", "5_prime_UTR_variant", "", "c.-118C>T"},
    {"utr3", "3_prime_utr|", "3_prime_UTR_variant", "", "c.*48T>C"},
    {"upstream", "", "upstream_gene_variant", "", ""},
    {"downstream", "", "downstream_gene_variant", "", ""},
};

// "missense|PIK3CA|ENST...|protein_coding|+|1047H>1047R|92085A>G,..." -> "missense|1047H>1047R,..."; frameshift
// amino-acid changes are cut to their first residue ("543ITEQ...>543IL..." -> "543I").
std::string bcsq_summary(const std::string& bcsq) {
  std::string out;
  for (const std::string& entry : split(bcsq, ',')) {
    std::vector<std::string> f = split(entry, '|');
    std::string aa = f.size() > 5 ? f[5] : "";
    if (f[0].find("frameshift") != std::string::npos && !aa.empty()) {
      size_t i = 0;
      while (i < aa.size() && isdigit(static_cast<unsigned char>(aa[i]))) ++i;
      aa = aa.substr(0, i + 1);
    }
    out += (out.empty() ? "" : ",") + f[0] + "|" + aa;
  }
  return out;
}

TEST(ConsequenceCaller, FixtureTableOnBothStrands) {
  std::map<std::string, Record> records;
  for (const std::string& line : read_lines(kCsq + "expected_bcsq.vcf"))
    if (!line.empty() && line[0] != '#') {
      Record r = parse_record(line);
      records[r.id] = r;
    }
  ASSERT_EQ(records.size(), 2 * (sizeof(kExpected) / sizeof(kExpected[0])));
  for (const Expected& e : kExpected) {
    for (const std::string& id : {std::string(e.id), std::string(e.id) + "_rc"}) {
      SCOPED_TRACE(id);
      ASSERT_TRUE(records.count(id));
      const Record& r = records[id];
      if (id == e.id) {
        EXPECT_EQ(bcsq_summary(info_value(r.info, "BCSQ")), e.bcsq);
      }
      auto effects = fixture_caller().effects(r.chrom, r.pos, r.ref, r.alt);
      ASSERT_EQ(effects.size(), 1u);
      EXPECT_EQ(effects[0].gene, "PIK3CA");
      EXPECT_EQ(effects[0].transcript, id == e.id ? "ENST00000263967" : "ENST00000263967_rc");
      EXPECT_EQ(joined(effects[0].so_terms), e.terms);
      EXPECT_EQ(effects[0].hgvsp, e.hgvsp);
      EXPECT_EQ(effects[0].hgvsp_short, short_protein_change(e.hgvsp));
      EXPECT_EQ(effects[0].hgvsc, e.hgvsc);
    }
  }
}

// Generic comparison with bcftools through the project's own BCSQ reader: the same SO terms (we may add the
// non-protein-changing terms bcftools never writes) and, for single-residue changes, the same short change.
TEST(ConsequenceCaller, AgreesWithBcftoolsCsqOnEveryFixtureRecord) {
  std::string header;
  std::vector<Record> records;
  for (const std::string& line : read_lines(kCsq + "expected_bcsq.vcf")) {
    if (line.empty()) continue;
    if (line[0] == '#')
      header += line + "\n";
    else
      records.push_back(parse_record(line));
  }
  auto reader = make_annotation_reader(header, "bcsq");
  ASSERT_NE(reader, nullptr);
  const std::set<std::string> extras_allowed = {"splice_region_variant", "intron_variant", "coding_sequence_variant",
                                                "upstream_gene_variant", "downstream_gene_variant"};
  int single_residue_checks = 0;
  for (const Record& r : records) {
    SCOPED_TRACE(r.id);
    AlleleContext ctx;
    ctx.ref = r.ref;
    ctx.alts = {r.alt};
    auto theirs = reader->effects({info_value(r.info, "BCSQ")}, ctx);
    auto ours = fixture_caller().effects(r.chrom, r.pos, r.ref, r.alt);
    ASSERT_EQ(ours.size(), 1u);
    std::set<std::string> their_terms, our_terms(ours[0].so_terms.begin(), ours[0].so_terms.end());
    std::string their_short, their_aa;
    for (const TranscriptEffect& t : theirs) {
      EXPECT_EQ(t.gene, "PIK3CA");
      if (!t.transcript.empty()) {  // bcftools leaves it empty for introns
        EXPECT_EQ(t.transcript, ours[0].transcript);
      }
      their_terms.insert(t.so_terms.begin(), t.so_terms.end());
      if (their_aa.empty() && !t.hgvsp.empty()) {
        their_short = t.hgvsp_short;
        their_aa = t.hgvsp;
      }
    }
    for (const std::string& t : their_terms) EXPECT_TRUE(our_terms.count(t)) << "bcftools says " << t;
    for (const std::string& t : our_terms) {
      if (!their_terms.count(t)) {
        EXPECT_TRUE(extras_allowed.count(t)) << "we add " << t;
      }
    }
    std::vector<std::string> their_list(their_terms.begin(), their_terms.end());
    EXPECT_EQ(is_protein_changing(ours[0].so_terms), is_protein_changing(their_list));
    EXPECT_EQ(classify(ours[0].so_terms), classify(their_list));
    // "1047H>1047R", "546Q>546*", "545E": one residue on each side.
    auto one_residue = [](const std::string& side) {
      size_t digits = side.find_first_not_of("0123456789");
      return digits != std::string::npos && digits > 0 && side.size() - digits == 1;
    };
    const size_t gt = their_aa.find('>');
    const bool single = gt == std::string::npos
                            ? one_residue(their_aa)
                            : one_residue(their_aa.substr(0, gt)) && one_residue(their_aa.substr(gt + 1));
    if (single && (their_terms.count("missense_variant") || their_terms.count("stop_gained") ||
                   their_terms.count("synonymous_variant"))) {
      EXPECT_EQ(ours[0].hgvsp_short, their_short);
      ++single_residue_checks;
    }
  }
  EXPECT_EQ(single_residue_checks, 2 * 7);  // H1047R, H1047L, E545K, E542K, Q546*, E545=, R555K on both strands
}

TEST(ConsequenceCaller, AgreesWithVepOnTheRealPcgrH1047R) {
  // Real VEP annotation (GRCh37, ENST00000263967.3): translate the record into the fixture's coordinates.
  std::string header, line_1047;
  for (const std::string& line : read_lines(kReal + "pcgr_tumor_sample.BRCA.pcgr_vep_PIK3CA_H1047R.vcf.gz")) {
    if (!line.empty() && line[0] == '#') header += line + "\n";
    if (line.compare(0, 12, "3\t178952085\t") == 0) line_1047 = line;
  }
  ASSERT_FALSE(line_1047.empty());
  Record r = parse_record(line_1047);
  auto reader = make_annotation_reader(header, "vep");
  AlleleContext ctx;
  ctx.ref = r.ref;
  ctx.alts = {r.alt};
  const TranscriptEffect* vep = nullptr;
  auto vep_effects = reader->effects({info_value(r.info, "CSQ")}, ctx);
  for (const TranscriptEffect& t : vep_effects)
    if (t.transcript.rfind("ENST00000263967", 0) == 0) vep = &t;
  ASSERT_NE(vep, nullptr);
  auto ours = fixture_caller().effects("3", r.pos - kOffset, r.ref, r.alt);
  ASSERT_EQ(ours.size(), 1u);
  EXPECT_EQ(ours[0].so_terms, vep->so_terms);                                   // missense_variant
  EXPECT_EQ("ENSP00000263967.3:" + ours[0].hgvsp, vep->hgvsp);                  // p.His1047Arg
  EXPECT_EQ(ours[0].hgvsp_short, vep->hgvsp_short);                             // H1047R
  EXPECT_EQ("ENST00000263967.3:" + ours[0].hgvsc, vep->hgvsc);                  // c.3140A>G
  EXPECT_TRUE(vep->canonical);
}

// Oncotator (GENCODE v19) on the real GATK PIK3CA test VCFs: 15 SNVs and 40 indel records near the start codon,
// E110, E976-R979 and the exon 20 donor. Records whose REF reaches into the fixture's SYNTHETIC intron bases
// cannot be called (REF mismatch) and are counted separately.
TEST(ConsequenceCaller, AgreesWithOncotatorClassesOnRealPik3caVariants) {
  auto oncotator_class = [](const std::string& c) -> std::string {
    if (c == "Missense_Mutation") return "missense";
    if (c == "Silent") return "synonymous";
    if (c == "Nonsense_Mutation") return "nonsense";
    if (c == "Frame_Shift_Del" || c == "Frame_Shift_Ins") return "frameshift";
    if (c == "In_Frame_Del") return "inframe_deletion";
    if (c == "In_Frame_Ins") return "inframe_insertion";
    return c;
  };
  auto our_class = [](const std::vector<std::string>& terms) -> std::string {
    auto has = [&](const char* t) { return std::find(terms.begin(), terms.end(), t) != terms.end(); };
    if (has("frameshift_variant")) return "frameshift";
    if (has("stop_gained")) return "nonsense";
    if (has("inframe_deletion")) return "inframe_deletion";
    if (has("inframe_insertion")) return "inframe_insertion";
    if (has("missense_variant")) return "missense";
    if (has("synonymous_variant")) return "synonymous";
    if (has("splice_donor_variant") || has("splice_acceptor_variant")) return "splice_site";
    return joined(terms);
  };
  int compared = 0, protein_compared = 0, synthetic_ref = 0, disagreements = 0;
  for (const char* file : {"gatk_PIK3CA_SNPS.oncotatorAnnotated.vcf", "gatk_PIK3CA_INDELS.oncotatorAnnotated.vcf"}) {
    for (const std::string& line : read_lines(kReal + file)) {
      if (line.empty() || line[0] == '#') continue;
      Record r = parse_record(line);
      std::vector<std::string> alts = split(r.alt, ',');
      std::vector<std::string> classes = split(info_value(r.info, "variant_classification"), ',');
      std::vector<std::string> secondary = split(info_value(r.info, "secondary_variant_classification"), ',');
      std::vector<std::string> changes = split(info_value(r.info, "protein_change"), ',');
      ASSERT_EQ(classes.size(), alts.size()) << line;
      for (size_t i = 0; i < alts.size(); ++i) {
        SCOPED_TRACE(r.ref + ">" + alts[i] + " at " + std::to_string(r.pos));
        std::vector<TranscriptEffect> ours;
        try {
          ours = fixture_caller().effects("3", r.pos - kOffset, r.ref, alts[i]);
        } catch (const ConflictError& e) {
          EXPECT_NE(std::string(e.what()).find("does not match the reference"), std::string::npos);
          ++synthetic_ref;
          continue;
        }
        ASSERT_EQ(ours.size(), 1u);
        if (r.pos == 178948166 && r.ref == "T" && alts[i] == "TT") {
          // Known disagreement: c.2936+2dup keeps the GT donor intact (GT|TGA); Oncotator places the inserted T
          // between +1 and +2 and says Splice_Site, we (like VEP's 3' rule) say splice_region_variant.
          EXPECT_EQ(joined(ours[0].so_terms), "splice_region_variant");
          EXPECT_EQ(ours[0].hgvsc, "c.2936+2dup");
          ++disagreements;
          continue;
        }
        std::string expected = oncotator_class(classes[i]);
        // Oncotator names exonic changes within 2 bp of a splice site "Splice_Site" and gives the coding class
        // second; VEP/we keep the coding class and add splice_region_variant.
        if (expected == "Splice_Site") {
          std::string second = i < secondary.size() ? secondary[i] : "";
          if (second == "Intron" || second.empty() || second == "None") {
            expected = "splice_site";
          } else {
            expected = oncotator_class(second);
            EXPECT_TRUE(std::find(ours[0].so_terms.begin(), ours[0].so_terms.end(), "splice_region_variant") !=
                        ours[0].so_terms.end());
          }
        }
        EXPECT_EQ(our_class(ours[0].so_terms), expected) << joined(ours[0].so_terms);
        ++compared;
        // SNVs: Oncotator's one-letter change ("p.E545K", silent "p.P2P") against ours.
        if (r.ref.size() == 1 && alts[i].size() == 1 && i < changes.size()) {
          std::string theirs = changes[i].substr(2);
          if (expected == "synonymous") theirs = theirs.substr(0, theirs.size() - 1) + "=";
          EXPECT_EQ(ours[0].hgvsp_short, theirs);
          ++protein_compared;
        }
      }
    }
  }
  EXPECT_EQ(protein_compared, 15);
  EXPECT_GE(compared, 60);
  EXPECT_EQ(disagreements, 1);
  std::printf("[ oncotator ] %d alleles compared (%d protein changes), %d on synthetic intron bases, %d known "
              "disagreement\n", compared, protein_compared, synthetic_ref, disagreements);
  EXPECT_LE(synthetic_ref, 6);
}

TEST(ConsequenceCaller, RefMismatchAndContigNames) {
  try {
    fixture_caller().effects("3", 178952085 - kOffset, "C", "G");
    ADD_FAILURE();
  } catch (const ConflictError& e) {
    EXPECT_STREQ(e.what(), "REF 'C' does not match the reference 'A' at 3:92085 (is --fasta the genome build of this VCF?)");
  }
  // "chr3" finds contig "3" and the models on "3"; lower-case alleles are fine.
  auto effects = fixture_caller().effects("chr3", 178952085 - kOffset, "a", "g");
  ASSERT_EQ(effects.size(), 1u);
  EXPECT_EQ(effects[0].hgvsp, "p.His1047Arg");
  // Symbolic or missing alleles give nothing; so does a variant far from any model, or REF == ALT.
  EXPECT_TRUE(fixture_caller().effects("3", 92085, "A", "<DEL>").empty());
  EXPECT_TRUE(fixture_caller().effects("3", 92085, "A", "*").empty());
  EXPECT_TRUE(fixture_caller().effects("3", 100, "N", "A").empty());
  EXPECT_TRUE(fixture_caller().effects("3", 92085, "A", "A").empty());
  // A contig that is in neither the FASTA nor the models: nothing to say.
  EXPECT_TRUE(fixture_caller().effects("7", 1000, "A", "C").empty());
  EXPECT_THROW(fixture_caller().effects("3", 92085, "A", "Z"), InputError);
  EXPECT_THROW(fixture_caller().effects("3", 0, "A", "C"), InputError);
  EXPECT_THROW(fixture_caller().effects("3", 92085, "", "C"), InputError);
}

TEST(ConsequenceCaller, MissingContigNearAModelIsAnError) {
  TranscriptModel m;
  m.gene = "X";
  m.transcript_id = "T1";
  m.chrom = "7";
  m.exons = {{100, 200}};
  ConsequenceCaller caller(kFasta, {m});
  EXPECT_THROW(caller.effects("7", 150, "A", "C"), ConflictError);
  EXPECT_THROW(ConsequenceCaller(kCsq + "missing.fa", {}), IoError);
}

TEST(ConsequenceCaller, NonCodingModelAndUpstreamDistance) {
  // The fixture exon 10 as a one-exon non-coding transcript: exonic change -> non_coding_transcript_exon_variant.
  TranscriptModel nc;
  nc.gene = "NC";
  nc.transcript_id = "NC1";
  nc.chrom = "3";
  nc.exons = {{178935998 - kOffset, 178936122 - kOffset}};
  ConsequenceCaller caller(kFasta, {nc});
  auto e = caller.effects("3", 178936091 - kOffset, "G", "A");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(joined(e[0].so_terms), "non_coding_transcript_exon_variant");
  EXPECT_EQ(e[0].hgvsc, "n.94G>A");
  EXPECT_EQ(e[0].hgvsp, "");
  // 5000 bp before the start is upstream, 5001 is out of reach (N in the fixture there).
  EXPECT_EQ(joined(caller.effects("3", 178935998 - kOffset - 5000, "N", "A").at(0).so_terms),
            "upstream_gene_variant");
  EXPECT_TRUE(caller.effects("3", 178935998 - kOffset - 5001, "N", "A").empty());
}

// Every SNV, 1-bp deletion and 1-bp insertion over the coding exons and their known flanks, called on contig "3"
// and on its reverse complement "rc3": the minus-strand copy must give the same terms, HGVSp and HGVSc.
TEST(ConsequenceCaller, MinusStrandCopyGivesTheSameCallsEverywhere) {
  std::unique_ptr<faidx_t, void (*)(faidx_t*)> fai(fai_load(kFasta.c_str()), fai_destroy);
  ASSERT_NE(fai, nullptr);
  auto contig = [&](const char* name) {
    hts_pos_t len = 0;
    char* seq = faidx_fetch_seq64(fai.get(), name, 0, kContigLength - 1, &len);
    std::string out(seq, static_cast<size_t>(len));
    free(seq);
    return out;
  };
  const std::string fwd_seq = contig("3"), rev_seq = contig("rc3");
  ASSERT_EQ(fwd_seq.size(), static_cast<size_t>(kContigLength));
  auto base = [](const std::string& seq, int64_t p) { return seq[static_cast<size_t>(p - 1)]; };
  auto revcomp = [](std::string s) {
    std::reverse(s.begin(), s.end());
    for (char& c : s) c = c == 'A' ? 'T' : c == 'C' ? 'G' : c == 'G' ? 'C' : c == 'T' ? 'A' : 'N';
    return s;
  };
  const ConsequenceCaller& caller = fixture_caller();
  const TranscriptModel* fwd = find_model(caller.models(), "ENST00000263967");
  ASSERT_NE(fwd, nullptr);
  long calls = 0;
  for (size_t k = 1; k < fwd->exons.size(); ++k) {
    const int64_t from = fwd->exons[k].first - 20;
    const int64_t to = std::min(fwd->exons[k].second + 20, fwd->exons[k].first + 400);
    for (int64_t p = from; p <= to; ++p) {
      struct Allele {
        std::string ref, alt;
      };
      std::vector<Allele> alleles;
      const char b = base(fwd_seq, p);
      for (char a : std::string("ACGT"))
        if (a != b) alleles.push_back({std::string(1, b), std::string(1, a)});
      alleles.push_back({std::string{b, base(fwd_seq, p + 1)}, std::string(1, b)});  // delete p+1
      alleles.push_back({std::string(1, b), std::string{b, 'A'}});                      // insert A after p
      for (const Allele& a : alleles) {
        int64_t rpos;
        std::string rref, ralt;
        if (a.ref.size() == a.alt.size()) {
          rpos = kContigLength - p + 1;
          rref = revcomp(a.ref);
          ralt = revcomp(a.alt);
        } else {  // re-anchor on the base left of the changed stretch, as make_fixture.py does
          const std::string ref_core = a.ref.substr(1), alt_core = a.alt.substr(1);
          rpos = kContigLength - p - static_cast<int64_t>(ref_core.size());
          rref = std::string(1, base(rev_seq, rpos)) + revcomp(ref_core);
          ralt = std::string(1, base(rev_seq, rpos)) + revcomp(alt_core);
        }
        auto f = caller.effects("3", p, a.ref, a.alt);
        auto r = caller.effects("rc3", rpos, rref, ralt);
        ASSERT_EQ(f.size(), 1u);
        ASSERT_EQ(r.size(), 1u);
        const std::string what = "3:" + std::to_string(p) + " " + a.ref + ">" + a.alt;
        EXPECT_EQ(joined(f[0].so_terms), joined(r[0].so_terms)) << what;
        EXPECT_EQ(f[0].hgvsp, r[0].hgvsp) << what;
        EXPECT_EQ(f[0].hgvsc, r[0].hgvsc) << what;
        ++calls;
      }
    }
  }
  EXPECT_GT(calls, 15000);
}
