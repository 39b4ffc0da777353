// Reading a run's outputs back for the report (see report_data.h).
#include "pipeline/report/report_data.h"

#include <nlohmann/json.hpp>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

#include "pipeline/base/errors.h"
#include "pipeline/base/sha256.h"
#include "reference/reference.h"

namespace pathcorr {

namespace {

bool file_exists(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::string require_file(const std::string& path) {
  if (!file_exists(path))
    throw InputError(path + ": not found; `pathcorr report --outdir DIR` needs the outputs of `pathcorr run` in DIR");
  return path;
}

std::string param_text(const nlohmann::json& params, const char* name, const std::string& fallback) {
  auto it = params.find(name);
  return it != params.end() && it->is_string() ? it->get<std::string>() : fallback;
}

RunInfo read_run_json(const std::string& path) {
  std::ifstream in(require_file(path));
  std::stringstream ss;
  ss << in.rdbuf();
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(ss.str());
  } catch (const nlohmann::json::exception& e) {
    throw InputError(path + ": not valid JSON (" + e.what() + ")");
  }
  RunInfo r;
  try {
    r.version = j.value("pathcorr_version", "");
    r.reference_version = j.value("reference_version", "");
    if (j.contains("command")) r.command = j["command"].get<std::vector<std::string>>();
    const nlohmann::json params = j.value("parameters", nlohmann::json::object());
    r.no_version = params.value("no-version", false);
    r.conf_level = params.value("conf-level", 0.95);
    r.endpoint = param_text(params, "endpoint", r.endpoint);
    r.responders = param_text(params, "responders", r.responders);
    r.patient_column = param_text(params, "patient-column", r.patient_column);
    r.response_column = param_text(params, "response-column", r.response_column);
    for (const auto& x : j.value("inputs", nlohmann::json::array())) {
      RunInputRecord in;
      in.role = x.value("role", "");
      in.path = x.value("path", "");
      if (x.contains("sha256") && x["sha256"].is_string()) in.sha256 = x["sha256"].get<std::string>();
      r.inputs.push_back(in);
    }
  } catch (const nlohmann::json::exception& e) {
    throw InputError(path + ": not a run.json of pathcorr run (" + e.what() + ")");
  }
  return r;
}

ClinicalTable read_checked_clinical(const RunInfo& run, const std::string& run_json, const std::string& given,
                                    const ClinicalOptions& opt) {
  const RunInputRecord* rec = nullptr;
  for (const auto& in : run.inputs)
    if (in.role == "clinical") rec = &in;
  if (!rec) throw InputError(run_json + ": lists no clinical input; the report needs the clinical table of the run");
  const std::string path = given.empty() ? rec->path : given;
  if (!file_exists(path))
    throw InputError(path + ": the clinical table named in " + run_json +
                     " is not found (run `pathcorr report` from the directory `pathcorr run` ran in, or give "
                     "--clinical FILE)");
  const std::string sha = sha256_file_hex(path);
  if (sha != rec->sha256)
    throw InputError(path + ": SHA-256 " + sha + " differs from the one " + run_json + " records (" + rec->sha256 +
                     "): the clinical table changed since the run; rerun `pathcorr run`");
  return read_clinical(path, opt);
}

// Row by row, keeping the counted calls only: a cohort's calls.tsv is mostly rows that are not counted.
std::vector<ReportCall> read_counted_calls(const std::string& path) {
  std::vector<ReportCall> out;
  read_tsv_columns(require_file(path), {"patient_id", "gene", "consequence", "hgvsp", "alteration_class", "counted"},
                   [&out](std::vector<std::string>& r, long, const std::vector<int>& c) {
                     if (r[c[5]] == "yes") out.push_back({r[c[0]], r[c[1]], r[c[2]], r[c[3]], r[c[4]]});
                   });
  return out;
}

// Row by row too: one row per input file, of which the report needs four columns.
std::vector<ReportSample> read_samples(const std::string& path) {
  std::vector<ReportSample> out;
  read_tsv_columns(require_file(path), {"patient_id", "file", "best_response", "status"},
                   [&out](std::vector<std::string>& r, long, const std::vector<int>& c) {
                     out.push_back({r[c[0]], r[c[1]], r[c[2]], r[c[3]]});
                   });
  return out;
}

}  // namespace

std::string table_field(const TextTable& t, size_t row, const std::string& column) {
  const int c = t.column(column);
  if (c < 0 || row >= t.rows.size()) return "";
  return t.rows[row][static_cast<size_t>(c)];
}

long table_row(const TextTable& t, const std::string& column, const std::string& key) {
  const int c = t.column(column);
  if (c < 0) return -1;
  for (size_t i = 0; i < t.rows.size(); ++i)
    if (t.rows[i][static_cast<size_t>(c)] == key) return static_cast<long>(i);
  return -1;
}

std::string ReportData::status_feature() const {
  const int family = associations.column("family"), type = associations.column("feature_type");
  for (size_t i = 0; family >= 0 && type >= 0 && i < associations.rows.size(); ++i)
    if (associations.rows[i][family] == "primary" && associations.rows[i][type] == "pathway")
      return associations.rows[i][0];
  for (size_t k = 0; k < matrix.features.size(); ++k)
    if (matrix.feature_types[k] == "pathway") return matrix.features[k];
  return "";
}

int ReportData::value(size_t patient_row, const std::string& feature) const {
  for (size_t k = 0; k < matrix.features.size(); ++k)
    if (matrix.features[k] == feature) return matrix.values[patient_row][k];
  return kMatrixNA;
}

ReportData load_report_data(const std::string& outdir, const std::string& clinical_path) {
  ReportData d;
  d.outdir = outdir;
  const std::string dir = outdir + "/";
  d.run = read_run_json(dir + "run.json");
  ClinicalOptions opt;  // the column names the run used
  opt.patient_column = d.run.patient_column;
  opt.response_column = d.run.response_column;
  d.clinical = read_checked_clinical(d.run, dir + "run.json", clinical_path, opt);
  d.matrix = read_matrix(require_file(dir + "matrix.tsv"), Reference::builtin());
  d.calls = read_counted_calls(dir + "calls.tsv");
  d.samples = read_samples(dir + "samples.tsv");
  d.associations = read_table(require_file(dir + "associations.tsv"), Delimiter::Tab, true);
  d.associations.require_column("feature");
  d.response = read_table(require_file(dir + "response.tsv"), Delimiter::Tab, true);
  d.survival = read_table(require_file(dir + "survival.tsv"), Delimiter::Tab, true);
  return d;
}

}  // namespace pathcorr
