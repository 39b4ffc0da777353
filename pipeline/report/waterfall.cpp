// The waterfall plot: one bar per evaluable (matrix) patient with a best % change, largest growth on the left,
// coloured by the status of the pathway, with RECIST's -30% (partial response) and +20% (progression) lines;
// patients without a value (NE, missing) are listed under the plot.
#include <algorithm>
#include <cmath>

#include "pipeline/base/text.h"
#include "pipeline/report/figures.h"
#include "pipeline/report/palette.h"

namespace pathcorr {

namespace {

struct Bar {
  std::string patient, response, genes, matrix_genes;  // calls with protein changes; the altered gene columns
  double pct;
  int status;
};

std::string status_word(int v) { return v == 1 ? "altered" : v == 0 ? "not_altered" : "not_evaluable"; }

const std::string& status_colour(int v) {
  return v == 1 ? palette::kAltered : v == 0 ? palette::kNotAltered : palette::kNotEvaluable;
}

// The altered genes of a patient with their protein changes, "PIK3CA p.E545K; PTEN deep_deletion".
std::string altered_genes(const ReportData& d, const std::string& patient) {
  std::string out;
  for (const auto& c : d.calls) {
    if (c.patient_id != patient) continue;
    if (!out.empty()) out += "; ";
    out += c.gene + " " + (c.hgvsp.empty() || c.hgvsp == "NA" || c.hgvsp == "." ? c.alteration_class : c.hgvsp);
  }
  return out;
}

void legend(Svg& svg, const std::string& feature, double x, double y) {
  const std::vector<std::pair<int, std::string>> items = {
      {1, feature + " altered"}, {0, "not altered"}, {kMatrixNA, "not evaluable"}};
  for (const auto& [v, label] : items) {
    svg.rect(x, y - 8, 10, 10, status_colour(v));
    svg.text(x + 14, y, label, 10);
    x += 24 + 6.2 * static_cast<double>(label.size());
  }
}

}  // namespace

std::vector<Figure> waterfall_figure(const ReportData& d) {
  const std::string feature = d.status_feature();
  std::vector<Bar> bars;
  std::vector<std::string> no_value;
  for (size_t i = 0; i < d.matrix.patients.size(); ++i) {
    const std::string& p = d.matrix.patients[i];
    const ClinicalRecord* r = d.clinical_record(p);
    const std::string response = r ? to_string(r->best_response) : "";
    if (!r || std::isnan(r->best_pct_change)) {
      no_value.push_back(p + (response.empty() ? "" : " (" + response + ")"));
      continue;
    }
    std::string altered;  // the matrix's altered gene columns, "PIK3CA", "PIK3CA+PTEN"
    for (size_t k = 0; k < d.matrix.features.size(); ++k)
      if (d.matrix.feature_types[k] == "gene" && d.matrix.features[k].find(':') == std::string::npos &&
          d.matrix.values[i][k] == 1)
        altered += (altered.empty() ? "" : "+") + d.matrix.features[k];
    bars.push_back({p, response, altered_genes(d, p), altered, r->best_pct_change, d.value(i, feature)});
  }
  if (bars.empty()) return {};
  std::stable_sort(bars.begin(), bars.end(), [](const Bar& a, const Bar& b) { return a.pct > b.pct; });

  const double width = 680, left = 48, right = 44, top = 34, plot_h = 220;
  const bool labels = !bars.empty() && (width - left - right) / static_cast<double>(bars.size()) >= 12;
  size_t patient_chars = 4;
  for (const auto& b : bars) patient_chars = std::max(patient_chars, std::min<size_t>(b.patient.size(), 24));
  const double bottom_pad = labels ? 24 + label_width(patient_chars, 9) + 8 : 34;
  const double height = top + plot_h + bottom_pad + (no_value.empty() ? 0 : 16);
  Svg svg(width, height, kDoubleColumnMm, "waterfall");
  double y_max = 30;
  for (const auto& b : bars) y_max = std::max(y_max, std::ceil(b.pct / 10) * 10 + 10);
  const double y_min = -100;
  auto y_of = [&](double v) { return top + (y_max - v) / (y_max - y_min) * plot_h; };

  legend(svg, feature.empty() ? "pathway" : fit_label(feature, 40), left, 14);
  for (double t : nice_ticks(y_min, y_max, 8)) {
    svg.line(left - 4, y_of(t), left, y_of(t), palette::kAxis);
    svg.text(left - 6, y_of(t) + 3.5, format_double(t), 10, "end");
  }
  svg.line(left, top, left, top + plot_h, palette::kAxis);
  svg.text(12, top + plot_h / 2, "Best change from baseline (%)", 10, "middle",
           {{"transform", "rotate(-90 12 " + svg_number(top + plot_h / 2) + ")"}});
  const double slot = bars.empty() ? 0 : (width - left - right) / static_cast<double>(bars.size());
  const double gap = slot >= 4 ? slot * 0.15 : 0;
  svg.open_group({{"id", "waterfall-bars"}});
  for (size_t k = 0; k < bars.size(); ++k) {
    const Bar& b = bars[k];
    const double x = left + slot * static_cast<double>(k) + gap / 2, y0 = y_of(0), y1 = y_of(b.pct);
    const std::string title = b.patient + ": " + format_double(b.pct) + "%, " +
                              (b.response.empty() ? "no response" : b.response) + ", " + feature + " " +
                              status_word(b.status) + (b.genes.empty() ? "" : " (" + b.genes + ")");
    svg.rect(x, std::min(y0, y1), slot - gap, std::fabs(y1 - y0), status_colour(b.status),
             {{"data-patient", b.patient}, {"data-pct", format_double(b.pct)}, {"data-status", status_word(b.status)},
              {"data-response", b.response}, {"data-genes", b.genes}},
             title);
    if (labels && !b.matrix_genes.empty()) {
      // The altered genes on the other side of the zero line from the bar, where no bar is drawn.
      const double cx = x + (slot - gap) / 2 + 3, room = b.pct < 0 ? y0 - top : top + plot_h - y0;
      const std::string genes = b.matrix_genes.size() * 4.8 <= room - 4 ? b.matrix_genes : "*";
      svg.text(cx, b.pct < 0 ? y0 - 3 : y0 + 3, genes, 8, b.pct < 0 ? "start" : "end",
               {{"transform", "rotate(-90 " + svg_number(cx) + " " + svg_number(b.pct < 0 ? y0 - 3 : y0 + 3) + ")"},
                {"font-style", "italic"}});
    }
    if (labels) {
      const double cx = x + (slot - gap) / 2;
      svg.text(cx, top + plot_h + 12, b.response, 9, "middle");
      svg.text(cx + 3, top + plot_h + 18, fit_label(b.patient, 24), 9, "end",
               {{"transform", "rotate(-90 " + svg_number(cx + 3) + " " + svg_number(top + plot_h + 18) + ")"}});
    }
  }
  svg.close_group();
  for (const auto& [v, label] : std::vector<std::pair<double, std::string>>{{20, "+20% PD"}, {-30, "-30% PR"}}) {
    svg.line(left, y_of(v), width - right, y_of(v), palette::kAxis, 0.8, {{"stroke-dasharray", "4 3"}});
    svg.text(width - right + 3, y_of(v) + 3, label, 8);
  }
  svg.line(left, y_of(0), width - right, y_of(0), palette::kAxis, 1, {{"id", "waterfall-zero"}});
  if (!labels && !bars.empty())
    svg.text(left, top + plot_h + 14, std::to_string(bars.size()) + " patients; labels left out at this width", 9);
  if (!no_value.empty()) {
    svg.text(left, height - 6, "No best % change: " + join_within(no_value, 100), 9, "start",
             {{"id", "waterfall-no-value"}});
  }
  std::string caption = "Best percentage change of the target lesions from baseline, one bar per evaluable patient (" +
                        std::to_string(bars.size()) + "), coloured by " +
                        (feature.empty() ? std::string("pathway") : feature) +
                        " status; dashed lines at -30% and +20% (RECIST partial response and progression).";
  std::vector<Figure> out;
  out.push_back({"waterfall", "Waterfall plot of best tumour change", caption, std::move(svg)});
  return out;
}

}  // namespace pathcorr
