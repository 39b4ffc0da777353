// `join`: alteration calls + clinical table -> patient x feature matrix, and the patient flow (samples.tsv):
// who was sequenced, who has no clinical record, whose file failed, who was never sequenced.
#pragma once
#include <cmath>
#include <iosfwd>
#include <string>
#include <vector>

#include "pipeline/cohort/clinical.h"
#include "pipeline/classify/scan.h"
#include "reference/reference.h"

namespace pathcorr {

constexpr int kMatrixNA = -1;
// One matrix cell: 1, 0 or kMatrixNA, a byte each (a 20,000 x 500 matrix is 10 MB).
using MatrixValue = signed char;

struct Matrix {
  std::vector<std::string> features;       // genes of the gene sets, then the gene sets (pathways)
  std::vector<std::string> feature_types;  // "gene" or "pathway", parallel to features
  std::vector<std::string> patients;       // sorted
  std::vector<std::vector<MatrixValue>> values;  // [patient][feature]: 1, 0 or kMatrixNA
};

// One samples.tsv row: one per input VCF and one per clinical patient without any VCF.
struct FlowRow {
  std::string patient_id, file, tumor_sample, build, annotation;
  long records = 0, records_passing = 0, alterations_counted = 0;
  bool has_file = false;
  std::vector<std::string> not_evaluable;  // genes outside this file's targets
  DataKind kind = DataKind::SmallVariants;
  long segments = 0;
  double ploidy = std::nan(""), purity = std::nan("");
  std::string best_response;  // "" when no clinical record
  std::string status;         // ok | not_sequenced | no_clinical_record | failed: <reason>
  std::vector<std::string> warnings;  // what scan said about the file
};

struct Cohort {
  Matrix matrix;
  std::vector<FlowRow> flow;
};

struct JoinOptions {
  // Besides each gene's column, one column per kind of alteration the run holds data for: GENE:mut (small
  // variants), GENE:amp (amplification), GENE:del (deep deletion, SV), feature type "alteration_type", after the
  // pathways.
  bool per_type_features = false;
};

// What `join` reads of a scan: every input's summary line, and of each call only what the matrix and the CNA
// table use. A gather keeps these (~100 bytes a call), not the calls themselves (~1 KB each): at 200,000 tumours
// with copy-number data, a call for each altered gene of each, that is the difference between GBs and 100s of MB.
struct CohortCall {
  explicit CohortCall(const Call& c)
      : patient_id(c.patient_id), gene(c.gene), alteration_class(c.alteration_class), counted(c.counted) {}
  std::string patient_id, gene, alteration_class;
  bool counted = false;
};
struct JoinInput {
  // The calls a join reads: the counted ones (the matrix) and the copy-number and SV ones (ref "."; the CNA
  // table). `join` keeps these of each calls.tsv, `run` of each file's scan.
  static bool reads(const Call& c) { return c.counted || c.ref == "."; }
  std::vector<InputSummary> inputs;
  std::vector<CohortCall> calls;
  // Adds a scan's (or a calls.tsv's) inputs and calls; `scan` is left without them.
  void take(ScanResult&& scan);
};
// A scan's inputs and its calls' CohortCall parts, the scan kept whole.
JoinInput join_input(const ScanResult& scan);

// Builds the matrix and patient flow. Matrix rows: patients with an `ok` sequencing record and a clinical record
// (a patient with any failed file is left out of the matrix and shown as failed). Throws ConflictError when no
// sequenced patient has a clinical record.
// A gene is 1 when a counted call hits it, 0 when every kind of data the run holds (small variants, copy number)
// assessed it for the patient, else NA (SPEC "Copy number and structural variants").
Cohort join_cohort(const JoinInput& scans, const ClinicalTable& clinical, const Reference& ref,
                   const JoinOptions& opt = {});
// cBioPortal's discrete copy-number table (data_CNA.txt): Hugo_Symbol, then one column per matrix patient with
// copy-number data, -2..2 per gene (the most extreme call of the patient's copy-number files), NA where no file
// assessed the gene. No comment lines (cBioPortal's loader takes none).
void write_cna_table(std::ostream& os, const JoinInput& scans, const Matrix& m, const Reference& ref);

void write_matrix(std::ostream& os, const Matrix& m, const std::vector<std::string>& provenance);
void write_flow(std::ostream& os, const std::vector<FlowRow>& flow, const std::vector<std::string>& provenance);
// Reads matrix.tsv; values must be 0, 1 or NA (file:line on anything else). Feature types come from the
// `#feature_type` comment line when present, otherwise from the reference's gene-set names.
Matrix read_matrix(const std::string& path, const Reference& ref);

}  // namespace pathcorr
