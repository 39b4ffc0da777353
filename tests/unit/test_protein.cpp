// Tests of pipeline/base/protein: the one amino-acid table and the one protein-change shortener that calls.tsv,
// the hotspot table and hotspot matching all use. Expected forms are vcf2maf's HGVSp_Short and cancerhotspots'
// labels for the same changes.
#include "pipeline/base/protein.h"

#include <gtest/gtest.h>

namespace pathcorr {
namespace {

TEST(Protein, AminoAcidTableBothWays) {
  const std::string one = "ARNDCQEGHILKMFPSTWYV*UOXBZJ";
  for (char c : one) {
    const std::string_view three = amino_acid_three_letter(c);
    ASSERT_EQ(three.size(), 3u) << c;
    EXPECT_EQ(amino_acid_one_letter(three), c) << three;
  }
  EXPECT_EQ(amino_acid_three_letter('H'), "His");
  EXPECT_EQ(amino_acid_three_letter('*'), "Ter");
  EXPECT_EQ(amino_acid_three_letter('X'), "Xaa");
  EXPECT_EQ(amino_acid_three_letter('1'), "Xaa");  // no amino acid: written as unknown
  EXPECT_EQ(amino_acid_one_letter("Ter"), '*');
  EXPECT_EQ(amino_acid_one_letter("HIS"), 0);  // HGVS codes are case-sensitive
  EXPECT_EQ(amino_acid_one_letter("del"), 0);
}

TEST(Protein, ShortensSubstitutionsAndStops) {
  EXPECT_EQ(short_protein_change("p.His1047Arg"), "H1047R");
  EXPECT_EQ(short_protein_change("ENSP00000263967.3:p.His1047Arg"), "H1047R");
  EXPECT_EQ(short_protein_change("p.H1047R"), "H1047R");
  EXPECT_EQ(short_protein_change("p.(His1047Arg)"), "H1047R");
  EXPECT_EQ(short_protein_change(" E545K "), "E545K");
  EXPECT_EQ(short_protein_change("p.Glu17Lys"), "E17K");
  EXPECT_EQ(short_protein_change("p.Arg130Ter"), "R130*");
  EXPECT_EQ(short_protein_change("p.R130*"), "R130*");
  EXPECT_EQ(short_protein_change("p.Gln236*"), "Q236*");
  // ANNOVAR and older SnpEff write a stop as X; the reference and the annotators used to disagree here.
  EXPECT_EQ(short_protein_change("p.R130X"), "R130*");
  EXPECT_EQ(short_protein_change("PTEN:NM_000314:exon5:c.C388T:p.R130X"), "R130*");
  EXPECT_EQ(short_protein_change("R130X"), "R130*");
  // A leading X is an unknown residue (vcf2maf's splice label), not a stop.
  EXPECT_EQ(short_protein_change("p.X165_splice"), "X165_splice");
  EXPECT_EQ(short_protein_change("p.Leu55%3D"), "L55=");
  EXPECT_EQ(short_protein_change("p.Met1?"), "M1?");
  EXPECT_EQ(short_protein_change("NOD2:NM_022162:exon4:c.C2104T:p.R702W"), "R702W");
  EXPECT_EQ(short_protein_change("E2526Q"), "E2526Q");  // SnpEff classic amino-acid field
  EXPECT_EQ(short_protein_change("p.Gly12Asp/c.35G>A"), "G12D");
}

TEST(Protein, ShortensFrameshiftsIndelsAndExtensions) {
  EXPECT_EQ(short_protein_change("p.Thr319fs"), "T319fs");
  EXPECT_EQ(short_protein_change("p.Thr319LysfsTer24"), "T319fs");
  EXPECT_EQ(short_protein_change("p.T319Kfs*24"), "T319fs");
  EXPECT_EQ(short_protein_change("p.Lys111AsnfsTer5"), "K111fs");
  EXPECT_EQ(short_protein_change("ENSP00000334393.3:p.Thr127AsnfsTer38"), "T127fs");
  EXPECT_EQ(short_protein_change("p.E545fs"), "E545fs");
  EXPECT_EQ(short_protein_change("p.Glu469delinsAspLys"), "E469delinsDK");
  EXPECT_EQ(short_protein_change("p.Glu545delinsLysGln"), "E545delinsKQ");
  EXPECT_EQ(short_protein_change("p.Lys2_Leu4del"), "K2_L4del");
  EXPECT_EQ(short_protein_change("p.Leu10_Met16del"), "L10_M16del");
  EXPECT_EQ(short_protein_change("p.Cys60_Ile75dup"), "C60_I75dup");
  EXPECT_EQ(short_protein_change("p.Glu545_Gln546insAla"), "E545_Q546insA");
  EXPECT_EQ(short_protein_change("p.Ter1069ArgextTer5"), "*1069Rext*5");
  EXPECT_EQ(short_protein_change("p.544_545insS"), "544_545insS");  // Funcotator / Oncotator, position first
  EXPECT_EQ(short_protein_change("R130*"), "R130*");                // already short: unchanged
  EXPECT_EQ(short_protein_change("T319fs"), "T319fs");
}

TEST(Protein, NotAProteinChangeGivesEmpty) {
  for (const char* s : {"", "p.=", "p.?", "p.0", "p.(=)", "garbage", "c.35G>A", "splice"})
    EXPECT_EQ(short_protein_change(s), "") << s;
}

}  // namespace
}  // namespace pathcorr
