// VCF/BCF input through an index, and the raw-record prefilter of streaming (see vcf_input.h).
#include <htslib/bgzf.h>
#include <htslib/hts.h>
#include <sys/stat.h>

#include <algorithm>
#include <climits>
#include <cstring>
#include <optional>
#include <utility>

#include "pipeline/base/errors.h"
#include "pipeline/base/genome.h"
#include "pipeline/base/text.h"
#include "pipeline/input/block_search.h"
#include "pipeline/input/text_index.h"
#include "pipeline/input/vcf_input.h"

namespace pathcorr {

namespace {

bool file_mtime(const std::string& path, struct timespec* t, off_t* size = nullptr) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
  *t = st.st_mtim;
  if (size) *size = st.st_size;
  return true;
}

// Whole seconds: a checkout or copy that writes the file and its index within one second keeps the index.
bool older(const struct timespec& a, const struct timespec& b) { return a.tv_sec < b.tv_sec; }

}  // namespace

// A text VCF's regions: by a search over its blocks (input/block_search.h) when that reads less than the index
// would. The search probes a few block starts per region wherever the sequences lie, while the index is
// decompressed whole, and an exome's index is a quarter of its file: so the search for files up to 32 times their
// index (an exome with its .tbi: about 5 times) and 32 MB (`by_blocks`); the index's bins for larger ones (a
// genome, whose records would take many more probes).
std::vector<IndexedRegion> VcfReader::text_regions(const std::string& idx_path, const RegionSet& regions,
                                                   bool by_blocks) {
  if (!by_blocks) return query_text_index(idx_path, regions);
  seq_order_ = text_index_order(idx_path);
  std::vector<int64_t> lengths;  // from the header's ##contig lines (0 when not given)
  for (const std::string& name : seq_order_.names) {
    const int id = bcf_hdr_name2id(hdr_.get(), name.c_str());
    lengths.push_back(id >= 0 ? static_cast<int64_t>(hdr_->id[BCF_DT_CTG][id].val->info[0]) : 0);
  }
  return locate_regions(path_, seq_order_, regions, lengths);
}

bool raw_filter_passes(std::string_view filter) { return filter == "PASS" || filter == "."; }

bool VcfReader::use_index(const RegionSet& regions) {
  if (!bgzf_ || nrec_ > 0) return false;
  // The index beside the file: .csi first (as htslib looks), then .tbi for a bgzipped VCF.
  std::string idx_path;
  struct timespec idx_time {}, data_time {};
  off_t idx_size = 0, data_size = 0;
  for (const char* ext : {".csi", ".tbi"}) {
    if (!text_ && std::strcmp(ext, ".tbi") == 0) continue;
    if (file_mtime(path_ + ext, &idx_time, &idx_size)) {
      idx_path = path_ + ext;
      break;
    }
  }
  if (idx_path.empty() || !file_mtime(path_, &data_time, &data_size)) return false;
  const std::string kind_prefix = "index not used, whole file read: ";
  if (older(idx_time, data_time)) {
    warnings_.push_back({kind_prefix + "the index is older than the file",
                         path_ + ": the index " + idx_path + " is older than the file; it is not used and the whole "
                         "file is read (re-index with bcftools index or tabix)"});
    return false;
  }
  const auto refused = [&](const std::string& why) {
    itrs_.clear();
    text_regions_.clear();
    idx_.reset();
    warnings_.push_back({kind_prefix + "the index is damaged or refused",
                         path_ + ": cannot use the index " + idx_path + " (" + why +
                             "); it is not used and the whole file is read (re-index with bcftools index or tabix)"});
    return false;
  };
  if (text_) {
    try {
      text_regions_ = text_regions(idx_path, regions, data_size <= (off_t{32} << 20) && data_size <= 32 * idx_size);
    } catch (const InputError& e) {
      return refused(e.what());
    }
    index_empty_ = text_regions_.empty();
  } else if (!open_bcf_index(idx_path, regions)) {
    return refused("htslib cannot load or query it");
  }
  has_pending_record_ = false;  // a record read with the header comes back through the index if it is wanted
  return true;
}

