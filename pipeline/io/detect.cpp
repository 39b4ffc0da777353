// Format detection (see detect.h): htslib for VCF/BCF, then one header test per table format.
#include "pipeline/io/detect.h"

#include <htslib/hts.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include "pipeline/base/errors.h"
#include "pipeline/base/text.h"
#include "pipeline/io/table_io.h"

namespace pathcorr {

namespace {

bool has_column(const std::vector<std::string>& columns, const char* name) {
  const std::string wanted = to_lower(name);
  for (const std::string& c : columns)
    if (to_lower(c) == wanted) return true;
  return false;
}

// One table format recognised by its header; the order of the list is the order of the tests.
struct Sniffer {
  InputFormat format;
  bool (*matches)(const std::vector<std::string>& header);
};
const Sniffer kTableSniffers[] = {
    {InputFormat::Maf, is_maf_header},
    {InputFormat::AnnovarTable, is_annovar_table_header},
};

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

DetectedFormat detect_format(const std::string& path) {
  if (path == "-") return {InputFormat::Unknown, "standard input cannot be peeked at"};
  DetectedFormat hts = detect_hts(path);
  if (hts.format != InputFormat::Unknown || !hts.reason.empty()) return hts;
  TableOptions peek;
  peek.delimiter = Delimiter::Tab;
  std::vector<std::string> header;
  try {
    header = read_table_header(path, peek).header;
  } catch (const DamagedDataError& e) {
    return {InputFormat::Unknown, e.what(), true};
  } catch (const IoError& e) {
    return {InputFormat::Unknown, e.what(), true};
  } catch (const Error& e) {
    return {InputFormat::Unknown, e.what()};
  }
  for (const Sniffer& s : kTableSniffers)
    if (s.matches(header)) return {s.format, ""};
  std::string first;
  for (size_t i = 0; i < header.size() && i < 5; ++i) first += (i ? ", " : "") + header[i];
  return {InputFormat::Unknown, "not VCF/BCF, and its header (" + first +
                                    (header.size() > 5 ? ", ..." : "") + ") is not one of a MAF or an ANNOVAR table"};
}

const char* to_string(InputFormat format) {
  switch (format) {
    case InputFormat::Vcf: return "VCF";
    case InputFormat::Bcf: return "BCF";
    case InputFormat::Maf: return "MAF";
    case InputFormat::AnnovarTable: return "ANNOVAR table";
    case InputFormat::Unknown: break;
  }
  return "unknown";
}

}  // namespace pathcorr
