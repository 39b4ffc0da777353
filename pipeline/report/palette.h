// The report's colours and the glyph of each alteration class: Okabe & Ito's palette (safe for the common colour
// vision deficiencies), used the same way in every figure so a colour means one thing throughout the report.
#pragma once
#include <string>

namespace pathcorr {
namespace palette {

inline const std::string kBlack = "#000000";
inline const std::string kOrange = "#E69F00";
inline const std::string kSkyBlue = "#56B4E9";
inline const std::string kBluishGreen = "#009E73";
inline const std::string kYellow = "#F0E442";
inline const std::string kBlue = "#0072B2";
inline const std::string kVermillion = "#D55E00";
inline const std::string kReddishPurple = "#CC79A7";
inline const std::string kGrey = "#999999";
inline const std::string kDarkGrey = "#555555";
inline const std::string kWildType = "#EEEEEE";  // a tested cell with nothing counted
inline const std::string kAxis = "#333333";

// Pathway status (waterfall bars, KM curves, the oncoprint's pathway row).
inline const std::string kAltered = kOrange;
inline const std::string kNotAltered = kSkyBlue;
inline const std::string kNotEvaluable = kGrey;

// Alteration classes in the oncoprint (cBioPortal's conventions where they do not clash with the above): copy
// number fills the cell, structural a wide band, small variants a narrow bar, a hotspot adds a white dot.
inline const std::string kAmplification = kVermillion;
inline const std::string kDeepDeletion = kBlue;
inline const std::string kStructural = kReddishPurple;
inline const std::string kMissense = kBluishGreen;
inline const std::string kTruncating = kBlack;
inline const std::string kInframe = "#8C510A";  // brown, as cBioPortal's in-frame
inline const std::string kSplice = kYellow;
inline const std::string kOtherVariant = kDarkGrey;

// Best overall response: an ordinal grey scale (no colour clash with the alteration classes).
inline const std::string kCR = "#000000";
inline const std::string kPR = "#555555";
inline const std::string kSD = "#AAAAAA";
inline const std::string kPD = "#FFFFFF";  // drawn with an outline
inline const std::string kNE = "#FFFFFF";  // drawn hatched

}  // namespace palette
}  // namespace pathcorr
