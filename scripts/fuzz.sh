#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang (ASan + UBSan) in build-fuzz/, prepares seed corpora from
# tests/data, replays the committed crash reproducers, then fuzzes each target for SECONDS (default 30).
# Exit 1 on any crash, leak, UB report, timeout or out-of-memory; the failing input is kept in
# build-fuzz/artifacts/<target>/ and the log in build-fuzz/logs/<target>.log. Installs nothing
# (scripts/setup.sh --tests installs clang and libclang-rt-14-dev).
#
# Usage: scripts/fuzz.sh [SECONDS]
# Environment: FUZZ_TARGETS="fuzz_vcf fuzz_matrix"  run only these targets
#              FUZZ_JOBS=2                           fuzz this many targets at a time (default 1)
#              CC / CXX                              compilers (default clang / clang++)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
seconds=${1:-30}
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || ((seconds < 1)); then
  echo "usage: scripts/fuzz.sh [SECONDS]   (SECONDS per target, default 30)" >&2
  exit 2
fi
all_targets=(fuzz_vcf fuzz_annotation fuzz_consequence fuzz_clinical fuzz_matrix fuzz_maf fuzz_reference)
read -r -a targets <<<"${FUZZ_TARGETS:-${all_targets[*]}}"
jobs_max=${FUZZ_JOBS:-1}
cc=${CC:-clang}
cxx=${CXX:-clang++}
build=$root/build-fuzz

if ! command -v "$cxx" >/dev/null || ! command -v python3 >/dev/null; then
  echo "fuzz: needs $cxx and python3; run scripts/setup.sh --tests" >&2
  exit 2
fi
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
printf '#include <cstddef>\n#include <cstdint>\nextern "C" int LLVMFuzzerTestOneInput(const uint8_t*, size_t) { return 0; }\n' >"$probe/p.cpp"
if ! "$cxx" -fsanitize=fuzzer,address,undefined "$probe/p.cpp" -o "$probe/p" 2>"$probe/err"; then
  cat "$probe/err" >&2
  echo "fuzz: $cxx cannot build libFuzzer targets; run scripts/setup.sh --tests (clang, libclang-rt-14-dev)" >&2
  exit 2
fi

echo "fuzz: building the targets in $build" >&2
cmake -S tests/fuzz -B "$build" -DCMAKE_C_COMPILER="$cc" -DCMAKE_CXX_COMPILER="$cxx" \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$probe/cmake.log" 2>&1 || { cat "$probe/cmake.log" >&2; exit 2; }
cmake --build "$build" -j2 --target "${targets[@]}" >"$probe/build.log" 2>&1 || { tail -50 "$probe/build.log" >&2; exit 2; }

rm -rf "$build/corpus"
python3 tests/fuzz/make_corpus.py "$root" "$build/corpus" >&2
mkdir -p "$build/logs"

export ASAN_OPTIONS="detect_leaks=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"

dict_of() {
  case "$1" in
    fuzz_vcf) echo tests/fuzz/dict/vcf.dict ;;
    fuzz_annotation) echo tests/fuzz/dict/annotation.dict ;;
    fuzz_consequence) echo tests/fuzz/dict/consequence.dict ;;
    *) echo tests/fuzz/dict/table.dict ;;
  esac
}

failed=()
# 1. Every committed reproducer runs once; each must now pass.
for t in "${targets[@]}"; do
  shopt -s nullglob
  repro=(tests/fuzz/regressions/"$t"/*)
  shopt -u nullglob
  ((${#repro[@]})) || continue
  if "$build/$t" -runs=1 "${repro[@]}" >"$build/logs/$t.regressions.log" 2>&1; then
    echo "fuzz: $t: ${#repro[@]} regression input(s) pass" >&2
  else
    echo "fuzz: $t: a regression input fails again, see $build/logs/$t.regressions.log" >&2
    failed+=("$t (regressions)")
  fi
done

# 2. Fuzz. The work corpus (build-fuzz/work/<target>) keeps what earlier runs found; the seeds are read-only.
run_one() {
  local t=$1 rc=0
  mkdir -p "$build/work/$t" "$build/artifacts/$t"
  if ! "$build/$t" "$build/work/$t" "$build/corpus/$t" -dict="$(dict_of "$t")" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$build/artifacts/$t/" >"$build/logs/$t.log" 2>&1; then
    rc=1
  fi
  echo "$rc" >"$build/logs/$t.status"
}
for t in "${targets[@]}"; do
  rm -f "$build/logs/$t.status"
  while (($(jobs -rp | wc -l) >= jobs_max)); do wait -n || true; done
  echo "fuzz: $t for ${seconds}s" >&2
  run_one "$t" &
done
wait
for t in "${targets[@]}"; do
  status=$(cat "$build/logs/$t.status" 2>/dev/null || echo 1)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$build/logs/$t.log" | tail -1)
  corpus=$(find "$build/work/$t" -type f | wc -l)
  if ((status == 0)); then
    printf 'fuzz: %-16s ok      %10s executions, %5d inputs in the work corpus\n' "$t" "${execs:-?}" "$corpus"
  else
    printf 'fuzz: %-16s FAILED  %10s executions, see %s\n' "$t" "${execs:-?}" "$build/logs/$t.log"
    grep -m1 -E 'ERROR: |PROPERTY FAILED|runtime error|deadly signal' "$build/logs/$t.log" | sed 's/^/      /' || true
    ls "$build/artifacts/$t" | sed "s|^|      artifact: $build/artifacts/$t/|"
    failed+=("$t")
  fi
done
if ((${#failed[@]})); then
  echo "fuzz: FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz: all targets ran ${seconds}s without a finding" >&2
