// VCF/BCF input through htslib (see vcf_input.h).
#include "pipeline/input/vcf_input.h"

#include <htslib/bgzf.h>
#include <htslib/hfile.h>
#include <htslib/hts.h>
#include <htslib/kseq.h>
#include <htslib/kstring.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <iterator>

#include "pipeline/base/errors.h"
#include "pipeline/io/detect.h"

namespace pathcorr {

void HtsFileCloser::operator()(htsFile* f) const {
  if (f) hts_close(f);
}

namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Files a directory input contributes: VCF/BCF names, and ANNOVAR tables (table_annovar.pl names its output
// <prefix>.<build>_multianno.txt). MAFs are given as files.
bool is_vcf_name(const std::string& name) {
  return ends_with(name, ".vcf") || ends_with(name, ".vcf.gz") || ends_with(name, ".vcf.bgz") ||
         ends_with(name, ".bcf") || ends_with(name, "_multianno.txt") || ends_with(name, "_multianno.txt.gz");
}

// Parses "0.42", "48.7%" (-> 0.487), "." (-> NaN) from FORMAT/INFO text values.
double parse_text_number(const std::string& token, bool* ok) {
  *ok = true;
  if (token.empty() || token == ".") return std::nan("");
  std::string t = token;
  bool percent = false;
  if (t.back() == '%') {
    percent = true;
    t.pop_back();
  }
  char* end = nullptr;
  double v = std::strtod(t.c_str(), &end);
  if (end == t.c_str() || *end != '\0') {
    *ok = false;
    return std::nan("");
  }
  return percent ? v / 100.0 : v;
}

}  // namespace

bool is_sequence_allele(const char* a) {
  if (!a || !*a) return false;
  for (const char* p = a; *p; ++p) {
    switch (*p) {
      case 'A': case 'C': case 'G': case 'T': case 'N':
      case 'a': case 'c': case 'g': case 't': case 'n':
        break;
      default:
        return false;
    }
  }
  return true;
}

namespace {

bool is_index_name(const std::string& name) {
  for (const char* ext : {".tbi", ".csi", ".fai", ".gzi", ".bai", ".crai"})
    if (ends_with(name, ext)) return true;
  return false;
}

// The input files of one directory, sorted by name, with the format of those whose content was looked at; the
// files that are none go to `ignored`.
std::vector<InputSpec> directory_inputs(const std::string& dir, std::vector<std::string>* ignored) {
  std::vector<std::string> names;
  DIR* d = opendir(dir.c_str());
  if (!d) throw InputError(dir + ": cannot read directory: " + std::strerror(errno));
  while (dirent* e = readdir(d)) {
    std::string name = e->d_name;
    if (name.empty() || name[0] == '.' || is_index_name(name)) continue;
    struct stat fst {};
    if (stat((dir + "/" + name).c_str(), &fst) == 0 && S_ISREG(fst.st_mode)) names.push_back(name);
  }
  closedir(d);
  std::sort(names.begin(), names.end());
  const std::string prefix = dir + (ends_with(dir, "/") ? "" : "/");
  const std::string purity = ".purple.purity.tsv", segments = ".purple.cnv.somatic.tsv";
  std::vector<InputSpec> found;
  for (const std::string& name : names) {
    if (ends_with(name, purity) &&
        std::binary_search(names.begin(), names.end(), name.substr(0, name.size() - purity.size()) + segments))
      continue;
    InputSpec in;
    in.path = prefix + name;
    if (!is_vcf_name(name)) {  // detected here once: the caller's detect_formats passes over a set format
      const DetectedFormat d = detect_format(in.path);
      if (!is_copy_number_format(d.format)) {
        if (ignored) ignored->push_back(in.path);
        continue;
      }
      in.format = d.format;
    }
    found.push_back(std::move(in));
  }
  if (found.empty())
    throw InputError(dir + ": directory holds no .vcf, .vcf.gz, .bcf, _multianno.txt or copy-number files");
  return found;
}

}  // namespace

std::vector<InputSpec> expand_inputs(const std::vector<std::string>& paths, std::vector<std::string>* ignored) {
  std::vector<InputSpec> out;
  for (const auto& p : paths) {
    struct stat st {};
    if (stat(p.c_str(), &st) != 0)
      throw InputError(p + ": no such file or directory");
    if (S_ISDIR(st.st_mode)) {
      std::vector<InputSpec> found = directory_inputs(p, ignored);
      out.insert(out.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
    } else {
      InputSpec in;
      in.path = p;
      out.push_back(std::move(in));
    }
  }
  return out;
}

// htslib's pool may join after the header: it goes on from the block the header left in memory (bgzf_thread_pool
// keeps it as the block in use) and reads the next ones ahead.
void VcfReader::start_io_threads(int threads) {
  if (!bgzf_ || threads <= 0) return;
  if (hts_set_threads(fp_.get(), threads) != 0)
    throw InputError(path_ + ": cannot start htslib's decompression threads");
}

VcfReader::VcfReader(const std::string& path) : path_(path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) throw InputError(path + ": no such file");
  if (S_ISDIR(st.st_mode)) throw InputError(path + ": is a directory, expected a VCF/BCF file");
  if (!S_ISREG(st.st_mode))
    throw InputError(path + ": not a regular file (a pipe or device: its format is detected before it is read, so "
                            "write the stream to a file first)");
  if (st.st_size == 0) throw InputError(path + ": empty file, expected a VCF/BCF header");
  fp_.reset(hts_open(path.c_str(), "r"));
  if (!fp_) throw InputError(path + ": cannot open: " + std::strerror(errno));
  const htsFormat* fmt = hts_get_format(fp_.get());
  if (fmt->format != vcf && fmt->format != bcf && fmt->format != text_format)
  {
    char* d = hts_format_description(fmt);
    std::string what = d ? d : "unknown";
    free(d);
    throw InputError(path + ": not a VCF or BCF file (content detected as '" + what +
                     "'); the first line of a VCF must be ##fileformat=VCFv4.x");
  }
  bgzf_ = fmt->compression == bgzf;
  if (bgzf_ && bgzf_check_EOF(fp_->fp.bgzf) == 0)
    warnings_.push_back({"no BGZF end-of-file marker: the file may be truncated",
                         path + ": no BGZF end-of-file marker; the file may be truncated"});
  text_ = fmt->format == vcf;
  if (fmt->format == bcf) {
    hdr_.reset(bcf_hdr_read(fp_.get()));
    if (!hdr_) throw InputError(path + ": cannot parse the BCF header");
  } else {
    try {
      open_text_header(path);
    } catch (const InputError&) {
      // With decompression threads, damage further on can stop the stream before the header is read: say so.
      if (bgzf_ && fp_->fp.bgzf->errcode)
        throw InputError(path + ": compressed data is damaged or truncated (met by the decompression threads "
                                "before the header was read); copy the file again");
      throw;
    }
  }
  rec_.reset(bcf_init());
}

VcfReader::ValueBuffers::~ValueBuffers() {
  free(ints);
  free(floats);
  free(str);
  if (strs) free(strs[0]);  // bcf_get_format_string: one block of text, pointed into per sample
  free(strs);
}

std::string VcfReader::where() const {
  std::string s = indexed() ? path_ + ": record " + std::to_string(nrec_) + " read through the index"
                  : path_ + (text_ ? ":" + std::to_string(line_) + ": record " : ": record ") + std::to_string(nrec_);
  if (rec_ && rec_->rid >= 0 && rec_->rid < hdr_->n[BCF_DT_CTG])
    s += " (" + std::string(bcf_hdr_id2name(hdr_.get(), rec_->rid)) + ":" + std::to_string(rec_->pos + 1) + ")";
  return s;
}

void VcfReader::check_stream_end() {
  if (fp_->format.compression != no_compression && fp_->fp.bgzf && fp_->fp.bgzf->errcode)
    throw InputError(path_ + ": compressed data is damaged or truncated after record " + std::to_string(nrec_) +
                     (text_ ? " (line " + std::to_string(line_) + ")" : "") + "; copy the file again");
}

// The next text line: the record read with the header, else the next line of the file or of the index regions,
// with its shape (length, tabs). Streaming, the line is a view into the read buffer (copied only when parsed);
// otherwise it is in `line`.
int VcfReader::next_line(kstring_t& line, std::string_view* text, LineShape* shape) {
  if (has_pending_record_) {
    has_pending_record_ = false;
    line.l = 0;
    kputsn(pending_record_.data(), pending_record_.size(), &line);
  } else if (indexed()) {
    const int ret = next_indexed(&line);
    if (ret < 0) return ret;
  } else {
    return buffered_line(text, shape) ? 0 : -1;
  }
  *text = std::string_view(line.s ? line.s : "", line.l);
  *shape = scan_line(text->data(), text->size());
  return 0;
}

// The next line of the decompressed stream, read a megabyte at a time and cut (and measured) with scan_line
// (htslib's getline goes byte by byte). False at the end.
bool VcfReader::buffered_line(std::string_view* out, LineShape* shape) {
  for (;;) {
    const char* b = read_buf_.data() + read_at_;
    *shape = scan_line(b, read_end_ - read_at_);
    if (shape->newline) {
      *out = std::string_view(b, shape->length);
      read_at_ += shape->length + 1;
      return true;
    }
    if (read_eof_) {
      if (read_at_ == read_end_) return false;
      *out = std::string_view(b, read_end_ - read_at_);  // a last line without its newline
      read_at_ = read_end_;
      return true;
    }
    std::memmove(&read_buf_[0], b, read_end_ - read_at_);
    read_end_ -= read_at_;
    read_at_ = 0;
    if (read_buf_.size() - read_end_ < (1 << 16)) read_buf_.resize(std::max<size_t>(read_buf_.size() * 2, 1 << 20));
    // Compressed (BGZF or plain gzip): one block at a time, so that the records before a damaged block are all
    // read (bgzf_read gives nothing back when a block it reaches is damaged). Uncompressed text straight from the
    // hFILE, as hts_getline does.
    ssize_t n = 0;
    if (fp_->format.compression == no_compression) {
      n = hread(fp_->fp.hfile, &read_buf_[read_end_], read_buf_.size() - read_end_);
    } else {
      BGZF* z = fp_->fp.bgzf;
      if (z->block_offset >= z->block_length && bgzf_read_block(z) != 0) n = -1;
      else if (z->block_length > z->block_offset)
        n = bgzf_read(z, &read_buf_[read_end_],
                      std::min<size_t>(read_buf_.size() - read_end_, static_cast<size_t>(z->block_length - z->block_offset)));
    }
    if (n < 0) {
      if (read_end_ > read_at_) ++line_;  // the line the damage cut, as the message names it
      check_stream_end();
      throw InputError(path_ + ":" + std::to_string(line_ + 1) + ": read error");
    }
    if (n == 0) read_eof_ = true;
    read_end_ += static_cast<size_t>(n);
  }
}

// Text VCF: each line is read here and checked before htslib parses it, so that messages carry the line number
// and damage htslib lets through (short rows, a POS that is not a number, blank lines) is refused. A line the
// prefilter refuses is checked as far as its columns and POS, and never parsed.
bool VcfReader::read_text_record() {
  kstring_t& line = line_buf_.s;
  for (;;) {
    std::string_view text;
    LineShape shape;
    const int ret = next_line(line, &text, &shape);
    if (ret == -1) {
      check_stream_end();
      return false;
    }
    if (ret < -1) {
      check_stream_end();
      throw InputError(path_ + ":" + std::to_string(line_ + 1) + ": read error");
    }
    ++line_;
    ++nrec_;
    // A line cut by a damaged compressed stream is reported as damage, not as a short row.
    if (fp_->format.compression != no_compression && fp_->fp.bgzf && fp_->fp.bgzf->errcode) check_stream_end();
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    if (text.empty() || text[0] == '#') throw InputError(where_line() + (text.empty()
        ? ": blank line inside the records (remove it; bcftools refuses it too)"
        : ": header line after the records began ('" + std::string(text.substr(0, 40)) + "')"));
    // Column count: 8 for a sites-only header, else 9 + samples (the tabs were counted as the line was cut).
    const int ns = bcf_hdr_nsamples(hdr_.get());
    const size_t want = ns > 0 ? 9 + static_cast<size_t>(ns) : 8;
    const size_t cols = shape.tabs + 1;
    size_t tab[7] = {};  // tab[k]: the tab ending column k + 1
    std::copy(shape.tab, shape.tab + std::min<size_t>(shape.tabs, 7), tab);
    const size_t tab1 = tab[0], tab2 = tab[1];
    if (cols < want)
      throw InputError(where_line() + ": " + std::to_string(cols) + " tab-separated columns, but the header declares " +
                       std::to_string(want) + (ns > 0 ? " (8 + FORMAT + " + std::to_string(ns) + " samples)" : "") +
                       "; the line is cut short or not tab-separated");
    if (cols > want && extra_cols_++ == 0)  // htslib and bcftools ignore the extra columns; so do we, with a warning
      warnings_.push_back({"more columns than the header declares: the extra ones are ignored",
                           where_line() + ": " + std::to_string(cols) + " columns but the header declares " +
                               std::to_string(want) + "; extra columns are ignored (here and in any later record)"});
    const std::string_view pos_text = cols >= 3 ? text.substr(tab1 + 1, tab2 - tab1 - 1) : std::string_view();
    const LeadingNumber parsed = leading_number(pos_text);
    const bool digits = parsed.digits > 0 && parsed.digits == pos_text.size();
    const long long pos = parsed.value;
    if (!digits || pos == 0)
      throw InputError(where_line() + ": POS '" + std::string(pos_text) + "' is not a position (a whole number >= 1)");
    const std::string_view chrom = text.substr(0, tab1);
    const std::string_view alts = text.substr(tab[3] + 1, tab[4] - tab[3] - 1);
    if (!keep_record(chrom, pos, text, alts)) {
      // Not parsed, but its alleles are checked as a parsed record's are, and its FILTER counted.
      const auto at = [&] { return where_line() + " (" + std::string(chrom) + ":" + std::to_string(pos) + ")"; };
      const std::string_view ref = text.substr(tab[2] + 1, tab[3] - tab[2] - 1);
      if (ref.empty()) throw InputError(at() + ": REF is empty");
      if (!ref_is_dna(ref)) throw InputError(at() + ": REF '" + std::string(ref) + "' is not a DNA allele");
      for (size_t b = 0, e; b <= alts.size(); b = e + 1) {
        e = std::min(alts.find(',', b), alts.size());
        if (alt_is_odd(alts.substr(b, e - b)) && odd_alts_++ == 0)
          first_odd_alt_ = at() + ": ALT '" + std::string(alts.substr(b, e - b)) + "'";
      }
      if (raw_filter_passes(text.substr(tab[5] + 1, tab[6] - tab[5] - 1))) ++skipped_passing_;
      continue;
    }
    if (text.data() == line.s) {  // in `line`: only its '\r' may have been cut
      line.l = text.size();
      line.s[line.l] = '\0';
    } else {  // a view into the read buffer
      line.l = 0;
      kputsn(text.data(), text.size(), &line);
    }
    if (vcf_parse(&line, hdr_.get(), rec_.get()) < 0)
      throw InputError(where_line() + ": htslib cannot parse the record (a malformed column or value)");
    return true;
  }
}

// "file:line: record N" (streaming) or "file: record N read through the index" for the raw line being checked.
std::string VcfReader::where_line() const {
  return indexed() ? path_ + ": record " + std::to_string(nrec_) + " read through the index"
                   : path_ + ":" + std::to_string(line_) + ": record " + std::to_string(nrec_);
}

bool VcfReader::next() {
  if (text_) {
    if (!read_text_record()) return false;
  } else {
    for (;;) {
      const int ret = indexed() ? next_indexed(nullptr) : bcf_read(fp_.get(), hdr_.get(), rec_.get());
      if (ret < -1) {
        check_stream_end();
        throw InputError(path_ + ": record " + std::to_string(nrec_ + 1) +
                         ": htslib cannot parse it (a malformed record or damaged BCF)");
      }
      if (ret == -1) {
        check_stream_end();
        return false;
      }
      ++nrec_;
      if (indexed() || keep_bcf_record()) break;
    }
  }
  bcf1_t* r = rec_.get();
  if (bcf_unpack(r, BCF_UN_ALL) < 0) throw InputError(where() + ": cannot unpack the record");
  const char* chrom = (r->rid >= 0 && r->rid < hdr_->n[BCF_DT_CTG]) ? bcf_hdr_id2name(hdr_.get(), r->rid) : "";
  if (!chrom || !*chrom) throw InputError(where() + ": empty CHROM");
  int bad = r->errcode & ~(BCF_ERR_CTG_UNDEF | BCF_ERR_TAG_UNDEF);
  if (bad) {
    std::string what = (bad & BCF_ERR_NCOLS)         ? "wrong number of columns"
                       : (bad & BCF_ERR_LIMITS)      ? "a value beyond htslib's limits"
                       : (bad & BCF_ERR_CHAR)        ? "invalid characters"
                       : (bad & BCF_ERR_CTG_INVALID) ? "an invalid CHROM name"
                                                     : "an invalid INFO/FORMAT tag";
    throw InputError(where() + ": " + what);
  }
  if (r->pos < 0) throw InputError(where() + ": POS is 0 or not a number");
  const std::string_view ref = r->n_allele < 1 || !r->d.allele[0] ? std::string_view() : r->d.allele[0];
  if (ref.empty()) throw InputError(where() + ": REF is empty");
  if (!ref_is_dna(ref)) throw InputError(where() + ": REF '" + std::string(ref) + "' is not a DNA allele");
  for (int i = 1; i < r->n_allele; ++i)
    if (alt_is_odd(r->d.allele[i]) && odd_alts_++ == 0)
      first_odd_alt_ = where() + ": ALT '" + std::string(r->d.allele[i]) + "'";
  return true;
}

namespace {

// Character classes of alleles, as tables: the checks run on every record of a file.
struct AlleleChars {
  bool dna[256] = {};       // REF: A C G T N and the IUPAC codes, either case
  bool sequence[256] = {};  // a callable ALT: A C G T N, either case
  AlleleChars() {
    for (const char* p = "ACGTNacgtnRYKMSWBDHVrykmswbdhv"; *p; ++p) dna[static_cast<unsigned char>(*p)] = true;
    for (const char* p = "ACGTNacgtn"; *p; ++p) sequence[static_cast<unsigned char>(*p)] = true;
  }
};
const AlleleChars kAlleleChars;

bool all_of_class(std::string_view s, const bool (&table)[256]) {
  for (char c : s)
    if (!table[static_cast<unsigned char>(c)]) return false;
  return !s.empty();
}

}  // namespace

bool VcfReader::ref_is_dna(std::string_view ref) { return all_of_class(ref, kAlleleChars.dna); }

// ALT alleles that are neither sequence, '*', '.', symbolic nor breakend (VarScan's 'A/T', IUPAC codes) are not
// refused (bcftools reads them) but never called: counted for one warning per file.
bool VcfReader::alt_is_odd(std::string_view a) {
  const size_t n = a.size();
  if (a == "*" || a == "." || all_of_class(a, kAlleleChars.sequence)) return false;
  if (n > 2 && a[0] == '<' && a[n - 1] == '>') return false;                                   // symbolic
  if (a.find('[') != std::string_view::npos || a.find(']') != std::string_view::npos) return false;  // breakend
  if (n > 1 && (a[0] == '.' || a[n - 1] == '.')) return false;                                 // single breakend
  return true;
}

std::string VcfReader::filter_text() const {
  bcf1_t* r = rec_.get();
  if (r->d.n_flt == 0) return ".";
  std::string s;
  for (int i = 0; i < r->d.n_flt; ++i) {
    if (i) s += ';';
    s += bcf_hdr_int2id(hdr_.get(), BCF_DT_ID, r->d.flt[i]);
  }
  return s;
}

bool VcfReader::filter_pass() const {
  bcf1_t* r = rec_.get();
  if (r->d.n_flt == 0) return true;
  return r->d.n_flt == 1 && std::strcmp(bcf_hdr_int2id(hdr_.get(), BCF_DT_ID, r->d.flt[0]), "PASS") == 0;
}

std::string VcfReader::info_string(const char* tag) {
  const int type = header_type(BCF_HL_INFO, tag);
  if (type < 0) return "";
  if (type == BCF_HT_FLAG) return bcf_get_info_flag(hdr_.get(), rec_.get(), tag, nullptr, nullptr) == 1 ? "1" : "";
  if (type == BCF_HT_STR) {
    const int n = bcf_get_info_string(hdr_.get(), rec_.get(), tag, &buf_.str, &buf_.n_str);
    return n > 0 ? std::string(buf_.str, strnlen(buf_.str, static_cast<size_t>(n))) : std::string();
  }
  std::string s;
  auto v = info_numbers(tag);
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) s += ',';
    char b[64];
    std::snprintf(b, sizeof b, "%.17g", v[i]);
    s += std::isnan(v[i]) ? "." : b;
  }
  return s;
}

