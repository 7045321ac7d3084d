#!/usr/bin/env bash
# Compile and lint infra/ with the Bicep CLI from NuGet; the template tests read the compiled JSON.
set -euo pipefail
./scripts/bicep-build.sh
