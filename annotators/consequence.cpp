// Consequence vocabulary: SO ranks (VEP order), the protein-changing policy, alteration classes, not-counted
// reasons and dialect term tables. Tables are plain sorted-by-hand arrays looked up
// through one unordered_map built on first use.
#include "annotators/consequence.h"

#include <algorithm>
#include <cctype>
#include <unordered_map>

namespace pathcorr {
namespace {

// Reason groups (what noncoding_reason returns for a term).
enum class Group {
  ProteinChanging, Synonymous, SpliceRegion, CodingOther, Utr, Intronic, Noncoding, UpDown, Regulatory,
  Structural, Intergenic
};

struct TermInfo {
  const char* term;
  int rank;
  Group group;
};

// VEP's severity order (Ensembl "Calculated variant consequences", release 110), then the SnpEff-only SO terms
// at the rank of their nearest VEP term.
const TermInfo kTerms[] = {
    {"transcript_ablation", 1, Group::ProteinChanging},
    {"splice_acceptor_variant", 2, Group::ProteinChanging},
    {"splice_donor_variant", 3, Group::ProteinChanging},
    {"stop_gained", 4, Group::ProteinChanging},
    {"frameshift_variant", 5, Group::ProteinChanging},
    {"stop_lost", 6, Group::ProteinChanging},
    {"start_lost", 7, Group::ProteinChanging},
    {"transcript_amplification", 8, Group::Structural},
    {"feature_elongation", 9, Group::Structural},
    {"feature_truncation", 10, Group::Structural},
    {"inframe_insertion", 11, Group::ProteinChanging},
    {"inframe_deletion", 12, Group::ProteinChanging},
    {"missense_variant", 13, Group::ProteinChanging},
    {"protein_altering_variant", 14, Group::ProteinChanging},
    {"splice_donor_5th_base_variant", 15, Group::SpliceRegion},
    {"splice_region_variant", 16, Group::SpliceRegion},
    {"splice_donor_region_variant", 17, Group::SpliceRegion},
    {"splice_polypyrimidine_tract_variant", 18, Group::SpliceRegion},
    {"incomplete_terminal_codon_variant", 19, Group::CodingOther},
    {"start_retained_variant", 20, Group::Synonymous},
    {"stop_retained_variant", 21, Group::Synonymous},
    {"synonymous_variant", 22, Group::Synonymous},
    {"coding_sequence_variant", 23, Group::CodingOther},
    {"mature_miRNA_variant", 24, Group::Noncoding},
    {"5_prime_UTR_variant", 25, Group::Utr},
    {"3_prime_UTR_variant", 26, Group::Utr},
    {"non_coding_transcript_exon_variant", 27, Group::Noncoding},
    {"intron_variant", 28, Group::Intronic},
    {"NMD_transcript_variant", 29, Group::Noncoding},
    {"non_coding_transcript_variant", 30, Group::Noncoding},
    {"coding_transcript_variant", 31, Group::CodingOther},
    {"upstream_gene_variant", 32, Group::UpDown},
    {"downstream_gene_variant", 33, Group::UpDown},
    {"TFBS_ablation", 34, Group::Regulatory},
    {"TFBS_amplification", 35, Group::Regulatory},
    {"TF_binding_site_variant", 36, Group::Regulatory},
    {"regulatory_region_ablation", 37, Group::Regulatory},
    {"regulatory_region_amplification", 38, Group::Regulatory},
    {"regulatory_region_variant", 39, Group::Regulatory},
    {"intergenic_variant", 40, Group::Intergenic},
    {"sequence_variant", 41, Group::CodingOther},
    // SnpEff (and ANNOVAR/Funcotator translations) beyond VEP's list.
    {"exon_loss_variant", 1, Group::ProteinChanging},
    {"feature_ablation", 1, Group::ProteinChanging},
    {"splice_site_variant", 2, Group::ProteinChanging},  // donor or acceptor, not told which (ANNOVAR, Funcotator)
    {"chromosome", 8, Group::Structural},
    {"chromosome_number_variation", 8, Group::Structural},
    {"gene_fusion", 8, Group::Structural},
    {"bidirectional_gene_fusion", 8, Group::Structural},
    {"disruptive_inframe_insertion", 11, Group::ProteinChanging},
    {"conservative_inframe_insertion", 11, Group::ProteinChanging},
    {"disruptive_inframe_deletion", 12, Group::ProteinChanging},
    {"conservative_inframe_deletion", 12, Group::ProteinChanging},
    {"splice_branch_variant", 16, Group::SpliceRegion},
    {"rare_amino_acid_variant", 19, Group::CodingOther},
    {"initiator_codon_variant", 20, Group::CodingOther},  // SnpEff: start codon -> another start codon (LOW)
    {"non_canonical_start_codon", 20, Group::CodingOther},
    {"sequence_feature", 23, Group::CodingOther},
    {"protein_protein_contact", 23, Group::CodingOther},
    {"structural_interaction_variant", 23, Group::CodingOther},
    {"miRNA", 24, Group::Noncoding},
    {"5_prime_UTR_premature_start_codon_gain_variant", 25, Group::Utr},
    {"5_prime_UTR_truncation", 25, Group::Utr},
    {"3_prime_UTR_truncation", 26, Group::Utr},
    {"exon_variant", 27, Group::Noncoding},
    {"conserved_intron_variant", 28, Group::Intronic},
    {"intragenic_variant", 28, Group::Intronic},
    {"transcript_variant", 30, Group::Noncoding},
    {"gene_variant", 30, Group::Noncoding},
    {"intergenic_region", 40, Group::Intergenic},
    {"conserved_intergenic_variant", 40, Group::Intergenic},
};

const std::unordered_map<std::string, const TermInfo*>& term_table() {
  static const std::unordered_map<std::string, const TermInfo*> table = [] {
    std::unordered_map<std::string, const TermInfo*> t;
    for (const TermInfo& info : kTerms) t.emplace(info.term, &info);
    return t;
  }();
  return table;
}

const TermInfo* find_term(const std::string& so_term) {
  const auto& table = term_table();
  auto it = table.find(so_term);
  return it == table.end() ? nullptr : it->second;
}

bool any_of_terms(const std::vector<std::string>& so_terms, std::initializer_list<const char*> wanted) {
  for (const std::string& t : so_terms)
    for (const char* w : wanted)
      if (t == w) return true;
  return false;
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::vector<std::string> split_on(const std::string& text, char sep) {
  std::vector<std::string> parts;
  std::string::size_type start = 0;
  while (true) {
    auto pos = text.find(sep, start);
    parts.push_back(text.substr(start, pos == std::string::npos ? std::string::npos : pos - start));
    if (pos == std::string::npos) break;
    start = pos + 1;
  }
  return parts;
}

using TermMap = std::unordered_map<std::string, std::vector<std::string>>;

// SnpEff classic EFF names (SnpEff's own "Effect Seq. Ontology / Effect Classic" table).
const TermMap& eff_map() {
  static const TermMap m = {
      {"CDS", {"coding_sequence_variant"}},
      {"CHROMOSOME_LARGE_DELETION", {"chromosome"}},
      {"CODON_CHANGE", {"coding_sequence_variant"}},
      {"CODON_INSERTION", {"inframe_insertion"}},
      {"CODON_CHANGE_PLUS_CODON_INSERTION", {"disruptive_inframe_insertion"}},
      {"CODON_DELETION", {"inframe_deletion"}},
      {"CODON_CHANGE_PLUS_CODON_DELETION", {"disruptive_inframe_deletion"}},
      {"DOWNSTREAM", {"downstream_gene_variant"}},
      {"EXON", {"exon_variant"}},
      {"EXON_DELETED", {"exon_loss_variant"}},
      {"EXON_DELETED_PARTIAL", {"exon_loss_variant"}},
      {"FRAME_SHIFT", {"frameshift_variant"}},
      {"GENE", {"gene_variant"}},
      {"GENE_DELETED", {"feature_ablation"}},
      {"GENE_FUSION", {"gene_fusion"}},
      {"GENE_FUSION_REVERESE", {"bidirectional_gene_fusion"}},
      {"GENE_FUSION_REVERSE", {"bidirectional_gene_fusion"}},
      {"INTERGENIC", {"intergenic_variant"}},
      {"INTERGENIC_CONSERVED", {"conserved_intergenic_variant"}},
      {"INTRAGENIC", {"intragenic_variant"}},
      {"INTRON", {"intron_variant"}},
      {"INTRON_CONSERVED", {"conserved_intron_variant"}},
      {"MICRO_RNA", {"miRNA"}},
      {"MOTIF", {"TF_binding_site_variant"}},
      {"MOTIF_DELETED", {"TFBS_ablation"}},
      {"NEXT_PROT", {"sequence_feature"}},
      {"NON_SYNONYMOUS_CODING", {"missense_variant"}},
      {"NON_SYNONYMOUS_START", {"initiator_codon_variant"}},
      {"NON_SYNONYMOUS_STOP", {"stop_retained_variant"}},
      {"PROTEIN_PROTEIN_INTERACTION_LOCUS", {"protein_protein_contact"}},
      {"PROTEIN_STRUCTURAL_INTERACTION_LOCUS", {"structural_interaction_variant"}},
      {"RARE_AMINO_ACID", {"rare_amino_acid_variant"}},
      {"REGULATION", {"regulatory_region_variant"}},
      {"SPLICE_SITE_ACCEPTOR", {"splice_acceptor_variant"}},
      {"SPLICE_SITE_DONOR", {"splice_donor_variant"}},
      {"SPLICE_SITE_REGION", {"splice_region_variant"}},
      {"SPLICE_SITE_BRANCH", {"splice_region_variant"}},
      {"SPLICE_SITE_BRANCH_U12", {"splice_region_variant"}},
      {"START_GAINED", {"5_prime_UTR_premature_start_codon_gain_variant"}},
      {"START_LOST", {"start_lost"}},
      {"STOP_GAINED", {"stop_gained"}},
      {"STOP_LOST", {"stop_lost"}},
      {"SYNONYMOUS_CODING", {"synonymous_variant"}},
      {"SYNONYMOUS_START", {"start_retained_variant"}},
      {"SYNONYMOUS_STOP", {"stop_retained_variant"}},
      {"TRANSCRIPT", {"transcript_variant"}},
      {"TRANSCRIPT_DELETED", {"transcript_ablation"}},
      {"UPSTREAM", {"upstream_gene_variant"}},
      {"UTR_3_DELETED", {"3_prime_UTR_truncation"}},
      {"UTR_3_PRIME", {"3_prime_UTR_variant"}},
      {"UTR_5_DELETED", {"5_prime_UTR_truncation"}},
      {"UTR_5_PRIME", {"5_prime_UTR_variant"}},
  };
  return m;
}

// ANNOVAR Func.* and ExonicFunc.* values, lower-cased with spaces as '_'.
const TermMap& annovar_map() {
  static const TermMap m = {
      {"nonsynonymous_snv", {"missense_variant"}},
      {"synonymous_snv", {"synonymous_variant"}},
      {"stopgain", {"stop_gained"}},
      {"stoploss", {"stop_lost"}},
      {"startloss", {"start_lost"}},
      {"startgain", {"5_prime_UTR_premature_start_codon_gain_variant"}},
      {"frameshift_insertion", {"frameshift_variant"}},
      {"frameshift_deletion", {"frameshift_variant"}},
      {"frameshift_substitution", {"frameshift_variant"}},
      {"frameshift_block_substitution", {"frameshift_variant"}},
      {"nonframeshift_insertion", {"inframe_insertion"}},
      {"nonframeshift_deletion", {"inframe_deletion"}},
      {"nonframeshift_substitution", {"protein_altering_variant"}},
      {"nonframeshift_block_substitution", {"protein_altering_variant"}},
      {"unknown", {"coding_sequence_variant"}},
      {"exonic", {"coding_sequence_variant"}},
      {"splicing", {"splice_site_variant"}},
      {"ncrna_exonic", {"non_coding_transcript_exon_variant"}},
      {"ncrna_intronic", {"intron_variant", "non_coding_transcript_variant"}},
      {"ncrna_splicing", {"non_coding_transcript_variant"}},
      {"ncrna_utr5", {"non_coding_transcript_exon_variant"}},
      {"ncrna_utr3", {"non_coding_transcript_exon_variant"}},
      {"ncrna", {"non_coding_transcript_variant"}},
      {"utr5", {"5_prime_UTR_variant"}},
      {"utr3", {"3_prime_UTR_variant"}},
      {"intronic", {"intron_variant"}},
      {"upstream", {"upstream_gene_variant"}},
      {"downstream", {"downstream_gene_variant"}},
      {"intergenic", {"intergenic_variant"}},
  };
  return m;
}

// Funcotator variantClassification values, and the MAF Variant_Classification spellings Funcotator and
// vcf2maf write, upper-cased.
const TermMap& funcotator_map() {
  static const TermMap m = {
      {"MISSENSE", {"missense_variant"}},
      {"MISSENSE_MUTATION", {"missense_variant"}},
      {"NONSENSE", {"stop_gained"}},
      {"NONSENSE_MUTATION", {"stop_gained"}},
      {"NONSTOP", {"stop_lost"}},
      {"NONSTOP_MUTATION", {"stop_lost"}},
      {"SILENT", {"synonymous_variant"}},
      {"SPLICE_SITE", {"splice_site_variant"}},
      {"IN_FRAME_DEL", {"inframe_deletion"}},
      {"IN_FRAME_INS", {"inframe_insertion"}},
      {"FRAME_SHIFT_INS", {"frameshift_variant"}},
      {"FRAME_SHIFT_DEL", {"frameshift_variant"}},
      {"START_CODON_SNP", {"start_lost"}},
      {"START_CODON_INS", {"start_lost"}},
      {"START_CODON_DEL", {"start_lost"}},
      {"TRANSLATION_START_SITE", {"start_lost"}},
      {"DE_NOVO_START_IN_FRAME", {"5_prime_UTR_premature_start_codon_gain_variant"}},
      {"DE_NOVO_START_OUT_FRAME", {"5_prime_UTR_premature_start_codon_gain_variant"}},
      {"FIVE_PRIME_UTR", {"5_prime_UTR_variant"}},
      {"5'UTR", {"5_prime_UTR_variant"}},
      {"THREE_PRIME_UTR", {"3_prime_UTR_variant"}},
      {"3'UTR", {"3_prime_UTR_variant"}},
      {"FIVE_PRIME_FLANK", {"upstream_gene_variant"}},
      {"5'FLANK", {"upstream_gene_variant"}},
      {"THREE_PRIME_FLANK", {"downstream_gene_variant"}},
      {"3'FLANK", {"downstream_gene_variant"}},
      {"INTRON", {"intron_variant"}},
      {"IGR", {"intergenic_variant"}},
      {"RNA", {"non_coding_transcript_exon_variant"}},
      {"LINCRNA", {"non_coding_transcript_exon_variant"}},
      {"COULD_NOT_DETERMINE", {}},
  };
  return m;
}

// bcftools csq consequence names.
const TermMap& bcsq_map() {
  static const TermMap m = {
      {"intergenic", {"intergenic_variant"}},
      {"intron", {"intron_variant"}},
      {"5_prime_utr", {"5_prime_UTR_variant"}},
      {"3_prime_utr", {"3_prime_UTR_variant"}},
      {"splice_donor", {"splice_donor_variant"}},
      {"splice_acceptor", {"splice_acceptor_variant"}},
      {"splice_region", {"splice_region_variant"}},
      {"stop_lost", {"stop_lost"}},
      {"stop_gained", {"stop_gained"}},
      {"stop_retained", {"stop_retained_variant"}},
      {"start_lost", {"start_lost"}},
      {"start_retained", {"start_retained_variant"}},
      {"synonymous", {"synonymous_variant"}},
      {"missense", {"missense_variant"}},
      {"inframe_deletion", {"inframe_deletion"}},
      {"inframe_insertion", {"inframe_insertion"}},
      {"inframe_altering", {"protein_altering_variant"}},
      {"frameshift", {"frameshift_variant"}},
      {"non_coding", {"non_coding_transcript_variant"}},
      {"coding_sequence", {"coding_sequence_variant"}},
      {"feature_elongation", {"feature_elongation"}},
  };
  return m;
}

// Older VEP and SnpEff spellings of terms VEP renamed.
std::string normalise_so_spelling(const std::string& term, bool from_vep) {
  if (term == "non_coding_exon_variant") return "non_coding_transcript_exon_variant";
  if (term == "nc_transcript_variant") return "non_coding_transcript_variant";
  if (term == "intergenic_region") return "intergenic_variant";
  // VEP up to release 75 called start_lost "initiator_codon_variant"; SnpEff uses it for a start codon that
  // becomes another start codon, which keeps the protein.
  if (from_vep && term == "initiator_codon_variant") return "start_lost";
  return term;
}

}  // namespace

std::string to_string(AlterationClass alteration_class) {
  switch (alteration_class) {
    case AlterationClass::Hotspot: return "hotspot";
    case AlterationClass::Truncating: return "truncating";
    case AlterationClass::Missense: return "missense";
    case AlterationClass::Inframe: return "inframe";
    case AlterationClass::Splice: return "splice";
    case AlterationClass::Other: return "other";
  }
  return "other";
}

int so_rank(const std::string& so_term) {
  const TermInfo* info = find_term(so_term);
  return info ? info->rank : kUnknownSoRank;
}

std::string most_severe(const std::vector<std::string>& so_terms) {
  std::string best;
  int best_rank = kUnknownSoRank + 1;
  for (const std::string& t : so_terms) {
    int r = so_rank(t);
    if (r < best_rank) {
      best_rank = r;
      best = t;
    }
  }
  return best;
}

bool is_protein_changing(const std::vector<std::string>& so_terms) {
  for (const std::string& t : so_terms) {
    const TermInfo* info = find_term(t);
    if (info && info->group == Group::ProteinChanging) return true;
  }
  return false;
}

AlterationClass classify(const std::vector<std::string>& so_terms) {
  if (any_of_terms(so_terms, {"stop_gained", "frameshift_variant", "stop_lost", "start_lost", "transcript_ablation",
                              "exon_loss_variant", "feature_ablation"}))
    return AlterationClass::Truncating;
  if (any_of_terms(so_terms, {"splice_acceptor_variant", "splice_donor_variant", "splice_site_variant"}))
    return AlterationClass::Splice;
  if (any_of_terms(so_terms, {"inframe_insertion", "inframe_deletion", "disruptive_inframe_insertion",
                              "conservative_inframe_insertion", "disruptive_inframe_deletion",
                              "conservative_inframe_deletion", "protein_altering_variant"}))
    return AlterationClass::Inframe;
  if (any_of_terms(so_terms, {"missense_variant"})) return AlterationClass::Missense;
  return AlterationClass::Other;
}

std::string noncoding_reason(const std::vector<std::string>& so_terms) {
  if (so_terms.empty()) return "unknown_consequence";
  if (is_protein_changing(so_terms)) return "";
  const TermInfo* best = nullptr;
  for (const std::string& t : so_terms) {
    const TermInfo* info = find_term(t);
    if (info && (!best || info->rank < best->rank)) best = info;
  }
  if (!best) return "other_consequence";
  switch (best->group) {
    case Group::ProteinChanging: return "";
    case Group::Synonymous: return "synonymous";
    case Group::SpliceRegion: return "splice_region";
    case Group::CodingOther: return "coding_other";
    case Group::Utr: return "utr";
    case Group::Intronic: return "intronic";
    case Group::Noncoding: return "noncoding";
    case Group::UpDown: return "upstream_downstream";
    case Group::Regulatory: return "regulatory";
    case Group::Structural: return "structural";
    case Group::Intergenic: return "intergenic";
  }
  return "other_consequence";
}

std::vector<std::string> to_so_terms(const std::string& dialect, const std::string& term) {
  std::string t = term;
  // Trim blanks: header-derived and ANNOVAR values sometimes carry them.
  while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.pop_back();
  std::string::size_type first = 0;
  while (first < t.size() && std::isspace(static_cast<unsigned char>(t[first]))) ++first;
  t.erase(0, first);
  if (t.empty()) return {};

  if (dialect == "vep" || dialect == "snpeff") {
    // Both join several terms with '&'; SnpEff also pairs terms with '+' ("5_prime_UTR_truncation+exon_loss_variant").
    std::vector<std::string> out;
    for (const std::string& joined : split_on(t, '&'))
      for (const std::string& part : split_on(joined, '+'))
        if (!part.empty()) out.push_back(normalise_so_spelling(part, dialect == "vep"));
    return out;
  }
  if (dialect == "snpeff-eff") {
    std::string key = upper(t);
    std::replace(key.begin(), key.end(), ' ', '_');
    auto it = eff_map().find(key);
    if (it != eff_map().end()) return it->second;
    return {normalise_so_spelling(t, false)};  // SnpEff -classic can still print SO names
  }
  if (dialect == "annovar") {
    std::vector<std::string> out;
    for (const std::string& part : split_on(t, ';')) {
      std::string key = lower(part);
      std::replace(key.begin(), key.end(), ' ', '_');
      if (key.empty() || key == ".") continue;
      auto it = annovar_map().find(key);
      if (it != annovar_map().end())
        out.insert(out.end(), it->second.begin(), it->second.end());
      else
        out.push_back(part);
    }
    return out;
  }
  if (dialect == "funcotator") {
    std::string key = upper(t);
    auto it = funcotator_map().find(key);
    if (it != funcotator_map().end()) return it->second;
    return {t};
  }
  if (dialect == "bcsq") {
    std::string key = t;
    while (!key.empty() && (key[0] == '*' || key[0] == '@')) key.erase(0, 1);
    key = lower(key);
    auto it = bcsq_map().find(key);
    if (it != bcsq_map().end()) return it->second;
    return {key};
  }
  return {t};
}

}  // namespace pathcorr
