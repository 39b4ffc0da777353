// An output table as one list of columns, each with its name and how a row writes it, so that the header, the rows
// and every reader or test that looks a column up by name cannot disagree (calls.tsv, samples.tsv,
// associations.tsv). Rows are written as TSV after the '#' provenance lines.
#pragma once
#include <algorithm>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "pipeline/base/parallel.h"
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

// One row per element of `rows` (columns with `write`; rows indexable), no header. Rows are formatted on up to
// `threads` threads, a batch at a time, and written in order: the text never depends on the thread count, and
// memory holds one batch of text, not the table's.
template <class Columns, class Rows>
void write_output_body(std::ostream& os, const Columns& columns, const Rows& rows, int threads = 1) {
  constexpr size_t kChunk = 1024;  // rows per job
  const size_t jobs_per_batch = 4 * static_cast<size_t>(std::max(threads, 1));
  std::vector<std::string> text(jobs_per_batch);
  for (size_t batch = 0; batch < rows.size(); batch += kChunk * jobs_per_batch) {
    const size_t n_jobs = std::min(jobs_per_batch, (rows.size() - batch + kChunk - 1) / kChunk);
    parallel_for<std::vector<std::string>>(n_jobs, threads, [&](std::vector<std::string>& fields, size_t j) {
      text[j].clear();
      const size_t from = batch + j * kChunk;
      append_output_rows(text[j], columns, rows, from, std::min(rows.size(), from + kChunk), fields);
    });
    for (size_t j = 0; j < n_jobs; ++j) os.write(text[j].data(), static_cast<std::streamsize>(text[j].size()));
  }
}

// The header, then write_output_body.
template <class Columns, class Rows>
void write_output_rows(std::ostream& os, const Columns& columns, const Rows& rows, int threads = 1) {
  write_tsv_row(os, column_names(columns));
  write_output_body(os, columns, rows, threads);
}

// '#' + each provenance line, then write_output_rows.
template <class Columns, class Rows>
void write_output_table(std::ostream& os, const std::vector<std::string>& provenance, const Columns& columns,
                        const Rows& rows) {
  for (const auto& p : provenance) os << '#' << p << '\n';
  write_output_rows(os, columns, rows);
}

}  // namespace pathcorr
