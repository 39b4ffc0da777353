# The report (issue 13): report.html and figures/*.svg of the example cohort parse as XML, reference nothing outside
# themselves, and show every patient and feature where the tables say (tests/cli/check_report.py); the waterfall
# shows the founding trial's picture (3 of the 4 PIK3CA-mutant patients below zero); the same bytes whatever
# --threads; `pathcorr report --outdir` on a finished run gives the same files as `run`; a copy-number run
# (tests/data/report/cnv_run, hand-made: amplification, deep deletion, structural, NA cells, per-type columns) is
# drawn with its glyphs; bad inputs are refused with a clear error and no report.
source "$(dirname "$0")/lib.sh" "$@"
E=$REPO/examples/cohort
CHECK=$REPO/tests/cli/check_report.py

cp -r "$E" cohort
expect_exit 0 "$PATHCORR" run --no-version --threads 1 --clinical cohort/clinical.tsv --outdir t1 cohort/vcf
expect_stderr '^pathcorr: ORR 15/36 = 41.7% \(95% CI 25.5% to 59.2%, exact\)$'
expect_stderr '^pathcorr: top association 1: AKT1: .* p 0.429, q 1$'
expect_stderr '^pathcorr: report: t1/report.html$'
python3 "$CHECK" t1 cohort/clinical.tsv --pik3ca-below-zero 3 || fail "example cohort report does not match its tables"
expect_eq "$(cd t1/figures && ls | tr '\n' ' ')" "consort.svg forest.svg km_os.svg km_pfs.svg oncoprint.svg waterfall.svg " \
  "figures of the example cohort"
grep -q '"report.html"' t1/run.json || fail "run.json does not list report.html"

# Byte-identical whatever --threads, and `report --outdir` rewrites the same files.
expect_exit 0 "$PATHCORR" run --no-version --quiet --threads 2 --clinical cohort/clinical.tsv --outdir t2 cohort/vcf
for f in report.html figures/consort.svg figures/waterfall.svg figures/oncoprint.svg figures/forest.svg \
  figures/km_pfs.svg figures/km_os.svg; do
  cmp -s "t1/$f" "t2/$f" || fail "$f differs between --threads 1 and 2"
done
cp -r t1 again
rm -rf again/report.html again/figures
expect_exit 0 "$PATHCORR" report --quiet --outdir again
expect_eq "$(cat "$WORK/last.err")" "" "report --quiet prints nothing"
for f in report.html figures/waterfall.svg figures/km_os.svg; do
  cmp -s "t1/$f" "again/$f" || fail "report --outdir: $f differs from run's"
done
# Without --no-version the report shows the version and the command, as the tables' comment lines do.
expect_exit 0 "$PATHCORR" run --quiet --clinical cohort/clinical.tsv --outdir v cohort/vcf
grep -q '<td>command</td><td>.*pathcorr run --quiet' v/report.html || fail "report lacks the command"
grep -q '<td>command</td>' t1/report.html && fail "--no-version report shows the command"
expect_exit 0 "$PATHCORR" run --no-version --quiet --no-report --clinical cohort/clinical.tsv --outdir nr cohort/vcf
[[ ! -e nr/report.html && ! -e nr/figures ]] || fail "--no-report wrote a report"
cp -r t1/report.html t1/figures nr/
expect_exit 0 "$PATHCORR" run --no-version --quiet --no-report --clinical cohort/clinical.tsv --outdir nr cohort/vcf
[[ ! -e nr/report.html && -z "$(ls nr/figures)" ]] || fail "--no-report left an earlier report beside new tables"

# The clinical table is re-read only when its SHA-256 is the one run.json records.
printf 'HN99\tPR\t-40\t1\t1\t2\t1\tnegative\n' >> cohort/clinical.tsv
rm -rf t1/report.html t1/figures
expect_exit 1 "$PATHCORR" report --outdir t1
expect_stderr 'cohort/clinical.tsv: SHA-256 .* differs from the one t1/run.json records'
[[ ! -e t1/report.html ]] || fail "report written from a changed clinical table"
expect_exit 1 "$PATHCORR" report --outdir nowhere
expect_stderr 'nowhere/run.json: not found'
expect_exit 2 "$PATHCORR" report
expect_stderr 'outdir'

# A copy-number run (issue 11's outputs, by hand): glyphs by class, NA hatched, per-type columns in the forest plot.
cp -r "$DATA/report/cnv_run" cnv_run
expect_exit 0 "$PATHCORR" report --outdir cnv_run
python3 "$CHECK" cnv_run cnv_run/clinical.tsv || fail "copy-number report does not match its tables"
python3 - cnv_run/figures <<'PY' || fail "copy-number glyphs"
import sys, xml.etree.ElementTree as ET
d = sys.argv[1]
onco = ET.parse(f'{d}/oncoprint.svg').getroot()
cells = {(g.get('data-patient'), g.get('data-feature')): g for g in onco.iter() if g.get('data-feature')}
def fills(p, f):
    return [r.get('fill') for r in cells[(p, f)].iter() if r.tag.endswith('rect')]
