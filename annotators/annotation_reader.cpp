// Picks the annotation reader for a VCF header (make_annotation_reader) and holds the text helpers every reader
// shares: ##INFO header parsing, field lists from Descriptions, splitting, VEP's %-escapes, population
// frequencies and the matching of annotation allele strings to the record's ALT alleles.
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <stdexcept>

#include "annotators/annotation.h"
#include "pipeline/base/text.h"
#include "pipeline/base/errors.h"

namespace pathcorr {

// Defined in their dialect's file; declared here only, as nobody else builds them directly.
std::unique_ptr<AnnotationReader> make_bcsq_reader(const InfoHeader& info);
std::unique_ptr<AnnotationReader> make_funcotator_reader(const InfoHeader& info);
std::unique_ptr<AnnotationReader> make_annovar_reader(const std::vector<InfoHeader>& infos);
std::unique_ptr<AnnotationReader> make_snpeff_gatk_reader();

namespace {


std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

bool starts_with(const std::string& s, const std::string& prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

// Parses the inside of ##INFO=<...>: comma-separated key=value pairs, values optionally double-quoted with
// backslash escapes. Returns false on text it cannot read.
bool parse_structured(const std::string& body, InfoHeader& out) {
  std::string::size_type i = 0;
  bool have_id = false;
  while (i < body.size()) {
    while (i < body.size() && (body[i] == ' ' || body[i] == ',')) ++i;
    if (i >= body.size()) break;
    auto eq = body.find('=', i);
    if (eq == std::string::npos) return false;
    std::string key = trimmed(body.substr(i, eq - i));
    i = eq + 1;
    while (i < body.size() && body[i] == ' ') ++i;
    std::string value;
    if (i < body.size() && body[i] == '"') {
      ++i;
      bool closed = false;
      while (i < body.size()) {
        char c = body[i++];
        if (c == '\\' && i < body.size()) {
          value += body[i++];
        } else if (c == '"') {
          closed = true;
          break;
        } else {
          value += c;
        }
      }
      if (!closed) return false;
      while (i < body.size() && body[i] != ',') ++i;
    } else {
      auto comma = body.find(',', i);
      value = trimmed(body.substr(i, comma == std::string::npos ? std::string::npos : comma - i));
      i = comma == std::string::npos ? body.size() : comma;
    }
    if (key == "ID") {
      out.id = value;
      have_id = true;
    } else if (key == "Number") {
      out.number = value;
    } else if (key == "Type") {
      out.type = value;
    } else if (key == "Description") {
      out.description = value;
    }
  }
  return have_id && !out.id.empty();
}

bool equal_nocase(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::toupper(static_cast<unsigned char>(x)) == std::toupper(static_cast<unsigned char>(y));
         });
}

bool has_field(const std::vector<std::string>& fields, const std::string& name) {
  return std::find(fields.begin(), fields.end(), name) != fields.end();
}

const InfoHeader* find_info(const std::vector<InfoHeader>& infos, const std::string& id) {
  for (const InfoHeader& h : infos)
    if (h.id == id) return &h;
  return nullptr;
}

bool looks_like_vep(const InfoHeader& h) {
  auto fields = description_fields(h.description);
  return has_field(fields, "Allele") && has_field(fields, "Consequence");
}

bool looks_like_snpeff_ann(const InfoHeader& h) {
  auto fields = description_fields(h.description);
  return has_field(fields, "Allele") && has_field(fields, "Annotation") && !has_field(fields, "Consequence");
}

// The reader of one dialect, or nullptr when the header lacks its tag. `problem` is set when the tag is there
// but its Description cannot be used.
std::unique_ptr<AnnotationReader> try_dialect(const std::string& dialect, const std::vector<InfoHeader>& infos,
                                              std::string& problem) {
  try {
    if (dialect == "vep") {
      // CSQ first, then VEP written under ANN (--vcf_info_field ANN), then any other tag with a VEP Format.
      const InfoHeader* csq = find_info(infos, "CSQ");
      if (csq && looks_like_vep(*csq)) return make_vep_reader(*csq);
      const InfoHeader* ann = find_info(infos, "ANN");
      if (ann && looks_like_vep(*ann)) return make_vep_reader(*ann);
      for (const InfoHeader& h : infos)
        if (h.id != "BCSQ" && looks_like_vep(h)) return make_vep_reader(h);
      if (csq) problem = "INFO/CSQ has no VEP 'Format: Allele|Consequence|...' list in its Description";
      return nullptr;
    }
    if (dialect == "snpeff") {
      const InfoHeader* ann = find_info(infos, "ANN");
      if (ann && looks_like_snpeff_ann(*ann)) return make_snpeff_ann_reader(*ann);
      if (ann && !looks_like_vep(*ann))
        problem = "INFO/ANN has no SnpEff 'Allele | Annotation | ...' list in its Description";
      return nullptr;
    }
    if (dialect == "snpeff-eff") {
      const InfoHeader* eff = find_info(infos, "EFF");
      return eff ? make_snpeff_eff_reader(*eff) : nullptr;
    }
    if (dialect == "snpeff-gatk") {  // GATK3 VariantAnnotator --snpEffFile: SNPEFF_* keys
      return find_info(infos, "SNPEFF_EFFECT") && find_info(infos, "SNPEFF_GENE_NAME") ? make_snpeff_gatk_reader()
                                                                                        : nullptr;
    }
    if (dialect == "bcsq") {
      const InfoHeader* bcsq = find_info(infos, "BCSQ");
      return bcsq ? make_bcsq_reader(*bcsq) : nullptr;
    }
    if (dialect == "funcotator") {
      const InfoHeader* f = find_info(infos, "FUNCOTATION");
      return f ? make_funcotator_reader(*f) : nullptr;
    }
    if (dialect == "annovar") return make_annovar_reader(infos);
  } catch (const std::invalid_argument& e) {
    problem = e.what();
  }
  return nullptr;
}

}  // namespace

