// Tests of pipeline/table_io: the table reader (BOM, line ends, quoting, gzip, errors), number formatting and
// parsing, TSV rows and the atomic writer.
#include "pipeline/io/table_io.h"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <csignal>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <sstream>

#include "pipeline/base/errors.h"
#include "pipeline/base/parallel.h"
#include "pipeline/io/column_table.h"
#include "pipeline/io/spool.h"
#include "tests/unit/test_support.h"

namespace pathcorr {
namespace {

using test::has;
using test::message_of;
using test::TempDir;

namespace fs = std::filesystem;

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(TableIoReadTable, PlainTsvWithComments) {
  const TextTable t = parse_table("#pathcorr 0.1\n# second\npatient_id\tx\nP1\t1\nP2\t2\n", "t.tsv", Delimiter::Auto);
  ASSERT_EQ(t.comments.size(), 2u);
  EXPECT_EQ(t.comments[0], "pathcorr 0.1");
  EXPECT_EQ(t.comments[1], " second");
  EXPECT_EQ(t.header, (std::vector<std::string>{"patient_id", "x"}));
  EXPECT_EQ(t.header_line, 3);
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[1], (std::vector<std::string>{"P2", "2"}));
  EXPECT_EQ(t.line_numbers, (std::vector<long>{4, 5}));
  EXPECT_EQ(t.column("x"), 1);
  EXPECT_EQ(t.column(" x "), 1);
  EXPECT_EQ(t.column("y"), -1);
}

TEST(TableIoReadTable, CommentsOnlyBeforeHeader) {
  const TextTable t = parse_table("a\tb\n#1\t2\n", "t.tsv", Delimiter::Tab);
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0][0], "#1");
  // Without allow_comments the '#' line is the header (as a VCF's #CHROM line).
  const TextTable v = parse_table("#CHROM\tPOS\n1\t5\n", "t.tsv", Delimiter::Tab, false);
  EXPECT_EQ(v.header[0], "#CHROM");
  EXPECT_TRUE(v.comments.empty());
}

TEST(TableIoReadTable, BomAndCrlf) {
  const TextTable t = parse_table("\xEF\xBB\xBFid\tv\r\nA\t1\r\n\r\nB\t2 \r\n", "t.tsv", Delimiter::Tab);
  EXPECT_EQ(t.header[0], "id");  // BOM gone, so the column is found
  EXPECT_EQ(t.column("id"), 0);
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0][1], "1");  // no trailing CR
  EXPECT_EQ(t.rows[1][1], "2");  // trailing blank trimmed
  EXPECT_EQ(t.line_numbers, (std::vector<long>{2, 4}));
}

TEST(TableIoReadTable, LoneCrLineEnds) {
  // Old Mac line ends, as in maftools' ANNOVAR example table.
  const TextTable t = parse_table("id\tv\rA\t1\rB\t2\r", "t.tsv", Delimiter::Tab);
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[1], (std::vector<std::string>{"B", "2"}));
  EXPECT_EQ(t.line_numbers, (std::vector<long>{2, 3}));
}

TEST(TableIoReadTable, RealCrOnlyFile) {
  const std::string path = std::string(PATHCORR_SOURCE_DIR) + "/../shared/real-data/annotated/maftools_variants.hg19_multianno.txt";
  if (!fs::exists(path)) GTEST_SKIP() << "no " << path;
  const TextTable t = read_table(path);
  EXPECT_GT(t.rows.size(), 5u);
  EXPECT_GE(t.column("Tumor_Sample_Barcode"), 0);
}

