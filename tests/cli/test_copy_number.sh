# Copy number end to end (SPEC "Copy number and structural variants"): the example cohort's copy-number files in
# six formats give the calls examples/README.md lists; the matrix NA rule; --per-type-features and --cna-output;
# run == per-patient scan + join + test, byte for byte, with a SEG of five patients given to each of their scans;
# and the real files of tests/data/cnv give the calls ../shared/real-data/cnv/README.md expects ("What to
# expect"), where SPEC's rule agrees (the two places it does not are checked as SPEC decides, and say why).
source "$(dirname "$0")/lib.sh" "$@"
E=$REPO/examples/cohort
C=$DATA/cnv

# --- The example cohort with its copy-number files.
"$PATHCORR" run --no-version --quiet --clinical "$E/clinical.tsv" --outdir run --per-type-features \
  --cna-output run/data_CNA.txt --maf run/calls.maf "$E/vcf" "$E/cnv"
# The MAF holds the counted mutations only: no copy-number row.
expect_eq "$(($(grep -vc '^#' run/calls.maf) - 1))" \
  "$(awk -F'\t' '!/^#/ && $16 == "yes" && $5 != "."' run/calls.tsv | wc -l)" "MAF rows = counted mutations"
cn_row() {  # cn_row PATIENT GENE: "class counted reason" of the copy-number row
  awk -F'\t' -v p="$1" -v g="$2" '!/^#/ && $1 == p && $7 == g && $5 == "." {print $15, $16, $17}' run/calls.tsv
}
expect_eq "$(cn_row HN03 PIK3CA)" "amplification yes ." "HN03 PIK3CA (CNVkit log2 1.05; also H1047R)"
expect_eq "$(cn_row HN18 PIK3CA)" "amplification yes ." "HN18 PIK3CA (SEG of five patients, log2 0.95)"
expect_eq "$(cn_row HN22 PIK3CA)" "amplification yes ." "HN22 PIK3CA (GATK called.seg, log2 0.85)"
expect_eq "$(cn_row HN10 PTEN)" "deep_deletion yes ." "HN10 PTEN (PURPLE copy number 0.19)"
expect_eq "$(cn_row HN09 PIK3CA)" "gain no gain_not_amplification" "HN09 PIK3CA 3q gain"
expect_eq "$(cn_row HN16 PIK3CA)" "gain no gain_not_amplification" "HN16 PIK3CA 3q gain"
expect_eq "$(cn_row HN25 PIK3CA)" "gain no gain_not_amplification" "HN25 PIK3CA 3 copies (PCGR)"
expect_eq "$(cn_row HN31 PIK3CA)" "gain no gain_not_amplification" "HN31 PIK3CA 1 (data_CNA.txt)"
expect_eq "$(cn_row HN11 PTEN)" "shallow_deletion no shallow_not_deep_deletion" "HN11 PTEN 1.1 copies at ploidy 2"
expect_eq "$(cn_row HN14 PTEN)" "shallow_deletion no shallow_not_deep_deletion" "HN14 PTEN log2 -0.5"
expect_eq "$(awk -F'\t' '!/^#/ && $5 == "." && $16 == "yes"' run/calls.tsv | wc -l)" "4" "counted copy-number calls"
# Ploidy and purity used, and the build a file without one takes from its patient's VCF (HN06 is GRCh38).
expect_eq "$(awk -F'\t' '$2 ~ /HN12.purple/ {print $12, $14, $15}' run/samples.tsv)" "copy_number 2.9 NA" \
  "HN12 PURPLE ploidy from purity.tsv"
