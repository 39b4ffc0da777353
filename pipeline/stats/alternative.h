// The alternative hypothesis of the exact tests and the interval type they return (SPEC "associations.tsv",
// --alternative). Shared by every test in pipeline/stats.
#pragma once
#include <string>

namespace pathcorr {

enum class Alternative { TwoSided, Less, Greater };

std::string to_string(Alternative alternative);  // "two-sided", "less", "greater"

struct Interval {
  double low, high;
};

}  // namespace pathcorr
