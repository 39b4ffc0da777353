# The bundled example cohort reproduces the founding trial's numbers, and every call matches the generator's
# intended truth (examples/cohort/expected_truth.tsv).
source "$(dirname "$0")/lib.sh" "$@"
E=$REPO/examples/cohort

expect_exit 0 "$PATHCORR" run --no-version --quiet --clinical "$E/clinical.tsv" --outdir out "$E/vcf"
S=out/samples.tsv
# 36 patients, 21 sequenced, 15 not sequenced.
expect_eq "$(grep -v '^#' "$S" | tail -n +2 | cut -f1 | sort -u | wc -l)" "36" "patients in samples.tsv"
expect_eq "$(awk -F'\t' '!/^#/ && $10=="ok" {print $1}' "$S" | sort -u | wc -l)" "21" "sequenced patients"
expect_eq "$(awk -F'\t' '!/^#/ && $10=="not_sequenced"' "$S" | wc -l)" "15" "patients not sequenced"
expect_eq "$(grep -vc '^#' out/matrix.tsv)" "22" "matrix rows (header + 21)"
# ORR 15/36 = 41.7%, 95% CI 25.5%-59.2% (R: binom.test(15, 36)$conf.int = 0.255141048326468 0.592434759108223).
R=out/response.tsv
expect_eq "$(tsv_get "$R" population all_clinical n)/$(tsv_get "$R" population all_clinical responders)" "36/15" "ORR counts"
awk -F'\t' '!/^#/ && $1=="all_clinical" {
  if (($5 - 0.255141048326468)^2 > 1e-20 || ($6 - 0.592434759108223)^2 > 1e-20) exit 1 }' "$R" || fail "ORR interval"
# 4 PIK3CA-mutant patients, 3 of them with tumour regression (best_pct_change < 0).
A=out/associations.tsv
expect_eq "$(tsv_get "$A" feature PIK3CA n_altered)" "4" "PIK3CA-mutant patients"
# Issue 14: genes without an altered patient are not tested and leave the BH family (q NA); PIK3CA is tested and
# no odds ratio reaches 80% power with 4 vs 17 patients (R, r_reference_power.R: mdor(4, 17, 7/17) = Inf).
expect_eq "$(tsv_get "$A" feature MTOR tested)/$(tsv_get "$A" feature MTOR not_tested_reason)/$(tsv_get "$A" feature MTOR q_value)" \
  "no/no_altered/NA" "untested gene"
expect_eq "$(tsv_get "$A" feature PIK3CA tested)/$(tsv_get "$A" feature PIK3CA family)/$(tsv_get "$A" feature PIK3CA min_detectable_or)" \
  "yes/exploratory/Inf" "PIK3CA tested, exploratory, no detectable odds ratio"
# The paper's survival headline with --km-conf-type plain: median PFS 5.9 (4.8-7.1), OS 12.8 (9.8-15.8); R:
#   summary(survfit(Surv(pfs_months, pfs_event) ~ 1, d, conf.type = "plain"))$table[7:9] = 5.9 4.8 7.1 (OS 12.8 9.8 15.8)
expect_exit 0 "$PATHCORR" test --no-version --quiet --km-conf-type plain --clinical "$E/clinical.tsv" \
  --matrix out/matrix.tsv --output plain.tsv --response-output plain_response.tsv
P=plain_response.tsv
expect_eq "$(tsv_get $P population all_clinical pfs_median) $(tsv_get $P population all_clinical pfs_median_ci_low) $(tsv_get $P population all_clinical pfs_median_ci_high)" \
  "5.9 4.8 7.1" "median PFS (plain)"
expect_eq "$(tsv_get $P population all_clinical os_median) $(tsv_get $P population all_clinical os_median_ci_low) $(tsv_get $P population all_clinical os_median_ci_high)" \
  "12.8 9.8 15.8" "median OS (plain)"
# R's default conf.type = "log": PFS 5.9 (4.8-8.2), OS 12.8 (9.9-18.9).
expect_eq "$(tsv_get "$R" population all_clinical pfs_median_ci_high)/$(tsv_get "$R" population all_clinical os_median_ci_low)" \
  "8.2/9.9" "median limits (log)"
# --ne exclude: the two NE patients leave the response analysis (ORR 15/34).
expect_exit 0 "$PATHCORR" test --no-version --quiet --ne exclude --clinical "$E/clinical.tsv" \
  --matrix out/matrix.tsv --output ne.tsv --response-output ne_response.tsv
expect_eq "$(tsv_get ne_response.tsv population all_clinical n)/$(tsv_get ne_response.tsv population all_clinical responders)" \
  "34/15" "ORR without NE patients"
expect_exit 0 "$PATHCORR" test --no-version --quiet --endpoint regression --clinical "$E/clinical.tsv" \
  --matrix out/matrix.tsv --output reg.tsv
expect_eq "$(tsv_get reg.tsv feature PIK3CA altered_responders)/$(tsv_get reg.tsv feature PIK3CA n_altered)" "3/4" \
  "PIK3CA-mutant patients with regression"

# Stratified by HPV status: R, on the same matrix and clinical table,
#   mantelhaen.test(table(PI3K_MTOR, responder, hpv_status), exact = TRUE)$p.value = 0.659540459540460
#   mantelhaen.test(...)$estimate (exact = FALSE) = 1.74074074074074
expect_exit 0 "$PATHCORR" test --no-version --quiet --strata hpv_status --clinical "$E/clinical.tsv" \
  --matrix out/matrix.tsv --output strata.tsv
awk -F'\t' -v p="$(tsv_get strata.tsv feature PI3K_MTOR p_value_strata)" \
  -v mh="$(tsv_get strata.tsv feature PI3K_MTOR mh_odds_ratio)" -v n="$(tsv_get strata.tsv feature PI3K_MTOR strata_used)" \
  'BEGIN { if ((p - 0.659540459540460)^2 > 1e-22 || (mh - 1.74074074074074)^2 > 1e-24 || n != 2) exit 1 }' \
  || fail "stratified test of PI3K_MTOR differs from R"
expect_exit 1 "$PATHCORR" test --strata no_such_column --clinical "$E/clinical.tsv" --matrix out/matrix.tsv --output x.tsv
expect_stderr "no column 'no_such_column'"

# Every intended call is in calls.tsv with the intended counted/reason.
C=out/calls.tsv
# (awk, not `read`: read folds the empty reason field of counted rows.)
awk -F'\t' '
  FNR == NR { if (!/^#/) got[$1 SUBSEP $7 SUBSEP $4 SUBSEP $6] = $16 "/" ($17 == "." ? "" : $17); next }
  FNR == 1 { next }
  { key = $1 SUBSEP $2 SUBSEP $8 SUBSEP $10; want = $4 "/" $5
    if (got[key] != want) { printf "FAIL: %s %s %s: expected %s, got %s\n", $1, $2, $3, want, got[key]; bad = 1 } }
  END { exit bad }' "$C" "$E/expected_truth.tsv" >&2 || fail "calls differ from expected_truth.tsv"
# ...and nothing else inside the pathway is counted.
expect_eq "$(awk -F'\t' '!/^#/ && $16=="yes"' "$C" | wc -l)" "$(awk -F'\t' 'NR>1 && $4=="yes"' "$E/expected_truth.tsv" | wc -l)" \
  "number of counted calls"
finish
