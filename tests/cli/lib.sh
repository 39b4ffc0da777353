# Shared helpers for the CLI tests. Each test script is called as: bash test_x.sh PATHCORR REPO_ROOT
set -euo pipefail
PATHCORR=$1
REPO=$2
DATA=$REPO/tests/data
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
# expect_exit CODE CMD... : runs CMD, checks its exit code; stderr kept in $WORK/last.err
expect_exit() {
  local want=$1; shift
  set +e
  "$@" >"$WORK/last.out" 2>"$WORK/last.err"
  local got=$?
  set -e
  if [[ $got -ne $want ]]; then
    fail "expected exit $want, got $got: $*"
    sed 's/^/    stderr: /' "$WORK/last.err" >&2
  fi
}
# expect_stderr PATTERN : the last command's stderr matches the extended regex
expect_stderr() { grep -Eq -- "$1" "$WORK/last.err" || { fail "stderr lacks /$1/"; sed 's/^/    stderr: /' "$WORK/last.err" >&2; }; }
# tsv_get FILE KEYCOL KEY COL : the value of column COL in the row whose KEYCOL is KEY (comments skipped)
tsv_get() {
  awk -F'\t' -v kc="$2" -v k="$3" -v c="$4" '
    /^#/ {next}
    !h {for (i = 1; i <= NF; i++) idx[$i] = i; h = 1; next}
    $idx[kc] == k {print $idx[c]; exit}' "$1"
}
# htslib_form FILE: sets `form` to the path of FILE as htslib reads it once its header is written the standard way, the
# oracle for what pathcorr reads with a warning: FILE itself when bcftools reads its header, else a copy with
# `##fileformat=VCFv4.2` first when line 1 is another `##` line (SnpEff/VEP output of an input without it),
# without the `# ...` comment lines before #CHROM (Oncotator), and with the sites-only #CHROM line above 8-column
# records that follow the `##` lines directly (SnpEff). Sets header_repaired=1 when a copy was needed.
htslib_form() {
  header_repaired=0
  form=$1
  bcftools view -h "$1" >/dev/null 2>&1 && return
  form=$WORK/htslib_form.$(basename "${1%.gz}")
  gzip -dcf "$1" 2>/dev/null | awk 'NR == 1 && /^##/ && !/^##fileformat=VCF/ {print "##fileformat=VCFv4.2"}
    /^#CHROM\t/ {h = 1} !h && /^#[^#]/ && !/^#CHROM\t/ {next}
    !h && !/^#/ && NR > 1 && split($0, f, "\t") == 8 {print "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO"; h = 1}
    {print}' > "$form" || true
  header_repaired=1
}
# scan_with_hints OUT FILE [ARGS...]: `pathcorr scan`, retried with --build (from the header or file name) and
# --tumor-sample (the last sample) while pathcorr says the file cannot tell them. Sets rc; stderr in err.txt.
scan_with_hints() {
  local out=$1 file=$2; shift 2
  local args=("$@") try
  for try in 1 2 3; do
    set +e
    timeout 60 "$PATHCORR" scan "${args[@]}" --output "$out" "$file" >/dev/null 2>err.txt
    rc=$?
    set -e
    if [[ $rc -eq 1 ]] && grep -q 'cannot tell the genome build' err.txt; then
      htslib_form "$file"
      if grep -qiE 'hg38|grch38|assembly38' <(bcftools view -h "$form" 2>/dev/null; basename "$file"); then
        args+=(--build GRCh38)
      else
        args+=(--build GRCh37)
      fi
    elif [[ $rc -eq 3 ]] && grep -q 'cannot tell which sample is the tumour' err.txt; then
      htslib_form "$file"
      args+=(--tumor-sample "$( (bcftools query -l "$form" 2>/dev/null || true) | tail -n 1)")
    else
      return 0
    fi
  done
}
expect_eq() { [[ "$1" == "$2" ]] || fail "$3: expected '$2', got '$1'"; }
finish() {
  if ((failures)); then echo "$failures check(s) failed" >&2; exit 1; fi
  echo "all checks passed"
}
