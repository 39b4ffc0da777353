// The reference loader: one parser per reference table (pathway roles, GMT gene sets, gene spans, hotspots) used
// for the compiled-in files and for user files alike, the per-record lookups the scan step calls (hotspot by
// allele, genes by position, hotspot by protein change) and the primary-assembly contig lengths.
#include "reference/reference.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstring>

#include "pipeline/base/errors.h"
#include "pipeline/io/table_io.h"
#include "pipeline/io/text_reader.h"

namespace pathcorr {

namespace {

char upper_char(char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); }

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = upper_char(c);
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (upper_char(a[i]) != upper_char(b[i])) return false;
  return true;
}

std::string_view strip_chr(std::string_view chrom) {
  if (chrom.size() > 3 && iequals(chrom.substr(0, 3), "chr")) chrom.remove_prefix(3);
  return chrom;
}

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    if (tab == std::string_view::npos) {
      out.push_back(line.substr(start));
      return out;
    }
    out.push_back(line.substr(start, tab - start));
    start = tab + 1;
  }
}

[[noreturn]] void bad_row(const std::string& source, long line, const std::string& what) {
  throw InputError(where(source, line) + ": " + what);
}

bool skip_line(std::string_view line) {
  std::string_view t = trim(line);
  return t.empty() || t.front() == '#';
}

// A tab-separated table read by the one table parser (io/table_io.h: '#' comments before the header, blank lines
// skipped, every row as wide as the header, no duplicate column). Columns are found by name, so their order is free.
class TsvTable {
 public:
  struct Row {
    long line = 0;
    std::vector<std::string_view> fields;  // trimmed, views into the table
  };

  TsvTable(std::string_view text, const std::string& source)
      : source_(source), table_(parse_table(text, source, Delimiter::Tab)) {
    header_.assign(table_.header.begin(), table_.header.end());
    for (size_t i = 0; i < table_.rows.size(); ++i)
      rows_.push_back({table_.line_numbers[i], {table_.rows[i].begin(), table_.rows[i].end()}});
  }
  TsvTable(const TsvTable&) = delete;
  TsvTable& operator=(const TsvTable&) = delete;

  // Index of a required column; throws naming the header line and the columns expected.
  size_t column(std::string_view name, std::string_view expected_columns) const {
    for (size_t i = 0; i < header_.size(); ++i)
      if (header_[i] == name) return i;
    bad_row(source_, table_.header_line,
            "missing column '" + std::string(name) + "' in the header (expected columns: " +
                std::string(expected_columns) + ")");
  }
  // Index of an optional column, or npos.
  size_t optional_column(std::string_view name) const {
    for (size_t i = 0; i < header_.size(); ++i)
      if (header_[i] == name) return i;
    return std::string_view::npos;
  }
  const std::vector<Row>& rows() const { return rows_; }

 private:
  std::string source_;
  TextTable table_;
  std::vector<std::string_view> header_;
  std::vector<Row> rows_;
};

std::string optional_field(const TsvTable::Row& row, size_t column) {
  return column == std::string_view::npos ? std::string() : std::string(row.fields[column]);
}

int64_t parse_position(std::string_view text, const std::string& column, const std::string& source, long line) {
  int64_t value = 0;
  const char* first = text.data();
  const char* last = text.data() + text.size();
  auto [end, ec] = std::from_chars(first, last, value);
  if (text.empty() || ec != std::errc() || end != last || value < 1)
    bad_row(source, line, column + " '" + std::string(text) + "' is not a positive integer");
  return value;
}

// MAF-style allele: A/C/G/T/N letters (any case, stored upper case) or "-" for an empty allele.
std::string parse_allele(std::string_view text, const std::string& column, const std::string& source, long line) {
  if (text == "-") return "-";
  std::string out = upper(text);
  bool ok = !out.empty() && std::all_of(out.begin(), out.end(), [](char c) {
    return c == 'A' || c == 'C' || c == 'G' || c == 'T' || c == 'N';
  });
  if (!ok)
    bad_row(source, line, column + " '" + std::string(text) + "' is not an allele (A, C, G, T, N or '-' for none)");
  return out;
}

