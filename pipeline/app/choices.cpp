// The parse tables of the enum-valued options (see choices.h).
#include "pipeline/app/choices.h"

#include <cctype>

#include "annotators/annotation.h"
#include "pipeline/base/errors.h"

namespace pathcorr {

namespace {

bool same(const std::string& a, const std::string& b, bool ignore_case) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    const auto x = static_cast<unsigned char>(a[i]), y = static_cast<unsigned char>(b[i]);
    if (ignore_case ? std::tolower(x) != std::tolower(y) : x != y) return false;
  }
  return true;
}

}  // namespace

template <class E>
E Choices<E>::parse(const std::string& text) const {
  for (const auto& w : words_)
    if (same(w.word, text, ignore_case_)) return w.value;
  std::string list;
  for (const auto& w : words_)
    if (w.shown) list += (list.empty() ? "" : ", ") + w.word;
  throw UsageError(option_ + " must be one of " + list + ", not '" + text + "'");
}

template <class E>
std::string Choices<E>::help() const {
  bool notes = false;
  for (const auto& w : words_) notes = notes || !w.note.empty();
  std::string s;
  for (const auto& w : words_)
    if (w.shown)
      s += (s.empty() ? "" : notes ? " | " : "|") + w.word + (w.note.empty() ? "" : " (" + w.note + ")");
  return s;
}

const Choices<Policy>& policy_choices() {
  static const Choices<Policy> c("--policy", {{"default", Policy::Default}, {"oncogenic", Policy::Oncogenic}});
  return c;
}

// The words of endpoint, alternative and adjust are the to_string names their stages write into the outputs
// (one list of names), plus the aliases R users type.
namespace {

template <class E>
ChoiceWord<E> named(E value, std::string note = "") {
  return ChoiceWord<E>(to_string(value), value, true, std::move(note));
}

}  // namespace

const Choices<Endpoint>& endpoint_choices() {
  static const Choices<Endpoint> c("--endpoint", {named(Endpoint::ORR, "--responders"),
                                                  named(Endpoint::DCR, "CR,PR,SD"),
                                                  named(Endpoint::Regression, "best_pct_change < 0")});
  return c;
}

const Choices<Alternative>& alternative_choices() {
  static const Choices<Alternative> c("--alternative", {named(Alternative::TwoSided), named(Alternative::Less),
                                                        named(Alternative::Greater),
                                                        {"two.sided", Alternative::TwoSided, false}});
  return c;
}

const Choices<AdjustMethod>& adjust_choices() {
  static const Choices<AdjustMethod> c("--adjust",
                                       {named(AdjustMethod::BH), named(AdjustMethod::BY), named(AdjustMethod::Holm),
                                        named(AdjustMethod::Bonferroni), named(AdjustMethod::None),
                                        {"fdr", AdjustMethod::BH, false}},
                                       /*ignore_case=*/true);
  return c;
}

const Choices<NotEvaluablePolicy>& ne_choices() {
  static const Choices<NotEvaluablePolicy> c(
      "--ne", {named(NotEvaluablePolicy::NonResponder, "NE counts as non-response, as the paper"),
               named(NotEvaluablePolicy::Exclude, "sensitivity analysis")});
  return c;
}

const Choices<KmConfType>& km_conf_type_choices() {
  static const Choices<KmConfType> c("--km-conf-type",
                                     {named(KmConfType::Log), named(KmConfType::LogLog), named(KmConfType::Plain)});
  return c;
}

const Choices<std::string>& annotation_choices() {
  static const Choices<std::string> c = [] {
    std::vector<ChoiceWord<std::string>> words = {{"auto", "auto"}, {"none", "none"}};
    for (const auto& d : annotation_dialects()) words.push_back({d, d});
    return Choices<std::string>("--annotation", words);
  }();
  return c;
}

std::optional<Build> parse_build_choice(const std::string& option, const std::string& text, bool allow_auto) {
  if (allow_auto && (text.empty() || text == "auto")) return std::nullopt;
  if (auto b = parse_build(text)) return b;
  throw UsageError(option + " must be " + (allow_auto ? "auto, " : "") + "GRCh37 or GRCh38, not '" + text + "'");
}

template class Choices<Policy>;
template class Choices<Endpoint>;
template class Choices<Alternative>;
template class Choices<AdjustMethod>;
template class Choices<NotEvaluablePolicy>;
template class Choices<KmConfType>;
template class Choices<std::string>;

}  // namespace pathcorr
