#!/usr/bin/env python3
"""Regenerates pathcorr's built-in reference tables from the reference-facts bundle.

Owns the derivation of reference/{pathway_genes.tsv,genes_GRCh37.tsv,genes_GRCh38.tsv,hotspots.tsv,PI3K_MTOR.gmt}
so that every committed value can be traced to a source file; reference/README.md explains the decisions coded
here. VERSION and README.md are maintained by hand. Python 3 standard library only.

Usage: python3 reference/build_tables.py [FACTS_DIR] [OUT_DIR]
       (defaults: /work/shared/reference-facts and the directory of this script)
"""
import csv
import os
import sys

FACTS = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/reference-facts"
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.dirname(os.path.abspath(__file__))

SET_NAME = "PI3K_MTOR"

# Provenance strings (repository@commit:path), as listed in reference-facts/README.md.
SRC_MAFTOOLS_PATHWAYS = "PoisonAlien/maftools@c8ff3283:inst/extdata/oncogenic_sig_patwhays.tsv (last changed 1683b2e8)"
SRC_CANCERHOTSPOTS = ("PoisonAlien/maftools@c8ff3283:inst/extdata/cancerhotspots_v2_GRCh37.tsv and "
                      "cancerhotspots_v2_GRCh38.tsv (added 0de169bf)")
SRC_ONCOKB = "genome-nexus/genome-nexus-importer@7586dbef:data/common_input/oncokb_cancer_genes_list.txt (last changed 43a475f1)"
SRC_MSK = "mskcc/vcf2maf@bf53e52d:data/isoform_overrides_at_mskcc"
SRC_MANE = "mskcc/vcf2maf@bf53e52d:data/isoform_overrides_mane_grch38"
SRC_SPMG = ("AlexandrovLab/SigProfilerMatrixGenerator@4923d618:SigProfilerMatrixGenerator/references/chromosomes/"
            "transcripts/{build}/<chrom>_transcripts.txt (committed f9451992)")


def read_tsv(path, comment="#"):
    with open(path, newline="") as fh:
        lines = [l for l in fh if not l.startswith(comment)]
    return list(csv.DictReader(lines, delimiter="\t"))


def read_plain_tsv(path):
    """TSV whose header line starts with '#' (vcf2maf isoform lists)."""
    with open(path) as fh:
        lines = fh.read().splitlines()
    header = lines[0].lstrip("#").split("\t")
    return [dict(zip(header, l.split("\t"))) for l in lines[1:] if l.strip()]


def fail(msg):
    sys.exit("build_tables.py: " + msg)


def write(name, header_comments, columns, rows):
    path = os.path.join(OUT, name)
    with open(path, "w", newline="") as fh:
        for c in header_comments:
            fh.write("# " + c + "\n")
        fh.write("\t".join(columns) + "\n")
        for r in rows:
            fh.write("\t".join(str(r[c]) for c in columns) + "\n")
    print("wrote %s (%d rows)" % (path, len(rows)))


# ---------------------------------------------------------------------------------------------------------------
# Gene set and roles
# ---------------------------------------------------------------------------------------------------------------
sanchez_vega = [r for r in read_tsv(os.path.join(FACTS, "sources/maftools_oncogenic_sig_patwhays.tsv"))
                if r["Pathway"] == "PI3K"]
if len(sanchez_vega) != 29:
    fail("expected 29 PI3K genes in the maftools copy of Sanchez-Vega Table S3, got %d" % len(sanchez_vega))
oncokb = {r["Hugo Symbol"]: r for r in read_tsv(os.path.join(FACTS, "sources/oncokb_cancer_genes_list_pathway_rows.tsv"))}

# Decisions (reference/README.md, "Decisions"): PDK1 in the maftools copy is read as PDPK1; DEPDC5 gets TSG.
SYMBOL_FIX = {"PDK1": "PDPK1"}
ROLE_DECISION = {"DEPDC5": "TSG"}

pathway_rows = []
for r in sanchez_vega:
    printed = r["Gene"]
    gene = SYMBOL_FIX.get(printed, printed)
    sv_role = r["OG_TSG"].strip()
    okb = oncokb.get(gene)
    okb_type = okb["Gene Type"] if okb else "not listed"
    notes = []
    if gene in ROLE_DECISION:
        if sv_role:
            fail("%s now has a Sanchez-Vega role; revisit ROLE_DECISION" % gene)
        role = ROLE_DECISION[gene]
        role_source = "pathcorr decision (GATOR1 member like NPRL2/NPRL3)"
        notes.append("role empty in the maftools copy of Sanchez-Vega Table S3; OncoKB: %s" % okb_type)
    else:
        if sv_role not in ("OG", "TSG"):
            fail("unexpected role %r for %s" % (sv_role, gene))
        role = sv_role
        role_source = "Sanchez-Vega 2018 Table S3"
        if printed != gene:
            role_source += " (printed as %s)" % printed
            notes.append("listed as %s (pyruvate dehydrogenase kinase symbol); read as PDPK1, the AKT-activating "
                         "3-phosphoinositide-dependent kinase 1" % printed)
        okb_role = {"ONCOGENE": "OG", "TSG": "TSG"}.get(okb_type)
        if okb_role and okb_role != role:
            notes.append("OncoKB gene type %s disagrees; Sanchez-Vega %s kept" % (okb_type, role))
        elif okb_type == "INSUFFICIENT_EVIDENCE":
            notes.append("OncoKB gene type INSUFFICIENT_EVIDENCE; Sanchez-Vega %s kept" % role)
        elif okb is None:
            notes.append("not in the OncoKB cancer gene list")
    pathway_rows.append({"gene": gene, "role": role, "role_source": role_source, "note": "; ".join(notes) or "-"})