namespace {

// A VCF float as the decimal the file most likely holds: 0.31f becomes 0.31, not 0.3100000023841858. The
// shortest of 6 to 9 significant digits (printf's %g, which std::to_chars follows) that reads back as the same
// float, read as a double; to_chars/from_chars in place of snprintf/strtof/strtod, without their locale and
// format parsing (the same result for every float: 20 million random bit patterns compared).
double float_as_written(float v) {
  char buf[32];
  std::to_chars_result text{};
  for (int digits = 6; digits <= 9; ++digits) {
    text = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, digits);
    float back = 0;
    const std::from_chars_result read = std::from_chars(buf, text.ptr, back);
    if (read.ec == std::errc() && back == v) break;
  }
  double out = std::nan("");
  std::from_chars(buf, text.ptr, out);
  return out;
}

// Values of one typed htslib array (FORMAT per sample or INFO) as doubles; NaN for missing.
// Comma-separated text values ("0.42,48.7%,.") as numbers; InputError naming the tag when one is not a number.
std::vector<double> text_numbers(const std::string& text, const std::string& where_tag) {
  std::vector<double> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t c = text.find(',', start);
    std::string tok = text.substr(start, c == std::string::npos ? std::string::npos : c - start);
    bool ok = true;
    double v = parse_text_number(tok, &ok);
    if (!ok) throw InputError(where_tag + " value '" + text + "' is not a number");
    out.push_back(v);
    if (c == std::string::npos) break;
    start = c + 1;
  }
  return out;
}

