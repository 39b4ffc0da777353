#!/usr/bin/env python3
"""Generate the bundled example cohort of pathcorr (examples/cohort/).

Owns: the synthetic 36-patient head-and-neck cohort modelled on the founding trial (temsirolimus + weekly
carboplatin/paclitaxel in recurrent/metastatic HNSCC): clinical.tsv, exome VCF/BCF files of 21 patients in four
caller and annotation dialects, and expected_truth.tsv (the intended pathway calls that tests compare against).

No real patient data. Pathway variants use true GRCh37/GRCh38 coordinates, reference bases and codons (checked
against the GENCODE v19 PIK3CA sequence, the PTEN exon model and cancerhotspots v2); background variants are random
positions inside or near non-pathway genes with random bases.

Standard library only. The same --seed gives byte-identical output: no clocks, no hash ordering, fixed dates.
bgzip (htslib) writes .vcf.gz and `bcftools view --no-version -Ob` writes the BCF.

    python3 examples/make_cohort.py --outdir examples/cohort
"""
import argparse
import os
import random
import shutil
import subprocess
import sys

DEFAULT_SEED = 20261123

# --------------------------------------------------------------------------------------------------------------
# Assemblies. GRCh37 lengths as in the GATK b37 header (e.g. a Mutect2 MC3 VCF), GRCh38 lengths as in the
# Strelka2 hg38 headers of real-data; hg19 (UCSC) = GRCh37 lengths with "chr" names and the 16571-bp chrM.
GRCH37_CONTIGS = [
    ("1", 249250621), ("2", 243199373), ("3", 198022430), ("4", 191154276), ("5", 180915260),
    ("6", 171115067), ("7", 159138663), ("8", 146364022), ("9", 141213431), ("10", 135534747),
    ("11", 135006516), ("12", 133851895), ("13", 115169878), ("14", 107349540), ("15", 102531392),
    ("16", 90354753), ("17", 81195210), ("18", 78077248), ("19", 59128983), ("20", 63025520),
    ("21", 48129895), ("22", 51304566), ("X", 155270560), ("Y", 59373566), ("MT", 16569),
]
GRCH38_CONTIGS = [
    ("1", 248956422), ("2", 242193529), ("3", 198295559), ("4", 190214555), ("5", 181538259),
    ("6", 170805979), ("7", 159345973), ("8", 145138636), ("9", 138394717), ("10", 133797422),
    ("11", 135086622), ("12", 133275309), ("13", 114364328), ("14", 107043718), ("15", 101991189),
    ("16", 90338345), ("17", 83257441), ("18", 80373285), ("19", 58617616), ("20", 64444167),
    ("21", 46709983), ("22", 50818468), ("X", 156040895), ("Y", 57227415), ("MT", 16569),
]
# UCSC hg19 order (chrM first, as in the GATK hg19 bundle).
HG19_CONTIGS = [("chrM", 16571)] + [("chr" + c, n) for c, n in GRCH37_CONTIGS if c != "MT"]

# Spans of the PI3K/mTOR gene set (reference-facts genes_grch37/38.tsv): background variants must stay clear.
PATHWAY_SPANS = {
    "GRCh37": [
        ("EIF4EBP1", "8", 37887859, 37917883), ("AKT1", "14", 105235686, 105262088),
        ("AKT2", "19", 40736224, 40791443), ("AKT3", "1", 243651535, 244014381),
        ("AKT1S1", "19", 50372295, 50381716), ("DEPDC5", "22", 32149944, 32303012),
        ("DEPTOR", "8", 120885957, 121063152), ("INPP4B", "4", 142944313, 143768585),
        ("MAPKAP1", "9", 128199672, 128469513), ("MLST8", "16", 2254597, 2259413),
        ("MTOR", "1", 11166592, 11322564), ("NPRL2", "3", 50384919, 50388522),
        ("NPRL3", "16", 135806, 188669), ("PDK1", "2", 173420101, 173489823),
        ("PIK3CA", "3", 178865902, 178957881), ("PIK3CB", "3", 138372860, 138553780),
        ("PIK3R1", "5", 67511548, 67597649), ("PIK3R2", "19", 18263928, 18281350),
        ("PIK3R3", "1", 46505812, 46642160), ("PPP2R1A", "19", 52693292, 52730687),
        ("PTEN", "10", 89622870, 89731687), ("RHEB", "7", 151163098, 151217206),
        ("RICTOR", "5", 38938021, 39074510), ("RPTOR", "17", 78518619, 78940168),
        ("RPS6", "9", 19375713, 19380252), ("RPS6KB1", "17", 57970491, 58027925),
        ("STK11", "19", 1205740, 1228428), ("TSC1", "9", 135766735, 135820020),
        ("TSC2", "16", 2097466, 2138716), ("PDPK1", "16", 2587965, 2653189),
    ],
    "GRCh38": [
        ("EIF4EBP1", "8", 38030341, 38060365), ("AKT1", "14", 104769349, 104795751),
        ("AKT2", "19", 40230317, 40285536), ("AKT3", "1", 243488233, 243851079),
        ("AKT1S1", "19", 49869033, 49878459), ("DEPDC5", "22", 31753867, 31908033),
        ("DEPTOR", "8", 119873717, 120050913), ("INPP4B", "4", 142023160, 142847432),
        ("MAPKAP1", "9", 125437393, 125707234), ("MLST8", "16", 2204596, 2209412),
        ("MTOR", "1", 11106535, 11262507), ("NPRL2", "3", 50347488, 50351091),
        ("NPRL3", "16", 84274, 138860), ("PDK1", "2", 172555373, 172608669),
        ("PIK3CA", "3", 179148114, 179240093), ("PIK3CB", "3", 138652699, 138834938),
        ("PIK3R1", "5", 68215720, 68301821), ("PIK3R2", "19", 18153118, 18170540),
        ("PIK3R3", "1", 46040140, 46133036), ("PPP2R1A", "19", 52190039, 52229533),
        ("PTEN", "10", 87863113, 87971930), ("RHEB", "7", 151466012, 151520120),
        ("RICTOR", "5", 38937919, 39074408), ("RPTOR", "17", 80544877, 80966368),
        ("RPS6", "9", 19375715, 19380254), ("RPS6KB1", "17", 59893046, 59950564),
        ("STK11", "19", 1177558, 1228435), ("TSC1", "9", 132891348, 132946874),
        ("TSC2", "16", 2047465, 2089487), ("PDPK1", "16", 2537964, 2603188),
    ],
}
PATHWAY_MARGIN = 200000  # keep background this far from any pathway gene span

# Background genes: (symbol, chrom, start, end, strand, ENSG, ENST, ENSP, protein length), spans approximate.
# HNSCC drivers (TP53, CDKN2A, NOTCH1, FAT1, ...) plus large, often-mutated genes. Their HGVS, bases and
# consequences are random: only the pathway variants are real.
BACKGROUND_GENES = {
    "GRCh37": [
        ("TP53", "17", 7571720, 7590868, -1, "ENSG00000141510", "ENST00000269305", "ENSP00000269305", 393),
        ("CDKN2A", "9", 21967751, 21995300, -1, "ENSG00000147889", "ENST00000304494", "ENSP00000307101", 156),
        ("NOTCH1", "9", 139388896, 139440238, -1, "ENSG00000148400", "ENST00000277541", "ENSP00000277541", 2555),
        ("FAT1", "4", 187508937, 187647876, -1, "ENSG00000083857", "ENST00000441802", "ENSP00000406229", 4588),
        ("EGFR", "7", 55086725, 55275031, 1, "ENSG00000146648", "ENST00000275493", "ENSP00000275493", 1210),
        ("KEAP1", "19", 10596796, 10614417, -1, "ENSG00000079999", "ENST00000171111", "ENSP00000171111", 624),
        ("FBXW7", "4", 153242410, 153456393, -1, "ENSG00000109670", "ENST00000281708", "ENSP00000281708", 707),
        ("EP300", "22", 41487790, 41576081, 1, "ENSG00000100393", "ENST00000263253", "ENSP00000263253", 2414),
        ("KMT2C", "7", 151832010, 152133090, -1, "ENSG00000055609", "ENST00000262189", "ENSP00000262189", 4911),
        ("KMT2D", "12", 49412758, 49449107, -1, "ENSG00000167548", "ENST00000301067", "ENSP00000301067", 5537),
        ("TGFBR2", "3", 30647994, 30735634, 1, "ENSG00000163513", "ENST00000295754", "ENSP00000295754", 567),
        ("TP63", "3", 189349216, 189615068, 1, "ENSG00000073282", "ENST00000264731", "ENSP00000264731", 680),
        ("CUL3", "2", 225334867, 225450114, -1, "ENSG00000036257", "ENST00000264414", "ENSP00000264414", 768),
        ("RB1", "13", 48877883, 49056026, 1, "ENSG00000139687", "ENST00000267163", "ENSP00000267163", 928),
        ("CDH1", "16", 68771195, 68869444, 1, "ENSG00000039068", "ENST00000261769", "ENSP00000261769", 882),
        ("ATM", "11", 108093559, 108239826, 1, "ENSG00000149311", "ENST00000278616", "ENSP00000278616", 3056),
        ("APC", "5", 112043195, 112181936, 1, "ENSG00000134982", "ENST00000257430", "ENSP00000257430", 2843),
        ("CREBBP", "16", 3775056, 3930121, -1, "ENSG00000005339", "ENST00000262367", "ENSP00000262367", 2442),
        ("DNAH5", "5", 13690440, 13944652, -1, "ENSG00000039139", "ENST00000265104", "ENSP00000265104", 4624),
        ("CSMD3", "8", 113235157, 114449328, -1, "ENSG00000164796", "ENST00000297405", "ENSP00000297405", 3707),
        ("HMCN1", "1", 185703683, 186160085, 1, "ENSG00000135821", "ENST00000271588", "ENSP00000271588", 5635),
        ("NOTCH2", "1", 120454176, 120612317, -1, "ENSG00000134250", "ENST00000256646", "ENSP00000256646", 2471),
        ("COL6A3", "2", 238232646, 238323018, -1, "ENSG00000163359", "ENST00000295550", "ENSP00000295550", 3177),
        ("APOB", "2", 21224301, 21266945, -1, "ENSG00000084674", "ENST00000233242", "ENSP00000233242", 4563),
    ],
    "GRCh38": [
        ("TP53", "17", 7661779, 7687550, -1, "ENSG00000141510", "ENST00000269305", "ENSP00000269305", 393),
        ("CDKN2A", "9", 21967752, 21995301, -1, "ENSG00000147889", "ENST00000304494", "ENSP00000307101", 156),
        ("NOTCH1", "9", 136494433, 136546048, -1, "ENSG00000148400", "ENST00000277541", "ENSP00000277541", 2555),
        ("FAT1", "4", 186587783, 186726722, -1, "ENSG00000083857", "ENST00000441802", "ENSP00000406229", 4588),
        ("EGFR", "7", 55019017, 55211628, 1, "ENSG00000146648", "ENST00000275493", "ENSP00000275493", 1210),
        ("KMT2D", "12", 49018975, 49060794, -1, "ENSG00000167548", "ENST00000301067", "ENSP00000301067", 5537),
        ("TP63", "3", 189631416, 189897276, 1, "ENSG00000073282", "ENST00000264731", "ENSP00000264731", 680),
        ("RB1", "13", 48303747, 48481890, 1, "ENSG00000139687", "ENST00000267163", "ENSP00000267163", 928),
        ("CDH1", "16", 68737225, 68835537, 1, "ENSG00000039068", "ENST00000261769", "ENSP00000261769", 882),
        ("ATM", "11", 108222484, 108369102, 1, "ENSG00000149311", "ENST00000278616", "ENSP00000278616", 3056),
        ("APC", "5", 112707498, 112846239, 1, "ENSG00000134982", "ENST00000257430", "ENSP00000257430", 2843),
        ("CREBBP", "16", 3725055, 3880120, -1, "ENSG00000005339", "ENST00000262367", "ENSP00000262367", 2442),
    ],
}
HNSCC_DRIVERS = ("TP53", "CDKN2A", "NOTCH1", "FAT1")

