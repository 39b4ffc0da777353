// The VCF header side of VcfReader (see vcf_input.h): reading a text header, including the forms htslib refuses
// only for how they are written; the samples and the tumour sample; the genome build from ##contig lengths and
// ##reference.
#include <htslib/kseq.h>
#include <htslib/kstring.h>

#include <algorithm>
#include <cstring>

#include "pipeline/base/errors.h"
#include "pipeline/base/text.h"
#include "pipeline/input/vcf_input.h"

namespace pathcorr {

namespace {

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

// Text VCF: the header lines are read from the open file (read_text_header) and given to htslib whole
// (bcf_hdr_parse); the records follow on the same handle. A header htslib would refuse only for how it is written
// (no ##fileformat first, '# ...' comment lines before #CHROM, no #CHROM line above 8-column records) is read
// and warned about; anything else that is not a VCF header is refused, naming the line.
void VcfReader::open_text_header(const std::string& path) {
  const bool detected_vcf = text_;
  TextHeader h = read_text_header(fp_.get(), line_buf_.s);
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
    warnings_.push_back({"no ##fileformat line: read as VCFv4.2",
                         path + ": no ##fileformat line (line 1 is '" + excerpt(h.first_line) +
                             "'); read as VCFv4.2, as SnpEff and VEP write it when their input lacked the line"});
  if (h.fileformat_line)
    warnings_.push_back({"the ##fileformat line is not line 1: read as if it came first",
                         path + ": the ##fileformat line is line " + std::to_string(h.fileformat_line) +
                             ", not line 1; read as if it came first"});
  if (h.chrom_added_before)
    warnings_.push_back({"no #CHROM line: 8-column records read as a sites-only VCF",
                         path + ": no #CHROM line before the first record (line " +
                             std::to_string(h.chrom_added_before) +
                             "); its 8 columns are read as a sites-only VCF (#CHROM POS ID REF ALT QUAL FILTER INFO)"});
  if (h.comments_skipped)
    warnings_.push_back({"comment lines starting with a single '#' before #CHROM skipped",
                         path + ": " + std::to_string(h.comments_skipped) +
                             " comment line(s) starting with a single '#' before #CHROM skipped (as Oncotator writes)"});
  // The records follow on the same handle; a record line read while looking for #CHROM comes first.
  pending_record_ = h.first_record;
  has_pending_record_ = h.chrom_added_before > 0;
  text_ = true;
  line_ = h.lines;
}

VcfReader::~VcfReader() = default;

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
  if (!requested.empty() && to_lower(requested) != "auto") {
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

}  // namespace pathcorr
