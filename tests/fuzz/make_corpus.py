#!/usr/bin/env python3
"""Builds the seed corpora of the fuzz targets from the repository's test data (nothing here is committed).

Usage: make_corpus.py REPO_ROOT OUT_DIR     -> OUT_DIR/<target>/<seed files>

Seeds are kept small (libFuzzer mutates small inputs faster and takes -max_len from the largest seed): text VCFs
are cut to their header plus the first records, tables to their first lines. fuzz_annotation seeds follow the
input layout described in fuzz_annotation.cpp, built from real annotated records.
"""
import gzip
import hashlib
import os
import re
import sys

MAX_VCF = 24 * 1024
MAX_TABLE = 12 * 1024
MAX_ANNOTATION_SEEDS_PER_FILE = 40


def write_seed(out_dir, target, data, hint):
    d = os.path.join(out_dir, target)
    os.makedirs(d, exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]", "_", hint)[:60] + "-" + hashlib.sha1(data).hexdigest()[:10]
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def read_maybe_gzip(path):
    with open(path, "rb") as f:
        raw = f.read()
    if raw[:2] == b"\x1f\x8b":
        try:
            return raw, gzip.decompress(raw)
        except (OSError, EOFError):  # damaged on purpose (tests/data/real/edge-cases)
            return raw, None
    return raw, raw


def cut_lines(text, limit, keep_prefix=b"#"):
    """Header lines (keep_prefix) plus as many following lines as fit in limit bytes (at least one)."""
    lines = text.splitlines(keepends=True)
    head = [l for l in lines if l.startswith(keep_prefix)] if keep_prefix else []
    body = [l for l in lines if not (keep_prefix and l.startswith(keep_prefix))]
    if keep_prefix == b"#" and sum(map(len, head)) > limit // 2:
        head = shrink_vcf_header(head)
    out = b"".join(head)
    for i, l in enumerate(body):
        if len(out) + len(l) > limit and i > 0:
            break
        out += l
    return out


PRIMARY_CONTIG = re.compile(rb"^##contig=<ID=(chr)?([0-9]+|X|Y|M|MT)[,>]")


def shrink_vcf_header(head):
    """GATK headers carry thousands of ##contig lines (alt/HLA contigs) and multi-kB command lines: keep the primary
    contigs (build detection reads their lengths) and every line under 4 kB."""
    out = []
    for l in head:
        if l.startswith(b"##contig=") and not PRIMARY_CONTIG.match(l):
            continue
        if len(l) > 4096 and not l.startswith(b"##INFO="):
            continue
        out.append(l)
    return out


def files_under(root, exts):
    for dirpath, _, names in os.walk(root):
        for n in sorted(names):
            if any(n.endswith(e) for e in exts):
                yield os.path.join(dirpath, n)


def vcf_seeds(repo, out):
    roots = [os.path.join(repo, "tests", "data"), os.path.join(repo, "examples", "cohort", "vcf")]
    for root in roots:
        for path in files_under(root, (".vcf", ".vcf.gz", ".bcf", "_is_plain_text", "emptyfile")):
            raw, text = read_maybe_gzip(path)
            base = os.path.basename(path)
            if len(raw) <= MAX_VCF:  # as written: BGZF, plain gzip, BCF, damaged streams
                write_seed(out, "fuzz_vcf", raw, base)
            if text is not None and text is not raw and not text.startswith(b"BCF"):
                write_seed(out, "fuzz_vcf", cut_lines(text, MAX_VCF), base + ".txt")
            elif text is raw and len(raw) > MAX_VCF and not raw.startswith(b"BCF"):
                write_seed(out, "fuzz_vcf", cut_lines(raw, MAX_VCF), base + ".cut")


def annotation_header_table(repo):
    inc = open(os.path.join(repo, "tests", "fuzz", "annotation_headers.inc"), encoding="utf-8").read()
    return re.findall(r'\{"([^"]+)", "([^"]+)",', inc)  # [(dialect, source), ...] in kAnnotationHeaders order


def info_value(info, tag):
    for item in info.split(";"):
        key, _, value = item.partition("=")
        if key == tag:
            return value
    return ""


