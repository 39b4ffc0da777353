// pathcorr: the thin executable. Maps the library's typed errors to the exit codes of SPEC and prints them.
#include <htslib/hts_log.h>

#include <exception>
#include <iostream>
#include <new>

#include "pipeline/app/cli.h"
#include "pipeline/base/errors.h"

int main(int argc, char** argv) {
  // htslib's own warnings (undeclared contigs ...) are noise for our users; its errors still print.
  hts_set_log_level(HTS_LOG_ERROR);
  std::vector<std::string> args(argv, argv + argc);
  try {
    return pathcorr::cli_main(args);
  } catch (const pathcorr::UsageError& e) {
    std::cerr << "pathcorr: usage error: " << e.what() << "\n";
    return e.exit_code();
  } catch (const pathcorr::Error& e) {
    std::cerr << "pathcorr: error: " << e.what() << "\n";
    return e.exit_code();
  } catch (const std::bad_alloc&) {
    std::cerr << "pathcorr: error: out of memory\n";
    return pathcorr::kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "pathcorr: internal error: " << e.what() << " (please report this)\n";
    return pathcorr::kExitBadInput;
  }
}
