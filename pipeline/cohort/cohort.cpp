// `join`: calls + clinical table -> matrix and patient flow (see cohort.h).
#include "pipeline/cohort/cohort.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <ostream>
#include <set>
#include <sstream>

#include "pipeline/base/errors.h"
#include "pipeline/classify/calls_table.h"
#include "pipeline/io/column_table.h"
#include "pipeline/io/table_io.h"

namespace pathcorr {

namespace {

bool is_copy_number_class(const std::string& k) {
  return k == "amplification" || k == "gain" || k == "shallow_deletion" || k == "deep_deletion";
}

// Which per-type column (GENE:mut, GENE:amp, GENE:del) a counted call sets.
const char* type_suffix(const CohortCall& c) {
  if (c.alteration_class == "amplification" || c.alteration_class == "gain") return ":amp";
  if (is_copy_number_class(c.alteration_class) || c.alteration_class == "structural") return ":del";
  return ":mut";
}

// SPEC's NA rule: a gene is 0 only when each kind of data the run holds (small variants, copy number) assessed
// it for the patient: an `ok` file of that kind whose not_evaluable list does not name it. SV files assess
// nothing. Counted sparsely (files per patient and kind, and the files of each that leave a gene out), so memory
// stays linear in the matrix.
class Assessment {
 public:
  Assessment(const JoinInput& scans) {
    for (const auto& in : scans.inputs) {
      if (in.kind == DataKind::Structural) continue;
      auto& kind = kinds_[in.kind];  // the run holds this kind, even if this file failed
      if (in.status != "ok") continue;
      ++kind.files[in.patient_id];
      for (const auto& g : std::set<std::string>(in.not_evaluable.begin(), in.not_evaluable.end()))
        ++kind.left_out[{in.patient_id, g}];
    }
  }
  bool holds(DataKind k) const { return kinds_.count(k) > 0; }
  // Whether the patient has an ok file of kind `k`.
  bool has_files(DataKind k, const std::string& patient) const {
    auto kind = kinds_.find(k);
    return kind != kinds_.end() && kind->second.files.count(patient) > 0;
  }
  // Whether data of kind `k` assessed `gene` for `patient` (true when the run holds no such data).
  bool assessed(DataKind k, const std::string& patient, const std::string& gene) const {
    auto kind = kinds_.find(k);
    if (kind == kinds_.end()) return true;
    auto files = kind->second.files.find(patient);
    if (files == kind->second.files.end()) return false;
    auto out = kind->second.left_out.find({patient, gene});
    return out == kind->second.left_out.end() || out->second < files->second;
  }
  bool assessed_all(const std::string& patient, const std::string& gene) const {
    for (const auto& [k, data] : kinds_)
      if (!assessed(k, patient, gene)) return false;
    return true;
  }

