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
#include "pipeline/analysis/plan.h"
#include "pipeline/stats/stats.h"
#include "pipeline/stats/survival.h"

namespace pathcorr {

// What counts as response: objective response (--responders, default CR,PR), disease control (CR, PR, SD), or
// tumour regression (best_pct_change < 0; patients without a value are left out, never counted as non-responders).
enum class Endpoint { ORR, DCR, Regression };
std::string to_string(Endpoint e);
bool disease_control(BestResponse r);  // CR, PR or SD

// --ne: not-evaluable (NE) patients count as non-responders (the paper's efficacy analysis, default) or are left
// out of every response analysis (the sensitivity analysis).
enum class NotEvaluablePolicy { NonResponder, Exclude };
std::string to_string(NotEvaluablePolicy p);

// min_detectable_or: the smallest odds ratio with this power at this two-sided (or --alternative) level.
constexpr double kMinDetectablePower = 0.8;
constexpr double kMinDetectableAlpha = 0.05;

struct TestOptions {
  Endpoint endpoint = Endpoint::ORR;
  std::set<BestResponse> responders = {BestResponse::CR, BestResponse::PR};
  Alternative alternative = Alternative::TwoSided;
  double conf_level = 0.95;
  AdjustMethod adjust = AdjustMethod::BH;            // exploratory (and every non-primary) family
  AdjustMethod adjust_primary = AdjustMethod::Holm;   // the plan's `primary` family
  Plan plan;                                          // --plan; empty: every feature is exploratory
  long min_altered = 1;                               // --min-altered: fewer altered patients: not tested
  NotEvaluablePolicy ne = NotEvaluablePolicy::NonResponder;
  KmConfType km_conf_type = KmConfType::Log;          // --km-conf-type, as R survfit's conf.type
  std::string strata_column;  // --strata: clinical column (e.g. hpv_status) for the stratified (Mantel-Haenszel) test
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
  // tested: the row enters its family's multiple-testing adjustment; not_tested_reason says why not
  // (no_altered, few_altered, no_wildtype, no_response_variation). q_value is NaN (NA) when not tested.
  bool tested = false;
  std::string not_tested_reason;
  std::string family;        // the plan's family, else "exploratory"
  double min_detectable_or;  // smallest OR > 1 (less: largest < 1) with 80% power at these sizes (NaN untested)
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

// response.tsv: ORR, DCR and regression rate with Clopper-Pearson intervals, and the median PFS and OS with their
// intervals (the survival headline), for every clinical patient and for the sequenced subset (the matrix
// patients). With --ne exclude, NE patients leave the response counts (not the survival ones).
struct ResponseSummary {
  std::string population;                 // "all_clinical" | "sequenced"
  long n = 0;                             // patients with a best response (NE included, empty excluded)
  long responders = 0, disease_control = 0;
  Interval orr_ci, dcr_ci;
  long n_pct_change = 0, regressed = 0;   // patients with best_pct_change, and those with < 0
  Interval regression_ci;
  // Whole-group Kaplan-Meier medians with --conf-level intervals of --km-conf-type (n = 0 when no data).
  KaplanMeier pfs, os;
  KmConfType km_conf_type = KmConfType::Log;
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

// The patients left out (no clinical record, no best response, NE with --ne exclude, no best_pct_change) are
// described in `warnings` ("warning: ..." lines) when it is given; nothing is printed.
std::vector<Association> test_associations(const Matrix& m, const ClinicalTable& clinical, const TestOptions& opt,
                                           std::vector<std::string>* warnings = nullptr);
void write_associations(std::ostream& os, const std::vector<Association>& rows,
                        const std::vector<std::string>& provenance);
const std::vector<std::string>& association_columns();

}  // namespace pathcorr
