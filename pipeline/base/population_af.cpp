// Which field names hold a population allele frequency (see population_af.h).
#include "pipeline/base/population_af.h"

#include <string>

#include "pipeline/base/text.h"

namespace pathcorr {

namespace {

constexpr std::string_view kResources[] = {"gnomad", "exac", "1000g", "esp6500", "topmed"};

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

bool has_af_token(std::string_view l) {
  size_t start = 0;
  for (size_t i = 0; i <= l.size(); ++i) {
    if (i < l.size() && l[i] != '_' && l[i] != '.' && l[i] != '-') continue;
    const std::string_view token = l.substr(start, i - start);
    if (ends_with(token, "af") && !ends_with(token, "maf")) return true;
    start = i + 1;
  }
  return false;
}

}  // namespace

bool is_population_af_field(std::string_view name, AfNaming naming) {
  const std::string l = to_lower(name);
  if (starts_with(l, "t_") || starts_with(l, "n_") || l == "maf" || l.find("filter") != std::string::npos)
    return false;
  bool resource = false, resource_first = false;
  for (std::string_view r : kResources) {
    resource = resource || l.find(r) != std::string::npos;
    resource_first = resource_first || starts_with(l, r);
  }
  if (resource && has_af_token(l)) return true;
  switch (naming) {
    case AfNaming::InfoKey:
      return false;
    case AfNaming::Vep:
      return l == "af" || l == "max_af" || l == "gmaf" || ends_with(l, "_af") || ends_with(l, "_maf");
    case AfNaming::Annovar:
      return l == "af" || starts_with(l, "af_") || resource_first;
  }
  return false;
}

}  // namespace pathcorr
