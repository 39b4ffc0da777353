// Generic text and number helpers every stage uses: trimming, lower-casing, round-trip number formatting, strict
// number parsing, and the one vocabulary of missing values.
#include "pipeline/base/text.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

LeadingNumber leading_number(std::string_view s) {
  LeadingNumber n;
  for (; n.digits < s.size() && s[n.digits] >= '0' && s[n.digits] <= '9'; ++n.digits)
    if (n.value < (1LL << 58)) n.value = n.value * 10 + (s[n.digits] - '0');
  return n;
}

namespace {

void note_tab(LineShape* shape, std::size_t at) {
  if (shape->tabs < LineShape::kTabs) shape->tab[shape->tabs] = at;
  ++shape->tabs;
}

// Bytes [from, size) one at a time, after a vectorised prefix.
LineShape& finish_bytewise(const char* text, std::size_t from, std::size_t size, LineShape& shape) {
  for (std::size_t i = from; i < size; ++i) {
    if (text[i] == '\n') {
      shape.length = i;
      shape.newline = true;
      return shape;
    }
    if (text[i] == '\t') note_tab(&shape, i);
  }
  shape.length = size;
  return shape;
}

}  // namespace

LineShape scan_line_bytewise(const char* text, std::size_t size) {
  LineShape shape;
  return finish_bytewise(text, 0, size, shape);
}

LineShape scan_line(const char* text, std::size_t size) {
  LineShape shape;
  std::size_t i = 0;
#if defined(__SSE2__)
  const __m128i newline = _mm_set1_epi8('\n'), tab = _mm_set1_epi8('\t');
  for (; i + 16 <= size; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text + i));
    const unsigned nl = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, newline)));
    unsigned tabs = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, tab)));
    if (nl) tabs &= (1u << __builtin_ctz(nl)) - 1;  // only the tabs before the newline
    for (; tabs && shape.tabs < LineShape::kTabs; tabs &= tabs - 1)
      note_tab(&shape, i + static_cast<std::size_t>(__builtin_ctz(tabs)));
    shape.tabs += static_cast<std::size_t>(__builtin_popcount(tabs));
    if (nl) {
      shape.length = i + static_cast<std::size_t>(__builtin_ctz(nl));
      shape.newline = true;
      return shape;
    }
  }
#endif
  return finish_bytewise(text, i, size, shape);
}

}  // namespace pathcorr
