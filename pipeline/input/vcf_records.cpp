// A VCF/BCF file as a stream of allele records (see vcf_records.h).
#include "pipeline/input/vcf_records.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <optional>

#include "annotators/transcript_model.h"
#include "pipeline/base/errors.h"
#include "pipeline/base/population_af.h"
#include "pipeline/io/table_io.h"

namespace pathcorr {

VcfRecordReader::VcfRecordReader(const InputSpec& in, const Reference& ref, const ReadOptions& opt)
    : ref_(ref), opt_(opt), vcf_(in.path) {
  summary_.patient_id = in.patient_id;
  summary_.file = in.path;
  tumor_ = vcf_.choose_tumor_sample(!in.tumor_sample.empty() ? in.tumor_sample : opt_.tumor_sample);
  summary_.tumor_sample = tumor_ >= 0 ? vcf_.samples()[tumor_] : "NA";
  build_ = vcf_.detect_build(opt_.build);
  summary_.build = to_string(build_);
  structural_ = std::make_unique<StructuralCollector>(vcf_.header(), tumor_, in.path);
  const std::string header_text = vcf_.header_text();  // htslib formats it anew on each call
  try {
    reader_ = make_annotation_reader(header_text, opt_.annotation);
  } catch (const UsageError&) {
    throw;
  } catch (const Error& e) {
    throw InputError(in.path + ": " + e.what());
  }
  summary_.annotation = reader_ ? reader_->dialect() : "none";
  for (const InfoHeader& h : parse_info_headers(header_text))
    if (is_population_af_field(h.id, AfNaming::InfoKey)) pop_tags_.emplace_back(h.id, h.number == "A");
  std::set<std::string> genes;
  for (const auto& g : ref_.feature_genes()) {
    genes.insert(g);
    needles_.insert(g);
    // Annotations built on Ensembl genes (ANNOVAR ensGene) name the gene by its ID.
    const Gene* x = ref_.gene(build_, g);
    if (x && !x->ensembl_gene_id.empty()) needles_.insert(x->ensembl_gene_id);
  }
  for (const std::string& n : needles_) {
    // A symbol holding '.' is looked up up to its '.', as a versioned ID is.
    std::string key = n.substr(0, n.find('.'));
    needle_first_[static_cast<unsigned char>(key.empty() ? '.' : key[0])] = true;
    needle_min_ = std::min(needle_min_, key.size());
    needle_max_ = std::max(needle_max_, key.size());
  }
  for (const std::string& n : std::set<std::string>(needles_)) needles_.insert(n.substr(0, n.find('.')));
  if (!opt_.fasta.empty()) {
    // Our own consequence calling for records the file does not annotate.
    auto models = opt_.gtf.empty() ? builtin_transcript_models(build_) : read_transcript_models(opt_.gtf);
    std::vector<TranscriptModel> wanted;
    for (auto& m : models)
      if (genes.count(m.gene)) wanted.push_back(std::move(m));
    caller_ = std::make_unique<ConsequenceCaller>(opt_.fasta, std::move(wanted));
    if (!reader_) summary_.annotation = "pathcorr";
  }
  plan_reading();
  if (summary_.read_mode != "index") vcf_.start_io_threads(opt_.io_threads);
}

// Which records are read. Unannotated: a record is looked at only when its POS lies in a gene (read_record), so
// the index regions and the streaming prefilter are the gene spans. Annotated: a record is looked at when its
// annotation names a gene or its POS lies in one, so the index regions are the spans widened by
// kAnnotatedIndexFlank and the streaming prefilter also keeps any raw line naming a gene. With --fasta every
// unannotated record goes to the consequence caller: everything is streamed. An annotated file is streamed too
// when a gene of the set has no coordinates in the build (its records can only be found by name).
void VcfRecordReader::plan_reading() {
  if (caller_) return;
  // SV and copy-number VCFs (SVTYPE or CN declared): a deletion or segment that starts outside a gene may cover
  // it, and breakend mates and copy-neutral records decide what the file is. They are small: read them whole.
  const bcf_hdr_t* h = vcf_.header();
  auto declared = [h](int type, const char* tag) {
    const int id = bcf_hdr_id2int(h, BCF_DT_ID, tag);
    return id >= 0 && bcf_hdr_idinfo_exists(h, type, id);
  };
  if (declared(BCF_HL_INFO, "SVTYPE") || declared(BCF_HL_INFO, "CN") || declared(BCF_HL_FMT, "CN")) return;
  bool all_placed = true;  // an annotation may name a gene the reference has no coordinates for (a GMT set)
  for (const auto& g : ref_.feature_genes()) {
    const Gene* x = ref_.gene(build_, g);
    all_placed = all_placed && x;
    if (!x) continue;
    gene_spans_.add(x->chrom, x->start, x->end);
    const int64_t flank = reader_ ? kAnnotatedIndexFlank : 0;
    index_regions_.add(x->chrom, std::max<int64_t>(1, x->start - flank), x->end + flank);
  }
  gene_spans_.merge();
  index_regions_.merge();
  if (opt_.use_index && (all_placed || !reader_) && vcf_.use_index(index_regions_)) {
    summary_.read_mode = "index";
    return;
  }
  RecordPrefilter f;
  f.positions = &gene_spans_;
  // Symbolic and breakend records are kept wherever they are (a deletion from outside a gene may cover it).
  f.keep_structural = true;
  if (reader_) f.line_test = [this](std::string_view line) { return names_a_gene(line); };
  vcf_.set_prefilter(std::move(f));
}

VcfRecordReader::~VcfRecordReader() = default;

void VcfRecordReader::read(const std::function<void(AlleleRecord&)>& sink,
                           const std::function<void(long)>& progress) {
  long parsed_passing = 0, reported = 0;
  while (vcf_.next()) {
    if (vcf_.filter_pass()) ++parsed_passing;
    // Symbolic and breakend records (SV and copy-number VCFs) go to the collector, never to small-variant calling.
    if (!structural_->take(vcf_.record())) read_record(sink);
    if (progress && vcf_.record_number() - reported >= 65536) {
      progress(vcf_.record_number() - reported);
      reported = vcf_.record_number();
    }
  }
  if (progress && vcf_.record_number() > reported) progress(vcf_.record_number() - reported);
  // Records the prefilter skipped count as read, as they were: only their parsing was saved.
  summary_.records = vcf_.record_number();
  summary_.records_passing = parsed_passing + vcf_.skipped_passing();
  structural_result_ = structural_->finish();
}

std::vector<FileWarning> VcfRecordReader::warnings() const {
  std::vector<FileWarning> out = vcf_.warnings();
  if (vcf_.odd_alts() > 0)
    out.push_back({"ALT alleles that are not VCF alleles were not called",
                   vcf_.path() + ": " + std::to_string(vcf_.odd_alts()) + " ALT allele(s) are not VCF alleles and "
                   "were not called, the first at " + vcf_.first_odd_alt()});
  return out;
}

void VcfRecordReader::read_record(const std::function<void(AlleleRecord&)>& sink) {
  bcf1_t* r = vcf_.record();
  const std::string chrom = bcf_hdr_id2name(vcf_.header(), r->rid);
  const long long pos = r->pos + 1;
  // Cheap pre-filter: unannotated records outside every gene need no further work.
  std::vector<std::string> info_values;
  bool annotated = false;
  if (reader_) {
    for (const auto& tag : reader_->info_tags()) {
      info_values.push_back(tag == kWholeInfoColumn ? vcf_.info_column() : vcf_.info_string(tag.c_str()));
      if (!info_values.back().empty()) annotated = true;
    }
  }
  // An annotation that names no gene of the set gives no call: skip splitting it (most records of an exome).
  if (annotated && !names_a_gene(info_values)) return;
  const bool called = !annotated && caller_;  // consequences from sequence (--fasta): its models say the genes
  if (!annotated && !called && ref_.genes_at(build_, canonical_chrom(chrom), pos).empty()) return;

  AlleleContext ctx;
  ctx.ref = r->d.allele[0];
  for (int i = 1; i < r->n_allele; ++i) ctx.alts.emplace_back(r->d.allele[i]);
  const std::string filter = vcf_.filter_text();
  const bool pass = vcf_.filter_pass();
  const std::vector<double> info_pop_af = info_population_af(ctx.alts.size());

  for (int a = 0; a < static_cast<int>(ctx.alts.size()); ++a) {
    if (!is_sequence_allele(ctx.alts[a].c_str())) continue;  // *, <DEL>, breakends, '.'
    ctx.alt_index = a;
    AlleleRecord rec;
    rec.patient_id = summary_.patient_id;
    rec.sample = summary_.tumor_sample;
    rec.chrom = chrom;
    rec.pos = pos;
    rec.ref = ctx.ref;
    rec.alt = ctx.alts[a];
    rec.filter = filter;
    rec.pass = pass;
    AlleleDepth d = vcf_.allele_depth(tumor_, a, opt_.tags);
    rec.vaf = d.vaf;
    rec.depth = d.depth;
    rec.alt_depth = d.alt_depth;
    rec.pop_af = info_pop_af[a];
    // Where this row's consequence comes from: the file's annotation, our own calling, or none (hotspot table).
    rec.annotation = annotated ? summary_.annotation : called ? std::string("pathcorr") : std::string("none");
    if (annotated || called) {
      rec.source = EffectSource::Candidates;
      rec.effects = effects_of(info_values, ctx, chrom, pos, called);
    }
    sink(rec);
  }
}

std::vector<TranscriptEffect> VcfRecordReader::effects_of(const std::vector<std::string>& info_values,
                                                          const AlleleContext& ctx, const std::string& chrom,
                                                          long long pos, bool called) {
  const std::string& alt = ctx.alts[static_cast<size_t>(ctx.alt_index)];
  if (called) {
    try {
      return caller_->effects(chrom, pos, ctx.ref, alt);
    } catch (const ConflictError& e) {  // the caller names chrom:pos; the record's place is known here
      throw ConflictError(vcf_.where() + ": " + e.what());
    } catch (const InputError& e) {
      throw InputError(vcf_.where() + ": " + e.what());
    }
  }
  try {
    return merge_transcript_effects(reader_->effects(info_values, ctx));
  } catch (const std::exception& e) {
    throw InputError(vcf_.where() + ": cannot read the " + reader_->dialect() + " annotation: " + e.what());
  }
}

// True when a word of the texts (a run of letters, digits, '_', '-', '.') is a gene symbol or ID of the set,
// also with a ".version" suffix. One pass over the text; only words that could be a name are looked up.
bool VcfRecordReader::names_a_gene(const std::vector<std::string>& texts) const {
  for (const std::string& text : texts)
    if (names_a_gene(std::string_view(text))) return true;
  return false;
}

bool VcfRecordReader::names_a_gene(std::string_view text) const {
  static const auto kWord = [] {
    std::array<bool, 256> t{};
    for (int c = 0; c < 256; ++c)
      t[c] = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == '-' ||
             c == '.';
    return t;
  }();
  auto word_char = [](unsigned char c) { return kWord[c]; };
  std::string word;
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end) {
    while (p < end && !word_char(static_cast<unsigned char>(*p))) ++p;
    const char* b = p;
    while (p < end && word_char(static_cast<unsigned char>(*p))) ++p;
    if (b == p || !needle_first_[static_cast<unsigned char>(*b)]) continue;
    const char* dot = std::find(b, p, '.');
    const std::size_t len = static_cast<std::size_t>(dot - b);
    if (len < needle_min_ || len > needle_max_) continue;
    word.assign(b, len);
    if (needles_.count(word)) return true;
  }
  return false;
}

