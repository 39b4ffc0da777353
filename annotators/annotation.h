// The one interface every annotation dialect (VEP CSQ, SnpEff ANN/EFF, bcftools BCSQ, Funcotator, ANNOVAR)
// is read through. A reader is built from the VCF header (it learns the field order there) and turns the
// raw INFO value of one record into the transcript effects of one ALT allele.
#pragma once
#include <cmath>
#include <memory>
#include <string>
#include <vector>

namespace pathcorr {

// What a reader needs to know about the record to match annotation alleles to one ALT.
struct AlleleContext {
  std::string ref;                // REF as in the VCF
  std::vector<std::string> alts;  // all ALT alleles of the record, in order
  int alt_index = 0;              // 0-based index into alts of the allele asked about
};

// One transcript-level effect of one allele, already in the common vocabulary.
struct TranscriptEffect {
  std::string gene;                    // HGNC symbol (SYMBOL / Gene_Name / ...)
  std::string transcript;              // transcript ID as written (ENST00000263967 or ENST00000263967.3)
  std::vector<std::string> so_terms;   // Sequence Ontology terms, e.g. "missense_variant"
  std::string hgvsp;                   // protein change as written by the annotator, "" if none
  std::string hgvsp_short;             // one-letter form without "p." and transcript: "H1047R", "" if none
  std::string hgvsc;                   // c. change if given
  bool canonical = false;              // the annotator flagged this transcript canonical (VEP CANONICAL=YES)
  double max_pop_af = std::nan("");    // highest population allele frequency given (gnomAD/ExAC/1000G), NaN if none
};

class AnnotationReader {
 public:
  virtual ~AnnotationReader() = default;
  // Short name of the dialect: "vep", "snpeff", "snpeff-eff", "bcsq", "funcotator", "annovar".
  virtual std::string dialect() const = 0;
  // INFO tag(s) this reader takes its text from (for example {"CSQ"}).
  virtual std::vector<std::string> info_tags() const = 0;
  // Effects of allele ctx.alt_index given the raw INFO value(s) of info_tags() (same order; "" when a tag is
  // absent from the record). Throws InputError-free std::invalid_argument on malformed text; the caller adds
  // file and record to the message.
  virtual std::vector<TranscriptEffect> effects(const std::vector<std::string>& info_values,
                                                const AlleleContext& ctx) const = 0;
};

}  // namespace pathcorr

namespace pathcorr {
// Picks the reader for a VCF from its header text (as printed by `bcftools view -h`). `forced` is the value of
// --annotation ("auto" or a dialect name). Returns nullptr when the file carries no annotation we know
// (it is then treated as unannotated). Throws UsageError when `forced` names an unknown dialect and
// InputError when a forced dialect's tag is missing from the header.
std::unique_ptr<AnnotationReader> make_annotation_reader(const std::string& header_text,
                                                         const std::string& forced = "auto");
}  // namespace pathcorr
