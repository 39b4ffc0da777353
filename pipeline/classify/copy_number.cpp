// Copy-number levels and gene calls (see copy_number.h).
#include "pipeline/classify/copy_number.h"

#include <algorithm>
#include <utility>

#include "pipeline/base/genome.h"

namespace pathcorr {

const char* to_string(CnClass c) {
  switch (c) {
    case CnClass::DeepDeletion: return "deep_deletion";
    case CnClass::ShallowDeletion: return "shallow_deletion";
    case CnClass::Neutral: return "neutral";
    case CnClass::Gain: return "gain";
    case CnClass::Amplification: return "amplification";
  }
  return "neutral";
}

int discrete_value(CnClass c) {
  switch (c) {
    case CnClass::DeepDeletion: return -2;
    case CnClass::ShallowDeletion: return -1;
    case CnClass::Neutral: return 0;
    case CnClass::Gain: return 1;
    case CnClass::Amplification: return 2;
  }
  return 0;
}

CnClass classify_absolute(double cn, double ploidy, const CnThresholds& t) {
  if (cn < t.deep_below) return CnClass::DeepDeletion;
  if (cn < ploidy - t.shallow_margin) return CnClass::ShallowDeletion;
  if (cn >= t.amp_factor * ploidy) return CnClass::Amplification;
  if (cn > ploidy + t.gain_margin) return CnClass::Gain;
  return CnClass::Neutral;
}

double rescale_log2_for_purity(double r, double purity) {
  if (std::isnan(purity) || purity >= 1 || purity <= 0) return r;
  return std::log2(std::max((std::exp2(r) - (1 - purity)) / purity, 1e-3));
}

CnClass classify_log2(double log2_ratio, const CnThresholds& t, double purity) {
  const double r = rescale_log2_for_purity(log2_ratio, purity);
  if (r < t.log2_deep) return CnClass::DeepDeletion;
  if (r < t.log2_shallow) return CnClass::ShallowDeletion;
  if (r >= t.log2_amp) return CnClass::Amplification;
  if (r > t.log2_gain) return CnClass::Gain;
  return CnClass::Neutral;
}

CnClass classify_discrete(double v) {
  if (v <= -1.5) return CnClass::DeepDeletion;
  if (v <= -0.5) return CnClass::ShallowDeletion;
  if (v >= 1.5) return CnClass::Amplification;
  if (v >= 0.5) return CnClass::Gain;
  return CnClass::Neutral;
}

namespace {

CnClass classify(double value, const CnScaleContext& s, const CnThresholds& t) {
  switch (s.scale) {
    case CnScale::Absolute: return classify_absolute(value, s.ploidy, t);
    case CnScale::Log2: return classify_log2(value, t, s.purity);
    case CnScale::Discrete: return classify_discrete(value);
  }
  return CnClass::Neutral;
}

}  // namespace

GeneCnCall call_gene(const Gene& gene, const std::vector<CnSegment>& segments, const CnScaleContext& scale,
                     const CnThresholds& t, const std::vector<std::pair<long long, long long>>& must_cover) {
  GeneCnCall call;
  const std::string chrom = canonical_chrom(gene.chrom);
  std::vector<std::pair<long long, long long>> covered;  // parts of the gene the overlapping segments cover
  for (const CnSegment& s : segments) {
    if (s.end < gene.start || s.start > gene.end || std::isnan(s.value)) continue;
    if (canonical_chrom(s.chrom) != chrom) continue;
    covered.emplace_back(std::max<long long>(s.start, gene.start), std::min<long long>(s.end, gene.end));
    if (!call.evaluable || s.value < call.value) {
      call.value = s.value;
      call.segment = &s;
    }
    if (!call.evaluable || s.value > call.max_value) {
      call.max_value = s.value;
      call.max_segment = &s;
    }
    call.evaluable = true;
  }
  if (!call.evaluable) return call;
  std::sort(covered.begin(), covered.end());
  std::vector<std::pair<long long, long long>> need = must_cover;
  if (need.empty()) need.emplace_back(gene.start, gene.end);
  call.covers_gene = true;
  for (const auto& [from, to] : need) {  // each part must be covered by the union of the segments
    long long next = from;               // first base of the part not yet known to be covered
    for (const auto& [a, b] : covered) {
      if (b < next) continue;
      if (a > next) break;
      next = b + 1;
    }
    if (next <= to) call.covers_gene = false;
  }
  call.cls = classify(call.value, scale, t);
  if (!call.covers_gene && (call.cls == CnClass::Gain || call.cls == CnClass::Amplification))
    call.cls = CnClass::Neutral;
  call.partial_amplification =
      call.cls != CnClass::Amplification && classify(call.max_value, scale, t) == CnClass::Amplification;
  return call;
}

}  // namespace pathcorr
