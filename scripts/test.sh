#!/usr/bin/env bash
# The README's test command: installs the reference tools, restores, builds (Release) and runs every test project.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup-debian.sh
dotnet test CalciScope.sln -c Release "$@"
