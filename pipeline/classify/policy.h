// The alteration policy shared by every input format (VCF scan, MAF): hotspot tests and the decision of
// SPEC "Default alteration policy" / --policy oncogenic that sets alteration_class, counted and reason of a Call.
#pragma once
#include <string>
#include <vector>

#include "annotators/annotation.h"
#include "pipeline/classify/scan.h"
#include "reference/reference.h"

namespace pathcorr {

// SO consequence of a hotspot-table row (used when only the table says what the change is).
std::vector<std::string> hotspot_terms(const Hotspot& h);
// Residue-level hotspot test: cancerhotspots defines hotspots by residue, so any missense change at a hotspot
// residue (H1047R, H1047L, H1047Y at H1047) is a hotspot; other changes must match the table exactly.
bool is_hotspot_residue(const Reference& ref, Build build, const std::string& gene, const std::string& change);
// Sets c.alteration_class, c.counted and c.reason (every failing rule, comma-separated). `unknown`: an unannotated
// allele in a gene that is not a hotspot (consequence unknown).
void apply_policy(Call& c, const std::vector<std::string>& terms, bool hotspot, bool pass, bool unknown,
                  const ScanOptions& opt, const Reference& ref);

// The transcript IDs (without version) whose effect is read for `gene`: the --transcripts choice alone, else the
// reference's canonical Ensembl and RefSeq IDs (RefSeq for annotations built on RefSeq, e.g. ANNOVAR refGene).
std::vector<std::string> canonical_transcript_ids(const Reference& ref, Build build, const ScanOptions& opt,
                                                  const std::string& gene);

// The effect of one gene to read, among that gene's transcript effects (not empty): the first whose transcript is
// one of `canonical` ("canonical_reference", or "user_transcript" when `overridden`), else the annotator's
// canonical flag ("annotator_canonical"), else the most severe consequence ("most_severe").
struct ChosenEffect {
  const TranscriptEffect* effect;
  std::string how;
};
ChosenEffect choose_effect(const std::vector<const TranscriptEffect*>& effects,
                           const std::vector<std::string>& canonical, bool overridden);

}  // namespace pathcorr
