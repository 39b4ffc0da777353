// Unit tests of the annotation readers (annotators/annotation.h) on real annotated VCFs copied into
// tests/data/annotated (see the README there) and on hand-written one-line examples per dialect.
#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

#include "annotators/annotation.h"
#include "annotators/consequence.h"
#include "pipeline/base/errors.h"

namespace pathcorr {
namespace {

// ---- Tiny VCF text reader for the tests: header lines and records split by hand (no htslib, so SnpEff files
// without ##fileformat can be read too). Reads plain and gzip/BGZF files through zlib.
struct Record {
  std::string chrom;
  long pos = 0;
  std::string ref;
  std::vector<std::string> alts;
  std::string info;                           // the INFO column as written
  std::map<std::string, std::string> values;  // INFO key -> value (first occurrence; flags map to "")
};

struct VcfText {
  std::string header;  // every line starting with '#', newline-terminated
  std::vector<Record> records;

  const Record& at(const std::string& chrom, long pos) const {
    for (const Record& r : records)
      if (r.chrom == chrom && r.pos == pos) return r;
    throw std::runtime_error("test data has no record at " + chrom + ":" + std::to_string(pos));
  }
};

std::vector<std::string> split(const std::string& s, char sep) { return split_fields(s, sep); }

VcfText read_vcf(const std::string& name) {
  // The real files live in tests/data/real/{annotated,pathway} (see tests/data/real/README.md for sources).
  std::string path = std::string(PATHCORR_TEST_DATA) + "/real/annotated/" + name;
  if (access(path.c_str(), R_OK) != 0) path = std::string(PATHCORR_TEST_DATA) + "/real/pathway/" + name;
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) throw std::runtime_error("cannot open " + path);
  std::string text;
  char buf[65536];
  int n;
  while ((n = gzread(f, buf, sizeof buf)) > 0) text.append(buf, static_cast<std::size_t>(n));
  gzclose(f);
  VcfText vcf;
  for (std::string line : split(text, '\n')) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    if (line[0] == '#') {
      vcf.header += line + "\n";
      continue;
    }
    std::vector<std::string> cols = split(line, '\t');
    if (cols.size() < 8) continue;  // e.g. a SnpEff log line
    Record r;
    r.chrom = cols[0];
    r.pos = std::stol(cols[1]);
    r.ref = cols[3];
    r.alts = split(cols[4], ',');
    r.info = cols[7];
    for (const std::string& kv : split(cols[7], ';')) {
      auto eq = kv.find('=');
      std::string key = kv.substr(0, eq);
      if (!r.values.count(key)) r.values[key] = eq == std::string::npos ? "" : kv.substr(eq + 1);
    }
    vcf.records.push_back(std::move(r));
  }
  return vcf;
}

std::vector<TranscriptEffect> effects_of(const AnnotationReader& reader, const Record& r, int alt_index) {
  std::vector<std::string> values;
  for (const std::string& tag : reader.info_tags()) {
    if (tag == kWholeInfoColumn) {
      values.push_back(r.info);
      continue;
    }
    auto it = r.values.find(tag);
    values.push_back(it == r.values.end() ? "" : it->second);
  }
  AlleleContext ctx{r.ref, r.alts, alt_index};
  return reader.effects(values, ctx);
}

const TranscriptEffect* find_transcript(const std::vector<TranscriptEffect>& effects, const std::string& tx) {
  for (const TranscriptEffect& t : effects)
    if (t.transcript == tx) return &t;
  return nullptr;
}

std::size_t count_entries(const std::string& value) { return value.empty() ? 0 : split(value, ',').size(); }

using Terms = std::vector<std::string>;

// ---- Header helpers ------------------------------------------------------------------------------------------

TEST(AnnotationHeader, ParsesInfoLinesWithQuotedCommasAndEscapes) {
  const std::string header =
      "##fileformat=VCFv4.2\n"
      "##INFO=<ID=DP,Number=1,Type=Integer,Description=\"Depth, total\">\n"
      "##INFO=<ID=X,Number=.,Type=String,Description=\"say \\\"hi\\\", twice\",Source=\"me\">\r\n"
      "##INFO=<broken\n"
      "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n";
  auto infos = parse_info_headers(header);
  ASSERT_EQ(infos.size(), 2u);
  EXPECT_EQ(infos[0].id, "DP");
  EXPECT_EQ(infos[0].number, "1");
  EXPECT_EQ(infos[0].type, "Integer");
  EXPECT_EQ(infos[0].description, "Depth, total");
  EXPECT_EQ(infos[1].id, "X");
  EXPECT_EQ(infos[1].description, "say \"hi\", twice");
}

TEST(AnnotationHeader, DescriptionFields) {
  EXPECT_EQ(description_fields("Consequence annotations from Ensembl VEP. Format: Allele|Consequence|SYMBOL"),
            (Terms{"Allele", "Consequence", "SYMBOL"}));
  EXPECT_EQ(description_fields("Functional annotations: 'Allele | Annotation | Gene_Name' "),
            (Terms{"Allele", "Annotation", "Gene_Name"}));
  EXPECT_EQ(description_fields("Functional annotation from the Funcotator tool.  Funcotation fields are: A|B_c|D"),
            (Terms{"A", "B_c", "D"}));
  EXPECT_EQ(description_fields("Total depth"), Terms{});
  EXPECT_EQ(description_fields("Format: nothing here"), Terms{});
}

TEST(AnnotationHeader, SmallHelpers) {
  EXPECT_EQ(split_fields("a||b", '|'), (Terms{"a", "", "b"}));
  EXPECT_EQ(split_fields("", '|'), Terms{""});
  EXPECT_EQ(percent_decode("p.Leu55%3D"), "p.Leu55=");
  EXPECT_EQ(percent_decode("100%"), "100%");
  EXPECT_EQ(percent_decode("%zz%2C"), "%zz,");
  EXPECT_DOUBLE_EQ(max_numeric_value("0.01&0.2&."), 0.2);
  EXPECT_DOUBLE_EQ(max_numeric_value("T:0.0010"), 0.001);
  EXPECT_TRUE(std::isnan(max_numeric_value("")));
  EXPECT_TRUE(std::isnan(max_numeric_value("SAS&abc")));
}

// ---- Allele matching ------------------------------------------------------------------------------------------

TEST(AlleleMatching, VepAlleleStrings) {
  EXPECT_EQ(vep_allele_strings("A", {"G"}), Terms{"G"});                        // SNV
  EXPECT_EQ(vep_allele_strings("AC", {"GT"}), Terms{"GT"});                     // MNV: never trimmed
  EXPECT_EQ(vep_allele_strings("A", {"AT"}), Terms{"T"});                       // insertion
  EXPECT_EQ(vep_allele_strings("GGACG", {"G"}), Terms{"-"});                    // deletion
  EXPECT_EQ(vep_allele_strings("GT", {"GTT", "G"}), (Terms{"TT", "-"}));        // multi-allelic indel
  EXPECT_EQ(vep_allele_strings("G", {"C", "GC"}), (Terms{"C", "GC"}));          // first bases differ
  EXPECT_EQ(vep_allele_strings("CTTTA", {"C", "TTTTA"}), (Terms{"C", "TTTTA"}));
  EXPECT_EQ(vep_allele_strings("T", {"*", "TTA"}), (Terms{"*", "TA"}));         // '*' ignored and kept
  EXPECT_EQ(vep_allele_strings("A", {"C", "G"}), (Terms{"C", "G"}));            // multi-allelic SNV
}

TEST(AlleleMatching, MinimalAndMatch) {
  EXPECT_EQ(minimal_allele_string("GT", "GTT"), "T");
  EXPECT_EQ(minimal_allele_string("GT", "G"), "-");
  EXPECT_EQ(minimal_allele_string("CTTTA", "TTTTA"), "T");
  EXPECT_EQ(match_annotation_allele("TT", "GT", {"GTT", "G"}, true), 0);
  EXPECT_EQ(match_annotation_allele("-", "GT", {"GTT", "G"}, true), 1);
  EXPECT_EQ(match_annotation_allele("T", "GT", {"GTT", "G"}, true), 0);  // --minimal form
  EXPECT_EQ(match_annotation_allele("g", "A", {"C", "G"}, true), 1);     // case-insensitive
  EXPECT_EQ(match_annotation_allele("T", "A", {"C", "G"}, true), -1);
  EXPECT_EQ(match_annotation_allele("GTT", "GT", {"GTT", "G"}, false), 0);  // SnpEff writes the ALT
}

