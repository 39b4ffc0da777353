// Consequence calling from sequence: where a VCF allele falls in a transcript model (up/downstream, UTR, CDS,
// intron, splice sites) and, for coding changes, what it does to the protein, found by translating the spliced
// reference and alternate transcript sequences fetched from the FASTA. Rules follow Ensembl VEP's definitions
// (SO terms, splice windows, HGVS 3' shifting) so calls line up with VEP-annotated input. This file owns the
// FASTA, the models near an allele and the placement steps; the protein effect is in coding_effect.cpp and the
// HGVSc in consequence_hgvsc.cpp.
#include "annotators/consequence_caller.h"

#include <htslib/faidx.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <functional>
#include <optional>

#include "annotators/calling_steps.h"
#include "annotators/consequence.h"
#include "pipeline/base/errors.h"
#include "pipeline/base/genome.h"
#include "pipeline/base/protein.h"

namespace pathcorr {

using calling::Change;
using calling::TranscriptSequence;

namespace calling {

int TranscriptSequence::exon_of(int64_t pos) const {
  for (size_t k = 0; k < exons.size(); ++k)
    if (pos >= exons[k].first && pos <= exons[k].second) return static_cast<int>(k);
  return -1;
}

int64_t TranscriptSequence::tx_index(int64_t pos, int exon, bool minus) const {
  const auto& [a, b] = exons[static_cast<size_t>(exon)];
  return exon_offset[static_cast<size_t>(exon)] + (minus ? b - pos : pos - a);
}

std::pair<size_t, size_t> shared_ends(const std::string& a, const std::string& b) {
  size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix])
    ++suffix;
  return {prefix, suffix};
}

Change minimal_change(int64_t pos, const std::string& ref, const std::string& alt) {
  const auto [prefix, suffix] = shared_ends(ref, alt);
  Change c;
  c.start = pos + static_cast<int64_t>(prefix);
  c.del = ref.substr(prefix, ref.size() - prefix - suffix);
  c.ins = alt.substr(prefix, alt.size() - prefix - suffix);
  return c;
}

bool hits(const Change& c, int64_t a, int64_t b, bool touching) {
  if (a > b) return false;
  if (!c.insertion()) return c.start <= b && a <= c.end();
  int64_t left = c.start - 1, right = c.start;
  if (touching) return (left >= a && left <= b) || (right >= a && right <= b);
  return left >= a && right <= b;
}

void add_term(std::vector<std::string>& terms, const std::string& term) {
  if (std::find(terms.begin(), terms.end(), term) == terms.end()) terms.push_back(term);
}

}  // namespace calling

