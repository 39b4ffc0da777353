// Transcript model readers: GENCODE/Ensembl GTF, Ensembl-style GFF3 (plain, gzip or BGZF, read line by line through
// the one text reader, io/text_reader.h: its pragmas and '##FASTA' are line-level, so no table parser) and the built-in canonical_exons.tsv. Only structure is read here; sequence comes later from
// the FASTA in consequence_caller.cpp.
#include "annotators/transcript_model.h"

#include "annotators/annotation.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <unordered_map>

#include "pipeline/base/errors.h"
#include "pipeline/io/text_reader.h"

namespace pathcorr {
namespace {

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t at = s.find(sep, start);
    if (at == std::string_view::npos) {
      out.push_back(s.substr(start));
      return out;
    }
    out.push_back(s.substr(start, at - start));
    start = at + 1;
  }
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

[[noreturn]] void bad(const std::string& source, long line, const std::string& what) {
  throw InputError(where(source, line) + ": " + what);
}

int64_t parse_position(std::string_view text, const std::string& source, long line, const char* column) {
  int64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || value < 1)
    bad(source, line, std::string(column) + " '" + std::string(text) + "' is not a positive integer");
  return value;
}


// Attributes of one row as key -> values (GTF repeats keys such as "tag"; GFF3 lists values with ',').
using Attributes = std::multimap<std::string, std::string>;