def annotation_seeds(repo, out):
    table = annotation_header_table(repo)
    tag_of = {"snpeff": "ANN", "snpeff-eff": "EFF", "bcsq": "BCSQ", "funcotator": "FUNCOTATION", "annovar": "."}
    data_dirs = [os.path.join(repo, "tests", "data", "annotated"), os.path.join(repo, "tests", "data", "real", "annotated")]
    for d in data_dirs:
        for path in files_under(d, (".vcf", ".vcf.gz")):
            base = os.path.basename(path)
            _, text = read_maybe_gzip(path)
            if text is None:
                continue
            lines = text.decode("utf-8", "replace").splitlines()
            header = "\n".join(l for l in lines if l.startswith("##INFO="))
            # The header entry made from this very file, else the first one of a dialect whose tag the file has.
            choices = [i for i, (_, src) in enumerate(table) if src == base]
            if not choices:
                for i, (dialect, _) in enumerate(table):
                    tag = tag_of.get(dialect)
                    if tag is None:  # vep: CSQ, or ANN holding a VEP Format
                        ok = "##INFO=<ID=CSQ," in header
                    elif tag == ".":
                        ok = "ANNOVAR_DATE" in header
                    else:
                        ok = "##INFO=<ID=%s," % tag in header
                    if ok:
                        choices = [i]
                        break
            if not choices:
                continue
            index = choices[0]
            dialect, src = table[index]
            tag = tag_of.get(dialect)
            if dialect == "vep":
                tag = "ANN" if "7_vep_in_ANN" in src else "CSQ"
            n = 0
            for l in lines:
                if l.startswith("#") or not l.strip():
                    continue
                cols = l.split("\t")
                if len(cols) < 8:
                    continue
                ref, alts, info = cols[3], cols[4], cols[7]
                value = info if tag == "." else info_value(info, tag)
                if not value:
                    continue
                for alt_index in range(min(3, len(alts.split(",")))):
                    for flags in (0, 1):
                        seed = bytes([index, flags, alt_index]) + b"\x01".join(
                            [b"", ref.encode(), alts.encode(), value.encode()])
                        write_seed(out, "fuzz_annotation", seed, "%s-%d" % (base, n))
                n += 1
                if n >= MAX_ANNOTATION_SEEDS_PER_FILE:
                    break


def table_seeds(repo, out):
    data = os.path.join(repo, "tests", "data")
    clinical = list(files_under(os.path.join(data, "clinical"), (".tsv", ".csv", ".txt")))
    clinical += [os.path.join(data, "tiny", "clinical.tsv"), os.path.join(repo, "examples", "cohort", "clinical.tsv")]
    clinical += list(files_under(os.path.join(data, "real", "maf"), (".maf", ".tsv", ".maf.gz")))
    for path in clinical:
        if not os.path.exists(path):
            continue
        raw, text = read_maybe_gzip(path)
        if text is None:
            continue
        write_seed(out, "fuzz_clinical", cut_lines(text, MAX_TABLE, keep_prefix=None), os.path.basename(path))
        if raw is not text and len(raw) <= MAX_TABLE:
            write_seed(out, "fuzz_clinical", raw, os.path.basename(path) + ".gz")
    # A sample sheet with relative paths (resolved against the sheet's directory).
    write_seed(out, "fuzz_clinical",
               b"patient_id\tvcf\tsample_id\ttumor_sample\nP01\tP01.vcf\tLIB1\tTUMOR\nP01\tP01.indels.vcf\t\t\n",
               "sample_sheet.tsv")


def committed_seeds(repo, out):
    """tests/fuzz/seeds/<target>/*: the few hand-made seeds (calls.tsv, matrix.tsv) the test data lack."""
    committed = os.path.join(repo, "tests", "fuzz", "seeds")
    for target in sorted(os.listdir(committed)) if os.path.isdir(committed) else []:
        for path in files_under(os.path.join(committed, target), ("",)):
            if not os.path.basename(path).startswith("README"):
                write_seed(out, target, open(path, "rb").read(), os.path.basename(path))


