// The common consequence vocabulary every annotation dialect is translated into: Sequence Ontology (SO) terms
// ranked as Ensembl VEP ranks them, the "protein-changing" test of SPEC "Default alteration policy", the
// alteration class written to calls.tsv, the reason a variant is not counted, the per-dialect term tables
// (SnpEff EFF, ANNOVAR, Funcotator, bcftools BCSQ). The short protein change ("H1047R") is
// pipeline/base/protein.h's short_protein_change().
#pragma once
#include <string>
#include <vector>

namespace pathcorr {

enum class AlterationClass { Hotspot, Truncating, Missense, Inframe, Splice, Other };

// "hotspot", "truncating", "missense", "inframe", "splice", "other".
std::string to_string(AlterationClass alteration_class);

// Severity of an SO term in VEP's order (1 = transcript_ablation, most severe). SnpEff-only SO terms
// (conservative_inframe_deletion, exon_loss_variant, intergenic_region, ...) get the rank of their VEP
// equivalent. Unknown terms rank last (kUnknownSoRank).
constexpr int kUnknownSoRank = 1000;
int so_rank(const std::string& so_term);

// The most severe term of the list (first one on ties); "" for an empty list.
std::string most_severe(const std::vector<std::string>& so_terms);

// True when any term changes the protein (SPEC "Default alteration policy"): missense, stop gained, stop lost,
// start lost, frameshift, in-frame insertion/deletion (incl. SnpEff's conservative_/disruptive_inframe_*),
// protein_altering_variant, splice donor/acceptor; also transcript_ablation, exon_loss_variant and
// feature_ablation (the coding sequence is deleted). Never: splice_region_variant (and the other splice-region
// flavours), synonymous, start/stop retained, coding_sequence_variant (VEP could not tell), UTR, intron,
// up/downstream, intergenic, non-coding.
bool is_protein_changing(const std::vector<std::string>& so_terms);

// Class of a protein-changing effect; hotspot status is the caller's business, so Hotspot is never returned.
//   Truncating: stop_gained, frameshift_variant, stop_lost, start_lost, transcript_ablation, exon_loss_variant,
//               feature_ablation. stop_lost and start_lost are loss-of-function classes here, as in
//               cBioPortal's "truncating" group (Nonstop_Mutation, Translation_Start_Site).
//   Splice:     splice_acceptor_variant, splice_donor_variant.
//   Inframe:    inframe_insertion/deletion, conservative_/disruptive_inframe_*, protein_altering_variant.
//   Missense:   missense_variant.
// When several terms apply the order Truncating > Splice > Inframe > Missense decides
// ("splice_acceptor_variant&frameshift_variant" -> Truncating). Other for a non-protein-changing list.
AlterationClass classify(const std::vector<std::string>& so_terms);

// Why a non-protein-changing effect is not counted, one word per group, chosen by the most severe term:
//   "synonymous"          synonymous_variant, start_retained_variant, stop_retained_variant
//   "splice_region"       splice_region_variant, splice_donor_5th_base_variant, splice_donor_region_variant,
//                         splice_polypyrimidine_tract_variant, splice_branch_variant
//   "coding_other"        coding_sequence_variant, incomplete_terminal_codon_variant, initiator_codon_variant
//                         (SnpEff: start codon to another start codon), rare_amino_acid_variant,
//                         non_canonical_start_codon, protein-feature overlaps (sequence_feature,
//                         protein_protein_contact, structural_interaction_variant)
//   "utr"                 5'/3' UTR variants, 5_prime_UTR_premature_start_codon_gain_variant, UTR truncations
//   "intronic"            intron_variant, conserved_intron_variant, intragenic_variant
//   "noncoding"           non-coding transcript (exon) variants, NMD_transcript_variant, miRNA variants
//   "upstream_downstream" upstream_gene_variant, downstream_gene_variant
//   "regulatory"          TFBS_*, TF_binding_site_variant, regulatory_region_*
//   "structural"          transcript_amplification, feature_elongation/truncation, gene fusions, large
//                         chromosome deletions
//   "intergenic"          intergenic_variant, intergenic_region, conserved_intergenic_variant
//   "other_consequence"   a term not in the tables above
//   "unknown_consequence" no term at all
// Returns "" when the list is protein-changing.
std::string noncoding_reason(const std::vector<std::string>& so_terms);

// Map one term of a dialect to SO terms. dialect: "vep" and "snpeff" (already SO; SnpEff's few non-SO names
// such as "non_coding_exon_variant" are normalised, "+"-joined pairs split), "snpeff-eff" (classic EFF:
// NON_SYNONYMOUS_CODING, STOP_GAINED, FRAME_SHIFT, CODON_INSERTION, SPLICE_SITE_ACCEPTOR, ...), "annovar"
// (ExonicFunc / Func values: "nonsynonymous SNV" or "nonsynonymous_SNV", stopgain, "frameshift deletion",
// exonic, splicing, UTR5, ...), "funcotator" (MISSENSE, NONSENSE, FRAME_SHIFT_DEL, IN_FRAME_INS, SPLICE_SITE,
// SILENT, ...), "bcsq" (missense, stop_gained, inframe_altering, 5_prime_utr, ...; a leading '*' or '@'
// is ignored). Matching is case-insensitive where the dialect's own spelling varies. An unknown term is
// returned unchanged (it then ranks last and counts as "other_consequence"); "" gives {}.
std::vector<std::string> to_so_terms(const std::string& dialect, const std::string& term);

}  // namespace pathcorr
