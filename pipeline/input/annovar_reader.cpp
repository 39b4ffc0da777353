// ANNOVAR multianno tables (see annovar_reader.h). The whole table is read (ANNOVAR tables are per-sample or
// per-cohort variant lists, small next to VCFs) by the one table parser; every row counts as a record of its
// patient, and rows that touch a gene of the set become allele records.
#include "pipeline/input/annovar_reader.h"

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
#include "annotators/maf_vocabulary.h"
#include "pipeline/base/errors.h"
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

// An effect as a MAF row would state it: the missing-value spellings of MAF cells dropped, the protein prefix
// ("ENSP...:p.") cut, and terms outside the SO vocabulary read through the MAF Variant_Classification.
void as_maf_cells(TranscriptEffect& e, const std::string& ref, const std::string& alt) {
  if (is_missing_value(e.transcript, MissingValues::Maf)) e.transcript.clear();
  if (is_missing_value(e.hgvsp, MissingValues::Maf)) e.hgvsp.clear();
  if (auto k = e.hgvsp.find(":p."); k != std::string::npos) e.hgvsp = e.hgvsp.substr(k + 1);
  e.hgvsp_short = hgvsp_short(e.hgvsp);
  if (std::any_of(e.so_terms.begin(), e.so_terms.end(),
                  [](const std::string& t) { return so_rank(t) >= kUnknownSoRank; })) {
    std::string joined;
    for (const auto& t : e.so_terms) joined += (joined.empty() ? "" : ",") + t;
    e.so_terms = maf_classification_to_so(so_to_maf_classification(joined, maf_variant_type(ref, alt)));
  }
}

}  // namespace

TableRecords read_annovar_table(const std::string& path, const std::string& file_patient, const Reference& ref,
                                const std::string& build_request, const MafOptions& mopt) {
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
  if (build_request != "auto") {
    auto b = parse_build(build_request);
    if (!b) throw UsageError("--build must be auto, GRCh37 or GRCh38, not '" + build_request + "'");
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

  MafOptions table_opt = mopt;
  BarcodePatients patients(table_opt);
  std::vector<AlleleRecord> records;
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
    patients.count_row(barcode, true);
    const std::string ref_allele = at(c_ref).empty() ? "-" : at(c_ref), alt = at(c_alt).empty() ? "-" : at(c_alt);
    const bool touches_set = std::any_of(effects.begin(), effects.end(), [&](const TranscriptEffect& e) {
      auto id = symbol_of.find(strip_version(e.gene));
      return genes.count(id != symbol_of.end() ? id->second : e.gene) > 0;
    });
    if (!touches_set) continue;
    AlleleRecord r;
    r.patient_id = barcode;
    r.sample = barcode;
    r.chrom = at(c_chr);
    r.pos = *parse_long(at(c_start));
    r.ref = ref_allele;
    r.alt = alt;
    r.filter = ".";
    r.style = AlleleStyle::Maf;
    r.source = EffectSource::Candidates;
    r.annotation = "annovar";
    for (TranscriptEffect& e : effects) as_maf_cells(e, ref_allele, alt);
    r.effects = std::move(effects);
    records.push_back(std::move(r));
  }
  patients.finish();
  TableRecords out;
  out.build = build;
  out.inputs = patients.summaries(path, to_string(build), "annovar");
  if (c_barcode < 0)
    for (InputSummary& s : out.inputs) s.tumor_sample = "NA";
  for (AlleleRecord& r : records) r.patient_id = patients.patient_of(r.patient_id);
  out.records = std::move(records);
  return out;
}

}  // namespace pathcorr
