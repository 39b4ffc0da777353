#!/usr/bin/env python3
"""Oracle for the annotation readers: reads an annotated VCF on its own (plain Python, no pathcorr code) and
checks a pathcorr calls.tsv of it.

    stated_consequences.py VCF CALLS.TSV GENE[=ENSG...][,GENE...] [DIALECT]
    stated_consequences.py --genes VCF DIALECT      (prints the genes the file annotates, comma-separated)

1. Every call row read from an annotation has the consequence the file states for that allele on that
   transcript (or, when the row names no transcript, on that gene), after mapping the tool's own effect names to
   Sequence Ontology terms with the tables below (taken from each tool's documentation).
2. Every ALT allele (a sequence allele: symbolic and breakend alleles are never called) that the file annotates on
   one of GENEs has a row in calls.tsv.
DIALECT names the annotation of VCF when calls.tsv was made from another file (the same records without their
annotation, called by pathcorr from sequence): the check is then pathcorr's own calling against the annotator.
Transcript IDs are compared without their version; a GENE=ENSG item lets annotations that name Ensembl gene IDs
(ANNOVAR ensGene) stand for the symbol.
Prints one line per problem and exits 1 when there is any; prints a summary and exits 0 otherwise.
"""
import gzip
import re
import sys

# ---- effect names -> SO, per tool (documentation of SnpEff 3 classic EFF, bcftools csq, Funcotator, ANNOVAR)
EFF = {"NON_SYNONYMOUS_CODING": "missense_variant", "SYNONYMOUS_CODING": "synonymous_variant",
       "STOP_GAINED": "stop_gained", "STOP_LOST": "stop_lost", "START_LOST": "start_lost",
       "FRAME_SHIFT": "frameshift_variant", "CODON_DELETION": "inframe_deletion",
       "CODON_INSERTION": "inframe_insertion", "CODON_CHANGE_PLUS_CODON_DELETION": "disruptive_inframe_deletion",
       "CODON_CHANGE_PLUS_CODON_INSERTION": "disruptive_inframe_insertion", "SPLICE_SITE_DONOR": "splice_donor_variant",
       "SPLICE_SITE_ACCEPTOR": "splice_acceptor_variant", "SPLICE_SITE_REGION": "splice_region_variant",
       "INTRON": "intron_variant", "UTR_5_PRIME": "5_prime_UTR_variant", "UTR_3_PRIME": "3_prime_UTR_variant",
       "UPSTREAM": "upstream_gene_variant", "DOWNSTREAM": "downstream_gene_variant",
       "EXON": "non_coding_transcript_exon_variant", "INTERGENIC": "intergenic_variant",
       "NON_SYNONYMOUS_START": "initiator_codon_variant", "SYNONYMOUS_START": "start_retained_variant",
       "SYNONYMOUS_STOP": "stop_retained_variant"}
# SnpEff's manual pairs NON_SYNONYMOUS_START with initiator_codon_variant; the same SnpEff 4.1 run in ANN mode
# (snpeff_cancer_pedigree.ann.vcf) writes initiator_codon_variant where the classic run writes NON_SYNONYMOUS_START.
# Terms old VEP releases wrote before Sequence Ontology renamed them (VEP 76 in snpeff_hgvs_1.vep.vcf).
VEP_RENAMED = {"nc_transcript_variant": "non_coding_transcript_variant",
               "non_coding_exon_variant": "non_coding_transcript_exon_variant"}
BCSQ = {"missense": "missense_variant", "synonymous": "synonymous_variant", "stop_gained": "stop_gained",
        "stop_lost": "stop_lost", "start_lost": "start_lost", "frameshift": "frameshift_variant",
        "inframe_deletion": "inframe_deletion", "inframe_insertion": "inframe_insertion",
        "inframe_altering": "protein_altering_variant", "splice_donor": "splice_donor_variant",
        "splice_acceptor": "splice_acceptor_variant", "splice_region": "splice_region_variant",
        "intron": "intron_variant", "5_prime_utr": "5_prime_UTR_variant", "3_prime_utr": "3_prime_UTR_variant",
        "non_coding": "non_coding_transcript_variant", "stop_retained": "stop_retained_variant",
        "start_retained": "start_retained_variant", "coding_sequence": "coding_sequence_variant"}
