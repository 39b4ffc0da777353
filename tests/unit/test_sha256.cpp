// Tests of pipeline/sha256 against the FIPS 180-4 / NIST example vectors and against coreutils sha256sum.
// Every expected digest below was checked with `printf ... | sha256sum` (coreutils 9.1).
#include "pipeline/base/sha256.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>

#include "pipeline/base/errors.h"

namespace pathcorr {
namespace {

TEST(Sha256, FipsVectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // The 448-bit message: padding spills into a second block.
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  // The 896-bit message.
  EXPECT_EQ(sha256_hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqr"
                       "smnopqrstnopqrstu"),
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
  EXPECT_EQ(sha256_hex(std::string(1000000, 'a')), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, PaddingBoundaries) {
  // python3 -c "print('x'*N,end='')" | sha256sum, for lengths around the 56- and 64-byte boundaries.
  const std::pair<size_t, const char*> cases[] = {
      {55, "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072"},
      {56, "04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e"},
      {63, "75220b47218278e656f2013bb8f0c455a25eaf01e86c64924e9d48d89776d6f2"},
      {64, "7ce100971f64e7001e8fe5a51973ecdfe1ced42befe7ee8d5fd6219506b5393c"},
      {65, "9537c5fdf120482f7d58d25e9ed583f52c02b4e304ea814db1633ad565aed7e9"},
      {119, "000b48d4edf0fa7bee3c6236ecd2785baa5db4eeb8bb54341b029e0d9fa5fb0c"},
      {120, "13f05a0b594787f5ecd315edc96141bd3243203d1b7d4f0836f37308b276ba98"},
  };
  for (const auto& [n, hex] : cases) EXPECT_EQ(sha256_hex(std::string(n, 'x')), hex) << n;
}

TEST(Sha256, IncrementalEqualsOneShot) {
  std::mt19937 rng(7);
  std::string data(10000, '\0');
  for (char& c : data) c = static_cast<char>(rng());
  const std::string whole = sha256_hex(data);
  for (size_t step : {1u, 3u, 63u, 64u, 65u, 4096u}) {
    Sha256 h;
    for (size_t i = 0; i < data.size(); i += step) h.update(std::string_view(data).substr(i, step));
    EXPECT_EQ(h.hex_digest(), whole) << step;
  }
  Sha256 done;
  done.hex_digest();
  EXPECT_THROW(done.update("x"), std::logic_error);
}

TEST(Sha256, FilesMatchSha256sum) {
  // sha256sum tests/data/clinical/maftools_tcga_laml_annot.tsv
  EXPECT_EQ(sha256_file_hex(std::string(PATHCORR_TEST_DATA) + "/clinical/maftools_tcga_laml_annot.tsv"),
            "7033030d52868e9a0f35ffd78f45a9d7a126c2edef90cf9e74e4f5d78990a710");
}

TEST(Sha256, GzipFileHashedAsStored) {
  // A gzip file is hashed as stored, not decompressed (sha256sum of the real-data copy).
  const std::string maf = std::string(PATHCORR_SOURCE_DIR) + "/../shared/real-data/maf/maftools_tcga_laml.maf.gz";
  if (!std::filesystem::exists(maf)) GTEST_SKIP() << "no " << maf;
  EXPECT_EQ(sha256_file_hex(maf), "d102b071a052265b6f8ad7947bad1d58d3e3036fd17d6b274f7ea09a376cd6a0");
}

TEST(Sha256, RandomFileAgainstSha256sumTool) {
  if (std::system("command -v sha256sum >/dev/null 2>&1") != 0) GTEST_SKIP() << "sha256sum not installed";
  const std::string path =
      (std::filesystem::temp_directory_path() / ("pathcorr_sha_" + std::to_string(getpid()) + ".bin")).string();
  std::mt19937 rng(11);
  std::string data(300007, '\0');  // several read chunks plus an odd tail
  for (char& c : data) c = static_cast<char>(rng());
  std::ofstream(path, std::ios::binary) << data;
  std::string expected;
  if (FILE* p = popen(("sha256sum '" + path + "'").c_str(), "r")) {
    char buf[65] = {0};
    if (std::fread(buf, 1, 64, p) == 64) expected = buf;
    pclose(p);
  }
  EXPECT_EQ(expected.size(), 64u);
  EXPECT_EQ(sha256_file_hex(path), expected);
  EXPECT_EQ(sha256_hex(data), expected);
  std::remove(path.c_str());
}

TEST(Sha256, UnreadableFile) {
  EXPECT_THROW(sha256_file_hex("/nonexistent/file.vcf"), IoError);
  EXPECT_THROW(sha256_file_hex(std::filesystem::temp_directory_path().string()), IoError);  // a directory
}

}  // namespace
}  // namespace pathcorr
