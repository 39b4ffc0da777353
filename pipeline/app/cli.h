// Entry point of the command line, separate from main() so tests can call it in-process.
#pragma once
#include <string>
#include <vector>

namespace pathcorr {
// Parses argv (argv[0] is the program name), runs the command, returns the exit code. Throws pathcorr::Error
// subclasses for the caller (main) to map to exit codes.
int cli_main(const std::vector<std::string>& argv);
}  // namespace pathcorr
