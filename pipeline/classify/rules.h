// Alteration rules for `--policy oncogenic`: per gene role and per gene, which alteration classes count.
// The built-in rules are reference/oncogenic_rules.tsv (compiled in); `--rules FILE` replaces them.
#pragma once
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "reference/reference.h"

namespace pathcorr {

struct TextTable;

class AlterationRules {
 public:
  static AlterationRules builtin();
  static AlterationRules read(const std::string& path);
  static AlterationRules parse(std::string_view text, const std::string& source);
  // Empty string when the call counts; otherwise the reason it does not.
  std::string exclusion_reason(const std::string& gene, GeneRole role, const std::string& alteration_class) const;
  const std::string& version() const { return version_; }

 private:
  static AlterationRules from_table(const TextTable& table);
  std::map<std::string, std::set<std::string>> by_role_, by_gene_;
  std::string version_;
};

}  // namespace pathcorr
