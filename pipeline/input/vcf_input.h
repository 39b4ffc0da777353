// VCF/BCF input through htslib: RAII handles, input discovery, tumour-sample choice, genome-build detection,
// record validation beyond htslib's, and tumour depth/VAF from whichever caller fields a file carries; reading
// through an index (only the records overlapping given regions) or streaming with a cheap test on each raw record
// before it is parsed. Knows nothing of genes, annotation or alteration policy.
#pragma once
#include <htslib/kstring.h>
#include <htslib/vcf.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pipeline/base/text.h"
#include "pipeline/input/caller_depth.h"
#include "pipeline/input/records.h"
#include "pipeline/input/regions.h"
#include "pipeline/input/text_index.h"
#include "reference/reference.h"

namespace pathcorr {

struct HtsFileCloser { void operator()(htsFile* f) const; };
struct BcfHdrDeleter { void operator()(bcf_hdr_t* h) const { bcf_hdr_destroy(h); } };
struct Bcf1Deleter { void operator()(bcf1_t* r) const { bcf_destroy(r); } };
using HtsFilePtr = std::unique_ptr<htsFile, HtsFileCloser>;
using BcfHdrPtr = std::unique_ptr<bcf_hdr_t, BcfHdrDeleter>;
using Bcf1Ptr = std::unique_ptr<bcf1_t, Bcf1Deleter>;
struct HtsIdxDeleter { void operator()(hts_idx_t* i) const { hts_idx_destroy(i); } };
struct HtsItrDeleter { void operator()(hts_itr_t* i) const { hts_itr_destroy(i); } };

// A warning about one file: `kind` is a fixed phrase shared by every file with the same problem (for one summary
// line over a cohort), `text` the full message naming the file, `file` the input it is about (set by the scan).
struct FileWarning {
  std::string kind, text, file;
  FileWarning(std::string k, std::string t, std::string f = {})
      : kind(std::move(k)), text(std::move(t)), file(std::move(f)) {}
};

// The test a streamed record passes before it is parsed: its POS lies in `positions` (CHROM in any naming), or,
// with `keep_structural`, an ALT allele is symbolic (<DEL>) or a breakend (t[p[), or, for a text VCF,
// `line_test` accepts the raw line. A record that fails is counted, never parsed.
struct RecordPrefilter {
  const RegionSet* positions = nullptr;
  bool keep_structural = false;
  std::function<bool(std::string_view line)> line_test;  // may be empty
};

// Files named on the command line: files as given, directories expanded (not recursively) to the .vcf, .vcf.gz,
// .vcf.bgz, .bcf and ANNOVAR _multianno.txt files they hold and to the other files whose content is a copy-number
// format (io/detect.h), sorted by name. Index files (.tbi, .csi, .fai, .gzi, .bai, .crai) are passed over, and
// so is a PURPLE *.purple.purity.tsv whose *.purple.cnv.somatic.tsv is in the directory (its reader reads it);
// every other file of a directory goes to `ignored` (when given), for the caller to report. Throws InputError for
// a path that does not exist and for a directory with no input file. A file whose content had to be looked at to
// take it has its format set (InputSpec::format); the others are left for detect_formats.
std::vector<InputSpec> expand_inputs(const std::vector<std::string>& paths,
                                     std::vector<std::string>* ignored = nullptr);

// An open VCF/BCF with its header checked. Reading is sequential through next().
class VcfReader {
 public:
  // Opens a regular file (plain, gzip/BGZF or BCF; content decides). A text header htslib refuses only for its
  // form (no ##fileformat line, ##fileformat below line 1, '# ...' lines before #CHROM, no #CHROM line above
  // 8-column records) is read and described in warnings(); any other damage throws InputError naming the line.
  explicit VcfReader(const std::string& path);
  const std::string& path() const { return path_; }
  // Gives a BGZF file htslib's decompression thread pool of `threads` threads (none when 0) for the rest of the
  // file, which is read block after block from there. Not for a file read through its index: its blocks are few
  // and apart, and the pool would decompress the blocks after each of them for nothing. Call before next().
  void start_io_threads(int threads);
  bcf_hdr_t* header() const { return hdr_.get(); }
  std::string header_text() const;
  std::vector<std::string> samples() const;

