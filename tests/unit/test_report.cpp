// The report's SVG writer (escaping, numbers, elements), its layouts (oncoprint order, axis ticks) and the
// figures' structure on a small hand-built cohort.
#include <gtest/gtest.h>

#include "pipeline/report/figures.h"
#include "pipeline/report/svg.h"

namespace pathcorr {
namespace {

TEST(ReportSvg, EscapesTextAndAttributes) {
  EXPECT_EQ(xml_escape("a<b & \"c\" 'd'>"), "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;");
  EXPECT_EQ(xml_escape(std::string("x\x01y\tz\n", 6)), "xy\tz\n");  // control characters other than tab/LF dropped
  Svg svg(100, 50, 89, "fig<1>");
  svg.rect(1, 2, 3, 4, "#FFFFFF", {{"data-patient", "P&1"}}, "P&1: <altered>");
  svg.text(5, 6, "p < 0.05 & q", 10, "end");
  const std::string s = svg.str(true);
  EXPECT_NE(s.find("id=\"fig&lt;1&gt;\""), std::string::npos);
  EXPECT_NE(s.find("data-patient=\"P&amp;1\""), std::string::npos);
  EXPECT_NE(s.find("<title>P&amp;1: &lt;altered&gt;</title>"), std::string::npos);
  EXPECT_NE(s.find(">p &lt; 0.05 &amp; q</text>"), std::string::npos);
  EXPECT_EQ(s.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg ", 0), 0u);
  EXPECT_EQ(svg.str(false).rfind("<svg ", 0), 0u);
}

TEST(ReportSvg, PhysicalSizeFollowsTheViewBox) {
  Svg svg(680, 340, 183, "f");
  const std::string s = svg.str(false);
  EXPECT_NE(s.find("width=\"183mm\" height=\"91.5mm\" viewBox=\"0 0 680 340\""), std::string::npos);
}

TEST(ReportSvg, NumbersHaveAtMostTwoDecimals) {
  EXPECT_EQ(svg_number(12.5), "12.5");
  EXPECT_EQ(svg_number(3), "3");
  EXPECT_EQ(svg_number(-0.001), "0");
  EXPECT_EQ(svg_number(-0.25), "-0.25");
  EXPECT_EQ(svg_number(1.0 / 3.0), "0.33");
  EXPECT_EQ(svg_number(2.999), "3");
  EXPECT_EQ(svg_number(-7.05), "-7.05");
  EXPECT_THROW(svg_number(std::nan("")), std::logic_error);
}

TEST(ReportSvg, DisplayNumbersThreeDigits) {
  EXPECT_EQ(display_number(0.6730650154798762), "0.673");
  EXPECT_EQ(display_number(23.881176308933853), "23.9");
  EXPECT_EQ(display_number(1), "1");
  EXPECT_EQ(display_number(1e-5), "1e-05");
  EXPECT_EQ(display_number(std::numeric_limits<double>::infinity()), "Inf");
  EXPECT_EQ(display_number(std::nan("")), "NA");
}

TEST(ReportSvg, GroupsMustClose) {
  Svg svg(10, 10, 10, "g");
  svg.open_group({{"id", "a"}});
  EXPECT_THROW(svg.str(false), std::logic_error);
  svg.close_group();
  EXPECT_NO_THROW(svg.str(false));
  EXPECT_THROW(svg.close_group(), std::logic_error);
}

TEST(ReportLayout, NiceTicks) {
  EXPECT_EQ(nice_ticks(-100, 30, 8), (std::vector<double>{-100, -80, -60, -40, -20, 0, 20}));
  EXPECT_EQ(nice_ticks(0, 10.2, 7), (std::vector<double>{0, 2, 4, 6, 8, 10}));
  EXPECT_EQ(nice_ticks(0, 1, 5), (std::vector<double>{0, 0.25, 0.5, 0.75, 1}));
}

Matrix small_matrix() {
  Matrix m;
  m.features = {"AKT1", "PIK3CA", "PTEN", "PIK3CA:amp", "PI3K_MTOR"};
  m.feature_types = {"gene", "gene", "gene", "gene", "pathway"};
  m.patients = {"P1", "P2", "P3", "P4", "P5"};
  m.values = {{0, 0, 1, 0, 1},          // P1: PTEN
              {0, 1, 0, 1, 1},          // P2: PIK3CA
              {0, 0, 0, 0, 0},          // P3: none
              {0, 1, 1, 0, 1},          // P4: PIK3CA + PTEN
              {kMatrixNA, 0, kMatrixNA, kMatrixNA, kMatrixNA}};  // P5: not evaluable
  return m;
}

TEST(ReportLayout, OncoprintRowsAndMemoSort) {
  const OncoprintLayout l = oncoprint_layout(small_matrix());
  // The pathway first, then altered genes by frequency (ties by name); AKT1 (never altered) and the per-type
  // column PIK3CA:amp are not rows.
  EXPECT_EQ(l.rows, (std::vector<size_t>{4, 1, 2}));
  // Altered first by pathway, then PIK3CA, then PTEN; not altered before not evaluable.
  EXPECT_EQ(l.patients, (std::vector<size_t>{3, 1, 0, 2, 4}));
}

TEST(ReportLayout, EveryPatientIsAColumnAtAnyWidth) {
  Matrix m;
  m.features = {"G", "PATHWAY"};
  m.feature_types = {"gene", "pathway"};
  for (int i = 0; i < 500; ++i) {
    m.patients.push_back("P" + std::to_string(1000 + i));
    const MatrixValue v = i % 7 == 0 ? 1 : 0;
    m.values.push_back({v, v});
  }
  const OncoprintLayout l = oncoprint_layout(m);
  ASSERT_EQ(l.patients.size(), 500u);
  for (size_t j = 0; j < 72; ++j) EXPECT_EQ(m.values[l.patients[j]][0], 1);  // 72 altered (0, 7, ..., 497) first
  EXPECT_EQ(m.values[l.patients[72]][0], 0);
}

// The curve the Kaplan-Meier figure draws. Reference in base R (the survival package is not installed here):
//   t <- c(1.2, 2.5, 2.5, 3.0, 4.1, 4.1, 4.1, 5.5, 6.0, 7.2, 8.8, 10.0)
//   e <- c(1,   1,   0,   1,   1,   0,   1,   0,   1,   1,   0,   1)
//   ut <- sort(unique(t[e == 1])); n <- sapply(ut, function(x) sum(t >= x))
//   d <- sapply(ut, function(x) sum(t == x & e == 1)); sprintf("%.17g", cumprod(1 - d / n))
//   -> 0.91666666666666663 0.83333333333333326 0.7407407407407407 0.55555555555555547 0.41666666666666663
//      0.27777777777777779 0;  n = 12 11 9 8 4 3 1;  d = 1 1 1 2 1 1 1
TEST(ReportKaplanMeier, StepsAsProductLimit) {
  const std::vector<double> t = {1.2, 2.5, 2.5, 3.0, 4.1, 4.1, 4.1, 5.5, 6.0, 7.2, 8.8, 10.0};
  const std::vector<int> e = {1, 1, 0, 1, 1, 0, 1, 0, 1, 1, 0, 1};
  std::vector<SurvivalSample> s;
  for (size_t i = t.size(); i-- > 0;) s.push_back({t[i], e[i]});  // unsorted on purpose
  const std::vector<KmStep> steps = km_steps(s);
  const std::vector<double> time = {1.2, 2.5, 3.0, 4.1, 6.0, 7.2, 10.0};
  const std::vector<double> surv = {0.91666666666666663, 0.83333333333333326, 0.7407407407407407, 0.55555555555555547,
                                    0.41666666666666663, 0.27777777777777779, 0};
  const std::vector<long> n = {12, 11, 9, 8, 4, 3, 1}, d = {1, 1, 1, 2, 1, 1, 1};
  ASSERT_EQ(steps.size(), time.size());
  for (size_t k = 0; k < steps.size(); ++k) {
    EXPECT_EQ(steps[k].time, time[k]);
    EXPECT_NEAR(steps[k].survival, surv[k], 1e-15);
    EXPECT_EQ(steps[k].at_risk, n[k]);
    EXPECT_EQ(steps[k].events, d[k]);
  }
  // The curve drawn crosses 0.5 where stats' median (survival.tsv's number) is.
  EXPECT_EQ(kaplan_meier(s).median, 6.0);
}

}  // namespace
}  // namespace pathcorr
