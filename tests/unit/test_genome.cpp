// Tests of pipeline/base/genome: the one chromosome-name rule and the one list of genome-build keywords that the
// reference tables, the VCF, MAF and ANNOVAR readers and the consequence caller all use.
#include "pipeline/base/genome.h"

#include <gtest/gtest.h>

namespace pathcorr {
namespace {

TEST(Genome, CanonicalChrom) {
  EXPECT_EQ(canonical_chrom("chr3"), "3");
  EXPECT_EQ(canonical_chrom("3"), "3");
  EXPECT_EQ(canonical_chrom("CHRX"), "X");
  EXPECT_EQ(canonical_chrom("chrX"), "X");
  EXPECT_EQ(canonical_chrom("chrM"), "MT");
  EXPECT_EQ(canonical_chrom("M"), "MT");
  EXPECT_EQ(canonical_chrom("MT"), "MT");
  EXPECT_EQ(canonical_chrom("chrMT"), "MT");
  EXPECT_EQ(canonical_chrom(" chr10\t"), "10");  // a table cell with blanks around it
  EXPECT_EQ(canonical_chrom("chr"), "chr");        // nothing after the prefix: not a "chr" name
  EXPECT_EQ(canonical_chrom("GL000220.1"), "GL000220.1");
  EXPECT_EQ(canonical_chrom("chrUn_gl000220"), "Un_gl000220");
  EXPECT_EQ(canonical_chrom("m"), "m");  // only upper-case M is the mitochondrion
}

TEST(Genome, ParseBuildTakesOnlyAWholeName) {
  for (const char* s : {"GRCh37", "grch37", "hg19", "b37", "37", " GRCh37 "}) EXPECT_EQ(parse_build(s), Build::GRCh37) << s;
  for (const char* s : {"GRCh38", "HG38", "hg38", "b38", "38"}) EXPECT_EQ(parse_build(s), Build::GRCh38) << s;
  for (const char* s : {"hg18", "", "GRCh37.p13", "hs37d5", "auto"}) EXPECT_FALSE(parse_build(s).has_value()) << s;
  EXPECT_EQ(to_string(Build::GRCh37), "GRCh37");
  EXPECT_EQ(to_string(Build::GRCh38), "GRCh38");
}

TEST(Genome, BuildFromTextFindsKeywords) {
  for (const char* s : {"file:///refs/hs37d5.fa", "file:///ref/human_g1k_v37.fasta", "GRCh37-lite", "GRCh37.p13",
                        "Homo_sapiens_assembly19.fasta", "/data/b37/genome.fa", "ucsc.hg19.fasta",
                        "TCGA-AB-2802.hg19_multianno.txt"})
    EXPECT_EQ(build_from_text(s), Build::GRCh37) << s;
  for (const char* s : {"GRCh38_full_analysis_set_plus_decoy_hla.fa", "hs38DH.fa", "Homo_sapiens_assembly38.fasta",
                        "GCA_000001405.15_GRCh38_no_alt_analysis_set.fna", "x.hg38_multianno.txt", "38"})
    EXPECT_EQ(build_from_text(s), Build::GRCh38) << s;
}

TEST(Genome, BuildFromTextRefusesGluedOrContradictingNames) {
  // A keyword glued to a letter or digit before it, or to a digit after it, is part of another word.
  for (const char* s : {"sub37_patient.txt", "hg190.fa", "grch370", "ab38x", "", "hg18.fa", "no build here"})
    EXPECT_FALSE(build_from_text(s).has_value()) << s;
  EXPECT_FALSE(build_from_text("lifted from hg19 to hg38").has_value());  // both named: no answer
}

}  // namespace
}  // namespace pathcorr
