// libFuzzer target: the reference table parsers (GMT gene sets, hotspots, gene coordinates, pathway genes), the
// lookup indexes a Reference rebuilds after a user file replaces a table (--gene-set, --hotspots, --genes), and the
// other user-supplied tables of the same kind: alteration rules (--rules) and capture targets (BED, --targets).
// Checks the promise of genes_at(): every gene of the gene sets with coordinates is found at its own start and end.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

#include "pipeline/base/genome.h"
#include "pipeline/base/protein.h"
#include "pipeline/classify/rules.h"
#include "pipeline/input/targets.h"
#include "reference/reference.h"
#include "tests/fuzz/fuzz_common.h"

namespace {

using pathcorr_fuzz::expect_ok_or_error;

const pathcorr::Reference& builtin_reference() {
  static const pathcorr::Reference ref = pathcorr::Reference::builtin();
  return ref;
}

bool contains(const std::vector<const pathcorr::Gene*>& genes, const pathcorr::Gene& g) {
  for (const auto* x : genes)
    if (x->symbol == g.symbol) return true;
  return false;
}

void query_everything(const pathcorr::Reference& ref) {
  const std::vector<std::string> features = ref.feature_genes();
  for (auto b : {pathcorr::Build::GRCh37, pathcorr::Build::GRCh38}) {
    (void)ref.genes_without_coordinates(b);
    for (const auto& name : features) {
      (void)ref.role(name);
      (void)ref.gene(b, name);
    }
    for (const auto& g : ref.genes(b)) {
      const bool feature = std::find(features.begin(), features.end(), g.symbol) != features.end();
      const auto at_start = ref.genes_at(b, g.chrom, g.start);
      const auto at_end = ref.genes_at(b, g.chrom, g.end);
      (void)ref.genes_at(b, "chr" + g.chrom, g.start - 1);
      (void)ref.genes_at(b, g.chrom, g.end + 1);
      // Only a gene that the by-symbol lookup returns is the one genes_at() must report (duplicates: first wins).
      if (feature && g.start <= g.end && ref.gene(b, g.symbol) == &g) {
        PATHCORR_FUZZ_CHECK(contains(at_start, g) && contains(at_end, g),
                            "genes_at() misses " + g.symbol + " at " + g.chrom + ":" + std::to_string(g.start) +
                                "-" + std::to_string(g.end));
      }
    }
    for (const auto& h : ref.hotspots(b)) {
      (void)ref.hotspot_by_protein(b, h.gene, h.protein_change);
      (void)ref.hotspot_at(b, h.chrom, h.pos, h.ref, h.alt);
      (void)ref.hotspot_at(b, h.chrom, h.pos - 1, "N" + h.ref, "N" + h.alt);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)builtin_reference();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static pathcorr_fuzz::ScratchFile scratch("fuzz_reference", ".tsv");
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  expect_ok_or_error("parse_gmt", [&] { (void)pathcorr::parse_gmt(text, "fuzz.gmt"); });
  expect_ok_or_error("parse_hotspots_tsv", [&] { (void)pathcorr::parse_hotspots_tsv(text, "fuzz.tsv"); });
  expect_ok_or_error("parse_genes_tsv", [&] { (void)pathcorr::parse_genes_tsv(text, "fuzz.tsv"); });
  expect_ok_or_error("parse_pathway_genes_tsv", [&] { (void)pathcorr::parse_pathway_genes_tsv(text, "fuzz.tsv"); });
  if (size <= 4096) {
    const std::string s(text);
    (void)pathcorr::short_protein_change(s);
    (void)pathcorr::canonical_chrom(s);
    (void)pathcorr::parse_build(s);
    (void)pathcorr::build_from_text(s);
  }

  expect_ok_or_error("AlterationRules::parse", [&] {
    const auto rules = pathcorr::AlterationRules::parse(text, "fuzz_rules.tsv");
    for (const char* gene : {"PIK3CA", "PTEN", "NOSUCHGENE"})
      for (auto role : {pathcorr::GeneRole::Oncogene, pathcorr::GeneRole::TumorSuppressor, pathcorr::GeneRole::Unknown})
        for (const char* cls : {"hotspot", "truncating", "missense", "inframe", "splice", "other"})
          (void)rules.exclusion_reason(gene, role, cls);
  });

  // The same bytes as a user file replacing each table, then every lookup on the result.
  const std::string& path = scratch.write(data, size);
  expect_ok_or_error("TargetRegions::read_bed", [&] {
    const auto targets = pathcorr::TargetRegions::read_bed(path);
    for (const char* chrom : {"1", "chr1", "3", "chrX", "MT"})
      for (int64_t pos : {int64_t{1}, int64_t{1000}, int64_t{178952085}, INT64_MAX / 2})
        (void)targets.overlaps(chrom, pos, pos + 10);
  });
  for (int which = 0; which < 4; ++which) {
    pathcorr::Reference ref = builtin_reference();
    const bool loaded = expect_ok_or_error("Reference::load_*", [&] {
      switch (which) {
        case 0: ref.load_gene_set_gmt(path); break;
        case 1: ref.load_hotspots(path); break;
        case 2: ref.load_genes(pathcorr::Build::GRCh37, path); break;
        default: ref.load_genes(pathcorr::Build::GRCh38, path); break;
      }
    });
    if (loaded) query_everything(ref);
  }
  return 0;
}
