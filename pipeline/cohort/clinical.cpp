// Reading and validating the clinical table: patient IDs, best overall response (RECIST / iRECIST words),
// tumour shrinkage and survival columns. Every error names the file and line.
#include "pipeline/cohort/clinical.h"

#include <cmath>

#include "pipeline/base/errors.h"
#include "pipeline/io/table_io.h"

namespace pathcorr {

std::string to_string(BestResponse r) {
  switch (r) {
    case BestResponse::CR: return "CR";
    case BestResponse::PR: return "PR";
    case BestResponse::SD: return "SD";
    case BestResponse::PD: return "PD";
    case BestResponse::NE: return "NE";
    case BestResponse::Missing: return "";
  }
  return "";
}

namespace {

// Lowercase; '_', '-', '/' and runs of blanks become one space.
std::string normalise_words(std::string_view s) {
  std::string out;
  bool pending_space = false;
  for (char c : trim(s)) {
    if (c == '_' || c == '-' || c == '/' || c == ' ' || c == '\t') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

struct ResponseWord {
  const char* normalised;
  BestResponse response;
};

const ResponseWord kResponseWords[] = {
    {"cr", BestResponse::CR},
    {"complete response", BestResponse::CR},
    {"complete remission", BestResponse::CR},
    {"icr", BestResponse::CR},
    {"pr", BestResponse::PR},
    {"partial response", BestResponse::PR},
    {"partial remission", BestResponse::PR},
    {"ipr", BestResponse::PR},
    {"sd", BestResponse::SD},
    {"stable disease", BestResponse::SD},
    {"isd", BestResponse::SD},
    {"non cr non pd", BestResponse::SD},
    {"pd", BestResponse::PD},
    {"progressive disease", BestResponse::PD},
    {"progression", BestResponse::PD},
    {"iupd", BestResponse::PD},
    {"icpd", BestResponse::PD},
    {"ne", BestResponse::NE},
    {"not evaluable", BestResponse::NE},
    {"not evaluated", BestResponse::NE},
    {"non evaluable", BestResponse::NE},
    {"unevaluable", BestResponse::NE},
    {"inevaluable", BestResponse::NE},
    {"unknown", BestResponse::Missing},
    {"unk", BestResponse::Missing},
};

std::string quoted(const std::string& s) { return "'" + s + "'"; }

}  // namespace

std::optional<BestResponse> parse_best_response(std::string_view s) {
  if (is_missing_value(s)) return BestResponse::Missing;
  const std::string key = normalise_words(s);
  for (const auto& w : kResponseWords)
    if (key == w.normalised) return w.response;
  return std::nullopt;
}

std::string accepted_response_words() {
  return "CR, PR, SD, PD, NE (any case), Complete Response, Partial Response, Stable Disease, Progressive Disease, "
         "Not Evaluable / Not Evaluated, Non-CR/Non-PD (= SD), iCR, iPR, iSD, iUPD, iCPD (= PD); "
         "empty, NA or Unknown for a missing response";
}

const ClinicalRecord* ClinicalTable::find(const std::string& patient_id) const {
  if (index_.size() == records.size()) {
    const auto it = index_.find(patient_id);
    return it == index_.end() ? nullptr : &records[it->second];
  }
  for (const auto& r : records)
    if (r.patient_id == patient_id) return &r;
  return nullptr;
}

void ClinicalTable::reindex() {
  index_.clear();
  for (size_t i = 0; i < records.size(); ++i) index_.emplace(records[i].patient_id, i);
}

namespace {

// Column index for `name`; when the name was changed from its default and is absent, that is an error.
int optional_column(const TextTable& t, const std::string& name, const std::string& default_name) {
  const int i = t.column_any_case(name);
  if (i < 0 && name != default_name)
    throw InputError(where(t.path, t.header_line) + ": missing column " + quoted(name) +
                     " (columns are: " + t.column_list() + ")");
  return i;
}

double read_number(const TextTable& t, size_t row, int col, const std::string& patient, bool months) {
  if (col < 0) return ClinicalRecord::kNaN;
  const std::string& text = t.rows[row][col];
  if (is_missing_value(text)) return ClinicalRecord::kNaN;
  const auto v = parse_double(text);
  const std::string what = where(t.path, t.line_numbers[row]) + ": " + t.header[col] + " " + quoted(text) +
                           " for patient " + quoted(patient);
  if (!v || !std::isfinite(*v))
    throw InputError(what + " is not a number (leave it empty or write NA when unknown)");
  if (months && *v < 0) throw InputError(what + " is negative; months of follow-up must be >= 0");
  if (!months && *v < -100)
    throw InputError(what + " is below -100; best_pct_change is the best percentage change of the sum of "
                            "target lesion diameters from baseline (-100 = complete disappearance)");
  return *v;
}

double read_event(const TextTable& t, size_t row, int col, const std::string& patient) {
  if (col < 0) return ClinicalRecord::kNaN;
  const std::string& text = t.rows[row][col];
  if (is_missing_value(text)) return ClinicalRecord::kNaN;
  std::string_view number = trim(text);
  const size_t colon = number.find(':');  // cBioPortal: "1:DECEASED", "0:LIVING", "1:Recurred/Progressed"
  if (colon != std::string_view::npos) number = number.substr(0, colon);
  const auto v = parse_double(number);
  if (!v || (*v != 0 && *v != 1))
    throw InputError(where(t.path, t.line_numbers[row]) + ": " + t.header[col] + " " + quoted(text) +
                     " for patient " + quoted(patient) +
                     " must be 0 (censored) or 1 (event); leave it empty or write NA when unknown");
  return *v;
}

}  // namespace

ClinicalTable read_clinical(const std::string& path, const ClinicalOptions& opt) {
  const TextTable t = read_table(path, Delimiter::Auto, true);
  const ClinicalOptions defaults;

  const int patient_col = t.column_any_case(opt.patient_column);
  if (patient_col < 0)
    throw InputError(where(t.path, t.header_line) + ": missing patient column " + quoted(opt.patient_column) +
                     " (columns are: " + t.column_list() +
                     "); name the column that holds the patient ID with --patient-column");
  const int response_col = t.column_any_case(opt.response_column);
  if (response_col < 0)
    throw InputError(where(t.path, t.header_line) + ": missing response column " + quoted(opt.response_column) +
                     " (columns are: " + t.column_list() +
                     "); name the column that holds the best overall response with --response-column");
  const int pct_col = optional_column(t, opt.best_pct_change_column, defaults.best_pct_change_column);
  const int pfs_col = optional_column(t, opt.pfs_months_column, defaults.pfs_months_column);
  const int pfs_event_col = optional_column(t, opt.pfs_event_column, defaults.pfs_event_column);
  const int os_col = optional_column(t, opt.os_months_column, defaults.os_months_column);
  const int os_event_col = optional_column(t, opt.os_event_column, defaults.os_event_column);

  ClinicalTable table;
  table.path = t.path;
  table.comments = t.comments;
  table.columns = t.header;
  table.records.reserve(t.rows.size());
  std::unordered_map<std::string, long> first_line;

  for (size_t r = 0; r < t.rows.size(); ++r) {
    const auto& row = t.rows[r];
    const long line = t.line_numbers[r];
    ClinicalRecord rec;
    rec.line = line;
    rec.patient_id = std::string(trim(row[patient_col]));
    if (rec.patient_id.empty())
      throw InputError(where(t.path, line) + ": empty " + t.header[patient_col] +
                       "; every row needs a patient ID (delete the row if it is not a patient)");
    if (rec.patient_id.find_first_of("\t\r\n") != std::string::npos)
      throw InputError(where(t.path, line) + ": patient_id holds a tab or line break (a quoted field with a newline?)");
    const auto [it, inserted] = first_line.emplace(rec.patient_id, line);
    if (!inserted)
      throw InputError(where(t.path, line) + ": duplicate " + t.header[patient_col] + " " +
                       quoted(rec.patient_id) + " (also on line " + std::to_string(it->second) +
                       "); the clinical table needs one row per patient");

    rec.response_text = std::string(trim(row[response_col]));
    const auto response = parse_best_response(rec.response_text);
    if (!response)
      throw InputError(where(t.path, line) + ": unknown " + t.header[response_col] + " " +
                       quoted(rec.response_text) + " for patient " + quoted(rec.patient_id) +
                       "; accepted: " + accepted_response_words());
    rec.best_response = *response;

    rec.best_pct_change = read_number(t, r, pct_col, rec.patient_id, false);
    rec.pfs_months = read_number(t, r, pfs_col, rec.patient_id, true);
    rec.pfs_event = read_event(t, r, pfs_event_col, rec.patient_id);
    rec.os_months = read_number(t, r, os_col, rec.patient_id, true);
    rec.os_event = read_event(t, r, os_event_col, rec.patient_id);
    for (size_t c = 0; c < t.header.size(); ++c) rec.fields.emplace(t.header[c], row[c]);
    table.records.push_back(std::move(rec));
  }
  table.reindex();
  return table;
}

}  // namespace pathcorr
