#!/usr/bin/env python3
# bench/compare_assoc.py: compares pathcorr's associations.tsv with bench/fisher_ref.R's output, feature by
# feature: maximum relative difference (and where it occurs) of p_value, q_value, odds_ratio, ci_low, ci_high
# and, when R computed it, p_value_bor. Inf/0/NA must match exactly. Prints a summary table (markdown).
# Usage: compare_assoc.py PATHCORR.tsv OTHER.tsv [OTHER_LABEL]
import math
import sys


def read_tsv(path):
    with open(path) as f:
        lines = [l.rstrip("\n") for l in f if not l.startswith("#")]
    header = lines[0].split("\t")
    return {r[0]: dict(zip(header, r)) for r in (l.split("\t") for l in lines[1:] if l)}


def num(s):
    s = s.strip()
    if s in ("NA", "NaN", "nan", ""):
        return float("nan")
    if s in ("Inf", "inf"):
        return math.inf
    if s in ("-Inf", "-inf"):
        return -math.inf
    return float(s)


def main():
    pc, r = read_tsv(sys.argv[1]), read_tsv(sys.argv[2])
    label = sys.argv[3] if len(sys.argv) > 3 else "R"
    columns = ["p_value", "q_value", "odds_ratio", "ci_low", "ci_high", "p_value_bor"]
    common = [f for f in r if f in pc]
    print("pathcorr vs %s: %d features in both (pathcorr %d, %s %d)" % (label, len(common), len(pc), label, len(r)))
    print()
    print("| column | compared | max rel. diff | at feature (pathcorr / %s) | > 1e-6 | Inf/0/NA differ |" % label)
    print("|---|---:|---:|---|---:|---:|")
    mismatches = []
    for col in columns:
        if col not in next(iter(r.values()), {}):
            continue
        worst, where, n, over, special = 0.0, "", 0, 0, 0
        for f in common:
            a, b = num(pc[f][col]), num(r[f][col])
            if math.isnan(b) and col == "p_value_bor":  # R did not compute it (capped 2 x k run)
                continue
            n += 1
            if math.isnan(a) or math.isinf(a) or math.isinf(b) or a == 0 or b == 0:
                if not (a == b or (math.isnan(a) and math.isnan(b))):
                    special += 1
                    if special <= 3:
                        row = pc[f]
                        mismatches.append("%s %s: pathcorr %s, %s %s (2x2 table %s %s / %s %s)" % (
                            f, col, pc[f][col], label, r[f][col], row.get("altered_responders"),
                            row.get("altered_nonresponders"), row.get("wildtype_responders"),
                            row.get("wildtype_nonresponders")))
                continue
            d = abs(a - b) / max(abs(a), abs(b))
            if d > 1e-6:
                over += 1
            if d > worst:
                worst, where = d, "%s (%s / %s)" % (f, pc[f][col], r[f][col])
        print("| %s | %d | %.3g | %s | %d | %d |" % (col, n, worst, where or "-", over, special))
    if mismatches:
        print()
        print("Inf/0/NA differences (first 3 per column):")
        print()
        for m in mismatches:
            print("- " + m)


if __name__ == "__main__":
    main()
