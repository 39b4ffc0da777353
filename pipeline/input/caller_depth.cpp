// Tumour depth and VAF from the callers' fields (see caller_depth.h).
#include "pipeline/input/caller_depth.h"

#include <cctype>
#include <cstring>

namespace pathcorr {

namespace {

bool finite(double x) { return !std::isnan(x); }

// The value for the ALT asked about from a Number=A / Number=R / Number=1 vector.
double per_alt(const RecordValues& r, const std::vector<double>& v) {
  if (v.empty()) return std::nan("");
  if (static_cast<int>(v.size()) == r.n_allele) return v[r.alt_index + 1];
  if (static_cast<int>(v.size()) == r.n_allele - 1) return v[r.alt_index];
  return v[0];
}

// Allele counts of one caller convention: the ALT's reads and the total over the alleles the caller counted.
struct Counts {
  double alt = std::nan("");
  double total = std::nan("");
};

// AD (Number=R: GATK, Mutect2, Strelka2 germline, VarDict ...) or PCGR/TCGA's ADT.
bool counts_ad(const RecordValues& r, Counts& c) {
  std::vector<double> ad = r.format("AD");
  if (ad.empty()) ad = r.format("ADT");
  if (static_cast<int>(ad.size()) != r.n_allele) return false;
  c.alt = ad[r.alt_index + 1];
  double s = 0;
  bool ok = true;
  for (double x : ad) ok = ok && finite(x), s += finite(x) ? x : 0;
  if (ok) c.total = s;
  return true;
}

// VarScan2: AD = alt reads, RD = ref reads (one ALT).
bool counts_varscan(const RecordValues& r, Counts& c) {
  std::vector<double> ad = r.format("AD");
  if (ad.empty()) ad = r.format("ADT");
  const std::vector<double> rd = r.format("RD");
  if (ad.size() != 1 || rd.empty() || r.n_allele != 2) return false;
  c.alt = ad[0];
  if (finite(ad[0]) && finite(rd[0])) c.total = ad[0] + rd[0];
  return true;
}

// FreeBayes: AO (Number=A) and RO.
bool counts_freebayes(const RecordValues& r, Counts& c) {
  const std::vector<double> ao = r.format("AO");
  if (static_cast<int>(ao.size()) != r.n_allele - 1) return false;
  c.alt = ao[r.alt_index];
  const std::vector<double> ro = r.format("RO");
  if (!ro.empty() && finite(ro[0])) {
    double s = ro[0];
    for (double x : ao) s += finite(x) ? x : 0;
    c.total = s;
  }
  return true;
}

// Strelka2 SNVs: {A,C,G,T}U = tier1,tier2 counts per base.
bool counts_strelka_snv(const RecordValues& r, Counts& c) {
  if (r.ref.size() != 1 || r.alt.size() != 1) return false;
  static const char* kTiers[4] = {"AU", "CU", "GU", "TU"};
  double s = 0, a = std::nan("");
  bool any = false;
  for (int b = 0; b < 4; ++b) {
    const std::vector<double> t = r.format(kTiers[b]);
    if (t.empty() || !finite(t[0])) continue;
    any = true;
    s += t[0];
    if (std::toupper(static_cast<unsigned char>(r.alt[0])) == "ACGT"[b]) a = t[0];
  }
  if (!any) return false;
  c.alt = a;
  c.total = s;
  return true;
}

// Strelka2 indels: TIR (ALT) and TAR (REF), tier1,tier2; tried only when nothing above gave counts.
bool counts_strelka_indel(const RecordValues& r, Counts& c) {
  const std::vector<double> tar = r.format("TAR"), tir = r.format("TIR");
  if (tar.empty() || tir.empty() || !finite(tar[0]) || !finite(tir[0])) return false;
  c.alt = tir[0];
  c.total = tar[0] + tir[0];
  return true;
}

// The conventions, in the order they are tried; the first whose fields the record has gives the counts.
using CountConvention = bool (*)(const RecordValues&, Counts&);
constexpr CountConvention kCountConventions[] = {counts_ad, counts_varscan, counts_freebayes, counts_strelka_snv};

// FORMAT tags holding the tumour depth, and the VAF (FREQ: VarScan2's percent, "48.7%" or 48.7).
constexpr const char* kDepthTags[] = {"DP", "DPT"};
constexpr const char* kVafTags[] = {"AF", "FA", "FREQ"};

}  // namespace

AlleleDepth allele_depth(const RecordValues& r, const DepthTags& tags) {
  AlleleDepth d;
  // 1. User-declared tags override the caller conventions (FORMAT first, then INFO).
  auto declared = [&](const std::string& tag) {
    std::vector<double> v = r.format(tag.c_str());
    return v.empty() ? r.info(tag.c_str()) : v;
  };
  if (!tags.depth.empty()) {
    const std::vector<double> v = declared(tags.depth);
    if (!v.empty()) d.depth = v[0];
  }
  if (!tags.alt_depth.empty()) d.alt_depth = per_alt(r, declared(tags.alt_depth));
  if (!tags.vaf.empty()) d.vaf = per_alt(r, declared(tags.vaf));

  // 2. Allele counts, 3. depth, 4. VAF of the tumour sample.
  Counts counts;
  for (CountConvention convention : kCountConventions)
    if (convention(r, counts)) break;
  if (!finite(counts.total) && !finite(counts.alt) && !finite(d.alt_depth)) counts_strelka_indel(r, counts);
  if (!finite(d.alt_depth)) d.alt_depth = counts.alt;
  for (const char* tag : kDepthTags) {
    if (finite(d.depth)) break;
    const std::vector<double> v = r.format(tag);
    if (!v.empty()) d.depth = v[0];
    if (!v.empty()) break;
  }
  for (const char* tag : kVafTags) {
    if (finite(d.vaf)) break;
    const std::vector<double> v = r.format(tag);
    if (v.empty()) continue;
    d.vaf = per_alt(r, v);
    if (std::strcmp(tag, "FREQ") == 0 && d.vaf > 1.0) d.vaf /= 100.0;  // FREQ declared numeric, in percent
    break;
  }
  // INFO-level conventions (PCGR/TCGA merged VCFs): TVAF, TDP.
  if (!finite(d.vaf)) {
    const std::vector<double> v = r.info("TVAF");
    if (!v.empty()) d.vaf = per_alt(r, v);
  }
  if (!finite(d.depth)) {
    const std::vector<double> v = r.info("TDP");
    if (!v.empty()) d.depth = v[0];
  }
  // 5. What the counts give when the caller wrote no depth or VAF.
  if (!finite(d.depth) && finite(counts.total)) d.depth = counts.total;
  if (!finite(d.vaf) && finite(d.alt_depth)) {
    const double denom = finite(counts.total) ? counts.total : d.depth;
    if (finite(denom) && denom > 0) d.vaf = d.alt_depth / denom;
  }
  return d;
}

}  // namespace pathcorr
