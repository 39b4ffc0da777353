// libFuzzer target: MAF input (detect_format, scan_maf) and the promise of maf.h that "scan_maf of the output
// [of write_maf] gives the same calls": the counted calls of a fuzzed MAF are written with write_maf, read back with
// scan_maf under the same options, and must come back counted, with the same patient, gene, position and alleles.
// Also drives the MAF allele and classification helpers, and reads the same bytes as an ANNOVAR table.
#include <cstdint>
#include <map>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "annotators/maf_vocabulary.h"
#include "pipeline/input/annovar_reader.h"
#include "pipeline/io/detect.h"
#include "pipeline/classify/scan.h"
#include "pipeline/input/maf_reader.h"
#include "pipeline/report/maf_writer.h"
#include "pipeline/io/table_io.h"
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

using CallKey = std::tuple<std::string, std::string, std::string, long long, std::string, std::string>;

std::map<CallKey, int> counted_calls(const pathcorr::ScanResult& r) {
  std::map<CallKey, int> out;
  for (const auto& c : r.calls)
    if (c.counted) ++out[CallKey{c.patient_id, c.gene, c.chrom, c.pos, c.ref, c.alt}];
  return out;
}

std::string describe(const std::map<CallKey, int>& calls) {
  std::string s;
  for (const auto& [k, n] : calls)
    s += std::get<0>(k) + " " + std::get<1>(k) + " " + std::get<2>(k) + ":" + std::to_string(std::get<3>(k)) + " " +
         std::get<4>(k) + ">" + std::get<5>(k) + " x" + std::to_string(n) + "\n";
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)builtin_reference();
  (void)base_options();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static pathcorr_fuzz::ScratchFile input("fuzz_maf", ".maf");
  static pathcorr_fuzz::ScratchFile again("fuzz_maf_again", ".maf");
  const std::string& path = input.write(data, size);

  pathcorr::ScanOptions opt = base_options();
  const uint8_t last = size ? data[size - 1] : 0;
  static const char* kBuilds[] = {"auto", "GRCh37", "GRCh38", "auto"};
  opt.build = kBuilds[last & 3];
  if (last & 4) opt.policy = pathcorr::Policy::Oncogenic;

  (void)pathcorr::detect_format(path);
  // The same bytes as an ANNOVAR multianno table: errors are fine, crashes not.
  {
    pathcorr::ScanOptions table_opt = opt;
    if (table_opt.build == "auto") table_opt.build = "GRCh37";  // the scratch file's name names no build
    expect_ok_or_error("scan_annovar_table",
                       [&] { (void)pathcorr::scan_annovar_table(path, "P", builtin_reference(), table_opt, {}); });
  }
  pathcorr::ScanResult first;
  if (!expect_ok_or_error("scan_maf", [&] { first = pathcorr::scan_maf(path, builtin_reference(), opt, {}); }))
    return 0;
  for (const auto& c : first.calls) {
    (void)pathcorr::vcf_to_maf_allele(c.pos, c.ref, c.alt);
    (void)pathcorr::so_to_maf_classification(c.consequence, "SNP");
    (void)pathcorr::maf_classification_to_so(c.consequence);
  }

  std::vector<pathcorr::Call> counted;
  for (const auto& c : first.calls)
    if (c.counted) counted.push_back(c);
  std::string written;
  try {
    std::ostringstream os;
    pathcorr::write_maf(os, counted);
    written = os.str();
  } catch (const std::exception& e) {
    pathcorr_fuzz::property_failed("write_maf refused calls scan_maf produced", e.what());
  }
  if (counted.empty()) return 0;
  pathcorr::ScanResult second;
  try {
    second = pathcorr::scan_maf(again.write(written), builtin_reference(), opt, {});
  } catch (const std::exception& e) {
    pathcorr_fuzz::property_failed("scan_maf refused what write_maf wrote",
                                   std::string(e.what()) + "\n--- written:\n" + written);
  }
  const auto a = counted_calls(first), b = counted_calls(second);
  PATHCORR_FUZZ_CHECK(a == b, "scan_maf(write_maf(calls)) differs from calls:\n--- first read:\n" + describe(a) +
                                  "--- read back:\n" + describe(b) + "--- written:\n" + written);
  return 0;
}
