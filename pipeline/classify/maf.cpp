// MAF in and out (see maf.h). The file is streamed line by line (cohort MAFs reach gigabytes), only rows of
// the gene set are kept, and patients are assigned after the whole file is read (the TCGA barcode rule needs
// every barcode).
#include "pipeline/classify/maf.h"
#include "pipeline/base/population_af.h"
#include "pipeline/base/protein.h"
#include "pipeline/classify/policy.h"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <memory>
#include <optional>
#include <ostream>
#include <set>
#include <sstream>
#include <unordered_map>

#include "annotators/annotation.h"
#include "annotators/consequence.h"
#include "pipeline/base/errors.h"
#include "pipeline/io/table_io.h"

namespace pathcorr {

namespace {

std::string lower_copy(std::string_view s) { return to_lower(s); }

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> out;
  size_t start = 0;
  for (;;) {
    size_t tab = line.find('\t', start);
    out.emplace_back(
        trim(std::string_view(line).substr(start, tab == std::string::npos ? std::string::npos : tab - start)));
    if (tab == std::string::npos) break;
    start = tab + 1;
  }
  return out;
}

// Line reader over a plain or gzip file (zlib reads both), with physical line numbers; CR and a leading BOM
// are removed.
class LineReader {
 public:
  // Lines of `text` (already in memory), reported as lines of `path`.
  LineReader(const std::string& path, const std::string* text) : path_(path), text_(text) {}
  explicit LineReader(const std::string& path) : path_(path) {
    errno = 0;
    gz_ = gzopen(path.c_str(), "rb");
    if (!gz_) throw IoError(path + ": cannot open: " + std::strerror(errno ? errno : ENOMEM));
    gzbuffer(gz_, 1 << 17);
  }
  ~LineReader() {
    if (gz_) gzclose(gz_);
  }
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  bool next(std::string& line) {
    line.clear();
    if (text_) {
      if (pos_ >= text_->size()) return false;
      const size_t nl = text_->find('\n', pos_);
      line = text_->substr(pos_, nl == std::string::npos ? std::string::npos : nl - pos_);
      pos_ = nl == std::string::npos ? text_->size() : nl + 1;
      ++line_no_;
      return true;
    }
    char buf[1 << 16];
    bool got = false;
    for (;;) {
      char* r = gzgets(gz_, buf, sizeof buf);
      if (!r) break;
      got = true;
      size_t n = std::strlen(buf);
      line.append(buf, n);
      if (n > 0 && buf[n - 1] == '\n') break;
    }
    if (!got) {
      check_error();
      return false;
    }
    ++line_no_;
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    if (line_no_ == 1 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);
    return true;
  }
  long line_number() const { return line_no_; }

 private:
  void check_error() {
    int errnum = 0;
    const char* msg = gzerror(gz_, &errnum);
    if (errnum == Z_OK || errnum == Z_STREAM_END) return;
    const std::string text = errnum == Z_ERRNO ? std::strerror(errno) : (msg ? msg : "read error");
    if (errnum == Z_ERRNO) throw IoError(path_ + ": read failed: " + text);
    throw InputError(path_ + ": damaged gzip data: " + text);
  }

  std::string path_;
  gzFile gz_ = nullptr;
  const std::string* text_ = nullptr;
  size_t pos_ = 0;
  long line_no_ = 0;
};

bool is_blank(const std::string& line) { return trim(line).empty(); }

// Column lookup by lower-cased name (first occurrence wins).
class Columns {
 public:
  explicit Columns(const std::vector<std::string>& header) : header_(header) {
    for (size_t i = 0; i < header.size(); ++i) index_.emplace(lower_copy(header[i]), static_cast<int>(i));
  }
  int find(std::initializer_list<const char*> names) const {
    for (const char* n : names) {
      auto it = index_.find(lower_copy(n));
      if (it != index_.end()) return it->second;
    }
    return -1;
  }
  std::string list() const {
    std::string s;
    for (const auto& h : header_) s += (s.empty() ? "" : ", ") + h;
    return s;
  }
  const std::vector<std::string>& header() const { return header_; }

