// Atomic output files: a failed run leaves no partial output (SPEC "Files and exit codes").
#pragma once
#include <memory>
#include <ostream>
#include <string>

namespace pathcorr {

// The directory a file path names its file in ("." for a bare name, "/" for a file at the root): where an output's
// temporary files go.
std::string directory_of(const std::string& path);

// Atomic output file. Data go to "<path>.tmp.<pid>.<random>" in the same directory; commit() flushes, checks
// every write, fsyncs and renames over `path`. When the writer is destroyed without commit() (an exception on
// the way), the temporary file is removed and `path` is untouched. "-" writes to stdout (no temporary file).
// Errors -> IoError naming the path and strerror.
class AtomicWriter {
 public:
  explicit AtomicWriter(std::string path);
  AtomicWriter(const AtomicWriter&) = delete;
  AtomicWriter& operator=(const AtomicWriter&) = delete;
  ~AtomicWriter();

  std::ostream& out();
  void commit();
  const std::string& path() const { return path_; }
  const std::string& temp_path() const { return temp_path_; }  // empty for stdout

 private:
  class FdBuf;
  std::string path_;
  std::string temp_path_;
  int fd_ = -1;
  bool committed_ = false;
  std::unique_ptr<FdBuf> buf_;
  std::unique_ptr<std::ostream> stream_;
};

}  // namespace pathcorr
