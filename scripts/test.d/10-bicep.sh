#!/usr/bin/env bash
# Compile infra/ with the Bicep CLI from NuGet (the build reports the linter's rules); the template tests read the compiled JSON.
set -euo pipefail
./scripts/bicep-build.sh
