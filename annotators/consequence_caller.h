// pathcorr's own consequence caller for unannotated VCFs: one VCF allele + transcript models + the reference
// FASTA -> Sequence Ontology terms, HGVSp (VEP's three-letter form) and HGVSc per overlapping transcript, computed
// from the spliced transcript sequence. Owns the calling only; models come from transcript_model.h.
#pragma once
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "annotators/annotation.h"
#include "annotators/transcript_model.h"

struct faidx_t;  // htslib; the typedef of the same name is compatible

namespace pathcorr {

namespace calling {
struct Change;
struct TranscriptSequence;
}  // namespace calling

// Distance within which a variant outside a transcript is upstream/downstream of it (VEP's default).
constexpr int64_t kUpDownstreamDistance = 5000;

class ConsequenceCaller {
 public:
  // fasta: indexed FASTA (plain or bgzip with .fai/.gzi; the .fai is built when missing and the directory is
  // writable). Contig names may carry "chr" or not: model chrom "3" finds FASTA contig "3" or "chr3"
  // ("MT" finds MT, chrM or M). Throws IoError when the FASTA cannot be opened.
  ConsequenceCaller(const std::string& fasta_path, std::vector<TranscriptModel> models);
  ~ConsequenceCaller();
  ConsequenceCaller(ConsequenceCaller&&) noexcept;
  ConsequenceCaller& operator=(ConsequenceCaller&&) noexcept;

  // Effects of one VCF allele (pos 1-based, REF/ALT as in the VCF, case-insensitive) on every model overlapping
  // it or within kUpDownstreamDistance of it, in model order (chrom, start, transcript_id). SO terms, most
  // severe first: missense_variant, stop_gained, stop_lost, stop_retained_variant, start_lost,
  // synonymous_variant, frameshift_variant, inframe_insertion, inframe_deletion, protein_altering_variant,
  // splice_donor_variant / splice_acceptor_variant (intron bases 1-2 at either end), splice_region_variant
  // (exon bases 1-3 / intron bases 3-8 next to an internal exon boundary), intron_variant (intron bases 3 to
  // length-2, as VEP), 5_prime_UTR_variant, 3_prime_UTR_variant, non_coding_transcript_exon_variant,
  // upstream_gene_variant, downstream_gene_variant, coding_sequence_variant (coding change that crosses a CDS or
  // exon boundary; then start_lost / stop_lost are added when it touches those codons, and frameshift_variant
  // when a deletion removes a number of coding bases that is not a multiple of 3). An in-frame indel that
  // creates a stop gets stop_gained plus its inframe_* term (as VEP and bcftools); a change that keeps the stop
  // gets stop_retained_variant (plus frameshift_variant/inframe_* by its length). The position is taken as
  // given (no 3' shift for consequences, as VEP); an insertion at an exon edge facing an intron counts as
  // exonic (the GT/AG stay intact) plus splice_region_variant.
  // hgvsp in VEP's three-letter form without a protein ID: "p.His1047Arg", "p.Gln546Ter", "p.Glu545=",
  // "p.Met1?" (start lost), "p.Ter1069ArgextTer?" / "p.Ter1069GlnextTer5" (stop lost), frameshifts in the full
  // form "p.Thr544LeufsTer16" ("fsTer?" when no stop is reached before the transcript ends; "p.Glu545Ter" when
  // the first changed residue is a stop), in-frame "p.Thr544del", "p.His419_Cys420del", "p.Glu110dup",
  // "p.Glu545_Gln546insAla", "p.Glu542_Thr544delinsAla" (deletions/insertions shifted to the most C-terminal
  // equivalent position, as HGVS and VEP do); "" when the protein change cannot be told. hgvsp_short from
  // short_protein_change(). hgvsc: "c.3140A>G", "c.1664+1G>A", "c.-14A>G", "c.*48T>C", "c.1629del", "c.1635_1636insGCA",
  // "c.1256_1261del" (exonic indels shifted 3' within their exon), "n.N..." for non-coding models; "" for
  // up/downstream. canonical = the model's flag. Symbolic ALTs (<DEL>, *, .) give no effects.
  // Throws ConflictError("REF 'X' does not match the reference 'Y' at chrom:pos (is --fasta ...?)") on a REF
  // mismatch and when the contig is missing from the FASTA while a model is near the variant (the VCF and the
  // FASTA contradict each other); InputError for an empty allele, one with other letters than ACGTN, or pos < 1;
  // IoError when the FASTA cannot be read. Messages name chrom:pos; the caller adds the file and record.
  // Not thread-safe (keeps the sequences of the last kSequenceCacheSize transcripts used).
  std::vector<TranscriptEffect> effects(const std::string& chrom, int64_t pos, const std::string& ref,
                                        const std::string& alt) const;

  const std::vector<TranscriptModel>& models() const { return models_; }

 private:
  // The steps of effects(): the models within reach of [vs, ve], and the effect on one of them (none when it
  // is further than kUpDownstreamDistance).
  std::vector<size_t> models_near(const std::string& chrom, int64_t vs, int64_t ve) const;
  std::optional<TranscriptEffect> effect_on(size_t model_index, const calling::Change& change,
                                            const std::string& fasta_contig) const;
  const calling::TranscriptSequence& sequence_of(size_t model_index) const;
  std::string fetch(const std::string& fasta_contig, int64_t start, int64_t end) const;  // 1-based inclusive
  std::string fasta_contig(const std::string& chrom) const;  // "" when absent

  struct FaidxCloser {
    void operator()(faidx_t* f) const;
  };
  std::unique_ptr<faidx_t, FaidxCloser> fai_;
  std::string fasta_path_;
  std::vector<TranscriptModel> models_;
  std::map<std::string, std::vector<size_t>> by_chrom_;       // model indices sorted by start
  std::map<std::string, std::vector<int64_t>> max_end_;       // running max of end over by_chrom_ order
  std::map<std::string, std::string> contig_by_chrom_;        // canonical chrom -> FASTA contig name
  static constexpr size_t kSequenceCacheSize = 1024;          // transcripts whose sequence is kept
  mutable std::unordered_map<size_t, std::unique_ptr<calling::TranscriptSequence>> cache_;
  mutable std::deque<size_t> cache_order_;
};

}  // namespace pathcorr
