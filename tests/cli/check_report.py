#!/usr/bin/env python3
"""Checks a pathcorr report against the tables it was drawn from (issue 13).

Usage: check_report.py OUTDIR CLINICAL [--pik3ca-below-zero N]

Parses report.html and every figures/*.svg as XML; checks that nothing is referenced outside the file; that every
matrix patient and feature is in the oncoprint with the matrix value, every patient's response and best % change in
the tracks and the waterfall (bars below the zero line exactly when the change is negative), every altered feature
in the forest plot with associations.tsv's odds ratio, p and q, every feature in the association table, and the
patient flow. Prints the failures and exits 1 when there is any.
"""
import csv
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

failures = []


def fail(msg):
    failures.append(msg)


def local(tag):
    return tag.rsplit('}', 1)[-1]


def read_tsv(path):
    lines = [l for l in Path(path).read_text().splitlines() if not l.startswith('#')]
    return list(csv.DictReader(lines, delimiter='\t', quoting=csv.QUOTE_NONE))


def no_external_references(name, text):
    stripped = text.replace('xmlns="http://www.w3.org/2000/svg"', '').replace('xmlns="http://www.w3.org/1999/xhtml"', '')
    for pattern, what in [(r'https?:', 'an http(s) address'), (r'<script', 'a script'), (r'\bsrc\s*=', 'a src attribute'),
                          (r'@import', 'a CSS import'), (r'<link', 'a link element'), (r'file:', 'a file: address'),
                          (r'<img', 'an image'), (r'<iframe|<object|<embed', 'an embedded object')]:
        if re.search(pattern, stripped, re.I):
            fail(f'{name}: references {what}')
    for m in re.finditer(r'href\s*=\s*"([^"]*)"', stripped):
        if not m.group(1).startswith('#'):
            fail(f'{name}: href to {m.group(1)}')
    for m in re.finditer(r'url\(([^)]*)\)', stripped):
        if not m.group(1).startswith('#'):
            fail(f'{name}: url({m.group(1)})')


def canonical(el):
    """The element's XML without its tail (the text after it in the page)."""
    tail, el.tail = el.tail, None
    text = ET.tostring(el)
    el.tail = tail
    return text


def figure(root, fig_id):
    for el in root.iter():
        if local(el.tag) == 'svg' and el.get('id') == fig_id:
            return el
    return None


def with_attr(root, attr):
    return [el for el in root.iter() if el.get(attr) is not None]


def text_boxes(svg):
    """Approximate boxes (x0, y0, x1, y1) of the <text> elements: Helvetica's average advance ~0.6 em, rotated
    labels (rotate(-90 x y)) turned on their anchor."""
    boxes = []
    for el in svg.iter():
        if local(el.tag) != 'text' or not (el.text or '').strip():
            continue
        x, y, size = float(el.get('x')), float(el.get('y')), float(el.get('font-size', '10'))
        w, h = 0.6 * size * len(el.text), 0.8 * size
        anchor = el.get('text-anchor', 'start')
        x0 = x - (w if anchor == 'end' else w / 2 if anchor == 'middle' else 0)
        if 'rotate(-90' in (el.get('transform') or ''):
            # Along -y from the anchor: 'end' text ends at (x, y) and runs downward.
            y0 = y + (0 if anchor == 'end' else -w / 2 if anchor == 'middle' else -w)
            boxes.append((x - h, y0, x, y0 + w, el.text))
        else:
            boxes.append((x0, y - h, x0 + w, y, el.text))
    return boxes


def check_no_overlap(name, svg):
    boxes = sorted(text_boxes(svg))
    width, height = map(float, svg.get('viewBox').split()[2:])
    for b in boxes:
        if b[0] < -1 or b[1] < -1 or b[2] > width + 1 or b[3] > height + 1:
            fail(f'{name}: label {b[4]!r} runs past the figure ({b[:4]} outside {width} x {height})')
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if b[0] >= a[2]:
                break
            if a[1] < b[3] and b[1] < a[3] and a[0] < b[2] and b[0] < a[2]:
                fail(f'{name}: labels overlap: {a[4]!r} and {b[4]!r}')
                return


