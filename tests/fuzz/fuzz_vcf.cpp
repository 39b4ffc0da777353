// libFuzzer target: arbitrary bytes as a VCF/BCF file (plain, gzip/BGZF or BCF; htslib decides by content).
// Drives VcfReader the way `scan` does (tumour sample, build detection, every record with depth/VAF, INFO and
// FILTER access), then the whole scan_file() with the built-in reference and write_calls(). The last byte of the
// input picks the options: bit 0 --policy oncogenic, bit 1 --build GRCh38 (else GRCh37), bit 2 --fasta/--gtf of
// the consequence-caller fixture in tests/data/csq (so unannotated records on contig 3/rc3 get called). The same
// records also go through StructuralCollector (copy-number and SV records) and structural_gene_hits.
#include <htslib/hts_log.h>
#include <htslib/vcf.h>

#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "pipeline/classify/calls_table.h"
#include "pipeline/classify/scan.h"
#include "pipeline/classify/structural.h"
#include "pipeline/input/structural_records.h"
#include "pipeline/input/vcf_input.h"
#include "reference/reference.h"
#include "tests/fuzz/fuzz_common.h"

namespace {

using pathcorr_fuzz::expect_ok_or_error;

const pathcorr::Reference& builtin_reference() {
  static const pathcorr::Reference ref = pathcorr::Reference::builtin();
  return ref;
}

// ScanOptions parses the built-in rules table in its constructor: build one, copy it per input.
const pathcorr::ScanOptions& base_options() {
  static const pathcorr::ScanOptions opt = [] {
    pathcorr::ScanOptions o;
    return o;
  }();
  return opt;
}

// Records read per input at most: the corpus files are small; this only bounds pathological inputs.
constexpr long kMaxRecords = 5000;

// Reads the file as `scan` would, touching every accessor. Returns the sample the scan should use when the
// header conventions cannot choose one (so scan_file still gets past the tumour-sample step).
std::string read_everything(const std::string& path) {
  std::string fallback_sample;
  expect_ok_or_error("VcfReader", [&] {
    pathcorr::VcfReader r(path);
    (void)r.header_text();
    const std::vector<std::string> samples = r.samples();
    int tumor = -1;
    if (!expect_ok_or_error("choose_tumor_sample", [&] { tumor = r.choose_tumor_sample(""); })) {
      tumor = samples.empty() ? -1 : 0;
      if (!samples.empty()) fallback_sample = samples[0];
    }
    if (!samples.empty())
      expect_ok_or_error("choose_tumor_sample(last)", [&] { r.choose_tumor_sample(samples.back()); });
    expect_ok_or_error("choose_tumor_sample(absent)", [&] { r.choose_tumor_sample("no-such-sample"); });
    expect_ok_or_error("detect_build(auto)", [&] { r.detect_build("auto"); });
    expect_ok_or_error("detect_build(GRCh37)", [&] { r.detect_build("GRCh37"); });
    expect_ok_or_error("detect_build(bad)", [&] { r.detect_build("hg17"); });

    bcf_hdr_t* hdr = r.header();
    while (r.record_number() < kMaxRecords && r.next()) {
      bcf1_t* rec = r.record();
      (void)r.where();
      (void)r.filter_text();
      (void)r.filter_pass();
      // Every INFO field of the record through info_string(), whatever its type.
      std::vector<std::string> info_keys, fmt_keys;
      for (int i = 0; i < rec->n_info; ++i) {
        const char* key = bcf_hdr_int2id(hdr, BCF_DT_ID, rec->d.info[i].key);
        if (key) info_keys.emplace_back(key);
      }
      for (int i = 0; i < rec->n_fmt; ++i) {
        const char* key = bcf_hdr_int2id(hdr, BCF_DT_ID, rec->d.fmt[i].id);
        if (key) fmt_keys.emplace_back(key);
      }
      for (const auto& k : info_keys) (void)r.info_string(k.c_str());
      (void)r.info_string("CSQ");
      (void)r.info_string("NOT_IN_HEADER");
      // Caller conventions, then user-declared tags naming whatever FORMAT/INFO fields the record has.
      std::vector<pathcorr::DepthTags> tag_sets = {pathcorr::DepthTags{}, pathcorr::DepthTags{"AF", "DP", "AD"}};
      // Two FORMAT and two INFO keys of the record (rotating with the record number) as user-declared tags.
      for (size_t i = 0; i < fmt_keys.size() && i < 2; ++i) {
        const std::string& k = fmt_keys[(i + r.record_number()) % fmt_keys.size()];
        tag_sets.push_back({k, k, k});
      }
      for (size_t i = 0; i < info_keys.size() && i < 2; ++i) {
        const std::string& k = info_keys[(i + r.record_number()) % info_keys.size()];
        tag_sets.push_back({k, k, k});
      }
      for (int a = 0; a + 1 < rec->n_allele; ++a)
        for (const auto& tags : tag_sets) (void)r.allele_depth(tumor, a, tags);
    }
    (void)r.warnings();
    (void)r.odd_alts();
  });
  return fallback_sample;
}

// The copy-number and SV side of the same file: every record through StructuralCollector::take, then finish() and
// the gene hits. Properties: deletions are non-empty intervals, breakends single positions, CN segments closed
// intervals, and each hit points at one of the events.
void collect_structural(const std::string& path, const std::string& sample) {
  expect_ok_or_error("StructuralCollector", [&] {
    pathcorr::VcfReader r(path);
    int tumor = -1;
    if (!expect_ok_or_error("choose_tumor_sample", [&] { tumor = r.choose_tumor_sample(sample); }))
      tumor = r.samples().empty() ? -1 : 0;
    pathcorr::StructuralCollector collector(r.header(), tumor, path);
    while (r.record_number() < kMaxRecords && r.next()) (void)collector.take(r.record());
    const pathcorr::VcfStructural s = collector.finish();
    for (const pathcorr::SvEvent& e : s.events) {
      const bool ok = e.kind == pathcorr::SvEvent::Kind::Deletion ? e.start <= e.end : e.start == e.end;
      if (!ok) pathcorr_fuzz::property_failed("SV event interval", e.text);
    }
    for (const pathcorr::CnSegment& g : s.segments)
      if (g.start > g.end) pathcorr_fuzz::property_failed("CN segment with start after end", g.chrom);
    for (const pathcorr::SvGeneHit& h :
         pathcorr::structural_gene_hits(s.events, builtin_reference(), pathcorr::Build::GRCh37)) {
      if (h.event < s.events.data() || h.event >= s.events.data() + s.events.size())
        pathcorr_fuzz::property_failed("SV hit points outside the events", h.gene);
    }
  });
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  hts_set_log_level(HTS_LOG_OFF);  // htslib's complaints about fuzzed headers are expected noise
  (void)builtin_reference();
  (void)base_options();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static pathcorr_fuzz::ScratchFile scratch("fuzz_vcf", ".vcf");
  const std::string& path = scratch.write(data, size);
  const std::string fallback_sample = read_everything(path);
  collect_structural(path, fallback_sample);

  pathcorr::InputSpec in;
  in.path = path;
  in.patient_id = "FUZZ01";
  in.tumor_sample = fallback_sample;
  pathcorr::ScanOptions opt = base_options();
  opt.build = "GRCh37";
  // The last byte picks the policy and build so both paths are reached without a second scan per input.
  const uint8_t last = size ? data[size - 1] : 0;
  if (last & 1) opt.policy = pathcorr::Policy::Oncogenic;
  if (last & 2) opt.build = "GRCh38";
  if (last & 4) {  // pathcorr's own consequence calling on the PIK3CA fixture (tests/data/csq, contig 3 / rc3)
    opt.fasta = std::string(PATHCORR_FUZZ_DATA) + "/csq/pik3ca_chr3.fa.gz";
    opt.gtf = std::string(PATHCORR_FUZZ_DATA) + "/csq/pik3ca_shifted.gff3";
  }
  pathcorr::ScanResult result;
  if (!expect_ok_or_error("scan_file", [&] { result = pathcorr::scan_file(in, builtin_reference(), opt); }))
    return 0;
  // What scan read it must be able to write: write_calls throws std::invalid_argument on a tab or line break
  // inside a field, which `pathcorr scan` would report as an internal error.
  try {
    std::ostringstream os;
    pathcorr::write_calls(os, result, {"fuzz"});
  } catch (const std::exception& e) {
    pathcorr_fuzz::property_failed("write_calls refused calls that scan_file produced", e.what());
  }
  return 0;
}
