// Copy-number files to calls (see copy_number_scan.h).
#include "pipeline/classify/copy_number_scan.h"

#include <algorithm>
#include <set>

#include "annotators/transcript_model.h"
#include "pipeline/classify/structural.h"
#include "pipeline/base/errors.h"

namespace pathcorr {

namespace {

// calls.tsv `annotation` and samples.tsv `annotation` of a copy-number file: where the values come from.
const char* source_label(InputFormat f) {
  switch (f) {
    case InputFormat::CnvkitSegments: return "cnvkit";
    case InputFormat::GatkSegments: return "gatk_seg";
    case InputFormat::DnacopySeg: return "seg";
    case InputFormat::PurpleCopyNumber: return "purple";
    case InputFormat::AlleleSpecificSegments: return "ascat_pcgr";
    case InputFormat::DiscreteCnaTable: return "gene_cna_table";
    default: return "copy_number_vcf";
  }
}

const char* scale_label(CnScale s) {
  switch (s) {
    case CnScale::Absolute: return "absolute";
    case CnScale::Log2: return "log2";
    case CnScale::Discrete: return "discrete";
  }
  return "absolute";
}

// Formats whose samples are patients (many per file); the others hold one sample, the file's patient.
bool names_patients(const CopyNumberFile& f) {
  if (f.format == InputFormat::DnacopySeg || f.format == InputFormat::DiscreteCnaTable) return true;
  return f.format == InputFormat::AlleleSpecificSegments && !f.samples.empty() && !f.samples.front().name.empty();
}

struct PatientSample {
  std::string patient;
  const CnSample* sample;
};

// The (patient, sample) pairs the file gives, in file order.
std::vector<PatientSample> patients_of(const CopyNumberFile& f, const CnFileContext& ctx) {
  std::vector<PatientSample> out;
  if (!names_patients(f)) {
    if (f.samples.size() > 1)
      throw InputError(f.path + ": holds " + std::to_string(f.samples.size()) +
                       " samples, but this format holds one patient per file");
    if (!f.samples.empty()) out.push_back({ctx.file_patient, &f.samples.front()});
    else out.push_back({ctx.file_patient, nullptr});
    return out;
  }
  const MafOptions& sheet = ctx.sheet_patients;
  BarcodePatients names(sheet);
  for (const CnSample& s : f.samples) names.count_row(s.name, true);
  names.finish();
  std::map<std::string, std::string> sample_of;  // patient -> sample, to refuse two samples of one patient
  std::set<std::string> declared(sheet.declared_patients.begin(), sheet.declared_patients.end());
  for (const CnSample& s : f.samples) {
    std::string patient = names.patient_of(s.name);
    if (!declared.empty() && !declared.count(patient)) continue;  // another patient of the sheet's file
    auto [it, fresh] = sample_of.emplace(patient, s.name);
    if (!fresh)
      throw InputError(f.path + ": samples '" + it->second + "' and '" + s.name + "' both belong to patient '" +
                       patient + "'; name each patient's sample with a sample sheet (columns patient_id, cnv, "
                       "sample_id)");
    out.push_back({patient, &s});
  }
  for (const std::string& p : sheet.declared_patients)
    if (!sample_of.count(p)) {
      std::string names_seen;
      for (size_t i = 0; i < f.samples.size() && i < 5; ++i) names_seen += (i ? ", " : "") + f.samples[i].name;
      throw InputError(f.path + ": the sample sheet names patient '" + p + "' for this file, but it has no sample " +
                       "of that patient (samples: " + names_seen + (f.samples.size() > 5 ? ", ..." : "") +
                       "); give the file's sample name in the sheet's sample_id column");
    }
  return out;
}

Build build_of(const CopyNumberFile& f, const std::string& patient, const CnFileContext& ctx,
               const ScanOptions& opt) {
  auto vcf = ctx.vcf_build.find(patient);
  std::optional<Build> requested;
  if (opt.build != "auto") requested = parse_build(opt.build);
  if (f.build) {
    if (vcf != ctx.vcf_build.end() && vcf->second != *f.build)
      throw ConflictError(f.path + ": the file is " + to_string(*f.build) + " but patient '" + patient +
                          "''s VCF is " + to_string(vcf->second) + "; give files of one build");
    if (requested && *requested != *f.build)
      throw ConflictError(f.path + ": the file is " + to_string(*f.build) + " but --build says " +
                          to_string(*requested));
    return *f.build;
  }
  if (vcf != ctx.vcf_build.end()) return vcf->second;
  if (requested) return *requested;
  throw InputError(f.path + ": cannot tell the genome build of this copy-number file for patient '" + patient +
                   "' (the file states none and the patient has no VCF in this scan); give --build GRCh37 or "
                   "--build GRCh38");
}

double patient_value(const std::map<std::string, double>& m, const std::string& patient, double fallback) {
  auto it = m.find(patient);
  return it != m.end() && !std::isnan(it->second) ? it->second : fallback;
}

Call cn_call(const std::string& patient, const PatientSample& ps, const Gene& g, Build build,
             const CopyNumberFile& f) {
  Call c;
  c.patient_id = patient;
  c.sample = ps.sample && !ps.sample->name.empty() ? ps.sample->name : "NA";
  c.ref = c.alt = ".";
  c.gene = g.symbol;
  c.transcript = g.canonical_transcript;
  c.filter = ".";
  c.source_file = f.path;
  c.build = to_string(build);
  c.annotation = source_label(f.format);
  c.transcript_choice = "gene_span";
  c.cn_scale = scale_label(f.scale);
  return c;
}

}  // namespace

std::map<std::string, std::vector<std::pair<long long, long long>>> builtin_coding_parts(Build build) {
  std::map<std::string, std::vector<std::pair<long long, long long>>> out;
  for (const TranscriptModel& m : builtin_transcript_models(build)) {
    if (!m.coding()) continue;
    auto& parts = out[m.gene];
    for (const auto& [a, b] : m.exons) {
      const long long from = std::max<long long>(a, m.cds_start), to = std::min<long long>(b, m.cds_end);
      if (from <= to) parts.emplace_back(from, to);
    }
  }
  return out;
}

void apply_copy_number_policy(Call& c, bool pass, const ScanOptions& opt, const Reference& ref) {
  std::vector<std::string> why;
  const std::string& k = c.alteration_class;
  if (opt.policy == Policy::Oncogenic) {
    const std::string r = opt.rules.exclusion_reason(c.gene, ref.role(c.gene), k);
    if (!r.empty()) why.push_back(r);
  } else if (k == "gain") {
    why.push_back("gain_not_amplification");
  } else if (k == "shallow_deletion") {
    why.push_back("shallow_not_deep_deletion");
  }
  if (!pass) why.push_back("filter");
  c.counted = why.empty();
  c.reason.clear();
  for (const auto& w : why) c.reason += (c.reason.empty() ? "" : ",") + w;
}

ScanResult scan_copy_number(const CopyNumberFile& f, const CnFileContext& ctx, const Reference& ref,
                            const ScanOptions& opt) {
  ScanResult out;
  std::map<Build, std::map<std::string, std::vector<std::pair<long long, long long>>>> coding;
  for (const PatientSample& ps : patients_of(f, ctx)) {
    const std::string& patient = ps.patient;
    const Build build = build_of(f, patient, ctx, opt);
    if (!coding.count(build)) coding[build] = builtin_coding_parts(build);
    InputSummary s;
    s.patient_id = patient;
    s.file = f.path;
    s.tumor_sample = ps.sample && !ps.sample->name.empty() ? ps.sample->name : "NA";
    s.build = to_string(build);
    s.annotation = source_label(f.format);
    s.kind = DataKind::CopyNumber;
    CnScaleContext scale;
    scale.scale = f.scale;
    if (f.scale == CnScale::Absolute) {
      scale.ploidy = !std::isnan(f.ploidy) ? f.ploidy : patient_value(ctx.ploidy, patient, opt.ploidy);
      s.ploidy = scale.ploidy;
    } else if (f.scale == CnScale::Log2) {
      scale.purity = patient_value(ctx.purity, patient, f.purity);
      s.purity = scale.purity;
    }
    if (ps.sample) {
      s.segments = static_cast<long>(f.scale == CnScale::Discrete ? ps.sample->gene_values.size()
                                                                   : ps.sample->segments.size());
    }
    s.records = s.records_passing = s.segments;
    for (const std::string& symbol : ref.feature_genes()) {
      const Gene* g = ref.gene(build, symbol);
      GeneCnCall gc;
      if (ps.sample && f.scale == CnScale::Discrete) {
        auto v = ps.sample->gene_values.find(symbol);
        if (v != ps.sample->gene_values.end()) {
          gc.evaluable = true;
          gc.value = gc.max_value = v->second;
          gc.cls = classify_discrete(v->second);
        }
      } else if (ps.sample && g) {
        auto parts = coding[build].find(symbol);
        gc = call_gene(*g, ps.sample->segments, scale, opt.cn,
                       parts != coding[build].end() ? parts->second : std::vector<std::pair<long long, long long>>{});
      }
      if (!gc.evaluable || !g) {  // no segment over it, or a gene table's gene the reference cannot place
        s.not_evaluable.push_back(symbol);
        continue;
      }
      CnClass cls = gc.cls;
      if (opt.cn_partial_amp && gc.partial_amplification) cls = CnClass::Amplification;
      if (cls == CnClass::Neutral) continue;
      Call c = cn_call(patient, ps, *g, build, f);
      const bool partial = cls == CnClass::Amplification && gc.cls != CnClass::Amplification;
      const CnSegment* seg = partial ? gc.max_segment : gc.segment;
      c.cn_value = partial ? gc.max_value : gc.value;
      c.chrom = seg ? seg->chrom : g->chrom;
      c.pos = seg ? seg->start : g->start;
      c.end = seg ? seg->end : g->end;
      c.consequence = c.alteration_class = to_string(cls);
      apply_copy_number_policy(c, true, opt, ref);
      if (gc.partial_amplification && !partial) c.reason += (c.reason.empty() ? "" : ",") + std::string("partial_amplification");
      if (partial) c.transcript_choice = "partial_amplification";
      s.alterations_counted += c.counted ? 1 : 0;
      out.calls.push_back(std::move(c));
    }
    out.inputs.push_back(std::move(s));
  }
  return out;
}

void add_vcf_structural_calls(const VcfStructural& st, const InputSpec& in, Build build, const Reference& ref,
                              const ScanOptions& opt, InputSummary& summary, std::vector<Call>& calls,
                              std::vector<std::string>& warnings) {
  for (const std::string& w : st.warnings) warnings.push_back(w);
  if (st.copy_number_file) {
    CopyNumberFile f;
    f.path = in.path;
    f.format = InputFormat::Vcf;
    f.scale = CnScale::Absolute;
    f.build = build;
    f.samples.push_back(CnSample{"", st.segments, {}, {}});
    CnFileContext ctx;
    ctx.file_patient = summary.patient_id;
    ctx.ploidy[summary.patient_id] = in.ploidy;
    ScanResult r = scan_copy_number(f, ctx, ref, opt);
    for (Call& c : r.calls) {
      c.sample = summary.tumor_sample;
      summary.alterations_counted += c.counted ? 1 : 0;
      calls.push_back(std::move(c));
    }
    summary.kind = DataKind::CopyNumber;
    summary.segments = static_cast<long>(st.segments.size());
    summary.ploidy = r.inputs.front().ploidy;
    summary.annotation = "copy_number_vcf";
    // In a copy-number VCF, as in any VCF, a region without a record is copy neutral: every gene is assessed.
  } else if (st.structural_file && st.symbolic_records * 2 >= summary.records) {
    // An SV caller's file (mostly symbolic and breakend records). A small-variant caller's file with a few
    // symbolic records (VarDict's <INV>, <DUP>) stays a small-variant file: it assessed the small variants.
    summary.kind = DataKind::Structural;
    summary.annotation = "sv_vcf";
  }
  for (const SvGeneHit& hit : structural_gene_hits(st.events, ref, build)) {
    const Gene* g = ref.gene(build, hit.gene);
    Call c;
    c.patient_id = summary.patient_id;
    c.sample = summary.tumor_sample;
    c.chrom = hit.event->chrom;
    c.pos = hit.event->start;
    c.end = hit.event->end;
    c.ref = c.alt = ".";
    c.gene = hit.gene;
    c.transcript = g ? g->canonical_transcript : "";
    c.consequence = c.alteration_class = "structural";
    c.filter = hit.pass ? "PASS" : "not_PASS";
    c.source_file = in.path;
    c.build = to_string(build);
    c.annotation = "sv_vcf";
    c.transcript_choice = hit.event->text + ": " + hit.detail;
    apply_copy_number_policy(c, hit.pass, opt, ref);
    summary.alterations_counted += c.counted ? 1 : 0;
    calls.push_back(std::move(c));
  }
}

}  // namespace pathcorr
