// Tabular input and output shared by every stage: table reader (TSV/CSV, gzip, BOM, any line end, quoting),
// TSV writer, round-trip number formatting, strict number parsing and atomic output files.
#include "pipeline/io/table_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <iostream>
#include <limits>
#include <random>
#include <stdexcept>
#include <streambuf>
#include <system_error>
#include <unordered_map>

#include "pipeline/base/errors.h"

namespace pathcorr {

// ---------------------------------------------------------------------------------------------------------------
// Small string helpers

std::string_view trim(std::string_view s) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

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

std::string read_file_bytes(const std::string& path) {
  gzFile gz = nullptr;
  if (path == "-") {
    const int fd = dup(STDIN_FILENO);
    if (fd < 0) throw IoError("-: cannot read standard input: " + std::string(std::strerror(errno)));
    gz = gzdopen(fd, "rb");
    if (!gz) {
      close(fd);
      throw IoError("-: cannot read standard input");
    }
  } else {
    struct stat st;
    if (stat(path.c_str(), &st) != 0)
      throw IoError(path + ": cannot open: " + std::strerror(errno));
    if (S_ISDIR(st.st_mode)) throw IoError(path + ": is a directory, expected a table file");
    errno = 0;
    gz = gzopen(path.c_str(), "rb");
    if (!gz) throw IoError(path + ": cannot open: " + std::strerror(errno ? errno : ENOMEM));
  }
  gzbuffer(gz, 1 << 17);
  std::string data;
  char buf[1 << 16];
  for (;;) {
    const int n = gzread(gz, buf, sizeof buf);
    if (n > 0) {
      data.append(buf, static_cast<size_t>(n));
      continue;
    }
    if (n == 0) break;
    int errnum = 0;
    const char* msg = gzerror(gz, &errnum);
    const std::string text = (errnum == Z_ERRNO) ? std::strerror(errno) : (msg ? msg : "read error");
    gzclose(gz);
    if (errnum == Z_ERRNO) throw IoError(path + ": read failed: " + text);
    throw InputError(path + ": damaged gzip data: " + text);
  }
  // A truncated gzip stream reads to the end without a -1 but leaves an error behind.
  int errnum = 0;
  const char* msg = gzerror(gz, &errnum);
  if (errnum != Z_OK && errnum != Z_STREAM_END) {
    const std::string text = msg ? msg : "read error";
    gzclose(gz);
    throw InputError(path + ": damaged gzip data: " + text);
  }
  gzclose(gz);
  return data;
}

TextTable read_table(const std::string& path, Delimiter d, bool allow_comments) {
  return parse_table(read_file_bytes(path), path, d, allow_comments);
}

TextTable read_table_rows(const std::string& path, const RowHandler& on_row, Delimiter d, bool allow_comments) {
  return parse_table(read_file_bytes(path), path, d, allow_comments, &on_row);
}

namespace {

// One logical record of the table (may span several physical lines when a CSV field holds line breaks).
struct Record {
  std::vector<std::string> fields;
  long line = 0;
};

class Parser {
 public:
  Parser(const std::string& text, const std::string& name, char delim)
      : text_(text), name_(name), delim_(delim), csv_(delim == ',') {
    if (text_.compare(0, 3, "\xEF\xBB\xBF") == 0) pos_ = 3;  // UTF-8 BOM
  }

  bool at_end() const { return pos_ >= text_.size(); }
  long line() const { return line_; }

  // True when the next physical line starts with '#'.
  bool next_is_comment() const { return !at_end() && text_[pos_] == '#'; }

  // Consumes one physical line and returns it without its line end.
  std::string take_line() {
    const size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] != '\n' && text_[pos_] != '\r') ++pos_;
    std::string out = text_.substr(start, pos_ - start);
    skip_line_end();
    return out;
  }