std::string allele_key(std::string_view chrom, int64_t pos, std::string_view ref, std::string_view alt) {
  std::string key;
  key.reserve(chrom.size() + ref.size() + alt.size() + 16);
  key.append(chrom).append("\t").append(std::to_string(pos)).append("\t");
  key.append(ref).append("\t").append(alt);
  return key;
}

// Whole file as text (plain, gzip or BGZF), lines as the one text reader gives them.
std::string read_text_file(const std::string& path) {
  TextReader reader(path);
  std::string text;
  std::string_view line;
  while (reader.next(line)) text.append(line).append("\n");
  return text;
}

// VCF-style allele -> the MAF-style allele of the hotspot table. prefix_first trims the common leading bases
// first (as vcf2maf does), otherwise the common trailing bases first: both describe the same change but place
// it differently inside a repeat, so lookups try both. An insertion sits at the base before it, as in MAF.
// Views into the input (empty = "-"), so the hot path allocates nothing before the position check.
struct TrimmedAllele {
  int64_t pos = 0;
  std::string_view ref, alt;
};
std::optional<TrimmedAllele> trim_alleles(int64_t pos, std::string_view ref, std::string_view alt,
                                          bool prefix_first) {
  const size_t shorter = std::min(ref.size(), alt.size());
  auto same = [](char a, char b) { return upper_char(a) == upper_char(b); };
  size_t prefix = 0, suffix = 0;
  if (prefix_first) {
    while (prefix < shorter && same(ref[prefix], alt[prefix])) ++prefix;
    while (suffix < shorter - prefix && same(ref[ref.size() - 1 - suffix], alt[alt.size() - 1 - suffix])) ++suffix;
  } else {
    while (suffix < shorter && same(ref[ref.size() - 1 - suffix], alt[alt.size() - 1 - suffix])) ++suffix;
    while (prefix < shorter - suffix && same(ref[prefix], alt[prefix])) ++prefix;
  }
  TrimmedAllele t;
  t.ref = ref.substr(prefix, ref.size() - prefix - suffix);
  t.alt = alt.substr(prefix, alt.size() - prefix - suffix);
  if (t.ref.empty() && t.alt.empty()) return std::nullopt;
  t.pos = pos + static_cast<int64_t>(prefix) - (t.ref.empty() ? 1 : 0);
  return t;
}

std::string maf_key(std::string_view chrom, const TrimmedAllele& t) {
  return allele_key(chrom, t.pos, t.ref.empty() ? "-" : upper(t.ref), t.alt.empty() ? "-" : upper(t.alt));
}

char three_letter_to_one(std::string_view code) {
  static const std::pair<std::string_view, char> kCodes[] = {
      {"Ala", 'A'}, {"Arg", 'R'}, {"Asn", 'N'}, {"Asp", 'D'}, {"Asx", 'B'}, {"Cys", 'C'}, {"Gln", 'Q'},
      {"Glu", 'E'}, {"Glx", 'Z'}, {"Gly", 'G'}, {"His", 'H'}, {"Ile", 'I'}, {"Leu", 'L'}, {"Lys", 'K'},
      {"Met", 'M'}, {"Phe", 'F'}, {"Pro", 'P'}, {"Ser", 'S'}, {"Thr", 'T'}, {"Trp", 'W'}, {"Tyr", 'Y'},
      {"Val", 'V'}, {"Sec", 'U'}, {"Pyl", 'O'}, {"Xaa", 'X'}, {"Ter", '*'}};
  for (const auto& [three, one] : kCodes)
    if (three == code) return one;
  return 0;
}

}  // namespace

// ----------------------------------------------------------------------------------------------------------------
// Small conversions
// ----------------------------------------------------------------------------------------------------------------

std::string to_string(Build b) { return b == Build::GRCh37 ? "GRCh37" : "GRCh38"; }

std::optional<Build> parse_build(std::string_view s) {
  s = trim(s);
  for (std::string_view name : {"GRCh37", "hg19", "b37", "37"})
    if (iequals(s, name)) return Build::GRCh37;
  for (std::string_view name : {"GRCh38", "hg38", "b38", "38"})
    if (iequals(s, name)) return Build::GRCh38;
  return std::nullopt;
}

std::string to_string(GeneRole r) {
  switch (r) {
    case GeneRole::Oncogene: return "OG";
    case GeneRole::TumorSuppressor: return "TSG";
    case GeneRole::Unknown: break;
  }
  return "unknown";
}

