// Consequence calling from sequence: where a VCF allele falls in a transcript model (up/downstream, UTR, CDS,
// intron, splice sites) and, for coding changes, what it does to the protein, found by translating the spliced
// reference and alternate transcript sequences fetched from the FASTA. Rules follow Ensembl VEP's definitions
// (SO terms, splice windows, HGVS 3' shifting) so calls line up with VEP-annotated input.
#include "annotators/consequence_caller.h"

#include <htslib/faidx.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <stdexcept>

#include "annotators/consequence.h"
#include "pipeline/base/errors.h"
#include "pipeline/base/protein.h"

namespace pathcorr {

// The spliced sequence of one model in transcript orientation, with what is needed to map positions into it.
struct ConsequenceCaller::TranscriptSequence {
  std::string tx;                                       // exon bases 5'->3' of the transcript, upper case
  std::vector<std::pair<int64_t, int64_t>> exons;       // genomic exons in transcript order
  std::vector<int64_t> exon_offset;                     // tx index of the 5'-most base of each exon
  int64_t cds_offset = -1;                              // tx index of c.1; -1 for non-coding models
  int64_t cds_length = 0;                               // incl. the stop codon
  std::string protein;                                  // translation of the CDS (whole codons), '*' = stop
};

namespace {

char complement(char c) {
  switch (c) {
    case 'A': return 'T';
    case 'C': return 'G';
    case 'G': return 'C';
    case 'T': return 'A';
    default: return 'N';
  }
}

std::string reverse_complement(const std::string& s) {
  std::string out(s.rbegin(), s.rend());
  for (char& c : out) c = complement(c);
  return out;
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// Standard genetic code; any codon with a base other than ACGT gives 'X'.
char translate_codon(const char* codon) {
  static const char* kAminoAcids = "FFLLSSSSYY**CC*WLLLLPPPPHHQQRRRRIIIMTTTTNNKKSSRRVVVVAAAADDEEGGGG";
  int index = 0;
  for (int i = 0; i < 3; ++i) {
    int v;
    switch (codon[i]) {
      case 'T': v = 0; break;
      case 'C': v = 1; break;
      case 'A': v = 2; break;
      case 'G': v = 3; break;
      default: return 'X';
    }
    index = index * 4 + v;
  }
  return kAminoAcids[index];
}

// Whole codons of seq from its start; stops after the first stop codon when until_stop.
std::string translate(const std::string& seq, bool until_stop = false) {
  std::string out;
  for (size_t i = 0; i + 3 <= seq.size(); i += 3) {
    out.push_back(translate_codon(seq.data() + i));
    if (until_stop && out.back() == '*') break;
  }
  return out;
}

// HGVS three-letter form of one residue or of a peptide: 'E' -> "Glu", "EK" -> "GluLys".
std::string three_letter(char aa) { return std::string(amino_acid_three_letter(aa)); }
std::string three_letter(const std::string& peptide) {
  std::string out;
  for (char aa : peptide) out += amino_acid_three_letter(aa);
  return out;
}

// "Glu545" for 0-based protein index i.
std::string residue(const std::string& protein, int64_t i) {
  char aa = i >= 0 && i < static_cast<int64_t>(protein.size()) ? protein[static_cast<size_t>(i)] : 'X';
  return three_letter(aa) + std::to_string(i + 1);
}

bool overlaps(int64_t a1, int64_t a2, int64_t b1, int64_t b2) { return a1 <= b2 && b1 <= a2; }

// The allele reduced to what changes: `del` (reference bases, + strand) starting at `start`, replaced by `ins`.
// A pure insertion has del empty and sits between start-1 and start.
struct Change {
  int64_t start = 0;
  std::string del, ins;
  int64_t end() const { return start + static_cast<int64_t>(del.size()) - 1; }
  bool insertion() const { return del.empty(); }
};

Change minimal_change(int64_t pos, const std::string& ref, const std::string& alt) {
  size_t prefix = 0;
  while (prefix < ref.size() && prefix < alt.size() && ref[prefix] == alt[prefix]) ++prefix;
  size_t suffix = 0;
  while (suffix < ref.size() - prefix && suffix < alt.size() - prefix &&
         ref[ref.size() - 1 - suffix] == alt[alt.size() - 1 - suffix])
    ++suffix;
  Change c;
  c.start = pos + static_cast<int64_t>(prefix);
  c.del = ref.substr(prefix, ref.size() - prefix - suffix);
  c.ins = alt.substr(prefix, alt.size() - prefix - suffix);
  return c;
}

// Does the change touch genomic interval [a, b]? A deletion/substitution overlaps it; an insertion must lie
// between two bases of it (strict) or, for the splice region windows, next to one of its bases (touching).
bool hits(const Change& c, int64_t a, int64_t b, bool touching = false) {
  if (a > b) return false;
  if (!c.insertion()) return overlaps(c.start, c.end(), a, b);
  int64_t left = c.start - 1, right = c.start;
  if (touching) return (left >= a && left <= b) || (right >= a && right <= b);
  return left >= a && right <= b;
}

void add_term(std::vector<std::string>& terms, const std::string& term) {
  if (std::find(terms.begin(), terms.end(), term) == terms.end()) terms.push_back(term);
}

// Protein-level description of ref_pep -> alt_pep replacing the residues from 0-based index r0, 3'-shifted as
// HGVS asks for deletions, insertions and duplications. `protein` is the full reference translation.
std::string describe_peptide_change(const std::string& protein, int64_t r0, std::string ref_pep,
                                    std::string alt_pep) {
  size_t p = 0;
  while (p < ref_pep.size() && p < alt_pep.size() && ref_pep[p] == alt_pep[p]) ++p;
  size_t s = 0;
  while (s < ref_pep.size() - p && s < alt_pep.size() - p &&
         ref_pep[ref_pep.size() - 1 - s] == alt_pep[alt_pep.size() - 1 - s])
    ++s;
  std::string rs = ref_pep.substr(p, ref_pep.size() - p - s);
  std::string as = alt_pep.substr(p, alt_pep.size() - p - s);
  int64_t a = r0 + static_cast<int64_t>(p);
  // Residues that may take part in shifting: up to, not including, the stop.
  int64_t limit = static_cast<int64_t>(protein.size());
  if (limit > 0 && protein.back() == '*') --limit;
  if (rs.empty() && as.empty()) return "p." + residue(protein, r0) + "=";
  if (rs.empty()) {
    const int64_t len = static_cast<int64_t>(as.size());
    while (a < limit && as[0] == protein[static_cast<size_t>(a)]) {
      as = as.substr(1) + protein[static_cast<size_t>(a)];
      ++a;
    }
    if (a >= len && protein.compare(static_cast<size_t>(a - len), static_cast<size_t>(len), as) == 0)
      return "p." + residue(protein, a - len) + (len > 1 ? "_" + residue(protein, a - 1) : "") + "dup";
    if (a == 0) return "";  // before the first residue: not a protein insertion
    return "p." + residue(protein, a - 1) + "_" + residue(protein, a) + "ins" + three_letter(as);
  }
  if (as.empty()) {
    const int64_t len = static_cast<int64_t>(rs.size());
    while (a + len < limit && protein[static_cast<size_t>(a)] == protein[static_cast<size_t>(a + len)]) ++a;
    return "p." + residue(protein, a) + (len > 1 ? "_" + residue(protein, a + len - 1) : "") + "del";
  }
  const int64_t len = static_cast<int64_t>(rs.size());
  if (len == 1 && as.size() == 1) return "p." + residue(protein, a) + three_letter(as[0]);
  return "p." + residue(protein, a) + (len > 1 ? "_" + residue(protein, a + len - 1) : "") + "delins" +
         three_letter(as);
}

struct ProteinEffect {
  std::vector<std::string> terms;
  std::string hgvsp;
};

// Effect of replacing CDS bases [c1, c2] (0-based, transcript orientation; c2 = c1-1 for an insertion before
// c1) by `ins` (transcript orientation). Everything from c.1 to the transcript end is in `from_cds`, so an
// altered reading frame can run into the 3' UTR.
ProteinEffect coding_effect(const std::string& from_cds, int64_t cds_length, const std::string& protein,
                            int64_t c1, int64_t c2, const std::string& ins) {
  ProteinEffect out;
  const std::string cds = from_cds.substr(0, static_cast<size_t>(cds_length));
  const std::string alt = from_cds.substr(0, static_cast<size_t>(c1)) + ins + from_cds.substr(static_cast<size_t>(c2 + 1));
  const int64_t removed = c2 - c1 + 1;
  const int64_t diff = static_cast<int64_t>(ins.size()) - removed;
  const bool has_stop = !protein.empty() && protein.back() == '*' && cds_length % 3 == 0;
  const int64_t stop_index = has_stop ? static_cast<int64_t>(protein.size()) - 1 : -1;

  // Start codon: any change of c.1-3 that leaves no ATG there.
  const bool touches_start = removed > 0 ? c1 <= 2 : (c1 == 1 || c1 == 2);
  if (touches_start && cds.compare(0, 3, "ATG") == 0 && alt.compare(0, 3, "ATG") != 0) {
    out.terms = {"start_lost"};
    out.hgvsp = "p.Met1?";
    return out;
  }

  if (diff % 3 != 0) {
    out.terms = {"frameshift_variant"};
    const std::string alt_protein = translate(alt, true);
    size_t i = 0;
    while (i < protein.size() && i < alt_protein.size() && protein[i] == alt_protein[i]) ++i;
    if (has_stop && alt_protein == protein) {  // e.g. TGA|A -> TG|A A: the same stop, the same protein
      out.terms.push_back("stop_retained_variant");
      out.hgvsp = "p." + residue(protein, stop_index) + "=";
      return out;
    }
    if (i >= protein.size() || i >= alt_protein.size()) return out;  // no residue changes: cannot describe
    const bool ends_in_stop = alt_protein.back() == '*';
    if (static_cast<int64_t>(i) == stop_index) {  // the frame change starts at the stop codon: an extension
      out.terms.push_back("stop_lost");
      out.hgvsp = "p." + residue(protein, stop_index) + three_letter(alt_protein[i]) + "extTer" +
                  (ends_in_stop ? std::to_string(alt_protein.size() - 1 - i) : "?");
      return out;
    }
    if (alt_protein[i] == '*') {
      out.hgvsp = "p." + residue(protein, static_cast<int64_t>(i)) + "Ter";
      return out;
    }
    out.hgvsp = "p." + residue(protein, static_cast<int64_t>(i)) + three_letter(alt_protein[i]) + "fsTer" +
                (ends_in_stop ? std::to_string(alt_protein.size() - i) : "?");
    return out;
  }

  // In frame: compare the codons the change touches.
  const int64_t r0 = c1 / 3;
  const int64_t r1 = removed > 0 ? c2 / 3 : (c1 % 3 == 0 ? r0 - 1 : r0);
  if ((r1 + 1) * 3 > cds_length) {  // incomplete terminal codon (CDS length not a multiple of 3)
    out.terms = {"coding_sequence_variant"};
    return out;
  }
  const std::string ref_nt = cds.substr(static_cast<size_t>(r0 * 3), static_cast<size_t>((r1 - r0 + 1) * 3));
  const std::string alt_nt = cds.substr(static_cast<size_t>(r0 * 3), static_cast<size_t>(c1 - r0 * 3)) + ins +
                             cds.substr(static_cast<size_t>(c2 + 1), static_cast<size_t>((r1 + 1) * 3 - (c2 + 1)));
  const std::string ref_pep = translate(ref_nt);
  const std::string alt_pep = translate(alt_nt);
  const bool ref_has_stop = ref_pep.find('*') != std::string::npos;
  const size_t alt_stop = alt_pep.find('*');

  if (ref_has_stop && stop_index >= r0 && stop_index <= r1) {
    if (alt_stop != std::string::npos) {
      out.terms = {"stop_retained_variant"};
      if (diff < 0) add_term(out.terms, "inframe_deletion");
      if (diff > 0) add_term(out.terms, "inframe_insertion");
      const std::string kept = alt_pep.substr(0, alt_stop + 1);
      out.hgvsp = kept == ref_pep ? "p." + residue(protein, stop_index) + "="
                                  : describe_peptide_change(protein, r0, ref_pep, kept);
      return out;
    }
    out.terms = {"stop_lost"};
    if (diff < 0) add_term(out.terms, "inframe_deletion");
    if (diff > 0) add_term(out.terms, "inframe_insertion");
    // The new C-terminus: translate on from the first residue after the unchanged prefix.
    const std::string tail = translate(alt.substr(static_cast<size_t>(stop_index * 3)), true);
    if (diff == 0 && !tail.empty())
      out.hgvsp = "p." + residue(protein, stop_index) + three_letter(tail[0]) + "extTer" +
                  (tail.back() == '*' ? std::to_string(tail.size() - 1) : "?");
    return out;
  }

  if (diff == 0) {
    if (ref_pep == alt_pep) {
      out.terms = {"synonymous_variant"};
      out.hgvsp = "p." + residue(protein, r0) + "=";
    } else if (alt_stop != std::string::npos) {
      out.terms = {"stop_gained"};
      out.hgvsp = "p." + residue(protein, r0 + static_cast<int64_t>(alt_stop)) + "Ter";
    } else {
      out.terms = {"missense_variant"};
      out.hgvsp = describe_peptide_change(protein, r0, ref_pep, alt_pep);
    }
    return out;
  }
  if (alt_stop != std::string::npos) {  // VEP and bcftools name both the stop and the in-frame change
    out.terms = {"stop_gained", diff > 0 ? "inframe_insertion" : "inframe_deletion"};
    out.hgvsp = describe_peptide_change(protein, r0, ref_pep, alt_pep.substr(0, alt_stop + 1));
    return out;
  }
  out.terms = {diff > 0 ? "inframe_insertion" : "inframe_deletion"};
  // A change that both removes and adds residues (delins) is still named by its nucleotide balance, as VEP does.
  out.hgvsp = describe_peptide_change(protein, r0, ref_pep, alt_pep);
  return out;
}

}  // namespace

void ConsequenceCaller::FaidxCloser::operator()(faidx_t* f) const {
  if (f) fai_destroy(f);
}

ConsequenceCaller::ConsequenceCaller(const std::string& fasta_path, std::vector<TranscriptModel> models)
    : fasta_path_(fasta_path), models_(std::move(models)) {
  fai_.reset(fai_load(fasta_path.c_str()));  // builds a missing .fai; caches bgzf blocks
  if (!fai_)
    throw IoError(fasta_path + ": cannot open the reference FASTA or its index (.fai, and .gzi when bgzipped); "
                               "index it with `samtools faidx`");
  for (int i = 0; i < faidx_nseq(fai_.get()); ++i) {
    std::string name = faidx_iseq(fai_.get(), i);
    std::string key = canonical_chrom(name);
    // An exact name wins over a "chr"-stripped one when a FASTA holds both.
    if (!contig_by_chrom_.count(key) || name == key) contig_by_chrom_[key] = name;
  }
  for (size_t i = 0; i < models_.size(); ++i) {
    if (models_[i].exons.empty())
      throw std::invalid_argument("transcript model " + models_[i].transcript_id + " has no exons");
    models_[i].chrom = canonical_chrom(models_[i].chrom);
    by_chrom_[models_[i].chrom].push_back(i);
  }
  for (auto& [chrom, indices] : by_chrom_) {
    std::stable_sort(indices.begin(), indices.end(),
                     [this](size_t a, size_t b) { return models_[a].start() < models_[b].start(); });
    std::vector<int64_t>& max_end = max_end_[chrom];
    int64_t running = 0;
    for (size_t i : indices) max_end.push_back(running = std::max(running, models_[i].end()));
  }
}

ConsequenceCaller::~ConsequenceCaller() = default;
ConsequenceCaller::ConsequenceCaller(ConsequenceCaller&&) noexcept = default;
ConsequenceCaller& ConsequenceCaller::operator=(ConsequenceCaller&&) noexcept = default;

std::string ConsequenceCaller::fasta_contig(const std::string& chrom) const {
  auto it = contig_by_chrom_.find(canonical_chrom(chrom));
  return it == contig_by_chrom_.end() ? "" : it->second;
}

std::string ConsequenceCaller::fetch(const std::string& contig, int64_t start, int64_t end) const {
  if (end < start) return "";
  hts_pos_t len = 0;
  char* seq = faidx_fetch_seq64(fai_.get(), contig.c_str(), start - 1, end - 1, &len);
  if (!seq || len < 0) {
    std::free(seq);
    throw IoError(fasta_path_ + ": cannot read " + contig + ":" + std::to_string(start) + "-" + std::to_string(end));
  }
  std::string out(seq, static_cast<size_t>(len));
  std::free(seq);
  return upper(out);
}

const ConsequenceCaller::TranscriptSequence& ConsequenceCaller::sequence_of(size_t model_index) const {
  auto it = cache_.find(model_index);
  if (it != cache_.end()) return *it->second;
  const TranscriptModel& m = models_[model_index];
  const std::string contig = fasta_contig(m.chrom);
  auto s = std::make_unique<TranscriptSequence>();
  s->exons = m.exons;
  if (m.strand == '-') std::reverse(s->exons.begin(), s->exons.end());
  for (const auto& [a, b] : s->exons) {
    std::string piece = fetch(contig, a, b);
    piece.resize(static_cast<size_t>(b - a + 1), 'N');  // an exon past the contig end reads as N
    s->exon_offset.push_back(static_cast<int64_t>(s->tx.size()));
    s->tx += m.strand == '-' ? reverse_complement(piece) : piece;
  }
  if (m.coding()) {
    // Transcript index of a genomic position known to be exonic.
    auto index_of = [&](int64_t pos) -> int64_t {
      for (size_t k = 0; k < s->exons.size(); ++k) {
        const auto& [a, b] = s->exons[k];
        if (pos >= a && pos <= b) return s->exon_offset[k] + (m.strand == '-' ? b - pos : pos - a);
      }
      return -1;
    };
    int64_t first = index_of(m.strand == '-' ? m.cds_end : m.cds_start);
    int64_t last = index_of(m.strand == '-' ? m.cds_start : m.cds_end);
    if (first >= 0 && last >= first) {
      s->cds_offset = first;
      s->cds_length = last - first + 1;
      s->protein = translate(s->tx.substr(static_cast<size_t>(first), static_cast<size_t>(s->cds_length)));
    }
  }
  // Bounded FIFO: VCFs come sorted, so recent transcripts are the ones asked for again.
  if (cache_order_.size() >= kSequenceCacheSize) {
    cache_.erase(cache_order_.front());
    cache_order_.pop_front();
  }
  cache_order_.push_back(model_index);
  return *cache_.emplace(model_index, std::move(s)).first->second;
}

namespace {

// c./n. coordinate of transcript index t of a model's sequence (exonic).
std::string tx_coordinate(int64_t t, int64_t cds_offset, int64_t cds_length) {
  if (cds_offset < 0) return std::to_string(t + 1);
  if (t < cds_offset) return "-" + std::to_string(cds_offset - t);
  if (t < cds_offset + cds_length) return std::to_string(t - cds_offset + 1);
  return "*" + std::to_string(t - (cds_offset + cds_length) + 1);
}

}  // namespace

std::vector<TranscriptEffect> ConsequenceCaller::effects(const std::string& chrom, int64_t pos,
                                                         const std::string& ref_in,
                                                         const std::string& alt_in) const {
  if (ref_in.empty() || alt_in.empty()) throw std::invalid_argument("empty REF or ALT allele");
  if (alt_in[0] == '<' || alt_in == "*" || alt_in == "." || alt_in.find('[') != std::string::npos ||
      alt_in.find(']') != std::string::npos)
    return {};
  const std::string ref = upper(ref_in), alt = upper(alt_in);
  for (const std::string* allele : {&ref, &alt})
    if (allele->find_first_not_of("ACGTN") != std::string::npos)
      throw std::invalid_argument("allele '" + *allele + "' holds characters other than A, C, G, T, N");
  if (pos < 1) throw std::invalid_argument("position " + std::to_string(pos) + " is not positive");

  // No genome reaches 2^40 bases: such a POS cannot touch a model (and would overflow the window arithmetic).
  if (pos < 1 || pos > (int64_t{1} << 40)) return {};
  const Change change = minimal_change(pos, ref, alt);
  const int64_t vs = change.start, ve = change.insertion() ? change.start - 1 : change.end();

  // Models within reach of the variant.
  std::vector<size_t> near;
  const std::string key = canonical_chrom(chrom);
  auto by = by_chrom_.find(key);
  if (by != by_chrom_.end()) {
    const std::vector<size_t>& idx = by->second;
    const std::vector<int64_t>& max_end = max_end_.at(key);
    auto hi = std::upper_bound(idx.begin(), idx.end(), ve + kUpDownstreamDistance,
                               [this](int64_t p, size_t i) { return p < models_[i].start(); });
    for (auto j = static_cast<int64_t>(hi - idx.begin()) - 1; j >= 0; --j) {
      if (max_end[static_cast<size_t>(j)] < vs - kUpDownstreamDistance) break;
      if (models_[idx[static_cast<size_t>(j)]].end() >= vs - kUpDownstreamDistance) near.push_back(idx[static_cast<size_t>(j)]);
    }
    std::reverse(near.begin(), near.end());
  }

  const std::string contig = fasta_contig(chrom);
  if (contig.empty()) {
    if (near.empty()) return {};
    throw std::invalid_argument("contig '" + chrom + "' is not in the reference FASTA " + fasta_path_ +
                                " but transcript " + models_[near.front()].transcript_id + " lies on it");
  }
  const std::string actual = fetch(contig, pos, pos + static_cast<int64_t>(ref.size()) - 1);
  if (actual != ref)
    throw std::invalid_argument("REF '" + ref_in + "' does not match the reference '" + actual + "' at " + chrom +
                                ":" + std::to_string(pos));
  if (ref == alt) return {};

  std::vector<TranscriptEffect> out;
  for (size_t mi : near) {
    const TranscriptModel& m = models_[mi];
    const bool minus = m.strand == '-';
    TranscriptEffect effect;
    effect.gene = m.gene;
    effect.transcript = m.transcript_id;
    effect.canonical = m.canonical;
    std::vector<std::string>& terms = effect.so_terms;

    if (ve < m.start() || vs > m.end()) {  // outside the transcript
      const bool left = ve < m.start();
      const int64_t distance = left ? m.start() - ve : vs - m.end();
      if (distance > kUpDownstreamDistance) continue;
      terms.push_back(left != minus ? "upstream_gene_variant" : "downstream_gene_variant");
      out.push_back(std::move(effect));
      continue;
    }

    // Introns and splice windows (genomic coordinates; donor = 5' end of the intron in transcript orientation).
    bool intronic_bases = false;
    for (size_t k = 0; k + 1 < m.exons.size(); ++k) {
      const int64_t is = m.exons[k].second + 1, ie = m.exons[k + 1].first - 1;
      if (is > ie) continue;
      const bool at_start_donor = !minus;  // + strand: the intron start is the donor
      if (hits(change, is, std::min(is + 1, ie)))
        add_term(terms, at_start_donor ? "splice_donor_variant" : "splice_acceptor_variant");
      if (hits(change, std::max(ie - 1, is), ie))
        add_term(terms, at_start_donor ? "splice_acceptor_variant" : "splice_donor_variant");
      if (hits(change, is + 2, std::min(is + 7, ie - 2), true) || hits(change, std::max(ie - 7, is + 2), ie - 2, true) ||
          hits(change, m.exons[k].second - 2, m.exons[k].second, true) ||
          hits(change, m.exons[k + 1].first, m.exons[k + 1].first + 2, true))
        add_term(terms, "splice_region_variant");
      if (hits(change, is + 2, ie - 2)) add_term(terms, "intron_variant");
      if (hits(change, is, ie)) intronic_bases = true;
    }

    // Exonic part.
    bool exonic = false;
    int64_t coding_bases = 0;
    bool utr5 = false, utr3 = false;
    auto classify_utr = [&](int64_t p) {  // p exonic, outside the CDS
      const bool before = p < m.cds_start;  // genomic left of the CDS
      (before != minus ? utr5 : utr3) = true;
    };
    // An insertion is exonic between two bases of one exon, and also at an exon edge that faces an intron: the
    // GT/AG stay intact, so the inserted bases end up in the mRNA.
    int64_t insert_before = 0;  // insertion: CDS index (0-based, transcript orientation) it goes before
    if (change.insertion()) {
      int left_exon = -1, right_exon = -1;
      for (size_t k = 0; k < m.exons.size(); ++k) {
        if (vs - 1 >= m.exons[k].first && vs - 1 <= m.exons[k].second) left_exon = static_cast<int>(k);
        if (vs >= m.exons[k].first && vs <= m.exons[k].second) right_exon = static_cast<int>(k);
      }
      exonic = left_exon >= 0 || right_exon >= 0;  // both flanks inside the transcript here
      if (exonic && m.coding()) {
        const TranscriptSequence& s = sequence_of(mi);
        auto cds_at = [&](int64_t p) -> int64_t {
          for (size_t k = 0; k < s.exons.size(); ++k)
            if (p >= s.exons[k].first && p <= s.exons[k].second)
              return s.exon_offset[k] + (minus ? s.exons[k].second - p : p - s.exons[k].first) - s.cds_offset;
          return 0;
        };
        if (!minus)
          insert_before = right_exon >= 0 ? cds_at(vs) : cds_at(vs - 1) + 1;
        else
          insert_before = left_exon >= 0 ? cds_at(vs - 1) : cds_at(vs) + 1;
        if (s.cds_offset < 0) {
          coding_bases = 1;  // CDS ends outside the exons: reported as coding_sequence_variant below
        } else if (insert_before > 0 && insert_before < s.cds_length) {
          coding_bases = 1;
        } else {
          (insert_before <= 0 ? utr5 : utr3) = true;
        }
      }
    } else {
      for (const auto& [a, b] : m.exons) {
        const int64_t lo = std::max(a, vs), hi = std::min(b, ve);
        if (lo > hi) continue;
        exonic = true;
        if (!m.coding()) continue;
        const int64_t clo = std::max(lo, m.cds_start), chi = std::min(hi, m.cds_end);
        if (clo <= chi) coding_bases += chi - clo + 1;
        if (lo < m.cds_start) classify_utr(lo);
        if (hi > m.cds_end) classify_utr(hi);
      }
    }

    std::vector<std::string> main_terms;
    if (exonic && !m.coding()) add_term(main_terms, "non_coding_transcript_exon_variant");
    if (utr5) add_term(main_terms, "5_prime_UTR_variant");
    if (utr3) add_term(main_terms, "3_prime_UTR_variant");
    const TranscriptSequence* seq = nullptr;
    if (coding_bases > 0) {
      seq = &sequence_of(mi);
      const bool whole = !intronic_bases && !utr5 && !utr3 && seq->cds_offset >= 0;
      auto cds_index = [&](int64_t p) -> int64_t {
        for (size_t k = 0; k < seq->exons.size(); ++k) {
          const auto& [a, b] = seq->exons[k];
          if (p >= a && p <= b) return seq->exon_offset[k] + (minus ? b - p : p - a) - seq->cds_offset;
        }
        return -1;
      };
      if (whole) {
        int64_t c1, c2;
        std::string ins = minus ? reverse_complement(change.ins) : change.ins;
        if (change.insertion()) {
          c1 = insert_before;
          c2 = c1 - 1;
        } else {
          c1 = cds_index(minus ? ve : vs);
          c2 = cds_index(minus ? vs : ve);
        }
        ProteinEffect pe = coding_effect(seq->tx.substr(static_cast<size_t>(seq->cds_offset)), seq->cds_length,
                                         seq->protein, c1, c2, ins);
        for (const std::string& t : pe.terms) add_term(main_terms, t);
        effect.hgvsp = pe.hgvsp;
      } else {
        // Crosses the CDS edge or an exon boundary: say what can be told without a protein sequence.
        add_term(main_terms, "coding_sequence_variant");
        const int64_t start_lo = minus ? m.cds_end - 2 : m.cds_start, start_hi = minus ? m.cds_end : m.cds_start + 2;
        const int64_t stop_lo = minus ? m.cds_start : m.cds_end - 2, stop_hi = minus ? m.cds_start + 2 : m.cds_end;
        if (hits(change, start_lo, start_hi)) add_term(main_terms, "start_lost");
        if (hits(change, stop_lo, stop_hi)) add_term(main_terms, "stop_lost");
        if (change.ins.empty() && coding_bases % 3 != 0) add_term(main_terms, "frameshift_variant");
      }
    }
    for (const std::string& t : main_terms) add_term(terms, t);
    if (terms.empty()) add_term(terms, exonic ? "coding_sequence_variant" : "intron_variant");
    std::stable_sort(terms.begin(), terms.end(),
                     [](const std::string& a, const std::string& b) { return so_rank(a) < so_rank(b); });

    // HGVSc.
    if (!seq) seq = &sequence_of(mi);
    const std::string prefix = seq->cds_offset >= 0 ? "c." : "n.";
    auto exon_of = [&](int64_t p) -> int {
      for (size_t k = 0; k < seq->exons.size(); ++k)
        if (p >= seq->exons[k].first && p <= seq->exons[k].second) return static_cast<int>(k);
      return -1;
    };
    auto tx_index = [&](int64_t p, int k) {
      const auto& [a, b] = seq->exons[static_cast<size_t>(k)];
      return seq->exon_offset[static_cast<size_t>(k)] + (minus ? b - p : p - a);
    };
    auto coordinate = [&](int64_t p) -> std::string {  // genomic p inside the transcript span
      int k = exon_of(p);
      if (k >= 0) return tx_coordinate(tx_index(p, k), seq->cds_offset, seq->cds_length);
      for (size_t j = 0; j + 1 < seq->exons.size(); ++j) {
        // Intron between transcript-order exons j and j+1.
        const auto& up = seq->exons[j];
        const auto& down = seq->exons[j + 1];
        const int64_t up_end = minus ? up.first : up.second;        // last base of the 5' exon
        const int64_t down_start = minus ? down.second : down.first; // first base of the 3' exon
        const bool inside = minus ? (p < up_end && p > down_start) : (p > up_end && p < down_start);
        if (!inside) continue;
        const int64_t d5 = minus ? up_end - p : p - up_end;
        const int64_t d3 = minus ? p - down_start : down_start - p;
        if (d5 <= d3)
          return tx_coordinate(tx_index(up_end, static_cast<int>(j)), seq->cds_offset, seq->cds_length) + "+" +
                 std::to_string(d5);
        return tx_coordinate(tx_index(down_start, static_cast<int>(j + 1)), seq->cds_offset, seq->cds_length) +
               "-" + std::to_string(d3);
      }
      return "?";
    };
    const std::string ins_t = minus ? reverse_complement(change.ins) : change.ins;
    const std::string del_t = minus ? reverse_complement(change.del) : change.del;
    std::string hgvsc;
    if (!change.insertion() && change.del.size() == 1 && change.ins.size() == 1) {
      hgvsc = coordinate(vs) + del_t + ">" + ins_t;
    } else if (change.insertion()) {
      // Flanking bases in transcript orientation: 5' one first.
      int64_t p5 = minus ? vs : vs - 1, p3 = minus ? vs - 1 : vs;
      int k5 = exon_of(p5), k3 = exon_of(p3);
      if (k5 >= 0 && k5 == k3) {
        const auto& [a, b] = seq->exons[static_cast<size_t>(k5)];
        const int64_t exon_last = seq->exon_offset[static_cast<size_t>(k5)] + (b - a);
        int64_t k = tx_index(p3, k3);  // insertion before transcript index k
        std::string inserted = ins_t;
        while (k <= exon_last && inserted[0] == seq->tx[static_cast<size_t>(k)]) {
          inserted = inserted.substr(1) + seq->tx[static_cast<size_t>(k)];
          ++k;
        }
        const int64_t len = static_cast<int64_t>(inserted.size());
        const int64_t exon_first = seq->exon_offset[static_cast<size_t>(k5)];
        auto at = [&](int64_t t) { return tx_coordinate(t, seq->cds_offset, seq->cds_length); };
        if (k - len >= exon_first && seq->tx.compare(static_cast<size_t>(k - len), static_cast<size_t>(len), inserted) == 0)
          hgvsc = at(k - len) + (len > 1 ? "_" + at(k - 1) : "") + "dup";
        else
          hgvsc = at(k - 1) + "_" + at(k) + "ins" + inserted;
      } else {
        // Intronic or exon-edge insertion: shift 3' and call duplications on the genomic sequence, staying
        // outside exons (VEP's HGVS rule; the consequence keeps the position as given).
        const int64_t step = minus ? -1 : 1;
        const int64_t L = static_cast<int64_t>(ins_t.size());
        const int64_t w0 = std::max<int64_t>(1, vs - 1 - L - 200), w1 = vs + L + 200;
        const std::string window = fetch(contig, w0, w1);
        auto base = [&](int64_t g) -> char {
          if (g < w0 || g - w0 >= static_cast<int64_t>(window.size())) return 'N';
          char b = window[static_cast<size_t>(g - w0)];
          return minus ? complement(b) : b;
        };
        std::string inserted = ins_t;
        int64_t q5 = p5, q3 = p3;
        while (exon_of(q3) < 0 && q3 >= m.start() && q3 <= m.end() && base(q3) != 'N' && inserted[0] == base(q3)) {
          inserted = inserted.substr(1) + base(q3);
          q5 = q3;
          q3 += step;
        }
        bool dup = true;
        for (int64_t j = 0; j < L && dup; ++j) {
          const int64_t g = q5 - (L - 1 - j) * step;
          dup = exon_of(g) < 0 && base(g) == inserted[static_cast<size_t>(j)];
        }
        if (dup)
          hgvsc = coordinate(q5 - (L - 1) * step) + (L > 1 ? "_" + coordinate(q5) : "") + "dup";
        else
          hgvsc = coordinate(q5) + "_" + coordinate(q3) + "ins" + inserted;
      }
    } else {
      int64_t p5 = minus ? ve : vs, p3 = minus ? vs : ve;
      int k5 = exon_of(p5), k3 = exon_of(p3);
      std::string a5 = coordinate(p5), a3 = coordinate(p3);
      if (change.ins.empty() && k5 >= 0 && k5 == k3) {  // exonic deletion: shift 3' within the exon
        const auto& [a, b] = seq->exons[static_cast<size_t>(k5)];
        const int64_t exon_last = seq->exon_offset[static_cast<size_t>(k5)] + (b - a);
        int64_t t1 = tx_index(p5, k5), t2 = tx_index(p3, k3);
        while (t2 + 1 <= exon_last && seq->tx[static_cast<size_t>(t1)] == seq->tx[static_cast<size_t>(t2 + 1)]) {
          ++t1;
          ++t2;
        }
        a5 = tx_coordinate(t1, seq->cds_offset, seq->cds_length);
        a3 = tx_coordinate(t2, seq->cds_offset, seq->cds_length);
      }
      hgvsc = a5 + (a5 != a3 ? "_" + a3 : "") + (change.ins.empty() ? "del" : "delins" + ins_t);
    }
    effect.hgvsc = hgvsc.find('?') == std::string::npos ? prefix + hgvsc : "";
    effect.hgvsp_short = short_protein_change(effect.hgvsp);
    out.push_back(std::move(effect));
  }
  return out;
}

}  // namespace pathcorr
