# MAF in and out: the TCGA-LAML MAF (maftools, 193 patients with mutations) with its 200-patient clinical
# annotation is a real negative cohort: declared through a sample sheet, all 200 patients enter the denominators.
source "$(dirname "$0")/lib.sh" "$@"
MAF=$DATA/real/maf/maftools_tcga_laml.maf.gz
ANNOT=$DATA/real/maf/maftools_tcga_laml_annot.tsv

# A response per patient (synthetic: the annotation has none) and a sheet pointing every patient at the MAF.
awk -F'\t' 'NR == 1 {print "patient_id\tbest_response"; next} {print $1 "\t" (NR % 3 ? "PR" : "SD")}' "$ANNOT" > clinical.tsv
awk -F'\t' -v m="$MAF" 'NR == 1 {print "patient_id\tvcf"; next} {print $1 "\t" m}' "$ANNOT" > sheet.tsv
expect_exit 0 "$PATHCORR" run --no-version --quiet --samples sheet.tsv --clinical clinical.tsv --outdir out --maf out/calls.maf
expect_eq "$(grep -vc '^#' out/matrix.tsv)" "201" "matrix rows (header + 200 patients)"
# run.json: the MAF that 193 sheet rows name is one input (role maf), the sheet is a sample_sheet, calls.maf an output.
python3 - out/run.json "$MAF" >roles <<'PY' || fail "run.json: cannot read it back"
import json, sys
j = json.load(open(sys.argv[1]))
paths = [i["path"] for i in j["inputs"]]
assert len(paths) == len(set(paths)), "an input listed twice"
for i in j["inputs"]:
    print(i["role"], i["path"] == sys.argv[2], len(i["sha256"]))
print("outputs", "out/calls.maf" in j["outputs"])
print("types", type(j["parameters"]["min-vaf"]).__name__, type(j["parameters"]["keep-going"]).__name__)
PY
expect_eq "$(sort roles | tr '\n' ' ')" "clinical False 64 maf True 64 outputs True sample_sheet False 64 types float bool " "run.json inputs, outputs and types"
A=out/associations.tsv
expect_eq "$(tsv_get "$A" feature PIK3CB n_altered)/$(tsv_get "$A" feature PIK3CB n_wildtype)" "1/199" "PIK3CB M68I: 1 altered, 199 wild type"
expect_eq "$(awk -F'\t' '!/^#/ && $6==0' out/samples.tsv | wc -l)" "7" "seven patients without any mutation are sequenced with 0 records"
expect_eq "$(awk -F'\t' '!/^#/ && $1=="TCGA-AB-2938" && $7=="PIK3CB" {print $23 "\t" $16}' out/calls.tsv)" $'M68I\tyes' "PIK3CB M68I call"
# The MAF written back is readable by pathcorr itself (round trip) and has maftools' required columns.
head -n 2 out/calls.maf | tail -n 1 | tr '\t' '\n' > cols
for c in Hugo_Symbol Chromosome Start_Position End_Position Reference_Allele Tumor_Seq_Allele2 Variant_Classification Variant_Type Tumor_Sample_Barcode; do
  grep -qx "$c" cols || fail "calls.maf lacks $c"
done
expect_exit 0 "$PATHCORR" scan --no-version --quiet --build GRCh37 --output back.tsv out/calls.maf
expect_eq "$(awk -F'\t' '!/^#/ && $7=="PIK3CB" {print $1 "\t" $16}' back.tsv)" $'TCGA-AB-2938\tyes' "MAF round trip"
# Without the sheet, only the 193 patients with mutations are known: the MAF alone cannot say who was sequenced.
expect_exit 0 "$PATHCORR" run --no-version --quiet --clinical clinical.tsv --outdir out2 "$MAF"
expect_eq "$(grep -vc '^#' out2/matrix.tsv)" "194" "MAF alone: 193 patients"
finish
