// ANNOVAR multianno tables (see annovar_table.h). The whole table is read (ANNOVAR tables are per-sample or
// per-cohort variant lists, small next to VCFs), split on any line ending, and each row becomes one MAF row per
// gene-set gene it annotates (else one row for its first gene, so it still counts as a record of its patient),
// written at the row's own line number so that errors name the table's lines.
#include "pipeline/classify/annovar_table.h"

#include <zlib.h>

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
#include "pipeline/base/population_af.h"
#include "pipeline/classify/policy.h"
#include "pipeline/io/table_io.h"

namespace pathcorr {
namespace {

// The file's text (plain or gzip), BOM removed.
std::string read_text(const std::string& path) {
  errno = 0;
  gzFile gz = gzopen(path.c_str(), "rb");
  if (!gz) throw IoError(path + ": cannot open: " + std::strerror(errno ? errno : ENOMEM));
  std::string text;
  char buf[1 << 16];
  int n;
  while ((n = gzread(gz, buf, sizeof buf)) > 0) text.append(buf, static_cast<size_t>(n));
  int errnum = 0;
  const char* msg = gzerror(gz, &errnum);
  const std::string why = errnum == Z_ERRNO ? std::strerror(errno) : (msg ? msg : "read error");
  gzclose(gz);
  if (n < 0) throw InputError(path + ": damaged gzip data: " + why);
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
  return text;
}

// Lines split on LF, CRLF or CR alone (old Mac line endings, as in maftools' example table).
std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::string cur;
  for (size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    if (ch == '\r' || ch == '\n') {
      lines.push_back(cur);
      cur.clear();
      if (ch == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      cur += ch;
    }
  }
  if (!cur.empty()) lines.push_back(cur);
  return lines;
}

// Tab-separated fields; ANNOVAR double-quotes fields that hold commas ("GENE:NM_1:exon2:c.A1G:p.M1V,...").
std::vector<std::string> split_fields_quoted(const std::string& line) {
  std::vector<std::string> out;
  for (const std::string& f : split_fields(line, '\t')) {
    std::string v(trim(f));
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
    out.push_back(v);
  }
  return out;
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

bool is_table_header(const std::vector<std::string>& f) {
  const Header h = make_header(f);
  for (const char* c : {"Chr", "Start", "End", "Ref", "Alt"})
    if (h.find(c) < 0) return false;
  for (const std::string& n : f)
    if (n.size() > 5 && to_lower(n.substr(0, 5)) == "func.") return true;
  return false;
}

std::string file_name(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string variant_type(const std::string& ref, const std::string& alt) {
  const size_t r = ref == "-" ? 0 : ref.size(), a = alt == "-" ? 0 : alt.size();
  if (r == a) return r == 1 ? "SNP" : r == 2 ? "DNP" : r == 3 ? "TNP" : "ONP";
  return r < a ? "INS" : "DEL";
}

}  // namespace

bool looks_like_annovar_table(const std::string& path) {
  try {
    // Only the start of the file is needed; a CR-only table is one long "line" for line readers.
    errno = 0;
    gzFile gz = gzopen(path.c_str(), "rb");
    if (!gz) return false;
    char buf[1 << 14];
    const int n = gzread(gz, buf, sizeof buf);
    gzclose(gz);
    if (n <= 0) return false;
    std::string head(buf, static_cast<size_t>(n));
    if (head.compare(0, 3, "\xEF\xBB\xBF") == 0) head.erase(0, 3);
    for (const std::string& line : split_lines(head)) {
      if (trim(line).empty()) continue;
      return is_table_header(split_fields_quoted(line));
    }
  } catch (const std::exception&) {
  }
  return false;
}

ScanResult scan_annovar_table(const std::string& path, const std::string& file_patient, const Reference& ref,
                              const ScanOptions& opt, const MafOptions& mopt) {
  const std::vector<std::string> lines = split_lines(read_text(path));
  size_t first = 0;
  while (first < lines.size() && trim(lines[first]).empty()) ++first;
  if (first == lines.size()) throw InputError(path + ": empty ANNOVAR table");
  const Header h = make_header(split_fields_quoted(lines[first]));
  const std::string db = choose_database(h);
  const int c_chr = h.find("Chr"), c_start = h.find("Start"), c_end = h.find("End"), c_ref = h.find("Ref"),
            c_alt = h.find("Alt"), c_func = h.find("Func." + db), c_gene = h.find("Gene." + db),
            c_exonic = h.find("ExonicFunc." + db), c_aa = h.find("AAChange." + db),
            c_barcode = h.find("Tumor_Sample_Barcode");
  if (c_chr < 0 || c_start < 0 || c_end < 0 || c_ref < 0 || c_alt < 0 || db.empty() || c_gene < 0) {
    std::string list;
    for (const auto& n : h.names) list += (list.empty() ? "" : ", ") + n;
    throw InputError(where(path, static_cast<long>(first) + 1) +
                     ": an ANNOVAR table needs Chr, Start, End, Ref, Alt and Func/Gene.<database> columns; it has " +
                     list);
  }
  std::vector<int> c_pop;
  for (size_t i = 0; i < h.names.size(); ++i)
    if (is_population_af_field(h.names[i], AfNaming::Annovar)) c_pop.push_back(static_cast<int>(i));

  Build build;
  if (opt.build != "auto") {
    auto b = parse_build(opt.build);
    if (!b) throw UsageError("--build must be auto, GRCh37 or GRCh38, not '" + opt.build + "'");
    build = *b;
  } else if (auto b = build_from_text(file_name(path))) {
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
  for (size_t i = 0; i < first; ++i) maf << '\n';
  write_tsv_row(maf, kMafColumns);
  std::vector<std::string> choices;  // transcript_choice of each gene-set row, in order
  MafOptions table_opt = mopt;
  for (size_t i = first + 1; i < lines.size(); ++i) {
    const long line = static_cast<long>(i) + 1;
    if (trim(lines[i]).empty()) {
      maf << '\n';
      continue;
    }
    std::vector<std::string> f = split_fields_quoted(lines[i]);
    if (f.size() > h.names.size())
      throw InputError(where(path, line) + ": " + std::to_string(f.size()) + " fields, the header has " +
                       std::to_string(h.names.size()));
    f.resize(h.names.size());
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
