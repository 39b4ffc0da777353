// The index of a bgzipped text VCF (.tbi, or a tabix-style .csi), read for a few regions only. htslib's loader
// builds a hash table of every bin of every sequence (for an exome VCF over the whole genome, tens of thousands)
// and frees it again, which costs more than reading the records of 30 genes; here the index is decompressed once
// and walked, keeping only the chunks of the bins that overlap the regions (formats: the SAM/tabix/CSI
// specifications, hts-specs).
#pragma once
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "pipeline/input/regions.h"

namespace pathcorr {

// The stretches of the compressed file (BGZF virtual offsets, [beg, end)) to read for one region.
struct IndexedRegion {
  std::string seq;                 // the sequence name as the index (and the file) writes it
  int64_t start = 0, end = 0;      // 1-based inclusive
  std::vector<std::pair<uint64_t, uint64_t>> chunks;  // sorted, merged
  // The one chunk's end is not known (input/block_search.h): its lines are read until POS passes `end` or
  // another sequence begins.
  bool open_end = false;
  int seq_rank = -1;  // with open_end: the rank of `seq` among the index's sequences, in file order
};

// The regions of `regions` (canonical chromosome names) the index holds records for, each with its chunks, in the
// order their records lie in the file. Throws InputError (naming `index_path` and what is wrong) when the index is
// damaged or not a tabix/CSI index of a text file.
std::vector<IndexedRegion> query_text_index(const std::string& index_path, const RegionSet& regions);

// The sequences of a file in the order of their records, and each one's rank in that order.
struct SequenceOrder {
  std::vector<std::string> names;
  std::unordered_map<std::string, int> rank;
  SequenceOrder() = default;
  explicit SequenceOrder(std::vector<std::string> in_order);
  int rank_of(const std::string& name) const;  // -1 for a name not among them
};

// The sequences of a tabix or CSI index of a text file, in the order of their records in the file, read from the
// first bytes of the index only. Throws InputError as query_text_index.
SequenceOrder text_index_order(const std::string& index_path);

}  // namespace pathcorr
