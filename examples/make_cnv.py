#!/usr/bin/env python3
"""Writes the example cohort's copy-number files (examples/cohort/cnv/): synthetic, no patient data.

Six formats for 20 of the 21 sequenced patients (HN29 has none, so its genes are NA unless mutated):
CNVkit .cns, PURPLE cnv.somatic.tsv + purity.tsv, one DNAcopy SEG of five patients, GATK called.seg,
PCGR/ASCAT allele-specific segments, and a cBioPortal data_CNA.txt. Every file tiles chromosomes 1-22 and X
(telomere to telomere) with near-neutral values, and places the events of EVENTS on top. The values are fixed
(no random draws), so the files are the same on every run.

    python3 examples/make_cnv.py        # rewrites examples/cohort/cnv/

The intended calls are listed in examples/README.md ("Copy number").
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "cohort", "cnv")

LENGTHS = {
    "GRCh37": [249250621, 243199373, 198022430, 191154276, 180915260, 171115067, 159138663, 146364022, 141213431,
               135534747, 135006516, 133851895, 115169878, 107349540, 102531392, 90354753, 81195210, 78077248,
               59128983, 63025520, 48129895, 51304566, 155270560],
    "GRCh38": [248956422, 242193529, 198295559, 190214555, 181538259, 170805979, 159345973, 145138636, 138394717,
               133797422, 135086622, 133275309, 114364328, 107043718, 101991189, 90338345, 83257441, 80373285,
               58617616, 64444167, 46709983, 50818468, 156040895],
}
CHROMS = [str(i) for i in range(1, 23)] + ["X"]

# Events per patient: (chrom, start, end, level), 1-based closed, GRCh37. Levels are given as log2 ratios and
# turned into each format's scale (absolute copy number at the file's ploidy, or nMajor/nMinor).
# PIK3CA GRCh37 3:178,866,311-178,952,497; PTEN 10:89,623,195-89,728,532 (reference/genes_GRCh37.tsv).
EVENTS = {
    "HN03": [("3", 176_500_000, 181_000_000, 1.05)],          # PIK3CA amplification (and H1047R): counted
    "HN18": [("3", 177_200_000, 180_400_000, 0.95)],          # PIK3CA amplification: counted
    "HN22": [("3", 175_900_000, 182_100_000, 0.85)],          # PIK3CA amplification: counted
    "HN10": [("10", 89_650_001, 89_700_000, -3.5)],           # PTEN deep deletion (exons 2-5): counted
    "HN09": [("3", 93_600_000, 198_022_430, 0.30)],           # 3q arm gain over PIK3CA: written, not counted
    "HN16": [("3", 93_600_000, 198_022_430, 0.35)],           # 3q arm gain: written, not counted
    "HN25": [("3", 93_600_000, 198_022_430, 0.585)],          # 3 copies at ploidy 2 (gain): not counted
    "HN14": [("10", 80_000_000, 100_000_000, -0.50)],         # one-copy PTEN loss: not counted
    "HN11": [("10", 42_400_000, 135_534_747, -0.86)],         # 10q loss, PURPLE CN 1.1 at ploidy 2: not counted
}
# A faint, fixed wave so that neutral segments do not all carry the same value.
NEUTRAL = [0.02, -0.03, 0.01, -0.01, 0.03, -0.02, 0.0]


def tiles(build, events):
    """[(chrom, start, end, log2)] tiling every chromosome, 1-based closed, with `events` cut in."""
    out = []
    for i, chrom in enumerate(CHROMS):
        length = LENGTHS[build][i]
        here = sorted((s, e, v) for c, s, e, v in events if c == chrom)
        pos = 10_001
        for s, e, v in here:
            if s > pos:
                out.append((chrom, pos, s - 1, NEUTRAL[i % len(NEUTRAL)]))
            out.append((chrom, s, min(e, length - 10_000), v))
            pos = e + 1
        if pos <= length - 10_000:
            out.append((chrom, pos, length - 10_000, NEUTRAL[(i + 1) % len(NEUTRAL)]))
    return out


def absolute(log2, ploidy):
    return max(0.0, ploidy * 2 ** log2)


def write(name, text):
    with open(os.path.join(OUT, name), "w") as f:
        f.write(text)


def cnvkit(patient, build="GRCh37", chr_prefix=True):
    rows = ["chromosome\tstart\tend\tgene\tlog2\tdepth\tprobes\tweight"]
    for c, s, e, v in tiles(build, EVENTS.get(patient, [])):
        probes = max(3, (e - s) // 400_000)
        rows.append(f"{'chr' if chr_prefix else ''}{c}\t{s - 1}\t{e}\t-\t{v:.4f}\t{round(120 * 2 ** v, 2)}\t"
                    f"{probes}\t{round(probes * 0.9, 2)}")  # CNVkit starts are 0-based
    write(f"{patient}.cnvkit.cns", "\n".join(rows) + "\n")


def purple(patient, ploidy, purity):
    cols = ("chromosome start end copyNumber bafCount observedBAF baf segmentStartSupport segmentEndSupport method "
            "depthWindowCount gcContent minStart maxStart minorAlleleCopyNumber majorAlleleCopyNumber").split()
    rows = ["\t".join(cols)]
    for c, s, e, v in tiles("GRCh37", EVENTS.get(patient, [])):
        cn = absolute(v, ploidy)
        minor = min(cn / 2, 1.0)
        rows.append("\t".join(map(str, [c, s, e, f"{cn:.4f}", 100, "0.5200", "0.5100", "NONE", "NONE",
                                         "BAF_WEIGHTED", 1000, "0.4100", s, s, f"{minor:.4f}",
                                         f"{cn - minor:.4f}"])))
    write(f"{patient}.purple.cnv.somatic.tsv", "\n".join(rows) + "\n")
    write(f"{patient}.purple.purity.tsv",
          "purity\tnormFactor\tscore\tdiploidProportion\tploidy\tgender\tstatus\tpolyclonalProportion\n"
          f"{purity:.4f}\t0.9000\t0.5000\t0.8000\t{ploidy:.4f}\tFEMALE\tNORMAL\t0.0100\n")


def dnacopy_seg(name, patients):
    rows = ["ID\tchrom\tloc.start\tloc.end\tnum.mark\tseg.mean"]
    for p in patients:
        for c, s, e, v in tiles("GRCh37", EVENTS.get(p, [])):
            rows.append(f"{p}\t{c}\t{s}\t{e}\t{max(5, (e - s) // 50_000)}\t{v:.4f}")
    write(name, "\n".join(rows) + "\n")


def gatk_called_seg(patient):
    rows = ["@HD\tVN:1.6"]
    for i, c in enumerate(CHROMS):
        rows.append(f"@SQ\tSN:{c}\tLN:{LENGTHS['GRCh37'][i]}\tAS:GRCh37")
    rows.append(f"@RG\tID:GATKCopyNumber\tSM:{patient}")
    rows.append("CONTIG\tSTART\tEND\tNUM_POINTS_COPY_RATIO\tMEAN_LOG2_COPY_RATIO\tCALL")
    for c, s, e, v in tiles("GRCh37", EVENTS.get(patient, [])):
        call = "+" if v > 0.2 else "-" if v < -0.25 else "0"
        rows.append(f"{c}\t{s}\t{e}\t{max(10, (e - s) // 30_000)}\t{v:.6f}\t{call}")
    write(f"{patient}.called.seg", "\n".join(rows) + "\n")


def pcgr(patient):
    rows = ["Chromosome\tStart\tEnd\tnMajor\tnMinor"]
    for c, s, e, v in tiles("GRCh37", EVENTS.get(patient, [])):
        total = round(absolute(v, 2))
        rows.append(f"{c}\t{s}\t{e}\t{total - min(1, total // 2)}\t{min(1, total // 2)}")
    write(f"{patient}.pcgr.cna.tsv", "\n".join(rows) + "\n")


def data_cna(patient, values):
    with open(os.path.join(HERE, "..", "reference", "PI3K_MTOR.gmt")) as f:
        genes = f.readline().rstrip("\n").split("\t")[2:]
    rows = [f"Hugo_Symbol\t{patient}"] + [f"{g}\t{values.get(g, 0)}" for g in genes]
    write("data_CNA.txt", "\n".join(rows) + "\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    for p in ("HN02", "HN03", "HN04", "HN05", "HN07", "HN09"):
        cnvkit(p)
    cnvkit("HN06", build="GRCh38")   # states no build: takes GRCh38 from HN06's VCF
    purple("HN10", ploidy=2.1, purity=0.62)
    purple("HN11", ploidy=2.0, purity=0.55)
    purple("HN12", ploidy=2.9, purity=0.71)
    dnacopy_seg("HNSCC_cohort.seg", ["HN14", "HN15", "HN16", "HN18", "HN20"])
    gatk_called_seg("HN22")
    gatk_called_seg("HN23")
    pcgr("HN25")
    pcgr("HN27")
    data_cna("HN31", {"PIK3CA": 1})


if __name__ == "__main__":
    main()