TEST(TableIoReadTable, QuotedCsv) {
  const std::string text =
      "id,note,n\n"
      "A,\"x, y\",1\n"
      "B,\"she said \"\"hi\"\"\",2\n"
      "C,\"two\r\nlines\",3\n"
      "D, \"padded\" ,4\n"
      "E,5\" disk,5\n"
      "F,,6\n";
  const TextTable t = parse_table(text, "t.csv", Delimiter::Auto);
  ASSERT_EQ(t.rows.size(), 6u);
  EXPECT_EQ(t.rows[0][1], "x, y");
  EXPECT_EQ(t.rows[1][1], "she said \"hi\"");
  EXPECT_EQ(t.rows[2][1], "two\nlines");
  EXPECT_EQ(t.rows[2][2], "3");
  EXPECT_EQ(t.rows[3][1], "padded");
  EXPECT_EQ(t.rows[4][1], "5\" disk");  // a quote inside an unquoted field is literal
  EXPECT_EQ(t.rows[5][1], "");
  // The record with the embedded line break starts on line 4; the next one on line 6.
  EXPECT_EQ(t.line_numbers, (std::vector<long>{2, 3, 4, 6, 7, 8}));
}

TEST(TableIoReadTable, QuotedTsvFields) {
  const TextTable t = parse_table("id\tnote\nA\t\"p.E545K\"\nB\t\"say \"\"x\"\"\"\nC\t5\"\n", "t.tsv", Delimiter::Tab);
  EXPECT_EQ(t.rows[0][1], "p.E545K");
  EXPECT_EQ(t.rows[1][1], "say \"x\"");
  EXPECT_EQ(t.rows[2][1], "5\"");
}

TEST(TableIoReadTable, CsvQuoteErrors) {
  EXPECT_NE(error_of([] { parse_table("id,x\nA,\"open\nB,2\n", "q.csv", Delimiter::Comma); }).find("q.csv:2:"),
            std::string::npos);
  const std::string e = error_of([] { parse_table("id,x\nA,\"ab\"c\n", "q.csv", Delimiter::Comma); });
  EXPECT_NE(e.find("q.csv:2:"), std::string::npos) << e;
  EXPECT_NE(e.find("closing quote"), std::string::npos) << e;
}

TEST(TableIoReadTable, RaggedRowNamesLine) {
  const std::string e = error_of([] { parse_table("a\tb\tc\n1\t2\t3\n\n4\t5\n", "r.tsv", Delimiter::Tab); });
  EXPECT_NE(e.find("r.tsv:4:"), std::string::npos) << e;
  EXPECT_NE(e.find("2 fields"), std::string::npos) << e;
  EXPECT_NE(e.find("has 3"), std::string::npos) << e;
  EXPECT_THROW(parse_table("a\tb\n1\t2\t3\n", "r.tsv", Delimiter::Tab), InputError);
  EXPECT_THROW(parse_table("a,b\n1,2,3\n", "r.csv", Delimiter::Comma), InputError);
}

TEST(TableIoReadTable, TrailingEmptyFieldsFromSpreadsheets) {
  const TextTable t = parse_table("a\tb\t\t\n1\t2\t\t\n3\t4\n\t\t\n", "s.tsv", Delimiter::Tab);
  EXPECT_EQ(t.header.size(), 2u);
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0], (std::vector<std::string>{"1", "2"}));
  EXPECT_THROW(parse_table("a\tb\n1\t2\tx\n", "s.tsv", Delimiter::Tab), InputError);  // not empty: ragged
  const TextTable c = parse_table("a,b\n1,2,,\n,,\n,\n", "s.csv", Delimiter::Comma);
  EXPECT_EQ(c.rows.size(), 1u);  // all-empty rows skipped
}

TEST(TableIoReadTable, EmptyAndHeaderless) {
  TempDir dir;
  const std::string empty = dir.write("empty.tsv", "");
  const std::string e = error_of([&] { read_table(empty); });
  EXPECT_NE(e.find(empty), std::string::npos) << e;
  EXPECT_NE(e.find("no header"), std::string::npos) << e;
  EXPECT_THROW(read_table(dir.write("blank.tsv", "\n\r\n  \n")), InputError);
  EXPECT_THROW(read_table(dir.write("comments.tsv", "#a\n#b\n")), InputError);
  EXPECT_THROW(read_table(dir.write("bom.tsv", "\xEF\xBB\xBF")), InputError);
  // Header only is a valid, empty table.
  EXPECT_TRUE(read_table(dir.write("h.tsv", "a\tb\n")).rows.empty());
}

