#!/usr/bin/env bash
# The README's first command: builds CalciScope and runs `calciscope demo` on the embedded seed-like case.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup-debian.sh >/dev/null 2>&1 || true
dotnet run --project src/CalciScope.Cli -c Release -- demo "$@"
