// Allele records to calls (see classifier.h).
#include "pipeline/classify/classifier.h"

#include <cmath>

#include "annotators/consequence.h"
#include "pipeline/base/protein.h"
#include "pipeline/classify/policy.h"
#include "pipeline/input/vcf_input.h"

namespace pathcorr {

namespace {

std::string join_terms(const std::vector<std::string>& terms) {
  std::string s;
  for (const auto& t : terms) s += (s.empty() ? "" : "&") + t;
  return s;
}

bool is_bases(const std::string& a) {
  if (a.empty()) return false;
  for (char ch : a)
    if (!std::isalpha(static_cast<unsigned char>(ch))) return false;
  return true;
}

// The larger of two population AFs, NaN when neither is known.
double higher_pop_af(double a, double b) { return !std::isnan(b) && !(a >= b) ? b : a; }

// "ENSP00000263967.3:p.His1047Arg" -> "p.His1047Arg": the transcript column already names the feature.
std::string without_feature(const std::string& hgvsp) {
  const size_t k = hgvsp.find(":p.");
  return k == std::string::npos ? hgvsp : hgvsp.substr(k + 1);
}

}  // namespace

Classifier::Classifier(const Reference& ref, Build build, const ScanOptions& opt, std::string source_file)
    : ref_(ref), build_(build), opt_(opt), source_file_(std::move(source_file)) {
  for (const auto& g : ref_.feature_genes()) {
    genes_.insert(g);
    const Gene* x = ref_.gene(build_, g);
    if (x && !x->ensembl_gene_id.empty()) symbol_of_id_[x->ensembl_gene_id] = g;
  }
}

void Classifier::classify(const AlleleRecord& r, std::vector<Call>& out) {
  switch (r.source) {
    case EffectSource::Candidates: from_candidates(r, out); break;
    case EffectSource::Stated: from_stated(r, out); break;
    case EffectSource::None: from_position(r, out); break;
  }
}

Call Classifier::base_call(const AlleleRecord& r) const {
  Call c;
  c.patient_id = r.patient_id;
  c.sample = r.sample;
  c.chrom = r.chrom;
  c.pos = r.pos;
  c.ref = r.ref;
  c.alt = r.alt;
  c.filter = r.filter;
  c.source_file = source_file_;
  c.build = to_string(build_);
  c.annotation = r.annotation;
  c.vaf = r.vaf;
  c.depth = r.depth;
  c.alt_depth = r.alt_depth;
  return c;
}

// The hotspot-table row the allele is, in the file's allele style. A MAF allele has no anchor base: a deletion of
// `ref` at Start is the VCF deletion anchored one base before, an insertion after Start is anchored at Start.
const Hotspot* Classifier::genomic_hotspot(const AlleleRecord& r) const {
  if (r.style == AlleleStyle::Vcf) return ref_.hotspot_at(build_, canonical_chrom(r.chrom), r.pos, r.ref, r.alt);
  const bool ref_empty = r.ref == "-", alt_empty = r.alt == "-";
  if (ref_empty && alt_empty) return nullptr;
  if ((!ref_empty && !is_bases(r.ref)) || (!alt_empty && !is_bases(r.alt))) return nullptr;
  if (ref_empty) return ref_.hotspot_at(build_, r.chrom, r.pos, "N", "N" + r.alt);
  if (alt_empty) return ref_.hotspot_at(build_, r.chrom, r.pos - 1, "N" + r.ref, "N");
  return ref_.hotspot_at(build_, r.chrom, r.pos, r.ref, r.alt);
}

std::string Classifier::canonical_transcript(const std::string& gene) const {
  auto o = opt_.transcripts.find(gene);
  if (o != opt_.transcripts.end()) return o->second;
  const Gene* g = ref_.gene(build_, gene);
  return g ? g->canonical_transcript : std::string();
}

void Classifier::from_candidates(const AlleleRecord& r, std::vector<Call>& out) {
  std::map<std::string, std::vector<const TranscriptEffect*>> by_gene;
  for (const auto& e : r.effects)
    if (genes_.count(e.gene)) {
      by_gene[e.gene].push_back(&e);
    } else if (auto id = symbol_of_id_.find(strip_version(e.gene)); id != symbol_of_id_.end()) {
      by_gene[id->second].push_back(&e);
    }
  if (by_gene.empty()) return;
  const Hotspot* genomic = genomic_hotspot(r);
  for (auto& [gene, list] : by_gene) {
    ChosenEffect ch =
        choose_effect(list, canonical_transcript_ids(ref_, build_, opt_, gene), opt_.transcripts.count(gene) > 0);
    if (r.style == AlleleStyle::Maf) {
      // A table row (ANNOVAR) is read as the MAF row its chosen effect makes.
      Call c = stated_call(r, gene, *ch.effect, ch.how);
      if (c.transcript.empty()) c.transcript = "NA";
      out.push_back(std::move(c));
      continue;
    }
    const TranscriptEffect& e = *ch.effect;
    Call c = base_call(r);
    c.gene = gene;
    c.transcript = e.transcript;
    c.transcript_choice = ch.how;
    c.consequence = join_terms(e.so_terms);
    c.hgvsp = without_feature(e.hgvsp);
    c.protein_change = e.hgvsp_short.empty() ? short_protein_change(e.hgvsp) : e.hgvsp_short;
    c.pop_af = higher_pop_af(e.max_pop_af, r.pop_af);
    const bool hotspot = (genomic && genomic->gene == gene) ||
                         (is_protein_changing(e.so_terms) && is_hotspot_residue(ref_, build_, gene, c.protein_change));
    apply_policy(c, e.so_terms, hotspot, r.pass, false, opt_, ref_);
    out.push_back(std::move(c));
  }
}

void Classifier::from_stated(const AlleleRecord& r, std::vector<Call>& out) {
  const TranscriptEffect& e = r.effects.front();
  out.push_back(stated_call(r, e.gene, e, "maf"));
}

// A call whose gene, transcript, consequence and protein change the file states (a MAF row, or an ANNOVAR row's
// chosen effect); MAF-style alleles. Reduced MAFs may state no consequence or protein change: the hotspot table
// then says what the change is.
Call Classifier::stated_call(const AlleleRecord& r, const std::string& gene, const TranscriptEffect& e,
                             const std::string& choice) const {
  Call c = base_call(r);
  c.gene = gene;
  c.transcript = e.transcript;
  // Only a fallback for MAFs without a transcript column: the row was annotated on some transcript.
  if (c.transcript.empty()) c.transcript = canonical_transcript(c.gene);
  c.transcript_choice = choice;
  c.hgvsp = without_feature(e.hgvsp);
  c.protein_change = e.hgvsp_short;
  c.pop_af = higher_pop_af(e.max_pop_af, r.pop_af);
  std::vector<std::string> terms = e.so_terms;
  const Hotspot* genomic = genomic_hotspot(r);
  if (genomic && genomic->gene != c.gene) genomic = nullptr;
  if (genomic) {
    if (terms.empty()) terms = hotspot_terms(*genomic);
    if (c.protein_change.empty()) {  // reduced MAFs (PCGR, maftools) carry no protein change
      c.protein_change = genomic->protein_change;
      if (c.hgvsp.empty()) c.hgvsp = "p." + genomic->protein_change;
    }
  }
  c.consequence = join_terms(terms);
  const bool hotspot =
      genomic || (is_protein_changing(terms) && is_hotspot_residue(ref_, build_, c.gene, c.protein_change));
  apply_policy(c, terms, hotspot, r.pass, false, opt_, ref_);
  return c;
}

void Classifier::from_position(const AlleleRecord& r, std::vector<Call>& out) {
  const Hotspot* genomic = genomic_hotspot(r);
  for (const Gene* g : ref_.genes_at(build_, canonical_chrom(r.chrom), r.pos)) {
    if (!genes_.count(g->symbol)) continue;
    Call c = base_call(r);
    c.gene = g->symbol;
    c.transcript = canonical_transcript(g->symbol);
    c.pop_af = r.pop_af;
    if (genomic && genomic->gene == g->symbol) {
      c.transcript_choice = "hotspot_table";
      auto terms = hotspot_terms(*genomic);
      c.consequence = join_terms(terms);
      c.hgvsp = "p." + genomic->protein_change;
      c.protein_change = genomic->protein_change;
      apply_policy(c, terms, true, r.pass, false, opt_, ref_);
    } else {
      c.transcript_choice = "none";
      c.consequence = "unknown";
      c.hgvsp = "";
      ++unknown_in_genes_;
      apply_policy(c, {}, false, r.pass, true, opt_, ref_);
    }
    out.push_back(std::move(c));
  }
}

}  // namespace pathcorr
