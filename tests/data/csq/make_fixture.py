#!/usr/bin/env python3
"""Build the consequence-caller test fixture in this directory from the reference-facts bundle.

Usage:  python3 make_fixture.py [FACTS_DIR] [--canonical-exons OUT_TSV]
        FACTS_DIR defaults to /work/shared/reference-facts. Needs bcftools (1.16 was used) and bgzip on PATH.

What it writes (all next to this script):
  pik3ca_chr3.fa.gz (+ .fai, .gzi)  bgzipped FASTA with two contigs of CONTIG_LEN bases:
        "3"   : N everywhere except the 21 real GRCh37 exons of PIK3CA ENST00000263967 (GENCODE v19 sequence
                from PIK3CA_ENST00000263967_exons_GRCh37.fa), placed at GRCh37 position - OFFSET, and
                SYNTHETIC intron/flank bases (see below).
        "rc3" : the reverse complement of "3", carrying the same transcript on the minus strand, so every
                variant is also checked on a minus-strand gene (position q = CONTIG_LEN - (p - OFFSET) + 1).
  pik3ca_shifted.gff3   Ensembl-style GFF3 (gene / mRNA ID=transcript:... / exon / CDS incl. stop codon /
                five_prime_UTR / three_prime_UTR) of the transcript on both contigs, shifted coordinates.
  variants.vcf          one record per test variant and strand; ID = test name ("_rc" = minus-strand copy),
                        INFO/GRCH37 = the real GRCh37 position the record stands for (contig "3" only).
  expected_bcsq.vcf     bcftools csq output on variants.vcf (command below); the unit test compares with it.
  PIK3CA.gencode.v19.annotation.gtf  unchanged copy of reference-facts sources/oncotator_PIK3CA.gencode.v19...gtf
                        (real GRCh37 coordinates, 4 transcripts) for the GTF reader test.

SYNTHETIC bases (not GRCh37; the real introns are not in the bundle): 20 bases after every internal exon end
start with the GT donor dinucleotide, 20 bases before every internal exon start end with the AG acceptor
dinucleotide, and 20 bases flank the transcript on each side, so splice-site, intronic and up/downstream
variants have a real base to change. Everything else outside exons is N.

--canonical-exons OUT_TSV additionally writes reference/canonical_exons.tsv (the built-in exon models) from
pik3ca_ENST00000263967_exons.tsv and pten_ENST00000371953_exons.tsv.
"""
import os
import re
import shutil
import subprocess
import sys

OFFSET = 178_860_000        # fixture position = GRCh37 position - OFFSET on contig "3"
CONTIG_LEN = 105_000        # covers the transcript (6311..97881) and 5 kb beyond its 3' end
GENE_ID, TX_ID, PROT_ID = "ENSG00000121879", "ENST00000263967", "ENSP00000263967"

DONOR_FLANK = "GTAAGTATTCTGACTTCCTA"      # SYNTHETIC: intron bases +1..+20 after each internal exon
ACCEPTOR_FLANK = "TCTTTCTTCCTTTTCCTTAG"   # SYNTHETIC: intron bases -20..-1 before each internal exon
UPSTREAM_FLANK = "ACGTTGCAGTCCAGGCATCA"   # SYNTHETIC: 20 bases before the transcript start
DOWNSTREAM_FLANK = "TTGACCGTAGGCTAACGTTC" # SYNTHETIC: 20 bases after the transcript end

