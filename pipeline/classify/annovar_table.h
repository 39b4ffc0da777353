// ANNOVAR multianno tables (table_annovar.pl text output, `*.hg19_multianno.txt`) as scan input: the rows become
// calls under the same policy as VCFs and MAFs. Owns only the reading of the table; the effects come from the
// ANNOVAR reader's rules (annotators/annotation.h annovar_effects) and the policy, patients and hotspots from the
// MAF scanner (the table is handed to it as MAF rows: ANNOVAR and MAF write alleles the same way).
#pragma once
#include <string>

#include "pipeline/classify/maf.h"
#include "pipeline/classify/scan.h"
#include "reference/reference.h"

namespace pathcorr {


// Reads the table into calls of ref.feature_genes().
//  - Database: refGene, else ensGene, else knownGene, else the first <db> with Func.<db> and ExonicFunc.<db>;
//    Func/Gene/ExonicFunc/AAChange.<db> give the effects (ensGene's Ensembl gene IDs mapped to symbols with the
//    reference); the transcript is chosen as for annotated VCFs (--transcripts, the reference's canonical Ensembl
//    or RefSeq ID, else the most severe), recorded in transcript_choice.
//  - Patient: the Tumor_Sample_Barcode column when there is one (mapped as MAF barcodes are, MafOptions), else
//    `file_patient` (the file name up to its first '.', or the sample sheet).
//  - Build: opt.build, else hg19/hg38 (GRCh37/GRCh38) in the file name, else InputError asking for --build.
//  - Depth, VAF and FILTER are not in the table: NA and PASS (Otherinfo columns, which may hold the input VCF's
//    columns, are not read). Population AFs: the largest of the gnomAD*, ExAC*, 1000g*, esp6500*, AF columns.
//  - Alleles and Start as ANNOVAR writes them ('-' for an empty allele), as a MAF does.
//  - Errors (InputError "file:line: ..."): a required column missing, a row with more fields than the header, a
//    Start or End that is not a positive integer.
ScanResult scan_annovar_table(const std::string& path, const std::string& file_patient, const Reference& ref,
                              const ScanOptions& opt, const MafOptions& mopt);

}  // namespace pathcorr
