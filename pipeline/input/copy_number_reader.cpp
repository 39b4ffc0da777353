// The copy-number readers (see copy_number_reader.h): one function per format family over the shared table
// parser, with one row-to-segment rule (numbers, start <= end, messages "file:line: ...") for all of them.
#include "pipeline/input/copy_number_reader.h"

#include <filesystem>
#include <unordered_map>

#include "pipeline/base/errors.h"
#include "pipeline/base/text.h"
#include "pipeline/io/table_io.h"

namespace pathcorr {

namespace {

TableOptions tab_options() {
  TableOptions o;
  o.delimiter = Delimiter::Tab;
  return o;
}

double cn_number(const std::string& text, const std::string& path, long line, const std::string& what) {
  const std::optional<double> v = parse_double(text);
  if (!v || std::isnan(*v))
    throw InputError(where(path, line) + ": " + what + " '" + text + "' is not a number; fix or remove the row");
  return *v;
}

long long cn_position(const std::string& text, const std::string& path, long line, const std::string& what) {
  const std::optional<long> v = parse_long(text);
  if (!v)
    throw InputError(where(path, line) + ": " + what + " '" + text +
                     "' is not a whole number; fix or remove the row");
  return *v;
}

// The one row-to-segment rule. start_offset is 1 for 0-based starts (CNVkit, BED-like), 0 for 1-based ones.
CnSegment make_segment(const std::string& path, long line, const std::string& chrom, const std::string& start,
                       const std::string& end, double value, int start_offset) {
  CnSegment s;
  s.chrom = chrom;
  s.start = cn_position(start, path, line, "start") + start_offset;
  s.end = cn_position(end, path, line, "end");
  s.value = value;
  s.line = line;
  if (s.start > s.end)
    throw InputError(where(path, line) + ": segment start " + start + " is after its end " + end +
                     "; fix or remove the row");
  return s;
}

// The entry of sample `name`, created at its first appearance so samples keep file order.
class SampleIndex {
 public:
  explicit SampleIndex(CopyNumberFile& file) : file_(file) {}
  CnSample& operator[](const std::string& name) {
    auto it = index_.find(name);
    if (it != index_.end()) return file_.samples[it->second];
    index_.emplace(name, file_.samples.size());
    file_.samples.push_back(CnSample{name, {}, {}, {}});
    return file_.samples.back();
  }

