// The index of a bgzipped text VCF, read for a few regions (see text_index.h).
#include "pipeline/input/text_index.h"

#include <htslib/bgzf.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>

#include "pipeline/base/errors.h"
#include "pipeline/base/genome.h"
#include "pipeline/io/bgzf_blocks.h"

namespace pathcorr {

namespace {

struct BgzfCloser {
  void operator()(BGZF* f) const { bgzf_close(f); }
};

// The decompressed index, read front to back; every read checks that the bytes are there.
class Cursor {
 public:
  Cursor(std::string_view data, std::string path) : data_(data), path_(std::move(path)) {}
  template <typename T>
  T get() {
    T v;
    std::memcpy(&v, take(sizeof(T)), sizeof(T));  // the formats are little-endian, as this machine
    return v;
  }
  const char* take(size_t n) {
    if (data_.size() - at_ < n) throw InputError(path_ + ": damaged index (cut short)");
    const char* p = data_.data() + at_;
    at_ += n;
    return p;
  }
  void skip(size_t n) { take(n); }
  int32_t count(const char* what) {
    const int32_t n = get<int32_t>();
    if (n < 0) throw InputError(path_ + ": damaged index (negative " + what + ")");
    return n;
  }

 private:
  std::string_view data_;
  std::string path_;
  size_t at_ = 0;
};

// The whole decompressed index, in a buffer each thread keeps: an index is megabytes, and fresh memory for every
// file of a cohort costs more in page faults than the decompression.
std::string_view read_all(const std::string& path) {
  static thread_local std::string buf;
  std::unique_ptr<BGZF, BgzfCloser> f(bgzf_open(path.c_str(), "r"));
  if (!f) throw InputError(path + ": cannot open the index");
  size_t used = 0;
  for (;;) {
    if (buf.size() - used < (1 << 16)) buf.resize(std::max<size_t>(buf.size() * 2, 1 << 20));
    const ssize_t n = bgzf_read(f.get(), &buf[used], buf.size() - used);
    if (n < 0) throw InputError(path + ": damaged index (BGZF)");
    if (n == 0) break;
    used += static_cast<size_t>(n);
  }
  return std::string_view(buf.data(), used);
}

// Sequence names of the tabix header part (format, columns, meta, skip, then l_nm bytes of NUL-ended names).
std::vector<std::string> read_names(Cursor& c, const std::string& path) {
  const int32_t format = c.get<int32_t>();
  if ((format & 0xffff) != 2) throw InputError(path + ": the index is not of a VCF (tabix format " +
                                               std::to_string(format & 0xffff) + ")");
  c.skip(5 * sizeof(int32_t));  // col_seq, col_beg, col_end, meta, skip
  const int32_t l_nm = c.count("name length");
  const char* p = c.take(static_cast<size_t>(l_nm));
  std::vector<std::string> names;
  for (const char* e = p + l_nm; p < e;) {
    const size_t n = strnlen(p, static_cast<size_t>(e - p));
    names.emplace_back(p, n);
    p += n + 1;
  }
  return names;
}

// The 0-based, half-open span of a bin (hts-specs: level l holds bins from ((1 << 3l) - 1) / 7, each 2^(min_shift
// + 3 (depth - l)) long); false for the pseudo-bin of metadata and anything beyond the deepest level.
bool bin_span(uint32_t bin, int min_shift, int depth, int64_t* beg, int64_t* end) {
  uint64_t first = 0;
  for (int level = 0; level <= depth; ++level) {
    const uint64_t next = first + (uint64_t{1} << (3 * level));
    if (bin < next) {
      const int shift = min_shift + 3 * (depth - level);
      *beg = static_cast<int64_t>((bin - first) << shift);
      *end = static_cast<int64_t>((bin - first + 1) << shift);
      return true;
    }
    first = next;
  }
  return false;
}

void merge_chunks(std::vector<std::pair<uint64_t, uint64_t>>& v) {
  std::sort(v.begin(), v.end());
  std::vector<std::pair<uint64_t, uint64_t>> out;
  for (const auto& c : v) {
    if (!out.empty() && c.first <= out.back().second) out.back().second = std::max(out.back().second, c.second);
    else out.push_back(c);
  }
  v.swap(out);
}

// The header of a tabix or CSI index: the binning scheme and the sequence names in file order.
struct IndexHeader {
  bool csi = false;
  int min_shift = 14, depth = 5;
  std::vector<std::string> names;
};

IndexHeader read_header(Cursor& c, const std::string& path) {
  IndexHeader h;
  const char* magic = c.take(4);
  h.csi = std::memcmp(magic, "CSI\1", 4) == 0;
  if (!h.csi && std::memcmp(magic, "TBI\1", 4) != 0) throw InputError(path + ": not a tabix (.tbi) or CSI index");
  int32_t n_ref = 0;
  if (h.csi) {
    h.min_shift = c.get<int32_t>();
    h.depth = c.get<int32_t>();
    const int32_t l_aux = c.count("aux length");
    if (h.min_shift < 0 || h.min_shift > 30 || h.depth < 0 || h.depth > 10)
      throw InputError(path + ": damaged CSI index");
    if (l_aux < 28) throw InputError(path + ": a CSI index without sequence names (of a BCF, not a VCF)");
    Cursor aux(std::string_view(c.take(static_cast<size_t>(l_aux)), static_cast<size_t>(l_aux)), path);
    h.names = read_names(aux, path);
    n_ref = c.count("sequence count");
  } else {
    n_ref = c.count("sequence count");
    h.names = read_names(c, path);
  }
  if (static_cast<size_t>(n_ref) != h.names.size())
    throw InputError(path + ": damaged index (" + std::to_string(n_ref) + " sequences, " +
                     std::to_string(h.names.size()) + " names)");
  return h;
}

// How many bytes the header of an index takes (magic to the sequence names, and a CSI's sequence count), from its
// first bytes; 0 while they do not tell yet.
size_t header_size(std::string_view t) {
  const auto i32 = [&](size_t at) {
    int32_t v;
    std::memcpy(&v, t.data() + at, 4);
    return v;
  };
  if (t.size() < 16) return 0;
  if (t.compare(0, 4, "CSI\1") == 0) return i32(12) < 0 ? SIZE_MAX : 16 + static_cast<size_t>(i32(12)) + 4;
  if (t.size() < 36) return 0;
  return i32(32) < 0 ? SIZE_MAX : 36 + static_cast<size_t>(i32(32));
}

}  // namespace

SequenceOrder::SequenceOrder(std::vector<std::string> in_order) : names(std::move(in_order)) {
  for (size_t r = 0; r < names.size(); ++r) rank.emplace(names[r], static_cast<int>(r));
}

int SequenceOrder::rank_of(const std::string& name) const {
  const auto it = rank.find(name);
  return it == rank.end() ? -1 : it->second;
}

namespace {

std::vector<std::string> text_index_names(const std::string& path) {
  {  // The names are usually in the first few hundred bytes of the first block: decompressed that far only.
    BgzfFile file(path);
    if (const std::optional<BgzfBlock> first = file.block_at(0)) {
      BgzfBlockStart start;
      start.open(file, *first);
      while (start.more()) {
        const size_t need = header_size(start.text());
        if (need == 0 || need == SIZE_MAX || need > start.text().size()) continue;
        Cursor c(start.text(), path);
        return read_header(c, path).names;
      }
    }
  }
  Cursor c(read_all(path), path);  // names beyond the first block, or an index that is not BGZF: the whole way
  return read_header(c, path).names;
}

}  // namespace

SequenceOrder text_index_order(const std::string& path) { return SequenceOrder(text_index_names(path)); }

std::vector<IndexedRegion> query_text_index(const std::string& path, const RegionSet& regions) {
  Cursor c(read_all(path), path);
  const IndexHeader h = read_header(c, path);
  const bool csi = h.csi;
  const int min_shift = h.min_shift, depth = h.depth;
  const std::vector<std::string>& names = h.names;
  const int32_t n_ref = static_cast<int32_t>(names.size());
  std::vector<IndexedRegion> out;
  for (int32_t r = 0; r < n_ref; ++r) {
    const std::vector<GenomicInterval>* wanted = regions.intervals(canonical_chrom(names[r]));
    const size_t base = out.size();
    if (wanted)
      for (const auto& iv : *wanted) out.push_back({names[r], iv.first, iv.second, {}});
    const int32_t n_bin = c.count("bin count");
    for (int32_t b = 0; b < n_bin; ++b) {
      const uint32_t bin = c.get<uint32_t>();
      if (csi) c.skip(sizeof(uint64_t));  // loffset
      const int32_t n_chunk = c.count("chunk count");
      const char* chunks = c.take(static_cast<size_t>(n_chunk) * 16);
      int64_t beg = 0, end = 0;
      if (!wanted || !bin_span(bin, min_shift, depth, &beg, &end)) continue;
      for (size_t k = base; k < out.size(); ++k) {
        if (out[k].start - 1 >= end || out[k].end <= beg) continue;  // [start-1, end) against [beg, end)
        for (int32_t j = 0; j < n_chunk; ++j) {
          uint64_t u, v;
          std::memcpy(&u, chunks + 16 * j, 8);
          std::memcpy(&v, chunks + 16 * j + 8, 8);
          out[k].chunks.emplace_back(u, v);
        }
      }
    }
    if (!csi) {
      // The linear index: the first record overlapping each 16 kb window; nothing before it is wanted.
      const int32_t n_intv = c.count("interval count");
      const char* ioff = c.take(static_cast<size_t>(n_intv) * 8);
      for (size_t k = base; k < out.size() && n_intv > 0; ++k) {
        const int64_t w = std::min<int64_t>((out[k].start - 1) >> 14, n_intv - 1);
        uint64_t min_off;
        std::memcpy(&min_off, ioff + 8 * w, 8);
        auto& v = out[k].chunks;
        v.erase(std::remove_if(v.begin(), v.end(), [&](const auto& ch) { return ch.second <= min_off; }), v.end());
        for (auto& ch : v) ch.first = std::max(ch.first, min_off);
      }
    }
    for (size_t k = base; k < out.size(); ++k) merge_chunks(out[k].chunks);
  }
  out.erase(std::remove_if(out.begin(), out.end(), [](const IndexedRegion& r) { return r.chunks.empty(); }),
            out.end());
  // Sequences in the order their records lie in the file (the first chunk of any of their regions; a chunk of a
  // large bin may start before a region's own records, so not region by region), regions by position within.
  std::map<std::string, uint64_t> seq_first;
  for (const auto& r : out) {
    auto [it, fresh] = seq_first.emplace(r.seq, r.chunks.front().first);
    if (!fresh) it->second = std::min(it->second, r.chunks.front().first);
  }
  std::sort(out.begin(), out.end(), [&](const IndexedRegion& a, const IndexedRegion& b) {
    const uint64_t fa = seq_first.at(a.seq), fb = seq_first.at(b.seq);
    return fa != fb ? fa < fb : a.seq != b.seq ? a.seq < b.seq : a.start < b.start;
  });
  return out;
}

}  // namespace pathcorr
