// Reading the --samples sheet and naming patients from VCF file names.
#include "pipeline/input/sample_sheet.h"

#include <filesystem>
#include <map>
#include <optional>
#include <system_error>

#include "pipeline/base/errors.h"
#include "pipeline/base/text.h"
#include "pipeline/io/detect.h"
#include "pipeline/io/table_io.h"

namespace pathcorr {

namespace fs = std::filesystem;

namespace {

// Resolves `file` against the sheet's directory and checks it exists (as a file, not a directory).
std::string resolve(const fs::path& base, const std::string& file, const std::string& what,
                    const std::string& sheet, long line) {
  fs::path p(file);
  if (p.is_relative() && file != "-") p = base / p;
  p = p.lexically_normal();
  std::error_code ec;
  const auto status = fs::status(p, ec);
  const std::string shown = p.string() == file ? "'" + file + "'" : "'" + file + "' (resolved to '" + p.string() + "')";
  if (ec || !fs::exists(status))
    throw InputError(where(sheet, line) + ": " + what + " file " + shown +
                     " does not exist; relative paths are taken from the directory of the sample sheet");
  if (fs::is_directory(status))
    throw InputError(where(sheet, line) + ": " + what + " " + shown + " is a directory, expected a file");
  return p.string();
}

int find_column(const TextTable& t, const std::string& name, bool required) {
  const int i = t.column_any_case(name);
  if (i < 0 && required)
    throw InputError(where(t.path, t.header_line) + ": missing column '" + name + "' (columns are: " +
                     t.column_list() + "); a sample sheet needs patient_id and vcf, optionally sample_id, "
                     "tumor_sample, targets");
  return i;
}

}  // namespace

std::vector<SampleSheetRow> read_sample_sheet(const std::string& path) {
  const TextTable t = read_table(path, Delimiter::Auto, true);
  const int patient_col = find_column(t, "patient_id", true);
  const int cnv_col = find_column(t, "cnv", false);
  const int vcf_col = find_column(t, "vcf", cnv_col < 0);
  const int ploidy_col = find_column(t, "ploidy", false);
  const int purity_col = find_column(t, "purity", false);
  const int sample_col = find_column(t, "sample_id", false);
  const int tumor_col = find_column(t, "tumor_sample", false);
  const int targets_col = find_column(t, "targets", false);

  const fs::path base = (path == "-") ? fs::path(".") : fs::path(path).parent_path();
  std::vector<SampleSheetRow> rows;
  std::map<std::string, std::pair<long, DetectedFormat>> file_line;  // canonical path -> first line, format
  // Detects a file's format once; a file of one patient may be on one row only.
  auto detect_once = [&](const std::string& resolved, const std::string& given, const char* column, long line) {
    std::error_code ec;
    fs::path key = fs::weakly_canonical(resolved, ec);
    if (ec) key = fs::path(resolved);
    auto [it, inserted] = file_line.try_emplace(key.string(), line, DetectedFormat{});
    if (inserted) it->second.second = detect_format(resolved);
    const InputFormat format = it->second.second.format;
    if (!inserted && !holds_many_patients(format))
      throw InputError(where(path, line) + ": " + column + " '" + given + "' is listed twice (also on line " +
                       std::to_string(it->second.first) + "); a file of one patient may appear once");
    return it->second.second;
  };
  auto number = [&](int col, const std::vector<std::string>& f, long line, const char* what, double lo, double hi) {
    if (col < 0 || f[col].empty() || f[col] == "NA") return std::nan("");
    const std::optional<double> v = parse_double(f[col]);
    if (!v || !(*v > lo && *v <= hi))
      throw InputError(where(path, line) + ": " + what + " '" + f[col] + "' is not a number in (" + format_double(lo) +
                       ", " + format_double(hi) + "]");
    return *v;
  };

  for (size_t r = 0; r < t.rows.size(); ++r) {
    const auto& f = t.rows[r];
    SampleSheetRow row;
    row.line = t.line_numbers[r];
    row.patient_id = f[patient_col];
    const std::string vcf = vcf_col >= 0 ? f[vcf_col] : "";
    const std::string cnv = cnv_col >= 0 ? f[cnv_col] : "";
    if (row.patient_id.empty())
      throw InputError(where(path, row.line) + ": empty patient_id; every row needs a patient ID");
    if (row.patient_id.find_first_of("\t\r\n") != std::string::npos)
      throw InputError(where(path, row.line) + ": patient_id holds a tab or line break");
    if (vcf.empty() && cnv.empty())
      throw InputError(where(path, row.line) + ": empty vcf" + (cnv_col >= 0 ? " and cnv" : "") +
                       " for patient '" + row.patient_id + "'");
    if (!vcf.empty()) {
      row.vcf = resolve(base, vcf, "vcf", path, row.line);
      row.detected = detect_once(row.vcf, vcf, "vcf", row.line);
    }
    if (!cnv.empty()) {
      row.cnv = resolve(base, cnv, "cnv", path, row.line);
      row.cnv_detected = detect_once(row.cnv, cnv, "cnv", row.line);
    }
    if (sample_col >= 0) row.sample_id = f[sample_col];
    if (tumor_col >= 0) row.tumor_sample = f[tumor_col];
    if (targets_col >= 0 && !f[targets_col].empty())
      row.targets = resolve(base, f[targets_col], "targets", path, row.line);
    row.ploidy = number(ploidy_col, f, row.line, "ploidy", 0, 1000);
    row.purity = number(purity_col, f, row.line, "purity", 0, 1);
    rows.push_back(std::move(row));
  }
  if (rows.empty())
    throw InputError(path + ": the sample sheet has a header but no rows; list one VCF per row");
  return rows;
}

std::string patient_from_filename(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  const std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  const std::string patient = base.substr(0, base.find('.'));
  if (patient.empty())
    throw InputError(path + ": cannot take a patient ID from this file name (it is the part before the first "
                     "'.'); rename the file or give the patients with --samples sheet.tsv");
  return patient;
}

}  // namespace pathcorr
