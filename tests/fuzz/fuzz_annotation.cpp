// libFuzzer target: the annotation readers (VEP CSQ, SnpEff ANN/EFF, bcftools BCSQ, Funcotator, ANNOVAR).
//
// Input layout (tests/fuzz/README.md; make_corpus.py writes seeds in it):
//   byte 0   header choice: index into kAnnotationHeaders (real ##INFO lines, annotation_headers.inc), modulo
//   byte 1   flags: bit 0 force the header's dialect (else "auto"); bit 1 use only the fuzzed header chunk
//   byte 2   ALT index, modulo the number of ALTs
//   rest     pieces separated by byte 0x01: extra header text | REF | ALTs (comma-separated) | INFO value(s), one
//            per info_tags() entry (the whole INFO column for ANNOVAR)
// The reader is built from header text + extra chunk, then effects() runs on the fuzzed INFO value, and every
// effect goes through the consequence helpers the scan uses on it. The shared text helpers of annotation.h are
// fed the pieces too.
#include <cstdint>
#include <string>
#include <vector>

#include "annotators/annotation.h"
#include "annotators/consequence.h"
#include "pipeline/base/protein.h"
#include "reference/reference.h"
#include "tests/fuzz/fuzz_common.h"

namespace {

#include "tests/fuzz/annotation_headers.inc"

using pathcorr_fuzz::expect_ok_or_error;

constexpr size_t kNumHeaders = sizeof(kAnnotationHeaders) / sizeof(kAnnotationHeaders[0]);
constexpr char kSeparator = '\x01';

const pathcorr::Reference& builtin_reference() {
  static const pathcorr::Reference ref = pathcorr::Reference::builtin();
  return ref;
}

std::vector<std::string> split_pieces(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t p = s.find(kSeparator, start);
    out.push_back(s.substr(start, p == std::string::npos ? std::string::npos : p - start));
    if (p == std::string::npos) break;
    start = p + 1;
  }
  return out;
}

void exercise_helpers(const std::vector<std::string>& pieces, const pathcorr::AlleleContext& ctx) {
  for (const std::string& p : pieces) {
    (void)pathcorr::percent_decode(p);
    (void)pathcorr::max_numeric_value(p);
    (void)pathcorr::description_fields(p);
    (void)pathcorr::short_protein_change(p);
    for (const char* d : {"vep", "snpeff", "snpeff-eff", "annovar", "funcotator", "bcsq"})
      (void)pathcorr::to_so_terms(d, p);
    const std::vector<std::string> terms = pathcorr::split_fields(p, '&');
    (void)pathcorr::classify(terms);
    (void)pathcorr::noncoding_reason(terms);
    (void)pathcorr::most_severe(terms);
    (void)pathcorr::match_annotation_allele(p, ctx.ref, ctx.alts, true);
    (void)pathcorr::match_annotation_allele(p, ctx.ref, ctx.alts, false);
  }
  (void)pathcorr::vep_allele_strings(ctx.ref, ctx.alts);
  for (const std::string& alt : ctx.alts) (void)pathcorr::minimal_allele_string(ctx.ref, alt);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)builtin_reference();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 3) return 0;
  const auto& chosen = kAnnotationHeaders[data[0] % kNumHeaders];
  const bool forced = data[1] & 1;
  const bool fuzzed_header_only = data[1] & 2;
  const std::vector<std::string> pieces =
      split_pieces(std::string(reinterpret_cast<const char*>(data) + 3, size - 3));

  const std::string header = (fuzzed_header_only ? std::string() : std::string(chosen.text)) + pieces[0];
  pathcorr::AlleleContext ctx;
  ctx.ref = pieces.size() > 1 && !pieces[1].empty() ? pieces[1] : "N";  // REF is never empty in a VCF record
  if (pieces.size() > 2) ctx.alts = pathcorr::split_fields(pieces[2], ',');
  if (ctx.alts.empty()) ctx.alts.push_back("A");
  ctx.alt_index = data[2] % ctx.alts.size();
  std::vector<std::string> info_values(pieces.size() > 3 ? pieces.begin() + 3 : pieces.end(), pieces.end());

  exercise_helpers(pieces, ctx);
  for (const auto& h : pathcorr::parse_info_headers(pieces[0])) (void)pathcorr::description_fields(h.description);

  std::unique_ptr<pathcorr::AnnotationReader> reader;
  expect_ok_or_error("make_annotation_reader", [&] {
    reader = pathcorr::make_annotation_reader(header, forced ? chosen.dialect : "auto");
  });
  if (!reader) return 0;
  (void)reader->dialect();
  // One value per tag, as scan passes them ("" for a tag the record lacks).
  info_values.resize(reader->info_tags().size());
  std::vector<pathcorr::TranscriptEffect> effects;
  expect_ok_or_error("effects", [&] { effects = reader->effects(info_values, ctx); });
  for (const auto& e : effects) {
    (void)pathcorr::classify(e.so_terms);
    (void)pathcorr::noncoding_reason(e.so_terms);
    (void)pathcorr::is_protein_changing(e.so_terms);
    for (const auto& t : e.so_terms) (void)pathcorr::so_rank(t);
    const std::string short_change = e.hgvsp_short.empty() ? pathcorr::short_protein_change(e.hgvsp) : e.hgvsp_short;
    (void)builtin_reference().hotspot_by_protein(pathcorr::Build::GRCh37, e.gene, short_change);
    (void)builtin_reference().hotspot_by_protein(pathcorr::Build::GRCh38, e.gene, e.hgvsp);
    (void)builtin_reference().gene(pathcorr::Build::GRCh37, e.gene);
  }
  return 0;
}