  Record take_record() {
    Record rec;
    rec.line = line_;
    for (;;) {
      std::string field;
      // Leading blanks (never the delimiter itself).
      size_t p = pos_;
      while (p < text_.size() && (text_[p] == ' ' || (text_[p] == '\t' && delim_ != '\t'))) ++p;
      if (csv_ && p < text_.size() && text_[p] == '"') {
        pos_ = p + 1;
        field = take_quoted(rec.line);
      } else {
        const size_t start = pos_;
        while (pos_ < text_.size() && text_[pos_] != delim_ && text_[pos_] != '\n' && text_[pos_] != '\r') ++pos_;
        field = std::string(trim(std::string_view(text_).substr(start, pos_ - start)));
        if (!csv_ && field.size() >= 2 && field.front() == '"' && field.back() == '"') {
          field = undouble(field.substr(1, field.size() - 2));
        }
      }
      rec.fields.push_back(std::move(field));
      if (pos_ < text_.size() && text_[pos_] == delim_) {
        ++pos_;
        continue;
      }
      skip_line_end();
      return rec;
    }
  }

 private:
  void skip_line_end() {
    if (pos_ >= text_.size()) return;
    if (text_[pos_] == '\r') {
      ++pos_;
      if (pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
    } else if (text_[pos_] == '\n') {
      ++pos_;
    }
    ++line_;
  }

  static std::string undouble(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
      out += s[i];
      if (s[i] == '"' && i + 1 < s.size() && s[i + 1] == '"') ++i;
    }
    return out;
  }

  // pos_ is just after the opening quote. Returns the unquoted content and leaves pos_ at the delimiter,
  // line end or end of text.
  std::string take_quoted(long record_line) {
    const long open_line = line_;
    std::string out;
    for (;;) {
      if (pos_ >= text_.size())
        throw InputError(where(name_, open_line) + ": unterminated quoted field (a '\"' opened on line " +
                         std::to_string(open_line) + " is never closed; double a quote inside a field: \"\")");
      const char c = text_[pos_];
      if (c == '"') {
        if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
          out += '"';
          pos_ += 2;
          continue;
        }
        ++pos_;
        break;
      }
      if (c == '\r' || c == '\n') {  // a line break inside quotes is data; keep it as '\n'
        out += '\n';
        skip_line_end();
        continue;
      }
      out += c;
      ++pos_;
    }
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t')) ++pos_;
    if (pos_ < text_.size() && text_[pos_] != delim_ && text_[pos_] != '\n' && text_[pos_] != '\r')
      throw InputError(where(name_, line_) + ": unexpected character '" + std::string(1, text_[pos_]) +
                       "' after a closing quote (record starting on line " + std::to_string(record_line) +
                       "); a quote inside a quoted field must be doubled");
    return out;
  }

  const std::string& text_;
  const std::string& name_;
  const char delim_;
  const bool csv_;
  size_t pos_ = 0;
  long line_ = 1;
};

bool all_empty(const std::vector<std::string>& fields) {
  for (const auto& f : fields)
    if (!f.empty()) return false;
  return true;
}

}  // namespace

TextTable parse_table(const std::string& text, const std::string& source_name, Delimiter d, bool allow_comments,
                      const RowHandler* on_row) {
  if (d == Delimiter::Auto)
    d = (ends_with_ci(source_name, ".csv") || ends_with_ci(source_name, ".csv.gz")) ? Delimiter::Comma
                                                                                   : Delimiter::Tab;
  const char delim = d == Delimiter::Comma ? ',' : '\t';

  const size_t nul = text.find('\0');
  if (nul != std::string::npos) {
    long line = 1;
    for (size_t i = 0; i < nul; ++i)
      if (text[i] == '\n') ++line;
    throw InputError(where(source_name, line) +
                     ": binary data (NUL byte) in a text table; is this the right file?");
  }

  TextTable table;
  table.path = source_name;
  Parser parser(text, source_name, delim);

  // Comments and the header.
  bool have_header = false;
  while (!parser.at_end()) {
    if (allow_comments && parser.next_is_comment()) {
      std::string line = parser.take_line();
      line.erase(0, 1);
      while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.pop_back();
      table.comments.push_back(std::move(line));
      continue;
    }
    Record rec = parser.take_record();
    if (all_empty(rec.fields)) continue;
    while (!rec.fields.empty() && rec.fields.back().empty()) rec.fields.pop_back();  // "a\tb\t\t" exports
    table.header = std::move(rec.fields);
    table.header_line = rec.line;
    have_header = true;
    break;
  }
  if (!have_header)
    throw InputError(source_name + ": empty table: no header line" +
                     (table.comments.empty() ? std::string() : " after the '#' comment lines") +
                     "; expected a header row of column names");

  std::unordered_map<std::string, size_t> seen;
  for (size_t i = 0; i < table.header.size(); ++i) {
    auto [it, inserted] = seen.emplace(table.header[i], i);
    if (!inserted)
      throw InputError(where(source_name, table.header_line) + ": duplicate column name " +
                       quote(table.header[i]) + " (columns " + std::to_string(it->second + 1) + " and " +
                       std::to_string(i + 1) + ")");
  }

  const size_t width = table.header.size();
  while (!parser.at_end()) {
    Record rec = parser.take_record();
    if (all_empty(rec.fields)) continue;  // blank lines, ",,,," spreadsheet tails
    const size_t got = rec.fields.size();
    while (rec.fields.size() > width && rec.fields.back().empty()) rec.fields.pop_back();
    if (rec.fields.size() != width)
      throw InputError(where(source_name, rec.line) + ": row has " + std::to_string(got) +
                       " fields but the header (line " + std::to_string(table.header_line) + ") has " +
                       std::to_string(width) + "; check for a missing or extra " +
                       (delim == ',' ? "comma (or an unquoted comma inside a field)" : "tab") + " on this line");
    if (on_row) {
      (*on_row)(table, rec.fields, rec.line);
      continue;
    }
    table.rows.push_back(std::move(rec.fields));
    table.line_numbers.push_back(rec.line);
  }
  return table;
}

