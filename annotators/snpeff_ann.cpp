// SnpEff readers: INFO/ANN (SnpEff 4.1+, the "Functional annotations: 'Allele | Annotation | ...'" standard)
// and the classic INFO/EFF (Effect(Impact|Class|Codon|AA|...|Genotype)). Column order comes from the header.
// Cancer mode (-cancer) adds derived-vs-original entries whose allele reads "ALT-REFALT" ("G-C"); they compare
// the tumour with the germline allele rather than with the reference, so they are skipped.
#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "annotators/annotation.h"
#include "pipeline/base/text.h"
#include "annotators/consequence.h"
#include "pipeline/base/protein.h"

namespace pathcorr {
namespace {


int index_of(const std::vector<std::string>& fields, std::initializer_list<const char*> names) {
  for (const char* n : names) {
    auto it = std::find(fields.begin(), fields.end(), n);
    if (it != fields.end()) return static_cast<int>(it - fields.begin());
  }
  return -1;
}


// Which ALT a SnpEff allele string names: -2 for a cancer-mode derived entry ("G-C"), -1 for none.
int snpeff_allele_index(const std::string& allele, const AlleleContext& ctx) {
  if (allele.find('-') != std::string::npos && allele != "-") return -2;
  int idx = match_annotation_allele(allele, ctx.ref, ctx.alts, /*vep_form_first=*/false);
  if (idx < 0 && ctx.alts.size() == 1) idx = 0;
  return idx;
}

class SnpEffAnnReader : public AnnotationReader {
 public:
  explicit SnpEffAnnReader(std::vector<std::string> fields) : fields_(std::move(fields)) {
    allele_ = index_of(fields_, {"Allele"});
    annotation_ = index_of(fields_, {"Annotation"});
    gene_ = index_of(fields_, {"Gene_Name"});
    feature_ = index_of(fields_, {"Feature_ID"});
    hgvsc_ = index_of(fields_, {"HGVS.c"});
    hgvsp_ = index_of(fields_, {"HGVS.p"});
    if (allele_ < 0 || annotation_ < 0)
      throw std::invalid_argument("INFO/ANN Description lacks the Allele or Annotation column");
  }

  std::string dialect() const override { return "snpeff"; }
  std::vector<std::string> info_tags() const override { return {"ANN"}; }

  std::vector<TranscriptEffect> effects(const std::vector<std::string>& info_values,
                                        const AlleleContext& ctx) const override {
    const std::vector<std::string> entries = annotation_entries(info_values, ctx);
    std::vector<TranscriptEffect> out;
    for (std::size_t e = 0; e < entries.size(); ++e) {
      const std::vector<std::string> cols = entry_fields(entries[e], "ANN", e + 1, fields_.size(), fields_.size());
      if (snpeff_allele_index(trimmed(cols[allele_]), ctx) != ctx.alt_index) continue;
      TranscriptEffect t;
      if (gene_ >= 0) t.gene = cols[gene_];
      if (feature_ >= 0) t.transcript = cols[feature_];
      for (const std::string& term : split_fields(cols[annotation_], '&'))
        for (std::string& so : to_so_terms("snpeff", term)) t.so_terms.push_back(std::move(so));
      if (hgvsp_ >= 0) t.hgvsp = cols[hgvsp_];
      t.hgvsp_short = short_protein_change(t.hgvsp);
      if (hgvsc_ >= 0) t.hgvsc = cols[hgvsc_];
      // SnpEff marks no canonical transcript and carries no population frequency.
      out.push_back(std::move(t));
    }
    return out;
  }

 private:
  std::vector<std::string> fields_;
  int allele_ = -1, annotation_ = -1, gene_ = -1, feature_ = -1, hgvsc_ = -1, hgvsp_ = -1;
};

// Classic EFF. The header lists the fields inside the parentheses:
//   'Effect ( Effect_Impact | Functional_Class | Codon_Change | Amino_Acid_Change| Amino_Acid_length |
//    Gene_Name | Transcript_BioType | Gene_Coding | Transcript_ID | Exon_Rank | Genotype_Number [ | ERRORS |
//    WARNINGS ] )'
// (older SnpEff lacks Amino_Acid_length and Genotype_Number). The bracketed tail is optional per entry.
// Genotype_Number holds the ALT number (1-based) or, in SnpEff 4.1, the ALT allele itself ("G"; "G-C" in
// cancer mode). An entry without it, in a multi-ALT record, applies to every ALT: nothing says which one.
class SnpEffEffReader : public AnnotationReader {
 public:
  SnpEffEffReader(std::vector<std::string> fields, std::size_t required)
      : fields_(std::move(fields)), required_(required) {
    aa_ = index_of(fields_, {"Amino_Acid_Change", "Amino_Acid_change"});
    gene_ = index_of(fields_, {"Gene_Name"});
    transcript_ = index_of(fields_, {"Transcript_ID", "Transcript"});
    genotype_ = index_of(fields_, {"Genotype_Number", "Genotype"});
  }

