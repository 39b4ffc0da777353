// Unit tests of pipeline/association (`test`): the 2x2 counts of a hand-made matrix and clinical table under each
// endpoint (ORR with default and custom responders, DCR, regression), NA cells, best-response categories, and the
// statistics against R (fisher.test, p.adjust, binom.test; the R calls are beside each number), the response
// summary, and associations.tsv.
#include <gtest/gtest.h>

#include <cmath>
#include <iomanip>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "pipeline/analysis/association.h"
#include "pipeline/cohort/clinical.h"
#include "pipeline/cohort/cohort.h"
#include "pipeline/base/errors.h"

namespace pathcorr {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
const int NA = kMatrixNA;

// |actual - expected| <= tol * |expected|; Inf and NaN must match exactly.
::testing::AssertionResult near_rel(double actual, double expected, double tol) {
  if (std::isnan(expected)) {
    if (std::isnan(actual)) return ::testing::AssertionSuccess();
  } else if (std::isinf(expected)) {
    if (actual == expected) return ::testing::AssertionSuccess();
  } else if (std::fabs(actual - expected) <= tol * std::fabs(expected) ||
             (expected == 0 && std::fabs(actual) <= tol)) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << std::setprecision(17) << actual << " vs R " << expected
                                       << " (relative tolerance " << tol << ")";
}

// P-values and Clopper-Pearson limits are exact in R (sums of hypergeometric terms, qbeta): tight tolerance.
constexpr double kTightTol = 1e-9;
// Odds ratios and their limits: fisher.test's uniroot stops at ~1.2e-4 absolute on ncp (or 1/ncp), so its printed
// values are off by up to ~1% for wide intervals. Each is therefore checked twice: tightly against the same
// equations solved to full precision in R (precise_ci in tests/data/unit/association_reference.R), and loosely
// against fisher.test's own output.
constexpr double kRootTol = 1e-9;
constexpr double kFisherTestTol = 2e-2;

struct OddsRatio {
  double odds_ratio, ci_low, ci_high;
};
void expect_odds_ratio(const Fisher2x2& f, const OddsRatio& precise, const OddsRatio& fisher_test) {
  EXPECT_TRUE(near_rel(f.odds_ratio, precise.odds_ratio, kRootTol)) << "odds ratio";
  EXPECT_TRUE(near_rel(f.ci_low, precise.ci_low, kRootTol)) << "ci_low";
  EXPECT_TRUE(near_rel(f.ci_high, precise.ci_high, kRootTol)) << "ci_high";
  EXPECT_TRUE(near_rel(f.odds_ratio, fisher_test.odds_ratio, kFisherTestTol)) << "odds ratio vs fisher.test";
  EXPECT_TRUE(near_rel(f.ci_low, fisher_test.ci_low, kFisherTestTol)) << "ci_low vs fisher.test";
  EXPECT_TRUE(near_rel(f.ci_high, fisher_test.ci_high, kFisherTestTol)) << "ci_high vs fisher.test";
}

// The cohort: 14 matrix patients; P12 has an empty best response, P13 no clinical record; P15 and P16 are in the
// clinical table only.
//            response  pct    A  B   C   D  E  PW (pathway)
//   P01      CR        -60    1  1   NA  0  1  1
//   P02      PR        -40    1  0   1   0  1  1
//   P03      PR        -35    1  NA  1   0  1  1
//   P04      SD        -10    1  1   0   0  0  1
//   P05      SD        +5     1  0   0   0  0  1
//   P06      PD        +30    0  0   0   0  0  0
//   P07      PD        +25    0  1   1   0  0  1
//   P08      SD        -5     0  0   0   0  0  0
//   P09      PR        -50    0  NA  0   0  1  NA
//   P10      NE        NA     0  0   NA  0  0  0
//   P11      PD        NA     1  0   0   0  0  1
//   P12      (empty)   NA     1  1   1   0  1  1
//   P13      -         -      1  1   1   0  1  1
//   P14      CR        -100   0  0   NA  0  1  0
//   P15      PR        -70    (not sequenced)
//   P16      PD        +10    (not sequenced)
Matrix cohort_matrix() {
  Matrix m;
  m.features = {"A", "B", "C", "D", "E", "PW"};
  m.feature_types = {"gene", "gene", "gene", "gene", "gene", "pathway"};
  m.patients = {"P01", "P02", "P03", "P04", "P05", "P06", "P07", "P08", "P09", "P10", "P11", "P12", "P13", "P14"};
  m.values = {
      {1, 1, NA, 0, 1, 1}, {1, 0, 1, 0, 1, 1},  {1, NA, 1, 0, 1, 1},  {1, 1, 0, 0, 0, 1},   {1, 0, 0, 0, 0, 1},
      {0, 0, 0, 0, 0, 0},  {0, 1, 1, 0, 0, 1},  {0, 0, 0, 0, 0, 0},   {0, NA, 0, 0, 1, NA}, {0, 0, NA, 0, 0, 0},
      {1, 0, 0, 0, 0, 1},  {1, 1, 1, 0, 1, 1},  {1, 1, 1, 0, 1, 1},   {0, 0, NA, 0, 1, 0},
  };
  return m;
}

ClinicalTable cohort_clinical() {
  struct Row {
    const char* id;
    BestResponse r;
    double pct;
  };
  const Row rows[] = {
      {"P01", BestResponse::CR, -60},  {"P02", BestResponse::PR, -40},       {"P03", BestResponse::PR, -35},
      {"P04", BestResponse::SD, -10},  {"P05", BestResponse::SD, 5},         {"P06", BestResponse::PD, 30},
      {"P07", BestResponse::PD, 25},   {"P08", BestResponse::SD, -5},        {"P09", BestResponse::PR, -50},
      {"P10", BestResponse::NE, kNaN}, {"P11", BestResponse::PD, kNaN},      {"P12", BestResponse::Missing, kNaN},
      {"P14", BestResponse::CR, -100}, {"P15", BestResponse::PR, -70},       {"P16", BestResponse::PD, 10},
  };
  ClinicalTable t;
  t.path = "clinical.tsv";
  for (const auto& r : rows) {
    ClinicalRecord c;
    c.patient_id = r.id;
    c.best_response = r.r;
    c.response_text = to_string(r.r);
    c.best_pct_change = r.pct;
    t.records.push_back(c);
  }
  t.reindex();
  return t;
}

TestOptions quiet(Endpoint e = Endpoint::ORR) {
  TestOptions o;
  o.endpoint = e;
  return o;
}

const Association& row(const std::vector<Association>& rows, const std::string& feature) {
  for (const auto& a : rows)
    if (a.feature == feature) return a;
  throw std::runtime_error("no row for " + feature);
}

// altered responders, altered non-responders, wild-type responders, wild-type non-responders.
void expect_counts(const Association& a, long ar, long an, long wr, long wn) {
  EXPECT_EQ(a.altered_responders, ar) << a.feature;
  EXPECT_EQ(a.altered_nonresponders, an) << a.feature;
  EXPECT_EQ(a.wildtype_responders, wr) << a.feature;
  EXPECT_EQ(a.wildtype_nonresponders, wn) << a.feature;
  EXPECT_EQ(a.n_altered, ar + an) << a.feature;
  EXPECT_EQ(a.n_wildtype, wr + wn) << a.feature;
}

// ---------------------------------------------------------------------------------------------------------------
// Counts per endpoint

TEST(TestAssociations, OrrCountsNotEvaluableAndCategories) {
  auto rows = test_associations(cohort_matrix(), cohort_clinical(), quiet());
  ASSERT_EQ(rows.size(), 6u);
  // Matrix order, every feature gets a row, types carried over.
  EXPECT_EQ(rows[0].feature, "A");
  EXPECT_EQ(rows[5].feature, "PW");
  EXPECT_EQ(rows[5].feature_type, "pathway");
  EXPECT_EQ(rows[0].endpoint, "orr");
  // Responders CR/PR: P01 P02 P03 P09 P14; P12 (empty response) and P13 (no record) are left out.
  expect_counts(row(rows, "A"), 3, 3, 2, 4);
  expect_counts(row(rows, "B"), 1, 2, 2, 5);  // NA: P03, P09
  expect_counts(row(rows, "C"), 2, 1, 1, 5);  // NA: P01, P10, P14
  expect_counts(row(rows, "D"), 0, 0, 5, 7);
  expect_counts(row(rows, "E"), 5, 0, 0, 7);
  expect_counts(row(rows, "PW"), 3, 4, 1, 3);  // NA: P09
  EXPECT_EQ(row(rows, "A").n_not_evaluable, 0);
  EXPECT_EQ(row(rows, "B").n_not_evaluable, 2);
  EXPECT_EQ(row(rows, "C").n_not_evaluable, 3);
  EXPECT_EQ(row(rows, "PW").n_not_evaluable, 1);
  EXPECT_EQ(row(rows, "A").bor_categories, "CR,PR,SD,PD,NE");
  EXPECT_EQ(row(rows, "C").bor_categories, "PR,SD,PD");  // C's evaluable patients have no CR and no NE
  EXPECT_DOUBLE_EQ(row(rows, "A").response_rate_altered, 0.5);
  EXPECT_DOUBLE_EQ(row(rows, "A").response_rate_wildtype, 2.0 / 6.0);
  EXPECT_TRUE(std::isnan(row(rows, "D").response_rate_altered));
  EXPECT_DOUBLE_EQ(row(rows, "D").response_rate_wildtype, 5.0 / 12.0);
}

TEST(TestAssociations, CustomResponders) {
  TestOptions o = quiet();
  o.responders = parse_responders("CR");
  auto rows = test_associations(cohort_matrix(), cohort_clinical(), o);
  expect_counts(row(rows, "A"), 1, 5, 1, 5);  // CR: P01 (altered), P14 (wild type)
  expect_counts(row(rows, "E"), 2, 3, 0, 7);
  // R: fisher.test(matrix(c(1,1,5,5),2)) -> p 1, odds ratio 1, CI 0.010645940982071772 93.93251396790977
  //    precise_ci(1,5,1,5) -> or 1, CI 0.010636619981828259 94.014828179291271
  EXPECT_TRUE(near_rel(row(rows, "A").fisher.p_value, 1, kTightTol));
  expect_odds_ratio(row(rows, "A").fisher, {1, 0.010636619981828259, 94.014828179291271},
                    {1, 0.010645940982071772, 93.93251396790977});
}

TEST(TestAssociations, DiseaseControl) {
  auto rows = test_associations(cohort_matrix(), cohort_clinical(), quiet(Endpoint::DCR));
  EXPECT_EQ(rows[0].endpoint, "dcr");
  // CR/PR/SD control: P01-P05, P08, P09, P14; NE (P10) and PD are not controlled.
  expect_counts(row(rows, "A"), 5, 1, 3, 3);
  // R: fisher.test(matrix(c(5,3,1,3),2)) -> p 0.54545454545454564, OR 4.3410940620327585,
  //    CI 0.22220130906761557 313.0419930541226;  precise_ci(5,1,3,3) -> OR 4.3410734219833147,
  //    CI 0.22220847648956657 313.86701507111189
  const Fisher2x2& f = row(rows, "A").fisher;
  EXPECT_TRUE(near_rel(f.p_value, 0.54545454545454564, kTightTol));
  expect_odds_ratio(f, {4.3410734219833147, 0.22220847648956657, 313.86701507111189},
                    {4.3410940620327585, 0.22220130906761557, 313.0419930541226});
}

TEST(TestAssociations, RegressionLeavesOutPatientsWithoutPctChange) {
  auto rows = test_associations(cohort_matrix(), cohort_clinical(), quiet(Endpoint::Regression));
  EXPECT_EQ(rows[0].endpoint, "regression");
  // best_pct_change < 0: P01-P04, P08, P09, P14; P05-P07 grow; P10 and P11 have no value and are left out of the
  // 2x2 (never counted as non-responders).
  expect_counts(row(rows, "A"), 4, 1, 3, 2);
  expect_counts(row(rows, "B"), 2, 1, 3, 2);
  EXPECT_EQ(row(rows, "B").n_not_evaluable, 2);
  // R: fisher.test(matrix(c(4,3,1,2),2)) -> p 1, OR 2.4142235673374222, CI 0.084746802075559069 195.65298093137142
  //    precise_ci(4,1,3,2) -> OR 2.4142135623730803, CI 0.084729581888541072 195.99593384358562
  const Fisher2x2& f = row(rows, "A").fisher;
  EXPECT_TRUE(near_rel(f.p_value, 1, kTightTol));
  expect_odds_ratio(f, {2.4142135623730803, 0.084729581888541072, 195.99593384358562},
                    {2.4142235673374222, 0.084746802075559069, 195.65298093137142});
  // R: fisher.test(matrix(c(2,3,1,2),2))$p.value -> 0.99999999999999989
  EXPECT_TRUE(near_rel(row(rows, "B").fisher.p_value, 0.99999999999999989, kTightTol));
  // The best-response test does not depend on the endpoint: P10 (NE) and P11 (PD) are in it.
  EXPECT_EQ(row(rows, "A").bor_categories, "CR,PR,SD,PD,NE");
}

// ---------------------------------------------------------------------------------------------------------------
// Statistics against R

TEST(TestAssociations, FisherAndBestResponseTestsAgainstR) {
  auto rows = test_associations(cohort_matrix(), cohort_clinical(), quiet());
  struct Want {
    const char* feature;
    double p;
    OddsRatio precise, fisher_test;
    double p_bor;
  };
  // R: r <- fisher.test(matrix(c(a, c, b, d), 2)); r$p.value, r$estimate, r$conf.int; precise_ci(a, b, c, d)
  // p_bor R: fisher.test(matrix(c(<altered CR,PR,SD,PD,NE>, <wild-type ...>), nrow=2, byrow=TRUE) without empty
  //          columns)$p.value
  const Want want[] = {
      // A: fisher.test(matrix(c(3,2,3,4),2)); bor matrix(c(1,2,2,1,0, 1,1,1,2,1),2,byrow=TRUE)
      {"A", 1, {1.8857496733067991, 0.12045622262271583, 37.86689176956309},
       {1.8857756234773955, 0.1204826807240191, 37.9067488418004}, 0.99999999999999989},
      // B: fisher.test(matrix(c(1,2,2,5),2)); bor matrix(c(1,0,1,1,0, 1,1,2,2,1),2,byrow=TRUE)
      {"B", 1.0000000000000002, {1.2218581595782922, 0.014177964118409018, 40.499549785969457},
       {1.2218348221513142, 0.014186770485275505, 40.498104175770955}, 0.99999999999999878},
      // C: fisher.test(matrix(c(2,1,1,5),2)); bor matrix(c(2,0,1, 1,3,2),2,byrow=TRUE) (PR, SD, PD)
      {"C", 0.22619047619047619, {7.1149134830832992, 0.20250928105842303, 704.49272578037153},
       {7.1148937749409624, 0.20250903212026816, 698.99044689607581}, 0.67857142857142771},
      // E: fisher.test(matrix(c(5,0,0,7),2)); bor matrix(c(2,3,0,0,0, 0,0,3,3,1),2,byrow=TRUE)
      {"E", 0.0012626262626262636, {kInf, 3.3880311972408466, kInf}, {kInf, 3.387737844670657, kInf},
       0.0037878787878787771},
      // PW: fisher.test(matrix(c(3,1,4,3),2)); bor matrix(c(1,2,2,2,0, 1,0,1,1,1),2,byrow=TRUE)
      {"PW", 1, {2.0937374427651596, 0.095046724439488459, 156.8961273000568},
       {2.0937512723024354, 0.095041301552788462, 156.69501288787242}, 0.89090909090909176},
  };
  for (const auto& w : want) {
    SCOPED_TRACE(w.feature);
    const Association& a = row(rows, w.feature);
    EXPECT_TRUE(near_rel(a.fisher.p_value, w.p, kTightTol));
    expect_odds_ratio(a.fisher, w.precise, w.fisher_test);
    EXPECT_TRUE(near_rel(a.p_value_bor, w.p_bor, 1e-7));
    EXPECT_FALSE(a.fisher.degenerate);
  }
  // D: nobody altered, a zero margin. R gives p 1 and CI [0, Inf]; the odds ratio is NA by design (stats.h), and
  // there is no best-response table with an empty row.
  const Association& d = row(rows, "D");
  EXPECT_TRUE(d.fisher.degenerate);
  EXPECT_TRUE(near_rel(d.fisher.p_value, 1, kTightTol));
  EXPECT_TRUE(std::isnan(d.fisher.odds_ratio));
  EXPECT_TRUE(std::isnan(d.p_value_bor));
}

TEST(TestAssociations, BenjaminiHochbergOverTestedRows) {
  auto rows = test_associations(cohort_matrix(), cohort_clinical(), quiet());
  // D has no altered patient: not tested, q NA; the others form the exploratory family.
  // R: p <- c(A=1, B=1.0000000000000002, C=0.22619047619047619, E=0.0012626262626262636, PW=1)
  //    p.adjust(p, "BH") -> 1 1 0.56547619047619047 0.0063131313131313182 1
  const double want[] = {1, 1, 0.56547619047619047, kNaN, 0.0063131313131313182, 1};
  ASSERT_EQ(rows.size(), 6u);
  for (size_t i = 0; i < 6; ++i) {
    if (std::isnan(want[i])) {
      EXPECT_TRUE(std::isnan(rows[i].q_value)) << rows[i].feature;
    } else {
      EXPECT_TRUE(near_rel(rows[i].q_value, want[i], kTightTol)) << rows[i].feature;
    }
    EXPECT_EQ(rows[i].family, "exploratory");
  }
  EXPECT_FALSE(row(rows, "D").tested);
  EXPECT_EQ(row(rows, "D").not_tested_reason, "no_altered");
  EXPECT_TRUE(near_rel(row(rows, "D").fisher.p_value, 1, kTightTol));  // p_value stays R's fisher.test value
  EXPECT_TRUE(row(rows, "A").tested);
  EXPECT_TRUE(row(rows, "A").not_tested_reason.empty());
}

TEST(TestAssociations, MinAlteredLeavesRareFeaturesUntested) {
  TestOptions o = quiet();
  o.min_altered = 6;  // A and PW have 6 and 7 altered patients with a best response; B, C and E fewer
  auto rows = test_associations(cohort_matrix(), cohort_clinical(), o);
  EXPECT_EQ(row(rows, "C").not_tested_reason, "few_altered");
  EXPECT_TRUE(std::isnan(row(rows, "C").q_value));
  EXPECT_TRUE(std::isnan(row(rows, "C").min_detectable_or));
  EXPECT_EQ(row(rows, "D").not_tested_reason, "no_altered");
  EXPECT_TRUE(row(rows, "A").tested);
  EXPECT_TRUE(row(rows, "PW").tested);
}

TEST(TestAssociations, PlanFamiliesAreAdjustedSeparately) {
  TestOptions o = quiet();
  o.plan.path = "plan.tsv";
  o.plan.entries = {{"C", "primary", 2}, {"E", "primary", 3}};
  auto rows = test_associations(cohort_matrix(), cohort_clinical(), o);
  // R: p.adjust(c(C=0.22619047619047619, E=0.0012626262626262636), "holm") -> 0.22619047619047619 0.0025252525252525272
  EXPECT_TRUE(near_rel(row(rows, "C").q_value, 0.22619047619047619, kTightTol));
  EXPECT_TRUE(near_rel(row(rows, "E").q_value, 0.0025252525252525272, kTightTol));
  EXPECT_EQ(row(rows, "E").family, "primary");
  // R: p.adjust(c(A=1, B=1.0000000000000002, PW=1), "BH") -> 1 1 1
  EXPECT_EQ(row(rows, "A").family, "exploratory");
  EXPECT_TRUE(near_rel(row(rows, "A").q_value, 1, kTightTol));
  // A planned feature that the matrix lacks is an input error naming the plan and its line.
  o.plan.entries.push_back({"KRAS", "primary", 4});
  try {
    test_associations(cohort_matrix(), cohort_clinical(), o);
    FAIL() << "no error for a planned feature missing from the matrix";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("plan.tsv:4"), std::string::npos) << e.what();
  }
}

