#!/usr/bin/env bash
# The test command of the README: restores, builds (Release) and runs every test project.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet test CalciScope.sln -c Release "$@"
