// GATK3 VariantAnnotator --snpEffFile output: one SnpEff effect per site in separate INFO keys, SNPEFF_EFFECT
// (classic SnpEff names: NON_SYNONYMOUS_CODING, STOP_GAINED, ...), SNPEFF_GENE_NAME, SNPEFF_TRANSCRIPT_ID,
// SNPEFF_AMINO_ACID_CHANGE ("H1047R"; "F328" for a synonymous change), SNPEFF_IMPACT, SNPEFF_FUNCTIONAL_CLASS,
// SNPEFF_CODON_CHANGE, SNPEFF_EXON_ID, SNPEFF_GENE_BIOTYPE. GATK kept "the highest-impact effect" of the record and
// did not say which ALT it belongs to; it annotated biallelic sites, so the effect is given to the first ALT only:
// in a multi-allelic record the other ALTs get none (never a borrowed consequence). Effect names map to SO as
// for classic EFF.
#include <stdexcept>

#include "annotators/annotation.h"
#include "annotators/consequence.h"
#include "pipeline/base/protein.h"

namespace pathcorr {
namespace {

const std::vector<std::string> kKeys = {"SNPEFF_EFFECT", "SNPEFF_GENE_NAME", "SNPEFF_TRANSCRIPT_ID",
                                        "SNPEFF_AMINO_ACID_CHANGE"};

class SnpEffGatkReader : public AnnotationReader {
 public:
  std::string dialect() const override { return "snpeff-gatk"; }
  std::vector<std::string> info_tags() const override { return kKeys; }

  std::vector<TranscriptEffect> effects(const std::vector<std::string>& info_values,
                                        const AlleleContext& ctx) const override {
    check_alt_index(ctx);
    std::vector<TranscriptEffect> out;
    if (ctx.alt_index != 0 || info_values.size() != kKeys.size()) return out;
    const std::string& effect = info_values[0];
    if (effect.empty() || effect == ".") return out;
    if (effect.find_first_of(",|(") != std::string::npos)
      throw std::invalid_argument("SNPEFF_EFFECT '" + effect.substr(0, 60) + "' is not one SnpEff effect name");
    TranscriptEffect t;
    t.so_terms = to_so_terms("snpeff-eff", effect);
    t.gene = info_values[1] == "." ? "" : info_values[1];
    t.transcript = info_values[2] == "." ? "" : info_values[2];
    t.hgvsp = info_values[3] == "." ? "" : info_values[3];
    t.hgvsp_short = short_protein_change(t.hgvsp);
    out.push_back(std::move(t));
    return out;
  }
};

}  // namespace

std::unique_ptr<AnnotationReader> make_snpeff_gatk_reader() { return std::make_unique<SnpEffGatkReader>(); }

}  // namespace pathcorr
