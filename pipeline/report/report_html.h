// report.html (issue 13): one self-contained XHTML-compatible page (inline SVG and CSS; no script, font, image or
// link fetched from anywhere) with, in order: the headline, the patient flow, the waterfall, the oncoprint, the
// forest plot, Kaplan-Meier curves (when the clinical table has survival columns), the association table and the
// provenance; and each figure again as DIR/figures/<name>.svg. Pure: returns the files' contents; app/ writes
// them atomically. Same bytes for the same tables whatever --threads was.
#pragma once
#include <string>
#include <vector>

#include "pipeline/report/report_data.h"

namespace pathcorr {

struct ReportFile {
  std::string path;  // relative to the output directory: report.html, figures/waterfall.svg, ...
  std::string content;
};

// report.html first, then the figures.
std::vector<ReportFile> build_report(const ReportData& d);

// Every figure file a report may have (figures/consort.svg ... figures/km_os.svg), so that rewriting a report can
// remove the figures an earlier report of the same directory had and this one has not (no survival columns now).
const std::vector<std::string>& report_figure_paths();

// The short summary `run` prints at its end: ORR with its exact interval, the top associations (lowest p, at most
// `top`) with p and q, and where the report is. One line each, without "pathcorr: " prefixes.
std::vector<std::string> report_summary(const ReportData& d, const std::string& report_path, size_t top = 3);

}  // namespace pathcorr