expect_eq "$(awk -F'\t' '$2 ~ /HN06.cnvkit/ {print $4}' run/samples.tsv)" "GRCh38" "HN06 CNVkit build from its VCF"
# Matrix: HN29 has no copy-number file, so its genes are NA unless mutated; the others are assessed.
expect_eq "$(tsv_get run/matrix.tsv patient_id HN29 PIK3CA)" "NA" "HN29 PIK3CA (no copy-number data)"
expect_eq "$(tsv_get run/matrix.tsv patient_id HN29 PIK3CA:mut)" "0" "HN29 PIK3CA:mut"
expect_eq "$(tsv_get run/matrix.tsv patient_id HN29 PIK3CA:amp)" "NA" "HN29 PIK3CA:amp"
expect_eq "$(tsv_get run/matrix.tsv patient_id HN18 PIK3CA)" "1" "HN18 PIK3CA"
expect_eq "$(tsv_get run/matrix.tsv patient_id HN18 PIK3CA:mut)" "0" "HN18 PIK3CA:mut"
expect_eq "$(tsv_get run/matrix.tsv patient_id HN03 PIK3CA:amp)" "1" "HN03 PIK3CA:amp"
expect_eq "$(tsv_get run/matrix.tsv patient_id HN10 PTEN:del)" "1" "HN10 PTEN:del"
expect_eq "$(tsv_get run/matrix.tsv patient_id HN10 PTEN:mut)" "0" "HN10 PTEN:mut"
expect_eq "$(tsv_get run/associations.tsv feature PTEN n_altered)" "4" "PTEN altered: 3 mutated + 1 deleted"
expect_eq "$(tsv_get run/matrix.tsv patient_id HN16 PIK3CA)" "0" "HN16 PIK3CA (gain only)"
expect_eq "$(tsv_get run/associations.tsv feature PIK3CA n_altered)" "6" "PIK3CA altered: 4 mutated + 2 amplified only"
expect_eq "$(tsv_get run/associations.tsv feature PIK3CA:amp feature_type)" "alteration_type" "PIK3CA:amp type"
# data_CNA.txt: cBioPortal's discrete values, NA where no file assessed the gene, no comment lines.
expect_eq "$(head -c1 run/data_CNA.txt)" "H" "data_CNA.txt starts with its header"
expect_eq "$(tsv_get run/data_CNA.txt Hugo_Symbol PIK3CA HN03)" "2" "data_CNA HN03 PIK3CA"
expect_eq "$(tsv_get run/data_CNA.txt Hugo_Symbol PTEN HN10)" "-2" "data_CNA HN10 PTEN"
expect_eq "$(tsv_get run/data_CNA.txt Hugo_Symbol PTEN HN11)" "-1" "data_CNA HN11 PTEN"
expect_eq "$(tsv_get run/data_CNA.txt Hugo_Symbol PIK3CA HN09)" "1" "data_CNA HN09 PIK3CA"
head -1 run/data_CNA.txt | grep -q HN29 && fail "data_CNA.txt lists HN29, which has no copy-number data"

