// libFuzzer target: the table reader (parse_table as TSV and CSV, with and without comments), the clinical table
// (read_clinical, TSV and CSV, plain or gzip by content) and the sample sheet (read_sample_sheet). Checks the
// properties table_io.h and clinical.h promise: every row as wide as the header, one line number per row, numbers
// that re-read to the same double after format_double, find() returning each record of a clinical table; and that
// an accepted patient_id can be written to the output tables (no tab or line break).
#include <cmath>
#include <cstdint>
#include <sstream>
#include <string>

#include "pipeline/cohort/clinical.h"
#include "pipeline/input/sample_sheet.h"
#include "pipeline/io/table_io.h"
#include "tests/fuzz/fuzz_common.h"

namespace {

using pathcorr_fuzz::expect_ok_or_error;

void check_number_round_trip(const std::string& cell) {
  const auto v = pathcorr::parse_double(cell);
  (void)pathcorr::parse_long(cell);
  (void)pathcorr::is_missing_value(cell);
  (void)pathcorr::parse_best_response(cell);
  if (!v) return;
  PATHCORR_FUZZ_CHECK(!std::isnan(*v), "parse_double('" + cell + "') gave NaN");
  const std::string text = pathcorr::format_double(*v);
  const auto again = pathcorr::parse_double(text);
  PATHCORR_FUZZ_CHECK(again && (*again == *v) && (std::signbit(*again) == std::signbit(*v) || *v == 0),
                      "format_double does not round-trip: '" + cell + "' -> '" + text + "'");
}

void check_table(const pathcorr::TextTable& t) {
  PATHCORR_FUZZ_CHECK(t.line_numbers.size() == t.rows.size(), t.path + ": line_numbers and rows differ in size");
  for (size_t r = 0; r < t.rows.size(); ++r) {
    PATHCORR_FUZZ_CHECK(t.rows[r].size() == t.header.size(),
                        t.path + ": row " + std::to_string(r) + " has " + std::to_string(t.rows[r].size()) +
                            " fields, header " + std::to_string(t.header.size()));
    PATHCORR_FUZZ_CHECK(t.line_numbers[r] > t.header_line, t.path + ": a row before the header line");
  }
  for (const auto& h : t.header) {
    PATHCORR_FUZZ_CHECK(t.column(h) >= 0, "column() does not find header field '" + h + "'");
    (void)t.column_any_case(h);
  }
  (void)t.column_list();
  std::ostringstream os;
  for (const auto& row : t.rows) {
    for (const auto& cell : row) check_number_round_trip(cell);
    try {
      pathcorr::write_tsv_row(os, row);
    } catch (const std::invalid_argument&) {
      // documented: a field holding a tab or line break (possible in CSV quoting) cannot be written as TSV
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static pathcorr_fuzz::ScratchFile tsv("fuzz_clinical", ".tsv");
  static pathcorr_fuzz::ScratchFile csv("fuzz_clinical", ".csv");
  const std::string text(reinterpret_cast<const char*>(data), size);

  for (auto d : {pathcorr::Delimiter::Tab, pathcorr::Delimiter::Comma}) {
    for (bool comments : {true, false}) {
      expect_ok_or_error("parse_table", [&] {
        check_table(pathcorr::parse_table(text, d == pathcorr::Delimiter::Comma ? "fuzz.csv" : "fuzz.tsv", d,
                                          comments));
      });
    }
  }

  for (pathcorr_fuzz::ScratchFile* f : {&tsv, &csv}) {
    const std::string& path = f->write(data, size);
    expect_ok_or_error("read_clinical", [&] {
      pathcorr::ClinicalTable c = pathcorr::read_clinical(path);
      for (const auto& rec : c.records) {
        PATHCORR_FUZZ_CHECK(c.find(rec.patient_id) == &rec, "find('" + rec.patient_id + "') is not its record");
        PATHCORR_FUZZ_CHECK(!rec.patient_id.empty(), "read_clinical accepted an empty patient_id");
        // The ID goes to samples.tsv and matrix.tsv, whose writer refuses tabs and line breaks ("internal error").
        PATHCORR_FUZZ_CHECK(rec.patient_id.find_first_of("\t\r\n") == std::string::npos,
                            "read_clinical accepted a patient_id no output table can hold: '" + rec.patient_id + "'");
        (void)pathcorr::to_string(rec.best_response);
      }
    });
    expect_ok_or_error("read_sample_sheet", [&] {
      for (const auto& row : pathcorr::read_sample_sheet(path))
        PATHCORR_FUZZ_CHECK(row.patient_id.find_first_of("\t\r\n") == std::string::npos,
                            "read_sample_sheet accepted a patient_id no output table can hold: '" + row.patient_id + "'");
    });
  }
  return 0;
}
