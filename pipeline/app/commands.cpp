// The commands as functions of their Config (see commands.h): orchestration only, no parsing of options and no
// domain logic of their own.
#include "pipeline/app/commands.h"

#include <sys/stat.h>

#include <cstring>
#include <iostream>
#include <memory>
#include <sstream>

#include "pathcorr_version.h"
#include "pipeline/cohort/cohort.h"
#include "pipeline/base/errors.h"
#include "pipeline/classify/calls_table.h"
#include "pipeline/report/maf_writer.h"
#include "pipeline/base/sha256.h"
#include "pipeline/io/table_io.h"

namespace pathcorr {

namespace {

Reference load_reference(const ReferenceConfig& c) {
  Reference ref = Reference::builtin();
  if (!c.gene_set_gmt.empty()) ref.load_gene_set_gmt(c.gene_set_gmt);
  if (!c.hotspots.empty()) ref.load_hotspots(c.hotspots);
  if (!c.genes37.empty()) ref.load_genes(Build::GRCh37, c.genes37);
  if (!c.genes38.empty()) ref.load_genes(Build::GRCh38, c.genes38);
  return ref;
}

std::string command_line(const std::vector<std::string>& argv) {
  std::string s;
  for (const auto& a : argv) {
    bool quote = a.empty() || a.find_first_of(" \t'\"$\\") != std::string::npos;
    s += (s.empty() ? "" : " ") + (quote ? "'" + a + "'" : a);
  }
  return s;
}

std::vector<std::string> provenance(const CommonConfig& c, const Reference& ref) {
  if (c.no_version) return {};
  std::string cmd = command_line(c.argv);
  for (auto& ch : cmd)
    if (ch == '\n' || ch == '\r') ch = ' ';
  return {"pathcorr_version=" PATHCORR_VERSION, "pathcorr_command=" + cmd, "reference_version=" + ref.version()};
}

int exit_code_for(const ScanResult& r) {
  for (const auto& s : r.inputs)
    if (s.status != "ok") return kExitSkipped;
  return kExitOk;
}

ScanResult do_scan(const ScanOptions& opt, const std::string& sheet, const std::vector<std::string>& inputs,
                   const Reference& ref) {
  if (!sheet.empty() && !inputs.empty())
    throw UsageError("give VCF inputs either as arguments or with --samples, not both");
  if (sheet.empty() && inputs.empty()) throw UsageError("no VCF inputs: give files/directories or --samples");
  std::vector<InputSpec> specs = sheet.empty() ? inputs_from_paths(inputs) : inputs_from_sheet(sheet);
  ScanResult r = scan_inputs(specs, ref, opt);
  // The stages return their warnings; only the command line prints them.
  if (!opt.quiet)
    for (const auto& w : r.warnings) std::cerr << "pathcorr: " << w << "\n";
  return r;
}

void ensure_dir(const std::string& dir) {
  struct stat st {};
  if (stat(dir.c_str(), &st) == 0) {
    if (!S_ISDIR(st.st_mode)) throw IoError(dir + ": exists and is not a directory");
    return;
  }
  if (mkdir(dir.c_str(), 0777) != 0) throw IoError(dir + ": cannot create directory: " + std::strerror(errno));
}

std::string json_escape(const std::string& s) {
  std::string o;
  for (unsigned char ch : s) {
    switch (ch) {
      case '"': o += "\\\""; break;
      case '\\': o += "\\\\"; break;
      case '\n': o += "\\n"; break;
      case '\t': o += "\\t"; break;
      case '\r': o += "\\r"; break;
      default:
        if (ch < 0x20) {
          char b[8];
          std::snprintf(b, sizeof b, "\\u%04x", ch);
          o += b;
        } else {
          o += static_cast<char>(ch);
        }
    }
  }
  return o;
}

}  // namespace

int run_scan(const ScanConfig& c) {
  Reference ref = load_reference(c.reference);
  ScanResult r = do_scan(c.scan, c.samples_sheet, c.inputs, ref);
  AtomicWriter w(c.output);
  write_calls(w.out(), r, provenance(c.common, ref));
  std::unique_ptr<AtomicWriter> maf;
  if (!c.maf_output.empty()) {
    maf = std::make_unique<AtomicWriter>(c.maf_output);
    write_maf(maf->out(), r.calls);
  }
  w.commit();
  if (maf) maf->commit();
  return exit_code_for(r);
}

int run_join(const JoinConfig& c) {
  Reference ref = load_reference(c.reference);
  if (c.calls.empty()) throw UsageError("join needs at least one calls.tsv file");
  ScanResult all;
  for (const auto& path : c.calls) {
    ScanResult r = read_calls(path);
    for (auto& s : r.inputs) all.inputs.push_back(std::move(s));
    for (auto& x : r.calls) all.calls.push_back(std::move(x));
  }
  ClinicalTable clinical = read_clinical(c.clinical, c.clinical_options);
  Cohort cohort = join_cohort(all, clinical, ref);
  auto prov = provenance(c.common, ref);
  AtomicWriter w(c.output);
  write_matrix(w.out(), cohort.matrix, prov);
  if (!c.samples_output.empty()) {
    AtomicWriter s(c.samples_output);
    write_flow(s.out(), cohort.flow, prov);
    w.commit();
    s.commit();
  } else {
    w.commit();
  }
  return exit_code_for(all);
}

int run_test(const TestConfig& c) {
  Reference ref = load_reference(c.reference);
  Matrix m = read_matrix(c.matrix, ref);
  ClinicalTable clinical = read_clinical(c.clinical, c.clinical_options);
  TestOptions opt = c.test;
  opt.quiet = c.common.quiet;
  auto rows = test_associations(m, clinical, opt);
  auto prov = provenance(c.common, ref);
  AtomicWriter w(c.output);
  write_associations(w.out(), rows, prov);
  std::unique_ptr<AtomicWriter> r, sv;
  if (!c.response_output.empty()) {
    r = std::make_unique<AtomicWriter>(c.response_output);
    write_response(r->out(), summarize_response(m, clinical, opt), prov);
  }
  if (!c.survival_output.empty()) {
    sv = std::make_unique<AtomicWriter>(c.survival_output);
    write_survival(sv->out(), test_survival(m, clinical, opt), prov);
  }
  w.commit();
  if (r) r->commit();
  if (sv) sv->commit();
  return kExitOk;
}

int run_run(const RunConfig& c) {
  Reference ref = load_reference(c.reference);
  // Read and check every input before any work, so a bad clinical table fails fast.
  ClinicalTable clinical = read_clinical(c.clinical, c.clinical_options);
  ScanResult scans = do_scan(c.scan, c.samples_sheet, c.inputs, ref);
  Cohort cohort = join_cohort(scans, clinical, ref);
  TestOptions topt = c.test;
  topt.quiet = c.common.quiet;
  auto rows = test_associations(cohort.matrix, clinical, topt);

  ensure_dir(c.outdir);
  auto prov = provenance(c.common, ref);
  const std::string d = c.outdir + "/";
  AtomicWriter calls(d + "calls.tsv"), samples(d + "samples.tsv"), matrix(d + "matrix.tsv"),
      assoc(d + "associations.tsv"), response(d + "response.tsv"), survival(d + "survival.tsv"),
      json(d + "run.json");
  write_calls(calls.out(), scans, prov);
  write_flow(samples.out(), cohort.flow, prov);
  write_matrix(matrix.out(), cohort.matrix, prov);
  write_associations(assoc.out(), rows, prov);
  write_response(response.out(), summarize_response(cohort.matrix, clinical, topt), prov);
  write_survival(survival.out(), test_survival(cohort.matrix, clinical, topt), prov);
  std::unique_ptr<AtomicWriter> maf;
  if (!c.maf_output.empty()) {
    maf = std::make_unique<AtomicWriter>(c.maf_output);
    write_maf(maf->out(), scans.calls);
  }

  std::ostream& j = json.out();
  j << "{\n  \"pathcorr_version\": \"" PATHCORR_VERSION "\",\n";
  j << "  \"command\": [";
  for (size_t i = 0; i < c.common.argv.size(); ++i)
    j << (i ? ", " : "") << '"' << json_escape(c.common.argv[i]) << '"';
  j << "],\n  \"reference_version\": \"" << json_escape(ref.version()) << "\",\n";
  j << "  \"parameters\": {";
  for (size_t i = 0; i < c.parameters.size(); ++i)
    j << (i ? "," : "") << "\n    \"" << json_escape(c.parameters[i].first) << "\": \""
      << json_escape(c.parameters[i].second) << '"';
  j << "\n  },\n";
  if (!c.test.plan.path.empty()) {  // --plan: the testing families as declared, and the file's SHA-256
    const Plan& plan = c.test.plan;
    j << "  \"plan\": {\"path\": \"" << json_escape(plan.path) << "\", \"sha256\": \"" << plan.sha256
      << "\", \"features\": [";
    for (size_t i = 0; i < plan.entries.size(); ++i)
      j << (i ? ", " : "") << "{\"feature\": \"" << json_escape(plan.entries[i].feature) << "\", \"family\": \""
        << json_escape(plan.entries[i].family) << "\"}";
    j << "]},\n";
  }
  j << "  \"inputs\": [";
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& in : scans.inputs) files.push_back({"vcf", in.file});
  files.push_back({"clinical", c.clinical});
  if (!c.samples_sheet.empty()) files.push_back({"samples", c.samples_sheet});
  if (!c.test.plan.path.empty()) files.push_back({"plan", c.test.plan.path});
  if (!c.reference.gene_set_gmt.empty()) files.push_back({"gene_set", c.reference.gene_set_gmt});
  if (!c.reference.hotspots.empty()) files.push_back({"hotspots", c.reference.hotspots});
  if (!c.reference.genes37.empty()) files.push_back({"genes_grch37", c.reference.genes37});
  if (!c.reference.genes38.empty()) files.push_back({"genes_grch38", c.reference.genes38});
  for (size_t i = 0; i < files.size(); ++i)
    j << (i ? "," : "") << "\n    {\"role\": \"" << files[i].first << "\", \"path\": \"" << json_escape(files[i].second)
      << "\", \"sha256\": \"" << sha256_file_hex(files[i].second) << "\"}";
  j << "\n  ],\n  \"outputs\": [\"calls.tsv\", \"samples.tsv\", \"matrix.tsv\", \"associations.tsv\", \"response.tsv\", \"survival.tsv\", \"run.json\"]\n}\n";

