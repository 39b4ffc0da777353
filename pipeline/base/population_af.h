// The one rule that says which field name holds a population allele frequency (gnomAD, ExAC, 1000 Genomes,
// ESP, TOPMed), used for VCF INFO keys, VEP CSQ and Funcotator fields, MAF columns and ANNOVAR columns alike.
#pragma once
#include <string_view>

namespace pathcorr {

// Whose naming a field follows. The writers name the same frequencies differently, and a bare `AF` means the
// population's frequency in an annotation but the caller's own VAF or cohort frequency in a caller's INFO.
enum class AfNaming {
  InfoKey,  // an INFO key beside the caller's own (vcfanno, SnpSift dbnsfp, PCGR): needs a resource in its name
  Vep,      // VEP CSQ fields, the MAF columns vcf2maf and GDC copy from them, Funcotator fields
  Annovar,  // ANNOVAR columns and the INFO keys table_annovar -vcfinput writes: named after the database
};

// The rule, case-insensitive, the name cut into tokens at '_', '.' and '-':
//  - never: names starting t_ or n_ (a MAF's tumour/normal read fractions), names holding "filter", and a bare
//    `MAF`. GDC and vcf2maf write no `MAF` column (their minor-allele columns are VEP's GMAF and <POP>_MAF, which
//    name the allele: "T:0.0010"), ANNOVAR writes none; where a bare MAF occurs (the ESP6500 VCF's INFO, plink)
//    it is the frequency of whichever allele is rarer, in percent for ESP, so it says nothing of the ALT allele.
//  - always: a population resource (gnomad, exac, 1000g, esp6500, topmed) together with an AF token (a token
//    ending in "af" but not "maf"): gnomAD_AF, gnomADe_AF, ExAC_AF_NFE, dbNSFP_1000Gp3_AF, AF_TOPMED,
//    gnomAD2.1_AF_popmax, ClinVar_VCF_AF_EXAC.
//  - Vep also: `AF` (VEP's 1000 Genomes global AF), MAX_AF, GMAF, and any name ending _AF or _MAF (AFR_AF,
//    gnomAD_NFE_AF, old VEP's AFR_MAF / EA_MAF).
//  - Annovar also: `AF` and AF_* (the gnomad211/gnomad30 databases: AF_popmax, AF_male) and any name starting
//    with a resource (1000g2015aug_all, esp6500siv2_all, ExAC_ALL, gnomAD_exome_AFR): ANNOVAR's frequency
//    databases hold nothing but frequencies, so no AF token is written.
//  - InfoKey nothing else: a caller's INFO AF, PURPLE_AF, TVAF or Mutect2's POPAF (-log10) are not population AFs.
bool is_population_af_field(std::string_view name, AfNaming naming);

}  // namespace pathcorr
