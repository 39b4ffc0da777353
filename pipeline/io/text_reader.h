// The one line reader of every text input (tables, MAF, ANNOVAR, GTF/GFF3, BED, rules): plain, gzip, BGZF or
// standard input through htslib, or text already in memory, with one set of line rules. Damaged or truncated
// compressed data is an error here, so no reader above it can take half a file for a whole one.
#pragma once
#include <memory>
#include <string>
#include <string_view>

namespace pathcorr {

// Line rules (the same for files and for text in memory):
//  - a UTF-8 BOM at the start is removed;
//  - LF, CRLF and lone CR end a line (old Mac tables, maftools' example, are CR-only); CRs just before an LF or
//    the end of the text belong to the line end ("a\r\r\n" is one line "a");
//  - line numbers are physical and 1-based: every line end counts, blank lines included.
// Errors: IoError when the file cannot be opened ("PATH: cannot open: ...", a directory) or read; InputError
// "PATH: damaged or truncated compressed data ..." for a gzip stream cut short or corrupt, and for a BGZF file
// without its end-of-file block (seekable files; a pipe cannot be checked before its end); InputError
// "PATH:LINE: binary data (NUL byte) ..." for a NUL byte.
class TextReader {
 public:
  // Opens `path` ("-" = standard input); plain, gzip and BGZF are told apart by their content.
  explicit TextReader(const std::string& path);
  // Reads `text`; `name` is used in messages. The text must outlive the reader.
  static TextReader from_text(std::string_view text, const std::string& name);
  TextReader(TextReader&&) noexcept;
  TextReader& operator=(TextReader&&) noexcept;
  ~TextReader();

  // The next line without its line end; false at the end of the input. The view lives until the next call.
  bool next(std::string_view& line);
  // Physical 1-based number of the line `next` returned last (0 before the first).
  long line_number() const { return line_number_; }
  const std::string& name() const { return name_; }

 private:
  TextReader() = default;
  bool next_raw();  // the next line of the source (split on LF only) into raw_

  class HtsSource;
  std::string name_;
  std::unique_ptr<HtsSource> hts_;  // null for text in memory
  std::string_view text_;           // text in memory
  size_t text_pos_ = 0;
  std::string_view raw_;            // the current source line, CRs inside it not yet split
  size_t raw_pos_ = 0;
  bool raw_has_more_ = false;       // raw_ still holds CR-separated lines
  bool first_ = true;               // BOM check pending
  long line_number_ = 0;
};

}  // namespace pathcorr
