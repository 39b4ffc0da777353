#!/usr/bin/env python3
"""Writes a synthetic output directory of `pathcorr run` with many patients and genes, to look at the report's
layout at scale (labels that must not overlap, every patient a column):

    make_synthetic_run.py OUTDIR PATHCORR [N_PATIENTS [N_GENES [long]]]   (default 500 x 30; seeded, deterministic)

With `long`, patients get TCGA-style barcodes (TCGA-A1-0001-01A-11D) and the pathway a long MSigDB name
(HALLMARK_PI3K_AKT_MTOR_SIGNALING), to check that long labels do not run into their neighbours.

Made-up data: patient P0001.., responses and best % change drawn at random, alterations of every class (small
variants, hotspots, amplification, deep deletion, structural) with a frequency falling along the gene list, 5% of
the patients without copy-number data (NA where no small variant counts). calls.tsv, matrix.tsv, samples.tsv and
clinical.tsv are written here, associations/response/survival.tsv by `PATHCORR test`, run.json by hand.
"""
import hashlib
import json
import random
import subprocess
import sys
from pathlib import Path

out, pathcorr = Path(sys.argv[1]), sys.argv[2]
n_patients = int(sys.argv[3]) if len(sys.argv) > 3 else 500
n_genes = int(sys.argv[4]) if len(sys.argv) > 4 else 30
rng = random.Random(13)
out.mkdir(parents=True, exist_ok=True)
base = ['PIK3CA', 'PTEN', 'PIK3R1', 'AKT1', 'MTOR', 'TSC1', 'TSC2', 'STK11', 'PIK3CB', 'RICTOR', 'RPTOR', 'AKT2',
        'AKT3', 'INPP4B', 'PDPK1', 'PIK3R2', 'PIK3R3', 'PPP2R1A', 'RHEB', 'DEPDC5', 'NPRL2', 'NPRL3', 'MLST8',
        'MAPKAP1', 'AKT1S1', 'DEPTOR', 'EIF4EBP1', 'RPS6', 'RPS6KB1', 'ERBB2']
genes = (base + [f'GENE{i}' for i in range(len(base), n_genes)])[:n_genes]
long_names = len(sys.argv) > 5 and sys.argv[5] == 'long'
patients = [f'TCGA-A1-{i:04d}-01A-11D' if long_names else f'P{i:04d}' for i in range(1, n_patients + 1)]
pathway = 'HALLMARK_PI3K_AKT_MTOR_SIGNALING' if long_names else 'PI3K_MTOR'
classes = ['missense', 'hotspot', 'truncating', 'inframe', 'splice', 'amplification', 'deep_deletion', 'structural']
consequence = {'missense': 'missense_variant', 'hotspot': 'missense_variant', 'truncating': 'stop_gained',
               'inframe': 'inframe_deletion', 'splice': 'splice_acceptor_variant'}

clinical = ['patient_id\tbest_response\tbest_pct_change\tpfs_months\tpfs_event\tos_months\tos_event']
for p in patients:
    r = rng.choices(['CR', 'PR', 'SD', 'PD', 'NE'], [3, 25, 40, 27, 5])[0]
    pct = {'CR': -100.0, 'PR': rng.uniform(-95, -30), 'SD': rng.uniform(-29.9, 19.9), 'PD': rng.uniform(20, 120),
           'NE': None}[r]
    pfs = round(rng.expovariate(1 / 6), 1)
    clinical.append('\t'.join([p, r, '' if pct is None else f'{pct:.1f}', f'{pfs}', str(rng.randint(0, 1)),
                               f'{round(pfs + rng.expovariate(1 / 8), 1)}', str(rng.randint(0, 1))]))
(out / 'clinical.tsv').write_text('\n'.join(clinical) + '\n')

header = ['patient_id', 'sample', 'chrom', 'pos', 'ref', 'alt', 'gene', 'transcript', 'consequence', 'hgvsp', 'vaf',
          'depth', 'alt_depth', 'filter', 'alteration_class', 'counted', 'reason', 'source_file']
calls, matrix = ['\t'.join(header)], []
for p in patients:
    no_cn = rng.random() < 0.05
    row = []
    for k, g in enumerate(genes):
        hits = [c for c in classes if rng.random() < 0.25 / (k + 2) and not (no_cn and c in
                                                                              ('amplification', 'deep_deletion', 'structural'))]
        for c in hits:
            small = c in consequence
            calls.append('\t'.join([p, p, '1', str(1000 + k), 'A' if small else '.', 'T' if small else '.', g, '.',
                                    consequence.get(c, c), f'p.X{k}Y' if small else 'NA', 'NA', 'NA', 'NA', 'PASS', c,
                                    'yes', '.', f'{p}.vcf']))
        row.append('1' if hits else 'NA' if no_cn else '0')
    row.append('1' if '1' in row else 'NA' if 'NA' in row else '0')
    matrix.append([p] + row)
(out / 'calls.tsv').write_text('\n'.join(calls) + '\n')
(out / 'matrix.tsv').write_text('#feature_type\t' + '\t'.join(['gene'] * len(genes) + ['pathway']) + '\n' +
                                'patient_id\t' + '\t'.join(genes + [pathway]) + '\n' +
                                ''.join('\t'.join(r) + '\n' for r in matrix))
resp = {l.split('\t')[0]: l.split('\t')[1] for l in clinical[1:]}
samples = ['patient_id\tfile\ttumor_sample\tbuild\tannotation\trecords\trecords_passing\talterations_counted\t'
           'best_response\tstatus\tnot_evaluable']
samples += [f'{p}\t{p}.vcf\tTUMOR\tGRCh38\tvep\t10\t10\t0\t{resp[p]}\tok\t.' for p in patients]
(out / 'samples.tsv').write_text('\n'.join(samples) + '\n')
subprocess.run([pathcorr, 'test', '--no-version', '--quiet', '--clinical', str(out / 'clinical.tsv'), '--matrix',
                str(out / 'matrix.tsv'), '--output', str(out / 'associations.tsv'), '--response-output',
                str(out / 'response.tsv'), '--survival-output', str(out / 'survival.tsv')], check=True)
sha = hashlib.sha256((out / 'clinical.tsv').read_bytes()).hexdigest()
run = {'pathcorr_version': 'synthetic', 'command': ['make_synthetic_run.py'], 'reference_version': 'synthetic',
       'parameters': {'no-version': True, 'conf-level': 0.95, 'endpoint': 'orr', 'responders': 'CR,PR'},
       'inputs': [{'role': 'clinical', 'path': str(out / 'clinical.tsv'), 'sha256': sha}], 'outputs': []}
(out / 'run.json').write_text(json.dumps(run, indent=2) + '\n')
