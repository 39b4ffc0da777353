# Exit codes and messages of SPEC "Files and exit codes"; no partial output on failure.
source "$(dirname "$0")/lib.sh" "$@"
T=$DATA/tiny

expect_exit 0 "$PATHCORR" --version
grep -Eq '^pathcorr [0-9]+\.[0-9]+\.[0-9]+$' "$WORK/last.out" || fail "--version must print 'pathcorr X.Y.Z'"
expect_exit 0 "$PATHCORR" --help
for c in scan join test run reference; do   # every command of the table is listed and answers --help
  grep -Eq "^  $c " "$WORK/last.out" || fail "pathcorr --help does not list $c"
done
for c in scan join test run reference; do expect_exit 0 "$PATHCORR" "$c" --help; done
expect_exit 0 "$PATHCORR" test --help
grep -Fq -- '--conf-level arg (=0.95)' "$WORK/last.out" || fail "test --help must show --conf-level arg (=0.95)"
! grep -q '0\.9499' "$WORK/last.out" || fail "test --help shows 0.95 at full precision"
expect_exit 2 "$PATHCORR"
expect_exit 2 "$PATHCORR" frobnicate
expect_exit 2 "$PATHCORR" scan "$T/P01.mutect2.vep.vcf"                       # no --output
expect_stderr "--output"
expect_exit 2 "$PATHCORR" scan --output x.tsv --bogus "$T/P01.mutect2.vep.vcf"
expect_exit 2 "$PATHCORR" scan --output x.tsv --build hg42 "$T/P01.mutect2.vep.vcf"
expect_exit 2 "$PATHCORR" test --matrix m --clinical c --output o --alternative sideways
expect_stderr "--alternative must be one of two-sided, less, greater"
# run records the SHA-256 of every input: a clinical table on standard input is refused before the scan.
expect_exit 2 "$PATHCORR" run --clinical - --outdir o "$T" < "$T/clinical.tsv"
expect_stderr "standard input"
[[ ! -e o ]] || fail "run wrote into --outdir although it refused its input"
expect_exit 1 "$PATHCORR" scan --output x.tsv does-not-exist.vcf
expect_stderr "does-not-exist.vcf"
[[ ! -e x.tsv ]] || fail "failed scan left x.tsv behind"

# Ambiguous tumour sample: two samples, no ##tumor_sample, none named TUMOR -> exit 3 listing the samples.
sed -e '/^##tumor_sample/d' -e 's/P03_T$/P03_B/' "$T/P03.mutect2.vcf" > P09.vcf
expect_exit 3 "$PATHCORR" scan --output x.tsv P09.vcf
expect_stderr "P03_N, P03_B"
expect_exit 0 "$PATHCORR" scan --quiet --output x.tsv --tumor-sample P03_B P09.vcf
rm -f x.tsv

# Unknown build: no ##contig lengths and no ##reference -> exit 1 asking for --build.
grep -v -e '^##contig' -e '^##reference' "$T/P03.mutect2.vcf" > P08.vcf
expect_exit 1 "$PATHCORR" scan --output x.tsv P08.vcf
expect_stderr "P08.vcf.*--build"
expect_exit 0 "$PATHCORR" scan --quiet --output x.tsv --build GRCh37 P08.vcf
# --build contradicting the ##contig lengths -> exit 3.
expect_exit 3 "$PATHCORR" scan --output y.tsv --build GRCh38 "$T/P03.mutect2.vcf"
[[ ! -e y.tsv ]] || fail "refused scan left y.tsv"

# Damaged records: the file and record are named, no output is left.
sed 's/^17\t7578406/17\tabc/' "$T/P03.mutect2.vcf" > P07.vcf
expect_exit 1 "$PATHCORR" scan --output z.tsv P07.vcf
expect_stderr "P07.vcf:[0-9]+: record 1: POS .abc. is not a position"
awk 'BEGIN{OFS="\t"} /^#/ {print; next} {print $1,$2,$3,"X1",$5,$6,$7,$8,$9,$10,$11}' "$T/P03.mutect2.vcf" > P06.vcf
expect_exit 1 "$PATHCORR" scan --output z.tsv P06.vcf
expect_stderr "P06.vcf:13: record 1 .*REF 'X1'"
# An ALT that is no VCF allele (VarScan writes 'A/T') is read, never called, and warned about.
awk 'BEGIN{OFS="\t"} /^#/ {print; next} {print $1,$2,$3,$4,"C/T",$6,$7,$8,$9,$10,$11}' "$T/P03.mutect2.vcf" > P05.vcf
expect_exit 0 "$PATHCORR" scan --output w.tsv P05.vcf
expect_stderr "1 ALT allele\\(s\\) are not VCF alleles .*P05.vcf:13: record 1 .*'C/T'"
[[ ! -e z.tsv ]] || fail "refused scan left z.tsv"

# --keep-going: the damaged file is reported, the others processed, exit 4.
mkdir kg && cp "$T"/*.vcf kg/ && cp P07.vcf kg/
expect_exit 4 "$PATHCORR" run --no-version --keep-going --clinical "$T/clinical.tsv" --outdir kgout kg
expect_stderr "skipped: .*P07.vcf"
grep -q $'P07\t.*failed: ' kgout/samples.tsv || fail "samples.tsv must report the failed file"
[[ $(grep -vc '^#' kgout/matrix.tsv) -eq 4 ]] || fail "the three good patients stay in the matrix"

# No overlap between VCF patients and the clinical table -> exit 3.
printf 'patient_id\tbest_response\nX1\tPR\n' > other.tsv
expect_exit 3 "$PATHCORR" run --clinical other.tsv --outdir noover "$T"
expect_stderr "no sequenced patient"
[[ ! -e noover/matrix.tsv ]] || fail "refused run left a matrix"

# Bad clinical table: the file and line are named.
printf 'patient_id\tbest_response\nP01\tPR\nP02\tmaybe\n' > bad.tsv
expect_exit 1 "$PATHCORR" run --clinical bad.tsv --outdir badout "$T"
expect_stderr "bad.tsv:3"
# Bad matrix value.
printf 'patient_id\tPIK3CA\nP01\t2\n' > m.tsv
expect_exit 1 "$PATHCORR" test --matrix m.tsv --clinical "$T/clinical.tsv" --output a.tsv
expect_stderr "m.tsv:2"
finish
