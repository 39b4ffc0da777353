// Input files, each read once (see input_files.h).
#include "pipeline/input/input_files.h"

#include <map>

#include "pipeline/base/parallel.h"

namespace pathcorr {

const char* to_string(DataKind k) {
  switch (k) {
    case DataKind::SmallVariants: return "small_variants";
    case DataKind::CopyNumber: return "copy_number";
    case DataKind::Structural: return "structural";
  }
  return "small_variants";
}

std::optional<DataKind> parse_data_kind(const std::string& text) {
  for (DataKind k : {DataKind::SmallVariants, DataKind::CopyNumber, DataKind::Structural})
    if (text == to_string(k)) return k;
  return std::nullopt;
}

void detect_formats(std::vector<InputSpec>& specs, int threads) {
  std::vector<std::string> paths;  // each path to detect once, in the order first met
  std::map<std::string, size_t> slot;
  for (const InputSpec& in : specs)
    if (!in.format && slot.emplace(in.path, paths.size()).second) paths.push_back(in.path);
  std::vector<DetectedFormat> found(paths.size());
  parallel_for(paths.size(), threads, [&](size_t i) { found[i] = detect_format(paths[i]); });
  for (InputSpec& in : specs) {
    if (in.format) continue;
    const DetectedFormat& d = found[slot.at(in.path)];
    in.format = d.format;
    if (d.unreadable) in.unreadable = d.reason;
  }
}

std::vector<InputFile> group_input_files(const std::vector<InputSpec>& specs) {
  std::vector<InputFile> files;
  std::map<std::string, size_t> table_file;  // path of a many-patient file -> its InputFile
  for (size_t i = 0; i < specs.size(); ++i) {
    const InputSpec& in = specs[i];
    const InputFormat format = in.format.value_or(InputFormat::Unknown);
    if (!holds_many_patients(format)) {
      files.push_back({format, i, {}, {i}});  // VCF/BCF, one-sample copy number; anything else is refused by the
      continue;                              // VCF reader, naming why
    }
    auto it = table_file.find(in.path);
    if (it == table_file.end()) {
      it = table_file.emplace(in.path, files.size()).first;
      files.push_back({format, i, {}, {}});
    }
    InputFile& f = files[it->second];
    f.specs.push_back(i);
    if (in.from_sheet) {
      f.patients.declared_patients.push_back(in.patient_id);
      if (!in.sample_id.empty()) f.patients.barcode_to_patient[in.sample_id] = in.patient_id;
    }
  }
  return files;
}

}  // namespace pathcorr