std::vector<InfoHeader> parse_info_headers(const std::string& header_text) {
  std::vector<InfoHeader> out;
  std::string::size_type start = 0;
  while (start < header_text.size()) {
    auto end = header_text.find('\n', start);
    std::string line = header_text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    start = end == std::string::npos ? header_text.size() : end + 1;
    line = trimmed(line);
    if (!starts_with(line, "##INFO=<") || line.back() != '>') continue;
    InfoHeader h;
    if (parse_structured(line.substr(8, line.size() - 9), h)) out.push_back(std::move(h));
  }
  return out;
}

std::vector<std::string> description_fields(const std::string& description) {
  std::string list;
  const std::string funcotator_marker = "Funcotation fields are:";
  auto pos = description.find(funcotator_marker);
  if (pos != std::string::npos) {
    list = description.substr(pos + funcotator_marker.size());
  } else if ((pos = description.find("Format:")) != std::string::npos) {
    list = description.substr(pos + 7);
  } else if ((pos = description.find('\'')) != std::string::npos) {
    list = description.substr(pos);
  } else {
    return {};
  }
  // SnpEff quotes its list: 'Allele | Annotation | ...'.
  auto q1 = list.find('\'');
  if (q1 != std::string::npos) {
    auto q2 = list.rfind('\'');
    list = q2 > q1 ? list.substr(q1 + 1, q2 - q1 - 1) : list.substr(q1 + 1);
  }
  list = trimmed(list);
  if (list.find('|') == std::string::npos) return {};
  std::vector<std::string> fields;
  for (const std::string& f : split_fields(list, '|')) fields.push_back(trimmed(f));
  return fields;
}

std::string strip_version(const std::string& id) {
  auto dot = id.find('.');
  return dot == std::string::npos ? id : id.substr(0, dot);
}

std::vector<std::string> split_fields(const std::string& text, char sep) {
  std::vector<std::string> parts;
  std::string::size_type start = 0;
  while (true) {
    auto pos = text.find(sep, start);
    if (pos == std::string::npos) {
      parts.push_back(text.substr(start));
      break;
    }
    parts.push_back(text.substr(start, pos - start));
    start = pos + 1;
  }
  return parts;
}

