// The testing plan (plan.h): reading and checking the plan file.
#include "pipeline/analysis/plan.h"

#include <map>
#include <set>

#include "pipeline/base/errors.h"
#include "pipeline/base/sha256.h"
#include "pipeline/io/table_io.h"

namespace pathcorr {

std::string Plan::family_of(const std::string& feature) const {
  for (const PlanEntry& e : entries)
    if (e.feature == feature) return e.family;
  return kExploratoryFamily;
}

Plan read_plan(const std::string& path) {
  Plan plan;
  plan.path = path;
  const TextTable table = read_table(path, Delimiter::Tab);
  const int feature_col = table.require_column("feature"), family_col = table.require_column("family");
  std::map<std::string, long> seen;
  for (size_t r = 0; r < table.rows.size(); ++r) {
    PlanEntry e;
    e.feature = table.rows[r][static_cast<size_t>(feature_col)];
    e.family = table.rows[r][static_cast<size_t>(family_col)];
    e.line = table.line_numbers[r];
    const std::string where = path + ":" + std::to_string(e.line) + ": ";
    if (e.feature.empty() || e.family.empty())
      throw InputError(where + "empty feature or family; give both (e.g. PIK3CA<TAB>primary)");
    auto [it, inserted] = seen.emplace(e.feature, e.line);
    if (!inserted) {
      throw InputError(where + "feature '" + e.feature + "' is already planned on line " +
                       std::to_string(it->second) + "; list each feature once");
    }
    plan.entries.push_back(e);
  }
  plan.sha256 = sha256_file_hex(path);
  return plan;
}

void check_plan_features(const Plan& plan, const std::vector<std::string>& features,
                         const std::string& matrix_path) {
  const std::set<std::string> known(features.begin(), features.end());
  for (const PlanEntry& e : plan.entries) {
    if (!known.count(e.feature)) {
      throw InputError(plan.path + ":" + std::to_string(e.line) + ": planned feature '" + e.feature +
                       "' is not a feature of " + (matrix_path.empty() ? std::string("the matrix") : matrix_path) +
                       "; fix the plan or the gene set");
    }
  }
}

}  // namespace pathcorr
