// The clinical table (SPEC "Clinical table"): one row per patient with the best overall response (RECIST) and
// optional tumour shrinkage and survival columns. Owns reading and validating it; which responses count as
// responders is decided later (--responders), not here.
#pragma once
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace pathcorr {

enum class BestResponse { CR, PR, SD, PD, NE, Missing };

std::string to_string(BestResponse r);  // "CR", "PR", "SD", "PD", "NE"; "" for Missing

// Case-insensitive; '_', '-', '/' and repeated blanks count as one space ("complete_response").
//   CR: CR, Complete Response, Complete Remission, iCR
//   PR: PR, Partial Response, Partial Remission, iPR
//   SD: SD, Stable Disease, iSD, Non-CR/Non-PD (RECIST 1.1, non-measurable disease only)
//   PD: PD, Progressive Disease, Progression, iUPD, iCPD (iRECIST unconfirmed and confirmed progression)
//   NE: NE, Not Evaluable, Not Evaluated, Non-Evaluable, Unevaluable, Inevaluable
//   Missing: "", NA, N/A, NaN, ".", Unknown, UNK, and bracketed TCGA/cBioPortal tokens ("[Not Available]").
//            A missing response excludes the patient from tests (caller warns); NE is a real assessment and
//            counts as a non-responder.
// Anything else -> std::nullopt.
std::optional<BestResponse> parse_best_response(std::string_view s);
// The accepted words, for error messages.
std::string accepted_response_words();

struct ClinicalOptions {
  std::string patient_column = "patient_id";        // --patient-column
  std::string response_column = "best_response";   // --response-column
  std::string best_pct_change_column = "best_pct_change";
  std::string pfs_months_column = "pfs_months";
  std::string pfs_event_column = "pfs_event";
  std::string os_months_column = "os_months";
  std::string os_event_column = "os_event";
};

struct ClinicalRecord {
  static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  std::string patient_id;
  BestResponse best_response = BestResponse::Missing;
  std::string response_text;  // as written in the table (trimmed)
  long line = 0;              // physical line in the table
  // NaN when the column is absent or the value missing (empty, NA, [Not Available], ...).
  double best_pct_change = kNaN;
  double pfs_months = kNaN;
  double pfs_event = kNaN;  // 1 event (progression or death), 0 censored
  double os_months = kNaN;
  double os_event = kNaN;  // 1 death, 0 censored
  std::map<std::string, std::string> fields;  // every column by name (for --strata etc.)
};

struct ClinicalTable {
  std::string path;
  std::vector<std::string> comments;  // '#' lines before the header
  std::vector<std::string> columns;
  std::vector<ClinicalRecord> records;  // file order

  // Record of this patient, nullptr if none. Uses the index built by read_clinical (or reindex()); when records
  // were added by hand without reindex() it falls back to a linear scan.
  const ClinicalRecord* find(const std::string& patient_id) const;
  void reindex();

 private:
  std::unordered_map<std::string, size_t> index_;
};

// Reads and validates the clinical table (TSV, or CSV by extension; plain or gzip; BOM; LF/CRLF/CR).
// Column names are matched exactly, then case-insensitively when that is unambiguous ("PATIENT_ID").
// InputError with path:line for: missing patient or response column (lists the columns, names
// --patient-column / --response-column), empty or duplicate patient_id (both lines), unknown response word
// (quoted, with the accepted words), non-numeric best_pct_change / *_months (missing values allowed), negative
// months, best_pct_change below -100, event not 0/1. Events also accept cBioPortal's "1:DECEASED" / "0:LIVING"
// form (the number before ':').
ClinicalTable read_clinical(const std::string& path, const ClinicalOptions& opt = {});

}  // namespace pathcorr