  std::string dialect() const override { return "snpeff-eff"; }
  std::vector<std::string> info_tags() const override { return {"EFF"}; }

  std::vector<TranscriptEffect> effects(const std::vector<std::string>& info_values,
                                        const AlleleContext& ctx) const override {
    const std::vector<std::string> entries = annotation_entries(info_values, ctx);
    std::vector<TranscriptEffect> out;
    for (std::size_t e = 0; e < entries.size(); ++e) {
      const std::string& entry = entries[e];
      auto open = entry.find('(');
      auto close = entry.rfind(')');
      if (open == std::string::npos || close == std::string::npos || close < open || close != entry.size() - 1)
        throw std::invalid_argument("INFO/EFF entry " + std::to_string(e + 1) + " '" + entry.substr(0, 60) +
                                    "' is not Effect(...)");
      std::string effect = trimmed(entry.substr(0, open));
      const std::vector<std::string> cols =
          entry_fields(entry.substr(open + 1, close - open - 1), "EFF", e + 1, required_, fields_.size());
      if (!belongs_to(cols, ctx)) continue;
      TranscriptEffect t;
      t.so_terms = to_so_terms("snpeff-eff", effect);
      if (gene_ >= 0 && static_cast<std::size_t>(gene_) < cols.size()) t.gene = cols[gene_];
      if (transcript_ >= 0 && static_cast<std::size_t>(transcript_) < cols.size()) t.transcript = cols[transcript_];
      if (aa_ >= 0 && static_cast<std::size_t>(aa_) < cols.size()) t.hgvsp = cols[aa_];
      t.hgvsp_short = short_protein_change(t.hgvsp);
      out.push_back(std::move(t));
    }
    return out;
  }

 private:
  bool belongs_to(const std::vector<std::string>& cols, const AlleleContext& ctx) const {
    if (genotype_ < 0 || static_cast<std::size_t>(genotype_) >= cols.size()) return true;
    std::string g = trimmed(cols[genotype_]);
    if (g.empty()) return true;
    if (g.find_first_not_of("0123456789") == std::string::npos && g.size() < 7) return std::stoi(g) - 1 == ctx.alt_index;
    return snpeff_allele_index(g, ctx) == ctx.alt_index;
  }

  std::vector<std::string> fields_;
  std::size_t required_;
  int aa_ = -1, gene_ = -1, transcript_ = -1, genotype_ = -1;
};

}  // namespace

std::unique_ptr<AnnotationReader> make_snpeff_ann_reader(const InfoHeader& info) {
  std::vector<std::string> fields = description_fields(info.description);
  if (fields.empty())
    throw std::invalid_argument("INFO/" + info.id + " Description has no 'Allele | Annotation | ...' list");
  return std::make_unique<SnpEffAnnReader>(std::move(fields));
}

std::unique_ptr<AnnotationReader> make_snpeff_eff_reader(const InfoHeader& info) {
  const std::string& d = info.description;
  auto open = d.find('(');
  auto close = d.rfind(')');
  if (open == std::string::npos || close == std::string::npos || close < open)
    throw std::invalid_argument("INFO/" + info.id + " Description has no 'Effect ( Effect_Impact | ... )' list");
  std::string inner = d.substr(open + 1, close - open - 1);
  // Fields before '[' are always written; the bracketed ones only when present.
  std::size_t required = 0;
  std::vector<std::string> fields;
  bool optional = false;
  for (const std::string& token : split_fields(inner, '|')) {
    auto bracket = token.find('[');
    if (bracket != std::string::npos && trimmed(token.substr(0, bracket)).empty()) optional = true;  // "[ ERRORS"
    std::string name = token;
    name.erase(std::remove_if(name.begin(), name.end(), [](char c) { return c == '[' || c == ']'; }), name.end());
    name = trimmed(name);
    if (!name.empty()) {
      fields.push_back(name);
      if (!optional) required = fields.size();
    }
    if (bracket != std::string::npos) optional = true;  // "Genotype_Number [": the name itself is required
  }
  if (fields.size() < 2)
    throw std::invalid_argument("INFO/" + info.id + " Description has no 'Effect ( Effect_Impact | ... )' list");
  return std::make_unique<SnpEffEffReader>(std::move(fields), required);
}

}  // namespace pathcorr
