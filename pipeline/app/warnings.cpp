// Printing of the warnings returned by the stages (see warnings.h).
#include "pipeline/app/warnings.h"

#include <ostream>

namespace pathcorr {

void print_warnings(std::ostream& err, const std::vector<std::string>& warnings, bool quiet) {
  if (quiet) return;
  for (const auto& w : warnings) {
    std::string line = w;
    for (auto& ch : line)
      if (ch == '\n' || ch == '\r') ch = ' ';  // one warning, one line: a path or value cannot split it
    err << "pathcorr: " << line << '\n';
  }
  err.flush();
}

}  // namespace pathcorr
