// Shared pieces of the libFuzzer targets in tests/fuzz: a scratch file for parsers that only read paths, the
// one place that decides which exceptions are expected outcomes, and a check that aborts (so libFuzzer keeps the
// input) when a property the library documents does not hold.
#pragma once
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <stdexcept>
#include <string>
#include <typeinfo>

#include "pipeline/base/errors.h"

namespace pathcorr_fuzz {

// A file rewritten for every input. /dev/shm keeps the fuzzer off the disk; the pid keeps two fuzzers (or -jobs)
// apart. The suffix matters: Delimiter::Auto and the VCF reader look at the name.
class ScratchFile {
 public:
  ScratchFile(const std::string& stem, const std::string& suffix) {
    const char* dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    path_ = std::string(dir) + "/pathcorr_" + stem + "_" + std::to_string(getpid()) + suffix;
  }
  ~ScratchFile() { std::remove(path_.c_str()); }
  ScratchFile(const ScratchFile&) = delete;
  ScratchFile& operator=(const ScratchFile&) = delete;

  const std::string& write(const uint8_t* data, size_t size) {
    FILE* f = std::fopen(path_.c_str(), "wb");
    if (!f || (size > 0 && std::fwrite(data, 1, size, f) != size) || std::fclose(f) != 0) {
      std::perror(path_.c_str());
      std::abort();  // the harness, not the library, failed: stop loudly
    }
    return path_;
  }
  const std::string& write(const std::string& text) {
    return write(reinterpret_cast<const uint8_t*>(text.data()), text.size());
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// A property the library promises is broken: print it and abort, so libFuzzer saves the input as a crash.
[[noreturn]] inline void property_failed(const char* what, const std::string& detail) {
  std::fprintf(stderr, "\n==pathcorr-fuzz== PROPERTY FAILED: %s\n%s\n", what, detail.c_str());
  std::fflush(stderr);
  std::abort();
}

#define PATHCORR_FUZZ_CHECK(cond, detail)                                      \
  do {                                                                         \
    if (!(cond)) ::pathcorr_fuzz::property_failed(#cond, (detail));            \
  } while (0)

// Runs fn; the library's typed errors and std::invalid_argument (the parsers' documented outcome on bad text)
// are expected and swallowed. Any other exception is what main() would print as "internal error ... please
// report this": abort with its type and message so the input is kept.
template <typename Fn>
bool expect_ok_or_error(const char* step, Fn&& fn) {
  try {
    fn();
    return true;
  } catch (const pathcorr::Error&) {
  } catch (const std::invalid_argument&) {
  } catch (const std::exception& e) {
    property_failed("unexpected exception",
                    std::string(step) + ": " + typeid(e).name() + ": " + e.what());
  }
  return false;
}

}  // namespace pathcorr_fuzz
