// Copy-number levels (SPEC "Copy number and structural variants"): a segment value - absolute copy number, log2
// ratio or a discrete -2..2 call - to a class, and a gene's call from the segments over its span: the lowest value
// of the segments overlapping the gene decides (so a focal loss inside the gene counts), and a gain or an
// amplification must cover the whole gene.
#pragma once
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "pipeline/input/copy_number_records.h"
#include "reference/reference.h"

namespace pathcorr {

enum class CnClass { DeepDeletion, ShallowDeletion, Neutral, Gain, Amplification };
// "deep_deletion", "shallow_deletion", "neutral", "gain", "amplification".
const char* to_string(CnClass c);
// The cBioPortal discrete value of a class: -2, -1, 0, 1, 2.
int discrete_value(CnClass c);

// The cut-offs; the defaults are SPEC's. Absolute copy number is compared with the ploidy P: deep deletion below
// `deep_below`, shallow below P - `shallow_margin`, gain above P + `gain_margin`, amplification from
// `amp_factor` x P. Log2 ratios use CNVkit `call`'s default thresholds.
struct CnThresholds {
  double deep_below = 0.5;
  double shallow_margin = 0.5;
  double gain_margin = 0.5;
  double amp_factor = 2.0;
  double log2_deep = -1.1;     // below: deep deletion
  double log2_shallow = -0.25; // below: shallow deletion
  double log2_gain = 0.2;      // above: gain
  double log2_amp = 0.7;       // from: amplification
};

CnClass classify_absolute(double copy_number, double ploidy, const CnThresholds& t);
// With a purity in (0, 1), the ratio is first rescaled to a pure tumour as CNVkit `call --purity` does for an
// autosome: log2(max((2^r - (1 - purity)) / purity, 1e-3)). NaN or 1: no rescaling.
CnClass classify_log2(double log2_ratio, const CnThresholds& t, double purity = std::nan(""));
// -2..2 (cBioPortal, GISTIC); values in between (MSK-IMPACT's -1.5) go to the nearer class, ties away from 0.
CnClass classify_discrete(double value);
double rescale_log2_for_purity(double log2_ratio, double purity);

struct GeneCnCall {
  bool evaluable = false;           // some segment overlaps the gene
  CnClass cls = CnClass::Neutral;
  double value = std::nan("");      // the deciding (lowest) value
  const CnSegment* segment = nullptr;  // the deciding segment
  bool covers_gene = false;         // the overlapping segments cover the whole gene (its `must_cover` parts)
  double max_value = std::nan("");     // the highest overlapping value, and its segment
  const CnSegment* max_segment = nullptr;
  // The highest value is at amplification level but the gene as a whole is not amplified (part of it is at a
  // lower level or not covered): PURPLE's PARTIAL_AMP. Counted as an amplification only when asked.
  bool partial_amplification = false;
};

struct CnScaleContext {
  CnScale scale = CnScale::Log2;
  double ploidy = 2;                // for CnScale::Absolute
  double purity = std::nan("");     // for CnScale::Log2
};

// The call of `gene` from `segments` (any order; chromosome names compared without "chr"). Not evaluable when no
// segment overlaps the gene's span. A gain or amplification whose segments leave part of `must_cover` uncovered
// is written neutral: the rest of the gene is not known to be gained. `must_cover`: the parts of the gene an
// amplification must cover, 1-based closed (the coding exons of its model, see coding_parts); empty = the span.
GeneCnCall call_gene(const Gene& gene, const std::vector<CnSegment>& segments, const CnScaleContext& scale,
                     const CnThresholds& t, const std::vector<std::pair<long long, long long>>& must_cover = {});

}  // namespace pathcorr
