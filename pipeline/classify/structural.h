// Which genes of the gene set a structural variant hits (SPEC "Copy number and structural variants"): an SV
// deletion that removes part of a gene's coding exons, or a breakend inside them, is class `structural`. The
// coding exons are those of the transcript models given (the built-in tables: PIK3CA and PTEN), cut to the CDS;
// a gene without a model is taken by its whole span. Whether a hit counts (PASS) is the caller's policy: hits of
// non-PASS events are returned too, flagged.
#pragma once
#include <string>
#include <vector>

#include "annotators/transcript_model.h"
#include "pipeline/input/structural_records.h"
#include "reference/reference.h"

namespace pathcorr {

struct SvGeneHit {
  std::string gene;
  const SvEvent* event = nullptr;  // points into the events given
  std::string detail;              // what is hit: "removes 142 coding bases of exon 6 of ENST00000371953"
  bool pass = true;                // the event's FILTER was PASS or '.'
};

// One hit per (gene, event) whose deletion overlaps a coding part of the gene (CDS-intersected exons of its model;
// the gene span when no model has the gene) or whose breakend lies inside one. Chromosome names compared without
// "chr". Order: genes in ref.feature_genes() order, then event start, then record. Genes without coordinates in
// `build` are never hit.
std::vector<SvGeneHit> structural_gene_hits(const std::vector<SvEvent>& events, const Reference& ref, Build build,
                                            const std::vector<TranscriptModel>& models);
// The same with the built-in transcript models of `build`.
std::vector<SvGeneHit> structural_gene_hits(const std::vector<SvEvent>& events, const Reference& ref, Build build);

}  // namespace pathcorr
