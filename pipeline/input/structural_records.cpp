// StructuralCollector: see structural_records.h. The breakend notation is VCF 4.2 section 5.4: t[p[ joins the
// piece right of p after t, t]p] the reverse-complemented piece left of p after t, ]p]t the piece left of p before
// t, [p[t the reverse-complemented piece right of p before t.
#include "pipeline/input/structural_records.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <map>
#include <tuple>
#include <utility>

#include "pipeline/base/errors.h"
#include "pipeline/base/genome.h"
#include "pipeline/base/text.h"

namespace pathcorr {

namespace {

enum AltKind { kSequence, kOther, kRefState, kDel, kDup, kCnv, kInv, kIns, kBnd, kBreakend, kSingle };

bool is_single_breakend(const char* a, size_t n) { return n > 1 && (a[0] == '.' || a[n - 1] == '.'); }

// What an ALT allele is: a symbolic allele by the type before its first ':' (<DUP:TANDEM> is a DUP, <CN0> a
// copy-number state), a breakend, a single breakend, '.', or something else (sequence, <*>, <NON_REF>).
AltKind alt_kind(const char* a) {
  const size_t n = std::strlen(a);
  if (n == 1 && a[0] == '.') return kRefState;
  if (n > 2 && a[0] == '<' && a[n - 1] == '>') {
    std::string type(a + 1, n - 2);
    type = type.substr(0, type.find(':'));
    if (type == "DEL") return kDel;
    if (type == "DUP") return kDup;
    if (type == "CNV" || (type.size() > 2 && type.compare(0, 2, "CN") == 0 && parse_long(type.substr(2))))
      return kCnv;
    if (type == "INV") return kInv;
    if (type == "INS") return kIns;
    if (type == "BND" || type == "TRA") return kBnd;
    return kOther;
  }
  if (std::strchr(a, '[') || std::strchr(a, ']')) return kBreakend;
  if (is_single_breakend(a, n)) return kSingle;
  return kSequence;
}

const char* symbolic_name(int kind) {
  switch (kind) {
    case kDel: return "<DEL>";
    case kDup: return "<DUP>";
    case kCnv: return "<CNV>";
    case kInv: return "<INV>";
    case kIns: return "<INS>";
    case kBnd: return "<BND>";
    default: return "copy-number record";
  }
}

bool header_has(const bcf_hdr_t* hdr, int line_type, const char* tag) {
  const int id = bcf_hdr_id2int(hdr, BCF_DT_ID, tag);
  return id >= 0 && bcf_hdr_idinfo_exists(hdr, line_type, id);
}

// An ##ALT=<ID=...> line for one of the SV-only allele types.
bool header_declares_sv_alts(const bcf_hdr_t* hdr) {
  for (int i = 0; i < hdr->nhrec; ++i) {
    const bcf_hrec_t* h = hdr->hrec[i];
    if (!h->key || std::strcmp(h->key, "ALT") != 0) continue;
    for (int k = 0; k < h->nkeys; ++k) {
      if (std::strcmp(h->keys[k], "ID") != 0) continue;
      const AltKind kind = alt_kind(("<" + std::string(h->vals[k]) + ">").c_str());
      if (kind == kInv || kind == kIns || kind == kBnd) return true;
    }
  }
  return false;
}

std::string locus(const std::string& chrom, long long pos) { return chrom + ":" + std::to_string(pos); }

}  // namespace

struct StructuralCollector::Pending {
  int kind = kOther;                 // AltKind of the ALT (a CN record: of its first ALT)
  std::string chrom, id, alt;
  long long pos = 0, end = 0;        // POS; END (or POS + |SVLEN|) for symbolic records, 0 if none
  std::optional<double> cn;          // a copy-number record's value
  bool pass = true;
  long record = 0;
  // Breakends: the side kept at this position and the mate's position (from the ALT, or CHR2/END2 for <BND>).
  bool joined_after = false;         // t[p[ and t]p]: the sequence runs up to POS, the junction follows it
  bool mate_right = false;           // t[p[ and [p[t: the joined piece runs right from p
  std::string mate_chrom, mate_id;
  long long mate_pos = 0;
};

StructuralCollector::StructuralCollector(const bcf_hdr_t* hdr, int tumor_sample, std::string path)
    : hdr_(hdr), tumor_(tumor_sample), path_(std::move(path)) {
  cn_declared_ = (tumor_ >= 0 && header_has(hdr_, BCF_HL_FMT, "CN")) || header_has(hdr_, BCF_HL_INFO, "CN");
  svtype_declared_ = header_has(hdr_, BCF_HL_INFO, "SVTYPE");
  sv_header_ = header_declares_sv_alts(hdr_);
  for (const char* tag : {"MATEID", "MATE_ID", "PARID", "EVENT", "CHR2", "STRANDS", "CT", "SU"})
    sv_header_ = sv_header_ || header_has(hdr_, BCF_HL_INFO, tag);
}

StructuralCollector::~StructuralCollector() {
  free(ints_);
  free(floats_);
  free(str_);
}

std::string StructuralCollector::where(const bcf1_t* rec) const {
  return path_ + ": record " + std::to_string(nrec_) + " (" + bcf_seqname_safe(hdr_, rec) + ":" +
         std::to_string(rec->pos + 1) + ")";
}

// The cheap test every record goes through: could this record be ours at all?
bool StructuralCollector::worth_a_look(const bcf1_t* rec) const {
  const bool cn_file_so_far = cn_declared_ && !sv_header_;
  if (rec->n_allele < 2) return cn_file_so_far;  // ALT '.'
  for (int i = 1; i < rec->n_allele; ++i) {
    const char* a = rec->d.allele[i];
    if (a[0] == '<' || std::strchr(a, '[') || std::strchr(a, ']') || is_single_breakend(a, std::strlen(a)))
      return true;
    if (a[0] == '.' && a[1] == 0 && cn_file_so_far) return true;
  }
  return false;
}

std::optional<long long> StructuralCollector::info_integer(bcf1_t* rec, const char* tag) {
  const int id = bcf_hdr_id2int(hdr_, BCF_DT_ID, tag);
  if (id < 0 || !bcf_hdr_idinfo_exists(hdr_, BCF_HL_INFO, id)) return std::nullopt;
  const int type = bcf_hdr_id2type(hdr_, BCF_HL_INFO, id);
  if (type == BCF_HT_INT) {
    if (bcf_get_info_int32(hdr_, rec, tag, &ints_, &n_ints_) < 1 || ints_[0] == bcf_int32_missing)
      return std::nullopt;
    return ints_[0];
  }
  const std::string text = info_text(rec, tag);
  auto v = parse_long(text.substr(0, text.find(',')));
  if (!v) return std::nullopt;
  return *v;
}

std::string StructuralCollector::info_text(bcf1_t* rec, const char* tag) {
  const int id = bcf_hdr_id2int(hdr_, BCF_DT_ID, tag);
  if (id < 0 || !bcf_hdr_idinfo_exists(hdr_, BCF_HL_INFO, id)) return "";
  if (bcf_hdr_id2type(hdr_, BCF_HL_INFO, id) != BCF_HT_STR) {
    auto v = info_integer(rec, tag);
    return v ? std::to_string(*v) : "";
  }
  const int n = bcf_get_info_string(hdr_, rec, tag, &str_, &n_str_);
  return n > 0 ? std::string(str_, strnlen(str_, static_cast<size_t>(n))) : std::string();
}

// CN of the tumour sample (FORMAT), else INFO CN; nullopt when absent or missing.
std::optional<double> StructuralCollector::copy_number(bcf1_t* rec) {
  if (!cn_declared_) return std::nullopt;
  const int id = bcf_hdr_id2int(hdr_, BCF_DT_ID, "CN");
  if (tumor_ >= 0 && bcf_hdr_idinfo_exists(hdr_, BCF_HL_FMT, id)) {
    const int nsmpl = bcf_hdr_nsamples(hdr_);
    if (bcf_hdr_id2type(hdr_, BCF_HL_FMT, id) == BCF_HT_INT) {
      const int n = bcf_get_format_int32(hdr_, rec, "CN", &ints_, &n_ints_);
      if (n >= nsmpl && nsmpl > 0) {
        const int32_t v = ints_[tumor_ * (n / nsmpl)];
        if (v != bcf_int32_missing && v != bcf_int32_vector_end) return v;
      }
    } else if (bcf_hdr_id2type(hdr_, BCF_HL_FMT, id) == BCF_HT_REAL) {
      const int n = bcf_get_format_float(hdr_, rec, "CN", &floats_, &n_floats_);
      if (n >= nsmpl && nsmpl > 0) {
        const float v = floats_[tumor_ * (n / nsmpl)];
        if (!bcf_float_is_missing(v) && !bcf_float_is_vector_end(v)) return v;
      }
    }
  }
  if (!bcf_hdr_idinfo_exists(hdr_, BCF_HL_INFO, id)) return std::nullopt;
  if (bcf_hdr_id2type(hdr_, BCF_HL_INFO, id) == BCF_HT_REAL) {
    if (bcf_get_info_float(hdr_, rec, "CN", &floats_, &n_floats_) < 1 || bcf_float_is_missing(floats_[0]))
      return std::nullopt;
    return floats_[0];
  }
  auto v = info_integer(rec, "CN");
  if (!v) return std::nullopt;
  return static_cast<double>(*v);
}

// GATK gCNV's reference-state records may have no INFO/END: their ID is CNV_<chrom>_<start>_<end>.
std::optional<long long> StructuralCollector::end_from_id(bcf1_t* rec) const {
  const std::string id = rec->d.id ? rec->d.id : "";
  const std::string prefix = "CNV_" + std::string(bcf_seqname_safe(hdr_, rec)) + "_";
  if (id.compare(0, prefix.size(), prefix) != 0) return std::nullopt;
  const std::string rest = id.substr(prefix.size());
  const size_t cut = rest.find('_');
  if (cut == std::string::npos) return std::nullopt;
  auto start = parse_long(rest.substr(0, cut));
  auto end = parse_long(rest.substr(cut + 1));
  if (!start || !end || *start != rec->pos + 1 || *end < *start) return std::nullopt;
  return *end;
}

bool StructuralCollector::take(bcf1_t* rec) {
  ++nrec_;
  if (!worth_a_look(rec)) return false;
  std::vector<int> kinds;
  for (int i = 1; i < rec->n_allele; ++i) {
    const int k = alt_kind(rec->d.allele[i]);
    if (k == kSequence || k == kOther) return false;  // a small variant, or <*>/<NON_REF>: not ours
    kinds.push_back(k);
  }
  if (kinds.empty()) kinds.push_back(kRefState);
  // FILTER PASS or '.', as VcfReader::filter_pass() reads it.
  const bool pass = rec->d.n_flt == 0 ||
                    (rec->d.n_flt == 1 && std::strcmp(bcf_hdr_int2id(hdr_, BCF_DT_ID, rec->d.flt[0]), "PASS") == 0);
  const std::optional<double> cn = copy_number(rec);
  if (kinds.front() == kRefState && !cn) return false;  // a '.' record of no copy number: not ours
  ++taken_;
  for (int k : kinds)
    if (k == kBreakend || k == kSingle || k == kInv || k == kIns || k == kBnd) sv_records_ = true;
  if (cn && kinds.front() != kBreakend && kinds.front() != kSingle) {
    take_symbolic(rec, kinds.front(), cn, pass);
  } else {
    for (int i = 1; i < rec->n_allele; ++i) {
      if (kinds[i - 1] == kBreakend || kinds[i - 1] == kSingle)
        take_breakend(rec, rec->d.allele[i], pass);
      else if (kinds[i - 1] != kRefState)
        take_symbolic(rec, kinds[i - 1], std::nullopt, pass);
    }
  }
  return true;
}

void StructuralCollector::take_symbolic(bcf1_t* rec, int kind, std::optional<double> cn, bool pass) {
  Pending p;
  p.kind = kind;
  p.chrom = bcf_seqname_safe(hdr_, rec);
  p.id = (rec->d.id && std::strcmp(rec->d.id, ".") != 0) ? rec->d.id : "";
  p.pos = rec->pos + 1;
  p.cn = cn;
  p.pass = pass;
  p.record = nrec_;
  std::optional<long long> end = info_integer(rec, "END");
  if (kind == kBnd) {  // Manta via GATK-SV: CHR2/END2; Delly: CHR2/END
    p.mate_chrom = info_text(rec, "CHR2");
    if (p.mate_chrom.empty()) p.mate_chrom = p.chrom;
    std::optional<long long> end2 = info_integer(rec, "END2");
    p.mate_pos = end2 ? *end2 : (end && p.mate_chrom != p.chrom) ? *end : 0;
    pending_.push_back(std::move(p));
    return;
  }
  if (!end && cn) end = end_from_id(rec);
  if (!end && kind != kIns && kind != kRefState) {
    if (auto svlen = info_integer(rec, "SVLEN")) end = p.pos + std::llabs(*svlen);
  }
  if (!end && kind == kRefState)
    return unplaced(where(rec) + ": copy-number record without END (no INFO/END, and the ID '" + p.id +
                    "' is not CNV_<chrom>_<start>_<end>)");
  if (!end && kind != kIns) return unplaced(where(rec) + ": " + symbolic_name(kind) + " without END or SVLEN");
  if (end && kind != kIns && *end < p.pos)
    return unplaced(where(rec) + ": " + symbolic_name(kind) + " with END " + std::to_string(*end) + " before POS");
  if (cn) ++cn_records_;
  p.end = end ? *end : p.pos;
  pending_.push_back(std::move(p));
}

void StructuralCollector::take_breakend(bcf1_t* rec, const char* alt, bool pass) {
  Pending p;
  p.kind = alt_kind(alt);
  p.chrom = bcf_seqname_safe(hdr_, rec);
  p.id = (rec->d.id && std::strcmp(rec->d.id, ".") != 0) ? rec->d.id : "";
  p.alt = alt;
  p.pos = p.end = rec->pos + 1;
  p.pass = pass;
  p.record = nrec_;
  p.mate_id = info_text(rec, "MATEID");
  if (p.mate_id.empty()) p.mate_id = info_text(rec, "MATE_ID");
  p.mate_id = p.mate_id.substr(0, p.mate_id.find(','));
  if (p.kind == kBreakend) {
    const std::string a = alt;
    const size_t open = a.find_first_of("[]");
    const size_t close = a.find(a[open], open + 1);
    const bool leading = open == 0;
    const std::string mate = close == std::string::npos ? "" : a.substr(open + 1, close - open - 1);
    const size_t colon = mate.rfind(':');
    const long mate_pos = colon == std::string::npos ? -1 : parse_long(mate.substr(colon + 1)).value_or(-1);
    const bool shape_ok = close != std::string::npos &&
                          (leading ? close + 1 < a.size() : close + 1 == a.size() && open > 0);
    if (!shape_ok || colon == 0 || mate_pos < 0)
      return unplaced(where(rec) + ": breakend ALT '" + a + "' is none of t[p[, t]p], ]p]t, [p[t");
    p.joined_after = !leading;
    p.mate_right = a[open] == '[';
    p.mate_chrom = mate.substr(0, colon);
    p.mate_pos = mate_pos;
  }
  pending_.push_back(std::move(p));
}

namespace {

std::string name_of(const std::string& id, long record) {
  return id.empty() ? "record " + std::to_string(record) : id;
}

SvEvent breakend_event(const std::string& chrom, long long pos, bool pass, const std::string& id, long record,
                       std::string text) {
  SvEvent e;
  e.kind = SvEvent::Kind::Breakend;
  e.chrom = chrom;
  e.start = e.end = pos;
  e.pass = pass;
  e.id = id;
  e.record = record;
  e.text = std::move(text);
  return e;
}

}  // namespace

void StructuralCollector::resolve_symbolic(const Pending& p, VcfStructural& out) {
  const std::string name = name_of(p.id, p.record);
  if (p.kind == kIns || p.kind == kRefState) {
    if (p.kind == kIns) ++out.ignored_insertions;
    return;
  }
  if (p.kind == kBnd) {
    std::string mate = p.mate_pos > 0 ? locus(p.mate_chrom, p.mate_pos) : "unknown";
    out.events.push_back(breakend_event(p.chrom, p.pos, p.pass, p.id, p.record,
                                        "<BND> " + locus(p.chrom, p.pos) + " (" + name + ", mate " + mate + ")"));
    if (p.mate_pos > 0)
      out.events.push_back(breakend_event(p.mate_chrom, p.mate_pos, p.pass, p.id, p.record,
                                          "<BND> " + mate + " (" + name + ", remote side of " +
                                              locus(p.chrom, p.pos) + ")"));
    return;
  }
  const std::string span = p.chrom + ":" + std::to_string(p.pos) + "-" + std::to_string(p.end);
  if (p.kind == kDel && p.end > p.pos) {
    SvEvent e;
    e.kind = SvEvent::Kind::Deletion;
    e.chrom = p.chrom;
    e.start = p.pos + 1;  // POS is the base before the deletion
    e.end = p.end;
    e.pass = p.pass;
    e.id = p.id;
    e.record = p.record;
    e.text = "<DEL> " + p.chrom + ":" + std::to_string(e.start) + "-" + std::to_string(e.end) + " (" + name + ")";
    out.events.push_back(std::move(e));
    return;
  }
  // <DUP>, <INV>, <CNV> without a copy-number reading (and a <DEL> that removes nothing): their two breakpoints.
  const std::string what = symbolic_name(p.kind);
  out.events.push_back(breakend_event(p.chrom, p.pos, p.pass, p.id, p.record,
                                      what + " breakpoint " + locus(p.chrom, p.pos) + " (" + name + ", " + span + ")"));
  if (p.end != p.pos)
    out.events.push_back(breakend_event(p.chrom, p.end, p.pass, p.id, p.record,
                                        what + " breakpoint " + locus(p.chrom, p.end) + " (" + name + ", " + span +
                                            ")"));
}

// A mate pair: a deletion when the left mate is t[p[ pointing at the right mate and the right mate ]p]t pointing
// back (the bases between them are gone), else two breakends (inversion, duplication, translocation).
void StructuralCollector::resolve_pair(const Pending& a, const Pending& b, VcfStructural& out) const {
  const bool a_first = a.pos <= b.pos;
  const Pending& lo = a_first ? a : b;
  const Pending& hi = a_first ? b : a;
  const std::string ids = name_of(a.id, a.record) + "/" + name_of(b.id, b.record);
  const bool same = canonical_chrom(lo.chrom) == canonical_chrom(hi.chrom);
  const bool deletion = same && lo.pos < hi.pos && lo.joined_after && lo.mate_right && !hi.joined_after &&
                        !hi.mate_right && lo.mate_pos == hi.pos && hi.mate_pos == lo.pos &&
                        canonical_chrom(lo.mate_chrom) == canonical_chrom(hi.chrom) &&
                        canonical_chrom(hi.mate_chrom) == canonical_chrom(lo.chrom);
  if (deletion) {
    if (hi.pos - lo.pos < 2) {  // adjacent: an insertion at the junction, no base removed
      ++out.ignored_insertions;
      return;
    }
    SvEvent e;
    e.kind = SvEvent::Kind::Deletion;
    e.chrom = lo.chrom;
    e.start = lo.pos + 1;
    e.end = hi.pos - 1;
    e.pass = a.pass && b.pass;
    e.id = (a.id.empty() || b.id.empty()) ? "" : a.id + "/" + b.id;
    e.record = std::min(a.record, b.record);
    e.text = "DEL " + e.chrom + ":" + std::to_string(e.start) + "-" + std::to_string(e.end) + " (BND pair " + ids +
             ")";
    out.events.push_back(std::move(e));
    return;
  }
  for (const Pending* p : {&a, &b})
    out.events.push_back(breakend_event(p->chrom, p->pos, p->pass, p->id, p->record,
                                        "BND " + locus(p->chrom, p->pos) + " " + p->alt + " (BND pair " + ids + ")"));
}

void StructuralCollector::resolve_breakends(VcfStructural& out) const {
  std::map<std::string, size_t> by_id;
  std::map<std::tuple<std::string, long long, std::string, long long>, std::vector<size_t>> by_junction;
  for (size_t i = 0; i < pending_.size(); ++i) {
    const Pending& p = pending_[i];
    if (p.kind != kBreakend) continue;
    if (!p.id.empty()) by_id.emplace(p.id, i);
    by_junction[{canonical_chrom(p.chrom), p.pos, canonical_chrom(p.mate_chrom), p.mate_pos}].push_back(i);
  }
  std::vector<long> mate(pending_.size(), -1);
  auto pair = [&](size_t i, size_t j) { mate[i] = static_cast<long>(j), mate[j] = static_cast<long>(i); };
  for (size_t i = 0; i < pending_.size(); ++i) {  // MATEID / MATE_ID naming each other
    const Pending& p = pending_[i];
    if (p.kind != kBreakend || mate[i] >= 0 || p.mate_id.empty()) continue;
    auto it = by_id.find(p.mate_id);
    if (it == by_id.end() || it->second == i || mate[it->second] >= 0) continue;
    const Pending& q = pending_[it->second];
    if (q.mate_id.empty() || q.mate_id == p.id) pair(i, it->second);
  }
  for (size_t i = 0; i < pending_.size(); ++i) {  // else: each ALT names the other's position
    const Pending& p = pending_[i];
    if (p.kind != kBreakend || mate[i] >= 0) continue;
    auto it = by_junction.find({canonical_chrom(p.mate_chrom), p.mate_pos, canonical_chrom(p.chrom), p.pos});
    if (it == by_junction.end()) continue;
    for (size_t j : it->second)
      if (j != i && mate[j] < 0) {
        pair(i, j);
        break;
      }
  }
  long lone = 0;
  for (size_t i = 0; i < pending_.size(); ++i) {
    const Pending& p = pending_[i];
    const std::string name = name_of(p.id, p.record);
    if (p.kind == kSingle) {
      out.events.push_back(breakend_event(p.chrom, p.pos, p.pass, p.id, p.record,
                                          "single breakend " + locus(p.chrom, p.pos) + " (" + name + ")"));
    } else if (p.kind == kBreakend && mate[i] > static_cast<long>(i)) {
      resolve_pair(p, pending_[static_cast<size_t>(mate[i])], out);
    } else if (p.kind == kBreakend && mate[i] < 0) {
      ++lone;
      const std::string remote = locus(p.mate_chrom, p.mate_pos);
      out.events.push_back(breakend_event(p.chrom, p.pos, p.pass, p.id, p.record,
                                          "BND " + locus(p.chrom, p.pos) + " " + p.alt + " (" + name +
                                              ", mate not in file)"));
      out.events.push_back(breakend_event(p.mate_chrom, p.mate_pos, p.pass, p.id, p.record,
                                          "BND " + remote + " (remote side of " + name + " at " +
                                              locus(p.chrom, p.pos) + ", mate not in file)"));
    }
  }
  if (lone > 0)
    out.warnings.push_back(path_ + ": " + std::to_string(lone) +
                           " breakend(s) whose mate is not in the file: each taken as a breakend at its own position "
                           "and at the position its ALT names, never as a deletion");
}

void StructuralCollector::unplaced(const std::string& why) {
  if (unplaced_++ == 0) first_unplaced_ = why;
}

VcfStructural StructuralCollector::finish() {
  VcfStructural out;
  out.symbolic_records = taken_;
  if (unplaced_ > 0)
    out.warnings.push_back(std::to_string(unplaced_) + " symbolic or breakend record(s) could not be placed and " +
                           "were not called, the first: " + first_unplaced_);
  const bool sv = sv_header_ || sv_records_;
  out.copy_number_file = cn_declared_ && !sv && cn_records_ > 0;
  out.structural_file = !out.copy_number_file && (svtype_declared_ || sv || !pending_.empty());
  long without_cn = 0;  // symbolic records of a copy-number VCF that carry no CN: taken as SV records
  for (const Pending& p : pending_) {
    if (p.kind == kBreakend || p.kind == kSingle) continue;
    if (out.copy_number_file && !p.cn && p.kind != kIns) ++without_cn;
    if (out.copy_number_file && p.cn) {
      CnSegment s;
      s.chrom = p.chrom;
      s.start = p.pos;
      s.end = p.end;
      s.value = *p.cn;
      s.line = p.record;
      (p.pass ? out.segments : out.filtered_segments).push_back(std::move(s));
    } else {
      resolve_symbolic(p, out);
    }
  }
  resolve_breakends(out);
  std::stable_sort(out.events.begin(), out.events.end(),
                   [](const SvEvent& a, const SvEvent& b) { return a.record < b.record; });
  if (without_cn > 0)
    out.warnings.push_back(path_ + ": " + std::to_string(without_cn) +
                           " symbolic record(s) without a CN in a copy-number VCF: taken as SV events");
  if (!out.filtered_segments.empty())
    out.warnings.push_back(path_ + ": " + std::to_string(out.filtered_segments.size()) +
                           " copy-number record(s) with a FILTER other than PASS left out of the segments");
  return out;
}

}  // namespace pathcorr
