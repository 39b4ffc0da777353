#!/usr/bin/env python3
# bench/gen_matrix.py: seeded generator of the `pathcorr test` benchmark inputs: a patient x feature
# matrix.tsv (0/1, feature-specific alteration rates 1-30%) and a clinical.tsv (patient_id, best_response
# with CR/PR/SD/PD/NE mixed, best_pct_change). Python 3 standard library only.
import argparse
import random


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--features", type=int, default=20000)
    ap.add_argument("--patients", type=int, default=500)
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--matrix", required=True)
    ap.add_argument("--clinical", required=True)
    a = ap.parse_args()
    rng = random.Random(a.seed)

    patients = ["P%05d" % i for i in range(1, a.patients + 1)]
    # Best response mix roughly like a phase II trial: ~8% CR, 25% PR, 35% SD, 25% PD, 7% NE.
    categories = ["CR", "PR", "SD", "PD", "NE"]
    weights = [0.08, 0.25, 0.35, 0.25, 0.07]
    with open(a.clinical, "w") as f:
        f.write("patient_id\tbest_response\tbest_pct_change\n")
        for p in patients:
            r = rng.choices(categories, weights)[0]
            if r == "NE":
                pct = "NA"
            else:
                centre = {"CR": -100.0, "PR": -50.0, "SD": -5.0, "PD": 35.0}[r]
                v = centre if r == "CR" else rng.gauss(centre, 12.0)
                pct = "%.1f" % v
            f.write("%s\t%s\t%s\n" % (p, r, pct))

    # Column-major generation (each feature has its own rate), written row-major.
    rates = [rng.uniform(0.01, 0.30) for _ in range(a.features)]
    cols = []
    for rate in rates:
        cols.append(bytes(49 if rng.random() < rate else 48 for _ in patients))
    names = ["F%05d" % j for j in range(1, a.features + 1)]
    with open(a.matrix, "w") as f:
        f.write("patient_id\t" + "\t".join(names) + "\n")
        for i, p in enumerate(patients):
            f.write(p + "\t" + "\t".join(chr(c[i]) for c in cols) + "\n")


if __name__ == "__main__":
    main()
