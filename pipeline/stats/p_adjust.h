// p-value adjustment for multiple testing, exactly as R p.adjust. Pure.
#pragma once
#include <string>
#include <vector>

namespace pathcorr {

enum class AdjustMethod { BH, BY, Holm, Bonferroni, None };

std::string to_string(AdjustMethod method);  // "bh", "by", "holm", "bonferroni", "none"

// Exactly R p.adjust(p, method): NaN entries stay NaN and are not counted in n (R: n = number of non-NA).
std::vector<double> p_adjust(const std::vector<double>& p, AdjustMethod method);

}  // namespace pathcorr
