# Indexed reading (issue 12): a bgzipped VCF with a .tbi/.csi index, or a BCF with a .csi, is read through the gene
# regions only and gives exactly the calls of reading it whole (--no-index); the index is made here with bcftools
# index / tabix. Also: byte-identical outputs whatever --threads, a stale or damaged index falls back to streaming
# with one warning, and warnings of many files are summarised in one line per kind.
source "$(dirname "$0")/lib.sh" "$@"
command -v bcftools >/dev/null && command -v tabix >/dev/null || { echo "SKIP: bcftools/tabix not installed"; exit 77; }

# The calls, without the #input lines (their records counts differ) and source_file (column 18: the copies' paths).
rows() { grep -v '^#' "$1" | cut -f1-17,19-; }
inputs() { grep '^#input' "$1"; }

# The example cohort (26 VCF/BCF files: annotated and not, Mutect2, Strelka2, SnpEff) bgzipped and indexed three
# ways.
mkdir -p ex_tbi ex_csi ex_bcf
nfiles=0
for f in "$REPO"/examples/cohort/vcf/*; do
  n=$(basename "$f"); n=${n%.gz}; n=${n%.vcf}; n=${n%.bcf}
  nfiles=$((nfiles + 1))
  bcftools view -Oz -o "ex_tbi/$n.vcf.gz" "$f" && tabix -p vcf "ex_tbi/$n.vcf.gz"
  cp "ex_tbi/$n.vcf.gz" ex_csi/ && bcftools index -c "ex_csi/$n.vcf.gz"
  bcftools view -Ob -o "ex_bcf/$n.bcf" "$f" && bcftools index -c "ex_bcf/$n.bcf"
done
"$PATHCORR" scan --no-version --quiet --no-index -o stream.tsv ex_tbi
for d in ex_tbi ex_csi ex_bcf; do
  "$PATHCORR" scan --no-version --quiet -o "$d.tsv" "$d"
  [[ $(inputs "$d.tsv" | grep -c 'read=index') -eq $nfiles ]] || fail "$d: not every file was read through its index"
  diff <(rows stream.tsv) <(rows "$d.tsv") >&2 || fail "$d: calls differ from streaming"
done
"$PATHCORR" scan --no-version --quiet --no-index -o stream_bcf.tsv ex_bcf
diff <(rows stream_bcf.tsv) <(rows ex_bcf.tsv) >&2 || fail "BCF: indexed calls differ from streaming the BCF"
# Streaming counts every record; the index, only those it reads.
records() { inputs "$1" | tr '\t' '\n' | awk -F= '$1 == "records" { n += $2 } END { print n + 0 }'; }
r_stream=$(records stream.tsv) r_index=$(records ex_tbi.tsv)
((r_index < r_stream)) || fail "records: $r_index indexed, $r_stream streamed: the index read the whole files?"
inputs stream.tsv | grep -q 'read=' && fail "a streamed file's #input line says read="
# Against the uncompressed originals (no index, the golden path): the same calls.
"$PATHCORR" scan --no-version --quiet -o orig.tsv "$REPO"/examples/cohort/vcf
diff <(rows orig.tsv) <(rows ex_tbi.tsv) >&2 || fail "calls differ from the originals"

# --threads 1 and 2, indexed and streamed: byte-identical outputs.
for mode in "" --no-index; do
  "$PATHCORR" scan --no-version --quiet $mode --threads 1 -o t1.tsv ex_tbi
  "$PATHCORR" scan --no-version --quiet $mode --threads 2 -o t2.tsv ex_tbi
  "$PATHCORR" scan --no-version --quiet $mode --threads 4 -o t4.tsv ex_tbi/HN03.mutect2.vep.vcf.gz
  "$PATHCORR" scan --no-version --quiet $mode --threads 1 -o t1one.tsv ex_tbi/HN03.mutect2.vep.vcf.gz
  cmp t1.tsv t2.tsv || fail "--threads 1 and 2 differ ($mode)"
  cmp t1one.tsv t4.tsv || fail "one file with decompression threads differs ($mode)"
done

# Real files with an index made here: the same calls either way.
for f in "$DATA"/real/pathway/*.vcf.gz "$DATA"/real/callers/*.vcf.gz; do
  n=$(basename "$f")
  cp "$f" "$n" && rm -f "$n.tbi" "$n.csi" && tabix -f -p vcf "$n" 2>/dev/null || continue
  b=()
  "$PATHCORR" scan --no-version --quiet -o i.tsv "$n" 2>/dev/null || b=(--build GRCh37)
  "$PATHCORR" scan --no-version --quiet "${b[@]}" -o i.tsv "$n"
  "$PATHCORR" scan --no-version --quiet "${b[@]}" --no-index -o s.tsv "$n"
  grep -q 'read=index' i.tsv || fail "$n: not read through its index"
  diff <(rows s.tsv) <(rows i.tsv) >&2 || fail "$n: indexed calls differ from streaming"
done

# A long deletion that starts in PIK3CA (3:178866311-178952497, GRCh37) and ends past it: one row, indexed or not.
{
  zcat "$REPO"/examples/cohort/vcf/HN05.mutect2.vep.vcf.gz | grep '^#'
  printf '3\t178936082\t.\tGA\tG\t.\tPASS\t.\tGT:AD:AF:DP\t0/0:30,0:0:30\t0/1:20,15:0.43:35\n'
  printf '3\t178952000\t.\tA%s\tA\t.\tPASS\t.\tGT:AD:AF:DP\t0/0:30,0:0:30\t0/1:20,15:0.43:35\n' "$(printf 'C%.0s' $(seq 1 800))"
} > span.vcf 2>/dev/null
bgzip -f span.vcf && tabix -p vcf span.vcf.gz
"$PATHCORR" scan --no-version --quiet -o span_i.tsv span.vcf.gz
"$PATHCORR" scan --no-version --quiet --no-index -o span_s.tsv span.vcf.gz
diff <(rows span_s.tsv) <(rows span_i.tsv) >&2 || fail "span: indexed calls differ from streaming"
[[ $(rows span_i.tsv | grep -c 178952000) -eq 1 ]] || fail "span: the long deletion is not exactly one row"

# A stale index (older than the file) and a damaged one: a warning, the whole file read, the same calls.
cp ex_tbi/HN05.mutect2.vep.vcf.gz old.vcf.gz && cp ex_tbi/HN05.mutect2.vep.vcf.gz.tbi old.vcf.gz.tbi
touch -d '2000-01-01' old.vcf.gz.tbi
expect_exit 0 "$PATHCORR" scan --no-version -o old.tsv old.vcf.gz
expect_stderr "old.vcf.gz: the index old.vcf.gz.tbi is older than the file"
grep -q 'read=index' old.tsv && fail "stale index used"
cp ex_tbi/HN05.mutect2.vep.vcf.gz bad.vcf.gz && head -c 100 ex_tbi/HN05.mutect2.vep.vcf.gz.tbi > bad.vcf.gz.tbi
expect_exit 0 "$PATHCORR" scan --no-version -o bad.tsv bad.vcf.gz
expect_stderr "bad.vcf.gz: cannot use the index bad.vcf.gz.tbi \\(.*damaged index"
diff <(rows old.tsv | cut -f2-) <(rows bad.tsv | cut -f2-) >&2 || fail "stale and damaged index: calls differ"

# Warnings: one line per kind over many files (five copies of a file with an unknown allele in MTOR).
mkdir -p many
for i in 1 2 3 4 5; do cp ex_tbi/HN15.strelka2.somatic.snvs.vcf.gz "many/P$i.vcf.gz"; done
expect_exit 0 "$PATHCORR" scan --no-version -o w.tsv many
[[ $(grep -c 'not hotspots' "$WORK/last.err") -eq 1 ]] || fail "the unknown-allele warning is not one summary line"
expect_stderr "warning: 5 files: variant alleles inside pathway genes .*\\(first: many/P1.vcf.gz, many/P2.vcf.gz, many/P3.vcf.gz, \\.\\.\\.\\)"
# ... and each file's message whole, through calls.tsv, in samples.tsv's warnings column.
[[ $(grep -c $'^#input\t.*\twarnings=many/P[1-5].vcf.gz: 1 variant allele(s) inside pathway genes' w.tsv) -eq 5 ]] ||
  fail "calls.tsv #input lines do not carry each file's warning"
printf 'patient_id\tbest_response\nP1\tPR\nP2\tSD\nP3\tPD\nP4\tPR\nP5\tSD\n' > many_clin.tsv
expect_exit 0 "$PATHCORR" join --no-version --quiet --clinical many_clin.tsv -o many_m.tsv --samples-output many_s.tsv w.tsv
col=$(head -1 many_s.tsv | tr '\t' '\n' | grep -n '^warnings$' | cut -d: -f1)
[[ -n "$col" && $(cut -f"$col" many_s.tsv | grep -c '^many/P[1-5].vcf.gz: 1 variant allele(s) inside pathway genes') -eq 5 ]] ||
  fail "samples.tsv does not give each file's warning"
# No progress line when stderr is not a terminal; one on a terminal (script(1) gives the command a pty), none there
# with --quiet.
grep -q 'files,' "$WORK/last.err" && fail "a progress line was written to a file"
if ! command -v script >/dev/null || ! script -qec true /dev/null >/dev/null 2>&1; then
  echo "SKIP (part): no script(1) or no pseudo-terminal here (/dev/pts); the progress line on a terminal is not checked" >&2
else
  script -qec "'$PATHCORR' scan --no-version -o p.tsv many" /dev/null > pty.txt 2>&1 || true
  grep -q 'pathcorr scan: 5/5 files, [0-9]* records, .* M records/s' pty.txt || fail "no progress line on a terminal"
  script -qec "'$PATHCORR' scan --no-version --quiet -o p.tsv many" /dev/null > pty_quiet.txt 2>&1 || true
  grep -q 'files,' pty_quiet.txt && fail "a progress line with --quiet"
fi
finish
