// `scan`: input files to alteration calls (see scan.h).
#include "pipeline/classify/scan.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstring>
#include <exception>
#include <iostream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>

#include "pipeline/base/errors.h"
#include "pipeline/base/parallel.h"
#include "pipeline/classify/classifier.h"
#include "pipeline/classify/copy_number_scan.h"
#include "pipeline/input/copy_number_reader.h"
#include "pipeline/input/annovar_reader.h"
#include "pipeline/input/input_files.h"
#include "pipeline/io/detect.h"
#include "pipeline/io/table_io.h"
#include "pipeline/input/sample_sheet.h"
#include "pipeline/input/targets.h"

namespace pathcorr {

std::vector<InputSpec> inputs_from_paths(const std::vector<std::string>& paths, std::vector<std::string>* warnings,
                                         int threads) {
  std::vector<std::string> ignored;
  std::vector<InputSpec> out = expand_inputs(paths, &ignored);
  detect_formats(out, threads);
  // A MAF names its patients itself; other files of many patients may (SEG, gene tables, ASCAT), else the file
  // name does, as for every other file.
  for (InputSpec& in : out) in.patient_id = in.format == InputFormat::Maf ? "" : patient_from_filename(in.path);
  if (!ignored.empty() && warnings) {
    std::string names;
    for (size_t i = 0; i < ignored.size() && i < 3; ++i) names += (i ? ", " : "") + ignored[i];
    warnings->push_back("warning: " + std::to_string(ignored.size()) +
                        " file(s) in the input directories are not VCF/BCF, MAF, ANNOVAR or copy-number files and "
                        "were not read: " + names + (ignored.size() > 3 ? ", ..." : ""));
  }
  return out;
}

std::vector<InputSpec> inputs_from_sheet(const std::string& sheet_path) {
  std::vector<InputSpec> out;
  for (const auto& row : read_sample_sheet(sheet_path)) {
    InputSpec in;
    in.patient_id = row.patient_id;
    in.tumor_sample = row.tumor_sample;
    in.targets = row.targets;
    in.sample_id = row.sample_id;
    in.from_sheet = true;
    in.ploidy = row.ploidy;
    in.purity = row.purity;
    for (const auto& [path, detected] : {std::pair{row.vcf, row.detected}, std::pair{row.cnv, row.cnv_detected}}) {
      if (path.empty()) continue;
      InputSpec file = in;
      file.path = path;
      file.format = detected.format;
      if (detected.unreadable) file.unreadable = detected.reason;
      out.push_back(file);
    }
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

// Calls of a many-patient table's records, each samples.tsv row counting its patient's counted calls.
ScanResult classify_table(TableRecords t, const std::string& path, const Reference& ref, const ScanOptions& opt) {
  ScanResult out;
  Classifier classifier(ref, t.build, opt, path);
  for (const AlleleRecord& r : t.records) classifier.classify(r, out.calls);
  std::map<std::string, InputSummary*> by_patient;
  for (InputSummary& s : t.inputs) by_patient[s.patient_id] = &s;
  for (const Call& c : out.calls)
    if (c.counted) ++by_patient.at(c.patient_id)->alterations_counted;
  out.inputs = std::move(t.inputs);
  return out;
}

}  // namespace

ScanResult scan_file(const InputSpec& in, const Reference& ref, const ScanOptions& opt,
                     const TargetRegions* targets, const std::function<void(long)>& progress) {
  VcfRecordReader reader(in, ref, opt);
  Classifier classifier(ref, reader.build(), opt, in.path);
  ScanResult out;
  reader.read([&](AlleleRecord& r) { classifier.classify(r, out.calls); }, progress);
  InputSummary s = reader.summary();
  std::vector<std::string> sv_warnings;
  add_vcf_structural_calls(reader.structural(), in, reader.build(), ref, opt, s, out.calls, sv_warnings);
  for (const std::string& w : sv_warnings)
    out.file_warnings.push_back({"symbolic and breakend records (SV and copy-number VCFs) were not all taken", w});
  if (targets) {
    s.targets = targets->path();
    for (const auto& g : ref.feature_genes()) {
      const Gene* x = ref.gene(reader.build(), g);
      if (x && !targets->overlaps(x->chrom, x->start, x->end)) s.not_evaluable.push_back(g);
    }
  }
  for (const auto& c : out.calls)
    if (c.ref != ".") s.alterations_counted += c.counted ? 1 : 0;  // copy-number and SV calls are counted above
  if (classifier.unknown_in_genes() > 0)
    out.file_warnings.push_back(
        {"variant alleles inside pathway genes that are not hotspots, in files without annotation, are written "
         "with consequence 'unknown' and not counted (annotate the VCFs with VEP, SnpEff or bcftools csq to count "
         "them)",
         in.path + ": " + std::to_string(classifier.unknown_in_genes()) +
             " variant allele(s) inside pathway genes are not hotspots and the file carries no annotation; they are "
             "written with consequence 'unknown' and not counted (annotate the VCF with VEP, SnpEff or bcftools csq "
             "to count them)"});
  for (auto& w : reader.warnings()) out.file_warnings.push_back(std::move(w));
  for (auto& w : out.file_warnings) {
    w.file = in.path;
    s.warnings.push_back(w.text);
  }
  out.inputs.push_back(std::move(s));
  return out;
}

ScanResult scan_maf(const std::string& path, const Reference& ref, const ScanOptions& opt, const MafOptions& mopt) {
  return classify_table(read_maf(path, ref, opt.build, mopt), path, ref, opt);
}

ScanResult scan_annovar_table(const std::string& path, const std::string& file_patient, const Reference& ref,
                              const ScanOptions& opt, const MafOptions& mopt) {
  return classify_table(read_annovar_table(path, file_patient, ref, opt.build, mopt), path, ref, opt);
}

namespace {

// What a copy-number file's scan needs from the specs that name it and from the small-variant files scanned.
CnFileContext cn_context(const InputFile& job, const std::vector<InputSpec>& specs,
                         const std::map<std::string, Build>& vcf_build) {
  CnFileContext ctx;
  const InputSpec& first = specs[job.first_spec];
  ctx.file_patient = first.patient_id;
  ctx.sheet_patients = job.patients;
  for (size_t i : job.specs) {
    ctx.ploidy[specs[i].patient_id] = specs[i].ploidy;
    ctx.purity[specs[i].patient_id] = specs[i].purity;
  }
  ctx.vcf_build = vcf_build;
  return ctx;
}

}  // namespace

ScanResult scan_inputs(const std::vector<InputSpec>& inputs, const Reference& ref, const ScanOptions& opt,
                       const CallSink* sink) {
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
  // One job per file to read: each VCF, each distinct MAF or ANNOVAR table (sheet rows naming it declare its
  // patients).
  std::vector<InputSpec> specs = inputs;
  detect_formats(specs, opt.threads);
  const std::vector<InputFile> jobs = group_input_files(specs);
  std::vector<ScanResult> results(jobs.size());
  std::vector<std::exception_ptr> errors(jobs.size());
  // Threads: one file per thread; threads beyond the files decompress (htslib's BGZF pool), shared evenly.
  const int nthreads = std::max(1, std::min<int>(opt.threads, static_cast<int>(jobs.size())));
  ScanOptions file_opt = opt;
  file_opt.io_threads = opt.threads > nthreads ? (opt.threads - nthreads) / nthreads : 0;
  std::mutex progress_mutex;
  ScanProgress progress;
  progress.files_total = jobs.size();
  auto report = [&](long records, bool file_done) {
    if (!opt.progress) return;
    std::lock_guard<std::mutex> lock(progress_mutex);
    progress.records += records;
    progress.files_done += file_done ? 1 : 0;
    opt.progress(progress);
  };
  const std::function<void(long)> on_records = [&](long n) { report(n, false); };
  // Two passes: small-variant files first, then copy-number files, which take the build of their patient's VCF.
  std::map<std::string, Build> vcf_build;
  auto scan_job = [&](size_t i) {
    const InputSpec& in = specs[jobs[i].first_spec];
    if (!in.unreadable.empty()) throw InputError(in.unreadable);
    switch (jobs[i].format) {
      case InputFormat::Maf: results[i] = scan_maf(in.path, ref, opt, jobs[i].patients); break;
      case InputFormat::AnnovarTable:
        results[i] = scan_annovar_table(in.path, in.patient_id, ref, opt, jobs[i].patients);
        break;
      default:
        if (is_copy_number_format(jobs[i].format))
          results[i] = scan_copy_number(read_copy_number(in.path), cn_context(jobs[i], specs, vcf_build), ref, opt);
        else
          results[i] = scan_file(in, ref, file_opt, targets_of(in), on_records);
        break;
    }
  };
  // With a sink, each file's calls become text on its thread and are handed on in input order.
  std::vector<std::vector<std::string>> text(sink ? jobs.size() : 0);
  std::vector<bool> done(jobs.size(), false);
  size_t next_out = 0;
  std::mutex out_mutex;
  auto hand_on = [&](size_t i) {
    if (!sink) return;
    if (!errors[i]) text[i] = sink->format(results[i].calls);
    if (!sink->take) std::vector<Call>().swap(results[i].calls);
    std::lock_guard<std::mutex> lock(out_mutex);
    done[i] = true;
    for (; next_out < jobs.size() && done[next_out]; ++next_out) {
      if (!errors[next_out]) {
        sink->write(text[next_out]);
        if (sink->take) sink->take(std::move(results[next_out].calls));
      }
      std::vector<std::string>().swap(text[next_out]);
      std::vector<Call>().swap(results[next_out].calls);
    }
  };
  for (const bool copy_number_pass : {false, true}) {
    parallel_for(jobs.size(), nthreads, [&](size_t i) {
      if (is_copy_number_format(jobs[i].format) != copy_number_pass) return;
      try {
        scan_job(i);
      } catch (...) {
        errors[i] = std::current_exception();
      }
      hand_on(i);
      report(0, true);
    });
    if (copy_number_pass) break;
    for (size_t i = 0; i < jobs.size(); ++i)
      for (const InputSummary& s : results[i].inputs)
        if (s.status == "ok" && s.kind == DataKind::SmallVariants)
          if (auto b = parse_build(s.build)) vcf_build.emplace(s.patient_id, *b);
  }

  ScanResult all;
  size_t n_calls = 0;
  for (const ScanResult& r : results) n_calls += r.calls.size();
  all.calls.reserve(n_calls);  // one allocation: growing by doubling moved every call row several times
  for (size_t i = 0; i < jobs.size(); ++i) {
    if (errors[i]) {
      try {
        std::rethrow_exception(errors[i]);
      } catch (const Error& e) {
        // Usage errors and contradictions (ambiguous tumour sample, build mismatch) are never skipped: they are
        // not damage, and the user must decide.
        if (!opt.keep_going || e.exit_code() == kExitUsage || e.exit_code() == kExitConflict) throw;
        all.warnings.push_back(std::string("skipped: ") + e.what());
        InputSummary s;
        s.patient_id = specs[jobs[i].first_spec].patient_id.empty() ? "NA" : specs[jobs[i].first_spec].patient_id;
        s.file = specs[jobs[i].first_spec].path;
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
    for (auto& w : results[i].warnings) all.warnings.push_back(std::move(w));
    for (auto& w : results[i].file_warnings) all.file_warnings.push_back(std::move(w));
  }
  return all;
}

}  // namespace pathcorr