// BCF: htslib's iterators over the regions (a BCF's records are binary: htslib reads them), sequences in the order
// their records lie in the file (first chunk offset).
bool VcfReader::open_bcf_index(const std::string& idx_path, const RegionSet& regions) {
  idx_.reset(bcf_index_load2(path_.c_str(), idx_path.c_str()));
  if (!idx_) return false;
  std::vector<std::pair<uint64_t, size_t>> order;  // (first offset, first iterator of the sequence)
  std::vector<std::unique_ptr<hts_itr_t, HtsItrDeleter>> its;
  std::vector<GenomicInterval> spans;
  for (int tid = 0; tid < hdr_->n[BCF_DT_CTG]; ++tid) {
    const std::vector<GenomicInterval>* iv = regions.intervals(canonical_chrom(bcf_hdr_id2name(hdr_.get(), tid)));
    if (!iv) continue;
    uint64_t first = UINT64_MAX;
    const size_t from = its.size();
    for (const GenomicInterval& r : *iv) {
      hts_itr_t* it = bcf_itr_queryi(idx_.get(), tid, r.first - 1, r.second);
      if (!it) return false;
      if (it->n_off > 0) first = std::min<uint64_t>(first, it->off[0].u);
      its.emplace_back(it);
      spans.push_back(r);
    }
    if (first != UINT64_MAX) order.emplace_back(first, from);
  }
  std::sort(order.begin(), order.end());
  for (const auto& [first, from] : order) {
    (void)first;
    const int tid = its[from]->tid;
    for (size_t k = from; k < its.size() && its[k]->tid == tid; ++k) {
      itr_spans_.push_back(spans[k]);
      itrs_.push_back(std::move(its[k]));
    }
  }
  index_empty_ = itrs_.empty();
  return true;
}

// The next record of the index regions: the text line (text VCF) or the record (BCF, into rec_). Returns >= 0,
// -1 at the end, < -1 on a read error. A record is given by the region its POS lies in (one at most: the regions
// are merged), so a long record overlapping two regions is given once.
int VcfReader::next_indexed(kstring_t* line) {
  if (text_) return next_indexed_line(line);
  while (itr_at_ < itrs_.size()) {
    const int ret = bcf_itr_next(fp_.get(), itrs_[itr_at_].get(), rec_.get());
    if (ret == -1) {
      ++itr_at_;
      continue;
    }
    if (ret < -1) return ret;
    const int64_t pos = rec_->pos + 1;
    if (pos >= itr_spans_[itr_at_].first && pos <= itr_spans_[itr_at_].second) return ret;
  }
  return -1;
}

namespace {

// POS of a raw VCF line whose CHROM ends at tab `t1` (0 when it does not begin with a digit).
int64_t raw_pos(std::string_view text, size_t t1) { return leading_number(text.substr(t1 + 1)).value; }

}  // namespace

// The next line of a BGZF file into `line` (its length, -1 at the end, -2 on a damaged block), cut with memchr in
// the decompressed block (htslib's getline goes byte by byte; a located region is read from the start of its
// block, so most lines read are passed over).
int VcfReader::block_line(BGZF* fp, kstring_t* line) {
  line->l = 0;
  for (;;) {
    if (fp->block_offset >= fp->block_length) {
      if (bgzf_read_block(fp) != 0) return -2;
      if (fp->block_length == 0) break;  // the end of the file
    }
    const char* buf = static_cast<const char*>(fp->uncompressed_block) + fp->block_offset;
    const size_t avail = static_cast<size_t>(fp->block_length - fp->block_offset);
    const char* nl = static_cast<const char*>(std::memchr(buf, '\n', avail));
    const size_t n = nl ? static_cast<size_t>(nl - buf) : avail;
    if (kputsn(buf, n, line) < 0) return -2;
    fp->block_offset += static_cast<int>(n + (nl ? 1 : 0));
    if (nl) break;
  }
  if (line->l == 0 && fp->block_length == 0) return -1;
  if (line->l > 0 && line->s[line->l - 1] == '\r') line->s[--line->l] = '\0';
  return static_cast<int>(std::min<size_t>(line->l, INT_MAX));
}

// The read position of a BGZF file as a virtual offset; block_line leaves a finished block in place, which is
// the start of the next one.
uint64_t VcfReader::block_tell(const BGZF* fp) {
  if (fp->block_length > 0 && fp->block_offset >= fp->block_length)
    return static_cast<uint64_t>(fp->block_address + fp->block_clength) << 16;
  return static_cast<uint64_t>(bgzf_tell(fp));
}

// Where the whole line `text` (no newline) lies against region `r`: -1 before it (a header line, an earlier
// sequence, POS < start), 0 inside, 1 past it (a later sequence, POS > end).
int VcfReader::place_of(std::string_view text, const IndexedRegion& r) const {
  const size_t t1 = text.find('\t');
  const int rank = t1 == std::string_view::npos ? -1 : seq_rank(text.substr(0, t1));
  if (rank != r.seq_rank) return rank < r.seq_rank ? -1 : 1;
  const int64_t pos = raw_pos(text, t1);
  return pos < r.start ? -1 : pos > r.end ? 1 : 0;
}

