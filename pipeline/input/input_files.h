// The files a scan reads, each once: the (file, patient) pairs of the command line or sample sheet grouped by
// file. A VCF/BCF belongs to one patient; a MAF or ANNOVAR table holds many, and the sheet rows that name it
// declare its patients (so a patient without rows still counts as sequenced) and their barcodes.
#pragma once
#include <string>
#include <vector>

#include "pipeline/input/maf_reader.h"
#include "pipeline/input/records.h"

namespace pathcorr {

struct InputFile {
  InputFormat format = InputFormat::Unknown;
  size_t first_spec = 0;  // the first InputSpec naming the file: its place in the output and its error row
  MafOptions patients;    // files of many patients: the sheet's patients and barcodes (sample_id)
  std::vector<size_t> specs;  // every InputSpec naming the file
};

// Detects the format of every spec that has none, each distinct path once, on up to `threads` threads.
void detect_formats(std::vector<InputSpec>& specs, int threads = 1);
// One InputFile per spec of a one-patient file (VCF/BCF, one-sample copy-number file) and per distinct path of a
// many-patient file (holds_many_patients), in order of first appearance. Specs must have their format
// (detect_formats).
std::vector<InputFile> group_input_files(const std::vector<InputSpec>& specs);

}  // namespace pathcorr
