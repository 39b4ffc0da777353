// MAF input (see maf_reader.h). The file is streamed line by line (cohort MAFs reach gigabytes), only rows of
// the gene set are kept, and patients are assigned after the whole file is read (the TCGA barcode rule needs
// every barcode).
#include "pipeline/input/maf_reader.h"

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
#include "annotators/maf_vocabulary.h"
#include "pipeline/base/errors.h"
#include "pipeline/base/population_af.h"
#include "pipeline/base/protein.h"
#include "pipeline/io/table_io.h"

namespace pathcorr {

namespace {

std::string lower_copy(std::string_view s) { return to_lower(s); }

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

// "", "NA", ".", "[Not Available]", "__UNKNOWN__", "-" ...
bool missing(const std::string& v) { return is_missing_value(v, MissingValues::Maf); }

// The MAF's table rules: '#version' and tool comments before the header; writers drop trailing empty fields.
TableOptions maf_table_options() {
  TableOptions o;
  o.delimiter = Delimiter::Tab;
  o.comments = true;
  o.pad_short_rows = true;
  return o;
}

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

class MafReader {
 public:
  MafReader(const std::string& path, const Reference& ref, const std::string& build, const MafOptions& mopt)
      : path_(path), ref_(ref), build_request_(build), patients_(mopt) {}

  TableRecords run() {
    bool started = false;
    const RowHandler on_row = [&](const TextTable& table, std::vector<std::string>& fields, long line) {
      if (!started) start(table);
      started = true;
      read_row(std::move(fields), line);
    };
    const TextTable table = read_table_rows(path_, on_row, maf_table_options());
    if (!started) start(table);
    std::vector<std::string> comments;
    for (const std::string& c : table.comments) comments.push_back("#" + c);
    build_ = decide_build(comments);
    return finish();
  }

 private:
  // The header is known: columns and the gene set.
  void start(const TextTable& table) {
    header_line_ = table.header_line;
    find_columns(Columns(table.header));
    for (const auto& g : ref_.feature_genes()) genes_.insert(g);
  }

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
    patients_.count_row(barcode, pass);

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

    AlleleRecord c;
    c.patient_id = barcode;  // mapped to its patient once every barcode is known
    c.pass = pass;
    c.style = AlleleStyle::Maf;
    c.source = EffectSource::Stated;
    c.annotation = "maf";
    TranscriptEffect& e = c.effects.emplace_back();
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
    e.gene = gene;
    e.transcript = missing(at(c_transcript_)) ? "" : at(c_transcript_);
    // HGVSp may carry a protein prefix ("ENSP00000263967.3:p.His1047Arg"): the transcript column names the feature.
    std::string hgvsp;
    for (int col : {c_hgvsp_, c_hgvsp_short_, c_protein_change_})
      if (!missing(at(col))) {
        hgvsp = at(col);
        break;
      }
    if (auto k = hgvsp.find(":p."); k != std::string::npos) hgvsp = hgvsp.substr(k + 1);
    e.hgvsp = hgvsp;
    e.hgvsp_short = short_protein_change(!missing(at(c_hgvsp_short_)) ? at(c_hgvsp_short_) : hgvsp);

    // Consequence: VEP's SO terms when the MAF carries them, else Variant_Classification.
    std::vector<std::string> terms;
    if (!missing(at(c_consequence_))) {
      terms = split_consequence_terms(at(c_consequence_));
      if (std::any_of(terms.begin(), terms.end(), [](const std::string& t) { return so_rank(t) >= kUnknownSoRank; }))
        terms.clear();
    }
    if (terms.empty()) terms = maf_classification_to_so(at(c_class_));
    e.so_terms = terms;

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
    records_.push_back(std::move(c));
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
    if (build_request_ != "auto") {
      wanted = parse_build(build_request_);
      if (!wanted) throw UsageError("--build must be auto, GRCh37 or GRCh38, not '" + build_request_ + "'");
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

  TableRecords finish() {
    patients_.finish();
    TableRecords out;
    out.build = build_;
    out.inputs = patients_.summaries(path_, to_string(build_), "maf");
    for (AlleleRecord& r : records_) r.patient_id = patients_.patient_of(r.patient_id);
    out.records = std::move(records_);
    return out;
  }

  const std::string path_;
  const Reference& ref_;
  const std::string build_request_;
  BarcodePatients patients_;
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
  std::vector<AlleleRecord> records_;
};

}  // namespace

TableRecords read_maf(const std::string& path, const Reference& ref, const std::string& build,
                      const MafOptions& mopt) {
  MafReader reader(path, ref, build, mopt);
  return reader.run();
}

void BarcodePatients::count_row(const std::string& barcode, bool pass) {
  auto [it, fresh] = rows_.try_emplace(barcode, 0, 0);
  if (fresh) order_.push_back(barcode);
  ++it->second.first;
  if (pass) ++it->second.second;
}

void BarcodePatients::finish() {
  bool any_unmapped = false, all_tcga = true;
  for (const auto& b : order_) {
    if (mopt_.barcode_to_patient.count(b)) continue;
    any_unmapped = true;
    all_tcga = all_tcga && looks_tcga(b);
  }
  tcga_ = any_unmapped && all_tcga;
}

std::string BarcodePatients::patient_of(const std::string& barcode) const {
  auto it = mopt_.barcode_to_patient.find(barcode);
  if (it != mopt_.barcode_to_patient.end()) return it->second;
  return tcga_ ? barcode.substr(0, 12) : barcode;
}

std::vector<InputSummary> BarcodePatients::summaries(const std::string& path, const std::string& build,
                                                     const std::string& annotation) const {
  std::map<std::string, InputSummary> by_patient;
  std::map<std::string, std::vector<std::string>> barcodes_of;
  auto summary = [&](const std::string& patient) -> InputSummary& {
    auto [it, fresh] = by_patient.try_emplace(patient);
    if (fresh) {
      it->second.patient_id = patient;
      it->second.file = path;
      it->second.build = build;
      it->second.annotation = annotation;
      it->second.tumor_sample = "NA";
    }
    return it->second;
  };
  for (const auto& b : order_) {
    const std::string p = patient_of(b);
    InputSummary& s = summary(p);
    s.records += rows_.at(b).first;
    s.records_passing += rows_.at(b).second;
    barcodes_of[p].push_back(b);
  }
  for (const auto& p : mopt_.declared_patients) summary(p);
  for (auto& [p, list] : barcodes_of) {
    std::sort(list.begin(), list.end());
    std::string joined;
    for (const auto& b : list) joined += (joined.empty() ? "" : ",") + b;
    by_patient[p].tumor_sample = joined;
  }
  std::vector<InputSummary> out;
  for (auto& [p, s] : by_patient) out.push_back(std::move(s));
  return out;
}

}  // namespace pathcorr