Attributes parse_gtf_attributes(std::string_view text) {
  Attributes out;
  for (std::string_view item : split(text, ';')) {
    item = trim(item);
    if (item.empty()) continue;
    size_t space = item.find_first_of(" \t");
    if (space == std::string_view::npos) continue;
    std::string_view key = item.substr(0, space);
    std::string_view value = trim(item.substr(space + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    out.emplace(std::string(key), std::string(value));
  }
  return out;
}

Attributes parse_gff3_attributes(std::string_view text) {
  Attributes out;
  for (std::string_view item : split(text, ';')) {
    item = trim(item);
    if (item.empty()) continue;
    size_t eq = item.find('=');
    if (eq == std::string_view::npos) continue;
    std::string key(item.substr(0, eq));
    for (std::string_view value : split(item.substr(eq + 1), ',')) out.emplace(key, decode_hex_escapes(value, "%"));
  }
  return out;
}

std::string first_value(const Attributes& attrs, const std::string& key) {
  auto it = attrs.find(key);
  return it == attrs.end() ? "" : it->second;
}

bool has_canonical_tag(const Attributes& attrs) {
  auto [lo, hi] = attrs.equal_range("tag");
  for (auto it = lo; it != hi; ++it)
    if (it->second == "Ensembl_canonical" || it->second == "MANE_Select") return true;
  return false;
}

std::string strip_prefix(const std::string& id, std::string_view prefix) {
  return id.compare(0, prefix.size(), prefix) == 0 ? id.substr(prefix.size()) : id;
}

// Everything gathered for one transcript while reading; turned into a TranscriptModel at the end.
struct Accumulator {
  std::string chrom;
  char strand = 0;
  long first_line = 0;
  std::vector<std::pair<std::pair<int64_t, int64_t>, long>> exons;  // (start, end), line
  int64_t cds_lo = 0, cds_hi = 0;
  long cds_line = 0;
  std::string gene;      // GTF gene_name / GFF3 gene_name attribute
  std::string gene_id;   // GTF gene_id / GFF3 Parent of the transcript feature
  std::string transcript_id;
  bool canonical = false;
};

// One GFF3 feature with an ID (gene or transcript), for names and parents.
struct Gff3Entity {
  std::string type, name, gene_name, parent, transcript_id;
  bool canonical = false;
};

void add_row(Accumulator& acc, const std::string& source, long line, std::string_view chrom, char strand) {
  std::string c = canonical_chrom(chrom);
  if (acc.first_line == 0) {
    acc.first_line = line;
    acc.chrom = c;
    acc.strand = strand;
    return;
  }
  if (c != acc.chrom)
    bad(source, line, "transcript is on chromosome " + acc.chrom + " (line " + std::to_string(acc.first_line) +
                          ") and on " + c + " here");
  if (strand != acc.strand)
    bad(source, line, std::string("transcript is on strand ") + acc.strand + " (line " +
                          std::to_string(acc.first_line) + ") and on " + strand + " here");
}

TranscriptModel finish(Accumulator& acc, const std::string& source) {
  TranscriptModel m;
  m.transcript_id = acc.transcript_id;
  m.gene = acc.gene.empty() ? (acc.gene_id.empty() ? acc.transcript_id : acc.gene_id) : acc.gene;
  m.chrom = acc.chrom;
  m.strand = acc.strand;
  m.canonical = acc.canonical;
  std::sort(acc.exons.begin(), acc.exons.end());
  for (size_t i = 0; i < acc.exons.size(); ++i) {
    const auto& [span, line] = acc.exons[i];
    if (i > 0 && span.first <= m.exons.back().second) {
      if (span == acc.exons[i - 1].first) continue;  // the same exon listed twice
      bad(source, line, "exon " + std::to_string(span.first) + "-" + std::to_string(span.second) + " of " +
                            m.transcript_id + " overlaps exon " + std::to_string(m.exons.back().first) + "-" +
                            std::to_string(m.exons.back().second) + " (line " + std::to_string(acc.exons[i - 1].second) +
                            ")");
    }
    m.exons.push_back(span);
  }
  if (acc.cds_lo > 0) {
    if (acc.cds_lo < m.start() || acc.cds_hi > m.end())
      bad(source, acc.cds_line, "CDS of " + m.transcript_id + " (" + std::to_string(acc.cds_lo) + "-" +
                                    std::to_string(acc.cds_hi) + ") lies outside its exons (" +
                                    std::to_string(m.start()) + "-" + std::to_string(m.end()) + ")");
    m.cds_start = acc.cds_lo;
    m.cds_end = acc.cds_hi;
  }
  return m;
}

void sort_models(std::vector<TranscriptModel>& models) {
  std::sort(models.begin(), models.end(), [](const TranscriptModel& a, const TranscriptModel& b) {
    if (a.chrom != b.chrom) return a.chrom < b.chrom;
    if (a.start() != b.start()) return a.start() < b.start();
    return a.transcript_id < b.transcript_id;
  });
}

}  // namespace

std::vector<TranscriptModel> read_transcript_models(const std::string& path) {
  TextReader file(path);

  enum class Dialect { Unknown, Gtf, Gff3 } dialect = Dialect::Unknown;
  std::unordered_map<std::string, Accumulator> accs;   // GTF: transcript_id; GFF3: Parent ID of exon rows
  std::vector<std::string> order;                       // first-seen order of accs keys
  std::unordered_map<std::string, Gff3Entity> entities; // GFF3 features with an ID
  auto acc_for = [&](const std::string& key) -> Accumulator& {
    auto [it, fresh] = accs.try_emplace(key);
    if (fresh) order.push_back(key);
    return it->second;
  };

  std::string_view line;
  while (file.next(line)) {
    const long line_no = file.line_number();
    if (line.empty()) continue;
    if (line[0] == '#') {
      if (line.rfind("##gff-version 3", 0) == 0) dialect = Dialect::Gff3;
      if (line == "##FASTA") break;  // GFF3 may end with sequences
      continue;
    }
    std::vector<std::string_view> cols = split(line, '\t');
    if (cols.size() != 9)
      bad(path, line_no, "expected 9 tab-separated columns (GTF/GFF3), found " + std::to_string(cols.size()));
    if (dialect == Dialect::Unknown) {
      std::string_view attrs = trim(cols[8]);
      size_t eq = attrs.find('='), quote = attrs.find('"'), space = attrs.find(' ');
      dialect = (eq != std::string_view::npos && (space == std::string_view::npos || eq < space) &&
                 (quote == std::string_view::npos || eq < quote))
                    ? Dialect::Gff3
                    : Dialect::Gtf;
    }
    const std::string_view type = cols[2];
    const bool is_exon = type == "exon";
    const bool is_cds = type == "CDS" || type == "stop_codon";
    int64_t start = parse_position(cols[3], path, line_no, "start");
    int64_t end = parse_position(cols[4], path, line_no, "end");
    if (end < start) bad(path, line_no, "end " + std::to_string(end) + " is before start " + std::to_string(start));
    char strand = cols[6].size() == 1 ? cols[6][0] : '?';

    std::vector<std::string> owners;  // accumulator keys this row adds to
    if (dialect == Dialect::Gtf) {
      if (!is_exon && !is_cds && type != "transcript") continue;
      Attributes attrs = parse_gtf_attributes(cols[8]);
      std::string tid = first_value(attrs, "transcript_id");
      if (tid.empty()) bad(path, line_no, std::string(type) + " row without a transcript_id attribute");
      Accumulator& acc = acc_for(tid);
      acc.transcript_id = tid;
      if (acc.gene.empty()) acc.gene = first_value(attrs, "gene_name");
      if (acc.gene_id.empty()) acc.gene_id = first_value(attrs, "gene_id");
      acc.canonical = acc.canonical || has_canonical_tag(attrs);
      if (type == "transcript") continue;
      owners.push_back(tid);
    } else {
      Attributes attrs = parse_gff3_attributes(cols[8]);
      std::string id = first_value(attrs, "ID");
      if (!id.empty() && !is_exon && !is_cds) {
        Gff3Entity& e = entities[id];
        e.type = std::string(type);
        e.name = first_value(attrs, "Name");
        e.gene_name = first_value(attrs, "gene_name");
        e.parent = first_value(attrs, "Parent");
        e.transcript_id = first_value(attrs, "transcript_id");
        e.canonical = has_canonical_tag(attrs);
      }
      if (!is_exon && !is_cds) continue;
      auto [lo, hi] = attrs.equal_range("Parent");
      for (auto it = lo; it != hi; ++it) owners.push_back(it->second);
      if (owners.empty()) bad(path, line_no, std::string(type) + " row without a Parent attribute");
    }
    if (strand != '+' && strand != '-')
      bad(path, line_no, "strand '" + std::string(cols[6]) + "' of a " + std::string(type) + " row is not + or -");
    for (const std::string& key : owners) {
      Accumulator& acc = acc_for(key);
      add_row(acc, path, line_no, cols[0], strand);
      if (is_exon) {
        acc.exons.push_back({{start, end}, line_no});
      } else {
        if (acc.cds_lo == 0 || start < acc.cds_lo) acc.cds_lo = start;
        if (end > acc.cds_hi) acc.cds_hi = end;
        if (acc.cds_line == 0) acc.cds_line = line_no;
      }
    }
  }

  std::vector<TranscriptModel> models;
  for (const std::string& key : order) {
    Accumulator& acc = accs[key];
    if (acc.exons.empty()) continue;
    if (dialect == Dialect::Gff3) {
      auto it = entities.find(key);
      const Gff3Entity* tx = it == entities.end() ? nullptr : &it->second;
      acc.transcript_id = tx && !tx->transcript_id.empty() ? tx->transcript_id : strip_prefix(key, "transcript:");
      if (tx) {
        acc.canonical = tx->canonical;
        acc.gene = tx->gene_name;
        acc.gene_id = strip_prefix(tx->parent, "gene:");
        auto g = entities.find(tx->parent);
        if (acc.gene.empty() && g != entities.end())
          acc.gene = !g->second.name.empty() ? g->second.name : g->second.gene_name;
      }
    }
    models.push_back(finish(acc, path));
  }
  if (models.empty())
    throw InputError(path + ": no transcript with exon rows found; expected a GENCODE/Ensembl GTF or an "
                            "Ensembl-style GFF3");
  sort_models(models);
  return models;
}

std::vector<TranscriptModel> parse_canonical_exons_tsv(std::string_view text, const std::string& source,
                                                       Build build) {
  std::vector<std::string> header;
  std::map<std::string, size_t> column;
  std::vector<TranscriptModel> models;
  std::unordered_map<std::string, size_t> by_id;
  std::unordered_map<std::string, long> first_line;
  long line_no = 0;
  for (std::string_view line : split(text, '\n')) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (trim(line).empty() || line[0] == '#') continue;
    std::vector<std::string_view> fields = split(line, '\t');
    if (header.empty()) {
      for (size_t i = 0; i < fields.size(); ++i) column[std::string(trim(fields[i]))] = i;
      header.assign(fields.begin(), fields.end());
      for (const char* need : {"build", "gene", "transcript_id", "chrom", "strand", "exon_start", "exon_end",
                               "cds_start", "cds_end"})
        if (!column.count(need)) bad(source, line_no, std::string("header lacks the column '") + need + "'");
      continue;
    }
    if (fields.size() != header.size())
      bad(source, line_no, "has " + std::to_string(fields.size()) + " fields, the header has " +
                               std::to_string(header.size()));
    auto field = [&](const char* name) { return trim(fields[column.at(name)]); };
    std::optional<Build> row_build = parse_build(field("build"));
    if (!row_build) bad(source, line_no, "unknown build '" + std::string(field("build")) + "'");
    if (*row_build != build) continue;
    std::string tid(field("transcript_id"));
    std::string_view strand = field("strand");
    if (tid.empty()) bad(source, line_no, "empty transcript_id");
    if (strand != "+" && strand != "-") bad(source, line_no, "strand '" + std::string(strand) + "' is not + or -");
    int64_t start = parse_position(field("exon_start"), source, line_no, "exon_start");
    int64_t end = parse_position(field("exon_end"), source, line_no, "exon_end");
    if (end < start) bad(source, line_no, "exon_end is before exon_start");
    auto [it, fresh] = by_id.try_emplace(tid, models.size());
    if (fresh) {
      TranscriptModel m;
      m.gene = std::string(field("gene"));
      m.transcript_id = tid;
      m.chrom = canonical_chrom(field("chrom"));
      m.strand = strand[0];
      m.canonical = true;
      models.push_back(std::move(m));
      first_line[tid] = line_no;
    }
    TranscriptModel& m = models[it->second];
    if (m.chrom != canonical_chrom(field("chrom")) || m.strand != strand[0] || m.gene != field("gene"))
      bad(source, line_no, "gene, chromosome or strand differs from the first row of " + tid + " (line " +
                               std::to_string(first_line[tid]) + ")");
    if (!m.exons.empty() && start <= m.exons.back().second)
      bad(source, line_no, "exons of " + tid + " must be listed in increasing position without overlap");
    m.exons.emplace_back(start, end);
    std::string_view cs = field("cds_start"), ce = field("cds_end");
    if (cs.empty() != ce.empty()) bad(source, line_no, "cds_start and cds_end must both be given or both be empty");
    if (!cs.empty()) {
      int64_t a = parse_position(cs, source, line_no, "cds_start");
      int64_t b = parse_position(ce, source, line_no, "cds_end");
      if (a < start || b > end || b < a) bad(source, line_no, "CDS part lies outside the exon");
      if (m.cds_start == 0 || a < m.cds_start) m.cds_start = a;
      if (b > m.cds_end) m.cds_end = b;
    }
  }
  if (header.empty()) bad(source, line_no, "no header row");
  sort_models(models);
  return models;
}

const std::vector<TranscriptModel>& builtin_transcript_models(Build build) {
  const auto parse = [](Build b) {
    return parse_canonical_exons_tsv(builtin_reference_file("canonical_exons.tsv"),
                                     "built-in reference/canonical_exons.tsv", b);
  };
  static const std::vector<TranscriptModel> grch37 = parse(Build::GRCh37), grch38 = parse(Build::GRCh38);
  return build == Build::GRCh38 ? grch38 : grch37;
}

}  // namespace pathcorr