// ---- Reader selection -----------------------------------------------------------------------------------------

TEST(MakeAnnotationReader, PicksDialectFromHeader) {
  auto vep = make_annotation_reader(read_vcf("bcftools_split-vep.2.vcf").header);  // CSQ + BCSQ: VEP wins
  ASSERT_TRUE(vep);
  EXPECT_EQ(vep->dialect(), "vep");
  EXPECT_EQ(vep->info_tags(), Terms{"CSQ"});

  auto vep_in_ann = make_annotation_reader(read_vcf("bcftools_split-vep.7_vep_in_ANN.vcf").header);
  ASSERT_TRUE(vep_in_ann);
  EXPECT_EQ(vep_in_ann->dialect(), "vep");
  EXPECT_EQ(vep_in_ann->info_tags(), Terms{"ANN"});

  auto snpeff = make_annotation_reader(read_vcf("snpeff_variants_1.ann.vcf").header);
  ASSERT_TRUE(snpeff);
  EXPECT_EQ(snpeff->dialect(), "snpeff");
  EXPECT_EQ(snpeff->info_tags(), Terms{"ANN"});

  auto eff = make_annotation_reader(read_vcf("snpeff_cancer.eff.vcf").header);
  ASSERT_TRUE(eff);
  EXPECT_EQ(eff->dialect(), "snpeff-eff");
  EXPECT_EQ(eff->info_tags(), Terms{"EFF"});

  EXPECT_EQ(make_annotation_reader("##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"),
            nullptr);
  EXPECT_EQ(make_annotation_reader(""), nullptr);
}

TEST(MakeAnnotationReader, ForcedDialects) {
  const std::string vep_header = read_vcf("bcftools_split-vep.7_vep_in_ANN.vcf").header;
  EXPECT_THROW(make_annotation_reader(vep_header, "snpeff"), InputError);  // ANN here is VEP, not SnpEff
  EXPECT_THROW(make_annotation_reader(vep_header, "funcotator"), InputError);
  EXPECT_THROW(make_annotation_reader(vep_header, "nonsense"), UsageError);
  EXPECT_EQ(make_annotation_reader(vep_header, "none"), nullptr);  // ignored: the file is read as unannotated
  EXPECT_THROW(make_annotation_reader(vep_header, "annovar"), InputError);
  EXPECT_THROW(make_annotation_reader(vep_header, "bcsq"), InputError);
  EXPECT_THROW(make_annotation_reader(vep_header, "snpeff-eff"), InputError);
  EXPECT_THROW(make_annotation_reader(read_vcf("bcftools_view.filter.annovar.vcf").header, "funcotator"), InputError);
  auto forced = make_annotation_reader(vep_header, "vep");
  ASSERT_TRUE(forced);
  EXPECT_EQ(forced->dialect(), "vep");
  // A CSQ without a Format list: ignored in auto mode, refused when forced.
  const std::string bad = "##INFO=<ID=CSQ,Number=.,Type=String,Description=\"Consequences\">\n";
  EXPECT_EQ(make_annotation_reader(bad), nullptr);
  try {
    make_annotation_reader(bad, "vep");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("Format"), std::string::npos) << e.what();
  }
}

// ---- VEP ------------------------------------------------------------------------------------------------------

TEST(VepReader, PcgrPik3caH1047R) {
  VcfText vcf = read_vcf("pcgr_tumor_sample.BRCA.pcgr_vep_PIK3CA_H1047R.vcf.gz");
  auto reader = make_annotation_reader(vcf.header);
  ASSERT_TRUE(reader);
  ASSERT_EQ(reader->dialect(), "vep");
  const Record& r = vcf.at("3", 178952085);
  ASSERT_EQ(r.ref, "A");
  ASSERT_EQ(r.alts, Terms{"G"});
  auto effects = effects_of(*reader, r, 0);
  EXPECT_EQ(effects.size(), count_entries(r.values.at("CSQ")));
  const TranscriptEffect* pik3ca = find_transcript(effects, "ENST00000263967");
  ASSERT_NE(pik3ca, nullptr);
  EXPECT_EQ(pik3ca->gene, "PIK3CA");
  EXPECT_EQ(pik3ca->so_terms, Terms{"missense_variant"});
  EXPECT_EQ(pik3ca->hgvsp, "ENSP00000263967.3:p.His1047Arg");
  EXPECT_EQ(pik3ca->hgvsp_short, "H1047R");
  EXPECT_EQ(pik3ca->hgvsc, "ENST00000263967.3:c.3140A>G");
  EXPECT_TRUE(pik3ca->canonical);
  EXPECT_TRUE(std::isnan(pik3ca->max_pop_af));  // this PCGR VEP run wrote no frequency columns
  EXPECT_TRUE(is_protein_changing(pik3ca->so_terms));
  EXPECT_EQ(classify(pik3ca->so_terms), AlterationClass::Missense);
}

TEST(VepReader, PopulationFrequenciesAndCanonical) {
  VcfText vcf = read_vcf("bcftools_split-vep.2.vcf");
  auto reader = make_annotation_reader(vcf.header);
  ASSERT_TRUE(reader);
  auto effects = effects_of(*reader, vcf.at("1", 14464), 0);
  const TranscriptEffect* wash = find_transcript(effects, "ENST00000438504");
  ASSERT_NE(wash, nullptr);
  EXPECT_EQ(wash->gene, "WASH7P");
  EXPECT_TRUE(wash->canonical);
  EXPECT_EQ(wash->so_terms, Terms{"non_coding_transcript_exon_variant"});
  EXPECT_DOUBLE_EQ(wash->max_pop_af, 0.1943);  // MAX_AF (= SAS_AF); AF is 0.0958
  const TranscriptEffect* other = find_transcript(effects, "ENST00000423562");
  ASSERT_NE(other, nullptr);
  EXPECT_FALSE(other->canonical);
  // A record whose frequency columns are all empty.
  auto effects2 = effects_of(*reader, vcf.at("1", 14469), 0);
  ASSERT_FALSE(effects2.empty());
  EXPECT_TRUE(std::isnan(effects2[0].max_pop_af));
}

TEST(VepReader, ModernFieldOrderV110) {
  VcfText vcf = read_vcf("bcftools_split-vep.select-tr-expr.vcf");
  auto reader = make_annotation_reader(vcf.header);
  ASSERT_TRUE(reader);
  auto effects = effects_of(*reader, vcf.at("1", 1000000), 0);
  const TranscriptEffect* gnb1 = find_transcript(effects, "ENST00000378609");
  ASSERT_NE(gnb1, nullptr);
  EXPECT_EQ(gnb1->gene, "GNB1");
  EXPECT_EQ(gnb1->so_terms, Terms{"missense_variant"});
  EXPECT_EQ(gnb1->hgvsp_short, "D118G");
  EXPECT_EQ(gnb1->hgvsc, "ENST00000378609.9:c.353A>G");
}

TEST(VepReader, OldFieldOrderV76) {
  // Allele|Gene|Feature|Feature_type|Consequence|...|SYMBOL at column 14: no fixed positions.
  VcfText vcf = read_vcf("snpeff_hgvs_1.vep.vcf");
  auto reader = make_annotation_reader(vcf.header);
  ASSERT_TRUE(reader);
  EXPECT_EQ(reader->dialect(), "vep");
  bool seen = false;
  for (const Record& r : vcf.records) {
    auto effects = effects_of(*reader, r, 0);
    EXPECT_EQ(effects.size(), count_entries(r.values.at("CSQ")));
    if (const TranscriptEffect* t = find_transcript(effects, "ENST00000463758")) {
      seen = true;
      EXPECT_EQ(t->gene, "PUSL1");
      // v76 spellings normalised to today's SO names.
      EXPECT_EQ(t->so_terms, (Terms{"non_coding_transcript_exon_variant", "non_coding_transcript_variant"}));
      EXPECT_EQ(t->hgvsc, "ENST00000463758.1:n.494C>T");
      EXPECT_EQ(t->hgvsp_short, "");
    }
  }
  EXPECT_TRUE(seen);
}

