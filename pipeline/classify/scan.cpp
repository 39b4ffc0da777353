// `scan`: VCF records to alteration calls (see scan.h).
#include "pipeline/classify/scan.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <cmath>
#include <cstring>
#include <exception>
#include <iostream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "annotators/annotation.h"
#include "annotators/consequence.h"
#include "annotators/consequence_caller.h"
#include "annotators/transcript_model.h"
#include "pipeline/base/errors.h"
#include "pipeline/base/population_af.h"
#include "pipeline/base/protein.h"
#include "pipeline/classify/annovar_table.h"
#include "pipeline/classify/maf.h"
#include "pipeline/classify/policy.h"
#include "pipeline/classify/sample_sheet.h"
#include "pipeline/io/table_io.h"
#include "pipeline/input/targets.h"

namespace pathcorr {

Policy parse_policy(const std::string& s) {
  if (s == "default") return Policy::Default;
  if (s == "oncogenic") return Policy::Oncogenic;
  throw UsageError("--policy must be 'default' or 'oncogenic', not '" + s + "'");
}

std::vector<InputSpec> inputs_from_paths(const std::vector<std::string>& paths) {
  std::vector<InputSpec> out;
  for (const auto& f : expand_inputs(paths)) {
    InputSpec in;
    in.path = f;
    // A MAF names its patients itself; an ANNOVAR table may (Tumor_Sample_Barcode), else its file name does.
    in.patient_id = looks_like_maf(f) ? "" : patient_from_filename(f);
    out.push_back(in);
  }
  return out;
}

std::vector<InputSpec> inputs_from_sheet(const std::string& sheet_path) {
  std::vector<InputSpec> out;
  for (const auto& row : read_sample_sheet(sheet_path)) {
    InputSpec in;
    in.path = row.vcf;
    in.patient_id = row.patient_id;
    in.tumor_sample = row.tumor_sample;
    in.targets = row.targets;
    in.sample_id = row.sample_id;
    in.from_sheet = true;
    out.push_back(in);
  }
  return out;
}

std::map<std::string, std::string> read_transcript_overrides(const std::string& path) {
  TextTable t = read_table(path, Delimiter::Auto, true);
  const int g = t.require_column("gene"), tr = t.require_column("transcript");
  std::map<std::string, std::string> out;
  for (size_t i = 0; i < t.rows.size(); ++i) {
    const std::string at = path + ":" + std::to_string(t.line_numbers[i]);
    const std::string& gene = t.rows[i][g];
    std::string id = t.rows[i][tr];
    if (gene.empty() || id.empty()) throw InputError(at + ": empty gene or transcript");
    id = id.substr(0, id.find('.'));
    if (!out.emplace(gene, id).second) throw InputError(at + ": gene " + gene + " is listed twice");
  }
  return out;
}

namespace {

std::string join_terms(const std::vector<std::string>& terms) {
  std::string s;
  for (const auto& t : terms) s += (s.empty() ? "" : "&") + t;
  return s;
}


class FileScanner {
 public:
  FileScanner(const InputSpec& in, const Reference& ref, const ScanOptions& opt, const TargetRegions* targets)
      : in_(in), ref_(ref), opt_(opt), targets_(targets), vcf_(in.path) {}

