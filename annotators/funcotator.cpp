// GATK Funcotator reader: INFO/FUNCOTATION (Number=A). One "[...]" per ALT, ','-separated; several transcripts
// of one ALT are joined as "[...]#[...]". Inside a bracket the fields are '|'-separated in the order of the
// header's "Funcotation fields are: ..." list. Funcotator escapes characters as "_%XX_" (space "_%20_",
// ',' "_%2C_", ';' "_%3B_", '=' "_%3D_", '|' "_%7C_"); values are unescaped here.
// Used fields: Gencode_<release>_hugoSymbol, _annotationTranscript, _variantClassification,
// _secondaryVariantClassification, _proteinChange, _cDnaChange; population frequencies from the fields
// is_population_af_field(.., AfNaming::Vep) names (gnomAD_exome_AF, gnomAD_genome_AF, ClinVar_VCF_AF_EXAC ...). Funcotator flags no canonical transcript; in its
// default CANONICAL/BEST_EFFECT modes the first transcript of an ALT is the one it chose.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <stdexcept>

#include "annotators/annotation.h"
#include "annotators/consequence.h"
#include "pipeline/base/population_af.h"
#include "pipeline/base/protein.h"

namespace pathcorr {
namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}


class FuncotatorReader : public AnnotationReader {
 public:
  explicit FuncotatorReader(std::vector<std::string> fields) : fields_(std::move(fields)) {
    for (std::size_t i = 0; i < fields_.size(); ++i) {
      const std::string& f = fields_[i];
      int idx = static_cast<int>(i);
      bool gencode = f.compare(0, 8, "Gencode_") == 0;
      if (gencode && ends_with(f, "_hugoSymbol")) gene_ = idx;
      else if (gencode && ends_with(f, "_annotationTranscript")) transcript_ = idx;
      else if (gencode && ends_with(f, "_secondaryVariantClassification")) secondary_ = idx;
      else if (gencode && ends_with(f, "_variantClassification")) classification_ = idx;
      else if (gencode && ends_with(f, "_proteinChange")) protein_ = idx;
      else if (gencode && ends_with(f, "_cDnaChange")) cdna_ = idx;
      else if (is_population_af_field(f, AfNaming::Vep)) af_fields_.push_back(idx);
    }
    if (classification_ < 0)
      throw std::invalid_argument("INFO/FUNCOTATION field list lacks Gencode_*_variantClassification");
  }

  std::string dialect() const override { return "funcotator"; }
  std::vector<std::string> info_tags() const override { return {"FUNCOTATION"}; }

  std::vector<TranscriptEffect> effects(const std::vector<std::string>& info_values,
                                        const AlleleContext& ctx) const override {
    // Raw ',' only separates ALTs (commas inside values are escaped).
    const std::vector<std::string> per_alt = annotation_entries(info_values, ctx);
    std::vector<TranscriptEffect> out;
    if (per_alt.empty()) return out;
    if (per_alt.size() != ctx.alts.size())
      throw std::invalid_argument("INFO/FUNCOTATION has " + std::to_string(per_alt.size()) +
                                  " ','-separated values for " + std::to_string(ctx.alts.size()) +
                                  " ALT allele(s) (Number=A)");
    const std::string& mine = per_alt[static_cast<std::size_t>(ctx.alt_index)];
    if (mine.empty() || mine == ".") return out;
    const std::vector<std::string> brackets = split_fields(mine, '#');
    for (std::size_t e = 0; e < brackets.size(); ++e) {
      const std::string& bracket = brackets[e];
      if (bracket.size() < 2 || bracket.front() != '[' || bracket.back() != ']')
        throw std::invalid_argument("INFO/FUNCOTATION value '" + bracket.substr(0, 40) + "' is not [...]");
      const std::vector<std::string> cols =
          entry_fields(bracket.substr(1, bracket.size() - 2), "FUNCOTATION", e + 1, fields_.size(), fields_.size());
      auto col = [&cols](int i) { return i >= 0 ? decode_hex_escapes(cols[static_cast<std::size_t>(i)], "_%", "_") : ""; };
      TranscriptEffect t;
      t.gene = col(gene_);
      t.transcript = col(transcript_);
      if (t.transcript == "no_transcript") t.transcript.clear();
      for (int idx : {classification_, secondary_})
        for (std::string& so : to_so_terms("funcotator", col(idx)))
          if (std::find(t.so_terms.begin(), t.so_terms.end(), so) == t.so_terms.end()) t.so_terms.push_back(so);
      t.hgvsp = col(protein_);
      t.hgvsp_short = short_protein_change(t.hgvsp);
      t.hgvsc = col(cdna_);
      for (int idx : af_fields_) {
        double v = max_numeric_value(col(idx));
        if (!std::isnan(v) && (std::isnan(t.max_pop_af) || v > t.max_pop_af)) t.max_pop_af = v;
      }
      out.push_back(std::move(t));
    }
    return out;
  }

 private:
  std::vector<std::string> fields_;
  int gene_ = -1, transcript_ = -1, classification_ = -1, secondary_ = -1, protein_ = -1, cdna_ = -1;
  std::vector<int> af_fields_;
};

}  // namespace

std::unique_ptr<AnnotationReader> make_funcotator_reader(const InfoHeader& info) {
  std::vector<std::string> fields = description_fields(info.description);
  if (fields.empty())
    throw std::invalid_argument("INFO/" + info.id + " Description has no 'Funcotation fields are: ...' list");
  return std::make_unique<FuncotatorReader>(std::move(fields));
}

}  // namespace pathcorr