  // Chooses the tumour column (SPEC "Tumour sample"): `requested` (sheet or --tumor-sample) if non-empty, then
  // ##tumor_sample=, then a sample named TUMOR, then the only sample. Returns -1 for a sites-only file.
  // Throws ConflictError (exit 3) listing the samples when the choice is ambiguous or `requested` is absent.
  int choose_tumor_sample(const std::string& requested) const;

  // Genome build from ##contig lengths, then ##reference (and VEP's assembly=). `requested` is --build:
  // "auto" or a build name. Throws InputError asking for --build when auto cannot tell, ConflictError when
  // the header contradicts a requested build.
  Build detect_build(const std::string& requested) const;

  // Reads, from now on, only the records whose POS lies in `regions` (each record once, in file order) through
  // the file's index: PATH.csi or PATH.tbi for a bgzipped VCF, PATH.csi for a BCF. Returns false
  // and keeps streaming when there is no index; also when the index is older than the file or htslib refuses it,
  // then with a warning. Call before the first next().
  bool use_index(const RegionSet& regions);
  bool indexed() const { return !itrs_.empty() || !text_regions_.empty() || index_empty_; }
  // Streaming: records the prefilter refuses are counted (record_number(), skipped_passing()) but not parsed.
  void set_prefilter(RecordPrefilter f) { prefilter_ = std::move(f); }
  // Records the prefilter skipped whose FILTER is PASS or '.'.
  long skipped_passing() const { return skipped_passing_; }

  // Next record, unpacked and validated (POS, alleles, sample columns); false at the end of the file. Throws
  // InputError naming the file and record on a damaged record or a damaged/truncated compressed stream.
  bool next();
  bcf1_t* record() const { return rec_.get(); }
  long record_number() const { return nrec_; }
  // "file: record N (chrom:pos)" for messages about the current record.
  std::string where() const;
  // Warnings found while opening (missing BGZF EOF marker ...), for the caller to print.
  const std::vector<FileWarning>& warnings() const { return warnings_; }
  // ALT alleles read so far that are not VCF alleles (never called), and the first of them for the message.
  long odd_alts() const { return odd_alts_; }
  const std::string& first_odd_alt() const { return first_odd_alt_; }

  AlleleDepth allele_depth(int tumor, int alt_index, const DepthTags& tags);
  // FILTER column as text: "PASS", "." or "a;b".
  std::string filter_text() const;
  bool filter_pass() const;
  // Raw text of an INFO tag ("" when absent); flags give "1".
  std::string info_string(const char* tag);
  // The values of an INFO tag the header declares Integer or Float (NaN for a missing value; empty when the record
  // lacks the tag), without the text round trip of info_string; nullopt for a tag of any other type or none.
  std::optional<std::vector<double>> info_numeric(const char* tag);
  // The whole INFO column as VCF text (for ANNOVAR, whose keys repeat once per ALT).
  std::string info_column();

 private:
  int header_type(int line_type, const char* tag) const;
  std::vector<double> format_numbers(const char* tag, int sample);
  std::vector<double> info_numbers(const char* tag);

