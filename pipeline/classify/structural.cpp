// structural_gene_hits: see structural.h.
#include "pipeline/classify/structural.h"

#include <algorithm>
#include <cstdint>

#include "pipeline/base/genome.h"

namespace pathcorr {

namespace {

// A coding part of a gene: one exon cut to the CDS (number = its exon number in transcription order), or, for a
// gene without a model, the gene span (number 0).
struct CodingPart {
  int64_t start = 0, end = 0;
  int number = 0;
};

const TranscriptModel* model_of(const std::string& gene, const std::vector<TranscriptModel>& models) {
  const TranscriptModel* best = nullptr;
  for (const TranscriptModel& m : models) {
    if (m.gene != gene || !m.coding()) continue;
    if (!best || (m.canonical && !best->canonical)) best = &m;
  }
  return best;
}

std::vector<CodingPart> coding_parts(const Gene& gene, const TranscriptModel* model) {
  std::vector<CodingPart> parts;
  if (!model) {
    parts.push_back({gene.start, gene.end, 0});
    return parts;
  }
  const int n = static_cast<int>(model->exons.size());
  for (int i = 0; i < n; ++i) {
    const int64_t s = std::max(model->exons[static_cast<size_t>(i)].first, model->cds_start);
    const int64_t e = std::min(model->exons[static_cast<size_t>(i)].second, model->cds_end);
    if (s <= e) parts.push_back({s, e, model->strand == '-' ? n - i : i + 1});
  }
  return parts;
}

std::string exon_list(const std::vector<int>& numbers) {
  std::vector<int> v = numbers;
  std::sort(v.begin(), v.end());
  if (v.size() == 1) return "exon " + std::to_string(v.front());
  if (v.back() - v.front() + 1 == static_cast<int>(v.size()))
    return "exons " + std::to_string(v.front()) + "-" + std::to_string(v.back());
  std::string s = "exons ";
  for (size_t i = 0; i < v.size(); ++i) s += (i ? "," : "") + std::to_string(v[i]);
  return s;
}

// The detail of a hit of `event` on `parts`, "" when it misses them.
std::string hit_detail(const SvEvent& event, const std::vector<CodingPart>& parts, const Gene& gene,
                       const TranscriptModel* model) {
  int64_t bases = 0;
  std::vector<int> numbers;
  for (const CodingPart& p : parts) {
    const int64_t s = std::max<int64_t>(p.start, event.start), e = std::min<int64_t>(p.end, event.end);
    if (s > e) continue;
    bases += e - s + 1;
    numbers.push_back(p.number);
  }
  if (numbers.empty()) return "";
  const bool deletion = event.kind == SvEvent::Kind::Deletion;
  if (!model) {
    return deletion ? "deletion overlaps " + std::to_string(bases) + (bases == 1 ? " base" : " bases") + " of the " + gene.symbol +
                          " gene span (no exon table)"
                    : "breakend inside the " + gene.symbol + " gene span (no exon table)";
  }
  const std::string where = exon_list(numbers) + " of " + model->transcript_id;
  return deletion ? "removes " + std::to_string(bases) + (bases == 1 ? " coding base of " : " coding bases of ") + where
                  : "breakend in the coding part of " + where;
}

}  // namespace

std::vector<SvGeneHit> structural_gene_hits(const std::vector<SvEvent>& events, const Reference& ref, Build build,
                                            const std::vector<TranscriptModel>& models) {
  if (events.empty()) return {};
  std::vector<const SvEvent*> order;
  for (const SvEvent& e : events) order.push_back(&e);
  std::stable_sort(order.begin(), order.end(), [](const SvEvent* a, const SvEvent* b) {
    return a->start != b->start ? a->start < b->start : a->record < b->record;
  });
  std::vector<SvGeneHit> hits;
  for (const std::string& symbol : ref.feature_genes()) {
    const Gene* gene = ref.gene(build, symbol);
    if (!gene) continue;
    const TranscriptModel* model = model_of(symbol, models);
    if (model && canonical_chrom(model->chrom) != canonical_chrom(gene->chrom)) model = nullptr;
    const std::vector<CodingPart> parts = coding_parts(*gene, model);
    const std::string chrom = canonical_chrom(gene->chrom);
    if (parts.empty()) continue;  // a model of no coding exon
    const int64_t lo = parts.front().start, hi = parts.back().end;  // parts are in genomic order
    for (const SvEvent* e : order) {
      if (e->end < lo || e->start > hi || canonical_chrom(e->chrom) != chrom) continue;
      std::string detail = hit_detail(*e, parts, *gene, model);
      if (!detail.empty()) hits.push_back({symbol, e, std::move(detail), e->pass});
    }
  }
  return hits;
}

std::vector<SvGeneHit> structural_gene_hits(const std::vector<SvEvent>& events, const Reference& ref, Build build) {
  return structural_gene_hits(events, ref, build, builtin_transcript_models(build));
}

}  // namespace pathcorr
