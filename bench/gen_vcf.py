#!/usr/bin/env python3
# bench/gen_vcf.py: seeded generator of a large Mutect2-like somatic VCF for the scan benchmark, written to
# stdout (pipe it into bgzip). Records over all GRCh37 chromosomes in proportion to their length, FORMAT
# GT:AD:AF:DP for a normal and a tumour sample, ~30% non-PASS, ~10% indels, ~1% multi-allelic, a few hundred
# records on cancerhotspots SNVs of the PI3K/mTOR genes (from reference/hotspots.tsv) and the usual share of
# records inside those genes. With --vep every record carries a VEP CSQ (the 90-field layout of VEP 102
# --everything) with --transcripts consequence blocks. Python 3 standard library only; a pool of prebuilt
# INFO/FORMAT strings keeps it at a few microseconds per record.
import argparse
import os
import random
import sys

GRCH37 = [("1", 249250621), ("2", 243199373), ("3", 198022430), ("4", 191154276), ("5", 180915260),
          ("6", 171115067), ("7", 159138663), ("8", 146364022), ("9", 141213431), ("10", 135534747),
          ("11", 135006516), ("12", 133851895), ("13", 115169878), ("14", 107349540), ("15", 102531392),
          ("16", 90354753), ("17", 81195210), ("18", 78077248), ("19", 59128983), ("20", 63025520),
          ("21", 48129895), ("22", 51304566), ("X", 155270560), ("Y", 59373566)]

CSQ_FIELDS = ("Allele|Consequence|IMPACT|SYMBOL|Gene|Feature_type|Feature|BIOTYPE|EXON|INTRON|HGVSc|HGVSp|"
              "cDNA_position|CDS_position|Protein_position|Amino_acids|Codons|Existing_variation|ALLELE_NUM|"
              "DISTANCE|STRAND|FLAGS|VARIANT_CLASS|SYMBOL_SOURCE|HGNC_ID|CANONICAL|TSL|APPRIS|CCDS|ENSP|"
              "SWISSPROT|TREMBL|UNIPARC|SOURCE|GENE_PHENO|SIFT|PolyPhen|DOMAINS|miRNA|HGVS_OFFSET|AF|AFR_AF|"
              "AMR_AF|EAS_AF|EUR_AF|SAS_AF|AA_AF|EA_AF|gnomAD_AF|gnomAD_AFR_AF|gnomAD_AMR_AF|gnomAD_ASJ_AF|"
              "gnomAD_EAS_AF|gnomAD_FIN_AF|gnomAD_NFE_AF|gnomAD_OTH_AF|gnomAD_SAS_AF|MAX_AF|MAX_AF_POPS|CLIN_SIG|"
              "SOMATIC|PHENO|PUBMED|MOTIF_NAME|MOTIF_POS|HIGH_INF_POS|MOTIF_SCORE_CHANGE|LoF|LoF_filter|"
              "LoF_flags|LoF_info|CADD_PHRED|CADD_RAW")
N_CSQ = CSQ_FIELDS.count("|") + 1
# Consequences (with IMPACT) and their weights, roughly as in an exome: most are intronic/UTR/synonymous.
CONSEQUENCES = [("missense_variant", "MODERATE", 25), ("synonymous_variant", "LOW", 15),
                ("intron_variant", "MODIFIER", 25), ("3_prime_UTR_variant", "MODIFIER", 8),
                ("upstream_gene_variant", "MODIFIER", 8), ("downstream_gene_variant", "MODIFIER", 8),
                ("stop_gained", "HIGH", 3), ("frameshift_variant", "HIGH", 2),
                ("splice_region_variant&intron_variant", "LOW", 3), ("non_coding_transcript_exon_variant",
                                                                     "MODIFIER", 3)]
FILTERS = ["PASS"] * 70 + ["weak_evidence"] * 8 + ["germline"] * 5 + ["strand_bias"] * 4 + \
          ["clustered_events"] * 4 + ["normal_artifact"] * 3 + ["panel_of_normals"] * 3 + \
          ["weak_evidence;strand_bias"] * 2 + ["base_qual"]
BASES = "ACGT"


def read_reference(root):
    genes, hotspots = [], []
    with open(os.path.join(root, "reference", "genes_GRCh37.tsv")) as f:
        rows = [l.rstrip("\n").split("\t") for l in f if not l.startswith("#")]
    h = rows[0]
    for r in rows[1:]:
        d = dict(zip(h, r))
        genes.append((d["gene"], d["chrom"], int(d["start"]), int(d["end"]), d["ensembl_gene_id"],
                      d["canonical_transcript"]))
    with open(os.path.join(root, "reference", "hotspots.tsv")) as f:
        rows = [l.rstrip("\n").split("\t") for l in f if not l.startswith("#")]
    h = rows[0]
    for r in rows[1:]:
        d = dict(zip(h, r))
        if d["build"] == "GRCh37" and len(d["ref"]) == 1 and len(d["alt"]) == 1 and "-" not in (d["ref"] + d["alt"]):
            hotspots.append((d["chrom"], int(d["pos"]), d["ref"], d["alt"], d["gene"], d["protein_change"]))
    return genes, hotspots


