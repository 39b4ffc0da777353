// --plan FILE (issue 14 item 2): the pre-declared testing families. A TSV with the header `feature  family`, one
// planned feature per row; families are free names (`primary`, `secondary`, ...); a feature the plan does not list
// is `exploratory`. Multiple testing is adjusted within each family (association.cpp): `primary` with
// --adjust-primary (default holm), every other family with --adjust.
#pragma once
#include <string>
#include <vector>

namespace pathcorr {

struct PlanEntry {
  std::string feature, family;
  long line = 0;  // physical line in the plan file, for messages
};

struct Plan {
  std::string path;    // empty: no plan
  std::string sha256;  // of the file's bytes, for run.json
  std::vector<PlanEntry> entries;
  // The family of `feature`: its plan entry's, else "exploratory".
  std::string family_of(const std::string& feature) const;
};

inline const char* kExploratoryFamily = "exploratory";
inline const char* kPrimaryFamily = "primary";

// Reads and checks the plan: columns `feature` and `family` required, no empty value, no feature listed twice
// (InputError "path:line: ..." otherwise).
Plan read_plan(const std::string& path);

// Every planned feature must be a matrix feature: InputError naming the plan file and line otherwise.
void check_plan_features(const Plan& plan, const std::vector<std::string>& features, const std::string& matrix_path);

}  // namespace pathcorr