TEST(VepReader, VepWrittenUnderAnn) {
  VcfText vcf = read_vcf("bcftools_split-vep.7_vep_in_ANN.vcf");
  auto reader = make_annotation_reader(vcf.header);
  ASSERT_TRUE(reader);
  const Record& r = vcf.at("chr1", 817186);
  auto effects = effects_of(*reader, r, 0);
  EXPECT_EQ(effects.size(), count_entries(r.values.at("ANN")));
  const TranscriptEffect* fam87b = find_transcript(effects, "ENST00000326734");
  ASSERT_NE(fam87b, nullptr);
  EXPECT_EQ(fam87b->gene, "FAM87B");
  EXPECT_EQ(fam87b->so_terms, Terms{"upstream_gene_variant"});
  EXPECT_TRUE(fam87b->canonical);
  EXPECT_DOUBLE_EQ(fam87b->max_pop_af, 0.8839);
  EXPECT_EQ(noncoding_reason(fam87b->so_terms), "upstream_downstream");
}

TEST(VepReader, DeletionAlleleIsDash) {
  VcfText vcf = read_vcf("bcftools_split-vep.filter.vcf");
  auto reader = make_annotation_reader(vcf.header);
  ASSERT_TRUE(reader);
  const Record& r = vcf.at("chrX", 41334585);
  ASSERT_EQ(r.alts, Terms{"G"});
  auto effects = effects_of(*reader, r, 0);
  ASSERT_EQ(effects.size(), 2u);
  EXPECT_EQ(effects[0].gene, "DDX3X");
  EXPECT_EQ(effects[0].transcript, "ENST00000457138");
  EXPECT_EQ(effects[0].so_terms, Terms{"intron_variant"});
  EXPECT_EQ(effects[1].so_terms, (Terms{"intron_variant", "NMD_transcript_variant"}));
  EXPECT_EQ(noncoding_reason(effects[0].so_terms), "intronic");
}

// The same records read twice: with VEP's ALLELE_NUM column and with that column removed from header and
// values, so the Allele-string matching has to do the work.
std::pair<std::string, std::string> drop_vep_column(const std::string& header, const std::string& csq,
                                                    const std::string& column) {
  auto infos = parse_info_headers(header);
  const InfoHeader* csq_header = nullptr;
  for (const auto& h : infos)
    if (h.id == "CSQ") csq_header = &h;
  if (!csq_header) throw std::runtime_error("no CSQ header");
  Terms fields = description_fields(csq_header->description);
  auto it = std::find(fields.begin(), fields.end(), column);
  if (it == fields.end()) throw std::runtime_error("no column " + column);
  std::size_t idx = static_cast<std::size_t>(it - fields.begin());
  fields.erase(it);
  std::string format;
  for (const auto& f : fields) format += (format.empty() ? "" : "|") + f;
  std::string new_header =
      "##INFO=<ID=CSQ,Number=.,Type=String,Description=\"Consequence annotations from Ensembl VEP. Format: " +
      format + "\">\n";
  std::string new_csq;
  for (const std::string& entry : split(csq, ',')) {
    Terms cols = split(entry, '|');
    cols.erase(cols.begin() + static_cast<long>(idx));
    std::string joined;
    for (std::size_t i = 0; i < cols.size(); ++i) joined += (i ? "|" : "") + cols[i];
    new_csq += (new_csq.empty() ? "" : ",") + joined;
  }
  return {new_header, new_csq};
}

struct AlleleCase {
  long pos;
  std::size_t alt_index;
  std::string expected_allele;  // VEP's Allele column for that ALT
};

TEST(VepReader, MultiAllelicAndIndelMatching) {
  VcfText vcf = read_vcf("bcftools_split-vep.vcf");
  auto with_num = make_annotation_reader(vcf.header);
  ASSERT_TRUE(with_num);
  const std::vector<AlleleCase> cases = {
      {129148, 0, "TT"},    // GT -> GTT,G : multi-allelic indel, shared first base stripped
      {129148, 1, "-"},     //            deletion
      {15903, 0, "C"},      // G -> C,GC   : SNV + insertion, first bases differ, nothing stripped
      {15903, 1, "GC"},
      {120895, 0, "C"},     // CTTTA -> C,TTTTA
      {120895, 1, "TTTTA"},
      {267289, 0, "TA"},    // T -> TTA    : insertion
      {267229, 1, "C"},     // A -> *,C    : '*' allele has no entries
      {14976, 0, "A"},      // G -> A,C    : multi-allelic SNV
      {14976, 1, "C"},
      {69469, 0, "-"},      // ACAATT -> A : frameshift deletion
  };
  for (const AlleleCase& c : cases) {
    const Record& r = vcf.at("1", c.pos);
    const std::string& csq = r.values.at("CSQ");
    std::size_t expected = 0;
    for (const std::string& entry : split(csq, ','))
      if (split(entry, '|')[0] == c.expected_allele) ++expected;
    ASSERT_GT(expected, 0u) << c.pos;
    auto effects = effects_of(*with_num, r, static_cast<int>(c.alt_index));
    EXPECT_EQ(effects.size(), expected) << "with ALLELE_NUM at " << c.pos << " alt " << c.alt_index;

    auto [header, stripped] = drop_vep_column(vcf.header, csq, "ALLELE_NUM");
    auto without_num = make_annotation_reader(header);
    ASSERT_TRUE(without_num);
    AlleleContext ctx{r.ref, r.alts, static_cast<int>(c.alt_index)};
    auto effects2 = without_num->effects({stripped}, ctx);
    ASSERT_EQ(effects2.size(), expected) << "without ALLELE_NUM at " << c.pos << " alt " << c.alt_index;
    for (std::size_t i = 0; i < effects.size(); ++i) {
      EXPECT_EQ(effects2[i].transcript, effects[i].transcript);
      EXPECT_EQ(effects2[i].so_terms, effects[i].so_terms);
    }
  }
  // The '*' ALT of 1:267229 gets nothing.
  EXPECT_TRUE(effects_of(*with_num, vcf.at("1", 267229), 0).empty());
  // The frameshift of OR4F5.
  auto fs = effects_of(*with_num, vcf.at("1", 69469), 0);
  const TranscriptEffect* or4f5 = find_transcript(fs, "ENST00000335137");
  ASSERT_NE(or4f5, nullptr);
  EXPECT_EQ(or4f5->gene, "OR4F5");
  EXPECT_EQ(or4f5->so_terms, Terms{"frameshift_variant"});
  EXPECT_EQ(or4f5->hgvsp_short, "T127fs");
  EXPECT_EQ(classify(or4f5->so_terms), AlterationClass::Truncating);
}

TEST(VepReader, HandWrittenOneLiners) {
  const std::string header =
      "##INFO=<ID=CSQ,Number=.,Type=String,Description=\"Consequence annotations from Ensembl VEP. "
      "Format: Allele|Consequence|IMPACT|SYMBOL|Feature|HGVSc|HGVSp|CANONICAL|gnomADe_AF|gnomADg_AF|MAX_AF_POPS\">\n";
  auto reader = make_annotation_reader(header);
  ASSERT_TRUE(reader);
  // Insertion A -> AGGT: VEP writes the inserted bases; synonymous HGVSp escaped with %3D.
  AlleleContext ins{"A", {"AGGT"}, 0};
  auto e = reader->effects(
      {"GGT|inframe_insertion|MODERATE|PIK3CA|ENST00000263967.4|c.1630_1631insGGT|ENSP00000263967.3:p.Thr544_Glu545insGly|YES|1e-05|0.0002|gnomADg,"
       "GGT|synonymous_variant|LOW|PIK3CA|ENST00000643187.1|c.1_2insGGT|ENSP00000493507.1:p.Leu55%3D||.|0.3&0.5|EAS"},
      ins);
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].transcript, "ENST00000263967.4");
  EXPECT_EQ(e[0].hgvsp_short, "T544_E545insG");
  EXPECT_EQ(classify(e[0].so_terms), AlterationClass::Inframe);
  EXPECT_TRUE(e[0].canonical);
  EXPECT_DOUBLE_EQ(e[0].max_pop_af, 0.0002);
  EXPECT_EQ(e[1].hgvsp, "ENSP00000493507.1:p.Leu55=");
  EXPECT_EQ(e[1].hgvsp_short, "L55=");
  EXPECT_FALSE(e[1].canonical);
  EXPECT_DOUBLE_EQ(e[1].max_pop_af, 0.5);
  EXPECT_EQ(noncoding_reason(e[1].so_terms), "synonymous");
  // Multi-allelic SNV: each ALT gets its own entries.
  AlleleContext snv{"C", {"T", "G"}, 1};
  auto e2 = reader->effects({"T|missense_variant|MODERATE|AKT1|ENST1||p.Glu17Lys|YES|||,"
                             "G|stop_gained|HIGH|AKT1|ENST1||p.Glu17Ter|YES|||"},
                            snv);
  ASSERT_EQ(e2.size(), 1u);
  EXPECT_EQ(e2[0].hgvsp_short, "E17*");
  // Absent tag and VCF missing value: no effects.
  EXPECT_TRUE(reader->effects({""}, snv).empty());
  EXPECT_TRUE(reader->effects({"."}, snv).empty());
  EXPECT_TRUE(reader->effects({}, snv).empty());
}

