#!/usr/bin/env bash
# bench/scan_vs_bcftools.sh: `pathcorr scan` of one large somatic VCF against the nearest bcftools work over the
# same bgzipped file: decompress + parse + filter (FILTER=PASS, FORMAT/DP>=10) + print with
# `bcftools view -i ... -Ou | bcftools query`, the same restricted to the 29 pathway genes with a streamed
# targets file (-T, no index: the closest to what scan does), and `bcftools view -Ou -o /dev/null` (parse only)
# as the floor. Then a VEP-annotated file (CSQ on every record, 3 transcripts each) against
# `bcftools +split-vep -f '%CHROM %POS %SYMBOL %Consequence\n'`. BENCH_REPS (3) repetitions back to back,
# medians. Writes $BENCH_OUT/scan_vs_bcftools.md.
#   SCAN_RECORDS (3000000) VEP_RECORDS (3000000): records of the plain and of the VEP-annotated VCF
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require bcftools bgzip python3
PC="$(pathcorr_binary)"
RECORDS="${SCAN_RECORDS:-3000000}"
VEP_RECORDS="${VEP_RECORDS:-3000000}"
D="$BENCH_OUT/scan"
mkdir -p "$D"
PLAIN="$D/BENCH01.mutect2.vcf.gz"
VEP="$D/BENCH02.mutect2.vep.vcf.gz"

# gen FILE STAMP ARGS...: regenerates FILE only when the generator or its arguments changed.
gen() {
  local file="$1" stamp="$2"
  shift 2
  stamp="$stamp $(md5sum < "$BENCH_DIR/gen_vcf.py" | cut -c1-12)"
  if [[ -s "$file" && "$(cat "$file.stamp" 2>/dev/null)" == "$stamp" ]]; then return; fi
  echo "bench: generating $file ($*)" >&2
  python3 "$BENCH_DIR/gen_vcf.py" "$@" | bgzip -c > "$file.tmp"
  mv "$file.tmp" "$file"
  echo "$stamp" > "$file.stamp"
}
gen "$PLAIN" "records=$RECORDS" --records "$RECORDS" --sample BENCH01 --seed 7
gen "$VEP" "records=$VEP_RECORDS vep" --records "$VEP_RECORDS" --sample BENCH02 --seed 8 --vep --transcripts 3

# The 29 genes of the built-in set as a bcftools targets file (CHROM, BEG, END; 1-based inclusive).
grep -v '^#' "$REPO_DIR/reference/genes_GRCh37.tsv" | awk -F'\t' 'NR > 1 { print $2 "\t" $3 "\t" $4 }' \
  | sort -k1,1V -k2,2n > "$D/genes_GRCh37.targets"

RAW="$BENCH_OUT/scan_raw.tsv"
rm -f "$RAW"
FILTER='FILTER="PASS" && FORMAT/DP>=10'
QUERY='%CHROM\t%POS\t%REF\t%ALT\t%FILTER[\t%AD\t%AF\t%DP]\n'
T_PC="pathcorr scan"
T_VQ="bcftools view -i | query"
T_VTQ="bcftools view -T genes -i | query"
T_FLOOR="bcftools view (parse only)"
T_PCV="pathcorr scan (VEP)"
T_SV="bcftools +split-vep"
T_FLOORV="bcftools view (parse only, VEP)"
LOAD_START="$(load_note)"
for rep in $(seq 1 "$BENCH_REPS"); do
  measure "$RAW" scan "$T_PC" "$rep" "$PC" scan --quiet --output "$D/calls_plain.tsv" "$PLAIN"
  measure "$RAW" scan "$T_VQ" "$rep" bash -c \
    "bcftools view -i '$FILTER' -Ou '$PLAIN' | bcftools query -f '$QUERY' > '$D/bcftools_plain.tsv'"
  measure "$RAW" scan "$T_VTQ" "$rep" bash -c \
    "bcftools view -T '$D/genes_GRCh37.targets' -i '$FILTER' -Ou '$PLAIN' | bcftools query -f '$QUERY' > '$D/bcftools_genes.tsv'"
  measure "$RAW" scan "$T_FLOOR" "$rep" bcftools view -Ou -o /dev/null "$PLAIN"
done
for rep in $(seq 1 "$BENCH_REPS"); do
  measure "$RAW" scan-vep "$T_PCV" "$rep" "$PC" scan --quiet --output "$D/calls_vep.tsv" "$VEP"
  measure "$RAW" scan-vep "$T_SV" "$rep" bash -c \
    "bcftools +split-vep -f '%CHROM %POS %SYMBOL %Consequence\n' '$VEP' > '$D/split_vep.txt'"
  measure "$RAW" scan-vep "$T_FLOORV" "$rep" bcftools view -Ou -o /dev/null "$VEP"
done
LOAD_END="$(load_note)"

count() { grep -vc '^#' "$1" || true; }
{
  echo "### pathcorr scan vs bcftools ($BENCH_REPS repetitions)"
  echo
  echo "Inputs: plain Mutect2-like VCF, $RECORDS records requested ($(zcat "$PLAIN" | grep -vc '^#') written,"
  echo "$(du -m "$PLAIN" | cut -f1) MB bgzipped); VEP-annotated, $VEP_RECORDS requested ($(zcat "$VEP" | grep -vc '^#') written,"
  echo "3 CSQ transcripts per record, $(du -m "$VEP" | cut -f1) MB bgzipped). Load: start $LOAD_START; end $LOAD_END."
  echo
  echo "Rows out: pathcorr calls $(count "$D/calls_plain.tsv") (plain) / $(count "$D/calls_vep.tsv") (VEP);"
  echo "bcftools query $(count "$D/bcftools_plain.tsv") (all PASS, DP>=10) / $(count "$D/bcftools_genes.tsv") (in the 29 genes);"
  echo "split-vep $(count "$D/split_vep.txt")."
  echo
  python3 "$BENCH_DIR/summarize.py" --raw "$RAW" \
    --ratio "pathcorr / bcftools view -i | query=$T_PC/$T_VQ" \
    --ratio "pathcorr / bcftools view -T genes -i | query=$T_PC/$T_VTQ" \
    --ratio "pathcorr / bcftools view (parse only)=$T_PC/$T_FLOOR" \
    --ratio "pathcorr (VEP) / bcftools +split-vep=$T_PCV/$T_SV" \
    --ratio "pathcorr (VEP) / bcftools view (parse only)=$T_PCV/$T_FLOORV"
} > "$BENCH_OUT/scan_vs_bcftools.md"
cat "$BENCH_OUT/scan_vs_bcftools.md"