// Per ALT: the highest population allele frequency the record's INFO states outside the annotation (pop_tags_,
// a Number=A value for its own allele, any other the largest of its values) and Mutect2's POPAF (Number=A,
// -log10 of the frequency); NaN when none is given. Integer and Float tags are read as numbers, others (String,
// Flag) as text. A frequency that is not finite counts as none; a POPAF of Inf is a frequency of 0.
std::vector<double> VcfRecordReader::info_population_af(std::size_t n_alts) {
  std::vector<double> af(n_alts, std::nan(""));
  auto raise = [&af](std::size_t i, double v) {
    if (!std::isnan(v) && (std::isnan(af[i]) || v > af[i])) af[i] = v;
  };
  // The tag's values, one per comma-separated field (NaN for a missing one); `of_text` reads a String or Flag
  // tag's field.
  const auto values_of = [this](const char* tag, double (*of_text)(const std::string&)) {
    std::vector<double> values;
    if (std::optional<std::vector<double>> numbers = vcf_.info_numeric(tag)) {
      values = std::move(*numbers);
    } else if (const std::string text = vcf_.info_string(tag); !text.empty()) {
      for (const std::string& field : split_fields(text, ',')) values.push_back(of_text(field));
    }
    return values;
  };
  const auto finite = [](double v) { return std::isfinite(v) ? v : std::nan(""); };
  for (const auto& [tag, per_allele] : pop_tags_) {
    const std::vector<double> values = values_of(tag.c_str(), &max_numeric_value);
    for (std::size_t i = 0; i < n_alts; ++i) {
      if (per_allele && values.size() == n_alts) {
        raise(i, finite(values[i]));
      } else {
        for (double v : values) raise(i, finite(v));
      }
    }
  }
  const std::vector<double> popaf = values_of("POPAF", [](const std::string& f) {
    const std::optional<double> v = parse_double(f);
    return v ? *v : std::nan("");
  });
  for (std::size_t i = 0; i < n_alts && !popaf.empty(); ++i) {
    const double v = popaf.size() == n_alts ? popaf[i] : popaf[0];
    if (!std::isnan(v)) raise(i, std::pow(10.0, -v));
  }
  return af;
}

}  // namespace pathcorr
