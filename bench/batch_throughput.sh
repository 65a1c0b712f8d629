#!/usr/bin/env bash
# Batch throughput on this machine: N phantom studies of 512x512x200 worked by one `calciscope batch` process, then by
# two processes each given half (as two workers would share a queue). Prints Markdown; the numbers in the README and
# the batch issue's note come from here.   Usage: bench/batch_throughput.sh [N=6]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-6}
CLI=src/CalciScope.Cli/bin/Release/net10.0/calciscope
[ -x "$CLI" ] || dotnet build src/CalciScope.Cli -c Release >/dev/null
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
for i in $(seq 1 "$N"); do
  "$CLI" phantom --case seed --size 512 --pixel-mm 0.75 --slices 200 --slice-mm 1 --seed "$i" --out "$T/studies/s$i" >/dev/null
done
ls -d "$T"/studies/s*/dicom > "$T/all.txt"
head -n $(( (N + 1) / 2 )) "$T/all.txt" > "$T/a.txt"
tail -n +$(( (N + 1) / 2 + 1 )) "$T/all.txt" > "$T/b.txt"
cores=$(nproc)

start=$(date +%s.%N)
"$CLI" batch "$T/all.txt" --out "$T/one" >/dev/null 2>&1
one=$(echo "$(date +%s.%N) - $start" | bc)

start=$(date +%s.%N)
"$CLI" batch "$T/a.txt" --out "$T/two" --store "$T/two_a.db" >/dev/null 2>&1 &
"$CLI" batch "$T/b.txt" --out "$T/two" --store "$T/two_b.db" >/dev/null 2>&1 &
wait
two=$(echo "$(date +%s.%N) - $start" | bc)

done1=$(grep -c ',done,' "$T/one/batch_summary.csv" || true)
done2=$(( $(grep -c ',done,' <("$CLI" batch "$T/a.txt" --out "$T/two" --store "$T/two_a.db" --summary-only | xargs cat) || true) + $(grep -c ',done,' <("$CLI" batch "$T/b.txt" --out "$T/two" --store "$T/two_b.db" --summary-only | xargs cat) || true) ))
[ "$done1" -eq "$N" ] && [ "$done2" -eq "$N" ] || { echo "not every study was analysed: $done1 and $done2 of $N" >&2; exit 1; }
rate1=$(echo "scale=1; $N * 3600 / $one" | bc)
rate2=$(echo "scale=1; $N * 3600 / $two" | bc)
echo "| workers | studies (512x512x200) | wall s | studies/hour | studies/hour/core ($cores cores) |"
echo "|---|---|---|---|---|"
printf "| 1 | %d | %.1f | %s | %.1f |\n" "$N" "$one" "$rate1" "$(echo "$rate1 / $cores" | bc -l)"
printf "| 2 | %d | %.1f | %s | %.1f |\n" "$N" "$two" "$rate2" "$(echo "$rate2 / $cores" | bc -l)"
printf "\nSpeed-up from 1 to 2 workers: %.2fx (the analysis of one study already runs its slabs in parallel on every core).\n" "$(echo "$one / $two" | bc -l)"
