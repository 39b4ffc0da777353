# Every annotated VCF we have (the real files of tests/data/real and the dialect fixtures; with a third argument
# `shared`: those of ../shared/real-data instead, exit 77 = skipped when that directory is absent) is read or
# refused with a reason, and every pathway variant it annotates gets the consequence the file states:
# stated_consequences.py reads each file on its own and checks calls.tsv against it.
source "$(dirname "$0")/lib.sh" "$@"
command -v bcftools >/dev/null || { echo "SKIP: bcftools (used to list samples) is not installed"; exit 77; }
command -v python3 >/dev/null || { echo "SKIP: python3 (the oracle) is not installed"; exit 77; }
ORACLE=$REPO/tests/cli/stated_consequences.py
# SYMBOL=ENSG... items: ANNOVAR ensGene annotations name genes by their Ensembl ID.
genes=$("$PATHCORR" reference genes | awk -F'\t' '!/^#/ && !h {for (i = 1; i <= NF; i++) c[$i] = i; h = 1; next}
  !/^#/ {print $c["gene"] "=" $c["ensembl_gene_id"]}' | sort -u | paste -sd, -)

files=()
SHARED=$REPO/../shared/real-data
if [[ ${3:-} == shared ]]; then
  [[ -d $SHARED ]] || { echo "SKIP: $SHARED is not present (the large real VCFs are not in the repository)"; exit 77; }
  for f in "$SHARED"/annotated/*.vcf* "$SHARED"/pathway/*.vcf*; do
    if [[ -e $f && ! -e $DATA/real/$(basename "$(dirname "$f")")/$(basename "$f") ]]; then files+=("$f"); fi
  done
  ((${#files[@]})) || { echo "SKIP: every annotated file of $SHARED is also in tests/data/real (cli.test_stated_consequences)"; exit 77; }
else
  files=("$DATA"/real/annotated/*.vcf "$DATA"/real/pathway/*.vcf* "$DATA"/dialects/*/*.vcf)
fi

read_ok=0 refused=0 annotated_with_calls=0 checked=0 all_genes_checked=0 all_genes_files=0
for f in "${files[@]}"; do
  case $f in *.tbi|*.csi) continue ;; esac
  name=$(basename "$f")
  scan_with_hints calls.tsv "$f" --no-version --quiet
  if [[ $rc -ne 0 ]]; then
    # Refused: only files htslib cannot parse, with a message naming the file and the reason.
    htslib_form "$f"
    set +e; bcftools view -h "$form" >/dev/null 2>&1; oracle=$?; set -e
    [[ $oracle -ne 0 ]] || fail "$name: htslib reads it but pathcorr refused it: $(head -c 300 err.txt)"
    grep -q "$name" err.txt && grep -qE 'not a VCF|cannot parse|header' err.txt ||
      fail "$name: refused without a clear reason: $(cat err.txt)"
    refused=$((refused + 1))
    continue
  fi
  read_ok=$((read_ok + 1))
  # Every gene the file annotates, not only the pathway's: scanned again with a gene set of them all, so that each
  # real file tests its reader on every annotation it holds.
  dialect=$(sed -n 's/^#input\t.*\tannotation=\([^\t]*\).*/\1/p' calls.tsv | head -n 1)
  if [[ -n $dialect && $dialect != none && $dialect != pathcorr ]]; then
    all=$(python3 "$ORACLE" --genes "$f" "$dialect")
    if [[ -n $all ]]; then
      printf 'ALL_GENES\tgenes the file annotates\t%s\n' "${all//,/$'\t'}" > all.gmt
      scan_with_hints all.calls.tsv "$f" --no-version --quiet --gene-set all.gmt
      [[ $rc -eq 0 ]] || fail "$name: scan with a gene set of its $(tr ',' '\n' <<< "$all" | wc -l) genes failed"
      set +e
      python3 "$ORACLE" "$f" all.calls.tsv "$all" "$dialect" > oracle.txt
      orc=$?
      set -e
      [[ $orc -eq 0 ]] || { fail "$name (all genes): consequences differ from what the file states"; sed 's/^/    /' oracle.txt >&2; }
      n=$(tail -n 1 oracle.txt | sed -E 's/.*: ([0-9]+) call\(s\) checked.*/\1/')
      all_genes_checked=$((all_genes_checked + n))
      all_genes_files=$((all_genes_files + 1))
    fi
  fi
  if awk -F'\t' '!/^#/ && !h {for (i = 1; i <= NF; i++) if ($i == "annotation") a = i; h = 1; next}
                 !/^#/ && $a != "none" && $a != "pathcorr" {found = 1} END {exit !found}' calls.tsv; then
    annotated_with_calls=$((annotated_with_calls + 1))
    set +e
    python3 "$ORACLE" "$f" calls.tsv "$genes" > oracle.txt
    orc=$?
    set -e
    [[ $orc -eq 0 ]] || { fail "$name: consequences differ from what the file states"; sed 's/^/    /' oracle.txt >&2; }
    n=$(tail -n 1 oracle.txt | sed -E 's/.*: ([0-9]+) call\(s\) checked.*/\1/')
    checked=$((checked + n))
  fi
done
echo "read $read_ok annotated/pathway files (refused $refused that htslib cannot parse); $annotated_with_calls hold" \
  "annotated pathway calls; $checked calls checked against the stated consequence; with a gene set of every gene" \
  "they annotate: $all_genes_checked calls checked in $all_genes_files files"
if [[ ${3:-} == shared ]]; then
  ((read_ok > 0)) || fail "no file of ../shared/real-data was read"
  finish
  exit 0
fi
# 10 dialect fixtures x 16 rows (15 where a dialect cannot state one) + 24 PIK3CA indels of the Funcotator
# regression set + PIK3CA H1047R of the PCGR VEP file.
((checked >= 10 * 15 + 24)) || fail "only $checked calls were checked"
# 2600 when written (40 files: the real annotated files, SnpEff's and VEP 76's without ##fileformat among them).
((all_genes_checked >= 2400)) || fail "only $all_genes_checked calls were checked with every gene"
finish
