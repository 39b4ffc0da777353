#!/usr/bin/env bash
# bench/scale_scan.sh: the cohort-scale scan benchmark of issue 12, in one run on the same files: a seeded cohort
# (bench/sim_cohort.py: SCALE_PATIENTS Mutect2-like exome VCFs x SCALE_RECORDS records, bgzipped, with .tbi) read by
#   pathcorr scan (index, --threads 2 and 1), pathcorr scan --no-index (--threads 1 and 2),
#   the bcftools region loop  for f: bcftools view -R genes.bed -f PASS -i 'FORMAT/AF[1:0]>=0.05' f | bcftools query,
#   the same loop streaming with a targets file (bcftools view -T genes.bed, no index),
#   bgzip -dc of every file (the floor for reading the files whole),
#   bench/block_floor.cpp: the floors of reading through the regions, decompressing only the BGZF blocks that
#   hold the genes' records; those and the blocks a reader without the index's bins must also read; those and
#   the .tbi whole (its own timing, without finding the blocks, which it does untimed).
# BENCH_REPS repetitions, the tools alternating; medians of wall, CPU and peak RSS, ratios. Checks that the calls
# are the same indexed and streamed, and that --threads 1 and 2 give byte-identical calls.tsv. Writes
# $BENCH_OUT/scale_scan.md. Knobs: SCALE_PATIENTS (200), SCALE_RECORDS (50000).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require bcftools bgzip tabix python3
PC="$(pathcorr_binary)"
PATIENTS="${SCALE_PATIENTS:-200}"
RECORDS="${SCALE_RECORDS:-50000}"
D="$BENCH_OUT/scale"
C="$D/cohort"
mkdir -p "$D"
python3 "$BENCH_DIR/sim_cohort.py" "$C" --patients "$PATIENTS" --records "$RECORDS"
BED="$C/genes_GRCh37.bed"
LIST="$C/files.txt"
# The folder holds exactly the cohort's VCFs (files.txt), nothing else that scan would pick up.
[[ $(find "$C" -maxdepth 1 -name '*.vcf.gz' | wc -l) -eq $PATIENTS ]] ||
  { echo "bench: $C holds other VCFs than the $PATIENTS of the cohort; remove it and rerun" >&2; exit 1; }

RAW="$BENCH_OUT/scale_raw.tsv"
rm -f "$RAW"
T_I2="pathcorr scan (index, --threads 2)"
T_I1="pathcorr scan (index, --threads 1)"
T_S1="pathcorr scan --no-index --threads 1"
T_S2="pathcorr scan --no-index --threads 2"
T_R="bcftools view -R | query loop"
T_T="bcftools view -T | query loop"
T_Z="bgzip -dc loop"
QUERY='%CHROM\t%POS\t%REF\t%ALT\t%FILTER[\t%AF]\n'
loop() {  # loop VIEW_ARGS OUT: the bcftools loop over the files
  printf 'while read -r f; do bcftools view %s -f PASS -i "FORMAT/AF[1:0]>=0.05" -Ou "$f" | bcftools query -f %q; done < %q > %q' \
    "$1" "$QUERY" "$LIST" "$2"
}
# The floors of indexed reading: built here with htslib (as pathcorr reads blocks).
FLOOR="$BENCH_OUT/block_floor"
g++ -std=c++17 -O2 "$BENCH_DIR/block_floor.cpp" -lhts -o "$FLOOR"
FLOOR_RAW="$BENCH_OUT/scale_floor.tsv"
rm -f "$FLOOR_RAW"
LOAD_START="$(load_note)"
for rep in $(seq 1 "$BENCH_REPS"); do
  measure "$RAW" scale "$T_I2" "$rep" "$PC" scan --no-version --quiet --threads 2 -o "$D/index_t2.tsv" "$C"
  measure "$RAW" scale "$T_R" "$rep" bash -c "$(loop "-R '$BED'" "$D/bcftools_R.tsv")"
  measure "$RAW" scale "$T_I1" "$rep" "$PC" scan --no-version --quiet --threads 1 -o "$D/index_t1.tsv" "$C"
  measure "$RAW" scale "$T_S1" "$rep" "$PC" scan --no-version --quiet --no-index --threads 1 -o "$D/stream_t1.tsv" "$C"
  measure "$RAW" scale "$T_Z" "$rep" bash -c "while read -r f; do bgzip -dc \"\$f\"; done < '$LIST' > /dev/null"
  measure "$RAW" scale "$T_S2" "$rep" "$PC" scan --no-version --quiet --no-index --threads 2 -o "$D/stream_t2.tsv" "$C"
  measure "$RAW" scale "$T_T" "$rep" bash -c "$(loop "-T '$BED'" "$D/bcftools_T.tsv")"
  for t in 2 1; do "$FLOOR" "$BED" "$t" "$LIST" > "$FLOOR_RAW.one"; sed "s/^/$t\t/" "$FLOOR_RAW.one" >> "$FLOOR_RAW"; done
