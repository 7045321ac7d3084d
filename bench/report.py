"""Reads one bench.sh run's raw results and writes the table (stdout, and beside the JSON as .md) and the JSON."""
import argparse, json, os, platform, re, subprocess, sys, time

p = argparse.ArgumentParser()
p.add_argument("results"); p.add_argument("out")
p.add_argument("--duration", type=int); p.add_argument("--connections", type=int); p.add_argument("--threads", type=int)
p.add_argument("--query"); p.add_argument("--json-server-query"); p.add_argument("--all-query")
a = p.parse_args()

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}

def wrk(name):
    text = open(os.path.join(a.results, f"wrk-{name}.txt")).read()
    def latency(pct):
        m = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
        return round(float(m.group(1)) * UNITS[m.group(2)], 3)
    requests = int(re.search(r"^\s+(\d+) requests in", text, re.M).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    socket = re.search(r"Socket errors: (.*)$", text, re.M)
    return {"requestsPerSecond": round(float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))),
            "p50Ms": latency(50), "p99Ms": latency(99), "requests": requests,
            "non2xx3xx": int(errors.group(1)) if errors else 0, "socketErrors": socket.group(1) if socket else None}

serving = {n: wrk(n) for n in ["json", "csv", "not-modified", "limit", "json-server", "all-json", "all-not-modified", "all-limit"]}
all_page = open(os.path.join(a.results, "all-page.txt")).read().strip().removeprefix("bench: ")
limit = serving["limit"]["requestsPerSecond"]
ratios = {"jsonToLimit": round(serving["json"]["requestsPerSecond"] / limit, 2),
          "csvToLimit": round(serving["csv"]["requestsPerSecond"] / limit, 2),
          "notModifiedToLimit": round(serving["not-modified"]["requestsPerSecond"] / limit, 2),
          "jsonServerToJson": round(serving["json-server"]["requestsPerSecond"] / serving["json"]["requestsPerSecond"], 3),
          "allJsonToLimit": round(serving["all-json"]["requestsPerSecond"] / serving["all-limit"]["requestsPerSecond"], 2),
          "allNotModifiedToLimit": round(serving["all-not-modified"]["requestsPerSecond"] / serving["all-limit"]["requestsPerSecond"], 2)}
tx = json.load(open(os.path.join(a.results, "transactions.json")))
served = sum(serving[n]["requests"] for n in ["json", "csv", "not-modified", "all-json", "all-not-modified"])
storage = {"transactions": tx["after"] - tx["before"], "servedRequests": served,
           "per1000Requests": round((tx["after"] - tx["before"]) * 1000 / served, 4)}
publish = json.load(open(os.path.join(a.results, "publish.json")))
cold = [json.loads(l) for l in open(os.path.join(a.results, "coldstart.jsonl")) if l.strip()]

def cpu_model():
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor()

mem_kb = int(re.search(r"MemTotal:\s+(\d+)", open("/proc/meminfo").read()).group(1))
machine = {"nproc": os.cpu_count(), "cpu": cpu_model(), "memoryGiB": round(mem_kb / 1024 / 1024, 1),
           "loadAverage": [round(x, 2) for x in os.getloadavg()],
           "dotnet": subprocess.run(["dotnet", "--version"], capture_output=True, text=True).stdout.strip(),
           "kernel": platform.release()}
targets = {"jsonToLimit>=0.7": ratios["jsonToLimit"] >= 0.7, "notModifiedToLimit>=0.9": ratios["notModifiedToLimit"] >= 0.9,
           "allJsonToLimit>=0.7": ratios["allJsonToLimit"] >= 0.7, "allNotModifiedToLimit>=0.9": ratios["allNotModifiedToLimit"] >= 0.9,
           "storagePer1000<1": storage["per1000Requests"] < 1,
           "batchSpeedup>=5 (issue 8)": publish["speedup"] >= 5, "batchSpeedup>=10 (issue 7)": publish["speedup"] >= 10,
           "batchTransactionsPer1000<=10": publish["batch"]["transactionsPer1000"] <= 10,
           "coldStart<1500ms (best variant)": min(c["firstOkMsMedian"] for c in cold) < 1500,
           "workingSet<200MB (best variant)": min(c["workingSetMb"] for c in cold) < 200}
result = {"ranAt": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "machine": machine,
          "wrk": {"threads": a.threads, "connections": a.connections, "durationSeconds": a.duration},
          "query": a.query, "jsonServerQuery": a.json_server_query, "allQuery": a.all_query, "allPage": all_page,
          "serving": serving, "ratios": ratios, "storage": storage, "publish": publish, "coldStart": cold, "targets": targets}
