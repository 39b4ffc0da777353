// `test`: association statistics per feature (see association.h).
#include "pipeline/analysis/association.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <array>
#include <cmath>
#include <map>
#include <memory>
#include <iostream>
#include <ostream>
#include <sstream>

#include "pipeline/base/errors.h"
#include "pipeline/stats/survival.h"
#include "pipeline/io/table_io.h"

namespace pathcorr {

std::string to_string(Endpoint e) {
  switch (e) {
    case Endpoint::ORR: return "orr";
    case Endpoint::DCR: return "dcr";
    case Endpoint::Regression: return "regression";
  }
  return "orr";
}

namespace {

bool disease_control(BestResponse r) {
  return r == BestResponse::CR || r == BestResponse::PR || r == BestResponse::SD;
}

// Responder status of one patient for the endpoint; -1 when the patient cannot be judged (left out of tests).
int responder_status(const ClinicalRecord& c, const TestOptions& opt) {
  if (c.best_response == BestResponse::Missing) return -1;
  switch (opt.endpoint) {
    case Endpoint::ORR: return opt.responders.count(c.best_response) ? 1 : 0;
    case Endpoint::DCR: return disease_control(c.best_response) ? 1 : 0;
    case Endpoint::Regression: return std::isnan(c.best_pct_change) ? -1 : (c.best_pct_change < 0 ? 1 : 0);
  }
  return -1;
}

}  // namespace

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
      if (c.best_response != BestResponse::Missing) {
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
                     "regression_ci_low", "regression_ci_high"});
  auto rate = [](long k, long n) { return n ? format_double(double(k) / n) : std::string("NA"); };
  for (const auto& r : rows)
    write_tsv_row(os, {r.population, std::to_string(r.n), std::to_string(r.responders), rate(r.responders, r.n),
                       format_double(r.orr_ci.low), format_double(r.orr_ci.high), std::to_string(r.disease_control),
                       rate(r.disease_control, r.n), format_double(r.dcr_ci.low), format_double(r.dcr_ci.high),
                       std::to_string(r.n_pct_change), std::to_string(r.regressed), rate(r.regressed, r.n_pct_change),
                       format_double(r.regression_ci.low), format_double(r.regression_ci.high)});
}

std::set<BestResponse> parse_responders(const std::string& s) {
  std::set<BestResponse> out;
  std::stringstream ss(s);
  std::string w;
  while (std::getline(ss, w, ',')) {
    auto r = parse_best_response(w);
    if (!r || *r == BestResponse::Missing)
      throw UsageError("--responders: '" + w + "' is not a best-response category (CR, PR, SD, PD, NE)");
    out.insert(*r);
  }
  if (out.empty()) throw UsageError("--responders needs at least one category, e.g. CR,PR");
  return out;
}

namespace {

// Mantel-Haenszel across the strata of opt.strata_column for feature f (patients without a stratum value, without a
// responder status or NA in the matrix are left out; strata with fewer than 2 patients carry no information).
void stratified_test(Association& a, const Matrix& m, size_t f, const std::vector<const ClinicalRecord*>& rec,
                     const std::vector<int>& responder, const TestOptions& opt) {
  std::map<std::string, std::array<long, 4>> by_stratum;
  for (size_t i = 0; i < m.patients.size(); ++i) {
    if (!rec[i] || responder[i] < 0 || m.values[i][f] == kMatrixNA) continue;
    auto it = rec[i]->fields.find(opt.strata_column);
    if (it == rec[i]->fields.end() || is_missing_value(it->second)) continue;
    auto& t = by_stratum[it->second];
    const bool altered = m.values[i][f] == 1, responds = responder[i] == 1;
    ++t[altered ? (responds ? 0 : 1) : (responds ? 2 : 3)];
  }
  std::vector<std::array<long, 4>> strata;
  for (const auto& [name, t] : by_stratum)
    if (t[0] + t[1] + t[2] + t[3] >= 2) strata.push_back(t);
  a.strata_used = static_cast<long>(strata.size());
  if (strata.empty()) return;
  MantelHaenszel mh = mantel_haenszel_exact(strata, opt.alternative, opt.conf_level);
  a.strata_odds_ratio = mh.odds_ratio;
  a.strata_ci_low = mh.ci_low;
  a.strata_ci_high = mh.ci_high;
  a.mh_odds_ratio = mh.mh_estimate;
  a.p_value_strata = mh.p_value;
}

}  // namespace

