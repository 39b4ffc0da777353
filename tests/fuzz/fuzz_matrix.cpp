// libFuzzer target: the files `join` and `test` read back, matrix.tsv (read_matrix) and calls.tsv (read_calls).
// Whatever they accept must survive our own writer: write -> read -> write gives the same bytes (the first read may
// normalise, the second round trip may not change anything). Small accepted inputs then go on through
// join_cohort() and test_associations() with a synthetic clinical table, so the statistics see odd matrices too.
#include <cstdint>
#include <sstream>
#include <string>

#include "pipeline/analysis/association.h"
#include "pipeline/cohort/cohort.h"
#include "pipeline/classify/calls_table.h"
#include "pipeline/classify/scan.h"
#include "reference/reference.h"
#include "tests/fuzz/fuzz_common.h"

namespace {

using pathcorr_fuzz::expect_ok_or_error;

// Association tests are exact; keep their inputs small so a slow unit means a real problem, not a big table.
constexpr size_t kMaxPatientsForStats = 64;
constexpr size_t kMaxFeaturesForStats = 16;

const pathcorr::Reference& builtin_reference() {
  static const pathcorr::Reference ref = pathcorr::Reference::builtin();
  return ref;
}

unsigned small_hash(const std::string& s) {
  unsigned h = 2166136261u;
  for (unsigned char c : s) h = (h ^ c) * 16777619u;
  return h;
}

// A clinical table for the given patients with responses and shrinkage derived from the IDs (deterministic).
pathcorr::ClinicalTable synthetic_clinical(const std::vector<std::string>& patients) {
  static const pathcorr::BestResponse kResponses[] = {pathcorr::BestResponse::CR, pathcorr::BestResponse::PR,
                                                      pathcorr::BestResponse::SD, pathcorr::BestResponse::PD,
                                                      pathcorr::BestResponse::NE, pathcorr::BestResponse::Missing};
  pathcorr::ClinicalTable c;
  c.path = "synthetic.tsv";
  c.columns = {"patient_id", "best_response", "best_pct_change"};
  for (const auto& p : patients) {
    if (c.find(p)) continue;
    pathcorr::ClinicalRecord r;
    r.patient_id = p;
    const unsigned h = small_hash(p);
    r.best_response = kResponses[h % 6];
    r.response_text = pathcorr::to_string(r.best_response);
    r.best_pct_change = (h >> 8) % 7 == 0 ? pathcorr::ClinicalRecord::kNaN : static_cast<double>((h >> 3) % 201) - 100;
    r.line = static_cast<long>(c.records.size()) + 2;
    c.records.push_back(r);
    c.reindex();
  }
  return c;
}

void run_statistics(const pathcorr::Matrix& m, const pathcorr::ClinicalTable& clinical, unsigned variant) {
  if (m.patients.size() > kMaxPatientsForStats || m.features.size() > kMaxFeaturesForStats) return;
  pathcorr::TestOptions opt;
  static const pathcorr::Endpoint kEndpoints[] = {pathcorr::Endpoint::ORR, pathcorr::Endpoint::DCR,
                                                  pathcorr::Endpoint::Regression};
  static const pathcorr::Alternative kAlternatives[] = {pathcorr::Alternative::TwoSided, pathcorr::Alternative::Less,
                                                        pathcorr::Alternative::Greater};
  opt.endpoint = kEndpoints[variant % 3];
  opt.alternative = kAlternatives[(variant / 3) % 3];
  expect_ok_or_error("test_associations", [&] {
    auto rows = pathcorr::test_associations(m, clinical, opt);
    std::ostringstream os;
    pathcorr::write_associations(os, rows, {});
  });
  expect_ok_or_error("summarize_response", [&] {
    auto rows = pathcorr::summarize_response(m, clinical, opt);
    std::ostringstream os;
    pathcorr::write_response(os, rows, {});
  });
}

void fuzz_matrix_file(const std::string& path, pathcorr_fuzz::ScratchFile& again, unsigned variant) {
  pathcorr::Matrix m;
  if (!expect_ok_or_error("read_matrix", [&] { m = pathcorr::read_matrix(path, builtin_reference()); })) return;
  PATHCORR_FUZZ_CHECK(m.feature_types.size() == m.features.size(), "feature_types and features differ in size");
  PATHCORR_FUZZ_CHECK(m.values.size() == m.patients.size(), "values and patients differ in size");
  for (const auto& row : m.values)
    PATHCORR_FUZZ_CHECK(row.size() == m.features.size(), "a matrix row is not as wide as the features");

  std::string first, second;
  try {
    std::ostringstream os;
    pathcorr::write_matrix(os, m, {"fuzz"});
    first = os.str();
  } catch (const std::exception& e) {
    pathcorr_fuzz::property_failed("write_matrix refused a matrix read_matrix accepted", e.what());
  }
  pathcorr::Matrix m2;
  try {
    m2 = pathcorr::read_matrix(again.write(first), builtin_reference());
    std::ostringstream os;
    pathcorr::write_matrix(os, m2, {"fuzz"});
    second = os.str();
  } catch (const std::exception& e) {
    pathcorr_fuzz::property_failed("read_matrix refused what write_matrix wrote", std::string(e.what()) + "\n--- written:\n" + first);
  }
  PATHCORR_FUZZ_CHECK(first == second, "matrix write/read/write changed the bytes:\n--- first:\n" + first +
                                           "\n--- second:\n" + second);
  run_statistics(m, synthetic_clinical(m.patients), variant);
}

void fuzz_calls_file(const std::string& path, pathcorr_fuzz::ScratchFile& again, unsigned variant) {
  pathcorr::ScanResult r;
  if (!expect_ok_or_error("read_calls", [&] { r = pathcorr::read_calls(path); })) return;
  std::string first, second;
  try {
    std::ostringstream os;
    pathcorr::write_calls(os, r, {"fuzz"});
    first = os.str();
  } catch (const std::exception& e) {
    pathcorr_fuzz::property_failed("write_calls refused calls read_calls accepted", e.what());
  }
  pathcorr::ScanResult r2;
  try {
    r2 = pathcorr::read_calls(again.write(first));
    std::ostringstream os;
    pathcorr::write_calls(os, r2, {"fuzz"});
    second = os.str();
  } catch (const std::exception& e) {
    pathcorr_fuzz::property_failed("read_calls refused what write_calls wrote", std::string(e.what()) + "\n--- written:\n" + first);
  }
  PATHCORR_FUZZ_CHECK(first == second, "calls write/read/write changed the bytes:\n--- first:\n" + first +
                                           "\n--- second:\n" + second);

  // join: the patients of the calls and #input lines, with a synthetic clinical record each.
  std::vector<std::string> patients;
  for (const auto& s : r.inputs) patients.push_back(s.patient_id);
  for (const auto& c : r.calls) patients.push_back(c.patient_id);
  if (patients.size() > 4 * kMaxPatientsForStats) return;
  const pathcorr::ClinicalTable clinical = synthetic_clinical(patients);
  pathcorr::Cohort cohort;
  const auto join = [&] { cohort = pathcorr::join_cohort(pathcorr::join_input(r), clinical, builtin_reference()); };
  if (!expect_ok_or_error("join_cohort", join)) return;
  try {
    std::ostringstream os;
    pathcorr::write_matrix(os, cohort.matrix, {});
    pathcorr::write_flow(os, cohort.flow, {});
  } catch (const std::exception& e) {
    pathcorr_fuzz::property_failed("write_matrix/write_flow refused join_cohort's result", e.what());
  }
  run_statistics(cohort.matrix, clinical, variant);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)builtin_reference();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static pathcorr_fuzz::ScratchFile input("fuzz_matrix", ".tsv");
  static pathcorr_fuzz::ScratchFile again("fuzz_matrix_again", ".tsv");
  const std::string& path = input.write(data, size);
  const unsigned variant = size ? data[size - 1] : 0;
  fuzz_matrix_file(path, again, variant);
  fuzz_calls_file(path, again, variant);
  return 0;
}
