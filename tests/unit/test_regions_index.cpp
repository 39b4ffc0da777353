// Gene regions (input/regions.h) and reading a bgzipped VCF through its index (input/text_index.h, VcfReader::
// use_index): the records read through the index are exactly the records streamed whose POS lies in the regions.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <utility>
#include <vector>

#include "pipeline/base/errors.h"
#include "pipeline/base/genome.h"
#include "pipeline/input/regions.h"
#include "pipeline/input/text_index.h"
#include "pipeline/input/vcf_input.h"
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

}  // namespace
}  // namespace pathcorr
