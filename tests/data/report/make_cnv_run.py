#!/usr/bin/env python3
"""Writes cnv_run/: a hand-made output directory of `pathcorr run` as it will look once copy-number and SV calls
are wired in (issue 11), for the report's tests (tests/cli/test_report.sh). Run from the repository root after
`pathcorr run --no-version --clinical examples/cohort/clinical.tsv --outdir OUT examples/cohort/vcf`:

    python3 tests/data/report/make_cnv_run.py OUT build/pathcorr

It takes the example run's calls.tsv, samples.tsv and matrix.tsv and adds, by hand:
  calls.tsv   PIK3CA amplification (HN03, also mutated; HN11), PTEN deep_deletion (HN09), PTEN structural (HN14),
              all counted, ref/alt '.'; PIK3CA gain (HN15) and PTEN shallow_deletion (HN16) written, not counted.
  matrix.tsv  per-type columns PIK3CA:mut PIK3CA:amp PTEN:mut PTEN:del; HN18 and HN20 have no copy-number data,
              so every gene without a counted small variant is NA for them (pathway NA); HN12 (PTEN stop gained,
              no copy-number data) has PTEN 1, other genes NA, pathway 1.
  samples.tsv copy-number files for the patients with data, one sequenced patient without clinical record (HN40)
              and one failed file (HN26, otherwise not sequenced).
and then runs `pathcorr test` for associations/response/survival.tsv and writes run.json naming the clinical table
as cnv_run/clinical.tsv with its SHA-256.
"""
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

src, pathcorr = Path(sys.argv[1]), sys.argv[2]
out = Path(__file__).resolve().parent / 'cnv_run'
out.mkdir(exist_ok=True)
shutil.copy('examples/cohort/clinical.tsv', out / 'clinical.tsv')

# calls.tsv
lines = (src / 'calls.tsv').read_text().splitlines()
header = next(l for l in lines if not l.startswith('#')).split('\t')
def call(patient, gene, chrom, pos, cls, counted, reason, value):
    row = dict.fromkeys(header, 'NA')
    row.update(patient_id=patient, sample=patient, chrom=chrom, pos=pos, ref='.', alt='.', gene=gene,
               transcript='.', consequence=cls, hgvsp='NA', filter='PASS', alteration_class=cls, counted=counted,
               reason=reason, source_file=f'cnv/{patient}.call.cns', build='GRCh37', annotation='none',
               transcript_choice='.', protein_change='NA')
    row['vaf'] = row['depth'] = row['alt_depth'] = 'NA'
    return '\t'.join(row[h] for h in header)
lines += [call('HN03', 'PIK3CA', '3', '178800000', 'amplification', 'yes', '.', '1.4'),
          call('HN11', 'PIK3CA', '3', '178700000', 'amplification', 'yes', '.', '1.1'),
          call('HN09', 'PTEN', '10', '89600000', 'deep_deletion', 'yes', '.', '-1.6'),
          call('HN14', 'PTEN', '10', '89690000', 'structural', 'yes', '.', 'NA'),
          call('HN15', 'PIK3CA', '3', '178000000', 'gain', 'no', 'gain', '0.35'),
          call('HN16', 'PTEN', '10', '89500000', 'shallow_deletion', 'no', 'shallow_deletion', '-0.4')]
(out / 'calls.tsv').write_text('\n'.join(lines) + '\n')

# matrix.tsv
lines = (src / 'matrix.tsv').read_text().splitlines()
types = lines[0].split('\t')
head = lines[1].split('\t')
rows = [dict(zip(head, l.split('\t'))) for l in lines[2:]]
no_cn = {'HN12', 'HN18', 'HN20'}
extra = ['PIK3CA:mut', 'PIK3CA:amp', 'PTEN:mut', 'PTEN:del']
genes = [h for h, t in zip(head[1:], types[1:]) if t == 'gene']
for r in rows:
    p = r['patient_id']
    r['PIK3CA:mut'], r['PTEN:mut'] = r['PIK3CA'], r['PTEN']
    r['PIK3CA:amp'] = '1' if p in ('HN03', 'HN11') else 'NA' if p in no_cn else '0'
    r['PTEN:del'] = '1' if p == 'HN09' else 'NA' if p in no_cn else '0'
    if p in ('HN03', 'HN11'):
        r['PIK3CA'] = '1'
    if p in ('HN09', 'HN14'):
        r['PTEN'] = '1'
    if p in no_cn:
        for g in genes:
            if r[g] != '1':
                r[g] = 'NA'
    vals = [r[g] for g in genes]
    r['PI3K_MTOR'] = '1' if '1' in vals else 'NA' if 'NA' in vals else '0'
cols = head[:-1] + extra + head[-1:]
ftypes = ['#feature_type'] + ['gene'] * (len(cols) - 2) + ['pathway']
text = '\t'.join(ftypes) + '\n' + '\t'.join(cols) + '\n' + ''.join('\t'.join(r[c] for c in cols) + '\n' for r in rows)
(out / 'matrix.tsv').write_text(text)

# samples.tsv
lines = (src / 'samples.tsv').read_text().splitlines()
head = lines[0].split('\t')
body = [l for l in lines[1:] if not l.startswith('HN26\t')]
def sample(patient, file, resp, status):
    r = dict.fromkeys(head, 'NA')
    r.update(patient_id=patient, file=file, tumor_sample=patient, build='GRCh37', annotation='none', records='40',
             records_passing='40', alterations_counted='0', best_response=resp, status=status, not_evaluable='.')
    return '\t'.join(r[h] for h in head)
for r in rows:
    if r['patient_id'] not in no_cn:
        body.append(sample(r['patient_id'], f'cnv/{r["patient_id"]}.call.cns', '', 'ok'))
body.append(sample('HN26', 'vcf/HN26.mutect2.vep.vcf.gz', 'PR', 'failed: truncated gzip data'))
body.append(sample('HN40', 'cnv/HN40.call.cns', 'NA', 'no_clinical_record'))
body.sort(key=lambda l: l.split('\t')[0])
(out / 'samples.tsv').write_text('\n'.join([lines[0]] + body) + '\n')

subprocess.run([pathcorr, 'test', '--no-version', '--quiet', '--clinical', str(out / 'clinical.tsv'), '--matrix',
                str(out / 'matrix.tsv'), '--output', str(out / 'associations.tsv'), '--response-output',
                str(out / 'response.tsv'), '--survival-output', str(out / 'survival.tsv')], check=True)
run = json.loads((src / 'run.json').read_text())
run['command'] = ['pathcorr', 'run', '--no-version', '--clinical', 'cnv_run/clinical.tsv', '--outdir', 'cnv_run',
                  'vcf', 'cnv']
run['parameters']['clinical'] = 'cnv_run/clinical.tsv'
sha = hashlib.sha256((out / 'clinical.tsv').read_bytes()).hexdigest()
run['inputs'] = [{'role': 'clinical', 'path': 'cnv_run/clinical.tsv', 'sha256': sha}] + \
    [i for i in run['inputs'] if i['role'] != 'clinical']
run['outputs'] = [o for o in run['outputs'] if o not in ('report.html', 'figures/')]
(out / 'run.json').write_text(json.dumps(run, indent=2) + '\n')