 private:
  CopyNumberFile& file_;
  std::unordered_map<std::string, size_t> index_;
};

CopyNumberFile new_file(const std::string& path, InputFormat format, CnScale scale) {
  CopyNumberFile f;
  f.path = path;
  f.format = format;
  f.scale = scale;
  f.build = build_from_text(std::filesystem::path(path).filename().string());
  return f;
}

// "23"/"24" (DNAcopy, GISTIC) are X and Y.
std::string seg_chrom(const std::string& chrom) {
  const std::string c = canonical_chrom(chrom);
  if (c == "23") return "X";
  if (c == "24") return "Y";
  return chrom;
}

// The value of `column` in the first row of a one-row table (PURPLE purity.tsv).
double first_row_value(const TextTable& t, const std::string& column) {
  const int c = t.require_column(column);
  if (t.rows.empty()) throw InputError(t.path + ": no data row; expected one row with " + column);
  return cn_number(t.rows[0][c], t.path, t.line_numbers[0], column);
}

// The value of tag `tag` ("SM") in a SAM header line ("@RG\tID:x\tSM:name").
std::optional<std::string> sam_tag(const std::string& line, const std::string& tag) {
  const std::string key = "\t" + tag + ":";
  const size_t at = line.find(key);
  if (at == std::string::npos) return std::nullopt;
  const size_t begin = at + key.size();
  return line.substr(begin, line.find('\t', begin) - begin);
}

// The segments of a one-sample table by column index (CNVkit without its skip rule, GATK, PURPLE).
void append_segments(const TextTable& t, int chrom, int start, int end, int value, int start_offset,
                     CnSample& sample) {
  for (size_t i = 0; i < t.rows.size(); ++i) {
    const auto& r = t.rows[i];
    const long line = t.line_numbers[i];
    sample.segments.push_back(make_segment(t.path, line, r[chrom], r[start], r[end],
                                           cn_number(r[value], t.path, line, t.header[value]), start_offset));
  }
}

const std::string kPurpleSuffix = ".purple.cnv.somatic.tsv";

}  // namespace

CopyNumberFile read_cnvkit(const std::string& path) {
  const TextTable t = read_table(path, tab_options());
  const int chrom = t.require_column("chromosome"), start = t.require_column("start"), end = t.require_column("end");
  const int cn = t.column("cn");
  const int value = cn >= 0 ? cn : t.require_column("log2");
  const int probes = t.column("probes");
  CopyNumberFile f = new_file(path, InputFormat::CnvkitSegments, cn >= 0 ? CnScale::Absolute : CnScale::Log2);
  CnSample& sample = SampleIndex(f)[""];
  for (size_t i = 0; i < t.rows.size(); ++i) {
    const auto& r = t.rows[i];
    const long line = t.line_numbers[i];
    if (probes >= 0 && r[probes] == "0" &&
        cn_position(r[start], path, line, "start") >= cn_position(r[end], path, line, "end")) {
      f.skipped_lines.push_back(line);
      continue;
    }
    sample.segments.push_back(make_segment(path, line, r[chrom], r[start], r[end],
                                           cn_number(r[value], path, line, t.header[value]), 1));
  }
  return f;
}

CopyNumberFile read_gatk_seg(const std::string& path) {
  const PreambleTable p = read_table_after_preamble(path, tab_options());
  const TextTable& t = p.table;
  CopyNumberFile f = new_file(path, InputFormat::GatkSegments, CnScale::Log2);
  std::string sample_name;
  for (const std::string& line : p.preamble) {
    if (line.rfind("@RG", 0) == 0 && sam_tag(line, "SM")) sample_name = *sam_tag(line, "SM");
    if (line.rfind("@SQ", 0) == 0 && sam_tag(line, "AS") && !f.build) f.build = build_from_text(*sam_tag(line, "AS"));
  }
  const int chrom = t.require_column("CONTIG"), start = t.require_column("START"), end = t.require_column("END");
  int value = t.column("MEAN_LOG2_COPY_RATIO");
  if (value < 0) value = t.column("LOG2_COPY_RATIO_POSTERIOR_50");
  if (value < 0)
    throw InputError(where(path, t.header_line) +
                     ": missing column MEAN_LOG2_COPY_RATIO or LOG2_COPY_RATIO_POSTERIOR_50 (columns are: " +
                     t.column_list() + ")");
  append_segments(t, chrom, start, end, value, 0, SampleIndex(f)[sample_name]);
  return f;
}

CopyNumberFile read_dnacopy_seg(const std::string& path) {
  const TextTable t = read_table_after_preamble(path, tab_options()).table;
  if (t.header.size() < 5)
    throw InputError(where(path, t.header_line) + ": a SEG file needs sample, chromosome, start, end and a value "
                     "column (columns are: " + t.column_list() + ")");
  const size_t value = t.header.size() - 1;
  CopyNumberFile f = new_file(path, InputFormat::DnacopySeg, CnScale::Log2);
  SampleIndex samples(f);
  for (size_t i = 0; i < t.rows.size(); ++i) {
    const auto& r = t.rows[i];
    const long line = t.line_numbers[i];
    samples[r[0]].segments.push_back(make_segment(path, line, seg_chrom(r[1]), r[2], r[3],
                                                  cn_number(r[value], path, line, t.header[value]), 0));
  }
  return f;
}

CopyNumberFile read_purple(const std::string& path) {
  const TextTable t = read_table(path, tab_options());
  const int chrom = t.require_column("chromosome"), start = t.require_column("start"), end = t.require_column("end");
  const int value = t.require_column("copyNumber");
  CopyNumberFile f = new_file(path, InputFormat::PurpleCopyNumber, CnScale::Absolute);
  append_segments(t, chrom, start, end, value, 0, SampleIndex(f)[""]);
  if (path.size() > kPurpleSuffix.size() &&
      path.compare(path.size() - kPurpleSuffix.size(), kPurpleSuffix.size(), kPurpleSuffix) == 0) {
    const std::string purity_path = path.substr(0, path.size() - kPurpleSuffix.size()) + ".purple.purity.tsv";
    if (std::filesystem::exists(purity_path)) {
      const TextTable purity = read_table(purity_path, tab_options());
      f.purity = first_row_value(purity, "purity");
      f.ploidy = first_row_value(purity, "ploidy");
    }
  }
  return f;
}

CopyNumberFile read_allele_specific(const std::string& path) {
  const TextTable t = read_table(path, tab_options());
  const bool ascat = t.column("startpos") >= 0;
  const int chrom = t.require_column(ascat ? "chr" : "Chromosome");
  const int start = t.require_column(ascat ? "startpos" : "Start"), end = t.require_column(ascat ? "endpos" : "End");
  const int major = t.require_column("nMajor"), minor = t.require_column("nMinor");
  const int sample_col = ascat ? t.require_column("sample") : -1;
  CopyNumberFile f = new_file(path, InputFormat::AlleleSpecificSegments, CnScale::Absolute);
  SampleIndex samples(f);
  for (size_t i = 0; i < t.rows.size(); ++i) {
    const auto& r = t.rows[i];
    const long line = t.line_numbers[i];
    const double total = cn_number(r[major], path, line, "nMajor") + cn_number(r[minor], path, line, "nMinor");
    samples[sample_col >= 0 ? r[sample_col] : ""].segments.push_back(
        make_segment(path, line, r[chrom], r[start], r[end], total, 0));
  }
  return f;
}

CopyNumberFile read_discrete_cna_table(const std::string& path) {
  const TextTable t = read_table(path, tab_options());
  CopyNumberFile f = new_file(path, InputFormat::DiscreteCnaTable, CnScale::Discrete);
  SampleIndex samples(f);
  std::vector<size_t> sample_columns;
  for (size_t c = 1; c < t.header.size(); ++c) {
    const std::string name = to_lower(t.header[c]);
    if (name != "entrez_gene_id" && name != "locus id" && name != "cytoband") sample_columns.push_back(c);
  }
  for (size_t c : sample_columns) samples[t.header[c]];  // every sample, even one with only NA cells
  for (size_t i = 0; i < t.rows.size(); ++i) {
    const auto& r = t.rows[i];
    const long line = t.line_numbers[i];
    const std::string& gene = r[0];
    if (gene.empty()) throw InputError(where(path, line) + ": empty gene symbol; fix or remove the row");
    for (size_t c : sample_columns) {
      if (is_missing_value(r[c])) continue;
      const double v = cn_number(r[c], path, line, "value");
      if (v < -2 || v > 2)
        throw InputError(where(path, line) + ": value " + r[c] + " of " + t.header[c] +
                         " is outside the discrete range -2..2");
      CnSample& s = samples[t.header[c]];
      auto it = s.gene_values.find(gene);
      if (it == s.gene_values.end() || v < it->second) {
        s.gene_values[gene] = v;
        s.gene_lines[gene] = line;
      }
    }
  }
  return f;
}

CopyNumberFile read_copy_number(const std::string& path) {
  const DetectedFormat d = detect_format(path);
  switch (d.format) {
    case InputFormat::CnvkitSegments: return read_cnvkit(path);
    case InputFormat::GatkSegments: return read_gatk_seg(path);
    case InputFormat::DnacopySeg: return read_dnacopy_seg(path);
    case InputFormat::PurpleCopyNumber: return read_purple(path);
    case InputFormat::AlleleSpecificSegments: return read_allele_specific(path);
    case InputFormat::DiscreteCnaTable: return read_discrete_cna_table(path);
    default: break;
  }
  throw InputError(path + ": not a copy-number file pathcorr reads (" +
                   (d.format == InputFormat::Unknown ? d.reason : std::string(to_string(d.format))) +
                   "); copy-number inputs are CNVkit .cns, GATK/DNAcopy .seg, PURPLE, ASCAT/PCGR or data_CNA tables");
}

}  // namespace pathcorr
