#!/usr/bin/env bash
# bench/run.sh: runs every benchmark (test_vs_R.sh, scan_vs_bcftools.sh, scale_scan.sh) and writes
# bench/results.md (machine, versions, the result sections) and the results block of bench/README.md. By hand
# only, never in CI.
# Takes 30-60 min on 2 cores (R's 2 x k Fisher tests dominate). Environment: BENCH_REPS (3), BENCH_OUT
# (bench/out), PATHCORR (binary to use; default: Release build in /tmp/build-bench), and the size knobs of each
# script (TEST_FEATURES, TEST_PATIENTS, R_CAP, SCAN_RECORDS, VEP_RECORDS, SCALE_PATIENTS, SCALE_RECORDS).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require Rscript bcftools bgzip tabix python3
PC="$(pathcorr_binary)"
export PATHCORR="$PC"

bash "$BENCH_DIR/test_vs_R.sh"
bash "$BENCH_DIR/scan_vs_bcftools.sh"
bash "$BENCH_DIR/scale_scan.sh"

RESULTS="$BENCH_DIR/results.md"
{
  echo "## Results of bench/run.sh, $(date -u +%Y-%m-%d)"
  echo
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'),"
  echo "$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM, $(uname -sr)."
  echo "Versions: $("$PC" --version | head -n 1) (Release build), $(R --version | head -n 1 | cut -d'(' -f1 | sed 's/ *$//'),"
  echo "$(bcftools --version | head -n 1) ($(bcftools --version | sed -n 2p))."
  echo "Times are medians of $BENCH_REPS back-to-back runs; CPU = user + sys; peak RSS from GNU time (for a pipeline,"
  echo "its largest process)."
  echo
  cat "$BENCH_OUT/test_vs_R.md"
  echo
  cat "$BENCH_OUT/scan_vs_bcftools.md"
  echo
  cat "$BENCH_OUT/scale_scan.md"
} > "$RESULTS"

# Splice the results into README.md between the markers.
python3 - "$BENCH_DIR/README.md" "$RESULTS" <<'PY'
import sys
readme, results = sys.argv[1], sys.argv[2]
text = open(readme).read()
begin, end = "<!-- results:begin -->", "<!-- results:end -->"
if begin in text and end in text:
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    body = open(results).read().replace("## Results of", "### Results of", 1)
    body = body.replace("\n#### ", "\n##### ").replace("\n### ", "\n#### ")
    open(readme, "w").write(head + begin + "\n" + body + end + tail)
PY
echo "bench: wrote $RESULTS and the results block of $BENCH_DIR/README.md" >&2
