#!/usr/bin/env bash
# The README's first command: builds CalciScope and runs `calciscope demo` on the embedded seed-like case.
set -euo pipefail
cd "$(dirname "$0")/.."
# The PDF report is set in DejaVu Sans; nothing else needs installing for the demo.
if ! dpkg -s fonts-dejavu-core >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-dejavu-core >/dev/null 2>&1 || true
fi
dotnet run --project src/CalciScope.Cli -c Release -- demo "$@"
