// The one step that turns allele records of any reader (VCF/BCF, MAF, ANNOVAR table) into calls: which genes of
// the set an allele touches, which transcript effect is read for each (--transcripts, the reference's canonical
// transcript, the annotator's flag, the most severe), the hotspot test, and the alteration policy.
#pragma once
#include <map>
#include <set>
#include <string>
#include <vector>

#include "pipeline/classify/scan.h"
#include "pipeline/input/records.h"
#include "reference/reference.h"

namespace pathcorr {

class Classifier {
 public:
  Classifier(const Reference& ref, Build build, const ScanOptions& opt, std::string source_file);
  // Appends the calls of one record: one per gene of the set it touches.
  void classify(const AlleleRecord& r, std::vector<Call>& out);
  // Unannotated alleles inside genes of the set that are no hotspot (written with consequence 'unknown').
  long unknown_in_genes() const { return unknown_in_genes_; }

 private:
  Call base_call(const AlleleRecord& r) const;
  void from_candidates(const AlleleRecord& r, std::vector<Call>& out);
  void from_stated(const AlleleRecord& r, std::vector<Call>& out);
  void from_position(const AlleleRecord& r, std::vector<Call>& out);
  Call stated_call(const AlleleRecord& r, const std::string& gene, const TranscriptEffect& e,
                   const std::string& choice) const;
  const Hotspot* genomic_hotspot(const AlleleRecord& r) const;
  std::string canonical_transcript(const std::string& gene) const;

  const Reference& ref_;
  Build build_;
  const ScanOptions& opt_;
  std::string source_file_;
  std::set<std::string> genes_;
  std::map<std::string, std::string> symbol_of_id_;  // Ensembl gene ID -> symbol, for the genes of the set
  long unknown_in_genes_ = 0;
};

}  // namespace pathcorr