std::string canonical_chrom(std::string_view chrom) {
  std::string_view c = strip_chr(trim(chrom));
  if (c == "M") return "MT";
  return std::string(c);
}

std::string short_protein_change(std::string_view hgvsp) {
  std::string_view s = trim(hgvsp);
  size_t colon = s.rfind(':');
  if (colon != std::string_view::npos) s.remove_prefix(colon + 1);  // ENSP00000263967.1:p.His1047Arg
  if (s.size() >= 2 && s[0] == 'p' && s[1] == '.') s.remove_prefix(2);
  if (s.size() >= 2 && s.front() == '(' && s.back() == ')') {  // predicted change: p.(His1047Arg)
    s.remove_prefix(1);
    s.remove_suffix(1);
  }
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    // A three-letter code is an upper-case letter and two lower-case ones; HGVS keywords (del, ins, dup, fs,
    // ext) are all lower case, so they are never taken for one.
    if (i + 3 <= s.size() && std::isupper(static_cast<unsigned char>(s[i])) &&
        std::islower(static_cast<unsigned char>(s[i + 1])) && std::islower(static_cast<unsigned char>(s[i + 2]))) {
      if (char one = three_letter_to_one(s.substr(i, 3))) {
        out += one;
        i += 3;
        continue;
      }
    }
    out += s[i++];
  }
  // ANNOVAR and older SnpEff write a stop as X: R130X.
  if (out.size() >= 2 && out.back() == 'X' && std::isdigit(static_cast<unsigned char>(out[out.size() - 2])))
    out.back() = '*';
  return out;
}

// ----------------------------------------------------------------------------------------------------------------
// Parsers
// ----------------------------------------------------------------------------------------------------------------

std::vector<PathwayGene> parse_pathway_genes_tsv(std::string_view text, const std::string& source) {
  static constexpr std::string_view kColumns = "gene, role, role_source, note";
  TsvTable table(text, source);
  size_t c_gene = table.column("gene", kColumns), c_role = table.column("role", kColumns);
  size_t c_source = table.optional_column("role_source"), c_note = table.optional_column("note");
  std::vector<PathwayGene> out;
  std::unordered_map<std::string, long> seen;
  for (const auto& row : table.rows()) {
    PathwayGene g;
    g.symbol = std::string(row.fields[c_gene]);
    if (g.symbol.empty()) bad_row(source, row.line, "empty gene symbol");
    std::string_view role = row.fields[c_role];
    if (iequals(role, "OG"))
      g.role = GeneRole::Oncogene;
    else if (iequals(role, "TSG"))
      g.role = GeneRole::TumorSuppressor;
    else
      bad_row(source, row.line, "unknown role '" + std::string(role) + "' for " + g.symbol + " (use OG or TSG)");
    auto [it, fresh] = seen.emplace(g.symbol, row.line);
    if (!fresh) bad_row(source, row.line, g.symbol + " is listed twice (first at line " + std::to_string(it->second) + ")");
    g.role_source = optional_field(row, c_source);
    g.note = optional_field(row, c_note);
    out.push_back(std::move(g));
  }
  return out;
}