 private:
  std::vector<std::string> header_;
  std::unordered_map<std::string, int> index_;
};

bool is_maf_header(const std::vector<std::string>& fields) {
  bool hugo = false, barcode = false;
  for (const auto& f : fields) {
    std::string l = lower_copy(f);
    hugo = hugo || l == "hugo_symbol";
    barcode = barcode || l == "tumor_sample_barcode";
  }
  return hugo && barcode;
}

// "", "NA", ".", "[Not Available]", "__UNKNOWN__" ...
bool missing(const std::string& v) { return is_missing_value(v) || v == "__UNKNOWN__" || v == "-"; }

// Build named by the comment lines that speak of a reference, build or assembly (all of them together).
std::optional<Build> build_from_comments(const std::vector<std::string>& comments) {
  std::string text;
  for (const auto& c : comments) {
    std::string t = lower_copy(c);
    if (t.find("reference") != std::string::npos || t.find("build") != std::string::npos ||
        t.find("assembly") != std::string::npos)
      text += " " + c;
  }
  return build_from_text(text);
}

bool looks_tcga(const std::string& barcode) {
  // TCGA-XX-XXXX[-...]: project, tissue source site, participant.
  if (barcode.size() < 12 || barcode.compare(0, 5, "TCGA-") != 0 || barcode[7] != '-') return false;
  if (barcode.size() > 12 && barcode[12] != '-') return false;
  for (size_t i : {5u, 6u, 8u, 9u, 10u, 11u})
    if (!std::isalnum(static_cast<unsigned char>(barcode[i]))) return false;
  return true;
}

std::string join_terms(const std::vector<std::string>& terms, const char* sep) {
  std::string s;
  for (const auto& t : terms) s += (s.empty() ? "" : sep) + t;
  return s;
}

std::vector<std::string> split_terms(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  for (char ch : text) {
    if (ch == '&' || ch == ',' || ch == ';') {
      if (!trim(cur).empty()) out.emplace_back(trim(cur));
      cur.clear();
    } else {
      cur += ch;
    }
  }
  if (!trim(cur).empty()) out.emplace_back(trim(cur));
  return out;
}

bool is_sequence(const std::string& a) {
  if (a.empty()) return false;
  for (char c : a)
    if (!std::strchr("ACGTNacgtn", c)) return false;
  return true;
}

// Hotspot table lookup for MAF-style alleles: Reference::hotspot_at takes VCF alleles with an anchor base, so a
// MAF indel gets a neutral 'N' anchor (the table is MAF-style and the anchor is trimmed away again).
const Hotspot* maf_hotspot(const Reference& ref, Build build, const std::string& chrom, long long start,
                           const std::string& ref_allele, const std::string& alt) {
  const bool ref_empty = ref_allele == "-", alt_empty = alt == "-";
  if (ref_empty && alt_empty) return nullptr;
  if ((!ref_empty && !is_sequence(ref_allele)) || (!alt_empty && !is_sequence(alt))) return nullptr;
  if (ref_empty) return ref.hotspot_at(build, chrom, start, "N", "N" + alt);  // insertion after `start`
  if (alt_empty) return ref.hotspot_at(build, chrom, start - 1, "N" + ref_allele, "N");
  return ref.hotspot_at(build, chrom, start, ref_allele, alt);
}

// One kept MAF row before its patient is known.
struct Row {
  long line = 0;
  std::string barcode;
  Call call;
  std::vector<std::string> terms;
  bool pass = true;
};

class MafScanner {
 public:
  MafScanner(const std::string& path, const Reference& ref, const ScanOptions& opt, const MafOptions& mopt,
             const std::string* text = nullptr)
      : path_(path), ref_(ref), opt_(opt), mopt_(mopt), text_(text) {}

  ScanResult run() {
    std::unique_ptr<LineReader> reader =
        text_ ? std::make_unique<LineReader>(path_, text_) : std::make_unique<LineReader>(path_);
    LineReader& in = *reader;
    std::string line;
    std::vector<std::string> comments;
    std::optional<Columns> cols;
    while (in.next(line)) {
      if (is_blank(line)) continue;
      if (line[0] == '#') {
        comments.push_back(line);
        continue;
      }
      cols.emplace(split_tabs(line));
      break;
    }
    if (!cols) throw InputError(path_ + ": no MAF header line (the file is empty or holds only '#' lines)");
    header_line_ = in.line_number();
    find_columns(*cols);
    for (const auto& g : ref_.feature_genes()) genes_.insert(g);

    while (in.next(line)) {
      if (is_blank(line)) continue;
      read_row(split_tabs(line), in.line_number());
    }
    build_ = decide_build(comments);
    return finish();
  }

