// run.json (see run_record.h).
#include "pipeline/report/run_record.h"

#include <nlohmann/json.hpp>

#include "pathcorr_version.h"
#include "pipeline/base/errors.h"
#include "pipeline/base/sha256.h"
#include "pipeline/io/detect.h"

namespace pathcorr {

using ordered_json = nlohmann::ordered_json;

void add_input(RunRecord& record, const std::string& role, const std::string& path, bool may_be_unreadable) {
  if (path.empty()) return;
  for (const auto& in : record.inputs)
    if (in.path == path) return;
  record.inputs.push_back({role, path, may_be_unreadable});
}

std::string scan_input_role(const std::string& path) {
  const InputFormat format = detect_format(path).format;  // the scan's own detection: the role is its format
  switch (format) {
    case InputFormat::Vcf: return "vcf";
    case InputFormat::Bcf: return "bcf";
    case InputFormat::Maf: return "maf";
    case InputFormat::AnnovarTable: return "annovar_table";
    default: break;
  }
  return is_copy_number_format(format) ? "copy_number" : "unknown";
}

void add_scan_inputs(RunRecord& record, const ScanResult& scans) {
  for (const auto& in : scans.inputs) {
    bool listed = false;
    for (const auto& r : record.inputs) listed = listed || r.path == in.file;
    if (!listed) add_input(record, scan_input_role(in.file), in.file, in.status != "ok");
  }
  for (const auto& in : scans.inputs) add_input(record, "targets", in.targets);
}

namespace {

ordered_json value_json(const ParameterValue& v) {
  return std::visit([](const auto& x) { return ordered_json(x); }, v);
}

ordered_json input_json(const RunInput& in) {
  ordered_json j;
  j["role"] = in.role;
  j["path"] = in.path;
  try {
    j["sha256"] = sha256_file_hex(in.path);
  } catch (const Error&) {
    if (!in.may_be_unreadable) throw;
    j["sha256"] = nullptr;
  }
  return j;
}

}  // namespace

std::string run_json(const RunRecord& record) {
  ordered_json j;
  j["pathcorr_version"] = PATHCORR_VERSION;
  j["command"] = record.command;
  j["reference_version"] = record.reference_version;
  j["parameters"] = ordered_json::object();
  for (const auto& p : record.parameters) j["parameters"][p.name] = value_json(p.value);
  if (!record.plan.empty()) {
    j["plan"] = ordered_json::array();
    for (const auto& [feature, family] : record.plan) j["plan"].push_back({{"feature", feature}, {"family", family}});
  }
  j["inputs"] = ordered_json::array();
  for (const auto& in : record.inputs) j["inputs"].push_back(input_json(in));
  j["outputs"] = record.outputs;
  // Paths are bytes, not always UTF-8: an invalid sequence is written as U+FFFD rather than failing the run.
  return j.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace pathcorr
