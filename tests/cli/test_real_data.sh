# Sweeps every real VCF/BCF of tests/data/real (with a third argument `shared`: the large ones of ../shared/real-data
# instead, exit 77 = skipped when that directory is absent): pathcorr
# accepts what `bcftools view` accepts (given --build / --tumor-sample where the file cannot say), also once the
# header is written the standard way (htslib_form: a missing ##fileformat line, '# ...' comments before #CHROM,
# a sites-only file's missing #CHROM line;
# pathcorr then warns), and refuses the rest with exit 1, a message naming the file, and no output. It never crashes. Then checks that every PIK3CA
# hotspot of the pathway files is called.
source "$(dirname "$0")/lib.sh" "$@"
command -v bcftools >/dev/null || { echo "SKIP: bcftools (the oracle) is not installed"; exit 77; }

files=()
SHARED=$REPO/../shared/real-data
if [[ ${3:-} == shared ]]; then
  [[ -d $SHARED ]] || { echo "SKIP: $SHARED is not present (the large real VCFs are not in the repository)"; exit 77; }
  for f in "$SHARED"/callers/*; do if [[ -e $f && ! -e $DATA/real/callers/$(basename "$f") ]]; then files+=("$f"); fi; done
  ((${#files[@]})) || { echo "SKIP: every caller file of $SHARED is also in tests/data/real (cli.test_real_data)"; exit 77; }
else
  for d in callers annotated edge-cases pathway; do
    for f in "$DATA/real/$d"/*; do files+=("$f"); done
  done
fi

accepted=0 refused=0 header_warned=0
for f in "${files[@]}"; do
  case $f in *.tbi|*.csi|*.tsv|*.txt|*.maf|*.maf.gz) continue ;; esac
  name=$(basename "$f")
  set +e
  htslib_form "$f"
  repaired=$header_repaired
  timeout 60 bcftools view -Ov -o /dev/null "$form" >/dev/null 2>&1
  oracle=$?
  scan_with_hints out.tsv "$f"
  set +e
  # htslib reads every block of a file whose BGZF EOF marker alone is missing; bcftools refuses it, pathcorr
  # warns (issue #5) and goes on.
  if [[ $name == derived_missing_bgzf_eof.vcf.gz ]]; then
    oracle=0
    grep -q 'no BGZF end-of-file marker' err.txt || fail "$name: no warning about the missing EOF marker"
  fi
  # Records outside the genes are checked for their form (columns, POS, REF, ALT) but not parsed (issue 12), as
  # `bcftools view -R genes.bed` would not read them: damage only htslib's parser sees (htslib_vcf44_1.vcf: GT
  # values '0|0|1', '/0' at 1:61462-61488, no gene there) is then not met.
  if [[ $name == htslib_vcf44_1.vcf ]]; then
    oracle=0
    timeout 60 bcftools view -Ov -o /dev/null -t 1:61000-62000 "$form" >/dev/null 2>&1 &&
      fail "$name: bcftools now reads 1:61000-62000; the exception above is stale"
  fi
  set -e
  if [[ $rc -gt 4 ]]; then
    fail "$name: crashed or hung (exit $rc)"; cat err.txt >&2
  elif [[ $oracle -eq 0 && $rc -ne 0 ]]; then
    fail "$name: bcftools accepts it but pathcorr exited $rc: $(head -c 300 err.txt)"
  elif [[ $oracle -ne 0 && $rc -ne 1 ]]; then
    fail "$name: bcftools refuses it but pathcorr exited $rc"
  elif [[ $rc -ne 0 ]]; then
    grep -q "$name" err.txt || fail "$name: the error does not name the file: $(cat err.txt)"
    [[ ! -e out.tsv ]] || fail "$name: refused but out.tsv was written"
    refused=$((refused + 1))
    echo "refused: $name: $(head -n 1 err.txt)"
  else
    accepted=$((accepted + 1))
    if ((repaired)); then
      grep -qE 'no ##fileformat line|comment line\(s\) starting with a single|no #CHROM line' err.txt ||
        fail "$name: read although bcftools refuses its header as written, without a warning"
      echo "read with a header warning: $name"
      header_warned=$((header_warned + 1))
    fi
  fi
  rm -f out.tsv
done
echo "real-data sweep: $accepted accepted ($header_warned of them with a header warning), $refused refused"
((accepted > 0)) || fail "no file of the sweep was read"
if [[ ${3:-} == shared ]]; then finish; exit 0; fi

# Every PIK3CA hotspot in the pathway files is called and counted.
P=$DATA/real/pathway
hot() { # FILE BUILD POS ALT
  "$PATHCORR" scan --quiet --build "$2" --output h.tsv "$1" >/dev/null 2>&1 || { fail "$(basename "$1"): scan failed"; return; }
  local n
  n=$(awk -F'\t' -v p="$3" -v a="$4" '!/^#/ && $4==p && $6==a && $7=="PIK3CA" && $15=="hotspot" && $16=="yes"' h.tsv | wc -l)
  [[ $n -ge 1 ]] || fail "$(basename "$1"): PIK3CA hotspot at $3 >$4 not called"
}
hot "$P/pcgr_T001-BRCA.grch37_PIK3CA_H1047R.vcf.gz" GRCh37 178952085 G
hot "$P/pcgr_T001-BRCA.grch38_PIK3CA_H1047R.vcf.gz" GRCh38 179234297 G
hot "$P/pcgr_tumor_sample.BRCA.pcgr_vep_PIK3CA_H1047R.vcf.gz" GRCh37 178952085 G
hot "$P/vcf2maf_test_merged_PIK3CA_H1047R.vcf" GRCh37 178952085 G
hot "$P/vcf2maf_test_PIK3CA_E545K_MTOR.vcf" GRCh37 178936091 A
hot "$P/vcf2maf_test_grch38_PIK3CA_E545K.vcf" GRCh38 179218303 A
hot "$P/gatk_PIK3CA_SNPS.vcf" GRCh37 178936091 A
hot "$P/gatk_PIK3CA_SNPS.vcf" GRCh37 178952085 T
# SnpEff EFF output without ##fileformat or #CHROM line (bcftools refuses it), read with warnings: every one of its
# 111 records that SnpEff annotates on MTOR is an MTOR missense call, counted, MTOR S2215P (a cancerhotspots
# residue) as a hotspot.
expect_exit 0 "$PATHCORR" scan --no-version --build GRCh37 --output mtor.tsv "$P/snpeff_missing_CHROM_line_MTOR_ARID1A.eff.vcf"
expect_stderr "no #CHROM line before the first record"
expect_eq "$(grep -v '^#' "$P/snpeff_missing_CHROM_line_MTOR_ARID1A.eff.vcf" | grep -c '|MTOR|')" "111" "records SnpEff annotates on MTOR"
expect_eq "$(awk -F'\t' '!/^#/ && $7 == "MTOR" && $9 ~ /missense_variant/ && $16 == "yes"' mtor.tsv | wc -l)" "111" "MTOR missense calls"
expect_eq "$(awk -F'\t' '!/^#/ && $7 == "MTOR" && $15 == "hotspot" {print $23}' mtor.tsv | sort -u)" "S2215P" "MTOR hotspot"
finish
