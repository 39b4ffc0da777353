# `join --inputs-from LIST`: the calls files of a gather listed one per line (blank lines and '#' comments ignored,
# relative paths from the current directory), alone or with positional CALLS; a missing file is an error naming
# the list and its line (exit 1, no output written).
source "$(dirname "$0")/lib.sh" "$@"
T=$DATA/tiny

for p in P01 P02 P03; do
  expect_exit 0 "$PATHCORR" scan --no-version --quiet --output "$p.calls.tsv" "$T"/$p.*.vcf
done
expect_exit 0 "$PATHCORR" join --no-version --clinical "$T/clinical.tsv" --output positional.tsv \
  --samples-output positional.samples.tsv P0{1,2,3}.calls.tsv

# The list alone: comments, blank lines and surrounding blanks are ignored.
printf '# calls of the tiny cohort\n\nP01.calls.tsv\n  P02.calls.tsv  \n# P04 was never sequenced\nP03.calls.tsv\n' > calls.list
expect_exit 0 "$PATHCORR" join --no-version --clinical "$T/clinical.tsv" --output listed.tsv \
  --samples-output listed.samples.tsv --inputs-from calls.list
cmp -s listed.tsv positional.tsv || fail "--inputs-from matrix differs from the positional one"
cmp -s listed.samples.tsv positional.samples.tsv || fail "--inputs-from samples.tsv differs from the positional one"

# With positional CALLS: the positional files first, then the listed ones.
printf 'P02.calls.tsv\nP03.calls.tsv\n' > rest.list
expect_exit 0 "$PATHCORR" join --no-version --clinical "$T/clinical.tsv" --output mixed.tsv --inputs-from rest.list \
  P01.calls.tsv
cmp -s mixed.tsv positional.tsv || fail "positional + --inputs-from matrix differs"

# Relative paths are read from the current directory, not from the list's: the same list works from here when
# it sits in another folder, and absolute paths work from anywhere.
mkdir -p lists elsewhere
cp calls.list lists/calls.list
expect_exit 0 "$PATHCORR" join --no-version --clinical "$T/clinical.tsv" --output from_sub.tsv \
  --inputs-from lists/calls.list
cmp -s from_sub.tsv positional.tsv || fail "a list in a subfolder must name paths from the current directory"
printf '%s\n' "$PWD"/P0{1,2,3}.calls.tsv > elsewhere/absolute.list
cd elsewhere
expect_exit 0 "$PATHCORR" join --no-version --clinical "$T/clinical.tsv" --output absolute.tsv --inputs-from absolute.list
cd "$WORK"
cmp -s elsewhere/absolute.tsv positional.tsv || fail "absolute paths in the list"

# A missing file: the list and its line are named, exit 1, no partial output.
printf 'P01.calls.tsv\n\nP09.calls.tsv\n' > missing.list
expect_exit 1 "$PATHCORR" join --no-version --clinical "$T/clinical.tsv" --output missing.tsv --inputs-from missing.list
expect_stderr "missing\.list:3: calls file 'P09\.calls\.tsv' does not exist"
[[ ! -e missing.tsv ]] || fail "a failed join must not leave missing.tsv"
# Relative to the list's folder is not how paths are read: said in the message.
printf 'calls.list\n' > lists/own.list
cd elsewhere
expect_exit 1 "$PATHCORR" join --no-version --clinical "$T/clinical.tsv" --output x.tsv --inputs-from ../lists/own.list
cd "$WORK"
expect_stderr "own\.list:1: .*current directory"
# A directory, a missing list, an empty list.
printf 'lists\n' > dir.list
expect_exit 1 "$PATHCORR" join --no-version --clinical "$T/clinical.tsv" --output x.tsv --inputs-from dir.list
expect_stderr "dir\.list:1: 'lists' is a directory"
expect_exit 1 "$PATHCORR" join --no-version --clinical "$T/clinical.tsv" --output x.tsv --inputs-from nowhere.list
expect_stderr "nowhere\.list"
printf '# nothing yet\n\n' > empty.list
expect_exit 2 "$PATHCORR" join --no-version --clinical "$T/clinical.tsv" --output x.tsv --inputs-from empty.list
expect_stderr "names no calls.tsv file"
[[ ! -e x.tsv ]] || fail "a failed join must not leave x.tsv"
finish
