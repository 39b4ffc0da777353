// `test`: one association row per matrix feature: 2x2 counts of altered/wild-type by responder/non-responder,
// response rates with exact intervals, Fisher's exact test with the conditional MLE odds ratio and its exact
// interval, multiple-testing adjustment over all rows, the exact Freeman-Halton test against every best-response
// category present and an exact trend test across CR > PR > SD > PD.
#pragma once
#include <iosfwd>
#include <set>
#include <string>
#include <vector>

#include "pipeline/clinical.h"
#include "pipeline/cohort.h"
#include "pipeline/stats.h"

namespace pathcorr {

struct TestOptions {
  std::set<BestResponse> responders = {BestResponse::CR, BestResponse::PR};
  Alternative alternative = Alternative::TwoSided;
  double conf_level = 0.95;
  AdjustMethod adjust = AdjustMethod::BH;
  bool quiet = false;
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
};

std::vector<Association> test_associations(const Matrix& m, const ClinicalTable& clinical, const TestOptions& opt);
void write_associations(std::ostream& os, const std::vector<Association>& rows,
                        const std::vector<std::string>& provenance);
const std::vector<std::string>& association_columns();

}  // namespace pathcorr
