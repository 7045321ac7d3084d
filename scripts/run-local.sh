#!/usr/bin/env bash
# Runs the API locally on the bundled data: installs what it needs, starts Azurite unless one is already
# listening, seeds an empty store, and serves http://localhost:7071/api (or --urls / ASPNETCORE_URLS).
# Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/azurite.sh

npm_install_if_needed
dotnet build src/RareEarthApi.LocalHost/RareEarthApi.LocalHost.csproj -c Release --verbosity quiet -nologo -consoleLoggerParameters:ErrorsOnly

trap azurite_stop EXIT
trap 'exit 130' INT TERM
azurite_start ".azurite" ".azurite/azurite.log"

# The local host seeds any dataset that has never been published, then serves.
dotnet src/RareEarthApi.LocalHost/bin/Release/net10.0/RareEarthApi.LocalHost.dll "$@" &
host_pid=$!
trap 'kill "$host_pid" 2>/dev/null; wait "$host_pid" 2>/dev/null; azurite_stop' EXIT
wait "$host_pid"
