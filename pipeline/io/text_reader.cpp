// The one text line reader (see text_reader.h): htslib for the bytes (plain, gzip, BGZF, stdin), one CR/BOM/NUL
// rule for files and for text in memory.
//
// How htslib 1.16 reports damage (measured on tests/data/real/edge-cases/derived_* and on files cut with head -c):
//  - plain gzip cut in half: hts_getline returns -2, bgzf errcode BGZF_ERR_ZLIB|BGZF_ERR_IO;
//  - BGZF cut inside a block: hts_getline returns -1 as at a normal end, but errcode is BGZF_ERR_IO;
//  - BGZF without its end-of-file block: every line reads and nothing is flagged (htslib only warns on a pipe);
//    the BGZF handle's last_block_eof is 0 at the end, where a whole file leaves it 1;
//  - a whole plain gzip (not BGZF) file: compression `gzip`, no error, last_block_eof 0 (no EOF block exists).
// hts_getline strips one CR before each LF; the remaining CRs are split here.
#include "pipeline/io/text_reader.h"

#include <sys/stat.h>

#include <htslib/bgzf.h>
#include <htslib/hts.h>
#include <htslib/kstring.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "pipeline/base/errors.h"

namespace pathcorr {

namespace {

struct HtsCloser {
  void operator()(htsFile* f) const { hts_close(f); }  // the result is checked in finish() before this
};

std::string damaged(const std::string& name, const std::string& why) {
  return name + ": damaged or truncated compressed data (" + why +
         "); the file was cut short or corrupted on the way: copy or download it again";
}

}  // namespace

// An htsFile and its line buffer.
class TextReader::HtsSource {
 public:
  explicit HtsSource(const std::string& path) : path_(path) {
    if (path != "-") {
      struct stat st;
      if (stat(path.c_str(), &st) != 0) throw IoError(path + ": cannot open: " + std::strerror(errno));
      if (S_ISDIR(st.st_mode)) throw IoError(path + ": is a directory, expected a text file");
    }
    errno = 0;
    file_.reset(hts_open(path.c_str(), "r"));
    if (!file_) throw IoError(path + ": cannot open: " + std::strerror(errno ? errno : EIO));
    compression_ = hts_get_format(file_.get())->compression;
  }
  HtsSource(const HtsSource&) = delete;
  HtsSource& operator=(const HtsSource&) = delete;
  ~HtsSource() { free(line_.s); }

  // The next LF-separated line; false at a clean end.
  bool getline(std::string_view& out) {
    if (done_) return false;
    const int r = hts_getline(file_.get(), '\n', &line_);
    if (r >= 0) {
      out = std::string_view(line_.s ? line_.s : "", line_.l);
      return true;
    }
    done_ = true;
    finish(r);
    return false;
  }

 private:
  void finish(int r) {
    const bool compressed = compression_ == gzip || compression_ == bgzf;
    BGZF* bgzf_handle = compressed ? file_->fp.bgzf : nullptr;
    if (bgzf_handle && bgzf_handle->errcode) {
      const bool zlib = bgzf_handle->errcode & BGZF_ERR_ZLIB;
      throw DamagedDataError(
          damaged(path_, zlib ? "the gzip stream ends early or is corrupt" : "a compressed block is cut short"));
    }
    if (r < -1) throw IoError(path_ + ": read failed: " + std::strerror(errno ? errno : EIO));
    if (compression_ == bgzf && !bgzf_handle->last_block_eof)
      throw DamagedDataError(damaged(path_, "the BGZF end-of-file block is missing"));
    if (hts_close(file_.release()) != 0) throw IoError(path_ + ": read failed when closing the file");
  }

  std::string path_;
  std::unique_ptr<htsFile, HtsCloser> file_;
  kstring_t line_ = KS_INITIALIZE;
  htsCompression compression_ = no_compression;
  bool done_ = false;
};

TextReader::TextReader(const std::string& path) : name_(path), hts_(std::make_unique<HtsSource>(path)) {}

TextReader TextReader::from_text(std::string_view text, const std::string& name) {
  TextReader r;
  r.name_ = name;
  r.text_ = text;
  return r;
}

TextReader::TextReader(TextReader&&) noexcept = default;
TextReader& TextReader::operator=(TextReader&&) noexcept = default;
TextReader::~TextReader() = default;

bool TextReader::next_raw() {
  std::string_view raw;
  if (hts_) {
    if (!hts_->getline(raw)) return false;
  } else {
    if (text_pos_ >= text_.size()) return false;
    const size_t nl = text_.find('\n', text_pos_);
    const size_t end = nl == std::string_view::npos ? text_.size() : nl;
    raw = text_.substr(text_pos_, end - text_pos_);
    text_pos_ = nl == std::string_view::npos ? text_.size() : nl + 1;
  }
  if (first_) {
    first_ = false;
    if (raw.substr(0, 3) == "\xEF\xBB\xBF") raw.remove_prefix(3);
  }
  while (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
  if (raw.find('\0') != std::string_view::npos)
    throw InputError(where(name_, line_number_ + 1) +
                     ": binary data (NUL byte) in a text file; is this the right file?");
  raw_ = raw;
  raw_pos_ = 0;
  raw_has_more_ = true;
  return true;
}

bool TextReader::next(std::string_view& line) {
  if (!raw_has_more_ && !next_raw()) return false;
  const size_t cr = raw_.find('\r', raw_pos_);
  if (cr == std::string_view::npos) {
    line = raw_.substr(raw_pos_);
    raw_has_more_ = false;
  } else {
    line = raw_.substr(raw_pos_, cr - raw_pos_);
    raw_pos_ = cr + 1;
  }
  ++line_number_;
  return true;
}

}  // namespace pathcorr
