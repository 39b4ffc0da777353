#!/usr/bin/env bash
# Builds everything with AddressSanitizer + UndefinedBehaviorSanitizer (Debug, -DPATHCORR_SANITIZE=ON) in
# build-asan/ and runs the CTest suite (unit and CLI tests) under it, without the tests labelled `slow` (real-data
# sweeps, stated consequences, atomic outputs, workflow: minutes each under ASan; scripts/test.sh runs them plain). Any leak, memory error or UB report
# fails the test that triggered it; the script exits non-zero when any test fails. Installs nothing.
#
# Usage: scripts/sanitize.sh [extra ctest arguments, e.g. -R ScanInputs (a test-name pattern) or -L slow]
# Environment: CXX / CC  compilers (default clang++ / clang when installed, else g++ / gcc); JOBS (default 2)
set -euo pipefail
cd "$(dirname "$0")/.."
build=$PWD/build-asan
jobs=${JOBS:-2}
if [[ -z "${CXX:-}" ]]; then
  if command -v clang++ >/dev/null && command -v clang >/dev/null; then
    CXX=clang++ CC=clang
  else
    CXX=g++ CC=gcc
  fi
fi
CC=${CC:-gcc}
echo "sanitize: building with $CXX in $build" >&2
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Debug -DPATHCORR_SANITIZE=ON -DPATHCORR_TESTS=ON \
  -DCMAKE_CXX_COMPILER="$CXX" -DCMAKE_C_COMPILER="$CC" >"$build.cmake.log" 2>&1 ||
  { cat "$build.cmake.log" >&2; exit 2; }
rm -f "$build.cmake.log"
cmake --build "$build" -j"$jobs"

# halt_on_error / abort_on_error: the first report ends the process with a failure status, so CTest sees it.
# Leaks are checked at exit of every test process (unit binary and each pathcorr run of the CLI tests).
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
ctest --test-dir "$build" --output-on-failure --no-tests=error -j"$jobs" -LE slow "$@"