def check_oncoprint(svg, matrix, features, clinical):
    cells = {(el.get('data-patient'), el.get('data-feature')): el.get('data-value')
             for el in with_attr(svg, 'data-feature')}
    gene_cols = [f for f, t in features.items() if t == 'gene' and ':' not in f]
    rows = [f for f, t in features.items() if t == 'pathway']
    rows += [g for g in gene_cols if any(r[g] == '1' for r in matrix)]
    drawn_rows = {f for _, f in cells}
    if drawn_rows != set(rows):
        fail(f'oncoprint rows {sorted(drawn_rows)} != pathway + altered genes {sorted(rows)}')
    for r in matrix:
        for f in rows:
            got = cells.get((r['patient_id'], f))
            if got != r[f]:
                fail(f'oncoprint {r["patient_id"]} {f}: {got} != matrix {r[f]}')
    tracks = {(el.get('data-patient'), el.get('data-track')): el.get('data-value') for el in with_attr(svg, 'data-track')}
    for r in matrix:
        p = r['patient_id']
        c = clinical[p]
        if tracks.get((p, 'best_response')) != (c['response'] or 'NA'):
            fail(f'oncoprint response track {p}: {tracks.get((p, "best_response"))} != {c["response"]}')
        if c['pct'] is not None and float(tracks.get((p, 'best_pct_change'), 'nan')) != c['pct']:
            fail(f'oncoprint % change track {p}: {tracks.get((p, "best_pct_change"))} != {c["pct"]}')
    # The tracks follow the grid's column order.
    order = [el.get('data-patient') for el in with_attr(svg, 'data-track') if el.get('data-track') == 'best_response']
    first_row = [el.get('data-patient') for el in with_attr(svg, 'data-feature') if el.get('data-feature') == rows[0]]
    if order != first_row:
        fail('oncoprint: the response track is not in the order of the grid')
    if sorted(order) != sorted(r['patient_id'] for r in matrix):
        fail('oncoprint: not every evaluable patient is a column')


def check_waterfall(svg, matrix, status_feature, clinical, pik3ca_below):
    zero = next(el for el in svg.iter() if el.get('id') == 'waterfall-zero')
    y0 = float(zero.get('y1'))
    bars = {el.get('data-patient'): el for el in with_attr(svg, 'data-pct')}
    below_pik3ca = 0
    for r in matrix:
        p = r['patient_id']
        pct = clinical[p]['pct']
        if pct is None:
            if p in bars:
                fail(f'waterfall: {p} has no best % change but a bar')
            continue
        bar = bars.get(p)
        if bar is None:
            fail(f'waterfall: no bar for {p}')
            continue
        if float(bar.get('data-pct')) != pct:
            fail(f'waterfall {p}: {bar.get("data-pct")} != {pct}')
        want = {'1': 'altered', '0': 'not_altered', 'NA': 'not_evaluable'}[r[status_feature]]
        if bar.get('data-status') != want:
            fail(f'waterfall {p}: status {bar.get("data-status")} != {want}')
        y, h = float(bar.get('y')), float(bar.get('height'))
        below = y >= y0 - 0.01 and h > 0
        if below != (pct < 0) and pct != 0:
            fail(f'waterfall {p}: bar drawn {"below" if below else "above"} zero for {pct}')
        if 'PIK3CA' in r and r['PIK3CA'] == '1' and below:
            below_pik3ca += 1
    if pik3ca_below is not None and below_pik3ca != pik3ca_below:
        fail(f'waterfall: {below_pik3ca} PIK3CA-altered patients below zero, expected {pik3ca_below}')


def check_forest(svg, assoc):
    drawn = {el.get('data-feature'): el for el in with_attr(svg, 'data-odds-ratio')}
    for a in assoc:
        if int(a['n_altered']) == 0:
            if a['feature'] in drawn:
                fail(f'forest: unaltered {a["feature"]} drawn')
            continue
        el = drawn.get(a['feature'])
        if el is None:
            fail(f'forest: {a["feature"]} missing')
            continue
        for attr, col in [('data-odds-ratio', 'odds_ratio'), ('data-ci-low', 'ci_low'), ('data-ci-high', 'ci_high'),
                          ('data-p', 'p_value'), ('data-q', 'q_value')]:
            if el.get(attr) != a[col]:
                fail(f'forest {a["feature"]} {col}: {el.get(attr)} != {a[col]}')


def check_km(svg, endpoint, matrix, status_feature, clinical):
    """Each curve has the patients of its group with a time and an event; at time 0 all of them are at risk."""
    for group, value in (('altered', '1'), ('not_altered', '0')):
        want = sum(1 for r in matrix if r[status_feature] == value and clinical[r['patient_id']][endpoint])
        curves = [el for el in svg.iter() if el.get('data-group') == group and el.get('data-n') is not None]
        if len(curves) != 1 or int(curves[0].get('data-n')) != want:
            fail(f'km_{endpoint} {group}: curve of {[c.get("data-n") for c in curves]} patients, expected {want}')
        at0 = [el.text for el in svg.iter() if el.get('data-group') == group and el.get('data-time') == '0']
        if at0 != [str(want)]:
            fail(f'km_{endpoint} {group}: at risk at 0 {at0}, expected {want}')