TEST(TestAssociations, NotEvaluableExcludedInSensitivityAnalysis) {
  TestOptions o = quiet();
  const Association with_ne = row(test_associations(cohort_matrix(), cohort_clinical(), o), "A");
  o.ne = NotEvaluablePolicy::Exclude;
  const Association without_ne = row(test_associations(cohort_matrix(), cohort_clinical(), o), "A");
  // P10 (NE) is wild type for A: a non-responder by default, left out with --ne exclude.
  EXPECT_EQ(without_ne.wildtype_nonresponders, with_ne.wildtype_nonresponders - 1);
  EXPECT_EQ(without_ne.altered_nonresponders, with_ne.altered_nonresponders);
  EXPECT_EQ(without_ne.bor_categories.find("NE"), std::string::npos);
  auto s = summarize_response(cohort_matrix(), cohort_clinical(), o);
  auto s_ne = summarize_response(cohort_matrix(), cohort_clinical(), quiet());
  EXPECT_EQ(s[0].n, s_ne[0].n - 1);
}

TEST(TestAssociations, AlternativesAndConfidenceLevel) {
  TestOptions o = quiet();
  o.alternative = Alternative::Greater;
  // R: fisher.test(matrix(c(3,2,3,4),2), alternative="greater") -> p 0.5, CI 0.17153027728543122 Inf
  //    precise_ci(3,3,2,4, alternative="greater") -> CI 0.17153050767653755 Inf
  const Fisher2x2 g = row(test_associations(cohort_matrix(), cohort_clinical(), o), "A").fisher;
  EXPECT_TRUE(near_rel(g.p_value, 0.5, kTightTol));
  expect_odds_ratio(g, {1.8857496733067991, 0.17153050767653755, kInf},
                    {1.8857756234773955, 0.17153027728543122, kInf});
  o.alternative = Alternative::Less;
  // R: fisher.test(matrix(c(3,2,3,4),2), alternative="less") -> p 0.8787878787878789, CI 0 24.823153370881506
  //    precise_ci(3,3,2,4, alternative="less") -> CI 0 24.826146666215696
  const Fisher2x2 l = row(test_associations(cohort_matrix(), cohort_clinical(), o), "A").fisher;
  EXPECT_TRUE(near_rel(l.p_value, 0.8787878787878789, kTightTol));
  expect_odds_ratio(l, {1.8857496733067991, 0, 24.826146666215696}, {1.8857756234773955, 0, 24.823153370881506});
  o.alternative = Alternative::TwoSided;
  o.conf_level = 0.9;
  // R: fisher.test(matrix(c(3,2,3,4),2), conf.level=0.9)$conf.int -> 0.17153027728543105 24.823153370881517
  //    precise_ci(3,3,2,4, 0.9) -> 0.17153050767653741 24.826146666215752
  // R: binom.test(3, 6, conf.level=0.9)$conf.int -> 0.15316111797522317 0.84683888202477675
  const Association a = row(test_associations(cohort_matrix(), cohort_clinical(), o), "A");
  expect_odds_ratio(a.fisher, {1.8857496733067991, 0.17153050767653741, 24.826146666215752},
                    {1.8857756234773955, 0.17153027728543105, 24.823153370881517});
  EXPECT_TRUE(near_rel(a.rr_altered_ci.low, 0.15316111797522317, kTightTol));
  EXPECT_TRUE(near_rel(a.rr_altered_ci.high, 0.84683888202477675, kTightTol));
}

