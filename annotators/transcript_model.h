// Transcript models for pathcorr's own consequence calling of unannotated VCFs: the exon/CDS structure of a
// transcript, read from a GENCODE/Ensembl GTF or an Ensembl-style GFF3 (plain or gzip), or the built-in canonical
// models of reference/canonical_exons.tsv. Owns only the models; the calling is in consequence_caller.h.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "reference/reference.h"

namespace pathcorr {

struct TranscriptModel {
  std::string gene, transcript_id, chrom;            // chrom without "chr"; transcript_id as written (may carry .N)
  char strand = '+';
  std::vector<std::pair<int64_t, int64_t>> exons;    // genomic, 1-based inclusive, sorted by position
  int64_t cds_start = 0, cds_end = 0;                // genomic span of the CDS incl. stop codon; 0 = non-coding
  bool canonical = false;                            // built-in model, or tagged Ensembl_canonical / MANE_Select

  bool coding() const { return cds_start > 0; }
  int64_t start() const { return exons.empty() ? 0 : exons.front().first; }
  int64_t end() const { return exons.empty() ? 0 : exons.back().second; }
};

// GENCODE/Ensembl GTF (exon + CDS + stop_codon features, transcript_id, gene_name) or GFF3 (Ensembl style:
// a feature with ID=transcript:ENST... or an mRNA/transcript feature, exon/CDS/stop_codon with Parent=...),
// plain or gzip. The dialect is taken from "##gff-version 3" or, failing that, from the first feature line's
// attribute syntax (key "value"; vs key=value). The CDS span is the union of CDS and stop_codon features, so it
// includes the stop codon whether or not the file's CDS rows do (GTF: no; Ensembl GFF3: yes). Transcripts
// without exon rows are dropped. Result sorted by chrom, start, transcript_id.
// Errors -> InputError "file:line: what" (bad coordinates, mixed strands in one transcript, overlapping exons,
// CDS outside the exons); IoError when the file cannot be opened; InputError when it holds no transcript.
std::vector<TranscriptModel> read_transcript_models(const std::string& path);

// Built-in canonical models from reference/canonical_exons.tsv for `build`: PIK3CA ENST00000263967 and PTEN
// ENST00000371953 (GRCh38 rows DERIVED by liftover, see the file's '#' lines). canonical = true. Parsed once per
// build in a process.
const std::vector<TranscriptModel>& builtin_transcript_models(Build build);

// Parser of canonical_exons.tsv (columns by name: build gene transcript_id chrom strand exon_number exon_start
// exon_end cds_start cds_end; '#' lines skipped); `source` names the text in messages. Rows of other builds
// are skipped. Throws InputError "source:line: what".
std::vector<TranscriptModel> parse_canonical_exons_tsv(std::string_view text, const std::string& source,
                                                       Build build);

}  // namespace pathcorr
