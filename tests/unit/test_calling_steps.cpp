// Tests of the HGVS 3'-shift rule of the consequence caller (annotators/calling_steps.h), the one helper that
// places protein, transcript and genomic deletions and insertions; expected placements follow the HGVS examples
// (a deletion or duplication in a run is named at its 3' end).
#include "annotators/calling_steps.h"

#include <gtest/gtest.h>

#include <string>

namespace pathcorr::calling {
namespace {

auto units(const std::string& seq) {
  return [&seq](int64_t i) { return i >= 0 && i < static_cast<int64_t>(seq.size()) ? seq[static_cast<size_t>(i)] : '\0'; };
}

TEST(Shift3Prime, DeletionMovesToTheEndOfItsRepeat) {
  const std::string seq = "GAAAAC";
  std::string none;
  EXPECT_EQ(shift_3prime(1, 1, none, units(seq)), 4);  // delA in AAAA: the last A
  EXPECT_EQ(shift_3prime(1, 2, none, units(seq)), 3);  // delAA: the last two
  const std::string rep = "GCACACAT";
  EXPECT_EQ(shift_3prime(1, 2, none, units(rep)), 5);  // delCA in CACACA: the last CA
  EXPECT_EQ(shift_3prime(0, 1, none, units(seq)), 0);  // G is no repeat
}

TEST(Shift3Prime, InsertionRotatesAsItMoves) {
  const std::string seq = "GCACACAT";
  std::string ins = "CA";
  EXPECT_EQ(shift_3prime(1, 0, ins, units(seq)), 7);  // insCA before index 1 ends up before T
  EXPECT_EQ(ins, "CA");
  ins = "AC";
  EXPECT_EQ(shift_3prime(2, 0, ins, units(seq)), 7);
  EXPECT_EQ(ins, "CA");  // rotated by an odd number of steps
}

TEST(Shift3Prime, StopsWhereTheUnitsStop) {
  const std::string seq = "GAAAAC";
  const int64_t limit = 3;  // e.g. an exon end or the stop codon after index 2
  auto bounded = [&](int64_t i) { return i < limit ? seq[static_cast<size_t>(i)] : '\0'; };
  std::string none, ins = "A";
  EXPECT_EQ(shift_3prime(1, 1, none, bounded), 2);  // not to 4: the unit after index 2 is beyond the bound
  EXPECT_EQ(shift_3prime(1, 0, ins, bounded), 3);
}

TEST(SharedEnds, PrefixThenSuffixOfTheRest) {
  EXPECT_EQ(shared_ends("GA", "G"), std::make_pair(size_t{1}, size_t{0}));
  EXPECT_EQ(shared_ends("AAA", "AA"), std::make_pair(size_t{2}, size_t{0}));  // prefix first
  EXPECT_EQ(shared_ends("CAT", "CGT"), std::make_pair(size_t{1}, size_t{1}));
}

}  // namespace
}  // namespace pathcorr::calling