  calls.commit();
  samples.commit();
  matrix.commit();
  assoc.commit();
  response.commit();
  survival.commit();
  if (maf) maf->commit();
  json.commit();
  if (!c.common.quiet) {
    long seq = 0, not_seq = 0;
    for (const auto& f : cohort.flow) (f.status == "not_sequenced" ? not_seq : seq) += 1;
    std::cerr << "pathcorr: " << cohort.matrix.patients.size() << " patients with sequencing and clinical data, "
              << not_seq << " clinical patients not sequenced; tables in " << c.outdir << "/\n";
  }
  return exit_code_for(scans);
}

int run_reference(const ReferenceCommandConfig& c) {
  Reference ref = load_reference(c.reference);
  std::vector<Build> builds;
  if (c.build.empty()) {
    builds = {Build::GRCh37, Build::GRCh38};
  } else {
    auto b = parse_build(c.build);
    if (!b) throw UsageError("--build must be GRCh37 or GRCh38, not '" + c.build + "'");
    builds = {*b};
  }
  std::ostringstream os;
  os << "#reference_version=" << ref.version() << '\n';
  if (c.what == "genes") {
    write_tsv_row(os, {"gene", "role", "build", "chrom", "start", "end", "strand", "canonical_transcript",
                       "canonical_refseq", "ensembl_gene_id"});
    for (Build b : builds)
      for (const auto& g : ref.feature_genes()) {
        const Gene* x = ref.gene(b, g);
        if (!x) {
          write_tsv_row(os, {g, to_string(ref.role(g)), to_string(b), "NA", "NA", "NA", "NA", "NA", "NA", "NA"});
          continue;
        }
        write_tsv_row(os, {g, to_string(ref.role(g)), to_string(b), x->chrom, std::to_string(x->start),
                           std::to_string(x->end), std::string(1, x->strand), x->canonical_transcript,
                           x->canonical_refseq.empty() ? "NA" : x->canonical_refseq,
                           x->ensembl_gene_id.empty() ? "NA" : x->ensembl_gene_id});
      }
  } else if (c.what == "hotspots") {
    write_tsv_row(os, {"gene", "protein_change", "variant_class", "build", "chrom", "pos", "ref", "alt"});
    for (Build b : builds)
      for (const auto& h : ref.hotspots(b))
        write_tsv_row(os, {h.gene, h.protein_change, h.variant_class, to_string(b), h.chrom, std::to_string(h.pos),
                           h.ref, h.alt});
  } else if (c.what == "gene-sets") {
    write_tsv_row(os, {"gene_set", "n_genes", "genes"});
    for (const auto& s : ref.gene_sets()) {
      std::string genes;
      for (const auto& g : s.genes) genes += (genes.empty() ? "" : ",") + g;
      write_tsv_row(os, {s.name, std::to_string(s.genes.size()), genes});
    }
  } else {
    throw UsageError("reference: what to print must be genes, hotspots or gene-sets, not '" + c.what + "'");
  }
  std::cout << os.str();
  std::cout.flush();
  if (!std::cout) throw IoError("stdout: write failed");
  return kExitOk;
}

}  // namespace pathcorr
