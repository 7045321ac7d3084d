#!/usr/bin/env bash
# Benchmarks (not part of the tests): serving against the limit, storage transactions per request, refresh
# publish with batches against single upserts, cold start and working set, and json-server on the same rows.
# Installs what it needs (wrk from Debian, json-server 0.17.4 with npm, unsaved), starts Azurite unless one
# listens on 10000-10002, builds Release, prints a table and writes bench/results/latest.json.
#
# Environment: BENCH_DURATION (wrk seconds, 10), BENCH_CONNECTIONS (32), BENCH_THREADS (2), BENCH_ROWS (100000),
# BENCH_COLD_RUNS (5), BENCH_PORT / BENCH_LIMIT_PORT / BENCH_JSON_SERVER_PORT / BENCH_LIMIT_ALL_PORT (7077 / 7078 / 7079 / 7080).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/azurite.sh

duration="${BENCH_DURATION:-10}"
connections="${BENCH_CONNECTIONS:-32}"
threads="${BENCH_THREADS:-2}"
rows="${BENCH_ROWS:-100000}"
cold_runs="${BENCH_COLD_RUNS:-5}"
port="${BENCH_PORT:-7077}"
limit_port="${BENCH_LIMIT_PORT:-7078}"
json_server_port="${BENCH_JSON_SERVER_PORT:-7079}"
limit_all_port="${BENCH_LIMIT_ALL_PORT:-7080}"
query='/api/v1/production?country=CHN,USA,AUS&start=2010&end=2025'
# Every commodity of the releases for one year: the widest page a user asks for on the grown data.
all_query='/api/v1/production?commodity=all&year=2024&limit=10000'

