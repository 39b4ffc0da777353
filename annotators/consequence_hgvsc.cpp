// HGVSc of pathcorr's consequence calling: transcript coordinates (c./n., UTR "-N"/"*N", intronic "+N"/"-N")
// and the description of a substitution, deletion, delins, insertion or duplication, placed by the HGVS 3' rule
// as VEP does. See calling_steps.h.
#include <algorithm>
#include <string>

#include "annotators/calling_steps.h"

namespace pathcorr::calling {

namespace {

// c./n. coordinate of transcript index t of a model's sequence (exonic).
std::string tx_coordinate(int64_t t, int64_t cds_offset, int64_t cds_length) {
  if (cds_offset < 0) return std::to_string(t + 1);
  if (t < cds_offset) return "-" + std::to_string(cds_offset - t);
  if (t < cds_offset + cds_length) return std::to_string(t - cds_offset + 1);
  return "*" + std::to_string(t - (cds_offset + cds_length) + 1);
}

// Coordinates of genomic positions inside the span of one model.
class Coordinates {
 public:
  Coordinates(const TranscriptSequence& seq, bool minus) : seq_(seq), minus_(minus) {}

  std::string of_tx(int64_t t) const { return tx_coordinate(t, seq_.cds_offset, seq_.cds_length); }

  // Exonic positions by their transcript index; intronic ones from the nearer exon edge ("+5", "-12").
  std::string of(int64_t p) const {
    const int k = seq_.exon_of(p);
    if (k >= 0) return of_tx(seq_.tx_index(p, k, minus_));
    for (size_t j = 0; j + 1 < seq_.exons.size(); ++j) {  // intron between transcript-order exons j and j+1
      const auto& up = seq_.exons[j];
      const auto& down = seq_.exons[j + 1];
      const int64_t up_end = minus_ ? up.first : up.second;          // last base of the 5' exon
      const int64_t down_start = minus_ ? down.second : down.first;  // first base of the 3' exon
      const bool inside = minus_ ? (p < up_end && p > down_start) : (p > up_end && p < down_start);
      if (!inside) continue;
      const int64_t d5 = minus_ ? up_end - p : p - up_end;
      const int64_t d3 = minus_ ? p - down_start : down_start - p;
      if (d5 <= d3) return of_tx(seq_.tx_index(up_end, static_cast<int>(j), minus_)) + "+" + std::to_string(d5);
      return of_tx(seq_.tx_index(down_start, static_cast<int>(j + 1), minus_)) + "-" + std::to_string(d3);
    }
    return "?";
  }

