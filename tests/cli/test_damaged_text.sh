# Every text input kind through the one reader: with a UTF-8 BOM and CRLF line ends it gives the same output as
# the plain LF file; gzip-compressed and cut in half it is refused (exit 1, the file named, no output left).
source "$(dirname "$0")/lib.sh" "$@"
T=$DATA/tiny
C=$DATA/csq
P=$DATA/policy

# Inputs made from the test data: calls.tsv and matrix.tsv by pathcorr itself, the others hand-written.
"$PATHCORR" scan --no-version --quiet --output calls.tsv "$T/P01.mutect2.vep.vcf"
"$PATHCORR" run --no-version --quiet --clinical "$T/clinical.tsv" --outdir tiny "$T"
printf 'patient_id\tvcf\nP01\t%s\nP03\t%s\n' "$T/P01.mutect2.vep.vcf" "$T/P03.mutect2.vcf" > samples.tsv
printf 'scope\tname\tcounts\nrole\tOG\thotspot,missense\nrole\tTSG\ttruncating\n' > rules.tsv
printf 'track name=panel\n3\t178865901\t178957881\tPIK3CA\n' > targets.bed
printf 'gene\ttranscript\nPIK3CA\tENST00000643187.1\n' > transcripts.tsv
# MAF and ANNOVAR inputs large enough (> one 64 KiB block decompressed) that the cut leaves whole rows before it,
# which a reader without the truncation check takes for the whole file.
gzip -dc "$DATA/real/maf/maftools_tcga_laml.maf.gz" > laml.maf
A=$DATA/dialects/annovar_table/cohort.hg19_multianno.txt
{ head -n 1 "$A"; for i in $(seq 200); do tail -n +2 "$A"; done; } > big.hg19_multianno.txt

# check NAME SOURCE OUTPUT CMD...: runs CMD in three directories, each holding SOURCE under its own name - as it is
# (lf), with a BOM and CRLF (bom), and gzip-compressed then cut in half (cut). XFILEX in CMD stands for that file.
check() {
  local name=$1 src=$2 output=$3; shift 3
  local base
  base=$(basename "$src")
  mkdir -p "$name"/{lf,bom,cut}
  cp "$src" "$name/lf/$base"
  { printf '\xEF\xBB\xBF'; sed 's/$/\r/' "$src"; } > "$name/bom/$base"
  gzip -c "$name/bom/$base" > "$name/whole.gz"
  head -c $(($(stat -c %s "$name/whole.gz") / 2)) "$name/whole.gz" > "$name/cut/$base"
  local variant args
  for variant in lf bom cut; do
    args=("${@//XFILEX/$base}")
    pushd "$name/$variant" >/dev/null
    if [[ $variant == cut ]]; then
      expect_exit 1 "${args[@]}"
      expect_stderr "$base: damaged or truncated compressed data"
      [[ ! -e $output ]] || fail "$name: a refused run left $output"
    else
      expect_exit 0 "${args[@]}"
    fi
    popd >/dev/null
  done
  cmp -s "$name/lf/$output" "$name/bom/$output" || fail "$name: BOM + CRLF changed $output"
}

S=(scan --no-version --quiet --output out.tsv)
check clinical "$T/clinical.tsv" matrix.tsv \
  "$PATHCORR" join --no-version --clinical XFILEX --output matrix.tsv --samples-output s.tsv "$WORK/calls.tsv"
check sample_sheet "$WORK/samples.tsv" out.tsv "$PATHCORR" "${S[@]}" --samples XFILEX
check maf "$WORK/laml.maf" out.tsv "$PATHCORR" "${S[@]}" XFILEX
check annovar "$WORK/big.hg19_multianno.txt" out.tsv "$PATHCORR" "${S[@]}" XFILEX
check gff3 "$C/pik3ca_shifted.gff3" out.tsv \
  "$PATHCORR" "${S[@]}" --build GRCh37 --fasta "$C/pik3ca_chr3.fa.gz" --gtf XFILEX "$C/variants.vcf"
check gtf "$C/PIK3CA.gencode.v19.annotation.gtf" out.tsv \
  "$PATHCORR" "${S[@]}" --build GRCh37 --fasta "$C/pik3ca_chr3.fa.gz" --gtf XFILEX "$C/variants.vcf"
check rules "$WORK/rules.tsv" out.tsv "$PATHCORR" "${S[@]}" --policy oncogenic --rules XFILEX "$P/P10.vep.vcf"
check targets "$WORK/targets.bed" out.tsv "$PATHCORR" "${S[@]}" --targets XFILEX "$P/P10.vep.vcf"
check transcripts "$WORK/transcripts.tsv" out.tsv "$PATHCORR" "${S[@]}" --transcripts XFILEX "$P/P10.vep.vcf"
check hotspots "$REPO/reference/hotspots.tsv" out.tsv "$PATHCORR" "${S[@]}" --hotspots XFILEX "$P/P10.vep.vcf"
check matrix "$WORK/tiny/matrix.tsv" out.tsv \
  "$PATHCORR" test --no-version --quiet --clinical "$T/clinical.tsv" --matrix XFILEX --output out.tsv
check calls "$WORK/calls.tsv" matrix.tsv \
  "$PATHCORR" join --no-version --clinical "$T/clinical.tsv" --output matrix.tsv --samples-output s.tsv XFILEX
finish