TEST(TableIoReadTable, DuplicateColumn) {
  const std::string e = error_of([] { parse_table("#c\nid\tx\tid\n", "d.tsv", Delimiter::Tab); });
  EXPECT_NE(e.find("d.tsv:2:"), std::string::npos) << e;
  EXPECT_NE(e.find("'id'"), std::string::npos) << e;
}

TEST(TableIoReadTable, RequireColumnListsColumns) {
  const TextTable t = parse_table("id\tx\n", "c.tsv", Delimiter::Tab);
  const std::string e = error_of([&] { t.require_column("best_response"); });
  EXPECT_NE(e.find("c.tsv:1: missing column 'best_response' (columns are: id, x)"), std::string::npos) << e;
  EXPECT_EQ(t.require_column("x"), 1);
}

TEST(TableIoReadTable, ColumnAnyCase) {
  const TextTable t = parse_table("PATIENT_ID\tVal\tval2\tA\ta\n", "c.tsv", Delimiter::Tab);
  EXPECT_EQ(t.column("patient_id"), -1);
  EXPECT_EQ(t.column_any_case("patient_id"), 0);
  EXPECT_EQ(t.column_any_case("A"), 3);   // exact match wins
  EXPECT_EQ(t.column_any_case("VAL"), 1);
  const TextTable u = parse_table("Aa\taA\n", "c.tsv", Delimiter::Tab);
  EXPECT_EQ(u.column_any_case("AA"), -1);  // ambiguous
}

TEST(TableIoReadTable, BinaryRefused) {
  EXPECT_THROW(parse_table(std::string("a\tb\n1\0x\t2\n", 10), "b.tsv", Delimiter::Tab), InputError);
}

TEST(TableIoReadTable, GzipInputAndCsvGzExtension) {
  TempDir dir;
  const std::string path = dir.file("t.csv.gz");
  gzFile gz = gzopen(path.c_str(), "wb");
  ASSERT_NE(gz, nullptr);
  const std::string text = "id,v\nA,\"1,5\"\nB,2\n";
  ASSERT_EQ(gzwrite(gz, text.data(), static_cast<unsigned>(text.size())), static_cast<int>(text.size()));
  gzclose(gz);
  const TextTable t = read_table(path);
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0][1], "1,5");

  // Truncated gzip: an error naming the file, not a silently short table.
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  const std::string cut = dir.write("cut.tsv.gz", bytes.substr(0, bytes.size() - 6));
  EXPECT_THROW(read_table(cut), InputError);
}

TEST(TableIoReadTable, MissingFileIsIoError) {
  EXPECT_THROW(read_table("/nonexistent/dir/x.tsv"), IoError);
  TempDir dir;
  EXPECT_THROW(read_table(dir.file("")), IoError);  // a directory
}

TEST(TableIoReadTable, RealMaftoolsAnnotation) {
  const TextTable t = read_table(std::string(PATHCORR_TEST_DATA) + "/clinical/maftools_tcga_laml_annot.tsv");
  EXPECT_EQ(t.header, (std::vector<std::string>{"Tumor_Sample_Barcode", "FAB_classification",
                                                "days_to_last_followup", "Overall_Survival_Status"}));
  ASSERT_EQ(t.rows.size(), 200u);
  EXPECT_EQ(t.rows[0][0], "TCGA-AB-2802");
  EXPECT_EQ(t.line_numbers.back(), 201);
}

// ------------------------------------------------------------------------------------------------------------
// Numbers