std::vector<Association> test_associations(const Matrix& m, const ClinicalTable& clinical, const TestOptions& opt) {
  if (!opt.strata_column.empty() &&
      std::find(clinical.columns.begin(), clinical.columns.end(), opt.strata_column) == clinical.columns.end())
    throw InputError(clinical.path + ": no column '" + opt.strata_column + "' for --strata");
  // Patients usable for tests: in the matrix, with a clinical record and a non-empty best response.
  std::vector<const ClinicalRecord*> rec(m.patients.size(), nullptr);
  std::vector<int> responder(m.patients.size(), -1);
  long missing_clinical = 0, missing_response = 0, missing_pct = 0;
  for (size_t i = 0; i < m.patients.size(); ++i) {
    const ClinicalRecord* c = clinical.find(m.patients[i]);
    if (!c) {
      ++missing_clinical;
      continue;
    }
    if (c->best_response == BestResponse::Missing) {
      ++missing_response;
      continue;
    }
    rec[i] = c;  // has a best response: enters the best-response (Freeman-Halton, trend) tables
    responder[i] = responder_status(*c, opt);
    if (responder[i] < 0) ++missing_pct;  // but not the 2x2 of this endpoint
  }
  if (!opt.quiet && missing_clinical)
    std::cerr << "pathcorr: warning: " << missing_clinical << " matrix patient(s) have no record in "
              << clinical.path << " and are left out of the tests\n";
  if (!opt.quiet && missing_response)
    std::cerr << "pathcorr: warning: " << missing_response << " patient(s) have an empty best_response in "
              << clinical.path << " and are left out of the tests\n";
  if (!opt.quiet && missing_pct)
    std::cerr << "pathcorr: warning: " << missing_pct << " patient(s) have no best_pct_change in " << clinical.path
              << " and are left out of the regression tests\n";

  // Features are independent: computed in parallel (opt.threads), each into its own slot, so the output does not
  // depend on the thread count. Identical tables (common for rare features) are computed once per thread.
  static const BestResponse kOrder[] = {BestResponse::CR, BestResponse::PR, BestResponse::SD, BestResponse::PD,
                                        BestResponse::NE};
  std::vector<Association> rows(m.features.size());
  // The trend test's column totals (CR, PR, SD, PD among evaluable patients) are usually the same for every
  // feature; for totals shared by 8 or more features, one null distribution (TrendNull) serves them all. Decided
  // here, before the threads start, so that every feature takes the same path whatever --threads is.
  std::map<std::vector<long>, std::unique_ptr<TrendNull>> trend_nulls;
  {
    std::map<std::vector<long>, int> margins;
    for (size_t f = 0; f < m.features.size(); ++f) {
      long totals[4] = {0, 0, 0, 0};
      for (size_t i = 0; i < m.patients.size(); ++i) {
        if (!rec[i] || m.values[i][f] == kMatrixNA) continue;
        for (int k = 0; k < 4; ++k)
          if (rec[i]->best_response == kOrder[k]) ++totals[k];
      }
      std::vector<long> margin;
      for (int k = 0; k < 4; ++k)
        if (totals[k] > 0) margin.push_back(totals[k]);
      for (int k = 0; k < 4; ++k)
        if (totals[k] > 0) margin.push_back(3 - k);
      ++margins[margin];
    }
    for (const auto& [margin, count] : margins) {
      if (count < 8 || margin.size() < 4) continue;
      const size_t k = margin.size() / 2;
      std::vector<long> cols(margin.begin(), margin.begin() + static_cast<long>(k));
      std::vector<double> scores(margin.begin() + static_cast<long>(k), margin.end());
      if (auto null = TrendNull::make(cols, scores)) trend_nulls[margin] = std::move(null);
    }
  }
  std::atomic<size_t> next_feature{0};
  auto worker = [&] {
    std::map<std::vector<std::vector<long>>, double> rxc_cache;
    std::map<std::vector<long>, double> trend_cache;
    for (size_t f; (f = next_feature++) < m.features.size();) {
    Association& a = rows[f];
    a.feature = m.features[f];
    a.feature_type = m.feature_types[f];
    a.endpoint = to_string(opt.endpoint);
    long by_cat[2][5] = {{0}};
    for (size_t i = 0; i < m.patients.size(); ++i) {
      if (!rec[i]) continue;
      int v = m.values[i][f];
      if (v == kMatrixNA) {
        ++a.n_not_evaluable;
        continue;
      }
      const bool responds = responder[i] == 1;
      if (responder[i] >= 0 && v == 1) {
        ++a.n_altered;
        ++(responds ? a.altered_responders : a.altered_nonresponders);
      } else if (responder[i] >= 0) {
        ++a.n_wildtype;
        ++(responds ? a.wildtype_responders : a.wildtype_nonresponders);
      }
      for (int k = 0; k < 5; ++k)
        if (rec[i]->best_response == kOrder[k]) ++by_cat[v == 1 ? 0 : 1][k];
    }
    a.response_rate_altered = a.n_altered ? double(a.altered_responders) / a.n_altered : std::nan("");
    a.response_rate_wildtype = a.n_wildtype ? double(a.wildtype_responders) / a.n_wildtype : std::nan("");
    a.rr_altered_ci = clopper_pearson(a.altered_responders, a.n_altered, opt.conf_level);
    a.rr_wildtype_ci = clopper_pearson(a.wildtype_responders, a.n_wildtype, opt.conf_level);
    a.fisher = fisher_exact_2x2(a.altered_responders, a.altered_nonresponders, a.wildtype_responders,
                                a.wildtype_nonresponders, opt.alternative, opt.conf_level);
    // Freeman-Halton over every category present; trend over CR > PR > SD > PD (NE left out).
    std::vector<std::vector<long>> table(2);
    std::vector<long> t_alt, t_wt;
    std::vector<double> scores;
    for (int k = 0; k < 5; ++k) {
      if (by_cat[0][k] + by_cat[1][k] == 0) continue;
      table[0].push_back(by_cat[0][k]);
      table[1].push_back(by_cat[1][k]);
      a.bor_categories += (a.bor_categories.empty() ? "" : ",") + to_string(kOrder[k]);
      if (kOrder[k] != BestResponse::NE) {
        t_alt.push_back(by_cat[0][k]);
        t_wt.push_back(by_cat[1][k]);
        scores.push_back(static_cast<double>(3 - k));  // CR=3, PR=2, SD=1, PD=0
      }
    }
    long bor_alt = 0, bor_wt = 0;
    for (size_t k = 0; k < table[0].size(); ++k) bor_alt += table[0][k], bor_wt += table[1][k];
    if (bor_alt && bor_wt) {
      auto hit = rxc_cache.find(table);
      a.p_value_bor = hit != rxc_cache.end() ? hit->second : (rxc_cache[table] = fisher_exact_rxc(table));
    } else {
      a.p_value_bor = std::nan("");
    }
    long tr_alt = 0, tr_wt = 0;
    for (size_t k = 0; k < t_alt.size(); ++k) tr_alt += t_alt[k], tr_wt += t_wt[k];
    if (tr_alt && tr_wt && t_alt.size() >= 2) {
      std::vector<long> key = t_alt;
      key.insert(key.end(), t_wt.begin(), t_wt.end());
      key.push_back(static_cast<long>(t_alt.size()));
      for (double sc : scores) key.push_back(static_cast<long>(sc));
      std::vector<long> margin;
      for (size_t k = 0; k < t_alt.size(); ++k) margin.push_back(t_alt[k] + t_wt[k]);
      for (double sc : scores) margin.push_back(static_cast<long>(sc));
      auto shared = trend_nulls.find(margin);
      auto hit = trend_cache.find(key);
      if (shared != trend_nulls.end()) {
        a.p_value_trend = shared->second->p_value(t_alt);
      } else {
        a.p_value_trend =
            hit != trend_cache.end() ? hit->second : (trend_cache[key] = exact_trend_2xk(t_alt, t_wt, scores));
      }
    } else {
      a.p_value_trend = std::nan("");
    }
    if (!opt.strata_column.empty()) stratified_test(a, m, f, rec, responder, opt);
    }
  };
  const int nthreads = std::max(1, std::min<int>(opt.threads, static_cast<int>(m.features.size())));
  std::vector<std::thread> pool;
  std::exception_ptr error;
  std::mutex error_mutex;
  auto guarded = [&] {
    try {
      worker();
    } catch (...) {
      std::lock_guard<std::mutex> lock(error_mutex);
      if (!error) error = std::current_exception();
      next_feature = m.features.size();
    }
  };
  for (int t = 1; t < nthreads; ++t) pool.emplace_back(guarded);
  guarded();
  for (auto& t : pool) t.join();
  if (error) std::rethrow_exception(error);
  std::vector<double> p;
  for (const auto& a : rows) p.push_back(a.fisher.p_value);
  auto q = p_adjust(p, opt.adjust);
  for (size_t i = 0; i < rows.size(); ++i) rows[i].q_value = q[i];
  return rows;
}