TEST(TestAssociations, ResponseRateIntervalsAgainstR) {
  auto rows = test_associations(cohort_matrix(), cohort_clinical(), quiet());
  const Association& a = row(rows, "A");
  // R: binom.test(3, 6)$conf.int -> 0.11811724875702526 0.88188275124297477
  EXPECT_TRUE(near_rel(a.rr_altered_ci.low, 0.11811724875702526, kTightTol));
  EXPECT_TRUE(near_rel(a.rr_altered_ci.high, 0.88188275124297477, kTightTol));
  // R: binom.test(2, 6)$conf.int -> 0.043271868292741711 0.77722190449648787
  EXPECT_TRUE(near_rel(a.rr_wildtype_ci.low, 0.043271868292741711, kTightTol));
  EXPECT_TRUE(near_rel(a.rr_wildtype_ci.high, 0.77722190449648787, kTightTol));
  const Association& e = row(rows, "E");
  // R: binom.test(5, 5)$conf.int -> 0.47817624989501861 1 ; binom.test(0, 7)$conf.int -> 0 0.40961639722500343
  EXPECT_TRUE(near_rel(e.rr_altered_ci.low, 0.47817624989501861, kTightTol));
  EXPECT_EQ(e.rr_altered_ci.high, 1);
  EXPECT_EQ(e.rr_wildtype_ci.low, 0);
  EXPECT_TRUE(near_rel(e.rr_wildtype_ci.high, 0.40961639722500343, kTightTol));
  // No altered patient: no interval.
  EXPECT_TRUE(std::isnan(row(rows, "D").rr_altered_ci.low));
}