TEST(TableIoFormatDouble, ExactStrings) {
  EXPECT_EQ(format_double(0.1), "0.1");
  EXPECT_EQ(format_double(1e-300), "1e-300");
  EXPECT_EQ(format_double(1.0 / 3.0), "0.3333333333333333");   // Python repr(1/3)
  EXPECT_EQ(format_double(15.0 / 36.0), "0.4166666666666667");  // Python repr(15/36)
  EXPECT_EQ(format_double(2.0), "2");
  EXPECT_EQ(format_double(-3.0), "-3");
  EXPECT_EQ(format_double(0.0), "0");
  EXPECT_EQ(format_double(-0.0), "0");
  EXPECT_EQ(format_double(1e20), "1e+20");
  EXPECT_EQ(format_double(123456.5), "123456.5");
  EXPECT_EQ(format_double(0.1 + 0.2), "0.30000000000000004");  // needs all 17 digits
  EXPECT_EQ(format_double(std::nan("")), "NA");
  EXPECT_EQ(format_double(std::numeric_limits<double>::infinity()), "Inf");
  EXPECT_EQ(format_double(-std::numeric_limits<double>::infinity()), "-Inf");
  // Expected strings from Python: next(s for p in (15, 16, 17) if float(s := '%.*g' % (p, x)) == x)
  EXPECT_EQ(format_double(std::numeric_limits<double>::denorm_min()), "4.94065645841247e-324");
  EXPECT_EQ(format_double(std::numeric_limits<double>::max()), "1.7976931348623157e+308");
}

TEST(TableIoFormatDouble, RoundTripsRandomDoubles) {
  std::mt19937_64 rng(20240607);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (int i = 0; i < 200000; ++i) {
    double x;
    switch (i % 4) {
      case 0: x = unit(rng); break;                                       // p-values
      case 1: x = std::ldexp(unit(rng), static_cast<int>(rng() % 2000) - 1000); break;
      case 2: {  // arbitrary bit patterns
        uint64_t bits = rng();
        std::memcpy(&x, &bits, sizeof x);
        if (!std::isfinite(x)) continue;
        break;
      }
      default: x = static_cast<double>(rng() % 1000) / static_cast<double>(rng() % 999 + 1); break;  // ratios
    }
    const std::string s = format_double(x);
    const auto back = parse_double(s);
    ASSERT_TRUE(back.has_value()) << s;
    ASSERT_EQ(*back, x == 0 ? 0.0 : x) << s;
    ASSERT_EQ(std::strtod(s.c_str(), nullptr), x) << s;  // also for readers using strtod (R, Python, awk)
    ASSERT_LE(s.size(), 24u) << s;
  }
}

TEST(TableIoFormatDouble, ShortestOfTheThree) {
  // 0.3 prints in 15 digits, so must not come out as 0.29999999999999999.
  EXPECT_EQ(format_double(0.3), "0.3");
  // A value whose 15-digit form is wrong but 16 digits are enough.
  const double x = 0.1 + 0.7;  // 0.7999999999999999
  EXPECT_EQ(format_double(x), "0.7999999999999999");
}

TEST(TableIoParseDouble, Strict) {
  EXPECT_EQ(parse_double("1.5"), 1.5);
  EXPECT_EQ(parse_double("-2e-3"), -0.002);
  EXPECT_EQ(parse_double("+4"), 4.0);
  EXPECT_EQ(parse_double(" 7 "), 7.0);
  EXPECT_EQ(parse_double(".5"), 0.5);
  EXPECT_EQ(parse_double("Inf"), std::numeric_limits<double>::infinity());
  EXPECT_EQ(parse_double("-Inf"), -std::numeric_limits<double>::infinity());
  EXPECT_EQ(parse_double("infinity"), std::numeric_limits<double>::infinity());
  for (const char* bad : {"", "NA", "NaN", "nan", "abc", "1.2x", "1,5", "0x10", "--1", "+-1", "1e", "e5", "1e999",
                          "1 2", "."})
    EXPECT_FALSE(parse_double(bad).has_value()) << bad;
}

TEST(TableIoParseLong, Strict) {
  EXPECT_EQ(parse_long("42"), 42L);
  EXPECT_EQ(parse_long("-7"), -7L);
  EXPECT_EQ(parse_long("+3"), 3L);
  for (const char* bad : {"", "NA", "1.0", "1e3", "12a", "99999999999999999999", "+-1", "0x1"})
    EXPECT_FALSE(parse_long(bad).has_value()) << bad;
}

