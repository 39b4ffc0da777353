// Genome builds and chromosome names (see genome.h).
#include "pipeline/base/genome.h"

#include <cctype>

#include "pipeline/base/text.h"

namespace pathcorr {

namespace {

bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// Whether `keyword` (lower case) stands in `text` (lower case) as a word of its own: see build_from_text().
bool names_keyword(const std::string& text, std::string_view keyword) {
  for (size_t at = text.find(keyword); at != std::string::npos; at = text.find(keyword, at + 1)) {
    const size_t after = at + keyword.size();
    if ((at == 0 || !is_alnum(text[at - 1])) && (after == text.size() || !is_digit(text[after]))) return true;
  }
  return false;
}

}  // namespace

std::string to_string(Build b) { return b == Build::GRCh37 ? "GRCh37" : "GRCh38"; }

std::optional<Build> parse_build(std::string_view s) {
  const std::string l = to_lower(trim(s));
  for (std::string_view name : {"grch37", "hg19", "b37", "37"})
    if (l == name) return Build::GRCh37;
  for (std::string_view name : {"grch38", "hg38", "b38", "38"})
    if (l == name) return Build::GRCh38;
  return std::nullopt;
}

std::optional<Build> build_from_text(std::string_view text) {
  if (auto b = parse_build(text)) return b;
  // hs37 also names hs37d5 (1000 Genomes phase 2), hs38 also hs38DH; human_g1k is 1000 Genomes' b37 FASTA;
  // assembly19/38 are the Broad's Homo_sapiens_assembly19/38; GCA_000001405.15 is GRCh38's GenBank accession.
  static constexpr std::string_view k37[] = {"grch37", "hg19", "assembly19", "hs37", "hs37d5", "b37", "g1k_v37",
                                             "human_g1k"};
  static constexpr std::string_view k38[] = {"grch38", "hg38", "assembly38", "hs38", "hs38dh", "b38",
                                             "gca_000001405.15"};
  const std::string l = to_lower(text);
  bool says37 = false, says38 = false;
  for (std::string_view k : k37) says37 = says37 || names_keyword(l, k);
  for (std::string_view k : k38) says38 = says38 || names_keyword(l, k);
  if (says37 == says38) return std::nullopt;
  return says37 ? Build::GRCh37 : Build::GRCh38;
}

std::string canonical_chrom(std::string_view chrom) {
  std::string_view c = trim(chrom);
  if (c.size() > 3 && to_lower(c.substr(0, 3)) == "chr") c.remove_prefix(3);
  if (c == "M") return "MT";
  return std::string(c);
}

}  // namespace pathcorr
