// The MAF writer (see maf_writer.h).
#include "pipeline/report/maf_writer.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <ostream>

#include "annotators/maf_vocabulary.h"
#include "pipeline/io/table_io.h"

namespace pathcorr {

namespace {

// MAF-style alleles as written: only End_Position and Variant_Type to add.
MafAllele maf_style(long long pos, const std::string& ref, const std::string& alt) {
  MafAllele m;
  m.start = pos;
  m.ref = ref.empty() ? "-" : ref;
  m.alt = alt.empty() ? "-" : alt;
  m.end = m.ref == "-" ? pos + 1 : pos + static_cast<long long>(m.ref.size()) - 1;
  m.variant_type = maf_variant_type(m.ref, m.alt);
  return m;
}

}  // namespace

MafAllele vcf_to_maf_allele(long long pos, const std::string& ref, const std::string& alt) {
  if (ref == "-" || alt == "-") return maf_style(pos, ref, alt);
  // Strip the leading bases REF and ALT share (the VCF anchor base), as vcf2maf does; an insertion then sits
  // on the base before it (Start = that base, End = Start + 1).
  size_t k = 0;
  auto same = [](char a, char b) {
    return std::toupper(static_cast<unsigned char>(a)) == std::toupper(static_cast<unsigned char>(b));
  };
  while (k < ref.size() && k < alt.size() && same(ref[k], alt[k])) ++k;
  if (k == ref.size() && k == alt.size()) k = 0;  // REF == ALT: nothing to strip
  const std::string r = ref.substr(k), a = alt.substr(k);
  const long long start = r.empty() ? pos + static_cast<long long>(k) - 1 : pos + static_cast<long long>(k);
  return maf_style(start, r, a);
}

const std::vector<std::string>& maf_columns() {
  // maftools::validateMaf finds its required columns by case-insensitive substring match, so no extra column
  // name may contain one of them (e.g. "Chromosome", "Tumor_Sample_Barcode").
  // clang-format off
  static const std::vector<std::string> cols = {
      "Hugo_Symbol", "Entrez_Gene_Id", "Center", "NCBI_Build", "Chromosome", "Start_Position", "End_Position",
      "Strand", "Variant_Classification", "Variant_Type", "Reference_Allele", "Tumor_Seq_Allele1",
      "Tumor_Seq_Allele2", "Tumor_Sample_Barcode", "HGVSp_Short", "HGVSp", "Transcript_ID", "Consequence",
      "t_depth", "t_ref_count", "t_alt_count", "tumor_f", "MAX_AF", "FILTER", "vcf_tumor_sample", "alteration_class"};
  // clang-format on
  return cols;
}

void write_maf_head(std::ostream& os) {
  os << "#version 2.4\n";
  write_tsv_row(os, maf_columns());
}

void write_maf(std::ostream& os, const std::vector<Call>& calls) {
  write_maf_head(os);
  const std::string rows = maf_rows_text(calls);
  os.write(rows.data(), static_cast<std::streamsize>(rows.size()));
}

std::string maf_rows_text(const std::vector<Call>& calls) {
  std::string out;
  auto num = [](double x) { return std::isnan(x) ? std::string() : format_double(x); };
  for (const auto& c : calls) {
    if (!c.counted || c.ref == ".") continue;  // a MAF holds mutations: copy-number and SV calls are not written
    const MafAllele m = c.annotation == "maf" ? maf_style(c.pos, c.ref, c.alt) : vcf_to_maf_allele(c.pos, c.ref, c.alt);
    const double ref_count = std::isnan(c.depth) || std::isnan(c.alt_depth) ? std::nan("") : c.depth - c.alt_depth;
    std::string consequence = c.consequence == "unknown" ? "" : c.consequence;
    std::replace(consequence.begin(), consequence.end(), '&', ',');  // vcf2maf/GDC join with ','
    append_tsv_row(out, {c.gene,
                       "0",
                       ".",
                       c.build,
                       c.chrom,
                       std::to_string(m.start),
                       std::to_string(m.end),
                       "+",
                       so_to_maf_classification(c.consequence, m.variant_type),
                       m.variant_type,
                       m.ref,
                       m.ref,
                       m.alt,
                       c.patient_id,
                       c.protein_change.empty() ? "" : "p." + c.protein_change,
                       c.hgvsp,
                       c.transcript,
                       consequence,
                       num(c.depth),
                       num(ref_count),
                       num(c.alt_depth),
                       num(c.vaf),
                       num(c.pop_af),
                       c.filter.empty() ? "." : c.filter,
                       c.sample,
                       c.alteration_class});
  }
  return out;
}

}  // namespace pathcorr