  ScanResult run() {
    ScanResult out;
    InputSummary s;
    s.patient_id = in_.patient_id;
    s.file = in_.path;
    tumor_ = vcf_.choose_tumor_sample(!in_.tumor_sample.empty() ? in_.tumor_sample : opt_.tumor_sample);
    s.tumor_sample = tumor_ >= 0 ? vcf_.samples()[tumor_] : "NA";
    build_ = vcf_.detect_build(opt_.build);
    s.build = to_string(build_);
    try {
      reader_ = make_annotation_reader(vcf_.header_text(), opt_.annotation);
    } catch (const UsageError&) {
      throw;
    } catch (const Error& e) {
      throw InputError(in_.path + ": " + e.what());
    }
    s.annotation = reader_ ? reader_->dialect() : "none";
    for (const InfoHeader& h : parse_info_headers(vcf_.header_text()))
      if (is_population_af_field(h.id, AfNaming::InfoKey)) pop_tags_.emplace_back(h.id, h.number == "A");
    for (const auto& g : ref_.feature_genes()) {
      genes_.insert(g);
      needles_.insert(g);
      // Annotations built on Ensembl genes (ANNOVAR ensGene) name the gene by its ID.
      const Gene* x = ref_.gene(build_, g);
      if (x && !x->ensembl_gene_id.empty()) {
        symbol_of_id_[x->ensembl_gene_id] = g;
        needles_.insert(x->ensembl_gene_id);
      }
    }
    for (const std::string& n : needles_) {
      // A symbol holding '.' is looked up up to its '.', as a versioned ID is.
      std::string key = n.substr(0, n.find('.'));
      needle_first_[static_cast<unsigned char>(key.empty() ? '.' : key[0])] = true;
      needle_min_ = std::min(needle_min_, key.size());
      needle_max_ = std::max(needle_max_, key.size());
    }
    for (const std::string& n : std::set<std::string>(needles_)) needles_.insert(n.substr(0, n.find('.')));
    if (!opt_.fasta.empty()) {
      // Our own consequence calling for records the file does not annotate.
      auto models = opt_.gtf.empty() ? builtin_transcript_models(build_) : read_transcript_models(opt_.gtf);
      std::vector<TranscriptModel> wanted;
      for (auto& m : models)
        if (genes_.count(m.gene)) wanted.push_back(std::move(m));
      caller_ = std::make_unique<ConsequenceCaller>(opt_.fasta, std::move(wanted));
      if (!reader_) s.annotation = "pathcorr";
    }
    if (targets_) {
      s.targets = targets_->path();
      for (const auto& g : ref_.feature_genes()) {
        const Gene* x = ref_.gene(build_, g);
        if (x && !targets_->overlaps(x->chrom, x->start, x->end)) s.not_evaluable.push_back(g);
      }
    }

    while (vcf_.next()) {
      ++s.records;
      if (vcf_.filter_pass()) ++s.records_passing;
      scan_record(out.calls, s);
    }
    for (const auto& c : out.calls) s.alterations_counted += c.counted ? 1 : 0;
    if (unknown_in_genes_ > 0 && !opt_.quiet)
      std::cerr << "pathcorr: warning: " << in_.path << ": " << unknown_in_genes_
                << " variant allele(s) inside pathway genes are not hotspots and the file carries no annotation; "
                   "they are written with consequence 'unknown' and not counted (annotate the VCF with VEP, SnpEff "
                   "or bcftools csq to count them)\n";
    for (const auto& w : vcf_.warnings())
      if (!opt_.quiet) std::cerr << "pathcorr: warning: " << w << "\n";
    if (vcf_.odd_alts() > 0 && !opt_.quiet)
      std::cerr << "pathcorr: warning: " << vcf_.odd_alts()
                << " ALT allele(s) are not VCF alleles and were not called, the first at " << vcf_.first_odd_alt()
                << "\n";
    out.inputs.push_back(s);
    return out;
  }

