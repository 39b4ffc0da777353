// The one place that prints warnings: library code returns them as strings that start with their kind
// ("warning: file: what", "skipped: file: why"), the command prints them here after its stage, one
// `pathcorr: ...` line each, none with --quiet.
#pragma once
#include <iosfwd>
#include <string>
#include <vector>

#include "pipeline/input/vcf_input.h"

namespace pathcorr {

void print_warnings(std::ostream& err, const std::vector<std::string>& warnings, bool quiet);

// Warnings about single files, one line per kind (in the order kinds first appear): the file's own message when
// one file has it, else "warning: N files: <kind> (first: a, b, c)".
void print_file_warnings(std::ostream& err, const std::vector<FileWarning>& warnings, bool quiet);

}  // namespace pathcorr