AA3 = ["Ala", "Arg", "Asn", "Asp", "Cys", "Gln", "Glu", "Gly", "His", "Ile", "Leu", "Lys", "Met", "Phe", "Pro",
       "Ser", "Thr", "Trp", "Tyr", "Val"]
AA1 = dict(zip(AA3, "ARNDCQEGHILKMFPSTWYV"))
COMPLEMENT = {"A": "T", "C": "G", "G": "C", "T": "A"}

# --------------------------------------------------------------------------------------------------------------
# Transcript models of the pathway genes (numbers from reference-facts; see README).
PIK3CA_TX = dict(symbol="PIK3CA", gene="ENSG00000121879", feature="ENST00000263967", version="3",
                 ensp="ENSP00000263967.3", hgnc="8975", ccds="CCDS43171.1", swissprot="P42336", strand="1",
                 cdna_offset=157, cds_len=3207, prot_len=1068, tx_len=9093, n_exons=21)
PTEN_TX = dict(symbol="PTEN", gene="ENSG00000171862", feature="ENST00000371953", version="3",
               ensp="ENSP00000361021.3", hgnc="9588", ccds="CCDS31238.1", swissprot="P60484", strand="1",
               cdna_offset=1357, cds_len=1212, prot_len=403, tx_len=9027, n_exons=9)

# VEP CSQ field order (VEP v102-era header with LOFTEE, CADD and a gnomAD 2.1 custom annotation), copied from
# samtools/bcftools test/split-vep.vcf.
CSQ_FIELDS = ("Allele|Consequence|IMPACT|SYMBOL|Gene|Feature_type|Feature|BIOTYPE|EXON|INTRON|HGVSc|HGVSp|"
              "cDNA_position|CDS_position|Protein_position|Amino_acids|Codons|Existing_variation|ALLELE_NUM|"
              "DISTANCE|STRAND|FLAGS|VARIANT_CLASS|SYMBOL_SOURCE|HGNC_ID|CANONICAL|TSL|APPRIS|CCDS|ENSP|"
              "SWISSPROT|TREMBL|UNIPARC|SOURCE|GENE_PHENO|SIFT|PolyPhen|DOMAINS|miRNA|HGVS_OFFSET|AF|AFR_AF|"
              "AMR_AF|EAS_AF|EUR_AF|SAS_AF|AA_AF|EA_AF|gnomAD_AF|gnomAD_AFR_AF|gnomAD_AMR_AF|gnomAD_ASJ_AF|"
              "gnomAD_EAS_AF|gnomAD_FIN_AF|gnomAD_NFE_AF|gnomAD_OTH_AF|gnomAD_SAS_AF|MAX_AF|MAX_AF_POPS|"
              "CLIN_SIG|SOMATIC|PHENO|PUBMED|MOTIF_NAME|MOTIF_POS|HIGH_INF_POS|MOTIF_SCORE_CHANGE|LoF|"
              "LoF_filter|LoF_flags|LoF_info|CADD_PHRED|CADD_RAW|gnomAD2.1|gnomAD2.1_AF_raw|"
              "gnomAD2.1_AF_popmax|gnomAD2.1_AF_afr|gnomAD2.1_AF_amr|gnomAD2.1_AF_asj|gnomAD2.1_AF_eas|"
              "gnomAD2.1_AF_fin|gnomAD2.1_AF_nfe|gnomAD2.1_AF_oth|gnomAD2.1_AF_sas").split("|")

# SnpEff ANN header line, exactly as SnpEff writes it.
ANN_HEADER = ('##INFO=<ID=ANN,Number=.,Type=String,Description="Functional annotations: \'Allele | Annotation | '
              'Annotation_Impact | Gene_Name | Gene_ID | Feature_Type | Feature_ID | Transcript_BioType | Rank | '
              'HGVS.c | HGVS.p | cDNA.pos / cDNA.length | CDS.pos / CDS.length | AA.pos / AA.length | Distance | '
              'ERRORS / WARNINGS / INFO\' ">')
LOF_HEADER = ('##INFO=<ID=LOF,Number=.,Type=String,Description="Predicted loss of function effects for this '
              'variant. Format: \'Gene_Name | Gene_ID | Number_of_transcripts_in_gene | '
              'Percent_of_transcripts_affected\' ">')
NMD_HEADER = ('##INFO=<ID=NMD,Number=.,Type=String,Description="Predicted nonsense mediated decay effects for '
              'this variant. Format: \'Gene_Name | Gene_ID | Number_of_transcripts_in_gene | '
              'Percent_of_transcripts_affected\' ">')

IMPACT = {
    "missense_variant": "MODERATE", "stop_gained": "HIGH", "frameshift_variant": "HIGH",
    "synonymous_variant": "LOW", "intron_variant": "MODIFIER", "3_prime_UTR_variant": "MODIFIER",
    "splice_region_variant&intron_variant": "LOW", "splice_acceptor_variant": "HIGH",
    "inframe_deletion": "MODERATE", "intergenic_variant": "MODIFIER", "upstream_gene_variant": "MODIFIER",
    "downstream_gene_variant": "MODIFIER", "non_coding_transcript_exon_variant": "MODIFIER",
    "intron_variant&non_coding_transcript_variant": "MODIFIER",
}


# --------------------------------------------------------------------------------------------------------------
# The cohort design: who is sequenced, in which format, with which pathway alteration, and the response.
# kind: vep (Mutect2 T/N + VEP, .vcf.gz), bcf (same as BCF), snpeff (tumour-only + SnpEff ANN, .vcf),
# snpeff38 (the same in GRCh38), strelka (Strelka2 SNVs + indels, .vcf.gz), strelka_chr (Strelka2 on hg19 names).
SEQUENCED = [
    # id,   kind,         response, pct,   hpv,        pathway keys (see PATHWAY_VARIANTS)
    ("HN02", "strelka", "PR", -47.2, "negative", ["PIK3CA_E545K_hotspot"]),
    ("HN03", "vep", "PR", -52.6, "positive", ["PIK3CA_H1047R"]),
    ("HN04", "bcf", "SD", -14.8, "negative", ["PIK3CA_E542K"]),
    ("HN05", "vep", "SD", -9.5, "negative", ["PTEN_R130*"]),
    ("HN06", "snpeff38", "SD", 8.3, "positive", ["PIK3CA_H1047R_GRCh38"]),
    ("HN07", "vep", "PR", -41.0, "negative", ["PTEN_R130fs"]),
    ("HN09", "vep", "SD", 12.4, "negative", ["PIK3CA_H1047R_clustered"]),
    ("HN10", "strelka_chr", "PR", -60.5, "negative", ["AKT1_E17K_hotspot"]),
    ("HN11", "vep", "PR", -35.1, "positive", ["PIK3CA_E545K_lowvaf"]),
    ("HN12", "snpeff", "SD", 3.0, "negative", ["PTEN_R233*"]),
    ("HN14", "vep", "SD", 5.6, "negative", ["PIK3CA_intronic"]),
    ("HN15", "strelka", "SD", -20.0, "negative", ["MTOR_unknown"]),
    ("HN16", "vep", "SD", None, None, []),
    ("HN18", "snpeff", "PR", None, None, ["PTEN_synonymous"]),
    ("HN20", "vep", "PR", None, None, []),
    ("HN22", "strelka", "SD", None, None, []),
    ("HN23", "vep", "NE", None, None, []),
    ("HN25", "snpeff", "SD", None, None, []),
    ("HN27", "vep", "SD", None, None, []),
    ("HN29", "strelka", "PR", None, None, []),
    ("HN31", "snpeff", "PR", None, None, []),
]
N_PATIENTS = 36
RESPONSE_TOTALS = {"PR": 15, "SD": 19, "NE": 2}
# Rows whose response is written as a RECIST word instead of the code (to show both are accepted): two sequenced
# patients here, plus the first unsequenced PR and SD patient (see make_clinical).
RECIST_WORDS = {"HN20": "Partial Response", "HN25": "stable disease"}
RECIST_WORDS_UNSEQUENCED = {"PR": "partial response", "SD": "Stable Disease"}

