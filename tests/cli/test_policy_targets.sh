# --policy oncogenic with the built-in and a user rules file, --transcripts, and --targets (NA, not wild type).
source "$(dirname "$0")/lib.sh" "$@"
D=$DATA/policy
call() { awk -F'\t' -v g="$2" '!/^#/ && $7==g {print $16 "\t" $17}' "$1"; }

expect_exit 0 "$PATHCORR" scan --no-version --output default.tsv "$D/P10.vep.vcf"
for g in PIK3CA PIK3R1 PTEN STK11; do expect_eq "$(call default.tsv $g)" $'yes\t.' "default policy counts $g"; done

expect_exit 0 "$PATHCORR" scan --no-version --policy oncogenic --output onc.tsv "$D/P10.vep.vcf"
expect_eq "$(call onc.tsv PIK3CA)" $'no\tnot_hotspot_in_oncogene' "oncogene missense outside hotspots"
expect_eq "$(call onc.tsv PTEN)" $'yes\t.' "tumour-suppressor frameshift"
expect_eq "$(call onc.tsv STK11)" $'no\tnot_truncating_in_tsg' "tumour-suppressor missense"
expect_eq "$(call onc.tsv PIK3R1)" $'yes\t.' "PIK3R1 in-frame deletion (gene rule)"

# A user rules file replaces the built-in one: without the PIK3R1 row its in-frame deletion no longer counts.
printf 'scope\tname\tcounts\nrole\tOG\thotspot,missense\nrole\tTSG\ttruncating\n' > rules.tsv
expect_exit 0 "$PATHCORR" scan --no-version --policy oncogenic --rules rules.tsv --output user.tsv "$D/P10.vep.vcf"
expect_eq "$(call user.tsv PIK3CA)" $'yes\t.' "user rules count oncogene missense"
expect_eq "$(call user.tsv PIK3R1)" $'no\tnot_truncating_in_tsg' "user rules drop the PIK3R1 gene rule"
printf 'scope\tname\tcounts\nrole\tOG\tmissense,everything\n' > badrules.tsv
expect_exit 1 "$PATHCORR" scan --policy oncogenic --rules badrules.tsv --output x.tsv "$D/P10.vep.vcf"
expect_stderr "badrules.tsv:2: 'everything' is not an alteration class"
expect_exit 2 "$PATHCORR" scan --rules rules.tsv --output x.tsv "$D/P10.vep.vcf"

# --transcripts: the PIK3CA change on ENST00000643187 is synonymous, so with that transcript it does not count.
printf 'gene\ttranscript\nPIK3CA\tENST00000643187.1\n' > tx.tsv
expect_exit 0 "$PATHCORR" scan --no-version --transcripts tx.tsv --output tx.calls.tsv "$D/P10.vep.vcf"
expect_eq "$(awk -F'\t' '!/^#/ && $7=="PIK3CA" {print $8 "\t" $16 "\t" $17 "\t" $21}' tx.calls.tsv)" \
  $'ENST00000643187\tno\tsynonymous\tuser_transcript' "--transcripts override"

# --targets: a BED covering only PIK3CA (GRCh37 gene span, 0-based start) makes the other genes NA.
printf 'track name=panel\n3\t178865901\t178957881\tPIK3CA\n' > panel.bed
expect_exit 0 "$PATHCORR" run --no-version --quiet --targets panel.bed --clinical "$D/clinical.tsv" --outdir out "$D"
M=out/matrix.tsv
expect_eq "$(tsv_get "$M" patient_id P10 PIK3CA)$(tsv_get "$M" patient_id P11 PIK3CA)" "10" "PIK3CA evaluable"
expect_eq "$(tsv_get "$M" patient_id P10 PTEN)" "1" "an off-target counted call still counts"
expect_eq "$(tsv_get "$M" patient_id P11 PTEN)" "NA" "PTEN outside the targets is not evaluable"
expect_eq "$(tsv_get "$M" patient_id P11 PI3K_MTOR)" "NA" "pathway with no alteration and NA genes"
expect_eq "$(tsv_get "$M" patient_id P10 PI3K_MTOR)" "1" "pathway with an alteration"
A=out/associations.tsv
expect_eq "$(tsv_get "$A" feature PTEN n_not_evaluable)/$(tsv_get "$A" feature PTEN n_wildtype)" "1/0" "PTEN NA left out of its test"
expect_eq "$(tsv_get "$A" feature PIK3CA n_not_evaluable)" "0" "PIK3CA evaluated for everyone"
grep -q $'P11\t.*\tok\t.*PTEN' out/samples.tsv || fail "samples.tsv lists the not-evaluable genes"
printf '3\t100\n' > bad.bed
expect_exit 1 "$PATHCORR" run --targets bad.bed --clinical "$D/clinical.tsv" --outdir bad "$D"
expect_stderr "bad.bed:1"
finish
