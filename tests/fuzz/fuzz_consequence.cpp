// libFuzzer target: pathcorr's own consequence caller (annotators/consequence_caller.h) and the transcript-model
// readers (GTF/GFF3, canonical_exons.tsv), on the PIK3CA fixture of tests/data/csq (contig 3 and its reverse
// complement rc3, see its README).
//
// Byte 0 picks the mode:
//   even  variants against the fixture's models: the rest is lines "CONTIG POS REF ALT" (blank-separated);
//         CONTIG 'r' means rc3; a REF written as a number N (1-50) means "the N reference bases at POS", so most
//         variants match the FASTA and reach the calling; other REFs are taken as written (mismatches included).
//   odd   fuzzed transcript models: the rest is a GTF/GFF3 file for read_transcript_models (also tried as
//         canonical_exons.tsv); a caller built from the models then calls SNVs, a 1-base deletion and a 2-base
//         insertion around every exon and CDS boundary of the first models.
#include <htslib/faidx.h>
#include <htslib/hts_log.h>

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "annotators/consequence.h"
#include "pipeline/base/protein.h"
#include "annotators/consequence_caller.h"
#include "annotators/transcript_model.h"
#include "tests/fuzz/fuzz_common.h"

#ifndef PATHCORR_FUZZ_DATA
#error "PATHCORR_FUZZ_DATA (the tests/data directory) must be defined"
#endif

