# Our own consequence calling (--fasta, --gtf) on the PIK3CA fixture of tests/data/csq (real GRCh37 exon
# sequence on a shifted contig; see tests/data/csq/README.md): hotspots get their HGVSp from sequence alone.
source "$(dirname "$0")/lib.sh" "$@"
C=$DATA/csq
# The fixture's contig 3 (forward strand) as one line of bases, for the checks below that place records on it.
gzip -dc "$C/pik3ca_chr3.fa.gz" | awk '/^>/ {keep = ($1 == ">3"); next} keep {printf "%s", $0}' > contig3.seq
expect_exit 0 "$PATHCORR" scan --no-version --quiet --build GRCh37 --fasta "$C/pik3ca_chr3.fa.gz" \
  --gtf "$C/pik3ca_shifted.gff3" --output calls.tsv "$C/variants.vcf"
get() { awk -F'\t' -v c="$1" -v p="$2" -v a="$3" '!/^#/ && $3==c && $4==p && $6==a {print $9 "\t" $10 "\t" $15 "\t" $16}' calls.tsv; }
expect_eq "$(get 3 92085 G)" $'missense_variant\tp.His1047Arg\thotspot\tyes' "H1047R from sequence"
expect_eq "$(get 3 76091 A)" $'missense_variant\tp.Glu545Lys\thotspot\tyes' "E545K from sequence"
expect_eq "$(get 3 76082 A)" $'missense_variant\tp.Glu542Lys\thotspot\tyes' "E542K from sequence"
expect_eq "$(get 3 76093 A)" $'synonymous_variant\tp.Glu545=\tother\tno' "synonymous"
expect_eq "$(awk -F'\t' '/^#input/' calls.tsv | grep -c 'annotation=pathcorr')" "1" "annotation source recorded"
# Against the annotators of real PIK3CA files: the records of the Funcotator regression set (24 indels and
# substitutions around E545) and the VEP-annotated PCGR H1047R, moved onto the fixture contig with their
# annotation removed, get from sequence the consequence Funcotator / VEP state (stated_consequences.py reads the
# annotated copy).
shift_pik3ca() { # VCF: chr3 PIK3CA records moved by -178860000 onto contig 3 of the fixture, annotation kept
  { grep '^##' "$1" | grep -v '^##contig'; echo '##contig=<ID=3,length=105000>'; grep '^#CHROM' "$1"
    grep -v '^#' "$1" | awk -F'\t' -v OFS='\t' '($1 == "3" || $1 == "chr3") && $2 > 178860000 && $2 < 178965000 {
      $1 = "3"; $2 -= 178860000; print}'; }
}
strip_info() { awk -F'\t' -v OFS='\t' '/^#/ {print; next} {$8 = "."; print}' "$1"; }
shift_pik3ca "$DATA/real/annotated/gatk_funcotator_regressionTestVariantSet1.vcf" > funco.vcf
strip_info funco.vcf > funco.plain.vcf
expect_exit 0 "$PATHCORR" scan --no-version --quiet --build GRCh37 --fasta "$C/pik3ca_chr3.fa.gz" \
  --gtf "$C/pik3ca_shifted.gff3" --output funco.calls.tsv funco.plain.vcf
expect_exit 0 python3 "$REPO/tests/cli/stated_consequences.py" funco.vcf funco.calls.tsv PIK3CA funcotator
grep -q ': 24 call(s) checked against the stated consequence, 0 problem' "$WORK/last.out" ||
  fail "Funcotator regression set: $(cat "$WORK/last.out")"
gzip -dc "$DATA/real/pathway/pcgr_tumor_sample.BRCA.pcgr_vep_PIK3CA_H1047R.vcf.gz" > pcgr.vcf
shift_pik3ca pcgr.vcf > pcgr.shifted.vcf
strip_info pcgr.shifted.vcf > pcgr.plain.vcf
expect_exit 0 "$PATHCORR" scan --no-version --quiet --build GRCh37 --fasta "$C/pik3ca_chr3.fa.gz" \
  --gtf "$C/pik3ca_shifted.gff3" --output pcgr.calls.tsv pcgr.plain.vcf
expect_exit 0 python3 "$REPO/tests/cli/stated_consequences.py" pcgr.shifted.vcf pcgr.calls.tsv PIK3CA vep
grep -q ': 1 call(s) checked against the stated consequence, 0 problem' "$WORK/last.out" ||
  fail "PCGR VEP H1047R: $(cat "$WORK/last.out")"
