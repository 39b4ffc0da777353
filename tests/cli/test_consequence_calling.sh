# Our own consequence calling (--fasta, --gtf) on the PIK3CA fixture of tests/data/csq (real GRCh37 exon
# sequence on a shifted contig; see tests/data/csq/README.md): hotspots get their HGVSp from sequence alone.
source "$(dirname "$0")/lib.sh" "$@"
C=$DATA/csq
expect_exit 0 "$PATHCORR" scan --no-version --quiet --build GRCh37 --fasta "$C/pik3ca_chr3.fa.gz" \
  --gtf "$C/pik3ca_shifted.gff3" --output calls.tsv "$C/variants.vcf"
get() { awk -F'\t' -v c="$1" -v p="$2" -v a="$3" '!/^#/ && $3==c && $4==p && $6==a {print $9 "\t" $10 "\t" $15 "\t" $16}' calls.tsv; }
expect_eq "$(get 3 92085 G)" $'missense_variant\tp.His1047Arg\thotspot\tyes' "H1047R from sequence"
expect_eq "$(get 3 76091 A)" $'missense_variant\tp.Glu545Lys\thotspot\tyes' "E545K from sequence"
expect_eq "$(get 3 76082 A)" $'missense_variant\tp.Glu542Lys\thotspot\tyes' "E542K from sequence"
expect_eq "$(get 3 76093 A)" $'synonymous_variant\tp.Glu545=\tother\tno' "synonymous"
expect_eq "$(awk -F'\t' '/^#input/' calls.tsv | grep -c 'annotation=pathcorr')" "1" "annotation source recorded"
# A FASTA that does not match the VCF's REF is a contradiction between inputs (exit 3), naming the record.
sed 's/^3\t92085\t\([^\t]*\)\tA\tG/3\t92085\t\1\tC\tG/' "$C/variants.vcf" > mismatch.vcf
expect_exit 3 "$PATHCORR" scan --build GRCh37 --fasta "$C/pik3ca_chr3.fa.gz" --gtf "$C/pik3ca_shifted.gff3" \
  --output x.tsv mismatch.vcf
expect_stderr "mismatch.vcf:[0-9]+: record [0-9]+ .*does not match the reference"
expect_exit 2 "$PATHCORR" scan --gtf "$C/pik3ca_shifted.gff3" --output x.tsv "$C/variants.vcf"
finish