 private:
  const TranscriptSequence& seq_;
  bool minus_;
};

// tx index of the last base of transcript-order exon k.
int64_t exon_last_index(const TranscriptSequence& seq, int k) {
  const auto& [a, b] = seq.exons[static_cast<size_t>(k)];
  return seq.exon_offset[static_cast<size_t>(k)] + (b - a);
}

// An insertion between two bases of one exon, on the transcript sequence: shifted 3' within the exon.
std::string exonic_insertion(const TranscriptSequence& seq, const Coordinates& at, int k, int64_t before,
                             std::string inserted) {
  const int64_t exon_last = exon_last_index(seq, k);
  const int64_t k_end = shift_3prime(before, 0, inserted, [&](int64_t i) {
    return i <= exon_last ? seq.tx[static_cast<size_t>(i)] : '\0';
  });
  const int64_t len = static_cast<int64_t>(inserted.size());
  const int64_t exon_first = seq.exon_offset[static_cast<size_t>(k)];
  if (k_end - len >= exon_first &&
      seq.tx.compare(static_cast<size_t>(k_end - len), static_cast<size_t>(len), inserted) == 0)
    return at.of_tx(k_end - len) + (len > 1 ? "_" + at.of_tx(k_end - 1) : "") + "dup";
  return at.of_tx(k_end - 1) + "_" + at.of_tx(k_end) + "ins" + inserted;
}

// An intronic or exon-edge insertion between genomic p5 and p3 (transcript orientation): shifted 3' and called a
// duplication on the genomic sequence while it stays outside exons (VEP's HGVS rule; the consequence keeps the
// position as given).
std::string intronic_insertion(const TranscriptModel& m, const TranscriptSequence& seq, const Coordinates& at,
                               int64_t p3, std::string inserted,
                               const std::function<std::string(int64_t, int64_t)>& genome) {
  const bool minus = m.strand == '-';
  const int64_t step = minus ? -1 : 1;
  const int64_t L = static_cast<int64_t>(inserted.size());
  const int64_t vs = minus ? p3 + 1 : p3;
  const int64_t w0 = std::max<int64_t>(1, vs - 1 - L - 200), w1 = vs + L + 200;
  const std::string window = genome(w0, w1);
  auto base = [&](int64_t g) -> char {  // transcript-orientation base at genomic g, N outside the window
    if (g < w0 || g - w0 >= static_cast<int64_t>(window.size())) return 'N';
    char b = window[static_cast<size_t>(g - w0)];
    return minus ? complement(b) : b;
  };
  const int64_t steps = shift_3prime(0, 0, inserted, [&](int64_t j) {
    const int64_t q = p3 + j * step;
    const bool free = seq.exon_of(q) < 0 && q >= m.start() && q <= m.end() && base(q) != 'N';
    return free ? base(q) : '\0';
  });
  const int64_t q3 = p3 + steps * step, q5 = q3 - step;
  bool dup = true;
  for (int64_t j = 0; j < L && dup; ++j) {
    const int64_t g = q5 - (L - 1 - j) * step;
    dup = seq.exon_of(g) < 0 && base(g) == inserted[static_cast<size_t>(j)];
  }
  if (dup) return at.of(q5 - (L - 1) * step) + (L > 1 ? "_" + at.of(q5) : "") + "dup";
  return at.of(q5) + "_" + at.of(q3) + "ins" + inserted;
}

// A deletion or delins from genomic p5 to p3 (transcript orientation); a deletion inside one exon is shifted 3'
// within the exon.
std::string deletion(const TranscriptSequence& seq, const Coordinates& at, const Change& change, int64_t p5,
                     int64_t p3, bool minus) {
  const int k5 = seq.exon_of(p5), k3 = seq.exon_of(p3);
  std::string a5 = at.of(p5), a3 = at.of(p3);
  if (change.ins.empty() && k5 >= 0 && k5 == k3) {
    const int64_t exon_last = exon_last_index(seq, k5);
    const int64_t t1 = seq.tx_index(p5, k5, minus), len = seq.tx_index(p3, k3, minus) - t1 + 1;
    std::string none;
    const int64_t s1 = shift_3prime(t1, len, none, [&](int64_t i) {
      return i <= exon_last ? seq.tx[static_cast<size_t>(i)] : '\0';
    });
    a5 = at.of_tx(s1);
    a3 = at.of_tx(s1 + len - 1);
  }
  const std::string ins_t = minus ? reverse_complement(change.ins) : change.ins;
  return a5 + (a5 != a3 ? "_" + a3 : "") + (change.ins.empty() ? "del" : "delins" + ins_t);
}

}  // namespace

std::string hgvsc(const TranscriptModel& m, const TranscriptSequence& seq, const Change& change,
                  const std::function<std::string(int64_t, int64_t)>& genome) {
  const bool minus = m.strand == '-';
  const Coordinates at(seq, minus);
  const int64_t vs = change.start, ve = change.insertion() ? change.start - 1 : change.end();
  const std::string ins_t = minus ? reverse_complement(change.ins) : change.ins;
  std::string out;
  if (!change.insertion() && change.del.size() == 1 && change.ins.size() == 1) {
    const std::string del_t = minus ? reverse_complement(change.del) : change.del;
    out = at.of(vs) + del_t + ">" + ins_t;
  } else if (change.insertion()) {
    const int64_t p5 = minus ? vs : vs - 1, p3 = minus ? vs - 1 : vs;  // flanking bases, the 5' one first
    const int k5 = seq.exon_of(p5), k3 = seq.exon_of(p3);
    out = k5 >= 0 && k5 == k3 ? exonic_insertion(seq, at, k5, seq.tx_index(p3, k3, minus), ins_t)
                              : intronic_insertion(m, seq, at, p3, ins_t, genome);
  } else {
    out = deletion(seq, at, change, minus ? ve : vs, minus ? vs : ve, minus);
  }
  return out.find('?') == std::string::npos ? out : "";
}

}  // namespace pathcorr::calling
