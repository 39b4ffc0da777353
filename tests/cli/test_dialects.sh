# The same variants written in every annotation dialect (tests/data/dialects, made by make_dialects.py) give the
# same calls: each dialect's calls.tsv, under the default and the oncogenic policy, equals the hand-written
# expected_calls.tsv, and `pathcorr run` writes the same matrix.tsv whichever dialect the cohort came in.
source "$(dirname "$0")/lib.sh" "$@"
D=$DATA/dialects
dialects=(vep vep_v75 vep_in_ann snpeff_ann snpeff_eff snpeff_gatk bcsq funcotator annovar annovar_ensgene annovar_table)
found=$(cd "$D" && for x in */; do echo "${x%/}"; done | sort | tr '\n' ' ')
expect_eq "$found" "$(printf '%s\n' "${dialects[@]}" | sort | tr '\n' ' ')" "dialect directories"

printf 'patient_id\tbest_response\nDX01\tPR\nDX02\tSD\n' > clinical.tsv

# The rows a calls.tsv must hold for one dialect and policy ("" or _oncogenic): patient gene pos alt class counted
# reason protein_change, sorted; protein_change '*' in the expected table matches anything.
expected_rows() { # DIALECT SUFFIX
  awk -F'\t' -v d="$1" -v sfx="$2" '
    /^#/ {next}
    !h {for (i = 1; i <= NF; i++) c[$i] = i; h = 1; next}
    {
      n = split($c["absent_in"], absent, ",")
      for (i = 1; i <= n; i++) if (absent[i] == d) next
      pos = $c["pos"]; ref = $c["ref"]; alt = $c["alt"]
      if (d == "annovar_table" && length(ref) != length(alt)) {  # MAF style: no anchor base, "-" when empty
        pos++; alt = substr(alt, 2); if (alt == "") alt = "-"
      }
      print $c["patient_id"] "\t" $c["gene"] "\t" pos "\t" alt "\t" $c["alteration_class"] "\t" \
            $c["counted" sfx] "\t" $c["reason" sfx] "\t" $c["protein_change"]
    }' "$D/expected_calls.tsv" | sort
}
actual_rows() { # CALLS.TSV EXPECTED_ROWS_FILE: protein_change replaced by '*' where the expected row says '*'
  awk -F'\t' '
    FNR == NR {star[$1 "\t" $2 "\t" $3 "\t" $4] = ($8 == "*"); next}
    /^#/ {next}
    !h {for (i = 1; i <= NF; i++) c[$i] = i; h = 1; next}
    {
      key = $c["patient_id"] "\t" $c["gene"] "\t" $c["pos"] "\t" $c["alt"]
      p = $c["protein_change"]; if (star[key]) p = "*"
      print key "\t" $c["alteration_class"] "\t" $c["counted"] "\t" $c["reason"] "\t" p
    }' "$2" "$1" | sort
}

for d in "${dialects[@]}"; do
  for policy in default oncogenic; do
    sfx=""; [[ $policy == oncogenic ]] && sfx=_oncogenic
    expect_exit 0 "$PATHCORR" scan --no-version --quiet --policy "$policy" --output "$d.$policy.tsv" "$D/$d"/*
    [[ -s $d.$policy.tsv ]] || continue
    expected_rows "$d" "$sfx" > want.tsv
    actual_rows "$d.$policy.tsv" want.tsv > got.tsv
    if ! diff want.tsv got.tsv > diff.txt; then
      fail "$d, --policy $policy: calls differ from expected_calls.tsv (< expected, > pathcorr)"
      sed 's/^/    /' diff.txt >&2
    fi
    # Every row names the dialect it was read from.
    bad=$(awk -F'\t' '!/^#/ && !h {for (i = 1; i <= NF; i++) c[$i] = i; h = 1; next} !/^#/ {print $c["annotation"]}' \
      "$d.$policy.tsv" | sort -u | tr '\n' ' ')
    [[ $bad != *none* && $bad != *unknown* ]] || fail "$d: rows not read from the annotation: $bad"
  done
  expect_exit 0 "$PATHCORR" run --no-version --quiet --clinical clinical.tsv --outdir "out.$d" "$D/$d"
  grep -v '^#' "out.$d/matrix.tsv" > "matrix.$d.tsv" || true
done

# One matrix for all: the counted (patient, gene) calls do not depend on the dialect.
for d in "${dialects[@]}"; do
  cmp -s matrix.vep.tsv "matrix.$d.tsv" || { fail "matrix.tsv from $d differs from VEP's"; diff matrix.vep.tsv "matrix.$d.tsv" >&2 || true; }
done
# And it is the one the expected calls say: DX01 PIK3CA PTEN AKT1 TSC2; DX02 PIK3CA PTEN PIK3R1 STK11 MTOR TSC1.
altered() { awk -F'\t' -v p="$1" 'NR == 1 {for (i = 2; i <= NF; i++) g[i] = $i; next}
  $1 == p {for (i = 2; i <= NF; i++) if ($i == "1" && g[i] != "PI3K_MTOR") printf "%s ", g[i]}' matrix.vep.tsv; }
expect_eq "$(altered DX01)" "AKT1 PIK3CA PTEN TSC2 " "DX01 altered genes"
expect_eq "$(altered DX02)" "MTOR PIK3CA PIK3R1 PTEN STK11 TSC1 " "DX02 altered genes"
finish
