#!/usr/bin/env bash
# Builds and lints infra/main.bicep with the Bicep CLI from NuGet (no separate install, no download but
# the NuGet package). Writes artifacts/infra/main.json, which tests/RareEarthApi.Tests/Infra reads.
# Fails on any error and on any warning: rules that are turned off say why in infra/bicepconfig.json.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

tool_project="infra/tools/BicepCli.csproj"
dotnet restore "$tool_project" --verbosity quiet >/dev/null
package_dir="$(dotnet msbuild "$tool_project" -getProperty:PkgAzure_Bicep_CommandLine_linux-x64)"
bicep="$package_dir/tools/bicep"
if [[ ! -f "$bicep" ]]; then
  echo "bicep-build: no Bicep CLI at $bicep after restoring $tool_project" >&2
  exit 1
fi
# NuGet does not keep the executable bit.
[[ -x "$bicep" ]] || chmod +x "$bicep"

# The CLI is a .NET program: without ICU it needs invariant globalization.
if ! ldconfig -p 2>/dev/null | grep -q 'libicuuc\.so'; then
  export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 BICEP_TRACING_ENABLED=false

echo "bicep-build: $("$bicep" --version)"
mkdir -p artifacts/infra
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

status=0
# build reports the linter's diagnostics too (infra/bicepconfig.json): a separate `bicep lint` pass would repeat them.
"$bicep" build infra/main.bicep --outfile artifacts/infra/main.json >"$log" 2>&1 || status=$?
sed "s|$root/||" "$log"

if [[ $status -ne 0 ]] || grep -Eq ' : (Error|Warning) ' "$log"; then
  echo "bicep-build: FAILED (errors or warnings above; a rule may only be silenced in infra/bicepconfig.json with a reason)" >&2
  rm -f artifacts/infra/main.json
  exit 1
fi
echo "bicep-build: ok, wrote artifacts/infra/main.json"
