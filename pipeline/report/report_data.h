// What the report is drawn from: a finished run's output directory read back (calls.tsv, samples.tsv,
// matrix.tsv, associations.tsv, response.tsv, survival.tsv, run.json) and the clinical table run.json names,
// re-read with the clinical reader after checking its SHA-256 against run.json. `run` and `report --outdir` both
// draw from these files, so the two give the same report byte for byte.
#pragma once
#include <string>
#include <vector>

#include "pipeline/cohort/clinical.h"
#include "pipeline/cohort/cohort.h"
#include "pipeline/io/table_io.h"

namespace pathcorr {

struct RunInputRecord {  // an input of run.json as read back (run_record.h writes it)
  std::string role, path, sha256;  // sha256 empty when run.json has null
};

struct RunInfo {
  std::string version, reference_version;
  std::vector<std::string> command;  // argv as recorded
  bool no_version = false;           // --no-version: the report shows no version and command, as the tables
  double conf_level = 0.95;
  std::string endpoint = "orr", responders = "CR,PR";
  std::string patient_column = "patient_id", response_column = "best_response";  // the clinical columns used
  std::vector<RunInputRecord> inputs;
};

struct ReportCall {  // a counted calls.tsv row
  std::string patient_id, gene, consequence, hgvsp, alteration_class;
};

struct ReportSample {  // a samples.tsv row
  std::string patient_id, file, best_response, status;
};

struct ReportData {
  std::string outdir;
  RunInfo run;
  ClinicalTable clinical;
  Matrix matrix;
  std::vector<ReportCall> calls;
  std::vector<ReportSample> samples;
  TextTable associations, response, survival;  // as written; survival may have no rows

  const ClinicalRecord* clinical_record(const std::string& patient) const { return clinical.find(patient); }
  // The pathway feature the figures colour by: the first `primary` family row of associations.tsv if it is a
  // pathway, else the first pathway column of the matrix; empty when the matrix has no pathway.
  std::string status_feature() const;
  // matrix value of (patient row, feature), kMatrixNA when the feature is absent.
  int value(size_t patient_row, const std::string& feature) const;
};

// Reads DIR's tables and run.json and the clinical table (clinical_path, or the one run.json names when empty).
// InputError naming the file for a missing or damaged table, a clinical table whose SHA-256 differs from
// run.json's, or a run.json without a clinical input.
ReportData load_report_data(const std::string& outdir, const std::string& clinical_path = "");

// The field of `column` in row `row` of `t`; "" when the table has no such column.
std::string table_field(const TextTable& t, size_t row, const std::string& column);
// The first row whose first column is `key`, -1 if none.
long table_row(const TextTable& t, const std::string& column, const std::string& key);

}  // namespace pathcorr
