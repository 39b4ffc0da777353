// The MAF consequence vocabulary in both directions: Variant_Classification <-> Sequence Ontology terms, and MAF
// Variant_Type. Read by the MAF and ANNOVAR readers, written by the MAF writer.
#pragma once
#include <string>
#include <vector>

namespace pathcorr {

// Variant_Classification (any case) -> SO terms; {} for "" and Unknown; an unlisted value comes back as itself.
std::vector<std::string> maf_classification_to_so(const std::string& variant_classification);
// Variant_Classification for SO terms ('&'-, ','- or ';'-joined) and a Variant_Type.
std::string so_to_maf_classification(const std::string& consequence, const std::string& variant_type);
// SNP/DNP/TNP/ONP/INS/DEL of MAF-style alleles ('-' for an empty allele).
std::string maf_variant_type(const std::string& ref, const std::string& alt);
// Consequence terms joined by '&', ',' or ';' (VEP, vcf2maf, GDC), trimmed, empty parts dropped.
std::vector<std::string> split_consequence_terms(const std::string& text);

}  // namespace pathcorr
