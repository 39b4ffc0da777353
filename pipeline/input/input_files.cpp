// Input files, each read once (see input_files.h).
#include "pipeline/input/input_files.h"

#include <map>

namespace pathcorr {

void detect_formats(std::vector<InputSpec>& specs) {
  std::map<std::string, DetectedFormat> seen;
  for (InputSpec& in : specs) {
    if (in.format) continue;
    auto it = seen.find(in.path);
    if (it == seen.end()) it = seen.emplace(in.path, detect_format(in.path)).first;
    in.format = it->second.format;
    if (it->second.unreadable) in.unreadable = it->second.reason;
  }
}

std::vector<InputFile> group_input_files(const std::vector<InputSpec>& specs) {
  std::vector<InputFile> files;
  std::map<std::string, size_t> table_file;  // path of a MAF/ANNOVAR table -> its InputFile
  for (size_t i = 0; i < specs.size(); ++i) {
    const InputSpec& in = specs[i];
    const InputFormat format = in.format.value_or(InputFormat::Unknown);
    if (format != InputFormat::Maf && format != InputFormat::AnnovarTable) {
      files.push_back({format, i, {}});  // VCF/BCF; anything else is refused by the VCF reader, naming why
      continue;
    }
    auto it = table_file.find(in.path);
    if (it == table_file.end()) {
      it = table_file.emplace(in.path, files.size()).first;
      files.push_back({format, i, {}});
    }
    InputFile& f = files[it->second];
    if (in.from_sheet) {
      f.patients.declared_patients.push_back(in.patient_id);
      if (!in.sample_id.empty()) f.patients.barcode_to_patient[in.sample_id] = in.patient_id;
    }
  }
  return files;
}

}  // namespace pathcorr
