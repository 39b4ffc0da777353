// A VCF/BCF file as a stream of allele records (input/allele_record.h): opens the file once, chooses the tumour
// sample and the genome build, picks the annotation dialect from the header (or calls consequences from sequence
// with --fasta), and yields every allele of a record that may touch a gene of the set. The gene test here is only
// a pre-filter that skips most records of an exome cheaply; which gene a record alters is decided in classify/.
#pragma once
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "annotators/annotation.h"
#include "annotators/consequence_caller.h"
#include "pipeline/input/records.h"
#include "pipeline/input/structural_records.h"
#include "pipeline/input/vcf_input.h"
#include "reference/reference.h"

namespace pathcorr {

// What the readers of small-variant files need to know from the command line.
struct ReadOptions {
  std::string build = "auto";         // --build
  std::string tumor_sample;           // --tumor-sample (a sheet's tumor_sample column wins per file)
  std::string annotation = "auto";    // --annotation
  DepthTags tags;                     // --vaf-tag, --depth-tag, --alt-depth-tag
  std::string fasta;  // --fasta: indexed reference; with it, unannotated alleles get our own consequence calls
  std::string gtf;    // --gtf: transcript models (GTF/GFF3) for --fasta; default the built-in canonical models
  bool use_index = true;  // false: --no-index (stream every file even when an index is there)
  int io_threads = 0;     // htslib decompression threads per streamed file (0: none; not for indexed reading)
};

// How far beyond a gene's span an annotated file is read through its index: an annotation may name the gene for
// an up/downstream variant (VEP and SnpEff: 5 kb by default) or a non-coding transcript reaching past the span.
constexpr int64_t kAnnotatedIndexFlank = 1000000;

class VcfRecordReader {
 public:
  // Opens the file and reads its header; throws the file's InputError/ConflictError.
  VcfRecordReader(const InputSpec& in, const Reference& ref, const ReadOptions& opt);
  ~VcfRecordReader();
  VcfRecordReader(const VcfRecordReader&) = delete;
  VcfRecordReader& operator=(const VcfRecordReader&) = delete;

  Build build() const { return build_; }
  // The samples.tsv row so far: patient, file, tumour sample, build, annotation; records counted by read().
  const InputSummary& summary() const { return summary_; }
  // Reads every record (through the index, only those overlapping the genes: summary().read_mode says which);
  // `sink` gets each allele that may touch a gene of the set. `progress`, if set, is called every 65,536 records
  // read with the count since its last call. Symbolic and breakend records are kept by a StructuralCollector
  // instead (input/structural_records.h); structural() holds them after read().
  void read(const std::function<void(AlleleRecord&)>& sink, const std::function<void(long)>& progress = {});
  const VcfStructural& structural() const { return structural_result_; }
  // Warnings about the file (header written in a form htslib refuses, ALT alleles that are not VCF alleles).
  std::vector<FileWarning> warnings() const;

 private:
  void read_record(const std::function<void(AlleleRecord&)>& sink);
  bool names_a_gene(const std::vector<std::string>& texts) const;
  bool names_a_gene(std::string_view text) const;
  void plan_reading();
  std::vector<double> info_population_af(std::size_t n_alts);
  std::vector<TranscriptEffect> effects_of(const std::vector<std::string>& info_values, const AlleleContext& ctx,
                                           const std::string& chrom, long long pos, bool called);

  const Reference& ref_;
  const ReadOptions& opt_;
  VcfReader vcf_;
  InputSummary summary_;
  int tumor_ = -1;
  Build build_ = Build::GRCh37;
  std::unique_ptr<AnnotationReader> reader_;
  std::unique_ptr<ConsequenceCaller> caller_;
  std::unique_ptr<StructuralCollector> structural_;
  VcfStructural structural_result_;
  std::set<std::string> needles_;  // gene symbols and Ensembl IDs (also cut at '.'): what an annotation must name
  bool needle_first_[256] = {};    // first characters of needles_
  std::size_t needle_min_ = std::string::npos, needle_max_ = 0;
  std::vector<std::pair<std::string, bool>> pop_tags_;  // population-AF INFO keys, and whether Number=A
  RegionSet gene_spans_;  // the genes of the set in build_ (the streaming prefilter's positions)
  RegionSet index_regions_;  // what is read through an index: gene_spans_, widened for an annotated file
};

}  // namespace pathcorr
