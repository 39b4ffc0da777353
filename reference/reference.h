// The built-in reference: PI3K/mTOR gene set with roles, gene spans and canonical transcripts per build,
// and cancer hotspots per build. Loaded from the tables in reference/ (compiled into the binary), or from
// user files that replace them. Owns nothing else: no VCF or annotation logic here.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "pipeline/base/genome.h"

namespace pathcorr {

enum class GeneRole { Oncogene, TumorSuppressor, Unknown };
std::string to_string(GeneRole r);                 // "OG" / "TSG" / "unknown"

struct Gene {
  std::string symbol;                  // HGNC symbol
  GeneRole role = GeneRole::Unknown;
  std::string chrom;                   // without "chr"
  int64_t start = 0, end = 0;          // 1-based inclusive gene span (union of protein-coding transcripts)
  char strand = '+';
  std::string ensembl_gene_id;
  std::string canonical_transcript;    // ENST without version
  std::string canonical_refseq;        // NM_ with version, may be empty
  std::string canonical_source;        // which list the canonical transcript came from (MANE Select, OncoKB, ...)
};

struct Hotspot {
  std::string gene;
  std::string protein_change;          // one-letter, no "p.": "H1047R", "E17K", "R130*", "L10_M16del"
  std::string variant_class;           // Missense_Mutation, Nonsense_Mutation, DEL, INS
  std::string chrom;                   // without "chr"
  int64_t pos = 0;                     // MAF style: first affected base (for INS: the base before the insertion)
  std::string ref, alt;                // MAF style: "-" for an empty allele
};

struct GeneSet {
  std::string name;                    // "PI3K_MTOR" for the built-in set
  std::vector<std::string> genes;      // in file order
};

class Reference {
 public:
  // The compiled-in tables.
  static Reference builtin();
  // Replace parts by user files (each empty string = keep); throws InputError naming file and line.
  void load_gene_set_gmt(const std::string& path);      // --gene-set: every set in the file becomes a feature
  void load_hotspots(const std::string& path);          // --hotspots (same columns as reference/hotspots.tsv)
  void load_genes(Build build, const std::string& path);// --genes (same columns as reference/genes_*.tsv)

  std::string version() const;                         // reference/VERSION, e.g. "pathcorr-ref-2026.11"
  const std::vector<GeneSet>& gene_sets() const { return gene_sets_; }
  // Genes of all gene sets, deduplicated, in order of first appearance.
  std::vector<std::string> feature_genes() const;
  // Gene record by symbol for a build; nullptr when the reference has no coordinates for it.
  const Gene* gene(Build build, const std::string& symbol) const;
  GeneRole role(const std::string& symbol) const;
  // Genes of the gene sets whose span contains chrom:pos ("chr" prefix ignored).
  std::vector<const Gene*> genes_at(Build build, std::string_view chrom, int64_t pos) const;
  // Hotspot exactly matching a VCF-style allele (VCF pos/ref/alt with anchor base; normalised internally).
  const Hotspot* hotspot_at(Build build, std::string_view chrom, int64_t pos, std::string_view ref,
                            std::string_view alt) const;
  // Whether (gene, protein change) is a hotspot, for annotated input ("H1047R", "p.H1047R", "p.His1047Arg").
  const Hotspot* hotspot_by_protein(Build build, const std::string& gene, const std::string& protein_change) const;
  const std::vector<Hotspot>& hotspots(Build build) const;
  const std::vector<Gene>& genes(Build build) const;

  // Contig lengths of the primary assembly, for build detection from ##contig lines.
  // Keys without "chr": "1".."22", "X", "Y", "MT" (callers map chrM/M to MT, see canonical_chrom()).
  static const std::map<std::string, int64_t>& contig_lengths(Build build);

  // Genes of the gene sets that have no coordinates in this build (a user GMT may name any gene; those
  // genes can then only be called from annotated VCFs).
  std::vector<std::string> genes_without_coordinates(Build build) const;

 private:
  // Lookup structures rebuilt after every load; they hold indices into the tables below, so copies stay valid.
  struct GeneInterval {
    int64_t start = 0, end = 0;
    int64_t max_end = 0;     // largest end among this and all earlier intervals of the chromosome
    size_t gene = 0;         // index into genes37_/genes38_
    size_t feature_rank = 0; // position of the gene in feature_genes(), for a stable output order
  };
  struct BuildIndex {
    std::unordered_set<int64_t> hotspot_positions;                    // quick reject on the hot path
    std::unordered_map<std::string, size_t> hotspot_by_allele;       // "chrom\tpos\tREF\tALT" (MAF style)
    std::unordered_map<std::string, size_t> hotspot_by_protein;      // "GENE\tH1047R" -> first such row
    std::unordered_map<std::string, size_t> gene_by_symbol;
    std::map<std::string, std::vector<GeneInterval>, std::less<>> feature_intervals;  // by chrom, sorted by start
  };
  void rebuild_indexes();
  const BuildIndex& index(Build build) const { return build == Build::GRCh37 ? index37_ : index38_; }
  const Hotspot* find_hotspot(const BuildIndex& idx, const std::vector<Hotspot>& table, std::string_view chrom,
                              int64_t pos, std::string_view ref, std::string_view alt, bool prefix_first) const;

  BuildIndex index37_, index38_;

  std::vector<GeneSet> gene_sets_;
  std::map<std::string, GeneRole> roles_;
  std::vector<Gene> genes37_, genes38_;
  std::vector<Hotspot> hotspots37_, hotspots38_;
  std::string version_;
};

// Parsers of the reference tables. The same code reads the compiled-in files and user files; `source` names
// the file in messages. Each throws InputError "source:line: what is wrong" on the first bad row.
struct PathwayGene {
  std::string symbol;
  GeneRole role = GeneRole::Unknown;
  std::string role_source, note;
};
std::vector<PathwayGene> parse_pathway_genes_tsv(std::string_view text, const std::string& source);
std::vector<GeneSet> parse_gmt(std::string_view text, const std::string& source);
std::vector<Gene> parse_genes_tsv(std::string_view text, const std::string& source);
std::vector<std::pair<Build, Hotspot>> parse_hotspots_tsv(std::string_view text, const std::string& source);

// Bytes of a compiled-in reference file by base name ("hotspots.tsv"); generated by cmake/EmbedReference.
std::string_view builtin_reference_file(std::string_view name);

}  // namespace pathcorr