TEST(TestAssociations, TrendTestAgainstEnumerationInR) {
  auto rows = test_associations(cohort_matrix(), cohort_clinical(), quiet());
  // Exact trend over CR > PR > SD > PD (scores 3,2,1,0; NE left out), by full enumeration of the altered row given
  // both margins in R (trend() in tests/data/unit/association_reference.R):
  //   trend <- function(alt, wt, s) { tot <- alt+wt; n <- sum(alt); N <- sum(tot); E <- n/N*sum(s*tot)
  //     g <- expand.grid(lapply(tot, function(t) 0:t)); g <- g[rowSums(g)==n,,drop=FALSE]
  //     pr <- apply(g, 1, function(x) prod(choose(tot, x)))/choose(N, n); T <- as.matrix(g) %*% s
  //     d <- abs(sum(s*alt)-E); sum(pr[abs(T-E) >= d - 1e-7*(d+max(abs(s)))]) }
  //   trend(c(2,3,0,0), c(0,0,3,3), c(3,2,1,0)) -> 0.0021645021645021645   (E)
  //   trend(c(1,2,2,1), c(1,1,1,2), c(3,2,1,0)) -> 0.79870129870129869     (A)
  EXPECT_TRUE(near_rel(row(rows, "E").p_value_trend, 0.0021645021645021645, kTightTol));
  EXPECT_TRUE(near_rel(row(rows, "A").p_value_trend, 0.79870129870129869, kTightTol));
}

