#!/usr/bin/env python3
# bench/breakdown.py: pathcorr's statistics library timed one test family at a time (bench/stats_harness.cpp,
# several runs) next to the matching loops of bench/fisher_ref.R (its --phases file): medians, time per
# feature and the R / pathcorr ratio per family. Markdown on stdout.
# Usage: breakdown.py HARNESS.tsv R_PHASES.tsv
import statistics
import sys


def main():
    harness = {}
    with open(sys.argv[1]) as f:
        for line in f:
            rep, phase, wall, cpu, nf = line.rstrip("\n").split("\t")
            harness.setdefault(phase, []).append((float(wall), float(cpu), int(nf)))
    r2, rk, rk_done = [], [], []
    with open(sys.argv[2]) as f:
        for line in f:
            label, _read, f2, bor, done, nf = line.rstrip("\n").split("\t")
            if "2xk" in label:
                rk.append(float(bor) * int(nf) / max(1, int(done)))
                rk_done.append(int(done) < int(nf))
            else:
                r2.append(float(f2))
    r_loop = {"fisher_exact_2x2 + p_adjust(BH)": ("fisher.test 2x2 loop + p.adjust", r2),
              "fisher_exact_rxc (2 x k)": ("fisher.test 2 x k loop" + (" (extrapolated)" if any(rk_done) else ""),
                                           rk),
              "exact_trend_2xk": ("(no R counterpart)", []),
              "TrendNull (shared margins)": ("(no R counterpart)", [])}
    r_loop["TwoRowFisherNull (2 x k, shared margins)"] = r_loop["fisher_exact_rxc (2 x k)"]
    print("| pathcorr function | wall s | CPU s | CPU us / feature | R loop | R wall s | R / pathcorr (wall) |")
    print("|---|---:|---:|---:|---|---:|---:|")
    for phase, v in harness.items():
        wall = statistics.median(x[0] for x in v)
        cpu = statistics.median(x[1] for x in v)
        nf = v[0][2]
        name, rv = r_loop.get(phase, ("", []))
        rw = statistics.median(rv) if rv else None
        print("| %s | %.3f | %.3f | %.1f | %s | %s | %s |" % (
            phase, wall, cpu, cpu / nf * 1e6, name, "%.2f" % rw if rw is not None else "-",
            "%.1f" % (rw / wall) if rw is not None and wall > 0 else "-"))


if __name__ == "__main__":
    main()
