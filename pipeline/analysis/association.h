// `test`: one association row per matrix feature: 2x2 counts of altered/wild-type by responder/non-responder,
// response rates with exact intervals, Fisher's exact test with the conditional MLE odds ratio and its exact
// interval, multiple-testing adjustment over all rows, the exact Freeman-Halton test against every best-response
// category present and an exact trend test across CR > PR > SD > PD.
#pragma once
#include <cmath>
#include <iosfwd>
#include <set>
#include <string>
#include <vector>

#include "pipeline/cohort/clinical.h"
#include "pipeline/cohort/cohort.h"
#include "pipeline/stats/stats.h"

namespace pathcorr {

// What counts as response: objective response (--responders, default CR,PR), disease control (CR, PR, SD), or
// tumour regression (best_pct_change < 0; patients without a value are left out, never counted as non-responders).
enum class Endpoint { ORR, DCR, Regression };
std::string to_string(Endpoint e);

struct TestOptions {
  Endpoint endpoint = Endpoint::ORR;
  std::set<BestResponse> responders = {BestResponse::CR, BestResponse::PR};
  Alternative alternative = Alternative::TwoSided;
  double conf_level = 0.95;
  AdjustMethod adjust = AdjustMethod::BH;
  std::string strata_column;  // --strata: clinical column (e.g. hpv_status) for the stratified (Mantel-Haenszel) test
  bool quiet = false;
  int threads = 1;  // features tested in parallel; the output does not change
};

// "CR,PR" -> {CR, PR}; UsageError on an unknown word.
std::set<BestResponse> parse_responders(const std::string& s);

struct Association {
  std::string feature, feature_type;
  long n_altered = 0, n_wildtype = 0, n_not_evaluable = 0;
  long altered_responders = 0, altered_nonresponders = 0, wildtype_responders = 0, wildtype_nonresponders = 0;
  double response_rate_altered, response_rate_wildtype;
  Interval rr_altered_ci, rr_wildtype_ci;
  Fisher2x2 fisher;
  double q_value;
  double p_value_bor;
  double p_value_trend;
  std::string bor_categories;  // categories the Freeman-Halton table used, e.g. "PR,SD,NE"
  std::string endpoint;        // orr | dcr | regression
  // --strata: exact conditional test of a common odds ratio across strata (R mantelhaen.test(exact = TRUE)),
  // over the strata with at least 2 patients; NaN when no --strata or fewer than one usable stratum.
  long strata_used = 0;
  double strata_odds_ratio = std::nan(""), strata_ci_low = std::nan(""), strata_ci_high = std::nan("");
  double mh_odds_ratio = std::nan(""), p_value_strata = std::nan("");
};

// response.tsv: ORR, DCR and regression rate with Clopper-Pearson intervals, for every clinical patient and for
// the sequenced subset (the matrix patients).
struct ResponseSummary {
  std::string population;                 // "all_clinical" | "sequenced"
  long n = 0;                             // patients with a best response (NE included, empty excluded)
  long responders = 0, disease_control = 0;
  Interval orr_ci, dcr_ci;
  long n_pct_change = 0, regressed = 0;   // patients with best_pct_change, and those with < 0
  Interval regression_ci;
};
std::vector<ResponseSummary> summarize_response(const Matrix& m, const ClinicalTable& clinical,
                                                const TestOptions& opt);
void write_response(std::ostream& os, const std::vector<ResponseSummary>& rows,
                    const std::vector<std::string>& provenance);

// survival.tsv: per feature and survival endpoint (pfs, os) present in the clinical table: Kaplan-Meier medians
// with confidence intervals per group, the log-rank test and the Cox hazard ratio, altered vs wild type.
struct SurvivalRow {
  std::string feature, feature_type, endpoint;  // endpoint: "pfs" | "os"
  long n_altered = 0, events_altered = 0, n_wildtype = 0, events_wildtype = 0;
  double median_altered, median_altered_ci_low, median_altered_ci_high;
  double median_wildtype, median_wildtype_ci_low, median_wildtype_ci_high;
  double logrank_chisq, logrank_p, hazard_ratio, hr_ci_low, hr_ci_high, hr_p;
};
// Empty when the clinical table has no complete pfs or os columns.
std::vector<SurvivalRow> test_survival(const Matrix& m, const ClinicalTable& clinical, const TestOptions& opt);
void write_survival(std::ostream& os, const std::vector<SurvivalRow>& rows, const std::vector<std::string>& provenance);

std::vector<Association> test_associations(const Matrix& m, const ClinicalTable& clinical, const TestOptions& opt);
void write_associations(std::ostream& os, const std::vector<Association>& rows,
                        const std::vector<std::string>& provenance);
const std::vector<std::string>& association_columns();

}  // namespace pathcorr
