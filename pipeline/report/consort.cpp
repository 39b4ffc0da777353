// The patient flow as a CONSORT-style diagram, from samples.tsv's statuses, the clinical table and the matrix:
// clinical table -> sequenced / not sequenced; sequenced files without a clinical record and failed files beside;
// evaluable (matrix) patients with their best responses; genes not evaluable in some patients.
#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "pipeline/base/text.h"
#include "pipeline/report/figures.h"
#include "pipeline/report/palette.h"

namespace pathcorr {

namespace {

struct Box {
  std::string id;
  std::vector<std::string> lines;  // the first bold
  std::vector<std::string> patients;
};

// Height of a box: 14 per line plus padding.
double box_height(const Box& b) { return 10 + 13.0 * static_cast<double>(b.lines.size()); }

void draw_box(Svg& svg, const Box& b, double x, double y, double w) {
  std::string ids;
  for (const auto& p : b.patients) ids += (ids.empty() ? "" : " ") + p;
  svg.open_group({{"id", "consort-" + b.id}, {"data-count", std::to_string(b.patients.size())}, {"data-patients", ids}});
  svg.rect(x, y, w, box_height(b), "#FFFFFF", {{"stroke", palette::kAxis}, {"stroke-width", "1"}});
  for (size_t i = 0; i < b.lines.size(); ++i)
    svg.text(x + 6, y + 15 + 13.0 * static_cast<double>(i), b.lines[i], i == 0 ? 10 : 9,
             "start", i == 0 ? SvgAttributes{{"font-weight", "bold"}} : SvgAttributes{});
  svg.close_group();
}

void arrow(Svg& svg, double x1, double y1, double x2, double y2) {
  svg.line(x1, y1, x2, y2, palette::kAxis, 1);
  const bool down = x1 == x2;
  const std::string head = down ? "M" + svg_number(x2 - 3) + " " + svg_number(y2 - 5) + " L" + svg_number(x2) + " " +
                                      svg_number(y2) + " L" + svg_number(x2 + 3) + " " + svg_number(y2 - 5) + " Z"
                                : "M" + svg_number(x2 - 5) + " " + svg_number(y2 - 3) + " L" + svg_number(x2) + " " +
                                      svg_number(y2) + " L" + svg_number(x2 - 5) + " " + svg_number(y2 + 3) + " Z";
  svg.path(head, "none", palette::kAxis);
}

}  // namespace

Figure consort_figure(const ReportData& d) {
  std::map<std::string, std::set<std::string>> status;  // patient -> statuses of its samples.tsv rows
  for (const auto& s : d.samples) status[s.patient_id].insert(s.status.rfind("failed", 0) == 0 ? "failed" : s.status);
  std::vector<std::string> clinical, sequenced, not_sequenced, no_clinical, failed;
  for (const auto& r : d.clinical.records) clinical.push_back(r.patient_id);
  for (const auto& [p, st] : status) {
    if (st.count("not_sequenced")) not_sequenced.push_back(p);
    else if (st.count("no_clinical_record")) no_clinical.push_back(p);
    else sequenced.push_back(p);
    if (st.count("failed")) failed.push_back(p);
  }
  std::map<std::string, long> responses;
  for (const auto& p : d.matrix.patients)
    if (const ClinicalRecord* r = d.clinical_record(p)) ++responses[r->best_response == BestResponse::Missing ? "missing" : to_string(r->best_response)];
  std::string tally;
  for (const std::string r : {"CR", "PR", "SD", "PD", "NE", "missing"})
    if (responses.count(r)) tally += (tally.empty() ? "" : ", ") + r + " " + std::to_string(responses[r]);
  // Features not evaluable in some patients, grouped by how many: "3 patients: AKT1, AKT2, ... and 26 more".
  std::map<long, std::vector<std::string>, std::greater<long>> na_by_count;
  for (size_t k = 0; k < d.matrix.features.size(); ++k) {
    long na = 0;
    for (const auto& row : d.matrix.values) na += row[k] == kMatrixNA;
    if (na > 0) na_by_count[na].push_back(d.matrix.features[k]);
  }
  Box top{"clinical", {"Clinical table: " + std::to_string(clinical.size()) + " patients"}, clinical};
  Box seq{"sequenced", {"Sequenced, with clinical record: " + std::to_string(sequenced.size())}, sequenced};
  if (!failed.empty()) seq.lines.push_back("of which failed (left out): " + join_within(failed, 40));
  Box notseq{"not-sequenced", {"Not sequenced: " + std::to_string(not_sequenced.size())}, not_sequenced};
  if (!not_sequenced.empty()) notseq.lines.push_back(join_within(not_sequenced, 48));
  Box noclin{"no-clinical-record", {"Sequenced, no clinical record: " + std::to_string(no_clinical.size())}, no_clinical};
  if (!no_clinical.empty()) noclin.lines.push_back(join_within(no_clinical, 48));
  Box analysed{"analysed", {"Evaluable, analysed: " + std::to_string(d.matrix.patients.size())}, d.matrix.patients};
  analysed.lines.push_back("Best response: " + (tally.empty() ? std::string("none") : tally));
  if (na_by_count.empty()) analysed.lines.push_back("Not evaluable (NA) for any feature: none");
  size_t shown = 0;
  for (const auto& [n, features] : na_by_count) {
    if (++shown > 4) {
      analysed.lines.push_back("... and " + std::to_string(na_by_count.size() - 4) + " more groups (matrix.tsv)");
      break;
    }
    analysed.lines.push_back("Not evaluable (NA) in " + std::to_string(n) + (n == 1 ? " patient: " : " patients: ") +
                             join_within(features, 78));
  }

  const double width = 680, cx = 30, cw = 330, sx = 400, sw = 270;
  double y = 8;
  Svg svg(width, 10, kDoubleColumnMm, "consort");  // height fixed below
  draw_box(svg, top, cx, y, cw);
  const double mid = cx + cw / 2;
  double y_split = y + box_height(top) + 14;
  double y_side = y_split;
  draw_box(svg, notseq, sx, y_side, sw);
  arrow(svg, mid, y_split + box_height(notseq) / 2, sx, y_split + box_height(notseq) / 2);
  y_side += box_height(notseq) + 10;
  draw_box(svg, noclin, sx, y_side, sw);
  y = std::max(y_side + box_height(noclin), y_split + box_height(notseq)) + 16;
  arrow(svg, mid, 8 + box_height(top), mid, y);
  draw_box(svg, seq, cx, y, cw);
  y += box_height(seq) + 16;
  arrow(svg, mid, y - 16, mid, y);
  draw_box(svg, analysed, cx, y, cw + 240);
  y += box_height(analysed) + 8;
  Figure f{"consort", "Patient flow", "", std::move(svg)};
  f.caption = "From the clinical table and samples.tsv: patients sequenced or not, sequenced files without a clinical "
              "record (not analysed), failed files, and the evaluable patients of the matrix with their best "
              "responses and the genes not evaluable (NA) in some of them.";
  f.svg.set_height(y);
  return f;
}

}  // namespace pathcorr
