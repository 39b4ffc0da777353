// `join`: calls + clinical table -> matrix and patient flow (see cohort.h).
#include "pipeline/cohort/cohort.h"

#include <algorithm>
#include <map>
#include <ostream>
#include <set>
#include <sstream>

#include "pipeline/base/errors.h"
#include "pipeline/io/column_table.h"
#include "pipeline/io/table_io.h"

namespace pathcorr {

Cohort join_cohort(const ScanResult& scans, const ClinicalTable& clinical, const Reference& ref) {
  Cohort out;
  Matrix& m = out.matrix;
  for (const auto& g : ref.feature_genes()) {
    m.features.push_back(g);
    m.feature_types.push_back("gene");
  }
  for (const auto& s : ref.gene_sets()) {
    m.features.push_back(s.name);
    m.feature_types.push_back("pathway");
  }

  // Patient flow, one row per input file.
  std::set<std::string> sequenced_ok, failed;
  for (const auto& in : scans.inputs) {
    FlowRow r;
    r.patient_id = in.patient_id;
    r.file = in.file;
    r.tumor_sample = in.tumor_sample;
    r.build = in.build;
    r.annotation = in.annotation;
    r.records = in.records;
    r.records_passing = in.records_passing;
    r.alterations_counted = in.alterations_counted;
    r.has_file = true;
    r.not_evaluable = in.not_evaluable;
    const ClinicalRecord* c = clinical.find(in.patient_id);
    r.best_response = c ? to_string(c->best_response) : "";
    if (in.status != "ok")
      r.status = in.status, failed.insert(in.patient_id);
    else if (!c)
      r.status = "no_clinical_record";
    else
      r.status = "ok", sequenced_ok.insert(in.patient_id);
    out.flow.push_back(r);
  }
  std::set<std::string> with_file;
  for (const auto& in : scans.inputs) with_file.insert(in.patient_id);
  for (const auto& c : clinical.records) {
    if (with_file.count(c.patient_id)) continue;
    FlowRow r;
    r.patient_id = c.patient_id;
    r.best_response = to_string(c.best_response);
    r.status = "not_sequenced";
    out.flow.push_back(r);
  }
  std::stable_sort(out.flow.begin(), out.flow.end(), [](const FlowRow& a, const FlowRow& b) {
    return a.patient_id != b.patient_id ? a.patient_id < b.patient_id : a.file < b.file;
  });

  for (const auto& p : failed) sequenced_ok.erase(p);
  for (auto& r : out.flow)
    if (r.status == "ok" && failed.count(r.patient_id)) r.status = "excluded: another file of this patient failed";
  if (sequenced_ok.empty()) {
    std::string msg = "no sequenced patient has a record in the clinical table " + clinical.path;
    if (!scans.inputs.empty() && !clinical.records.empty())
      msg += " (VCF patients look like '" + scans.inputs.front().patient_id + "', clinical patients like '" +
             clinical.records.front().patient_id +
             "'); check the patient IDs, --patient-column or the sample sheet";
    throw ConflictError(msg);
  }

  // Matrix: gene columns from counted calls; pathway = 1 if any member gene is 1, 0 if all are 0, else NA.
  std::map<std::string, size_t> feature_index;
  for (size_t i = 0; i < m.features.size(); ++i)
    if (m.feature_types[i] == "gene") feature_index[m.features[i]] = i;
  m.patients.assign(sequenced_ok.begin(), sequenced_ok.end());
  std::map<std::string, size_t> patient_index;
  for (size_t i = 0; i < m.patients.size(); ++i) patient_index[m.patients[i]] = i;
  m.values.assign(m.patients.size(), std::vector<MatrixValue>(m.features.size(), 0));
  // Not evaluable: a gene outside the targets of every file of the patient is NA, not wild type. Counted sparsely
  // (files per patient, and files leaving out each listed gene), so memory stays linear in the matrix.
  std::vector<int> files_of(m.patients.size(), 0);
  std::map<std::pair<size_t, size_t>, int> left_out;  // (patient, gene feature) -> files without the gene
  for (const auto& in : scans.inputs) {
    auto p = patient_index.find(in.patient_id);
    if (p == patient_index.end()) continue;
    ++files_of[p->second];
    std::set<std::string> out(in.not_evaluable.begin(), in.not_evaluable.end());
    for (const auto& gene : out) {
      auto f = feature_index.find(gene);
      if (f != feature_index.end()) ++left_out[{p->second, f->second}];
    }
  }
  for (const auto& [cell, files] : left_out)
    if (files == files_of[cell.first]) m.values[cell.first][cell.second] = kMatrixNA;
  for (const auto& c : scans.calls) {
    if (!c.counted) continue;
    auto p = patient_index.find(c.patient_id);
    auto f = feature_index.find(c.gene);
    if (p != patient_index.end() && f != feature_index.end()) m.values[p->second][f->second] = 1;  // an off-target call still counts
  }
  for (size_t fi = 0; fi < m.features.size(); ++fi) {
    if (m.feature_types[fi] != "pathway") continue;
    const GeneSet* set = nullptr;
    for (const auto& s : ref.gene_sets())
      if (s.name == m.features[fi]) set = &s;
    std::vector<size_t> members;  // the set's gene columns, looked up once
    for (const auto& g : set->genes) {
      auto f = feature_index.find(g);
      if (f != feature_index.end()) members.push_back(f->second);
    }
    for (auto& row : m.values) {
      bool any_one = false, any_na = false;
      for (size_t f : members) {
        any_one |= row[f] == 1;
        any_na |= row[f] == kMatrixNA;
      }
      row[fi] = any_one ? 1 : (any_na ? kMatrixNA : 0);
    }
  }
  return out;
}

void write_matrix(std::ostream& os, const Matrix& m, const std::vector<std::string>& provenance) {
  for (const auto& p : provenance) os << '#' << p << '\n';
  std::vector<std::string> types = {"#feature_type"};
  types.insert(types.end(), m.feature_types.begin(), m.feature_types.end());
  write_tsv_row(os, types);
  std::vector<std::string> header = {"patient_id"};
  header.insert(header.end(), m.features.begin(), m.features.end());
  write_tsv_row(os, header);
  for (size_t i = 0; i < m.patients.size(); ++i) {
    std::vector<std::string> row = {m.patients[i]};
    for (int v : m.values[i]) row.push_back(v == kMatrixNA ? "NA" : std::to_string(v));
    write_tsv_row(os, row);
  }
}

namespace {

// samples.tsv: each column's name and how a flow row writes it. A patient without a file (not sequenced) has NA
// in the file columns; a failed file has NA counts.
std::string file_or_na(const FlowRow& r, const std::string& v) { return r.has_file ? v : "NA"; }
std::string count(const FlowRow& r, long v) {
  return r.has_file && r.status.rfind("failed", 0) != 0 ? std::to_string(v) : "NA";
}

const std::vector<OutputColumn<FlowRow>>& flow_columns() {
  static const std::vector<OutputColumn<FlowRow>> cols = {
      {"patient_id", [](const FlowRow& r) { return r.patient_id; }},
      {"file", [](const FlowRow& r) { return file_or_na(r, r.file); }},
      {"tumor_sample", [](const FlowRow& r) { return file_or_na(r, r.tumor_sample); }},
      {"build", [](const FlowRow& r) { return file_or_na(r, r.build); }},
      {"annotation", [](const FlowRow& r) { return file_or_na(r, r.annotation); }},
      {"records", [](const FlowRow& r) { return count(r, r.records); }},
      {"records_passing", [](const FlowRow& r) { return count(r, r.records_passing); }},
      {"alterations_counted", [](const FlowRow& r) { return count(r, r.alterations_counted); }},
      {"best_response", [](const FlowRow& r) { return r.best_response.empty() ? "NA" : r.best_response; }},
      {"status", [](const FlowRow& r) { return r.status; }},
      {"not_evaluable",
       [](const FlowRow& r) {
         std::string ne;
         for (const auto& g : r.not_evaluable) ne += (ne.empty() ? "" : ",") + g;
         return !ne.empty() ? ne : r.has_file ? "." : "NA";
       }},
  };
  return cols;
}

}  // namespace

void write_flow(std::ostream& os, const std::vector<FlowRow>& flow, const std::vector<std::string>& provenance) {
  write_output_table(os, provenance, flow_columns(), flow);
}

Matrix read_matrix(const std::string& path, const Reference& ref) {
  // Rows are turned into 0/1/NA as they are parsed: a 20,000-feature x 500-patient matrix then costs its ints, not
  // ten million strings.
  Matrix m;
  std::set<std::string> patients;
  bool checked_header = false;
  auto check_header = [&](const TextTable& t) {
    if (t.header.empty() || t.header[0] != "patient_id")
      throw InputError(path + ": the first column of a matrix must be patient_id");
    if (t.header.size() < 2) throw InputError(path + ": the matrix has no feature columns");
    checked_header = true;
  };
  const RowHandler on_row = [&](const TextTable& t, std::vector<std::string>& row, long line) {
    if (!checked_header) check_header(t);
    const std::string at = path + ":" + std::to_string(line);
    if (row[0].empty()) throw InputError(at + ": empty patient_id");
    if (!patients.insert(row[0]).second) throw InputError(at + ": patient '" + row[0] + "' appears twice");
    m.patients.push_back(row[0]);
    std::vector<MatrixValue> v;
    v.reserve(row.size() - 1);
    for (size_t k = 1; k < row.size(); ++k) {
      const std::string& x = row[k];
      if (x.size() == 1 && (x[0] == '0' || x[0] == '1')) v.push_back(x[0] == '1' ? 1 : 0);
      else if (x == "NA" || x.empty()) v.push_back(kMatrixNA);
      else
        throw InputError(at + ": value '" + x + "' in column " + t.header[k] + " must be 0, 1 or NA");
    }
    m.values.push_back(std::move(v));
  };
  TextTable t = read_table_rows(path, on_row, Delimiter::Tab, true);
  if (!checked_header) check_header(t);
  m.features.assign(t.header.begin() + 1, t.header.end());
  std::set<std::string> seen;
  for (const auto& f : m.features)
    if (!seen.insert(f).second) throw InputError(path + ": feature column '" + f + "' appears twice");
  std::vector<std::string> declared;
  for (const auto& c : t.comments) {
    if (c.rfind("feature_type\t", 0) != 0) continue;
    std::stringstream ss(c.substr(13));
    std::string x;
    while (std::getline(ss, x, '\t')) declared.push_back(x);
  }
  std::set<std::string> set_names;
  for (const auto& s : ref.gene_sets()) set_names.insert(s.name);
  for (size_t i = 0; i < m.features.size(); ++i) {
    if (declared.size() == m.features.size() && (declared[i] == "gene" || declared[i] == "pathway"))
      m.feature_types.push_back(declared[i]);
    else
      m.feature_types.push_back(set_names.count(m.features[i]) ? "pathway" : "gene");
  }
  return m;
}

}  // namespace pathcorr