// Passes over the whole lines in the current block that sort before region `r` (header lines, earlier sequences,
// POS < start), in place: most lines of a located region's first block are not the region's and are not copied.
// Lines sort as the file does (the index requires it), so a bisection over the block's bytes first passes whole
// stretches of them: it probes the first line after the middle of what is left, and passes up to it when that
// line sorts before `r`; the last few lines are passed one at a time, so the stop is the same line as passing
// them all one at a time. True when it passed one.
bool VcfReader::pass_lines_before(BGZF* fp, const IndexedRegion& r) const {
  const char* block = static_cast<const char*>(fp->uncompressed_block);
  const size_t end = static_cast<size_t>(fp->block_length);
  const auto line_at = [&](size_t at) -> std::optional<std::string_view> {  // the whole line at `at`, if any
    const void* nl = std::memchr(block + at, '\n', end - at);
    if (!nl) return std::nullopt;
    return std::string_view(block + at, static_cast<size_t>(static_cast<const char*>(nl) - (block + at)));
  };
  if (fp->block_offset >= fp->block_length) return false;
  const size_t from = static_cast<size_t>(fp->block_offset);
  size_t at = from, hi = end;  // lines starting before `at` sort before r; none from `hi` on is known to
  constexpr size_t kLinear = 4096;
  while (hi - at > kLinear) {
    const size_t mid = at + (hi - at) / 2;
    const void* nl = std::memchr(block + mid, '\n', end - mid);
    const size_t next = nl ? static_cast<size_t>(static_cast<const char*>(nl) - block) + 1 : end;
    const std::optional<std::string_view> line = next < end ? line_at(next) : std::nullopt;
    if (line && place_of(*line, r) < 0) at = next + line->size() + 1;
    else hi = mid;
  }
  for (std::optional<std::string_view> line; at < end && (line = line_at(at)) && place_of(*line, r) < 0;)
    at += line->size() + 1;
  fp->block_offset = static_cast<int>(at);
  return at > from;
}

// bgzf_seek to virtual offset `start`, without decompressing the block again when it is the one in memory (the
// header's last block holds the first region's start in most files). 0, or -1 when the seek fails.
int VcfReader::seek_in_block(BGZF* fp, uint64_t start) {
  const int64_t address = static_cast<int64_t>(start >> 16);
  const int offset = static_cast<int>(start & 0xffff);
  if (!fp->mt && fp->block_length > 0 && fp->block_address == address && offset <= fp->block_length) {
    fp->block_offset = offset;  // the file position stays at the next block, where bgzf_read_block goes on
    return 0;
  }
  return bgzf_seek(fp, static_cast<int64_t>(start), SEEK_SET) < 0 ? -1 : 0;
}

// Whether the next line runs on into the next BGZF block and is past region `r` by what of it the current block
// holds (CHROM and POS): reading it would decompress the next block for nothing.
bool VcfReader::straddler_past(BGZF* fp, const IndexedRegion& r) const {
  if (fp->block_offset >= fp->block_length) return false;
  const std::string_view rest(static_cast<const char*>(fp->uncompressed_block) + fp->block_offset,
                              static_cast<size_t>(fp->block_length - fp->block_offset));
  if (rest.find('\n') != std::string_view::npos) return false;
  const size_t t1 = rest.find('\t');
  if (t1 == std::string_view::npos) return false;
  const int rank = seq_rank(rest.substr(0, t1));
  if (rank != r.seq_rank) return rank > r.seq_rank;
  const size_t t2 = rest.find('\t', t1 + 1);
  return t2 != std::string_view::npos && raw_pos(rest, t1) > r.end;
}

// The rank in file order of a sequence the index names; -1 for any other text (a header line).
int VcfReader::seq_rank(std::string_view chrom) const {
  if (chrom != last_rank_chrom_) {
    last_rank_chrom_.assign(chrom.data(), chrom.size());
    last_rank_ = seq_order_.rank_of(last_rank_chrom_);
  }
  return last_rank_;
}

// Text VCF, regions located by a block search (open-ended, input/block_search.h): one forward sweep over the
// file. A region's start is sought only when it lies ahead of what has been read (the regions of one block are
// read once); the line that ends a region (past its end, or of the next sequence) is held and judged against the
// next region.
int VcfReader::next_located_line(kstring_t* line) {
  BGZF* fp = fp_->fp.bgzf;
  while (region_at_ < text_regions_.size()) {
    const IndexedRegion& r = text_regions_[region_at_];
    if (need_seek_) {
      need_seek_ = false;
      const uint64_t start = r.chunks.front().first;
      // The first region always seeks (the header reading may have taken a record); a held line lies before
      // `start` when `start` is ahead of what was read, and so before the region.
      if (region_at_ == 0 || block_tell(fp) < start) {
        if (seek_in_block(fp, start) < 0) return -2;
        line_held_ = false;
      }
    }
    int ret = 0;
    if (line_held_) {
      line_held_ = false;
    } else if (straddler_past(fp, r)) {  // ends the region without decompressing the next block
      need_seek_ = true;
      ++region_at_;
      continue;
    } else if (pass_lines_before(fp, r)) {
      continue;
    } else if ((ret = block_line(fp, line)) < 0) {
      if (ret == -1) region_at_ = text_regions_.size();  // the end of the file: every later region is done
      return ret;
    }
    const int place = place_of(std::string_view(line->s ? line->s : "", line->l), r);
    if (place < 0) continue;  // before the region (or a header line)
    if (place > 0) {  // past the region: held for the next one
      line_held_ = true;
      need_seek_ = true;
      ++region_at_;
      continue;
    }
    return ret;
  }
  return -1;
}

