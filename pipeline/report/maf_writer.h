// Counted calls written as a MAF that maftools::read.maf and cBioPortal load (`--maf`).
#pragma once
#include <iosfwd>
#include <string>
#include <vector>

#include "pipeline/classify/scan.h"

namespace pathcorr {

// Writes the counted calls as a MAF: "#version 2.4", then the columns of maf_columns(). Tumor_Sample_Barcode is
// the patient_id (the key clinical tables join on); the tumour sample name goes to `vcf_tumor_sample`.
// VCF alleles are converted to MAF style (common leading bases stripped as vcf2maf does: deletion CG>C at p ->
// Start p+1, G>-; insertion C>CAG at p -> Start p, End p+1, ->AG); calls read from a MAF (annotation "maf") keep
// their alleles. tumor_f is the VAF and MAX_AF the population AF, so reading the output back gives the same calls;
// alteration_class is informative only. Variant_Classification comes from the most severe SO term and the variant
// type; Variant_Type is SNP/DNP/TNP/ONP/INS/DEL; Entrez_Gene_Id is 0 (unknown); unknown numbers are written empty.
// Copy-number and SV calls (ref ".") are left out: the MAF holds the counted mutations.
void write_maf(std::ostream& os, const std::vector<Call>& calls);
// write_maf in two parts, for rows written as files finish: the head (version line and columns), and the rows
// of some calls, as text.
void write_maf_head(std::ostream& os);
std::string maf_rows_text(const std::vector<Call>& calls);
const std::vector<std::string>& maf_columns();

struct MafAllele {
  long long start = 0, end = 0;
  std::string ref, alt;      // "-" for an empty allele
  std::string variant_type;  // SNP DNP TNP ONP INS DEL
};
// VCF-style pos/ref/alt -> MAF style (see write_maf).
MafAllele vcf_to_maf_allele(long long pos, const std::string& ref, const std::string& alt);

}  // namespace pathcorr
