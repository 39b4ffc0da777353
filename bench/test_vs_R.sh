#!/usr/bin/env bash
# bench/test_vs_R.sh: `pathcorr test` against base R doing the same per-feature tests on the same files
# (bench/fisher_ref.R): fisher.test on the 2x2 (p, conditional MLE odds ratio, 95% CI) + p.adjust("BH"), and
# that plus fisher.test on the 2 x k best-response table (pathcorr's p_value_bor). Seeded data: 20,000 0/1
# features x 500 patients. Back to back in one run, BENCH_REPS (3) repetitions, medians. Then checks that the
# outputs agree, feature by feature. Writes $BENCH_OUT/test_vs_R.md.
#   TEST_FEATURES (20000) TEST_PATIENTS (500) R_CAP (1200: seconds before R's 2 x k loop is cut and extrapolated)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require Rscript python3
PC="$(pathcorr_binary)"
FEATURES="${TEST_FEATURES:-20000}"
PATIENTS="${TEST_PATIENTS:-500}"
R_CAP="${R_CAP:-1200}"
D="$BENCH_OUT/test"
mkdir -p "$D"

# Data: regenerated only when the generator's parameters change.
stamp="features=$FEATURES patients=$PATIENTS seed=20240601 $(md5sum < "$BENCH_DIR/gen_matrix.py" | cut -c1-12)"
if [[ ! -s "$D/matrix.tsv" || "$(cat "$D/stamp" 2>/dev/null)" != "$stamp" ]]; then
  echo "bench: generating $FEATURES features x $PATIENTS patients in $D" >&2
  python3 "$BENCH_DIR/gen_matrix.py" --features "$FEATURES" --patients "$PATIENTS" \
    --matrix "$D/matrix.tsv" --clinical "$D/clinical.tsv"
  echo "$stamp" > "$D/stamp"
fi

RAW="$BENCH_OUT/test_raw.tsv"
PHASES="$BENCH_OUT/test_R_phases.tsv"
rm -f "$RAW" "$PHASES"
LOAD_START="$(load_note)"
T_PC="pathcorr test"
T_R2="R fisher.test 2x2 + BH"
T_RK="R fisher.test 2x2 + BH + 2xk"
for rep in $(seq 1 "$BENCH_REPS"); do
  measure "$RAW" test "$T_PC" "$rep" "$PC" test --quiet --matrix "$D/matrix.tsv" --clinical "$D/clinical.tsv" \
    --output "$D/pathcorr.tsv"
  measure "$RAW" test "$T_R2" "$rep" Rscript "$BENCH_DIR/fisher_ref.R" "$D/matrix.tsv" "$D/clinical.tsv" \
    "$D/R_2x2.tsv" --phases "$PHASES" --label "$T_R2#$rep"
  measure "$RAW" test "$T_RK" "$rep" Rscript "$BENCH_DIR/fisher_ref.R" "$D/matrix.tsv" "$D/clinical.tsv" \
    "$D/R_2xk.tsv" --bor --cap "$R_CAP" --phases "$PHASES" --label "$T_RK#$rep"
done
LOAD_END="$(load_note)"

# pathcorr's statistics alone, one test family at a time (not a tool comparison: where `test` spends its time).
HARNESS_TSV="$BENCH_OUT/test_stats_harness.tsv"
rm -f "$HARNESS_TSV"
LIB="$(dirname "$PC")/libpathcorr_stats.a"  # pure numerics: needs only the base stage below it
if [[ -f "$LIB" ]] && command -v g++ >/dev/null; then
  g++ -std=c++17 -O2 -I"$REPO_DIR" "$BENCH_DIR/stats_harness.cpp" "$LIB" "$(dirname "$PC")/libpathcorr_base.a" -lhts -lz -o "$BENCH_OUT/stats_harness"
  for rep in $(seq 1 "$BENCH_REPS"); do
    "$BENCH_OUT/stats_harness" "$D/matrix.tsv" "$D/clinical.tsv" 2>/dev/null | sed "s/^/$rep\t/" >> "$HARNESS_TSV"
  done
else
  echo "bench: $LIB not found (PATHCORR set to a binary without its build dir?): no per-function breakdown" >&2
fi

# Agreement: pathcorr vs fisher.test, and OR/CI vs the same definitions solved to tol 1e-13 (not timed).
Rscript "$BENCH_DIR/or_tight.R" "$D/matrix.tsv" "$D/clinical.tsv" "$D/R_tight.tsv"

{
  echo "### pathcorr test vs R ($FEATURES features x $PATIENTS patients, $BENCH_REPS repetitions)"
  echo
  echo "Load: start $LOAD_START; end $LOAD_END."
  echo
  python3 "$BENCH_DIR/summarize.py" --raw "$RAW" --phases "$PHASES" \
    --ratio "R (2x2 + BH) / pathcorr=$T_R2/$T_PC" \
    --ratio "R (2x2 + BH + 2xk) / pathcorr=$T_RK/$T_PC"
  echo
  echo "R phases, seconds (read, 2x2 loop incl. BH, 2xk loop, 2xk features done, features):"
  echo
  echo '```'
  cat "$PHASES"
  echo '```'
  echo
  if [[ -s "$HARNESS_TSV" ]]; then
    echo "#### Where pathcorr test spends its time (bench/stats_harness.cpp, $BENCH_REPS runs, medians)"
    echo
    echo "pathcorr's statistics library called directly on the same tables, one test family at a time, next to"
    echo "the matching loop of the R script (R's phase times are wall seconds inside the script):"
    echo
    python3 "$BENCH_DIR/breakdown.py" "$HARNESS_TSV" "$PHASES"
    echo
  fi
  echo "#### Agreement with fisher.test (all features)"
  echo
  python3 "$BENCH_DIR/compare_assoc.py" "$D/pathcorr.tsv" "$D/R_2xk.tsv" "fisher.test"
  echo
  echo "fisher.test finds the odds ratio and the interval ends with uniroot at its default tolerance, an"
  echo "absolute 1.2e-4 (.Machine\$double.eps^0.25) on the root in (0, 1) of t = OR or 1/OR: relative OR/CI"
  echo "differences of 1e-5..1e-3 (more for ends near 0 or large) are R's. The same definitions solved to"
  echo "tol = 1e-13 (bench/or_tight.R):"
  echo
  python3 "$BENCH_DIR/compare_assoc.py" "$D/pathcorr.tsv" "$D/R_tight.tsv" "R, uniroot tol 1e-13"
} > "$BENCH_OUT/test_vs_R.md"
cat "$BENCH_OUT/test_vs_R.md"
