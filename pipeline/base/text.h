// Generic text and number helpers every stage uses: trimming, lower-casing, round-trip number formatting, strict
// number parsing, and the one vocabulary of missing values (SPEC "Files and exit codes", clinical tables).
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace pathcorr {

// Removes leading and trailing spaces, tabs, CR and LF.
std::string_view trim(std::string_view s);
// trim() as a string of its own.
inline std::string trimmed(std::string_view s) { return std::string(trim(s)); }
std::string to_lower(std::string_view s);

// Shortest of %.15g / %.16g / %.17g that re-reads to the same double (locale-independent). NaN -> "NA",
// +inf -> "Inf", -inf -> "-Inf" (R style); integer-valued doubles print as "3"; -0 prints as "0".
std::string format_double(double x);

// Strict number parsing: the whole string (surrounding whitespace aside) must be a number, else nullopt
// ("NA", "", "abc", "1.2x", "0x10", out of range). "Inf"/"-Inf"/"Infinity" (any case) give +-inf so that our own
// output re-reads; "NaN" gives nullopt. A leading '+' is accepted.
std::optional<double> parse_double(std::string_view s);
std::optional<long> parse_long(std::string_view s);

// Which missing-value spellings apply: Table for clinical, cBioPortal and every other table; Maf adds the MAF
// writers' placeholders "__UNKNOWN__" and "-" (an empty allele or unknown annotation field in a MAF, but a value
// in a clinical table).
enum class MissingValues { Table, Maf };
// True for the missing-value spellings: "", "NA", "N/A", "NaN", "." (any case, surrounding blanks ignored) and
// bracketed TCGA/cBioPortal tokens such as "[Not Available]", "[Unknown]", "[Not Applicable]"; with
// MissingValues::Maf also "__UNKNOWN__" and "-" (exact).
bool is_missing_value(std::string_view s, MissingValues vocabulary = MissingValues::Table);

// The run of decimal digits at the start of `s` as a number, saturating at 2^58 (no overflow on any input), and
// how many digits it is: for raw fields looked at before any parsing (a VCF line's POS).
struct LeadingNumber {
  long long value = 0;
  std::size_t digits = 0;
};
LeadingNumber leading_number(std::string_view s);

// One line of tab-separated text, measured in one pass: its length up to the first '\n' (or the end of the text),
// whether a '\n' ended it, how many tabs it holds and where the first kTabs of them are. The readers of large
// files cut and check every line with it (16 bytes at a time where the machine has SSE2), instead of a memchr for
// the newline, one per column and a count of the rest.
struct LineShape {
  static constexpr std::size_t kTabs = 8;
  std::size_t length = 0;
  bool newline = false;
  std::size_t tabs = 0;
  std::size_t tab[kTabs] = {};  // offsets of the first min(tabs, kTabs) tabs
};
LineShape scan_line(const char* text, std::size_t size);
// The same, a byte at a time: the definition scan_line is tested against.
LineShape scan_line_bytewise(const char* text, std::size_t size);

}  // namespace pathcorr
