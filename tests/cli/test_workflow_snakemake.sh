#!/usr/bin/env bash
# CLI test of workflows/snakemake/Snakefile (SPEC "Workflows"): on a tiny hand-written GRCh37 cohort, the
# scatter/gather Snakemake run (one scan per patient, join, test) must give the same matrix.tsv and
# associations.tsv as the one-process `pathcorr run`, both from a VCF directory and from a sample sheet.
# Usage (CTest): bash test_workflow_snakemake.sh PATH_TO_PATHCORR REPO_ROOT
# Exit 0 pass, 1 fail, 77 skipped (snakemake not installed; CTest SKIP_RETURN_CODE 77).
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: bash $0 PATH_TO_PATHCORR REPO_ROOT" >&2
  exit 2
fi
PATHCORR=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
REPO=$(cd "$2" && pwd)
SNAKEFILE="$REPO/workflows/snakemake/Snakefile"

if ! command -v snakemake > /dev/null 2>&1; then
  echo "SKIP: snakemake not installed"
  exit 77
fi
[ -x "$PATHCORR" ] || { echo "FAIL: $PATHCORR is not an executable" >&2; exit 1; }
[ -f "$SNAKEFILE" ] || { echo "FAIL: no Snakefile at $SNAKEFILE" >&2; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/pathcorr_wf_smk.XXXXXX")
cleanup() { rm -rf "$WORK"; }
trap cleanup EXIT
cd "$WORK"

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# --- the cohort -------------------------------------------------------------------------------------------
# P01: PIK3CA H1047R hotspot (GRCh37 3:178952085 A>G) in an unannotated VCF -> PIK3CA altered.
# P02: wild-type: the same hotspot at VAF 0.02 (below --min-vaf) and a variant outside every gene.
# P03: two VCFs (Strelka2-like SNVs + indels, NORMAL and TUMOR columns): AKT1 E17K and PTEN R130*.
# P04: gzip-compressed VCF with PTEN R130Q.
# P05: in the clinical table only (never sequenced); P06: sequenced, no clinical record.
mkdir vcfs

vcf_header() {  # $1: the sample columns (tab-separated)
  printf '%s\n' \
    '##fileformat=VCFv4.2' \
    '##reference=GRCh37' \
    '##contig=<ID=3,length=198022430>' \
    '##contig=<ID=10,length=135534747>' \
    '##contig=<ID=14,length=107349540>' \
    '##FILTER=<ID=PASS,Description="All filters passed">' \
    '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">' \
    '##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths">' \
    '##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Read depth">'
  printf '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t%s\n' "$1"
}

{
  vcf_header TUMOR
  printf '3\t178952085\t.\tA\tG\t.\tPASS\t.\tGT:AD:DP\t0/1:40,20:60\n'
} > vcfs/P01.mutect2.vcf

{
  vcf_header TUMOR
  printf '3\t178952085\t.\tA\tG\t.\tPASS\t.\tGT:AD:DP\t0/1:98,2:100\n'
  printf '10\t50000000\t.\tC\tT\t.\tPASS\t.\tGT:AD:DP\t0/1:30,30:60\n'
} > vcfs/P02.mutect2.vcf

{
  vcf_header "NORMAL	TUMOR"
  printf '14\t105246551\t.\tC\tT\t.\tPASS\t.\tGT:AD:DP\t0/0:50,0:50\t0/1:30,25:55\n'
} > vcfs/P03.strelka.snvs.vcf

{
  vcf_header "NORMAL	TUMOR"
  printf '10\t89692904\t.\tC\tT\t.\tPASS\t.\tGT:AD:DP\t0/0:45,0:45\t0/1:20,18:38\n'
} > vcfs/P03.strelka.indels.vcf

{
  vcf_header TUMOR
  printf '10\t89692905\t.\tG\tA\t.\tPASS\t.\tGT:AD:DP\t0/1:60,30:90\n'
} | gzip -n > vcfs/P04.mutect2.vcf.gz

{
  vcf_header TUMOR
  printf '14\t50000000\t.\tG\tA\t.\tPASS\t.\tGT:AD:DP\t0/1:60,30:90\n'
} > vcfs/P06.mutect2.vcf

printf 'patient_id\tbest_response\n' > clinical.tsv
printf '%s\t%s\n' P01 PR P02 SD P03 PR P04 NE P05 SD >> clinical.tsv

# The same cohort as a sample sheet one directory above the VCFs (relative paths are relative to the sheet),
# with an explicit tumour sample on one row.
mkdir sheetdir
printf 'patient_id\tvcf\ttumor_sample\n' > sheetdir/sheet.tsv
for f in vcfs/*.vcf vcfs/*.vcf.gz; do
  name=$(basename "$f")
  tumor=""
  [ "$name" = P03.strelka.snvs.vcf ] && tumor=TUMOR
  printf '%s\t../%s\t%s\n' "${name%%.*}" "$f" "$tumor" >> sheetdir/sheet.tsv
done

# --- helpers ----------------------------------------------------------------------------------------------
cell() {  # $1 matrix.tsv, $2 patient, $3 feature: the value, or "absent"
  awk -F'\t' -v p="$2" -v f="$3" '
    $1 == "patient_id" { for (i = 1; i <= NF; i++) if ($i == f) col = i; next }
    $1 == p && col { v = $col }
    END { print (v == "" ? "absent" : v) }' "$1"
}

expect_cell() {  # $1 matrix.tsv, $2 patient, $3 feature, $4 expected value
  local got
  got=$(cell "$1" "$2" "$3")
  [ "$got" = "$4" ] || fail "$1: $2 $3 is '$got', expected '$4'"
}

same_table() {  # $1 expected (pathcorr run), $2 actual (workflow), $3 label; comment lines are ignored
  [ -s "$2" ] || fail "$3: $2 was not written"
  if ! diff <(grep -v '^#' "$1") <(grep -v '^#' "$2") > "$WORK/diff.txt"; then
    echo "--- pathcorr run ($1) vs workflow ($2):" >&2
    cat "$WORK/diff.txt" >&2
    fail "$3: workflow output differs from pathcorr run"
  fi
  # --no-version is passed to both, so the files must also be byte-identical.
  cmp -s "$1" "$2" || fail "$3: $2 differs from $1 in its comment lines although both used --no-version"
}

run_snakemake() {  # $1 label, then --config arguments
  local label=$1
  shift
  if ! snakemake -s "$SNAKEFILE" --cores 2 --quiet --config "$@" pathcorr="$PATHCORR" \
      extra_args="--no-version --quiet" > "$WORK/$label.snakemake.log" 2>&1; then
    cat "$WORK/$label.snakemake.log" >&2
    fail "$label: snakemake exited with an error"
  fi
}

# --- VCF directory ----------------------------------------------------------------------------------------
"$PATHCORR" run --no-version --quiet --clinical clinical.tsv --outdir run_dir vcfs \
  || fail "pathcorr run on vcfs/ exited with $?"
run_snakemake dir vcf_dir=vcfs clinical=clinical.tsv outdir=wf_dir

# The cohort must exercise what it is meant to: the hotspot, the VAF filter, the merge of P03's two VCFs, and
# the patients without a partner (not in the matrix, listed in samples.tsv).
expect_cell wf_dir/matrix.tsv P01 PIK3CA 1
expect_cell wf_dir/matrix.tsv P02 PIK3CA 0
expect_cell wf_dir/matrix.tsv P02 PI3K_MTOR 0
expect_cell wf_dir/matrix.tsv P03 AKT1 1
expect_cell wf_dir/matrix.tsv P03 PTEN 1
expect_cell wf_dir/matrix.tsv P04 PTEN 1
expect_cell wf_dir/matrix.tsv P05 PIK3CA absent
expect_cell wf_dir/matrix.tsv P06 PIK3CA absent
grep -q -P '^P05\t(.*\t)?not_sequenced\t' wf_dir/samples.tsv || fail "wf_dir/samples.tsv does not list P05 as not_sequenced"
grep -q -P '^P06\t.*\tno_clinical_record\t' wf_dir/samples.tsv \
  || fail "wf_dir/samples.tsv does not list P06 as no_clinical_record"

for p in P01 P02 P03 P04 P06; do
  [ -s "wf_dir/calls/$p.calls.tsv" ] || fail "wf_dir/calls/$p.calls.tsv (scatter output) missing"
  [ -f "wf_dir/logs/scan/$p.log" ] || fail "wf_dir/logs/scan/$p.log missing"
done
n_calls=$(find wf_dir/calls -name '*.calls.tsv' | wc -l)
[ "$n_calls" -eq 5 ] || fail "expected one calls file per sequenced patient (5), found $n_calls"
[ -s wf_dir/samples.tsv ] || fail "wf_dir/samples.tsv missing"
same_table run_dir/matrix.tsv wf_dir/matrix.tsv "vcf_dir matrix.tsv"
same_table run_dir/associations.tsv wf_dir/associations.tsv "vcf_dir associations.tsv"
# The patient flow too (same VCF paths here; in sample-sheet mode the workflow's per-patient sheets hold
# absolute paths, so only the file column would differ).
same_table run_dir/samples.tsv wf_dir/samples.tsv "vcf_dir samples.tsv"

# A second invocation has nothing to do.
snakemake -s "$SNAKEFILE" --cores 1 --dry-run --config vcf_dir=vcfs clinical=clinical.tsv outdir=wf_dir \
  pathcorr="$PATHCORR" extra_args="--no-version --quiet" > dry.log 2>&1 || { cat dry.log >&2; fail "dry run failed"; }
grep -q 'Nothing to be done' dry.log || { cat dry.log >&2; fail "re-running a finished workflow is not a no-op"; }

# --- sample sheet -----------------------------------------------------------------------------------------
"$PATHCORR" run --no-version --quiet --clinical clinical.tsv --outdir run_sheet --samples sheetdir/sheet.tsv \
  || fail "pathcorr run --samples exited with $?"
run_snakemake sheet samples=sheetdir/sheet.tsv clinical=clinical.tsv outdir=wf_sheet
[ -s wf_sheet/sheets/P03.tsv ] || fail "per-patient sheet wf_sheet/sheets/P03.tsv missing"
[ "$(grep -c . wf_sheet/sheets/P03.tsv)" -eq 3 ] || fail "wf_sheet/sheets/P03.tsv must hold P03's two VCFs"
same_table run_sheet/matrix.tsv wf_sheet/matrix.tsv "samples matrix.tsv"
same_table run_sheet/associations.tsv wf_sheet/associations.tsv "samples associations.tsv"
same_table run_dir/matrix.tsv wf_sheet/matrix.tsv "sheet vs directory matrix.tsv"

# --- bad configuration fails before any job ---------------------------------------------------------------
if snakemake -s "$SNAKEFILE" --cores 1 --config vcf_dir=vcfs samples=sheetdir/sheet.tsv clinical=clinical.tsv \
    outdir=wf_bad pathcorr="$PATHCORR" > bad.log 2>&1; then
  fail "vcf_dir and samples together must be refused"
fi
grep -q 'exactly one of' bad.log || { cat bad.log >&2; fail "no clear message for vcf_dir + samples"; }

# --- the SLURM cluster profile parses and groups the scans (a dry run: nothing is submitted) -------------------
if ! snakemake -s "$SNAKEFILE" --profile "$REPO/workflows/snakemake/profiles/slurm" --dry-run \
    --config vcf_dir=vcfs clinical=clinical.tsv outdir=wf_slurm pathcorr="$PATHCORR" > slurm.log 2>&1; then
  cat slurm.log >&2
  fail "snakemake refuses the SLURM profile"
fi
grep -q 'group job scans' slurm.log || { cat slurm.log >&2; fail "the SLURM profile does not group the scans"; }
grep -q 'mem_mb=256' slurm.log || fail "the SLURM profile's scan resources are not applied"

echo "PASS: Snakemake workflow matches pathcorr run (vcf_dir and samples modes)"
