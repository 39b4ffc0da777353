// Readers of copy-number files (SPEC "Copy number and structural variants"): segment tables of CNVkit, GATK,
// DNAcopy/IGV SEG, PURPLE and ASCAT/PCGR, and the gene-level discrete tables of cBioPortal and GISTIC, each to a
// CopyNumberFile (segments 1-based and closed, in file order, on the file's scale). Calls are classify's work.
#pragma once
#include <string>

#include "pipeline/input/copy_number_records.h"

namespace pathcorr {

// Detects the format (io/detect) and reads the file with its reader. InputError "PATH: ..." for a file that is
// not one of the copy-number formats, and "PATH:LINE: ..." for a non-numeric start, end or value, a start after
// its end, or a missing required column.
CopyNumberFile read_copy_number(const std::string& path);

// The readers, for a caller that already knows the format.
// CNVkit .cnr/.cns/.call.cns: 0-based starts (+1); `cn` when present (Absolute), else `log2` (Log2). A
// zero-probe row whose start is not before its end is left out (CopyNumberFile::skipped_lines).
CopyNumberFile read_cnvkit(const std::string& path);
// GATK .called.seg/.modelFinal.seg/.cr.seg: '@' SAM header (sample from @RG SM:, build from @SQ AS:), value
// MEAN_LOG2_COPY_RATIO or LOG2_COPY_RATIO_POSTERIOR_50 (Log2); CALL is not read.
CopyNumberFile read_gatk_seg(const std::string& path);
// DNAcopy/IGV SEG: sample, chromosome, start, end (1-based) by position, the value in the last column (Log2);
// many samples per file; chromosomes 23/24 are X/Y; an R "WARNING:" line before the header is skipped.
CopyNumberFile read_dnacopy_seg(const std::string& path);
// PURPLE *.purple.cnv.somatic.tsv (copyNumber, Absolute), with purity and ploidy from the *.purple.purity.tsv
// of the same prefix beside it when there is one.
CopyNumberFile read_purple(const std::string& path);
// ASCAT (sample chr startpos endpos nMajor nMinor) and PCGR (Chromosome Start End nMajor nMinor): total copy
// number nMajor + nMinor (Absolute).
CopyNumberFile read_allele_specific(const std::string& path);
// cBioPortal data_CNA.txt / GISTIC all_thresholded.by_genes.txt: Hugo_Symbol (or Gene Symbol), optional
// Entrez_Gene_Id / Locus ID / Cytoband, then one column per sample with -2..2 (Discrete); empty and NA cells are
// not evaluable and left out; a gene listed twice keeps its lowest value.
CopyNumberFile read_discrete_cna_table(const std::string& path);

}  // namespace pathcorr
