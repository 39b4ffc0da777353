// report.html and the figure files (see report_html.h).
#include "pipeline/report/report_html.h"

#include <algorithm>
#include <cmath>

#include "pipeline/base/text.h"
#include "pipeline/report/figures.h"
#include "pipeline/report/svg.h"

namespace pathcorr {

namespace {

const char* kCss = R"(body{font-family:Helvetica,Arial,'Liberation Sans',sans-serif;color:#222;max-width:190mm;margin:1.5em auto;padding:0 1em;line-height:1.4}
h1{font-size:1.5em;margin-bottom:0.2em}h2{font-size:1.15em;margin:1.4em 0 0.4em;border-bottom:1px solid #ccc}
figure{margin:0.5em 0 1.5em;page-break-inside:avoid;break-inside:avoid}figure svg{max-width:100%;height:auto;display:block}
figcaption{font-size:0.85em;color:#444;margin-top:0.3em}
table{border-collapse:collapse;font-size:0.8em;width:100%}th,td{padding:2px 6px;text-align:right;border-bottom:1px solid #e4e4e4}
th:first-child,td:first-child{text-align:left}tr.pathway td{font-weight:bold}tr.untested td{color:#888}
.headline{background:#f4f4f4;padding:0.6em 1em;border-left:4px solid #E69F00}.headline p{margin:0.25em 0}
.prov td{text-align:left;font-family:monospace;font-size:0.95em;word-break:break-all}
.pair{display:flex;flex-wrap:wrap;gap:0 1.5em}.pair figure{flex:1 1 300px;min-width:0}
@media print{body{max-width:none;margin:0}h2{page-break-after:avoid}table{page-break-inside:auto}tr{page-break-inside:avoid}}
)";

double number(const std::string& s) { return parse_double(s).value_or(std::nan("")); }

// "41.7%" of a proportion written in a table.
std::string percent(const std::string& s) {
  const double v = number(s);
  if (std::isnan(v)) return "NA";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", 100 * v);
  return buf;
}

// A value as the table has it, rounded for reading; the exact table text in the title.
std::string cell(const std::string& s, bool numeric = true) {
  const std::string shown = numeric && parse_double(s) ? display_number(number(s)) : s;
  return "<td title=\"" + xml_escape(s) + "\">" + xml_escape(shown) + "</td>";
}

std::string rate_text(const TextTable& t, long row, const std::string& what, double conf) {
  if (row < 0) return "NA";
  const size_t r = static_cast<size_t>(row);
  const std::string k = table_field(t, r, what == "orr" ? "responders" : "disease_control");
  return k + "/" + table_field(t, r, "n") + " = " + percent(table_field(t, r, what)) + " (" +
         format_double(100 * conf) + "% CI " + percent(table_field(t, r, what + "_ci_low")) + " to " +
         percent(table_field(t, r, what + "_ci_high")) + ", exact)";
}

std::string association_text(const ReportData& d, long row) {
  const TextTable& t = d.associations;
  const size_t r = static_cast<size_t>(row);
  const auto f = [&](const char* c) { return table_field(t, r, c); };
  return f("feature") + ": response " + f("altered_responders") + "/" + f("n_altered") + " altered vs " +
         f("wildtype_responders") + "/" + f("n_wildtype") + " not altered; OR " +
         display_number(number(f("odds_ratio"))) + " [" + display_number(number(f("ci_low"))) + ", " +
         display_number(number(f("ci_high"))) + "], p " + display_number(number(f("p_value"))) + ", q " +
         display_number(number(f("q_value")));
}

std::string headline(const ReportData& d) {
  const long all = table_row(d.response, "population", "all_clinical"), seq = table_row(d.response, "population", "sequenced");
  std::string h = "<div class=\"headline\" id=\"headline\">\n";
  h += "<p><b>Cohort:</b> " + std::to_string(d.clinical.records.size()) + " patients in the clinical table; " +
       std::to_string(d.matrix.patients.size()) + " sequenced and evaluable.</p>\n";
  h += "<p><b>Objective response rate (" + xml_escape(d.run.responders) + "):</b> " +
       xml_escape(rate_text(d.response, all, "orr", d.run.conf_level)) + "</p>\n";
  h += "<p><b>Sequenced subset:</b> " + xml_escape(rate_text(d.response, seq, "orr", d.run.conf_level)) + "</p>\n";
  // The plan's first primary feature, else the pathway the figures colour by.
  long row = table_row(d.associations, "family", "primary");
  if (row < 0) row = table_row(d.associations, "feature", d.status_feature());
  if (row >= 0) h += "<p><b>Primary association:</b> " + xml_escape(association_text(d, row)) + "</p>\n";
  if (all >= 0) {
    const auto m = [&](const std::string& e) {
      const size_t r = static_cast<size_t>(all);
      return xml_escape(display_number(number(table_field(d.response, r, e + "_median"))) + " months [" +
                        display_number(number(table_field(d.response, r, e + "_median_ci_low"))) + ", " +
                        display_number(number(table_field(d.response, r, e + "_median_ci_high"))) + "]");
    };
    if (number(table_field(d.response, static_cast<size_t>(all), "pfs_n")) > 0)
      h += "<p><b>Median PFS:</b> " + m("pfs") + "; <b>median OS:</b> " + m("os") + " (all clinical patients)</p>\n";
  }
  return h + "</div>\n";
}

std::string association_table(const ReportData& d) {
  const TextTable& t = d.associations;
  const std::vector<std::pair<std::string, std::string>> cols = {
      {"feature", "Feature"}, {"n_altered", "Altered"}, {"n_wildtype", "Not altered"},
      {"response_rate_altered", "RR altered"}, {"response_rate_wildtype", "RR not altered"}, {"odds_ratio", "OR"},
      {"ci_low", "CI low"}, {"ci_high", "CI high"}, {"p_value", "p"}, {"q_value", "q"}, {"p_value_bor", "p (BOR)"},
      {"tested", "Tested"}};
  std::string h = "<table id=\"associations\">\n<tr>";
  for (const auto& c : cols) h += "<th>" + xml_escape(c.second) + "</th>";
  h += "</tr>\n";
  for (size_t i = 0; i < t.rows.size(); ++i) {
    std::string cls = table_field(t, i, "feature_type") == "pathway" ? "pathway" : "";
    if (table_field(t, i, "tested") == "no") cls += cls.empty() ? "untested" : " untested";
    h += "<tr data-feature=\"" + xml_escape(table_field(t, i, "feature")) + "\"" +
         (cls.empty() ? "" : " class=\"" + cls + "\"") + ">";
    for (const auto& c : cols) h += cell(table_field(t, i, c.first), c.first != "feature");
    h += "</tr>\n";
  }
  return h + "</table>\n<p style=\"font-size:0.8em\">Every value as associations.tsv has it (rounded to three "
             "digits; the exact value shows on hover).</p>\n";
}

std::string provenance(const ReportData& d) {
  std::string h = "<table class=\"prov\" id=\"provenance\">\n";
  if (!d.run.no_version) {
    std::string cmd;
    for (const auto& a : d.run.command) cmd += (cmd.empty() ? "" : " ") + a;
    h += "<tr><td>pathcorr version</td><td>" + xml_escape(d.run.version) + "</td></tr>\n";
    h += "<tr><td>command</td><td>" + xml_escape(cmd) + "</td></tr>\n";
  }
  h += "<tr><td>reference version</td><td>" + xml_escape(d.run.reference_version) + "</td></tr>\n</table>\n";
  h += "<table class=\"prov\" id=\"inputs\">\n<tr><th>role</th><th>input</th><th>SHA-256</th></tr>\n";
  for (const auto& in : d.run.inputs)
    h += "<tr><td>" + xml_escape(in.role) + "</td><td>" + xml_escape(in.path) + "</td><td>" +
         xml_escape(in.sha256.empty() ? "unreadable" : in.sha256) + "</td></tr>\n";
  return h + "</table>\n";
}

std::string figure_html(const Figure& f) {
  return "<figure id=\"fig-" + f.name + "\">\n" + f.svg.str(false) + "<figcaption>" + xml_escape(f.caption) +
         " (figures/" + f.name + ".svg)</figcaption>\n</figure>\n";
}

}  // namespace

std::vector<ReportFile> build_report(const ReportData& d) {
  std::vector<Figure> figures;
  figures.push_back(consort_figure(d));
  for (auto& f : waterfall_figure(d)) figures.push_back(std::move(f));
  const bool waterfall = figures.size() == 2;
  figures.push_back(oncoprint_figure(d));
  figures.push_back(forest_figure(d));
  const std::vector<Figure> km = km_figures(d);

  std::string h = "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n"
                  "<meta charset=\"utf-8\"/>\n<title>pathcorr report</title>\n<style>";
  h += kCss;
  h += "</style>\n</head>\n<body>\n<h1>pathcorr: genomic correlates of response</h1>\n";
  h += headline(d);
  for (const auto& f : figures) {
    h += "<h2>" + xml_escape(f.title) + "</h2>\n" + figure_html(f);
    if (f.name == "consort" && !waterfall)
      h += "<h2>Waterfall plot of best tumour change</h2>\n<p>No waterfall plot: no evaluable patient has a best "
           "% change (column best_pct_change) in the clinical table.</p>\n";
  }
  h += "<h2>Kaplan-Meier curves by " + xml_escape(d.status_feature()) + " status</h2>\n";
  if (km.empty())
    h += "<p>No Kaplan-Meier curves: the clinical table has no survival columns (pfs_months/pfs_event, "
         "os_months/os_event) for the evaluable patients, or the matrix has no pathway.</p>\n";
  else
    h += "<div class=\"pair\">\n";
  for (const auto& f : km) h += figure_html(f);
  if (!km.empty()) h += "</div>\n";
  h += "<h2>Associations</h2>\n" + association_table(d);
  h += "<h2>Provenance</h2>\n" + provenance(d);
  h += "</body>\n</html>\n";

  std::vector<ReportFile> out = {{"report.html", h}};
  for (const auto& f : figures) out.push_back({"figures/" + f.name + ".svg", f.svg.str(true)});
  for (const auto& f : km) out.push_back({"figures/" + f.name + ".svg", f.svg.str(true)});
  return out;
}

const std::vector<std::string>& report_figure_paths() {
  static const std::vector<std::string> paths = {"figures/consort.svg", "figures/waterfall.svg", "figures/oncoprint.svg",
                                                 "figures/forest.svg", "figures/km_pfs.svg", "figures/km_os.svg"};
  return paths;
}

std::vector<std::string> report_summary(const ReportData& d, const std::string& report_path, size_t top) {
  std::vector<std::string> out;
  const long all = table_row(d.response, "population", "all_clinical");
  out.push_back("ORR " + rate_text(d.response, all, "orr", d.run.conf_level));
  std::vector<size_t> tested;
  for (size_t i = 0; i < d.associations.rows.size(); ++i)
    if (table_field(d.associations, i, "tested") == "yes") tested.push_back(i);
  std::stable_sort(tested.begin(), tested.end(), [&](size_t a, size_t b) {
    return number(table_field(d.associations, a, "p_value")) < number(table_field(d.associations, b, "p_value"));
  });
  if (tested.empty()) out.push_back("no feature was tested");
  for (size_t k = 0; k < tested.size() && k < top; ++k)
    out.push_back("top association " + std::to_string(k + 1) + ": " + association_text(d, static_cast<long>(tested[k])));
  out.push_back("report: " + report_path);
  return out;
}

}  // namespace pathcorr