// ---------------------------------------------------------------------------------------------------------------
// Numbers

std::string format_double(double x) {
  if (std::isnan(x)) return "NA";
  if (std::isinf(x)) return x > 0 ? "Inf" : "-Inf";
  if (x == 0) return "0";  // also -0: R prints 0, and "-0" in a table only confuses
  char buf[64];
  for (int precision = 15; precision <= 17; ++precision) {
    const auto res = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::general, precision);
    std::string s(buf, res.ptr);
    double back = 0;
    const auto parsed = std::from_chars(s.data(), s.data() + s.size(), back);
    if (parsed.ec == std::errc() && back == x) return s;
    if (precision == 17) return s;  // %.17g always round-trips
  }
  return {};  // unreachable
}

std::optional<double> parse_double(std::string_view s) {
  s = trim(s);
  if (s.empty()) return std::nullopt;
  bool negative = false;
  std::string_view body = s;
  if (body.front() == '+' || body.front() == '-') {
    negative = body.front() == '-';
    body.remove_prefix(1);
  }
  if (body.empty() || body.front() == '+' || body.front() == '-') return std::nullopt;
  const std::string lower = to_lower(body);
  if (lower == "inf" || lower == "infinity")
    return negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
  // Only digits, '.', and an exponent may follow: this keeps "nan", "0x1p3" and friends out.
  for (char c : lower)
    if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == '+' || c == '-')) return std::nullopt;
  double value = 0;
  const auto res = std::from_chars(body.data(), body.data() + body.size(), value, std::chars_format::general);
  if (res.ec != std::errc() || res.ptr != body.data() + body.size()) return std::nullopt;
  return negative ? -value : value;
}

std::optional<long> parse_long(std::string_view s) {
  s = trim(s);
  if (!s.empty() && s.front() == '+') {
    s.remove_prefix(1);
    if (!s.empty() && (s.front() == '+' || s.front() == '-')) return std::nullopt;
  }
  if (s.empty()) return std::nullopt;
  long value = 0;
  const auto res = std::from_chars(s.data(), s.data() + s.size(), value, 10);
  if (res.ec != std::errc() || res.ptr != s.data() + s.size()) return std::nullopt;
  return value;
}

bool is_missing_value(std::string_view s) {
  s = trim(s);
  if (s.empty()) return true;
  if (s.size() >= 2 && s.front() == '[' && s.back() == ']') return true;  // "[Not Available]" (TCGA, cBioPortal)
  const std::string lower = to_lower(s);
  return lower == "na" || lower == "n/a" || lower == "nan" || lower == ".";
}

// ---------------------------------------------------------------------------------------------------------------
// Writing

void write_tsv_row(std::ostream& os, const std::vector<std::string>& fields) {
  static const char* kHex = "0123456789ABCDEF";
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) os.put('\t');
    for (unsigned char ch : fields[i]) {
      if (ch < 0x20 || ch == 0x7f) {
        os.put('%');
        os.put(kHex[ch >> 4]);
        os.put(kHex[ch & 15]);
      } else {
        os.put(static_cast<char>(ch));
      }
    }
  }
  os.put('\n');
}

