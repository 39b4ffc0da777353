// BGZF blocks without htslib's reader (see bgzf_blocks.h).
#include "pipeline/io/bgzf_blocks.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <new>

#include "pipeline/base/errors.h"

namespace pathcorr {

namespace {

uint32_t u16(std::string_view s, size_t at) {
  return static_cast<uint32_t>(static_cast<unsigned char>(s[at])) |
         static_cast<uint32_t>(static_cast<unsigned char>(s[at + 1])) << 8;
}

// How far back block_containing reads at once: a block's compressed size is at most 64 KiB, mostly 10-20 KiB for
// a VCF, so the block holding a byte starts within this stretch before it about half the time, else mostly
// within the stretch before that. Reading 16 KiB at once copied 1.6x the bytes for 3% fewer reads (the searches
// of 200 exomes: 165 MB in 26,100 reads against 102 MB in 27,000).
constexpr uint64_t kWindow = 8192;
// How much bytes() reads past what it is asked for outside the window: a footer (4 bytes), the next header
// (12) and its extra field (6 in every BGZF writer known) are then one read.
constexpr size_t kNear = 128;

}  // namespace

BgzfFile::BgzfFile(const std::string& path) : path_(path) {
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) throw InputError(path + ": cannot open");
  struct stat st {};
  if (fstat(fd_, &st) != 0) {
    ::close(fd_);
    throw InputError(path + ": cannot read its size");
  }
  size_ = static_cast<uint64_t>(st.st_size);
}

BgzfFile::~BgzfFile() { ::close(fd_); }

size_t BgzfFile::read_into(uint64_t at, size_t n, std::string& buf) const {
  n = at >= size_ ? 0 : static_cast<size_t>(std::min<uint64_t>(n, size_ - at));
  if (buf.size() < n) buf.resize(n);  // grown, never shrunk: a buffer read into again is not cleared again
  for (size_t got = 0; got < n;) {
    const ssize_t r = ::pread(fd_, buf.data() + got, n - got, static_cast<off_t>(at + got));
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) throw InputError(path_ + ": cannot read at byte " + std::to_string(at + got) + ": " + std::strerror(errno));
    if (r == 0)
      throw InputError(path_ + ": the file ended at byte " + std::to_string(at + got) + ", before the " +
                       std::to_string(size_) + " bytes it had when opened (was it changed while being read?)");
    got += static_cast<size_t>(r);
  }
  return n;
}

std::string_view BgzfFile::bytes(uint64_t at, size_t n) {
  n = at >= size_ ? 0 : static_cast<size_t>(std::min<uint64_t>(n, size_ - at));
  if (const std::string_view have = cached(at, n); have.size() == n) return have;
  near_len_ = read_into(at, std::max(n, kNear), near_);
  near_at_ = at;
  return std::string_view(near_.data(), n);
}

std::string_view BgzfFile::cached(uint64_t at, size_t n) const {
  if (at >= window_at_ && at < window_at_ + window_len_)
    return std::string_view(window_.data() + (at - window_at_), std::min<uint64_t>(n, window_at_ + window_len_ - at));
  if (at >= near_at_ && at < near_at_ + near_len_)
    return std::string_view(near_.data() + (at - near_at_), std::min<uint64_t>(n, near_at_ + near_len_ - at));
  return {};
}

std::optional<BgzfBlock> BgzfFile::block_at(uint64_t at) {
  if (at > size_ || size_ - at < 18) return std::nullopt;
  uint32_t xlen = 0;
  {
    const std::string_view h = bytes(at, 12);
    if (h.compare(0, 4, "\x1f\x8b\x08\x04") != 0) return std::nullopt;
    xlen = u16(h, 10);
  }
  uint32_t bsize = 0;
  {
    // The extra field's subfields, and two bytes past it, as far as the file goes (a subfield's header inside
    // the field is read with its first two data bytes).
    const std::string_view e = bytes(at + 12, xlen + 2);
    for (size_t x = 0; x + 4 <= xlen && x + 6 <= e.size(); x += 4 + u16(e, x + 2))
      if (e[x] == 'B' && e[x + 1] == 'C' && u16(e, x + 2) == 2) bsize = u16(e, x + 4) + 1;
  }
  if (bsize < 12 + xlen + 8 || size_ - at < bsize) return std::nullopt;
  uint32_t isize = 0;
  std::memcpy(&isize, bytes(at + bsize - 4, 4).data(), 4);  // little-endian, as this machine
  if (isize > 65536) return std::nullopt;
  return BgzfBlock{static_cast<int64_t>(at), 12 + xlen, bsize, isize};
}