 private:
  void scan_record(std::vector<Call>& calls, const InputSummary& s) {
    bcf1_t* r = vcf_.record();
    const std::string chrom = bcf_hdr_id2name(vcf_.header(), r->rid);
    const std::string nchrom = canonical_chrom(chrom);
    const long long pos = r->pos + 1;
    // Cheap pre-filter: unannotated records outside every gene need no further work.
    std::vector<std::string> info_values;
    bool annotated = false;
    if (reader_) {
      for (const auto& tag : reader_->info_tags()) {
        info_values.push_back(tag == kWholeInfoColumn ? vcf_.info_column() : vcf_.info_string(tag.c_str()));
        if (!info_values.back().empty()) annotated = true;
      }
    }
    // An annotation that names no gene of the set gives no call: skip splitting it (most records of an exome).
    if (annotated && !names_a_gene(info_values)) return;
    const bool called = !annotated && caller_;  // consequences from sequence (--fasta): its models say the genes
    std::vector<const Gene*> span_genes;
    if (!annotated && !called) {
      span_genes = ref_.genes_at(build_, nchrom, pos);
      if (span_genes.empty()) return;
    }
    AlleleContext ctx;
    ctx.ref = r->d.allele[0];
    for (int i = 1; i < r->n_allele; ++i) ctx.alts.emplace_back(r->d.allele[i]);
    const std::string filter = vcf_.filter_text();
    const bool pass = vcf_.filter_pass();
    const std::vector<double> info_pop_af = info_population_af(ctx.alts.size());

    for (int a = 0; a < static_cast<int>(ctx.alts.size()); ++a) {
      if (!is_sequence_allele(ctx.alts[a].c_str())) continue;  // *, <DEL>, breakends, '.'
      ctx.alt_index = a;
      Call base;
      base.patient_id = in_.patient_id;
      base.sample = s.tumor_sample;
      base.chrom = chrom;
      base.pos = pos;
      base.ref = ctx.ref;
      base.alt = ctx.alts[a];
      base.filter = filter;
      base.source_file = in_.path;
      base.build = s.build;
      // Where this row's consequence comes from: the file's annotation, our own calling, or none (hotspot table).
      base.annotation = annotated ? s.annotation : called ? std::string("pathcorr") : std::string("none");
      AlleleDepth d = vcf_.allele_depth(tumor_, a, opt_.tags);
      base.vaf = d.vaf;
      base.depth = d.depth;
      base.alt_depth = d.alt_depth;
      const Hotspot* genomic_hotspot = ref_.hotspot_at(build_, nchrom, pos, ctx.ref, ctx.alts[a]);

      if (annotated || called) {
        std::vector<TranscriptEffect> effects;
        if (called) {
          try {
            effects = caller_->effects(chrom, pos, ctx.ref, ctx.alts[a]);
          } catch (const ConflictError& e) {  // the caller names chrom:pos; the record's place is known here
            throw ConflictError(vcf_.where() + ": " + e.what());
          } catch (const InputError& e) {
            throw InputError(vcf_.where() + ": " + e.what());
          }
        } else {
          try {
            effects = merge_transcript_effects(reader_->effects(info_values, ctx));
          } catch (const std::exception& e) {
            throw InputError(vcf_.where() + ": cannot read the " + reader_->dialect() + " annotation: " + e.what());
          }
        }
        std::map<std::string, std::vector<const TranscriptEffect*>> by_gene;
        for (const auto& e : effects)
          if (genes_.count(e.gene)) {
            by_gene[e.gene].push_back(&e);
          } else if (auto id = symbol_of_id_.find(strip_version(e.gene)); id != symbol_of_id_.end()) {
            by_gene[id->second].push_back(&e);
          }
        for (auto& [gene, list] : by_gene) {
          Call c = base;
          c.gene = gene;
          ChosenEffect ch = choose_effect(list, canonical_ids(gene), opt_.transcripts.count(gene) > 0);
          c.transcript = ch.effect->transcript;
          c.transcript_choice = ch.how;
          c.consequence = join_terms(ch.effect->so_terms);
          // "ENSP00000263967.3:p.His1047Arg" -> "p.His1047Arg": the transcript column already names the feature.
          c.hgvsp = ch.effect->hgvsp.substr(ch.effect->hgvsp.find(":p.") == std::string::npos
                                                ? 0
                                                : ch.effect->hgvsp.find(":p.") + 1);
          c.protein_change = ch.effect->hgvsp_short.empty() ? short_protein_change(ch.effect->hgvsp) : ch.effect->hgvsp_short;
          c.pop_af = ch.effect->max_pop_af;
          if (!std::isnan(info_pop_af[a]) && !(c.pop_af >= info_pop_af[a])) c.pop_af = info_pop_af[a];
          bool hotspot = (genomic_hotspot && genomic_hotspot->gene == gene) ||
                         (is_protein_changing(ch.effect->so_terms) &&
                          is_hotspot_residue(ref_, build_, gene, ch.effect->hgvsp_short));
          decide(c, ch.effect->so_terms, hotspot, pass, false);
          calls.push_back(std::move(c));
        }
      } else {
        for (const Gene* g : span_genes) {
          if (!genes_.count(g->symbol)) continue;
          Call c = base;
          c.gene = g->symbol;
          c.transcript = canonical_transcript(g->symbol);
          c.pop_af = info_pop_af[a];
          if (genomic_hotspot && genomic_hotspot->gene == g->symbol) {
            c.transcript_choice = "hotspot_table";
            auto terms = hotspot_terms(*genomic_hotspot);
            c.consequence = join_terms(terms);
            c.hgvsp = "p." + genomic_hotspot->protein_change;
            c.protein_change = genomic_hotspot->protein_change;
            decide(c, terms, true, pass, false);
          } else {
            c.transcript_choice = "none";
            c.consequence = "unknown";
            c.hgvsp = "";
            ++unknown_in_genes_;
            decide(c, {}, false, pass, true);
          }
          calls.push_back(std::move(c));
        }
      }
    }
  }