 private:
  struct Kind {
    std::map<std::string, int> files;                                // patient -> ok files of the kind
    std::map<std::pair<std::string, std::string>, int> left_out;     // (patient, gene) -> files leaving it out
  };
  std::map<DataKind, Kind> kinds_;
};

int pathway_value(const std::vector<MatrixValue>& row, const GeneSet& set, const std::map<std::string, size_t>& index) {
  bool any_one = false, any_na = false;
  for (const auto& g : set.genes) {
    auto f = index.find(g);
    if (f == index.end()) continue;
    any_one |= row[f->second] == 1;
    any_na |= row[f->second] == kMatrixNA;
  }
  return any_one ? 1 : (any_na ? kMatrixNA : 0);
}

void fill_matrix(Matrix& m, const JoinInput& scans, const std::set<std::string>& patients, const Reference& ref,
                 const JoinOptions& opt) {
  const std::vector<std::string> genes = ref.feature_genes();
  const Assessment assessed(scans);
  // Per-type columns for the kinds of data the run holds (SV alterations go to GENE:del).
  std::vector<std::pair<std::string, DataKind>> types;
  if (opt.per_type_features) {
    if (assessed.holds(DataKind::SmallVariants)) types.push_back({":mut", DataKind::SmallVariants});
    if (assessed.holds(DataKind::CopyNumber)) {
      types.push_back({":amp", DataKind::CopyNumber});
      types.push_back({":del", DataKind::CopyNumber});
    }
  }
  for (const auto& [suffix, kind] : types)
    for (const auto& g : genes) {
      m.features.push_back(g + suffix);
      m.feature_types.push_back("alteration_type");
    }
  std::map<std::string, size_t> feature_index;
  for (size_t i = 0; i < m.features.size(); ++i)
    if (m.feature_types[i] != "pathway") feature_index[m.features[i]] = i;
  m.patients.assign(patients.begin(), patients.end());
  m.values.assign(m.patients.size(), std::vector<MatrixValue>(m.features.size(), 0));
  for (size_t pi = 0; pi < m.patients.size(); ++pi)
    for (const auto& g : genes) {
      if (!assessed.assessed_all(m.patients[pi], g)) m.values[pi][feature_index.at(g)] = kMatrixNA;
      for (const auto& [suffix, kind] : types)
        if (!assessed.assessed(kind, m.patients[pi], g)) m.values[pi][feature_index.at(g + suffix)] = kMatrixNA;
    }
  std::map<std::string, size_t> patient_index;
  for (size_t i = 0; i < m.patients.size(); ++i) patient_index[m.patients[i]] = i;
  for (const auto& c : scans.calls) {
    if (!c.counted) continue;
    auto p = patient_index.find(c.patient_id);
    if (p == patient_index.end()) continue;
    for (const std::string& f : {c.gene, c.gene + type_suffix(c)}) {
      auto fi = feature_index.find(f);  // an off-target call still counts
      if (fi != feature_index.end()) m.values[p->second][fi->second] = 1;
    }
  }
  for (size_t fi = 0; fi < m.features.size(); ++fi) {
    if (m.feature_types[fi] != "pathway") continue;
    for (const auto& set : ref.gene_sets())
      if (set.name == m.features[fi])
        for (auto& row : m.values) row[fi] = pathway_value(row, set, feature_index);
  }
}

}  // namespace

void JoinInput::take(ScanResult&& scan) {
  for (auto& in : scan.inputs) inputs.push_back(std::move(in));
  for (const auto& c : scan.calls) calls.emplace_back(c);
  scan.inputs.clear();
  scan.calls.clear();
}

JoinInput join_input(const ScanResult& scan) {
  JoinInput in;
  in.inputs = scan.inputs;
  for (const Call& c : scan.calls) in.calls.emplace_back(c);
  return in;
}

Cohort join_cohort(const JoinInput& scans, const ClinicalTable& clinical, const Reference& ref,
                   const JoinOptions& opt) {
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
    r.kind = in.kind;
    r.segments = in.segments;
    r.ploidy = in.ploidy;
    r.purity = in.purity;
    r.warnings = in.warnings;
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

  fill_matrix(m, scans, sequenced_ok, ref, opt);
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
      {"data_kind", [](const FlowRow& r) { return file_or_na(r, to_string(r.kind)); }},
      {"segments",
       [](const FlowRow& r) { return r.kind == DataKind::CopyNumber ? count(r, r.segments) : std::string("NA"); }},
      {"ploidy", [](const FlowRow& r) { return format_double(r.ploidy); }},
      {"purity", [](const FlowRow& r) { return format_double(r.purity); }},
      {"warnings",
       [](const FlowRow& r) {
         return !r.warnings.empty() ? join_warnings(r.warnings) : r.has_file ? "." : "NA";
       }},
  };
  return cols;
}

}  // namespace

void write_cna_table(std::ostream& os, const JoinInput& scans, const Matrix& m, const Reference& ref) {
  static const std::map<std::string, int> kDiscrete = {
      {"deep_deletion", -2}, {"shallow_deletion", -1}, {"gain", 1}, {"amplification", 2}};
  const std::vector<std::string> genes = ref.feature_genes();
  const std::set<std::string> in_matrix(m.patients.begin(), m.patients.end());
  const Assessment assessed(scans);
  std::vector<std::string> patients;  // sorted, as the matrix
  for (const auto& p : m.patients)
    if (assessed.has_files(DataKind::CopyNumber, p)) patients.push_back(p);
  std::map<std::pair<std::string, std::string>, int> value;  // (patient, gene) -> most extreme call
  for (const auto& c : scans.calls) {
    auto d = kDiscrete.find(c.alteration_class);
    if (d == kDiscrete.end() || !in_matrix.count(c.patient_id)) continue;
    auto [it, fresh] = value.emplace(std::make_pair(c.patient_id, c.gene), d->second);
    if (!fresh && (std::abs(d->second) > std::abs(it->second) ||
                   (std::abs(d->second) == std::abs(it->second) && d->second < it->second)))
      it->second = d->second;
  }
  std::vector<std::string> header = {"Hugo_Symbol"};
  header.insert(header.end(), patients.begin(), patients.end());
  write_tsv_row(os, header);
  for (const auto& g : genes) {
    std::vector<std::string> row = {g};
    for (const auto& p : patients) {
      if (!assessed.assessed(DataKind::CopyNumber, p, g)) {
        row.push_back("NA");
        continue;
      }
      auto v = value.find({p, g});
      row.push_back(std::to_string(v == value.end() ? 0 : v->second));
    }
    write_tsv_row(os, row);
  }
}

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
    if (declared.size() == m.features.size() &&
        (declared[i] == "gene" || declared[i] == "pathway" || declared[i] == "alteration_type"))
      m.feature_types.push_back(declared[i]);
    else
      m.feature_types.push_back(set_names.count(m.features[i]) ? "pathway" : "gene");
  }
  return m;
}

}  // namespace pathcorr