FUNCOTATOR = {"MISSENSE": "missense_variant", "NONSENSE": "stop_gained", "SILENT": "synonymous_variant",
              "FRAME_SHIFT_DEL": "frameshift_variant", "FRAME_SHIFT_INS": "frameshift_variant",
              "IN_FRAME_DEL": "inframe_deletion", "IN_FRAME_INS": "inframe_insertion", "NONSTOP": "stop_lost",
              "START_CODON_SNP": "start_lost", "START_CODON_DEL": "start_lost", "START_CODON_INS": "start_lost",
              "SPLICE_SITE": "splice_site_variant", "INTRON": "intron_variant", "FIVE_PRIME_UTR": "5_prime_UTR_variant",
              "THREE_PRIME_UTR": "3_prime_UTR_variant", "FIVE_PRIME_FLANK": "upstream_gene_variant",
              "THREE_PRIME_FLANK": "downstream_gene_variant", "IGR": "intergenic_variant",
              "RNA": "non_coding_transcript_exon_variant", "LINCRNA": "non_coding_transcript_exon_variant",
              "DE_NOVO_START_IN_FRAME": "5_prime_UTR_premature_start_codon_gain_variant",
              "DE_NOVO_START_OUT_FRAME": "5_prime_UTR_premature_start_codon_gain_variant"}
ANNOVAR = {"nonsynonymous_snv": "missense_variant", "synonymous_snv": "synonymous_variant", "stopgain": "stop_gained",
           "stoploss": "stop_lost", "startloss": "start_lost", "frameshift_deletion": "frameshift_variant",
           "frameshift_insertion": "frameshift_variant", "frameshift_substitution": "frameshift_variant",
           "nonframeshift_deletion": "inframe_deletion", "nonframeshift_insertion": "inframe_insertion",
           "splicing": "splice_site_variant", "intronic": "intron_variant", "utr5": "5_prime_UTR_variant",
           "utr3": "3_prime_UTR_variant", "upstream": "upstream_gene_variant", "downstream": "downstream_gene_variant",
           "intergenic": "intergenic_variant", "ncrna_exonic": "non_coding_transcript_exon_variant"}


def open_text(path):
    return gzip.open(path, "rt") if path.endswith(".gz") else open(path)


def fields_of(description):
    m = (re.search(r"Funcotation fields are:\s*(.*)$", description) or re.search(r"'([^']*)'", description) or
         re.search(r"Format:\s*(.*)$", description))
    return [f.strip() for f in m.group(1).split("|")] if m else []


def strip_first_base(ref, alts):
    """VEP's allele strings: indel records lose their shared first base ('-' when nothing is left)."""
    if all(len(a) == len(ref) for a in alts) or any(not a or a[0] != ref[0] for a in alts if a != "*"):
        return list(alts)
    return [a if a == "*" else (a[1:] or "-") for a in alts]


def minimal(ref, alt):
    r, a = ref.upper(), alt.upper()
    while r and a and r[-1] == a[-1]:
        r, a = r[:-1], a[:-1]
    while r and a and r[0] == a[0]:
        r, a = r[1:], a[1:]
    return a or "-"


def allele_index(allele, ref, alts):
    for forms in (alts, strip_first_base(ref, alts), [minimal(ref, a) for a in alts]):
        for i, f in enumerate(forms):
            if f.upper() == allele.upper():
                return i
    return -1