TEST(VepReader, MalformedTextThrowsInvalidArgument) {
  const std::string header =
      "##INFO=<ID=CSQ,Number=.,Type=String,Description=\"Consequence annotations from Ensembl VEP. "
      "Format: Allele|Consequence|SYMBOL|ALLELE_NUM\">\n";
  auto reader = make_annotation_reader(header);
  ASSERT_TRUE(reader);
  AlleleContext ctx{"A", {"G"}, 0};
  EXPECT_THROW(reader->effects({"G|missense_variant|PIK3CA"}, ctx), std::invalid_argument);        // 3 of 4
  EXPECT_THROW(reader->effects({"G|missense_variant|PIK3CA|1|x"}, ctx), std::invalid_argument);    // 5 of 4
  EXPECT_THROW(reader->effects({"G|missense_variant|PIK3CA|1,,"}, ctx), std::invalid_argument);    // empty entry
  EXPECT_THROW(reader->effects({"G|missense_variant|PIK3CA|one"}, ctx), std::invalid_argument);    // ALLELE_NUM
  EXPECT_THROW(reader->effects({"G|missense_variant|PIK3CA|1"}, AlleleContext{"A", {"G"}, 1}), std::invalid_argument);
  EXPECT_THROW(reader->effects({"G|missense_variant|PIK3CA|1"}, AlleleContext{"A", {}, 0}), std::invalid_argument);
  // ALLELE_NUM pointing at another ALT: not ours, no crash.
  EXPECT_TRUE(reader->effects({"G|missense_variant|PIK3CA|7"}, ctx).empty());
}

TEST(VepReader, TruncatedRealValuesNeverCrash) {
  VcfText vcf = read_vcf("pcgr_tumor_sample.BRCA.pcgr_vep_PIK3CA_H1047R.vcf.gz");
  auto reader = make_annotation_reader(vcf.header);
  ASSERT_TRUE(reader);
  const Record& r = vcf.at("3", 178952085);
  const std::string& csq = r.values.at("CSQ");
  AlleleContext ctx{r.ref, r.alts, 0};
  std::size_t ok = 0, rejected = 0;
  for (std::size_t len = 0; len <= csq.size(); ++len) {
    try {
      reader->effects({csq.substr(0, len)}, ctx);
      ++ok;
    } catch (const std::invalid_argument&) {
      ++rejected;
    }
  }
  EXPECT_EQ(ok + rejected, csq.size() + 1);
  EXPECT_GT(rejected, 0u);
}

// ---- SnpEff ANN -----------------------------------------------------------------------------------------------

TEST(SnpEffAnnReader, StopGainedNoc2l) {
  VcfText vcf = read_vcf("snpeff_variants_1.ann.vcf");
  auto reader = make_annotation_reader(vcf.header);
  ASSERT_TRUE(reader);
  const Record& r = vcf.at("1", 889455);
  auto effects = effects_of(*reader, r, 0);
  ASSERT_EQ(effects.size(), 4u);
  EXPECT_EQ(effects[0].gene, "NOC2L");
  EXPECT_EQ(effects[0].transcript, "ENST00000327044");
  EXPECT_EQ(effects[0].so_terms, Terms{"stop_gained"});
  EXPECT_EQ(effects[0].hgvsp, "p.Gln236*");
  EXPECT_EQ(effects[0].hgvsp_short, "Q236*");
  EXPECT_EQ(effects[0].hgvsc, "c.706C>T");
  EXPECT_FALSE(effects[0].canonical);
  EXPECT_TRUE(std::isnan(effects[0].max_pop_af));
  EXPECT_EQ(classify(effects[0].so_terms), AlterationClass::Truncating);
  EXPECT_EQ(effects[3].so_terms, Terms{"non_coding_transcript_exon_variant"});  // SnpEff's non_coding_exon_variant
}

TEST(SnpEffAnnReader, Chr22MissenseFile) {
  VcfText vcf = read_vcf("snpeff_test.chr22.ann.filter_missense_any.vcf");
  auto reader = make_annotation_reader(vcf.header);
  ASSERT_TRUE(reader);
  ASSERT_EQ(reader->dialect(), "snpeff");
  ASSERT_FALSE(vcf.records.empty());
  for (const Record& r : vcf.records) {
    auto effects = effects_of(*reader, r, 0);
    EXPECT_EQ(effects.size(), count_entries(r.values.at("ANN"))) << r.pos;
  }
  auto effects = effects_of(*reader, vcf.at("22", 20100133), 0);
  const TranscriptEffect* trmt2a = find_transcript(effects, "ENST00000439169");
  ASSERT_NE(trmt2a, nullptr);
  EXPECT_EQ(trmt2a->gene, "TRMT2A");
  EXPECT_EQ(trmt2a->so_terms, Terms{"missense_variant"});
  EXPECT_EQ(trmt2a->hgvsp_short, "P629S");
}

TEST(SnpEffAnnReader, CancerPedigreeMultiAllelic) {
  VcfText vcf = read_vcf("snpeff_cancer_pedigree.ann.vcf");
  auto reader = make_annotation_reader(vcf.header);
  ASSERT_TRUE(reader);
  // 1:69849 G -> A,C. A: stop_gained W253*; C: missense W253C; the derived "C-A" stop_lost entry is skipped.
  const Record& r = vcf.at("1", 69849);
  auto a = effects_of(*reader, r, 0);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].so_terms, Terms{"stop_gained"});
  EXPECT_EQ(a[0].hgvsp_short, "W253*");
  auto c = effects_of(*reader, r, 1);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].so_terms, Terms{"missense_variant"});
  EXPECT_EQ(c[0].hgvsp_short, "W253C");
  // 1:69091 A -> C,G. G: start_lost (M1?); C: initiator_codon_variant, not protein-changing.
  const Record& r2 = vcf.at("1", 69091);
  auto g = effects_of(*reader, r2, 1);
  ASSERT_EQ(g.size(), 1u);
  EXPECT_EQ(g[0].so_terms, Terms{"start_lost"});
  EXPECT_EQ(g[0].hgvsp_short, "M1?");
  auto c2 = effects_of(*reader, r2, 0);
  ASSERT_EQ(c2.size(), 1u);
  EXPECT_FALSE(is_protein_changing(c2[0].so_terms));
}

TEST(SnpEffAnnReader, HandWrittenAndMalformed) {
  const std::string header =
      "##INFO=<ID=ANN,Number=.,Type=String,Description=\"Functional annotations: 'Allele | Annotation | "
      "Annotation_Impact | Gene_Name | Gene_ID | Feature_Type | Feature_ID | Transcript_BioType | Rank | HGVS.c | "
      "HGVS.p | cDNA.pos / cDNA.length | CDS.pos / CDS.length | AA.pos / AA.length | Distance | ERRORS / WARNINGS "
      "/ INFO' \">\n";
  auto reader = make_annotation_reader(header);
  ASSERT_TRUE(reader);
  EXPECT_EQ(reader->dialect(), "snpeff");
  // Deletion GTA -> G written as the ALT; one-letter HGVS.p; versioned transcript.
  AlleleContext del{"GTA", {"G"}, 0};
  auto e = reader->effects(
      {"G|conservative_inframe_deletion|MODERATE|PTEN|ENSG00000171862|transcript|ENST00000371953.7|"
       "protein_coding|5/9|c.389_391delTAC|p.I130del|1234/5000|389/1212|130/403||,"
       "G|splice_region_variant&intron_variant|LOW|PTEN|ENSG00000171862|transcript|ENST00000999999.1|"
       "protein_coding|5/8|c.390+3del||||||"},
      del);
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].transcript, "ENST00000371953.7");
  EXPECT_EQ(e[0].hgvsp_short, "I130del");
  EXPECT_EQ(classify(e[0].so_terms), AlterationClass::Inframe);
  EXPECT_EQ(e[1].so_terms, (Terms{"splice_region_variant", "intron_variant"}));
  EXPECT_EQ(noncoding_reason(e[1].so_terms), "splice_region");
  EXPECT_THROW(reader->effects({"G|missense_variant|MODERATE|PTEN"}, del), std::invalid_argument);
  EXPECT_THROW(reader->effects({","}, del), std::invalid_argument);
  EXPECT_TRUE(reader->effects({""}, del).empty());
}