grep -q 'ENST00000263967|[^,]*ENSP00000263967.3:p.His1047Arg' pcgr.shifted.vcf || fail "the VEP file states H1047R"
expect_eq "$(awk -F'\t' '!/^#/ && $4 == 92085 {print $10}' pcgr.calls.tsv)" "p.His1047Arg" "VEP's HGVSp from sequence"
expect_eq "$(tsv_get pcgr.calls.tsv pos 92085 annotation)" "pathcorr" "a record without annotation called from sequence"
# Against the VEP annotations of the vcf2maf test MAF (real PIK3CA E545K and the in-frame E469delinsDK insertion
# at the end of exon 4): its PIK3CA rows as VCF records on the fixture (REF from the fixture FASTA) get VEP's HGVSp
# and an in-frame/missense class from sequence. VEP names the insertion protein_altering_variant (its peptide
# E>DK is no pure insertion), we and bcftools csq inframe_insertion: both in-frame, the same class.
python3 - "$DATA/real/maf/vcf2maf_test_output.vep_isoforms.maf" contig3.seq > maf_pik3ca.vcf <<'PY'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if not l.startswith("#")]
c = {n: i for i, n in enumerate(rows[0])}
seq = open(sys.argv[2]).read()
print("##fileformat=VCFv4.2\n##contig=<ID=3,length=105000>\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO")
for r in rows[1:]:
    if r[c["Hugo_Symbol"]] != "PIK3CA":
        continue
    pos, ref, alt = int(r[c["Start_Position"]]) - 178860000, r[c["Reference_Allele"]], r[c["Tumor_Seq_Allele2"]]
    if ref == "-":  # MAF insertion after Start_Position: VCF anchors it on that base
        ref, alt = seq[pos - 1], seq[pos - 1] + alt
    print("3\t%d\t%s\t%s\t%s\t.\tPASS\tVEP_HGVSP=%s" % (pos, r[c["HGVSp"]].split(":")[-1], ref, alt,
                                                          r[c["HGVSp"]].split(":")[-1]))
PY
expect_exit 0 "$PATHCORR" scan --no-version --quiet --build GRCh37 --fasta "$C/pik3ca_chr3.fa.gz" \
  --gtf "$C/pik3ca_shifted.gff3" --output maf_pik3ca.tsv maf_pik3ca.vcf
expect_eq "$(awk -F'\t' '!/^#/ && !h {h = 1; next} !/^#/ {print $4, $9, $10, $15}' maf_pik3ca.tsv)" \
  "$(printf '%s\n' "68219 inframe_insertion&splice_region_variant p.Glu469delinsAspLys inframe" \
                   "76091 missense_variant p.Glu545Lys hotspot")" "vcf2maf/VEP PIK3CA rows from sequence"
expect_eq "$(grep -v '^#' maf_pik3ca.vcf | cut -f 3 | tr '\n' ' ')" "p.Glu469delinsAspLys p.Glu545Lys " "VEP's HGVSp in the MAF"
# --annotation none: the annotated copy, its VEP CSQ ignored, is called from sequence as the stripped copy is (the
# copy's population AF, from INFO keys beside the CSQ, aside).
expect_exit 0 "$PATHCORR" scan --no-version --quiet --build GRCh37 --annotation none --fasta "$C/pik3ca_chr3.fa.gz" \
  --gtf "$C/pik3ca_shifted.gff3" --output pcgr.none.tsv pcgr.shifted.vcf
expect_eq "$(grep -v '^#' pcgr.none.tsv | cut -f 1-17,19-21,23)" "$(grep -v '^#' pcgr.calls.tsv | cut -f 1-17,19-21,23)" \
  "--annotation none calls as the unannotated copy"