# Test variants in GRCh37 coordinates (VCF style, REF checked against the fixture sequence).
# Exonic REF bases are real GRCh37; intronic/flank ones are the SYNTHETIC bases above.
VARIANTS = [
    ("H1047R", 178952085, "A", "G"),            # c.3140A>G, MutScan/oncotator/cancerhotspots
    ("H1047L", 178952085, "A", "T"),
    ("E545K", 178936091, "G", "A"),             # c.1633G>A
    ("E542K", 178936082, "G", "A"),             # c.1624G>A
    ("Q546_stop", 178936094, "C", "T"),         # nonsense Q546* (DERIVED in reference-facts)
    ("E545_syn", 178936093, "G", "A"),          # GAG>GAA synonymous
    ("stop_lost", 178952150, "T", "C"),         # TAA>CAA
    ("start_lost", 178916614, "A", "G"),        # ATG>GTG
    ("E545K_Q546K_mnv", 178936091, "GAGC", "AAGA"),
    ("fs_del", 178936086, "TC", "T"),           # deletes c.1629C (codon 543)
    ("fs_ins", 178936089, "C", "CG"),           # G inserted after c.1631
    ("inframe_del", 178936087, "CACT", "C"),    # deletes codon 544 (ACT)
    ("inframe_delins", 178936082, "GAAATCA", "G"),  # c.1625_1630del: E542_T544 -> A
    ("H419_C420del", 178927976, "ACACTGT", "A"),    # cancerhotspots PIK3CA in-frame DEL row
    ("inframe_ins", 178936093, "G", "GGCA"),    # GCA between codons 545 and 546
    ("splice_donor", 178936123, "G", "A"),      # exon 10 end + 1 (SYNTHETIC G of GT)
    ("splice_donor2", 178928355, "T", "C"),     # exon 9 end + 2 (SYNTHETIC T of GT)
    ("splice_acceptor", 178935997, "G", "A"),   # exon 10 start - 1 (SYNTHETIC G of AG)
    ("splice_acceptor2", 178935996, "A", "G"),  # exon 10 start - 2 (SYNTHETIC A of AG)
    ("splice_region_intron", 178936127, "G", "C"),  # exon 10 end + 5
    ("splice_region_exon", 178936122, "G", "A"),    # last base of exon 10 (c.1664)
    ("boundary_del", 178936120, "CAGGT", "C"),  # deletes the last 2 exon bases and the GT donor
    ("intron", 178936137, "T", "C"),            # exon 10 end + 15
    ("utr5_exon2", 178916600, "A", "G"),        # c.-14
    ("utr5_exon1", 178866350, "C", "T"),        # first (non-coding) exon
    ("utr3", 178952200, "T", "C"),              # c.*48
    ("upstream", 178866301, "C", "T"),          # 10 bases before the transcript start
    ("downstream", 178957891, "G", "A"),        # 10 bases after the transcript end
]

BCFTOOLS_CMD = ["bcftools", "csq", "--local-csq", "--no-version", "-f", "pik3ca_chr3.fa.gz",
                "-g", "pik3ca_shifted.gff3", "-o", "expected_bcsq.vcf", "variants.vcf"]

COMPLEMENT = str.maketrans("ACGTNacgtn", "TGCANtgcan")


def revcomp(s):
    return s.translate(COMPLEMENT)[::-1]


def read_table(path):
    """'#' provenance lines, then a header row; returns (comments, list of dicts)."""
    comments, rows, header = [], [], None
    with open(path) as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith("#"):
                comments.append(line)
            elif header is None:
                header = line.split("\t")
            elif line:
                rows.append(dict(zip(header, line.split("\t"))))
    return comments, rows


def read_exon_fasta(path):
    """GRCh37 (start, end) -> sequence, from the headers 'GRCh37:3:START-END(+)'."""
    seqs, key = {}, None
    with open(path) as fh:
        for line in fh:
            line = line.strip()
            if line.startswith(">"):
                m = re.search(r"GRCh37:3:(\d+)-(\d+)\(\+\)", line)
                key = (int(m.group(1)), int(m.group(2)))
                seqs[key] = []
            elif line:
                seqs[key].append(line)
    out = {}
    for (start, end), parts in seqs.items():
        seq = "".join(parts).upper()
        assert len(seq) == end - start + 1, (start, end)
        out[(start, end)] = seq
    return out


def translate(seq):
    bases = "TCAG"
    aas = "FFLLSSSSYY**CC*WLLLLPPPPHHQQRRRRIIIMTTTTNNKKSSRRVVVVAAAADDEEGGGG"
    table = {a + b + c: aas[16 * i + 4 * j + k] for i, a in enumerate(bases) for j, b in enumerate(bases)
             for k, c in enumerate(bases)}
    return "".join(table.get(seq[i:i + 3], "X") for i in range(0, len(seq) - 2, 3))


