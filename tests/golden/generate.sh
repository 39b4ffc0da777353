#!/usr/bin/env bash
# Runs a fixed set of pathcorr commands on the committed fixtures and writes every output table to OUTDIR, so two
# binaries (before and after a refactor) can be compared byte for byte. run.json is left out: it holds paths and
# checksums of this checkout. Each command's exit code goes to OUTDIR/exit_codes.txt.
# Usage: tests/golden/generate.sh PATHCORR OUTDIR [EXTRA_DIR...]
#   EXTRA_DIR: more directories whose files are scanned one by one (for example ../shared/real-data/*), compared
#   the same way but not committed.
set -uo pipefail
bin=$(realpath "$1"); out=$(realpath -m "$2"); shift 2
cd "$(dirname "$0")/../.."
rm -rf "$out"; mkdir -p "$out"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
step() {  # step NAME CMD...: runs CMD, records its exit code under NAME
  local name=$1; shift
  "$@" >"$tmp/stdout" 2>"$tmp/stderr"; echo "$name $?" >>"$out/exit_codes.txt"
}
keep() {  # keep DIR NAME: copies the tables of a run directory
  local d=$1 name=$2 f
  for f in "$d"/*.tsv "$d"/*.maf; do [[ -f $f ]] && cp "$f" "$out/$name.$(basename "$f")"; done
  return 0
}
T=tests/data/tiny E=examples/cohort D=tests/data/dialects P=tests/data/policy
step tiny "$bin" run --no-version --quiet --clinical $T/clinical.tsv --outdir "$tmp/tiny" $T; keep "$tmp/tiny" tiny
step tiny_oncogenic "$bin" run --no-version --quiet --policy oncogenic --clinical $T/clinical.tsv --outdir "$tmp/tiny_onc" $T
keep "$tmp/tiny_onc" tiny_oncogenic
step example "$bin" run --no-version --quiet --clinical $E/clinical.tsv --outdir "$tmp/ex" --maf "$tmp/ex/calls.maf" $E/vcf
keep "$tmp/ex" example
step example_cnv "$bin" run --no-version --quiet --per-type-features --clinical $E/clinical.tsv --outdir "$tmp/excn" \
  --cna-output "$tmp/excn/data_CNA.tsv" $E/vcf $E/cnv
keep "$tmp/excn" example_cnv
step example_regression "$bin" test --no-version --quiet --endpoint regression --clinical $E/clinical.tsv \
  --matrix "$tmp/ex/matrix.tsv" --output "$out/example_regression.associations.tsv"
step example_strata "$bin" test --no-version --quiet --strata hpv_status --clinical $E/clinical.tsv \
  --matrix "$tmp/ex/matrix.tsv" --output "$out/example_strata.associations.tsv"
step example_less "$bin" test --no-version --quiet --alternative less --clinical $E/clinical.tsv \
  --matrix "$tmp/ex/matrix.tsv" --output "$out/example_less.associations.tsv"
step example_maf_back "$bin" scan --no-version --quiet --output "$out/example_maf_back.calls.tsv" \
  "$tmp/ex/calls.maf"
for d in $D/*/; do
  d=${d%/}; n=$(basename "$d")
  for policy in default oncogenic; do
    step "dialect_${n}_$policy" "$bin" scan --no-version --quiet --policy $policy \
      --output "$out/dialect_${n}_$policy.calls.tsv" "$d"/*
  done
done
step policy_targets "$bin" run --no-version --quiet --targets <(printf '3\t178900000\t179000000\n') \
  --clinical $P/clinical.tsv --outdir "$tmp/pol" $P
keep "$tmp/pol" policy_targets
step maf_laml "$bin" run --no-version --quiet --samples tests/golden/inputs/laml_sheet.tsv \
  --clinical tests/golden/inputs/laml_clinical.tsv \
  --outdir "$tmp/laml" --maf "$tmp/laml/calls.maf"
keep "$tmp/laml" maf_laml
scan_each() {  # scan_each PREFIX DIR: every file of DIR scanned alone (with --build GRCh37 when auto cannot tell)
  local prefix=$1 dir=$2 f n
  for f in "$dir"/*; do
    [[ -f $f ]] || continue
    case $f in *.tbi|*.csi|*.md|*.tsv.md|*/MANIFEST.tsv|*/README.md) continue;; esac
    n=${prefix}_$(basename "$f")
    step "$n" "$bin" scan --no-version --quiet --output "$out/$n.calls.tsv" "$f"
    if grep -q 'cannot tell the genome build' "$tmp/stderr"; then
      step "$n.b37" "$bin" scan --no-version --quiet --build GRCh37 --output "$out/$n.b37.calls.tsv" "$f"
    fi
  done
}
for d in tests/data/real/*/; do scan_each "real_$(basename "$d")" "${d%/}"; done
for d in "$@"; do scan_each "extra_$(basename "$d")" "$d"; done
exit 0
