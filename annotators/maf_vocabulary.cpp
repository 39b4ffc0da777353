// The MAF consequence vocabulary (see maf_vocabulary.h).
#include "annotators/maf_vocabulary.h"

#include <cctype>
#include <map>

#include "annotators/consequence.h"
#include "pipeline/io/table_io.h"

namespace pathcorr {

std::vector<std::string> maf_classification_to_so(const std::string& variant_classification) {
  // MAF 2.4 / GDC / vcf2maf values, Oncotator's extra ones and Funcotator's spellings; keys upper-cased.
  static const std::map<std::string, std::vector<std::string>> kMap = {
      {"MISSENSE_MUTATION", {"missense_variant"}},
      {"NONSENSE_MUTATION", {"stop_gained"}},
      {"NONSTOP_MUTATION", {"stop_lost"}},
      {"FRAME_SHIFT_DEL", {"frameshift_variant"}},
      {"FRAME_SHIFT_INS", {"frameshift_variant"}},
      {"IN_FRAME_DEL", {"inframe_deletion"}},
      {"IN_FRAME_INS", {"inframe_insertion"}},
      {"SPLICE_SITE", {"splice_site_variant"}},  // donor or acceptor, MAF does not say which
      {"TRANSLATION_START_SITE", {"start_lost"}},
      {"START_CODON_SNP", {"start_lost"}},  // Oncotator
      {"START_CODON_DEL", {"start_lost"}},
      {"START_CODON_INS", {"start_lost"}},
      {"STOP_CODON_DEL", {"stop_lost"}},  // Oncotator: the deletion removes the stop codon
      {"STOP_CODON_INS", {"stop_lost"}},
      {"SILENT", {"synonymous_variant"}},
      {"SPLICE_REGION", {"splice_region_variant"}},
      {"INTRON", {"intron_variant"}},
      {"3'UTR", {"3_prime_UTR_variant"}},
      {"5'UTR", {"5_prime_UTR_variant"}},
      {"3'FLANK", {"downstream_gene_variant"}},
      {"5'FLANK", {"upstream_gene_variant"}},
      {"IGR", {"intergenic_variant"}},
      {"RNA", {"non_coding_transcript_exon_variant"}},
      {"LINCRNA", {"non_coding_transcript_exon_variant"}},
      {"MIRNA", {"mature_miRNA_variant"}},
      {"DE_NOVO_START_INFRAME", {"5_prime_UTR_premature_start_codon_gain_variant"}},
      {"DE_NOVO_START_OUTOFFRAME", {"5_prime_UTR_premature_start_codon_gain_variant"}},
      {"DE_NOVO_START_IN_FRAME", {"5_prime_UTR_premature_start_codon_gain_variant"}},
      {"DE_NOVO_START_OUT_FRAME", {"5_prime_UTR_premature_start_codon_gain_variant"}},
      // vcf2maf's fallback when VEP gave no usable consequence: the SO root term, never counted.
      {"TARGETED_REGION", {"sequence_variant"}},
      {"UNKNOWN", {}},
  };
  std::string key(trim(variant_classification));
  if (key.empty()) return {};
  for (auto& ch : key) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  auto it = kMap.find(key);
  if (it != kMap.end()) return it->second;
  std::vector<std::string> funcotator = to_so_terms("funcotator", key);  // FIVE_PRIME_UTR, COULD_NOT_DETERMINE ...
  if (funcotator.size() != 1 || funcotator[0] != key) return funcotator;
  return {std::string(trim(variant_classification))};
}

std::string maf_variant_type(const std::string& ref, const std::string& alt) {
  const size_t r = ref == "-" ? 0 : ref.size(), a = alt == "-" ? 0 : alt.size();
  if (r == a) return r == 1 ? "SNP" : r == 2 ? "DNP" : r == 3 ? "TNP" : "ONP";
  return r < a ? "INS" : "DEL";
}

std::vector<std::string> split_consequence_terms(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  for (char ch : text) {
    if (ch == '&' || ch == ',' || ch == ';') {
      if (!trim(cur).empty()) out.emplace_back(trim(cur));
      cur.clear();
    } else {
      cur += ch;
    }
  }
  if (!trim(cur).empty()) out.emplace_back(trim(cur));
  return out;
}

std::string so_to_maf_classification(const std::string& consequence, const std::string& variant_type) {
  const std::string t = most_severe(split_consequence_terms(consequence));
  const bool ins = variant_type == "INS", del = variant_type == "DEL";
  auto any = [&](std::initializer_list<const char*> names) {
    for (const char* n : names)
      if (t == n) return true;
    return false;
  };
  if (any({"transcript_ablation", "exon_loss_variant", "splice_acceptor_variant", "splice_donor_variant",
           "splice_site_variant"}))
    return "Splice_Site";
  if (t == "stop_gained") return "Nonsense_Mutation";
  if (t == "frameshift_variant") return ins ? "Frame_Shift_Ins" : "Frame_Shift_Del";
  if (t == "protein_altering_variant") {
    if (!ins && !del) return "Missense_Mutation";
    return ins ? "In_Frame_Ins" : "In_Frame_Del";
  }
  if (t == "stop_lost") return "Nonstop_Mutation";
  if (any({"start_lost", "initiator_codon_variant"})) return "Translation_Start_Site";
  if (any({"inframe_insertion", "conservative_inframe_insertion", "disruptive_inframe_insertion"}))
    return "In_Frame_Ins";
  if (any({"inframe_deletion", "conservative_inframe_deletion", "disruptive_inframe_deletion"})) return "In_Frame_Del";
  if (any({"missense_variant", "coding_sequence_variant", "rare_amino_acid_variant"})) return "Missense_Mutation";
  if (any({"transcript_amplification", "intron_variant", "conserved_intron_variant", "intragenic_variant"}))
    return "Intron";
  if (any({"splice_region_variant", "splice_donor_5th_base_variant", "splice_donor_region_variant",
           "splice_polypyrimidine_tract_variant"}))
    return "Splice_Region";
  if (any({"synonymous_variant", "stop_retained_variant", "start_retained_variant", "incomplete_terminal_codon_variant",
           "NMD_transcript_variant"}))
    return "Silent";
  if (any({"mature_miRNA_variant", "non_coding_transcript_exon_variant", "non_coding_transcript_variant"}))
    return "RNA";
  if (any({"5_prime_UTR_variant", "5_prime_UTR_premature_start_codon_gain_variant"})) return "5'UTR";
  if (t == "3_prime_UTR_variant") return "3'UTR";
  if (t == "upstream_gene_variant") return "5'Flank";
  if (t == "downstream_gene_variant") return "3'Flank";
  if (any({"intergenic_variant", "intergenic_region", "TF_binding_site_variant", "TFBS_ablation", "TFBS_amplification",
           "regulatory_region_variant", "regulatory_region_ablation", "regulatory_region_amplification"}))
    return "IGR";
  return "Targeted_Region";
}

}  // namespace pathcorr
