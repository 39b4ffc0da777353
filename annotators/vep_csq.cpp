// Ensembl VEP reader: INFO/CSQ (or VEP written under another tag such as ANN). The column order comes from the
// header's "Format: Allele|Consequence|..." list, never from fixed positions, since VEP releases and plugins
// change it. Entries are ','-separated, columns '|'-separated, consequences '&'-joined.
#include <cctype>
#include <cmath>
#include <stdexcept>

#include "annotators/annotation.h"
#include "annotators/consequence.h"
#include "pipeline/base/population_af.h"
#include "pipeline/base/protein.h"

namespace pathcorr {
namespace {

class VepReader : public AnnotationReader {
 public:
  VepReader(std::string tag, std::vector<std::string> fields) : tag_(std::move(tag)), fields_(std::move(fields)) {
    for (std::size_t i = 0; i < fields_.size(); ++i) {
      const std::string& f = fields_[i];
      int idx = static_cast<int>(i);
      if (f == "Allele") allele_ = idx;
      else if (f == "Consequence") consequence_ = idx;
      else if (f == "SYMBOL") symbol_ = idx;
      else if (f == "Gene") gene_id_ = idx;
      else if (f == "Feature") feature_ = idx;
      else if (f == "HGVSp") hgvsp_ = idx;
      else if (f == "HGVSc") hgvsc_ = idx;
      else if (f == "CANONICAL") canonical_ = idx;
      else if (f == "ALLELE_NUM") allele_num_ = idx;
      if (is_population_af_field(f, AfNaming::Vep)) af_fields_.push_back(idx);
    }
    if (allele_ < 0 || consequence_ < 0)
      throw std::invalid_argument("INFO/" + tag_ + " Format lacks the Allele or Consequence column");
  }

  std::string dialect() const override { return "vep"; }
  std::vector<std::string> info_tags() const override { return {tag_}; }

  std::vector<TranscriptEffect> effects(const std::vector<std::string>& info_values,
                                        const AlleleContext& ctx) const override {
    const std::vector<std::string> entries = annotation_entries(info_values, ctx);
    std::vector<TranscriptEffect> out;
    for (std::size_t e = 0; e < entries.size(); ++e) {
      const std::vector<std::string> cols = entry_fields(entries[e], tag_, e + 1, fields_.size(), fields_.size());
      if (allele_of(cols, ctx) != ctx.alt_index) continue;
      TranscriptEffect t;
      if (symbol_ >= 0) t.gene = cols[symbol_];
      else if (gene_id_ >= 0) t.gene = cols[gene_id_];  // VEP run without --symbol: only the Ensembl gene ID
      if (feature_ >= 0) t.transcript = cols[feature_];
      for (const std::string& term : split_fields(cols[consequence_], '&'))
        for (std::string& so : to_so_terms("vep", term)) t.so_terms.push_back(std::move(so));
      if (hgvsp_ >= 0) t.hgvsp = percent_decode(cols[hgvsp_]);
      t.hgvsp_short = short_protein_change(t.hgvsp);
      if (hgvsc_ >= 0) t.hgvsc = percent_decode(cols[hgvsc_]);
      t.canonical = canonical_ >= 0 && cols[canonical_] == "YES";
      for (int idx : af_fields_) {
        double v = max_numeric_value(cols[idx]);
        if (!std::isnan(v) && (std::isnan(t.max_pop_af) || v > t.max_pop_af)) t.max_pop_af = v;
      }
      out.push_back(std::move(t));
    }
    return out;
  }

 private:
  // The ALT (0-based) an entry belongs to: ALLELE_NUM when VEP wrote it (--allele_number), else the Allele
  // column matched against VEP's own allele strings; a record with one ALT owns every entry.
  int allele_of(const std::vector<std::string>& cols, const AlleleContext& ctx) const {
    if (allele_num_ >= 0 && !cols[allele_num_].empty()) {
      const std::string& s = cols[allele_num_];
      if (s.find_first_not_of("0123456789") != std::string::npos || s.size() > 6)
        throw std::invalid_argument("INFO/" + tag_ + " ALLELE_NUM '" + s + "' is not a number");
      return std::stoi(s) - 1;
    }
    int idx = match_annotation_allele(cols[allele_], ctx.ref, ctx.alts, /*vep_form_first=*/true);
    if (idx < 0 && ctx.alts.size() == 1) idx = 0;
    return idx;
  }

  std::string tag_;
  std::vector<std::string> fields_;
  int allele_ = -1, consequence_ = -1, symbol_ = -1, gene_id_ = -1, feature_ = -1, hgvsp_ = -1, hgvsc_ = -1,
      canonical_ = -1, allele_num_ = -1;
  std::vector<int> af_fields_;
};

}  // namespace

std::unique_ptr<AnnotationReader> make_vep_reader(const InfoHeader& info) {
  std::vector<std::string> fields = description_fields(info.description);
  if (fields.empty())
    throw std::invalid_argument("INFO/" + info.id + " Description has no 'Format: Allele|Consequence|...' list");
  return std::make_unique<VepReader>(info.id, std::move(fields));
}

}  // namespace pathcorr