def maf_seeds(repo, out):
    for path in files_under(os.path.join(repo, "tests", "data", "real", "maf"), (".maf", ".maf.gz")):
        raw, text = read_maybe_gzip(path)
        if text is None:
            continue
        write_seed(out, "fuzz_maf", cut_lines(text, MAX_TABLE), os.path.basename(path))
        if raw is not text and len(raw) <= MAX_TABLE:
            write_seed(out, "fuzz_maf", raw, os.path.basename(path) + ".gz")
    # ANNOVAR multianno tables go through the same target (scan_annovar_table reads them as MAF rows).
    for path in [os.path.join(repo, "tests", "data", "real", "annotated", "maftools_variants.hg19_multianno.txt"),
                 os.path.join(repo, "tests", "data", "dialects", "annovar_table", "cohort.hg19_multianno.txt")]:
        if os.path.exists(path):
            write_seed(out, "fuzz_maf", open(path, "rb").read(), os.path.basename(path))


def consequence_seeds(repo, out):
    """fuzz_consequence: byte 0 even = variant lines against the fixture, odd = a transcript-model file."""
    csq = os.path.join(repo, "tests", "data", "csq")
    if not os.path.isdir(csq):
        return
    lines = []
    for l in open(os.path.join(csq, "variants.vcf"), encoding="utf-8"):
        if l.startswith("#"):
            continue
        cols = l.rstrip("\n").split("\t")
        if len(cols) >= 5:
            contig = "r" if cols[0] == "rc3" else cols[0]
            lines.append("%s %s %d %s" % (contig, cols[1], len(cols[3]), cols[4]))
            lines.append("%s %s %s %s" % (contig, cols[1], cols[3], cols[4]))
    for i in range(0, len(lines), 8):
        write_seed(out, "fuzz_consequence", b"\x00" + "\n".join(lines[i:i + 8]).encode() + b"\n", "variants.%d" % i)
    for name in ("pik3ca_shifted.gff3", "PIK3CA.gencode.v19.annotation.gtf"):
        path = os.path.join(csq, name)
        if os.path.exists(path):
            write_seed(out, "fuzz_consequence", b"\x01" + cut_lines(open(path, "rb").read(), MAX_TABLE), name)
    exons = os.path.join(repo, "reference", "canonical_exons.tsv")
    if os.path.exists(exons):
        write_seed(out, "fuzz_consequence", b"\x01" + open(exons, "rb").read(), "canonical_exons.tsv")


def reference_seeds(repo, out):
    ref = os.path.join(repo, "reference")
    for path in files_under(ref, (".gmt", ".tsv")):
        name = os.path.basename(path)
        if name != "hotspots.tsv":
            write_seed(out, "fuzz_reference", open(path, "rb").read(), name)
    # Capture targets (BED): 0-based half-open, track/browser lines, chr prefixes.
    write_seed(out, "fuzz_reference",
               b"track name=panel\nbrowser position chr3:1-100\n# comment\nchr3\t178916613\t178952152\tPIK3CA\n"
               b"10\t89623194\t89728532\tPTEN\t0\t+\n3\t178935000\t178940000\n", "targets.bed")
    # hotspots.tsv is ~55 kB: seed the header with slices of its rows instead of the whole table.
    lines = open(os.path.join(ref, "hotspots.tsv"), "rb").read().splitlines(keepends=True)
    head = [l for l in lines if l.startswith(b"#")]
    rows = [l for l in lines if not l.startswith(b"#")]
    header, rows = (head + rows[:1], rows[1:]) if rows else (head, rows)
    for i in range(0, len(rows), 40):
        write_seed(out, "fuzz_reference", b"".join(header + rows[i:i + 40]), "hotspots.tsv.%d" % i)
    extra = os.path.join(repo, "tests", "data", "real", "pathway", "maftools_oncogenic_sig_pathways.tsv")
    if os.path.exists(extra):
        write_seed(out, "fuzz_reference", cut_lines(open(extra, "rb").read(), MAX_TABLE, keep_prefix=None),
                   os.path.basename(extra))


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    repo, out = sys.argv[1], sys.argv[2]
    vcf_seeds(repo, out)
    annotation_seeds(repo, out)
    table_seeds(repo, out)
    maf_seeds(repo, out)
    consequence_seeds(repo, out)
    reference_seeds(repo, out)
    committed_seeds(repo, out)
    for target in sorted(os.listdir(out)):
        print("%s: %d seeds" % (target, len(os.listdir(os.path.join(out, target)))))


if __name__ == "__main__":
    main()
