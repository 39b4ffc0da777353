// calls.tsv writing and reading (see calls_table.h).
#include "pipeline/classify/calls_table.h"

#include <cmath>
#include <functional>
#include <map>
#include <ostream>
#include <sstream>

#include "pipeline/base/errors.h"
#include "pipeline/io/column_table.h"
#include "pipeline/io/table_io.h"

namespace pathcorr {

namespace {

std::string or_na(const std::string& s) { return s.empty() ? "NA" : s; }
std::string from_na(const std::string& s) { return s == "NA" ? "" : s; }

// One column: its name, how a Call writes it, and how a read cell sets it (`where` names the row for errors).
struct CallColumn {
  const char* name;
  std::function<std::string(const Call&)> write;
  std::function<void(Call&, const std::string& cell, const std::string& where)> read;
};

double number_cell(const std::string& cell, const char* column, const std::string& where) {
  if (cell == "NA") return std::nan("");
  auto v = parse_double(cell);
  if (!v) throw InputError(where + ": " + column + " '" + cell + "' is not a number");
  return *v;
}

// A text column written as is.
CallColumn text(const char* name, std::string Call::*field) {
  return {name, [field](const Call& c) { return c.*field; },
          [field](Call& c, const std::string& v, const std::string&) { c.*field = v; }};
}
// A text column written "NA" when empty, read back empty.
CallColumn text_or_na(const char* name, std::string Call::*field) {
  return {name, [field](const Call& c) { return or_na(c.*field); },
          [field](Call& c, const std::string& v, const std::string&) { c.*field = from_na(v); }};
}
CallColumn number(const char* name, double Call::*field) {
  return {name, [field](const Call& c) { return format_double(c.*field); },
          [name, field](Call& c, const std::string& v, const std::string& where) {
            c.*field = number_cell(v, name, where);
          }};
}

const std::vector<CallColumn>& columns() {
  static const std::vector<CallColumn> cols = {
      text("patient_id", &Call::patient_id),
      {"sample", [](const Call& c) { return c.sample.empty() ? std::string("NA") : c.sample; },
       [](Call& c, const std::string& v, const std::string&) { c.sample = v; }},
      text("chrom", &Call::chrom),
      {"pos", [](const Call& c) { return std::to_string(c.pos); },
       [](Call& c, const std::string& v, const std::string& where) {
         auto pos = parse_long(v);
         if (!pos || *pos < 1) throw InputError(where + ": pos '" + v + "' is not a position");
         c.pos = *pos;
       }},
      text("ref", &Call::ref),
      text("alt", &Call::alt),
      text("gene", &Call::gene),
      text_or_na("transcript", &Call::transcript),
      text_or_na("consequence", &Call::consequence),
      text_or_na("hgvsp", &Call::hgvsp),
      number("vaf", &Call::vaf),
      number("depth", &Call::depth),
      number("alt_depth", &Call::alt_depth),
      text("filter", &Call::filter),
      text("alteration_class", &Call::alteration_class),
      {"counted", [](const Call& c) { return std::string(c.counted ? "yes" : "no"); },
       [](Call& c, const std::string& v, const std::string& where) {
         if (v != "yes" && v != "no") throw InputError(where + ": counted must be yes or no, not '" + v + "'");
         c.counted = v == "yes";
       }},
      {"reason", [](const Call& c) { return c.counted ? std::string(".") : c.reason; },
       [](Call& c, const std::string& v, const std::string&) { c.reason = v == "." ? "" : v; }},
      text("source_file", &Call::source_file),
      text("build", &Call::build),
      text("annotation", &Call::annotation),
      text("transcript_choice", &Call::transcript_choice),
      number("pop_af", &Call::pop_af),
      text_or_na("protein_change", &Call::protein_change),
      number("cn_value", &Call::cn_value),
      text_or_na("cn_scale", &Call::cn_scale),
      {"end", [](const Call& c) { return c.end > 0 ? std::to_string(c.end) : std::string("NA"); },
       [](Call& c, const std::string& v, const std::string& where) {
         if (v == "NA") return;
         auto end = parse_long(v);
         if (!end || *end < c.pos) throw InputError(where + ": end '" + v + "' is not a position at or after pos");
         c.end = *end;
       }},
  };
  return cols;
}

std::string join_list(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ",") + x;
  return s;
}

// The messages of an #input line's warnings= field, joined by " | " (a message holds no tab or line end).
constexpr std::string_view kWarningSeparator = " | ";

std::vector<std::string> split_warnings(const std::string& text) {
  std::vector<std::string> out;
  for (size_t b = 0;;) {
    const size_t e = text.find(kWarningSeparator, b);
    out.push_back(text.substr(b, e == std::string::npos ? std::string::npos : e - b));
    if (e == std::string::npos) return out;
    b = e + kWarningSeparator.size();
  }
}

InputSummary read_input_line(const std::string& line, const std::string& path) {
  InputSummary s;
  std::map<std::string, std::string> kv;
  std::stringstream ss(line.substr(6));
  std::string field;
  while (std::getline(ss, field, '\t')) {
    auto eq = field.find('=');
    if (eq == std::string::npos)
      throw InputError(path + ": malformed #input line (field '" + field + "' is not key=value)");
    kv[field.substr(0, eq)] = field.substr(eq + 1);
  }
  for (const char* k : {"patient_id", "file", "status"})
    if (!kv.count(k)) throw InputError(path + ": #input line without " + std::string(k));
  s.patient_id = kv["patient_id"];
  s.file = kv["file"];
  s.tumor_sample = kv["tumor_sample"];
  s.build = kv["build"];
  s.annotation = kv["annotation"];
  auto num = [&](const char* k) -> long {
    if (!kv.count(k)) return 0;
    auto v = parse_long(kv[k]);
    if (!v) throw InputError(path + ": #input line: " + std::string(k) + "='" + kv[k] + "' is not a number");
    return *v;
  };
  s.records = num("records");
  s.records_passing = num("records_passing");
  s.alterations_counted = num("alterations_counted");
  s.status = kv["status"];
  if (kv.count("kind")) {
    auto kind = parse_data_kind(kv["kind"]);
    if (!kind) throw InputError(path + ": #input line: kind='" + kv["kind"] + "' is not a data kind");
    s.kind = *kind;
  }
  s.segments = num("segments");
  auto real = [&](const char* k) {
    if (!kv.count(k) || kv[k] == "NA") return std::nan("");
    auto v = parse_double(kv[k]);
    if (!v) throw InputError(path + ": #input line: " + std::string(k) + "='" + kv[k] + "' is not a number");
    return *v;
  };
  s.ploidy = real("ploidy");
  s.purity = real("purity");
  if (kv.count("read")) s.read_mode = kv["read"];
  if (kv.count("warnings")) s.warnings = split_warnings(kv["warnings"]);
  if (kv.count("targets") && kv["targets"] != ".") s.targets = kv["targets"];
  if (kv.count("not_evaluable") && kv["not_evaluable"] != ".") {
    std::stringstream ne(kv["not_evaluable"]);
    std::string g;
    while (std::getline(ne, g, ',')) s.not_evaluable.push_back(g);
  }
  return s;
}

}  // namespace

