// ANNOVAR multianno tables (see annovar_table.h). The whole table is read (ANNOVAR tables are per-sample or
// per-cohort variant lists, small next to VCFs) by the one table parser, and each row becomes one MAF row per
// gene-set gene it annotates (else one row for its first gene, so it still counts as a record of its patient),
// written at the row's own line number so that errors name the table's lines.
#include "pipeline/classify/annovar_table.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "annotators/annotation.h"
#include "annotators/consequence.h"
#include "pipeline/base/errors.h"
#include "pipeline/classify/policy.h"
#include "pipeline/io/table_io.h"

namespace pathcorr {
namespace {

// The table rules of ANNOVAR output: the first non-blank line is the header; fields holding commas are
// double-quoted; trailing empty fields may be missing.
TableOptions annovar_table_options() {
  TableOptions o;
  o.delimiter = Delimiter::Tab;
  o.comments = false;
  o.pad_short_rows = true;
  return o;
}

struct Header {
  std::map<std::string, int> index;  // lower-cased name -> column
  std::vector<std::string> names;
  int find(const std::string& name) const {
    auto it = index.find(to_lower(name));
    return it == index.end() ? -1 : it->second;
  }
};

Header make_header(const std::vector<std::string>& names) {
  Header h;
  h.names = names;
  for (size_t i = 0; i < names.size(); ++i) h.index.emplace(to_lower(names[i]), static_cast<int>(i));
  return h;
}

// The gene database whose columns are read, "" when the header has none.
std::string choose_database(const Header& h) {
  for (const char* db : {"refGene", "ensGene", "knownGene"})
    if (h.find(std::string("Func.") + db) >= 0) return db;
  for (const std::string& n : h.names)
    if (n.size() > 5 && to_lower(n.substr(0, 5)) == "func." && h.find("ExonicFunc." + n.substr(5)) >= 0)
      return n.substr(5);
  return "";
}

std::string file_name(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::optional<Build> build_from_name(const std::string& path) {
  const std::string name = to_lower(file_name(path));
  const bool b37 = name.find("hg19") != std::string::npos || name.find("grch37") != std::string::npos;
  const bool b38 = name.find("hg38") != std::string::npos || name.find("grch38") != std::string::npos;
  if (b37 == b38) return std::nullopt;
  return b37 ? Build::GRCh37 : Build::GRCh38;
}

std::string variant_type(const std::string& ref, const std::string& alt) {
  const size_t r = ref == "-" ? 0 : ref.size(), a = alt == "-" ? 0 : alt.size();
  if (r == a) return r == 1 ? "SNP" : r == 2 ? "DNP" : r == 3 ? "TNP" : "ONP";
  return r < a ? "INS" : "DEL";
}

}  // namespace

ScanResult scan_annovar_table(const std::string& path, const std::string& file_patient, const Reference& ref,
                              const ScanOptions& opt, const MafOptions& mopt) {
  const TextTable table = read_table(path, annovar_table_options());
  const Header h = make_header(table.header);
  const std::string db = choose_database(h);
  const int c_chr = h.find("Chr"), c_start = h.find("Start"), c_end = h.find("End"), c_ref = h.find("Ref"),
            c_alt = h.find("Alt"), c_func = h.find("Func." + db), c_gene = h.find("Gene." + db),
            c_exonic = h.find("ExonicFunc." + db), c_aa = h.find("AAChange." + db),
            c_barcode = h.find("Tumor_Sample_Barcode");
  if (c_chr < 0 || c_start < 0 || c_end < 0 || c_ref < 0 || c_alt < 0 || db.empty() || c_gene < 0) {
    std::string list;
    for (const auto& n : h.names) list += (list.empty() ? "" : ", ") + n;
    throw InputError(where(path, table.header_line) +
                     ": an ANNOVAR table needs Chr, Start, End, Ref, Alt and Func/Gene.<database> columns; it has " +
                     list);
  }
  std::vector<int> c_pop;
  for (size_t i = 0; i < h.names.size(); ++i)
    if (is_annovar_population_key(h.names[i])) c_pop.push_back(static_cast<int>(i));

  Build build;
  if (opt.build != "auto") {
    auto b = parse_build(opt.build);
    if (!b) throw UsageError("--build must be auto, GRCh37 or GRCh38, not '" + opt.build + "'");
    build = *b;
  } else if (auto b = build_from_name(path)) {
    build = *b;
  } else {
    throw InputError(path + ": cannot tell the genome build of an ANNOVAR table (its name holds neither hg19 nor "
                            "hg38); give --build GRCh37 or --build GRCh38");
  }
  std::map<std::string, std::string> symbol_of;  // Ensembl gene ID -> symbol (ensGene tables)
  std::set<std::string> genes;
  for (const auto& g : ref.feature_genes()) {
    genes.insert(g);
    if (const Gene* x = ref.gene(build, g); x && !x->ensembl_gene_id.empty()) symbol_of[x->ensembl_gene_id] = g;
  }

  // The MAF the MAF scanner reads: the header on the table's header line, each row on its own line.
  static const std::vector<std::string> kMafColumns = {
      "Hugo_Symbol", "Tumor_Sample_Barcode", "Variant_Classification", "Chromosome", "Start_Position",
      "End_Position", "Reference_Allele", "Tumor_Seq_Allele1", "Tumor_Seq_Allele2", "Consequence", "HGVSp",
      "Transcript_ID", "NCBI_Build", "MAX_AF"};
  std::ostringstream maf;
  long maf_line = 0;  // lines written so far; rows are padded down to their own line number
  auto pad_to = [&](long line) {
    for (; maf_line < line - 1; ++maf_line) maf << '\n';
    ++maf_line;
  };
  pad_to(table.header_line);
  write_tsv_row(maf, kMafColumns);
  std::vector<std::string> choices;  // transcript_choice of each gene-set row, in order
  MafOptions table_opt = mopt;
  for (size_t i = 0; i < table.rows.size(); ++i) {
    const long line = table.line_numbers[i];
    const std::vector<std::string>& f = table.rows[i];
    auto at = [&f](int c) -> const std::string& {
      static const std::string none;
      return c < 0 ? none : f[static_cast<size_t>(c)];
    };
    for (int c : {c_start, c_end}) {
      auto v = parse_long(at(c));
      if (!v || *v < 1)
        throw InputError(where(path, line) + ": " + h.names[static_cast<size_t>(c)] + " '" + at(c) +
                         "' is not a positive position");
    }
    for (int c : {c_ref, c_alt})
      for (char ch : at(c))
        if (!std::isalpha(static_cast<unsigned char>(ch)) && ch != '-' && ch != '*')
          throw InputError(where(path, line) + ": " + h.names[static_cast<size_t>(c)] + " '" + at(c) +
                           "' is not a DNA allele");
    std::string barcode = c_barcode >= 0 ? at(c_barcode) : file_patient;
    if (barcode.empty()) throw InputError(where(path, line) + ": empty Tumor_Sample_Barcode");
    if (c_barcode < 0) table_opt.barcode_to_patient[barcode] = file_patient;
    double pop_af = std::nan("");
    for (int c : c_pop) {
      const double v = max_numeric_value(at(c));
      if (!std::isnan(v) && (std::isnan(pop_af) || v > pop_af)) pop_af = v;
    }
    std::vector<TranscriptEffect> effects;
    try {
      effects = annovar_effects(at(c_func), at(c_gene), at(c_exonic), at(c_aa), pop_af, db);
    } catch (const std::invalid_argument& e) {
      throw InputError(where(path, line) + ": " + e.what());
    }
    std::map<std::string, std::vector<const TranscriptEffect*>> by_gene;
    for (const auto& e : effects) {
      auto id = symbol_of.find(strip_version(e.gene));
      const std::string gene = id != symbol_of.end() ? id->second : e.gene;
      if (genes.count(gene)) by_gene[gene].push_back(&e);
    }
    const std::string ref_allele = at(c_ref).empty() ? "-" : at(c_ref), alt = at(c_alt).empty() ? "-" : at(c_alt);
    auto row = [&](const std::string& gene, const TranscriptEffect* e) {
      pad_to(line);
      std::string consequence;
      for (const std::string& t : e ? e->so_terms : std::vector<std::string>{})
        consequence += (consequence.empty() ? "" : ",") + t;
      write_tsv_row(maf, {gene, barcode,
                          consequence.empty() ? "Unknown" : so_to_maf_classification(consequence, variant_type(ref_allele, alt)),
                          at(c_chr), at(c_start), at(c_end), ref_allele, ref_allele, alt, consequence,
                          e ? e->hgvsp : "", e ? e->transcript : "", to_string(build),
                          e && !std::isnan(e->max_pop_af) ? format_double(e->max_pop_af) : ""});
    };
    if (by_gene.empty()) {
      const std::string first_gene = effects.empty() ? "." : effects.front().gene;
      row(first_gene.empty() ? "." : first_gene, nullptr);  // counts as a record of the patient, gives no call
      continue;
    }
    // A row naming several gene-set genes (overlapping genes) gives one MAF row each. Every row was checked
    // above, so the MAF scanner finds nothing to report by line and the extra lines shift no error message.
    for (const auto& [gene, list] : by_gene) {
      ChosenEffect ch = choose_effect(list, canonical_transcript_ids(ref, build, opt, gene),
                                      opt.transcripts.count(gene) > 0);
      row(gene, ch.effect);
      choices.push_back(ch.how);
    }
  }
  ScanResult out = scan_maf_text(maf.str(), path, ref, opt, table_opt);
  size_t k = 0;
  for (Call& c : out.calls) {
    c.annotation = "annovar";
    c.transcript_choice = k < choices.size() ? choices[k++] : "none";
    if (c.transcript.empty()) c.transcript = "NA";
  }
  for (InputSummary& s : out.inputs) {
    s.annotation = "annovar";
    if (c_barcode < 0) s.tumor_sample = "NA";
  }
  return out;
}

}  // namespace pathcorr
