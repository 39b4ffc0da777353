// response.tsv (association.h): ORR, DCR and regression rate with Clopper-Pearson intervals; median PFS and OS.
#include <cmath>
#include <ostream>
#include <set>

#include "pipeline/analysis/association.h"
#include "pipeline/io/table_io.h"
#include "pipeline/stats/survival.h"

namespace pathcorr {

std::vector<ResponseSummary> summarize_response(const Matrix& m, const ClinicalTable& clinical,
                                                const TestOptions& opt) {
  std::set<std::string> sequenced(m.patients.begin(), m.patients.end());
  std::vector<ResponseSummary> out(2);
  out[0].population = "all_clinical";
  out[1].population = "sequenced";
  for (const auto& c : clinical.records) {
    for (int k = 0; k < 2; ++k) {
      if (k == 1 && !sequenced.count(c.patient_id)) continue;
      ResponseSummary& r = out[k];
      if (c.best_response == BestResponse::NE && opt.ne == NotEvaluablePolicy::Exclude) {
        // --ne exclude: out of the response counts only
      } else if (c.best_response != BestResponse::Missing) {
        ++r.n;
        r.responders += opt.responders.count(c.best_response) ? 1 : 0;
        r.disease_control += disease_control(c.best_response) ? 1 : 0;
      }
      if (!std::isnan(c.best_pct_change)) {
        ++r.n_pct_change;
        r.regressed += c.best_pct_change < 0 ? 1 : 0;
      }
    }
  }
  for (int k = 0; k < 2; ++k) {
    std::vector<SurvivalSample> pfs, os;
    for (const auto& c : clinical.records) {
      if (k == 1 && !sequenced.count(c.patient_id)) continue;
      if (!std::isnan(c.pfs_months) && !std::isnan(c.pfs_event))
        pfs.push_back({c.pfs_months, static_cast<int>(c.pfs_event)});
      if (!std::isnan(c.os_months) && !std::isnan(c.os_event))
        os.push_back({c.os_months, static_cast<int>(c.os_event)});
    }
    out[k].pfs = kaplan_meier(pfs, opt.conf_level, opt.km_conf_type);
    out[k].os = kaplan_meier(os, opt.conf_level, opt.km_conf_type);
    out[k].km_conf_type = opt.km_conf_type;
  }
  for (auto& r : out) {
    r.orr_ci = clopper_pearson(r.responders, r.n, opt.conf_level);
    r.dcr_ci = clopper_pearson(r.disease_control, r.n, opt.conf_level);
    r.regression_ci = clopper_pearson(r.regressed, r.n_pct_change, opt.conf_level);
  }
  return out;
}

void write_response(std::ostream& os, const std::vector<ResponseSummary>& rows,
                    const std::vector<std::string>& provenance) {
  for (const auto& p : provenance) os << '#' << p << '\n';
  write_tsv_row(os, {"population", "n", "responders", "orr", "orr_ci_low", "orr_ci_high", "disease_control", "dcr",
                     "dcr_ci_low", "dcr_ci_high", "n_with_pct_change", "regressed", "regression_rate",
                     "regression_ci_low", "regression_ci_high", "pfs_n", "pfs_events", "pfs_median",
                     "pfs_median_ci_low", "pfs_median_ci_high", "os_n", "os_events", "os_median", "os_median_ci_low",
                     "os_median_ci_high", "km_conf_type"});
  auto rate = [](long k, long n) { return n ? format_double(double(k) / n) : std::string("NA"); };
  for (const auto& r : rows)
    write_tsv_row(os, {r.population, std::to_string(r.n), std::to_string(r.responders), rate(r.responders, r.n),
                       format_double(r.orr_ci.low), format_double(r.orr_ci.high), std::to_string(r.disease_control),
                       rate(r.disease_control, r.n), format_double(r.dcr_ci.low), format_double(r.dcr_ci.high),
                       std::to_string(r.n_pct_change), std::to_string(r.regressed), rate(r.regressed, r.n_pct_change),
                       format_double(r.regression_ci.low), format_double(r.regression_ci.high),
                       std::to_string(r.pfs.n), std::to_string(r.pfs.events), format_double(r.pfs.median),
                       format_double(r.pfs.median_ci_low), format_double(r.pfs.median_ci_high), std::to_string(r.os.n),
                       std::to_string(r.os.events), format_double(r.os.median), format_double(r.os.median_ci_low),
                       format_double(r.os.median_ci_high), to_string(r.km_conf_type)});
}

}  // namespace pathcorr
