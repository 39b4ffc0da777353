// Parsing and naming of the alternative hypothesis (alternative.h).
#include "pipeline/stats/alternative.h"

#include "pipeline/base/errors.h"

namespace pathcorr {

Alternative parse_alternative(const std::string& text) {
  if (text == "two-sided" || text == "two.sided") return Alternative::TwoSided;
  if (text == "less") return Alternative::Less;
  if (text == "greater") return Alternative::Greater;
  throw UsageError("unknown alternative '" + text + "': use two-sided, less or greater");
}

std::string to_string(Alternative alternative) {
  switch (alternative) {
    case Alternative::Less:
      return "less";
    case Alternative::Greater:
      return "greater";
    case Alternative::TwoSided:
    default:
      return "two-sided";
  }
}

}  // namespace pathcorr
