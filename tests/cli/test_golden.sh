# The built binary writes exactly the committed golden outputs (tests/golden/README.md).
source "$(dirname "$0")/lib.sh" "$@"
bash "$REPO/tests/golden/generate.sh" "$PATHCORR" got
diff -r "$REPO/tests/golden/expected" got >&2 || fail "outputs differ from tests/golden/expected"
finish