 private:
  void find_columns(const Columns& c) {
    header_size_ = c.header().size();
    c_gene_ = c.find({"Hugo_Symbol"});
    c_barcode_ = c.find({"Tumor_Sample_Barcode"});
    c_class_ = c.find({"Variant_Classification"});
    c_chrom_ = c.find({"Chromosome"});
    c_start_ = c.find({"Start_Position"});
    std::vector<std::string> absent;
    for (auto [idx, name] : {std::pair{c_gene_, "Hugo_Symbol"},
                             {c_barcode_, "Tumor_Sample_Barcode"},
                             {c_class_, "Variant_Classification"},
                             {c_chrom_, "Chromosome"},
                             {c_start_, "Start_Position"}})
      if (idx < 0) absent.push_back(name);
    if (!absent.empty()) {
      std::string missing_list;
      for (const auto& a : absent) missing_list += (missing_list.empty() ? "" : ", ") + a;
      throw InputError(where(path_, header_line_) + ": not a usable MAF: missing column(s) " + missing_list +
                       " (columns are: " + c.list() + ")");
    }
    c_build_ = c.find({"NCBI_Build"});
    c_ref_ = c.find({"Reference_Allele"});
    c_allele1_ = c.find({"Tumor_Seq_Allele1"});
    c_allele2_ = c.find({"Tumor_Seq_Allele2"});
    c_consequence_ = c.find({"Consequence"});
    c_hgvsp_ = c.find({"HGVSp"});
    c_hgvsp_short_ = c.find({"HGVSp_Short"});
    c_protein_change_ = c.find({"Protein_Change", "Amino_Acid_Change"});
    c_transcript_ = c.find({"Transcript_ID", "Annotation_Transcript", "i_transcript_name"});
    c_depth_ = c.find({"t_depth"});
    c_ref_count_ = c.find({"t_ref_count"});
    c_alt_count_ = c.find({"t_alt_count"});
    c_tumor_f_ = c.find({"tumor_f"});
    c_filter_ = c.find({"FILTER"});
    c_sample_name_ = c.find({"vcf_tumor_sample"});
    for (size_t i = 0; i < c.header().size(); ++i)
      if (is_population_af_field(c.header()[i], AfNaming::Vep)) c_pop_af_.push_back(static_cast<int>(i));
  }

