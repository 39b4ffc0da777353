// Format detection (see detect.h): htslib for VCF/BCF, then one header test per table format.
#include "pipeline/io/detect.h"

#include <htslib/hts.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include "pipeline/base/errors.h"
#include "pipeline/base/text.h"
#include "pipeline/io/table_io.h"
#include "pipeline/io/text_reader.h"

namespace pathcorr {

namespace {

bool has_column(const std::vector<std::string>& columns, const char* name) {
  const std::string wanted = to_lower(name);
  for (const std::string& c : columns)
    if (to_lower(c) == wanted) return true;
  return false;
}

bool has_columns(const std::vector<std::string>& columns, std::initializer_list<const char*> names) {
  for (const char* n : names)
    if (!has_column(columns, n)) return false;
  return true;
}

// Whether column `i` exists and is (any case) one of `names`.
bool column_is(const std::vector<std::string>& columns, size_t i, std::initializer_list<const char*> names) {
  if (i >= columns.size()) return false;
  const std::string c = to_lower(columns[i]);
  for (const char* n : names)
    if (c == to_lower(n)) return true;
  return false;
}

// One table format recognised by its header (and the '@' lines before it); the order of the list is the order
// of the tests: ASCAT's six columns would also pass the SEG test, PURPLE's would pass none but its own.
struct Sniffer {
  InputFormat format;
  bool (*matches)(const std::vector<std::string>& header, const std::vector<std::string>& preamble);
};
const Sniffer kTableSniffers[] = {
    {InputFormat::Maf, [](const auto& h, const auto&) { return is_maf_header(h); }},
    {InputFormat::AnnovarTable, [](const auto& h, const auto&) { return is_annovar_table_header(h); }},
    {InputFormat::GatkSegments, is_gatk_seg_header},
    {InputFormat::CnvkitSegments, [](const auto& h, const auto&) { return is_cnvkit_header(h); }},
    {InputFormat::PurpleCopyNumber, [](const auto& h, const auto&) { return is_purple_cn_header(h); }},
    {InputFormat::AlleleSpecificSegments, [](const auto& h, const auto&) { return is_allele_specific_header(h); }},
    {InputFormat::DnacopySeg, [](const auto& h, const auto&) { return is_dnacopy_seg_header(h); }},
    {InputFormat::DiscreteCnaTable, [](const auto& h, const auto&) { return is_discrete_cna_header(h); }},
};

bool is_preamble_line(std::string_view line) {
  return (!line.empty() && line[0] == '@') || line.substr(0, 8) == "WARNING:";
}

// VCF or BCF by htslib's detection; nullopt-like Unknown with an empty reason when it is some other text.
DetectedFormat detect_hts(const std::string& path) {
  errno = 0;
  htsFile* f = hts_open(path.c_str(), "r");
  if (!f) return {InputFormat::Unknown, "cannot open: " + std::string(std::strerror(errno ? errno : EIO))};
  const htsExactFormat exact = hts_get_format(f)->format;
  hts_close(f);
  if (exact == vcf) return {InputFormat::Vcf, ""};
  if (exact == bcf) return {InputFormat::Bcf, ""};
  return {InputFormat::Unknown, ""};
}

}  // namespace

bool is_maf_header(const std::vector<std::string>& columns) {
  return has_column(columns, "Hugo_Symbol") && has_column(columns, "Tumor_Sample_Barcode");
}

bool is_annovar_table_header(const std::vector<std::string>& columns) {
  for (const char* c : {"Chr", "Start", "End", "Ref", "Alt"})
    if (!has_column(columns, c)) return false;
  for (const std::string& n : columns)
    if (n.size() > 5 && to_lower(n.substr(0, 5)) == "func.") return true;
  return false;
}

bool is_cnvkit_header(const std::vector<std::string>& columns) {
  return column_is(columns, 0, {"chromosome"}) && column_is(columns, 1, {"start"}) &&
         column_is(columns, 2, {"end"}) && has_column(columns, "log2");
}

bool is_gatk_seg_header(const std::vector<std::string>& columns, const std::vector<std::string>& preamble) {
  bool sam_header = false;
  for (const std::string& line : preamble)
    if (line.rfind("@HD", 0) == 0 || line.rfind("@SQ", 0) == 0) sam_header = true;
  return sam_header && column_is(columns, 0, {"CONTIG"}) && column_is(columns, 1, {"START"}) &&
         column_is(columns, 2, {"END"});
}

bool is_dnacopy_seg_header(const std::vector<std::string>& columns) {
  return columns.size() >= 6 &&
         column_is(columns, 0, {"ID", "Sample", "sampleName", "Sample_ID", "SampleID", "sample_name"}) &&
         column_is(columns, 1, {"chrom", "chromosome", "chr"}) &&
         column_is(columns, 2, {"loc.start", "start", "start.bp", "startpos"}) &&
         column_is(columns, 3, {"loc.end", "end", "end.bp", "endpos"});
}

bool is_purple_cn_header(const std::vector<std::string>& columns) {
  return column_is(columns, 0, {"chromosome"}) && column_is(columns, 1, {"start"}) &&
         column_is(columns, 2, {"end"}) && column_is(columns, 3, {"copyNumber"});
}

bool is_allele_specific_header(const std::vector<std::string>& columns) {
  return has_columns(columns, {"nMajor", "nMinor"}) &&
         (has_columns(columns, {"chr", "startpos", "endpos"}) || has_columns(columns, {"Chromosome", "Start", "End"}));
}

bool is_discrete_cna_header(const std::vector<std::string>& columns) {
  return (column_is(columns, 0, {"Hugo_Symbol"}) || column_is(columns, 0, {"Gene Symbol"})) &&
         !has_column(columns, "Tumor_Sample_Barcode");
}

PreambleTable read_table_after_preamble(const std::string& path, const TableOptions& options, bool header_only) {
  PreambleTable out;
  TextReader reader(path);
  std::string text;
  std::string_view line;
  bool header_seen = false;
  while (reader.next(line)) {
    const std::string_view t = trim(line);
    if (!header_seen && is_preamble_line(line)) {
      out.preamble.emplace_back(line);
      text += '\n';  // a blank line in its place keeps the physical line numbers
      continue;
    }
    text.append(line.data(), line.size());
    text += '\n';
    if (!header_seen && !t.empty() && !(options.comments && t[0] == '#')) {
      header_seen = true;
      if (header_only) break;
    }
  }
  out.table = parse_table(text, path, options);
  return out;
}

DetectedFormat detect_format(const std::string& path) {
  if (path == "-") return {InputFormat::Unknown, "standard input cannot be peeked at"};
  DetectedFormat hts = detect_hts(path);
  if (hts.format != InputFormat::Unknown || !hts.reason.empty()) return hts;
  TableOptions peek;
  peek.delimiter = Delimiter::Tab;
  std::vector<std::string> header, preamble;
  try {
    PreambleTable start = read_table_after_preamble(path, peek, true);
    header = std::move(start.table.header);
    preamble = std::move(start.preamble);
  } catch (const DamagedDataError& e) {
    return {InputFormat::Unknown, e.what(), true};
  } catch (const IoError& e) {
    return {InputFormat::Unknown, e.what(), true};
  } catch (const Error& e) {
    return {InputFormat::Unknown, e.what()};
  }
  for (const Sniffer& s : kTableSniffers)
    if (s.matches(header, preamble)) return {s.format, ""};
  std::string first;
  for (size_t i = 0; i < header.size() && i < 5; ++i) first += (i ? ", " : "") + header[i];
  return {InputFormat::Unknown, "not VCF/BCF, and its header (" + first +
                                    (header.size() > 5 ? ", ..." : "") + ") is not one of a MAF, an ANNOVAR table or a known copy-number table"};
}

const char* to_string(InputFormat format) {
  switch (format) {
    case InputFormat::Vcf: return "VCF";
    case InputFormat::Bcf: return "BCF";
    case InputFormat::Maf: return "MAF";
    case InputFormat::AnnovarTable: return "ANNOVAR table";
    case InputFormat::CnvkitSegments: return "CNVkit segments";
    case InputFormat::GatkSegments: return "GATK segments";
    case InputFormat::DnacopySeg: return "DNAcopy/IGV SEG";
    case InputFormat::PurpleCopyNumber: return "PURPLE copy number";
    case InputFormat::AlleleSpecificSegments: return "ASCAT/PCGR allele-specific segments";
    case InputFormat::DiscreteCnaTable: return "discrete gene copy-number table";
    case InputFormat::Unknown: break;
  }
  return "unknown";
}

bool is_copy_number_format(InputFormat f) {
  switch (f) {
    case InputFormat::CnvkitSegments:
    case InputFormat::GatkSegments:
    case InputFormat::DnacopySeg:
    case InputFormat::PurpleCopyNumber:
    case InputFormat::AlleleSpecificSegments:
    case InputFormat::DiscreteCnaTable: return true;
    default: return false;
  }
}

bool holds_many_patients(InputFormat f) {
  switch (f) {
    case InputFormat::Maf:
    case InputFormat::AnnovarTable:
    case InputFormat::DnacopySeg:
    case InputFormat::AlleleSpecificSegments:
    case InputFormat::DiscreteCnaTable: return true;
    default: return false;
  }
}

}  // namespace pathcorr