def build_contig(exons, exon_seq):
    """exons: list of (start, end, cds_start, cds_end) in GRCh37; returns the contig '3' sequence."""
    contig = ["N"] * CONTIG_LEN

    def put(grch37_start, seq):
        i = grch37_start - OFFSET - 1
        assert 0 <= i and i + len(seq) <= CONTIG_LEN
        contig[i:i + len(seq)] = list(seq)

    for n, (start, end, _, _) in enumerate(exons):
        put(start, exon_seq[(start, end)])
        if n + 1 < len(exons):
            put(end + 1, DONOR_FLANK)
        if n > 0:
            put(start - len(ACCEPTOR_FLANK), ACCEPTOR_FLANK)
    put(exons[0][0] - len(UPSTREAM_FLANK), UPSTREAM_FLANK)
    put(exons[-1][1] + 1, DOWNSTREAM_FLANK)
    return "".join(contig)


def write_fasta(path, contigs):
    """Plain FASTA with 60-base lines and its .fai (htslib layout)."""
    fai = []
    with open(path, "w") as fh:
        offset = 0
        for name, seq in contigs:
            head = ">" + name + "\n"
            fh.write(head)
            offset += len(head)
            fai.append(f"{name}\t{len(seq)}\t{offset}\t60\t61\n")
            for i in range(0, len(seq), 60):
                line = seq[i:i + 60] + "\n"
                fh.write(line)
                offset += len(line)
    return "".join(fai)


def gff3_lines(contig, strand, exons, to_fixture, suffix):
    """Ensembl-style GFF3 rows for the transcript on one contig. exons in GRCh37 (+ strand order)."""
    segs = []
    for start, end, cds_start, cds_end in exons:
        a, b = sorted((to_fixture(start), to_fixture(end)))
        cds = None
        if cds_start:
            cds = tuple(sorted((to_fixture(cds_start), to_fixture(cds_end))))
        segs.append(((a, b), cds))
    segs.sort()
    tx_start, tx_end = segs[0][0][0], segs[-1][0][1]
    cds_lo = min(c[0] for _, c in segs if c)
    cds_hi = max(c[1] for _, c in segs if c)
    gene, tx, prot = GENE_ID + suffix, TX_ID + suffix, PROT_ID + suffix
    rows = [
        (contig, "gene", tx_start, tx_end, ".", f"ID=gene:{gene};Name=PIK3CA;biotype=protein_coding;gene_id={gene}"),
        (contig, "mRNA", tx_start, tx_end, ".",
         f"ID=transcript:{tx};Parent=gene:{gene};Name=PIK3CA-001;biotype=protein_coding;transcript_id={tx}"),
    ]
    # CDS phase: bases to skip at the segment's 5' end (transcript orientation) to reach a codon start.
    cds_segs = [c for _, c in segs if c]
    ordered = cds_segs if strand == "+" else list(reversed(cds_segs))
    phase, done = {}, 0
    for c in ordered:
        phase[c] = (3 - done % 3) % 3
        done += c[1] - c[0] + 1
    five_side = "five_prime_UTR" if strand == "+" else "three_prime_UTR"
    three_side = "three_prime_UTR" if strand == "+" else "five_prime_UTR"
    for rank_plus, ((a, b), cds) in enumerate(segs, start=1):
        rank = rank_plus if strand == "+" else len(segs) - rank_plus + 1
        rows.append((contig, "exon", a, b, ".", f"Parent=transcript:{tx};Name=exon{rank};rank={rank}"))
        if cds:
            rows.append((contig, "CDS", cds[0], cds[1], str(phase[cds]),
                         f"ID=CDS:{prot};Parent=transcript:{tx};protein_id={prot}"))
        lo_utr = (a, min(b, cds_lo - 1)) if a < cds_lo else None
        hi_utr = (max(a, cds_hi + 1), b) if b > cds_hi else None
        if lo_utr and lo_utr[0] <= lo_utr[1]:
            rows.append((contig, five_side, lo_utr[0], lo_utr[1], ".", f"Parent=transcript:{tx}"))
        if hi_utr and hi_utr[0] <= hi_utr[1]:
            rows.append((contig, three_side, hi_utr[0], hi_utr[1], ".", f"Parent=transcript:{tx}"))
    return [f"{c}\tpathcorr_fixture\t{t}\t{a}\t{b}\t.\t{strand}\t{ph}\t{attr}" for c, t, a, b, ph, attr in rows]