// ---- SnpEff classic EFF ---------------------------------------------------------------------------------------

TEST(SnpEffEffReader, CancerClassicMultiAllelic) {
  VcfText vcf = read_vcf("snpeff_cancer.eff.vcf");
  auto reader = make_annotation_reader(vcf.header);
  ASSERT_TRUE(reader);
  const Record& r = vcf.at("1", 69091);  // A -> C,G; Genotype column holds the ALT ("G", cancer "G-C")
  auto g = effects_of(*reader, r, 1);
  ASSERT_EQ(g.size(), 1u);
  EXPECT_EQ(g[0].so_terms, Terms{"start_lost"});
  EXPECT_EQ(g[0].gene, "OR4F5");
  EXPECT_EQ(g[0].transcript, "ENST00000335137");
  EXPECT_EQ(g[0].hgvsp_short, "M1V");
  auto c = effects_of(*reader, r, 0);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].so_terms, Terms{"initiator_codon_variant"});
  EXPECT_EQ(c[0].hgvsp_short, "M1L");
}

TEST(SnpEffEffReader, MtorMissenseInMalformedFile) {
  // SnpEff 3.5 output with no #CHROM line; the reader only needs the ##INFO line.
  VcfText vcf = read_vcf("snpeff_missing_CHROM_line_MTOR_ARID1A.eff.vcf");
  auto reader = make_annotation_reader(vcf.header);
  ASSERT_TRUE(reader);
  EXPECT_EQ(reader->dialect(), "snpeff-eff");
  auto e = effects_of(*reader, vcf.at("chr1", 11168296), 0);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].gene, "MTOR");
  EXPECT_EQ(e[0].transcript, "NM_004958.3");
  EXPECT_EQ(e[0].so_terms, Terms{"missense_variant"});
  EXPECT_EQ(e[0].hgvsp_short, "E2526Q");
  std::size_t mtor_missense = 0;
  for (const Record& rec : vcf.records)
    for (const TranscriptEffect& t : effects_of(*reader, rec, 0))
      if (t.gene == "MTOR" && t.so_terms == Terms{"missense_variant"}) ++mtor_missense;
  EXPECT_GE(mtor_missense, 100u);
}

TEST(SnpEffEffReader, HandWrittenAndMalformed) {
  const std::string header =
      "##INFO=<ID=EFF,Number=.,Type=String,Description=\"Predicted effects for this variant.Format: 'Effect ( "
      "Effect_Impact | Functional_Class | Codon_Change | Amino_Acid_Change| Amino_Acid_length | Gene_Name | "
      "Transcript_BioType | Gene_Coding | Transcript_ID | Exon_Rank  | Genotype_Number [ | ERRORS | WARNINGS ] )' \">\n";
  auto reader = make_annotation_reader(header);
  ASSERT_TRUE(reader);
  AlleleContext ctx{"C", {"T", "G"}, 1};
  auto e = reader->effects(
      {"NON_SYNONYMOUS_CODING(MODERATE|MISSENSE|gAa/gTa|E545V|1068|PIK3CA|protein_coding|CODING|ENST00000263967|10|1),"
       "STOP_GAINED(HIGH|NONSENSE|Gaa/Taa|E545*|1068|PIK3CA|protein_coding|CODING|ENST00000263967|10|2|WARNING_X)"},
      ctx);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].so_terms, Terms{"stop_gained"});
  EXPECT_EQ(e[0].hgvsp_short, "E545*");
  EXPECT_THROW(reader->effects({"NON_SYNONYMOUS_CODING(MODERATE|MISSENSE)"}, ctx), std::invalid_argument);
  EXPECT_THROW(reader->effects({"NON_SYNONYMOUS_CODING"}, ctx), std::invalid_argument);
  EXPECT_THROW(reader->effects({"X(1|2|3|4|5|6|7|8|9|10|11|12|13|14)"}, ctx), std::invalid_argument);
}

// ---- GATK3 VariantAnnotator --snpEffFile (SNPEFF_* keys) -------------------------------------------------------

TEST(SnpEffGatkReader, LegacyKeysOfRealFile) {
  VcfText vcf = read_vcf("gatk_ASE_snpeff_legacy_SNPEFF_tags.vcf");
  auto reader = make_annotation_reader(vcf.header);
  ASSERT_TRUE(reader);
  EXPECT_EQ(reader->dialect(), "snpeff-gatk");
  auto e = effects_of(*reader, vcf.at("20", 2451361), 0);  // SNPEFF_EFFECT=SYNONYMOUS_CODING, ZNF343, F328
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].so_terms, Terms{"synonymous_variant"});
  EXPECT_EQ(e[0].gene, "ZNF343");
  EXPECT_EQ(e[0].transcript, "NM_001282498.1");
  EXPECT_EQ(e[0].hgvsp, "F328");
  for (const Record& r : vcf.records) EXPECT_EQ(effects_of(*reader, r, 0).size(), 1u) << r.pos;
}

TEST(SnpEffGatkReader, HandWrittenMultiAllelicAndMalformed) {
  const std::string header =
      "##INFO=<ID=SNPEFF_EFFECT,Number=1,Type=String,Description=\"The highest-impact effect\">\n"
      "##INFO=<ID=SNPEFF_GENE_NAME,Number=1,Type=String,Description=\"Gene name\">\n";
  auto reader = make_annotation_reader(header);
  ASSERT_TRUE(reader);
  EXPECT_EQ(reader->dialect(), "snpeff-gatk");
  EXPECT_EQ(make_annotation_reader(header, "snpeff-gatk")->dialect(), "snpeff-gatk");
  EXPECT_THROW(make_annotation_reader("##INFO=<ID=DP,Number=1,Type=Integer,Description=\"x\">\n", "snpeff-gatk"),
               InputError);
  AlleleContext first{"A", {"G", "T"}, 0}, second{"A", {"G", "T"}, 1};
  const std::vector<std::string> stop = {"STOP_GAINED", "PTEN", "ENST00000371953", "R130*"};
  auto e = reader->effects(stop, first);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].so_terms, Terms{"stop_gained"});
  EXPECT_EQ(e[0].hgvsp_short, "R130*");
  EXPECT_TRUE(reader->effects(stop, second).empty());  // GATK's one effect is not lent to another ALT
  auto missense = reader->effects({"NON_SYNONYMOUS_CODING", "PIK3CA", "ENST00000263967", "H1047R"}, first);
  ASSERT_EQ(missense.size(), 1u);
  EXPECT_EQ(missense[0].so_terms, Terms{"missense_variant"});
  EXPECT_EQ(missense[0].hgvsp_short, "H1047R");
  EXPECT_TRUE(reader->effects({"", "", "", ""}, first).empty());
  EXPECT_THROW(reader->effects({"STOP_GAINED(HIGH|NONSENSE)", "PTEN", "", ""}, first), std::invalid_argument);
}

// ---- bcftools BCSQ --------------------------------------------------------------------------------------------

