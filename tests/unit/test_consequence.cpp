// Unit tests of the consequence vocabulary (annotators/consequence.h): VEP ranks, the protein-changing policy,
// alteration classes, not-counted reasons, dialect term tables and the short HGVSp form.
#include <gtest/gtest.h>

#include "annotators/consequence.h"

namespace pathcorr {
namespace {

using Terms = std::vector<std::string>;

TEST(Consequence, AlterationClassNames) {
  EXPECT_EQ(to_string(AlterationClass::Hotspot), "hotspot");
  EXPECT_EQ(to_string(AlterationClass::Truncating), "truncating");
  EXPECT_EQ(to_string(AlterationClass::Missense), "missense");
  EXPECT_EQ(to_string(AlterationClass::Inframe), "inframe");
  EXPECT_EQ(to_string(AlterationClass::Splice), "splice");
  EXPECT_EQ(to_string(AlterationClass::Other), "other");
}

TEST(Consequence, RanksFollowVepOrder) {
  // Ensembl's table, most severe first.
  const Terms order = {"transcript_ablation", "splice_acceptor_variant", "splice_donor_variant", "stop_gained",
                       "frameshift_variant", "stop_lost", "start_lost", "inframe_insertion", "inframe_deletion",
                       "missense_variant", "protein_altering_variant", "splice_region_variant",
                       "synonymous_variant", "coding_sequence_variant", "5_prime_UTR_variant",
                       "3_prime_UTR_variant", "non_coding_transcript_exon_variant", "intron_variant",
                       "NMD_transcript_variant", "non_coding_transcript_variant", "upstream_gene_variant",
                       "downstream_gene_variant", "regulatory_region_variant", "intergenic_variant"};
  for (std::size_t i = 1; i < order.size(); ++i)
    EXPECT_LT(so_rank(order[i - 1]), so_rank(order[i])) << order[i - 1] << " vs " << order[i];
  EXPECT_EQ(so_rank("transcript_ablation"), 1);
  EXPECT_EQ(so_rank("missense_variant"), 13);
  EXPECT_EQ(so_rank("no_such_term"), kUnknownSoRank);
  EXPECT_EQ(so_rank(""), kUnknownSoRank);
  // SnpEff's in-frame flavours rank with VEP's in-frame terms.
  EXPECT_EQ(so_rank("disruptive_inframe_deletion"), so_rank("inframe_deletion"));
  EXPECT_EQ(so_rank("conservative_inframe_insertion"), so_rank("inframe_insertion"));
}

TEST(Consequence, MostSevere) {
  EXPECT_EQ(most_severe({"splice_region_variant", "intron_variant"}), "splice_region_variant");
  EXPECT_EQ(most_severe({"intron_variant", "missense_variant", "splice_region_variant"}), "missense_variant");
  EXPECT_EQ(most_severe({"5_prime_UTR_variant", "NMD_transcript_variant"}), "5_prime_UTR_variant");
  EXPECT_EQ(most_severe({"weird", "intergenic_variant"}), "intergenic_variant");
  EXPECT_EQ(most_severe({"weird"}), "weird");
  EXPECT_EQ(most_severe({}), "");
}

TEST(Consequence, ProteinChangingPolicy) {
  for (const char* t : {"missense_variant", "stop_gained", "stop_lost", "start_lost", "frameshift_variant",
                        "inframe_insertion", "inframe_deletion", "splice_donor_variant", "splice_acceptor_variant",
                        "protein_altering_variant", "conservative_inframe_deletion",
                        "disruptive_inframe_deletion", "conservative_inframe_insertion",
                        "disruptive_inframe_insertion", "transcript_ablation", "exon_loss_variant"})
    EXPECT_TRUE(is_protein_changing({t})) << t;
  for (const char* t : {"splice_region_variant", "splice_donor_5th_base_variant", "splice_donor_region_variant",
                        "splice_polypyrimidine_tract_variant", "synonymous_variant", "stop_retained_variant",
                        "start_retained_variant", "coding_sequence_variant", "5_prime_UTR_variant",
                        "3_prime_UTR_variant", "intron_variant", "upstream_gene_variant",
                        "downstream_gene_variant", "intergenic_variant", "non_coding_transcript_exon_variant",
                        "NMD_transcript_variant", "initiator_codon_variant",
                        "5_prime_UTR_premature_start_codon_gain_variant", "incomplete_terminal_codon_variant"})
    EXPECT_FALSE(is_protein_changing({t})) << t;
  EXPECT_TRUE(is_protein_changing({"splice_region_variant", "missense_variant"}));
  EXPECT_TRUE(is_protein_changing({"stop_gained", "frameshift_variant"}));
  EXPECT_FALSE(is_protein_changing({"splice_region_variant", "intron_variant"}));
  EXPECT_FALSE(is_protein_changing({}));
}

TEST(Consequence, Classify) {
  EXPECT_EQ(classify({"missense_variant"}), AlterationClass::Missense);
  EXPECT_EQ(classify({"missense_variant", "splice_region_variant"}), AlterationClass::Missense);
  EXPECT_EQ(classify({"stop_gained"}), AlterationClass::Truncating);
  EXPECT_EQ(classify({"frameshift_variant"}), AlterationClass::Truncating);
  EXPECT_EQ(classify({"stop_lost"}), AlterationClass::Truncating);
  EXPECT_EQ(classify({"start_lost"}), AlterationClass::Truncating);
  EXPECT_EQ(classify({"stop_gained", "frameshift_variant"}), AlterationClass::Truncating);
  EXPECT_EQ(classify({"splice_acceptor_variant", "frameshift_variant"}), AlterationClass::Truncating);
  EXPECT_EQ(classify({"splice_donor_variant", "intron_variant"}), AlterationClass::Splice);
  EXPECT_EQ(classify({"splice_acceptor_variant"}), AlterationClass::Splice);
  EXPECT_EQ(classify({"inframe_insertion"}), AlterationClass::Inframe);
  EXPECT_EQ(classify({"disruptive_inframe_deletion"}), AlterationClass::Inframe);
  EXPECT_EQ(classify({"protein_altering_variant"}), AlterationClass::Inframe);
  EXPECT_EQ(classify({"inframe_deletion", "splice_region_variant"}), AlterationClass::Inframe);
  EXPECT_EQ(classify({"synonymous_variant"}), AlterationClass::Other);
  EXPECT_EQ(classify({"splice_region_variant"}), AlterationClass::Other);
  EXPECT_EQ(classify({}), AlterationClass::Other);
}

TEST(Consequence, NoncodingReason) {
  EXPECT_EQ(noncoding_reason({"synonymous_variant"}), "synonymous");
  EXPECT_EQ(noncoding_reason({"stop_retained_variant"}), "synonymous");
  EXPECT_EQ(noncoding_reason({"intron_variant"}), "intronic");
  EXPECT_EQ(noncoding_reason({"intron_variant", "non_coding_transcript_variant"}), "intronic");
  EXPECT_EQ(noncoding_reason({"5_prime_UTR_variant", "NMD_transcript_variant"}), "utr");
  EXPECT_EQ(noncoding_reason({"3_prime_UTR_variant"}), "utr");
  EXPECT_EQ(noncoding_reason({"upstream_gene_variant"}), "upstream_downstream");
  EXPECT_EQ(noncoding_reason({"downstream_gene_variant"}), "upstream_downstream");
  EXPECT_EQ(noncoding_reason({"intergenic_variant"}), "intergenic");
  EXPECT_EQ(noncoding_reason({"intergenic_region"}), "intergenic");
  EXPECT_EQ(noncoding_reason({"non_coding_transcript_exon_variant"}), "noncoding");
  EXPECT_EQ(noncoding_reason({"splice_region_variant", "intron_variant"}), "splice_region");
  EXPECT_EQ(noncoding_reason({"splice_region_variant", "synonymous_variant"}), "splice_region");
  EXPECT_EQ(noncoding_reason({"coding_sequence_variant"}), "coding_other");
  EXPECT_EQ(noncoding_reason({"regulatory_region_variant"}), "regulatory");
  EXPECT_EQ(noncoding_reason({"transcript_amplification"}), "structural");
  EXPECT_EQ(noncoding_reason({"made_up_term"}), "other_consequence");
  EXPECT_EQ(noncoding_reason({}), "unknown_consequence");
  EXPECT_EQ(noncoding_reason({"missense_variant"}), "");
  EXPECT_EQ(noncoding_reason({"splice_region_variant", "missense_variant"}), "");
}

TEST(Consequence, ToSoTermsVepAndSnpEff) {
  EXPECT_EQ(to_so_terms("vep", "missense_variant"), Terms{"missense_variant"});
  EXPECT_EQ(to_so_terms("vep", "splice_region_variant&intron_variant"),
            (Terms{"splice_region_variant", "intron_variant"}));
  // VEP v75 and older spellings.
  EXPECT_EQ(to_so_terms("vep", "nc_transcript_variant"), Terms{"non_coding_transcript_variant"});
  EXPECT_EQ(to_so_terms("vep", "non_coding_exon_variant"), Terms{"non_coding_transcript_exon_variant"});
  EXPECT_EQ(to_so_terms("vep", "initiator_codon_variant"), Terms{"start_lost"});
  // SnpEff keeps initiator_codon_variant (start codon to another start codon) and its own in-frame terms.
  EXPECT_EQ(to_so_terms("snpeff", "initiator_codon_variant"), Terms{"initiator_codon_variant"});
  EXPECT_EQ(to_so_terms("snpeff", "conservative_inframe_deletion"), Terms{"conservative_inframe_deletion"});
  EXPECT_EQ(to_so_terms("snpeff", "5_prime_UTR_truncation+exon_loss_variant"),
            (Terms{"5_prime_UTR_truncation", "exon_loss_variant"}));
  EXPECT_EQ(to_so_terms("snpeff", "intergenic_region"), Terms{"intergenic_variant"});
  EXPECT_EQ(to_so_terms("snpeff", "non_coding_exon_variant"), Terms{"non_coding_transcript_exon_variant"});
  EXPECT_EQ(to_so_terms("vep", ""), Terms{});
}

TEST(Consequence, ToSoTermsSnpEffClassic) {
  EXPECT_EQ(to_so_terms("snpeff-eff", "NON_SYNONYMOUS_CODING"), Terms{"missense_variant"});
  EXPECT_EQ(to_so_terms("snpeff-eff", "STOP_GAINED"), Terms{"stop_gained"});
  EXPECT_EQ(to_so_terms("snpeff-eff", "FRAME_SHIFT"), Terms{"frameshift_variant"});
  EXPECT_EQ(to_so_terms("snpeff-eff", "CODON_INSERTION"), Terms{"inframe_insertion"});
  EXPECT_EQ(to_so_terms("snpeff-eff", "CODON_CHANGE_PLUS_CODON_DELETION"), Terms{"disruptive_inframe_deletion"});
  EXPECT_EQ(to_so_terms("snpeff-eff", "SPLICE_SITE_ACCEPTOR"), Terms{"splice_acceptor_variant"});
  EXPECT_EQ(to_so_terms("snpeff-eff", "SPLICE_SITE_DONOR"), Terms{"splice_donor_variant"});
  EXPECT_EQ(to_so_terms("snpeff-eff", "SPLICE_SITE_REGION"), Terms{"splice_region_variant"});
  EXPECT_EQ(to_so_terms("snpeff-eff", "SYNONYMOUS_CODING"), Terms{"synonymous_variant"});
  EXPECT_EQ(to_so_terms("snpeff-eff", "NON_SYNONYMOUS_START"), Terms{"initiator_codon_variant"});
  EXPECT_EQ(to_so_terms("snpeff-eff", "START_LOST"), Terms{"start_lost"});
  EXPECT_EQ(to_so_terms("snpeff-eff", "UTR_5_PRIME"), Terms{"5_prime_UTR_variant"});
  EXPECT_EQ(to_so_terms("snpeff-eff", "INTERGENIC"), Terms{"intergenic_variant"});
}

TEST(Consequence, ToSoTermsAnnovarFuncotatorBcsq) {
  EXPECT_EQ(to_so_terms("annovar", "nonsynonymous SNV"), Terms{"missense_variant"});
  EXPECT_EQ(to_so_terms("annovar", "nonsynonymous_SNV"), Terms{"missense_variant"});
  EXPECT_EQ(to_so_terms("annovar", "stopgain"), Terms{"stop_gained"});
  EXPECT_EQ(to_so_terms("annovar", "frameshift deletion"), Terms{"frameshift_variant"});
  EXPECT_EQ(to_so_terms("annovar", "nonframeshift insertion"), Terms{"inframe_insertion"});
  EXPECT_EQ(to_so_terms("annovar", "synonymous SNV"), Terms{"synonymous_variant"});
  EXPECT_EQ(to_so_terms("annovar", "exonic;splicing"), (Terms{"coding_sequence_variant", "splice_site_variant"}));
  EXPECT_EQ(to_so_terms("annovar", "UTR3"), Terms{"3_prime_UTR_variant"});
  EXPECT_EQ(to_so_terms("annovar", "intronic"), Terms{"intron_variant"});
  EXPECT_EQ(to_so_terms("funcotator", "MISSENSE"), Terms{"missense_variant"});
  EXPECT_EQ(to_so_terms("funcotator", "NONSENSE"), Terms{"stop_gained"});
  EXPECT_EQ(to_so_terms("funcotator", "FRAME_SHIFT_DEL"), Terms{"frameshift_variant"});
  EXPECT_EQ(to_so_terms("funcotator", "IN_FRAME_INS"), Terms{"inframe_insertion"});
  EXPECT_EQ(to_so_terms("funcotator", "SPLICE_SITE"), Terms{"splice_site_variant"});
  EXPECT_EQ(to_so_terms("funcotator", "SILENT"), Terms{"synonymous_variant"});
  EXPECT_EQ(to_so_terms("funcotator", "Missense_Mutation"), Terms{"missense_variant"});
  EXPECT_EQ(to_so_terms("funcotator", "COULD_NOT_DETERMINE"), Terms{});
  EXPECT_EQ(to_so_terms("bcsq", "missense"), Terms{"missense_variant"});
  EXPECT_EQ(to_so_terms("bcsq", "*missense"), Terms{"missense_variant"});
  EXPECT_EQ(to_so_terms("bcsq", "@stop_gained"), Terms{"stop_gained"});
  EXPECT_EQ(to_so_terms("bcsq", "5_prime_utr"), Terms{"5_prime_UTR_variant"});
  EXPECT_EQ(to_so_terms("bcsq", "inframe_altering"), Terms{"protein_altering_variant"});
  // The splice site both ANNOVAR and Funcotator report without donor/acceptor counts as splice.
  EXPECT_TRUE(is_protein_changing(to_so_terms("annovar", "splicing")));
  EXPECT_EQ(classify(to_so_terms("funcotator", "SPLICE_SITE")), AlterationClass::Splice);
}

}  // namespace
}  // namespace pathcorr
