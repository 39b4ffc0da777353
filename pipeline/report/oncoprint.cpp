// The oncoprint: patients (columns) x pathway rows and altered genes (rows), glyphs by alteration class, with
// tracks for best response and best % change aligned to the same column order; every evaluable patient is a column
// and a not-evaluable (NA) cell is hatched, distinct from a wild-type cell.
#include <algorithm>
#include <cmath>
#include <map>

#include "pipeline/base/text.h"
#include "pipeline/report/figures.h"
#include "pipeline/report/palette.h"

namespace pathcorr {

namespace {

bool is_gene_column(const Matrix& m, size_t k) {
  return m.feature_types[k] == "gene" && m.features[k].find(':') == std::string::npos;
}

// A call's base glyph: copy number and SV classes as such; small variants by class, a hotspot by its consequence.
std::string glyph_class(const ReportCall& c) {
  const std::string& k = c.alteration_class;
  if (k != "hotspot") return k;
  const std::string& q = c.consequence;
  if (q.find("stop_gained") != std::string::npos || q.find("frameshift") != std::string::npos) return "truncating";
  if (q.find("inframe") != std::string::npos) return "inframe";
  if (q.find("splice") != std::string::npos) return "splice";
  return "missense";
}

const std::string& class_colour(const std::string& k) {
  if (k == "amplification") return palette::kAmplification;
  if (k == "deep_deletion") return palette::kDeepDeletion;
  if (k == "structural") return palette::kStructural;
  if (k == "missense") return palette::kMissense;
  if (k == "truncating") return palette::kTruncating;
  if (k == "inframe") return palette::kInframe;
  if (k == "splice") return palette::kSplice;
  return palette::kOtherVariant;
}

const std::string& response_colour(const std::string& r) {
  if (r == "CR") return palette::kCR;
  if (r == "PR") return palette::kPR;
  if (r == "SD") return palette::kSD;
  return palette::kPD;
}

using CallIndex = std::map<std::pair<std::string, std::string>, std::vector<const ReportCall*>>;

// One cell: background by matrix value, then copy number (whole cell), structural (wide band), small variants
// (narrow bar; two of them split it), hotspot dot.
void draw_cell(Svg& svg, double x, double y, double w, double h, int value, bool pathway,
               const std::vector<const ReportCall*>& calls) {
  if (value == kMatrixNA) {
    svg.rect(x, y, w, h, "url(#" + svg.id() + "-na)");
    return;
  }
  svg.rect(x, y, w, h, value == 1 && pathway ? palette::kAltered : palette::kWildType);
  if (pathway || value != 1) return;
  std::vector<std::string> small;
  bool hotspot = false;
  for (const ReportCall* c : calls) {
    const std::string k = glyph_class(*c);
    if (k == "amplification" || k == "deep_deletion") svg.rect(x, y, w, h, class_colour(k));
    else if (k == "structural") svg.rect(x, y + h * 0.2, w, h * 0.6, class_colour(k));
    else if (std::find(small.begin(), small.end(), k) == small.end()) small.push_back(k);
    hotspot = hotspot || c->alteration_class == "hotspot";
  }
  const double bar_h = h / 3;
  for (size_t s = 0; s < small.size(); ++s) {
    const double part = bar_h / static_cast<double>(small.size());
    svg.rect(x, y + bar_h + part * static_cast<double>(s), w, part, class_colour(small[s]),
             small[s] == "splice" ? SvgAttributes{{"stroke", palette::kAxis}, {"stroke-width", "0.3"}} : SvgAttributes{});
  }
  if (hotspot && w >= 3)
    svg.element("circle", {{"cx", svg_number(x + w / 2)}, {"cy", svg_number(y + h / 2)},
                           {"r", svg_number(std::min(w, h) / 6)}, {"fill", "#FFFFFF"}});
}

std::string cell_title(const std::string& patient, const std::string& feature, int value,
                       const std::vector<const ReportCall*>& calls) {
  std::string t = patient + " " + feature + ": " + (value == 1 ? "altered" : value == 0 ? "not altered" : "not evaluable");
  for (const ReportCall* c : calls)
    t += "; " + c->alteration_class + (c->hgvsp.empty() || c->hgvsp == "NA" || c->hgvsp == "." ? "" : " " + c->hgvsp);
  return t;
}

void draw_legend(Svg& svg, double x, double y) {
  const std::vector<std::pair<std::string, std::string>> items = {
      {"missense", "Missense"},       {"truncating", "Truncating"},          {"inframe", "In-frame"},
      {"splice", "Splice"},           {"amplification", "Amplification"},   {"deep_deletion", "Deep deletion"},
      {"structural", "Structural"}};
  double cx = x;
  for (const auto& [k, label] : items) {
    svg.rect(cx, y - 8, 8, 10, class_colour(k));
    svg.text(cx + 11, y, label, 9);
    cx += 18 + 5.2 * static_cast<double>(label.size());
  }
  svg.rect(cx, y - 8, 8, 10, palette::kMissense);
  svg.element("circle", {{"cx", svg_number(cx + 4)}, {"cy", svg_number(y - 3)}, {"r", "1.6"}, {"fill", "#FFFFFF"}});
  svg.text(cx + 11, y, "Hotspot", 9);
  cx = x;
  y += 14;
  for (const auto& [fill, label] : std::vector<std::pair<std::string, std::string>>{
           {palette::kWildType, "Not altered"}, {"url(#" + svg.id() + "-na)", "Not evaluable (NA)"},
           {palette::kAltered, "Pathway altered"}}) {
    svg.rect(cx, y - 8, 8, 10, fill, {{"stroke", palette::kGrey}, {"stroke-width", "0.3"}});
    svg.text(cx + 11, y, label, 9);
    cx += 18 + 5.2 * static_cast<double>(label.size());
  }
  for (const std::string r : {"CR", "PR", "SD", "PD", "NE"}) {
    svg.rect(cx, y - 8, 8, 10, r == "NE" ? "url(#" + svg.id() + "-na)" : response_colour(r),
             {{"stroke", palette::kGrey}, {"stroke-width", "0.3"}});
    svg.text(cx + 11, y, r, 9);
    cx += 30;
  }
}

}  // namespace

OncoprintLayout oncoprint_layout(const Matrix& m) {
  OncoprintLayout l;
  std::vector<std::pair<long, size_t>> genes;
  for (size_t k = 0; k < m.features.size(); ++k) {
    if (m.feature_types[k] == "pathway") l.rows.push_back(k);
    if (!is_gene_column(m, k)) continue;
    long n = 0;
    for (const auto& row : m.values) n += row[k] == 1;
    if (n > 0) genes.push_back({n, k});
  }
  std::stable_sort(genes.begin(), genes.end(), [&](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : m.features[a.second] < m.features[b.second];
  });
  std::vector<size_t> gene_rows;
  for (const auto& g : genes) gene_rows.push_back(g.second);
  l.rows.insert(l.rows.end(), gene_rows.begin(), gene_rows.end());
  for (size_t i = 0; i < m.patients.size(); ++i) l.patients.push_back(i);
  std::stable_sort(l.patients.begin(), l.patients.end(), [&](size_t a, size_t b) {
    for (size_t k : l.rows) {  // pathway rows first, then genes by frequency: maftools' memo sort
      const bool pathway = m.feature_types[k] == "pathway";
      const auto rank = [&](int v) { return v == 1 ? 0 : v == 0 || !pathway ? 1 : 2; };
      const int ra = rank(m.values[a][k]), rb = rank(m.values[b][k]);
      if (ra != rb) return ra < rb;
    }
    return m.patients[a] < m.patients[b];
  });
  return l;
}

Figure oncoprint_figure(const ReportData& d) {
  const Matrix& m = d.matrix;
  const OncoprintLayout l = oncoprint_layout(m);
  CallIndex calls;
  for (const auto& c : d.calls) calls[{c.patient_id, c.gene}].push_back(&c);
  // Room for the row names (up to 30 characters; longer ones cut) and the patient labels under the grid.
  size_t name_chars = 13, patient_chars = 4;
  for (size_t k : l.rows) name_chars = std::max(name_chars, std::min<size_t>(m.features[k].size(), 30));
  for (const auto& p : m.patients) patient_chars = std::max(patient_chars, std::min<size_t>(p.size(), 24));
  const double width = 680, label_w = label_width(name_chars, 10) + 8, pct_w = 44, top = 8;
  const double n = static_cast<double>(std::max<size_t>(l.patients.size(), 1));
  const double cw = std::min(22.0, (width - label_w - pct_w) / n);
  const double rh = l.rows.size() <= 30 ? 14 : std::max(6.0, 420.0 / static_cast<double>(l.rows.size()));
  const double gap = cw >= 4 ? 1 : 0, track_h = 10, pct_track_h = 28;
  const double grid_top = top + track_h + pct_track_h + 10;
  const bool patient_labels = cw >= 9;
  const double grid_bottom = grid_top + rh * static_cast<double>(l.rows.size());
  const double height = grid_bottom + (patient_labels ? label_width(patient_chars, 8) + 10 : 16) + 34;
  Svg svg(width, height, kDoubleColumnMm, "oncoprint");
  svg.raw_defs(na_pattern(svg.id()));

  // Tracks: best response and best % change (bars from a zero line, clipped to [-100, +100]).
  svg.text(label_w - 4, top + 8.5, "Best response", 9, "end");
  svg.text(label_w - 4, top + track_h + pct_track_h / 2 + 6, "Best % change", 9, "end");
  const double zero = top + track_h + 4 + (pct_track_h - 4) / 2, scale = (pct_track_h - 4) / 2 / 100;
  svg.line(label_w, zero, label_w + cw * n, zero, palette::kGrey, 0.5);
  svg.open_group({{"id", "oncoprint-tracks"}});
  for (size_t j = 0; j < l.patients.size(); ++j) {
    const std::string& p = m.patients[l.patients[j]];
    const ClinicalRecord* r = d.clinical_record(p);
    const std::string resp = r ? to_string(r->best_response) : "";
    const double x = label_w + cw * static_cast<double>(j);
    svg.rect(x, top, cw - gap, track_h, resp == "NE" || resp.empty() ? "url(#" + svg.id() + "-na)" : response_colour(resp),
             {{"data-patient", p}, {"data-track", "best_response"}, {"data-value", resp.empty() ? "NA" : resp},
              {"stroke", palette::kGrey}, {"stroke-width", "0.2"}},
             p + ": best response " + (resp.empty() ? "missing" : resp));
    if (r && !std::isnan(r->best_pct_change)) {
      const double v = std::max(-100.0, std::min(100.0, r->best_pct_change));
      svg.rect(x, v < 0 ? zero : zero - v * scale, cw - gap, std::fabs(v) * scale, palette::kDarkGrey,
               {{"data-patient", p}, {"data-track", "best_pct_change"}, {"data-value", format_double(r->best_pct_change)}},
               p + ": best change " + format_double(r->best_pct_change) + "%");
    }
  }
  svg.close_group();

  svg.open_group({{"id", "oncoprint-cells"}});
  for (size_t i = 0; i < l.rows.size(); ++i) {
    const size_t k = l.rows[i];
    const std::string& f = m.features[k];
    const double y = grid_top + rh * static_cast<double>(i);
    long altered = 0;
    for (const auto& row : m.values) altered += row[k] == 1;
    const bool pathway = m.feature_types[k] == "pathway";
    svg.text(label_w - 4, y + rh / 2 + 3.5, fit_label(f, 30), std::min(10.0, rh), "end",
             pathway ? SvgAttributes{{"font-weight", "bold"}} : SvgAttributes{});
    svg.text(label_w + cw * n + 4, y + rh / 2 + 3.5,
             format_double(std::round(1000.0 * static_cast<double>(altered) / static_cast<double>(m.patients.size())) / 10) + "%",
             std::min(9.0, rh));
    for (size_t j = 0; j < l.patients.size(); ++j) {
      const std::string& p = m.patients[l.patients[j]];
      const int v = m.values[l.patients[j]][k];
      auto it = calls.find({p, f});
      static const std::vector<const ReportCall*> none;
      const auto& cs = it == calls.end() || pathway ? none : it->second;
      svg.open_group({{"data-patient", p}, {"data-feature", f}, {"data-value", v == kMatrixNA ? "NA" : std::to_string(v)}},
                     cell_title(p, f, v, cs));
      draw_cell(svg, label_w + cw * static_cast<double>(j), y + gap / 2, cw - gap, rh - gap, v, pathway, cs);
      svg.close_group();
    }
  }
  svg.close_group();
  if (patient_labels) {
    for (size_t j = 0; j < l.patients.size(); ++j) {
      const double cx = label_w + cw * (static_cast<double>(j) + 0.5) + 3;
      svg.text(cx, grid_bottom + 4, fit_label(m.patients[l.patients[j]], 24), 8, "end",
               {{"transform", "rotate(-90 " + svg_number(cx) + " " + svg_number(grid_bottom + 4) + ")"}});
    }
  } else {
    svg.text(label_w, grid_bottom + 11, std::to_string(l.patients.size()) +
             " patients, in the order of the tracks; labels left out at this width", 9);
  }
  draw_legend(svg, 4, height - 22);
  std::string caption = "Every evaluable patient (" + std::to_string(m.patients.size()) +
                        ") is a column, sorted altered first as maftools' oncoprint; rows are the pathway and the "
                        "genes altered in at least one patient, with the percentage altered on the right. Hatched "
                        "cells are not evaluable (NA), light grey cells tested and not altered.";
  return {"oncoprint", "Oncoprint", caption, std::move(svg)};
}

}  // namespace pathcorr
