// The words of every enum-valued option (--policy, --endpoint, --alternative, --adjust, --build), parsed here and
// nowhere else. The help text of each option lists the words of the same table, so help and parsing cannot disagree.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "pipeline/analysis/association.h"
#include "pipeline/classify/scan.h"
#include "pipeline/stats/stats.h"
#include "pipeline/stats/survival.h"
#include "reference/reference.h"

namespace pathcorr {

template <class E>
struct ChoiceWord {
  ChoiceWord(std::string w, E v, bool show = true, std::string n = "")
      : word(std::move(w)), value(std::move(v)), shown(show), note(std::move(n)) {}
  std::string word;
  E value;
  bool shown;        // false: an accepted alias that the help does not list (R's "two.sided", "fdr")
  std::string note;  // shown in the help after the word, in parentheses
};

template <class E>
class Choices {
 public:
  Choices(std::string option, std::vector<ChoiceWord<E>> words, bool ignore_case = false)
      : option_(std::move(option)), words_(std::move(words)), ignore_case_(ignore_case) {}
  // The value of `text`; UsageError naming the option and its words otherwise.
  E parse(const std::string& text) const;
  // "a|b|c" or, when words carry notes, "a (note) | b (note)": the shown words, for the option's help.
  std::string help() const;

 private:
  std::string option_;
  std::vector<ChoiceWord<E>> words_;
  bool ignore_case_;
};

const Choices<Policy>& policy_choices();
const Choices<Endpoint>& endpoint_choices();
const Choices<Alternative>& alternative_choices();
const Choices<AdjustMethod>& adjust_choices();
const Choices<NotEvaluablePolicy>& ne_choices();
const Choices<KmConfType>& km_conf_type_choices();
// --annotation: auto, none or one of annotators' dialects (the reader takes the word itself).
const Choices<std::string>& annotation_choices();
// --build of scan/run: "auto" (nullopt: detect per file) or a build; the keywords of a build are reference's
// parse_build (GRCh37, hg19, b37, 37 ...), the one list of build keywords.
std::optional<Build> parse_build_choice(const std::string& option, const std::string& text, bool allow_auto);

}  // namespace pathcorr
