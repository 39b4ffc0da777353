// Tabular input and output shared by every stage: reading TSV/CSV tables (plain or gzip, with or without BOM,
// any line ending, RFC 4180 quoting), writing TSV rows, formatting numbers so that a re-read gives the same
// double, strict number parsing, and atomic output files (temporary file + rename, so a failed run leaves no
// partial output). SPEC "Files and exit codes".
#pragma once
#include <cstdio>
#include <memory>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace pathcorr {

struct TextTable {
  std::string path;                                  // for messages
  std::vector<std::string> comments;                 // '#' lines before the header, without the leading '#'
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;        // every row has header.size() fields
  std::vector<long> line_numbers;                    // 1-based physical line of each row
  long header_line = 0;                              // 1-based physical line of the header

  // Index of the column called `name` (both sides trimmed, exact match); -1 if absent.
  int column(const std::string& name) const;
  // Like column(), but falls back to a case-insensitive match when exactly one column matches that way
  // ("PATIENT_ID" for "patient_id"). -1 if absent or ambiguous.
  int column_any_case(const std::string& name) const;
  // Index of `name` (exact match); InputError "path:line: missing column 'x' (columns are: a, b)" when absent.
  int require_column(const std::string& name) const;
  // "a, b, c" - the header for messages.
  std::string column_list() const;
};

enum class Delimiter { Auto, Tab, Comma };  // Auto: name ends in ".csv" or ".csv.gz" (any case) -> comma, else tab

// Reads a TSV/CSV table, plain or gzip ("-" reads standard input).
//  - UTF-8 BOM stripped; LF, CRLF and lone CR line ends; blank (empty or whitespace-only) lines skipped.
//  - Leading/trailing spaces, tabs (CSV) and CRs are trimmed from every unquoted field and from the header.
//  - CSV: RFC 4180 quoting (embedded delimiters, doubled quotes, line breaks inside quotes; a line break inside
//    quotes is kept as '\n'). TSV: a field wholly enclosed in double quotes is unquoted ("" -> "), on one line
//    only, as R's read.delim does; quotes elsewhere are literal.
//  - With allow_comments, lines starting with '#' before the header are comments (cBioPortal metadata rows,
//    provenance lines); after the header a '#' line is data. Without it, the first non-blank line is the header.
//  - Trailing empty header fields (spreadsheet exports) are dropped, and so are empty fields past the header
//    width at the end of a row; any other field-count mismatch is an error.
// Errors (InputError, "path:line: ..."): empty file / no header, ragged row, duplicate column name, unterminated
// quote. IoError when the file cannot be opened or decompressed.
TextTable read_table(const std::string& path, Delimiter d = Delimiter::Auto, bool allow_comments = true);
// Called with each data row (header.size() fields) and its physical line; the table holds comments and header.
using RowHandler = std::function<void(const TextTable& table, std::vector<std::string>& fields, long line)>;
// read_table that hands every row to on_row instead of keeping it (the returned table has no rows): for large
// tables turned into numbers as they are read (matrix.tsv).
TextTable read_table_rows(const std::string& path, const RowHandler& on_row, Delimiter d = Delimiter::Auto,
                          bool allow_comments = true);
// The same parser over text already in memory; source_name is used for messages and for Delimiter::Auto. With
// on_row, rows go to it and are not kept.
TextTable parse_table(const std::string& text, const std::string& source_name, Delimiter d,
                      bool allow_comments = true, const RowHandler* on_row = nullptr);
// Whole content of a plain or gzip file ("-" = stdin), decompressed. IoError on failure.
std::string read_file_bytes(const std::string& path);

// Shortest of %.15g / %.16g / %.17g that re-reads to the same double (locale-independent). NaN -> "NA",
// +inf -> "Inf", -inf -> "-Inf" (R style); integer-valued doubles print as "3"; -0 prints as "0".
std::string format_double(double x);

// Strict number parsing: the whole string (surrounding whitespace aside) must be a number, else nullopt
// ("NA", "", "abc", "1.2x", "0x10", out of range). "Inf"/"-Inf"/"Infinity" (any case) give +-inf so that our own
// output re-reads; "NaN" gives nullopt. A leading '+' is accepted.
std::optional<double> parse_double(std::string_view s);
std::optional<long> parse_long(std::string_view s);

// True for the missing-value spellings of clinical and cBioPortal tables: "", "NA", "N/A", "NaN", "." (any case)
// and bracketed TCGA/cBioPortal tokens such as "[Not Available]", "[Unknown]", "[Not Applicable]".
bool is_missing_value(std::string_view s);

// Removes leading and trailing spaces, tabs, CR and LF.
std::string_view trim(std::string_view s);
std::string to_lower(std::string_view s);

// Atomic output file. Data go to "<path>.tmp.<pid>.<random>" in the same directory; commit() flushes, checks
// every write, fsyncs and renames over `path`. When the writer is destroyed without commit() (an exception on
// the way), the temporary file is removed and `path` is untouched. "-" writes to stdout (no temporary file).
// Errors -> IoError naming the path and strerror.
class AtomicWriter {
 public:
  explicit AtomicWriter(std::string path);
  AtomicWriter(const AtomicWriter&) = delete;
  AtomicWriter& operator=(const AtomicWriter&) = delete;
  ~AtomicWriter();

  std::ostream& out();
  void commit();
  const std::string& path() const { return path_; }
  const std::string& temp_path() const { return temp_path_; }  // empty for stdout

 private:
  class FdBuf;
  std::string path_;
  std::string temp_path_;
  int fd_ = -1;
  bool committed_ = false;
  std::unique_ptr<FdBuf> buf_;
  std::unique_ptr<std::ostream> stream_;
};

// Writes the fields joined by '\t' and ended by '\n'. Control characters inside a field (a tab, CR or LF that an
// annotation or file name carried in) are written percent-encoded ("%09", "%0A", ...), so a row is always one line
// of the right width.
void write_tsv_row(std::ostream& os, const std::vector<std::string>& fields);

}  // namespace pathcorr
