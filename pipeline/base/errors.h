// Typed errors of the core library. Library code throws these; only main() maps them to exit codes
// (SPEC "Files and exit codes"): UsageError -> 2, InputError -> 1, ConflictError -> 3, IoError -> 1.
// Messages say what went wrong, where (file, line or record) and, where it helps, what to do.
#pragma once
#include <stdexcept>
#include <string>

namespace pathcorr {

enum ExitCode : int {
  kExitOk = 0,
  kExitBadInput = 1,
  kExitUsage = 2,
  kExitConflict = 3,
  kExitSkipped = 4,  // --keep-going: the run finished but skipped damaged inputs
};

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& what) : std::runtime_error(what) {}
  virtual int exit_code() const = 0;
};

// Wrong command line: unknown option, missing argument, bad option value.
class UsageError : public Error {
 public:
  using Error::Error;
  int exit_code() const override { return kExitUsage; }
};

// A file that cannot be read or does not hold what it must (damaged VCF, bad clinical table).
class InputError : public Error {
 public:
  using Error::Error;
  int exit_code() const override { return kExitBadInput; }
};

// A compressed file whose data are damaged or cut short: an InputError that format detection, which reads only a
// file's start, must report rather than take for "not this format".
class DamagedDataError : public InputError {
 public:
  using InputError::InputError;
};

// Inputs that are each fine but contradict each other (ambiguous tumour sample, build mismatch,
// no overlap between VCFs and the clinical table).
class ConflictError : public Error {
 public:
  using Error::Error;
  int exit_code() const override { return kExitConflict; }
};

// Reading or writing failed at the system level (permissions, disk full).
class IoError : public Error {
 public:
  using Error::Error;
  int exit_code() const override { return kExitBadInput; }
};

// "file:line: message" / "file: message" helpers so every message names its place the same way.
inline std::string where(const std::string& file, long line) {
  return line > 0 ? file + ":" + std::to_string(line) : file;
}

}  // namespace pathcorr
