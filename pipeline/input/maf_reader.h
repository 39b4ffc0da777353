// MAF (Mutation Annotation Format) input: a cohort MAF (GDC, cBioPortal data_mutations, vcf2maf, maftools,
// Oncotator/Funcotator) read into allele records (one per row of a gene of the set, the row's gene and consequence
// stated) and one samples.tsv row per patient. Owns the MAF column conventions and the barcode -> patient rule.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "pipeline/input/records.h"
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

// A table of many patients read whole: its build, one samples.tsv row per patient (sorted by patient_id), and the
// allele records of the gene set in file order.
struct TableRecords {
  Build build = Build::GRCh37;
  std::vector<InputSummary> inputs;
  std::vector<AlleleRecord> records;
};

// Reads a MAF. `build` is --build ("auto" or a build name).
//  - Lines starting with '#' before the header (#version 2.4, Oncotator/Funcotator comments) are skipped; CRLF,
//    BOM and gzip are accepted; column names are matched case-insensitively (End_position, Start_position).
//  - Required columns: Hugo_Symbol, Tumor_Sample_Barcode, Variant_Classification, Chromosome, Start_Position
//    (InputError naming the file and listing its columns). Reference_Allele, Tumor_Seq_Allele1/2 are optional
//    ("NA" when absent): the alternate allele is Tumor_Seq_Allele2, or Tumor_Seq_Allele1 when Allele2 equals
//    the reference allele (one record per row).
//  - Positions and alleles are kept as the MAF writes them (Start_Position; '-' for an empty allele, no anchor
//    base): AlleleStyle::Maf. annotation "maf".
//  - Consequence: the SO terms of a `Consequence` column (vcf2maf, GDC) when every term is a known SO term,
//    otherwise Variant_Classification mapped to SO (Missense_Mutation -> missense_variant, Splice_Site ->
//    splice_site_variant, Splice_Region -> splice_region_variant, Targeted_Region -> sequence_variant, ...).
//  - Protein change: HGVSp, else HGVSp_Short, else Protein_Change (hgvsp); the short form from HGVSp_Short
//    when present. Transcript: Transcript_ID, else Annotation_Transcript, else i_transcript_name.
//  - Depth: t_depth (else t_ref_count + t_alt_count), alt reads t_alt_count, VAF tumor_f (the caller's estimate,
//    Oncotator/Funcotator/write_maf) else t_alt_count / t_depth. Population AF: the largest of AF, MAX_AF, *_AF,
//    gnomAD*/ExAC* AF columns (vcf2maf copies VEP's). FILTER: PASS, '.' or empty pass; no FILTER column = every
//    row passes.
//  - Build: `build` when it names one (ConflictError when NCBI_Build says otherwise); with "auto", NCBI_Build
//    (GRCh37/37/hg19, GRCh38/38/hg38; __UNKNOWN__/empty ignored), else '#' comment lines that name the reference
//    (hg19, assembly19, b37, GRCh38 ...), else InputError asking for --build. Two builds in one file -> InputError.
//  - inputs: one InputSummary per patient (rows of the MAF or declared), sorted by patient_id: file = path,
//    tumor_sample = its barcode(s) joined by ',' ("NA" for a declared patient without rows), annotation "maf",
//    records = MAF rows of the patient (all genes), records_passing = those whose FILTER passes.
//  - Errors: bad Start_Position / depth / count / tumor_f, empty Tumor_Sample_Barcode, unknown NCBI_Build, a row
//    with more fields than the header -> InputError "file:line: ...".
TableRecords read_maf(const std::string& path, const Reference& ref, const std::string& build,
                      const MafOptions& mopt);

// Patients of the barcodes of a many-patient table (MAF, ANNOVAR): the sheet's mapping, else the TCGA rule above.
// Counts rows per barcode, so the table's samples.tsv rows can be made once every barcode is known.
class BarcodePatients {
 public:
  explicit BarcodePatients(const MafOptions& mopt) : mopt_(mopt) {}
  void count_row(const std::string& barcode, bool pass);
  // Decides the TCGA rule; call once every row is counted.
  void finish();
  std::string patient_of(const std::string& barcode) const;
  // One row per patient (sorted), declared patients included; annotation and build as given.
  std::vector<InputSummary> summaries(const std::string& path, const std::string& build,
                                      const std::string& annotation) const;

 private:
  const MafOptions& mopt_;
  bool tcga_ = false;
  std::map<std::string, std::pair<long, long>> rows_;  // rows, rows passing FILTER, per barcode
  std::vector<std::string> order_;                     // barcodes in order of first row
};

}  // namespace pathcorr
