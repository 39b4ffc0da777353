# Golden checks of scan/join/test/run on the hand-written VCFs in tests/data/tiny.
source "$(dirname "$0")/lib.sh" "$@"
T=$DATA/tiny

expect_exit 0 "$PATHCORR" run --no-version --quiet --clinical "$T/clinical.tsv" --outdir out "$T"
C=out/calls.tsv
# P01: VEP-annotated H1047R on the canonical transcript counts as a hotspot.
row=$(awk -F'\t' '$1=="P01" && $4==178952085' "$C")
expect_eq "$(cut -f7 <<<"$row")" "PIK3CA" "P01 H1047R gene"
expect_eq "$(cut -f8 <<<"$row")" "ENST00000263967" "P01 H1047R canonical transcript chosen over the downstream one"
expect_eq "$(cut -f9 <<<"$row")" "missense_variant" "P01 H1047R consequence"
expect_eq "$(cut -f15,16 <<<"$row")" $'hotspot\tyes' "P01 H1047R class/counted"
# P01: PTEN R130Q is non-PASS; PTEN synonymous never counts; TP53 is not in the gene set.
expect_eq "$(awk -F'\t' '$1=="P01" && $4==89692905 {print $16 "\t" $17}' "$C")" $'no\tfilter' "P01 PTEN R130Q filtered"
expect_eq "$(awk -F'\t' '$1=="P01" && $4==89717700 {print $16 "\t" $17}' "$C")" $'no\tsynonymous' "P01 PTEN synonymous"
[[ -z $(awk -F'\t' '$7=="TP53"' "$C") ]] || fail "TP53 is outside the gene set and must not be in calls.tsv"
# P02: unannotated Strelka2: E545K by hotspot position (VAF from tier-1 counts 30/80), a non-hotspot PIK3CA
# variant is 'unknown', the LowEVS H1047R decoy is filtered.
row=$(awk -F'\t' '$1=="P02" && $4==178936091' "$C")
expect_eq "$(cut -f10,11,12,13 <<<"$row")" $'p.E545K\t0.375\t80\t30' "P02 E545K hgvsp/vaf/depth/alt_depth"
expect_eq "$(cut -f15,16 <<<"$row")" $'hotspot\tyes' "P02 E545K counted"
expect_eq "$(awk -F'\t' '$1=="P02" && $4==178937000 {print $9 "\t" $16 "\t" $17}' "$C")" $'unknown\tno\tunknown_consequence' "P02 non-hotspot"
expect_eq "$(awk -F'\t' '$1=="P02" && $4==178952085 {print $16 "\t" $17}' "$C")" $'no\tfilter,low_alt_reads,low_vaf' "P02 LowEVS decoy"

# matrix: P01..P03 sequenced and in the clinical table; P04/P05 only in samples.tsv.
M=out/matrix.tsv
expect_eq "$(grep -v '^#' "$M" | cut -f1 | tr '\n' ' ')" "patient_id P01 P02 P03 " "matrix rows"
expect_eq "$(tsv_get "$M" patient_id P01 PIK3CA)$(tsv_get "$M" patient_id P02 PIK3CA)$(tsv_get "$M" patient_id P03 PIK3CA)" "110" "PIK3CA column"
expect_eq "$(tsv_get "$M" patient_id P01 PTEN)" "0" "P01 PTEN (filtered + synonymous) is wild type"
expect_eq "$(tsv_get "$M" patient_id P02 PI3K_MTOR)" "1" "pathway column"
S=out/samples.tsv
expect_eq "$(tsv_get "$S" patient_id P04 status)" "not_sequenced" "P04 flow"
expect_eq "$(tsv_get "$S" patient_id P03 status)" "ok" "P03 flow"
expect_eq "$(tsv_get "$S" patient_id P02 tumor_sample)" "TUMOR" "P02 tumour sample"
expect_eq "$(tsv_get "$S" patient_id P01 tumor_sample)" "P01_T" "P01 tumour sample from ##tumor_sample"
# associations: PIK3CA altered P01 (PR), P02 (SD); wild type P03 (PR).
A=out/associations.tsv
expect_eq "$(tsv_get "$A" feature PIK3CA n_altered)/$(tsv_get "$A" feature PIK3CA n_wildtype)" "2/1" "PIK3CA counts"
expect_eq "$(tsv_get "$A" feature PIK3CA altered_responders)$(tsv_get "$A" feature PIK3CA wildtype_responders)" "11" "PIK3CA responders"
# R: fisher.test(matrix(c(1,1,1,0),2))$p.value == 1
expect_eq "$(tsv_get "$A" feature PIK3CA p_value)" "1" "PIK3CA p"
[[ $(grep -vc '^#' "$A") -eq 31 ]] || fail "associations.tsv must have a row for each of 29 genes + 1 pathway"
grep -q '"sha256"' out/run.json || fail "run.json lacks input checksums"

# The split run (scan per patient, join, test) gives byte-identical tables.
for p in P01 P02 P03; do
  expect_exit 0 "$PATHCORR" scan --no-version --quiet --output "$p.calls.tsv" "$T"/$p.*.vcf
done
expect_exit 0 "$PATHCORR" join --no-version --clinical "$T/clinical.tsv" --output matrix.tsv --samples-output samples.tsv P0{1,2,3}.calls.tsv
expect_exit 0 "$PATHCORR" test --no-version --quiet --clinical "$T/clinical.tsv" --matrix matrix.tsv --output associations.tsv
cmp -s matrix.tsv out/matrix.tsv || fail "split matrix.tsv differs from run's"
cmp -s associations.tsv out/associations.tsv || fail "split associations.tsv differs from run's"
cmp -s samples.tsv out/samples.tsv || fail "split samples.tsv differs from run's"
cat P0{1,2,3}.calls.tsv | grep -v '^#' | grep -v '^patient_id' > split.rows
grep -v '^#' out/calls.tsv | grep -v '^patient_id' > run.rows
cmp -s split.rows run.rows || fail "split calls rows differ from run's"

# --threads does not change a byte.
expect_exit 0 "$PATHCORR" run --no-version --quiet --threads 2 --clinical "$T/clinical.tsv" --outdir out2 "$T"
for f in calls samples matrix associations; do cmp -s out/$f.tsv out2/$f.tsv || fail "--threads 2 changed $f.tsv"; done

# --policy oncogenic: PIK3CA (oncogene) still counts its hotspots.
expect_exit 0 "$PATHCORR" run --no-version --quiet --policy oncogenic --clinical "$T/clinical.tsv" --outdir out3 "$T"
expect_eq "$(tsv_get out3/matrix.tsv patient_id P01 PIK3CA)" "1" "oncogenic policy keeps hotspots"
finish
