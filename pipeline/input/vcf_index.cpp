// VCF/BCF input through an index, and the raw-record prefilter of streaming (see vcf_input.h).
#include <htslib/bgzf.h>
#include <htslib/hts.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstring>
#include <utility>

#include "pipeline/base/errors.h"
#include "pipeline/base/genome.h"
#include "pipeline/input/text_index.h"
#include "pipeline/input/vcf_input.h"

namespace pathcorr {

namespace {

bool file_mtime(const std::string& path, struct timespec* t) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
  *t = st.st_mtim;
  return true;
}

// Whole seconds: a checkout or copy that writes the file and its index within one second keeps the index.
bool older(const struct timespec& a, const struct timespec& b) { return a.tv_sec < b.tv_sec; }

}  // namespace

bool raw_filter_passes(std::string_view filter) { return filter == "PASS" || filter == "."; }

bool VcfReader::use_index(const RegionSet& regions) {
  if (!bgzf_ || nrec_ > 0) return false;
  // The index beside the file: .csi first (as htslib looks), then .tbi for a bgzipped VCF.
  std::string idx_path;
  struct timespec idx_time {}, data_time {};
  for (const char* ext : {".csi", ".tbi"}) {
    if (!text_ && std::strcmp(ext, ".tbi") == 0) continue;
    if (file_mtime(path_ + ext, &idx_time)) {
      idx_path = path_ + ext;
      break;
    }
  }
  if (idx_path.empty() || !file_mtime(path_, &data_time)) return false;
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
      text_regions_ = query_text_index(idx_path, regions);
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

// Text VCF: the lines of each region's chunks, from the first with POS >= start to the last with POS <= end.
int VcfReader::next_indexed_line(kstring_t* line) {
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
    int64_t pos = 0;
    for (size_t i = t1 + 1; i < text.size() && text[i] >= '0' && text[i] <= '9' && pos < (int64_t{1} << 58); ++i)
      pos = pos * 10 + (text[i] - '0');
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