TEST(TestAssociations, EveryFeatureGetsARowEvenWithoutUsablePatients) {
  Matrix m;
  m.features = {"PIK3CA", "PI3K_MTOR"};
  m.feature_types = {"gene", "pathway"};
  m.patients = {"P12", "P13"};  // empty response, no clinical record
  m.values = {{1, 1}, {0, 0}};
  auto rows = test_associations(m, cohort_clinical(), quiet());
  ASSERT_EQ(rows.size(), 2u);
  expect_counts(rows[0], 0, 0, 0, 0);
  EXPECT_TRUE(near_rel(rows[0].fisher.p_value, 1, kTightTol));
  EXPECT_TRUE(std::isnan(rows[0].p_value_bor));
  EXPECT_EQ(rows[0].bor_categories, "");
}

// ---------------------------------------------------------------------------------------------------------------
// Options and output

TEST(TestAssociations, ParseResponders) {
  EXPECT_EQ(parse_responders("CR,PR"), (std::set<BestResponse>{BestResponse::CR, BestResponse::PR}));
  EXPECT_EQ(parse_responders("cr,Partial Response,SD"),
            (std::set<BestResponse>{BestResponse::CR, BestResponse::PR, BestResponse::SD}));
  EXPECT_THROW(parse_responders("CR,maybe"), UsageError);
  EXPECT_THROW(parse_responders(""), UsageError);
  EXPECT_THROW(parse_responders("NA"), UsageError);  // a missing-value word is no category
}