# --- Scatter/gather: one sample sheet with vcf and cnv columns; the SEG of five patients on each of their rows.
{
  printf 'patient_id\tvcf\tcnv\n'
  for f in "$E"/vcf/*; do b=$(basename "$f"); printf '%s\t%s\t\n' "${b%%.*}" "$f"; done
  for f in "$E"/cnv/*.cns "$E"/cnv/*.purple.cnv.somatic.tsv "$E"/cnv/*.called.seg "$E"/cnv/*.pcgr.cna.tsv; do
    b=$(basename "$f"); printf '%s\t\t%s\n' "${b%%.*}" "$f"
  done
  for p in HN14 HN15 HN16 HN18 HN20; do printf '%s\t\t%s\n' "$p" "$E/cnv/HNSCC_cohort.seg"; done
  printf 'HN31\t\t%s\n' "$E/cnv/data_CNA.txt"
} > sheet.tsv
"$PATHCORR" run --no-version --quiet --samples sheet.tsv --clinical "$E/clinical.tsv" --outdir sheetrun
cmp -s <(grep -v '^#' run/calls.tsv | cut -f1-17 | sort) <(grep -v '^#' sheetrun/calls.tsv | cut -f1-17 | sort) ||
  fail "the sheet gives other calls than the directories"
mkdir -p calls sheets
for p in $(awk -F'\t' 'NR > 1 {print $1}' sheet.tsv | sort -u); do
  awk -F'\t' -v p="$p" 'NR == 1 || $1 == p' sheet.tsv > "sheets/$p.tsv"
  "$PATHCORR" scan --no-version --quiet --samples "sheets/$p.tsv" --output "calls/$p.calls.tsv"
done
"$PATHCORR" join --no-version --quiet --clinical "$E/clinical.tsv" --output matrix.tsv --samples-output samples.tsv \
  calls/*.calls.tsv
"$PATHCORR" test --no-version --quiet --matrix matrix.tsv --clinical "$E/clinical.tsv" --output associations.tsv
cmp -s matrix.tsv sheetrun/matrix.tsv || fail "scan per patient + join: matrix differs from run"
cmp -s associations.tsv sheetrun/associations.tsv || fail "scan per patient + join + test: associations differ"
# The Snakemake workflow on the same sheet: one scan per patient (the SEG handed to each of its five patients).
if command -v snakemake >/dev/null 2>&1; then
  snakemake -s "$REPO/workflows/snakemake/Snakefile" --cores 2 --quiet --config samples="$WORK/sheet.tsv" \
    clinical="$E/clinical.tsv" outdir="$WORK/smk" pathcorr="$PATHCORR" extra_args="--no-version" \
    >smk.log 2>&1 || { fail "snakemake failed"; tail -20 smk.log >&2; }
  cmp -s smk/matrix.tsv sheetrun/matrix.tsv || fail "Snakemake matrix.tsv differs from run"
  cmp -s smk/associations.tsv sheetrun/associations.tsv || fail "Snakemake associations.tsv differs from run"
else
  echo "SKIP (part): snakemake is not installed; the workflow check with copy number did not run" >&2
fi
# A patient the sheet names for a file of many patients, without a sample there, is refused naming both.
printf 'patient_id\tcnv\nHN99\t%s\n' "$E/cnv/HNSCC_cohort.seg" > bad_sheet.tsv
expect_exit 1 "$PATHCORR" scan --quiet --samples bad_sheet.tsv --output bad.tsv
expect_stderr "HNSCC_cohort.seg: the sample sheet names patient 'HN99'"
[[ -e bad.tsv ]] && fail "a refused scan left bad.tsv"

# --- Build: a file that states none, for a patient without a VCF, needs --build.
expect_exit 1 "$PATHCORR" scan --quiet --output b.tsv "$C/cnvkit_nv3.cns"
expect_stderr "cnvkit_nv3.cns: cannot tell the genome build.*--build"

# --- Real files (tests/data/cnv; ../shared/real-data/cnv/README.md "What to expect").
real() {  # real FILE [ARGS]: scan FILE alone (GRCh37 where it states no build) into real.tsv
  local f=$1; shift
  "$PATHCORR" scan --no-version --quiet --build GRCh37 "$@" --output real.tsv "$C/$f"
}
call_of() {  # call_of PATIENT GENE: "class counted" (empty when copy neutral)
  awk -F'\t' -v p="$1" -v g="$2" '!/^#/ && $1 == p && $7 == g {print $15, $16}' real.tsv
}
real purple_COLO829T.purple.cnv.somatic.tsv
expect_eq "$(call_of purple_COLO829T PTEN)" "deep_deletion yes" "COLO829 PTEN deep deletion (PURPLE CN 0)"
expect_eq "$(call_of purple_COLO829T PIK3CA)" "gain no" "COLO829 PIK3CA 4.0 at ploidy 3.1 is no amplification"
grep -q 'ploidy=3.1' real.tsv || fail "PURPLE ploidy 3.1 not taken from purity.tsv"
real cnvkit_amplicon.cns
# SPEC: the lowest value over the gene decides; 47 kb of PIK3CA's coding exons sit in a +0.26 segment and the
# +0.91 focal segment covers only its 3' end, so the gene is a gain with a partial amplification (PURPLE's
# PARTIAL_AMP), counted as an amplification with --cn-partial-amp, as the README of the data expects.
expect_eq "$(awk -F'\t' '!/^#/ && $7 == "PIK3CA" {print $15, $16, $17}' real.tsv)" \
  "gain no gain_not_amplification,partial_amplification" "amplicon PIK3CA by SPEC's rule"
real cnvkit_amplicon.cns --cn-partial-amp
expect_eq "$(awk -F'\t' '!/^#/ && $7 == "PIK3CA" {print $15, $16, $24}' real.tsv)" "amplification yes 0.91199" \
  "amplicon PIK3CA amplification with --cn-partial-amp"
real gatk_SM-74NF5.called.seg
expect_eq "$(call_of gatk_SM-74NF5 PIK3CA)" "gain no" "GATK 3q +0.49 (CALL +) is a gain"
real pcgr_T001-BRCA.grch37.cna.tsv
expect_eq "$(call_of pcgr_T001-BRCA PIK3CA)" "gain no" "PCGR PIK3CA 3 copies"
real cnvkit_nv3.cns
expect_eq "$(call_of cnvkit_nv3 PIK3CA)" "gain no" "nv3 PIK3CA +0.29"
real cnvkit_cw-tr-log2.seg
expect_eq "$(call_of TR_11_T PIK3CA)" "gain no" "TR_11_T PIK3CA +0.40"
expect_eq "$(call_of TR_95_T PTEN)" "shallow_deletion no" "TR_95_T PTEN -0.45"
real cnvkit_tr95t.segmetrics.cns
expect_eq "$(call_of cnvkit_tr95t PTEN)" "shallow_deletion no" "tr95t PTEN -0.45"
real maftools_LAML_CBS_segments.tsv.gz
expect_eq "$(call_of TCGA-AB-2915 PTEN)" "shallow_deletion no" "TCGA-AB-2915 PTEN -0.94"
expect_eq "$(awk -F'\t' '!/^#/ && $16 == "yes" && ($7 == "PIK3CA" || $7 == "PTEN")' real.tsv | wc -l)" "0" \
  "LAML: no PIK3CA or PTEN call counted"
for f in cnvkit_p2-9_2.call.cns cnvkit_p2-9_2.cns lumpy_example.cns; do
  real "$f"
  expect_eq "$(awk -F'\t' '!/^#/ && $16 == "yes"' real.tsv | wc -l)" "0" "$f: negative control, nothing counted"
done
real ascat_A17.fast.segments.txt
# ASCAT states no ploidy; SPEC's default is 2, and 9 copies >= 2 x 2 is an amplification. The data's README calls
# it no amplification under PURPLE's rule (> 3 x ploidy, ploidy ~4 here): --amp-factor 3 --ploidy 4 says so.
expect_eq "$(call_of A17F-0095_CRUK_PC_0095_M5 PIK3CA)" "amplification yes" "ASCAT PIK3CA 9 copies at ploidy 2"
real ascat_A17.fast.segments.txt --amp-factor 3 --ploidy 4
expect_eq "$(call_of A17F-0095_CRUK_PC_0095_M5 PIK3CA)" "gain no" "ASCAT PIK3CA 9 copies, PURPLE's rule"
real cnvkit_amplicon.cns --policy oncogenic
# The +1.38 segment joining RET, PTEN and FGFR2 targets: an amplification by SPEC's table, never counted for the
# tumour suppressor PTEN under --policy oncogenic.
expect_eq "$(awk -F'\t' '!/^#/ && $7 == "PTEN" {print $15, $16, $17}' real.tsv)" "amplification no gain_in_tsg" \
  "amplicon PTEN +1.38 under --policy oncogenic"
# SV VCFs: the COLO829 PTEN deletion junction (10:89,700,299 <-> 10:89,712,341, PASS) as a GRIDSS and an Esvee
# breakend pair removes coding bases of PTEN exon 6: class structural, counted; the file assesses no gene.
real gridss_colo829_1.gridss.somatic.vcf --tumor-sample COLO829v001T_dedup.realigned.bam
expect_eq "$(call_of gridss_colo829_1 PTEN)" "structural yes" "COLO829 PTEN from the GRIDSS breakend pair"
grep -q 'kind=structural' real.tsv || fail "GRIDSS VCF not of kind structural"
real purple_COLO829T.purple.sv.vcf --tumor-sample tumor_sample
expect_eq "$(call_of purple_COLO829T PTEN)" "structural yes" "COLO829 PTEN from the Esvee/PURPLE breakend pair"
expect_eq "$(awk -F'\t' '!/^#/ && $7 == "PTEN" {print $4, $26}' real.tsv)" "89700300 89712340" "the deleted bases"
# A run with the PURPLE segments and the SV VCF of the same patient: PTEN altered twice over, one patient.
mkdir -p colo && cp "$C/purple_COLO829T.purple.cnv.somatic.tsv" "$C/purple_COLO829T.purple.purity.tsv" colo/
cp "$C/purple_COLO829T.purple.sv.vcf" colo/purple_COLO829T.sv.vcf
printf 'patient_id\tbest_response\npurple_COLO829T\tPR\n' > colo_clinical.tsv
"$PATHCORR" run --no-version --quiet --build GRCh37 --tumor-sample tumor_sample --clinical colo_clinical.tsv \
  --outdir colo_run colo
expect_eq "$(tsv_get colo_run/matrix.tsv patient_id purple_COLO829T PTEN)" "1" "COLO829 PTEN in the matrix"
expect_eq "$(awk -F'\t' '!/^#/ && $7 == "PTEN" {print $15}' colo_run/calls.tsv | sort | tr '\n' ' ')" \
  "deep_deletion structural " "COLO829 PTEN: deep deletion (segments) and structural (junction)"
# gCNV copy-number VCFs: read as copy number (a gene without a record is copy neutral); nothing at PIK3CA/PTEN.
real gatk_gcnv_segments_output_SAMPLE_001.vcf
grep -q 'kind=copy_number' real.tsv || fail "gCNV VCF not of kind copy_number"
expect_eq "$(awk -F'\t' '!/^#/ && ($7 == "PIK3CA" || $7 == "PTEN")' real.tsv | wc -l)" "0" "gCNV: no PIK3CA/PTEN call"
real gatk_gcnv_NA20533.fragmented.segments.vcf.gz
expect_eq "$(awk -F'\t' '!/^#/ && ($7 == "PIK3CA" || $7 == "PTEN")' real.tsv | wc -l)" "0" "gCNV NA20533: neutral"
real svtools_lumpy_NA12878.vcf
expect_eq "$(awk -F'\t' '!/^#/ && $16 == "yes"' real.tsv | wc -l)" "0" "LUMPY: nothing counted"
# Records that start far before a gene and end after it: a copy-number VCF's CN=0 segment and an SV <DEL> over
# PTEN (GRCh37 10:89,623,195-89,728,532), and a gain segment over PIK3CA. Whatever the reading (streamed with
# the position prefilter, or through an index), they must reach the collector.
vcf_head='##fileformat=VCFv4.2
##contig=<ID=3,length=198022430>
##contig=<ID=10,length=135534747>
##ALT=<ID=DEL,Description="Deletion">
##ALT=<ID=DUP,Description="Duplication">
##INFO=<ID=END,Number=1,Type=Integer,Description="End">
##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">
##FORMAT=<ID=CN,Number=1,Type=Integer,Description="Copy number">'
{ printf '%s\n' "$vcf_head"; printf '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tT1\n'
  printf '3\t170000000\tc1\tN\t<DUP>\t.\tPASS\tEND=185000000\tGT:CN\t./.:7\n'
  printf '10\t80000000\tc2\tN\t<DEL>\t.\tPASS\tEND=95000000\tGT:CN\t./.:0\n'; } > T1.cn.vcf
real_path() { "$PATHCORR" scan --no-version --quiet "$@" --output real.tsv; }
real_path T1.cn.vcf
expect_eq "$(call_of T1 PTEN)" "deep_deletion yes" "CN VCF: CN 0 segment over PTEN from 10 Mb before it"
expect_eq "$(call_of T1 PIK3CA)" "amplification yes" "CN VCF: CN 7 segment over PIK3CA"
{ printf '%s\n##INFO=<ID=SVTYPE,Number=1,Type=String,Description="Type">\n' "$vcf_head"
  printf '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tT2\n'
  printf '10\t89000000\tsv1\tN\t<DEL>\t.\tPASS\tSVTYPE=DEL;END=89700000\tGT\t0/1\n'; } > T2.sv.vcf
real_path T2.sv.vcf
expect_eq "$(call_of T2 PTEN)" "structural yes" "SV <DEL> from 600 kb before PTEN into its exons"
if command -v bgzip >/dev/null && command -v tabix >/dev/null; then
  for f in T1.cn.vcf T2.sv.vcf; do bgzip -c "$f" > "$f.gz" && tabix -p vcf "$f.gz"; done
  real_path T1.cn.vcf.gz
  expect_eq "$(call_of T1 PTEN)" "deep_deletion yes" "indexed CN VCF: PTEN"
  real_path T2.sv.vcf.gz
  expect_eq "$(call_of T2 PTEN)" "structural yes" "indexed SV VCF: PTEN"
fi
real maftools_TCGA.AB.3009.hg19.seg.txt --policy oncogenic
# A 7-probe -1.30 segment inside PIK3CA: a deep deletion by SPEC's rule (a focal loss inside the gene counts),
# counted by the default policy, and not for an oncogene under --policy oncogenic.
expect_eq "$(call_of TCGA-AB-3009 PIK3CA)" "deep_deletion no" "TCGA-AB-3009 PIK3CA -1.30 under --policy oncogenic"
finish
