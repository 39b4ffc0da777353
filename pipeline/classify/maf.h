// MAF (Mutation Annotation Format) in and out: reads a cohort MAF (GDC, cBioPortal data_mutations, vcf2maf,
// maftools, Oncotator/Funcotator) into the same alteration calls and per-patient input summaries `scan` makes from
// VCFs, under the same policy; writes counted calls as a MAF that maftools::read.maf and cBioPortal load.
// Owns the MAF column conventions, Variant_Classification <-> SO mapping and VCF <-> MAF allele conversion.
#pragma once
#include <iosfwd>
#include <map>
#include <string>
#include <vector>

#include "pipeline/classify/scan.h"
#include "reference/reference.h"

namespace pathcorr {

struct MafOptions {
  // Tumor_Sample_Barcode -> patient_id (from a sample sheet); wins over the rules below. Barcodes not listed map to
  // the first 12 characters when every such barcode looks like a TCGA barcode (TCGA-AB-2802-03A-01W-... ->
  // TCGA-AB-2802, as maftools does), otherwise to themselves.
  std::map<std::string, std::string> barcode_to_patient;
  // Patients that were sequenced (from a sample sheet) even when the MAF has no row for them: each gets an
  // InputSummary with records = 0, so it enters the denominators as wild-type.
  std::vector<std::string> declared_patients;
};

// Reads a MAF into calls of the genes of ref.feature_genes() (rows are matched by Hugo_Symbol).
//  - Lines starting with '#' before the header (#version 2.4, Oncotator/Funcotator comments) are skipped; CRLF,
//    BOM and gzip are accepted; column names are matched case-insensitively (End_position, Start_position).
//  - Required columns: Hugo_Symbol, Tumor_Sample_Barcode, Variant_Classification, Chromosome, Start_Position
//    (InputError naming the file and listing its columns). Reference_Allele, Tumor_Seq_Allele1/2 are optional
//    ("NA" when absent): the alternate allele is Tumor_Seq_Allele2, or Tumor_Seq_Allele1 when Allele2 equals
//    the reference allele (one call per row).
//  - Positions and alleles are kept as the MAF writes them (Start_Position; '-' for an empty allele, no anchor
//    base): a MAF has no reference sequence to rebuild the VCF anchor from. Call::annotation is "maf", so
//    write_maf knows these alleles are MAF-style already.
//  - Consequence: the SO terms of a `Consequence` column (vcf2maf, GDC) when every term is a known SO term,
//    otherwise Variant_Classification mapped to SO (Missense_Mutation -> missense_variant, Splice_Site ->
//    splice_site_variant, Splice_Region -> splice_region_variant, Targeted_Region -> sequence_variant, ...).
//  - Protein change: HGVSp, else HGVSp_Short, else Protein_Change (hgvsp column); the short form from HGVSp_Short
//    when present. Transcript: Transcript_ID, else Annotation_Transcript, else i_transcript_name.
//  - Depth: t_depth (else t_ref_count + t_alt_count), alt reads t_alt_count, VAF tumor_f (the caller's estimate,
//    Oncotator/Funcotator/write_maf) else t_alt_count / t_depth. Population AF: the largest of AF, MAX_AF, *_AF,
//    gnomAD*/ExAC* AF columns (vcf2maf copies VEP's). FILTER: PASS, '.' or empty pass; no FILTER column = every
//    row passes.
//  - Build: opt.build when it names one (ConflictError when NCBI_Build says otherwise); with "auto", NCBI_Build
//    (GRCh37/37/hg19, GRCh38/38/hg38; __UNKNOWN__/empty ignored), else '#' comment lines that name the reference
//    (hg19, assembly19, b37, GRCh38 ...), else InputError asking for --build. Two builds in one file -> InputError.
//  - Policy exactly as for VCFs (thresholds, FILTER, --policy oncogenic, hotspots by protein change, by residue
//    for missense, and by MAF-style genomic match against the hotspot table).
//  - inputs: one InputSummary per patient (rows of the MAF or declared), sorted by patient_id: file = path,
//    tumor_sample = its barcode(s) joined by ',' ("NA" for a declared patient without rows), annotation "maf",
//    records = MAF rows of the patient (all genes), records_passing = those whose FILTER passes.
//  - Errors: bad Start_Position / depth / count / tumor_f, empty Tumor_Sample_Barcode, unknown NCBI_Build, a row
//    with more fields than the header -> InputError "file:line: ...".
ScanResult scan_maf(const std::string& path, const Reference& ref, const ScanOptions& opt, const MafOptions& mopt);
// The same for MAF text already in memory ('\n' lines), reported as `path` (error lines are lines of `text`).
ScanResult scan_maf_text(const std::string& text, const std::string& path, const Reference& ref,
                         const ScanOptions& opt, const MafOptions& mopt);

// Writes the counted calls as a MAF: "#version 2.4", then the columns of maf_columns(). Tumor_Sample_Barcode is
// the patient_id (the key clinical tables join on); the tumour sample name goes to `vcf_tumor_sample`.
// VCF alleles are converted to MAF style (common leading bases stripped as vcf2maf does: deletion CG>C at p ->
// Start p+1, G>-; insertion C>CAG at p -> Start p, End p+1, ->AG); calls read from a MAF (annotation "maf") keep
// their alleles. tumor_f is the VAF and MAX_AF the population AF, so scan_maf of the output gives the same calls;
// alteration_class is informative only. Variant_Classification comes from the most severe SO term and the variant
// type; Variant_Type is SNP/DNP/TNP/ONP/INS/DEL; Entrez_Gene_Id is 0 (unknown); unknown numbers are written empty.
void write_maf(std::ostream& os, const std::vector<Call>& calls);
const std::vector<std::string>& maf_columns();

// Building blocks, public for tests.
// Variant_Classification (any case) -> SO terms; {} for "" and Unknown; an unlisted value comes back as itself.
std::vector<std::string> maf_classification_to_so(const std::string& variant_classification);

struct MafAllele {
  long long start = 0, end = 0;
  std::string ref, alt;      // "-" for an empty allele
  std::string variant_type;  // SNP DNP TNP ONP INS DEL
};
// VCF-style pos/ref/alt -> MAF style (see write_maf).
MafAllele vcf_to_maf_allele(long long pos, const std::string& ref, const std::string& alt);
// Variant_Classification for SO terms ('&'- or ','-joined) and a Variant_Type.
std::string so_to_maf_classification(const std::string& consequence, const std::string& variant_type);

}  // namespace pathcorr