// htslib's int32 values up to the vector end, missing as NaN.
std::vector<double> int_values(const int32_t* v, int n) {
  std::vector<double> out;
  for (int i = 0; i < n && v[i] != bcf_int32_vector_end; ++i)
    out.push_back(v[i] == bcf_int32_missing ? std::nan("") : v[i]);
  return out;
}

// htslib's float values up to the vector end, missing as NaN, each the double its text wrote.
std::vector<double> float_values(const float* v, int n) {
  std::vector<double> out;
  for (int i = 0; i < n && !bcf_float_is_vector_end(v[i]); ++i)
    out.push_back(bcf_float_is_missing(v[i]) ? std::nan("") : float_as_written(v[i]));
  return out;
}

}  // namespace

std::string VcfReader::info_column() {
  kstring_t s = {0, 0, nullptr};
  std::string out;
  if (vcf_format(hdr_.get(), rec_.get(), &s) == 0 && s.s) {
    // Column 8 of the formatted line.
    const char* p = s.s;
    for (int tabs = 0; tabs < 7 && p; ++tabs) {
      p = std::strchr(p, '\t');
      if (p) ++p;
    }
    if (p) {
      const char* e = std::strchr(p, '\t');
      out.assign(p, e ? static_cast<size_t>(e - p) : std::strlen(p));
      while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
    }
  }
  free(s.s);
  return out == "." ? std::string() : out;
}

