// The regions' first blocks in a sorted bgzipped VCF, by a binary search over its BGZF blocks (see block_search.h).
#include "pipeline/input/block_search.h"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <iterator>
#include <map>
#include <optional>
#include <string_view>

#include "pipeline/base/errors.h"
#include "pipeline/base/genome.h"
#include "pipeline/base/text.h"
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
  BlockProbe(const std::string& path, const SequenceOrder& order) : file_(path), order_(order) {
    if (!file_.block_at(0)) throw InputError(path + ": not BGZF-compressed");
  }
  size_t size() const { return static_cast<size_t>(file_.size()); }
  // The block that holds byte `at`, probed; nullopt when there is none.
  std::optional<Probe> containing(size_t at) {
    // A byte of a block probed already: its probe, without reading the file again.
    if (auto next = probed_.upper_bound(static_cast<int64_t>(at)); next != probed_.begin()) {
      const Probe& p = std::prev(next)->second;
      if (static_cast<int64_t>(at) < p.end()) return p;
    }
    const std::optional<BgzfBlock> b = file_.block_containing(at);
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
    inflate_.open(file_, b);
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
    const int rank = order_.rank_of(std::string(chrom));
    const LeadingNumber pos = leading_number(pos_text);
    if (rank < 0 || pos.digits != pos_text.size() || pos.value < 1)
      throw InputError(file_.path() + ": the BGZF block at byte " + std::to_string(b.coffset) +
                       " begins a line that is not a record of a sequence the index names ('" +
                       std::string(chrom.substr(0, 40)) + "'); the index does not describe this file");
    return Key{rank, pos.value};
  }
  BgzfFile file_;
  const SequenceOrder& order_;
  std::map<int64_t, Probe> probed_;  // by where each block starts
  BgzfBlockStart inflate_;
};

// A key as a place on the concatenated sequences (their lengths in file order), for interpolation; nullopt when a
// length is not known.
class Coordinates {
 public:
  explicit Coordinates(const std::vector<int64_t>& lengths) {
    int64_t at = 0;
    for (int64_t l : lengths) {
      start_.push_back(l > 0 ? at : -1);
      at += std::max<int64_t>(l, 0);
    }
    total_ = at;
  }
  std::optional<double> of(const Key& k) const {
    if (k.rank == kHeader.rank) return 0.0;
    if (k.rank < 0 || static_cast<size_t>(k.rank) >= start_.size() || start_[k.rank] < 0) return std::nullopt;
    return static_cast<double>(start_[k.rank] + k.pos);
  }
  double end() const { return static_cast<double>(total_); }

 private:
  std::vector<int64_t> start_;
  int64_t total_ = 0;
};

// Where to probe next for `target` among the blocks starting in [a, b) (a < b): lo is the last block known to sort
// before the target, hi (when known) the first known not to, at hi_off (else the end of the file). With the
// sequences' lengths, by interpolation on the place along them (records spread with the genome), every third step
// a bisection so that the worst case stays logarithmic; without them, galloping from lo while no upper block is
// known (the next region is usually a few blocks on), then bisection.
size_t next_guess(const Probe& lo, const std::optional<Key>& hi, int64_t hi_off, size_t a, size_t b, Key target,
                  int step, const Coordinates& coords) {
  double frac = 0.5;
  const std::optional<double> x_lo = coords.of(lo.key), x_t = coords.of(target);
  const std::optional<double> x_hi = hi ? coords.of(*hi) : std::optional<double>(coords.end());
  if (x_lo && x_t && x_hi && *x_hi > *x_lo) {
    if (step % 3 != 2) frac = (*x_t - *x_lo) / (*x_hi - *x_lo);
  } else if (!hi) {
    const double span = static_cast<double>(lo.block.csize) * static_cast<double>(int64_t{2} << std::min(step, 40));
    return std::min(b - 1, a + static_cast<size_t>(std::min(span, static_cast<double>(b - a))) - 1);
  }
  const double from = static_cast<double>(lo.block.coffset), to = static_cast<double>(hi_off);
  const double g = from + std::clamp(frac, 0.0, 1.0) * (to - from);
  return std::clamp(static_cast<size_t>(std::max(g, 0.0)), a, b - 1);
}

}  // namespace

std::vector<IndexedRegion> locate_regions(const std::string& vcf_path, const SequenceOrder& order,
                                          const RegionSet& regions, const std::vector<int64_t>& lengths) {
  const std::vector<std::string>& names = order.names;
  BlockProbe blocks(vcf_path, order);
  const Coordinates coords(lengths.size() == names.size() ? lengths : std::vector<int64_t>(names.size(), 0));
  std::vector<IndexedRegion> out;
  Probe lo = *blocks.containing(0);  // regions come in file order: each search starts where the last ended
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
      for (int step = 0; a < b; ++step) {
        const std::optional<Probe> p = blocks.containing(next_guess(lo, hi, hi_off, a, b, target, step, coords));
        if (!p || p->block.coffset < static_cast<int64_t>(a) || p->block.coffset >= static_cast<int64_t>(b))
          throw InputError(vcf_path + ": damaged BGZF data near byte " + std::to_string(a));
        if (p->key < target) {
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