std::string join_warnings(const std::vector<std::string>& warnings) {
  std::string s;
  for (const auto& w : warnings) {
    if (!s.empty()) s += kWarningSeparator;
    for (char c : w) s += c == '\t' || c == '\n' || c == '\r' ? ' ' : c;
  }
  return s;
}

const std::vector<std::string>& call_columns() {
  static const std::vector<std::string> names = column_names(columns());
  return names;
}

void write_calls_head(std::ostream& os, const ScanResult& r, const std::vector<std::string>& provenance) {
  for (const auto& p : provenance) os << '#' << p << '\n';
  for (const auto& s : r.inputs) {
    std::vector<std::string> cn;  // copy-number and SV files only, so small-variant lines keep their form
    if (s.kind != DataKind::SmallVariants)
      cn = {std::string("kind=") + to_string(s.kind), "segments=" + std::to_string(s.segments),
            "ploidy=" + format_double(s.ploidy), "purity=" + format_double(s.purity)};
    std::vector<std::string> fields = {"#input", "patient_id=" + s.patient_id, "file=" + s.file, "tumor_sample=" + s.tumor_sample,
                       "build=" + s.build, "annotation=" + s.annotation, "records=" + std::to_string(s.records),
                       "records_passing=" + std::to_string(s.records_passing),
                       "alterations_counted=" + std::to_string(s.alterations_counted),
                       "targets=" + (s.targets.empty() ? std::string(".") : s.targets),
                       "not_evaluable=" + (s.not_evaluable.empty() ? std::string(".") : join_list(s.not_evaluable)),
                       "status=" + s.status};
    fields.insert(fields.end(), cn.begin(), cn.end());
    // Only a file read through its index says so (records then counts the records in the gene regions).
    if (s.read_mode != "stream") fields.push_back("read=" + s.read_mode);
    // And only a file something was said about carries the messages (tabs and line ends made spaces).
    if (!s.warnings.empty()) fields.push_back("warnings=" + join_warnings(s.warnings));
    write_tsv_row(os, fields);
  }
  write_tsv_row(os, call_columns());
}

std::string calls_rows_text(const std::vector<Call>& calls) {
  std::string text;
  std::vector<std::string> fields;
  append_output_rows(text, columns(), calls, 0, calls.size(), fields);
  return text;
}

void write_calls(std::ostream& os, const ScanResult& r, const std::vector<std::string>& provenance) {
  write_calls_head(os, r, provenance);
  const std::string rows = calls_rows_text(r.calls);
  os.write(rows.data(), static_cast<std::streamsize>(rows.size()));
}

ScanResult read_calls(const std::string& path, const std::function<bool(const Call&)>& keep) {
  // Rows are turned into calls as they are parsed and only those kept are held: a gathered calls.tsv of millions
  // of rows costs the calls `join` keeps, not a table of its text.
  ScanResult r;
  const TextTable t =
      read_tsv_columns(path, call_columns(), [&](std::vector<std::string>& fields, long line, const std::vector<int>& at) {
        const std::string where = path + ":" + std::to_string(line);
        Call c;
        for (size_t k = 0; k < columns().size(); ++k) columns()[k].read(c, fields[at[k]], where);
        if (!keep || keep(c)) r.calls.push_back(std::move(c));
      });
  for (const std::string& line : t.comments)
    if (line.rfind("input\t", 0) == 0) r.inputs.push_back(read_input_line(line, path));
  return r;
}

}  // namespace pathcorr
