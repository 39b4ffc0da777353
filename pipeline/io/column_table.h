// An output table as one list of columns, each with its name and how a row writes it, so that the header, the rows
// and every reader or test that looks a column up by name cannot disagree (calls.tsv, samples.tsv,
// associations.tsv). Rows are written as TSV after the '#' provenance lines.
#pragma once
#include <algorithm>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "pipeline/io/table_io.h"

namespace pathcorr {

template <class Row>
struct OutputColumn {
  const char* name;
  std::function<std::string(const Row&)> write;
};

// Any column list whose elements have `name` (OutputColumn, or a column type that also reads).
template <class Columns>
std::vector<std::string> column_names(const Columns& columns) {
  std::vector<std::string> names;
  for (const auto& c : columns) names.emplace_back(c.name);
  return names;
}

// Rows [from, to) of `rows` appended to `out` as TSV (columns with `write`; `fields` is scratch space).
template <class Columns, class Rows>
void append_output_rows(std::string& out, const Columns& columns, const Rows& rows, size_t from, size_t to,
                        std::vector<std::string>& fields) {
  for (size_t i = from; i < to; ++i) {
    fields.clear();
    for (const auto& c : columns) fields.push_back(c.write(rows[i]));
    append_tsv_row(out, fields);
  }
}

// The header, then one row per element of `rows` (columns with `name` and `write`; rows indexable).
template <class Columns, class Rows>
void write_output_rows(std::ostream& os, const Columns& columns, const Rows& rows) {
  write_tsv_row(os, column_names(columns));
  std::string text;
  std::vector<std::string> fields;
  for (size_t from = 0; from < rows.size(); from += 1024) {  // a block of rows at a time, one write each
    text.clear();
    append_output_rows(text, columns, rows, from, std::min(rows.size(), from + 1024), fields);
    os.write(text.data(), static_cast<std::streamsize>(text.size()));
  }
}

// '#' + each provenance line, then write_output_rows.
template <class Columns, class Rows>
void write_output_table(std::ostream& os, const std::vector<std::string>& provenance, const Columns& columns,
                        const Rows& rows) {
  for (const auto& p : provenance) os << '#' << p << '\n';
  write_output_rows(os, columns, rows);
}

}  // namespace pathcorr
