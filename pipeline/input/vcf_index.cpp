// VCF/BCF input through an index, and the raw-record prefilter of streaming (see vcf_input.h).
#include <htslib/bgzf.h>
#include <htslib/hts.h>
#include <htslib/tbx.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstring>
#include <utility>

#include "pipeline/base/errors.h"
#include "pipeline/base/genome.h"
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
  if (text_) tbx_.reset(tbx_index_load2(path_.c_str(), idx_path.c_str()));
  else idx_.reset(bcf_index_load2(path_.c_str(), idx_path.c_str()));
  hts_idx_t* idx = text_ ? (tbx_ ? tbx_->idx : nullptr) : idx_.get();
  if (!idx) {
    tbx_.reset();
    warnings_.push_back({kind_prefix + "htslib refuses the index",
                         path_ + ": htslib cannot load the index " + idx_path + "; it is not used and the whole file "
                         "is read (re-index with bcftools index or tabix)"});
    return false;
  }
  // The sequences the index knows, by the file's own names; each region queried under its sequence's id.
  std::vector<std::pair<int, std::string>> seqs;
  if (text_) {
    int n = 0;
    const char** names = tbx_seqnames(tbx_.get(), &n);
    for (int i = 0; i < n; ++i) seqs.emplace_back(i, names[i]);
    free(names);
  } else {
    for (int i = 0; i < hdr_->n[BCF_DT_CTG]; ++i) seqs.emplace_back(i, bcf_hdr_id2name(hdr_.get(), i));
  }
  // Per sequence, its iterators; sequences in the order their records lie in the file (first chunk offset).
  std::vector<std::pair<uint64_t, std::vector<std::unique_ptr<hts_itr_t, HtsItrDeleter>>>> by_seq;
  for (const auto& [tid, name] : seqs) {
    const std::vector<GenomicInterval>* iv = regions.intervals(canonical_chrom(name));
    if (!iv) continue;
    std::vector<std::unique_ptr<hts_itr_t, HtsItrDeleter>> its;
    uint64_t first = UINT64_MAX;
    for (const GenomicInterval& r : *iv) {
      hts_itr_t* it = text_ ? tbx_itr_queryi(tbx_.get(), tid, r.first - 1, r.second)
                            : bcf_itr_queryi(idx_.get(), tid, r.first - 1, r.second);
      if (!it) {
        itrs_.clear();
        tbx_.reset();
        idx_.reset();
        warnings_.push_back({kind_prefix + "htslib refuses the index",
                             path_ + ": htslib cannot query the index " + idx_path + " at " + name +
                             "; it is not used and the whole file is read (re-index with bcftools index or tabix)"});
        return false;
      }
      if (it->n_off > 0) first = std::min<uint64_t>(first, it->off[0].u);
      its.emplace_back(it);
    }
    if (first != UINT64_MAX) by_seq.emplace_back(first, std::move(its));
  }
  std::sort(by_seq.begin(), by_seq.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& s : by_seq)
    for (auto& it : s.second) itrs_.push_back(std::move(it));
  index_empty_ = itrs_.empty();
  has_pending_record_ = false;  // a record read with the header comes back through the index if it is wanted
  return true;
}

// The next record of the index regions: the text line (text VCF) or the record (BCF, into rec_). Returns >= 0,
// -1 at the end, < -1 on a read error, as htslib's iterators do.
int VcfReader::next_indexed(kstring_t* line) {
  while (itr_at_ < itrs_.size()) {
    hts_itr_t* it = itrs_[itr_at_].get();
    const int ret = text_ ? tbx_itr_next(fp_.get(), tbx_.get(), it, line) : bcf_itr_next(fp_.get(), it, rec_.get());
    if (ret == -1) {
      ++itr_at_;
      continue;
    }
    if (ret < -1) return ret;
    // Offsets grow through the file: a record at or before the last one given overlapped an earlier region too.
    if (it->curr_off <= last_off_) continue;
    last_off_ = it->curr_off;
    return ret;
  }
  return -1;
}

// Whether a streamed text record passes the prefilter.
bool VcfReader::keep_record(std::string_view chrom, int64_t pos, std::string_view line) {
  if (!prefilter_.positions && !prefilter_.line_test) return true;
  if (prefilter_.positions) {
    if (chrom != prefilter_chrom_) {
      prefilter_chrom_.assign(chrom.data(), chrom.size());
      prefilter_intervals_ = prefilter_.positions->intervals(canonical_chrom(chrom));
    }
    if (prefilter_intervals_ && contains(*prefilter_intervals_, pos)) return true;
  }
  return prefilter_.line_test && prefilter_.line_test(line);
}

// BCF: the position test on a record read but not unpacked (a BCF has no raw line: with a line test, everything
// is kept). A refused record is unpacked only as far as FILTER, to count it as passing or not.
bool VcfReader::keep_bcf_record() {
  if (!prefilter_.positions || prefilter_.line_test) return true;
  bcf1_t* r = rec_.get();
  if (r->rid < 0 || r->rid >= hdr_->n[BCF_DT_CTG]) return true;  // left to next() to refuse
  if (r->rid != prefilter_rid_) {
    prefilter_rid_ = r->rid;
    prefilter_intervals_ = prefilter_.positions->intervals(canonical_chrom(bcf_hdr_id2name(hdr_.get(), r->rid)));
  }
  if (prefilter_intervals_ && contains(*prefilter_intervals_, r->pos + 1)) return true;
  if (bcf_unpack(r, BCF_UN_FLT) < 0) return true;  // left to next() to refuse
  if (filter_pass()) ++skipped_passing_;
  return false;
}

}  // namespace pathcorr
