// The blocks of a BGZF file, from their headers and footers alone (SAM specification 4.1: each block is a gzip
// member whose extra subfield BC gives the block's size, with the decompressed size ISIZE in its last four bytes),
// and the start of one block decompressed as far as a caller needs. For readers that jump between blocks without
// decompressing the ones they pass over.
//
// The file is read with pread, a few KB around each place looked at. A search looks at a few dozen places of a
// file of megabytes; a mapping of the file faulted each place's pages in and, when it went, cleared them and (with
// threads) stopped the other cores to flush their TLBs: ~9% of an indexed scan's CPU, against copies of ~20 KB a
// place.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace pathcorr {

struct BgzfBlock {
  int64_t coffset = 0;   // where the block starts in the file
  uint32_t header = 0;   // bytes before the deflate data
  uint32_t csize = 0;    // the whole block, header and footer included
  uint32_t usize = 0;    // decompressed
};

// One file's bytes, read where asked. Throws InputError naming the file when it cannot be opened or read.
class BgzfFile {
 public:
  explicit BgzfFile(const std::string& path);
  ~BgzfFile();
  BgzfFile(const BgzfFile&) = delete;
  BgzfFile& operator=(const BgzfFile&) = delete;
  const std::string& path() const { return path_; }
  uint64_t size() const { return size_; }
  // Bytes [at, at + n) of the file, cut at its end, into the start of `buf`, which grows to hold them but is never
  // shrunk (so a buffer read into again and again is not cleared again); returns how many bytes were read.
  size_t read_into(uint64_t at, size_t n, std::string& buf) const;
  // What the last reads of block_at and block_containing hold from byte `at` on (n bytes at most, fewer where
  // they end; empty when they do not hold byte `at`): a block's start is then not read again.
  std::string_view cached(uint64_t at, size_t n) const;

  // The block whose header starts at byte `at`; nullopt when no valid BGZF block starts there.
  std::optional<BgzfBlock> block_at(uint64_t at);
  // The block that holds byte `at`, found without walking the blocks before it: the last candidate header at or
  // before `at` (the gzip magic with a BC subfield) whose block reaches past `at` and is followed by another block
  // or the end of the file (a file is a chain of blocks). nullopt when there is none.
  std::optional<BgzfBlock> block_containing(uint64_t at);

 private:
  // Bytes [at, at + n) cut at the end of the file: a view of the window when it holds them, else of `near_`, read
  // with a few more bytes than asked (a block's footer and the next block's header lie together). Valid until the
  // next call.
  std::string_view bytes(uint64_t at, size_t n);

  std::string path_;
  int fd_ = -1;
  uint64_t size_ = 0;
  std::string window_;  // block_containing's stretch of the file before the byte it looks for
  uint64_t window_at_ = 0;
  size_t window_len_ = 0;
  std::string near_;
  uint64_t near_at_ = 0;
  size_t near_len_ = 0;
};

// Decompresses the start of one block of a file. Each call to more() adds at least `step` bytes (doubling from
// call to call) until the block is done. Throws InputError naming the file when the deflate data is damaged.
class BgzfBlockStart {
 public:
  BgzfBlockStart();
  ~BgzfBlockStart();
  BgzfBlockStart(const BgzfBlockStart&) = delete;
  BgzfBlockStart& operator=(const BgzfBlockStart&) = delete;
  void open(const BgzfFile& file, const BgzfBlock& block);  // `file` is read from until the next open
  bool more();  // false when the whole block is out already
  std::string_view text() const { return std::string_view(out_.get(), produced_); }

 private:
  struct Stream;
  std::unique_ptr<Stream> z_;
  static constexpr size_t kBlockMax = 65536;  // a block's decompressed size at most
  std::unique_ptr<char[]> out_;  // not zeroed: only the `produced_` bytes inflate wrote are read
  size_t produced_ = 0, step_ = 0;
  bool done_ = false;
  const BgzfFile* file_ = nullptr;
  BgzfBlock block_;
  std::string in_;       // the piece of deflate data zlib is given (its start)
  uint64_t in_next_ = 0;  // where the next piece starts in the file
  uint64_t in_end_ = 0;   // where the deflate data ends
};

}  // namespace pathcorr
