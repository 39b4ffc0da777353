#!/usr/bin/env bash
# bench/join_memory.sh: peak memory of `pathcorr join` (a gather through --inputs-from) and `pathcorr test` on
# the two cohort shapes of issue 12: 100,000 patients x 30 features (the built-in PI3K_MTOR genes + the pathway)
# and 500 patients x 20,001 features (20,000 synthetic genes + their set), each also at half size, to show that
# memory grows linearly with the matrix. Seeded data from bench/gen_calls.py (calls.tsv shards of 100 patients,
# as a scatter of `pathcorr scan` over 100 VCFs at a time writes them). Run by hand, not in CI; tests never
# assert on time. Writes $BENCH_OUT/join_memory.md.
#   JOIN_SIZES ("100000:0 50000:0 500:20000 500:10000", patients:synthetic genes, 0 = built-in set)
#   JOIN_APPEND=1: keep the raw timings of an earlier run (measure only JOIN_SIZES, report every size measured)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require python3
PC="$(pathcorr_binary)"
SIZES="${JOIN_SIZES:-100000:0 50000:0 500:20000 500:10000}"
RAW="$BENCH_OUT/join_memory_raw.tsv"
[[ "${JOIN_APPEND:-0}" == 1 ]] || rm -f "$RAW"
ROWS=()
LOAD_START="$(load_note)"
for size in $SIZES; do
  patients="${size%%:*}"
  genes="${size##*:}"
  D="$BENCH_OUT/join/${patients}x${genes}"
  stamp="patients=$patients genes=$genes $(md5sum < "$BENCH_DIR/gen_calls.py" | cut -c1-12)"
  if [[ ! -s "$D/calls.list" || "$(cat "$D/stamp" 2>/dev/null)" != "$stamp" ]]; then
    echo "bench: generating $patients patients x ${genes:-built-in} genes in $D" >&2
    rm -rf "$D"
    python3 "$BENCH_DIR/gen_calls.py" --patients "$patients" --genes "$genes" --out "$D"
    echo "$stamp" > "$D/stamp"
  fi
  gene_set=()
  [[ "$genes" != 0 ]] && gene_set=(--gene-set "$D/genes.gmt")
  label="${patients} patients, $([[ "$genes" == 0 ]] && echo "built-in genes" || echo "$genes genes")"
  for rep in $(seq 1 "$BENCH_REPS"); do
    measure "$RAW" join_memory "join: $label" "$rep" "$PC" join --quiet "${gene_set[@]}" --clinical "$D/clinical.tsv" \
      --inputs-from "$D/calls.list" --output "$D/matrix.tsv" --samples-output "$D/samples.tsv"
    measure "$RAW" join_memory "test: $label" "$rep" "$PC" test --quiet "${gene_set[@]}" --clinical "$D/clinical.tsv" \
      --matrix "$D/matrix.tsv" --output "$D/associations.tsv"
  done
done
LOAD_END="$(load_note)"
for D in "$BENCH_OUT"/join/*x*; do
  [[ -s "$D/matrix.tsv" ]] || continue
  patients="$(basename "$D")"; patients="${patients%%x*}"
  genes="$(basename "$D")"; genes="${genes##*x}"
  grep -q "patients, $([[ "$genes" == 0 ]] && echo "built-in genes" || echo "$genes genes")" "$RAW" || continue
  label="${patients} patients, $([[ "$genes" == 0 ]] && echo "built-in genes" || echo "$genes genes")"
  features=$(awk -F'\t' '!/^#/ {print NF - 1; exit}' "$D/matrix.tsv")
  rows=$(awk '!/^#/ {n++} END {print n - 1}' "$D/matrix.tsv")
  shards=$(awk '!/^#/ {n++} END {print n}' "$D/calls.list")
  calls_mb=$(du -sm "$D/calls" | cut -f1)
  matrix_mb=$(du -m "$D/matrix.tsv" | cut -f1)
  ROWS+=("$label|$rows|$features|$((rows * features))|$shards|$calls_mb|$matrix_mb")
done

{
  echo "### join and test memory ($BENCH_REPS repetitions, medians)"
  echo
  echo "Load: start $LOAD_START; end $LOAD_END."
  echo
  echo "| cohort | matrix rows (patients) | features | cells | calls.tsv shards | calls MB | matrix.tsv MB |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  for r in "${ROWS[@]}"; do echo "| ${r//|/ | } |"; done
  echo
  ratios=()
  for cmd in join test; do  # full size over half size: ~2 when memory is linear in the matrix
    ratios+=(--ratio "$cmd 100,000 / 50,000 patients=$cmd: 100000 patients, built-in genes/$cmd: 50000 patients, built-in genes")
    ratios+=(--ratio "$cmd 20,000 / 10,000 genes=$cmd: 500 patients, 20000 genes/$cmd: 500 patients, 10000 genes")
  done
  python3 "$BENCH_DIR/summarize.py" --raw "$RAW" "${ratios[@]}"
} > "$BENCH_OUT/join_memory.md"
cat "$BENCH_OUT/join_memory.md"
