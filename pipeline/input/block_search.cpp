// The regions' first blocks in a sorted bgzipped VCF, by a binary search over its BGZF blocks (see block_search.h).
#include "pipeline/input/block_search.h"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "pipeline/base/errors.h"
#include "pipeline/base/genome.h"
#include "pipeline/io/bgzf_blocks.h"

namespace pathcorr {

namespace {

// Where a line sorts in the file: the rank of its sequence in file order and its POS. Header lines sort before
// every record; a block with no whole line of its own sorts after everything, so the search never starts there.
struct Key {
  int rank = 0;
  int64_t pos = 0;
  bool operator<(const Key& o) const { return rank != o.rank ? rank < o.rank : pos < o.pos; }
};
constexpr Key kHeader{-1, 0};
constexpr Key kNoLine{INT_MAX, 0};

// A block and where its first whole line sorts.
struct Probe {
  BgzfBlock block;
  Key key;
  uint32_t line_start = 0;  // offset of that line in the decompressed block
  int64_t end() const { return block.coffset + block.csize; }
};

// The blocks of one file, found from byte offsets (no walk over every block header), and their keys, each block
// decompressed (its start only) once.
class BlockProbe {
 public:
  BlockProbe(const std::string& path, const std::vector<std::string>& names)
      : path_(path), file_(path), raw_(file_.bytes()) {
    if (!bgzf_block_at(raw_, 0)) throw InputError(path + ": not BGZF-compressed");
    for (size_t r = 0; r < names.size(); ++r) rank_.emplace(names[r], static_cast<int>(r));
  }
  size_t size() const { return raw_.size(); }
  // The first block that starts at or after byte `from`, probed; nullopt when there is none.
  std::optional<Probe> at_or_after(size_t from) {
    const std::optional<BgzfBlock> b = bgzf_block_from(raw_, from);
    if (!b) return std::nullopt;
    auto it = probed_.find(b->coffset);
    if (it == probed_.end()) it = probed_.emplace(b->coffset, probe(*b)).first;
    return it->second;
  }

 private:
  Probe probe(const BgzfBlock& b) {
    Probe p{b, kNoLine, 0};
    if (b.coffset == 0) {  // the file begins with its header (##fileformat): reading from 0 is always safe
      p.key = kHeader;
      return p;
    }
    inflate_.open(raw_, b, path_);
    while (inflate_.more()) {
      const std::string_view t = inflate_.text();
      const size_t nl = t.find('\n');
      if (nl == std::string_view::npos) continue;
      if (nl + 1 < t.size() && t[nl + 1] == '#') {  // still in the header
        p.key = kHeader;
        p.line_start = static_cast<uint32_t>(nl + 1);
        return p;
      }
      const size_t t1 = t.find('\t', nl + 1);
      const size_t t2 = t1 == std::string_view::npos ? t1 : t.find('\t', t1 + 1);
      if (t2 == std::string_view::npos) continue;  // CHROM and POS not out yet
      p.key = key_of(t.substr(nl + 1, t1 - nl - 1), t.substr(t1 + 1, t2 - t1 - 1), b);
      p.line_start = static_cast<uint32_t>(nl + 1);
      return p;
    }
    return p;  // a line longer than the block, or the block ends with a newline: kNoLine
  }
  Key key_of(std::string_view chrom, std::string_view pos_text, const BgzfBlock& b) const {
    const auto it = rank_.find(std::string(chrom));
    int64_t pos = 0;
    for (char c : pos_text) {
      if (c < '0' || c > '9' || pos > (int64_t{1} << 58)) {
        pos = -1;
        break;
      }
      pos = pos * 10 + (c - '0');
    }
    if (it == rank_.end() || pos < 1)
      throw InputError(path_ + ": the BGZF block at byte " + std::to_string(b.coffset) +
                       " begins a line that is not a record of a sequence the index names ('" +
                       std::string(chrom.substr(0, 40)) + "'); the index does not describe this file");
    return Key{it->second, pos};
  }
  std::string path_;
  MappedFile file_;
  std::string_view raw_;
  std::unordered_map<std::string, int> rank_;
  std::unordered_map<int64_t, Probe> probed_;
  BgzfBlockStart inflate_;
};

// Where to probe next for `target` among the blocks starting in [a, b) (a < b): lo is the last block known to sort
// before the target, hi (when known) the first known not to, at hi_off. Galloping from lo while no upper block
// is known (the next region is usually a few blocks on); then, within one sequence, by interpolation on POS, every
// other step a bisection so that the worst case stays logarithmic.
size_t next_guess(const Probe& lo, const std::optional<Key>& hi, int64_t hi_off, size_t a, size_t b, Key target,
                  int step) {
  double frac = 0.5;
  if (!hi) {
    const double span = static_cast<double>(lo.block.csize) * static_cast<double>(int64_t{2} << std::min(step, 40));
    return std::min(b - 1, a + static_cast<size_t>(std::min(span, static_cast<double>(b - a))) - 1);
  }
  if (step % 2 == 0 && hi->rank == target.rank && lo.key.rank == target.rank && hi->pos > lo.key.pos)
    frac = static_cast<double>(target.pos - lo.key.pos) / static_cast<double>(hi->pos - lo.key.pos);
  const double from = static_cast<double>(lo.block.coffset), to = static_cast<double>(hi_off);
  const double g = from + frac * (to - from);
  return std::clamp(static_cast<size_t>(std::max(g, 0.0)), a, b - 1);
}

}  // namespace

std::vector<IndexedRegion> locate_regions(const std::string& vcf_path, const std::vector<std::string>& names,
                                          const RegionSet& regions) {
  BlockProbe blocks(vcf_path, names);
  std::vector<IndexedRegion> out;
  Probe lo = *blocks.at_or_after(0);  // regions come in file order: each search starts where the last ended
  for (size_t r = 0; r < names.size(); ++r) {
    const std::vector<GenomicInterval>* wanted = regions.intervals(canonical_chrom(names[r]));
    if (!wanted) continue;
    for (const GenomicInterval& iv : *wanted) {
      // The last block whose first whole line sorts before the region's start: the region's first record
      // begins after that line. Block 0 (the header) always qualifies. Blocks are contiguous: the one after lo
      // starts at lo.end(); [a, b) is where blocks not yet ruled out start.
      const Key target{static_cast<int>(r), iv.first};
      std::optional<Key> hi;
      int64_t hi_off = static_cast<int64_t>(blocks.size());
      size_t a = static_cast<size_t>(lo.end()), b = blocks.size();
      bool missed = false;
      for (int step = 0; a < b; ++step) {
        // After a guess that found no block before b, the block at a (blocks are contiguous) is the one left.
        const size_t g = missed ? a : next_guess(lo, hi, hi_off, a, b, target, step);
        missed = false;
        const std::optional<Probe> p = blocks.at_or_after(g);
        if (!p || p->block.coffset >= static_cast<int64_t>(b)) {
          b = g;  // no block starts in [g, b)
          missed = true;
        } else if (p->key < target) {
          lo = *p;
          a = static_cast<size_t>(lo.end());
        } else {
          hi = p->key;
          hi_off = p->block.coffset;
          b = static_cast<size_t>(hi_off);
        }
      }
      const uint64_t start = static_cast<uint64_t>(lo.block.coffset) << 16 | lo.line_start;
      IndexedRegion region{names[r], iv.first, iv.second, {{start, UINT64_MAX}}};
      region.open_end = true;
      region.seq_rank = static_cast<int>(r);
      out.push_back(std::move(region));
    }
  }
  return out;
}

}  // namespace pathcorr