TEST(TableIoMissingValue, Tokens) {
  for (const char* m : {"", " ", "NA", "na", "N/A", "NaN", ".", "[Not Available]", "[Unknown]"})
    EXPECT_TRUE(is_missing_value(m)) << m;
  for (const char* v : {"0", "PR", "none", "[x", "-", "__UNKNOWN__", "UNKNOWN", "NULL", "Unknown"})
    EXPECT_FALSE(is_missing_value(v)) << v;
}

// The MAF vocabulary is the table one plus the MAF writers' placeholders, exactly spelt.
TEST(TableIoMissingValue, MafTokens) {
  for (const char* m : {"", "NA", ".", "[Not Available]", "__UNKNOWN__", "-", " - "})
    EXPECT_TRUE(is_missing_value(m, MissingValues::Maf)) << m;
  for (const char* v : {"__unknown__", "--", "0", "Unknown", "UNKNOWN"})
    EXPECT_FALSE(is_missing_value(v, MissingValues::Maf)) << v;
}

// ------------------------------------------------------------------------------------------------------------
// Writing

TEST(TableIoWriteTsvRow, JoinsAndEscapes) {
  std::ostringstream os;
  write_tsv_row(os, {"a", "", "c d"});
  write_tsv_row(os, {});
  EXPECT_EQ(os.str(), "a\t\tc d\n\n");
  // Control characters inside a field are percent-encoded: the row stays one line of the right width.
  std::ostringstream esc;
  write_tsv_row(esc, {"a\tb", "b\n", "c\rd", "100%"});
  EXPECT_EQ(esc.str(), "a%09b\tb%0A\tc%0Dd\t100%\n");
  // A field wholly in double quotes is quoted, so that the reader (which unquotes such fields) gives it back.
  std::ostringstream quoted;
  write_tsv_row(quoted, {"\"\"\"\"", "\"x\"", "a\"b", "\""});
  EXPECT_EQ(quoted.str(), "\"\"\"\"\"\"\"\"\"\"\t\"\"\"x\"\"\"\ta\"b\t\"\n");
  TempDir dir;
  const TextTable t = read_table(dir.write("q.tsv", "h1\th2\th3\th4\n" + quoted.str()), Delimiter::Tab);
  EXPECT_EQ(t.rows.at(0), (std::vector<std::string>{"\"\"\"\"", "\"x\"", "a\"b", "\""}));
}

// write_output_rows writes blocks of 1,024 rows: the text is the write_tsv_row loop's, across block edges.
TEST(TableIoWriteOutputRows, SameTextAsRowByRow) {
  struct Row {
    int id;
    std::string name;
  };
  const std::vector<OutputColumn<Row>> columns = {
      {"id", [](const Row& r) { return std::to_string(r.id); }},
      {"name", [](const Row& r) { return r.name; }},
  };
  for (size_t n : {size_t{0}, size_t{1}, size_t{1023}, size_t{1024}, size_t{1025}, size_t{3000}}) {
    std::vector<Row> rows;
    for (size_t i = 0; i < n; ++i) rows.push_back({static_cast<int>(i), i % 97 == 0 ? "a\tb" : "r" + std::to_string(i * 7)});
    std::ostringstream expected;
    write_tsv_row(expected, {"id", "name"});
    for (const Row& r : rows) write_tsv_row(expected, {std::to_string(r.id), r.name});
    std::ostringstream os;
    write_output_rows(os, columns, rows);
    EXPECT_EQ(os.str(), expected.str()) << n << " rows";
  }
}