// Text VCF: the lines of each region's chunks, from the first with POS >= start to the last with POS <= end.
int VcfReader::next_indexed_line(kstring_t* line) {
  if (!text_regions_.empty() && text_regions_.front().open_end) return next_located_line(line);
  BGZF* fp = fp_->fp.bgzf;
  while (region_at_ < text_regions_.size()) {
    const IndexedRegion& r = text_regions_[region_at_];
    if (chunk_at_ >= r.chunks.size()) {
      ++region_at_;
      chunk_at_ = 0;
      continue;
    }
    const auto& chunk = r.chunks[chunk_at_];
    if (need_seek_) {
      if (bgzf_seek(fp, static_cast<int64_t>(chunk.first), SEEK_SET) < 0) return -2;
      need_seek_ = false;
    }
    const auto next_chunk = [&] {
      ++chunk_at_;
      need_seek_ = true;
    };
    if (static_cast<uint64_t>(bgzf_tell(fp)) >= chunk.second) {
      next_chunk();
      continue;
    }
    const int ret = bgzf_getline(fp, '\n', line);
    if (ret == -1) {
      next_chunk();
      continue;
    }
    if (ret < -1) return ret;
    const std::string_view text(line->s ? line->s : "", line->l);
    const size_t t1 = text.find('\t');
    if (t1 == std::string_view::npos || text.substr(0, t1) != r.seq) continue;
    const int64_t pos = raw_pos(text, t1);
    if (pos < r.start) continue;
    if (pos > r.end) {  // sorted: the region is done
      ++region_at_;
      chunk_at_ = 0;
      need_seek_ = true;
      continue;
    }
    return ret;
  }
  return -1;
}

namespace {

// An ALT column (or one allele) with a symbolic allele or a breakend: such a record is kept wherever it lies (a
// deletion from outside a gene may cover it).
bool structural_alt(std::string_view alts) { return alts.find_first_of("<[]") != std::string_view::npos; }

}  // namespace

// Whether a streamed text record passes the prefilter.
bool VcfReader::keep_record(std::string_view chrom, int64_t pos, std::string_view line, std::string_view alts) {
  if (!prefilter_.positions && !prefilter_.line_test) return true;
  if (prefilter_.positions) {
    if (chrom != prefilter_chrom_) {
      prefilter_chrom_.assign(chrom.data(), chrom.size());
      prefilter_intervals_ = prefilter_.positions->intervals(canonical_chrom(chrom));
    }
    if (prefilter_intervals_ && contains(*prefilter_intervals_, pos)) return true;
  }
  if (prefilter_.keep_structural && structural_alt(alts)) return true;
  return prefilter_.line_test && prefilter_.line_test(line);
}

// BCF: the position test on a record read but not unpacked (a BCF has no raw line: with a line test, everything
// is kept). A refused record is unpacked only as far as FILTER: its alleles for the structural test, its FILTER
// to count it as passing or not.
bool VcfReader::keep_bcf_record() {
  if (!prefilter_.positions || prefilter_.line_test) return true;
  bcf1_t* r = rec_.get();
  if (r->rid < 0 || r->rid >= hdr_->n[BCF_DT_CTG]) return true;  // left to next() to refuse
  if (r->rid != prefilter_rid_) {
    prefilter_rid_ = r->rid;
    prefilter_intervals_ = prefilter_.positions->intervals(canonical_chrom(bcf_hdr_id2name(hdr_.get(), r->rid)));
  }
  if (prefilter_intervals_ && contains(*prefilter_intervals_, r->pos + 1)) return true;
  if (bcf_unpack(r, BCF_UN_STR | BCF_UN_FLT) < 0) return true;  // left to next() to refuse
  if (prefilter_.keep_structural)
    for (int i = 1; i < r->n_allele; ++i)
      if (r->d.allele[i] && structural_alt(r->d.allele[i])) return true;
  if (filter_pass()) ++skipped_passing_;
  return false;
}

}  // namespace pathcorr
