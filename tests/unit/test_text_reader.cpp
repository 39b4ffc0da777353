// Tests of pipeline/io/text_reader (line rules, compression, damage), the table parser's options on top of it,
// and pipeline/io/detect.
#include "pipeline/io/text_reader.h"

#include <gtest/gtest.h>
#include <htslib/bgzf.h>
#include <unistd.h>
#include <fcntl.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <stdexcept>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "pipeline/base/errors.h"
#include "pipeline/base/text.h"
#include "pipeline/io/detect.h"
#include "pipeline/io/table_io.h"
#include "tests/unit/test_support.h"

namespace pathcorr {
namespace {

using test::has;
using test::message_of;
using test::TempDir;

const std::string kEdge = std::string(PATHCORR_TEST_DATA) + "/real/edge-cases/";

// (line number, text) of every line.
using Lines = std::vector<std::pair<long, std::string>>;
Lines all_lines(TextReader in) {
  Lines out;
  std::string_view line;
  while (in.next(line)) out.emplace_back(in.line_number(), std::string(line));
  return out;
}
Lines lines_of_text(const std::string& text) { return all_lines(TextReader::from_text(text, "t.txt")); }

std::string bgzf_file(const TempDir& dir, const std::string& name, const std::string& text) {
  const std::string p = dir.path(name);
  BGZF* f = bgzf_open(p.c_str(), "w");
  if (!f || bgzf_write(f, text.data(), text.size()) != static_cast<ssize_t>(text.size()) || bgzf_close(f) != 0)
    throw std::runtime_error("cannot write the BGZF test file " + p);
  return p;
}

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

const std::string kText = "\xEF\xBB\xBFid\tv\r\nA\t1\r\n\r\nB\t2";
const Lines kLines = {{1, "id\tv"}, {2, "A\t1"}, {3, ""}, {4, "B\t2"}};

TEST(TextReader, LineRulesInMemory) {
  EXPECT_EQ(lines_of_text(kText), kLines);                              // BOM, CRLF, blank line, no final LF
  EXPECT_EQ(lines_of_text("a\rb\r\rc\r"), (Lines{{1, "a"}, {2, "b"}, {3, ""}, {4, "c"}}));  // CR-only
  EXPECT_EQ(lines_of_text("a\nb\n"), (Lines{{1, "a"}, {2, "b"}}));
  EXPECT_EQ(lines_of_text("a\r\r\nb"), (Lines{{1, "a"}, {2, "b"}}));  // CRs before LF belong to the line end
  EXPECT_EQ(lines_of_text("x\r\ny\rz\n"), (Lines{{1, "x"}, {2, "y"}, {3, "z"}}));  // mixed
  EXPECT_TRUE(lines_of_text("").empty());
  EXPECT_TRUE(lines_of_text("\xEF\xBB\xBF").size() == 1);  // a BOM alone is one empty line
}

TEST(TextReader, SameLinesFromPlainGzipBgzfAndStdin) {
  TempDir dir;
  EXPECT_EQ(all_lines(TextReader(dir.file("p.txt", kText))), kLines);
  EXPECT_EQ(all_lines(TextReader(dir.gz_file("g.txt.gz", kText))), kLines);
  EXPECT_EQ(all_lines(TextReader(bgzf_file(dir, "b.txt.gz", kText))), kLines);
  const std::string cr_only = "a\rb\r\rc\r";
  EXPECT_EQ(all_lines(TextReader(dir.gz_file("cr.gz", cr_only))), lines_of_text(cr_only));

  // "-" reads standard input (here a BGZF file put on fd 0).
  const int saved = dup(STDIN_FILENO);
  const int fd = open(bgzf_file(dir, "stdin.gz", kText).c_str(), O_RDONLY);
  ASSERT_GE(fd, 0);
  dup2(fd, STDIN_FILENO);
  close(fd);
  Lines from_stdin;
  std::string error;
  try {
    from_stdin = all_lines(TextReader("-"));
  } catch (const Error& e) {
    error = e.what();
  }
  dup2(saved, STDIN_FILENO);
  close(saved);
  EXPECT_EQ(error, "");
  EXPECT_EQ(from_stdin, kLines);
}

// A gzip (not BGZF) file cut in half: htslib returns -2 from hts_getline.
TEST(TextReader, GzipCutInHalfIsAnInputError) {
  TempDir dir;
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "row" + std::to_string(i) + "\t" + std::to_string(i * 7919 % 10007) + "\n";
  const std::string whole = file_bytes(dir.gz_file("whole.gz", text));
  const std::string cut = dir.file("cut.tsv.gz", whole.substr(0, whole.size() / 2));
  const std::string msg = message_of<InputError>([&] { all_lines(TextReader(cut)); });
  EXPECT_TRUE(has(msg, cut + ": damaged or truncated compressed data")) << msg;
  EXPECT_THROW(read_table(cut), InputError);
}

// A BGZF file cut inside a block: hts_getline ends as at a clean end, the BGZF error code tells.
TEST(TextReader, BgzfCutInsideABlockIsAnInputError) {
  const std::string path = kEdge + "derived_truncated_mid_block.vcf.gz";
  const std::string msg = message_of<InputError>([&] { all_lines(TextReader(path)); });
  EXPECT_TRUE(has(msg, path + ": damaged or truncated compressed data")) << msg;
}

// A BGZF file without its end-of-file block: every line reads, nothing is flagged by htslib.
TEST(TextReader, BgzfWithoutEofBlockIsAnInputError) {
  const std::string real = kEdge + "derived_missing_bgzf_eof.vcf.gz";
  std::string msg = message_of<InputError>([&] { all_lines(TextReader(real)); });
  EXPECT_TRUE(has(msg, "end-of-file block is missing")) << msg;

  TempDir dir;
  const std::string whole = file_bytes(bgzf_file(dir, "whole.gz", "a\tb\n1\t2\n"));
  ASSERT_GT(whole.size(), 28u);
  const std::string no_eof = dir.file("noeof.tsv.gz", whole.substr(0, whole.size() - 28));
  msg = message_of<InputError>([&] { read_table(no_eof); });
  EXPECT_TRUE(has(msg, no_eof + ": damaged or truncated compressed data")) << msg;
}

// A whole plain gzip file (no BGZF blocks, so no EOF block) is fine.
TEST(TextReader, PlainGzipNotBgzfReadsWhole) {
  const Lines lines = all_lines(TextReader(kEdge + "derived_plain_gzip_not_bgzf.vcf.gz"));
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines.front().second.rfind("##fileformat=VCF", 0), 0u);
  EXPECT_EQ(lines.back().first, static_cast<long>(lines.size()));
}

TEST(TextReader, OpenErrorsAndBinaryData) {
  TempDir dir;
  EXPECT_THROW(TextReader("/nonexistent/x.tsv"), IoError);
  EXPECT_THROW(TextReader(dir.path("")), IoError);  // a directory
  EXPECT_TRUE(all_lines(TextReader(dir.file("empty.txt", ""))).empty());
  const std::string msg = message_of<InputError>([] { lines_of_text(std::string("a\nb\0c\n", 6)); });
  EXPECT_TRUE(has(msg, "t.txt:2: binary data")) << msg;
}

// ---- the table parser on the reader: the same rules for every kind of input

TEST(TableParser, SameTableFromEverySource) {
  TempDir dir;
  const std::string text = "\xEF\xBB\xBF#c\r\nid\tv\r\n\r\nA\t1\r\nB\t2\r\n";
  for (const std::string& path : {dir.file("t.tsv", text), dir.gz_file("t.tsv.gz", text),
                                  bgzf_file(dir, "t.bgz.tsv.gz", text)}) {
    const TextTable t = read_table(path);
    EXPECT_EQ(t.comments, std::vector<std::string>{"c"});
    EXPECT_EQ(t.header, (std::vector<std::string>{"id", "v"}));
    EXPECT_EQ(t.rows, (std::vector<std::vector<std::string>>{{"A", "1"}, {"B", "2"}}));
    EXPECT_EQ(t.line_numbers, (std::vector<long>{4, 5})) << path;
  }
}

TEST(TableParser, ErrorsNameFileAndLine) {
  auto error = [](const std::string& text) {
    return message_of<InputError>([&] { parse_table(text, "x.tsv", Delimiter::Tab); });
  };
  EXPECT_TRUE(has(error("a\tb\ta\n"), "x.tsv:1: duplicate column name 'a'"));
  EXPECT_TRUE(has(error("a\tb\n1\t2\n\n3\n"), "x.tsv:4: row has 1 fields but the header (line 1) has 2"));
  EXPECT_TRUE(has(error("a\tb\n1\t2\t3\n"), "x.tsv:2: row has 3 fields"));
  EXPECT_TRUE(has(error(""), "x.tsv: empty table"));
  EXPECT_TRUE(has(error("\r\n\n"), "x.tsv: empty table"));
}

TEST(TableParser, Options) {
  TableOptions pad;
  pad.delimiter = Delimiter::Tab;
  pad.pad_short_rows = true;
  const TextTable p = parse_table("a\tb\tc\n1\n", "p.maf", pad);
  EXPECT_EQ(p.rows, (std::vector<std::vector<std::string>>{{"1", "", ""}}));
  EXPECT_THROW(parse_table("a\tb\n1\t2\t3\n", "p.maf", pad), InputError);  // longer rows stay errors

  TableOptions bed;
  bed.delimiter = Delimiter::Tab;
  bed.has_header = false;
  const TextTable b = parse_table("#x\nchr1\t1\t5\n\nchr2\t3\t9\tname\n#y\n", "t.bed", bed);
  EXPECT_TRUE(b.header.empty());
  EXPECT_EQ(b.rows.size(), 2u);
  EXPECT_EQ(b.rows[1].size(), 4u);
  EXPECT_EQ(b.line_numbers, (std::vector<long>{2, 4}));
  EXPECT_EQ(b.comments, (std::vector<std::string>{"x", "y"}));

  TableOptions vcf_like;
  vcf_like.delimiter = Delimiter::Tab;
  vcf_like.comments = false;
  EXPECT_EQ(parse_table("#CHROM\tPOS\n1\t5\n", "v.tsv", vcf_like).header,
            (std::vector<std::string>{"#CHROM", "POS"}));
}

TEST(TableParser, HeaderOnlyReadsTheStart) {
  TempDir dir;
  TableOptions o;
  o.delimiter = Delimiter::Tab;
  // A damaged row later in the file does not matter to a header peek.
  const TextTable t = read_table_header(dir.file("h.tsv", "#version 2.4\nA\tB\n1\t2\t3\t4\n"), o);
  EXPECT_EQ(t.header, (std::vector<std::string>{"A", "B"}));
  EXPECT_EQ(t.header_line, 2);
  EXPECT_TRUE(t.rows.empty());
}

// ---- detection

TEST(Detect, Formats) {
  TempDir dir;
  const std::string data = PATHCORR_TEST_DATA;
  EXPECT_EQ(detect_format(data + "/real/edge-cases/htslib_tabix_vcf_file.vcf").format, InputFormat::Vcf);
  EXPECT_EQ(detect_format(data + "/real/edge-cases/bcftools_roh.1.vcf.gz").format, InputFormat::Vcf);
  EXPECT_EQ(detect_format(data + "/real/edge-cases/htslib_tabix_vcf_file.bcf").format, InputFormat::Bcf);
  EXPECT_EQ(detect_format(dir.gz_file("m.maf.gz", "#version 2.4\nHugo_Symbol\tTumor_Sample_Barcode\n")).format,
            InputFormat::Maf);
  EXPECT_EQ(detect_format(dir.file("a.txt", "Chr\tStart\tEnd\tRef\tAlt\tFunc.refGene\n")).format,
            InputFormat::AnnovarTable);
  const DetectedFormat clinical = detect_format(dir.file("c.tsv", "patient_id\tresponse\nP1\tPR\n"));
  EXPECT_EQ(clinical.format, InputFormat::Unknown);
  EXPECT_TRUE(has(clinical.reason, "patient_id, response")) << clinical.reason;
  const DetectedFormat missing = detect_format(dir.path("no_such.vcf"));
  EXPECT_EQ(missing.format, InputFormat::Unknown);
  EXPECT_TRUE(has(missing.reason, "cannot open")) << missing.reason;
  EXPECT_EQ(detect_format(dir.file("empty", "")).format, InputFormat::Unknown);
  // A gzip file cut inside its start: Unknown, and the reason says so.
  std::string rows;
  for (int i = 0; i < 5000; ++i) rows += "3\t" + std::to_string(178952085 + i * 7) + "\n";
  const std::string whole = file_bytes(dir.gz_file("w.gz", "#version 2.4\nHugo_Symbol\tTumor_Sample_Barcode\n" + rows));
  const DetectedFormat cut = detect_format(dir.file("cut.maf.gz", whole.substr(0, 40)));
  EXPECT_EQ(cut.format, InputFormat::Unknown);
  EXPECT_TRUE(has(cut.reason, "damaged or truncated compressed data")) << cut.reason;
  EXPECT_STREQ(to_string(InputFormat::AnnovarTable), "ANNOVAR table");
}


// scan_line (16 bytes at a time) against its byte-at-a-time definition, on seeded random lines of tabs, newlines,
// carriage returns and other bytes, at every length around the 16-byte steps and with more tabs than it places.
TEST(ScanLine, EqualsTheBytewiseDefinition) {
  std::mt19937 rng(20261203);
  const char alphabet[] = "\t\t\t\nACGT\r.;=0";
  for (int trial = 0; trial < 20000; ++trial) {
    const size_t n = rng() % 80;
    std::string s(n, 'x');
    for (char& c : s) c = alphabet[rng() % (sizeof alphabet - 1)];
    if (trial % 3 == 0)  // most real lines are long with no newline till the end
      for (char& c : s)
        if (c == '\n') c = 'A';
    const LineShape fast = scan_line(s.data(), s.size());
    const LineShape slow = scan_line_bytewise(s.data(), s.size());
    ASSERT_EQ(fast.length, slow.length) << s;
    ASSERT_EQ(fast.newline, slow.newline) << s;
    ASSERT_EQ(fast.tabs, slow.tabs) << s;
    for (size_t k = 0; k < std::min(fast.tabs, LineShape::kTabs); ++k) ASSERT_EQ(fast.tab[k], slow.tab[k]) << s;
  }
}

TEST(LeadingNumber, DigitsSaturationAndStop) {
  EXPECT_EQ(leading_number("105246551\t.").value, 105246551);
  EXPECT_EQ(leading_number("105246551\t.").digits, 9u);
  EXPECT_EQ(leading_number("12a").value, 12);
  EXPECT_EQ(leading_number("12a").digits, 2u);
  EXPECT_EQ(leading_number("-5").digits, 0u);
  EXPECT_EQ(leading_number("").value, 0);
  const LeadingNumber big = leading_number(std::string(40, '9'));  // no overflow: saturates past 2^58
  EXPECT_EQ(big.digits, 40u);
  EXPECT_GE(big.value, 1LL << 58);
  EXPECT_LT(big.value, (1LL << 58) * 10);
}

TEST(ScanLine, AVcfLine) {
  const std::string line = "1\t100\t.\tA\tG\t.\tPASS\tDP=10\tGT\t0/1\t0/0\t1/1\nnext\tline";
  const LineShape s = scan_line(line.data(), line.size());
  EXPECT_TRUE(s.newline);
  EXPECT_EQ(s.length, line.find('\n'));
  EXPECT_EQ(s.tabs, 11u);
  EXPECT_EQ(s.tab[0], 1u);
  EXPECT_EQ(s.tab[1], 5u);
  EXPECT_EQ(s.tab[7], line.find("\tGT"));
}

}  // namespace
}  // namespace pathcorr
