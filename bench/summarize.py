#!/usr/bin/env python3
# bench/summarize.py: turns a raw timings TSV written by lib.sh's `measure` into markdown: per tool the median
# (and min-max) wall time, median CPU time (user+sys), median peak RSS, then the requested ratios of medians.
# With --phases (from fisher_ref.R) an R run whose 2 x k loop was capped is extrapolated to all features:
# wall and CPU + bor_s * (features / bor_done - 1), and labelled so.
# Usage: summarize.py --raw RAW.tsv [--phases PHASES.tsv] [--ratio 'NAME=TOOL_A/TOOL_B']...
import argparse
import statistics


def read_tsv(path):
    with open(path) as f:
        rows = [l.rstrip("\n").split("\t") for l in f if l.strip()]
    return [dict(zip(rows[0], r)) for r in rows[1:]]


def md(text):
    return text.replace("|", "\\|")


def fmt_s(x):
    return "%.2f" % x if x < 100 else "%.0f" % x


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--raw", required=True)
    ap.add_argument("--phases")
    ap.add_argument("--ratio", action="append", default=[])
    a = ap.parse_args()
    rows = read_tsv(a.raw)
    extrapolated = {}
    if a.phases:
        with open(a.phases) as f:
            for line in f:
                label, _read, _f2, bor, done, nf = line.rstrip("\n").split("\t")
                tool, rep = label.rsplit("#", 1)
                done, nf, bor = int(done), int(nf), float(bor)
                if 0 < done < nf:
                    extrapolated[(tool, rep)] = (bor * (nf / done - 1), done, nf)
    by_tool = {}
    notes = []
    for r in rows:
        if r["exit"] != "0":
            notes.append("%s rep %s exited %s (left out)" % (r["tool"], r["rep"], r["exit"]))
            continue
        wall = float(r["wall_s"])
        cpu = float(r["user_s"]) + float(r["sys_s"])
        tool = r["tool"]
        ex = extrapolated.get((tool, r["rep"]))
        if ex:
            wall += ex[0]
            cpu += ex[0]
            notes.append("%s rep %s: 2 x k tests capped after %d of %d features; time extrapolated (+%.0f s)"
                         % (tool, r["rep"], ex[1], ex[2], ex[0]))
            tool += " (extrapolated)"
        by_tool.setdefault(tool, []).append((wall, cpu, int(r["maxrss_kb"])))
    med = {}
    print("| tool | runs | wall s, median (min-max) | CPU s (user+sys), median | peak RSS MB, median |")
    print("|---|---:|---:|---:|---:|")
    for tool, v in by_tool.items():
        walls = [x[0] for x in v]
        m = (statistics.median(walls), statistics.median(x[1] for x in v), statistics.median(x[2] for x in v))
        med[tool] = m
        print("| %s | %d | %s (%s-%s) | %s | %.0f |" % (md(tool), len(v), fmt_s(m[0]), fmt_s(min(walls)),
                                                       fmt_s(max(walls)), fmt_s(m[1]), m[2] / 1024))
    if a.ratio:
        print()
        print("| ratio | wall | CPU | peak RSS |")
        print("|---|---:|---:|---:|")
        for spec in a.ratio:
            name, tools = spec.split("=", 1)
            num, den = tools.split("/", 1)
            if num not in med and num + " (extrapolated)" in med:
                num += " (extrapolated)"
                name += " (extrapolated)"
            if num not in med or den not in med:
                print("| %s | n/a | n/a | n/a |" % md(name))
                continue
            n, d = med[num], med[den]
            print("| %s | %.2f | %.2f | %.2f |" % (md(name), n[0] / d[0], n[1] / d[1], n[2] / d[2]))
    for n in notes:
        print()
        print("Note: " + n)


if __name__ == "__main__":
    main()
