// BGZF blocks without htslib's reader (see bgzf_blocks.h).
#include "pipeline/io/bgzf_blocks.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cstring>
#include <memory>
#include <new>

#include "pipeline/base/errors.h"

namespace pathcorr {

MappedFile::MappedFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) throw InputError(path + ": cannot open");
  struct stat st {};
  if (fstat(fd, &st) != 0) {
    ::close(fd);
    throw InputError(path + ": cannot read its size");
  }
  size_ = static_cast<size_t>(st.st_size);
  if (size_ > 0) {
    data_ = mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
    if (data_ == MAP_FAILED) {
      data_ = nullptr;
      ::close(fd);
      throw InputError(path + ": cannot map it into memory");
    }
  }
  ::close(fd);
}

MappedFile::~MappedFile() {
  if (data_) munmap(data_, size_);
}

namespace {

uint32_t u16(std::string_view raw, size_t at) {
  return static_cast<uint32_t>(static_cast<unsigned char>(raw[at])) |
         static_cast<uint32_t>(static_cast<unsigned char>(raw[at + 1])) << 8;
}

}  // namespace

std::optional<BgzfBlock> bgzf_block_at(std::string_view raw, size_t at) {
  if (at > raw.size() || raw.size() - at < 18 || raw.compare(at, 4, "\x1f\x8b\x08\x04") != 0) return std::nullopt;
  const size_t xlen = u16(raw, at + 10);
  size_t bsize = 0;
  for (size_t x = at + 12; x + 4 <= at + 12 + xlen && x + 6 <= raw.size(); x += 4 + u16(raw, x + 2))
    if (raw[x] == 'B' && raw[x + 1] == 'C' && u16(raw, x + 2) == 2) bsize = u16(raw, x + 4) + 1;
  if (bsize < 12 + xlen + 8 || raw.size() - at < bsize) return std::nullopt;
  uint32_t isize;
  std::memcpy(&isize, raw.data() + at + bsize - 4, 4);  // little-endian, as this machine
  if (isize > 65536) return std::nullopt;
  return BgzfBlock{static_cast<int64_t>(at), static_cast<uint32_t>(12 + xlen), static_cast<uint32_t>(bsize), isize};
}

std::optional<BgzfBlock> bgzf_block_containing(std::string_view raw, size_t at) {
  if (at >= raw.size()) return std::nullopt;
  const size_t floor = at > 65536 + 64 ? at - 65536 - 64 : 0;  // a block is at most 64 KiB
  for (size_t end = at + 1; end > floor;) {
    // The last 0x1f at or before `end - 1` (memrchr: the scan is most of a probe's cost otherwise).
    const void* hit = memrchr(raw.data() + floor, 0x1f, end - floor);
    if (!hit) return std::nullopt;
    const size_t c = static_cast<size_t>(static_cast<const char*>(hit) - raw.data());
    const std::optional<BgzfBlock> b = bgzf_block_at(raw, c);
    if (b && c + b->csize > at) {
      const size_t next = c + b->csize;
      if (next == raw.size() || bgzf_block_at(raw, next)) return b;
    }
    end = c;
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

void BgzfBlockStart::open(std::string_view raw, const BgzfBlock& block, const std::string& path) {
  inflateReset(&z_->z);
  z_->z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(raw.data() + block.coffset + block.header));
  z_->z.avail_in = block.csize - block.header - 8;
  produced_ = 0;
  step_ = 256;  // a line or two of a VCF: most probes need no second call
  done_ = block.usize == 0;
  path_ = path;
  coffset_ = block.coffset;
}

bool BgzfBlockStart::more() {
  if (done_) return false;
  const size_t want = std::min(step_, kBlockMax - produced_);
  z_->z.next_out = reinterpret_cast<Bytef*>(out_.get() + produced_);
  z_->z.avail_out = static_cast<uInt>(want);
  const int ret = inflate(&z_->z, Z_SYNC_FLUSH);
  if (ret != Z_OK && ret != Z_STREAM_END && ret != Z_BUF_ERROR)
    throw InputError(path_ + ": damaged compressed data in the BGZF block at byte " + std::to_string(coffset_));
  produced_ += want - z_->z.avail_out;
  done_ = ret == Z_STREAM_END || produced_ == kBlockMax || (ret == Z_BUF_ERROR && z_->z.avail_in == 0);
  step_ *= 2;
  return true;
}

}  // namespace pathcorr
