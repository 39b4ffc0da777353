# bench/lib.sh: shared helpers of the benchmark scripts (sourced, not run): locating or building the pathcorr
# binary, the output directory, and `measure`, which runs one command under GNU time and appends
# wall/user/sys seconds and peak RSS to a raw results TSV.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(dirname "$BENCH_DIR")"
BENCH_OUT="${BENCH_OUT:-$BENCH_DIR/out}"
BENCH_REPS="${BENCH_REPS:-3}"
mkdir -p "$BENCH_OUT"

# pathcorr: $PATHCORR if set, else a Release build of this tree in $BENCH_BUILD (default /tmp/build-bench),
# configured if needed and always brought up to date (incremental), so that a stale binary is never timed.
pathcorr_binary() {
  if [[ -n "${PATHCORR:-}" ]]; then
    echo "$PATHCORR"
    return
  fi
  local build="${BENCH_BUILD:-/tmp/build-bench}"
  if [[ ! -f "$build/CMakeCache.txt" ]]; then
    cmake -S "$REPO_DIR" -B "$build" -DCMAKE_BUILD_TYPE=Release -DPATHCORR_TESTS=OFF >&2
  fi
  cmake --build "$build" -j2 --target pathcorr >&2
  echo "$build/pathcorr"
}

require() {
  local t
  for t in "$@"; do
    command -v "$t" >/dev/null || { echo "bench: '$t' is not installed: bash scripts/setup.sh --bench" >&2; exit 1; }
  done
  [[ -x /usr/bin/time ]] || { echo "bench: GNU time is missing: bash scripts/setup.sh --bench" >&2; exit 1; }
}

# measure RAW_TSV BENCHMARK TOOL REP CMD...: runs CMD under GNU time; appends
# benchmark tool rep wall_s user_s sys_s maxrss_kb exit_code. For a `bash -c 'a | b'` pipeline, GNU time reports
# the summed CPU time of the pipeline and the peak RSS of its largest single process. A failing command is
# recorded (summarize.py leaves it out and says so) and the benchmark goes on.
measure() {
  local raw="$1" bench="$2" tool="$3" rep="$4"
  shift 4
  [[ -s "$raw" ]] || printf 'benchmark\ttool\trep\twall_s\tuser_s\tsys_s\tmaxrss_kb\texit\n' > "$raw"
  local tf rc=0
  tf="$(mktemp)"
  /usr/bin/time -f '%e\t%U\t%S\t%M' -o "$tf" "$@" || rc=$?
  printf '%s\t%s\t%s\t%s\t%s\n' "$bench" "$tool" "$rep" "$(tail -n 1 "$tf")" "$rc" >> "$raw"
  printf 'bench: %-28s %-34s rep %s: %s s wall, %s KB peak RSS%s\n' "$bench" "$tool" "$rep" \
    "$(tail -n 1 "$tf" | cut -f1)" "$(tail -n 1 "$tf" | cut -f4)" "$([[ $rc == 0 ]] || echo ", EXIT $rc")" >&2
  rm -f "$tf"
  return 0
}

# The machine's load when a benchmark starts (the 2-core box may be shared): one line for the results.
load_note() { echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at $(date -u +%H:%M:%SZ)"; }
