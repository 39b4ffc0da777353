#!/usr/bin/env python3
# bench/sim_cohort.py: seeded cohort simulator for the cohort-scale scan benchmark (bench/scale_scan.sh). Writes
# OUTDIR/PNNNN.mutect2.vcf.gz (bgzipped) and its .tbi for --patients patients, each a Mutect2-like somatic exome
# VCF of --records records from bench/gen_vcf.py (FORMAT GT:AD:AF:DP for a normal and a tumour, ~30% non-PASS,
# ~10% indels, ~1% multi-allelic) with its own seed; 0-3 records per patient on PI3K/mTOR hotspots (seeded), and
# records inside the pathway genes at their genomic share. Also OUTDIR/genes_GRCh37.bed (the built-in gene set,
# BED) and OUTDIR/files.txt (the VCF paths). A file is regenerated only when missing or when the generator, its
# seed or its size changed (OUTDIR/PNNNN.stamp). Python 3 standard library, bgzip and tabix; --jobs processes.
import argparse
import hashlib
import os
import random
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def digest(path):
    with open(path, "rb") as f:
        return hashlib.md5(f.read()).hexdigest()[:12]


def make_one(outdir, name, records, hotspots, seed, gen_digest):
    vcf = os.path.join(outdir, name + ".mutect2.vcf.gz")
    stamp_path = os.path.join(outdir, name + ".stamp")
    stamp = "records=%d hotspots=%d seed=%d gen=%s" % (records, hotspots, seed, gen_digest)
    if os.path.exists(vcf + ".tbi") and os.path.exists(stamp_path) and open(stamp_path).read() == stamp:
        return vcf
    tmp = vcf + ".part"
    with open(tmp, "wb") as out:
        gen = subprocess.Popen([sys.executable, os.path.join(HERE, "gen_vcf.py"), "--records", str(records),
                                "--hotspots", str(hotspots), "--seed", str(seed), "--sample", name],
                               stdout=subprocess.PIPE)
        bgz = subprocess.Popen(["bgzip", "-c"], stdin=gen.stdout, stdout=out)
        gen.stdout.close()
        if bgz.wait() != 0 or gen.wait() != 0:
            raise SystemExit("sim_cohort: generating %s failed" % vcf)
    os.replace(tmp, vcf)
    subprocess.run(["tabix", "-f", "-p", "vcf", vcf], check=True)
    with open(stamp_path, "w") as f:
        f.write(stamp)
    return vcf


def write_bed(path):
    rows = []
    with open(os.path.join(ROOT, "reference", "genes_GRCh37.tsv")) as f:
        lines = [l.rstrip("\n").split("\t") for l in f if not l.startswith("#")]
    h = lines[0]
    for r in lines[1:]:
        d = dict(zip(h, r))
        rows.append((d["chrom"], int(d["start"]) - 1, int(d["end"])))
    order = {c: i for i, c in enumerate([str(i) for i in range(1, 23)] + ["X", "Y", "MT"])}
    rows.sort(key=lambda r: (order.get(r[0], 99), r[1]))
    with open(path, "w") as f:
        for c, s, e in rows:
            f.write("%s\t%d\t%d\n" % (c, s, e))


def main():
    ap = argparse.ArgumentParser(description="seeded cohort of Mutect2-like exome VCFs, bgzipped and indexed")
    ap.add_argument("outdir")
    ap.add_argument("--patients", type=int, default=200)
    ap.add_argument("--records", type=int, default=50000)
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args()
    os.makedirs(a.outdir, exist_ok=True)
    rng = random.Random(a.seed)
    gen_digest = digest(os.path.join(HERE, "gen_vcf.py")) + digest(os.path.abspath(__file__))
    plan = [("P%04d" % (i + 1), rng.choice([0, 0, 1, 1, 2, 3]), a.seed * 100000 + i) for i in range(a.patients)]
    with ThreadPoolExecutor(max_workers=a.jobs) as pool:
        files = list(pool.map(lambda p: make_one(a.outdir, p[0], a.records, p[1], p[2], gen_digest), plan))
    write_bed(os.path.join(a.outdir, "genes_GRCh37.bed"))
    with open(os.path.join(a.outdir, "files.txt"), "w") as f:
        f.write("".join(v + "\n" for v in files))
    print("sim_cohort: %d patients x %d records in %s" % (a.patients, a.records, a.outdir), file=sys.stderr)


if __name__ == "__main__":
    main()