std::vector<GeneSet> parse_gmt(std::string_view text, const std::string& source) {
  std::vector<GeneSet> sets;
  std::vector<long> set_lines;
  TextReader reader = TextReader::from_text(text, source);
  std::string_view line;
  while (reader.next(line)) {
    if (skip_line(line)) continue;
    const long n = reader.line_number();
    std::vector<std::string_view> fields = split_tabs(line);
    for (auto& f : fields) f = trim(f);
    if (fields.size() < 3) {
      std::string hint = line.find(' ') != std::string_view::npos ? "; fields must be separated by tabs" : "";
      bad_row(source, n,
              "a GMT line needs a set name, a description and at least one gene, tab-separated; found " +
                  std::to_string(fields.size()) + " field(s)" + hint);
    }
    GeneSet set;
    set.name = std::string(fields[0]);
    if (set.name.empty()) bad_row(source, n, "empty gene set name");
    for (size_t i = 0; i < sets.size(); ++i)
      if (sets[i].name == set.name)
        bad_row(source, n, "gene set '" + set.name + "' is already defined at line " + std::to_string(set_lines[i]));
    std::unordered_set<std::string_view> seen;
    for (size_t i = 2; i < fields.size(); ++i) {
      std::string_view gene = fields[i];
      if (gene.empty()) continue;  // trailing tabs
      if (gene.find(' ') != std::string_view::npos)
        bad_row(source, n, "gene '" + std::string(gene) + "' in set '" + set.name +
                               "' contains a space; GMT fields are separated by tabs");
      if (seen.insert(gene).second) set.genes.emplace_back(gene);
    }
    if (set.genes.empty()) bad_row(source, n, "gene set '" + set.name + "' lists no genes");
    sets.push_back(std::move(set));
    set_lines.push_back(n);
  }
  if (sets.empty())
    throw InputError(source + ": no gene sets found (GMT: one set per line, name<TAB>description<TAB>gene...)");
  // Set names and gene symbols share the matrix header, so they must differ.
  for (size_t i = 0; i < sets.size(); ++i)
    for (const auto& other : sets)
      if (std::find(other.genes.begin(), other.genes.end(), sets[i].name) != other.genes.end())
        bad_row(source, set_lines[i], "gene set name '" + sets[i].name + "' is also a gene of set '" + other.name +
                                          "'; rename the set (set names and genes are both matrix columns)");
  return sets;
}

std::vector<Gene> parse_genes_tsv(std::string_view text, const std::string& source) {
  static constexpr std::string_view kColumns =
      "gene, chrom, start, end, strand, ensembl_gene_id, canonical_transcript, canonical_refseq, canonical_source";
  TsvTable table(text, source);
  size_t c_gene = table.column("gene", kColumns), c_chrom = table.column("chrom", kColumns),
         c_start = table.column("start", kColumns), c_end = table.column("end", kColumns),
         c_strand = table.column("strand", kColumns);
  size_t c_ensg = table.optional_column("ensembl_gene_id"), c_tx = table.optional_column("canonical_transcript"),
         c_refseq = table.optional_column("canonical_refseq"), c_src = table.optional_column("canonical_source");
  std::vector<Gene> out;
  std::unordered_map<std::string, long> seen;
  for (const auto& row : table.rows()) {
    Gene g;
    g.symbol = std::string(row.fields[c_gene]);
    if (g.symbol.empty()) bad_row(source, row.line, "empty gene symbol");
    auto [it, fresh] = seen.emplace(g.symbol, row.line);
    if (!fresh) bad_row(source, row.line, g.symbol + " is listed twice (first at line " + std::to_string(it->second) + ")");
    g.chrom = canonical_chrom(row.fields[c_chrom]);
    if (g.chrom.empty()) bad_row(source, row.line, "empty chrom for " + g.symbol);
    g.start = parse_position(row.fields[c_start], "start", source, row.line);
    g.end = parse_position(row.fields[c_end], "end", source, row.line);
    if (g.end < g.start)
      bad_row(source, row.line, "end " + std::to_string(g.end) + " is before start " + std::to_string(g.start) +
                                    " for " + g.symbol + " (coordinates are 1-based inclusive)");
    std::string_view strand = row.fields[c_strand];
    if (strand == "+" || strand == "1")
      g.strand = '+';
    else if (strand == "-" || strand == "-1")
      g.strand = '-';
    else
      bad_row(source, row.line, "strand '" + std::string(strand) + "' for " + g.symbol + " is not + or -");
    g.ensembl_gene_id = optional_field(row, c_ensg);
    g.canonical_transcript = optional_field(row, c_tx);
    // Transcripts are matched without their version (ENST00000263967.3 -> ENST00000263967).
    if (g.canonical_transcript.rfind("ENST", 0) == 0) {
      size_t dot = g.canonical_transcript.find('.');
      if (dot != std::string::npos) g.canonical_transcript.resize(dot);
    }
    g.canonical_refseq = optional_field(row, c_refseq);
    g.canonical_source = optional_field(row, c_src);
    out.push_back(std::move(g));
  }
  return out;
}

