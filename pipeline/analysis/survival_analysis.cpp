// survival.tsv (association.h): Kaplan-Meier medians, log-rank and Cox hazard ratio per feature and endpoint.
#include <cmath>
#include <ostream>

#include "pipeline/analysis/association.h"
#include "pipeline/io/table_io.h"
#include "pipeline/stats/survival.h"

namespace pathcorr {

std::vector<SurvivalRow> test_survival(const Matrix& m, const ClinicalTable& clinical, const TestOptions& opt) {
  std::vector<SurvivalRow> rows;
  struct Endpoint {
    const char* name;
    double ClinicalRecord::*time;
    double ClinicalRecord::*event;
  };
  const Endpoint endpoints[] = {{"pfs", &ClinicalRecord::pfs_months, &ClinicalRecord::pfs_event},
                                {"os", &ClinicalRecord::os_months, &ClinicalRecord::os_event}};
  std::vector<const ClinicalRecord*> rec(m.patients.size());
  for (size_t i = 0; i < m.patients.size(); ++i) rec[i] = clinical.find(m.patients[i]);
  for (const auto& e : endpoints) {
    bool any = false;
    for (const auto* r : rec) any = any || (r && !std::isnan(r->*e.time) && !std::isnan(r->*e.event));
    if (!any) continue;
    for (size_t f = 0; f < m.features.size(); ++f) {
      std::vector<SurvivalSample> alt, wt;
      for (size_t i = 0; i < m.patients.size(); ++i) {
        const ClinicalRecord* r = rec[i];
        if (!r || std::isnan(r->*e.time) || std::isnan(r->*e.event) || m.values[i][f] == kMatrixNA) continue;
        (m.values[i][f] == 1 ? alt : wt).push_back({r->*e.time, static_cast<int>(r->*e.event)});
      }
      SurvivalRow row;
      row.feature = m.features[f];
      row.feature_type = m.feature_types[f];
      row.endpoint = e.name;
      KaplanMeier ka = kaplan_meier(alt, opt.conf_level, opt.km_conf_type);
      KaplanMeier kw = kaplan_meier(wt, opt.conf_level, opt.km_conf_type);
      row.n_altered = ka.n, row.events_altered = ka.events, row.n_wildtype = kw.n, row.events_wildtype = kw.events;
      row.median_altered = ka.median, row.median_altered_ci_low = ka.median_ci_low;
      row.median_altered_ci_high = ka.median_ci_high;
      row.median_wildtype = kw.median, row.median_wildtype_ci_low = kw.median_ci_low;
      row.median_wildtype_ci_high = kw.median_ci_high;
      LogRank lr = log_rank(alt, wt);
      row.logrank_chisq = lr.chisq, row.logrank_p = lr.p_value;
      CoxHR hr = cox_hazard_ratio(alt, wt, opt.conf_level);
      row.hazard_ratio = hr.hazard_ratio, row.hr_ci_low = hr.ci_low, row.hr_ci_high = hr.ci_high, row.hr_p = hr.p_wald;
      rows.push_back(row);
    }
  }
  return rows;
}

void write_survival(std::ostream& os, const std::vector<SurvivalRow>& rows,
                    const std::vector<std::string>& provenance) {
  for (const auto& p : provenance) os << '#' << p << '\n';
  write_tsv_row(os, {"feature", "feature_type", "endpoint", "n_altered", "events_altered", "n_wildtype",
                     "events_wildtype", "median_altered", "median_altered_ci_low", "median_altered_ci_high",
                     "median_wildtype", "median_wildtype_ci_low", "median_wildtype_ci_high", "logrank_chisq",
                     "logrank_p", "hazard_ratio", "hazard_ratio_ci_low", "hazard_ratio_ci_high", "hazard_ratio_p"});
  auto n = [](long v) { return std::to_string(v); };
  for (const auto& r : rows)
    write_tsv_row(os, {r.feature, r.feature_type, r.endpoint, n(r.n_altered), n(r.events_altered), n(r.n_wildtype),
                       n(r.events_wildtype), format_double(r.median_altered), format_double(r.median_altered_ci_low),
                       format_double(r.median_altered_ci_high), format_double(r.median_wildtype),
                       format_double(r.median_wildtype_ci_low), format_double(r.median_wildtype_ci_high),
                       format_double(r.logrank_chisq), format_double(r.logrank_p), format_double(r.hazard_ratio),
                       format_double(r.hr_ci_low), format_double(r.hr_ci_high), format_double(r.hr_p)});
}

}  // namespace pathcorr
