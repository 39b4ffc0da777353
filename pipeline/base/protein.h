// Protein notation: the one amino-acid table (IUPAC one-letter <-> HGVS three-letter codes) and the one rule that
// shortens a protein change to the one-letter form calls.tsv, the hotspot table and hotspot matching all use.
#pragma once
#include <string>
#include <string_view>

namespace pathcorr {

// "His" -> 'H', "Ter" -> '*', "Xaa" -> 'X' (and Sec U, Pyl O, Asx B, Glx Z, Xle J); 0 for anything else.
// Case-sensitive, as HGVS writes the codes: "HIS" is not a code.
char amino_acid_one_letter(std::string_view three);
// 'H' -> "His", '*' -> "Ter"; "Xaa" for a letter that is no amino acid (an untranslatable codon's 'X').
std::string_view amino_acid_three_letter(char one);

// One-letter protein change without "p.", transcript or protein prefix, as cancerhotspots and vcf2maf's
// HGVSp_Short write it:
//   "p.His1047Arg", "ENSP00000263967.3:p.His1047Arg", "p.(His1047Arg)", "p.H1047R" -> "H1047R";
//   "p.Arg130Ter", "p.R130*", and ANNOVAR's / old SnpEff's stop "p.R130X" -> "R130*" (X after the position is a
//   stop; a leading X, as in vcf2maf's "p.X165_splice", is an unknown residue and stays);
//   frameshifts lose their new residue and stop distance: "p.Thr319LysfsTer24", "p.T319Kfs*24" -> "T319fs";
//   "p.Lys2_Leu4del" -> "K2_L4del", "p.Glu469delinsAspLys" -> "E469delinsDK", "p.Leu55%3D" -> "L55=",
//   "p.Met1?" -> "M1?", "p.Ter1069ArgextTer5" -> "*1069Rext*5", Oncotator's position-first "p.544_545insS";
//   ANNOVAR's "NOD2:NM_022162:exon4:c.C2104T:p.R702W" and SnpEff's "p.Gly12Asp/c.35G>A" are cut to the change.
// "" when the text is no protein change ("", "p.=", "p.?", "c.35G>A").
std::string short_protein_change(std::string_view hgvsp);

}  // namespace pathcorr
