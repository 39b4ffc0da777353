#!/usr/bin/env python3
"""bench/gen_calls.py: a seeded gather for `pathcorr join`: calls.tsv shards as `pathcorr scan` writes them (one
`#input` line per patient file, one row per counted alteration), the list of shards for `join --inputs-from`, and
a clinical table. With --genes 0 the calls use the built-in PI3K_MTOR genes (29 genes + the pathway = 30
features); with --genes G a GMT of G synthetic genes (G + 1 features) is written for `--gene-set`.

With --cn-calls K each patient also has a copy-number file (its own `#input` line) with K copy-number calls on K
of the genes, as `scan` writes them for CNVkit segments (amplification and deep deletion counted; gain and
shallow deletion not), drawn from their own seeded stream: without it the output is what it was.

Usage: gen_calls.py --patients P [--genes G] [--per-shard 100] [--rate 0.05] [--cn-calls K] --out DIR
                    [--seed 20240601]
Writes DIR/calls/shard_NNNNN.tsv, DIR/calls.list, DIR/clinical.tsv and, with --genes, DIR/genes.gmt.
"""
import argparse
import os
import random

BUILTIN = ("AKT1 AKT1S1 AKT2 AKT3 DEPDC5 DEPTOR EIF4EBP1 INPP4B MAPKAP1 MLST8 MTOR NPRL2 NPRL3 PDPK1 PIK3CA PIK3CB "
           "PIK3R1 PIK3R2 PIK3R3 PPP2R1A PTEN RHEB RICTOR RPS6 RPS6KB1 RPTOR STK11 TSC1 TSC2").split()
COLUMNS = ("patient_id sample chrom pos ref alt gene transcript consequence hgvsp vaf depth alt_depth filter "
           "alteration_class counted reason source_file build annotation transcript_choice pop_af "
           "protein_change cn_value cn_scale end").split()
RESPONSES = ["CR"] * 8 + ["PR"] * 25 + ["SD"] * 35 + ["PD"] * 25 + ["NE"] * 7
# Copy-number classes as scan writes them for a CNVkit file: drawn in these proportions, with the reason a class is
# not counted and a log2 ratio of the class.
CN_CLASSES = ["gain"] * 2 + ["shallow_deletion"] * 2 + ["amplification", "deep_deletion"]
CN_REASON = {"gain": "gain_not_amplification", "shallow_deletion": "shallow_not_deep_deletion",
             "amplification": ".", "deep_deletion": "."}
CN_LOG2 = {"gain": "0.4", "shallow_deletion": "-0.5", "amplification": "1.6", "deep_deletion": "-2.3"}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--patients", type=int, required=True)
    ap.add_argument("--genes", type=int, default=0, help="synthetic genes (0: the built-in PI3K_MTOR set)")
    ap.add_argument("--per-shard", type=int, default=100, help="patients per calls.tsv shard")
    ap.add_argument("--rate", type=float, default=0.05, help="largest per-gene alteration rate (drawn from 0..rate)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--cn-calls", type=int, default=0, help="copy-number calls per patient (0: no copy-number file)")
    ap.add_argument("--seed", type=int, default=20240601)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    cn_rng = random.Random(a.seed + 1)
    genes = BUILTIN if a.genes == 0 else ["G%05d" % (i + 1) for i in range(a.genes)]
    os.makedirs(os.path.join(a.out, "calls"), exist_ok=True)
    if a.genes:
        with open(os.path.join(a.out, "genes.gmt"), "w") as f:
            f.write("SYNTHETIC\tbench/gen_calls.py genes\t" + "\t".join(genes) + "\n")
    rates = [rng.uniform(0, a.rate) for _ in genes]
    width = len(str(a.patients))
    patients = ["P%0*d" % (width, i + 1) for i in range(a.patients)]
    shards = []
    for start in range(0, a.patients, a.per_shard):
        path = os.path.join(a.out, "calls", "shard_%05d.tsv" % (start // a.per_shard + 1))
        inputs, rows = [], []
        for p in patients[start:start + a.per_shard]:
            vcf = "vcf/%s.vcf.gz" % p
            altered = [g for g, r in zip(genes, rates) if rng.random() < r]
            inputs.append("#input\tpatient_id=%s\tfile=%s\ttumor_sample=TUMOR\tbuild=GRCh37\tannotation=vep\t"
                          "records=50000\trecords_passing=40000\talterations_counted=%d\ttargets=.\t"
                          "not_evaluable=.\tstatus=ok" % (p, vcf, len(altered)))
            for k, g in enumerate(altered):
                pos = 1000000 + 1000 * k + rng.randrange(1000)
                rows.append([p, "TUMOR", "1", str(pos), "G", "A", g, "ENST%011d" % (k + 1), "missense_variant",
                             "p.E%dK" % (k + 10), "0.3", "120", "36", "PASS", "oncogenic_rule", "yes", ".", vcf,
                             "GRCh37", "vep", "canonical_reference", "NA", "E%dK" % (k + 10), "NA", "NA", "NA"])
            if a.cn_calls:
                cns = "cnv/%s.cnvkit.cns" % p
                cn_genes = cn_rng.sample(genes, min(a.cn_calls, len(genes)))
                cn_classes = [cn_rng.choice(CN_CLASSES) for _ in cn_genes]
                counted = sum(1 for c in cn_classes if CN_REASON[c] == ".")
                inputs.append("#input\tpatient_id=%s\tfile=%s\ttumor_sample=NA\tbuild=GRCh37\tannotation=cnvkit\t"
                              "records=60\trecords_passing=60\talterations_counted=%d\ttargets=.\tnot_evaluable=.\t"
                              "status=ok\tkind=copy_number\tsegments=60\tploidy=NA\tpurity=NA" % (p, cns, counted))
                for k, (g, c) in enumerate(zip(cn_genes, cn_classes)):
                    start = 1000000 + 100000 * k
                    rows.append([p, "NA", "1", str(start), ".", ".", g, "ENST%011d" % (k + 1), c, "NA", "NA", "NA",
                                 "NA", ".", c, "yes" if CN_REASON[c] == "." else "no", CN_REASON[c], cns, "GRCh37",
                                 "cnvkit", "gene_span", "NA", "NA", CN_LOG2[c], "log2", str(start + 90000)])
        with open(path, "w") as f:
            f.write("#pathcorr_version=0.1.0\n")
            f.write("".join(line + "\n" for line in inputs))
            f.write("\t".join(COLUMNS) + "\n")
            f.write("".join("\t".join(r) + "\n" for r in rows))
        shards.append(os.path.abspath(path))
    with open(os.path.join(a.out, "calls.list"), "w") as f:
        f.write("# %d calls.tsv shards of %d patients (bench/gen_calls.py)\n" % (len(shards), a.per_shard))
        f.write("".join(s + "\n" for s in shards))
    with open(os.path.join(a.out, "clinical.tsv"), "w") as f:
        f.write("patient_id\tbest_response\tbest_pct_change\n")
        for p in patients:
            r = rng.choice(RESPONSES)
            pct = "NA" if r == "NE" else "%.1f" % rng.uniform(-90, 60)
            f.write("%s\t%s\t%s\n" % (p, r, pct))


if __name__ == "__main__":
    main()
