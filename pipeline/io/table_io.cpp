// The one table parser (see table_io.h) on the one line reader, and the TSV row writer.
#include "pipeline/io/table_io.h"

#include <algorithm>
#include <unordered_map>

#include "pipeline/base/errors.h"
#include "pipeline/io/text_reader.h"

namespace pathcorr {

namespace {

bool ends_with_ci(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && to_lower(s.substr(s.size() - suffix.size())) == suffix;
}

std::string quote(const std::string& s) { return "'" + s + "'"; }

}  // namespace

// ---------------------------------------------------------------------------------------------------------------
// TextTable

int TextTable::column(const std::string& name) const {
  const std::string_view wanted = trim(name);
  for (size_t i = 0; i < header.size(); ++i)
    if (trim(header[i]) == wanted) return static_cast<int>(i);
  return -1;
}

int TextTable::column_any_case(const std::string& name) const {
  const int exact = column(name);
  if (exact >= 0) return exact;
  const std::string wanted = to_lower(trim(name));
  int found = -1;
  for (size_t i = 0; i < header.size(); ++i) {
    if (to_lower(trim(header[i])) == wanted) {
      if (found >= 0) return -1;  // "Patient_ID" and "PATIENT_ID": refuse to guess
      found = static_cast<int>(i);
    }
  }
  return found;
}

std::string TextTable::column_list() const {
  std::string out;
  for (size_t i = 0; i < header.size(); ++i) {
    if (i) out += ", ";
    out += header[i];
  }
  return out;
}

int TextTable::require_column(const std::string& name) const {
  const int i = column(name);
  if (i < 0)
    throw InputError(where(path, header_line) + ": missing column " + quote(name) + " (columns are: " +
                     column_list() + ")");
  return i;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

namespace {

// One logical record of the table (several physical lines when a CSV field holds line breaks).
struct Record {
  std::vector<std::string> fields;
  long line = 0;
};

// Splits the lines of a TextReader into records.
class Parser {
 public:
  Parser(TextReader& in, char delim) : in_(in), delim_(delim), csv_(delim == ',') {}

  // The next physical line; false at the end.
  bool next_line() { return in_.next(text_); }
  std::string_view line() const { return text_; }

  // Fields of the current line (pulling further lines for a CSV field with line breaks).
  Record take_record() {
    Record rec;
    take_record(rec);
    return rec;
  }
  // The same into `rec`, whose strings are reused: a wide table (a 20,000-column matrix) then allocates nothing
  // per field once the first row has set the widths.
  void take_record(Record& rec) {
    rec.line = in_.line_number();
    size_t pos = 0, n = 0;
    for (;;) {
      size_t p = pos;  // leading blanks (never the delimiter itself)
      while (p < text_.size() && (text_[p] == ' ' || (text_[p] == '\t' && delim_ != '\t'))) ++p;
      if (n == rec.fields.size()) rec.fields.emplace_back();
      std::string& field = rec.fields[n++];
      if (csv_ && p < text_.size() && text_[p] == '"') {
        pos = p + 1;
        field = take_quoted(pos, rec.line);
      } else {
        const size_t start = pos;
        while (pos < text_.size() && text_[pos] != delim_) ++pos;
        field.assign(trim(text_.substr(start, pos - start)));
        if (!csv_ && field.size() >= 2 && field.front() == '"' && field.back() == '"')
          field = undouble(field.substr(1, field.size() - 2));
      }
      if (pos >= text_.size()) {
        rec.fields.resize(n);
        return;
      }
      ++pos;  // the delimiter
    }
  }

 private:
  static std::string undouble(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
      out += s[i];
      if (s[i] == '"' && i + 1 < s.size() && s[i + 1] == '"') ++i;
    }
    return out;
  }

  // pos is just after the opening quote. Returns the unquoted content and leaves pos at the delimiter or the
  // end of the (possibly later) line.
  std::string take_quoted(size_t& pos, long record_line) {
    const long open_line = in_.line_number();
    std::string out;
    for (;;) {
      if (pos >= text_.size()) {  // a line break inside quotes is data; keep it as '\n'
        if (!in_.next(text_))
          throw InputError(where(in_.name(), open_line) + ": unterminated quoted field (a '\"' opened on line " +
                           std::to_string(open_line) + " is never closed; double a quote inside a field: \"\")");
        out += '\n';
        pos = 0;
        continue;
      }
      const char c = text_[pos];
      if (c == '"') {
        if (pos + 1 < text_.size() && text_[pos + 1] == '"') {
          out += '"';
          pos += 2;
          continue;
        }
        ++pos;
        break;
      }
      out += c;
      ++pos;
    }
    while (pos < text_.size() && (text_[pos] == ' ' || text_[pos] == '\t')) ++pos;
    if (pos < text_.size() && text_[pos] != delim_)
      throw InputError(where(in_.name(), in_.line_number()) + ": unexpected character '" +
                       std::string(1, text_[pos]) + "' after a closing quote (record starting on line " +
                       std::to_string(record_line) + "); a quote inside a quoted field must be doubled");
    return out;
  }

  TextReader& in_;
  const char delim_;
  const bool csv_;
  std::string_view text_;
};

bool all_empty(const std::vector<std::string>& fields) {
  for (const auto& f : fields)
    if (!f.empty()) return false;
  return true;
}

std::string comment_text(std::string_view line) {
  line.remove_prefix(1);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  return std::string(line);
}

char delimiter_of(Delimiter d, const std::string& name) {
  if (d == Delimiter::Auto)
    d = (ends_with_ci(name, ".csv") || ends_with_ci(name, ".csv.gz")) ? Delimiter::Comma : Delimiter::Tab;
  return d == Delimiter::Comma ? ',' : '\t';
}

// Comments and the header line; InputError when there is none.
void read_header(Parser& parser, TextTable& table, const TableOptions& options) {
  while (parser.next_line()) {
    if (options.comments && !parser.line().empty() && parser.line()[0] == '#') {
      table.comments.push_back(comment_text(parser.line()));
      continue;
    }
    Record rec = parser.take_record();
    if (all_empty(rec.fields)) continue;
    while (!rec.fields.empty() && rec.fields.back().empty()) rec.fields.pop_back();  // "a\tb\t\t" exports
    table.header = std::move(rec.fields);
    table.header_line = rec.line;
    std::unordered_map<std::string, size_t> seen;
    for (size_t i = 0; i < table.header.size(); ++i) {
      auto [it, inserted] = seen.emplace(table.header[i], i);
      if (!inserted)
        throw InputError(where(table.path, table.header_line) + ": duplicate column name " +
                         quote(table.header[i]) + " (columns " + std::to_string(it->second + 1) + " and " +
                         std::to_string(i + 1) + ")");
    }
    return;
  }
  throw InputError(table.path + ": empty table: no header line" +
                   (table.comments.empty() ? std::string() : " after the '#' comment lines") +
                   "; expected a header row of column names");
}

// Brings a row to the header's width: empty fields past it dropped, short rows padded when allowed.
void fit_row(Record& rec, const TextTable& table, const TableOptions& options, char delim) {
  const size_t width = table.header.size(), got = rec.fields.size();
  while (rec.fields.size() > width && rec.fields.back().empty()) rec.fields.pop_back();
  if (options.pad_short_rows && rec.fields.size() < width) rec.fields.resize(width);
  if (rec.fields.size() != width)
    throw InputError(where(table.path, rec.line) + ": row has " + std::to_string(got) +
                     " fields but the header (line " + std::to_string(table.header_line) + ") has " +
                     std::to_string(width) + "; check for a missing or extra " +
                     (delim == ',' ? "comma (or an unquoted comma inside a field)" : "tab") + " on this line");
}

TextTable parse(TextReader& in, const TableOptions& options, const RowHandler* on_row, bool header_only = false) {
  const char delim = delimiter_of(options.delimiter, in.name());
  TextTable table;
  table.path = in.name();
  Parser parser(in, delim);
  if (options.has_header) read_header(parser, table, options);
  if (header_only) return table;
  Record rec;  // reused from row to row when rows go to on_row (moved into the table otherwise)
  while (parser.next_line()) {
    if (!options.has_header && options.comments && !parser.line().empty() && parser.line()[0] == '#') {
      table.comments.push_back(comment_text(parser.line()));
      continue;
    }
    parser.take_record(rec);
    if (all_empty(rec.fields)) continue;  // blank lines, ",,,," spreadsheet tails
    if (options.has_header) fit_row(rec, table, options, delim);
    if (on_row) {
      (*on_row)(table, rec.fields, rec.line);
      continue;
    }
    table.rows.push_back(std::move(rec.fields));
    rec.fields.clear();  // moved from: start the next row afresh
    table.line_numbers.push_back(rec.line);
  }
  return table;
}

TableOptions options_of(Delimiter d, bool allow_comments) {
  TableOptions o;
  o.delimiter = d;
  o.comments = allow_comments;
  return o;
}

}  // namespace

TextTable read_table(const std::string& path, const TableOptions& options) {
  TextReader in(path);
  return parse(in, options, nullptr);
}

TextTable read_table_header(const std::string& path, const TableOptions& options) {
  TextReader in(path);
  return parse(in, options, nullptr, true);
}

TextTable read_tsv_columns(const std::string& path, const std::vector<std::string>& names,
                           const NamedRowHandler& on_row) {
  std::vector<int> at;
  const auto columns = [&](const TextTable& t) {
    if (at.empty())
      for (const std::string& name : names) at.push_back(t.require_column(name));
  };
  TextTable t = read_table_rows(
      path,
      [&](const TextTable& table, std::vector<std::string>& fields, long line) {
        columns(table);
        on_row(fields, line, at);
      },
      Delimiter::Tab, true);
  columns(t);
  return t;
}

TextTable read_table(const std::string& path, Delimiter d, bool allow_comments) {
  return read_table(path, options_of(d, allow_comments));
}

TextTable read_table_rows(const std::string& path, const RowHandler& on_row, const TableOptions& options) {
  TextReader in(path);
  return parse(in, options, &on_row);
}

TextTable read_table_rows(const std::string& path, const RowHandler& on_row, Delimiter d, bool allow_comments) {
  return read_table_rows(path, on_row, options_of(d, allow_comments));
}

TextTable parse_table(std::string_view text, const std::string& source_name, const TableOptions& options,
                      const RowHandler* on_row) {
  TextReader in = TextReader::from_text(text, source_name);
  return parse(in, options, on_row);
}

TextTable parse_table(std::string_view text, const std::string& source_name, Delimiter d, bool allow_comments,
                      const RowHandler* on_row) {
  return parse_table(text, source_name, options_of(d, allow_comments), on_row);
}

// ---------------------------------------------------------------------------------------------------------------
// Writing

void append_tsv_row(std::string& row, const std::vector<std::string>& fields) {
  static const char* kHex = "0123456789ABCDEF";
  const auto plain = [](unsigned char ch) { return ch >= 0x20 && ch != 0x7f; };
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) row += '\t';
    // A field wholly enclosed in double quotes would be unquoted by the reader (as R's read.delim does): quote it
    // so that it reads back as written.
    const std::string& f = fields[i];
    const bool quote = f.size() >= 2 && f.front() == '"' && f.back() == '"';
    if (!quote && std::all_of(f.begin(), f.end(), plain)) {  // most fields: as they are, in one append
      row += f;
      continue;
    }
    if (quote) row += '"';
    for (unsigned char ch : f) {
      if (quote && ch == '"') row += '"';
      if (!plain(ch)) {
        row += '%';
        row += kHex[ch >> 4];
        row += kHex[ch & 15];
      } else {
        row += static_cast<char>(ch);
      }
    }
    if (quote) row += '"';
  }
  row += '\n';
}

void write_tsv_row(std::ostream& os, const std::vector<std::string>& fields) {
  std::string row;  // one write per row: a put per character spent a stream sentry on each
  append_tsv_row(row, fields);
  os.write(row.data(), static_cast<std::streamsize>(row.size()));
}

}  // namespace pathcorr
