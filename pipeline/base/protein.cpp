// Protein notation (see protein.h).
#include "pipeline/base/protein.h"

#include <cctype>
#include <utility>

namespace pathcorr {

namespace {

constexpr std::pair<std::string_view, char> kAminoAcids[] = {
    {"Ala", 'A'}, {"Arg", 'R'}, {"Asn", 'N'}, {"Asp", 'D'}, {"Cys", 'C'}, {"Gln", 'Q'}, {"Glu", 'E'},
    {"Gly", 'G'}, {"His", 'H'}, {"Ile", 'I'}, {"Leu", 'L'}, {"Lys", 'K'}, {"Met", 'M'}, {"Phe", 'F'},
    {"Pro", 'P'}, {"Ser", 'S'}, {"Thr", 'T'}, {"Trp", 'W'}, {"Tyr", 'Y'}, {"Val", 'V'}, {"Ter", '*'},
    {"Sec", 'U'}, {"Pyl", 'O'}, {"Xaa", 'X'}, {"Asx", 'B'}, {"Glx", 'Z'}, {"Xle", 'J'},
};

bool is_upper(char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; }
bool is_lower(char c) { return std::islower(static_cast<unsigned char>(c)) != 0; }
bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// The change alone: blanks dropped, VEP's %3D unescaped, everything up to the last ':' (transcript, protein or
// ANNOVAR's gene:transcript:exon:c. prefix) and from a '/' (SnpEff's "/c.35G>A") cut, "p." and parentheses
// dropped.
std::string bare_change(std::string_view hgvsp) {
  std::string s;
  s.reserve(hgvsp.size());
  for (size_t i = 0; i < hgvsp.size(); ++i) {
    if (hgvsp[i] == '%' && i + 2 < hgvsp.size() && hgvsp[i + 1] == '3' && (hgvsp[i + 2] == 'D' || hgvsp[i + 2] == 'd')) {
      s += '=';
      i += 2;
    } else if (!std::isspace(static_cast<unsigned char>(hgvsp[i]))) {
      s += hgvsp[i];
    }
  }
  const size_t colon = s.rfind(':');
  if (colon != std::string::npos) s.erase(0, colon + 1);
  const size_t slash = s.find('/');
  if (slash != std::string::npos) s.erase(slash);
  if (s.compare(0, 2, "p.") == 0) s.erase(0, 2);
  std::string out;
  for (char c : s)
    if (c != '(' && c != ')') out += c;
  return out;
}

}  // namespace

char amino_acid_one_letter(std::string_view three) {
  for (const auto& [code, one] : kAminoAcids)
    if (code == three) return one;
  return 0;
}

std::string_view amino_acid_three_letter(char one) {
  for (const auto& [code, letter] : kAminoAcids)
    if (letter == one) return code;
  return "Xaa";
}

std::string short_protein_change(std::string_view hgvsp) {
  const std::string s = bare_change(hgvsp);
  std::string out;
  for (size_t i = 0; i < s.size();) {
    // A three-letter code is an upper-case letter and two lower-case ones; HGVS keywords (del, ins, dup, fs,
    // ext) are all lower case, so they are never taken for one.
    if (i + 3 <= s.size() && is_upper(s[i]) && is_lower(s[i + 1]) && is_lower(s[i + 2])) {
      if (char one = amino_acid_one_letter(std::string_view(s).substr(i, 3))) {
        out += one;
        i += 3;
        continue;
      }
    }
    out += s[i++];
  }
  // Must be "<amino acid><position>...", or Oncotator/Funcotator's position-first "544_545insS".
  if (!out.empty() && is_digit(out[0])) return out.find_first_not_of("0123456789?") == std::string::npos ? "" : out;
  if (out.size() < 2 || !(is_upper(out[0]) || out[0] == '*') || !is_digit(out[1])) return "";
  size_t end = 1;  // one past the position
  while (end < out.size() && is_digit(out[end])) ++end;
  if (out.find("fs") != std::string::npos) return out.substr(0, end) + "fs";
  if (end + 1 == out.size() && out[end] == 'X') out[end] = '*';  // ANNOVAR's stop: R130X
  return out;
}

}  // namespace pathcorr
