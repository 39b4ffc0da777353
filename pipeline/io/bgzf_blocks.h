// The blocks of a BGZF file, from their headers and footers alone (SAM specification 4.1: each block is a gzip
// member whose extra subfield BC gives the block's size, with the decompressed size ISIZE in its last four bytes),
// and the start of one block decompressed as far as a caller needs. For readers that jump between blocks without
// decompressing the ones they pass over.
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

// A file's bytes, mapped read-only (only the pages a search touches are read). Throws InputError when it cannot be
// opened or mapped.
class MappedFile {
 public:
  explicit MappedFile(const std::string& path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  std::string_view bytes() const { return std::string_view(static_cast<const char*>(data_), size_); }

 private:
  void* data_ = nullptr;
  size_t size_ = 0;
};

// The block whose header starts at byte `at` of `raw`; nullopt when no valid BGZF block starts there.
std::optional<BgzfBlock> bgzf_block_at(std::string_view raw, size_t at);

// The block that holds byte `at` of `raw`, found without walking the blocks before it: the last candidate header
// at or before `at` (the gzip magic with a BC subfield) whose block reaches past `at` and is followed by another
// block or the end of the file (a file is a chain of blocks). nullopt when there is none.
std::optional<BgzfBlock> bgzf_block_containing(std::string_view raw, size_t at);

// Decompresses the start of one block of `raw`. Each call to more() adds at least `step` bytes (doubling from
// call to call) until the block is done. Throws InputError naming `path` when the deflate data is damaged.
class BgzfBlockStart {
 public:
  BgzfBlockStart();
  ~BgzfBlockStart();
  BgzfBlockStart(const BgzfBlockStart&) = delete;
  BgzfBlockStart& operator=(const BgzfBlockStart&) = delete;
  void open(std::string_view raw, const BgzfBlock& block, const std::string& path);
  bool more();  // false when the whole block is out already
  std::string_view text() const { return std::string_view(out_.get(), produced_); }

 private:
  struct Stream;
  std::unique_ptr<Stream> z_;
  static constexpr size_t kBlockMax = 65536;  // a block's decompressed size at most
  std::unique_ptr<char[]> out_;  // not zeroed: only the `produced_` bytes inflate wrote are read
  size_t produced_ = 0, step_ = 0;
  bool done_ = false;
  std::string path_;
  int64_t coffset_ = 0;
};

}  // namespace pathcorr
