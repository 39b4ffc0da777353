// Alteration rules for --policy oncogenic (see rules.h).
#include "pipeline/classify/rules.h"

#include <sstream>

#include "pipeline/base/errors.h"
#include "pipeline/io/table_io.h"

namespace pathcorr {

AlterationRules AlterationRules::builtin() {
  return parse(builtin_reference_file("oncogenic_rules.tsv"), "built-in oncogenic_rules.tsv");
}

AlterationRules AlterationRules::read(const std::string& path) { return from_table(read_table(path, Delimiter::Tab)); }

AlterationRules AlterationRules::parse(std::string_view text, const std::string& source) {
  return from_table(parse_table(text, source, Delimiter::Tab));
}

AlterationRules AlterationRules::from_table(const TextTable& t) {
  AlterationRules r;
  const std::string& source = t.path;
  for (const auto& c : t.comments)
    if (c.rfind("pathcorr_alteration_rules_version=", 0) == 0) r.version_ = c.substr(34);
  const int scope = t.require_column("scope"), name = t.require_column("name"), counts = t.require_column("counts");
  static const std::set<std::string> kClasses = {"hotspot",       "truncating",       "missense",
                                                 "inframe",       "splice",           "amplification",
                                                 "gain",          "shallow_deletion", "deep_deletion",
                                                 "structural"};
  for (size_t i = 0; i < t.rows.size(); ++i) {
    const auto& row = t.rows[i];
    const std::string at = source + ":" + std::to_string(t.line_numbers[i]);
    std::set<std::string> classes;
    std::stringstream ss(row[counts]);
    std::string c;
    while (std::getline(ss, c, ',')) {
      if (!kClasses.count(c))
        throw InputError(at + ": '" + c + "' is not an alteration class (hotspot, truncating, missense, inframe, "
                         "splice, amplification, gain, shallow_deletion, deep_deletion, structural)");
      classes.insert(c);
    }
    if (row[scope] == "role") {
      if (row[name] != "OG" && row[name] != "TSG")
        throw InputError(at + ": role must be OG or TSG, not '" + row[name] + "'");
      r.by_role_[row[name]] = classes;
    } else if (row[scope] == "gene") {
      if (row[name].empty()) throw InputError(at + ": empty gene");
      r.by_gene_[row[name]] = classes;
    } else {
      throw InputError(at + ": scope must be role or gene, not '" + row[scope] + "'");
    }
  }
  if (r.version_.empty()) r.version_ = "unversioned (" + source + ")";
  return r;
}

std::string AlterationRules::exclusion_reason(const std::string& gene, GeneRole role,
                                              const std::string& alteration_class) const {
  auto g = by_gene_.find(gene);
  if (g != by_gene_.end()) return g->second.count(alteration_class) ? "" : "excluded_by_gene_rule";
  const char* key = role == GeneRole::Oncogene ? "OG" : role == GeneRole::TumorSuppressor ? "TSG" : nullptr;
  if (!key) return "unknown_gene_role";
  auto r = by_role_.find(key);
  if (r == by_role_.end() || r->second.count(alteration_class)) return "";
  const bool copy_number = alteration_class == "amplification" || alteration_class == "gain" ||
                           alteration_class == "shallow_deletion" || alteration_class == "deep_deletion" ||
                           alteration_class == "structural";
  if (copy_number) return role == GeneRole::Oncogene ? "loss_in_oncogene" : "gain_in_tsg";
  return role == GeneRole::Oncogene ? "not_hotspot_in_oncogene" : "not_truncating_in_tsg";
}

}  // namespace pathcorr