namespace {

using calling::add_term;
using calling::hits;

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// The hint every FASTA/VCF contradiction carries.
constexpr const char* kFastaHint = " (is --fasta the genome build of this VCF?)";

// Allele checks: symbolic, breakend, spanning-deletion and missing ALTs give no effects (false); REF and ALT must
// be sequence. Throws InputError for what no VCF record may hold.
bool callable_allele(const std::string& ref, const std::string& alt, int64_t pos) {
  if (ref.empty() || alt.empty()) throw InputError("empty REF or ALT allele");
  if (alt[0] == '<' || alt == "*" || alt == "." || alt.find('[') != std::string::npos ||
      alt.find(']') != std::string::npos)
    return false;
  for (const std::string* allele : {&ref, &alt})
    if (upper(*allele).find_first_not_of("ACGTN") != std::string::npos)
      throw InputError("allele '" + upper(*allele) + "' holds characters other than A, C, G, T, N");
  if (pos < 1) throw InputError("position " + std::to_string(pos) + " is not positive");
  // No genome reaches 2^40 bases: such a POS cannot touch a model (and would overflow the window arithmetic).
  return pos <= (int64_t{1} << 40);
}

// Outside model m: its upstream/downstream term, or "" beyond kUpDownstreamDistance.
std::string flank_term(const TranscriptModel& m, int64_t vs, int64_t ve) {
  const bool left = ve < m.start();
  const int64_t distance = left ? m.start() - ve : vs - m.end();
  if (distance > kUpDownstreamDistance) return "";
  return left != (m.strand == '-') ? "upstream_gene_variant" : "downstream_gene_variant";
}

// Introns and splice windows (genomic coordinates; donor = 5' end of the intron in transcript orientation):
// adds their terms and says whether the change touches intron bases.
bool add_intron_terms(const TranscriptModel& m, const Change& change, std::vector<std::string>& terms) {
  bool intronic_bases = false;
  const bool start_is_donor = m.strand != '-';  // + strand: the intron start is the donor
  for (size_t k = 0; k + 1 < m.exons.size(); ++k) {
    const int64_t is = m.exons[k].second + 1, ie = m.exons[k + 1].first - 1;
    if (is > ie) continue;
    if (hits(change, is, std::min(is + 1, ie)))
      add_term(terms, start_is_donor ? "splice_donor_variant" : "splice_acceptor_variant");
    if (hits(change, std::max(ie - 1, is), ie))
      add_term(terms, start_is_donor ? "splice_acceptor_variant" : "splice_donor_variant");
    if (hits(change, is + 2, std::min(is + 7, ie - 2), true) || hits(change, std::max(ie - 7, is + 2), ie - 2, true) ||
        hits(change, m.exons[k].second - 2, m.exons[k].second, true) ||
        hits(change, m.exons[k + 1].first, m.exons[k + 1].first + 2, true))
      add_term(terms, "splice_region_variant");
    if (hits(change, is + 2, ie - 2)) add_term(terms, "intron_variant");
    if (hits(change, is, ie)) intronic_bases = true;
  }
  return intronic_bases;
}

// Where the change meets the exons of a model.
struct ExonicPart {
  bool exonic = false;
  int64_t coding_bases = 0;   // CDS bases removed; 1 for an insertion inside the CDS
  bool utr5 = false, utr3 = false;
  int64_t insert_before = 0;  // insertion: CDS index (0-based, transcript orientation) it goes before
};

ExonicPart exonic_part_of_deletion(const TranscriptModel& m, int64_t vs, int64_t ve) {
  ExonicPart part;
  for (const auto& [a, b] : m.exons) {
    const int64_t lo = std::max(a, vs), hi = std::min(b, ve);
    if (lo > hi) continue;
    part.exonic = true;
    if (!m.coding()) continue;
    const int64_t clo = std::max(lo, m.cds_start), chi = std::min(hi, m.cds_end);
    if (clo <= chi) part.coding_bases += chi - clo + 1;
    for (int64_t p : {lo, hi})  // an exonic base outside the CDS: the UTR on its side
      if (p < m.cds_start || p > m.cds_end) ((p < m.cds_start) != (m.strand == '-') ? part.utr5 : part.utr3) = true;
  }
  return part;
}

// An insertion is exonic between two bases of one exon, and also at an exon edge that faces an intron: the
// GT/AG stay intact, so the inserted bases end up in the mRNA. `sequence` is fetched only when needed.
ExonicPart exonic_part_of_insertion(const TranscriptModel& m, int64_t vs,
                                    const std::function<const TranscriptSequence&()>& sequence) {
  ExonicPart part;
  const bool minus = m.strand == '-';
  int left_exon = -1, right_exon = -1;
  for (size_t k = 0; k < m.exons.size(); ++k) {
    if (vs - 1 >= m.exons[k].first && vs - 1 <= m.exons[k].second) left_exon = static_cast<int>(k);
    if (vs >= m.exons[k].first && vs <= m.exons[k].second) right_exon = static_cast<int>(k);
  }
  part.exonic = left_exon >= 0 || right_exon >= 0;  // both flanks inside the transcript here
  if (!part.exonic || !m.coding()) return part;
  const TranscriptSequence& s = sequence();
  auto cds_at = [&](int64_t p) -> int64_t {
    const int k = s.exon_of(p);
    return k < 0 ? 0 : s.tx_index(p, k, minus) - s.cds_offset;
  };
  if (!minus)
    part.insert_before = right_exon >= 0 ? cds_at(vs) : cds_at(vs - 1) + 1;
  else
    part.insert_before = left_exon >= 0 ? cds_at(vs - 1) : cds_at(vs) + 1;
  if (s.cds_offset < 0 || (part.insert_before > 0 && part.insert_before < s.cds_length))
    part.coding_bases = 1;  // (CDS ending outside the exons: reported as coding_sequence_variant)
  else
    (part.insert_before <= 0 ? part.utr5 : part.utr3) = true;
  return part;
}

// The coding terms and HGVSp: the protein effect when the change lies wholly inside the CDS exons, else what can
// be told without a protein sequence (it crosses the CDS edge or an exon boundary).
void add_coding_terms(const TranscriptModel& m, const TranscriptSequence& seq, const Change& change,
                      const ExonicPart& part, bool intronic_bases, std::vector<std::string>& terms,
                      std::string& hgvsp) {
  const bool minus = m.strand == '-';
  const int64_t vs = change.start, ve = change.insertion() ? change.start - 1 : change.end();
  if (!intronic_bases && !part.utr5 && !part.utr3 && seq.cds_offset >= 0) {
    auto cds_index = [&](int64_t p) -> int64_t {
      const int k = seq.exon_of(p);
      return k < 0 ? -1 : seq.tx_index(p, k, minus) - seq.cds_offset;
    };
    const int64_t c1 = change.insertion() ? part.insert_before : cds_index(minus ? ve : vs);
    const int64_t c2 = change.insertion() ? c1 - 1 : cds_index(minus ? vs : ve);
    const calling::ProteinEffect pe =
        calling::coding_effect(seq.tx.substr(static_cast<size_t>(seq.cds_offset)), seq.cds_length, seq.protein, c1,
                               c2, minus ? calling::reverse_complement(change.ins) : change.ins);
    for (const std::string& t : pe.terms) add_term(terms, t);
    hgvsp = pe.hgvsp;
    return;
  }
  add_term(terms, "coding_sequence_variant");
  const int64_t start_lo = minus ? m.cds_end - 2 : m.cds_start, start_hi = minus ? m.cds_end : m.cds_start + 2;
  const int64_t stop_lo = minus ? m.cds_start : m.cds_end - 2, stop_hi = minus ? m.cds_start + 2 : m.cds_end;
  if (hits(change, start_lo, start_hi)) add_term(terms, "start_lost");
  if (hits(change, stop_lo, stop_hi)) add_term(terms, "stop_lost");
  if (change.ins.empty() && part.coding_bases % 3 != 0) add_term(terms, "frameshift_variant");
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
      throw InputError("transcript model " + models_[i].transcript_id + " has no exons");
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

const TranscriptSequence& ConsequenceCaller::sequence_of(size_t model_index) const {
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
    s->tx += m.strand == '-' ? calling::reverse_complement(piece) : piece;
  }
  if (m.coding()) {
    auto index_of = [&](int64_t pos) -> int64_t {  // transcript index of an exonic position, else -1
      const int k = s->exon_of(pos);
      return k < 0 ? -1 : s->tx_index(pos, k, m.strand == '-');
    };
    int64_t first = index_of(m.strand == '-' ? m.cds_end : m.cds_start);
    int64_t last = index_of(m.strand == '-' ? m.cds_start : m.cds_end);
    if (first >= 0 && last >= first) {
      s->cds_offset = first;
      s->cds_length = last - first + 1;
      s->protein = calling::translate(s->tx.substr(static_cast<size_t>(first), static_cast<size_t>(s->cds_length)));
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

std::vector<size_t> ConsequenceCaller::models_near(const std::string& chrom, int64_t vs, int64_t ve) const {
  std::vector<size_t> near;
  const std::string key = canonical_chrom(chrom);
  auto by = by_chrom_.find(key);
  if (by == by_chrom_.end()) return near;
  const std::vector<size_t>& idx = by->second;
  const std::vector<int64_t>& max_end = max_end_.at(key);
  auto hi = std::upper_bound(idx.begin(), idx.end(), ve + kUpDownstreamDistance,
                             [this](int64_t p, size_t i) { return p < models_[i].start(); });
  for (auto j = static_cast<int64_t>(hi - idx.begin()) - 1; j >= 0; --j) {
    if (max_end[static_cast<size_t>(j)] < vs - kUpDownstreamDistance) break;
    if (models_[idx[static_cast<size_t>(j)]].end() >= vs - kUpDownstreamDistance)
      near.push_back(idx[static_cast<size_t>(j)]);
  }
  std::reverse(near.begin(), near.end());
  return near;
}

std::optional<TranscriptEffect> ConsequenceCaller::effect_on(size_t model_index, const Change& change,
                                                             const std::string& contig) const {
  const TranscriptModel& m = models_[model_index];
  const int64_t vs = change.start, ve = change.insertion() ? change.start - 1 : change.end();
  TranscriptEffect effect;
  effect.gene = m.gene;
  effect.transcript = m.transcript_id;
  effect.canonical = m.canonical;
  std::vector<std::string>& terms = effect.so_terms;
  if (ve < m.start() || vs > m.end()) {
    const std::string term = flank_term(m, vs, ve);
    if (term.empty()) return std::nullopt;
    terms.push_back(term);
    return effect;
  }
  const bool intronic_bases = add_intron_terms(m, change, terms);
  const ExonicPart part = change.insertion()
                              ? exonic_part_of_insertion(m, vs, [&]() -> const TranscriptSequence& {
                                  return sequence_of(model_index);
                                })
                              : exonic_part_of_deletion(m, vs, ve);
  std::vector<std::string> main_terms;
  if (part.exonic && !m.coding()) add_term(main_terms, "non_coding_transcript_exon_variant");
  if (part.utr5) add_term(main_terms, "5_prime_UTR_variant");
  if (part.utr3) add_term(main_terms, "3_prime_UTR_variant");
  const TranscriptSequence& seq = sequence_of(model_index);
  if (part.coding_bases > 0) add_coding_terms(m, seq, change, part, intronic_bases, main_terms, effect.hgvsp);
  for (const std::string& t : main_terms) add_term(terms, t);
  if (terms.empty()) add_term(terms, part.exonic ? "coding_sequence_variant" : "intron_variant");
  std::stable_sort(terms.begin(), terms.end(),
                   [](const std::string& a, const std::string& b) { return so_rank(a) < so_rank(b); });
  const std::string c = calling::hgvsc(m, seq, change, [&](int64_t a, int64_t b) { return fetch(contig, a, b); });
  effect.hgvsc = c.empty() ? "" : (seq.cds_offset >= 0 ? "c." : "n.") + c;
  effect.hgvsp_short = short_protein_change(effect.hgvsp);
  return effect;
}

std::vector<TranscriptEffect> ConsequenceCaller::effects(const std::string& chrom, int64_t pos,
                                                         const std::string& ref_in,
                                                         const std::string& alt_in) const {
  if (!callable_allele(ref_in, alt_in, pos)) return {};
  const std::string ref = upper(ref_in), alt = upper(alt_in);
  const Change change = calling::minimal_change(pos, ref, alt);
  const int64_t vs = change.start, ve = change.insertion() ? change.start - 1 : change.end();
  const std::vector<size_t> near = models_near(chrom, vs, ve);

  // The VCF and the FASTA must be of one genome: a contradiction between inputs, not a damaged file.
  const std::string contig = fasta_contig(chrom);
  if (contig.empty()) {
    if (near.empty()) return {};
    throw ConflictError("contig '" + chrom + "' is not in the reference FASTA " + fasta_path_ + " but transcript " +
                        models_[near.front()].transcript_id + " lies on it" + kFastaHint);
  }
  const std::string actual = fetch(contig, pos, pos + static_cast<int64_t>(ref.size()) - 1);
  if (actual != ref)
    throw ConflictError("REF '" + ref_in + "' does not match the reference '" + actual + "' at " + chrom + ":" +
                        std::to_string(pos) + kFastaHint);
  if (ref == alt) return {};

  std::vector<TranscriptEffect> out;
  for (size_t mi : near)
    if (std::optional<TranscriptEffect> e = effect_on(mi, change, contig)) out.push_back(std::move(*e));
  return out;
}

}  // namespace pathcorr
