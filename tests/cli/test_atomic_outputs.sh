# Atomic outputs: a run killed with SIGKILL part-way leaves no partial table. Every output that exists after the
# kill is complete (equal to the output of an uninterrupted run); the rest do not exist.
source "$(dirname "$0")/lib.sh" "$@"
T=$DATA/tiny
mkdir in
cp "$T"/*.vcf in/
# A large patient file so the run lasts long enough to be interrupted (about a second).
{
  grep '^#' "$T/P03.mutect2.vcf"
  awk 'BEGIN { OFS = "\t"; for (i = 1; i <= 600000; i++) print 17, 1000 + 7 * i, ".", "C", "T", ".", "PASS", ".", "GT:AD:AF:DP", "0/0:40,0:0.0:40", "0/1:30,25:0.45:55" }'
} > in/P05.mutect2.vcf
start=$(date +%s%N)
expect_exit 0 "$PATHCORR" run --no-version --quiet --clinical "$T/clinical.tsv" --outdir full in
ms=$((($(date +%s%N) - start) / 1000000))
# Kill points spread over the whole run, denser towards its end where the tables are written.
for pct in 10 40 70 85 92 96 98 99 100 101 103; do
  delay=$(awk -v ms="$ms" -v p="$pct" 'BEGIN { printf "%.3f", ms * p / 100000 }')
  rm -rf killed
  "$PATHCORR" run --no-version --quiet --clinical "$T/clinical.tsv" --outdir killed in &
  pid=$!
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  left=0
  for f in calls.tsv samples.tsv matrix.tsv associations.tsv response.tsv survival.tsv; do
    if [[ -e killed/$f ]]; then
      left=$((left + 1))
      cmp -s "killed/$f" "full/$f" || fail "after SIGKILL at ${delay}s, killed/$f exists but is not complete"
    fi
  done
  echo "SIGKILL after ${delay}s of ${ms}ms: $left complete table(s) present, no partial one"
done
finish