expect_eq "$(awk -F'\t' '/^#input/' pcgr.none.tsv | grep -c 'annotation=pathcorr')" "1" "--annotation none: annotation=pathcorr"
# Live against bcftools csq (when installed): its output on the fixture is the committed expected_bcsq.vcf, and
# pathcorr reading that BCSQ calls every record as pathcorr calling from sequence does (class, counted, reason;
# protein changes too, but where bcftools prints less than HGVS needs: no change for start_lost, no extension
# length for stop_lost, no right flank for an insertion, '?' after a deletion over a splice donor).
if command -v bcftools >/dev/null; then
  bcftools csq --local-csq --no-version -f "$C/pik3ca_chr3.fa.gz" -g "$C/pik3ca_shifted.gff3" -o live.vcf \
    "$C/variants.vcf" 2>/dev/null || fail "bcftools csq failed on the fixture"
  expect_eq "$(grep -v '^#' live.vcf | md5sum)" "$(grep -v '^#' "$C/expected_bcsq.vcf" | md5sum)" \
    "bcftools csq $(bcftools --version | head -n 1 | cut -d' ' -f2) output = expected_bcsq.vcf"
  expect_exit 0 "$PATHCORR" scan --no-version --quiet --build GRCh37 --output theirs.tsv live.vcf
  keyed() { awk -F'\t' -v OFS='\t' '!/^#/ && !h {h = 1; next} !/^#/ {print $3 ":" $4 ":" $6, $15, $16, $17, $23}' "$1" | sort; }
  join -t $'\t' <(keyed theirs.tsv) <(keyed calls.tsv) > joined.tsv
  expect_eq "$(wc -l < joined.tsv)" "$(grep -v '^#' live.vcf | grep -c 'BCSQ=')" "every record bcftools annotates is compared"
  expect_eq "$(awk -F'\t' '$2 != $6 || $3 != $7 || $4 != $8' joined.tsv)" "" "class, counted, reason as bcftools csq"
  expect_eq "$(awk -F'\t' '$5 != $9 {print $1}' joined.tsv | tr '\n' ' ')" \
    "3:56614:G 3:76093:GGCA 3:92150:C rc3:12851:G rc3:28876:T rc3:28907:GTGC rc3:48387:C " \
    "protein changes differ only where bcftools prints less"
fi
# The built-in models (--fasta without --gtf: reference/canonical_exons.tsv, real GRCh37 coordinates): the fixture's
# contig 3 put back at its real place on a chr3 of N (182 MB, made here), the forward-strand records moved with it,
# give the same calls as the shifted fixture with its GFF3.
python3 - contig3.seq <<'PY'
import sys
seq = open(sys.argv[1]).read()
line, n = "N" * 60 + "\n", 178_860_000 // 60
with open("chr3_grch37.fa", "w") as f:
    f.write(">3\n")
    for _ in range(n // 10000):
        f.write(line * 10000)
    f.write(line * (n % 10000))
    f.writelines(seq[i:i + 60] + "\n" for i in range(0, len(seq), 60))
PY
awk -F'\t' -v OFS='\t' '/^##contig/ {next} /^#CHROM/ {print "##contig=<ID=3,length=198022430>"} /^#/ {print; next}
  $1 == "3" {$2 += 178860000; print}' "$C/variants.vcf" > real.vcf
expect_exit 0 "$PATHCORR" scan --no-version --quiet --build GRCh37 --fasta chr3_grch37.fa --output real.tsv real.vcf
calls_of() { awk -F'\t' -v OFS='\t' -v shift="$2" '!/^#/ && !h {h = 1; next} !/^#/ && $3 == "3" {$4 -= shift
  print $4, $5, $6, $7, $8, $9, $10, $15, $16, $17, $21, $23}' "$1"; }
expect_eq "$(calls_of real.tsv 178860000)" "$(calls_of calls.tsv 0)" "built-in models at GRCh37 = fixture GFF3"
expect_eq "$(calls_of real.tsv 178860000 | wc -l)" "28" "forward-strand records called with the built-in models"
rm -f chr3_grch37.fa chr3_grch37.fa.fai
# A FASTA that does not match the VCF's REF is a contradiction between inputs (exit 3), naming the record.
sed 's/^3\t92085\t\([^\t]*\)\tA\tG/3\t92085\t\1\tC\tG/' "$C/variants.vcf" > mismatch.vcf
expect_exit 3 "$PATHCORR" scan --build GRCh37 --fasta "$C/pik3ca_chr3.fa.gz" --gtf "$C/pik3ca_shifted.gff3" \
  --output x.tsv mismatch.vcf
expect_stderr "mismatch.vcf:[0-9]+: record [0-9]+ .*does not match the reference"
expect_exit 2 "$PATHCORR" scan --gtf "$C/pik3ca_shifted.gff3" --output x.tsv "$C/variants.vcf"
finish