  // True when a word of the texts (a run of letters, digits, '_', '-', '.') is a gene symbol or ID of the set,
  // also with a ".version" suffix. One pass over the text; only words that could be a name are looked up.
  bool names_a_gene(const std::vector<std::string>& texts) const {
    static const auto kWord = [] {
      std::array<bool, 256> t{};
      for (int c = 0; c < 256; ++c)
        t[c] = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == '-' ||
               c == '.';
      return t;
    }();
    auto word_char = [](unsigned char c) { return kWord[c]; };
    std::string word;
    for (const std::string& text : texts) {
      const char* p = text.data();
      const char* end = p + text.size();
      while (p < end) {
        while (p < end && !word_char(static_cast<unsigned char>(*p))) ++p;
        const char* b = p;
        while (p < end && word_char(static_cast<unsigned char>(*p))) ++p;
        if (b == p || !needle_first_[static_cast<unsigned char>(*b)]) continue;
        const char* dot = std::find(b, p, '.');
        const std::size_t len = static_cast<std::size_t>(dot - b);
        if (len < needle_min_ || len > needle_max_) continue;
        word.assign(b, len);
        if (needles_.count(word)) return true;
      }
    }
    return false;
  }

  // Per ALT: the highest population allele frequency the record's INFO states outside the annotation (pop_tags_,
  // a Number=A value for its own allele, any other the largest of its values) and Mutect2's POPAF (Number=A,
  // -log10 of the frequency); NaN when none is given.
  std::vector<double> info_population_af(std::size_t n_alts) {
    std::vector<double> af(n_alts, std::nan(""));
    auto raise = [&af](std::size_t i, double v) {
      if (!std::isnan(v) && (std::isnan(af[i]) || v > af[i])) af[i] = v;
    };
    for (const auto& [tag, per_allele] : pop_tags_) {
      std::string text = vcf_.info_string(tag.c_str());
      if (text.empty()) continue;
      std::vector<std::string> values = split_fields(text, ',');
      for (std::size_t i = 0; i < n_alts; ++i) {
        if (per_allele && values.size() == n_alts) {
          raise(i, max_numeric_value(values[i]));
        } else {
          for (const auto& v : values) raise(i, max_numeric_value(v));
        }
      }
    }
    std::string p = vcf_.info_string("POPAF");
    if (!p.empty()) {
      std::vector<std::string> values = split_fields(p, ',');
      for (std::size_t i = 0; i < n_alts; ++i) {
        auto v = parse_double(values.size() == n_alts ? values[i] : values[0]);
        if (v) raise(i, std::pow(10.0, -*v));
      }
    }
    return af;
  }

