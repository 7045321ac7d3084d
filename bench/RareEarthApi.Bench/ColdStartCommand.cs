using System.Diagnostics;
using System.Text.Json;

namespace RareEarthApi.Bench;

/// <summary>
/// Process start to the first 200 of a local host build, then its working set after a warm-up.
/// --dll path --label name --port 7077 --path "/api/v1/production?..." --runs 5 --warmup 3000 --prefix tablePrefix
/// [--env K=V ...]. The first run is not counted (it may seed the tables and fills the OS file cache).
/// </summary>
internal static class ColdStartCommand
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var dll = args.Required("dll");
        var port = args.Int("port", 7077);
        var path = args.Get("path", "/api/v1/production?country=CHN,USA,AUS&start=2010&end=2025");
        var runs = args.Int("runs", 5);
        var warmup = args.Int("warmup", 3000);
        var url = $"http://127.0.0.1:{port}";
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(5) };

        var startMs = new List<double>();
        long workingSet = 0;
        for (var run = 0; run <= runs; run++)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(dll);
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add(url);
            start.Environment["Storage__TablePrefix"] = args.Required("prefix");
            foreach (var pair in args.Env)
            {
                var eq = pair.IndexOf('=');
                start.Environment[pair[..eq]] = pair[(eq + 1)..];
            }

            var clock = Stopwatch.StartNew();
            using var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                await FirstOkAsync(http, path, process);
                if (run > 0)
                {
                    startMs.Add(clock.Elapsed.TotalMilliseconds);
                }

                if (run == runs)
                {
                    await WarmUpAsync(http, path, warmup);
                    await Task.Delay(1000);
                    process.Refresh();
                    workingSet = process.WorkingSet64;
                }
            }
            finally
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        startMs.Sort();
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            label = args.Get("label", Path.GetFileName(dll)),
            env = args.Env,
            runs = startMs.Count,
            firstOkMsMedian = Math.Round(startMs[startMs.Count / 2]),
            firstOkMsMin = Math.Round(startMs[0]),
            firstOkMsMax = Math.Round(startMs[^1]),
            workingSetMb = Math.Round(workingSet / (1024.0 * 1024.0), 1),
            warmupRequests = warmup,
        }));
        return 0;
    }

    private static async Task FirstOkAsync(HttpClient http, string path, Process process)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The local host exited with {process.ExitCode} before answering.");
            }

            try
            {
                using var response = await http.GetAsync(path);
                if ((int)response.StatusCode == 200)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(5);
        }

        throw new TimeoutException("No 200 within 60 s.");
    }

    /// <summary>JSON, CSV and 304 requests from 8 concurrent clients, as the serving benchmark sends.</summary>
    private static async Task WarmUpAsync(HttpClient http, string path, int requests)
    {
        string? etag = null;
        using (var first = await http.GetAsync(path))
        {
            etag = first.Headers.ETag?.Tag;
        }

        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= requests)
            {
                var kind = next % 3;
                using var request = new HttpRequestMessage(HttpMethod.Get, kind == 1 ? path + "&format=csv" : path);
                if (kind == 2 && etag is not null)
                {
                    request.Headers.TryAddWithoutValidation("If-None-Match", etag);
                }

                using var response = await http.SendAsync(request);
                await response.Content.ReadAsByteArrayAsync();
            }
        }));
    }
}
