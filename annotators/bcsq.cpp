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

// bcftools' amino_acid_change ("POS REF-residues > POS ALT-residues") as a short protein change, the residues the
// two sides share trimmed first (leading, then trailing, so a deletion in a repeat is placed 3', as HGVS does):
// "113F>113C" -> "F113C"; "116Y" (synonymous) -> "Y116="; "418EHC>418E" -> "H419_C420del"; "543IT>543I" ->
// "T544del"; "542EIT>542A" -> "E542_T544delinsA"; "545EQ>545EAQ" -> "E545_Q546insA"; an insertion whose
// flanking residue bcftools does not print ("545E>545EA") stays a delins ("E545delinsEA"); frameshift
// "543ITEQ..>543ILSR.." -> "T544fs" at the first changed residue ("E545*" when that residue becomes a stop).
// "" when the text is not of bcftools' shape.
std::string bcsq_protein_short(const std::string& aa, bool frameshift) {
  auto parse = [](const std::string& s, long& pos, std::string& residues) {
    std::size_t i = 0;
    while (i < s.size() && i < 9 && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    if (i == 0 || i == s.size()) return false;
    pos = std::stol(s.substr(0, i));
    residues = s.substr(i);
    for (char c : residues)
      if (!(std::isupper(static_cast<unsigned char>(c)) || c == '*')) return false;
    return true;
  };
  auto gt = aa.find('>');
  long p1 = 0, p2 = 0;
  std::string ref, alt;
  if (gt == std::string::npos) {
    if (!parse(aa, p1, ref)) return "";
    return ref.substr(0, 1) + std::to_string(p1) + "=";
  }
  if (!parse(aa.substr(0, gt), p1, ref) || !parse(aa.substr(gt + 1), p2, alt) || p1 != p2) return "";
  auto residue = [&](std::size_t i) { return std::string(1, ref[i]) + std::to_string(p1 + static_cast<long>(i)); };
  std::size_t lead = 0;
  while (lead < ref.size() && lead < alt.size() && ref[lead] == alt[lead]) ++lead;
  if (frameshift) {
    if (lead == ref.size()) return residue(0) + "fs";
    return residue(lead) + (lead < alt.size() && alt[lead] == '*' ? "*" : "fs");
  }
  std::size_t trail = 0;
  while (trail < ref.size() - lead && trail < alt.size() - lead &&
         ref[ref.size() - 1 - trail] == alt[alt.size() - 1 - trail])
    ++trail;
  const std::size_t r = ref.size() - lead - trail, a = alt.size() - lead - trail;  // changed residues
  const std::string inserted = alt.substr(lead, a);
  if (r == 0 && a == 0) return residue(0) + "=";
  if (r == 1 && a == 1) return residue(lead) + inserted;
  if (r == 0) {  // insertion between residues lead-1 and lead, when bcftools printed both
    if (lead == 0 || lead >= ref.size()) return residue(0) + "delins" + alt;
    return residue(lead - 1) + "_" + residue(lead) + "ins" + inserted;
  }
  const std::string span = r == 1 ? residue(lead) : residue(lead) + "_" + residue(lead + r - 1);
  return span + (a == 0 ? "del" : "delins" + inserted);
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
    const std::vector<std::string> entries = annotation_entries(info_values, ctx);
    std::vector<TranscriptEffect> out;
    // bcftools writes one transcript's consequences in separate entries (a missense change at an exon edge is
    // "splice_region|..." and "missense|...|555R>555K|..."); merge_transcript_effects() makes them one effect and
    // keeps the first protein change. Entries marked '*' (downstream of a stop on the haplotype) come last, so
    // the protein change kept is the allele's own.
    for (bool downstream_pass : {false, true}) {
      for (std::size_t e = 0; e < entries.size(); ++e) {
        const std::vector<std::string> cols = entry_fields(entries[e], "BCSQ", e + 1, 1, fields_.size());
        if (cols[0].empty())
          throw std::invalid_argument("INFO/BCSQ entry " + std::to_string(e + 1) + " has no consequence");
        auto col = [&cols](int i) { return i >= 0 && static_cast<std::size_t>(i) < cols.size() ? cols[i] : ""; };
        const std::string& csq = col(consequence_);
        if ((csq[0] == '*') != downstream_pass) continue;
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