def header(sample_n, sample_t, vep):
    out = ["##fileformat=VCFv4.2",
           '##FILTER=<ID=PASS,Description="All filters passed">']
    for flt in sorted(set(f for x in FILTERS for f in x.split(";")) - {"PASS"}):
        out.append('##FILTER=<ID=%s,Description="Mutect2 filter %s">' % (flt, flt))
    out += ['##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths for the ref and alt alleles">',
            '##FORMAT=<ID=AF,Number=A,Type=Float,Description="Allele fractions of alternate alleles in the tumor">',
            '##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Approximate read depth">',
            '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
            '##INFO=<ID=DP,Number=1,Type=Integer,Description="Approximate read depth">',
            '##INFO=<ID=ECNT,Number=1,Type=Integer,Description="Number of events in this haplotype">',
            '##INFO=<ID=GERMQ,Number=1,Type=Integer,Description="Phred-scaled quality that alt alleles are not germline">',
            '##INFO=<ID=MBQ,Number=R,Type=Integer,Description="median base quality by allele">',
            '##INFO=<ID=MFRL,Number=R,Type=Integer,Description="median fragment length by allele">',
            '##INFO=<ID=MMQ,Number=R,Type=Integer,Description="median mapping quality by allele">',
            '##INFO=<ID=MPOS,Number=A,Type=Integer,Description="median distance from end of read">',
            '##INFO=<ID=NALOD,Number=A,Type=Float,Description="Negative log 10 odds of artifact in normal">',
            '##INFO=<ID=NLOD,Number=A,Type=Float,Description="Normal log 10 likelihood ratio">',
            '##INFO=<ID=POPAF,Number=A,Type=Float,Description="negative log 10 population allele frequencies of alt alleles">',
            '##INFO=<ID=TLOD,Number=A,Type=Float,Description="Log 10 likelihood ratio score of variant existing">',
            "##MutectVersion=2.2",
            "##normal_sample=" + sample_n,
            "##source=FilterMutectCalls",
            "##tumor_sample=" + sample_t]
    for c, n in GRCH37:
        out.append("##contig=<ID=%s,length=%d,assembly=GRCh37>" % (c, n))
    out.append("##reference=file:///data/ref/GRCh37/human_g1k_v37.fasta")
    if vep:
        out.append('##VEP="v102" cache="/data/vep/homo_sapiens/102_GRCh37" assembly="GRCh37.p13"')
        out.append('##INFO=<ID=CSQ,Number=.,Type=String,Description="Consequence annotations from Ensembl VEP. '
                   'Format: %s">' % CSQ_FIELDS)
    out.append("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t%s\t%s" % (sample_n, sample_t))
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description="seeded Mutect2-like somatic VCF on stdout")
    ap.add_argument("--records", type=int, default=3000000)
    ap.add_argument("--hotspots", type=int, default=300, help="records placed on PI3K/mTOR SNV hotspots")
    ap.add_argument("--vep", action="store_true", help="add a VEP CSQ to every record")
    ap.add_argument("--transcripts", type=int, default=3, help="CSQ blocks per record with --vep")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--sample", default="BENCH01")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    genes, hotspots = read_reference(root)

    # Positions: per chromosome in proportion to length, plus hotspot records; sorted within chromosome.
    total = sum(n for _, n in GRCH37)
    hot_by_chrom = {}
    for h in rng.sample(hotspots, min(a.hotspots, len(hotspots))):
        hot_by_chrom.setdefault(h[0], []).append(h)
    genes_by_chrom = {}
    for g in genes:
        genes_by_chrom.setdefault(g[1], []).append(g)

    # Pools of prebuilt strings, indexed at random per record.
    info_pool, fmt_pool = [], []
    for _ in range(4096):
        dp_n, dp_t = rng.randint(10, 250), rng.randint(4, 400)
        vaf = min(0.95, max(0.005, rng.betavariate(1.2, 4.0)))
        alt_t = max(0, round(dp_t * vaf))
        alt_n = 1 if rng.random() < 0.05 else 0
        info_pool.append("DP=%d;ECNT=%d;GERMQ=%d;MBQ=30,%d;MFRL=%d,%d;MMQ=60,60;MPOS=%d;NALOD=%.2f;NLOD=%.2f;"
                         "POPAF=%.2f;TLOD=%.2f" % (dp_n + dp_t, rng.randint(1, 4), rng.randint(1, 93),
                                                   rng.randint(20, 37), rng.randint(250, 450),
                                                   rng.randint(250, 450), rng.randint(5, 40),
                                                   rng.uniform(0.5, 4), rng.uniform(2, 40),
                                                   rng.choice([6.0, 6.0, 5.2, 3.1, 1.2]), rng.uniform(3, 300)))
        fmt_pool.append("0/0:%d,%d:%.3f:%d\t0/1:%d,%d:%.3g:%d" % (dp_n - alt_n, alt_n, alt_n / dp_n, dp_n,
                                                                  dp_t - alt_t, alt_t, alt_t / dp_t, dp_t))
    fake_genes = [("G%05d" % i, "ENSG%011d" % (100000 + i), ["ENST%011d" % (200000 + 10 * i + k)
                                                            for k in range(6)]) for i in range(20000)]
    cons_list = [c for c in CONSEQUENCES for _ in range(c[2])]
    empty_tail = "|" * (N_CSQ - 26)

    def csq_block(alt, cons, impact, symbol, ensg, enst, canonical, hgvsp):
        # Allele..BIOTYPE, EXON/INTRON, HGVSc, HGVSp, positions, ..., CANONICAL; the rest empty.
        return "%s|%s|%s|%s|%s|Transcript|%s|protein_coding|3/12||%s.1:c.100A>G|%s|||||||1||1||SNV|HGNC|" \
               "|%s%s" % (alt, cons, impact, symbol, ensg, enst, enst, hgvsp, "YES" if canonical else "",
                          empty_tail)

    out = sys.stdout
    out.write(header(a.sample + "_N", a.sample + "_T", a.vep))
    rbits = rng.getrandbits
    buf = []
    for chrom, length in GRCH37:
        n = round(a.records * length / total)
        pos = sorted(rng.sample(range(1, length - 100), n))
        hot = {h[1]: h for h in hot_by_chrom.get(chrom, [])}
        pos = sorted(set(pos) | set(hot))
        cgenes = genes_by_chrom.get(chrom, [])
        for p in pos:
            r = rbits(32)
            h = hot.get(p)
            filt = "PASS" if h else FILTERS[r % len(FILTERS)]
            if h:
                ref, alt = h[2], h[3]
            elif (r >> 8) % 10 == 0:  # indel
                b = BASES[(r >> 12) & 3]
                ref, alt = (b, b + BASES[(r >> 14) & 3] * (1 + (r >> 16) % 3)) if r & 1 << 20 else \
                           (b + BASES[(r >> 14) & 3] * (1 + (r >> 16) % 3), b)
            else:
                ref = BASES[(r >> 12) & 3]
                alt = BASES[((r >> 12) + 1 + (r >> 14) % 3) & 3]
            multi = (r >> 21) % 100 == 0 and not h
            if multi:
                alt2 = BASES[(BASES.index(ref[0]) + 2) & 3] if len(ref) == 1 else ref[0]
                alts = alt + "," + (alt2 if alt2 != alt else "N")
            else:
                alts = alt
            k = rbits(12)
            info = info_pool[k]
            fmt = fmt_pool[k]
            if multi:  # Number=A/R fields get one more value
                info = info.replace("MBQ=30,", "MBQ=30,30,").replace(";MMQ=60,60", ";MMQ=60,60,60")
                info = info.replace("MFRL=", "MFRL=300,").replace("MPOS=", "MPOS=20,")
                info = info.replace("NALOD=", "NALOD=1.5,").replace("NLOD=", "NLOD=10.0,")
                info = info.replace("POPAF=", "POPAF=6.00,").replace("TLOD=", "TLOD=5.0,")
                nfmt, tfmt = fmt.split("\t")
                nf, tf = nfmt.split(":"), tfmt.split(":")
                nf[0], tf[0] = "0/0", "0/1/2"
                nf[1] += ",0"; tf[1] += ",2"; nf[2] += ",0.000"; tf[2] += ",0.01"
                fmt = ":".join(nf) + "\t" + ":".join(tf)
            if a.vep:
                gene = None
                for g in cgenes:
                    if g[2] <= p <= g[3]:
                        gene = g
                        break
                blocks = []
                for t in range(a.transcripts):
                    c = cons_list[(r >> (3 * t)) % len(cons_list)] if not h else CONSEQUENCES[0]
                    for al in alts.split(","):
                        if gene:
                            enst = gene[5] if t == 0 else "ENST%011d" % (900000 + t)
                            hgvsp = ("ENSP%011d.1:p.%s" % (p % 1000, h[5])) if h else \
                                    ("ENSP00000000001.1:p.Ala%dVal" % (p % 900) if c[0] == "missense_variant" else "")
                            blocks.append(csq_block(al, c[0], c[1], gene[0], gene[4], enst, t == 0, hgvsp))
                        else:
                            fg = fake_genes[(p >> 4) % len(fake_genes)]
                            blocks.append(csq_block(al, c[0], c[1], fg[0], fg[1], fg[2][t % 6], t == 0,
                                                    "ENSP00000000002.1:p.Gly%dArg" % (p % 700)
                                                    if c[0] == "missense_variant" else ""))
                info = info + ";CSQ=" + ",".join(blocks)
            buf.append("%s\t%d\t.\t%s\t%s\t.\t%s\t%s\tGT:AD:AF:DP\t%s\n" % (chrom, p, ref, alts, filt, info, fmt))
            if len(buf) >= 20000:
                out.write("".join(buf))
                buf.clear()
    out.write("".join(buf))


if __name__ == "__main__":
    main()
