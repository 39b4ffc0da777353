// Text set aside on disk (see spool.h).
#include "pipeline/io/spool.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ostream>
#include <vector>

#include "pipeline/base/errors.h"
#include "pipeline/io/atomic_writer.h"

namespace pathcorr {

namespace {

std::string spool_directory(const std::string& output) {
  if (output != "-") {
    const std::string dir = directory_of(output);
    struct stat st {};
    if (stat(dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) return dir;
  }
  const char* tmp = std::getenv("TMPDIR");
  return tmp && *tmp ? tmp : "/tmp";
}

}  // namespace

Spool::Spool(const std::string& output_path) : output_(output_path) {
  const std::string dir = spool_directory(output_path);
  std::string name = dir + "/.pathcorr-spool-XXXXXX";
  fd_ = mkostemp(name.data(), O_CLOEXEC);
  if (fd_ < 0)
    throw IoError(output_ + ": cannot make a temporary file in " + dir + ": " + std::strerror(errno));
  ::unlink(name.c_str());  // unnamed from now on: nothing is left behind, whatever happens
}

Spool::~Spool() {
  if (fd_ >= 0) ::close(fd_);
}

void Spool::write(std::string_view text) {
  while (!text.empty()) {
    const ssize_t n = ::write(fd_, text.data(), text.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      throw IoError(output_ + ": cannot write its temporary file: " + std::strerror(errno));
    }
    text.remove_prefix(static_cast<size_t>(n));
    size_ += static_cast<uint64_t>(n);
  }
}

void Spool::copy_to(std::ostream& os) const {
  std::vector<char> buf(1 << 20);
  for (uint64_t at = 0; at < size_;) {
    const ssize_t n = ::pread(fd_, buf.data(), buf.size(), static_cast<off_t>(at));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0)
      throw IoError(output_ + ": cannot read its temporary file back: " + std::strerror(n < 0 ? errno : EIO));
    os.write(buf.data(), n);
    at += static_cast<uint64_t>(n);
  }
}

}  // namespace pathcorr