  void read_row(std::vector<std::string> f, long line) {
    if (f.size() > header_size_) {
      // Empty trailing fields are harmless (spreadsheet exports); anything else is a damaged row.
      for (size_t i = header_size_; i < f.size(); ++i)
        if (!f[i].empty())
          throw InputError(where(path_, line) + ": the row has " + std::to_string(f.size()) +
                           " fields but the header has " + std::to_string(header_size_));
    }
    f.resize(std::max(f.size(), header_size_));
    auto at = [&](int c) -> const std::string& {
      static const std::string empty;
      return c < 0 ? empty : f[c];
    };
    const std::string& barcode = at(c_barcode_);
    if (barcode.empty()) throw InputError(where(path_, line) + ": empty Tumor_Sample_Barcode");
    auto start = parse_long(at(c_start_));
    if (!start || *start < 1)
      throw InputError(where(path_, line) + ": Start_Position '" + at(c_start_) + "' is not a position");
    if (c_build_ >= 0 && !missing(at(c_build_))) {
      auto b = build_from_text(at(c_build_));
      if (!b)
        throw InputError(where(path_, line) + ": NCBI_Build '" + at(c_build_) +
                         "' is neither GRCh37 (37, hg19) nor GRCh38 (38, hg38)");
      if (!row_build_) row_build_line_ = line;
      if (row_build_ && *row_build_ != *b)
        throw InputError(where(path_, line) + ": NCBI_Build " + to_string(*b) + " but line " +
                         std::to_string(row_build_line_) + " says " + to_string(*row_build_) +
                         "; split the MAF by build");
      row_build_ = b;
    }
    const std::string& filter = at(c_filter_);
    const bool pass = c_filter_ < 0 || filter.empty() || filter == "PASS" || filter == ".";
    auto& counts = barcode_rows_[barcode];
    ++counts.first;
    if (pass) ++counts.second;
    if (first_seen_.emplace(barcode, first_seen_.size()).second) barcode_order_.push_back(barcode);

    // Numbers are checked on every row, so a damaged file fails whatever genes it holds.
    const double depth_col = number(at(c_depth_), "t_depth", line);
    const double ref_count = number(at(c_ref_count_), "t_ref_count", line);
    const double alt_count = number(at(c_alt_count_), "t_alt_count", line);
    const double tumor_f = number(at(c_tumor_f_), "tumor_f", line);
    if (!std::isnan(tumor_f) && tumor_f > 1)
      throw InputError(where(path_, line) + ": tumor_f '" + at(c_tumor_f_) + "' is not a fraction");
    if (!std::isnan(alt_count) && !std::isnan(depth_col) && alt_count > depth_col)
      throw InputError(where(path_, line) + ": t_alt_count " + at(c_alt_count_) + " exceeds t_depth " +
                       at(c_depth_));

    const std::string& gene = at(c_gene_);
    if (!genes_.count(gene)) return;

    Row r;
    r.line = line;
    r.barcode = barcode;
    r.pass = pass;
    Call& c = r.call;
    c.sample = c_sample_name_ >= 0 && !missing(at(c_sample_name_)) ? at(c_sample_name_) : barcode;
    c.chrom = at(c_chrom_);
    c.pos = *start;
    c.ref = c_ref_ >= 0 && !at(c_ref_).empty() ? at(c_ref_) : "NA";
    const std::string& a2 = at(c_allele2_);
    const std::string& a1 = at(c_allele1_);
    if (!a2.empty() && a2 != c.ref)
      c.alt = a2;
    else if (!a1.empty() && a1 != c.ref)
      c.alt = a1;
    else
      c.alt = a2.empty() ? "NA" : a2;
    // Alleles are bases, '-' or NA; anything else (a stray CR, spaces) is a damaged row, not a variant.
    for (const std::string* allele : {&c.ref, &c.alt}) {
      if (*allele == "NA" || *allele == "-") continue;
      for (char ch : *allele)
        if (!std::isalpha(static_cast<unsigned char>(ch)) && ch != '*')
          throw InputError(where(path_, line) + ": allele '" + *allele + "' is not a DNA allele");
    }
    c.gene = gene;
    c.transcript = missing(at(c_transcript_)) ? "" : at(c_transcript_);
    // HGVSp may carry a protein prefix ("ENSP00000263967.3:p.His1047Arg"): the transcript column names the feature.
    std::string hgvsp;
    for (int col : {c_hgvsp_, c_hgvsp_short_, c_protein_change_})
      if (!missing(at(col))) {
        hgvsp = at(col);
        break;
      }
    if (auto k = hgvsp.find(":p."); k != std::string::npos) hgvsp = hgvsp.substr(k + 1);
    c.hgvsp = hgvsp;
    c.protein_change = short_protein_change(!missing(at(c_hgvsp_short_)) ? at(c_hgvsp_short_) : hgvsp);

    // Consequence: VEP's SO terms when the MAF carries them, else Variant_Classification.
    std::vector<std::string> terms;
    if (!missing(at(c_consequence_))) {
      terms = split_terms(at(c_consequence_));
      for (const auto& t : terms)
        if (so_rank(t) >= kUnknownSoRank) terms.clear();
    }
    if (terms.empty()) terms = maf_classification_to_so(at(c_class_));
    r.terms = terms;

    c.depth = depth_col;
    if (std::isnan(c.depth) && !std::isnan(ref_count) && !std::isnan(alt_count)) c.depth = ref_count + alt_count;
    c.alt_depth = alt_count;
    // tumor_f is the caller's own estimate (MuTect's, carried by Oncotator/Funcotator), preferred as AF is in VCFs.
    c.vaf = tumor_f;
    if (std::isnan(c.vaf) && !std::isnan(c.depth) && !std::isnan(c.alt_depth) && c.depth > 0)
      c.vaf = c.alt_depth / c.depth;
    for (int col : c_pop_af_) {
      double v = max_numeric_value(at(col));
      if (!std::isnan(v) && (std::isnan(c.pop_af) || v > c.pop_af)) c.pop_af = v;
    }
    c.filter = c_filter_ < 0 || filter.empty() ? "." : filter;
    c.source_file = path_;
    c.annotation = "maf";
    c.transcript_choice = "maf";
    rows_.push_back(std::move(r));
  }

