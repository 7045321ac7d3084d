#!/usr/bin/env bash
# Server CPU per request for hostile inputs (not part of the tests; run it once, not in a loop): a 2,600-item
# country list (the 7.8 KB URL that once cost 191 s of CPU), a list at the cap, unknown codes, against a plain query.
# Reads the serving process's utime+stime from /proc around N sequential requests, so client CPU is not counted.
# Prints one line per input: status, CPU ms per request, and CPU beyond the plain query.
#
# Environment: INPUT_COST_REQUESTS (1000), INPUT_COST_PORT (7080). Uses the Azurite on 10000-10002 (starts one if none).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/azurite.sh

requests="${INPUT_COST_REQUESTS:-1000}"
port="${INPUT_COST_PORT:-7080}"
api="http://127.0.0.1:$port"
work="$(mktemp -d -t rareearth-input-cost-XXXXXX)"
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  azurite_stop >/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
npm_install_if_needed
azurite_start "$work/azurite" "$work/azurite.log"

dotnet build bench/RareEarthApi.Bench/RareEarthApi.Bench.csproj -c Release -nologo --verbosity quiet >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
prefix="benchin$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
dotnet bench/RareEarthApi.Bench/bin/Release/net10.0/RareEarthApi.Bench.dll serve --urls "$api" --Storage:TablePrefix "$prefix" \
  --Logging:LogLevel:Default Warning --ResponseCache:MaxMegabytes 0 >"$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 1 300); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$api/api/v1/production?country=CHN" || true)" = 200 ] && break
  sleep 0.1
done

repeat() { python3 -c 'import sys; print(",".join([sys.argv[1]] * int(sys.argv[2])))' "$1" "$2"; }
ticks="$(getconf CLK_TCK)"
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }

# label|path: the response cache is off, so every request parses and runs.
inputs=(
  "plain query (country=CHN)|/api/v1/production?country=CHN"
  "country list of 2,600 items (CN,CN,…)|/api/v1/production?country=$(repeat CN 2600)"
  "partner list of 2,600 items|/api/v1/trade?partner=$(repeat CN 2600)"
  "country list at the cap (100 × CN)|/api/v1/production?country=$(repeat CN 100)"
  "100 unknown codes (XX)|/api/v1/production?country=$(repeat XX 100)"
)
# JIT and tiering warm-up over every input first, so the first one measured does not pay for it.
for entry in "${inputs[@]}"; do
  for _ in $(seq 1 200); do printf 'url = "%s"\noutput = /dev/null\n' "$api${entry#*|}"; done | curl -s -K -
done
baseline=""
echo "input-cost: server CPU per request, $requests sequential requests each (clock tick $((1000 / ticks)) ms)"
for entry in "${inputs[@]}"; do
  label="${entry%%|*}"; path="${entry#*|}"
  status="$(curl -s -o /dev/null -w '%{http_code}' "$api$path")"
  before="$(cpu)"
  for _ in $(seq 1 "$requests"); do printf 'url = "%s"\noutput = /dev/null\n' "$api$path"; done >"$work/curl.cfg"
  curl -s -K "$work/curl.cfg"
  after="$(cpu)"
  per="$(python3 -c "print(f'{($after - $before) * 1000 / $ticks / $requests:.3f}')")"
  baseline="${baseline:-$per}"
  beyond="$(python3 -c "print(f'{$per - $baseline:+.3f}')")"
  echo "input-cost: $label: HTTP $status, ${per} ms CPU/request (${beyond} ms beyond the plain query), URL $(( ${#path} + ${#api} )) bytes"
done