std::vector<std::pair<Build, Hotspot>> parse_hotspots_tsv(std::string_view text, const std::string& source) {
  static constexpr std::string_view kColumns = "gene, protein_change, variant_class, build, chrom, pos, ref, alt";
  TsvTable table(text, source);
  size_t c_gene = table.column("gene", kColumns), c_change = table.column("protein_change", kColumns),
         c_class = table.column("variant_class", kColumns), c_build = table.column("build", kColumns),
         c_chrom = table.column("chrom", kColumns), c_pos = table.column("pos", kColumns),
         c_ref = table.column("ref", kColumns), c_alt = table.column("alt", kColumns);
  std::vector<std::pair<Build, Hotspot>> out;
  std::unordered_map<std::string, long> seen;
  for (const auto& row : table.rows()) {
    Hotspot h;
    h.gene = std::string(row.fields[c_gene]);
    if (h.gene.empty()) bad_row(source, row.line, "empty gene symbol");
    h.protein_change = short_protein_change(row.fields[c_change]);
    if (h.protein_change.empty()) bad_row(source, row.line, "empty protein_change");
    h.variant_class = std::string(row.fields[c_class]);
    if (h.variant_class.empty()) bad_row(source, row.line, "empty variant_class");
    std::optional<Build> build = parse_build(row.fields[c_build]);
    if (!build)
      bad_row(source, row.line, "unknown build '" + std::string(row.fields[c_build]) + "' (use GRCh37 or GRCh38)");
    h.chrom = canonical_chrom(row.fields[c_chrom]);
    if (h.chrom.empty()) bad_row(source, row.line, "empty chrom");
    h.pos = parse_position(row.fields[c_pos], "pos", source, row.line);
    h.ref = parse_allele(row.fields[c_ref], "ref", source, row.line);
    h.alt = parse_allele(row.fields[c_alt], "alt", source, row.line);
    if (h.ref == h.alt) bad_row(source, row.line, "ref and alt are the same ('" + h.ref + "')");
    std::string key = to_string(*build) + "\t" + allele_key(h.chrom, h.pos, h.ref, h.alt);
    auto [it, fresh] = seen.emplace(key, row.line);
    if (!fresh)
      bad_row(source, row.line, "the same allele is listed twice (first at line " + std::to_string(it->second) + ")");
    out.emplace_back(*build, std::move(h));
  }
  return out;
}

// ----------------------------------------------------------------------------------------------------------------
// Reference
// ----------------------------------------------------------------------------------------------------------------

Reference Reference::builtin() {
  auto file = [](const char* name) { return builtin_reference_file(name); };
  auto source = [](const char* name) { return std::string("built-in reference/") + name; };
  Reference ref;
  {
    TextReader reader = TextReader::from_text(file("VERSION"), "built-in reference/VERSION");
    std::string_view line;
    if (reader.next(line)) ref.version_ = std::string(trim(line));
  }
  for (auto& g : parse_pathway_genes_tsv(file("pathway_genes.tsv"), source("pathway_genes.tsv")))
    ref.roles_[g.symbol] = g.role;
  ref.gene_sets_ = parse_gmt(file("PI3K_MTOR.gmt"), source("PI3K_MTOR.gmt"));
  ref.genes37_ = parse_genes_tsv(file("genes_GRCh37.tsv"), source("genes_GRCh37.tsv"));
  ref.genes38_ = parse_genes_tsv(file("genes_GRCh38.tsv"), source("genes_GRCh38.tsv"));
  for (auto& [build, h] : parse_hotspots_tsv(file("hotspots.tsv"), source("hotspots.tsv")))
    (build == Build::GRCh37 ? ref.hotspots37_ : ref.hotspots38_).push_back(std::move(h));
  ref.rebuild_indexes();
  return ref;
}

void Reference::load_gene_set_gmt(const std::string& path) {
  if (path.empty()) return;
  gene_sets_ = parse_gmt(read_text_file(path), path);
  rebuild_indexes();
}

void Reference::load_hotspots(const std::string& path) {
  if (path.empty()) return;
  auto rows = parse_hotspots_tsv(read_text_file(path), path);
  hotspots37_.clear();
  hotspots38_.clear();
  for (auto& [build, h] : rows) (build == Build::GRCh37 ? hotspots37_ : hotspots38_).push_back(std::move(h));
  rebuild_indexes();
}

void Reference::load_genes(Build build, const std::string& path) {
  if (path.empty()) return;
  (build == Build::GRCh37 ? genes37_ : genes38_) = parse_genes_tsv(read_text_file(path), path);
  rebuild_indexes();
}

