#!/usr/bin/env bash
# Builds pathcorr and runs it on the bundled example cohort (examples/cohort): the tables land in demo-out/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DPATHCORR_TESTS=OFF >/dev/null
cmake --build build -j"$(nproc)" --target pathcorr
./build/pathcorr run --clinical examples/cohort/clinical.tsv --outdir demo-out --cna-output demo-out/data_CNA.txt \
  examples/cohort/vcf examples/cohort/cnv
echo
echo "Written to demo-out/: calls.tsv samples.tsv matrix.tsv associations.tsv response.tsv survival.tsv data_CNA.txt"
echo "run.json, and report.html with its figures (figures/*.svg: CONSORT flow, oncoprint, waterfall, forest, Kaplan-Meier)"
echo
# The first rows, columns aligned (awk: `column` is not on a minimal Debian).
# awk reads to the end (no `head`: under pipefail an early close would fail the script with SIGPIPE).
grep -v '^#' demo-out/associations.tsv | cut -f1-4,9-16 | awk -F'\t' '
  NR > 40 { next }
  { for (i = 1; i <= NF; i++) { cell[NR, i] = $i; if (length($i) > w[i]) w[i] = length($i) } if (NF > nf) nf = NF }
  END { for (r = 1; r <= NR && r <= 40; r++) { line = ""
          for (i = 1; i <= nf; i++) line = line sprintf("%-" (i < nf ? w[i] + 2 : 0) "s", cell[r, i])
          print line } }'
