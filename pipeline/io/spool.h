// Text set aside on disk while a run goes on and copied into an output at its end: the rows of calls.tsv wait
// there for every file's #input line, which the table puts first, so that `scan` does not hold a cohort's calls
// in memory.
#pragma once
#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>

namespace pathcorr {

// An unnamed temporary file in the directory of the output it is for (the space the user chose for that output;
// $TMPDIR, else /tmp, for standard output or a directory not made yet), removed from the directory as soon as it
// is made and gone with the Spool. Errors -> IoError naming the output.
class Spool {
 public:
  explicit Spool(const std::string& output_path);
  Spool(const Spool&) = delete;
  Spool& operator=(const Spool&) = delete;
  ~Spool();
  void write(std::string_view text);
  // Everything written so far, from the start, onto `os`.
  void copy_to(std::ostream& os) const;
  uint64_t size() const { return size_; }

 private:
  std::string output_;
  int fd_ = -1;
  uint64_t size_ = 0;
};

}  // namespace pathcorr
