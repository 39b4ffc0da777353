// `test`: association statistics per feature (see association.h).
#include "pipeline/analysis/association.h"

#include <algorithm>
#include <exception>
#include <array>
#include <cmath>
#include <map>
#include <memory>
#include <iostream>
#include <ostream>
#include <sstream>

#include "pipeline/base/errors.h"
#include "pipeline/base/parallel.h"
#include "pipeline/io/column_table.h"
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

std::string to_string(NotEvaluablePolicy p) {
  return p == NotEvaluablePolicy::Exclude ? "exclude" : "nonresponder";
}

bool disease_control(BestResponse r) {
  return r == BestResponse::CR || r == BestResponse::PR || r == BestResponse::SD;
}

namespace {

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

namespace {

const BestResponse kOrder[] = {BestResponse::CR, BestResponse::PR, BestResponse::SD, BestResponse::PD,
                               BestResponse::NE};

// What the per-feature tests share: the matrix, each matrix patient's clinical record (nullptr when the patient
// is left out) and responder status (-1: not in this endpoint's 2x2), and the shared null distributions.
struct TestInputs {
  const Matrix& m;
  const TestOptions& opt;
  std::vector<const ClinicalRecord*> rec;
  std::vector<int> responder;
  std::map<std::vector<long>, std::unique_ptr<TrendNull>> trend_nulls;
  std::map<std::vector<long>, std::unique_ptr<TwoRowFisherNull>> rxc_nulls;  // by column totals
  std::vector<std::string> warnings;  // patients left out, for app/ to print
};

// Patients usable for tests: in the matrix, with a clinical record and a non-empty best response.
void usable_patients(const Matrix& m, const ClinicalTable& clinical, const TestOptions& opt, TestInputs* in) {
  std::vector<const ClinicalRecord*>& rec = in->rec;
  std::vector<int>& responder = in->responder;
  rec.assign(m.patients.size(), nullptr);
  responder.assign(m.patients.size(), -1);
  long missing_clinical = 0, missing_response = 0, missing_pct = 0, excluded_ne = 0;
  for (size_t i = 0; i < m.patients.size(); ++i) {
    const ClinicalRecord* c = clinical.find(m.patients[i]);
    if (!c) {
      ++missing_clinical;
      continue;
    }
    if (c->best_response == BestResponse::NE && opt.ne == NotEvaluablePolicy::Exclude) {
      ++excluded_ne;  // the sensitivity analysis: out of every response test
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
  std::vector<std::string>& w = in->warnings;
  if (missing_clinical)
    w.push_back("warning: " + std::to_string(missing_clinical) + " matrix patient(s) have no record in " +
                clinical.path + " and are left out of the tests");
  if (missing_response)
    w.push_back("warning: " + std::to_string(missing_response) + " patient(s) have an empty best_response in " +
                clinical.path + " and are left out of the tests");
  if (excluded_ne)
    w.push_back(std::to_string(excluded_ne) + " not-evaluable (NE) patient(s) left out of the tests (--ne exclude)");
  if (missing_pct)
    w.push_back("warning: " + std::to_string(missing_pct) + " patient(s) have no best_pct_change in " +
                clinical.path + " and are left out of the regression tests");
}

// The best-response tables' column totals (CR, PR, SD, PD, NE among the patients with a best response and a
// value for the feature) are usually the same for every feature. For totals shared by 8 or more features, one
// null distribution serves them all: TwoRowFisherNull for the Freeman-Halton test (every category present) and
// TrendNull for the trend test (CR > PR > SD > PD). Decided here, before the threads start, so that every feature
// takes the same path whatever --threads is.
void shared_nulls(TestInputs* in) {
  const Matrix& m = in->m;
  std::vector<std::array<long, 5>> totals(m.features.size(), std::array<long, 5>{});
  std::vector<long> altered(m.features.size(), 0), altered_trend(m.features.size(), 0);  // trend: NE left out
  for (size_t i = 0; i < m.patients.size(); ++i) {  // row by row: the matrix is stored by patient
    if (!in->rec[i]) continue;
    int k = 0;
    while (k < 4 && kOrder[k] != in->rec[i]->best_response) ++k;  // CR, PR, SD, PD, else NE
    const auto& row = m.values[i];
    for (size_t f = 0; f < m.features.size(); ++f) {
      if (row[f] == kMatrixNA) continue;
      ++totals[f][k];
      altered[f] += row[f] == 1;
      altered_trend[f] += row[f] == 1 && k < 4;
    }
  }
  std::map<std::vector<long>, std::pair<int, long>> rxc_margins;  // -> features, largest min(n, N - n)
  std::map<std::vector<long>, std::pair<int, long>> trend_margins;  // -> features, largest altered count
  for (size_t f = 0; f < m.features.size(); ++f) {
    std::vector<long> rxc, trend;
    long n_total = 0;
    for (int k = 0; k < 5; ++k) {
      if (totals[f][k] == 0) continue;
      rxc.push_back(totals[f][k]);
      n_total += totals[f][k];
      if (k < 4) trend.push_back(totals[f][k]);
    }
    for (int k = 0; k < 4; ++k)
      if (totals[f][k] > 0) trend.push_back(3 - k);
    auto& [count, largest] = rxc_margins[rxc];
    ++count;
    largest = std::max(largest, std::min(altered[f], n_total - altered[f]));
    auto& [trend_count, trend_largest] = trend_margins[trend];
    ++trend_count;
    trend_largest = std::max(trend_largest, altered_trend[f]);
  }
  for (const auto& [cols, use] : rxc_margins) {
    if (use.first < 8 || cols.size() < 3) continue;
    if (auto null = TwoRowFisherNull::make(cols, use.second)) in->rxc_nulls[cols] = std::move(null);
  }
  for (const auto& [margin, use] : trend_margins) {
    if (use.first < 8 || margin.size() < 4) continue;
    const size_t k = margin.size() / 2;
    std::vector<long> cols(margin.begin(), margin.begin() + static_cast<long>(k));
    std::vector<double> scores(margin.begin() + static_cast<long>(k), margin.end());
    if (auto null = TrendNull::make(cols, scores, 4000000, use.second)) in->trend_nulls[margin] = std::move(null);
  }
}

// Identical tables (common: a 2x2 table is fixed by the altered count and the altered responders) are computed
// once per thread, and so are the response-rate intervals and the Fisher rejection regions of min_detectable_or,
// which depend only on the group sizes.
struct TableCaches {
  std::map<std::array<long, 4>, Fisher2x2> fisher;         // by table
  std::map<std::pair<long, long>, Interval> rate_intervals;  // by (responders, patients)
  std::map<std::vector<std::vector<long>>, double> rxc;
  std::map<std::vector<long>, double> trend;
  std::map<std::pair<long, long>, std::unique_ptr<FisherRejectionRegion>> regions;
  std::map<std::array<long, 3>, double> min_detectable;
};

// Why a row is not tested (SPEC "associations.tsv"); empty when it is.
std::string not_tested_reason(const Association& a, const TestOptions& opt) {
  if (a.n_altered == 0) return "no_altered";
  if (a.n_altered < opt.min_altered) return "few_altered";
  if (a.n_wildtype == 0) return "no_wildtype";
  const long responders = a.altered_responders + a.wildtype_responders;
  const long nonresponders = a.altered_nonresponders + a.wildtype_nonresponders;
  if (responders == 0 || nonresponders == 0) return "no_response_variation";
  return "";
}

// min_detectable_or of a tested row: at its group sizes and wild-type response rate.
double min_detectable_or(const Association& a, const TestOptions& opt, TableCaches* caches) {
  const std::array<long, 3> key = {a.n_altered, a.n_wildtype, a.wildtype_responders};
  auto hit = caches->min_detectable.find(key);
  if (hit != caches->min_detectable.end()) return hit->second;
  auto& region = caches->regions[{a.n_altered, a.n_wildtype}];
  if (!region) {
    region = std::make_unique<FisherRejectionRegion>(a.n_altered, a.n_wildtype, kMinDetectableAlpha, opt.alternative);
  }
  const double p0 = static_cast<double>(a.wildtype_responders) / static_cast<double>(a.n_wildtype);
  return caches->min_detectable[key] = min_detectable_odds_ratio(*region, p0, kMinDetectablePower);
}

// Trend over CR > PR > SD > PD (NE left out): from the shared null when there is one, else exact_trend_2xk.
double trend_p_value(const TestInputs& in, const std::vector<long>& t_alt, const std::vector<long>& t_wt,
                     const std::vector<double>& scores, TableCaches* caches) {
  long tr_alt = 0, tr_wt = 0;
  for (size_t k = 0; k < t_alt.size(); ++k) tr_alt += t_alt[k], tr_wt += t_wt[k];
  if (!(tr_alt && tr_wt && t_alt.size() >= 2)) return std::nan("");
  std::vector<long> key = t_alt;
  key.insert(key.end(), t_wt.begin(), t_wt.end());
  key.push_back(static_cast<long>(t_alt.size()));
  for (double sc : scores) key.push_back(static_cast<long>(sc));
  std::vector<long> margin;
  for (size_t k = 0; k < t_alt.size(); ++k) margin.push_back(t_alt[k] + t_wt[k]);
  for (double sc : scores) margin.push_back(static_cast<long>(sc));
  auto shared = in.trend_nulls.find(margin);
  if (shared != in.trend_nulls.end()) return shared->second->p_value(t_alt);
  auto hit = caches->trend.find(key);
  return hit != caches->trend.end() ? hit->second : (caches->trend[key] = exact_trend_2xk(t_alt, t_wt, scores));
}

// Every test of feature f, into a.
void test_feature(const TestInputs& in, size_t f, Association& a, TableCaches* caches) {
  const Matrix& m = in.m;
  const TestOptions& opt = in.opt;
  a.feature = m.features[f];
  a.feature_type = m.feature_types[f];
  a.endpoint = to_string(opt.endpoint);
  long by_cat[2][5] = {{0}};
  for (size_t i = 0; i < m.patients.size(); ++i) {
    if (!in.rec[i]) continue;
    int v = m.values[i][f];
    if (v == kMatrixNA) {
      ++a.n_not_evaluable;
      continue;
    }
    const bool responds = in.responder[i] == 1;
    if (in.responder[i] >= 0 && v == 1) {
      ++a.n_altered;
      ++(responds ? a.altered_responders : a.altered_nonresponders);
    } else if (in.responder[i] >= 0) {
      ++a.n_wildtype;
      ++(responds ? a.wildtype_responders : a.wildtype_nonresponders);
    }
    for (int k = 0; k < 5; ++k)
      if (in.rec[i]->best_response == kOrder[k]) ++by_cat[v == 1 ? 0 : 1][k];
  }
  a.response_rate_altered = a.n_altered ? double(a.altered_responders) / a.n_altered : std::nan("");
  a.response_rate_wildtype = a.n_wildtype ? double(a.wildtype_responders) / a.n_wildtype : std::nan("");
  auto rate_interval = [&](long responders, long patients) {
    auto hit = caches->rate_intervals.find({responders, patients});
    if (hit != caches->rate_intervals.end()) return hit->second;
    return caches->rate_intervals[{responders, patients}] = clopper_pearson(responders, patients, opt.conf_level);
  };
  a.rr_altered_ci = rate_interval(a.altered_responders, a.n_altered);
  a.rr_wildtype_ci = rate_interval(a.wildtype_responders, a.n_wildtype);
  const std::array<long, 4> cells = {a.altered_responders, a.altered_nonresponders, a.wildtype_responders,
                                     a.wildtype_nonresponders};
  auto fisher = caches->fisher.find(cells);
  a.fisher = fisher != caches->fisher.end()
                 ? fisher->second
                 : (caches->fisher[cells] =
                        fisher_exact_2x2(cells[0], cells[1], cells[2], cells[3], opt.alternative, opt.conf_level));
  a.not_tested_reason = not_tested_reason(a, opt);
  a.tested = a.not_tested_reason.empty();
  a.family = opt.plan.family_of(a.feature);
  a.min_detectable_or = a.tested ? min_detectable_or(a, opt, caches) : std::nan("");
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
    std::vector<long> cols(table[0].size());
    for (size_t k = 0; k < cols.size(); ++k) cols[k] = table[0][k] + table[1][k];
    auto shared = in.rxc_nulls.find(cols);
    if (shared != in.rxc_nulls.end()) {
      a.p_value_bor = shared->second->p_value(table[0]);
    } else {
      auto hit = caches->rxc.find(table);
      a.p_value_bor = hit != caches->rxc.end() ? hit->second : (caches->rxc[table] = fisher_exact_rxc(table));
    }
  } else {
    a.p_value_bor = std::nan("");
  }
  a.p_value_trend = trend_p_value(in, t_alt, t_wt, scores, caches);
  if (!opt.strata_column.empty()) stratified_test(a, m, f, in.rec, in.responder, opt);
}

// Features are independent: computed in parallel (opt.threads), each into its own slot, so the output does not
// depend on the thread count.
void test_features_in_parallel(const TestInputs& in, std::vector<Association>* rows) {
  parallel_for<TableCaches>(in.m.features.size(), in.opt.threads,
                            [&](TableCaches& caches, size_t f) { test_feature(in, f, (*rows)[f], &caches); });
}

// q-values: p.adjust within each family over its tested rows (as p.adjust leaves out NA); NA elsewhere. The
// primary family uses --adjust-primary, every other family --adjust.
void adjust_within_families(const TestOptions& opt, std::vector<Association>* rows) {
  std::map<std::string, std::vector<size_t>> families;
  for (size_t i = 0; i < rows->size(); ++i) {
    Association& a = (*rows)[i];
    a.q_value = std::nan("");
    if (a.tested) families[a.family].push_back(i);
  }
  for (const auto& [family, index] : families) {
    std::vector<double> p;
    for (size_t i : index) p.push_back((*rows)[i].fisher.p_value);
    const auto q = p_adjust(p, family == kPrimaryFamily ? opt.adjust_primary : opt.adjust);
    for (size_t k = 0; k < index.size(); ++k) (*rows)[index[k]].q_value = q[k];
  }
}

}  // namespace

std::vector<Association> test_associations(const Matrix& m, const ClinicalTable& clinical, const TestOptions& opt,
                                           std::vector<std::string>* warnings) {
  if (!opt.strata_column.empty() &&
      std::find(clinical.columns.begin(), clinical.columns.end(), opt.strata_column) == clinical.columns.end())
    throw InputError(clinical.path + ": no column '" + opt.strata_column + "' for --strata");
  check_plan_features(opt.plan, m.features, "");
  TestInputs in{m, opt, {}, {}, {}, {}, {}};
  usable_patients(m, clinical, opt, &in);
  shared_nulls(&in);
  std::vector<Association> rows(m.features.size());
  test_features_in_parallel(in, &rows);
  adjust_within_families(opt, &rows);
  if (warnings) *warnings = std::move(in.warnings);
  return rows;
}

namespace {

bool opt_strata(const Association& a) { return a.strata_used > 0 || !std::isnan(a.p_value_strata); }
std::string n(long v) { return std::to_string(v); }
std::string d(double v) { return format_double(v); }

// associations.tsv: each column's name and how a row writes it, in order (SPEC's minimum first).
const std::vector<OutputColumn<Association>>& columns() {
  static const std::vector<OutputColumn<Association>> cols = {
      {"feature", [](const Association& a) { return a.feature; }},
      {"feature_type", [](const Association& a) { return a.feature_type; }},
      {"n_altered", [](const Association& a) { return n(a.n_altered); }},
      {"n_wildtype", [](const Association& a) { return n(a.n_wildtype); }},
      {"altered_responders", [](const Association& a) { return n(a.altered_responders); }},
      {"altered_nonresponders", [](const Association& a) { return n(a.altered_nonresponders); }},
      {"wildtype_responders", [](const Association& a) { return n(a.wildtype_responders); }},
      {"wildtype_nonresponders", [](const Association& a) { return n(a.wildtype_nonresponders); }},
      {"response_rate_altered", [](const Association& a) { return d(a.response_rate_altered); }},
      {"response_rate_wildtype", [](const Association& a) { return d(a.response_rate_wildtype); }},
      {"odds_ratio", [](const Association& a) { return d(a.fisher.odds_ratio); }},
      {"ci_low", [](const Association& a) { return d(a.fisher.ci_low); }},
      {"ci_high", [](const Association& a) { return d(a.fisher.ci_high); }},
      {"p_value", [](const Association& a) { return d(a.fisher.p_value); }},
      {"q_value", [](const Association& a) { return d(a.q_value); }},
      {"p_value_bor", [](const Association& a) { return d(a.p_value_bor); }},
      // beyond SPEC's minimum
      {"tested", [](const Association& a) { return std::string(a.tested ? "yes" : "no"); }},
      {"not_tested_reason", [](const Association& a) { return a.tested ? std::string("NA") : a.not_tested_reason; }},
      {"family", [](const Association& a) { return a.family; }},
      {"min_detectable_or", [](const Association& a) { return d(a.min_detectable_or); }},
      {"p_value_trend", [](const Association& a) { return d(a.p_value_trend); }},
      {"response_rate_altered_ci_low", [](const Association& a) { return d(a.rr_altered_ci.low); }},
      {"response_rate_altered_ci_high", [](const Association& a) { return d(a.rr_altered_ci.high); }},
      {"response_rate_wildtype_ci_low", [](const Association& a) { return d(a.rr_wildtype_ci.low); }},
      {"response_rate_wildtype_ci_high", [](const Association& a) { return d(a.rr_wildtype_ci.high); }},
      {"n_not_evaluable", [](const Association& a) { return n(a.n_not_evaluable); }},
      {"bor_categories",
       [](const Association& a) { return a.bor_categories.empty() ? std::string("NA") : a.bor_categories; }},
      {"endpoint", [](const Association& a) { return a.endpoint; }},
      {"strata_used", [](const Association& a) { return opt_strata(a) ? n(a.strata_used) : std::string("NA"); }},
      {"strata_odds_ratio", [](const Association& a) { return d(a.strata_odds_ratio); }},
      {"strata_ci_low", [](const Association& a) { return d(a.strata_ci_low); }},
      {"strata_ci_high", [](const Association& a) { return d(a.strata_ci_high); }},
      {"mh_odds_ratio", [](const Association& a) { return d(a.mh_odds_ratio); }},
      {"p_value_strata", [](const Association& a) { return d(a.p_value_strata); }},
  };
  return cols;
}

}  // namespace

const std::vector<std::string>& association_columns() {
  static const std::vector<std::string> names = column_names(columns());
  return names;
}

void write_associations(std::ostream& os, const std::vector<Association>& rows,
                        const std::vector<std::string>& provenance) {
  write_output_table(os, provenance, columns(), rows);
}

}  // namespace pathcorr