# --- what it needs
missing=()
command -v wrk >/dev/null || missing+=(wrk)
if [ ${#missing[@]} -gt 0 ]; then
  echo "bench: installing ${missing[*]}"
  apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
fi
npm_install_if_needed
# json-server is for this comparison only, so it is not in package.json: installed here, after npm ci (which would remove it).
if [ ! -x node_modules/.bin/json-server ]; then
  npm install --no-save --no-audit --no-fund --loglevel=error json-server@0.17.4
fi

work="$(mktemp -d -t rareearth-bench-XXXXXX)"
results="$work/results"
mkdir -p "$results" bench/results
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  azurite_stop >/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
azurite_start "$work/azurite" "$work/azurite.log"

echo "bench: building Release"
dotnet build bench/RareEarthApi.Bench/RareEarthApi.Bench.csproj -c Release -nologo --verbosity quiet >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
dotnet build bench/LimitApp/LimitApp.csproj -c Release -nologo --verbosity quiet >>"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
dotnet publish src/RareEarthApi.LocalHost/RareEarthApi.LocalHost.csproj -c Release -r linux-x64 --self-contained false \
  -p:PublishReadyToRun=true -o artifacts/bench/localhost-r2r -nologo --verbosity quiet >>"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
harness="bench/RareEarthApi.Bench/bin/Release/net10.0/RareEarthApi.Bench.dll"
localhost_jit="src/RareEarthApi.LocalHost/bin/Release/net10.0/RareEarthApi.LocalHost.dll"
localhost_r2r="artifacts/bench/localhost-r2r/RareEarthApi.LocalHost.dll"

wait_for_200() {
  local url="$1" i
  # Up to 2 min: the first start seeds every bundled edition into an empty store.
  for i in $(seq 1 1200); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$url" || true)" = 200 ] && return 0
    sleep 0.1
  done
  echo "bench: no 200 from $url" >&2
  return 1
}

run_wrk() {
  local name="$1"; shift
  echo "bench: wrk $name"
  wrk -t"$threads" -c"$connections" -d"${duration}s" --latency "$@" >"$results/wrk-$name.txt"
}

# --- 1 and 2: serving, and storage transactions while serving
prefix="bench$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
api="http://127.0.0.1:$port"
# As a deployment: no console line per request (the local host writes one by default; on Azure, requests reach Application Insights).
dotnet "$harness" serve --urls "$api" --Storage:TablePrefix "$prefix" --Logging:LogLevel:Microsoft.AspNetCore Warning --LocalHost:RequestLog false >"$work/serve.log" 2>&1 &
pids+=($!)
wait_for_200 "$api$query"
curl -s -o "$work/a.json" -D "$work/a.headers" "$api$query"
etag="$(grep -i '^etag:' "$work/a.headers" | cut -d' ' -f2 | tr -d '\r')"

dotnet bench/LimitApp/bin/Release/net10.0/LimitApp.dll --urls "http://127.0.0.1:$limit_port" --body "$work/a.json" >"$work/limit.log" 2>&1 &
pids+=($!)
wait_for_200 "http://127.0.0.1:$limit_port/"
cmp -s "$work/a.json" <(curl -s "http://127.0.0.1:$limit_port/") || { echo "bench: limit app bytes differ" >&2; exit 1; }

# The all-commodity page, and a limit app serving its bytes.
curl -s -o "$work/all.json" -D "$work/all.headers" "$api$all_query"
all_etag="$(grep -i '^etag:' "$work/all.headers" | cut -d' ' -f2 | tr -d '\r')"
python3 - "$work/all.json" <<'PY' | tee "$results/all-page.txt"
import json, os, sys
b = json.load(open(sys.argv[1]))
print(f"bench: {b['meta']['returned']} rows of {len({r['commodity'] for r in b['data']})} commodities, {os.path.getsize(sys.argv[1]):,} bytes")
PY
dotnet bench/LimitApp/bin/Release/net10.0/LimitApp.dll --urls "http://127.0.0.1:$limit_all_port" --body "$work/all.json" >"$work/limit-all.log" 2>&1 &
pids+=($!)
wait_for_200 "http://127.0.0.1:$limit_all_port/"

# json-server over the same rows: every production row the API serves (edition=latest), as a plain array.
curl -s "$api/api/v1/production?limit=10000" | python3 -c 'import json,sys; json.dump({"production": json.load(sys.stdin)["data"]}, open(sys.argv[1], "w"))' "$work/db.json"
./node_modules/.bin/json-server "$work/db.json" --host 127.0.0.1 --port "$json_server_port" --quiet >"$work/json-server.log" 2>&1 &
pids+=($!)
json_server_query="/production?country=CHN&country=USA&country=AUS&year_gte=2010&year_lte=2025&_sort=country,year"
wait_for_200 "http://127.0.0.1:$json_server_port$json_server_query"
python3 - "$work/a.json" <(curl -s "http://127.0.0.1:$json_server_port$json_server_query") <<'PY'
import json, sys
api = json.load(open(sys.argv[1]))["data"]; js = json.load(open(sys.argv[2]))
assert [(r["country"], r["year"], r["value"]) for r in api] == [(r["country"], r["year"], r["value"]) for r in js], "json-server rows differ"
print(f"bench: json-server answers the same {len(js)} rows")
PY

echo "bench: warming up (3 s per target)"
for url in "$api$query" "$api$query&format=csv" "http://127.0.0.1:$limit_port/" "http://127.0.0.1:$json_server_port$json_server_query" "$api$all_query" "http://127.0.0.1:$limit_all_port/"; do
  wrk -t"$threads" -c"$connections" -d3s "$url" >/dev/null
done
wrk -t"$threads" -c"$connections" -d3s -H "If-None-Match: $etag" "$api$query" >/dev/null
tx_before="$(curl -s "$api/bench/storage-transactions")"

run_wrk json "$api$query"
run_wrk csv "$api$query&format=csv"
run_wrk not-modified -H "If-None-Match: $etag" "$api$query"
run_wrk all-json "$api$all_query"
run_wrk all-not-modified -H "If-None-Match: $all_etag" "$api$all_query"
tx_after="$(curl -s "$api/bench/storage-transactions")"
run_wrk limit "http://127.0.0.1:$limit_port/"
run_wrk all-limit "http://127.0.0.1:$limit_all_port/"
run_wrk json-server "http://127.0.0.1:$json_server_port$json_server_query"
echo "{\"before\": $tx_before, \"after\": $tx_after}" >"$results/transactions.json"
for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
pids=()

# --- 3: refresh publish
echo "bench: publishing $rows rows (batches, then single upserts)"
dotnet "$harness" publish --rows "$rows" >"$results/publish.json"

# --- 4: cold start and working set
cold_prefix="benchcold$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
cold() {
  local label="$1" dll="$2"; shift 2
  echo "bench: cold start $label"
  dotnet "$harness" coldstart --label "$label" --dll "$dll" --port "$port" --path "$query" --runs "$cold_runs" --prefix "$cold_prefix" \
    --env Logging__LogLevel__Microsoft.AspNetCore=Warning "$@" >>"$results/coldstart.jsonl"
}
cold jit "$localhost_jit"
cold jit-tieredpgo-off "$localhost_jit" --env DOTNET_TieredPGO=0
cold readytorun "$localhost_r2r"
cold readytorun-tieredpgo-off "$localhost_r2r" --env DOTNET_TieredPGO=0
cold readytorun-workstation-gc "$localhost_r2r" --env DOTNET_gcServer=0
dotnet "$harness" cleanup --prefix "$cold_prefix"

# --- the table and bench/results/latest.json
python3 bench/report.py "$results" bench/results/latest.json \
  --duration "$duration" --connections "$connections" --threads "$threads" --query "$query" --json-server-query "$json_server_query" \
  --all-query "$all_query"