  std::string canonical_transcript(const std::string& gene) const {
    auto o = opt_.transcripts.find(gene);
    if (o != opt_.transcripts.end()) return o->second;
    const Gene* g = ref_.gene(build_, gene);
    return g ? g->canonical_transcript : std::string();
  }

  std::vector<std::string> canonical_ids(const std::string& gene) const {
    return canonical_transcript_ids(ref_, build_, opt_, gene);
  }

  void decide(Call& c, const std::vector<std::string>& terms, bool hotspot, bool pass, bool unknown) {
    apply_policy(c, terms, hotspot, pass, unknown, opt_, ref_);
  }

  const InputSpec& in_;
  const Reference& ref_;
  const ScanOptions& opt_;
  const TargetRegions* targets_;
  VcfReader vcf_;
  int tumor_ = -1;
  Build build_ = Build::GRCh37;
  std::unique_ptr<AnnotationReader> reader_;
  std::unique_ptr<ConsequenceCaller> caller_;
  std::set<std::string> genes_;
  std::map<std::string, std::string> symbol_of_id_;  // Ensembl gene ID -> symbol, for the genes of the set
  std::set<std::string> needles_;  // gene symbols and IDs (also cut at '.'): what an annotation must mention
  bool needle_first_[256] = {};    // first characters of needles_
  std::size_t needle_min_ = std::string::npos, needle_max_ = 0;
  long unknown_in_genes_ = 0;
  std::vector<std::pair<std::string, bool>> pop_tags_;  // population-AF INFO keys, and whether Number=A
};

}  // namespace

ScanResult scan_file(const InputSpec& in, const Reference& ref, const ScanOptions& opt,
                     const TargetRegions* targets) {
  FileScanner scanner(in, ref, opt, targets);
  return scanner.run();
}

ScanResult scan_inputs(const std::vector<InputSpec>& inputs, const Reference& ref, const ScanOptions& opt) {
  // Each BED is read once, before the threads start (a bad BED is a usage-level problem for every file).
  std::map<std::string, TargetRegions> beds;
  for (const auto& in : inputs) {
    const std::string& bed = in.targets.empty() ? opt.targets : in.targets;
    if (!bed.empty() && !beds.count(bed)) beds.emplace(bed, TargetRegions::read_bed(bed));
  }
  auto targets_of = [&](const InputSpec& in) -> const TargetRegions* {
    const std::string& bed = in.targets.empty() ? opt.targets : in.targets;
    return bed.empty() ? nullptr : &beds.at(bed);
  };
  // Jobs: one per VCF, one per distinct MAF or ANNOVAR table (they hold many patients; sheet rows naming them
  // declare them).
  enum class Kind { Vcf, Maf, AnnovarTable };
  struct Job {
    size_t spec;  // first input of the job, for its place in the output and its error row
    Kind kind = Kind::Vcf;
    MafOptions mopt;
  };
  std::vector<Job> jobs;
  std::map<std::string, size_t> maf_job;
  for (size_t i = 0; i < inputs.size(); ++i) {
    const InputSpec& in = inputs[i];
    const Kind kind = looks_like_maf(in.path)                ? Kind::Maf
                      : looks_like_annovar_table(in.path) ? Kind::AnnovarTable
                                                          : Kind::Vcf;
    if (kind == Kind::Vcf) {
      jobs.push_back({i, kind, {}});
      continue;
    }
    auto it = maf_job.find(in.path);
    if (it == maf_job.end()) {
      it = maf_job.emplace(in.path, jobs.size()).first;
      jobs.push_back({i, kind, {}});
    }
    Job& j = jobs[it->second];
    if (in.from_sheet) {
      j.mopt.declared_patients.push_back(in.patient_id);
      if (!in.sample_id.empty()) j.mopt.barcode_to_patient[in.sample_id] = in.patient_id;
    }
  }
  std::vector<ScanResult> results(jobs.size());
  std::vector<std::exception_ptr> errors(jobs.size());
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i; (i = next++) < jobs.size();) {
      const InputSpec& in = inputs[jobs[i].spec];
      try {
        switch (jobs[i].kind) {
          case Kind::Maf: results[i] = scan_maf(in.path, ref, opt, jobs[i].mopt); break;
          case Kind::AnnovarTable:
            results[i] = scan_annovar_table(in.path, in.patient_id, ref, opt, jobs[i].mopt);
            break;
          case Kind::Vcf: results[i] = scan_file(in, ref, opt, targets_of(in)); break;
        }
      } catch (...) {
        errors[i] = std::current_exception();
      }
    }
  };
  int nthreads = std::max(1, std::min<int>(opt.threads, static_cast<int>(jobs.size())));
  std::vector<std::thread> pool;
  for (int t = 1; t < nthreads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();

  ScanResult all;
  for (size_t i = 0; i < jobs.size(); ++i) {
    if (errors[i]) {
      try {
        std::rethrow_exception(errors[i]);
      } catch (const Error& e) {
        // Usage errors and contradictions (ambiguous tumour sample, build mismatch) are never skipped: they are
        // not damage, and the user must decide.
        if (!opt.keep_going || e.exit_code() == kExitUsage || e.exit_code() == kExitConflict) throw;
        if (!opt.quiet) std::cerr << "pathcorr: skipped: " << e.what() << "\n";
        InputSummary s;
        s.patient_id = inputs[jobs[i].spec].patient_id.empty() ? "NA" : inputs[jobs[i].spec].patient_id;
        s.file = inputs[jobs[i].spec].path;
        s.tumor_sample = "NA";
        s.build = "NA";
        s.annotation = "NA";
        std::string msg = e.what();
        for (auto& ch : msg)
          if (ch == '\t' || ch == '\n' || ch == '\r') ch = ' ';
        s.status = "failed: " + msg;
        all.inputs.push_back(s);
        continue;
      }
    }
    for (auto& s : results[i].inputs) all.inputs.push_back(std::move(s));
    for (auto& c : results[i].calls) all.calls.push_back(std::move(c));
  }
  return all;
}