done
rm -f "$FLOOR_RAW.one"
LOAD_END="$(load_note)"

# The same calls either way; byte-identical outputs whatever --threads.
rows() { grep -v '^#' "$1"; }
checks=()
if diff -q <(rows "$D/index_t1.tsv") <(rows "$D/stream_t1.tsv") >/dev/null; then
  checks+=("calls indexed = calls streamed: yes ($(rows "$D/index_t1.tsv" | tail -n +2 | wc -l) rows)")
else
  checks+=("calls indexed = calls streamed: NO (diff $D/index_t1.tsv $D/stream_t1.tsv)")
fi
for pair in "index_t1 index_t2" "stream_t1 stream_t2"; do
  set -- $pair
  if cmp -s "$D/$1.tsv" "$D/$2.tsv"; then checks+=("$1.tsv = $2.tsv byte for byte: yes")
  else checks+=("$1.tsv = $2.tsv byte for byte: NO"); fi
done
counted=$(rows "$D/index_t1.tsv" | awk -F'\t' 'NR > 1 && $16 == "yes"' | wc -l)
records_index=$(grep '^#input' "$D/index_t1.tsv" | tr '\t' '\n' | awk -F= '$1 == "records" { n += $2 } END { print n }')
records_stream=$(grep '^#input' "$D/stream_t1.tsv" | tr '\t' '\n' | awk -F= '$1 == "records" { n += $2 } END { print n }')
{
  echo "### Cohort scale: pathcorr scan vs the bcftools region loop ($BENCH_REPS repetitions)"
  echo
  echo "Inputs: $PATIENTS Mutect2-like exome VCFs x $RECORDS records (bench/sim_cohort.py, seed 12), bgzipped with"
  echo ".tbi, $(du -cm "$C"/*.vcf.gz | tail -n 1 | cut -f1) MB in all; gene regions: the $(wc -l < "$BED") genes of the built-in set (GRCh37)."
  echo "Load: start $LOAD_START; end $LOAD_END."
  echo
  echo "Records examined: $records_index through the indexes, $records_stream streamed. Calls: $(rows "$D/index_t1.tsv" | tail -n +2 | wc -l) rows, $counted counted;"
  echo "the bcftools -R loop prints $(wc -l < "$D/bcftools_R.tsv") records (PASS, tumour AF >= 0.05, in the genes), the -T loop $(wc -l < "$D/bcftools_T.tsv")."
  for c in "${checks[@]}"; do echo "- $c"; done
  echo
  # threads floor files blocks blocks/file MB wall cpu: medians per floor and thread count, against the region
  # loop and pathcorr indexed with as many threads
  python3 - "$FLOOR_RAW" "$RAW" "$T_R" "$T_I2" "$T_I1" <<'PY'
import statistics, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
raw = [r for r in (l.rstrip("\n").split("\t") for l in open(sys.argv[2])) if len(r) > 7 and r[7] == "0"]
def wall_of(tool):
    return statistics.median(float(r[3]) for r in raw if r[1] == tool)
region_loop = wall_of(sys.argv[3])
pathcorr = {"2": wall_of(sys.argv[4]), "1": wall_of(sys.argv[5])}
what = {
    "records": "only the blocks that hold a byte of a record in the genes (any exact reader)",
    "binless": "those and, for each gene, the block before its first record's (an exact reader without the index's bins)",
    "tbi": "the genes' blocks and the .tbi whole (a reader through the index's bins)",
}
for t in ("2", "1"):
    for floor in ("records", "binless", "tbi"):
        mine = [r for r in rows if r[0] == t and r[1] == floor]
        if not mine:
            continue
        wall = statistics.median(float(r[6]) for r in mine)
        cpu = statistics.median(float(r[7]) for r in mine)
        print(f"- floor {floor}, threads {t}: {what[floor]}: {mine[0][3]} blocks ({mine[0][4]} per file, "
              f"{mine[0][5]} MB) take {wall:.3f} s wall, {cpu:.3f} s CPU (median of {len(mine)}); "
              f"the region loop / this floor = {region_loop / wall:.1f}, pathcorr indexed / this floor = "
              f"{pathcorr[t] / wall:.2f}")
PY
  echo
  python3 "$BENCH_DIR/summarize.py" --raw "$RAW" \
    --ratio "bcftools -R loop / pathcorr index --threads 2=$T_R/$T_I2" \
    --ratio "bcftools -R loop / pathcorr index --threads 1=$T_R/$T_I1" \
    --ratio "pathcorr --no-index --threads 1 / bgzip -dc=$T_S1/$T_Z" \
    --ratio "bcftools -T loop / pathcorr --no-index --threads 1=$T_T/$T_S1" \
    --ratio "pathcorr --no-index --threads 1 / --threads 2=$T_S1/$T_S2"
} > "$BENCH_OUT/scale_scan.md"
cat "$BENCH_OUT/scale_scan.md"