std::string Reference::version() const { return version_; }

std::vector<std::string> Reference::feature_genes() const {
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  for (const auto& set : gene_sets_)
    for (const auto& gene : set.genes)
      if (seen.insert(gene).second) out.push_back(gene);
  return out;
}

std::vector<std::string> Reference::genes_without_coordinates(Build build) const {
  std::vector<std::string> out;
  const BuildIndex& idx = index(build);
  for (auto& gene : feature_genes())
    if (idx.gene_by_symbol.count(gene) == 0) out.push_back(gene);
  return out;
}

const Gene* Reference::gene(Build build, const std::string& symbol) const {
  const BuildIndex& idx = index(build);
  auto it = idx.gene_by_symbol.find(symbol);
  return it == idx.gene_by_symbol.end() ? nullptr : &genes(build)[it->second];
}

GeneRole Reference::role(const std::string& symbol) const {
  auto it = roles_.find(symbol);
  return it == roles_.end() ? GeneRole::Unknown : it->second;
}

const std::vector<Hotspot>& Reference::hotspots(Build build) const {
  return build == Build::GRCh37 ? hotspots37_ : hotspots38_;
}

const std::vector<Gene>& Reference::genes(Build build) const {
  return build == Build::GRCh37 ? genes37_ : genes38_;
}

void Reference::rebuild_indexes() {
  const std::vector<std::string> features = feature_genes();
  auto rebuild = [&](BuildIndex& idx, std::vector<Gene>& genes, const std::vector<Hotspot>& hotspots) {
    idx = BuildIndex{};
    for (auto& g : genes) g.role = role(g.symbol);
    for (size_t i = 0; i < hotspots.size(); ++i) {
      const Hotspot& h = hotspots[i];
      // A row whose alleles share context bases (GAAAA>AA) is indexed in its trimmed form, as VCF alleles are.
      std::optional<TrimmedAllele> t;
      if (h.ref != "-" && h.alt != "-") t = trim_alleles(h.pos, h.ref, h.alt, true);
      idx.hotspot_positions.insert(t ? t->pos : h.pos);
      idx.hotspot_by_allele.emplace(t ? maf_key(h.chrom, *t) : allele_key(h.chrom, h.pos, h.ref, h.alt), i);
      idx.hotspot_by_protein.emplace(h.gene + "\t" + h.protein_change, i);  // keeps the first of equal labels
    }
    for (size_t i = 0; i < genes.size(); ++i) idx.gene_by_symbol.emplace(genes[i].symbol, i);
    for (size_t rank = 0; rank < features.size(); ++rank) {
      auto it = idx.gene_by_symbol.find(features[rank]);
      if (it == idx.gene_by_symbol.end()) continue;
      const Gene& g = genes[it->second];
      idx.feature_intervals[g.chrom].push_back({g.start, g.end, 0, it->second, rank});
    }
    for (auto& [chrom, intervals] : idx.feature_intervals) {
      std::sort(intervals.begin(), intervals.end(), [](const GeneInterval& a, const GeneInterval& b) {
        return a.start != b.start ? a.start < b.start : a.feature_rank < b.feature_rank;
      });
      int64_t max_end = 0;
      for (auto& iv : intervals) iv.max_end = max_end = std::max(max_end, iv.end);
    }
  };
  rebuild(index37_, genes37_, hotspots37_);
  rebuild(index38_, genes38_, hotspots38_);
}

std::vector<const Gene*> Reference::genes_at(Build build, std::string_view chrom, int64_t pos) const {
  const BuildIndex& idx = index(build);
  std::string_view c = strip_chr(chrom);
  if (c == "M") c = "MT";
  auto it = idx.feature_intervals.find(c);
  if (it == idx.feature_intervals.end()) return {};
  const auto& intervals = it->second;
  auto after = std::upper_bound(intervals.begin(), intervals.end(), pos,
                                [](int64_t p, const GeneInterval& iv) { return p < iv.start; });
  std::vector<const GeneInterval*> hits;
  // Walk left from the last interval starting at or before pos; max_end says when nothing further left can reach.
  for (auto i = after; i != intervals.begin();) {
    --i;
    if (i->max_end < pos) break;
    if (i->end >= pos) hits.push_back(&*i);
  }
  std::sort(hits.begin(), hits.end(),
            [](const GeneInterval* a, const GeneInterval* b) { return a->feature_rank < b->feature_rank; });
  std::vector<const Gene*> out;
  out.reserve(hits.size());
  for (const GeneInterval* iv : hits) out.push_back(&genes(build)[iv->gene]);
  return out;
}