def stated(dialect, info, header, ref, alts):
    """(alt_index, gene, transcript or '', set of SO terms) for every annotation of the record."""
    out = []
    if dialect in ("vep", "snpeff"):
        tag = header["tag"]
        f = header["fields"]
        for entry in info.get(tag, "").split(","):
            if not entry:
                continue
            col = dict(zip(f, entry.split("|")))
            allele = col.get("Allele", "")
            if "-" in allele and allele != "-":
                continue  # SnpEff cancer-mode entry (derived vs germline allele)
            terms = col.get("Consequence", col.get("Annotation", ""))
            gene = col.get("SYMBOL", col.get("Gene_Name", ""))
            tx = col.get("Feature", col.get("Feature_ID", ""))
            out.append((allele_index(allele, ref, alts), gene, tx, {VEP_RENAMED.get(t, t) for t in terms.split("&")}))
    elif dialect == "snpeff-eff":
        f = [x for x in header["fields"] if x]
        names = [re.sub(r"[\[\]\s]", "", x.split("(")[-1]) for x in f]
        for m in re.finditer(r"(\w+)\(([^)]*)\)", info.get("EFF", "")):
            col = dict(zip(names, m.group(2).split("|")))
            g = col.get("Genotype_Number", "1")
            idx = int(g) - 1 if g.isdigit() else allele_index(g, ref, alts)
            out.append((idx, col.get("Gene_Name", ""), col.get("Transcript_ID", ""), {EFF.get(m.group(1), m.group(1))}))
    elif dialect == "snpeff-gatk":
        e = info.get("SNPEFF_EFFECT")
        if e:
            out.append((0, info.get("SNPEFF_GENE_NAME", ""), info.get("SNPEFF_TRANSCRIPT_ID", ""), {EFF.get(e, e)}))
    elif dialect == "bcsq":
        for entry in info.get("BCSQ", "").split(","):
            col = entry.split("|")
            if len(col) < 3 or col[0].startswith("@"):
                continue
            dna = col[6] if len(col) > 6 else ""
            idxs = [i for i, a in enumerate(alts) if dna.endswith(">" + a)] or list(range(len(alts)))
            terms = {BCSQ.get(t.lstrip("*"), t) for t in col[0].split("&")}
            for i in idxs:
                out.append((i, col[1], col[2], terms))
    elif dialect == "funcotator":
        f = header["fields"]
        for i, bracket in enumerate(info.get("FUNCOTATION", "").split(",")):
            for tx_block in bracket.strip("[]").split("]#["):
                col = dict(zip(f, tx_block.split("|")))
                get = lambda suffix: next((v for k, v in col.items() if k.startswith("Gencode_") and k.endswith(suffix)), "")
                cls = get("_variantClassification")
                if cls:  # the secondary classification (INTRON for a splice site) is stated too
                    terms = {FUNCOTATOR.get(x, x) for x in (cls, get("_secondaryVariantClassification")) if x}
                    out.append((i, get("_hugoSymbol"), get("_annotationTranscript"), terms))
    elif dialect == "annovar":
        for i, block in enumerate(header["blocks"]):
            db = next((k[5:] for k in ("Func.refGene", "Func.ensGene", "Func.knownGene") if k in block), "refGene")
            func = block.get("Func." + db, ".")
            exonic = block.get("ExonicFunc." + db, ".")
            terms = set()
            for part in func.split(";"):
                if part == "exonic" and exonic not in (".", ""):
                    terms |= {ANNOVAR.get(x.lower(), x) for x in exonic.split(";")}
                elif part not in (".", ""):
                    terms.add(ANNOVAR.get(part.lower(), part))
            aach = block.get("AAChange." + db, ".")
            if aach not in (".", ""):
                for item in aach.split(","):
                    p = item.split(":")
                    out.append((i, p[0], p[1], terms))
            else:
                for g in re.split("[;,]", block.get("Gene." + db, "")):
                    if g not in (".", "", "NONE"):
                        out.append((i, g, "", terms))
    return out