const std::vector<std::string>& call_columns() {
  static const std::vector<std::string> cols = {
      "patient_id", "sample",     "chrom",  "pos",     "ref",   "alt",   "gene",
      "transcript", "consequence", "hgvsp", "vaf",     "depth", "alt_depth", "filter",
      "alteration_class", "counted", "reason", "source_file", "build", "annotation", "transcript_choice", "pop_af", "protein_change"};
  return cols;
}

namespace {
std::string join_list(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ",") + x;
  return s;
}
std::string or_na(const std::string& s) { return s.empty() ? "NA" : s; }
std::string from_na(const std::string& s) { return s == "NA" ? "" : s; }
}  // namespace

void write_calls(std::ostream& os, const ScanResult& r, const std::vector<std::string>& provenance) {
  for (const auto& p : provenance) os << '#' << p << '\n';
  for (const auto& s : r.inputs) {
    write_tsv_row(os, {"#input", "patient_id=" + s.patient_id, "file=" + s.file, "tumor_sample=" + s.tumor_sample,
                       "build=" + s.build, "annotation=" + s.annotation, "records=" + std::to_string(s.records),
                       "records_passing=" + std::to_string(s.records_passing),
                       "alterations_counted=" + std::to_string(s.alterations_counted),
                       "targets=" + (s.targets.empty() ? std::string(".") : s.targets),
                       "not_evaluable=" + (s.not_evaluable.empty() ? std::string(".") : join_list(s.not_evaluable)),
                       "status=" + s.status});
  }
  write_tsv_row(os, call_columns());
  for (const auto& c : r.calls) {
    write_tsv_row(os, {c.patient_id, c.sample.empty() ? "NA" : c.sample, c.chrom, std::to_string(c.pos), c.ref, c.alt, c.gene,
                       or_na(c.transcript), or_na(c.consequence), or_na(c.hgvsp), format_double(c.vaf),
                       format_double(c.depth), format_double(c.alt_depth), c.filter, c.alteration_class,
                       c.counted ? "yes" : "no", c.counted ? "." : c.reason, c.source_file, c.build, c.annotation,
                       c.transcript_choice, format_double(c.pop_af), or_na(c.protein_change)});
  }
}

