// The alteration policy shared by every input format (VCF scan, MAF): hotspot tests and the decision of
// SPEC "Default alteration policy" / --policy oncogenic that sets alteration_class, counted and reason of a Call.
#pragma once
#include <string>
#include <vector>

#include "pipeline/scan.h"
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

}  // namespace pathcorr