json.dump(result, open(a.out, "w"), indent=2)

def ok(b): return "yes" if b else "**no**"
s = serving
lines = [
    f"Machine: {machine['nproc']} cores ({machine['cpu']}), {machine['memoryGiB']} GiB, .NET SDK {machine['dotnet']}; "
    f"load average at the end {machine['loadAverage'][0]} / {machine['loadAverage'][1]} / {machine['loadAverage'][2]} (1/5/15 min); "
    f"wrk -t{a.threads} -c{a.connections} -d{a.duration}s on loopback; {result['ranAt']}.",
    "",
    "| measure | req/s | p50 ms | p99 ms | ratio | target |",
    "|---|---:|---:|---:|---:|---|",
    f"| (a) JSON `{a.query}` | {s['json']['requestsPerSecond']:,} | {s['json']['p50Ms']} | {s['json']['p99Ms']} | a/d {ratios['jsonToLimit']} | ≥ 0.7: {ok(targets['jsonToLimit>=0.7'])} |",
    f"| (b) CSV, same query | {s['csv']['requestsPerSecond']:,} | {s['csv']['p50Ms']} | {s['csv']['p99Ms']} | b/d {ratios['csvToLimit']} | |",
    f"| (c) 304, matching If-None-Match | {s['not-modified']['requestsPerSecond']:,} | {s['not-modified']['p50Ms']} | {s['not-modified']['p99Ms']} | c/d {ratios['notModifiedToLimit']} | ≥ 0.9: {ok(targets['notModifiedToLimit>=0.9'])} |",
    f"| (d) limit: Kestrel, same bytes, no work | {s['limit']['requestsPerSecond']:,} | {s['limit']['p50Ms']} | {s['limit']['p99Ms']} | 1 | |",
    f"| (e) json-server 0.17.4, same rows | {s['json-server']['requestsPerSecond']:,} | {s['json-server']['p50Ms']} | {s['json-server']['p99Ms']} | e/a {ratios['jsonServerToJson']} | |",
    f"| (f) JSON, every commodity for one year `{a.all_query}` ({all_page}) | {s['all-json']['requestsPerSecond']:,} | {s['all-json']['p50Ms']} | {s['all-json']['p99Ms']} | f/h {ratios['allJsonToLimit']} | ≥ 0.7: {ok(targets['allJsonToLimit>=0.7'])} |",
    f"| (g) 304 of (f) | {s['all-not-modified']['requestsPerSecond']:,} | {s['all-not-modified']['p50Ms']} | {s['all-not-modified']['p99Ms']} | g/h {ratios['allNotModifiedToLimit']} | ≥ 0.9: {ok(targets['allNotModifiedToLimit>=0.9'])} |",
    f"| (h) limit: Kestrel, the bytes of (f), no work | {s['all-limit']['requestsPerSecond']:,} | {s['all-limit']['p50Ms']} | {s['all-limit']['p99Ms']} | 1 | |",
    "",
    "| measure | figure | target |",
    "|---|---|---|",
    f"| Table Storage transactions per 1,000 served requests, warm | {storage['per1000Requests']} ({storage['transactions']} in {served:,} requests) | < 1: {ok(targets['storagePer1000<1'])} |",
    f"| publish {publish['rows']:,} rows, packed, in batch transactions (PublishAsync) | {publish['batch']['entitiesPerSecond']:,.0f} rows/s, {publish['batch']['seconds']} s, {publish['batch']['transactionsPer1000']} transactions per 1,000 rows | ≤ 10: {ok(targets['batchTransactionsPer1000<=10'])} |",
    f"| same rows, one entity per row, single upserts | {publish['single']['entitiesPerSecond']:,.0f} rows/s, {publish['single']['seconds']} s, {publish['single']['transactionsPer1000']} transactions per 1,000 rows | |",
    f"| batches ÷ single upserts (both {publish['parallelism']} in flight) | {publish['speedup']}× | ≥ 5×: {ok(targets['batchSpeedup>=5 (issue 8)'])}; ≥ 10×: {ok(targets['batchSpeedup>=10 (issue 7)'])} |",
]
for c in cold:
    lines.append(f"| cold start, {c['label']}: process start → first 200 (median of {c['runs']}; min–max) | {c['firstOkMsMedian']:.0f} ms ({c['firstOkMsMin']:.0f}–{c['firstOkMsMax']:.0f}); working set after {c['warmupRequests']:,} requests {c['workingSetMb']} MB | < 1500 ms, < 200 MB |")
table = "\n".join(lines)
open(os.path.splitext(a.out)[0] + ".md", "w").write(table + "\n")
print(table)