// parallel_for: every index once, each thread its own state, the first exception rethrown after the join.
TEST(Parallel, EveryIndexOnceAndErrorsRethrown) {
  for (int threads : {1, 2, 5}) {
    std::vector<int> seen(1000, 0);
    parallel_for(seen.size(), threads, [&](size_t i) { ++seen[i]; });
    EXPECT_EQ(std::count(seen.begin(), seen.end(), 1), 1000) << threads;
    // Each thread's state starts afresh: one index per thread that ran a job sees its state unused.
    struct Uses {
      int n = 0;
    };
    std::vector<int> per_state(100, 0);
    parallel_for<Uses>(per_state.size(), threads, [&](Uses& u, size_t i) { per_state[i] = ++u.n; });
    const auto fresh = std::count(per_state.begin(), per_state.end(), 1);
    EXPECT_GE(fresh, 1);
    EXPECT_LE(fresh, threads);
    EXPECT_EQ(std::count(per_state.begin(), per_state.end(), 0), 0);
    EXPECT_THROW(parallel_for(100, threads, [](size_t i) {
                   if (i == 37) throw InputError("job 37");
                 }),
                 InputError);
  }
  parallel_for(0, 4, [](size_t) { FAIL() << "no job to run"; });
}

// A spool keeps what it is given on disk, in order, and leaves nothing in the directory; it copies out from the
// start, more than its 1 MB buffer; a directory that does not exist is an IoError naming the output.
TEST(TableIoSpool, KeepsTextAndLeavesNothingBehind) {
  TempDir dir;
  const std::string out = dir.file("calls.tsv");
  std::string expected;
  {
    Spool spool(out);
    EXPECT_TRUE(dir.list().empty());
    for (int i = 0; i < 40000; ++i) {
      const std::string line = "row " + std::to_string(i) + std::string(static_cast<size_t>(i % 50), 'x') + "\n";
      spool.write(line);
      expected += line;
    }
    spool.write("");
    EXPECT_EQ(spool.size(), expected.size());
    ASSERT_GT(expected.size(), size_t{1} << 20);
    std::ostringstream copy;
    spool.copy_to(copy);
    EXPECT_EQ(copy.str(), expected);
    std::ostringstream again;  // copying does not consume it
    spool.copy_to(again);
    EXPECT_EQ(again.str(), expected);
    EXPECT_TRUE(dir.list().empty());
  }
  EXPECT_TRUE(dir.list().empty());
  // An output whose directory is not made yet, and standard output, spool in $TMPDIR; one that cannot be written
  // is an IoError naming the output.
  const char* was = std::getenv("TMPDIR");
  const std::string saved = was ? was : "";
  setenv("TMPDIR", dir.path("").c_str(), 1);
  {
    Spool s(dir.file("no/such/dir/calls.tsv"));
    s.write("x");
    Spool out("-");
  }
  setenv("TMPDIR", dir.file("missing").c_str(), 1);
  const std::string msg = message_of<IoError>([&] { Spool s("-"); });
  EXPECT_NE(msg.find("-: cannot make a temporary file in " + dir.file("missing")), std::string::npos) << msg;
  if (was) setenv("TMPDIR", saved.c_str(), 1);
  else unsetenv("TMPDIR");
  EXPECT_TRUE(dir.list().empty());
}

TEST(TableIoAtomicWriter, DirectoryOf) {
  EXPECT_EQ(directory_of("calls.tsv"), ".");
  EXPECT_EQ(directory_of("/calls.tsv"), "/");
  EXPECT_EQ(directory_of("out/run/calls.tsv"), "out/run");
  EXPECT_EQ(directory_of("/tmp/x/"), "/tmp/x");
}

