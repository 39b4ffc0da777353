// A progress line on stderr for long commands (scan of a cohort): files done of total, records per second, time
// left, redrawn in place at most five times a second, and cleared at the end. Only when stderr is a terminal and
// not --quiet: a log file or a pipe gets nothing.
#pragma once
#include <chrono>
#include <iosfwd>
#include <string>

#include "pipeline/classify/scan.h"

namespace pathcorr {

bool stderr_is_terminal();

class ProgressLine {
 public:
  ProgressLine(std::ostream& err, std::string what, bool enabled);
  bool enabled() const { return enabled_; }
  void update(const ScanProgress& p);
  // Clears the line (nothing when nothing was drawn).
  void finish();

 private:
  std::ostream& err_;
  std::string what_;
  bool enabled_;
  bool drawn_ = false;
  std::size_t width_ = 0;
  std::chrono::steady_clock::time_point start_, last_;
};

// "12 s", "3 min 05 s", "1 h 02 min".
std::string format_duration(double seconds);

}  // namespace pathcorr