  double number(const std::string& v, const char* column, long line) const {
    if (missing(v)) return std::nan("");
    auto d = parse_double(v);
    if (!d || !std::isfinite(*d) || *d < 0)
      throw InputError(where(path_, line) + ": " + column + " '" + v + "' is not a non-negative number");
    return *d;
  }

  Build decide_build(const std::vector<std::string>& comments) const {
    std::optional<Build> wanted;
    if (opt_.build != "auto") {
      wanted = parse_build(opt_.build);
      if (!wanted) throw UsageError("--build must be auto, GRCh37 or GRCh38, not '" + opt_.build + "'");
    }
    std::optional<Build> found = row_build_ ? row_build_ : build_from_comments(comments);
    if (wanted) {
      if (row_build_ && *row_build_ != *wanted)
        throw ConflictError(path_ + ": --build " + to_string(*wanted) + " given, but NCBI_Build says " +
                            to_string(*row_build_));
      return *wanted;
    }
    if (!found)
      throw InputError(path_ +
                       ": cannot tell the genome build (no NCBI_Build column value or '#' line naming "
                       "GRCh37/hg19 or GRCh38/hg38); give --build GRCh37 or --build GRCh38");
    return *found;
  }

  std::string patient_of(const std::string& barcode) const {
    auto it = mopt_.barcode_to_patient.find(barcode);
    if (it != mopt_.barcode_to_patient.end()) return it->second;
    return tcga_ ? barcode.substr(0, 12) : barcode;
  }

  ScanResult finish() {
    tcga_ = false;
    bool any_unmapped = false, all_tcga = true;
    for (const auto& b : barcode_order_) {
      if (mopt_.barcode_to_patient.count(b)) continue;
      any_unmapped = true;
      all_tcga = all_tcga && looks_tcga(b);
    }
    tcga_ = any_unmapped && all_tcga;

    std::map<std::string, InputSummary> by_patient;
    std::map<std::string, std::vector<std::string>> barcodes_of;
    auto summary = [&](const std::string& patient) -> InputSummary& {
      auto [it, fresh] = by_patient.try_emplace(patient);
      if (fresh) {
        it->second.patient_id = patient;
        it->second.file = path_;
        it->second.build = to_string(build_);
        it->second.annotation = "maf";
        it->second.tumor_sample = "NA";
      }
      return it->second;
    };
    for (const auto& b : barcode_order_) {
      const std::string p = patient_of(b);
      InputSummary& s = summary(p);
      s.records += barcode_rows_[b].first;
      s.records_passing += barcode_rows_[b].second;
      barcodes_of[p].push_back(b);
    }
    for (const auto& p : mopt_.declared_patients) summary(p);
    for (auto& [p, list] : barcodes_of) {
      std::sort(list.begin(), list.end());
      by_patient[p].tumor_sample = join_terms(list, ",");
    }

    ScanResult out;
    for (auto& r : rows_) {
      Call& c = r.call;
      c.patient_id = patient_of(r.barcode);
      c.build = to_string(build_);
      if (c.transcript.empty()) {
        auto o = opt_.transcripts.find(c.gene);
        const Gene* g = ref_.gene(build_, c.gene);
        // Only a fallback for MAFs without a transcript column: the row was annotated on some transcript.
        if (o != opt_.transcripts.end())
          c.transcript = o->second;
        else if (g)
          c.transcript = g->canonical_transcript;
      }
      const Hotspot* genomic = maf_hotspot(ref_, build_, c.chrom, c.pos, c.ref, c.alt);
      if (genomic && genomic->gene != c.gene) genomic = nullptr;
      if (genomic) {
        if (r.terms.empty()) r.terms = hotspot_terms(*genomic);
        if (c.protein_change.empty()) {  // reduced MAFs (PCGR, maftools) carry no protein change
          c.protein_change = genomic->protein_change;
          if (c.hgvsp.empty()) c.hgvsp = "p." + genomic->protein_change;
        }
      }
      c.consequence = join_terms(r.terms, "&");
      const bool hotspot =
          genomic || (is_protein_changing(r.terms) && is_hotspot_residue(ref_, build_, c.gene, c.protein_change));
      decide(c, r.terms, hotspot, r.pass);
      by_patient[c.patient_id].alterations_counted += c.counted ? 1 : 0;
      out.calls.push_back(std::move(c));
    }
    for (auto& [p, s] : by_patient) out.inputs.push_back(std::move(s));
    return out;
  }

