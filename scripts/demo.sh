#!/usr/bin/env bash
# The README's first command: builds CalciScope and runs `calciscope demo` on the embedded seed-like case.
set -euo pipefail
cd "$(dirname "$0")/.."
# The PDF report is set in DejaVu Sans, and the build bundles the web page's viewer with Node.js and npm; nothing else
# needs installing for the demo.
need=()
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || need+=(fonts-dejavu-core)
command -v node >/dev/null || need+=(nodejs)
command -v npm >/dev/null || need+=(npm)
if [ ${#need[@]} -gt 0 ] && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}") >/dev/null 2>&1 || true
fi
dotnet run --project src/CalciScope.Cli -c Release -- demo "$@"