TEST(TestAssociations, AssociationsTsv) {
  auto rows = test_associations(cohort_matrix(), cohort_clinical(), quiet());
  std::ostringstream os;
  write_associations(os, rows, {"pathcorr test"});
  std::istringstream is(os.str());
  std::vector<std::string> lines;
  for (std::string l; std::getline(is, l);) lines.push_back(l);
  ASSERT_EQ(lines.size(), 2u + 6u);
  EXPECT_EQ(lines[0], "#pathcorr test");
  std::string header;
  for (const auto& c : association_columns()) header += (header.empty() ? "" : "\t") + c;
  EXPECT_EQ(lines[1], header);
  EXPECT_EQ(lines[1].rfind("feature\tfeature_type\tn_altered\tn_wildtype\taltered_responders\taltered_nonresponders\t"
                           "wildtype_responders\twildtype_nonresponders\tresponse_rate_altered\t"
                           "response_rate_wildtype\todds_ratio\tci_low\tci_high\tp_value\tq_value\tp_value_bor",
                           0),
            0u);
  // E: odds ratio Inf written as such; D: undefined odds ratio and rate written NA.
  EXPECT_EQ(lines[6].rfind("E\tgene\t5\t7\t5\t0\t0\t7\t1\t0\tInf\t", 0), 0u) << lines[6];
  EXPECT_EQ(lines[5].rfind("D\tgene\t0\t12\t0\t0\t5\t7\tNA\t", 0), 0u) << lines[5];
  EXPECT_NE(lines[5].find("\tNA\t0\tInf\t1\t"), std::string::npos) << lines[5];  // OR NA, CI [0, Inf], p 1
}