  void decide(Call& c, const std::vector<std::string>& terms, bool hotspot, bool pass) const {
    apply_policy(c, terms, hotspot, pass, false, opt_, ref_);
  }

  const std::string path_;
  const Reference& ref_;
  const ScanOptions& opt_;
  const MafOptions& mopt_;
  const std::string* text_;
  std::set<std::string> genes_;
  long header_line_ = 0;
  size_t header_size_ = 0;
  int c_gene_ = -1, c_barcode_ = -1, c_class_ = -1, c_chrom_ = -1, c_start_ = -1, c_build_ = -1, c_ref_ = -1,
      c_allele1_ = -1, c_allele2_ = -1, c_consequence_ = -1, c_hgvsp_ = -1, c_hgvsp_short_ = -1, c_protein_change_ = -1,
      c_transcript_ = -1, c_depth_ = -1, c_ref_count_ = -1, c_alt_count_ = -1, c_tumor_f_ = -1, c_filter_ = -1,
      c_sample_name_ = -1;
  std::vector<int> c_pop_af_;
  std::optional<Build> row_build_;
  long row_build_line_ = 0;
  Build build_ = Build::GRCh37;
  bool tcga_ = false;
  std::map<std::string, std::pair<long, long>> barcode_rows_;  // rows, rows passing FILTER
  std::map<std::string, size_t> first_seen_;
  std::vector<std::string> barcode_order_;
  std::vector<Row> rows_;
};

}  // namespace

bool looks_like_maf(const std::string& path) {
  try {
    LineReader in(path);
    std::string line;
    while (in.next(line)) {
      if (is_blank(line) || line[0] == '#') continue;
      return is_maf_header(split_tabs(line));
    }
  } catch (const Error&) {
  }
  return false;
}

ScanResult scan_maf(const std::string& path, const Reference& ref, const ScanOptions& opt, const MafOptions& mopt) {
  MafScanner scanner(path, ref, opt, mopt);
  return scanner.run();
}

ScanResult scan_maf_text(const std::string& text, const std::string& path, const Reference& ref,
                         const ScanOptions& opt, const MafOptions& mopt) {
  MafScanner scanner(path, ref, opt, mopt, &text);
  return scanner.run();
}

std::vector<std::string> maf_classification_to_so(const std::string& variant_classification) {
  // MAF 2.4 / GDC / vcf2maf values, Oncotator's extra ones and Funcotator's spellings; keys upper-cased.
  static const std::map<std::string, std::vector<std::string>> kMap = {
      {"MISSENSE_MUTATION", {"missense_variant"}},
      {"NONSENSE_MUTATION", {"stop_gained"}},
      {"NONSTOP_MUTATION", {"stop_lost"}},
      {"FRAME_SHIFT_DEL", {"frameshift_variant"}},
      {"FRAME_SHIFT_INS", {"frameshift_variant"}},
      {"IN_FRAME_DEL", {"inframe_deletion"}},
      {"IN_FRAME_INS", {"inframe_insertion"}},
      {"SPLICE_SITE", {"splice_site_variant"}},  // donor or acceptor, MAF does not say which
      {"TRANSLATION_START_SITE", {"start_lost"}},
      {"START_CODON_SNP", {"start_lost"}},  // Oncotator
      {"START_CODON_DEL", {"start_lost"}},
      {"START_CODON_INS", {"start_lost"}},
      {"STOP_CODON_DEL", {"stop_lost"}},  // Oncotator: the deletion removes the stop codon
      {"STOP_CODON_INS", {"stop_lost"}},
      {"SILENT", {"synonymous_variant"}},
      {"SPLICE_REGION", {"splice_region_variant"}},
      {"INTRON", {"intron_variant"}},
      {"3'UTR", {"3_prime_UTR_variant"}},
      {"5'UTR", {"5_prime_UTR_variant"}},
      {"3'FLANK", {"downstream_gene_variant"}},
      {"5'FLANK", {"upstream_gene_variant"}},
      {"IGR", {"intergenic_variant"}},
      {"RNA", {"non_coding_transcript_exon_variant"}},
      {"LINCRNA", {"non_coding_transcript_exon_variant"}},
      {"MIRNA", {"mature_miRNA_variant"}},
      {"DE_NOVO_START_INFRAME", {"5_prime_UTR_premature_start_codon_gain_variant"}},
      {"DE_NOVO_START_OUTOFFRAME", {"5_prime_UTR_premature_start_codon_gain_variant"}},
      {"DE_NOVO_START_IN_FRAME", {"5_prime_UTR_premature_start_codon_gain_variant"}},
      {"DE_NOVO_START_OUT_FRAME", {"5_prime_UTR_premature_start_codon_gain_variant"}},
      // vcf2maf's fallback when VEP gave no usable consequence: the SO root term, never counted.
      {"TARGETED_REGION", {"sequence_variant"}},
      {"UNKNOWN", {}},
  };
  std::string key(trim(variant_classification));
  if (key.empty()) return {};
  for (auto& ch : key) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  auto it = kMap.find(key);
  if (it != kMap.end()) return it->second;
  std::vector<std::string> funcotator = to_so_terms("funcotator", key);  // FIVE_PRIME_UTR, COULD_NOT_DETERMINE ...
  if (funcotator.size() != 1 || funcotator[0] != key) return funcotator;
  return {std::string(trim(variant_classification))};
}

