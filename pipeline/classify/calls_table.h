// calls.tsv (SPEC "calls.tsv and samples.tsv"): '#' provenance lines, one `#input` line per scanned file (so
// `join` knows wild-type patients were sequenced), a header row, one row per Call. Written and read back from one
// column table, so the writer, the reader and the tests cannot disagree about a column.
#pragma once
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "pipeline/classify/scan.h"

namespace pathcorr {

void write_calls(std::ostream& os, const ScanResult& r, const std::vector<std::string>& provenance);
// write_calls in two parts, for rows written as files finish (scan's CallSink): the head ('#' provenance lines,
// the #input lines of r.inputs, the column header), and the rows of some calls, as text.
void write_calls_head(std::ostream& os, const ScanResult& r, const std::vector<std::string>& provenance);
std::string calls_rows_text(const std::vector<Call>& calls);
// calls.tsv back: its #input lines and the calls `keep` accepts (every call without it), read row by row.
ScanResult read_calls(const std::string& path, const std::function<bool(const Call&)>& keep = {});
// The column names, in order.
const std::vector<std::string>& call_columns();
// A file's warnings as one field (calls.tsv #input warnings=, samples.tsv warnings): joined by " | ", tabs and
// line ends made spaces.
std::string join_warnings(const std::vector<std::string>& warnings);

}  // namespace pathcorr
