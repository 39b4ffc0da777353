#!/usr/bin/env bash
# Builds pathcorr with its tests (warnings are errors: PATHCORR_WERROR) and runs every test: the CTest suite (unit + CLI tests), the same suite under
# AddressSanitizer + UndefinedBehaviorSanitizer, and each libFuzzer target for 30 s (seconds: FUZZ_SECONDS).
# `scripts/test.sh --quick` runs the plain CTest suite only.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --tests
# PATHCORR_TESTS=ON stated: scripts/demo.sh configures the same build/ with the tests off.
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DPATHCORR_WERROR=ON -DPATHCORR_TESTS=ON >/dev/null
cmake --build build -j"$(nproc)"
ctest --test-dir build --output-on-failure --no-tests=error -j"$(nproc)"
[[ "${1:-}" == "--quick" ]] && exit 0
echo "== sanitizer suite (ASan + UBSan)"
JOBS=$(nproc) bash scripts/sanitize.sh
echo "== fuzzing, ${FUZZ_SECONDS:-30} s per target"
FUZZ_JOBS=$(nproc) bash scripts/fuzz.sh "${FUZZ_SECONDS:-30}"
