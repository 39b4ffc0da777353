// The report's SVG writer (see svg.h).
#include "pipeline/report/svg.h"

#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <algorithm>

#include "pipeline/base/errors.h"

namespace pathcorr {

std::string xml_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n') break;
        out += c;
    }
  }
  return out;
}

std::string svg_number(double x) {
  if (!std::isfinite(x)) throw std::logic_error("svg_number: not a finite coordinate");
  long long hundredths = std::llround(x * 100.0);
  if (hundredths == 0) return "0";
  std::string sign = hundredths < 0 ? "-" : "";
  unsigned long long a = static_cast<unsigned long long>(hundredths < 0 ? -hundredths : hundredths);
  std::string out = sign + std::to_string(a / 100);
  unsigned long long frac = a % 100;
  if (frac != 0) {
    char buf[4];
    std::snprintf(buf, sizeof buf, "%02llu", frac);
    std::string f = buf;
    if (f.back() == '0') f.pop_back();
    out += "." + f;
  }
  return out;
}

std::string display_number(double x) {
  if (std::isnan(x)) return "NA";
  if (std::isinf(x)) return x > 0 ? "Inf" : "-Inf";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", x);
  std::string s = buf;
  return s == "-0" ? "0" : s;
}

Svg::Svg(double width, double height, double physical_width_mm, std::string id)
    : width_(width), height_(height), physical_width_mm_(physical_width_mm), id_(std::move(id)) {}

namespace {

std::string attribute_text(const SvgAttributes& attributes) {
  std::string out;
  for (const auto& [k, v] : attributes) out += " " + k + "=\"" + xml_escape(v) + "\"";
  return out;
}

}  // namespace

void Svg::element(const std::string& name, const SvgAttributes& attributes, std::string_view text,
                  std::string_view title) {
  body_ += "<" + name + attribute_text(attributes);
  if (text.empty() && title.empty()) {
    body_ += "/>\n";
    return;
  }
  body_ += ">";
  if (!title.empty()) body_ += "<title>" + xml_escape(title) + "</title>";
  body_ += xml_escape(text) + "</" + name + ">\n";
}

void Svg::open_group(const SvgAttributes& attributes, std::string_view title) {
  body_ += "<g" + attribute_text(attributes) + ">";
  if (!title.empty()) body_ += "<title>" + xml_escape(title) + "</title>";
  body_ += "\n";
  ++depth_;
}

void Svg::close_group() {
  if (depth_ == 0) throw std::logic_error("Svg::close_group without open_group");
  body_ += "</g>\n";
  --depth_;
}

void Svg::raw_defs(const std::string& defs) { defs_ += defs; }

void Svg::rect(double x, double y, double w, double h, const std::string& fill, SvgAttributes extra,
               std::string_view title) {
  SvgAttributes a = {{"x", svg_number(x)}, {"y", svg_number(y)}, {"width", svg_number(std::max(0.0, w))},
                     {"height", svg_number(std::max(0.0, h))}, {"fill", fill}};
  a.insert(a.end(), extra.begin(), extra.end());
  element("rect", a, {}, title);
}

void Svg::line(double x1, double y1, double x2, double y2, const std::string& stroke, double stroke_width,
               SvgAttributes extra) {
  SvgAttributes a = {{"x1", svg_number(x1)}, {"y1", svg_number(y1)}, {"x2", svg_number(x2)},
                     {"y2", svg_number(y2)}, {"stroke", stroke}, {"stroke-width", svg_number(stroke_width)}};
  a.insert(a.end(), extra.begin(), extra.end());
  element("line", a);
}

void Svg::text(double x, double y, std::string_view s, double size, const std::string& anchor, SvgAttributes extra) {
  SvgAttributes a = {{"x", svg_number(x)}, {"y", svg_number(y)}, {"font-size", svg_number(size)}};
  if (anchor != "start") a.push_back({"text-anchor", anchor});
  a.insert(a.end(), extra.begin(), extra.end());
  body_ += "<text" + attribute_text(a) + ">" + xml_escape(s) + "</text>\n";
}

void Svg::path(const std::string& d, const std::string& stroke, const std::string& fill, SvgAttributes extra,
               std::string_view title) {
  SvgAttributes a = {{"d", d}, {"stroke", stroke}, {"fill", fill}};
  a.insert(a.end(), extra.begin(), extra.end());
  element("path", a, {}, title);
}

std::string Svg::str(bool standalone) const {
  if (depth_ != 0) throw std::logic_error("Svg::str with an open group");
  std::string out;
  if (standalone) out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  const double height_mm = physical_width_mm_ * height_ / width_;
  out += "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"" + xml_escape(id_) + "\" width=\"" +
         svg_number(physical_width_mm_) + "mm\" height=\"" + svg_number(height_mm) + "mm\" viewBox=\"0 0 " +
         svg_number(width_) + " " + svg_number(height_) +
         "\" font-family=\"Helvetica, Arial, 'Liberation Sans', sans-serif\">\n";
  if (!defs_.empty()) out += "<defs>" + defs_ + "</defs>\n";
  out += body_;
  out += "</svg>\n";
  return out;
}

}  // namespace pathcorr