  std::string path_;
  HtsFilePtr fp_;
  BcfHdrPtr hdr_;
  Bcf1Ptr rec_;
  long nrec_ = 0;
  long odd_alts_ = 0;
  long extra_cols_ = 0;
  std::string first_odd_alt_;
  bool bgzf_ = false;
  std::vector<FileWarning> warnings_;
  bool read_text_record();
  static bool ref_is_dna(std::string_view ref);
  static bool alt_is_odd(std::string_view alt);
  std::string where_line() const;
  int next_line(kstring_t& line, std::string_view* text, LineShape* shape);
  bool buffered_line(std::string_view* out, LineShape* shape);
  std::string read_buf_;  // streaming a text VCF: decompressed bytes, [read_at_, read_end_) not yet taken
  size_t read_at_ = 0, read_end_ = 0;
  bool read_eof_ = false;
  int next_indexed(kstring_t* line);
  bool keep_record(std::string_view chrom, int64_t pos, std::string_view line, std::string_view alts);
  bool keep_bcf_record();
  // Index reading: the iterators of the merged regions in file order, the one being read, and the end offset of
  // the last record given (a record overlapping two regions comes back from both: it is given once).
  bool open_bcf_index(const std::string& idx_path, const RegionSet& regions);
  int next_indexed_line(kstring_t* line);
  std::vector<IndexedRegion> text_regions_;  // text VCF: the regions' chunks (input/text_index.h)
  size_t region_at_ = 0, chunk_at_ = 0;
  bool need_seek_ = true;
  bool line_held_ = false;  // located regions: the line in the buffer ended a region, not judged yet
  SequenceOrder seq_order_;  // located regions: the index's sequences in file order
  mutable std::string last_rank_chrom_;
  mutable int last_rank_ = -1;
  int seq_rank(std::string_view chrom) const;
  std::vector<IndexedRegion> text_regions(const std::string& idx_path, const RegionSet& regions, bool by_blocks);
  int next_located_line(kstring_t* line);
  bool straddler_past(BGZF* fp, const IndexedRegion& r) const;
  int place_of(std::string_view text, const IndexedRegion& r) const;
  bool pass_lines_before(BGZF* fp, const IndexedRegion& r) const;
  static int block_line(BGZF* fp, kstring_t* line);
  static uint64_t block_tell(const BGZF* fp);
  static int seek_in_block(BGZF* fp, uint64_t start);
  std::unique_ptr<hts_idx_t, HtsIdxDeleter> idx_;  // BCF: htslib's index and iterators, with their regions
  std::vector<std::unique_ptr<hts_itr_t, HtsItrDeleter>> itrs_;
  std::vector<GenomicInterval> itr_spans_;
  size_t itr_at_ = 0;
  bool index_empty_ = false;  // the index holds none of the regions: nothing to read
  RecordPrefilter prefilter_;
  long skipped_passing_ = 0;
  std::string prefilter_chrom_;                              // raw CHROM of the last prefiltered record
  const std::vector<GenomicInterval>* prefilter_intervals_ = nullptr;  // its intervals (nullptr: none)
  int prefilter_rid_ = -2;                                   // BCF: rid of prefilter_intervals_
  void open_text_header(const std::string& path);
  void check_stream_end();
  bool text_ = false;       // text VCF (plain or compressed): read line by line
  std::string pending_record_;       // a record line read with the header (sites-only file without #CHROM)
  bool has_pending_record_ = false;
  long line_ = 0;           // physical line number of the current record (text only)
  // The line buffer, freed by its own destructor so that a constructor that throws (a header refused) leaks
  // nothing: ~VcfReader does not run then, the members' destructors do.
  struct LineBuffer {
    kstring_t s = {0, 0, nullptr};
    LineBuffer() = default;
    LineBuffer(const LineBuffer&) = delete;
    LineBuffer& operator=(const LineBuffer&) = delete;
    ~LineBuffer() { free(s.s); }
  };
  LineBuffer line_buf_;
  // Buffers htslib's bcf_get_format_*/bcf_get_info_* getters grow and reuse, freed once.
  struct ValueBuffers {
    int32_t* ints = nullptr;
    float* floats = nullptr;
    char* str = nullptr;
    char** strs = nullptr;
    int n_ints = 0, n_floats = 0, n_str = 0, n_strs = 0;
    ValueBuffers() = default;
    ValueBuffers(const ValueBuffers&) = delete;
    ValueBuffers& operator=(const ValueBuffers&) = delete;
    ~ValueBuffers();
  };
  ValueBuffers buf_;

 public:
  ~VcfReader();
  VcfReader(const VcfReader&) = delete;
  VcfReader& operator=(const VcfReader&) = delete;
};

// Whether an allele string is a plain sequence allele we can call on (A/C/G/T/N, any case), as opposed to
// symbolic (<DEL>), breakend, missing (.) or the spanning deletion (*).
bool is_sequence_allele(const char* allele);

// Whether a FILTER column as written counts as passing (PASS or '.'), as VcfReader::filter_pass() says of a record.
bool raw_filter_passes(std::string_view filter);

}  // namespace pathcorr
