// Printing of the warnings returned by the stages (see warnings.h).
#include "pipeline/app/warnings.h"

#include <map>
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

void print_file_warnings(std::ostream& err, const std::vector<FileWarning>& warnings, bool quiet) {
  std::vector<std::string> kinds;                           // first-seen order
  std::map<std::string, std::vector<const FileWarning*>> by_kind;
  for (const auto& w : warnings) {
    auto& list = by_kind[w.kind];
    if (list.empty()) kinds.push_back(w.kind);
    list.push_back(&w);
  }
  std::vector<std::string> lines;
  for (const auto& kind : kinds) {
    const auto& list = by_kind[kind];
    if (list.size() == 1) {
      lines.push_back("warning: " + list[0]->text);
      continue;
    }
    std::string first;
    for (size_t i = 0; i < list.size() && i < 3; ++i) first += (i ? ", " : "") + list[i]->file;
    lines.push_back("warning: " + std::to_string(list.size()) + " files: " + kind + " (first: " + first +
                    (list.size() > 3 ? ", ..." : "") + ")");
  }
  print_warnings(err, lines, quiet);
}

}  // namespace pathcorr
