// Kaplan-Meier curves of PFS and OS by pathway status (altered vs not altered, matrix patients with a time and an
// event), with censoring marks and the numbers at risk under the axis; medians, log-rank p and the Cox hazard
// ratio are survival.tsv's (the numbers of the tables). The step function itself is the product-limit estimate
// S(t) = prod (1 - d_i / n_i) over the event times, a censoring at an event time counting as still at risk, as
// stats/survival.h defines it; the figure draws it (stats gives medians only, not the curve).
#include <algorithm>
#include <cmath>

#include "pipeline/base/text.h"
#include "pipeline/report/figures.h"
#include "pipeline/report/palette.h"

namespace pathcorr {

namespace {

using Sample = SurvivalSample;

struct Group {
  std::string label, colour;
  int value;  // matrix value: 1 altered, 0 not
  std::vector<Sample> samples;
};

std::vector<Group> groups_of(const ReportData& d, const std::string& endpoint, const std::string& feature) {
  std::vector<Group> g = {{fit_label(feature, 14) + " altered", palette::kAltered, 1, {}},
                          {"not altered", palette::kNotAltered, 0, {}}};
  for (size_t i = 0; i < d.matrix.patients.size(); ++i) {
    const ClinicalRecord* r = d.clinical_record(d.matrix.patients[i]);
    const int v = d.value(i, feature);
    if (!r || v == kMatrixNA) continue;
    const double t = endpoint == "pfs" ? r->pfs_months : r->os_months;
    const double e = endpoint == "pfs" ? r->pfs_event : r->os_event;
    if (std::isnan(t) || std::isnan(e)) continue;
    g[v == 1 ? 0 : 1].samples.push_back({t, static_cast<int>(e)});
  }
  for (auto& x : g)
    std::stable_sort(x.samples.begin(), x.samples.end(), [](const Sample& a, const Sample& b) { return a.time < b.time; });
  return g;
}

long at_risk(const std::vector<Sample>& s, double t) {
  return std::count_if(s.begin(), s.end(), [&](const Sample& x) { return x.time >= t; });
}

// The step path of the product-limit curve and the censoring marks, in plot coordinates.
void draw_curve(Svg& svg, const Group& g, double x0, double y0, double sx, double sy) {
  std::string d = "M" + svg_number(x0) + " " + svg_number(y0 - sy);
  for (const KmStep& step : km_steps(g.samples))
    d += " H" + svg_number(x0 + step.time * sx) + " V" + svg_number(y0 - step.survival * sy);
  if (!g.samples.empty()) d += " H" + svg_number(x0 + g.samples.back().time * sx);
  svg.path(d, g.colour, "none", {{"stroke-width", "1.5"}, {"data-group", g.value == 1 ? "altered" : "not_altered"},
                                 {"data-n", std::to_string(g.samples.size())}},
           g.label + ": " + std::to_string(g.samples.size()) + " patients");
  // A tick at each censoring, at the height of the curve then (after the events of that time).
  std::string marks;
  const std::vector<KmStep> steps = km_steps(g.samples);
  for (const Sample& s : g.samples) {
    if (s.event) continue;
    double surv = 1;
    for (const KmStep& step : steps)
      if (step.time <= s.time) surv = step.survival;
    marks += "M" + svg_number(x0 + s.time * sx) + " " + svg_number(y0 - surv * sy - 3) + " v6 ";
  }
  if (!marks.empty()) svg.path(marks, g.colour, "none", {{"stroke-width", "1"}});
}

Figure km_figure(const ReportData& d, const std::string& endpoint, const std::string& feature) {
  const std::vector<Group> groups = groups_of(d, endpoint, feature);
  double t_max = 0;
  for (const auto& g : groups)
    for (const auto& s : g.samples) t_max = std::max(t_max, s.time);
  const std::vector<double> ticks = nice_ticks(0, std::max(t_max, 1.0), 7);
  const double axis_max = std::max(ticks.back(), t_max);
  const double width = 340, left = 64, right = 14, top = 12, plot_h = 150;
  const double height = top + plot_h + 34 + 14 * 3 + 44;
  Svg svg(width, height, kSingleColumnMm, "km-" + endpoint);
  const double x0 = left, y0 = top + plot_h, sx = (width - left - right) / axis_max, sy = plot_h;
  for (double p : {0.0, 0.25, 0.5, 0.75, 1.0}) {
    svg.line(x0 - 3, y0 - p * sy, x0, y0 - p * sy, palette::kAxis);
    svg.text(x0 - 5, y0 - p * sy + 3, format_double(p), 9, "end");
  }
  svg.line(x0, top, x0, y0, palette::kAxis);
  svg.line(x0, y0, width - right, y0, palette::kAxis);
  const std::string name = endpoint == "pfs" ? "Progression-free survival" : "Overall survival";
  svg.text(10, top + plot_h / 2, name, 10, "middle", {{"transform", "rotate(-90 10 " + svg_number(top + plot_h / 2) + ")"}});
  for (double t : ticks) {
    svg.line(x0 + t * sx, y0, x0 + t * sx, y0 + 3, palette::kAxis);
    svg.text(x0 + t * sx, y0 + 13, format_double(t), 9, "middle");
  }
  svg.text(x0 + (width - left - right) / 2, y0 + 25, "Months", 10, "middle");
  svg.open_group({{"id", svg.id() + "-curves"}});
  for (const auto& g : groups) draw_curve(svg, g, x0, y0, sx, sy);
  svg.close_group();
  // Numbers at risk, one row per group, under the tick marks.
  double y = y0 + 40;
  svg.text(4, y, "At risk", 9, "start", {{"font-weight", "bold"}});
  for (const auto& g : groups) {
    y += 13;
    svg.rect(4, y - 7, 6, 6, g.colour);
    svg.text(13, y, g.value == 1 ? "altered" : "not alt.", 8);
    for (double t : ticks)
      svg.text(x0 + t * sx, y, std::to_string(at_risk(g.samples, t)), 9, "middle",
               {{"data-group", g.value == 1 ? "altered" : "not_altered"}, {"data-time", format_double(t)}});
  }
  // Legend from survival.tsv: n, events, median with interval; log-rank p and hazard ratio.
  long row = -1;
  for (size_t i = 0; i < d.survival.rows.size(); ++i)
    if (table_field(d.survival, i, "feature") == feature && table_field(d.survival, i, "endpoint") == endpoint)
      row = static_cast<long>(i);
  y += 18;
  for (const auto& g : groups) {
    const std::string side = g.value == 1 ? "altered" : "wildtype";
    const auto f = [&](const std::string& c) { return row < 0 ? std::string("NA") : display_number(parse_double(table_field(d.survival, static_cast<size_t>(row), c)).value_or(std::nan(""))); };
    svg.rect(4, y - 7, 10, 3, g.colour);
    svg.text(18, y, g.label + ": n " + std::to_string(g.samples.size()) + ", median " + f("median_" + side) + " [" +
                        f("median_" + side + "_ci_low") + ", " + f("median_" + side + "_ci_high") + "]", 9);
    y += 12;
  }
  if (row >= 0) {
    const auto f = [&](const std::string& c) { return display_number(parse_double(table_field(d.survival, static_cast<size_t>(row), c)).value_or(std::nan(""))); };
    svg.text(18, y, "Log-rank p " + f("logrank_p") + "; HR " + f("hazard_ratio") + " [" + f("hazard_ratio_ci_low") +
                        ", " + f("hazard_ratio_ci_high") + "]", 9);
  }
  std::string caption = name + " by " + feature + " status: Kaplan-Meier curves (ticks: censored), numbers at risk "
                        "under the axis; medians with their intervals, log-rank p and Cox hazard ratio as in survival.tsv.";
  return {"km_" + endpoint, "Kaplan-Meier: " + name, caption, std::move(svg)};
}

}  // namespace

std::vector<KmStep> km_steps(const std::vector<SurvivalSample>& samples) {
  std::vector<SurvivalSample> v = samples;
  std::stable_sort(v.begin(), v.end(), [](const Sample& a, const Sample& b) { return a.time < b.time; });
  std::vector<KmStep> out;
  double s = 1;
  for (size_t i = 0; i < v.size();) {
    size_t j = i;
    long events = 0;
    while (j < v.size() && v[j].time == v[i].time) events += v[j++].event;
    if (events > 0) {
      const long n = static_cast<long>(v.size() - i);
      s *= 1.0 - static_cast<double>(events) / static_cast<double>(n);
      out.push_back({v[i].time, s, n, events});
    }
    i = j;
  }
  return out;
}

std::vector<Figure> km_figures(const ReportData& d) {
  std::vector<Figure> out;
  const std::string feature = d.status_feature();
  if (feature.empty()) return out;
  for (const std::string endpoint : {"pfs", "os"}) {
    bool any = false;
    for (const auto& g : groups_of(d, endpoint, feature)) any = any || !g.samples.empty();
    if (any) out.push_back(km_figure(d, endpoint, feature));
  }
  return out;
}

}  // namespace pathcorr
