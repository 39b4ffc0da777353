// `pathcorr reference`: prints the built-in reference (or its replacements): genes, hotspots or gene sets.
#include <iostream>
#include <sstream>

#include "pipeline/app/choices.h"
#include "pipeline/app/command_table.h"
#include "pipeline/app/options.h"
#include "pipeline/base/errors.h"
#include "pipeline/io/table_io.h"

namespace pathcorr {

namespace {

void write_genes(std::ostream& os, const Reference& ref, const std::vector<Build>& builds) {
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
}

void write_hotspots(std::ostream& os, const Reference& ref, const std::vector<Build>& builds) {
  write_tsv_row(os, {"gene", "protein_change", "variant_class", "build", "chrom", "pos", "ref", "alt"});
  for (Build b : builds)
    for (const auto& h : ref.hotspots(b))
      write_tsv_row(os, {h.gene, h.protein_change, h.variant_class, to_string(b), h.chrom, std::to_string(h.pos),
                         h.ref, h.alt});
}

void write_gene_sets(std::ostream& os, const Reference& ref) {
  write_tsv_row(os, {"gene_set", "n_genes", "genes"});
  for (const auto& s : ref.gene_sets()) {
    std::string genes;
    for (const auto& g : s.genes) genes += (genes.empty() ? "" : ",") + g;
    write_tsv_row(os, {s.name, std::to_string(s.genes.size()), genes});
  }
}

}  // namespace

int run_reference(const ReferenceCommandConfig& c) {
  Reference ref = load_reference(c.reference);
  std::vector<Build> builds = {Build::GRCh37, Build::GRCh38};
  if (!c.build.empty()) builds = {*parse_build_choice("--build", c.build, /*allow_auto=*/false)};
  std::ostringstream os;
  os << "#reference_version=" << ref.version() << '\n';
  if (c.what == "genes") {
    write_genes(os, ref, builds);
  } else if (c.what == "hotspots") {
    write_hotspots(os, ref, builds);
  } else if (c.what == "gene-sets") {
    write_gene_sets(os, ref);
  } else {
    throw UsageError("reference: what to print must be genes, hotspots or gene-sets, not '" + c.what + "'");
  }
  std::cout << os.str();
  std::cout.flush();
  if (!std::cout) throw IoError("stdout: write failed");
  return kExitOk;
}

int reference_main(const std::vector<std::string>& argv) {
  po::options_description what("Reference printing");
  what.add_options()("build", po::value<std::string>()->default_value(""), "GRCh37|GRCh38 (default: both)");
  po::options_description o;
  o.add(what).add(reference_options()).add(general_options());
  const ParsedArgs p = parse_args(argv, o, "what");
  if (p.help) return print_help("Usage: pathcorr reference [--build B] [genes|hotspots|gene-sets]", o);
  ReferenceCommandConfig c;
  c.reference = reference_config(p.vm);
  c.build = text(p.vm, "build");
  auto words = positionals(p.vm, "what");
  if (words.size() > 1) throw UsageError("reference: give one of genes, hotspots, gene-sets");
  if (!words.empty()) c.what = words[0];
  return run_reference(c);
}

}  // namespace pathcorr