namespace {

std::string variant_type(const std::string& ref, const std::string& alt) {
  const size_t r = ref == "-" ? 0 : ref.size(), a = alt == "-" ? 0 : alt.size();
  if (r == a) return r == 1 ? "SNP" : r == 2 ? "DNP" : r == 3 ? "TNP" : "ONP";
  return r < a ? "INS" : "DEL";
}

// MAF-style alleles as written: only End_Position and Variant_Type to add.
MafAllele maf_style(long long pos, const std::string& ref, const std::string& alt) {
  MafAllele m;
  m.start = pos;
  m.ref = ref.empty() ? "-" : ref;
  m.alt = alt.empty() ? "-" : alt;
  m.end = m.ref == "-" ? pos + 1 : pos + static_cast<long long>(m.ref.size()) - 1;
  m.variant_type = variant_type(m.ref, m.alt);
  return m;
}

}  // namespace

MafAllele vcf_to_maf_allele(long long pos, const std::string& ref, const std::string& alt) {
  if (ref == "-" || alt == "-") return maf_style(pos, ref, alt);
  // Strip the leading bases REF and ALT share (the VCF anchor base), as vcf2maf does; an insertion then sits
  // on the base before it (Start = that base, End = Start + 1).
  size_t k = 0;
  auto same = [](char a, char b) {
    return std::toupper(static_cast<unsigned char>(a)) == std::toupper(static_cast<unsigned char>(b));
  };
  while (k < ref.size() && k < alt.size() && same(ref[k], alt[k])) ++k;
  if (k == ref.size() && k == alt.size()) k = 0;  // REF == ALT: nothing to strip
  const std::string r = ref.substr(k), a = alt.substr(k);
  const long long start = r.empty() ? pos + static_cast<long long>(k) - 1 : pos + static_cast<long long>(k);
  return maf_style(start, r, a);
}

