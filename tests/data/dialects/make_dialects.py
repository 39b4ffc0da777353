#!/usr/bin/env python3
"""Writes the same somatic variants of two patients (DX01, DX02; GRCh37) in every annotation dialect pathcorr
reads, one VCF per patient and dialect: <dialect>/DX0N.vcf. tests/cli/test_dialects.sh scans each dialect and
checks that all give the counted (patient, gene) calls of expected_calls.tsv.

The annotation text of each dialect is written the way that tool writes it (field lists and effect names from
each tool's documentation and from the real files in tests/data/real/annotated), not the way pathcorr reads it.
Hotspot variants sit at their real GRCh37 positions (cancerhotspots v2); the other variants are placed inside
their gene with the stated change. Deterministic: run it again and git diff shows nothing.

    python3 tests/data/dialects/make_dialects.py   (from anywhere; writes next to this script)
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))

# One row per ALT allele. alt_index > 0 rows belong to the multi-allelic record of the row before them.
# so: Sequence Ontology term; p3/p1: three-letter and one-letter protein change ('' when none);
# other: a second transcript (id, SO term) listed BEFORE the canonical one, to show the choice is not "first".
# af: gnomAD exome allele frequency ('' when none); ad: tumour ref,alt read counts.
V = [
    # ---- DX01
    dict(pt="DX01", gene="PIK3CA", chrom="3", pos=178952085, ref="A", alts=["G"], so="missense_variant",
         tx="ENST00000263967", nm="NM_006218", strand="+", exon="21/21", c="c.3140A>G", p3="p.His1047Arg",
         p1="H1047R", aa_pos=1047, aa_len=1068, codons="cAt/cGt", other=("ENST00000462255", "non_coding_transcript_exon_variant"),
         ad=[40, 20]),
    dict(pt="DX01", gene="PTEN", chrom="10", pos=89624241, ref="CAA", alts=["C"], so="frameshift_variant",
         tx="ENST00000371953", nm="NM_000314", strand="+", exon="1/9", c="c.16_17del", p3="p.Lys6GlufsTer4",
         p1="K6Efs*4", aa_pos=6, aa_len=403, codons="AAa/a", ad=[30, 15]),
    dict(pt="DX01", gene="MTOR", chrom="1", pos=11199600, ref="G", alts=["A"], so="synonymous_variant",
         tx="ENST00000361445", nm="NM_004958", strand="-", exon="47/58", c="c.6690C>T", p3="p.Leu2230=",
         p1="L2230=", aa_pos=2230, aa_len=2549, codons="ctC/ctT", other=("ENST00000376838", "intron_variant"),
         ad=[60, 30]),
    dict(pt="DX01", gene="TP53", chrom="17", pos=7577120, ref="C", alts=["T"], so="missense_variant",
         tx="ENST00000269305", nm="NM_000546", strand="-", exon="8/11", c="c.818G>A", p3="p.Arg273His",
         p1="R273H", aa_pos=273, aa_len=393, codons="cGt/cAt", ad=[50, 45]),
    dict(pt="DX01", gene="PIK3CA", chrom="3", pos=178938877, ref="AC", alts=["A"], so="frameshift_variant",
         tx="ENST00000263967", nm="NM_006218", strand="+", exon="11/21", c="c.1802del", p3="p.Thr601IlefsTer3",
         p1="T601Ifs*3", aa_pos=601, aa_len=1068, codons="aCa/aa", ad=[45, 18]),
    dict(pt="DX01", gene="AKT1", chrom="14", pos=105246551, ref="C", alts=["T"], so="missense_variant",
         tx="ENST00000349310", nm="NM_001014431", strand="-", exon="3/14", c="c.49G>A", p3="p.Glu17Lys",
         p1="E17K", aa_pos=17, aa_len=480, codons="Gag/Aag", other=("ENST00000407796", "missense_variant"),
         other_nm="NM_005163", ad=[25, 10]),
    dict(pt="DX01", gene="TSC2", chrom="16", pos=2110815, ref="G", alts=["A"], so="splice_donor_variant",
         tx="ENST00000219476", nm="NM_000548", strand="+", exon="", intron="15/41", c="c.1599+1G>A", p3="",
         p1="", ad=[35, 12]),
    dict(pt="DX01", gene="PIK3CA", chrom="3", pos=178917000, ref="T", alts=["C"], so="intron_variant",
         tx="ENST00000263967", nm="NM_006218", strand="+", exon="", intron="4/20", c="c.1060-200T>C", p3="",
         p1="", ad=[40, 22]),
    dict(pt="DX01", gene="PIK3CA", chrom="3", pos=178927980, ref="A", alts=["G"], so="missense_variant",
         tx="ENST00000263967", nm="NM_006218", strand="+", exon="7/21", c="c.1173A>G", p3="p.Ile391Met",
         p1="I391M", aa_pos=391, aa_len=1068, codons="atA/atG", af="0.1187", ad=[30, 28]),
    dict(pt="DX01", gene="PIK3CA", chrom="3", pos=178936082, ref="G", alts=["A"], so="missense_variant",
         tx="ENST00000263967", nm="NM_006218", strand="+", exon="10/21", c="c.1624G>A", p3="p.Glu542Lys",
         p1="E542K", aa_pos=542, aa_len=1068, codons="Gaa/Aaa", filter="clustered_events", ad=[40, 9]),
    # ---- DX02
    dict(pt="DX02", gene="PTEN", chrom="10", pos=89692904, ref="C", alts=["T"], so="stop_gained",
         tx="ENST00000371953", nm="NM_000314", strand="+", exon="5/9", c="c.388C>T", p3="p.Arg130Ter",
         p1="R130*", aa_pos=130, aa_len=403, codons="Cga/Tga", ad=[30, 30]),
    dict(pt="DX02", gene="PIK3R1", chrom="5", pos=67591100, ref="CAAG", alts=["C"], so="inframe_deletion",
         tx="ENST00000274335", nm="NM_181523", strand="+", exon="11/16", c="c.1375_1377del", p3="p.Lys459del",
         p1="K459del", aa_pos=459, aa_len=724, codons="AAG/-", ad=[44, 16]),
    dict(pt="DX02", gene="STK11", chrom="19", pos=1221293, ref="C", alts=["T"], so="missense_variant",
         tx="ENST00000326873", nm="NM_000455", strand="+", exon="7/10", c="c.842C>T", p3="p.Pro281Leu",
         p1="P281L", aa_pos=281, aa_len=433, codons="cCg/cTg", ad=[50, 25]),
    dict(pt="DX02", gene="PIK3CA", chrom="3", pos=178936091, ref="G", alts=["A", "C"], so="missense_variant",
         tx="ENST00000263967", nm="NM_006218", strand="+", exon="10/21", c="c.1633G>A", p3="p.Glu545Lys",
         p1="E545K", aa_pos=545, aa_len=1068, codons="Gag/Aag", ad=[50, 20, 1]),
    dict(alt_index=1, so="missense_variant", c="c.1633G>C", p3="p.Glu545Gln", p1="E545Q", codons="Gag/Cag"),
    dict(pt="DX02", gene="MTOR", chrom="1", pos=11174420, ref="C", alts=["G"], so="missense_variant",
         tx="ENST00000361445", nm="NM_004958", strand="-", exon="54/58", c="c.7514G>C", p3="p.Arg2505Pro",
         p1="R2505P", aa_pos=2505, aa_len=2549, codons="cGa/cCa", ad=[38, 14]),
    dict(pt="DX02", gene="TSC1", chrom="9", pos=135781005, ref="G", alts=["A"], so="stop_gained",
         tx="ENST00000298552", nm="NM_000368", strand="-", exon="15/23", c="c.1525C>T", p3="p.Arg509Ter",
         p1="R509*", aa_pos=509, aa_len=1164, codons="Cga/Tga", ad=[41, 20]),
]

# Fill the per-allele list: record[i] -> list of allele dicts (the first holds the record's common fields).
RECORDS = []
for v in V:
    if v.get("alt_index"):
        base = RECORDS[-1][0]
        allele = dict(base)
        allele.update(v)
        allele.pop("other", None)
        RECORDS[-1].append(allele)
    else:
        v.setdefault("alt_index", 0)
        RECORDS.append([v])

GENE_ID = {"PIK3CA": "ENSG00000121879", "PTEN": "ENSG00000171862", "MTOR": "ENSG00000198793",
           "TP53": "ENSG00000141510", "AKT1": "ENSG00000142208", "TSC2": "ENSG00000103197",
           "PIK3R1": "ENSG00000145675", "STK11": "ENSG00000118046", "TSC1": "ENSG00000165699"}
IMPACT = {"missense_variant": "MODERATE", "inframe_deletion": "MODERATE", "frameshift_variant": "HIGH",
          "stop_gained": "HIGH", "splice_donor_variant": "HIGH", "synonymous_variant": "LOW",
          "intron_variant": "MODIFIER", "non_coding_transcript_exon_variant": "MODIFIER"}

CONTIGS = [("1", 249250621), ("3", 198022430), ("5", 180915260), ("9", 141213431), ("10", 135534747),
           ("14", 107349540), ("16", 90354753), ("17", 81195210), ("19", 59128983)]


def write_vcf(dialect, patient, info_headers, info_of_record, extra_meta=()):
    lines = ["##fileformat=VCFv4.2", "##FILTER=<ID=PASS,Description=\"All filters passed\">",
             "##FILTER=<ID=clustered_events,Description=\"Clustered events observed in the tumor\">",
             "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">",
             "##FORMAT=<ID=AD,Number=R,Type=Integer,Description=\"Allelic depths for the ref and alt alleles\">",
             "##FORMAT=<ID=DP,Number=1,Type=Integer,Description=\"Approximate read depth\">",
             "##reference=file:///ref/human_g1k_v37.fasta"]
    lines += ["##contig=<ID=%s,length=%d,assembly=GRCh37>" % c for c in CONTIGS]
    lines += list(extra_meta) + list(info_headers)
    lines.append("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tTUMOR")
    order = {c: i for i, (c, _) in enumerate(CONTIGS)}
    recs = sorted((r for r in RECORDS if r[0]["pt"] == patient), key=lambda r: (order[r[0]["chrom"]], r[0]["pos"]))
    for rec in recs:
        v = rec[0]
        info = info_of_record(rec)
        gt = "0/1" if len(v["alts"]) == 1 else "1/2"
        lines.append("\t".join([v["chrom"], str(v["pos"]), ".", v["ref"], ",".join(v["alts"]), ".",
                                v.get("filter", "PASS"), info or ".", "GT:AD:DP", "%s:%s:%d" % (
                                    gt, ",".join(map(str, v["ad"])), sum(v["ad"]))]))
    d = os.path.join(HERE, dialect)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, patient + ".vcf"), "w") as f:
        f.write("\n".join(lines) + "\n")


def vep_allele(v, a):
    ref, alt = v["ref"], v["alts"][a["alt_index"]]
    if len(ref) != len(alt):  # VEP strips the shared first base of indels
        return alt[1:] or "-"
    return alt


def cdna(a):
    return str(a["aa_pos"] * 3) if a.get("aa_pos") else ""


# ---------------------------------------------------------------- VEP (release 105 field order, and release 75)
VEP_NEW = ("Allele|Consequence|IMPACT|SYMBOL|Gene|Feature_type|Feature|BIOTYPE|EXON|INTRON|HGVSc|HGVSp|"
           "cDNA_position|CDS_position|Protein_position|Amino_acids|Codons|Existing_variation|DISTANCE|STRAND|FLAGS|"
           "VARIANT_CLASS|SYMBOL_SOURCE|HGNC_ID|CANONICAL|MANE_SELECT|gnomADe_AF|MAX_AF|MAX_AF_POPS")
VEP_OLD = ("Allele|Gene|Feature|Feature_type|Consequence|cDNA_position|CDS_position|Protein_position|Amino_acids|"
           "Codons|Existing_variation|EXON|INTRON|MOTIF_NAME|MOTIF_POS|HIGH_INF_POS|MOTIF_SCORE_CHANGE|DISTANCE|"
           "STRAND|CLIN_SIG|CANONICAL|SYMBOL|SYMBOL_SOURCE|SIFT|PolyPhen|GMAF|BIOTYPE|ENSP|DOMAINS|CCDS|HGVSc|HGVSp|"
           "AFR_MAF|AMR_MAF|ASN_MAF|EUR_MAF|AA_MAF|EA_MAF|PUBMED")


def vep_entries(rec, fields, old):
    v = rec[0]
    out = []
    for a in rec:
        allele = vep_allele(v, a)
        entries = []
        if a.get("other"):
            ot, oso = a["other"]
            entries.append(dict(Allele=allele, Consequence=oso, IMPACT=IMPACT[oso], SYMBOL=v["gene"],
                                Gene=GENE_ID[v["gene"]], Feature_type="Transcript", Feature=ot,
                                BIOTYPE="protein_coding" if "missense" in oso or "intron" in oso else "processed_transcript",
                                STRAND="1" if v["strand"] == "+" else "-1", SYMBOL_SOURCE="HGNC", CANONICAL=""))
        hgvsp = ""
        if a["p3"]:
            hgvsp = ("ENSP%s.3:" % v["tx"][4:]) + a["p3"].replace("=", "%3D")
        e = dict(Allele=allele, Consequence=a["so"], IMPACT=IMPACT[a["so"]], SYMBOL=v["gene"], Gene=GENE_ID[v["gene"]],
                 Feature_type="Transcript", Feature=v["tx"], BIOTYPE="protein_coding", EXON=v.get("exon", ""),
                 INTRON=v.get("intron", ""), HGVSc="%s.1:%s" % (v["tx"], a["c"]), HGVSp=hgvsp,
                 cDNA_position=cdna(a), CDS_position=cdna(a), Protein_position=str(a.get("aa_pos", "")),
                 Amino_acids="", Codons=a.get("codons", ""), STRAND="1" if v["strand"] == "+" else "-1",
                 VARIANT_CLASS="SNV" if len(v["ref"]) == 1 and len(allele) == 1 else "deletion",
                 SYMBOL_SOURCE="HGNC", CANONICAL="YES", MANE_SELECT="")
        if a.get("af"):
            e.update(gnomADe_AF=a["af"], MAX_AF=a["af"], MAX_AF_POPS="gnomADe_AFR")
            if old:
                e["GMAF"] = "%s:%s" % (allele, a["af"])
        if old:  # VEP 75 wrote the protein ID in its own ENSP column and HGVSp with the ENSP prefix too
            e["ENSP"] = "ENSP" + v["tx"][4:]
        entries.append(e)
        for e in entries:
            out.append("|".join(e.get(f, "") for f in fields))
    return ",".join(out)


def write_vep(dialect, tag, fields, old=False):
    desc = ("Consequence annotations from Ensembl VEP. Format: " if not old else
            "Consequence type as predicted by VEP. Format: ") + fields
    hdr = ['##VEP="v105" time="2022-03-01 10:00:00" cache="homo_sapiens/105_GRCh37" assembly="GRCh37.p13"' if not old
           else "##VEP=v75", '##INFO=<ID=%s,Number=.,Type=String,Description="%s">' % (tag, desc)]
    for pt in ("DX01", "DX02"):
        write_vcf(dialect, pt, hdr, lambda rec: "%s=%s" % (tag, vep_entries(rec, fields.split("|"), old)))


# ---------------------------------------------------------------- SnpEff ANN (4.3) and classic EFF (3.6)
ANN_FIELDS = ("Allele | Annotation | Annotation_Impact | Gene_Name | Gene_ID | Feature_Type | Feature_ID | "
              "Transcript_BioType | Rank | HGVS.c | HGVS.p | cDNA.pos / cDNA.length | CDS.pos / CDS.length | "
              "AA.pos / AA.length | Distance | ERRORS / WARNINGS / INFO")
SNPEFF_ANN_TERM = {"splice_donor_variant": "splice_donor_variant&intron_variant",
                   "inframe_deletion": "conservative_inframe_deletion"}


def snpeff_p(a):
    # SnpEff writes three-letter HGVS.p; frameshifts as p.Lys6fs, synonymous as p.Leu2230Leu.
    p = a["p3"]
    if not p:
        return ""
    if "fs" in p:
        return p[:p.index("fs") - 3] + "fs" if p[p.index("fs") - 3:p.index("fs")].isalpha() else p
    if p.endswith("="):
        return p[:-1] + p[2:5]
    return p.replace("Ter", "*")


def ann_entries(rec):
    v = rec[0]
    out = []
    for a in rec:
        allele = v["alts"][a["alt_index"]]
        # SnpEff lists transcripts sorted by impact, then by gene and transcript ID.
        entries = []
        term = SNPEFF_ANN_TERM.get(a["so"], a["so"])
        rank = (v.get("exon") or v.get("intron", "")).replace("/", "/")
        aa = "%d/%d" % (a["aa_pos"], a["aa_len"]) if a.get("aa_pos") else ""
        entries.append([allele, term, IMPACT[a["so"]], v["gene"], GENE_ID[v["gene"]], "transcript", v["tx"] + ".1",
                        "protein_coding", rank, a["c"], snpeff_p(a), "", "", aa, "", ""])
        if a.get("other"):
            ot, oso = a["other"]
            entries.append([allele, oso, IMPACT[oso], v["gene"], GENE_ID[v["gene"]], "transcript", ot + ".1",
                            "protein_coding", "", "", "", "", "", "", "", ""])
            if IMPACT[oso] == IMPACT[a["so"]]:
                entries.sort(key=lambda e: e[6])
        out += ["|".join(e) for e in entries]
    return ",".join(out)


def pop_info(rec, tag):
    afs = [a.get("af", "") for a in rec]
    return ";%s=%s" % (tag, ",".join(x or "." for x in afs)) if any(afs) else ""


DBNSFP = ('##INFO=<ID=dbNSFP_gnomAD_exomes_AF,Number=A,Type=Float,Description="Field \'gnomAD_exomes_AF\' '
          'from dbNSFP">')


def write_snpeff_ann():
    hdr = ["##SnpEffVersion=\"4.3t (build 2017-11-24 10:18), by Pablo Cingolani\"",
           "##SnpEffCmd=\"SnpEff  GRCh37.75 in.vcf \"",
           "##SnpSiftCmd=\"SnpSift dbnsfp -f gnomAD_exomes_AF -db dbNSFP4.1a.txt.gz\"",
           '##INFO=<ID=ANN,Number=.,Type=String,Description="Functional annotations: \'%s\' ">' % ANN_FIELDS, DBNSFP]
    for pt in ("DX01", "DX02"):
        write_vcf("snpeff_ann", pt, hdr,
                  lambda rec: "ANN=" + ann_entries(rec) + pop_info(rec, "dbNSFP_gnomAD_exomes_AF"))


EFF_NAME = {"missense_variant": ("NON_SYNONYMOUS_CODING", "MISSENSE"), "frameshift_variant": ("FRAME_SHIFT", ""),
            "synonymous_variant": ("SYNONYMOUS_CODING", "SILENT"), "stop_gained": ("STOP_GAINED", "NONSENSE"),
            "splice_donor_variant": ("SPLICE_SITE_DONOR", ""), "intron_variant": ("INTRON", ""),
            "inframe_deletion": ("CODON_DELETION", ""),
            "non_coding_transcript_exon_variant": ("EXON", "")}
EFF_FIELDS = ("Effect ( Effect_Impact | Functional_Class | Codon_Change | Amino_Acid_Change| Amino_Acid_length | "
              "Gene_Name | Transcript_BioType | Gene_Coding | Transcript_ID | Exon_Rank  | Genotype_Number [ | ERRORS "
              "| WARNINGS ] )")


def eff_aa(a):
    # SnpEff 3 one-letter changes: H1047R, L2230 (synonymous), R130*, K6 (frameshift: the first residue).
    p1 = a["p1"]
    if not p1:
        return ""
    if p1.endswith("="):
        return p1[:-1]
    if "fs" in p1:
        return p1[:p1.index("fs") - 1]
    if p1.endswith("del"):
        return p1[:-3]
    return p1


def eff_entries(rec):
    v = rec[0]
    out = []
    for a in rec:
        gt = str(a["alt_index"] + 1)
        name, fclass = EFF_NAME[a["so"]]
        exon = (v.get("exon") or v.get("intron", "")).split("/")[0]
        out.append("%s(%s|%s|%s|%s|%s|%s|protein_coding|CODING|%s|%s|%s)" % (
            name, IMPACT[a["so"]], fclass, a.get("codons", ""), eff_aa(a), a.get("aa_len", ""), v["gene"], v["tx"],
            exon, gt))
        if a.get("other"):
            ot, oso = a["other"]
            oname, ofclass = EFF_NAME[oso]
            out.append("%s(%s|%s|||%s|%s|protein_coding|CODING|%s||%s)" % (
                oname, IMPACT[oso], ofclass, a.get("aa_len", "") if "missense" in oso else "", v["gene"], ot, gt))
    return ",".join(out)


def write_snpeff_eff():
    hdr = ["##SnpEffVersion=\"3.6c (build 2014-05-20), by Pablo Cingolani\"",
           "##SnpEffCmd=\"SnpEff  -classic GRCh37.75 in.vcf \"",
           '##INFO=<ID=EFF,Number=.,Type=String,Description="Predicted effects for this variant.Format: \'%s\' ">'
           % EFF_FIELDS, DBNSFP]
    for pt in ("DX01", "DX02"):
        write_vcf("snpeff_eff", pt, hdr,
                  lambda rec: "EFF=" + eff_entries(rec) + pop_info(rec, "dbNSFP_gnomAD_exomes_AF"))


# ---------------------------------------------------------------- GATK3 VariantAnnotator --snpEffFile (SNPEFF_*)
GATK_KEYS = [("SNPEFF_AMINO_ACID_CHANGE", "Old/New amino acid for the highest-impact effect resulting from the current variant (in HGVS style)"),
             ("SNPEFF_CODON_CHANGE", "Old/New codon for the highest-impact effect resulting from the current variant"),
             ("SNPEFF_EFFECT", "The highest-impact effect resulting from the current variant (or one of the highest-impact effects, if there is a tie)"),
             ("SNPEFF_EXON_ID", "Exon ID for the highest-impact effect resulting from the current variant"),
             ("SNPEFF_FUNCTIONAL_CLASS", "Functional class of the highest-impact effect resulting from the current variant: [NONE, SILENT, MISSENSE, NONSENSE]"),
             ("SNPEFF_GENE_BIOTYPE", "Gene biotype for the highest-impact effect resulting from the current variant"),
             ("SNPEFF_GENE_NAME", "Gene name for the highest-impact effect resulting from the current variant"),
             ("SNPEFF_IMPACT", "Impact of the highest-impact effect resulting from the current variant [MODIFIER, LOW, MODERATE, HIGH]"),
             ("SNPEFF_TRANSCRIPT_ID", "Transcript ID for the highest-impact effect resulting from the current variant")]


def gatk_info(rec):
    # GATK kept one effect per site: the highest-impact one of the first ALT.
    v = a = rec[0]
    name, fclass = EFF_NAME[a["so"]]
    kv = [("SNPEFF_AMINO_ACID_CHANGE", eff_aa(a)), ("SNPEFF_CODON_CHANGE", a.get("codons", "")),
          ("SNPEFF_EFFECT", name), ("SNPEFF_EXON_ID", (v.get("exon") or "").split("/")[0]),
          ("SNPEFF_FUNCTIONAL_CLASS", fclass or "NONE"), ("SNPEFF_GENE_BIOTYPE", "protein_coding"),
          ("SNPEFF_GENE_NAME", v["gene"]), ("SNPEFF_IMPACT", IMPACT[a["so"]]), ("SNPEFF_TRANSCRIPT_ID", v["tx"])]
    return ";".join("%s=%s" % (k, x) for k, x in kv if x) + pop_info(rec, "gnomAD_AF")


def write_snpeff_gatk():
    hdr = ['##INFO=<ID=%s,Number=1,Type=String,Description="%s">' % k for k in GATK_KEYS]
    hdr.append('##INFO=<ID=gnomAD_AF,Number=A,Type=Float,Description="Alternate allele frequency in gnomAD exomes">')
    for pt in ("DX01", "DX02"):
        write_vcf("snpeff_gatk", pt, hdr, gatk_info)


# ---------------------------------------------------------------- bcftools csq (BCSQ)
BCSQ_TERM = {"missense_variant": "missense", "frameshift_variant": "frameshift", "synonymous_variant": "synonymous",
             "stop_gained": "stop_gained", "splice_donor_variant": "splice_donor", "inframe_deletion": "inframe_deletion",
             "intron_variant": "intron"}


def bcsq_entries(rec):
    v = rec[0]
    out = []
    for a in rec:
        if a["so"] == "intron_variant":  # bcftools csq names no transcript for intronic variants
            out.append("intron|%s||protein_coding" % v["gene"])
            continue
        alt = v["alts"][a["alt_index"]]
        p1, pos = a["p1"], a.get("aa_pos")
        if a["so"] == "splice_donor_variant":
            aa = ""
        elif a["so"] == "synonymous_variant":
            aa = "%d%s" % (pos, p1[0])
        elif a["so"] == "frameshift_variant":
            aa = "%d%s..>%d%s.." % (pos, p1[0], pos, p1[p1.index("fs") - 1])
        elif a["so"] == "inframe_deletion":
            aa = "%d%sD>%dD" % (pos, p1[0], pos)
        else:
            aa = "%d%s>%d%s" % (pos, p1[0], pos, p1[-1])
        dna = "%d%s>%s" % (v["pos"], v["ref"], alt)
        fields = [BCSQ_TERM[a["so"]], v["gene"], v["tx"], "protein_coding", v["strand"]]
        if aa or a["so"] != "splice_donor_variant":
            fields += [aa, dna]
        out.append("|".join(fields))
    return ",".join(out)


def write_bcsq():
    hdr = ["##bcftools_csqVersion=1.16+htslib-1.16",
           "##bcftools_csqCommand=csq -f human_g1k_v37.fasta -g Homo_sapiens.GRCh37.87.gff3.gz -l in.vcf",
           '##INFO=<ID=BCSQ,Number=.,Type=String,Description="Local consequence annotation from BCFtools/csq, see '
           'http://samtools.github.io/bcftools/howtos/csq-calling.html for details. Format: '
           'Consequence|gene|transcript|biotype|strand|amino_acid_change|dna_change">',
           '##INFO=<ID=gnomAD_AF,Number=A,Type=Float,Description="Alternate allele frequency in gnomAD exomes">']

    def info(rec):
        b = bcsq_entries(rec)
        return (("BCSQ=" + b) if b else "") + pop_info(rec, "gnomAD_AF")
    for pt in ("DX01", "DX02"):
        write_vcf("bcsq", pt, hdr, lambda rec: info(rec).lstrip(";"))


# ---------------------------------------------------------------- GATK Funcotator
FUNC_FIELDS = ["Gencode_19_hugoSymbol", "Gencode_19_ncbiBuild", "Gencode_19_chromosome", "Gencode_19_start",
               "Gencode_19_end", "Gencode_19_variantClassification", "Gencode_19_secondaryVariantClassification",
               "Gencode_19_variantType", "Gencode_19_refAllele", "Gencode_19_tumorSeqAllele1",
               "Gencode_19_tumorSeqAllele2", "Gencode_19_genomeChange", "Gencode_19_annotationTranscript",
               "Gencode_19_transcriptStrand", "Gencode_19_transcriptExon", "Gencode_19_transcriptPos",
               "Gencode_19_cDnaChange", "Gencode_19_codonChange", "Gencode_19_proteinChange",
               "Gencode_19_gcContent", "Gencode_19_referenceContext", "Gencode_19_otherTranscripts",
               "gnomAD_exome_AF"]
FUNC_CLASS = {"missense_variant": "MISSENSE", "frameshift_variant": "FRAME_SHIFT_DEL", "synonymous_variant": "SILENT",
              "stop_gained": "NONSENSE", "splice_donor_variant": "SPLICE_SITE", "intron_variant": "INTRON",
              "inframe_deletion": "IN_FRAME_DEL"}


def func_protein(a):
    p1 = a["p1"]
    if not p1:
        return ""
    if p1.endswith("="):
        return "p." + p1[:-1] + p1[0]
    if "fs" in p1:
        return "p." + p1[:p1.index("fs") - 1] + "fs"
    return "p." + p1


def func_escape(s):
    return s.replace(",", "_%2C_").replace("|", "_%7C_").replace("=", "_%3D_").replace(";", "_%3B_").replace(" ", "_%20_")


def func_brackets(rec):
    v = rec[0]
    out = []
    for a in rec:
        alt = v["alts"][a["alt_index"]]
        ref_m, alt_m, start = v["ref"], alt, v["pos"]
        if len(ref_m) != len(alt_m):  # MAF style: anchor base dropped
            ref_m, alt_m, start = ref_m[1:] or "-", alt_m[1:] or "-", start + 1
        vtype = "SNP" if len(v["ref"]) == len(alt) == 1 else ("DEL" if len(v["ref"]) > len(alt) else "INS")
        others = []
        if a.get("other"):
            ot, oso = a["other"]
            others.append("%s_%s.1_%s" % (v["gene"], ot, FUNC_CLASS.get(oso, "RNA")))
        secondary = "INTRON" if a["so"] == "splice_donor_variant" else ""
        vals = [v["gene"], "hg19", "chr" + v["chrom"], str(start), str(start + len(ref_m.strip("-")) - 1 or start),
                FUNC_CLASS[a["so"]], secondary, vtype, ref_m, ref_m, alt_m,
                "g.chr%s:%d%s>%s" % (v["chrom"], v["pos"], v["ref"], alt), v["tx"] + ".3", v["strand"],
                (v.get("exon") or "").split("/")[0], cdna(a), a["c"], "", func_protein(a), "0.45",
                "ACGTACGTACGTACGTACGTA", "/".join(others), a.get("af", "")]
        out.append("[" + "|".join(func_escape(x) for x in vals) + "]")
    return ",".join(out)


def write_funcotator():
    hdr = ['##GATKCommandLine=<ID=Funcotator,CommandLine="Funcotator --ref-version hg19 --output-file-format VCF",'
           'Version="4.2.6.1">',
           '##INFO=<ID=FUNCOTATION,Number=A,Type=String,Description="Functional annotation from the Funcotator tool.  '
           'Funcotation fields are: %s">' % "|".join(FUNC_FIELDS)]
    for pt in ("DX01", "DX02"):
        write_vcf("funcotator", pt, hdr, lambda rec: "FUNCOTATION=" + func_brackets(rec))


# ---------------------------------------------------------------- ANNOVAR table_annovar.pl -vcfinput (refGene)
ANNOVAR_EXONIC = {"missense_variant": "nonsynonymous_SNV", "frameshift_variant": "frameshift_deletion",
                  "synonymous_variant": "synonymous_SNV", "stop_gained": "stopgain",
                  "inframe_deletion": "nonframeshift_deletion"}


def annovar_c(a, v):
    # ANNOVAR's own c. notation: c.A3140G for SNVs, c.16_17del for deletions.
    c = a["c"]
    if ">" in c and "+" not in c and "-" not in c:
        body = c[2:]
        num = "".join(ch for ch in body if ch.isdigit())
        return "c.%s%s%s" % (body[len(num)], num, body[-1])
    return c


def annovar_p(a):
    p1 = a["p1"]
    if p1.endswith("="):
        return "p." + p1[:-1] + p1[0]
    if "fs" in p1:
        return "p." + p1[:p1.index("fs") - 1] + "fs"
    return "p." + p1


def annovar_blocks(rec, db="refGene"):
    """db refGene: HGNC symbols and RefSeq NM_ IDs; ensGene: Ensembl gene and transcript IDs."""
    v = rec[0]
    ens = db == "ensGene"
    gene = GENE_ID[v["gene"]] if ens else v["gene"]
    nm = v["tx"] if ens else v["nm"]
    blocks = []
    for a in rec:
        exon = (v.get("exon") or "").split("/")[0]
        if a["so"] == "intron_variant":
            func, exfunc, aach, detail = "intronic", ".", ".", "."
        elif a["so"] == "splice_donor_variant":
            func, exfunc, aach = "splicing", ".", "."
            detail = "%s:exon%s:%s" % (nm, v["intron"].split("/")[0], a["c"])
        else:
            func, exfunc, detail = "exonic", ANNOVAR_EXONIC[a["so"]], "."
            items = ["%s:%s:exon%s:%s:%s" % (gene, nm, exon, annovar_c(a, v), annovar_p(a))]
            other = (v.get("other") or ("",))[0] if ens else v.get("other_nm")
            if other and (not ens or v["other"][1] == "missense_variant"):  # the other isoform, same change
                items.insert(0, "%s:%s:exon%s:%s:%s" % (gene, other, exon, annovar_c(a, v), annovar_p(a)))
            aach = ",".join(items)
        kv = [("ANNOVAR_DATE", "2020-06-08"), ("Func." + db, func), ("Gene." + db, gene),
              ("GeneDetail." + db, detail), ("ExonicFunc." + db, exfunc), ("AAChange." + db, aach),
              ("gnomAD_exome_ALL", a.get("af") or ".")]
        blocks.append(";".join("%s=%s" % kvp for kvp in kv) + ";ALLELE_END")
    return ";".join(blocks)


def write_annovar(db="refGene"):
    hdr = ['##INFO=<ID=ANNOVAR_DATE,Number=1,Type=String,Description="Flag the start of ANNOVAR annotation for one '
           'alternative allele">']
    for key in ("Func." + db, "Gene." + db, "GeneDetail." + db, "ExonicFunc." + db, "AAChange." + db,
                "gnomAD_exome_ALL"):
        hdr.append('##INFO=<ID=%s,Number=.,Type=String,Description="%s annotation provided by ANNOVAR">' % (key, key))
    hdr.append('##INFO=<ID=ALLELE_END,Number=0,Type=Flag,Description="Flag the end of ANNOVAR annotation for one '
               'alternative allele">')
    for pt in ("DX01", "DX02"):
        write_vcf("annovar" if db == "refGene" else "annovar_ensgene", pt, hdr, lambda rec: annovar_blocks(rec, db))


# ---------------------------------------------------------------- ANNOVAR table_annovar.pl text output
def write_annovar_table():
    """One multianno table for both patients (Tumor_Sample_Barcode), refGene, ANNOVAR's own allele style: Start =
    first changed base, '-' for an empty allele. A table carries no FILTER and no read depth, so the rows that only
    those would reject (the filtered E542K, the one-read E545Q) are left out, as users filter before annotating."""
    cols = ["Chr", "Start", "End", "Ref", "Alt", "Func.refGene", "Gene.refGene", "GeneDetail.refGene",
            "ExonicFunc.refGene", "AAChange.refGene", "gnomAD_exome_ALL", "Tumor_Sample_Barcode"]
    out = ["\t".join(cols)]
    for rec in sorted(RECORDS, key=lambda r: (r[0]["pt"], r[0]["chrom"], r[0]["pos"])):
        v = rec[0]
        if v.get("filter", "PASS") != "PASS":
            continue
        for a in rec:
            alt = v["alts"][a["alt_index"]]
            if v["ad"][a["alt_index"] + 1] < 3:
                continue
            ref, start = v["ref"], v["pos"]
            if len(ref) != len(alt):  # drop the VCF anchor base
                ref, alt, start = ref[1:] or "-", alt[1:] or "-", start + 1
            end = start + len(ref) - 1 if ref != "-" else start
            block = dict(kv.split("=", 1) for kv in annovar_blocks([dict(v, **a)]).split(";") if "=" in kv)
            row = [v["chrom"], str(start), str(end), ref, alt]
            for c in cols[5:11]:
                val = block.get(c, ".").replace("_", " ") if c.startswith("ExonicFunc") else block.get(c, ".")
                row.append('"%s"' % val if "," in val else val)
            row.append(v["pt"])
            out.append("\t".join(row))
    d = os.path.join(HERE, "annovar_table")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "cohort.hg19_multianno.txt"), "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    write_vep("vep", "CSQ", VEP_NEW)
    write_vep("vep_v75", "CSQ", VEP_OLD, old=True)
    write_vep("vep_in_ann", "ANN", VEP_NEW)
    write_snpeff_ann()
    write_snpeff_eff()
    write_snpeff_gatk()
    write_bcsq()
    write_funcotator()
    write_annovar()
    write_annovar("ensGene")
    write_annovar_table()
