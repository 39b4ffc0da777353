// Tests of pipeline/base/population_af: the one rule that says which field holds a population allele frequency,
// for caller INFO keys, VEP/vcf2maf/GDC/Funcotator fields and ANNOVAR columns. Names are those of the real files
// in tests/data/real and ../shared/real-data (VEP CSQ formats, GDC MAF headers, ANNOVAR multianno tables).
#include "pipeline/base/population_af.h"

#include <gtest/gtest.h>

namespace pathcorr {
namespace {

constexpr AfNaming kAll[] = {AfNaming::InfoKey, AfNaming::Vep, AfNaming::Annovar};

TEST(PopulationAf, BareMafIsNeverAPopulationAf) {
  // Minor-allele frequency without the allele (ESP6500 INFO MAF, in percent): says nothing of the ALT allele.
  for (AfNaming n : kAll) {
    EXPECT_FALSE(is_population_af_field("MAF", n));
    EXPECT_FALSE(is_population_af_field("maf", n));
  }
}

TEST(PopulationAf, ResourceWithAfTokenEverywhere) {
  for (AfNaming n : kAll)
    for (const char* f : {"gnomAD_AF", "gnomADe_AF", "ExAC_AF_NFE", "dbNSFP_1000Gp3_AF", "AF_TOPMED",
                          "gnomAD2.1_AF_popmax", "GLOBAL_AF_GNOMAD", "ClinVar_VCF_AF_EXAC"})
      EXPECT_TRUE(is_population_af_field(f, n)) << f;
}

TEST(PopulationAf, NeverReadFractionsFiltersOrCounts) {
  for (AfNaming n : kAll)
    for (const char* f : {"t_AF", "n_AF", "gnomAD_AF_FILTER", "ExAC_FILTER", "POPAF", "TVAF"})
      EXPECT_FALSE(is_population_af_field(f, n)) << f;
  // A count is no frequency; only ANNOVAR's naming trusts a resource name alone (its databases hold frequencies).
  EXPECT_FALSE(is_population_af_field("gnomAD_AC", AfNaming::InfoKey));
  EXPECT_FALSE(is_population_af_field("gnomAD_AC", AfNaming::Vep));
}

TEST(PopulationAf, BareAfIsTheCallersInInfoButThePopulationsInAnnotations) {
  EXPECT_FALSE(is_population_af_field("AF", AfNaming::InfoKey));
  EXPECT_TRUE(is_population_af_field("AF", AfNaming::Vep));      // VEP: 1000 Genomes global AF
  EXPECT_TRUE(is_population_af_field("AF", AfNaming::Annovar));  // gnomad211_exome: gnomAD AF
}

TEST(PopulationAf, InfoKeysNeedAResource) {
  for (const char* f : {"PURPLE_AF", "A_AF", "AFR_AF", "MAX_AF", "GMAF", "AF_popmax", "esp6500si_all", "MLEAF"})
    EXPECT_FALSE(is_population_af_field(f, AfNaming::InfoKey)) << f;
}

TEST(PopulationAf, VepNaming) {
  for (const char* f : {"MAX_AF", "GMAF", "AFR_AF", "gnomAD_NFE_AF", "AFR_MAF", "EA_MAF", "dbSNP_AF"})
    EXPECT_TRUE(is_population_af_field(f, AfNaming::Vep)) << f;
  for (const char* f : {"MAX_AF_POPS", "gnomAD2.1", "Allele", "tumor_f", "ExAC_ALL", "dbSNP_CAF"})
    EXPECT_FALSE(is_population_af_field(f, AfNaming::Vep)) << f;
}

TEST(PopulationAf, AnnovarNaming) {
  for (const char* f : {"AF_popmax", "AF_male", "1000g2015aug_all", "esp6500siv2_all", "ExAC_ALL", "ExAC_AFR",
                        "gnomAD_exome_ALL", "gnomAD_genome_AFR"})
    EXPECT_TRUE(is_population_af_field(f, AfNaming::Annovar)) << f;
  for (const char* f : {"Func.refGene", "AAChange.refGene", "cosmic70", "avsnp150", "SIFT_score", "MAX_AF_POPS"})
    EXPECT_FALSE(is_population_af_field(f, AfNaming::Annovar)) << f;
}

}  // namespace
}  // namespace pathcorr
