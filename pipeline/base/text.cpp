// Generic text and number helpers every stage uses: trimming, lower-casing, round-trip number formatting, strict
// number parsing, and the one vocabulary of missing values.
#include "pipeline/base/text.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <system_error>

namespace pathcorr {

std::string_view trim(std::string_view s) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string format_double(double x) {
  if (std::isnan(x)) return "NA";
  if (std::isinf(x)) return x > 0 ? "Inf" : "-Inf";
  if (x == 0) return "0";  // also -0: R prints 0, and "-0" in a table only confuses
  char buf[64];
  for (int precision = 15; precision <= 17; ++precision) {
    const auto res = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::general, precision);
    std::string s(buf, res.ptr);
    double back = 0;
    const auto parsed = std::from_chars(s.data(), s.data() + s.size(), back);
    if (parsed.ec == std::errc() && back == x) return s;
    if (precision == 17) return s;  // %.17g always round-trips
  }
  return {};  // unreachable
}

std::optional<double> parse_double(std::string_view s) {
  s = trim(s);
  if (s.empty()) return std::nullopt;
  bool negative = false;
  std::string_view body = s;
  if (body.front() == '+' || body.front() == '-') {
    negative = body.front() == '-';
    body.remove_prefix(1);
  }
  if (body.empty() || body.front() == '+' || body.front() == '-') return std::nullopt;
  const std::string lower = to_lower(body);
  if (lower == "inf" || lower == "infinity")
    return negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
  // Only digits, '.', and an exponent may follow: this keeps "nan", "0x1p3" and friends out.
  for (char c : lower)
    if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == '+' || c == '-')) return std::nullopt;
  double value = 0;
  const auto res = std::from_chars(body.data(), body.data() + body.size(), value, std::chars_format::general);
  if (res.ec != std::errc() || res.ptr != body.data() + body.size()) return std::nullopt;
  return negative ? -value : value;
}

std::optional<long> parse_long(std::string_view s) {
  s = trim(s);
  if (!s.empty() && s.front() == '+') {
    s.remove_prefix(1);
    if (!s.empty() && (s.front() == '+' || s.front() == '-')) return std::nullopt;
  }
  if (s.empty()) return std::nullopt;
  long value = 0;
  const auto res = std::from_chars(s.data(), s.data() + s.size(), value, 10);
  if (res.ec != std::errc() || res.ptr != s.data() + s.size()) return std::nullopt;
  return value;
}

bool is_missing_value(std::string_view s, MissingValues vocabulary) {
  s = trim(s);
  if (s.empty()) return true;
  if (s.size() >= 2 && s.front() == '[' && s.back() == ']') return true;  // "[Not Available]" (TCGA, cBioPortal)
  const std::string lower = to_lower(s);
  if (lower == "na" || lower == "n/a" || lower == "nan" || lower == ".") return true;
  // MAF writers (GDC, vcf2maf) fill unknown annotation fields with __UNKNOWN__ and empty alleles with '-'; in a
  // clinical table '-' can be a value (a negative marker), so only MAF fields use these.
  return vocabulary == MissingValues::Maf && (s == "__UNKNOWN__" || s == "-");
}

}  // namespace pathcorr
