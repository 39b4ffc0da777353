// The protein-level half of pathcorr's consequence calling: translation and the SO terms and HGVSp of a change
// to a coding sequence (start lost, frameshift, stop gained/lost/retained, in-frame indels, missense,
// synonymous), with VEP's conventions. See calling_steps.h.
#include <string>

#include "annotators/calling_steps.h"
#include "pipeline/base/protein.h"

namespace pathcorr::calling {

namespace {

// Standard genetic code; any codon with a base other than ACGT gives 'X'.
char translate_codon(const char* codon) {
  static const char* kAminoAcids = "FFLLSSSSYY**CC*WLLLLPPPPHHQQRRRRIIIMTTTTNNKKSSRRVVVVAAAADDEEGGGG";
  int index = 0;
  for (int i = 0; i < 3; ++i) {
    int v;
    switch (codon[i]) {
      case 'T': v = 0; break;
      case 'C': v = 1; break;
      case 'A': v = 2; break;
      case 'G': v = 3; break;
      default: return 'X';
    }
    index = index * 4 + v;
  }
  return kAminoAcids[index];
}

// "Glu545" for 0-based protein index i.
std::string residue(const std::string& protein, int64_t i) {
  char aa = i >= 0 && i < static_cast<int64_t>(protein.size()) ? protein[static_cast<size_t>(i)] : 'X';
  return three_letter(aa) + std::to_string(i + 1);
}

// Protein-level description of ref_pep -> alt_pep replacing the residues from 0-based index r0, 3'-shifted as
// HGVS asks for deletions, insertions and duplications. `protein` is the full reference translation.
std::string describe_peptide_change(const std::string& protein, int64_t r0, std::string ref_pep,
                                    std::string alt_pep) {
  const auto [p, s] = shared_ends(ref_pep, alt_pep);
  std::string rs = ref_pep.substr(p, ref_pep.size() - p - s);
  std::string as = alt_pep.substr(p, alt_pep.size() - p - s);
  int64_t a = r0 + static_cast<int64_t>(p);
  // Residues that may take part in shifting: up to, not including, the stop.
  int64_t limit = static_cast<int64_t>(protein.size());
  if (limit > 0 && protein.back() == '*') --limit;
  auto residue_at = [&](int64_t i) { return i >= 0 && i < limit ? protein[static_cast<size_t>(i)] : '\0'; };
  if (rs.empty() && as.empty()) return "p." + residue(protein, r0) + "=";
  if (rs.empty()) {
    const int64_t len = static_cast<int64_t>(as.size());
    a = shift_3prime(a, 0, as, residue_at);
    if (a >= len && protein.compare(static_cast<size_t>(a - len), static_cast<size_t>(len), as) == 0)
      return "p." + residue(protein, a - len) + (len > 1 ? "_" + residue(protein, a - 1) : "") + "dup";
    if (a == 0) return "";  // before the first residue: not a protein insertion
    return "p." + residue(protein, a - 1) + "_" + residue(protein, a) + "ins" + three_letter(as);
  }
  if (as.empty()) {
    const int64_t len = static_cast<int64_t>(rs.size());
    std::string none;
    a = shift_3prime(a, len, none, residue_at);
    return "p." + residue(protein, a) + (len > 1 ? "_" + residue(protein, a + len - 1) : "") + "del";
  }
  const int64_t len = static_cast<int64_t>(rs.size());
  if (len == 1 && as.size() == 1) return "p." + residue(protein, a) + three_letter(as[0]);
  return "p." + residue(protein, a) + (len > 1 ? "_" + residue(protein, a + len - 1) : "") + "delins" +
         three_letter(as);
}

}  // namespace

char complement(char c) {
  switch (c) {
    case 'A': return 'T';
    case 'C': return 'G';
    case 'G': return 'C';
    case 'T': return 'A';
    default: return 'N';
  }
}

std::string reverse_complement(const std::string& s) {
  std::string out(s.rbegin(), s.rend());
  for (char& c : out) c = complement(c);
  return out;
}

// Whole codons of seq from its start; stops after the first stop codon when until_stop.
std::string translate(const std::string& seq, bool until_stop) {
  std::string out;
  for (size_t i = 0; i + 3 <= seq.size(); i += 3) {
    out.push_back(translate_codon(seq.data() + i));
    if (until_stop && out.back() == '*') break;
  }
  return out;
}

// HGVS three-letter form of one residue or of a peptide: 'E' -> "Glu", "EK" -> "GluLys".
std::string three_letter(char aa) { return std::string(amino_acid_three_letter(aa)); }
std::string three_letter(const std::string& peptide) {
  std::string out;
  for (char aa : peptide) out += amino_acid_three_letter(aa);
  return out;
}

ProteinEffect coding_effect(const std::string& from_cds, int64_t cds_length, const std::string& protein,
                            int64_t c1, int64_t c2, const std::string& ins) {
  ProteinEffect out;
  const std::string cds = from_cds.substr(0, static_cast<size_t>(cds_length));
  const std::string alt = from_cds.substr(0, static_cast<size_t>(c1)) + ins + from_cds.substr(static_cast<size_t>(c2 + 1));
  const int64_t removed = c2 - c1 + 1;
  const int64_t diff = static_cast<int64_t>(ins.size()) - removed;
  const bool has_stop = !protein.empty() && protein.back() == '*' && cds_length % 3 == 0;
  const int64_t stop_index = has_stop ? static_cast<int64_t>(protein.size()) - 1 : -1;

  // Start codon: any change of c.1-3 that leaves no ATG there.
  const bool touches_start = removed > 0 ? c1 <= 2 : (c1 == 1 || c1 == 2);
  if (touches_start && cds.compare(0, 3, "ATG") == 0 && alt.compare(0, 3, "ATG") != 0) {
    out.terms = {"start_lost"};
    out.hgvsp = "p.Met1?";
    return out;
  }

  if (diff % 3 != 0) {
    out.terms = {"frameshift_variant"};
    const std::string alt_protein = translate(alt, true);
    size_t i = 0;
    while (i < protein.size() && i < alt_protein.size() && protein[i] == alt_protein[i]) ++i;
    if (has_stop && alt_protein == protein) {  // e.g. TGA|A -> TG|A A: the same stop, the same protein
      out.terms.push_back("stop_retained_variant");
      out.hgvsp = "p." + residue(protein, stop_index) + "=";
      return out;
    }
    if (i >= protein.size() || i >= alt_protein.size()) return out;  // no residue changes: cannot describe
    const bool ends_in_stop = alt_protein.back() == '*';
    if (static_cast<int64_t>(i) == stop_index) {  // the frame change starts at the stop codon: an extension
      out.terms.push_back("stop_lost");
      out.hgvsp = "p." + residue(protein, stop_index) + three_letter(alt_protein[i]) + "extTer" +
                  (ends_in_stop ? std::to_string(alt_protein.size() - 1 - i) : "?");
      return out;
    }
    if (alt_protein[i] == '*') {
      out.hgvsp = "p." + residue(protein, static_cast<int64_t>(i)) + "Ter";
      return out;
    }
    out.hgvsp = "p." + residue(protein, static_cast<int64_t>(i)) + three_letter(alt_protein[i]) + "fsTer" +
                (ends_in_stop ? std::to_string(alt_protein.size() - i) : "?");
    return out;
  }

  // In frame: compare the codons the change touches.
  const int64_t r0 = c1 / 3;
  const int64_t r1 = removed > 0 ? c2 / 3 : (c1 % 3 == 0 ? r0 - 1 : r0);
  if ((r1 + 1) * 3 > cds_length) {  // incomplete terminal codon (CDS length not a multiple of 3)
    out.terms = {"coding_sequence_variant"};
    return out;
  }
  const std::string ref_nt = cds.substr(static_cast<size_t>(r0 * 3), static_cast<size_t>((r1 - r0 + 1) * 3));
  const std::string alt_nt = cds.substr(static_cast<size_t>(r0 * 3), static_cast<size_t>(c1 - r0 * 3)) + ins +
                             cds.substr(static_cast<size_t>(c2 + 1), static_cast<size_t>((r1 + 1) * 3 - (c2 + 1)));
  const std::string ref_pep = translate(ref_nt);
  const std::string alt_pep = translate(alt_nt);
  const bool ref_has_stop = ref_pep.find('*') != std::string::npos;
  const size_t alt_stop = alt_pep.find('*');

  if (ref_has_stop && stop_index >= r0 && stop_index <= r1) {
    if (alt_stop != std::string::npos) {
      out.terms = {"stop_retained_variant"};
      if (diff < 0) add_term(out.terms, "inframe_deletion");
      if (diff > 0) add_term(out.terms, "inframe_insertion");
      const std::string kept = alt_pep.substr(0, alt_stop + 1);
      out.hgvsp = kept == ref_pep ? "p." + residue(protein, stop_index) + "="
                                  : describe_peptide_change(protein, r0, ref_pep, kept);
      return out;
    }
    out.terms = {"stop_lost"};
    if (diff < 0) add_term(out.terms, "inframe_deletion");
    if (diff > 0) add_term(out.terms, "inframe_insertion");
    // The new C-terminus: translate on from the first residue after the unchanged prefix.
    const std::string tail = translate(alt.substr(static_cast<size_t>(stop_index * 3)), true);
    if (diff == 0 && !tail.empty())
      out.hgvsp = "p." + residue(protein, stop_index) + three_letter(tail[0]) + "extTer" +
                  (tail.back() == '*' ? std::to_string(tail.size() - 1) : "?");
    return out;
  }

  if (diff == 0) {
    if (ref_pep == alt_pep) {
      out.terms = {"synonymous_variant"};
      out.hgvsp = "p." + residue(protein, r0) + "=";
    } else if (alt_stop != std::string::npos) {
      out.terms = {"stop_gained"};
      out.hgvsp = "p." + residue(protein, r0 + static_cast<int64_t>(alt_stop)) + "Ter";
    } else {
      out.terms = {"missense_variant"};
      out.hgvsp = describe_peptide_change(protein, r0, ref_pep, alt_pep);
    }
    return out;
  }
  if (alt_stop != std::string::npos) {  // VEP and bcftools name both the stop and the in-frame change
    out.terms = {"stop_gained", diff > 0 ? "inframe_insertion" : "inframe_deletion"};
    out.hgvsp = describe_peptide_change(protein, r0, ref_pep, alt_pep.substr(0, alt_stop + 1));
    return out;
  }
  out.terms = {diff > 0 ? "inframe_insertion" : "inframe_deletion"};
  // A change that both removes and adds residues (delins) is still named by its nucleotide balance, as VEP does.
  out.hgvsp = describe_peptide_change(protein, r0, ref_pep, alt_pep);
  return out;
}

}  // namespace pathcorr::calling
