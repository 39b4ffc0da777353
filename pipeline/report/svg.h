// A small SVG writer for the report's figures: XML escaping, coordinates written with at most two decimals (so the
// bytes do not depend on the platform's last-digit rounding of a double), elements with attributes and a <title>
// (the tooltip a browser shows, and what the tests read to find a patient or a feature in a figure). Pure: builds
// a string, writes nothing.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pathcorr {

// &, <, >, " and ' escaped; control characters other than tab and line feed dropped (not allowed in XML 1.0).
std::string xml_escape(std::string_view s);

// A coordinate or length: rounded to 0.01, trailing zeros dropped, "-0" written "0" ("12.5", "3", "-0.25").
std::string svg_number(double x);

// A number for a reader of the figure: three significant digits ("0.673", "23.9", "1e-05"), "Inf", "-Inf", "NA".
std::string display_number(double x);

using SvgAttributes = std::vector<std::pair<std::string, std::string>>;

class Svg {
 public:
  // width x height user units; the document is `physical_width_mm` wide (a journal column), height in proportion.
  // id: the figure's id, also the prefix of every id inside it (ids stay unique when figures share a page).
  Svg(double width, double height, double physical_width_mm, std::string id);

  const std::string& id() const { return id_; }
  double width() const { return width_; }
  double height() const { return height_; }
  void set_height(double height) { height_ = height; }  // when the layout knows it only at the end

  // <name attrs>[<title>title</title>]text</name>; text and title escaped, attribute values escaped.
  void element(const std::string& name, const SvgAttributes& attributes, std::string_view text = {},
               std::string_view title = {});
  void open_group(const SvgAttributes& attributes, std::string_view title = {});
  void close_group();
  void raw_defs(const std::string& defs);  // trusted markup (pattern definitions built from constants)

  void rect(double x, double y, double w, double h, const std::string& fill, SvgAttributes extra = {},
            std::string_view title = {});
  void line(double x1, double y1, double x2, double y2, const std::string& stroke, double stroke_width = 1,
            SvgAttributes extra = {});
  // anchor: start | middle | end.
  void text(double x, double y, std::string_view s, double size = 10, const std::string& anchor = "start",
            SvgAttributes extra = {});
  void path(const std::string& d, const std::string& stroke, const std::string& fill = "none",
            SvgAttributes extra = {}, std::string_view title = {});

  // The <svg> element (with xmlns, width in mm, viewBox); standalone adds the XML declaration.
  std::string str(bool standalone) const;

 private:
  double width_, height_, physical_width_mm_;
  std::string id_, defs_, body_;
  int depth_ = 0;
};

}  // namespace pathcorr