namespace {

using pathcorr_fuzz::expect_ok_or_error;

const std::string kFasta = std::string(PATHCORR_FUZZ_DATA) + "/csq/pik3ca_chr3.fa.gz";
const std::string kGff = std::string(PATHCORR_FUZZ_DATA) + "/csq/pik3ca_shifted.gff3";
constexpr size_t kMaxVariantLines = 64;
constexpr size_t kMaxModelsSwept = 2;
constexpr size_t kMaxBoundariesPerModel = 24;

struct FaiCloser {
  void operator()(faidx_t* f) const { fai_destroy(f); }
};

faidx_t* fasta_index() {
  static std::unique_ptr<faidx_t, FaiCloser> fai(fai_load(kFasta.c_str()));
  if (!fai) {
    std::fprintf(stderr, "fuzz_consequence: cannot open %s\n", kFasta.c_str());
    std::abort();
  }
  return fai.get();
}

// n reference bases at 1-based pos; "" when the contig or range is not in the FASTA.
std::string reference_bases(const std::string& contig, int64_t pos, int64_t n) {
  if (pos < 1 || n < 1 || pos > (1LL << 62) || !faidx_has_seq(fasta_index(), contig.c_str())) return "";
  hts_pos_t len = 0;
  char* s = faidx_fetch_seq64(fasta_index(), contig.c_str(), pos - 1, pos + n - 2, &len);
  std::string out = s && len == n ? std::string(s, static_cast<size_t>(len)) : std::string();
  free(s);
  return out;
}

const pathcorr::ConsequenceCaller& fixture_caller() {
  static const pathcorr::ConsequenceCaller caller(kFasta, pathcorr::read_transcript_models(kGff));
  return caller;
}

void use_effects(const std::vector<pathcorr::TranscriptEffect>& effects) {
  for (const auto& e : effects) {
    (void)pathcorr::classify(e.so_terms);
    (void)pathcorr::noncoding_reason(e.so_terms);
    (void)pathcorr::short_protein_change(e.hgvsp);
  }
}

void call(const pathcorr::ConsequenceCaller& caller, const std::string& chrom, int64_t pos, const std::string& ref,
          const std::string& alt) {
  expect_ok_or_error("ConsequenceCaller::effects", [&] { use_effects(caller.effects(chrom, pos, ref, alt)); });
}

void fuzz_variants(const std::string& text) {
  std::istringstream lines(text);
  std::string line;
  for (size_t n = 0; n < kMaxVariantLines && std::getline(lines, line); ++n) {
    std::istringstream fields(line);
    std::string contig, pos_text, ref, alt;
    if (!(fields >> contig >> pos_text >> ref >> alt)) continue;
    if (contig == "r") contig = "rc3";
    // Any position, INT64_MIN/MAX included (strtoll clamps): effects() must refuse or skip what no genome has.
    const long long pos = std::strtoll(pos_text.c_str(), nullptr, 10);
    if (ref.find_first_not_of("0123456789") == std::string::npos && ref.size() <= 2) {
      const int k = std::atoi(ref.c_str());
      if (k >= 1 && k <= 50) {
        const std::string bases = reference_bases(contig, pos, k);
        if (!bases.empty()) ref = bases;
      }
    }
    call(fixture_caller(), contig, pos, ref, alt);
  }
}

void fuzz_models(const std::string& text, const uint8_t* data, size_t size) {
  static pathcorr_fuzz::ScratchFile scratch("fuzz_consequence", ".gtf");
  for (auto b : {pathcorr::Build::GRCh37, pathcorr::Build::GRCh38})
    expect_ok_or_error("parse_canonical_exons_tsv", [&] { (void)pathcorr::parse_canonical_exons_tsv(text, "fuzz.tsv", b); });
  std::vector<pathcorr::TranscriptModel> models;
  if (!expect_ok_or_error("read_transcript_models", [&] { models = pathcorr::read_transcript_models(scratch.write(data, size)); }))
    return;
  for (const auto& m : models) {
    PATHCORR_FUZZ_CHECK(!m.exons.empty(), "read_transcript_models kept a transcript without exons: " + m.transcript_id);
    for (size_t i = 0; i < m.exons.size(); ++i) {
      PATHCORR_FUZZ_CHECK(m.exons[i].first <= m.exons[i].second, "exon with start > end in " + m.transcript_id);
      if (i > 0)
        PATHCORR_FUZZ_CHECK(m.exons[i - 1].second < m.exons[i].first,
                            "exons not sorted or overlapping in " + m.transcript_id);
    }
    if (m.coding())
      PATHCORR_FUZZ_CHECK(m.cds_start <= m.cds_end && m.cds_start >= m.start() && m.cds_end <= m.end(),
                          "CDS outside the exons in " + m.transcript_id);
  }
  if (models.size() > 64) models.resize(64);
  std::unique_ptr<pathcorr::ConsequenceCaller> caller;
  if (!expect_ok_or_error("ConsequenceCaller", [&] {
        caller = std::make_unique<pathcorr::ConsequenceCaller>(kFasta, models);
      }))
    return;
  for (size_t mi = 0; mi < caller->models().size() && mi < kMaxModelsSwept; ++mi) {
    const auto& m = caller->models()[mi];
    const std::string contig = m.chrom;
    std::vector<int64_t> boundaries = {m.cds_start, m.cds_end};
    for (const auto& [s, e] : m.exons) {
      if (boundaries.size() >= kMaxBoundariesPerModel) break;
      boundaries.push_back(s);
      boundaries.push_back(e);
    }
    for (int64_t b : boundaries) {
      if (b < 1 || b > (1LL << 62)) continue;  // keeps b + 1 below in range
      for (int64_t pos = b - 1; pos <= b + 1; ++pos) {
        const std::string two = reference_bases(contig, pos, 2);
        if (two.size() != 2) continue;
        const std::string one = two.substr(0, 1);
        call(*caller, contig, pos, one, one == "A" ? "G" : "A");  // SNV
        call(*caller, contig, pos, two, one);                     // 1-base deletion after pos
        call(*caller, contig, pos, one, one + "GA");              // 2-base insertion after pos
      }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  hts_set_log_level(HTS_LOG_OFF);
  (void)fasta_index();
  (void)fixture_caller();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] % 2 == 0)
    fuzz_variants(text);
  else
    fuzz_models(text, data + 1, size - 1);
  return 0;
}