std::string so_to_maf_classification(const std::string& consequence, const std::string& variant_type) {
  const std::string t = most_severe(split_terms(consequence));
  const bool ins = variant_type == "INS", del = variant_type == "DEL";
  auto any = [&](std::initializer_list<const char*> names) {
    for (const char* n : names)
      if (t == n) return true;
    return false;
  };
  if (any({"transcript_ablation", "exon_loss_variant", "splice_acceptor_variant", "splice_donor_variant",
           "splice_site_variant"}))
    return "Splice_Site";
  if (t == "stop_gained") return "Nonsense_Mutation";
  if (t == "frameshift_variant") return ins ? "Frame_Shift_Ins" : "Frame_Shift_Del";
  if (t == "protein_altering_variant") {
    if (!ins && !del) return "Missense_Mutation";
    return ins ? "In_Frame_Ins" : "In_Frame_Del";
  }
  if (t == "stop_lost") return "Nonstop_Mutation";
  if (any({"start_lost", "initiator_codon_variant"})) return "Translation_Start_Site";
  if (any({"inframe_insertion", "conservative_inframe_insertion", "disruptive_inframe_insertion"}))
    return "In_Frame_Ins";
  if (any({"inframe_deletion", "conservative_inframe_deletion", "disruptive_inframe_deletion"})) return "In_Frame_Del";
  if (any({"missense_variant", "coding_sequence_variant", "rare_amino_acid_variant"})) return "Missense_Mutation";
  if (any({"transcript_amplification", "intron_variant", "conserved_intron_variant", "intragenic_variant"}))
    return "Intron";
  if (any({"splice_region_variant", "splice_donor_5th_base_variant", "splice_donor_region_variant",
           "splice_polypyrimidine_tract_variant"}))
    return "Splice_Region";
  if (any({"synonymous_variant", "stop_retained_variant", "start_retained_variant", "incomplete_terminal_codon_variant",
           "NMD_transcript_variant"}))
    return "Silent";
  if (any({"mature_miRNA_variant", "non_coding_transcript_exon_variant", "non_coding_transcript_variant"}))
    return "RNA";
  if (any({"5_prime_UTR_variant", "5_prime_UTR_premature_start_codon_gain_variant"})) return "5'UTR";
  if (t == "3_prime_UTR_variant") return "3'UTR";
  if (t == "upstream_gene_variant") return "5'Flank";
  if (t == "downstream_gene_variant") return "3'Flank";
  if (any({"intergenic_variant", "intergenic_region", "TF_binding_site_variant", "TFBS_ablation", "TFBS_amplification",
           "regulatory_region_variant", "regulatory_region_ablation", "regulatory_region_amplification"}))
    return "IGR";
  return "Targeted_Region";
}

const std::vector<std::string>& maf_columns() {
  // maftools::validateMaf finds its required columns by case-insensitive substring match, so no extra column
  // name may contain one of them (e.g. "Chromosome", "Tumor_Sample_Barcode").
  // clang-format off
  static const std::vector<std::string> cols = {
      "Hugo_Symbol", "Entrez_Gene_Id", "Center", "NCBI_Build", "Chromosome", "Start_Position", "End_Position",
      "Strand", "Variant_Classification", "Variant_Type", "Reference_Allele", "Tumor_Seq_Allele1",
      "Tumor_Seq_Allele2", "Tumor_Sample_Barcode", "HGVSp_Short", "HGVSp", "Transcript_ID", "Consequence",
      "t_depth", "t_ref_count", "t_alt_count", "tumor_f", "MAX_AF", "FILTER", "vcf_tumor_sample", "alteration_class"};
  // clang-format on
  return cols;
}

void write_maf(std::ostream& os, const std::vector<Call>& calls) {
  os << "#version 2.4\n";
  write_tsv_row(os, maf_columns());
  auto num = [](double x) { return std::isnan(x) ? std::string() : format_double(x); };
  for (const auto& c : calls) {
    if (!c.counted) continue;
    const MafAllele m = c.annotation == "maf" ? maf_style(c.pos, c.ref, c.alt) : vcf_to_maf_allele(c.pos, c.ref, c.alt);
    const double ref_count = std::isnan(c.depth) || std::isnan(c.alt_depth) ? std::nan("") : c.depth - c.alt_depth;
    std::string consequence = c.consequence == "unknown" ? "" : c.consequence;
    std::replace(consequence.begin(), consequence.end(), '&', ',');  // vcf2maf/GDC join with ','
    write_tsv_row(os, {c.gene,
                       "0",
                       ".",
                       c.build,
                       c.chrom,
                       std::to_string(m.start),
                       std::to_string(m.end),
                       "+",
                       so_to_maf_classification(c.consequence, m.variant_type),
                       m.variant_type,
                       m.ref,
                       m.ref,
                       m.alt,
                       c.patient_id,
                       c.protein_change.empty() ? "" : "p." + c.protein_change,
                       c.hgvsp,
                       c.transcript,
                       consequence,
                       num(c.depth),
                       num(ref_count),
                       num(c.alt_depth),
                       num(c.vaf),
                       num(c.pop_af),
                       c.filter.empty() ? "." : c.filter,
                       c.sample,
                       c.alteration_class});
  }
}

}  // namespace pathcorr
