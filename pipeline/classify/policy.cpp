// The alteration policy shared by every input format (see policy.h).
#include "pipeline/classify/policy.h"

#include <cctype>
#include <cmath>
#include <cstdlib>

#include "annotators/consequence.h"

namespace pathcorr {

std::vector<std::string> hotspot_terms(const Hotspot& h) {
  if (h.variant_class == "Missense_Mutation") return {"missense_variant"};
  if (h.variant_class == "Nonsense_Mutation") return {"stop_gained"};
  long ref_len = h.ref == "-" ? 0 : static_cast<long>(h.ref.size());
  long alt_len = h.alt == "-" ? 0 : static_cast<long>(h.alt.size());
  long diff = std::labs(ref_len - alt_len);
  if (diff % 3 != 0) return {"frameshift_variant"};
  return {ref_len > alt_len ? "inframe_deletion" : "inframe_insertion"};
}

bool is_hotspot_residue(const Reference& ref, Build build, const std::string& gene, const std::string& change) {
  if (change.empty()) return false;
  if (ref.hotspot_by_protein(build, gene, change)) return true;
  // "H1047R" -> residue "H1047" followed by a single amino-acid letter.
  size_t i = 1;
  while (i < change.size() && std::isdigit(static_cast<unsigned char>(change[i]))) ++i;
  if (i < 2 || i + 1 != change.size() || !std::isalpha(static_cast<unsigned char>(change[0])) ||
      !std::isalpha(static_cast<unsigned char>(change[i])))
    return false;
  const std::string residue = change.substr(0, i);
  for (const auto& h : ref.hotspots(build)) {
    if (h.gene != gene || h.variant_class != "Missense_Mutation") continue;
    if (h.protein_change.size() == residue.size() + 1 && h.protein_change.compare(0, residue.size(), residue) == 0)
      return true;
  }
  return false;
}

void apply_policy(Call& c, const std::vector<std::string>& terms, bool hotspot, bool pass, bool unknown,
                  const ScanOptions& opt, const Reference& ref) {
  std::vector<std::string> why;
  const bool protein_changing = !unknown && is_protein_changing(terms);
  if (unknown) {
    c.alteration_class = "other";
    why.push_back("unknown_consequence");
  } else if (!protein_changing) {
    c.alteration_class = "other";
    std::string r = noncoding_reason(terms);
    why.push_back(r.empty() ? "not_protein_changing" : r);
  } else {
    c.alteration_class = hotspot ? "hotspot" : to_string(classify(terms));
  }
  if (!pass) why.push_back("filter");
  if (!std::isnan(c.depth) && c.depth < opt.min_depth) why.push_back("low_depth");
  if (!std::isnan(c.alt_depth) && c.alt_depth < opt.min_alt_reads) why.push_back("low_alt_reads");
  if (!std::isnan(c.vaf) && c.vaf < opt.min_vaf) why.push_back("low_vaf");
  if (!std::isnan(c.pop_af) && c.pop_af > opt.max_pop_af) why.push_back("germline_pop_af");
  if (opt.policy == Policy::Oncogenic && protein_changing) {
    std::string r = opt.rules.exclusion_reason(c.gene, ref.role(c.gene), c.alteration_class);
    if (!r.empty()) why.push_back(r);
  }
  c.counted = why.empty();
  c.reason.clear();
  for (const auto& w : why) c.reason += (c.reason.empty() ? "" : ",") + w;
}

std::vector<std::string> canonical_transcript_ids(const Reference& ref, Build build, const ScanOptions& opt,
                                                  const std::string& gene) {
  if (auto o = opt.transcripts.find(gene); o != opt.transcripts.end()) return {strip_version(o->second)};
  const Gene* g = ref.gene(build, gene);
  if (!g) return {};
  return {g->canonical_transcript, strip_version(g->canonical_refseq)};
}

ChosenEffect choose_effect(const std::vector<const TranscriptEffect*>& effects,
                           const std::vector<std::string>& canonical, bool overridden) {
  for (const std::string& id : canonical)
    for (const auto* e : effects)
      if (!id.empty() && strip_version(e->transcript) == id)
        return {e, overridden ? "user_transcript" : "canonical_reference"};
  for (const auto* e : effects)
    if (e->canonical) return {e, "annotator_canonical"};
  const TranscriptEffect* best = effects.front();
  int best_rank = so_rank(most_severe(best->so_terms));
  for (const auto* e : effects) {
    int r = so_rank(most_severe(e->so_terms));
    if (r < best_rank) best = e, best_rank = r;
  }
  return {best, "most_severe"};
}

}  // namespace pathcorr
