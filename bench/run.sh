#!/usr/bin/env bash
# One-command benchmark: makes 512x512xN phantom studies, times `calciscope bench` (stages, floor, peak memory) and the
# numpy/scipy peer on the same study, and prints a table. Usage: bench/run.sh [slices ...] (default: 100 200 400 800)
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/CalciScope.Cli -c Release -v q -nologo >/dev/null
# The build server would go on using the cores while the study is timed.
dotnet build-server shutdown >/dev/null 2>&1 || true
CS=src/CalciScope.Cli/bin/Release/net10.0/calciscope
OUT=${BENCH_OUT:-bench/out}
mkdir -p "$OUT"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
printf "%-7s %-10s %-10s %-10s %-10s %-9s %-12s %-10s %-9s\n" slices ours_s peer_s peer/ours floor_s ours/floor tissue_s label_s peak_MB
for n in "${@:-100 200 400 800}"; do
  dir="$OUT/seed_$n"
  [ -d "$dir/dicom" ] || $CS phantom --case seed --size 512 --slices "$n" --pixel-mm 0.75 --slice-mm 0.5 --out "$dir" >/dev/null
  ours=$($CS bench "$dir/dicom" --runs 2)
  peer=$(/usr/bin/python3 bench/peer.py "$dir/dicom")
  python3 - "$n" "$ours" "$peer" <<'PY'
import json, sys
n, o, p = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3])
s = o["stages_s"]
print(f"{n:<7} {o['end_to_end_s']:<10} {p['end_to_end']:<10} {p['end_to_end']/o['end_to_end_s']:<10.1f} {o['floor_s']:<10} {o['end_to_end_s']/o['floor_s']:<9.0f} "
      f"{s.get('tissue_map',0):<12} {s.get('calcification',0):<10} {o['peak_working_set_mb']:<9}")
print(f"        stages ours {s}  peer {p}", file=sys.stderr)
PY
done
