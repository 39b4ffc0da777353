// ANNOVAR multianno tables (table_annovar.pl text output, `*.hg19_multianno.txt`) as scan input: each row becomes
// an allele record whose transcript effects come from the ANNOVAR rules (annotators/annotation.h annovar_effects);
// alleles are written as a MAF writes them, and patients follow the MAF barcode rules (input/maf_reader.h).
#pragma once
#include <string>

#include "pipeline/input/maf_reader.h"
#include "reference/reference.h"

namespace pathcorr {


// Reads the table into allele records of the rows that touch a gene of ref.feature_genes().
//  - Database: refGene, else ensGene, else knownGene, else the first <db> with Func.<db> and ExonicFunc.<db>;
//    Func/Gene/ExonicFunc/AAChange.<db> give the effects (ensGene's Ensembl gene IDs mapped to symbols with the
//    reference); classify/ chooses the transcript as for annotated VCFs (--transcripts, the reference's canonical
//    Ensembl or RefSeq ID, else the most severe).
//  - Patient: the Tumor_Sample_Barcode column when there is one (mapped as MAF barcodes are, MafOptions), else
//    `file_patient` (the file name up to its first '.', or the sample sheet).
//  - Build: `build` (--build) when it names one, else hg19/hg38 (GRCh37/GRCh38) in the file name, else InputError asking for --build.
//  - Depth, VAF and FILTER are not in the table: NA and PASS (Otherinfo columns, which may hold the input VCF's
//    columns, are not read). Population AFs: the largest of the gnomAD*, ExAC*, 1000g*, esp6500*, AF columns.
//  - Alleles and Start as ANNOVAR writes them ('-' for an empty allele), as a MAF does.
//  - Errors (InputError "file:line: ..."): a required column missing, a row with more fields than the header, a
//    Start or End that is not a positive integer.
TableRecords read_annovar_table(const std::string& path, const std::string& file_patient, const Reference& ref,
                                const std::string& build, const MafOptions& mopt);

}  // namespace pathcorr