std::string decode_hex_escapes(std::string_view text, std::string_view open, std::string_view close) {
  if (text.find(open) == std::string_view::npos) return std::string(text);
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  const std::size_t width = open.size() + 2 + close.size();
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const std::size_t h = i + open.size();
    if (i + width <= text.size() && text.compare(i, open.size(), open) == 0 && hex(text[h]) >= 0 &&
        hex(text[h + 1]) >= 0 && text.compare(h + 2, close.size(), close) == 0) {
      out += static_cast<char>(hex(text[h]) * 16 + hex(text[h + 1]));
      i += width - 1;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string percent_decode(const std::string& text) { return decode_hex_escapes(text, "%"); }

void check_alt_index(const AlleleContext& ctx) {
  if (ctx.alt_index < 0 || static_cast<std::size_t>(ctx.alt_index) >= ctx.alts.size())
    throw std::invalid_argument("ALT index " + std::to_string(ctx.alt_index) + " outside the record's " +
                                std::to_string(ctx.alts.size()) + " ALT allele(s)");
}

bool no_annotation(const std::vector<std::string>& info_values) {
  return info_values.empty() || info_values[0].empty() || info_values[0] == ".";
}

std::vector<std::string> annotation_entries(const std::vector<std::string>& info_values, const AlleleContext& ctx,
                                            char sep) {
  check_alt_index(ctx);
  if (no_annotation(info_values)) return {};
  return split_fields(info_values[0], sep);
}

std::vector<std::string> entry_fields(const std::string& entry, const std::string& tag, std::size_t number,
                                      std::size_t fewest, std::size_t most) {
  std::vector<std::string> fields = split_fields(entry, '|');
  if (fields.size() < fewest || fields.size() > most)
    throw std::invalid_argument("INFO/" + tag + " entry " + std::to_string(number) + " has " +
                                std::to_string(fields.size()) + " '|'-separated fields; the header " +
                                (fewest == most ? "lists " + std::to_string(most)
                                                : "allows " + std::to_string(fewest) + " to " + std::to_string(most)));
  return fields;
}

double max_numeric_value(const std::string& text) {
  double best = std::nan("");
  for (const std::string& raw : split_fields(text, '&')) {
    std::string part = raw;
    auto colon = part.rfind(':');  // old VEP GMAF: "T:0.0010"
    if (colon != std::string::npos) part = part.substr(colon + 1);
    part = trimmed(part);
    if (part.empty() || part == ".") continue;
    errno = 0;
    char* end = nullptr;
    double v = std::strtod(part.c_str(), &end);
    if (errno != 0 || end != part.c_str() + part.size() || !std::isfinite(v)) continue;
    if (std::isnan(best) || v > best) best = v;
  }
  return best;
}

std::vector<std::string> vep_allele_strings(const std::string& ref, const std::vector<std::string>& alts) {
  std::vector<std::string> out = alts;
  bool is_indel = false;
  for (const std::string& alt : alts)
    if (alt != "*" && alt.size() != ref.size()) is_indel = true;
  if (!is_indel || ref.empty()) return out;
  // All alleles (ignoring '*') must share the first base for VEP to strip it.
  char first = static_cast<char>(std::toupper(static_cast<unsigned char>(ref[0])));
  for (const std::string& alt : alts) {
    if (alt.find('*') != std::string::npos) continue;
    if (alt.empty() || std::toupper(static_cast<unsigned char>(alt[0])) != first) return out;
  }
  for (std::string& alt : out) {
    if (alt.find('*') != std::string::npos) continue;
    alt = alt.size() > 1 ? alt.substr(1) : "-";
  }
  return out;
}

std::string minimal_allele_string(const std::string& ref, const std::string& alt) {
  std::string r = upper(ref), a = upper(alt);
  if (a == "*" || (!a.empty() && a[0] == '<')) return alt;
  while (!r.empty() && !a.empty() && r.back() == a.back()) {
    r.pop_back();
    a.pop_back();
  }
  std::string::size_type p = 0;
  while (p < r.size() && p < a.size() && r[p] == a[p]) ++p;
  std::string rest = alt.substr(p, a.size() - p);
  return rest.empty() ? "-" : rest;
}

std::vector<TranscriptEffect> merge_transcript_effects(std::vector<TranscriptEffect> effects) {
  std::vector<TranscriptEffect> out;
  out.reserve(effects.size());
  for (TranscriptEffect& t : effects) {
    auto same = t.transcript.empty() ? out.end() : std::find_if(out.begin(), out.end(), [&t](const TranscriptEffect& o) {
      return o.gene == t.gene && o.transcript == t.transcript;
    });
    if (same == out.end()) {
      out.push_back(std::move(t));
      continue;
    }
    for (std::string& term : t.so_terms)
      if (std::find(same->so_terms.begin(), same->so_terms.end(), term) == same->so_terms.end())
        same->so_terms.push_back(std::move(term));
    if (same->hgvsp.empty() && same->hgvsp_short.empty()) {
      same->hgvsp = std::move(t.hgvsp);
      same->hgvsp_short = std::move(t.hgvsp_short);
    }
    if (same->hgvsc.empty()) same->hgvsc = std::move(t.hgvsc);
    same->canonical = same->canonical || t.canonical;
    if (!std::isnan(t.max_pop_af) && !(same->max_pop_af >= t.max_pop_af)) same->max_pop_af = t.max_pop_af;
  }
  return out;
}

int match_annotation_allele(const std::string& allele, const std::string& ref, const std::vector<std::string>& alts,
                            bool vep_form_first) {
  std::vector<std::string> vep = vep_allele_strings(ref, alts);
  std::vector<std::string> minimal;
  for (const std::string& alt : alts) minimal.push_back(minimal_allele_string(ref, alt));
  const std::vector<std::string>* passes[3] = {vep_form_first ? &vep : &alts, vep_form_first ? &alts : &vep,
                                               &minimal};
  for (const auto* forms : passes)
    for (std::size_t i = 0; i < forms->size(); ++i)
      if (equal_nocase((*forms)[i], allele)) return static_cast<int>(i);
  return -1;
}

const std::vector<std::string>& annotation_dialects() {
  // Priority in auto mode when a file carries several dialects (bcftools split-vep test files hold CSQ + BCSQ).
  static const std::vector<std::string> kDialects = {"vep",  "snpeff",     "snpeff-eff", "snpeff-gatk",
                                                     "bcsq", "funcotator", "annovar"};
  return kDialects;
}

std::unique_ptr<AnnotationReader> make_annotation_reader(const std::string& header_text, const std::string& forced) {
  const std::vector<std::string>& kDialects = annotation_dialects();
  if (forced == "none") return nullptr;  // the file's annotation is ignored: hotspots, or calling from --fasta
  if (forced != "auto" && std::find(kDialects.begin(), kDialects.end(), forced) == kDialects.end())
    throw UsageError("--annotation: unknown dialect '" + forced +
                     "'; choose auto, none, vep, snpeff, snpeff-eff, snpeff-gatk, bcsq, funcotator or annovar");
  std::vector<InfoHeader> infos = parse_info_headers(header_text);
  if (forced != "auto") {
    std::string problem;
    auto reader = try_dialect(forced, infos, problem);
    if (reader) return reader;
    throw InputError("--annotation " + forced + ": the VCF header has no usable " + forced + " annotation" +
                     (problem.empty() ? std::string() : " (" + problem + ")") +
                     "; annotate the file first or choose another --annotation (auto detects it)");
  }
  for (const std::string& dialect : kDialects) {
    std::string problem;  // in auto mode an unusable tag just means "not this dialect"
    if (auto reader = try_dialect(dialect, infos, problem)) return reader;
  }
  return nullptr;
}

}  // namespace pathcorr