pathway_rows.sort(key=lambda r: r["gene"])
genes = [r["gene"] for r in pathway_rows]
if len(set(genes)) != 29 or "PDK1" in genes or "PDPK1" not in genes:
    fail("gene set check failed")

write("pathway_genes.tsv",
      ["pathcorr built-in PI3K/mTOR gene set: Sanchez-Vega et al. 2018 (Cell 173:321) PI3K pathway, 29 genes, with roles.",
       "Gene list and OG/TSG roles: " + SRC_MAFTOOLS_PATHWAYS + "; PDK1 there is read as PDPK1 (see README.md).",
       "Cross-check of roles: " + SRC_ONCOKB + ".",
       "Generated by reference/build_tables.py; decisions in reference/README.md."],
      ["gene", "role", "role_source", "note"], pathway_rows)

with open(os.path.join(OUT, "PI3K_MTOR.gmt"), "w") as fh:
    fh.write("\t".join([SET_NAME, "Sanchez-Vega 2018 PI3K pathway (29 genes)"] + genes) + "\n")
print("wrote PI3K_MTOR.gmt")

# ---------------------------------------------------------------------------------------------------------------
# Gene spans and canonical transcripts
# ---------------------------------------------------------------------------------------------------------------
msk = {r["gene_name"]: r for r in read_plain_tsv(os.path.join(FACTS, "sources/vcf2maf_isoform_overrides_at_mskcc_pathway_rows.tsv"))}
mane = {r["gene_name"]: r for r in read_plain_tsv(os.path.join(FACTS, "sources/vcf2maf_isoform_overrides_mane_grch38_pathway_rows.tsv"))}


def spmg(build):
    rows = read_tsv(os.path.join(FACTS, "sources/spmg_transcripts_pathway_genes_%s.tsv" % build))
    by_gene = {}
    for r in rows:
        by_gene.setdefault(r["gene"], []).append(r)
    return by_gene


def gene_rows(build):
    facts = {r["gene"]: r for r in read_tsv(os.path.join(FACTS, "genes_%s.tsv" % build.lower()))}
    tx = spmg(build)
    out = []
    for g in genes:
        f = facts[g]
        # Re-derive the span (union of Ensembl protein-coding transcripts) from the SPMG rows as a check.
        rows = tx[g]
        start = min(int(r["start"]) for r in rows)
        end = max(int(r["end"]) for r in rows)
        strand = {"1": "+", "-1": "-"}[rows[0]["strand"]]
        if (str(start), str(end), strand, rows[0]["chrom"], rows[0]["gene_id"]) != \
                (f["start"], f["end"], f["strand"], f["chrom"], f["ensembl_gene_id"]):
            fail("%s %s: span from SPMG rows differs from reference-facts" % (build, g))
        tx_ids = {r["transcript_id"] for r in rows}
        okb = oncokb.get(g)
        if build == "GRCh37":
            if okb and okb["GRCh37 Isoform"]:
                enst, refseq, src = okb["GRCh37 Isoform"], okb["GRCh37 RefSeq"], "OncoKB GRCh37 isoform"
            elif g in msk:
                enst, refseq, src = msk[g]["enst_id"], msk[g]["refseq_id"], "MSK isoform override (vcf2maf)"
            else:
                enst, refseq = mane[g]["enst_id"], mane[g]["refseq_id"]
                src = "MANE Select ID (not in OncoKB/MSK lists)"
                if enst not in tx_ids:
                    src += "; ID absent from Ensembl 75 GRCh37 models"
        else:
            if g in mane:
                enst, refseq, src = mane[g]["enst_id"], mane[g]["refseq_id"], "MANE Select"
            elif okb and okb["GRCh38 Isoform"]:
                enst, refseq, src = okb["GRCh38 Isoform"], okb["GRCh38 RefSeq"], "OncoKB GRCh38 isoform (no MANE row)"
            else:
                fail("no GRCh38 canonical transcript for " + g)
        out.append({"gene": g, "chrom": f["chrom"], "start": start, "end": end, "strand": strand,
                    "ensembl_gene_id": f["ensembl_gene_id"], "canonical_transcript": enst,
                    "canonical_refseq": refseq, "canonical_source": src})
    return out