TEST(TableIoAtomicWriter, CommitReplacesAtomically) {
  TempDir dir;
  const std::string path = dir.write("out.tsv", "old contents\n");
  {
    AtomicWriter w(path);
    write_tsv_row(w.out(), {"a", "b"});
    EXPECT_FALSE(w.temp_path().empty());
    EXPECT_EQ(w.temp_path().rfind(path + ".tmp." + std::to_string(getpid()) + ".", 0), 0u) << w.temp_path();
    // Until commit the old file is untouched and the new data sit in the temporary file.
    std::ifstream before(path);
    std::string line;
    std::getline(before, line);
    EXPECT_EQ(line, "old contents");
    EXPECT_EQ(dir.list().size(), 2u);
    w.commit();
    w.commit();  // idempotent
  }
  std::ifstream in(path);
  std::string all((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(all, "a\tb\n");
  EXPECT_EQ(dir.list(), (std::vector<std::string>{"out.tsv"}));
}

TEST(TableIoAtomicWriter, UncommittedLeavesNothing) {
  TempDir dir;
  const std::string path = dir.file("new.tsv");
  try {
    AtomicWriter w(path);
    w.out() << std::string(200000, 'x');  // more than one buffer, so bytes reach the disk
    throw std::runtime_error("boom");
  } catch (const std::runtime_error&) {
  }
  EXPECT_TRUE(dir.list().empty());

  const std::string existing = dir.write("keep.tsv", "keep\n");
  { AtomicWriter w(existing); w.out() << "partial"; }
  std::ifstream in(existing);
  std::string all((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(all, "keep\n");
  EXPECT_EQ(dir.list(), (std::vector<std::string>{"keep.tsv"}));
}

TEST(TableIoAtomicWriter, LargeOutputAndPermissions) {
  TempDir dir;
  const std::string path = dir.file("big.tsv");
  std::string expected;
  {
    AtomicWriter w(path);
    for (int i = 0; i < 50000; ++i) {
      const std::vector<std::string> row{std::to_string(i), format_double(i / 7.0)};
      write_tsv_row(w.out(), row);
      expected += row[0] + "\t" + row[1] + "\n";
    }
    w.commit();
  }
  std::ifstream in(path, std::ios::binary);
  std::string all((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(all, expected);
  struct stat st;
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  const mode_t mask = umask(0);
  umask(mask);
  EXPECT_EQ(st.st_mode & 0777, 0666 & ~mask);  // an ordinary file, not mkstemp's 0600
}

TEST(TableIoAtomicWriter, Errors) {
  TempDir dir;
  const std::string e = error_of([&] { AtomicWriter w(dir.file("no/such/dir/x.tsv")); });
  EXPECT_NE(e.find("no/such/dir/x.tsv"), std::string::npos) << e;
  EXPECT_NE(e.find("No such file or directory"), std::string::npos) << e;
  EXPECT_THROW(AtomicWriter w(dir.file("")), IoError);  // a directory
  EXPECT_THROW(AtomicWriter w(""), IoError);
  if (geteuid() != 0) {
    const std::string ro = dir.file("ro");
    fs::create_directory(ro);
    fs::permissions(ro, fs::perms::owner_read | fs::perms::owner_exec);
    EXPECT_THROW(AtomicWriter w(ro + "/x.tsv"), IoError);
    fs::permissions(ro, fs::perms::owner_all);
  }
}

TEST(TableIoAtomicWriter, WriteFailureSurfacesAtCommit) {
  // Simulate a full disk: a file-size limit makes write(2) fail with EFBIG once the limit is reached.
  TempDir dir;
  const std::string path = dir.file("full.tsv");
  struct rlimit old_limit;
  ASSERT_EQ(getrlimit(RLIMIT_FSIZE, &old_limit), 0);
  const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  struct rlimit small = old_limit;
  small.rlim_cur = 4096;
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &small), 0);
  std::string message;
  try {
    AtomicWriter w(path);
    w.out() << std::string(200000, 'x');
    w.commit();
  } catch (const IoError& e) {
    message = e.what();
  }
  setrlimit(RLIMIT_FSIZE, &old_limit);
  std::signal(SIGXFSZ, old_handler);
  EXPECT_NE(message.find("write failed: File too large"), std::string::npos) << message;
  EXPECT_NE(message.find(path + ".tmp."), std::string::npos) << message;
  EXPECT_TRUE(dir.list().empty());  // no partial output, no temporary file
}

TEST(TableIoAtomicWriter, StdoutDash) {
  AtomicWriter w("-");
  EXPECT_EQ(&w.out(), &std::cout);
  EXPECT_TRUE(w.temp_path().empty());
  w.commit();
}

}  // namespace
}  // namespace pathcorr
