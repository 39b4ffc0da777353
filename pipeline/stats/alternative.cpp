// Naming of the alternative hypothesis (alternative.h); the option is parsed in app/choices.cpp.
#include "pipeline/stats/alternative.h"

#include "pipeline/base/errors.h"

namespace pathcorr {

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
