// VCF/BCF input through htslib (see vcf_input.h).
#include "pipeline/input/vcf_input.h"

#include <htslib/bgzf.h>
#include <htslib/hts.h>
#include <htslib/kseq.h>
#include <htslib/kstring.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <dirent.h>

#include "pipeline/base/errors.h"

namespace pathcorr {

void HtsFileCloser::operator()(htsFile* f) const {
  if (f) hts_close(f);
}

namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
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

// A text VCF's header read line by line, for the files htslib refuses only for how their header is written:
// SnpEff and VEP copy the header of their input, so an input without `##fileformat` gives an output without it,
// and Oncotator writes `# ...` comment lines before `#CHROM`. `lines` = the physical lines the header takes.
struct TextHeader {
  std::string text;             // the header as htslib will parse it, `##fileformat` first
  long lines = 0;               // physical header lines in the file, comment lines included
  bool fileformat_added = false;
  long fileformat_line = 0;     // where the file's ##fileformat line is, when it is not line 1
  long comments_skipped = 0;    // lines starting with a single '#' (not #CHROM) before #CHROM
  long chrom_added_before = 0;  // the line of the first record when the #CHROM line of a sites-only file is missing
  std::string first_line;       // the file's first line, for messages
  std::string problem;          // why the text is not a VCF header; empty when it is one
  std::string first_record;     // with chrom_added_before: that record line, already read
};

std::string excerpt(const std::string& s) {
  std::string out;
  for (char c : s.substr(0, 60)) out += (static_cast<unsigned char>(c) < 0x20 ? ' ' : c);
  return s.size() > 60 ? out + "..." : out;
}

// A record line of a sites-only VCF: 8 tab-separated columns, POS a whole number.
bool is_sites_only_record(const std::string& line) {
  if (std::count(line.begin(), line.end(), '\t') != 7) return false;
  const std::size_t a = line.find('\t'), b = line.find('\t', a + 1);
  if (a == 0 || b == a + 1 || b - a - 1 > 12) return false;
  return std::all_of(line.begin() + static_cast<long>(a) + 1, line.begin() + static_cast<long>(b),
                     [](char c) { return c >= '0' && c <= '9'; });
}

// Reads the header lines from the open file `f` (using `s` as the line buffer); the records follow.
TextHeader read_text_header(htsFile* f, kstring_t& s) {
  TextHeader h;
  std::string fileformat, meta;
  bool chrom_line = false;
  while (!chrom_line && hts_getline(f, KS_SEP_LINE, &s) >= 0) {
    std::string line(s.s ? s.s : "", s.l);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (h.lines++ == 0) h.first_line = line;
    if (line.rfind("##fileformat=VCF", 0) == 0 && fileformat.empty()) {
      fileformat = line + "\n";
      if (h.lines > 1) h.fileformat_line = h.lines;
    } else if (line.rfind("##", 0) == 0 || line.rfind("#CHROM\t", 0) == 0) {
      meta += line + "\n";
      chrom_line = line[1] == 'C';
    } else if (!line.empty() && line[0] == '#' && h.lines > 1) {
      ++h.comments_skipped;
    } else if (h.lines > 1 && !meta.empty() && is_sites_only_record(line)) {
      // Records right after the ## lines, 8 columns each: the missing #CHROM line of a sites-only VCF says
      // nothing the fixed column names do not (SnpEff output of such an input). With samples it would name
      // them, so a longer record is refused below.
      meta += "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n";
      chrom_line = true;
      h.chrom_added_before = h.lines--;
      h.first_record = line;
    } else {
      h.problem = h.lines == 1 ? "line 1 is not a VCF header line ('" + excerpt(line) + "')"
                               : "line " + std::to_string(h.lines) + " ('" + excerpt(line) +
                                     "') comes before the #CHROM header line; the header is incomplete";
      break;
    }
  }
  if (h.problem.empty() && !chrom_line)
    h.problem = h.lines == 0 ? "no header" : "the header has no #CHROM line";
  // A bare #CHROM line is a table, not a VCF header (htslib and bcftools refuse it too): nothing declares a field.
  if (h.problem.empty() && fileformat.empty() && meta.find("##") == std::string::npos)
    h.problem = "line 1 is a #CHROM line with no ## meta-information lines before it";
  h.fileformat_added = fileformat.empty();
  h.text = (h.fileformat_added ? std::string("##fileformat=VCFv4.2\n") : fileformat) + meta;
  return h;
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

std::vector<std::string> expand_inputs(const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  for (const auto& p : paths) {
    struct stat st {};
    if (stat(p.c_str(), &st) != 0)
      throw InputError(p + ": no such file or directory");
    if (S_ISDIR(st.st_mode)) {
      std::vector<std::string> found;
      DIR* d = opendir(p.c_str());
      if (!d) throw InputError(p + ": cannot read directory: " + std::strerror(errno));
      while (dirent* e = readdir(d)) {
        std::string name = e->d_name;
        if (name.empty() || name[0] == '.' || !is_vcf_name(name)) continue;
        std::string full = p + (ends_with(p, "/") ? "" : "/") + name;
        struct stat fst {};
        if (stat(full.c_str(), &fst) == 0 && S_ISREG(fst.st_mode)) found.push_back(full);
      }
      closedir(d);
      std::sort(found.begin(), found.end());
      if (found.empty())
        throw InputError(p + ": directory holds no .vcf, .vcf.gz, .bcf or _multianno.txt files");
      out.insert(out.end(), found.begin(), found.end());
    } else {
      out.push_back(p);
    }
  }
  return out;
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
    warnings_.push_back(path + ": no BGZF end-of-file marker; the file may be truncated");
  text_ = fmt->format == vcf;
  if (fmt->format == bcf) {
    hdr_.reset(bcf_hdr_read(fp_.get()));
    if (!hdr_) throw InputError(path + ": cannot parse the BCF header");
  } else {
    open_text_header(path);
  }
  rec_.reset(bcf_init());
}

// Text VCF. A header in the standard form is htslib's to read (bcf_hdr_read, which also takes contig names from
// an index beside the file). A header htslib would refuse only for how it is written (no ##fileformat first,
// '# ...' comment lines before #CHROM, no #CHROM line above 8-column records) is read line by line
// (read_text_header), given to htslib whole, and warned about; anything else that is not a VCF header is
// refused, naming the line.
void VcfReader::open_text_header(const std::string& path) {
  const bool detected_vcf = text_;
  TextHeader h = read_text_header(fp_.get(), line_buf_);
  if (!h.problem.empty()) {
    if (!detected_vcf)
      throw InputError(path + ": not a VCF or BCF file: " + h.problem +
                       "; a VCF starts with ##fileformat=VCFv4.x and its header ends with a #CHROM line");
    throw InputError(path + ": cannot parse the VCF header: " + h.problem +
                     " (the first line must be ##fileformat=VCFv4.x and the header must end with a #CHROM line)");
  }
  hdr_.reset(bcf_hdr_init("r"));
  if (!hdr_ || bcf_hdr_parse(hdr_.get(), &h.text[0]) != 0)
    throw InputError(path + ": cannot parse the VCF header (htslib refuses its meta-information or #CHROM line)");
  if (h.fileformat_added)
    warnings_.push_back(path + ": no ##fileformat line (line 1 is '" + excerpt(h.first_line) +
                        "'); read as VCFv4.2, as SnpEff and VEP write it when their input lacked the line");
  if (h.fileformat_line)
    warnings_.push_back(path + ": the ##fileformat line is line " + std::to_string(h.fileformat_line) +
                        ", not line 1; read as if it came first");
  if (h.chrom_added_before)
    warnings_.push_back(path + ": no #CHROM line before the first record (line " +
                        std::to_string(h.chrom_added_before) +
                        "); its 8 columns are read as a sites-only VCF (#CHROM POS ID REF ALT QUAL FILTER INFO)");
  if (h.comments_skipped)
    warnings_.push_back(path + ": " + std::to_string(h.comments_skipped) +
                        " comment line(s) starting with a single '#' before #CHROM skipped (as Oncotator writes)");
  // The records follow on the same handle; a record line read while looking for #CHROM comes first.
  pending_record_ = h.first_record;
  has_pending_record_ = h.chrom_added_before > 0;
  text_ = true;
  line_ = h.lines;
}

VcfReader::~VcfReader() { free(line_buf_.s); }

VcfReader::ValueBuffers::~ValueBuffers() {
  free(ints);
  free(floats);
  free(str);
  if (strs) free(strs[0]);  // bcf_get_format_string: one block of text, pointed into per sample
  free(strs);
}

std::string VcfReader::header_text() const {
  kstring_t s = {0, 0, nullptr};
  bcf_hdr_format(hdr_.get(), 0, &s);
  std::string out = s.s ? std::string(s.s, s.l) : std::string();
  free(s.s);
  return out;
}

std::vector<std::string> VcfReader::samples() const {
  std::vector<std::string> out;
  for (int i = 0; i < bcf_hdr_nsamples(hdr_.get()); ++i) out.emplace_back(hdr_->samples[i]);
  return out;
}

int VcfReader::choose_tumor_sample(const std::string& requested) const {
  auto names = samples();
  auto list = [&] {
    std::string s;
    for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
    return s.empty() ? std::string("(none)") : s;
  };
  auto index_of = [&](const std::string& n) -> int {
    for (size_t i = 0; i < names.size(); ++i)
      if (names[i] == n) return static_cast<int>(i);
    return -1;
  };
  if (!requested.empty()) {
    int i = index_of(requested);
    if (i < 0)
      throw ConflictError(path_ + ": tumour sample '" + requested + "' is not in the file; its samples are: " +
                          list());
    return i;
  }
  if (names.empty()) return -1;  // sites-only
  if (bcf_hrec_t* h = bcf_hdr_get_hrec(hdr_.get(), BCF_HL_GEN, "tumor_sample", nullptr, nullptr)) {
    int i = index_of(h->value ? h->value : "");
    if (i >= 0) return i;
    throw ConflictError(path_ + ": ##tumor_sample=" + std::string(h->value ? h->value : "") +
                        " names no sample of the file; its samples are: " + list() +
                        "; give --tumor-sample or a tumor_sample column in --samples");
  }
  for (const char* n : {"TUMOR", "TUMOUR", "Tumor", "tumor"}) {
    int i = index_of(n);
    if (i >= 0) return i;
  }
  // SnpEff cancer mode: ##PEDIGREE=<Derived=TUMOUR,Original=NORMAL> (htslib parses it as a structured line).
  for (int i = 0; i < hdr_->nhrec; ++i) {
    bcf_hrec_t* h = hdr_->hrec[i];
    if (!h->key || std::strcmp(h->key, "PEDIGREE") != 0) continue;
    for (int k = 0; k < h->nkeys; ++k) {
      if (std::strcmp(h->keys[k], "Derived") != 0 || !h->vals[k]) continue;
      int idx = index_of(h->vals[k]);
      if (idx >= 0) return idx;
    }
  }
  if (names.size() == 1) return 0;
  // VarDict paired mode names the normal "<tumour>-match".
  if (names.size() == 2) {
    if (names[1] == names[0] + "-match") return 0;
    if (names[0] == names[1] + "-match") return 1;
  }
  throw ConflictError(path_ + ": cannot tell which sample is the tumour; samples are: " + list() +
                      "; give --tumor-sample NAME or a tumor_sample column in --samples");
}

Build VcfReader::detect_build(const std::string& requested) const {
  std::optional<Build> wanted;
  if (!requested.empty() && lower(requested) != "auto") {
    wanted = parse_build(requested);
    if (!wanted) throw UsageError("--build must be auto, GRCh37 or GRCh38, not '" + requested + "'");
  }
  // Evidence 1: ##contig lengths of the primary chromosomes (MT is the same length in both builds).
  const auto& l37 = Reference::contig_lengths(Build::GRCh37);
  const auto& l38 = Reference::contig_lengths(Build::GRCh38);
  int m37 = 0, m38 = 0;
  std::string text_evidence;
  for (int i = 0; i < hdr_->nhrec; ++i) {
    bcf_hrec_t* h = hdr_->hrec[i];
    if (h->type == BCF_HL_CTG) {
      std::string id, len;
      for (int k = 0; k < h->nkeys; ++k) {
        if (std::strcmp(h->keys[k], "ID") == 0) id = h->vals[k];
        if (std::strcmp(h->keys[k], "length") == 0) len = h->vals[k];
        if (std::strcmp(h->keys[k], "assembly") == 0) text_evidence += " " + std::string(h->vals[k]);
      }
      if (len.empty()) continue;
      std::string c = canonical_chrom(id);
      if (c == "MT") continue;
      long long n = std::atoll(len.c_str());
      auto a = l37.find(c), b = l38.find(c);
      if (a != l37.end() && a->second == n) ++m37;
      if (b != l38.end() && b->second == n) ++m38;
    } else if (h->type == BCF_HL_GEN && h->key && h->value &&
               (std::strcmp(h->key, "reference") == 0 || std::strcmp(h->key, "VEP") == 0 ||
                std::strcmp(h->key, "assembly") == 0)) {
      text_evidence += " " + std::string(h->value);
    }
  }
  std::optional<Build> from_contigs;
  if (m37 > 0 && m38 == 0) from_contigs = Build::GRCh37;
  if (m38 > 0 && m37 == 0) from_contigs = Build::GRCh38;
  if (m37 > 0 && m38 > 0)
    throw InputError(path_ + ": ##contig lengths match both GRCh37 (" + std::to_string(m37) + " contigs) and GRCh38 (" +
                     std::to_string(m38) + "); fix the header or give --build");
  // Evidence 2: names in ##reference / ##contig assembly / ##VEP assembly.
  const std::optional<Build> from_text = build_from_text(text_evidence);

  if (from_contigs && from_text && *from_contigs != *from_text)
    throw ConflictError(path_ + ": ##contig lengths say " + to_string(*from_contigs) + " but ##reference says " +
                        to_string(*from_text) + "; fix the header or give --build");
  std::optional<Build> found = from_contigs ? from_contigs : from_text;
  if (wanted) {
    if (from_contigs && *from_contigs != *wanted)
      throw ConflictError(path_ + ": --build " + to_string(*wanted) + " given, but the ##contig lengths are " +
                          to_string(*from_contigs));
    return *wanted;
  }
  if (!found)
    throw InputError(path_ + ": cannot tell the genome build (no ##contig lengths or ##reference naming GRCh37/hg19 "
                             "or GRCh38/hg38); give --build GRCh37 or --build GRCh38");
  return *found;
}

std::string VcfReader::where() const {
  std::string s = path_ + (text_ ? ":" + std::to_string(line_) + ": record " : ": record ") + std::to_string(nrec_);
  if (rec_ && rec_->rid >= 0 && rec_->rid < hdr_->n[BCF_DT_CTG])
    s += " (" + std::string(bcf_hdr_id2name(hdr_.get(), rec_->rid)) + ":" + std::to_string(rec_->pos + 1) + ")";
  return s;
}

void VcfReader::check_stream_end() {
  if (fp_->format.compression != no_compression && fp_->fp.bgzf && fp_->fp.bgzf->errcode)
    throw InputError(path_ + ": compressed data is damaged or truncated after record " + std::to_string(nrec_) +
                     (text_ ? " (line " + std::to_string(line_) + ")" : "") + "; copy the file again");
}

// Text VCF: each line is read here and checked before htslib parses it, so that messages carry the line number
// and damage htslib lets through (short rows, a POS that is not a number, blank lines) is refused.
bool VcfReader::read_text_record() {
  kstring_t& line = line_buf_;
  int ret;
  if (has_pending_record_) {
    has_pending_record_ = false;
    line.l = 0;
    kputsn(pending_record_.data(), pending_record_.size(), &line);
    ret = static_cast<int>(line.l);
  } else {
    ret = hts_getline(fp_.get(), KS_SEP_LINE, &line);
  }
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
  const std::string at = path_ + ":" + std::to_string(line_) + ": record " + std::to_string(nrec_);
  if (line.l > 0 && line.s[line.l - 1] == '\r') line.s[--line.l] = '\0';
  if (line.l == 0) throw InputError(at + ": blank line inside the records (remove it; bcftools refuses it too)");
  if (line.s[0] == '#')
    throw InputError(at + ": header line after the records began ('" + std::string(line.s, std::min<size_t>(line.l, 40)) +
                     "')");
  // Column count: 8 for a sites-only header, else 9 + samples.
  const int ns = bcf_hdr_nsamples(hdr_.get());
  const size_t want = ns > 0 ? 9 + static_cast<size_t>(ns) : 8;
  size_t cols = 1;
  const char* pos_field = nullptr;
  size_t pos_len = 0;
  for (size_t i = 0; i < line.l; ++i) {
    if (line.s[i] != '\t') continue;
    ++cols;
    if (cols == 2) pos_field = line.s + i + 1;
    if (cols == 3) pos_len = static_cast<size_t>(line.s + i - pos_field);
  }
  if (cols < want)
    throw InputError(at + ": " + std::to_string(cols) + " tab-separated columns, but the header declares " +
                     std::to_string(want) + (ns > 0 ? " (8 + FORMAT + " + std::to_string(ns) + " samples)" : "") +
                     "; the line is cut short or not tab-separated");
  if (cols > want && extra_cols_++ == 0)  // htslib and bcftools ignore the extra columns; so do we, with a warning
    warnings_.push_back(at + ": " + std::to_string(cols) + " columns but the header declares " + std::to_string(want) +
                        "; extra columns are ignored (here and in any later record)");
  std::string pos_text = pos_field ? std::string(pos_field, pos_len) : std::string();
  bool digits = !pos_text.empty();
  for (char c : pos_text) digits = digits && std::isdigit(static_cast<unsigned char>(c));
  if (!digits || std::strtoll(pos_text.c_str(), nullptr, 10) == 0)
    throw InputError(at + ": POS '" + pos_text + "' is not a position (a whole number >= 1)");
  if (vcf_parse(&line, hdr_.get(), rec_.get()) < 0)
    throw InputError(at + ": htslib cannot parse the record (a malformed column or value)");
  return true;
}

bool VcfReader::next() {
  if (text_) {
    if (!read_text_record()) return false;
  } else {
    int ret = bcf_read(fp_.get(), hdr_.get(), rec_.get());
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
  if (r->n_allele < 1 || !r->d.allele[0] || !*r->d.allele[0]) throw InputError(where() + ": REF is empty");
  for (const char* p = r->d.allele[0]; *p; ++p) {
    if (!std::strchr("ACGTNacgtnRYKMSWBDHVrykmswbdhv", *p))
      throw InputError(where() + ": REF '" + std::string(r->d.allele[0]) + "' is not a DNA allele");
  }
  // ALT alleles that are neither sequence, '*', '.', symbolic nor breakend (VarScan's 'A/T', IUPAC codes) are not
  // refused (bcftools reads them) but never called: counted here for one warning per file.
  for (int i = 1; i < r->n_allele; ++i) {
    const char* a = r->d.allele[i];
    size_t n = std::strlen(a);
    if (is_sequence_allele(a) || std::strcmp(a, "*") == 0 || std::strcmp(a, ".") == 0) continue;
    if (n > 2 && a[0] == '<' && a[n - 1] == '>') continue;                  // symbolic
    if (std::strchr(a, '[') || std::strchr(a, ']')) continue;               // breakend
    if (n > 1 && (a[0] == '.' || a[n - 1] == '.')) continue;                // single breakend
    if (odd_alts_++ == 0) first_odd_alt_ = where() + ": ALT '" + std::string(a) + "'";
  }
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

// A VCF float as the decimal the file most likely holds: 0.31f becomes 0.31, not 0.3100000023841858.
double float_as_written(float v) {
  char buf[32];
  for (int digits = 6; digits <= 9; ++digits) {
    std::snprintf(buf, sizeof buf, "%.*g", digits, static_cast<double>(v));
    if (std::strtof(buf, nullptr) == v) break;
  }
  return std::strtod(buf, nullptr);
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
  const std::string where_tag = where() + ": FORMAT/" + tag;
  if (type == BCF_HT_STR) {
    const int n = bcf_get_format_string(hdr_.get(), rec_.get(), tag, &buf_.strs, &buf_.n_strs);
    if (n <= 0) return {};
    return text_numbers(buf_.strs[sample], where_tag);
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