def annotations(vcf, dialect):
    """(chrom, pos, ref, alts, alt_index, gene, transcript, SO terms) for every annotation the file states."""
    header, infos = {}, {}
    with open_text(vcf) as f:
        for line in f:
            if line.startswith("##INFO=<"):
                m = re.match(r'##INFO=<ID=([^,]+),.*Description="(.*)">\s*$', line)
                if m:
                    infos[m.group(1)] = m.group(2)
                continue
            if line.startswith("#"):
                continue
            if dialect == "vep":
                tag = "CSQ" if "Consequence" in fields_of(infos.get("CSQ", "")) else "ANN"
                header = {"tag": tag, "fields": fields_of(infos[tag])}
            elif dialect == "snpeff":
                header = {"tag": "ANN", "fields": fields_of(infos["ANN"])}
            elif dialect == "snpeff-eff":
                header = {"fields": fields_of(infos["EFF"])}
            elif dialect == "funcotator":
                header = {"fields": fields_of(infos["FUNCOTATION"])}
            col = line.rstrip("\n").split("\t")
            chrom, pos, ref, alts = col[0], col[1], col[3], col[4].split(",")
            info = {}
            blocks, block = [], None
            for kv in col[7].split(";"):
                k, _, v = kv.partition("=")
                if k == "ANNOVAR_DATE":
                    block = {}
                elif k == "ALLELE_END" and block is not None:
                    blocks.append(block)
                    block = None
                elif block is not None:
                    block[k] = v
                info.setdefault(k, v)
            header["blocks"] = blocks
            # Annotators may state one transcript's consequences for an allele in several entries (SnpEff EFF:
            # NON_SYNONYMOUS_CODING(..) and SPLICE_SITE_REGION(..); bcftools csq: "splice_region|.." and
            # "missense|..|555R>555K|.."): what the file states for the transcript is their union.
            union = {}
            for idx, gene, tx, terms in stated(dialect, info, header, ref, alts):
                if tx:
                    union.setdefault((idx, gene, tx), set()).update(terms)
                else:  # no transcript named: nothing to join it with
                    yield chrom, pos, ref, alts, idx, gene, tx, terms
            for (idx, gene, tx), terms in union.items():
                yield chrom, pos, ref, alts, idx, gene, tx, terms


def main():
    if sys.argv[1] == "--genes":  # stated_consequences.py --genes VCF DIALECT: the genes the file annotates
        genes = {a[5] for a in annotations(sys.argv[2], sys.argv[3])}
        print(",".join(sorted(g for g in genes if re.fullmatch(r"[A-Za-z0-9_.-]+", g))))
        return 0
    vcf, calls_path = sys.argv[1], sys.argv[2]
    symbol = {}  # any name an annotation may use for a gene -> its symbol
    for item in sys.argv[3].split(","):
        names = item.split("=")
        for n in names:
            symbol[n] = names[0]
    with open(calls_path) as f:
        rows = [l.rstrip("\n").split("\t") for l in f if not l.startswith("#")]
    head, rows = rows[0], rows[1:]
    c = {name: i for i, name in enumerate(head)}
    dialects = {sys.argv[4]} if len(sys.argv) > 4 else {r[c["annotation"]] for r in rows} - {"none", "pathcorr"}
    by_site = {}
    for r in rows:
        by_site.setdefault((r[c["chrom"]], r[c["pos"]], r[c["ref"]], r[c["alt"]]), []).append(r)

    problems, checked = [], 0
    for chrom, pos, ref, alts, idx, gene, tx, terms in (annotations(vcf, next(iter(dialects))) if dialects else []):
        gene = symbol.get(gene, gene)
        if gene not in symbol or idx < 0 or idx >= len(alts) or not re.fullmatch(r"[ACGTNacgtn]+", alts[idx]):
            continue  # symbolic, breakend, '*' and '.' alleles are never called
        mine = [r for r in by_site.get((chrom, pos, ref, alts[idx]), []) if r[c["gene"]] == gene]
        where = "%s:%s %s>%s %s %s" % (chrom, pos, ref, alts[idx], gene, tx or "(no transcript)")
        if not mine:
            problems.append("%s: annotated on %s but no row in calls.tsv" % (where, gene))
            continue
        for r in mine:
            if r[c["transcript"]].split(".")[0] != (tx.split(".")[0] or "NA"):
                continue  # another transcript of the gene was chosen; its own entry is checked
            checked += 1
            got = set(r[c["consequence"]].split("&"))
            if got != terms:
                problems.append("%s: file states %s, calls.tsv says %s" % (
                    where, "&".join(sorted(terms)), "&".join(sorted(got))))
    for p in problems:
        print(p)
    print("%s: %d call(s) checked against the stated consequence, %d problem(s)" % (vcf, checked, len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
