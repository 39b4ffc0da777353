// Atomic output files (see atomic_writer.h): temporary file in the target directory, fsync, rename.
#include "pipeline/io/atomic_writer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <random>
#include <streambuf>
#include <vector>

#include "pipeline/base/errors.h"

namespace pathcorr {

// A streambuf writing straight to a file descriptor, so that commit() can fsync it and report errno.
class AtomicWriter::FdBuf : public std::streambuf {
 public:
  explicit FdBuf(int fd) : fd_(fd), buffer_(1 << 16) { setp(buffer_.data(), buffer_.data() + buffer_.size()); }
  int error() const { return error_; }

 protected:
  int_type overflow(int_type ch) override {
    if (!flush_buffer()) return traits_type::eof();
    if (!traits_type::eq_int_type(ch, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(ch);
      pbump(1);
    }
    return traits_type::not_eof(ch);
  }
  int sync() override { return flush_buffer() ? 0 : -1; }

 private:
  bool flush_buffer() {
    if (error_) return false;
    const char* p = pbase();
    size_t left = static_cast<size_t>(pptr() - pbase());
    while (left > 0) {
      const ssize_t n = ::write(fd_, p, left);
      if (n < 0) {
        if (errno == EINTR) continue;
        error_ = errno;
        return false;
      }
      p += n;
      left -= static_cast<size_t>(n);
    }
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    return true;
  }

  int fd_;
  std::vector<char> buffer_;
  int error_ = 0;
};

std::string directory_of(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
}

AtomicWriter::AtomicWriter(std::string path) : path_(std::move(path)) {
  if (path_.empty()) throw IoError("output file name is empty");
  if (path_ == "-") return;

  struct stat st;
  if (stat(path_.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
    throw IoError(path_ + ": is a directory; give a file name for this output");

  std::random_device rd;
  std::mt19937_64 rng((static_cast<uint64_t>(rd()) << 32) ^ rd() ^ static_cast<uint64_t>(getpid()));
  static const char* hex = "0123456789abcdef";
  int last_errno = 0;
  for (int attempt = 0; attempt < 100; ++attempt) {
    uint64_t r = rng();
    std::string suffix;
    for (int i = 0; i < 12; ++i, r >>= 4) suffix += hex[r & 15];
    const std::string candidate = path_ + ".tmp." + std::to_string(getpid()) + "." + suffix;
    // 0666 & ~umask, like any ordinary output file (mkstemp would give 0600).
    fd_ = ::open(candidate.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd_ >= 0) {
      temp_path_ = candidate;
      break;
    }
    last_errno = errno;
    if (errno != EEXIST) break;
  }
  if (fd_ < 0)
    throw IoError(path_ + ": cannot create output file: " + std::strerror(last_errno));
  buf_ = std::make_unique<FdBuf>(fd_);
  stream_ = std::make_unique<std::ostream>(buf_.get());
}

AtomicWriter::~AtomicWriter() {
  if (path_ == "-" || committed_) return;
  if (fd_ >= 0) ::close(fd_);
  if (!temp_path_.empty()) ::unlink(temp_path_.c_str());
}

std::ostream& AtomicWriter::out() {
  if (path_ == "-") return std::cout;
  return *stream_;
}

void AtomicWriter::commit() {
  if (committed_) return;
  if (path_ == "-") {
    std::cout.flush();
    if (!std::cout) throw IoError("-: write to standard output failed");
    committed_ = true;
    return;
  }
  stream_->flush();
  if (!*stream_ || buf_->error())
    throw IoError(temp_path_ + ": write failed: " + std::strerror(buf_->error() ? buf_->error() : EIO));
  if (::fsync(fd_) != 0) throw IoError(temp_path_ + ": fsync failed: " + std::strerror(errno));
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) throw IoError(temp_path_ + ": close failed: " + std::strerror(errno));
  if (std::rename(temp_path_.c_str(), path_.c_str()) != 0)
    throw IoError(path_ + ": cannot rename " + temp_path_ + " to it: " + std::strerror(errno));
  committed_ = true;
  // Make the rename itself durable; a failure here cannot lose data that was already renamed, so ignore it.
  const int dfd = ::open(directory_of(path_).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    (void)::fsync(dfd);
    ::close(dfd);
  }
}

}  // namespace pathcorr
