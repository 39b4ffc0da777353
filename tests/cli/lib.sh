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
expect_eq() { [[ "$1" == "$2" ]] || fail "$3: expected '$2', got '$1'"; }
finish() {
  if ((failures)); then echo "$failures check(s) failed" >&2; exit 1; fi
  echo "all checks passed"
}