def write_canonical_exons(facts, out_path):
    pik_comments, pik = read_table(os.path.join(facts, "pik3ca_ENST00000263967_exons.tsv"))
    pten_comments, pten = read_table(os.path.join(facts, "pten_ENST00000371953_exons.tsv"))
    lines = [
        "# Built-in canonical transcript exon models used by the consequence caller for unannotated VCFs.",
        "# Written by tests/data/csq/make_fixture.py --canonical-exons from /work/shared/reference-facts;",
        "# 1-based inclusive; cds_start/cds_end = the coding part of the exon incl. the stop codon, empty = UTR-only exon.",
        "# PIK3CA ENST00000263967 GRCh37: copied from pik3ca_ENST00000263967_exons.tsv, whose GRCh37 columns come from",
        "#   broadinstitute/oncotator@d5ac82fa:test/testdata/gencode/PIK3CA.gencode.v19.annotation.gtf (GENCODE v19,",
        "#   ENST00000263967.3; CDS end includes the GTF stop_codon 178952150-178952152).",
        "# PTEN ENST00000371953 GRCh37: copied from pten_ENST00000371953_exons.tsv, whose GRCh37 columns come from",
        "#   hartwigmedical/hmftools@85965a02:hmf-common/src/test/resources/gene/PTEN.tsv (Ensembl; coding end incl. stop).",
        "# GRCh38 rows of both genes are DERIVED by liftover (mskcc/vcf2maf@bf53e52d:data/GRCh37_to_GRCh38.chain, all",
        "#   exons ungapped, same lengths) as done in the reference-facts tables; checked there against the",
        "#   AstraZeneca-NGS hg38 CDS BED. The GRCh38 exon SEQUENCE was never checked. The MANE/Ensembl>=100 model",
        "#   ENST00000263967.4 has a longer exon 1 in GRCh38 (UTR only; the CDS is unchanged).",
        "build\tgene\ttranscript_id\tchrom\tstrand\texon_number\texon_start\texon_end\tcds_start\tcds_end",
    ]
    for build, prefix in (("GRCh37", "grch37"), ("GRCh38", "grch38")):
        for gene, tx, chrom, rows in (("PIK3CA", "ENST00000263967", "3", pik), ("PTEN", "ENST00000371953", "10", pten)):
            for r in rows:
                lines.append("\t".join([build, gene, tx, chrom, "+", r["exon"], r[prefix + "_exon_start"],
                                        r[prefix + "_exon_end"], r[prefix + "_cds_start"], r[prefix + "_cds_end"]]))
    with open(out_path, "w") as fh:
        fh.write("\n".join(lines) + "\n")


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    args = [a for a in argv[1:]]
    canonical_out = None
    if "--canonical-exons" in args:
        i = args.index("--canonical-exons")
        canonical_out = args[i + 1]
        del args[i:i + 2]
    facts = args[0] if args else "/work/shared/reference-facts"

    _, exon_rows = read_table(os.path.join(facts, "pik3ca_ENST00000263967_exons.tsv"))
    exons = [(int(r["grch37_exon_start"]), int(r["grch37_exon_end"]),
              int(r["grch37_cds_start"] or 0), int(r["grch37_cds_end"] or 0)) for r in exon_rows]
    exon_seq = read_exon_fasta(os.path.join(facts, "PIK3CA_ENST00000263967_exons_GRCh37.fa"))

    # Check the placed exons translate to the reference-facts protein before writing anything.
    cds = "".join(exon_seq[(s, e)][cs - s:ce - s + 1] for s, e, cs, ce in exons if cs)
    protein = "".join(l.strip() for l in open(os.path.join(facts, "PIK3CA_ENST00000263967_protein.fa"))
                      if not l.startswith(">"))
    assert translate(cds) == protein + "*", "exon sequence does not translate to the reference-facts protein"

    fwd = build_contig(exons, exon_seq)
    rev = revcomp(fwd)
    fai = write_fasta(os.path.join(here, "pik3ca_chr3.fa"), [("3", fwd), ("rc3", rev)])
    # bgzip keeps .fai offsets (uncompressed) valid; -i writes the .gzi htslib needs for random access.
    subprocess.run(["bgzip", "-f", "-i", "-I", os.path.join(here, "pik3ca_chr3.fa.gz.gzi"),
                    os.path.join(here, "pik3ca_chr3.fa")], check=True)
    with open(os.path.join(here, "pik3ca_chr3.fa.gz.fai"), "w") as fh:
        fh.write(fai)

    fwd_pos = lambda p: p - OFFSET
    rev_pos = lambda p: CONTIG_LEN - (p - OFFSET) + 1
    gff = ["##gff-version 3", f"##sequence-region 3 1 {CONTIG_LEN}", f"##sequence-region rc3 1 {CONTIG_LEN}",
           f"# PIK3CA {TX_ID} (GENCODE v19 exons) shifted: contig 3 position = GRCh37 - {OFFSET};",
           f"# contig rc3 = reverse complement of contig 3 (position = {CONTIG_LEN} - (GRCh37 - {OFFSET}) + 1).",
           "# Written by make_fixture.py; CDS includes the stop codon as in Ensembl GFF3."]
    gff += gff3_lines("3", "+", exons, fwd_pos, "")
    gff += gff3_lines("rc3", "-", exons, rev_pos, "_rc")
    with open(os.path.join(here, "pik3ca_shifted.gff3"), "w") as fh:
        fh.write("\n".join(gff) + "\n")

    vcf = ["##fileformat=VCFv4.2", f"##contig=<ID=3,length={CONTIG_LEN}>", f"##contig=<ID=rc3,length={CONTIG_LEN}>",
           '##INFO=<ID=GRCH37,Number=1,Type=Integer,Description="GRCh37 chr3 position this fixture record stands for">',
           f"##comment=PIK3CA fixture: contig 3 = GRCh37 chr3 shifted by -{OFFSET}; rc3 = its reverse complement",
           "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO"]
    records = []
    for name, pos, ref, alt in VARIANTS:
        p = fwd_pos(pos)
        actual = fwd[p - 1:p - 1 + len(ref)]
        assert actual == ref, f"{name}: REF {ref} but the fixture has {actual} at GRCh37 {pos}"
        records.append(("3", p, name, ref, alt, f"GRCH37={pos}"))
        # Minus-strand copy: the same change on rc3, re-anchored on the base to its left.
        if len(ref) == len(alt):
            q = rev_pos(pos + len(ref) - 1)
            records.append(("rc3", q, name + "_rc", revcomp(ref), revcomp(alt), "."))
        else:
            assert ref[0] == alt[0]
            ref_core, alt_core = ref[1:], alt[1:]
            anchor = CONTIG_LEN - (p + len(ref_core)) + 1 - 1  # base left of the changed stretch on rc3
            base = rev[anchor - 1]
            records.append(("rc3", anchor, name + "_rc", base + revcomp(ref_core), base + revcomp(alt_core), "."))
    records.sort(key=lambda r: (r[0] != "3", r[1]))
    for chrom, pos, name, ref, alt, info in records:
        vcf.append(f"{chrom}\t{pos}\t{name}\t{ref}\t{alt}\t.\t.\t{info}")
    with open(os.path.join(here, "variants.vcf"), "w") as fh:
        fh.write("\n".join(vcf) + "\n")

    subprocess.run(BCFTOOLS_CMD, cwd=here, check=True)
    shutil.copyfile(os.path.join(facts, "sources", "oncotator_PIK3CA.gencode.v19.annotation.gtf"),
                    os.path.join(here, "PIK3CA.gencode.v19.annotation.gtf"))
    if canonical_out:
        write_canonical_exons(facts, canonical_out)


if __name__ == "__main__":
    main(sys.argv)
