// Tabular input and output shared by every stage: the one table parser (TSV/CSV, header and comments, quoting,
// duplicate columns, ragged rows) on the one line reader (io/text_reader.h: plain, gzip, BGZF, stdin, BOM, any
// line end, truncation), and writing TSV rows. SPEC "Files and exit codes".
#pragma once
#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/base/text.h"
#include "pipeline/io/atomic_writer.h"

namespace pathcorr {

struct TextTable {
  std::string path;                                  // for messages
  std::vector<std::string> comments;                 // '#' lines before the header, without the leading '#'
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;        // header.size() fields each (with a header)
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

// Where formats legitimately differ, they differ by these options; every other rule is the same for all.
struct TableOptions {
  Delimiter delimiter = Delimiter::Auto;
  // '#' lines before the header are comments (cBioPortal metadata rows, MAF '#version', provenance lines); after
  // the header a '#' line is data. Off: the first non-blank line is the header (VCF-like '#CHROM' headers). In a
  // table without header every '#' line is a comment (GTF, BED).
  bool comments = true;
  // False for formats without a header row (BED, GTF/GFF3): every non-blank, non-comment line is a row, rows may
  // differ in width, and TextTable::header stays empty.
  bool has_header = true;
  // Rows with fewer fields than the header get empty fields (MAF and ANNOVAR writers drop trailing empty
  // fields); otherwise a short row is an error.
  bool pad_short_rows = false;
};

// Reads a TSV/CSV table, plain, gzip or BGZF ("-" reads standard input), line rules of TextReader.
//  - Blank (empty or whitespace-only) lines skipped.
//  - Leading/trailing spaces, tabs (CSV) and CRs are trimmed from every unquoted field and from the header.
//  - CSV: RFC 4180 quoting (embedded delimiters, doubled quotes, line breaks inside quotes; a line break inside
//    quotes is kept as '\n'). TSV: a field wholly enclosed in double quotes is unquoted ("" -> "), on one line
//    only, as R's read.delim does (ANNOVAR quotes its AAChange lists so); quotes elsewhere are literal.
//  - Trailing empty header fields (spreadsheet exports) are dropped, and so are empty fields past the header
//    width at the end of a row; any other field-count mismatch is an error (see pad_short_rows).
// Errors (InputError, "path:line: ..."): empty file / no header, ragged row, duplicate column name, unterminated
// quote, damaged or truncated compressed data. IoError when the file cannot be opened or read.
TextTable read_table(const std::string& path, const TableOptions& options);
TextTable read_table(const std::string& path, Delimiter d = Delimiter::Auto, bool allow_comments = true);
// Only the comments and the header (format detection); the rest of the file is not read.
TextTable read_table_header(const std::string& path, const TableOptions& options);
// Called with each data row and its physical line; the table holds comments and header.
using RowHandler = std::function<void(const TextTable& table, std::vector<std::string>& fields, long line)>;
// read_table that hands every row to on_row instead of keeping it (the returned table has no rows): for large
// tables turned into numbers or calls as they are read (matrix.tsv, MAF).
TextTable read_table_rows(const std::string& path, const RowHandler& on_row, const TableOptions& options);
TextTable read_table_rows(const std::string& path, const RowHandler& on_row, Delimiter d = Delimiter::Auto,
                          bool allow_comments = true);
// read_table_rows of a tab-separated table with '#' comments that must have the columns `names`: on_row gets each
// row with where those columns are, in the order named. A table without rows is checked for them too.
using NamedRowHandler = std::function<void(std::vector<std::string>& fields, long line, const std::vector<int>& at)>;
TextTable read_tsv_columns(const std::string& path, const std::vector<std::string>& names,
                           const NamedRowHandler& on_row);
// The same parser over text already in memory; source_name is used for messages and for Delimiter::Auto. With
// on_row, rows go to it and are not kept.
TextTable parse_table(std::string_view text, const std::string& source_name, const TableOptions& options,
                      const RowHandler* on_row = nullptr);
TextTable parse_table(std::string_view text, const std::string& source_name, Delimiter d,
                      bool allow_comments = true, const RowHandler* on_row = nullptr);

// Writes the fields joined by '\t' and ended by '\n'. Control characters inside a field (a tab, CR or LF that an
// annotation or file name carried in) are written percent-encoded ("%09", "%0A", ...), so a row is always one line
// of the right width. A field wholly enclosed in double quotes is written quoted (quotes doubled), so that the
// table reader, which unquotes such fields, reads it back as written.
void write_tsv_row(std::ostream& os, const std::vector<std::string>& fields);
// The same row appended to `out`.
void append_tsv_row(std::string& out, const std::vector<std::string>& fields);

}  // namespace pathcorr
