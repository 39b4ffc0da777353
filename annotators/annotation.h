// The one interface every annotation dialect (VEP CSQ, SnpEff ANN/EFF, bcftools BCSQ, Funcotator, ANNOVAR)
// is read through. A reader is built from the VCF header (it learns the field order there) and turns the
// raw INFO value of one record into the transcript effects of one ALT allele.
#pragma once
#include <cmath>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
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
  // Short name of the dialect: "vep", "snpeff", "snpeff-eff", "snpeff-gatk", "bcsq", "funcotator", "annovar".
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
// --annotation ("auto", "none" or a dialect name). Returns nullptr when the file carries no annotation we know,
// or for "none" (it is then treated as unannotated). Throws UsageError when `forced` names an unknown dialect and
// InputError when a forced dialect's tag is missing from the header.
std::unique_ptr<AnnotationReader> make_annotation_reader(const std::string& header_text,
                                                         const std::string& forced = "auto");
// The dialects --annotation may name, in the order auto mode tries them.
const std::vector<std::string>& annotation_dialects();
}  // namespace pathcorr

// ---- Building blocks of the readers (annotation_reader.cpp), public so unit tests and fuzzers reach them.
namespace pathcorr {

// An info_tags() entry meaning "the whole INFO column of the record, as written" (with htslib: column 8 of
// vcf_format()). Only the ANNOVAR reader asks for it: table_annovar repeats its keys once per ALT between
// ANNOVAR_DATE and ALLELE_END, and a per-tag lookup only ever returns the first ALT's block.
inline const std::string kWholeInfoColumn = ".";

// One ##INFO=<...> header line.
struct InfoHeader {
  std::string id;
  std::string number;
  std::string type;
  std::string description;  // unquoted, \" and \\ unescaped
};

// Every ##INFO line of a header text, in order. Lines that are not well-formed ##INFO lines are skipped.
std::vector<InfoHeader> parse_info_headers(const std::string& header_text);

// The field names a Description lists after "Format:" (VEP, BCSQ), inside '...' (SnpEff ANN/EFF) or after
// "Funcotation fields are:", split on '|' and trimmed. {} when there is no list.
std::vector<std::string> description_fields(const std::string& description);

// One effect per (gene, transcript): annotators may state one transcript's consequences for an allele in several
// entries (classic SnpEff EFF writes NON_SYNONYMOUS_CODING(...) and SPLICE_SITE_REGION(...) of one transcript;
// bcftools csq splice_region and missense entries). Their SO terms are joined in order of appearance, the first
// protein and coding changes given are kept, canonical if any is, the highest population AF. Effects without a
// transcript are left as they are. Order: that of each (gene, transcript)'s first entry.
std::vector<TranscriptEffect> merge_transcript_effects(std::vector<TranscriptEffect> effects);

// Split on sep keeping empty pieces ("a||b" -> {"a","","b"}; "" -> {""}).
std::vector<std::string> split_fields(const std::string& text, char sep);
// "ENST00000263967.3" -> "ENST00000263967": an Ensembl or RefSeq ID without its version.
std::string strip_version(const std::string& id);

// "%3D" -> "=" (VEP's URL escapes); a '%' not followed by two hex digits is kept as written.
std::string percent_decode(const std::string& text);
// Bytes written as `open` + two hex digits + `close` decoded: "%2C" (VEP, SnpEff, GFF3: open "%"), "\x3b"
// (ANNOVAR: "\\x"), "_%2C_" (Funcotator: "_%", "_"). Anything else is kept as written.
std::string decode_hex_escapes(std::string_view text, std::string_view open, std::string_view close = "");
// std::invalid_argument when ctx.alt_index names no ALT of the record.
void check_alt_index(const AlleleContext& ctx);
// True when the reader's first INFO value is absent, empty or '.': the record carries no annotation.
bool no_annotation(const std::vector<std::string>& info_values);
// What every reader does first: check_alt_index(ctx), then the reader's first INFO value split on `sep` (','
// between a record's entries; ';' in ANNOVAR's INFO column). {} when the record carries no annotation.
std::vector<std::string> annotation_entries(const std::vector<std::string>& info_values, const AlleleContext& ctx,
                                            char sep = ',');
// Entry `number` (1-based) of INFO/`tag` split on '|'. std::invalid_argument naming the entry when it has fewer
// than `fewest` or more than `most` fields (the header's list).
std::vector<std::string> entry_fields(const std::string& entry, const std::string& tag, std::size_t number,
                                      std::size_t fewest, std::size_t most);

// Largest number among '&'-joined values such as "0.01&0.2" or old VEP "T:0.0010"; NaN when none parses.
double max_numeric_value(const std::string& text);

// VEP's Allele column for every ALT: for a record that holds an indel, the first base is stripped from REF and
// all ALTs when they all share it (a deletion then reads "-"); '*' alleles are left alone. SNV/MNV records keep
// ALT as written.
std::vector<std::string> vep_allele_strings(const std::string& ref, const std::vector<std::string>& alts);

// VEP --minimal form: common suffix, then common prefix, removed from REF/ALT; "-" when nothing is left.
std::string minimal_allele_string(const std::string& ref, const std::string& alt);

// The 0-based ALT an annotation's allele string refers to, or -1. The ALT as written wins, then VEP's
// first-base-stripped form, then the --minimal form (vep_form_first swaps the first two, as VEP writes its own
// form). Comparison is case-insensitive.
int match_annotation_allele(const std::string& allele, const std::string& ref, const std::vector<std::string>& alts,
                            bool vep_form_first);

// Readers built from one INFO header line; throw std::invalid_argument when its Description holds no usable
// field list. make_annotation_reader picks among them.
std::unique_ptr<AnnotationReader> make_vep_reader(const InfoHeader& info);         // VEP CSQ (any tag, e.g. ANN)
std::unique_ptr<AnnotationReader> make_snpeff_ann_reader(const InfoHeader& info);  // SnpEff ANN
std::unique_ptr<AnnotationReader> make_snpeff_eff_reader(const InfoHeader& info);  // SnpEff classic EFF

// ANNOVAR, shared by the VCF reader and the multianno table (pipeline/annovar_table.h): the effects of one
// allele from its Func/Gene/ExonicFunc/AAChange values of database `db` (refGene, ensGene, ...), unescaped;
// one effect per AAChange item (GENE:TRANSCRIPT:exonN:c.X:p.Y, ',' and ';' separated), else one per gene named.
std::vector<TranscriptEffect> annovar_effects(const std::string& func, const std::string& genes,
                                              const std::string& exonic_func, const std::string& aa_change,
                                              double pop_af, const std::string& db);

}  // namespace pathcorr
