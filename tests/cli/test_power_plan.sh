# `pathcorr power` (exact power and sample size of Fisher's test) and `--plan` (testing families), issue 14.
source "$(dirname "$0")/lib.sh" "$@"
E=$REPO/examples/cohort

# Power, against exact enumeration in R (tests/unit/r_reference_power.R):
#   pw(30, 40, 0.3, 4, 0.05, "two.sided") = 0.74941642880484649
expect_exit 0 "$PATHCORR" power --n-altered 30 --n-wildtype 40 --response-rate-wildtype 0.3 --odds-ratio 4
cp "$WORK/last.out" power.tsv
awk -v p="$(tsv_get power.tsv n_altered 30 power)" 'BEGIN { if ((p - 0.74941642880484649)^2 > (1e-9 * p)^2) exit 1 }' \
  || fail "power differs from R's enumeration"
expect_eq "$(grep -v '^#' power.tsv | head -1)" \
  $'n_altered\tn_wildtype\tresponse_rate_wildtype\tresponse_rate_altered\todds_ratio\talpha\tpower' "power columns"
#   pw(12, 5, 0.5, 0.2, 0.05, "less") = 0.17189914008873589
expect_exit 0 "$PATHCORR" power --n-altered 12 --n-wildtype 5 --response-rate-wildtype 0.5 --odds-ratio 0.2 --alternative less
cp "$WORK/last.out" less.tsv
awk -v p="$(tsv_get less.tsv n_altered 12 power)" 'BEGIN { if ((p - 0.17189914008873589)^2 > (1e-9 * p)^2) exit 1 }' \
  || fail "one-sided power differs from R's enumeration"
# Sample size: ss(0.2, 0.4, 12) = n 49 (10 altered, 39 wild type), power 0.81693593818664501.
expect_exit 0 "$PATHCORR" power --prevalence 0.2 --target-power 0.8 --response-rate-wildtype 0.4 --odds-ratio 12
cp "$WORK/last.out" n.tsv
expect_eq "$(tsv_get n.tsv prevalence 0.2 n_total)/$(tsv_get n.tsv prevalence 0.2 n_altered)" "49/10" "sample size"
grep -q '^#exact power is saw-toothed in n' n.tsv || fail "the sample-size output must say power is saw-toothed in n"
# Usage errors: both modes, or neither; a bad alternative.
expect_exit 2 "$PATHCORR" power --n-altered 3 --n-wildtype 4 --prevalence 0.2 --response-rate-wildtype 0.4 --odds-ratio 2
expect_exit 2 "$PATHCORR" power --response-rate-wildtype 0.4 --odds-ratio 2
expect_exit 2 "$PATHCORR" power --n-altered 3 --n-wildtype 4 --response-rate-wildtype 0.4 --odds-ratio 2 --alternative up

# --plan: PIK3CA and the pathway are primary (Holm), the rest exploratory (BH), each over its tested rows.
expect_exit 0 "$PATHCORR" run --no-version --quiet --clinical "$E/clinical.tsv" --outdir out "$E/vcf"
printf 'feature\tfamily\nPIK3CA\tprimary\nPI3K_MTOR\tprimary\n' > plan.tsv
expect_exit 0 "$PATHCORR" test --no-version --quiet --plan plan.tsv --clinical "$E/clinical.tsv" \
  --matrix out/matrix.tsv --output planned.tsv
A=planned.tsv
expect_eq "$(tsv_get $A feature PIK3CA family)/$(tsv_get $A feature PTEN family)" "primary/exploratory" "families"
# R: p.adjust(c(PIK3CA = 1, PI3K_MTOR = 0.6730650154798762), "holm") = 1 1
#    p.adjust(c(AKT1 = 0.42857142857142855, PTEN = 1), "BH") = 0.8571428571428571 1
expect_eq "$(tsv_get $A feature PI3K_MTOR q_value)" "1" "primary q-value (Holm)"
expect_eq "$(tsv_get $A feature AKT1 q_value)" "0.8571428571428571" "exploratory q-value (BH over tested rows)"
# run.json records the plan and its SHA-256.
expect_exit 0 "$PATHCORR" run --no-version --quiet --plan plan.tsv --clinical "$E/clinical.tsv" --outdir out2 "$E/vcf"
sum=$(sha256sum plan.tsv | cut -d' ' -f1)
python3 - out2/run.json "$sum" <<'PY' || fail "run.json lacks the plan, its families or its SHA-256"
import json, sys
j = json.load(open(sys.argv[1]))
plan = [i for i in j["inputs"] if i["role"] == "plan"]
assert len(plan) == 1 and plan[0]["path"] == "plan.tsv" and plan[0]["sha256"] == sys.argv[2], plan
assert j["plan"] and all(set(e) == {"feature", "family"} for e in j["plan"]), j.get("plan")
PY
# A planned feature missing from the matrix: exit 1 naming the plan file and line.
printf 'feature\tfamily\nPIK3CA\tprimary\nKRAS\tprimary\n' > bad_plan.tsv
expect_exit 1 "$PATHCORR" test --quiet --plan bad_plan.tsv --clinical "$E/clinical.tsv" --matrix out/matrix.tsv --output x.tsv
expect_stderr "bad_plan.tsv:3: planned feature 'KRAS'"
[[ ! -e x.tsv ]] || fail "a failed test must leave no output"
finish