// A streambuf writing straight to a file descriptor, so that commit() can fsync it and report errno.
class AtomicWriter::FdBuf : public std::streambuf {
 public:
  explicit FdBuf(int fd) : fd_(fd), buffer_(1 << 16) { setp(buffer_.data(), buffer_.data() + buffer_.size()); }
  int error() const { return error_; }

 protected:
  int_type overflow(int_type ch) override {
    if (!flush_buffer()) return traits_type::eof();
    if (!traits_type::eq_int_type(ch, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(ch);
      pbump(1);
    }
    return traits_type::not_eof(ch);
  }
  int sync() override { return flush_buffer() ? 0 : -1; }

 private:
  bool flush_buffer() {
    if (error_) return false;
    const char* p = pbase();
    size_t left = static_cast<size_t>(pptr() - pbase());
    while (left > 0) {
      const ssize_t n = ::write(fd_, p, left);
      if (n < 0) {
        if (errno == EINTR) continue;
        error_ = errno;
        return false;
      }
      p += n;
      left -= static_cast<size_t>(n);
    }
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    return true;
  }

  int fd_;
  std::vector<char> buffer_;
  int error_ = 0;
};

AtomicWriter::AtomicWriter(std::string path) : path_(std::move(path)) {
  if (path_.empty()) throw IoError("output file name is empty");
  if (path_ == "-") return;

  struct stat st;
  if (stat(path_.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
    throw IoError(path_ + ": is a directory; give a file name for this output");

  std::random_device rd;
  std::mt19937_64 rng((static_cast<uint64_t>(rd()) << 32) ^ rd() ^ static_cast<uint64_t>(getpid()));
  static const char* hex = "0123456789abcdef";
  int last_errno = 0;
  for (int attempt = 0; attempt < 100; ++attempt) {
    uint64_t r = rng();
    std::string suffix;
    for (int i = 0; i < 12; ++i, r >>= 4) suffix += hex[r & 15];
    const std::string candidate = path_ + ".tmp." + std::to_string(getpid()) + "." + suffix;
    // 0666 & ~umask, like any ordinary output file (mkstemp would give 0600).
    fd_ = ::open(candidate.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd_ >= 0) {
      temp_path_ = candidate;
      break;
    }
    last_errno = errno;
    if (errno != EEXIST) break;
  }
  if (fd_ < 0)
    throw IoError(path_ + ": cannot create output file: " + std::strerror(last_errno));
  buf_ = std::make_unique<FdBuf>(fd_);
  stream_ = std::make_unique<std::ostream>(buf_.get());
}

AtomicWriter::~AtomicWriter() {
  if (path_ == "-" || committed_) return;
  if (fd_ >= 0) ::close(fd_);
  if (!temp_path_.empty()) ::unlink(temp_path_.c_str());
}

std::ostream& AtomicWriter::out() {
  if (path_ == "-") return std::cout;
  return *stream_;
}

void AtomicWriter::commit() {
  if (committed_) return;
  if (path_ == "-") {
    std::cout.flush();
    if (!std::cout) throw IoError("-: write to standard output failed");
    committed_ = true;
    return;
  }
  stream_->flush();
  if (!*stream_ || buf_->error())
    throw IoError(temp_path_ + ": write failed: " + std::strerror(buf_->error() ? buf_->error() : EIO));
  if (::fsync(fd_) != 0) throw IoError(temp_path_ + ": fsync failed: " + std::strerror(errno));
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) throw IoError(temp_path_ + ": close failed: " + std::strerror(errno));
  if (std::rename(temp_path_.c_str(), path_.c_str()) != 0)
    throw IoError(path_ + ": cannot rename " + temp_path_ + " to it: " + std::strerror(errno));
  committed_ = true;
  // Make the rename itself durable; a failure here cannot lose data that was already renamed, so ignore it.
  const size_t slash = path_.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : (slash == 0 ? "/" : path_.substr(0, slash));
  const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    (void)::fsync(dfd);
    ::close(dfd);
  }
}

}  // namespace pathcorr
