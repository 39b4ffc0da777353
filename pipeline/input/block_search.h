// Where the gene regions' records begin in a sorted, bgzipped text VCF, found from the file's own BGZF blocks
// rather than its index's bins. An exome's .tbi decompresses to megabytes (a linear-index entry for every 16 kb of
// every sequence and a bin for nearly every record), more than the blocks that hold the records of 30 genes; so the
// index is read only for what it guarantees (the file is sorted, and its sequence order) and each region's first
// block is found by a binary search over the blocks, on the first whole line of each block probed, decompressing
// only the start of that block (formats: the SAM specification's BGZF section, VCF 4.x).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "pipeline/input/regions.h"
#include "pipeline/input/text_index.h"

namespace pathcorr {

// The regions of `regions` (canonical chromosome names) on the sequences of `order` (as the file writes them, in
// file order: text_index_order), in file order, each with one open-ended chunk (IndexedRegion::open_end) starting at or
// before its first record. Throws InputError when the file is not BGZF, a block is damaged, or a probed line is not
// a record of one of its sequences (the index does not describe the file). `lengths` (the sequences' lengths, in
// that order; 0 or none when not known) only make the search probe fewer blocks.
std::vector<IndexedRegion> locate_regions(const std::string& vcf_path, const SequenceOrder& order,
                                          const RegionSet& regions, const std::vector<int64_t>& lengths = {});

}  // namespace pathcorr
