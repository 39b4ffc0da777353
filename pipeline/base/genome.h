// Genome builds and chromosome names: the one place that says which text names which build and how a contig
// name is written canonically. Pure string rules, used by the reference tables, every input reader and the
// consequence caller alike.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace pathcorr {

enum class Build { GRCh37, GRCh38 };
std::string to_string(Build b);  // "GRCh37" / "GRCh38"

// A value that is nothing but a build name (an option, a NCBI_Build cell, the build column of a reference
// table): GRCh37|hg19|b37|37, GRCh38|hg38|b38|38, case-insensitive, surrounding blanks ignored.
std::optional<Build> parse_build(std::string_view s);

// The build a free text names (a ##reference path, a MAF comment, an ANNOVAR file name "x.hg19_multianno.txt"):
// parse_build() of the whole text, else the build keywords inside it (GRCh37, hg19, b37, hs37d5, human_g1k,
// assembly19, GRCh38, hg38, b38, hs38DH, GCA_000001405.15 ...), case-insensitive. A keyword counts only where it
// is not glued to a letter or digit before it nor to a digit after it, so "sub37" or "hg190" name nothing.
// nullopt when the text names no build or both.
std::optional<Build> build_from_text(std::string_view text);

// Canonical chromosome name, so "chr3" and "3" compare equal: surrounding blanks and a leading "chr" (any case)
// dropped, M (mitochondrion, UCSC's chrM) written MT as Ensembl/GRCh do: "chr3" -> "3", "chrM"/"M" -> "MT".
// Anything else comes back unchanged ("GL000220.1", "chrUn_gl000220" -> "Un_gl000220").
std::string canonical_chrom(std::string_view chrom);

}  // namespace pathcorr