// The header's value type of an INFO or FORMAT tag (BCF_HT_INT, BCF_HT_REAL, BCF_HT_STR, BCF_HT_FLAG); -1 when
// the header does not define it.
int VcfReader::header_type(int line_type, const char* tag) const {
  const int id = bcf_hdr_id2int(hdr_.get(), BCF_DT_ID, tag);
  if (id < 0 || !bcf_hdr_idinfo_exists(hdr_.get(), line_type, id)) return -1;
  return bcf_hdr_id2type(hdr_.get(), line_type, id);
}

// Numbers of the tumour sample's FORMAT tag through htslib's typed getters; {} when the record lacks the tag.
std::vector<double> VcfReader::format_numbers(const char* tag, int sample) {
  if (sample < 0 || sample >= static_cast<int>(rec_->n_sample)) return {};
  const int type = header_type(BCF_HL_FMT, tag);
  if (type == BCF_HT_STR) {
    const int n = bcf_get_format_string(hdr_.get(), rec_.get(), tag, &buf_.strs, &buf_.n_strs);
    if (n <= 0) return {};
    return text_numbers(buf_.strs[sample], where() + ": FORMAT/" + tag);
  }
  if (type == BCF_HT_INT) {
    const int n = bcf_get_format_int32(hdr_.get(), rec_.get(), tag, &buf_.ints, &buf_.n_ints);
    if (n <= 0) return {};
    const int per = n / static_cast<int>(rec_->n_sample);
    return int_values(buf_.ints + static_cast<size_t>(sample) * per, per);
  }
  if (type == BCF_HT_REAL) {
    const int n = bcf_get_format_float(hdr_.get(), rec_.get(), tag, &buf_.floats, &buf_.n_floats);
    if (n <= 0) return {};
    const int per = n / static_cast<int>(rec_->n_sample);
    return float_values(buf_.floats + static_cast<size_t>(sample) * per, per);
  }
  return {};
}

