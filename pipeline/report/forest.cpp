// The forest plot: one row per feature of associations.tsv with at least one altered patient, the conditional
// MLE odds ratio of response (altered vs wild type) and its exact interval on a log axis, with the 2x2 counts, p
// and q written beside it as the table has them (rounded to three digits; the exact value in the title).
#include <algorithm>
#include <cmath>

#include "pipeline/base/text.h"
#include "pipeline/report/figures.h"
#include "pipeline/report/palette.h"

namespace pathcorr {

namespace {

double number(const std::string& s) {
  auto v = parse_double(s);
  return v ? *v : std::nan("");
}

struct ForestRow {
  size_t table_row;
  std::string feature, type, counts;
  double odds_ratio, ci_low, ci_high;
};

}  // namespace

Figure forest_figure(const ReportData& d) {
  const TextTable& t = d.associations;
  std::vector<ForestRow> rows;
  std::vector<std::string> unaltered;
  for (size_t i = 0; i < t.rows.size(); ++i) {
    const std::string f = table_field(t, i, "feature");
    if (number(table_field(t, i, "n_altered")) > 0) {
      const std::string counts = table_field(t, i, "altered_responders") + "/" + table_field(t, i, "n_altered") +
                                 " vs " + table_field(t, i, "wildtype_responders") + "/" +
                                 table_field(t, i, "n_wildtype");
      rows.push_back({i, f, table_field(t, i, "feature_type"), counts, number(table_field(t, i, "odds_ratio")),
                      number(table_field(t, i, "ci_low")), number(table_field(t, i, "ci_high"))});
    } else {
      unaltered.push_back(f);
    }
  }
  // The axis: whole decades around every finite, positive limit; at least 0.1-10, at most 0.001-1000.
  double lo = 0.1, hi = 10;
  for (const auto& r : rows)
    for (double v : {r.odds_ratio, r.ci_low, r.ci_high})
      if (std::isfinite(v) && v > 0) lo = std::min(lo, v), hi = std::max(hi, v);
  lo = std::max(1e-3, std::pow(10.0, std::floor(std::log10(lo) + 1e-9)));
  hi = std::min(1e3, std::pow(10.0, std::ceil(std::log10(hi) - 1e-9)));
  // Columns: feature (its longest name, 7 to 30 characters), counts, the plot, OR [CI], p, q.
  size_t name_chars = 7;
  for (const auto& r : rows) name_chars = std::max(name_chars, std::min<size_t>(r.feature.size(), 30));
  const double counts_x = 4 + label_width(name_chars, 10) + 10;
  size_t count_chars = 16;
  for (const auto& r : rows) count_chars = std::max(count_chars, r.counts.size());
  const double x0 = counts_x + label_width(count_chars, 10) + 8, x1 = std::max(x0 + 140, 440.0);
  const double or_x = x1 + 8, p_x = x1 + 188, width = std::max(680.0, p_x + 52), q_x = width - 8, top = 34, rh = 16;
  const double height = top + rh * static_cast<double>(std::max<size_t>(rows.size(), 1)) + 44 + (unaltered.empty() ? 0 : 14);
  Svg svg(width, height, kDoubleColumnMm, "forest");
  auto x_of = [&](double v) {
    const double c = std::max(lo, std::min(hi, v));
    return x0 + (std::log10(c) - std::log10(lo)) / (std::log10(hi) - std::log10(lo)) * (x1 - x0);
  };
  const double bottom = top + rh * static_cast<double>(std::max<size_t>(rows.size(), 1));
  svg.text(4, top - 10, "Feature", 10, "start", {{"font-weight", "bold"}});
  svg.text(counts_x, top - 10, "Resp. alt. vs wt", 10, "start", {{"font-weight", "bold"}});
  svg.text(or_x, top - 10, "OR [" + format_double(100 * d.run.conf_level) + "% CI]", 10, "start", {{"font-weight", "bold"}});
  svg.text(p_x, top - 10, "p", 10, "end", {{"font-weight", "bold"}});
  svg.text(q_x, top - 10, "q", 10, "end", {{"font-weight", "bold"}});
  svg.line(x_of(1), top - 4, x_of(1), bottom, palette::kGrey, 0.8, {{"stroke-dasharray", "3 3"}});
  svg.open_group({{"id", "forest-rows"}});
  for (size_t k = 0; k < rows.size(); ++k) {
    const ForestRow& r = rows[k];
    const double y = top + rh * (static_cast<double>(k) + 0.5);
    const std::string p = table_field(t, r.table_row, "p_value"), q = table_field(t, r.table_row, "q_value");
    const std::string ors = table_field(t, r.table_row, "odds_ratio"), lo_s = table_field(t, r.table_row, "ci_low"),
                      hi_s = table_field(t, r.table_row, "ci_high");
    svg.open_group({{"data-feature", r.feature}, {"data-odds-ratio", ors}, {"data-ci-low", lo_s}, {"data-ci-high", hi_s},
                    {"data-p", p}, {"data-q", q}},
                   r.feature + ": OR " + ors + " [" + lo_s + ", " + hi_s + "], p " + p + ", q " + q);
    if (k % 2 == 0) svg.rect(0, y - rh / 2, width, rh, "#F6F6F6");
    svg.text(4, y + 3.5, fit_label(r.feature, 30), 10, "start", r.type == "pathway" ? SvgAttributes{{"font-weight", "bold"}} : SvgAttributes{});
    svg.text(counts_x, y + 3.5, r.counts, 10);
    const bool tested = table_field(t, r.table_row, "tested") != "no";
    if (!tested) {
      svg.text(x0, y + 3.5, "not tested (" + table_field(t, r.table_row, "not_tested_reason") + ")", 9);
    } else if (!std::isnan(r.ci_low) && !std::isnan(r.ci_high)) {
      svg.line(x_of(r.ci_low), y, x_of(r.ci_high), y, palette::kAxis, 1.2);
      if (!(r.ci_high <= hi)) svg.path("M" + svg_number(x1) + " " + svg_number(y - 3) + " L" + svg_number(x1 + 5) + " " +
                                           svg_number(y) + " L" + svg_number(x1) + " " + svg_number(y + 3) + " Z",
                                       "none", palette::kAxis);
      if (!(r.ci_low >= lo)) svg.path("M" + svg_number(x0) + " " + svg_number(y - 3) + " L" + svg_number(x0 - 5) + " " +
                                          svg_number(y) + " L" + svg_number(x0) + " " + svg_number(y + 3) + " Z",
                                      "none", palette::kAxis);
    }
    if (tested && std::isfinite(r.odds_ratio) && r.odds_ratio > 0)
      svg.rect(x_of(r.odds_ratio) - 3.5, y - 3.5, 7, 7, r.type == "pathway" ? palette::kAltered : palette::kBlue);
    else if (tested && !std::isnan(r.odds_ratio))  // 0 or Inf: a hollow square at the axis end
      svg.rect(x_of(r.odds_ratio) - 3.5, y - 3.5, 7, 7, "#FFFFFF", {{"stroke", palette::kAxis}});
    svg.text(or_x, y + 3.5, display_number(r.odds_ratio) + " [" + display_number(r.ci_low) + ", " +
                               display_number(r.ci_high) + "]", 10);
    svg.text(p_x, y + 3.5, display_number(number(p)), 10, "end");
    svg.text(q_x, y + 3.5, display_number(number(q)), 10, "end");
    svg.close_group();
  }
  svg.close_group();
  if (rows.empty()) svg.text(x0, top + rh / 2 + 3.5, "No feature is altered in any patient", 10);
  svg.line(x0, bottom + 2, x1, bottom + 2, palette::kAxis);
  for (double e = std::log10(lo); e <= std::log10(hi) + 1e-9; e += 1) {
    for (double m : {1.0, 2.0, 5.0}) {
      const double v = m * std::pow(10.0, e);
      if (v > hi * (1 + 1e-9)) break;
      const bool major = m == 1.0;
      if (!major && std::log10(hi / lo) > 2) continue;
      svg.line(x_of(v), bottom + 2, x_of(v), bottom + (major ? 6 : 4), palette::kAxis);
      svg.text(x_of(v), bottom + 16, format_double(v), 9, "middle");
    }
  }
  svg.text((x0 + x1) / 2, bottom + 30, "Odds ratio of response, altered vs wild type (log scale)", 10, "middle");
  if (!unaltered.empty())
    svg.text(4, height - 4, std::to_string(unaltered.size()) + " features altered in no patient are not drawn", 9);
  std::string caption = "Conditional maximum-likelihood odds ratio of response (" + d.run.endpoint + ", responders " +
                        d.run.responders + "), altered vs wild type, with its exact " +
                        format_double(100 * d.run.conf_level) +
                        "% interval as R's fisher.test; p from Fisher's exact test, q adjusted for multiple testing. "
                        "Open squares and arrows mark 0, Inf and limits past the axis.";
  return {"forest", "Forest plot of odds ratios", caption, std::move(svg)};
}

}  // namespace pathcorr
