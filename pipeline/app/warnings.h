// The one place that prints warnings: library code returns them as strings that start with their kind
// ("warning: file: what", "skipped: file: why"), the command prints them here after its stage, one
// `pathcorr: ...` line each, none with --quiet.
#pragma once
#include <iosfwd>
#include <string>
#include <vector>

namespace pathcorr {

void print_warnings(std::ostream& err, const std::vector<std::string>& warnings, bool quiet);

}  // namespace pathcorr
