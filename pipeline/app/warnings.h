// The one place that prints warnings: library code returns them as strings (what, where, what to do), the
// command prints them here after its stage, one `pathcorr: warning: ...` line each, none with --quiet.
#pragma once
#include <iosfwd>
#include <string>
#include <vector>

namespace pathcorr {

void print_warnings(std::ostream& err, const std::vector<std::string>& warnings, bool quiet);

}  // namespace pathcorr
