// The progress line (see progress.h).
#include "pipeline/app/progress.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <ostream>

namespace pathcorr {

bool stderr_is_terminal() { return isatty(STDERR_FILENO) == 1; }

ProgressLine::ProgressLine(std::ostream& err, std::string what, bool enabled)
    : err_(err), what_(std::move(what)), enabled_(enabled), start_(std::chrono::steady_clock::now()), last_(start_) {}

std::string format_duration(double seconds) {
  const long s = std::lround(std::max(0.0, seconds));
  char buf[32];
  if (s < 60) std::snprintf(buf, sizeof buf, "%ld s", s);
  else if (s < 3600) std::snprintf(buf, sizeof buf, "%ld min %02ld s", s / 60, s % 60);
  else std::snprintf(buf, sizeof buf, "%ld h %02ld min", s / 3600, (s % 3600) / 60);
  return buf;
}

void ProgressLine::update(const ScanProgress& p) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  const bool last_file = p.files_done == p.files_total;
  if (drawn_ && !last_file && now - last_ < std::chrono::milliseconds(200)) return;
  last_ = now;
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  char rate[48] = "";
  if (elapsed > 0) std::snprintf(rate, sizeof rate, ", %.3g M records/s", p.records / elapsed / 1e6);
  std::string left = "time left unknown";
  if (p.files_done > 0 && !last_file)
    left = "about " + format_duration(elapsed / p.files_done * (p.files_total - p.files_done)) + " left";
  else if (last_file)
    left = format_duration(elapsed);
  std::string line = "pathcorr " + what_ + ": " + std::to_string(p.files_done) + "/" + std::to_string(p.files_total) +
                     " files, " + std::to_string(p.records) + " records" + rate + ", " + left;
  const std::size_t shown = line.size();
  if (line.size() < width_) line.append(width_ - line.size(), ' ');
  width_ = shown;
  err_ << '\r' << line << std::flush;
  drawn_ = true;
}

void ProgressLine::finish() {
  if (!drawn_) return;
  err_ << '\r' << std::string(width_, ' ') << '\r' << std::flush;
  drawn_ = false;
}

}  // namespace pathcorr
