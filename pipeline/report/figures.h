// The report's figures, one file each (waterfall, oncoprint, forest, km, consort), drawn from a run's tables
// (report_data.h). Each figure is an Svg sized for a journal column, saved as DIR/figures/<name>.svg and inlined in
// report.html. Every patient or feature drawn carries data-* attributes and a <title> naming what it shows, so
// the tests can check each against the tables.
#pragma once
#include <string>
#include <vector>

#include "pipeline/report/report_data.h"
#include "pipeline/stats/survival.h"
#include "pipeline/report/svg.h"

namespace pathcorr {

struct Figure {
  std::string name;     // file stem: waterfall, oncoprint, forest, km_pfs, km_os, consort
  std::string title;    // heading in the report
  std::string caption;  // one paragraph under it
  Svg svg;
};

constexpr double kDoubleColumnMm = 183;  // a two-column journal figure (Nature's 183 mm)
constexpr double kSingleColumnMm = 89;

// Empty when no evaluable patient has a best % change (the clinical table has no such column or no value).
std::vector<Figure> waterfall_figure(const ReportData& d);
Figure oncoprint_figure(const ReportData& d);
Figure forest_figure(const ReportData& d);
std::vector<Figure> km_figures(const ReportData& d);  // one per survival endpoint present (pfs, os); may be empty
Figure consort_figure(const ReportData& d);

// Oncoprint layout, exposed for tests. Rows: the pathway rows (matrix order), then the genes with at least one
// altered patient, most altered first (ties by name); per-type columns (GENE:mut, GENE:amp, GENE:del) are not
// rows, their gene column holds the union. Columns: every matrix patient, sorted as maftools' memo sort: by the
// pathway rows (altered, then not altered, then NA), then the gene rows in order, altered before the rest (a NA
// gene cell sorts as not altered, as maftools treats every non-altered cell alike), ties by patient_id.
struct OncoprintLayout {
  std::vector<size_t> rows;      // feature indices into matrix.features
  std::vector<size_t> patients;  // row indices into matrix.patients
};
OncoprintLayout oncoprint_layout(const Matrix& m);

// The Kaplan-Meier curve the figure draws: at each distinct event time (ascending), the patients at risk (time >=
// t: a censoring at an event time counts as at risk), the events and the product-limit S(t) = prod (1 - d / n).
// stats/survival.h gives the medians and tests (survival.tsv); this is only the step function to draw.
struct KmStep {
  double time, survival;
  long at_risk, events;
};
std::vector<KmStep> km_steps(const std::vector<SurvivalSample>& samples);

// Axis ticks: "nice" values (1, 2, 2.5, 5 x 10^k steps) covering [lo, hi], at most about `max_ticks`.
std::vector<double> nice_ticks(double lo, double hi, int max_ticks);

// Text widths for layout: about 0.6 em per character (Helvetica's average advance), so a label of `chars`
// characters at `font_size` needs label_width(chars, font_size) units. fit_label cuts a label to `max_chars`
// (ending in "...") so it cannot run into its neighbour; the full text stays in the element's title.
double label_width(size_t chars, double font_size);
std::string fit_label(const std::string& s, size_t max_chars);

// The items joined by ", " within about max_chars characters (a label's room), then " and N more".
std::string join_within(const std::vector<std::string>& items, size_t max_chars);

// Pattern definition for not-evaluable cells (grey hatching), with the figure's id prefix; fill it as
// url(#<id>-na).
std::string na_pattern(const std::string& figure_id);

}  // namespace pathcorr