# Every pathway variant: true coordinates and alleles. counted/reason = the intended call of the default policy.
PATHWAY_VARIANTS = {
    "PIK3CA_E545K_hotspot": dict(
        gene="PIK3CA", build="GRCh37", chrom="3", pos=178936091, ref="G", alt="A", protein="E545K",
        hgvsc="c.1633G>A", hgvsp="p.Glu545Lys", codons="Gag/Aag", aa="E/K", cds=1633, prot=545, exon=10,
        dp=168, vaf=0.36, filter="PASS", counted="yes", reason="", alteration_class="hotspot",
        note="unannotated Strelka2 SNV; found only by the built-in hotspot (3:178936091 G>A)"),
    "PIK3CA_H1047R": dict(
        gene="PIK3CA", build="GRCh37", chrom="3", pos=178952085, ref="A", alt="G", protein="H1047R",
        hgvsc="c.3140A>G", hgvsp="p.His1047Arg", codons="cAt/cGt", aa="H/R", cds=3140, prot=1047, exon=21,
        dp=184, vaf=0.31, filter="PASS", counted="yes", reason="", alteration_class="hotspot",
        existing="rs121913279&COSM775&COSM94986",
        note="VEP CSQ; canonical ENST00000263967 missense listed after a downstream entry of another gene"),
    "PIK3CA_E542K": dict(
        gene="PIK3CA", build="GRCh37", chrom="3", pos=178936082, ref="G", alt="A", protein="E542K",
        hgvsc="c.1624G>A", hgvsp="p.Glu542Lys", codons="Gaa/Aaa", aa="E/K", cds=1624, prot=542, exon=10,
        dp=143, vaf=0.27, filter="PASS", counted="yes", reason="", alteration_class="hotspot", existing="COSM760",
        note="BCF written by bcftools view -Ob; VEP CSQ"),
    "PIK3CA_H1047R_GRCh38": dict(
        gene="PIK3CA", build="GRCh38", chrom="3", pos=179234297, ref="A", alt="G", protein="H1047R",
        hgvsc="c.3140A>G", hgvsp="p.His1047Arg", cds=3140, prot=1047, exon=21,
        dp=121, vaf=0.22, filter="PASS", counted="yes", reason="", alteration_class="hotspot",
        note="GRCh38 coordinates (3:179234297) in a SnpEff ANN file; the rest of the cohort is GRCh37"),
    "PIK3CA_H1047R_clustered": dict(
        gene="PIK3CA", build="GRCh37", chrom="3", pos=178952085, ref="A", alt="G", protein="H1047R",
        hgvsc="c.3140A>G", hgvsp="p.His1047Arg", codons="cAt/cGt", aa="H/R", cds=3140, prot=1047, exon=21,
        dp=152, vaf=0.22, filter="clustered_events", counted="no", reason="filter", alteration_class="hotspot",
        existing="rs121913279&COSM775&COSM94986", note="FILTER clustered_events (non-PASS Mutect2 filter)"),
    "PIK3CA_E545K_lowvaf": dict(
        gene="PIK3CA", build="GRCh37", chrom="3", pos=178936091, ref="G", alt="A", protein="E545K",
        hgvsc="c.1633G>A", hgvsp="p.Glu545Lys", codons="Gag/Aag", aa="E/K", cds=1633, prot=545, exon=10,
        dp=245, alt_reads=5, filter="PASS", counted="no", reason="low_vaf", alteration_class="hotspot",
        existing="COSM763", note="PASS, depth 245, 5 alt reads, VAF 0.02 < 0.05"),
    "PIK3CA_intronic": dict(
        gene="PIK3CA", build="GRCh37", chrom="3", pos=178919414, ref="G", alt="T", protein="",
        hgvsc="c.813+86G>T", hgvsp="", intron=4, dp=131, vaf=0.24, filter="PASS", counted="no",
        reason="intronic", alteration_class="other",
        note="intron 4 of ENST00000263967 (intron_variant); downstream of the two short PIK3CA transcripts"),
    "PTEN_R130*": dict(
        gene="PTEN", build="GRCh37", chrom="10", pos=89692904, ref="C", alt="T", protein="R130*",
        hgvsc="c.388C>T", hgvsp="p.Arg130Ter", codons="Cga/Tga", aa="R/*", cds=388, prot=130, exon=5,
        dp=97, vaf=0.58, filter="PASS", counted="yes", reason="", alteration_class="hotspot",
        note="VEP CSQ stop_gained; a non-coding PTEN transcript is listed first"),
    "PTEN_R130fs": dict(
        gene="PTEN", build="GRCh37", chrom="10", pos=89692904, ref="CG", alt="C", protein="R130fs",
        hgvsc="c.389del", hgvsp="p.Arg130fs", codons="cGa/ca", aa="R/X", cds=389, prot=130, exon=5,
        dp=112, vaf=0.41, filter="PASS", counted="yes", reason="", alteration_class="truncating",
        note="VEP CSQ frameshift_variant (1-bp deletion c.389del, VEP allele '-')"),
    "PTEN_R233*": dict(
        gene="PTEN", build="GRCh37", chrom="10", pos=89717672, ref="C", alt="T", protein="R233*",
        hgvsc="c.697C>T", hgvsp="p.Arg233*", cds=697, prot=233, exon=7,
        dp=88, vaf=0.46, filter="PASS", counted="yes", reason="", alteration_class="hotspot",
        note="SnpEff ANN stop_gained in a tumour-only VCF (sample TUMOR)"),
    "PTEN_synonymous": dict(
        gene="PTEN", build="GRCh37", chrom="10", pos=89717674, ref="A", alt="G", protein="R233=",
        hgvsc="c.699A>G", hgvsp="p.Arg233Arg", cds=699, prot=233, exon=7,
        dp=104, vaf=0.33, filter="PASS", counted="no", reason="synonymous", alteration_class="other",
        note="SnpEff ANN synonymous_variant (CGA>CGG)"),
    "AKT1_E17K_hotspot": dict(
        gene="AKT1", build="GRCh37", chrom="14", pos=105246551, ref="C", alt="T", protein="E17K",
        hgvsc="c.49G>A", dp=139, vaf=0.29, filter="PASS", counted="yes", reason="",
        alteration_class="hotspot",
        note="unannotated Strelka2 SNV on chr-prefixed (hg19) contigs; AKT1 on the minus strand (c.49G>A)"),
    "MTOR_unknown": dict(
        gene="MTOR", build="GRCh37", chrom="1", pos=11300580, ref="G", alt="A", protein="",
        dp=76, vaf=0.18, filter="PASS", counted="no", reason="unknown_consequence", alteration_class="other",
        note="unannotated Strelka2 SNV inside MTOR that is not a hotspot: consequence unknown, not counted"),
}


# --------------------------------------------------------------------------------------------------------------
def fmt_af(x):
    return ("%.3f" % x).rstrip("0").rstrip(".") if x > 0 else "0"


def tumour_counts(rng, dp, vaf=None, alt_reads=None):
    """Reference and alternate read counts at depth dp."""
    if alt_reads is None:
        alt_reads = max(3, int(round(dp * vaf)))
    return dp - alt_reads, alt_reads


def clear_of_pathway(build, chrom, pos):
    for _g, c, s, e in PATHWAY_SPANS[build]:
        if c == chrom and s - PATHWAY_MARGIN <= pos <= e + PATHWAY_MARGIN:
            return False
    return True


def contig_sort_key(contigs):
    order = {c: i for i, (c, _n) in enumerate(contigs)}
    return lambda rec: (order[rec["chrom"]], rec["pos"], rec["ref"], rec["alt"])