want = {('HN11', 'PIK3CA'): '#D55E00', ('HN09', 'PTEN'): '#0072B2', ('HN14', 'PTEN'): '#CC79A7'}
bad = [k for k, c in want.items() if c not in fills(*k)]
# HN03: amplification and the E545K/H1047R missense hotspot in one cell.
bad += [] if {'#D55E00', '#009E73'} <= set(fills('HN03', 'PIK3CA')) else [('HN03', 'PIK3CA')]
# Not counted (gain, shallow deletion): a plain not-altered cell.
bad += [k for k in [('HN15', 'PIK3CA'), ('HN16', 'PTEN')] if fills(*k) != ['#EEEEEE']]
# No copy-number data: NA, hatched, not wild type.
bad += [k for k in [('HN18', 'PIK3CA'), ('HN20', 'PTEN'), ('HN18', 'PI3K_MTOR')] if fills(*k) != ['url(#oncoprint-na)']]
titles = ''.join(t.text or '' for t in onco.iter() if t.tag.endswith('title'))
bad += [] if 'HN09 PTEN: altered; deep_deletion' in titles else ['deep_deletion title']
forest = ET.parse(f'{d}/forest.svg').getroot()
drawn = {g.get('data-feature') for g in forest.iter() if g.get('data-odds-ratio') is not None}
bad += [f for f in ['PIK3CA:amp', 'PTEN:del', 'PIK3CA:mut'] if f not in drawn]
rows = {g.get('data-feature') for g in onco.iter() if g.get('data-feature')}
bad += [f for f in rows if ':' in f]  # per-type columns are not oncoprint rows
water = ET.parse(f'{d}/waterfall.svg').getroot()
status = {r.get('data-patient'): r.get('data-status') for r in water.iter() if r.get('data-pct')}
bad += [] if status.get('HN18') == 'not_evaluable' and status.get('HN09') == 'altered' else ['waterfall status']
consort = ET.parse(f'{d}/consort.svg').getroot()
boxes = {g.get('id'): g.get('data-patients') for g in consort.iter() if g.get('data-patients') is not None}
bad += [] if boxes.get('consort-no-clinical-record') == 'HN40' else ['consort no clinical record']
print('\n'.join(map(str, bad)))
sys.exit(1 if bad else 0)
PY
# 500 patients x 30 genes (synthetic, seeded): every patient a column, no label overlapping another or the edge.
python3 "$DATA/report/make_synthetic_run.py" big "$PATHCORR" 500 30
expect_exit 0 "$PATHCORR" report --quiet --outdir big
python3 "$CHECK" big big/clinical.tsv || fail "500 x 30 report"
grep -q 'labels left out at this width' big/figures/oncoprint.svg || fail "500 patients: oncoprint labels kept"
# 500 patients x 30 genes (synthetic, seeded): every patient a column, no label overlapping another or the edge.
python3 "$DATA/report/make_synthetic_run.py" big "$PATHCORR" 500 30
expect_exit 0 "$PATHCORR" report --quiet --outdir big
python3 "$CHECK" big big/clinical.tsv || fail "500 x 30 report"
grep -q 'labels left out at this width' big/figures/oncoprint.svg || fail "500 patients: oncoprint labels kept"
# A clinical table with responses only: no waterfall and no Kaplan-Meier figure, said in the page; rerun into a
# directory that had them: the old figures go.
cut -f1,2 cohort/clinical.tsv | head -n 37 > responses_only.tsv
expect_exit 0 "$PATHCORR" run --no-version --quiet --clinical responses_only.tsv --outdir t2 cohort/vcf
python3 "$CHECK" t2 responses_only.tsv || fail "responses-only report"
expect_eq "$(cd t2/figures && ls | tr '\n' ' ')" "consort.svg forest.svg oncoprint.svg " "figures without % change or survival"
grep -q 'No waterfall plot' t2/report.html || fail "no note on the missing waterfall"
grep -q 'No Kaplan-Meier curves' t2/report.html || fail "no note on the missing survival curves"

# Long names (TCGA barcodes, an MSigDB pathway name): cut or given room, never overlapping.
python3 "$DATA/report/make_synthetic_run.py" long "$PATHCORR" 40 12 long
expect_exit 0 "$PATHCORR" report --quiet --outdir long
python3 "$CHECK" long long/clinical.tsv || fail "long names report"
finish
