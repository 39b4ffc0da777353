// VCF/BCF input through htslib: RAII handles, input discovery, tumour-sample choice, genome-build detection,
// record validation beyond htslib's, and tumour depth/VAF from whichever caller fields a file carries.
// Knows nothing of genes, annotation or alteration policy.
#pragma once
#include <htslib/kstring.h>
#include <htslib/vcf.h>

#include <cmath>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/input/caller_depth.h"
#include "reference/reference.h"

namespace pathcorr {

struct HtsFileCloser { void operator()(htsFile* f) const; };
struct BcfHdrDeleter { void operator()(bcf_hdr_t* h) const { bcf_hdr_destroy(h); } };
struct Bcf1Deleter { void operator()(bcf1_t* r) const { bcf_destroy(r); } };
using HtsFilePtr = std::unique_ptr<htsFile, HtsFileCloser>;
using BcfHdrPtr = std::unique_ptr<bcf_hdr_t, BcfHdrDeleter>;
using Bcf1Ptr = std::unique_ptr<bcf1_t, Bcf1Deleter>;

// Files named on the command line: files as given, directories expanded (not recursively) to the .vcf, .vcf.gz,
// .vcf.bgz, .bcf and ANNOVAR _multianno.txt files they hold and to the other files whose content is a copy-number
// format (io/detect.h), sorted by name. Index files (.tbi, .csi, .fai, .gzi, .bai, .crai) are passed over, and
// so is a PURPLE *.purple.purity.tsv whose *.purple.cnv.somatic.tsv is in the directory (its reader reads it);
// every other file of a directory goes to `ignored` (when given), for the caller to report. Throws InputError for
// a path that does not exist and for a directory with no input file.
std::vector<std::string> expand_inputs(const std::vector<std::string>& paths,
                                       std::vector<std::string>* ignored = nullptr);

// An open VCF/BCF with its header checked. Reading is sequential through next().
class VcfReader {
 public:
  // Opens a regular file (plain, gzip/BGZF or BCF; content decides). A text header htslib refuses only for its
  // form (no ##fileformat line, ##fileformat below line 1, '# ...' lines before #CHROM, no #CHROM line above
  // 8-column records) is read and described in warnings(); any other damage throws InputError naming the line.
  explicit VcfReader(const std::string& path);
  const std::string& path() const { return path_; }
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

  // Next record, unpacked and validated (POS, alleles, sample columns); false at the end of the file. Throws
  // InputError naming the file and record on a damaged record or a damaged/truncated compressed stream.
  bool next();
  bcf1_t* record() const { return rec_.get(); }
  long record_number() const { return nrec_; }
  // "file: record N (chrom:pos)" for messages about the current record.
  std::string where() const;
  // Warnings found while opening (missing BGZF EOF marker ...), for the caller to print.
  const std::vector<std::string>& warnings() const { return warnings_; }
  // ALT alleles read so far that are not VCF alleles (never called), and the first of them for the message.
  long odd_alts() const { return odd_alts_; }
  const std::string& first_odd_alt() const { return first_odd_alt_; }

  AlleleDepth allele_depth(int tumor, int alt_index, const DepthTags& tags);
  // FILTER column as text: "PASS", "." or "a;b".
  std::string filter_text() const;
  bool filter_pass() const;
  // Raw text of an INFO tag ("" when absent); flags give "1".
  std::string info_string(const char* tag);
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
  std::vector<std::string> warnings_;
  bool read_text_record();
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

}  // namespace pathcorr