TEST(BcsqReader, RealCsqOutput) {
  VcfText vcf = read_vcf("bcftools_split-vep.4_bcsq.vcf");
  auto reader = make_annotation_reader(vcf.header);
  ASSERT_TRUE(reader);
  EXPECT_EQ(reader->dialect(), "bcsq");
  EXPECT_EQ(reader->info_tags(), Terms{"BCSQ"});
  auto missense = effects_of(*reader, vcf.at("1", 69428), 0);
  ASSERT_EQ(missense.size(), 1u);
  EXPECT_EQ(missense[0].gene, "OR4F5");
  EXPECT_EQ(missense[0].transcript, "ENST00000335137");
  EXPECT_EQ(missense[0].so_terms, Terms{"missense_variant"});
  EXPECT_EQ(missense[0].hgvsp, "113F>113C");
  EXPECT_EQ(missense[0].hgvsp_short, "F113C");
  EXPECT_EQ(missense[0].hgvsc, "69428T>G");
  auto stop = effects_of(*reader, vcf.at("1", 69719), 0);
  ASSERT_EQ(stop.size(), 1u);
  EXPECT_EQ(stop[0].hgvsp_short, "S210*");
  EXPECT_EQ(classify(stop[0].so_terms), AlterationClass::Truncating);
  auto syn = effects_of(*reader, vcf.at("1", 69438), 0);
  ASSERT_EQ(syn.size(), 1u);
  EXPECT_EQ(syn[0].hgvsp_short, "Y116=");
  EXPECT_EQ(noncoding_reason(syn[0].so_terms), "synonymous");
  // Non-coding entries name no ALT: both ALTs of GT -> GTT,G get them.
  const Record& multi = vcf.at("1", 129148);
  EXPECT_EQ(effects_of(*reader, multi, 0).size(), 1u);
  EXPECT_EQ(effects_of(*reader, multi, 1).size(), 1u);
  EXPECT_EQ(effects_of(*reader, multi, 1)[0].so_terms, Terms{"non_coding_transcript_variant"});
  // Records without BCSQ.
  EXPECT_TRUE(effects_of(*reader, vcf.at("1", 267289), 0).empty());
  std::size_t splice_region_utr = 0;
  for (const Record& r : vcf.records)
    for (const TranscriptEffect& t : effects_of(*reader, r, 0))
      if (t.so_terms == Terms{"splice_region_variant", "5_prime_UTR_variant"}) ++splice_region_utr;
  EXPECT_GE(splice_region_utr, 1u);
}

TEST(BcsqReader, ForcedNextToVep) {
  VcfText vcf = read_vcf("bcftools_split-vep.2.vcf");
  auto reader = make_annotation_reader(vcf.header, "bcsq");
  ASSERT_TRUE(reader);
  EXPECT_EQ(reader->dialect(), "bcsq");
  auto e = effects_of(*reader, vcf.at("1", 14464), 0);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].gene, "WASH7P");
  EXPECT_EQ(noncoding_reason(e[0].so_terms), "noncoding");
}

// bcftools csq 1.16's ##INFO line for BCSQ.
const char* const kBcsqHeader =
    "##INFO=<ID=BCSQ,Number=.,Type=String,Description=\"Haplotype-aware consequence annotation from "
    "BCFtools/csq, see http://samtools.github.io/bcftools/howtos/csq-calling.html for details. Format: "
    "Consequence|gene|transcript|biotype|strand|amino_acid_change|dna_change\">\n";

TEST(BcsqReader, HandWrittenCompoundAndMalformed) {
  auto reader = make_annotation_reader(kBcsqHeader);
  ASSERT_TRUE(reader);
  AlleleContext ctx{"G", {"A", "T"}, 1};
  auto e = reader->effects(
      {"missense|PIK3CA|ENST00000263967|protein_coding|+|545E>545K|178936091G>A,"
       "*stop_gained|PIK3CA|ENST00000263967|protein_coding|+|545E>545*|178936091G>T,"
       "frameshift|PIK3CA|ENST00000263967|protein_coding|+|546Q>546X|178936091G>T+178936093C>CA,"
       "@178936000"},
      ctx);
  // The allele's own entries first, the '*' stop (downstream of the frameshift on this haplotype) last; merged as
  // scan does, one effect of the transcript with the frameshift's protein change, not the '*' entry's.
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].so_terms, Terms{"frameshift_variant"});
  EXPECT_EQ(e[1].so_terms, Terms{"stop_gained"});
  e = merge_transcript_effects(e);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].so_terms, (Terms{"frameshift_variant", "stop_gained"}));
  EXPECT_EQ(e[0].hgvsp_short, "Q546fs");
  EXPECT_EQ(e[0].hgvsc, "178936091G>T+178936093C>CA");
  AlleleContext first{"G", {"A", "T"}, 0};
  auto e0 = reader->effects({"missense|PIK3CA|ENST00000263967|protein_coding|+|545E>545K|178936091G>A"}, first);
  ASSERT_EQ(e0.size(), 1u);
  EXPECT_EQ(e0[0].hgvsp_short, "E545K");
  // bcftools csq 1.16 on tests/data/csq (expected_bcsq.vcf, splice_region_exon): a missense change at an exon edge
  // comes as two entries of one transcript; merged as scan does, one effect, missense and splice region, counted
  // as missense.
  AlleleContext edge{"G", {"A"}, 0};
  auto m = reader->effects({"splice_region|PIK3CA|ENST00000263967|protein_coding,"
                            "missense|PIK3CA|ENST00000263967|protein_coding|+|555R>555K|76122G>A"},
                           edge);
  ASSERT_EQ(m.size(), 2u);
  m = merge_transcript_effects(m);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].so_terms, (Terms{"splice_region_variant", "missense_variant"}));
  EXPECT_EQ(m[0].hgvsp_short, "R555K");
  EXPECT_EQ(classify(m[0].so_terms), AlterationClass::Missense);
  EXPECT_THROW(reader->effects({"missense|A|B|C|D|E|F|G"}, first), std::invalid_argument);  // 8 fields of 7
  EXPECT_THROW(reader->effects({"missense|A,,"}, first), std::invalid_argument);
  EXPECT_TRUE(reader->effects({""}, first).empty());
}

// bcftools' amino_acid_change as a short protein change, HGVS-style: shared residues trimmed (leading first, so a
// deletion in a repeat is placed 3'). The inputs are bcftools csq 1.16's own strings from expected_bcsq.vcf (both
// strands of the PIK3CA fixture) and a few hand-written ones; the expected forms are HGVS, derived by hand.
TEST(BcsqReader, ProteinChangesInHgvsShortForm) {
  auto reader = make_annotation_reader(kBcsqHeader);
  ASSERT_TRUE(reader);
  struct Case {
    const char *csq, *aa, *expected;
  };
  const Case cases[] = {
      {"missense", "113F>113C", "F113C"},
      {"synonymous", "116Y", "Y116="},
      {"stop_gained", "546Q>546*", "Q546*"},
      {"stop_lost", "1069*>1069R", "*1069R"},
      {"inframe_deletion", "418EHC>418E", "H419_C420del"},   // H419_C420del, + strand
      {"inframe_deletion", "419HCP>419P", "H419_C420del"},   // the same deletion, - strand copy
      {"inframe_deletion", "543IT>543I", "T544del"},
      {"inframe_deletion", "544TE>544E", "T544del"},
      {"inframe_deletion", "542EIT>542A", "E542_T544delinsA"},
      {"missense", "545EQ>545KK", "E545_Q546delinsKK"},     // an MNV over two codons
      {"missense", "545EQ>545KQ", "E545K"},
      {"inframe_insertion", "545EQ>545EAQ", "E545_Q546insA"},
      {"inframe_insertion", "545E>545EA", "E545delinsEA"},  // bcftools does not print Q546: no flank, a delins
      {"inframe_insertion", "546Q>546AQ", "Q546delinsAQ"},
      {"frameshift", "543ITEQ>543ILSR*", "T544fs"},
      {"frameshift", "544TEQ>544T*", "E545*"},
      {"frameshift", "554HR>554?", ""},                     // not bcftools' residue shape: no short form
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.aa);
    AlleleContext ctx{"G", {"A"}, 0};
    auto e = reader->effects(
        {std::string(c.csq) + "|PIK3CA|ENST00000263967|protein_coding|+|" + c.aa + "|100G>A"}, ctx);
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0].hgvsp_short, c.expected);
  }
}

TEST(MergeTranscriptEffects, OneEffectPerGeneAndTranscript) {
  auto effect = [](const char* gene, const char* tx, Terms terms, const char* short_change, bool canonical,
                   double af) {
    TranscriptEffect t;
    t.gene = gene;
    t.transcript = tx;
    t.so_terms = std::move(terms);
    t.hgvsp_short = short_change;
    t.hgvsp = *short_change ? std::string("p.") + short_change : "";
    t.canonical = canonical;
    t.max_pop_af = af;
    return t;
  };
  const double nan = std::nan("");
  auto merged = merge_transcript_effects({
      effect("MTOR-AS1", "NR_046600.1", {"intron_variant"}, "", false, nan),
      effect("MTOR", "NM_004958.3", {"splice_region_variant"}, "", false, 0.001),
      effect("MTOR", "NM_004958.3", {"missense_variant", "splice_region_variant"}, "Q1562R", true, nan),
      effect("MTOR", "", {"intron_variant"}, "", false, nan),
      effect("MTOR", "", {"upstream_gene_variant"}, "", false, nan),  // no transcript: kept apart
      effect("MTOR", "NM_004958.3", {"missense_variant"}, "Q1562P", false, 0.3),
  });
  ASSERT_EQ(merged.size(), 4u);
  EXPECT_EQ(merged[0].gene, "MTOR-AS1");
  EXPECT_EQ(merged[1].transcript, "NM_004958.3");
  EXPECT_EQ(merged[1].so_terms, (Terms{"splice_region_variant", "missense_variant"}));
  EXPECT_EQ(merged[1].hgvsp_short, "Q1562R");  // the first protein change given
  EXPECT_EQ(merged[1].hgvsp, "p.Q1562R");
  EXPECT_TRUE(merged[1].canonical);
  EXPECT_DOUBLE_EQ(merged[1].max_pop_af, 0.3);
  EXPECT_EQ(merged[2].so_terms, Terms{"intron_variant"});
  EXPECT_EQ(merged[3].so_terms, Terms{"upstream_gene_variant"});
  EXPECT_TRUE(merge_transcript_effects({}).empty());
}

