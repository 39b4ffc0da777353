// ANNOVAR reader for table_annovar -vcfinput output: INFO keys Func.<db>, Gene.<db>, ExonicFunc.<db>,
// AAChange.<db> ("GENE:NM_006218:exon21:c.A3140G:p.H1047R,..."), with <db> refGene (preferred), ensGene or
// knownGene, whichever the header declares. ANNOVAR writes one block of keys per ALT, opened by ANNOVAR_DATE and
// closed by ALLELE_END, and escapes ';' and '=' inside values as "\x3b" / "\x3d". Because the same keys repeat
// per ALT, this reader asks for the whole INFO column (kWholeInfoColumn) and picks block alt_index itself.
// Population frequencies: numeric values of the block's 1000g*, esp6500*, ExAC*, gnomAD* and AF/AF_* keys.
// ANNOVAR flags no canonical transcript.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>
#include <stdexcept>

#include "annotators/annotation.h"
#include "annotators/consequence.h"
#include "pipeline/base/population_af.h"
#include "pipeline/base/protein.h"

namespace pathcorr {
namespace {


bool missing(const std::string& v) { return v.empty() || v == "." || v == "UNKNOWN"; }

class AnnovarReader : public AnnotationReader {
 public:
  explicit AnnovarReader(std::string db) : db_(std::move(db)) {}

  std::string dialect() const override { return "annovar"; }
  std::vector<std::string> info_tags() const override { return {kWholeInfoColumn}; }

  std::vector<TranscriptEffect> effects(const std::vector<std::string>& info_values,
                                        const AlleleContext& ctx) const override {
    std::vector<TranscriptEffect> out;
    // Split the INFO column into per-ALT blocks.
    using Block = std::map<std::string, std::string>;
    std::vector<Block> blocks;
    Block outside;  // keys outside any ANNOVAR_DATE..ALLELE_END block
    bool in_block = false;
    for (const std::string& kv : annotation_entries(info_values, ctx, ';')) {
      auto eq = kv.find('=');
      std::string key = kv.substr(0, eq);
      std::string value = eq == std::string::npos ? "" : kv.substr(eq + 1);
      if (key == "ANNOVAR_DATE") {
        blocks.emplace_back();
        in_block = true;
      } else if (key == "ALLELE_END") {
        in_block = false;
      } else {
        Block& target = in_block ? blocks.back() : outside;
        target.emplace(key, value);  // first occurrence wins
      }
    }
    if (blocks.empty()) {
      if (!outside.count("Func." + db_)) return out;  // record not annotated
      if (ctx.alts.size() != 1)
        throw std::invalid_argument("ANNOVAR keys without ANNOVAR_DATE/ALLELE_END blocks in a record with " +
                                    std::to_string(ctx.alts.size()) + " ALT alleles: cannot tell which ALT they describe");
      blocks.push_back(outside);
    }
    if (blocks.size() != ctx.alts.size())
      throw std::invalid_argument("INFO holds " + std::to_string(blocks.size()) +
                                  " ANNOVAR_DATE..ALLELE_END block(s) for " + std::to_string(ctx.alts.size()) +
                                  " ALT allele(s)");
    const Block& block = blocks[static_cast<std::size_t>(ctx.alt_index)];
    auto get = [&block](const std::string& key) {
      auto it = block.find(key);
      return it == block.end() ? std::string() : decode_hex_escapes(it->second, "\\x");
    };
    double pop_af = std::nan("");
    for (const auto& [key, value] : block)
      if (is_population_af_field(key, AfNaming::Annovar)) {
        double v = max_numeric_value(value);
        if (!std::isnan(v) && (std::isnan(pop_af) || v > pop_af)) pop_af = v;
      }
    return annovar_effects(get("Func." + db_), get("Gene." + db_), get("ExonicFunc." + db_),
                           get("AAChange." + db_), pop_af, db_);
  }

 private:
  std::string db_;
};

}  // namespace

std::unique_ptr<AnnotationReader> make_annovar_reader(const std::vector<InfoHeader>& infos) {
  auto declared = [&infos](const std::string& id) {
    return std::any_of(infos.begin(), infos.end(), [&id](const InfoHeader& h) { return h.id == id; });
  };
  for (const char* db : {"refGene", "ensGene", "knownGene"})
    if (declared(std::string("Func.") + db)) return std::make_unique<AnnovarReader>(db);
  for (const InfoHeader& h : infos)  // any other gene-based database (-protocol wgEncodeGencodeBasicV19 ...)
    if (h.id.compare(0, 5, "Func.") == 0 && h.id.size() > 5 && declared("ExonicFunc." + h.id.substr(5)))
      return std::make_unique<AnnovarReader>(h.id.substr(5));
  return nullptr;
}

std::vector<TranscriptEffect> annovar_effects(const std::string& func, const std::string& genes,
                                              const std::string& exonic_func, const std::string& aa_change,
                                              double pop_af, const std::string& db) {
  std::vector<TranscriptEffect> out;
  if (missing(func)) return out;
  // "exonic" only says "in a coding exon"; ExonicFunc says what it does there.
  std::vector<std::string> exonic_terms;
  for (const std::string& part : split_fields(exonic_func, ';'))
    if (!missing(part))
      for (const std::string& t : to_so_terms("annovar", part))
        if (std::find(exonic_terms.begin(), exonic_terms.end(), t) == exonic_terms.end()) exonic_terms.push_back(t);
  std::vector<std::string> terms;
  auto add = [&terms](const std::string& t) {
    if (std::find(terms.begin(), terms.end(), t) == terms.end()) terms.push_back(t);
  };
  for (const std::string& part : split_fields(func, ';')) {
    std::string p = part;
    std::transform(p.begin(), p.end(), p.begin(), [](unsigned char c) { return std::tolower(c); });
    if (p == "exonic" && !exonic_terms.empty()) {
      for (const std::string& t : exonic_terms) add(t);
    } else {
      for (const std::string& t : to_so_terms("annovar", part)) add(t);
    }
  }
  if (!missing(aa_change)) {
    // Items are ','-joined; table output joins the lists of overlapping genes with ';' and may repeat them.
    std::set<std::string> seen;
    for (const std::string& list : split_fields(aa_change, ';'))
      for (const std::string& item : split_fields(list, ',')) {
        if (item.empty() || missing(item) || !seen.insert(item).second) continue;
        std::vector<std::string> parts = split_fields(item, ':');
        if (parts.size() < 2)
          throw std::invalid_argument("AAChange." + db + " item '" + item + "' is not GENE:TRANSCRIPT:...");
        TranscriptEffect t;
        t.gene = parts[0];
        t.transcript = parts[1];
        for (const std::string& q : parts) {
          if (q.compare(0, 2, "c.") == 0) t.hgvsc = q;
          if (q.compare(0, 2, "p.") == 0) t.hgvsp = q;
        }
        t.hgvsp_short = short_protein_change(t.hgvsp);
        t.so_terms = terms;
        t.max_pop_af = pop_af;
        out.push_back(std::move(t));
      }
    return out;
  }
  // No transcript detail: one effect per gene named (intronic, UTR, splicing, intergenic neighbours ...).
  for (const std::string& joined : split_fields(genes, ';'))
    for (const std::string& gene : split_fields(joined, ',')) {
      if (missing(gene) || gene == "NONE") continue;
      TranscriptEffect t;
      t.gene = gene;
      t.so_terms = terms;
      t.max_pop_af = pop_af;
      out.push_back(std::move(t));
    }
  return out;
}

}  // namespace pathcorr
