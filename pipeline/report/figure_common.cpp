// Helpers every figure shares (see figures.h): axis ticks and the not-evaluable hatching.
#include <cmath>

#include "pipeline/report/figures.h"
#include "pipeline/report/palette.h"

namespace pathcorr {

std::vector<double> nice_ticks(double lo, double hi, int max_ticks) {
  std::vector<double> out;
  if (!(hi > lo) || max_ticks < 2) return {lo};
  const double raw = (hi - lo) / (max_ticks - 1);
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  double step = 10 * mag;
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (m * mag >= raw) {
      step = m * mag;
      break;
    }
  const long first = static_cast<long>(std::ceil(lo / step - 1e-9)), last = static_cast<long>(std::floor(hi / step + 1e-9));
  for (long k = first; k <= last; ++k) out.push_back(k * step == 0 ? 0.0 : k * step);
  return out;
}

double label_width(size_t chars, double font_size) { return 0.6 * font_size * static_cast<double>(chars); }

std::string fit_label(const std::string& s, size_t max_chars) {
  if (s.size() <= max_chars || max_chars < 4) return s;
  return s.substr(0, max_chars - 3) + "...";
}

std::string join_within(const std::vector<std::string>& items, size_t max_chars) {
  std::string out;
  size_t i = 0;
  for (; i < items.size(); ++i) {
    const std::string next = (i ? ", " : "") + items[i];
    const size_t rest = i + 1 < items.size() ? 14 : 0;  // room for " and 9999 more"
    if (out.size() + next.size() + rest > max_chars) break;
    out += next;
  }
  if (i < items.size()) out += " and " + std::to_string(items.size() - i) + " more";
  return out;
}

std::string na_pattern(const std::string& figure_id) {
  return "<pattern id=\"" + figure_id +
         "-na\" patternUnits=\"userSpaceOnUse\" width=\"4\" height=\"4\" patternTransform=\"rotate(45)\">"
         "<rect width=\"4\" height=\"4\" fill=\"#FFFFFF\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"4\" stroke=\"" +
         palette::kGrey + "\" stroke-width=\"1.5\"/></pattern>";
}

}  // namespace pathcorr