// ---- GATK Funcotator ------------------------------------------------------------------------------------------

TEST(FuncotatorReader, Pik3caIndelsHg19) {
  VcfText vcf = read_vcf("gatk_funcotator_regressionTestVariantSet1.vcf");
  auto reader = make_annotation_reader(vcf.header);
  ASSERT_TRUE(reader);
  EXPECT_EQ(reader->dialect(), "funcotator");
  EXPECT_EQ(reader->info_tags(), Terms{"FUNCOTATION"});
  std::size_t pik3ca = 0;
  for (const Record& r : vcf.records) {
    auto e = effects_of(*reader, r, 0);
    ASSERT_EQ(e.size(), 1u) << r.pos;
    if (e[0].gene == "PIK3CA") ++pik3ca;
  }
  EXPECT_GE(pik3ca, 20u);
  const Record* ins = nullptr;
  const Record* fs = nullptr;
  for (const Record& r : vcf.records) {
    if (r.pos == 178936088 && r.alts == Terms{"AGGT"}) ins = &r;
    if (r.pos == 178936089 && r.ref == "CT" && r.alts == Terms{"C"}) fs = &r;
  }
  ASSERT_TRUE(ins && fs);
  auto e = effects_of(*reader, *ins, 0);
  EXPECT_EQ(e[0].gene, "PIK3CA");
  EXPECT_EQ(e[0].transcript, "ENST00000263967.3");
  EXPECT_EQ(e[0].so_terms, Terms{"inframe_insertion"});
  EXPECT_EQ(e[0].hgvsp, "p.T544RS");
  EXPECT_EQ(e[0].hgvsp_short, "T544RS");
  EXPECT_EQ(e[0].hgvsc, "c.1630_1631insGGT");
  EXPECT_EQ(classify(e[0].so_terms), AlterationClass::Inframe);
  auto f = effects_of(*reader, *fs, 0);
  EXPECT_EQ(f[0].so_terms, Terms{"frameshift_variant"});
  EXPECT_EQ(f[0].hgvsp_short, "E545fs");
  EXPECT_EQ(classify(f[0].so_terms), AlterationClass::Truncating);
}

TEST(FuncotatorReader, LongValueWithOtherTranscripts) {
  VcfText vcf = read_vcf("gatk_funcotator_hashSetOrderingIssue.vcf");
  auto reader = make_annotation_reader(vcf.header);
  ASSERT_TRUE(reader);
  auto e = effects_of(*reader, vcf.at("2", 70120909), 0);
  ASSERT_EQ(e.size(), 1u);  // otherTranscripts ("/"-joined) stays one field
  EXPECT_EQ(e[0].gene, "SNRNP27");
  EXPECT_EQ(e[0].transcript, "ENST00000244227.3");
  EXPECT_EQ(noncoding_reason(e[0].so_terms), "utr");
}

TEST(FuncotatorReader, OneBracketPerAlt) {
  VcfText vcf = read_vcf("gatk_filterfuncotations_multi-allelic.vcf");
  auto reader = make_annotation_reader(vcf.header);
  ASSERT_TRUE(reader);
  const Record& r = vcf.at("chr1", 55039931);
  ASSERT_EQ(r.alts, (Terms{"A", "T"}));
  auto a = effects_of(*reader, r, 0);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].gene, "MUTYH");
  EXPECT_EQ(a[0].transcript, "ENST00000302118.5");
  EXPECT_EQ(a[0].so_terms, Terms{"stop_gained"});
  auto t = effects_of(*reader, r, 1);
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].gene, "MUTYH");
  EXPECT_TRUE(t[0].so_terms.empty());
  EXPECT_EQ(noncoding_reason(t[0].so_terms), "unknown_consequence");
}

TEST(FuncotatorReader, TripleAlleleAndTranscriptLists) {
  VcfText vcf = read_vcf("gatk_funcotator_triple_allele_PIK3CA.vcf");
  auto reader = make_annotation_reader(vcf.header);
  ASSERT_TRUE(reader);
  std::size_t three_alts = 0, three_transcripts = 0;
  for (const Record& r : vcf.records) {
    for (std::size_t i = 0; i < r.alts.size(); ++i) {
      auto e = effects_of(*reader, r, static_cast<int>(i));
      ASSERT_FALSE(e.empty());
      EXPECT_EQ(e[0].so_terms, Terms{"intergenic_variant"});
      if (e.size() == 3) {
        ++three_transcripts;
        EXPECT_EQ(e[0].transcript.compare(0, 16, "TRANSCRIPT_ALPHA"), 0) << e[0].transcript;  // also ..._2
        EXPECT_EQ(e[2].transcript.compare(0, 18, "TRANSCRIPT_CHARLIE"), 0) << e[2].transcript;
      }
    }
    if (r.alts.size() == 3) ++three_alts;
  }
  EXPECT_EQ(three_alts, 2u);
  EXPECT_GE(three_transcripts, 1u);
}

TEST(FuncotatorReader, HandWrittenEscapesAndMalformed) {
  const std::string header =
      "##INFO=<ID=FUNCOTATION,Number=A,Type=String,Description=\"Functional annotation from the Funcotator tool.  "
      "Funcotation fields are: Gencode_34_hugoSymbol|Gencode_34_variantClassification|"
      "Gencode_34_annotationTranscript|Gencode_34_proteinChange|gnomAD_exome_AF|gnomAD_genome_AF|Other_Note\">\n";
  auto reader = make_annotation_reader(header);
  ASSERT_TRUE(reader);
  AlleleContext ctx{"G", {"A", "C"}, 0};
  auto e = reader->effects(
      {"[PIK3CA|MISSENSE|ENST00000263967.4|p.E545K|0.0001|4e-05|a_%20_b_%2C_c_%7C_d],"
       "[PIK3CA|SILENT|ENST00000263967.4|p.E545E|||]"},
      ctx);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].hgvsp_short, "E545K");
  EXPECT_DOUBLE_EQ(e[0].max_pop_af, 0.0001);
  AlleleContext second{"G", {"A", "C"}, 1};
  auto s = reader->effects({"[PIK3CA|MISSENSE|T|p.E545K|||],[PIK3CA|SILENT|T|p.E545E|||]"}, second);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(noncoding_reason(s[0].so_terms), "synonymous");
  EXPECT_TRUE(std::isnan(s[0].max_pop_af));
  EXPECT_THROW(reader->effects({"[PIK3CA|MISSENSE|T|p.E545K|||]"}, ctx), std::invalid_argument);  // 1 of 2 ALTs
  EXPECT_THROW(reader->effects({"[PIK3CA|MISSENSE],[x|y|z|w|||]"}, ctx), std::invalid_argument);
  EXPECT_THROW(reader->effects({"PIK3CA|MISSENSE|T|p.E545K|||,[x|y|z|w|||]"}, ctx), std::invalid_argument);
}

// ---- ANNOVAR --------------------------------------------------------------------------------------------------