// ---------------------------------------------------------------------------------------------------------------
// Response summary

TEST(SummarizeResponse, AllClinicalAndSequencedAgainstR) {
  auto s = summarize_response(cohort_matrix(), cohort_clinical(), quiet());
  ASSERT_EQ(s.size(), 2u);
  const ResponseSummary& all = s[0];
  const ResponseSummary& seq = s[1];
  EXPECT_EQ(all.population, "all_clinical");
  EXPECT_EQ(seq.population, "sequenced");
  // All 15 clinical records, P12 (empty response) aside: 14; CR/PR 6; CR/PR/SD 9; 12 with best_pct_change, 8 < 0.
  EXPECT_EQ(all.n, 14);
  EXPECT_EQ(all.responders, 6);
  EXPECT_EQ(all.disease_control, 9);
  EXPECT_EQ(all.n_pct_change, 12);
  EXPECT_EQ(all.regressed, 8);
  // Matrix patients with a record (P13 has none; P15, P16 are not sequenced): 12 with a response, 5 CR/PR,
  // 8 CR/PR/SD, 10 with best_pct_change, 7 < 0.
  EXPECT_EQ(seq.n, 12);
  EXPECT_EQ(seq.responders, 5);
  EXPECT_EQ(seq.disease_control, 8);
  EXPECT_EQ(seq.n_pct_change, 10);
  EXPECT_EQ(seq.regressed, 7);
  struct Ci {
    Interval got;
    double low, high;
    const char* r_call;
  };
  const Ci cis[] = {
      {all.orr_ci, 0.17661108998211789, 0.71139059996169252, "binom.test(6, 14)"},
      {all.dcr_ci, 0.35138011061599156, 0.87240157014084063, "binom.test(9, 14)"},
      {all.regression_ci, 0.3488755064188141, 0.90075390885041673, "binom.test(8, 12)"},
      {seq.orr_ci, 0.1516522298084301, 0.72333031431789419, "binom.test(5, 12)"},
      {seq.dcr_ci, 0.3488755064188141, 0.90075390885041673, "binom.test(8, 12)"},
      {seq.regression_ci, 0.34754714994000269, 0.93326048882226553, "binom.test(7, 10)"},
  };
  for (const auto& c : cis) {
    EXPECT_TRUE(near_rel(c.got.low, c.low, kTightTol)) << c.r_call;
    EXPECT_TRUE(near_rel(c.got.high, c.high, kTightTol)) << c.r_call;
  }
}