std::optional<BgzfBlock> BgzfFile::block_containing(uint64_t at) {
  if (at >= size_) return std::nullopt;
  const uint64_t floor = at > 65536 + 64 ? at - 65536 - 64 : 0;  // a block is at most 64 KiB
  // Candidates lie in [floor, end); they are read a window at a time, from `at` back (with 64 bytes past the
  // window, so that the header of a candidate near its end is read with it).
  for (uint64_t end = at + 1; end > floor;) {
    const uint64_t lo = end - floor > kWindow ? end - kWindow : floor;
    window_len_ = read_into(lo, static_cast<size_t>(end - lo) + 64, window_);
    window_at_ = lo;
    for (uint64_t e = end; e > lo;) {
      // The last 0x1f before `e` (memrchr: the scan is most of a search's own cost otherwise).
      const void* hit = memrchr(window_.data(), 0x1f, static_cast<size_t>(e - lo));
      if (!hit) break;
      const uint64_t c = lo + static_cast<uint64_t>(static_cast<const char*>(hit) - window_.data());
      const std::optional<BgzfBlock> b = block_at(c);
      if (b && c + b->csize > at) {
        const uint64_t next = c + b->csize;
        if (next == size_ || block_at(next)) return b;
      }
      e = c;
    }
    end = lo;
  }
  return std::nullopt;
}

struct BgzfBlockStart::Stream {
  z_stream z{};
};

BgzfBlockStart::BgzfBlockStart() : z_(std::make_unique<Stream>()), out_(new char[kBlockMax]) {
  // raw deflate: the gzip header and footer are the block's
  if (inflateInit2(&z_->z, -15) != Z_OK) throw std::bad_alloc();
}

BgzfBlockStart::~BgzfBlockStart() { inflateEnd(&z_->z); }

void BgzfBlockStart::open(const BgzfFile& file, const BgzfBlock& block) {
  inflateReset(&z_->z);
  z_->z.next_in = nullptr;
  z_->z.avail_in = 0;
  file_ = &file;
  block_ = block;
  in_next_ = static_cast<uint64_t>(block.coffset) + block.header;
  in_end_ = static_cast<uint64_t>(block.coffset) + block.csize - 8;
  produced_ = 0;
  step_ = 256;  // a line or two of a VCF: most probes need no second call
  done_ = block.usize == 0;
}

bool BgzfBlockStart::more() {
  if (done_) return false;
  constexpr size_t kPiece = 4096;  // deflate data given to zlib at a time: a probe's first line takes ~1 KB
  const size_t want = std::min(step_, kBlockMax - produced_);
  z_stream& z = z_->z;
  z.next_out = reinterpret_cast<Bytef*>(out_.get() + produced_);
  z.avail_out = static_cast<uInt>(want);
  int ret = Z_OK;
  for (;;) {
    if (z.avail_in == 0 && in_next_ < in_end_) {  // the next piece, from what the file has read already if it can
      const size_t n = static_cast<size_t>(std::min<uint64_t>(kPiece, in_end_ - in_next_));
      const std::string_view have = file_->cached(in_next_, n);
      size_t got = have.size();
      if (got == 0) {
        got = file_->read_into(in_next_, n, in_);
      } else {
        if (in_.size() < got) in_.resize(kPiece);
        std::memcpy(in_.data(), have.data(), got);
      }
      in_next_ += got;
      z.next_in = reinterpret_cast<Bytef*>(in_.data());
      z.avail_in = static_cast<uInt>(got);
    }
    ret = inflate(&z, Z_SYNC_FLUSH);
    if (ret != Z_OK && ret != Z_BUF_ERROR) break;                 // the block's end, or damage
    if (z.avail_out > 0 && z.avail_in == 0 && in_next_ < in_end_) continue;  // more data to give for this step
    break;
  }
  if (ret != Z_OK && ret != Z_STREAM_END && ret != Z_BUF_ERROR)
    throw InputError(file_->path() + ": damaged compressed data in the BGZF block at byte " +
                     std::to_string(block_.coffset));
  produced_ += want - z.avail_out;
  done_ = ret == Z_STREAM_END || produced_ == kBlockMax ||
          (ret == Z_BUF_ERROR && z.avail_in == 0 && in_next_ >= in_end_);
  step_ *= 2;
  return true;
}

}  // namespace pathcorr
