#!/usr/bin/env bash
# Builds CalciScope and runs the main job on the embedded default case: `calciscope demo`.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run --project src/CalciScope.Cli -c Release -- demo "$@"
