#!/usr/bin/env bash
# Captures the OpenAPI document's response examples (src/RareEarthApi/OpenApi/Examples/{operationId}.json): each
# operation's "Try it out" request answered by the API on the bundled data, shortened (OpenApiExamplesTests with
# UPDATE_OPENAPI_EXAMPLES=1). Run it after adding a route or changing what one answers, review the diff, commit it.
# Azurite as test.sh has it (an Azurite already listening is used).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/azurite.sh

npm_install_if_needed
dotnet build RareEarthApi.sln -c Release --verbosity quiet -nologo
mkdir -p artifacts
trap azurite_stop EXIT
azurite_start "$(mktemp -d -t azurite-examples-XXXXXX)" "artifacts/azurite-examples.log"

UPDATE_OPENAPI_EXAMPLES=1 dotnet test tests/RareEarthApi.Tests --no-build -c Release \
  --filter "FullyQualifiedName~OpenApiExamplesTests.Examples_AreWhatTheApiAnswersToThem"
# The build embeds the files: build again so the document serves what was written.
dotnet build RareEarthApi.sln -c Release --verbosity quiet -nologo
git status --short src/RareEarthApi/OpenApi/Examples
