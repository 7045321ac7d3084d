#!/usr/bin/env bash
# Runs every test (unit and integration) against a real Azurite, and ends with "tests: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/azurite.sh

configuration="${CONFIGURATION:-Release}"
results="artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

npm_install_if_needed
dotnet restore RareEarthApi.sln --verbosity quiet

trap azurite_stop EXIT
azurite_start "$(mktemp -d -t azurite-tests-XXXXXX)" "$results/azurite.log"

for step in scripts/test.d/*.sh; do
  [ -e "$step" ] || continue
  echo "== $step"
  bash "$step"
done

dotnet build RareEarthApi.sln --no-restore -c "$configuration" --verbosity quiet -nologo
status=0
dotnet test RareEarthApi.sln --no-build -c "$configuration" \
  --logger "trx;LogFileName=tests.trx" --logger "console;verbosity=normal" \
  --results-directory "$results" || status=$?

azurite_stop >/dev/null

# The plain closing line, counted from the test results.
python3 - "$results" <<'PY' || status=1
import glob, sys, xml.etree.ElementTree as ET
passed = failed = skipped = 0
files = glob.glob(sys.argv[1] + "/**/*.trx", recursive=True)
for f in files:
    c = ET.parse(f).getroot().find(".//{*}Counters")
    passed += int(c.get("passed", 0)); failed += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0))
    skipped += int(c.get("notExecuted", 0))
print(f"tests: {passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
sys.exit(1 if failed or not files or passed == 0 else 0)
PY
exit "$status"