TEST(SummarizeResponse, CustomRespondersAndConfidenceLevel) {
  TestOptions o = quiet();
  o.responders = {BestResponse::CR};
  o.conf_level = 0.9;
  auto s = summarize_response(cohort_matrix(), cohort_clinical(), o);
  EXPECT_EQ(s[0].responders, 2);  // P01, P14
  EXPECT_EQ(s[0].disease_control, 9);  // disease control does not follow --responders
  // R: binom.test(6, 14, conf.level=0.9)$conf.int -> 0.20607333590591284 0.67497151839622482 (ORR 6/14 of the
  // default responders)
  o.responders = {BestResponse::CR, BestResponse::PR};
  s = summarize_response(cohort_matrix(), cohort_clinical(), o);
  EXPECT_TRUE(near_rel(s[0].orr_ci.low, 0.20607333590591284, kTightTol));
  EXPECT_TRUE(near_rel(s[0].orr_ci.high, 0.67497151839622482, kTightTol));
}

}  // namespace
}  // namespace pathcorr

namespace pathcorr {
namespace {

// 40 features on 60 patients with no NA share one best-response margin, so test_associations takes the shared
// Freeman-Halton and trend nulls (decided before the threads start); every p_value_bor and p_value_trend equals
// the per-table functions' (fisher_exact_rxc, exact_trend_2xk) on the feature's own table, with 1 or 3 threads.
TEST(Associations, SharedNullsGiveThePerTableValues) {
  const BestResponse kinds[] = {BestResponse::CR, BestResponse::PR, BestResponse::SD, BestResponse::PD,
                                BestResponse::NE};
  Matrix m;
  ClinicalTable clinical;
  clinical.path = "clinical.tsv";
  unsigned state = 7;
  auto next = [&state](unsigned bound) {
    state = state * 1103515245u + 12345u;
    return (state >> 8) % bound;
  };
  for (int i = 0; i < 60; ++i) {
    const std::string id = "P" + std::to_string(100 + i);
    m.patients.push_back(id);
    ClinicalRecord c;
    c.patient_id = id;
    c.best_response = kinds[i % 5 == 4 && i % 3 == 0 ? 4 : i % 4];
    c.response_text = to_string(c.best_response);
    c.best_pct_change = -10.0 + i;
    clinical.records.push_back(c);
  }
  clinical.reindex();
  for (int f = 0; f < 40; ++f) {
    m.features.push_back("G" + std::to_string(f));
    m.feature_types.push_back("gene");
  }
  m.values.assign(60, std::vector<MatrixValue>(40, 0));
  for (int i = 0; i < 60; ++i)
    for (int f = 0; f < 40; ++f) m.values[i][f] = next(100) < static_cast<unsigned>(5 + 2 * f) ? 1 : 0;
  for (int threads : {1, 3}) {
    TestOptions opt;
    opt.threads = threads;
    const auto rows = test_associations(m, clinical, opt);
    int compared = 0;
    for (size_t f = 0; f < rows.size(); ++f) {
      std::vector<std::vector<long>> table(2, std::vector<long>(5, 0));
      for (int i = 0; i < 60; ++i) {
        const int k = static_cast<int>(clinical.find(m.patients[i])->best_response);
        ++table[m.values[i][f] == 1 ? 0 : 1][k];
      }
      if (table[0][0] + table[0][1] + table[0][2] + table[0][3] + table[0][4] == 0) continue;
      EXPECT_NEAR(rows[f].p_value_bor, fisher_exact_rxc(table), 1e-11 * fisher_exact_rxc(table)) << f;
      std::vector<long> alt(table[0].begin(), table[0].begin() + 4), wt(table[1].begin(), table[1].begin() + 4);
      const double trend = exact_trend_2xk(alt, wt, {3, 2, 1, 0});
      EXPECT_NEAR(rows[f].p_value_trend, trend, 1e-11 * trend) << f;
      ++compared;
    }
    EXPECT_GE(compared, 39);
  }
}

}  // namespace
}  // namespace pathcorr
