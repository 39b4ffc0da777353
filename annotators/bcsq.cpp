// bcftools csq reader: INFO/BCSQ, "Format: Consequence|gene|transcript|biotype|strand|amino_acid_change|
// dna_change". Entries are ','-separated; non-coding entries stop after biotype, so an entry may hold fewer
// fields than the header lists (never more). bcftools csq is haplotype-aware:
//  - "@POS" entries point at the record at POS, which carries the joint (compound) consequence: they give no
//    effect here, the alteration is reported once, at POS.
//  - a leading '*' marks a consequence downstream of a stop or frameshift on the same haplotype; the term is
//    kept (the frameshift itself is reported too, so the gene's altered state does not change).
// INFO/BCSQ lists the consequences of all ALTs together. An entry is given to an ALT through its dna_change
// ("69428T>G", compound "100A>G+102T>C"): when one of its parts ends in ">ALT" for an ALT of this record it
// belongs to that ALT only; entries without a usable dna_change (non-coding ones) apply to every ALT.
#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "annotators/annotation.h"
#include "annotators/consequence.h"

namespace pathcorr {
namespace {

bool equal_nocase(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::toupper(static_cast<unsigned char>(x)) == std::toupper(static_cast<unsigned char>(y));
         });
}

// "113F>113C" -> "F113C"; "116Y" (synonymous) -> "Y116="; frameshift "53R>53RX..." -> "R53fs"; other length
// changes -> "E545delinsEK" style. "" when the text is not of bcftools' shape.
std::string bcsq_protein_short(const std::string& aa, bool frameshift) {
  auto parse = [](const std::string& s, std::string& pos, std::string& residues) {
    std::size_t i = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    pos = s.substr(0, i);
    residues = s.substr(i);
    if (pos.empty() || residues.empty()) return false;
    for (char c : residues)
      if (!(std::isupper(static_cast<unsigned char>(c)) || c == '*')) return false;
    return true;
  };
  auto gt = aa.find('>');
  std::string pos1, ref, pos2, alt;
  if (gt == std::string::npos) {
    if (!parse(aa, pos1, ref)) return "";
    return ref.substr(0, 1) + pos1 + "=";
  }
  if (!parse(aa.substr(0, gt), pos1, ref) || !parse(aa.substr(gt + 1), pos2, alt)) return "";
  if (frameshift) return ref.substr(0, 1) + pos1 + "fs";
  if (ref.size() == 1 && alt.size() == 1) return ref + pos1 + alt;
  return ref.substr(0, 1) + pos1 + "delins" + alt;
}

class BcsqReader : public AnnotationReader {
 public:
  explicit BcsqReader(std::vector<std::string> fields) : fields_(std::move(fields)) {
    auto idx = [this](const char* name) {
      auto it = std::find(fields_.begin(), fields_.end(), name);
      return it == fields_.end() ? -1 : static_cast<int>(it - fields_.begin());
    };
    consequence_ = idx("Consequence");
    gene_ = idx("gene");
    transcript_ = idx("transcript");
    aa_ = idx("amino_acid_change");
    dna_ = idx("dna_change");
    if (consequence_ < 0) throw std::invalid_argument("INFO/BCSQ Format lacks the Consequence column");
  }

  std::string dialect() const override { return "bcsq"; }
  std::vector<std::string> info_tags() const override { return {"BCSQ"}; }

  std::vector<TranscriptEffect> effects(const std::vector<std::string>& info_values,
                                        const AlleleContext& ctx) const override {
    if (ctx.alt_index < 0 || static_cast<std::size_t>(ctx.alt_index) >= ctx.alts.size())
      throw std::invalid_argument("ALT index " + std::to_string(ctx.alt_index) + " outside the record's " +
                                  std::to_string(ctx.alts.size()) + " ALT allele(s)");
    std::vector<TranscriptEffect> out;
    if (info_values.empty() || info_values[0].empty() || info_values[0] == ".") return out;
    const std::vector<std::string> entries = split_fields(info_values[0], ',');
    for (std::size_t e = 0; e < entries.size(); ++e) {
      std::vector<std::string> cols = split_fields(entries[e], '|');
      if (cols.size() > fields_.size() || cols[0].empty())
        throw std::invalid_argument("INFO/BCSQ entry " + std::to_string(e + 1) + " has " +
                                    std::to_string(cols.size()) + " '|'-separated fields" +
                                    (cols[0].empty() ? " and no consequence" : "") + "; the header lists " +
                                    std::to_string(fields_.size()));
      auto col = [&cols](int i) { return i >= 0 && static_cast<std::size_t>(i) < cols.size() ? cols[i] : ""; };
      const std::string& csq = col(consequence_);
      if (csq[0] == '@') continue;  // compound consequence reported at another record
      if (!belongs_to(col(dna_), ctx)) continue;
      TranscriptEffect t;
      t.gene = col(gene_);
      t.transcript = col(transcript_);
      for (const std::string& term : split_fields(csq, '&'))
        for (std::string& so : to_so_terms("bcsq", term)) t.so_terms.push_back(std::move(so));
      t.hgvsp = col(aa_);
      t.hgvsp_short = bcsq_protein_short(t.hgvsp, std::find(t.so_terms.begin(), t.so_terms.end(),
                                                            "frameshift_variant") != t.so_terms.end());
      t.hgvsc = col(dna_);
      out.push_back(std::move(t));
    }
    return out;
  }

 private:
  static bool belongs_to(const std::string& dna_change, const AlleleContext& ctx) {
    if (dna_change.empty()) return true;
    int owner = -1;
    for (const std::string& part : split_fields(dna_change, '+')) {
      auto gt = part.find('>');
      if (gt == std::string::npos) continue;
      std::string alt = part.substr(gt + 1);
      for (std::size_t i = 0; i < ctx.alts.size(); ++i)
        if (equal_nocase(alt, ctx.alts[i])) {
          if (static_cast<int>(i) == ctx.alt_index) return true;
          owner = static_cast<int>(i);
        }
    }
    return owner < 0;  // names no ALT of this record (e.g. trimmed alleles): cannot tell, keep it
  }

  std::vector<std::string> fields_;
  int consequence_ = -1, gene_ = -1, transcript_ = -1, aa_ = -1, dna_ = -1;
};

}  // namespace

std::unique_ptr<AnnotationReader> make_bcsq_reader(const InfoHeader& info) {
  std::vector<std::string> fields = description_fields(info.description);
  if (fields.empty())
    throw std::invalid_argument("INFO/" + info.id + " Description has no 'Format: Consequence|gene|...' list");
  return std::make_unique<BcsqReader>(std::move(fields));
}

}  // namespace pathcorr
