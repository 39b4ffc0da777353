// The copy-number and structural-variant records of a VCF/BCF (SPEC "Copy number and structural variants"):
// copy-number segments of copy-number VCFs (GATK gCNV, CNVkit `export vcf`, Canvas) and the deletions and
// breakends of SV VCFs (Manta, Delly, GRIDSS, Esvee/PURPLE, LUMPY). The VCF reader hands every record to a
// StructuralCollector first; the collector keeps the symbolic and breakend records (and a copy-number VCF's
// reference-state records) and, at the end of the file, pairs breakend mates and turns what it kept into segments
// and events. Which gene an event hits is decided in classify/structural.
//
// Which file is which: a file is a copy-number VCF when it declares CN (FORMAT, or INFO) and some record carries
// a CN and an END, and nothing in it is the work of an SV caller: no breakend, <INV>, <INS>, <BND> or <TRA>
// record, no ##ALT of those, and no INFO key only SV callers write (MATEID, MATE_ID, PARID, EVENT, CHR2,
// STRANDS, CT, SU). There the CN records are the segments and a <DEL> is a copy-number loss, classified by its
// level, not an SV. Elsewhere (Delly, Manta and LUMPY write a FORMAT CN too: a read-depth estimate over the event)
// the records are SV events and no segment is taken: a region without a record of a copy-number VCF is copy
// neutral, and an SV file says nothing of the copy number elsewhere.
#pragma once
#include <htslib/vcf.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/input/copy_number_records.h"

namespace pathcorr {

struct SvEvent {
  enum class Kind { Deletion, Breakend };
  Kind kind = Kind::Breakend;
  std::string chrom;            // as the file writes it
  long long start = 0, end = 0; // Deletion: the removed bases, 1-based closed. Breakend: start == end == position
  bool pass = true;             // FILTER PASS or '.' (a deletion from a breakend pair: both mates)
  std::string id;               // the record's ID ("" for '.'); a pair's IDs joined by '/'
  long record = 0;              // record number in the file (1-based; a pair: the first mate's), for provenance
  std::string text;             // short description for calls.tsv: "DEL 10:89700300-89712340 (BND pair 29005/29006)"
};

struct VcfStructural {
  std::vector<CnSegment> segments;           // CN records of the tumour sample (absolute CN), 1-based closed
  std::vector<CnSegment> filtered_segments;  // CN records whose FILTER is neither PASS nor '.': left out above
  bool copy_number_file = false;  // a copy-number VCF (see the file comment): `segments` are its calls
  bool structural_file = false;   // an SV VCF: SVTYPE declared, or symbolic/breakend records seen, not copy number
  std::vector<SvEvent> events;    // in order of their (first) record; in a copy-number VCF only from symbolic
                                  // records without a CN (a warning says how many)
  std::vector<std::string> warnings;
  long symbolic_records = 0;      // records taken: symbolic, breakend, and a copy-number VCF's reference state
  long ignored_insertions = 0;    // <INS> records and breakend pairs that remove no base: no gene is cut
};

class StructuralCollector {
 public:
  // `tumor_sample`: the column whose FORMAT CN is read, -1 for a sites-only file (INFO CN only). `path` names the
  // file in messages.
  StructuralCollector(const bcf_hdr_t* hdr, int tumor_sample, std::string path);
  ~StructuralCollector();
  StructuralCollector(const StructuralCollector&) = delete;
  StructuralCollector& operator=(const StructuralCollector&) = delete;

  // Called for EVERY record, in file order, already unpacked (BCF_UN_ALL). Returns true when the record is
  // symbolic (<DEL>, <DUP>, <CNV>, <INV>, <INS>, <BND>, <TRA>, subtypes such as <DUP:TANDEM>), a breakend
  // (t[p[, t]p], ]p]t, [p[t), a single breakend (T., .T) or a copy-number record with ALT '.': the collector has
  // consumed it and the caller skips it for small-variant calling. Other records (sequence ALTs, <*>, <NON_REF>)
  // return false at once. A record it cannot place (a <DEL> without END or SVLEN, a copy-number record without
  // END whose ID is not CNV_<chrom>_<start>_<end>, END before POS, a breakend ALT of no VCF form: small-variant
  // callers such as VarDict write <INV> without END) is consumed and not called; finish() warns, naming the first.
  bool take(bcf1_t* rec);

  // Pairs breakend mates (INFO MATEID / MATE_ID, else by each naming the other's position), turns same-chromosome
  // pairs whose orientation makes a deletion (t[p[ on the left mate, ]p]t on the right) into Deletion events and
  // every other breakend into a Breakend event at its own position (and, when its mate is not in the file, one at
  // the position its ALT or CHR2 names); <DEL> -> Deletion of POS+1..END; <DUP>, <INV>, <CNV> -> Breakend events
  // at POS and END; <INS> counted and ignored. In a copy-number VCF the CN records become segments instead.
  VcfStructural finish();

 private:
  struct Pending;  // one consumed record (one per ALT for a record without CN), resolved in finish()
  bool worth_a_look(const bcf1_t* rec) const;
  std::string where(const bcf1_t* rec) const;
  std::optional<double> copy_number(bcf1_t* rec);
  std::optional<long long> info_integer(bcf1_t* rec, const char* tag);
  std::string info_text(bcf1_t* rec, const char* tag);
  std::optional<long long> end_from_id(bcf1_t* rec) const;
  void take_breakend(bcf1_t* rec, const char* alt, bool pass);
  void take_symbolic(bcf1_t* rec, int kind, std::optional<double> cn, bool pass);
  void resolve_breakends(VcfStructural& out) const;
  void unplaced(const std::string& why);
  void resolve_pair(const Pending& a, const Pending& b, VcfStructural& out) const;
  static void resolve_symbolic(const Pending& p, VcfStructural& out);

  const bcf_hdr_t* hdr_;
  int tumor_;
  std::string path_;
  long nrec_ = 0;
  bool cn_declared_ = false;      // FORMAT CN (with a sample) or INFO CN
  bool sv_header_ = false;        // the header shows an SV caller (see the file comment)
  bool svtype_declared_ = false;
  bool sv_records_ = false;       // a breakend, <INV>, <INS>, <BND> or <TRA> record was seen
  long cn_records_ = 0;           // records that carried a CN and an END
  long taken_ = 0;                // records take() consumed
  long unplaced_ = 0;             // consumed records that could not be placed, and the first of them
  std::string first_unplaced_;
  std::vector<Pending> pending_;
  // Buffers htslib's bcf_get_info_*/bcf_get_format_* grow and reuse, freed by the destructor.
  int32_t* ints_ = nullptr;
  float* floats_ = nullptr;
  char* str_ = nullptr;
  int n_ints_ = 0, n_floats_ = 0, n_str_ = 0;
};

}  // namespace pathcorr
