// The pieces of pathcorr's consequence calling (consequence_caller.h) that its files share: the allele reduced
// to what changes, the spliced transcript sequence, the one HGVS 3'-shift rule, the protein-level effect of a
// coding change (coding_effect.cpp) and the HGVSc description (consequence_hgvsc.cpp). Internal to annotators/.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "annotators/transcript_model.h"

namespace pathcorr::calling {

char complement(char base);                        // A<->T, C<->G, anything else N
std::string reverse_complement(const std::string& seq);
std::string translate(const std::string& seq, bool until_stop = false);  // whole codons, '*' = stop, 'X' = N
std::string three_letter(char aa);                 // 'E' -> "Glu" (pipeline/base/protein.h's table)
std::string three_letter(const std::string& peptide);  // "EK" -> "GluLys"

// The spliced sequence of one model in transcript orientation, with what is needed to map positions into it.
struct TranscriptSequence {
  std::string tx;                                       // exon bases 5'->3' of the transcript, upper case
  std::vector<std::pair<int64_t, int64_t>> exons;       // genomic exons in transcript order
  std::vector<int64_t> exon_offset;                     // tx index of the 5'-most base of each exon
  int64_t cds_offset = -1;                              // tx index of c.1; -1 for non-coding models
  int64_t cds_length = 0;                               // incl. the stop codon
  std::string protein;                                  // translation of the CDS (whole codons), '*' = stop

  int exon_of(int64_t pos) const;                       // transcript-order exon holding genomic pos, or -1
  int64_t tx_index(int64_t pos, int exon, bool minus) const;  // tx index of genomic pos inside that exon
};

// How many leading units a and b share, then how many trailing units they share in what is left: what an allele
// or peptide change keeps on both sides.
std::pair<size_t, size_t> shared_ends(const std::string& a, const std::string& b);

// The allele reduced to what changes: `del` (reference bases, + strand) starting at `start`, replaced by `ins`.
// A pure insertion has del empty and sits between start-1 and start.
struct Change {
  int64_t start = 0;
  std::string del, ins;
  int64_t end() const { return start + static_cast<int64_t>(del.size()) - 1; }
  bool insertion() const { return del.empty(); }
};
Change minimal_change(int64_t pos, const std::string& ref, const std::string& alt);

// Does the change touch genomic interval [a, b]? A deletion/substitution overlaps it; an insertion must lie
// between two bases of it (strict) or, for the splice region windows, next to one of its bases (touching).
bool hits(const Change& c, int64_t a, int64_t b, bool touching = false);
void add_term(std::vector<std::string>& terms, const std::string& term);  // once, in order of addition

// The HGVS 3' rule, for protein, transcript and genomic sequences alike: of the equivalent placements of a
// deletion or insertion in a repeat, the most 3' one is described. A deletion of `del_len` units at
// [start, start + del_len) moves while the unit it removes equals the one after it; an insertion of `inserted`
// before `start` (del_len 0) moves while its first unit equals the unit after it, `inserted` rotating as it goes.
// unit_at(i) is the unit at index i, or '\0' where a shift must stop (exon end, the stop codon, no sequence).
// Returns the new start.
template <class UnitAt>
int64_t shift_3prime(int64_t start, int64_t del_len, std::string& inserted, const UnitAt& unit_at) {
  if (del_len > 0) {
    while (unit_at(start) != '\0' && unit_at(start) == unit_at(start + del_len)) ++start;
    return start;
  }
  for (char next = unit_at(start); !inserted.empty() && next != '\0' && inserted[0] == next; next = unit_at(++start))
    inserted = inserted.substr(1) + next;
  return start;
}

// Protein-level effect of replacing CDS bases [c1, c2] (0-based, transcript orientation; c2 = c1-1 for an
// insertion before c1) by `ins` (transcript orientation): SO terms and VEP-style HGVSp. Everything from c.1 to
// the transcript end is in `from_cds`, so an altered reading frame can run into the 3' UTR.
struct ProteinEffect {
  std::vector<std::string> terms;
  std::string hgvsp;
};
ProteinEffect coding_effect(const std::string& from_cds, int64_t cds_length, const std::string& protein,
                            int64_t c1, int64_t c2, const std::string& ins);

// HGVSc of `change` on model m (without the "c."/"n." prefix; "" when a coordinate cannot be told): exonic
// indels shifted 3' within their exon, intronic and exon-edge insertions shifted 3' on the genome while they stay
// outside exons (VEP's rule). genome(a, b) gives the + strand bases a..b (1-based) of the model's contig.
std::string hgvsc(const TranscriptModel& m, const TranscriptSequence& seq, const Change& change,
                  const std::function<std::string(int64_t, int64_t)>& genome);

}  // namespace pathcorr::calling
