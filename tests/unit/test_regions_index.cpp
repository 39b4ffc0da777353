// Gene regions (input/regions.h) and reading a bgzipped VCF through its index (input/text_index.h, VcfReader::
// use_index): the records read through the index are exactly the records streamed whose POS lies in the regions.
#include <algorithm>
#include <gtest/gtest.h>
#include <htslib/bgzf.h>
#include <htslib/tbx.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "pipeline/base/errors.h"
#include "pipeline/base/genome.h"
#include "pipeline/input/block_search.h"
#include "pipeline/input/regions.h"
#include "pipeline/input/text_index.h"
#include "pipeline/input/vcf_input.h"
#include "pipeline/io/bgzf_blocks.h"
#include "test_support.h"

namespace pathcorr {
namespace {

using test::has;
using test::message_of;
using test::TempDir;

std::string real(const std::string& rel) { return std::string(PATHCORR_TEST_DATA) + "/real/" + rel; }

TEST(RegionSet, MergesOverlappingAndTouchingAndReadsAnyNaming) {
  RegionSet r;
  r.add("chr3", 200, 300);
  r.add("3", 100, 199);  // touches 200: merged
  r.add("3", 500, 600);
  r.add("chrM", 1, 10);
  r.merge();
  ASSERT_NE(r.intervals("3"), nullptr);
  EXPECT_EQ(*r.intervals("3"), (std::vector<GenomicInterval>{{100, 300}, {500, 600}}));
  EXPECT_NE(r.intervals("MT"), nullptr);
  EXPECT_TRUE(contains(*r.intervals("3"), 100));
  EXPECT_TRUE(contains(*r.intervals("3"), 300));
  EXPECT_FALSE(contains(*r.intervals("3"), 301));
  EXPECT_FALSE(contains(*r.intervals("3"), 99));
  EXPECT_TRUE(r.overlaps("chr3", 301, 500));
  EXPECT_FALSE(r.overlaps("3", 301, 499));
  EXPECT_FALSE(r.overlaps("4", 1, 1000000));
}

// (CHROM, POS) of every record a reader gives; with `regions` and `index`, through the index, else streamed and
// kept when POS lies in the regions.
std::vector<std::pair<std::string, long long>> records(const std::string& path, const RegionSet& regions,
                                                       bool index) {
  VcfReader r(path);
  if (index) {
    EXPECT_TRUE(r.use_index(regions)) << path;
  }
  std::vector<std::pair<std::string, long long>> out;
  while (r.next()) {
    const std::string chrom = bcf_hdr_id2name(r.header(), r.record()->rid);
    const long long pos = r.record()->pos + 1;
    const auto* iv = regions.intervals(canonical_chrom(chrom));
    if (index || (iv && contains(*iv, pos))) out.emplace_back(chrom, pos);
  }
  return out;
}

TEST(TextIndex, TbiAndCsiGiveTheStreamedRecordsOfTheRegions) {
  // A .tbi (PTEN/TSC file, records on every chromosome) and a .csi (bcftools roh test file).
  RegionSet r;
  r.add("10", 89600000, 89750000);   // around PTEN
  r.add("1", 100152000, 100160000);  // the first records of roh.1
  r.add("16", 2000000, 2200000);     // TSC2
  r.add("9", 1, 141000000);          // all of chromosome 9: large bins
  r.add("3", 178000000, 179000000);
  r.merge();
  for (const char* f : {"pathway/pcgr_T001-COAD.grch37_PTEN_TSC.vcf.gz", "edge-cases/bcftools_roh.1.vcf.gz"}) {
    const auto streamed = records(real(f), r, false);
    const auto indexed = records(real(f), r, true);
    EXPECT_FALSE(streamed.empty()) << f;
    EXPECT_EQ(indexed, streamed) << f;
  }
}

TEST(TextIndex, DamagedOrForeignIndexIsRefusedNamingIt) {
  TempDir dir;
  RegionSet r;
  r.add("10", 1, 1000000);
  r.merge();
  const std::string tbi = real("pathway/pcgr_T001-COAD.grch37_PTEN_TSC.vcf.gz.tbi");
  std::ifstream in(tbi, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string cut = dir.file("cut.tbi", bytes.substr(0, bytes.size() / 2));
  EXPECT_TRUE(has(message_of<InputError>([&] { query_text_index(cut, r); }), "cut.tbi")) << cut;
  const std::string vcf = dir.file("plain.tbi", "##fileformat=VCFv4.2\n");
  EXPECT_TRUE(has(message_of<InputError>([&] { query_text_index(vcf, r); }), "plain.tbi"));
}

TEST(TextIndex, StaleIndexFallsBackToStreamingWithAWarning) {
  TempDir dir;
  const std::string src = real("pathway/pcgr_T001-COAD.grch37_PTEN_TSC.vcf.gz");
  const std::string vcf = dir.path("p.vcf.gz");
  std::filesystem::copy_file(src, vcf);
  std::filesystem::copy_file(src + ".tbi", vcf + ".tbi");
  std::filesystem::last_write_time(vcf + ".tbi",
                                   std::filesystem::last_write_time(vcf) - std::chrono::hours(24));
  RegionSet r;
  r.add("10", 1, 1000000);
  r.merge();
  VcfReader reader(vcf);
  EXPECT_FALSE(reader.use_index(r));
  ASSERT_EQ(reader.warnings().size(), 1u);
  EXPECT_TRUE(has(reader.warnings()[0].text, "is older than the file"));
  long n = 0;
  while (reader.next()) ++n;
  EXPECT_EQ(n, 3317);  // every record streamed
}

// A sorted, bgzipped VCF of many BGZF blocks (records on five sequences named `prefix`1..5, some lines longer
// than a block), indexed with htslib (.tbi, or .csi with min_shift 14).
std::string many_block_vcf(const TempDir& dir, const std::string& name, const std::string& prefix, bool csi) {
  const std::string path = dir.path(name);
  BGZF* f = bgzf_open(path.c_str(), "w");
  std::string text = "##fileformat=VCFv4.2\n##INFO=<ID=X,Number=1,Type=String,Description=\"x\">\n";
  for (int c = 1; c <= 5; ++c) text += "##contig=<ID=" + prefix + std::to_string(c) + ">\n";
  text += "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n";
  std::mt19937 rng(42);
  for (int c = 1; c <= 5; ++c) {
    long pos = 1 + static_cast<long>(rng() % 1000);
    for (int k = 0; k < 6000; ++k, pos += 1 + static_cast<long>(rng() % 20000)) {
      const std::string info = k % 997 == 500 ? std::string(70000, 'a') : "x" + std::to_string(k);
      text += prefix + std::to_string(c) + "\t" + std::to_string(pos) + "\t.\tA\tG\t.\tPASS\tX=" + info + "\n";
    }
  }
  EXPECT_EQ(bgzf_write(f, text.data(), text.size()), static_cast<ssize_t>(text.size()));
  bgzf_close(f);
  EXPECT_EQ(tbx_index_build(path.c_str(), csi ? 14 : 0, &tbx_conf_vcf), 0);
  return path;
}

// A BGZF block as htslib reads it: where it starts, its compressed size and its text. The walk ends with the
// file's end-of-file block (empty).
struct WalkedBlock {
  int64_t coffset = 0;
  int csize = 0;
  std::string text;
};

std::vector<WalkedBlock> walk_blocks(const std::string& path) {
  std::vector<WalkedBlock> out;
  BGZF* f = bgzf_open(path.c_str(), "r");
  for (;;) {
    EXPECT_EQ(bgzf_read_block(f), 0);
    if (f->block_length == 0) break;
    out.push_back({f->block_address, 0, std::string(static_cast<const char*>(f->uncompressed_block), f->block_length)});
  }
  bgzf_close(f);
  // The end-of-file block: bgzf_close writes it, 28 bytes (htslib's walk does not give its address).
  const int64_t size = static_cast<int64_t>(std::filesystem::file_size(path));
  out.push_back({size - 28, 28, ""});
  // Blocks follow one another: each ends where the next starts.
  for (size_t k = 0; k + 1 < out.size(); ++k) out[k].csize = static_cast<int>(out[k + 1].coffset - out[k].coffset);
  return out;
}

// BgzfFile (io/bgzf_blocks.h) finds, from any byte, the block htslib's walk over the file puts it in, reading a
// few KB around the byte; BgzfBlockStart, fed the block's data a piece at a time, gives htslib's text.
void expect_blocks_found(const std::string& vcf, const std::vector<WalkedBlock>& walked) {
  BgzfFile file(vcf);
  const uint64_t size = file.size();
  std::vector<uint64_t> offsets;
  for (const WalkedBlock& b : walked)
    for (int64_t d : {0, 1, 17, 18, b.csize / 2, b.csize - 9, b.csize - 1}) offsets.push_back(b.coffset + d);
  for (uint64_t at = 0; at < size; at += 997) offsets.push_back(at);
  offsets.push_back(size - 1);
  for (uint64_t at : offsets) {
    const auto b = std::upper_bound(walked.begin(), walked.end(), static_cast<int64_t>(at),
                                    [](int64_t x, const WalkedBlock& w) { return x < w.coffset; }) - 1;
    const std::optional<BgzfBlock> found = file.block_containing(at);
    ASSERT_TRUE(found) << at;
    EXPECT_EQ(found->coffset, b->coffset) << at;
    EXPECT_EQ(found->csize, static_cast<uint32_t>(b->csize)) << at;
    EXPECT_EQ(found->usize, b->text.size()) << at;
  }
  EXPECT_FALSE(file.block_containing(size));
  EXPECT_FALSE(file.block_at(1));
  EXPECT_TRUE(file.block_at(static_cast<uint64_t>(walked[5].coffset)));
  BgzfBlockStart start;
  for (size_t k = 0; k < walked.size(); k += 7) {
    start.open(file, *file.block_at(static_cast<uint64_t>(walked[k].coffset)));
    // Each call adds its step (256 bytes, doubling) until the block is out.
    size_t calls = 0, step = 256, expected = 0;
    while (start.more()) {
      ++calls;
      expected = std::min(walked[k].text.size(), expected + step);
      step *= 2;
      ASSERT_EQ(start.text().size(), expected) << k << " call " << calls;
    }
    EXPECT_EQ(start.text(), walked[k].text) << k;
    EXPECT_GE(calls, 1u);
  }
}

// ... on a file of blocks of many sizes (lines longer than a block, and a block of one 70 KB line's middle), and
// on one of text that hardly compresses, whose blocks are ~50 KB compressed (more than the stretch read back at
// once from a byte).
TEST(BgzfFile, EveryByteLiesInTheBlockOfTheWalkAndBlockStartsGiveItsText) {
  TempDir dir;
  const std::string noisy = dir.path("noisy.vcf.gz");
  {
    BGZF* f = bgzf_open(noisy.c_str(), "w");
    std::string text = "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n";
    std::mt19937 rng(5);
    for (long k = 0; k < 3000; ++k) {
      std::string info(300, 'a');
      for (char& c : info) c = static_cast<char>(33 + rng() % 90);
      text += "1\t" + std::to_string(k + 1) + "\t.\tA\tG\t.\tPASS\tX=" + info + "\n";
    }
    ASSERT_EQ(bgzf_write(f, text.data(), text.size()), static_cast<ssize_t>(text.size()));
    bgzf_close(f);
  }
  for (const std::string& vcf : {many_block_vcf(dir, "w.vcf.gz", "", false), noisy}) {
    const std::vector<WalkedBlock> walked = walk_blocks(vcf);
    ASSERT_GT(walked.size(), 10u) << vcf;
    int large = 0;
    for (const WalkedBlock& b : walked) large += b.csize > 20000;
    EXPECT_EQ(large > 5, vcf == noisy) << vcf;
    expect_blocks_found(vcf, walked);
  }
}

// A file cut inside a block: the bytes of the cut block lie in no block, nor does the last whole block (the file
// goes on past it, but not as a block).
TEST(BgzfFile, ACutFileHasNoBlockWhereItWasCut) {
  TempDir dir;
  const std::string vcf = many_block_vcf(dir, "c.vcf.gz", "", false);
  const std::vector<WalkedBlock> walked = walk_blocks(vcf);
  const WalkedBlock& last_whole = walked[walked.size() / 2];
  const uint64_t cut_at = static_cast<uint64_t>(last_whole.coffset + last_whole.csize) + 500;
  std::string bytes(cut_at, '\0');
  std::ifstream whole(vcf, std::ios::binary);
  ASSERT_TRUE(whole.read(bytes.data(), static_cast<std::streamsize>(cut_at)));
  const std::string cut = dir.file("cut.vcf.gz", bytes);
  BgzfFile file(cut);
  EXPECT_FALSE(file.block_containing(cut_at - 1));
  EXPECT_FALSE(file.block_at(static_cast<uint64_t>(last_whole.coffset + last_whole.csize)));
  EXPECT_FALSE(file.block_containing(static_cast<uint64_t>(last_whole.coffset)));
  const std::optional<BgzfBlock> before = file.block_containing(static_cast<uint64_t>(walked[3].coffset));
  ASSERT_TRUE(before);
  EXPECT_EQ(before->coffset, walked[3].coffset);
}

// The block search (input/block_search.h) on files of many blocks: the same records as streaming, for regions
// before, inside and after the records, several in one block, none with records, whole sequences, and lines
// longer than a block; through a .tbi and a .csi, and with chr-prefixed names.
TEST(BlockSearch, ManyBlockFilesGiveTheStreamedRecordsOfTheRegions) {
  TempDir dir;
  std::mt19937 rng(7);
  RegionSet r;
  r.add("1", 1, 5);              // before the first record
  r.add("2", 1, 400000000);      // all of a sequence
  r.add("4", 119000000, 130000000);  // past the last record of the sequence
  r.add("9", 1, 1000);           // a sequence the file lacks
  for (int k = 0; k < 60; ++k) {
    const long start = 1 + static_cast<long>(rng() % 60000000);
    r.add(std::to_string(1 + k % 5), start, start + static_cast<long>(rng() % (k % 3 == 0 ? 200 : 80000)));
  }
  r.merge();
  for (const auto& [name, prefix, csi] : {std::tuple<const char*, const char*, bool>{"a.vcf.gz", "", false},
                                         {"b.vcf.gz", "chr", true}}) {
    const std::string vcf = many_block_vcf(dir, name, prefix, csi);
    const auto streamed = records(vcf, r, false);
    const auto indexed = records(vcf, r, true);
    EXPECT_GT(streamed.size(), 1000u) << name;
    EXPECT_EQ(indexed, streamed) << name;
    // The search itself: a region per merged interval on the file's sequences, each starting at or before its
    // first record.
    const auto located = locate_regions(vcf, text_index_order(vcf + (csi ? ".csi" : ".tbi")), r);
    size_t on_file = 0;  // the chromosome-9 region is not on the file's sequences
    for (int c = 1; c <= 5; ++c) on_file += r.intervals(std::to_string(c))->size();
    ASSERT_EQ(located.size(), on_file) << name;
    for (const IndexedRegion& x : located) EXPECT_TRUE(x.open_end && x.chunks.size() == 1) << name;
  }
}

// Regions that begin and end exactly at records' positions (one base, or from one record to a later one) keep
// those records through the block search, as streaming does: the records either side are the region's edges.
TEST(BlockSearch, RegionsBoundedByRecordsKeepTheBoundaryRecords) {
  TempDir dir;
  const std::string vcf = many_block_vcf(dir, "edges.vcf.gz", "", false);
  RegionSet all;
  for (int c = 1; c <= 5; ++c) all.add(std::to_string(c), 1, 400000000);
  all.merge();
  const auto every = records(vcf, all, false);
  ASSERT_EQ(every.size(), 30000u);
  RegionSet r;
  std::vector<std::pair<std::string, long long>> edges;
  for (size_t k = 150; k + 3 < every.size(); k += 1500) {
    const auto& [chrom, pos] = every[k];
    if (k % 3000 == 150) {
      r.add(chrom, pos, pos);  // one base, at a record
      edges.push_back(every[k]);
    } else if (every[k + 3].first == chrom) {
      r.add(chrom, pos, every[k + 3].second);  // from a record to the third after it
      edges.push_back(every[k]);
      edges.push_back(every[k + 3]);
    }
  }
  r.merge();
  const auto streamed = records(vcf, r, false);
  const auto indexed = records(vcf, r, true);
  EXPECT_EQ(indexed, streamed);
  for (const auto& e : edges)
    EXPECT_NE(std::find(indexed.begin(), indexed.end(), e), indexed.end()) << e.first << ":" << e.second;
  EXPECT_GE(edges.size(), 25u);
}

// A file much larger than its index (records packed in 2 Mb, long INFO values) is read through the index's bins
// (query_text_index), not the block search: the same records as streaming.
TEST(TextIndex, FilesLargeAgainstTheirIndexAreReadThroughTheBins) {
  TempDir dir;
  const std::string path = dir.path("dense.vcf.gz");
  BGZF* f = bgzf_open(path.c_str(), "w");
  std::string text = "##fileformat=VCFv4.2\n##INFO=<ID=X,Number=1,Type=String,Description=\"x\">\n"
                     "##contig=<ID=7>\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n";
  std::mt19937 rng(11);
  for (long k = 0, pos = 1; k < 10000; ++k, pos += 1 + static_cast<long>(rng() % 400)) {
    std::string info(400, 'a');
    for (char& c : info) c = "0123456789abcdef"[rng() % 16];  // little to compress: the file stays large
    text += "7\t" + std::to_string(pos) + "\t.\tA\tG\t.\tPASS\tX=" + info + "\n";
  }
  ASSERT_EQ(bgzf_write(f, text.data(), text.size()), static_cast<ssize_t>(text.size()));
  bgzf_close(f);
  ASSERT_EQ(tbx_index_build(path.c_str(), 0, &tbx_conf_vcf), 0);
  ASSERT_GT(std::filesystem::file_size(path), 32 * std::filesystem::file_size(path + ".tbi"));
  RegionSet r;
  r.add("7", 1, 3);
  r.add("7", 100000, 180000);
  r.add("7", 1500000, 1500400);
  r.add("7", 1900000, 3000000);
  r.merge();
  const auto streamed = records(path, r, false);
  EXPECT_GT(streamed.size(), 300u);
  EXPECT_EQ(records(path, r, true), streamed);
  const auto bins = query_text_index(path + ".tbi", r);
  ASSERT_FALSE(bins.empty());
  EXPECT_FALSE(bins.front().open_end);  // the bins' chunks, not an open-ended search result
}

// An index whose sequences are not the file's (a copy made for another naming) is refused by the search with a
// message naming the file, and the file is streamed.
TEST(BlockSearch, AnIndexOfAnotherFileIsRefusedAndTheFileStreamed) {
  TempDir dir;
  const std::string plain = many_block_vcf(dir, "p.vcf.gz", "", false);
  const std::string prefixed = many_block_vcf(dir, "c.vcf.gz", "chr", false);
  std::filesystem::copy_file(plain + ".tbi", prefixed + ".tbi", std::filesystem::copy_options::overwrite_existing);
  RegionSet r;
  r.add("3", 20000000, 30000000);
  r.merge();
  EXPECT_TRUE(has(message_of<InputError>([&] { locate_regions(prefixed, text_index_order(plain + ".tbi"), r); }),
                  "c.vcf.gz"));
  VcfReader reader(prefixed);
  EXPECT_FALSE(reader.use_index(r));
  ASSERT_EQ(reader.warnings().size(), 1u);
  EXPECT_TRUE(has(reader.warnings()[0].text, "cannot use the index"));
}

}  // namespace
}  // namespace pathcorr