gene_columns = ["gene", "chrom", "start", "end", "strand", "ensembl_gene_id", "canonical_transcript",
                "canonical_refseq", "canonical_source"]
spans = {}
for build in ("GRCh37", "GRCh38"):
    rows = gene_rows(build)
    spans[build] = {r["gene"]: r for r in rows}
    write("genes_%s.tsv" % build,
          ["pathcorr built-in gene table, %s. 1-based inclusive; chrom without 'chr'." % build,
           "start/end/strand/ensembl_gene_id: union of the gene's Ensembl protein_coding transcripts in "
           + SRC_SPMG.format(build=build) + ".",
           "canonical_transcript/canonical_refseq: " + ("OncoKB GRCh37 isoform, else MSK override, else MANE Select ID"
                                                         if build == "GRCh37" else "MANE Select, else OncoKB GRCh38 isoform")
           + "; sources " + SRC_ONCOKB + "; " + SRC_MSK + "; " + SRC_MANE + ".",
           "Generated by reference/build_tables.py; decisions in reference/README.md."],
          gene_columns, rows)

# ---------------------------------------------------------------------------------------------------------------
# Hotspots
# ---------------------------------------------------------------------------------------------------------------
CHROM_ORDER = {str(i): i for i in range(1, 23)}
CHROM_ORDER.update({"X": 23, "Y": 24, "MT": 25})

ch = read_tsv(os.path.join(FACTS, "hotspots_cancerhotspots_v2_pathway_genes.tsv"))
if len(ch) != 503:
    fail("expected 503 cancerhotspots v2 pathway rows, got %d" % len(ch))
hotspots = []
dropped = 0
for r in ch:
    if r["gene"] not in genes:  # PDK1 would be dropped here (it has no rows in cancerhotspots v2)
        dropped += 1
        continue
    for build, p in (("GRCh37", "grch37_"), ("GRCh38", "grch38_")):
        hotspots.append({"gene": r["gene"], "protein_change": r["protein_change"], "variant_class": r["variant_class"],
                         "build": build, "chrom": r[p + "chrom"], "pos": int(r[p + "pos"]), "ref": r[p + "ref"],
                         "alt": r[p + "alt"]})
if dropped:
    fail("%d hotspot rows of genes outside the set; document them in README.md before dropping" % dropped)

# The one DERIVED row (not in cancerhotspots v2): PIK3CA Q546* from reference-facts/hotspots.tsv.
derived = [r for r in read_tsv(os.path.join(FACTS, "hotspots.tsv"))
           if r["gene"] == "PIK3CA" and r["protein_change"] == "Q546*"]
if len(derived) != 2:
    fail("expected the DERIVED PIK3CA Q546* row in both builds")
for r in derived:
    if not r["source"].startswith("DERIVED"):
        fail("Q546* row is no longer marked DERIVED")
    hotspots.append({"gene": "PIK3CA", "protein_change": "Q546*", "variant_class": "Nonsense_Mutation",
                     "build": r["build"], "chrom": r["chrom"], "pos": int(r["pos"]), "ref": r["ref"], "alt": r["alt"]})

keys = set()
for h in hotspots:
    key = (h["build"], h["chrom"], h["pos"], h["ref"], h["alt"])
    if key in keys:
        fail("duplicate hotspot allele %r" % (key,))
    keys.add(key)
    g = spans[h["build"]][h["gene"]]
    if g["chrom"] != h["chrom"] or not (g["start"] <= h["pos"] <= g["end"]):
        fail("hotspot %s %s %s:%d lies outside the gene span" % (h["gene"], h["protein_change"], h["chrom"], h["pos"]))

hotspots.sort(key=lambda h: (h["build"], CHROM_ORDER[h["chrom"]], h["pos"], h["ref"], h["alt"]))
write("hotspots.tsv",
      ["pathcorr built-in cancer hotspots: all cancerhotspots.org v2 rows of the PI3K_MTOR genes, in GRCh37 and GRCh38.",
       "Source: " + SRC_CANCERHOTSPOTS + " (503 rows per build; GRCh37->GRCh38 liftover of every row checked).",
       "MAF-style alleles: pos = first affected base, for INS the base before the insertion; '-' = empty allele.",
       "protein_change is cancerhotspots' label (for indels the hotspot residue range, not the variant's own HGVSp).",
       "DERIVED: PIK3CA Q546* (c.1636C>T) is not in cancerhotspots v2; computed on GENCODE v19 ENST00000263967 "
       "(same base as Q546K/Q546E), GRCh38 by liftover; see README.md.",
       "Generated by reference/build_tables.py."],
      ["gene", "protein_change", "variant_class", "build", "chrom", "pos", "ref", "alt"], hotspots)