def check_table(html_root, assoc):
    rows = {el.get('data-feature'): el for el in html_root.iter() if local(el.tag) == 'tr' and el.get('data-feature')}
    cols = ['feature', 'n_altered', 'n_wildtype', 'response_rate_altered', 'response_rate_wildtype', 'odds_ratio',
            'ci_low', 'ci_high', 'p_value', 'q_value', 'p_value_bor', 'tested']
    for a in assoc:
        tr = rows.get(a['feature'])
        if tr is None:
            fail(f'association table: {a["feature"]} missing')
            continue
        got = [td.get('title') for td in tr if local(td.tag) == 'td']
        if got != [a[c] for c in cols]:
            fail(f'association table {a["feature"]}: {got} != {[a[c] for c in cols]}')


def check_consort(svg, matrix, samples, clinical):
    boxes = {el.get('id'): set(el.get('data-patients').split()) for el in with_attr(svg, 'data-patients')}
    if boxes.get('consort-analysed') != {r['patient_id'] for r in matrix}:
        fail('consort: analysed patients differ from the matrix')
    if boxes.get('consort-clinical') != set(clinical):
        fail('consort: clinical patients differ from the clinical table')
    want = {s['patient_id'] for s in samples if s['status'] == 'not_sequenced'}
    if boxes.get('consort-not-sequenced') != want:
        fail(f'consort: not sequenced {boxes.get("consort-not-sequenced")} != {want}')


def main():
    out, clinical_path = Path(sys.argv[1]), sys.argv[2]
    pik3ca_below = int(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[3] == '--pik3ca-below-zero' else None
    html_text = (out / 'report.html').read_text()
    no_external_references('report.html', html_text)
    try:
        html = ET.fromstring(html_text)
    except ET.ParseError as e:
        print(f'FAIL: report.html is not well-formed XML: {e}')
        return 1
    figs = {}
    for f in sorted((out / 'figures').glob('*.svg')):
        text = f.read_text()
        no_external_references(f.name, text)
        try:
            figs[f.stem] = ET.fromstring(text.encode())
        except ET.ParseError as e:
            fail(f'{f.name}: not well-formed XML: {e}')
            continue
        inline = figure(html, figs[f.stem].get('id'))
        if inline is None:
            fail(f'{f.name}: not in report.html')
        elif canonical(inline) != canonical(figs[f.stem]):
            fail(f'{f.name}: differs from the figure in report.html')
    lines = (out / 'matrix.tsv').read_text().splitlines()
    types = next(l for l in lines if l.startswith('#feature_type')).split('\t')[1:]
    matrix = read_tsv(out / 'matrix.tsv')
    features = dict(zip(list(matrix[0].keys())[1:], types))
    clinical = {}
    for r in read_tsv(clinical_path):
        pct = r.get('best_pct_change', '')
        resp = r['best_response'].strip().upper()
        resp = {'PARTIAL RESPONSE': 'PR', 'STABLE DISEASE': 'SD', 'COMPLETE RESPONSE': 'CR',
                'PROGRESSIVE DISEASE': 'PD'}.get(resp, resp)
        clinical[r['patient_id']] = {'pct': float(pct) if pct not in ('', 'NA') else None, 'response': resp}
        for e in ('pfs', 'os'):
            t, ev = r.get(e + '_months', ''), r.get(e + '_event', '')
            clinical[r['patient_id']][e] = t not in ('', 'NA') and ev not in ('', 'NA')
    assoc = read_tsv(out / 'associations.tsv')
    samples = read_tsv(out / 'samples.tsv')
    status_feature = next(f for f, t in features.items() if t == 'pathway')
    required = ['consort', 'oncoprint', 'forest']
    if any(clinical[r['patient_id']]['pct'] is not None for r in matrix):
        required.append('waterfall')
    for name in required:
        if name not in figs:
            fail(f'figures/{name}.svg missing')
    for name, svg in figs.items():
        check_no_overlap(name, svg)
    if 'oncoprint' in figs:
        check_oncoprint(figs['oncoprint'], matrix, features, clinical)
    if 'waterfall' in figs:
        check_waterfall(figs['waterfall'], matrix, status_feature, clinical, pik3ca_below)
    if 'forest' in figs:
        check_forest(figs['forest'], assoc)
    if 'consort' in figs:
        check_consort(figs['consort'], matrix, samples, clinical)
    for e in ('pfs', 'os'):
        if 'km_' + e in figs:
            check_km(figs['km_' + e], e, matrix, status_feature, clinical)
    check_table(html, assoc)
    for f in failures:
        print('FAIL: ' + f)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
