// Unit tests of classify/copy_number: SPEC's copy-number classes at their edges, for absolute copy number, log2
// ratios (with CNVkit's purity rescaling) and discrete values, and gene calls from segments.
#include <gtest/gtest.h>

#include <cmath>

#include "pipeline/classify/copy_number.h"

namespace pathcorr {
namespace {

const CnThresholds kDefault;

TEST(CopyNumber, AbsoluteEdges) {
  // ploidy 2: deep < 0.5, shallow < 1.5, gain > 2.5, amplification >= 4
  EXPECT_EQ(classify_absolute(0.0, 2, kDefault), CnClass::DeepDeletion);
  EXPECT_EQ(classify_absolute(0.4999, 2, kDefault), CnClass::DeepDeletion);
  EXPECT_EQ(classify_absolute(0.5, 2, kDefault), CnClass::ShallowDeletion);
  EXPECT_EQ(classify_absolute(1.4999, 2, kDefault), CnClass::ShallowDeletion);
  EXPECT_EQ(classify_absolute(1.5, 2, kDefault), CnClass::Neutral);
  EXPECT_EQ(classify_absolute(2.5, 2, kDefault), CnClass::Neutral);
  EXPECT_EQ(classify_absolute(2.5001, 2, kDefault), CnClass::Gain);
  EXPECT_EQ(classify_absolute(3.9999, 2, kDefault), CnClass::Gain);
  EXPECT_EQ(classify_absolute(4.0, 2, kDefault), CnClass::Amplification);  // exactly 2 x ploidy
  // PURPLE COLO829T: ploidy 3.10, PIK3CA 4.01 is a gain, not an amplification (needs 6.2); PTEN 0 is deep.
  EXPECT_EQ(classify_absolute(4.01, 3.10, kDefault), CnClass::Gain);
  EXPECT_EQ(classify_absolute(6.2, 3.10, kDefault), CnClass::Amplification);
  EXPECT_EQ(classify_absolute(0.0, 3.10, kDefault), CnClass::DeepDeletion);
  // ASCAT A17: total 9 with no ploidy in the file (default 2) is an amplification.
  EXPECT_EQ(classify_absolute(9, 2, kDefault), CnClass::Amplification);
}

TEST(CopyNumber, Log2EdgesAreCnvkitCallDefaults) {
  EXPECT_EQ(classify_log2(-1.1001, kDefault), CnClass::DeepDeletion);
  EXPECT_EQ(classify_log2(-1.1, kDefault), CnClass::ShallowDeletion);  // exactly -1.1 is not below it
  EXPECT_EQ(classify_log2(-0.2501, kDefault), CnClass::ShallowDeletion);
  EXPECT_EQ(classify_log2(-0.25, kDefault), CnClass::Neutral);
  EXPECT_EQ(classify_log2(0.2, kDefault), CnClass::Neutral);
  EXPECT_EQ(classify_log2(0.2001, kDefault), CnClass::Gain);
  EXPECT_EQ(classify_log2(0.6999, kDefault), CnClass::Gain);
  EXPECT_EQ(classify_log2(0.7, kDefault), CnClass::Amplification);
  // The real files' cases: CNVkit amplicon PIK3CA +0.91 amplification; one-copy PTEN losses -0.45 and -0.94 are
  // shallow; TCGA-AB-3009's -1.30 inside PIK3CA is deep; floor values (-26.4) are deep.
  EXPECT_EQ(classify_log2(0.91, kDefault), CnClass::Amplification);
  EXPECT_EQ(classify_log2(-0.45, kDefault), CnClass::ShallowDeletion);
  EXPECT_EQ(classify_log2(-0.94, kDefault), CnClass::ShallowDeletion);
  EXPECT_EQ(classify_log2(-1.30, kDefault), CnClass::DeepDeletion);
  EXPECT_EQ(classify_log2(-26.4, kDefault), CnClass::DeepDeletion);
}

TEST(CopyNumber, PurityRescalingAsCnvkitCall) {
  // CNVkit call --purity p on an autosome: log2(max((2^r - (1 - p)) / p, 1e-3)).
  // r = -0.5 at purity 0.5: (0.70710678 - 0.5) / 0.5 = 0.41421356 -> log2 = -1.2715533 (deep, not shallow).
  EXPECT_NEAR(rescale_log2_for_purity(-0.5, 0.5), std::log2((std::exp2(-0.5) - 0.5) / 0.5), 1e-15);
  EXPECT_NEAR(rescale_log2_for_purity(-0.5, 0.5), -1.2715533031638722, 1e-12);
  EXPECT_EQ(classify_log2(-0.5, kDefault), CnClass::ShallowDeletion);
  EXPECT_EQ(classify_log2(-0.5, kDefault, 0.5), CnClass::DeepDeletion);
  // Below the floor: 2^r < 1 - p gives the 1e-3 floor, log2(1e-3).
  EXPECT_NEAR(rescale_log2_for_purity(-3, 0.5), std::log2(1e-3), 1e-12);
  // Purity 1 or unknown: unchanged.
  EXPECT_EQ(rescale_log2_for_purity(0.3, 1.0), 0.3);
  EXPECT_EQ(rescale_log2_for_purity(0.3, std::nan("")), 0.3);
}

TEST(CopyNumber, DiscreteValues) {
  EXPECT_EQ(classify_discrete(-2), CnClass::DeepDeletion);
  EXPECT_EQ(classify_discrete(-1.5), CnClass::DeepDeletion);  // MSK-IMPACT's -1.5, as gnomeR maps it
  EXPECT_EQ(classify_discrete(-1), CnClass::ShallowDeletion);
  EXPECT_EQ(classify_discrete(0), CnClass::Neutral);
  EXPECT_EQ(classify_discrete(1), CnClass::Gain);
  EXPECT_EQ(classify_discrete(2), CnClass::Amplification);
  EXPECT_STREQ(to_string(CnClass::DeepDeletion), "deep_deletion");
  EXPECT_EQ(discrete_value(CnClass::Amplification), 2);
}

Gene gene_at(const std::string& chrom, long long start, long long end) {
  Gene g;
  g.symbol = "G";
  g.chrom = chrom;
  g.start = start;
  g.end = end;
  return g;
}

TEST(CopyNumber, GeneCallTakesTheLowestOverlappingSegment) {
  const Gene g = gene_at("10", 1000, 2000);
  const CnScaleContext log2;
  // A focal deletion inside the gene decides, whatever the flanking segments say.
  std::vector<CnSegment> segs = {{"chr10", 1, 1400, 0.1, 1}, {"chr10", 1401, 1500, -1.3, 2},
                                 {"chr10", 1501, 5000, 0.8, 3}};
  GeneCnCall c = call_gene(g, segs, log2, kDefault);
  ASSERT_TRUE(c.evaluable);
  EXPECT_EQ(c.cls, CnClass::DeepDeletion);
  EXPECT_EQ(c.value, -1.3);
  EXPECT_EQ(c.segment->line, 2);
  EXPECT_TRUE(c.covers_gene);
  // Segments touching the gene's first or last base overlap it; segments next to it do not.
  EXPECT_TRUE(call_gene(g, {{"10", 2000, 3000, 0.9, 1}, {"10", 1, 1999, 0.9, 2}}, log2, kDefault).evaluable);
  EXPECT_FALSE(call_gene(g, {{"10", 2001, 3000, -2, 1}, {"10", 1, 999, -2, 2}}, log2, kDefault).evaluable);
  // Another chromosome does not count.
  EXPECT_FALSE(call_gene(g, {{"X", 1, 5000, -2, 1}}, log2, kDefault).evaluable);
}

TEST(CopyNumber, AmplificationMustCoverTheWholeGene) {
  const Gene g = gene_at("3", 1000, 2000);
  const CnScaleContext log2;
  // Only part of the gene covered by an amplified segment: not known to be amplified.
  GeneCnCall part = call_gene(g, {{"3", 1500, 5000, 1.2, 1}}, log2, kDefault);
  EXPECT_TRUE(part.evaluable);
  EXPECT_FALSE(part.covers_gene);
  EXPECT_EQ(part.cls, CnClass::Neutral);
  // Two adjacent amplified segments covering it all: amplification (the lower value decides).
  GeneCnCall whole = call_gene(g, {{"3", 1, 1500, 1.2, 1}, {"3", 1501, 5000, 0.75, 2}}, log2, kDefault);
  EXPECT_TRUE(whole.covers_gene);
  EXPECT_EQ(whole.cls, CnClass::Amplification);
  EXPECT_EQ(whole.value, 0.75);
  // A partial deletion still counts.
  EXPECT_EQ(call_gene(g, {{"3", 1500, 1600, -2.0, 1}}, log2, kDefault).cls, CnClass::DeepDeletion);
}

TEST(CopyNumber, AbsoluteScaleUsesThePloidy) {
  const Gene g = gene_at("3", 1000, 2000);
  CnScaleContext abs;
  abs.scale = CnScale::Absolute;
  abs.ploidy = 3.10;
  EXPECT_EQ(call_gene(g, {{"3", 1, 5000, 4.01, 1}}, abs, kDefault).cls, CnClass::Gain);
  abs.ploidy = 2;
  EXPECT_EQ(call_gene(g, {{"3", 1, 5000, 4.01, 1}}, abs, kDefault).cls, CnClass::Amplification);
}

}  // namespace
}  // namespace pathcorr