const Hotspot* Reference::find_hotspot(const BuildIndex& idx, const std::vector<Hotspot>& table,
                                       std::string_view chrom, int64_t pos, std::string_view ref,
                                       std::string_view alt, bool prefix_first) const {
  std::optional<TrimmedAllele> t = trim_alleles(pos, ref, alt, prefix_first);
  if (!t || idx.hotspot_positions.count(t->pos) == 0) return nullptr;  // almost every record stops here
  auto it = idx.hotspot_by_allele.find(maf_key(canonical_chrom(chrom), *t));
  return it == idx.hotspot_by_allele.end() ? nullptr : &table[it->second];
}

const Hotspot* Reference::hotspot_at(Build build, std::string_view chrom, int64_t pos, std::string_view ref,
                                     std::string_view alt) const {
  // Symbolic (<DEL>), breakend, spanning-deletion (*) and missing (.) alleles are never hotspots.
  if (ref.empty() || alt.empty() || alt.find_first_of("<>[]*.") != std::string_view::npos) return nullptr;
  const BuildIndex& idx = index(build);
  const std::vector<Hotspot>& table = hotspots(build);
  if (const Hotspot* h = find_hotspot(idx, table, chrom, pos, ref, alt, true)) return h;
  return find_hotspot(idx, table, chrom, pos, ref, alt, false);
}

const Hotspot* Reference::hotspot_by_protein(Build build, const std::string& gene,
                                             const std::string& protein_change) const {
  std::string change = short_protein_change(protein_change);
  if (change.empty()) return nullptr;
  const BuildIndex& idx = index(build);
  auto it = idx.hotspot_by_protein.find(gene + "\t" + change);
  return it == idx.hotspot_by_protein.end() ? nullptr : &hotspots(build)[it->second];
}

// Lengths of the primary assembly sequences. GRCh37 as in the ##contig lines of
// /work/shared/real-data callers/gatk_mc3_M2.vcf, annotated/gatk_funcotator_regressionTestVariantSet1.vcf and
// callers/pcgr_EMN-3661_strelka_snv.vcf.gz (identical); GRCh38 as in callers/vstol_hg002_hg001_mutect2.vcf,
// callers/hcc1395_strelka2_somatic_snvs.chr1.vcf.gz and pathway/gatk_hg38_trio.pik3ca.vcf (identical, chrM as MT).
const std::map<std::string, int64_t>& Reference::contig_lengths(Build build) {
  static const std::map<std::string, int64_t> kGRCh37 = {
      {"1", 249250621}, {"2", 243199373}, {"3", 198022430}, {"4", 191154276}, {"5", 180915260},
      {"6", 171115067}, {"7", 159138663}, {"8", 146364022}, {"9", 141213431}, {"10", 135534747},
      {"11", 135006516}, {"12", 133851895}, {"13", 115169878}, {"14", 107349540}, {"15", 102531392},
      {"16", 90354753},  {"17", 81195210},  {"18", 78077248},  {"19", 59128983},  {"20", 63025520},
      {"21", 48129895},  {"22", 51304566},  {"X", 155270560},  {"Y", 59373566},   {"MT", 16569}};
  static const std::map<std::string, int64_t> kGRCh38 = {
      {"1", 248956422}, {"2", 242193529}, {"3", 198295559}, {"4", 190214555}, {"5", 181538259},
      {"6", 170805979}, {"7", 159345973}, {"8", 145138636}, {"9", 138394717}, {"10", 133797422},
      {"11", 135086622}, {"12", 133275309}, {"13", 114364328}, {"14", 107043718}, {"15", 101991189},
      {"16", 90338345},  {"17", 83257441},  {"18", 80373285},  {"19", 58617616},  {"20", 64444167},
      {"21", 46709983},  {"22", 50818468},  {"X", 156040895},  {"Y", 57227415},   {"MT", 16569}};
  return build == Build::GRCh37 ? kGRCh37 : kGRCh38;
}

}  // namespace pathcorr