ScanResult read_calls(const std::string& path) {
  TextTable t = read_table(path, Delimiter::Tab, true);
  ScanResult r;
  for (size_t i = 0; i < t.comments.size(); ++i) {
    const std::string& line = t.comments[i];
    if (line.rfind("input\t", 0) != 0) continue;
    InputSummary s;
    std::map<std::string, std::string> kv;
    std::stringstream ss(line.substr(6));
    std::string field;
    while (std::getline(ss, field, '\t')) {
      auto eq = field.find('=');
      if (eq == std::string::npos)
        throw InputError(path + ": malformed #input line (field '" + field + "' is not key=value)");
      kv[field.substr(0, eq)] = field.substr(eq + 1);
    }
    for (const char* k : {"patient_id", "file", "status"})
      if (!kv.count(k)) throw InputError(path + ": #input line without " + std::string(k));
    s.patient_id = kv["patient_id"];
    s.file = kv["file"];
    s.tumor_sample = kv["tumor_sample"];
    s.build = kv["build"];
    s.annotation = kv["annotation"];
    auto num = [&](const char* k) -> long {
      if (!kv.count(k)) return 0;
      auto v = parse_long(kv[k]);
      if (!v) throw InputError(path + ": #input line: " + std::string(k) + "='" + kv[k] + "' is not a number");
      return *v;
    };
    s.records = num("records");
    s.records_passing = num("records_passing");
    s.alterations_counted = num("alterations_counted");
    s.status = kv["status"];
    if (kv.count("targets") && kv["targets"] != ".") s.targets = kv["targets"];
    if (kv.count("not_evaluable") && kv["not_evaluable"] != ".") {
      std::stringstream ne(kv["not_evaluable"]);
      std::string g;
      while (std::getline(ne, g, ',')) s.not_evaluable.push_back(g);
    }
    r.inputs.push_back(s);
  }
  std::vector<int> col;
  for (const auto& name : call_columns()) col.push_back(t.require_column(name));
  for (size_t i = 0; i < t.rows.size(); ++i) {
    const auto& row = t.rows[i];
    auto at = [&](int k) -> const std::string& { return row[col[k]]; };
    auto where_row = [&] { return path + ":" + std::to_string(t.line_numbers[i]); };
    auto number = [&](int k) -> double {
      if (at(k) == "NA") return std::nan("");
      auto v = parse_double(at(k));
      if (!v) throw InputError(where_row() + ": " + call_columns()[k] + " '" + at(k) + "' is not a number");
      return *v;
    };
    Call c;
    c.patient_id = at(0);
    c.sample = at(1);
    c.chrom = at(2);
    auto pos = parse_long(at(3));
    if (!pos || *pos < 1) throw InputError(where_row() + ": pos '" + at(3) + "' is not a position");
    c.pos = *pos;
    c.ref = at(4);
    c.alt = at(5);
    c.gene = at(6);
    c.transcript = from_na(at(7));
    c.consequence = from_na(at(8));
    c.hgvsp = from_na(at(9));
    c.vaf = number(10);
    c.depth = number(11);
    c.alt_depth = number(12);
    c.filter = at(13);
    c.alteration_class = at(14);
    if (at(15) != "yes" && at(15) != "no")
      throw InputError(where_row() + ": counted must be yes or no, not '" + at(15) + "'");
    c.counted = at(15) == "yes";
    c.reason = at(16) == "." ? "" : at(16);
    c.source_file = at(17);
    c.build = at(18);
    c.annotation = at(19);
    c.transcript_choice = at(20);
    c.pop_af = number(21);
    c.protein_change = from_na(at(22));
    r.calls.push_back(std::move(c));
  }
  return r;
}

}  // namespace pathcorr