std::vector<double> VcfReader::info_numbers(const char* tag) {
  const int type = header_type(BCF_HL_INFO, tag);
  if (type == BCF_HT_STR) {
    const int n = bcf_get_info_string(hdr_.get(), rec_.get(), tag, &buf_.str, &buf_.n_str);
    if (n <= 0) return {};
    return text_numbers(std::string(buf_.str, strnlen(buf_.str, static_cast<size_t>(n))), where() + ": INFO/" + tag);
  }
  if (type == BCF_HT_INT) {
    const int n = bcf_get_info_int32(hdr_.get(), rec_.get(), tag, &buf_.ints, &buf_.n_ints);
    return n > 0 ? int_values(buf_.ints, n) : std::vector<double>{};
  }
  if (type == BCF_HT_REAL) {
    const int n = bcf_get_info_float(hdr_.get(), rec_.get(), tag, &buf_.floats, &buf_.n_floats);
    return n > 0 ? float_values(buf_.floats, n) : std::vector<double>{};
  }
  return {};
}

std::optional<std::vector<double>> VcfReader::info_numeric(const char* tag) {
  const int type = header_type(BCF_HL_INFO, tag);
  if (type != BCF_HT_INT && type != BCF_HT_REAL) return std::nullopt;
  return info_numbers(tag);
}

AlleleDepth VcfReader::allele_depth(int tumor, int alt_index, const DepthTags& tags) {
  RecordValues v;
  v.format = [this, tumor](const char* tag) { return format_numbers(tag, tumor); };
  v.info = [this](const char* tag) { return info_numbers(tag); };
  v.n_allele = rec_->n_allele;
  v.alt_index = alt_index;
  v.ref = rec_->d.allele[0];
  v.alt = rec_->d.allele[alt_index + 1];
  return pathcorr::allele_depth(v, tags);
}

}  // namespace pathcorr