const std::vector<std::string>& association_columns() {
  static const std::vector<std::string> cols = {
      "feature", "feature_type", "n_altered", "n_wildtype", "altered_responders", "altered_nonresponders",
      "wildtype_responders", "wildtype_nonresponders", "response_rate_altered", "response_rate_wildtype",
      "odds_ratio", "ci_low", "ci_high", "p_value", "q_value", "p_value_bor",
      // beyond SPEC's minimum
      "p_value_trend", "response_rate_altered_ci_low", "response_rate_altered_ci_high",
      "response_rate_wildtype_ci_low", "response_rate_wildtype_ci_high", "n_not_evaluable", "bor_categories", "endpoint",
      "strata_used", "strata_odds_ratio", "strata_ci_low", "strata_ci_high", "mh_odds_ratio", "p_value_strata"};
  return cols;
}

static bool opt_strata(const Association& a) { return a.strata_used > 0 || !std::isnan(a.p_value_strata); }

void write_associations(std::ostream& os, const std::vector<Association>& rows,
                        const std::vector<std::string>& provenance) {
  for (const auto& p : provenance) os << '#' << p << '\n';
  write_tsv_row(os, association_columns());
  auto n = [](long v) { return std::to_string(v); };
  for (const auto& a : rows) {
    write_tsv_row(os, {a.feature, a.feature_type, n(a.n_altered), n(a.n_wildtype), n(a.altered_responders),
                       n(a.altered_nonresponders), n(a.wildtype_responders), n(a.wildtype_nonresponders),
                       format_double(a.response_rate_altered), format_double(a.response_rate_wildtype),
                       format_double(a.fisher.odds_ratio), format_double(a.fisher.ci_low),
                       format_double(a.fisher.ci_high), format_double(a.fisher.p_value), format_double(a.q_value),
                       format_double(a.p_value_bor), format_double(a.p_value_trend),
                       format_double(a.rr_altered_ci.low), format_double(a.rr_altered_ci.high),
                       format_double(a.rr_wildtype_ci.low), format_double(a.rr_wildtype_ci.high),
                       n(a.n_not_evaluable), a.bor_categories.empty() ? "NA" : a.bor_categories, a.endpoint,
                       opt_strata(a) ? n(a.strata_used) : "NA", format_double(a.strata_odds_ratio),
                       format_double(a.strata_ci_low), format_double(a.strata_ci_high), format_double(a.mh_odds_ratio),
                       format_double(a.p_value_strata)});
  }
}

}  // namespace pathcorr

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
      KaplanMeier ka = kaplan_meier(alt, opt.conf_level), kw = kaplan_meier(wt, opt.conf_level);
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