class Background:
    """Random somatic variants in non-pathway genes (and a few intergenic ones)."""

    CONSEQUENCES = [("missense_variant", 52), ("synonymous_variant", 18), ("stop_gained", 5),
                    ("frameshift_variant", 5), ("intron_variant", 8), ("3_prime_UTR_variant", 5),
                    ("splice_region_variant&intron_variant", 3), ("inframe_deletion", 2),
                    ("splice_acceptor_variant", 2)]

    def __init__(self, rng, build):
        self.rng = rng
        self.build = build
        self.genes = BACKGROUND_GENES[build]
        for g in self.genes:
            assert clear_of_pathway(build, g[1], g[2]) and clear_of_pathway(build, g[1], g[3]), g[0]

    def pick_consequence(self, snv_only):
        choices = [(c, w) for c, w in self.CONSEQUENCES
                   if not snv_only or c not in ("frameshift_variant", "inframe_deletion")]
        total = sum(w for _c, w in choices)
        r = self.rng.uniform(0, total)
        for c, w in choices:
            r -= w
            if r <= 0:
                return c
        return choices[-1][0]

    def variants(self, n, drivers=(), snv_only=False, n_intergenic=0):
        rng = self.rng
        out = []
        genes = [g for g in self.genes if g[0] in drivers]
        while len(genes) < n:
            genes.append(rng.choice(self.genes))
        for g in genes:
            out.append(self.gene_variant(g, snv_only, force_coding=g[0] in drivers))
        for _ in range(n_intergenic):
            out.append(self.intergenic_variant())
        return out

    def random_bases(self, k):
        return "".join(self.rng.choice("ACGT") for _ in range(k))

    def gene_variant(self, g, snv_only, force_coding=False):
        rng = self.rng
        symbol, chrom, start, end, strand, ensg, enst, ensp, plen = g
        csq = "missense_variant" if force_coding else self.pick_consequence(snv_only)
        pos = rng.randint(start + 200, end - 200)
        if csq in ("frameshift_variant", "inframe_deletion"):
            k = 1 if csq == "frameshift_variant" else 3
            ref = self.random_bases(1 + k)
            alt = ref[0]
        else:
            ref = rng.choice("ACGT")
            alt = rng.choice([b for b in "ACGT" if b != ref])
        prot = rng.randint(2, plen - 1)
        cds = 3 * (prot - 1) + rng.randint(1, 3)
        n_ex = max(4, min(60, plen // 80))
        exon = rng.randint(1, n_ex)
        a1, a2 = rng.choice(AA3), rng.choice(AA3)
        while a2 == a1:
            a2 = rng.choice(AA3)
        cref = ref[-1] if strand == 1 else COMPLEMENT[ref[-1]]
        calt = alt[-1] if strand == 1 else COMPLEMENT[alt[-1]]
        v = dict(chrom=chrom, pos=pos, ref=ref, alt=alt, symbol=symbol, gene=ensg, feature=enst,
                 ensp=ensp, strand=strand, consequence=csq, exon="", intron="", hgvsc="", hgvsp="",
                 snpeff_hgvsp="", cds="", prot="", aa="", codons="", plen=plen, n_exons=n_ex, distance="")
        tx = "%s.%d" % (enst, tx_version(symbol))
        if csq in ("missense_variant", "stop_gained", "synonymous_variant"):
            alt_aa = {"missense_variant": a2, "stop_gained": "Ter", "synonymous_variant": a1}[csq]
            v.update(exon="%d/%d" % (exon, n_ex), hgvsc="%s:c.%d%s>%s" % (tx, cds, cref, calt),
                     cds=cds, prot=prot, aa="%s/%s" % (AA1[a1], "*" if alt_aa == "Ter" else AA1[alt_aa]))
            if csq == "synonymous_variant":
                v["hgvsp"] = "p.%s%d=" % (a1, prot)
                v["snpeff_hgvsp"] = "p.%s%d%s" % (a1, prot, a1)
            else:
                v["hgvsp"] = "p.%s%d%s" % (a1, prot, alt_aa)
                v["snpeff_hgvsp"] = "p.%s%d%s" % (a1, prot, "*" if alt_aa == "Ter" else alt_aa)
        elif csq == "frameshift_variant":
            v.update(exon="%d/%d" % (exon, n_ex), hgvsc="%s:c.%ddel" % (tx, cds), cds=cds, prot=prot,
                     aa="%s/X" % AA1[a1], hgvsp="p.%s%d%sfsTer%d" % (a1, prot, a2, rng.randint(2, 40)))
            v["snpeff_hgvsp"] = v["hgvsp"].replace("Ter", "*")
        elif csq == "inframe_deletion":
            v.update(exon="%d/%d" % (exon, n_ex), hgvsc="%s:c.%d_%ddel" % (tx, cds, cds + 2), cds=cds,
                     prot=prot, aa="%s/-" % AA1[a1], hgvsp="p.%s%ddel" % (a1, prot))
            v["snpeff_hgvsp"] = v["hgvsp"]
        elif csq == "3_prime_UTR_variant":
            v.update(exon="%d/%d" % (n_ex, n_ex), hgvsc="%s:c.*%d%s>%s" % (tx, rng.randint(5, 2000), cref, calt))
        else:  # intronic, splice region, splice acceptor
            off = {"intron_variant": rng.randint(15, 900), "splice_region_variant&intron_variant":
                   rng.randint(3, 8), "splice_acceptor_variant": rng.choice([1, 2])}[csq]
            sign = "-" if csq == "splice_acceptor_variant" else rng.choice("+-")
            v.update(intron="%d/%d" % (min(exon, n_ex - 1), n_ex - 1),
                     hgvsc="%s:c.%d%s%d%s>%s" % (tx, cds, sign, off, cref, calt))
        if v["hgvsp"]:
            v["hgvsp"] = "%s.%d:%s" % (ensp, tx_version(symbol, 5), v["hgvsp"])
        v["feature_versioned"] = tx
        return v

    def intergenic_variant(self):
        rng = self.rng
        contigs = GRCH37_CONTIGS if self.build == "GRCh37" else GRCH38_CONTIGS
        while True:
            chrom, length = rng.choice(contigs[:22])
            pos = rng.randint(1000000, length - 1000000)
            if clear_of_pathway(self.build, chrom, pos) and all(
                    not (g[1] == chrom and g[2] - 50000 <= pos <= g[3] + 50000) for g in self.genes):
                break
        ref = rng.choice("ACGT")
        alt = rng.choice([b for b in "ACGT" if b != ref])
        return dict(chrom=chrom, pos=pos, ref=ref, alt=alt, symbol="", consequence="intergenic_variant")


def tx_version(symbol, spread=7):
    """A fixed, made-up version suffix per background transcript (the same in every file)."""
    return 2 + sum(map(ord, symbol)) % spread


def place_reads(rng, variants, filters_pool, low_vaf_share=0.1):
    """Give background variants tumour/normal depths, VAF and a FILTER."""
    for v in variants:
        dp = rng.randint(40, 250)
        vaf = rng.uniform(0.05, 0.12) if rng.random() < low_vaf_share else rng.uniform(0.12, 0.6)
        v["t_ref"], v["t_alt"] = tumour_counts(rng, dp, vaf)
        v["n_dp"] = rng.randint(30, 160)
        v["filter"] = "PASS" if rng.random() < 0.8 else rng.choice(filters_pool)
        v["gnomad"] = "" if rng.random() < 0.85 else "%.2e" % rng.uniform(4e-6, 2e-4)


# --------------------------------------------------------------------------------------------------------------
# VEP CSQ entries
def csq_entry(**kw):
    d = {f: "" for f in CSQ_FIELDS}
    d["ALLELE_NUM"] = "1"
    for k, val in kw.items():
        assert k in d, k
        d[k] = "" if val is None else str(val)
    return "|".join(d[f] for f in CSQ_FIELDS)


def vep_allele(ref, alt):
    """VEP trims the shared first base: CG>C is written as '-'."""
    if len(ref) > 1 and len(alt) == 1 and ref[0] == alt[0]:
        return "-"
    if len(alt) > 1 and len(ref) == 1 and ref[0] == alt[0]:
        return alt[1:]
    return alt


def variant_class(ref, alt):
    if len(ref) == len(alt) == 1:
        return "SNV"
    return "deletion" if len(ref) > len(alt) else "insertion"


def vep_pathway_csq(key, pv):
    a = vep_allele(pv["ref"], pv["alt"])
    vc = variant_class(pv["ref"], pv["alt"])
    entries = []
    if pv["gene"] == "PIK3CA":
        tx = PIK3CA_TX
    else:
        tx = PTEN_TX
    canon_common = dict(Allele=a, SYMBOL=tx["symbol"], Gene=tx["gene"], Feature_type="Transcript",
                        Feature=tx["feature"], BIOTYPE="protein_coding", STRAND=tx["strand"], VARIANT_CLASS=vc,
                        SYMBOL_SOURCE="HGNC", HGNC_ID=tx["hgnc"], CANONICAL="YES", CCDS=tx["ccds"],
                        ENSP=tx["ensp"].split(".")[0], SWISSPROT=tx["swissprot"], TSL="1", APPRIS="P1")
    if key == "PIK3CA_intronic":
        # Two short 5' PIK3CA transcripts end upstream of the variant: VEP reports them as downstream.
        for feat, dist in (("ENST00000468036", 2447), ("ENST00000477735", 2738)):
            entries.append(csq_entry(Allele=a, Consequence="downstream_gene_variant", IMPACT="MODIFIER",
                                     SYMBOL="PIK3CA", Gene=tx["gene"], Feature_type="Transcript", Feature=feat,
                                     BIOTYPE="protein_coding", DISTANCE=dist, STRAND="1", FLAGS="cds_end_NF",
                                     VARIANT_CLASS=vc, SYMBOL_SOURCE="HGNC", HGNC_ID=tx["hgnc"], TSL="2"))
        entries.append(csq_entry(Consequence="intron_variant", IMPACT="MODIFIER",
                                 INTRON="%d/%d" % (pv["intron"], tx["n_exons"] - 1),
                                 HGVSc="%s.%s:%s" % (tx["feature"], tx["version"], pv["hgvsc"]), **canon_common))
        return ",".join(entries)
    csq = {"R130*": "stop_gained", "R130fs": "frameshift_variant"}.get(pv["protein"], "missense_variant")
    cdna = pv["cds"] + tx["cdna_offset"]
    canonical = csq_entry(
        Consequence=csq, IMPACT=IMPACT[csq], EXON="%d/%d" % (pv["exon"], tx["n_exons"]),
        HGVSc="%s.%s:%s" % (tx["feature"], tx["version"], pv["hgvsc"]), HGVSp="%s:%s" % (tx["ensp"], pv["hgvsp"]),
        cDNA_position="%d/%d" % (cdna, tx["tx_len"]), CDS_position="%d/%d" % (pv["cds"], tx["cds_len"]),
        Protein_position="%d/%d" % (pv["prot"], tx["prot_len"]), Amino_acids=pv["aa"], Codons=pv["codons"],
        Existing_variation=pv.get("existing", ""), SOMATIC=somatic_flags(pv.get("existing", "")),
        PHENO="&".join("1" for _x in pv["existing"].split("&")) if pv.get("existing") else "",
        LoF="HC" if csq != "missense_variant" else "", **canon_common)
    if pv["gene"] == "PIK3CA" and pv["prot"] in (542, 545):
        # ENST00000462255 (retained intron, 3:178937339-178943805) starts just 3' of exon 10.
        other = csq_entry(Allele=a, Consequence="upstream_gene_variant", IMPACT="MODIFIER", SYMBOL="PIK3CA",
                          Gene=tx["gene"], Feature_type="Transcript", Feature="ENST00000462255",
                          BIOTYPE="retained_intron", DISTANCE=178937339 - pv["pos"], STRAND="1", VARIANT_CLASS=vc,
                          SYMBOL_SOURCE="HGNC", HGNC_ID=tx["hgnc"], TSL="2")
        entries = [canonical, other]
    elif pv["gene"] == "PIK3CA":
        # As in PCGR's VEP output for H1047R: an antisense gene 3' of PIK3CA, listed first here.
        other = csq_entry(Allele=a, Consequence="downstream_gene_variant", IMPACT="MODIFIER",
                          SYMBOL="RP11-245C23.3", Gene="ENSG00000272700", Feature_type="Transcript",
                          Feature="ENST00000609807", BIOTYPE="antisense", DISTANCE="2394", STRAND="-1",
                          VARIANT_CLASS=vc, SYMBOL_SOURCE="Clone_based_vega_gene", CANONICAL="YES")
        entries = [other, canonical]
    else:
        # A non-coding PTEN transcript first (illustrative ID), so taking the first entry gives the wrong answer.
        other = csq_entry(Allele=a, Consequence="non_coding_transcript_exon_variant", IMPACT="MODIFIER",
                          SYMBOL="PTEN", Gene=tx["gene"], Feature_type="Transcript", Feature="ENST00000472832",
                          BIOTYPE="processed_transcript", EXON="2/3", HGVSc="ENST00000472832.2:n.%d%s" % (
                              pv["cds"] + 412, "del" if pv["protein"] == "R130fs" else
                              "%s>%s" % (pv["ref"], pv["alt"])),
                          cDNA_position=str(pv["cds"] + 412), STRAND="1", VARIANT_CLASS=vc,
                          SYMBOL_SOURCE="HGNC", HGNC_ID=tx["hgnc"], TSL="3")
        entries = [other, canonical]
    return ",".join(entries)


def somatic_flags(existing):
    """VEP's SOMATIC/PHENO: one flag per Existing_variation ID (COSMIC IDs are somatic)."""
    if not existing:
        return ""
    return "&".join("1" if x.startswith("COSM") else "0" for x in existing.split("&"))


def vep_background_csq(v):
    a = vep_allele(v["ref"], v["alt"])
    vc = variant_class(v["ref"], v["alt"])
    if v["consequence"] == "intergenic_variant":
        return csq_entry(Allele=a, Consequence="intergenic_variant", IMPACT="MODIFIER", VARIANT_CLASS=vc)
    c = v["consequence"]
    coding = v["cds"] != ""
    return csq_entry(
        Allele=a, Consequence=c, IMPACT=IMPACT[c], SYMBOL=v["symbol"], Gene=v["gene"], Feature_type="Transcript",
        Feature=v["feature"], BIOTYPE="protein_coding", EXON=v["exon"], INTRON=v["intron"], HGVSc=v["hgvsc"],
        HGVSp=v["hgvsp"], CDS_position="%s/%d" % (v["cds"], 3 * v["plen"] + 3) if coding else "",
        Protein_position="%s/%d" % (v["prot"], v["plen"]) if coding else "", Amino_acids=v["aa"],
        STRAND=str(v["strand"]), VARIANT_CLASS=vc, SYMBOL_SOURCE="HGNC", CANONICAL="YES",
        ENSP=v["ensp"], gnomAD_AF=v.get("gnomad", ""),
        LoF="HC" if c in ("stop_gained", "frameshift_variant", "splice_acceptor_variant") else "")


# --------------------------------------------------------------------------------------------------------------
# Headers
def contig_lines(contigs, assembly=None):
    extra = ",assembly=%s" % assembly if assembly else ""
    return ["##contig=<ID=%s,length=%d%s>" % (c, n, extra) for c, n in contigs]


MUTECT2_FILTERS = [
    ("PASS", "All filters passed"),
    ("FAIL", "Fail the site if all alleles fail but for different reasons."),
    ("base_qual", "alt median base quality"),
    ("clustered_events", "Clustered events observed in the tumor"),
    ("contamination", "contamination"),
    ("duplicate", "evidence for alt allele is overrepresented by apparent duplicates"),
    ("fragment", "abs(ref - alt) median fragment length"),
    ("germline", "Evidence indicates this site is germline, not somatic"),
    ("haplotype", "Variant near filtered variant on same haplotype."),
    ("map_qual", "ref - alt median mapping quality"),
    ("multiallelic", "Site filtered because too many alt alleles pass tumor LOD"),
    ("normal_artifact", "artifact_in_normal"),
    ("orientation", "orientation bias detected by the orientation bias mixture model"),
    ("panel_of_normals", "Blacklisted site in panel of normals"),
    ("position", "median distance of alt variants from end of reads"),
    ("slippage", "Site filtered due to contraction of short tandem repeat region"),
    ("strand_bias", "Evidence for alt allele comes from one read direction only"),
    ("weak_evidence", "Mutation does not meet likelihood threshold"),
]
MUTECT2_BG_FILTERS = ["weak_evidence", "clustered_events", "germline", "strand_bias", "normal_artifact",
                      "panel_of_normals", "haplotype;weak_evidence", "base_qual"]

MUTECT2_INFO = [
    '##INFO=<ID=DP,Number=1,Type=Integer,Description="Approximate read depth; some reads may have been filtered">',
    '##INFO=<ID=ECNT,Number=1,Type=Integer,Description="Number of events in this haplotype">',
    '##INFO=<ID=GERMQ,Number=1,Type=Integer,Description="Phred-scaled quality that alt alleles are not germline '
    'variants">',
    '##INFO=<ID=MBQ,Number=R,Type=Integer,Description="median base quality by allele">',
    '##INFO=<ID=MFRL,Number=R,Type=Integer,Description="median fragment length by allele">',
    '##INFO=<ID=MMQ,Number=R,Type=Integer,Description="median mapping quality by allele">',
    '##INFO=<ID=MPOS,Number=A,Type=Integer,Description="median distance from end of read">',
    '##INFO=<ID=NALOD,Number=A,Type=Float,Description="Negative log 10 odds of artifact in normal with same allele '
    'fraction as tumor">',
    '##INFO=<ID=NLOD,Number=A,Type=Float,Description="Normal log 10 likelihood ratio of diploid het or hom alt '
    'genotypes">',
    '##INFO=<ID=POPAF,Number=A,Type=Float,Description="negative log 10 population allele frequencies of alt '
    'alleles">',
    '##INFO=<ID=TLOD,Number=A,Type=Float,Description="Log 10 likelihood ratio score of variant existing versus not '
    'existing">',
]
MUTECT2_FORMAT = [
    '##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths for the ref and alt alleles in the order '
    'listed">',
    '##FORMAT=<ID=AF,Number=A,Type=Float,Description="Allele fractions of alternate alleles in the tumor">',
    '##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Approximate read depth (reads with MQ=255 or with bad mates '
    'are filtered)">',
    '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
]
REF37 = "file:///data/ref/GRCh37/human_g1k_v37.fasta"


def vep_header_lines(pid):
    return [
        '##VEP="v102" time="2021-03-15 10:22:31" cache="/data/vep/homo_sapiens/102_GRCh37" '
        'ensembl=102.347f9ed ensembl-variation=102.2716d2e ensembl-io=102.ff1cbec ensembl-funcgen=102.6bd93a0 '
        '1000genomes="phase3" COSMIC="91" ClinVar="202009" ESP="V2-SSA137" HGMD-PUBLIC="20204" '
        'assembly="GRCh37.p13" dbSNP="153" gencode="GENCODE 19" genebuild="2011-04" gnomAD="r2.1" '
        'polyphen="2.2.2" regbuild="1.0" sift="sift5.2.2"',
        '##INFO=<ID=CSQ,Number=.,Type=String,Description="Consequence annotations from Ensembl VEP. Format: %s">'
        % "|".join(CSQ_FIELDS),
        "##VEP-command-line='vep --assembly GRCh37 --cache --canonical --ccds --database 0 --everything "
        "--fasta human_g1k_v37.fasta --force_overwrite --input_file %s.mutect2.filtered.vcf.gz "
        "--offline --output_file %s.mutect2.vep.vcf --plugin LoF --vcf'" % (pid, pid),
    ]


def mutect2_vcf(pid, variants):
    """Mutect2 tumour/normal (FilterMutectCalls) + VEP text. Samples: normal first, then tumour."""
    tn, nn = pid + "_T", pid + "_N"
    h = ["##fileformat=VCFv4.2"]
    h += ['##FILTER=<ID=%s,Description="%s">' % f for f in MUTECT2_FILTERS]
    h += MUTECT2_FORMAT
    h += ['##GATKCommandLine=<ID=Mutect2,CommandLine="Mutect2 --normal-sample %s --germline-resource '
          'af-only-gnomad.raw.sites.b37.vcf.gz --panel-of-normals pon.b37.vcf.gz --output %s.mutect2.unfiltered.'
          'vcf.gz --input %s.bam --input %s.bam --reference %s",Version="4.2.6.1",Date="March 14, 2021 9:02:44 PM '
          'CET">' % (nn, pid, tn, nn, REF37.replace("file://", "")),
          '##GATKCommandLine=<ID=FilterMutectCalls,CommandLine="FilterMutectCalls --output %s.mutect2.filtered.'
          'vcf.gz --variant %s.mutect2.unfiltered.vcf.gz --reference %s",Version="4.2.6.1",Date="March 14, 2021 '
          '11:40:02 PM CET">' % (pid, pid, REF37.replace("file://", ""))]
    h += MUTECT2_INFO
    h += ["##MutectVersion=2.2",
          "##filtering_status=These calls have been filtered by FilterMutectCalls to label false positives with a "
          "list of failed filters and true positives with PASS.",
          "##normal_sample=" + nn, "##source=FilterMutectCalls", "##source=Mutect2", "##tumor_sample=" + tn]
    h += contig_lines(GRCH37_CONTIGS, "GRCh37")
    h += ["##reference=" + REF37]
    h += vep_header_lines(pid)
    h += ["\t".join(["#CHROM", "POS", "ID", "REF", "ALT", "QUAL", "FILTER", "INFO", "FORMAT", nn, tn])]
    lines = list(h)
    for v in sorted(variants, key=contig_sort_key(GRCH37_CONTIGS)):
        t_ref, t_alt, n_dp = v["t_ref"], v["t_alt"], v["n_dp"]
        t_dp = t_ref + t_alt
        tlod = max(3.1, 2.9 * t_alt + v["jitter"]) if v["filter"] != "weak_evidence" else 2.1 + v["jitter"] / 3
        info = ("DP=%d;ECNT=%d;GERMQ=%d;MBQ=%d,%d;MFRL=%d,%d;MMQ=60,60;MPOS=%d;NALOD=%.3g;NLOD=%.2f;POPAF=%.2f;"
                "TLOD=%.2f;CSQ=%s" % (t_dp + n_dp, v.get("ecnt", 1), v["germq"], 30, 30 + v["mbq_d"], v["mfrl"],
                                      v["mfrl"] - v["mfrl_d"], v["mpos"], 1.0 + n_dp / 60.0, n_dp * 0.2,
                                      v["popaf"], tlod, v["csq"]))
        tumour = "0/1:%d,%d:%s:%d" % (t_ref, t_alt, fmt_af(t_alt / t_dp), t_dp)
        normal = "0/0:%d,0:%s:%d" % (n_dp, fmt_af(1.0 / (n_dp + 2)), n_dp)
        lines.append("\t".join([v["chrom"], str(v["pos"]), ".", v["ref"], v["alt"], ".", v["filter"], info,
                                "GT:AD:AF:DP", normal, tumour]))
    return "\n".join(lines) + "\n"


def add_mutect2_noise(rng, v):
    v.update(jitter=rng.uniform(0, 6), germq=rng.randint(30, 93), mbq_d=rng.randint(-3, 3),
             mfrl=rng.randint(250, 420), mfrl_d=rng.randint(-20, 30), mpos=rng.randint(12, 45),
             popaf=6.0 if not v.get("gnomad") else 4.5)


# --------------------------------------------------------------------------------------------------------------
# SnpEff ANN
def ann_entry(allele, effect, impact, gene, gene_id, feature, biotype, rank, hgvsc, hgvsp, cdna, cds, aa,
              distance="", msg=""):
    return "|".join([allele, effect, impact, gene, gene_id, "transcript", feature, biotype, rank, hgvsc, hgvsp,
                     cdna, cds, aa, distance, msg])


def snpeff_pathway_ann(pv, build):
    tx = PIK3CA_TX if pv["gene"] == "PIK3CA" else PTEN_TX
    if pv["protein"].endswith("*"):
        effect = "stop_gained"
    elif pv["protein"].endswith("="):
        effect = "synonymous_variant"
    else:
        effect = "missense_variant"
    impact = {"stop_gained": "HIGH", "synonymous_variant": "LOW", "missense_variant": "MODERATE"}[effect]
    feature = tx["feature"]
    cdna_off, tx_len = tx["cdna_offset"], tx["tx_len"]
    if build == "GRCh38":
        # Ensembl >= 100 model ENST00000263967.4: exon 1 is 409 bp longer in GRCh38; SnpEff keeps versions.
        feature += ".4"
        cdna_off, tx_len = cdna_off + 409, tx_len + 409
    entries = [ann_entry(pv["alt"], effect, impact, tx["symbol"], tx["gene"], feature, "protein_coding",
                         "%d/%d" % (pv["exon"], tx["n_exons"]), pv["hgvsc"], pv["hgvsp"],
                         "%d/%d" % (pv["cds"] + cdna_off, tx_len), "%d/%d" % (pv["cds"], tx["cds_len"]),
                         "%d/%d" % (pv["prot"], tx["prot_len"]))]
    if pv["gene"] == "PTEN":
        # A non-coding PTEN transcript (illustrative ID) after the canonical one.
        entries.append(ann_entry(pv["alt"], "non_coding_transcript_exon_variant", "MODIFIER", "PTEN", tx["gene"],
                                 "ENST00000472832", "processed_transcript", "2/3",
                                 "n.%d%s>%s" % (pv["cds"] + 412, pv["ref"], pv["alt"]), "", "", "", ""))
    return ",".join(entries)


def snpeff_background_ann(v, build):
    if v["consequence"] == "intergenic_variant":
        return "|".join([v["alt"], "intergenic_region", "MODIFIER", "", "", "intergenic_region", "", "", "",
                         "n.%d%s>%s" % (v["pos"], v["ref"], v["alt"]), "", "", "", "", "", ""])
    c = v["consequence"]
    impact = IMPACT[v["consequence"]]
    hgvsc = v["hgvsc"].split(":", 1)[1]
    coding = v["cds"] != ""
    rank = v["exon"] or v["intron"]
    return ann_entry(v["alt"], c, impact, v["symbol"], v["gene"],
                     v["feature"] if build == "GRCh37" else v["feature_versioned"], "protein_coding", rank,
                     hgvsc, v["snpeff_hgvsp"],
                     "", "%s/%d" % (v["cds"], 3 * v["plen"] + 3) if coding else "",
                     "%s/%d" % (v["prot"], v["plen"]) if coding else "")


def snpeff_vcf(pid, variants, build):
    contigs = GRCH37_CONTIGS if build == "GRCh37" else GRCH38_CONTIGS
    db = "GRCh37.75" if build == "GRCh37" else "GRCh38.105"
    h = ["##fileformat=VCFv4.2",
         '##FILTER=<ID=PASS,Description="All filters passed">',
         '##FILTER=<ID=weak_evidence,Description="Mutation does not meet likelihood threshold">',
         '##FILTER=<ID=strand_bias,Description="Evidence for alt allele comes from one read direction only">',
         '##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths for the ref and alt alleles in the order '
         'listed">',
         '##FORMAT=<ID=AF,Number=A,Type=Float,Description="Allele fractions of alternate alleles in the tumor">',
         '##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Approximate read depth">',
         '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
         '##INFO=<ID=DP,Number=1,Type=Integer,Description="Approximate read depth; some reads may have been '
         'filtered">',
         '##INFO=<ID=TLOD,Number=A,Type=Float,Description="Log 10 likelihood ratio score of variant existing versus '
         'not existing">']
    h += contig_lines(contigs)
    h += ["##reference=GRCh38" if build == "GRCh38" else "##reference=" + REF37,
          '##SnpEffVersion="5.1d (build 2022-04-19 15:49), by Pablo Cingolani"',
          '##SnpEffCmd="SnpEff  -noStats %s %s.tumor_only.vcf "' % (db, pid),
          ANN_HEADER, LOF_HEADER, NMD_HEADER,
          "\t".join(["#CHROM", "POS", "ID", "REF", "ALT", "QUAL", "FILTER", "INFO", "FORMAT", "TUMOR"])]
    lines = list(h)
    for v in sorted(variants, key=contig_sort_key(contigs)):
        t_dp = v["t_ref"] + v["t_alt"]
        info = "DP=%d;TLOD=%.2f;ANN=%s" % (t_dp + v["extra_dp"], max(3.1, 2.9 * v["t_alt"]), v["ann"])
        if v.get("lof"):
            info += ";LOF=%s;NMD=%s" % (v["lof"], v["lof"])
        lines.append("\t".join([v["chrom"], str(v["pos"]), ".", v["ref"], v["alt"], ".", v["filter"], info,
                                "GT:AD:DP:AF", "0/1:%d,%d:%d:%s" % (v["t_ref"], v["t_alt"], t_dp,
                                                                     fmt_af(v["t_alt"] / t_dp))]))
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------------------------
# Strelka2
def strelka_header(pid, kind, contigs, ref_path):
    h = ["##fileformat=VCFv4.1",
         '##FILTER=<ID=PASS,Description="All filters passed">',
         "##fileDate=20210316",
         "##source=strelka",
         "##source_version=2.9.10",
         "##startTime=Tue Mar 16 08:12:05 2021",
         "##cmdline=/opt/strelka/bin/configureStrelkaSomaticWorkflow.py --normalBam %s_N.bam --tumorBam %s_T.bam "
         "--referenceFasta %s --exome --runDir %s_strelka2" % (pid, pid, ref_path, pid),
         "##reference=file://" + ref_path]
    h += contig_lines(contigs)
    if kind == "snvs":
        h += ["##content=strelka somatic snv calls",
              "##priorSomaticSnvRate=0.0001",
              '##INFO=<ID=QSS,Number=1,Type=Integer,Description="Quality score for any somatic snv, ie. for the ALT '
              'allele to be present at a significantly different frequency in the tumor and normal">',
              '##INFO=<ID=TQSS,Number=1,Type=Integer,Description="Data tier used to compute QSS">',
              '##INFO=<ID=NT,Number=1,Type=String,Description="Genotype of the normal in all data tiers, as used to '
              'classify somatic variants. One of {ref,het,hom,conflict}.">',
              '##INFO=<ID=QSS_NT,Number=1,Type=Integer,Description="Quality score reflecting the joint probability '
              'of a somatic variant and NT">',
              '##INFO=<ID=TQSS_NT,Number=1,Type=Integer,Description="Data tier used to compute QSS_NT">',
              '##INFO=<ID=SGT,Number=1,Type=String,Description="Most likely somatic genotype excluding normal noise '
              'states">',
              '##INFO=<ID=SOMATIC,Number=0,Type=Flag,Description="Somatic mutation">',
              '##INFO=<ID=DP,Number=1,Type=Integer,Description="Combined depth across samples">',
              '##INFO=<ID=MQ,Number=1,Type=Float,Description="RMS Mapping Quality">',
              '##INFO=<ID=MQ0,Number=1,Type=Integer,Description="Total Mapping Quality Zero Reads">',
              '##INFO=<ID=ReadPosRankSum,Number=1,Type=Float,Description="Z-score from Wilcoxon rank sum test of '
              'Alt Vs. Ref read-position in the tumor">',
              '##INFO=<ID=SNVSB,Number=1,Type=Float,Description="Somatic SNV site strand bias">',
              '##INFO=<ID=SomaticEVS,Number=1,Type=Float,Description="Somatic Empirical Variant Score (EVS) '
              'expressing the phred-scaled probability of the call being a false positive observation.">',
              '##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Read depth for tier1 (used+filtered)">',
              '##FORMAT=<ID=FDP,Number=1,Type=Integer,Description="Number of basecalls filtered from original read '
              'depth for tier1">',
              '##FORMAT=<ID=SDP,Number=1,Type=Integer,Description="Number of reads with deletions spanning this site '
              'at tier1">',
              '##FORMAT=<ID=SUBDP,Number=1,Type=Integer,Description="Number of reads below tier1 mapping quality '
              'threshold aligned across this site">',
              '##FORMAT=<ID=AU,Number=2,Type=Integer,Description="Number of \'A\' alleles used in tiers 1,2">',
              '##FORMAT=<ID=CU,Number=2,Type=Integer,Description="Number of \'C\' alleles used in tiers 1,2">',
              '##FORMAT=<ID=GU,Number=2,Type=Integer,Description="Number of \'G\' alleles used in tiers 1,2">',
              '##FORMAT=<ID=TU,Number=2,Type=Integer,Description="Number of \'T\' alleles used in tiers 1,2">',
              '##FILTER=<ID=LowEVS,Description="Somatic Empirical Variant Score (SomaticEVS) is below threshold">',
              '##FILTER=<ID=LowDepth,Description="Tumor or normal sample read depth at this locus is below 2">']
    else:
        h += ["##content=strelka somatic indel calls",
              "##priorSomaticIndelRate=1e-06",
              '##INFO=<ID=QSI,Number=1,Type=Integer,Description="Quality score for any somatic variant, ie. for the '
              'ALT haplotype to be present at a significantly different frequency in the tumor and normal">',
              '##INFO=<ID=TQSI,Number=1,Type=Integer,Description="Data tier used to compute QSI">',
              '##INFO=<ID=NT,Number=1,Type=String,Description="Genotype of the normal in all data tiers, as used to '
              'classify somatic variants. One of {ref,het,hom,conflict}.">',
              '##INFO=<ID=QSI_NT,Number=1,Type=Integer,Description="Quality score reflecting the joint probability '
              'of a somatic variant and NT">',
              '##INFO=<ID=TQSI_NT,Number=1,Type=Integer,Description="Data tier used to compute QSI_NT">',
              '##INFO=<ID=SGT,Number=1,Type=String,Description="Most likely somatic genotype excluding normal noise '
              'states">',
              '##INFO=<ID=RU,Number=1,Type=String,Description="Smallest repeating sequence unit in inserted or '
              'deleted sequence">',
              '##INFO=<ID=RC,Number=1,Type=Integer,Description="Number of times RU repeats in the reference '
              'allele">',
              '##INFO=<ID=IC,Number=1,Type=Integer,Description="Number of times RU repeats in the indel allele">',
              '##INFO=<ID=IHP,Number=1,Type=Integer,Description="Largest reference interrupted homopolymer length '
              'intersecting with the indel">',
              '##INFO=<ID=MQ,Number=1,Type=Float,Description="RMS Mapping Quality">',
              '##INFO=<ID=MQ0,Number=1,Type=Integer,Description="Total Mapping Quality Zero Reads">',
              '##INFO=<ID=SOMATIC,Number=0,Type=Flag,Description="Somatic mutation">',
              '##INFO=<ID=OVERLAP,Number=0,Type=Flag,Description="Somatic indel possibly overlaps a second indel.">',
              '##INFO=<ID=SomaticEVS,Number=1,Type=Float,Description="Somatic Empirical Variant Score (EVS) '
              'expressing the phred-scaled probability of the call being a false positive observation.">',
              '##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Read depth for tier1">',
              '##FORMAT=<ID=DP2,Number=1,Type=Integer,Description="Read depth for tier2">',
              '##FORMAT=<ID=TAR,Number=2,Type=Integer,Description="Reads strongly supporting alternate allele for '
              'tiers 1,2">',
              '##FORMAT=<ID=TIR,Number=2,Type=Integer,Description="Reads strongly supporting indel allele for tiers '
              '1,2">',
              '##FORMAT=<ID=TOR,Number=2,Type=Integer,Description="Other reads (weak support or insufficient indel '
              'breakpoint overlap) for tiers 1,2">',
              '##FORMAT=<ID=DP50,Number=1,Type=Float,Description="Average tier1 read depth within 50 bases">',
              '##FORMAT=<ID=FDP50,Number=1,Type=Float,Description="Average tier1 number of basecalls filtered from '
              'original read depth within 50 bases">',
              '##FORMAT=<ID=SUBDP50,Number=1,Type=Float,Description="Average number of reads below tier1 mapping '
              'quality threshold aligned across sites within 50 bases">',
              '##FILTER=<ID=LowEVS,Description="Somatic Empirical Variant Score (SomaticEVS) is below threshold">',
              '##FILTER=<ID=LowDepth,Description="Tumor or normal sample read depth at this locus is below 2">',
              '##FILTER=<ID=HighDepth,Description="Locus depth is greater than 3x the mean chromosome depth in the '
              'normal sample">']
    for c, _n in contigs:
        if c not in ("MT", "chrM", "Y", "chrY"):
            h.append("##Depth_%s=%.2f" % (c, 58.0 + (len(c) % 3)))
    h.append("\t".join(["#CHROM", "POS", "ID", "REF", "ALT", "QUAL", "FILTER", "INFO", "FORMAT", "NORMAL",
                        "TUMOR"]))
    return h


def strelka_snv_line(rng, v):
    ref, alt = v["ref"], v["alt"]
    t_ref, t_alt = v["t_ref"], v["t_alt"]
    n_dp = v["n_dp"]

    def counts(ref_n, alt_n):
        c = {b: [0, 0] for b in "ACGT"}
        c[ref][0], c[alt][0] = ref_n, alt_n
        c[ref][1], c[alt][1] = ref_n + rng.randint(0, 4), alt_n + rng.randint(0, 2)
        return ":".join("%d,%d" % tuple(c[b]) for b in "ACGT")

    t_fdp, n_fdp = rng.randint(0, 3), rng.randint(0, 2)
    normal = "%d:%d:0:0:%s" % (n_dp + n_fdp, n_fdp, counts(n_dp, 0))
    tumour = "%d:%d:0:0:%s" % (t_ref + t_alt + t_fdp, t_fdp, counts(t_ref, t_alt))
    evs = v["evs"]
    qss = int(min(200, 3 * t_alt + 10))
    sgt = "".join(sorted(ref + ref)) + "->" + "".join(sorted(ref + alt))
    info = ("SOMATIC;QSS=%d;TQSS=%d;NT=ref;QSS_NT=%d;TQSS_NT=%d;SGT=%s;DP=%d;MQ=%.2f;MQ0=0;ReadPosRankSum=%.2f;"
            "SNVSB=%.2f;SomaticEVS=%.2f" % (qss, rng.choice([1, 2]), qss, 1, sgt, t_ref + t_alt + n_dp + t_fdp
                                            + n_fdp, 60.0 - rng.uniform(0, 1.5), rng.uniform(-2, 2),
                                            rng.uniform(0, 1.5), evs))
    return "\t".join([v["chrom"], str(v["pos"]), ".", ref, alt, ".", v["filter"], info,
                      "DP:FDP:SDP:SUBDP:AU:CU:GU:TU", normal, tumour])


def strelka_indel_line(rng, v):
    t_ref, t_alt, n_dp = v["t_ref"], v["t_alt"], v["n_dp"]
    unit = v["alt"][1:] if len(v["alt"]) > len(v["ref"]) else v["ref"][1:]
    tor_t, tor_n = rng.randint(0, 4), rng.randint(0, 3)
    normal = "%d:%d:%d,%d:0,0:%d,%d:%.2f:%.2f:0" % (n_dp + tor_n, n_dp + tor_n + 2, n_dp, n_dp + 2, tor_n,
                                                    tor_n + 1, n_dp + rng.uniform(-3, 3), rng.uniform(0, 1.5))
    tumour = "%d:%d:%d,%d:%d,%d:%d,%d:%.2f:%.2f:0" % (t_ref + t_alt + tor_t, t_ref + t_alt + tor_t + 3, t_ref,
                                                      t_ref + 2, t_alt, t_alt + 1, tor_t, tor_t + 1,
                                                      t_ref + t_alt + rng.uniform(-3, 3), rng.uniform(0, 1.5))
    qsi = int(min(200, 3 * t_alt + 8))
    info = ("SOMATIC;QSI=%d;TQSI=1;NT=ref;QSI_NT=%d;TQSI_NT=1;SGT=ref->het;MQ=%.2f;MQ0=0;RU=%s;RC=%d;IC=%d;IHP=%d;"
            "SomaticEVS=%.2f" % (qsi, qsi, 60.0 - rng.uniform(0, 1.5), unit, 1 if len(v["ref"]) > 1 else 0,
                                 0 if len(v["ref"]) > 1 else 1, rng.randint(2, 6), v["evs"]))
    return "\t".join([v["chrom"], str(v["pos"]), ".", v["ref"], v["alt"], ".", v["filter"], info,
                      "DP:DP2:TAR:TIR:TOR:DP50:FDP50:SUBDP50", normal, tumour])


def strelka_vcfs(rng, pid, snvs, indels, chr_names):
    contigs = HG19_CONTIGS if chr_names else GRCH37_CONTIGS
    ref_path = "/data/ref/hg19/ucsc.hg19.fasta" if chr_names else "/data/ref/GRCh37/human_g1k_v37.fasta"
    out = {}
    for kind, vs, fn in (("snvs", snvs, strelka_snv_line), ("indels", indels, strelka_indel_line)):
        for v in vs:
            if chr_names and not v["chrom"].startswith("chr"):
                v["chrom"] = "chr" + v["chrom"]
        lines = strelka_header(pid, kind, contigs, ref_path)
        for v in sorted(vs, key=contig_sort_key(contigs)):
            lines.append(fn(rng, v))
        out[kind] = "\n".join(lines) + "\n"
    return out


# --------------------------------------------------------------------------------------------------------------
def pathway_record(rng, key):
    pv = dict(PATHWAY_VARIANTS[key])
    pv["key"] = key
    if "alt_reads" in pv:
        pv["t_ref"], pv["t_alt"] = tumour_counts(rng, pv["dp"], alt_reads=pv["alt_reads"])
    else:
        pv["t_ref"], pv["t_alt"] = tumour_counts(rng, pv["dp"], pv["vaf"])
    pv["n_dp"] = rng.randint(60, 140)
    pv["gnomad"] = ""
    return pv


def write_text(path, text):
    with open(path, "w", newline="\n") as fh:
        fh.write(text)


def run(cmd, **kw):
    subprocess.run(cmd, check=True, **kw)


def bgzip_text(path_gz, text):
    with open(path_gz, "wb") as out:
        run(["bgzip", "-c"], input=text.encode(), stdout=out)


def make_patient_files(rng, outdir, pid, kind, pathway_keys):
    vcfdir = os.path.join(outdir, "vcf")
    build = "GRCh38" if kind == "snpeff38" else "GRCh37"
    bg = Background(rng, build)
    pathway = [pathway_record(rng, k) for k in pathway_keys]
    hpv_neg_driver = [g for g in HNSCC_DRIVERS if rng.random() < {"TP53": 0.7, "CDKN2A": 0.25,
                                                                    "NOTCH1": 0.2, "FAT1": 0.3}[g]]
    files = []
    if kind in ("vep", "bcf"):
        bgv = bg.variants(rng.randint(20, 60), drivers=hpv_neg_driver, n_intergenic=rng.randint(1, 3))
        place_reads(rng, bgv, MUTECT2_BG_FILTERS)
        for v in bgv:
            v["csq"] = vep_background_csq(v)
        for pv in pathway:
            pv["csq"] = vep_pathway_csq(pv["key"], pv)
            if pv["key"] == "PIK3CA_H1047R_clustered":
                pv["ecnt"] = 4
        allv = bgv + pathway
        for v in allv:
            add_mutect2_noise(rng, v)
        text = mutect2_vcf(pid, allv)
        if kind == "vep":
            fn = "%s.mutect2.vep.vcf.gz" % pid
            bgzip_text(os.path.join(vcfdir, fn), text)
        else:
            fn = "%s.mutect2.bcf" % pid
            run(["bcftools", "view", "--no-version", "-Ob", "-o", os.path.join(vcfdir, fn), "-"],
                input=text.encode())
        files.append(fn)
    elif kind in ("snpeff", "snpeff38"):
        bgv = bg.variants(rng.randint(20, 45), drivers=hpv_neg_driver, n_intergenic=rng.randint(0, 2))
        place_reads(rng, bgv, ["weak_evidence", "strand_bias"], low_vaf_share=0.15)
        for v in bgv:
            v["ann"] = snpeff_background_ann(v, build)
        for pv in pathway:
            pv["ann"] = snpeff_pathway_ann(pv, build)
            if pv["protein"].endswith("*"):
                pv["lof"] = "(PTEN|ENSG00000171862|1|1.00)"
        allv = bgv + pathway
        for v in allv:
            v["extra_dp"] = rng.randint(0, 4)
        fn = "%s.tumor_only.snpeff.vcf" % pid
        write_text(os.path.join(vcfdir, fn), snpeff_vcf(pid, allv, build))
        files.append(fn)
    else:  # strelka, strelka_chr
        snvs = bg.variants(rng.randint(20, 55), drivers=hpv_neg_driver, snv_only=True,
                           n_intergenic=rng.randint(1, 3))
        indels = []
        for _ in range(rng.randint(2, 6)):
            g = rng.choice(bg.genes)
            pos = rng.randint(g[2] + 200, g[3] - 200)
            k = rng.choice([1, 1, 2, 3, 4])
            seq = bg.random_bases(1 + k)
            ref, alt = (seq, seq[0]) if rng.random() < 0.6 else (seq[0], seq)
            indels.append(dict(chrom=g[1], pos=pos, ref=ref, alt=alt))
        place_reads(rng, snvs + indels, ["LowEVS"], low_vaf_share=0.15)
        for v in snvs + indels:
            v["evs"] = rng.uniform(0.5, 4.5) if v["filter"] == "LowEVS" else rng.uniform(7.0, 21.0)
        for pv in pathway:
            pv["evs"] = rng.uniform(12.0, 19.0)
        texts = strelka_vcfs(rng, pid, snvs + pathway, indels, chr_names=(kind == "strelka_chr"))
        for part in ("snvs", "indels"):
            fn = "%s.strelka2.somatic.%s.vcf.gz" % (pid, part)
            bgzip_text(os.path.join(vcfdir, fn), texts[part])
            files.append(fn)
    for pv in pathway:
        pv["source_file"] = files[0]
    return files, pathway


# --------------------------------------------------------------------------------------------------------------
# The founding paper's survival headline: median PFS 5.9 months (95% CI 4.8-7.1), median OS 12.8 (9.8-15.8),
# symmetric intervals as R's survfit(conf.type = "plain"). The times drawn above (seeded) are mapped onto the
# paper's scale by a monotone piecewise-linear map of each endpoint's time axis: a Kaplan-Meier curve depends only
# on the order of the times and the events, so the map moves its median and the median's limits onto the three
# anchors and changes nothing else (who progresses first, responders' longer PFS). OS is kept >= PFS.
PAPER_PFS = (4.8, 5.9, 7.1)
PAPER_OS = (9.8, 12.8, 15.8)
Z_95 = 1.959963984540054  # qnorm(0.975)


def km_plain_median(times, events):
    """(median, lower, upper) as summary(survfit(Surv(t, e) ~ 1, conf.type = "plain"))$table, on times in 0.1."""
    pts = sorted(set(times))
    at_risk, surv, greenwood = len(times), 1.0, 0.0
    curves = ([], [], [])
    for t in pts:
        d = sum(1 for x, e in zip(times, events) if x == t and e)
        leaving = sum(1 for x in times if x == t)
        if d:
            surv *= (at_risk - d) / at_risk
            if at_risk > d:
                greenwood += d / (at_risk * (at_risk - d))
        half = Z_95 * greenwood ** 0.5 * surv
        nan = float("nan")
        curves[0].append(surv)
        curves[1].append(max(surv - half, 0.0) if surv > 0 else nan)
        curves[2].append(min(surv + half, 1.0) if surv > 0 else nan)
        at_risk -= leaving

    def median(curve):  # survival:::survmean's rule
        keep = [i for i, v in enumerate(curve) if v == v and v < 0.5 + 1.49e-8]
        if not keep:
            return None
        if abs(curve[keep[0]] - 0.5) < 1.49e-8:
            for j in keep[1:]:
                if curve[j] < curve[keep[0]]:
                    return (pts[keep[0]] + pts[j]) / 2
        return pts[keep[0]]
    return tuple(median(c) for c in curves)


def remap(times, events, anchors):
    """Monotone map of times (rounded to 0.1) whose plain KM median and limits land on anchors (low, mid, high)."""
    raw = [round(t, 1) for t in times]
    mid, low, high = km_plain_median(raw, events)
    src = [0.0, low, mid, high, max(raw)]
    dst = [0.0, anchors[0], anchors[1], anchors[2], max(raw) * anchors[2] / high]

    def f(t):
        for i in range(1, len(src)):
            if t <= src[i] or i == len(src) - 1:
                return dst[i - 1] + (t - src[i - 1]) * (dst[i] - dst[i - 1]) / (src[i] - src[i - 1])
    return [max(0.1, round(f(t), 1)) for t in raw]


def match_paper_survival(rows):
    pfs_events = [int(r[4]) for r in rows]
    os_events = [int(r[6]) for r in rows]
    pfs = remap([r[3] for r in rows], pfs_events, PAPER_PFS)
    os_m = remap([r[5] for r in rows], os_events, PAPER_OS)
    os_m = [max(o, p) for o, p in zip(os_m, pfs)]
    got_pfs, got_os = km_plain_median(pfs, pfs_events), km_plain_median(os_m, os_events)
    assert got_pfs == (PAPER_PFS[1], PAPER_PFS[0], PAPER_PFS[2]), got_pfs
    assert got_os == (PAPER_OS[1], PAPER_OS[0], PAPER_OS[2]), got_os
    for r, p, o in zip(rows, pfs, os_m):
        r[3], r[5] = "%.1f" % p, "%.1f" % o


def make_clinical(rng, outdir):
    seq = {p[0]: p for p in SEQUENCED}
    ids = ["HN%02d" % i for i in range(1, N_PATIENTS + 1)]
    remaining = dict(RESPONSE_TOTALS)
    for p in SEQUENCED:
        remaining[p[2]] -= 1
    pool = [r for r, n in sorted(remaining.items()) for _ in range(n)]
    rng.shuffle(pool)
    unseq = [i for i in ids if i not in seq]
    assert len(pool) == len(unseq) and min(remaining.values()) >= 0
    response = dict(zip(unseq, pool))
    words = dict(RECIST_WORDS)
    for code, word in sorted(RECIST_WORDS_UNSEQUENCED.items()):
        words[min(p for p in unseq if response[p] == code)] = word
    rows = []
    for pid in ids:
        if pid in seq:
            _pid, _kind, resp, pct, hpv, _keys = seq[pid]
        else:
            resp, pct, hpv = response[pid], None, None
        if pct is None and resp != "NE":
            pct = rng.uniform(-78.0, -31.0) if resp == "PR" else rng.uniform(-28.0, 18.0)
        if hpv is None:
            hpv = "positive" if rng.random() < 0.3 else "negative"
        if resp == "PR":
            pfs = rng.uniform(4.0, 14.0)
        elif resp == "SD":
            pfs = rng.uniform(1.8, 9.5)
        else:
            pfs = rng.uniform(1.0, 1.9)
        pfs_event = 1 if rng.random() < 0.85 else 0
        if pfs_event:
            os_m = pfs + rng.uniform(1.5, 16.0)
            os_event = 1 if rng.random() < 0.7 else 0
        else:
            os_m, os_event = pfs, 0
        rows.append([pid, words.get(pid, resp), "" if resp == "NE" else "%.1f" % pct, pfs,
                     str(pfs_event), os_m, str(os_event), hpv])
    match_paper_survival(rows)
    header = ["patient_id", "best_response", "best_pct_change", "pfs_months", "pfs_event", "os_months",
              "os_event", "hpv_status"]
    write_text(os.path.join(outdir, "clinical.tsv"),
               "\n".join("\t".join(r) for r in [header] + rows) + "\n")
    return rows


def check_clinical(rows):
    codes = {"partial response": "PR", "stable disease": "SD"}
    counts = {}
    for r in rows:
        code = codes.get(r[1].lower(), r[1])
        counts[code] = counts.get(code, 0) + 1
        if code == "PR":
            assert -80.0 <= float(r[2]) <= -30.0, r
        elif code == "SD":
            assert -29.0 <= float(r[2]) <= 19.0, r
        else:
            assert r[2] == "", r
        assert 1.0 <= float(r[3]) <= 14.0 or code == "NE", r
    assert counts == RESPONSE_TOTALS, counts


def write_truth(outdir, calls):
    header = ["patient_id", "gene", "protein_change", "counted", "reason", "build", "chrom", "pos", "ref", "alt",
              "hgvsc", "filter", "alteration_class", "source_file", "note"]
    lines = ["\t".join(header)]
    for pid, pv in sorted(calls, key=lambda x: (x[0], x[1]["gene"], x[1]["pos"])):
        lines.append("\t".join([pid, pv["gene"], pv["protein"] or ".", pv["counted"], pv["reason"], pv["build"],
                                pv["chrom"], str(pv["pos"]), pv["ref"], pv["alt"], pv.get("hgvsc") or ".", pv["filter"],
                                pv["alteration_class"], pv["source_file"], pv["note"]]))
    write_text(os.path.join(outdir, "expected_truth.tsv"), "\n".join(lines) + "\n")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--outdir", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "cohort"))
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = ap.parse_args(argv)
    for tool in ("bgzip", "bcftools"):
        if shutil.which(tool) is None:
            sys.exit("make_cohort.py: %s not found on PATH (install htslib/tabix and bcftools)" % tool)
    vcfdir = os.path.join(args.outdir, "vcf")
    os.makedirs(vcfdir, exist_ok=True)
    for fn in os.listdir(vcfdir):  # stale files from an older design would join the cohort
        if fn.startswith("HN") and (fn.endswith(".vcf") or fn.endswith(".vcf.gz") or fn.endswith(".bcf")):
            os.remove(os.path.join(vcfdir, fn))
    rng = random.Random(args.seed)
    rows = make_clinical(rng, args.outdir)
    check_clinical(rows)
    calls = []
    for pid, kind, _resp, _pct, _hpv, keys in SEQUENCED:
        # One generator per patient: editing one patient leaves the others' files unchanged.
        prng = random.Random("%d-%s" % (args.seed, pid))
        files, pathway = make_patient_files(prng, args.outdir, pid, kind, keys)
        calls += [(pid, pv) for pv in pathway]
    write_truth(args.outdir, calls)
    n_files = len(os.listdir(vcfdir))
    print("make_cohort.py: wrote %s (36 patients, %d sequenced, %d VCF/BCF files, seed %d)"
          % (args.outdir, len(SEQUENCED), n_files, args.seed))


if __name__ == "__main__":
    main()