TEST(AnnovarReader, TableAnnovarVcfInput) {
  VcfText vcf = read_vcf("bcftools_view.filter.annovar.vcf");
  auto reader = make_annotation_reader(vcf.header);
  ASSERT_TRUE(reader);
  EXPECT_EQ(reader->dialect(), "annovar");
  EXPECT_EQ(reader->info_tags(), Terms{kWholeInfoColumn});
  auto nod2 = effects_of(*reader, vcf.at("16", 50745926), 0);
  ASSERT_EQ(nod2.size(), 2u);
  EXPECT_EQ(nod2[0].gene, "NOD2");
  EXPECT_EQ(nod2[0].transcript, "NM_001293557");
  EXPECT_EQ(nod2[0].hgvsc, "c.C2023T");
  EXPECT_EQ(nod2[0].hgvsp_short, "R675W");
  EXPECT_EQ(nod2[1].transcript, "NM_022162");
  EXPECT_EQ(nod2[1].hgvsp_short, "R702W");
  EXPECT_EQ(nod2[1].so_terms, Terms{"missense_variant"});
  // max of esp6500si_ea 0.043488, esp6500si_all 0.031558, 1000g2012apr_eur 0.05, 1000g2012apr_all 0.02; the
  // caller's own AF=0.5 before ANNOVAR_DATE is not a population frequency.
  EXPECT_DOUBLE_EQ(nod2[0].max_pop_af, 0.05);
  auto intronic = effects_of(*reader, vcf.at("20", 1230237), 0);
  ASSERT_EQ(intronic.size(), 1u);
  EXPECT_EQ(intronic[0].gene, "RAD21L1");
  EXPECT_EQ(intronic[0].transcript, "");
  EXPECT_EQ(noncoding_reason(intronic[0].so_terms), "intronic");
  EXPECT_TRUE(std::isnan(intronic[0].max_pop_af));
}

TEST(AnnovarReader, HandWrittenMultiAllelicBlocksAndEscapes) {
  const std::string header =
      "##INFO=<ID=ANNOVAR_DATE,Number=1,Type=String,Description=\"Flag the start of ANNOVAR annotation for one "
      "alternative allele\">\n"
      "##INFO=<ID=Func.refGene,Number=.,Type=String,Description=\"Func.refGene annotation provided by ANNOVAR\">\n"
      "##INFO=<ID=Gene.refGene,Number=.,Type=String,Description=\"Gene.refGene annotation provided by ANNOVAR\">\n"
      "##INFO=<ID=ExonicFunc.refGene,Number=.,Type=String,Description=\"ExonicFunc.refGene annotation\">\n"
      "##INFO=<ID=AAChange.refGene,Number=.,Type=String,Description=\"AAChange.refGene annotation\">\n"
      "##INFO=<ID=ALLELE_END,Number=0,Type=Flag,Description=\"Flag the end of ANNOVAR annotation\">\n";
  auto reader = make_annotation_reader(header);
  ASSERT_TRUE(reader);
  const std::string info =
      "DP=50;ANNOVAR_DATE=2020-06-08;Func.refGene=exonic;Gene.refGene=PIK3CA;ExonicFunc.refGene=nonsynonymous_SNV;"
      "AAChange.refGene=PIK3CA:NM_006218:exon10:c.G1633A:p.E545K;gnomAD_exome_ALL=.;ALLELE_END;"
      "ANNOVAR_DATE=2020-06-08;Func.refGene=exonic\\x3bsplicing;Gene.refGene=PIK3CA;ExonicFunc.refGene=stopgain;"
      "AAChange.refGene=PIK3CA:NM_006218:exon10:c.G1633T:p.E545X;gnomAD_exome_ALL=3e-05;ALLELE_END";
  auto k = reader->effects({info}, AlleleContext{"G", {"A", "T"}, 0});
  ASSERT_EQ(k.size(), 1u);
  EXPECT_EQ(k[0].hgvsp_short, "E545K");
  EXPECT_EQ(k[0].so_terms, Terms{"missense_variant"});
  EXPECT_TRUE(std::isnan(k[0].max_pop_af));
  auto x = reader->effects({info}, AlleleContext{"G", {"A", "T"}, 1});
  ASSERT_EQ(x.size(), 1u);
  EXPECT_EQ(x[0].hgvsp_short, "E545*");  // ANNOVAR writes a stop as X
  EXPECT_EQ(x[0].so_terms, (Terms{"stop_gained", "splice_site_variant"}));
  EXPECT_EQ(classify(x[0].so_terms), AlterationClass::Truncating);
  EXPECT_DOUBLE_EQ(x[0].max_pop_af, 3e-05);
  // Upstream of one gene and downstream of another, joined with an escaped ';'.
  auto ud = reader->effects({"ANNOVAR_DATE=x;Func.refGene=upstream\\x3bdownstream;Gene.refGene=AKT1\\x3bSIVA1;"
                             "ExonicFunc.refGene=.;AAChange.refGene=.;ALLELE_END"},
                            AlleleContext{"C", {"T"}, 0});
  ASSERT_EQ(ud.size(), 2u);
  EXPECT_EQ(ud[1].gene, "SIVA1");
  EXPECT_EQ(noncoding_reason(ud[1].so_terms), "upstream_downstream");
  // Two ALTs but one block; a bad AAChange item.
  EXPECT_THROW(reader->effects({"ANNOVAR_DATE=x;Func.refGene=exonic;ALLELE_END"}, AlleleContext{"G", {"A", "T"}, 1}),
               std::invalid_argument);
  EXPECT_THROW(reader->effects({"ANNOVAR_DATE=x;Func.refGene=exonic;ExonicFunc.refGene=stopgain;"
                                "AAChange.refGene=PIK3CA;ALLELE_END"},
                               AlleleContext{"G", {"A"}, 0}),
               std::invalid_argument);
  EXPECT_TRUE(reader->effects({"DP=3"}, AlleleContext{"G", {"A"}, 0}).empty());  // record not annotated
}

}  // namespace
}  // namespace pathcorr

namespace pathcorr {
namespace {

// One hex-escape decoder for every dialect's escaping: VEP/SnpEff/GFF3 "%2C", ANNOVAR "\x3b", Funcotator "_%2C_".
TEST(AnnotationBuildingBlocks, HexEscapesOfEveryDialect) {
  EXPECT_EQ(decode_hex_escapes("p.Leu55%3D", "%"), "p.Leu55=");
  EXPECT_EQ(decode_hex_escapes("a\\x3bb\\x3db", "\\x"), "a;b=b");
  EXPECT_EQ(decode_hex_escapes("\\x3", "\\x"), "\\x3");  // cut short: kept
  EXPECT_EQ(decode_hex_escapes("p.E545K_%2C_x", "_%", "_"), "p.E545K,x");
  EXPECT_EQ(decode_hex_escapes("_%2C", "_%", "_"), "_%2C");  // no closing '_': kept
  EXPECT_EQ(decode_hex_escapes("100%", "%"), "100%");
  AlleleContext ctx;
  ctx.alts = {"A"};
  ctx.alt_index = 1;
  EXPECT_THROW(check_alt_index(ctx), std::invalid_argument);
  EXPECT_TRUE(no_annotation({"."}));
  EXPECT_FALSE(no_annotation({"A|missense_variant"}));
}

// The first steps every reader shares: the ALT index checked, the entries split, their '|' fields counted against
// the header's list.
TEST(AnnotationBuildingBlocks, EntriesAndTheirFields) {
  AlleleContext ctx;
  ctx.alts = {"A", "T"};
  ctx.alt_index = 1;
  EXPECT_EQ(annotation_entries({"A|x,T|y"}, ctx), (std::vector<std::string>{"A|x", "T|y"}));
  EXPECT_EQ(annotation_entries({"Func.refGene=exonic;ALLELE_END"}, ctx, ';'),
            (std::vector<std::string>{"Func.refGene=exonic", "ALLELE_END"}));
  EXPECT_TRUE(annotation_entries({"."}, ctx).empty());
  EXPECT_TRUE(annotation_entries({}, ctx).empty());
  ctx.alt_index = 2;
  EXPECT_THROW(annotation_entries({"."}, ctx), std::invalid_argument);  // checked even without annotation

  EXPECT_EQ(entry_fields("a||b", "CSQ", 1, 3, 3), (std::vector<std::string>{"a", "", "b"}));
  EXPECT_EQ(entry_fields("a|b", "EFF", 1, 2, 4).size(), 2u);
  try {
    entry_fields("a|b", "ANN", 3, 4, 4);
    ADD_FAILURE() << "two fields where the header lists four";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "INFO/ANN entry 3 has 2 '|'-separated fields; the header lists 4");
  }
  try {
    entry_fields("a|b|c|d|e", "EFF", 1, 2, 4);
    ADD_FAILURE() << "five fields where the header allows two to four";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "INFO/EFF entry 1 has 5 '|'-separated fields; the header allows 2 to 4");
  }
}

}  // namespace
}  // namespace pathcorr
