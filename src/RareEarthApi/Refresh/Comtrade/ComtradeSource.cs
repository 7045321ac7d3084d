using System.Globalization;
using Microsoft.Extensions.Options;
using RareEarthApi.Countries;
using RareEarthApi.Datasets;
using RareEarthApi.Trade;

namespace RareEarthApi.Refresh.Comtrade;

/// <summary>
/// UN Comtrade for the configured reporters × HS codes × flows × years (FirstYear to the current year): the keyless
/// preview by default, the keyed endpoint (header Ocp-Apim-Subscription-Key) when a key is configured. About one call
/// a second; 429s wait as Retry-After says (the resilience handler). A call that returns the record cap is truncated:
/// it is split (<see cref="ComtradeCall.Split"/>) until every part is under the cap, never a silent cut. A call that
/// fails leaves out the reporter-years it asked for (their served rows stay); the others publish.
/// </summary>
internal sealed class ComtradeSource(
    IOptions<ComtradeRefreshOptions> options,
    TimeProvider time,
    CountryCatalog countries,
    IEnumerable<ITradePublisher> publishers) : IRefreshSource
{
    public const string SourceName = "comtrade";
    public const string KeyHeader = "Ocp-Apim-Subscription-Key";

    private DateTimeOffset _lastCall = DateTimeOffset.MinValue;

    public string Name => SourceName;

    public IReadOnlyList<string> Datasets { get; } = publishers.Any() ? ["trade"] : [];

    public async Task<IReadOnlyList<ArchivedFile>> FetchAsync(RefreshContext context, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var years = Enumerable.Range(o.FirstYear, Math.Max(0, time.GetUtcNow().Year - o.FirstYear + 1)).ToList();
        var partners = countries.All.Where(c => c.ComtradeCode is not null).Select(c => c.ComtradeCode!.Value).Distinct().Order().ToList();
        var files = new List<ArchivedFile>();
        var pending = new Stack<ComtradeCall>();
        foreach (var reporter in List(o.Reporters).Reverse())
        {
            foreach (var cmd in List(o.HsCodes).Reverse())
            {
                foreach (var chunk in years.Chunk(o.YearsPerCall).Reverse())
                {
                    pending.Push(new ComtradeCall(Code(reporter), cmd, [.. List(o.Flows)], chunk, null));
                }
            }
        }

        var failed = context.State<ComtradeFailures>();
        while (pending.TryPop(out var call))
        {
            var (file, reason) = await CallAsync(context, call, cancellationToken);
            if (file is not null)
            {
                files.Add(file);
                continue;
            }

            var parts = reason is null ? call.Split(partners) : [];
            if (parts.Count > 0)
            {
                foreach (var part in parts.Reverse())
                {
                    pending.Push(part);
                }

                continue;
            }

            // A failed call, or one that cannot be split further: its reporter-years stay as served.
            reason ??= $"{o.MaxRecords} records (the cap) for a single partner; the answer is truncated.";
            failed.Calls++;
            failed.Problems.AddRange(call.Years.Select(year => new ComtradeProblem(call.ReporterCode, year.ToString(CultureInfo.InvariantCulture),
                $"Comtrade reporter {call.ReporterCode}, HS {call.Cmd}, flow {string.Join(",", call.Flows)}, {year}: {reason}")));
        }

        if (files.Count == 0 && failed.Calls > 0)
        {
            throw new InvalidDataException($"Every Comtrade call failed ({failed.Calls}): " + string.Join(" ", failed.Problems.Take(5).Select(p => p.Message)));
        }

        return files;
    }

    public async Task<IReadOnlyList<ParsedDataset>> ParseAsync(RefreshContext context, IReadOnlyList<ArchivedFile> files, CancellationToken cancellationToken)
    {
        var records = new List<ComtradeRecord>();
        var problems = new List<ComtradeProblem>();
        foreach (var file in files)
        {
            using var stream = File.OpenRead(file.Path);
            var response = ComtradeParser.Parse(stream, file.Name);
            records.AddRange(response.Records);
            problems.AddRange(response.Problems);
        }

        problems.AddRange(ComtradeParser.Duplicates(records));
        problems.AddRange(context.State<ComtradeFailures>().Problems);
        context.Note($"{records.Count} Comtrade records from {files.Count} calls.");
        var publisher = publishers.LastOrDefault();
        if (publisher is null)
        {
            if (problems.Count > 0)
            {
                throw new InvalidDataException("Comtrade records rejected: " + string.Join(" ", problems.Take(20).Select(p => p.Message)));
            }

            return [];
        }

        return [await publisher.BuildAsync(new ComtradeBatch(records, problems), context.Note, cancellationToken)];
    }

    /// <summary>The archived response, or (null, null) when it holds the record cap (truncated), or (null, why) when the call failed.</summary>
    private async Task<(ArchivedFile? File, string? Failure)> CallAsync(RefreshContext context, ComtradeCall call, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var keyed = !string.IsNullOrWhiteSpace(o.SubscriptionKey);
        var periods = string.Join(",", call.Years.Select(y => y.ToString(CultureInfo.InvariantCulture)));
        var flows = string.Join(",", call.Flows);
        var partner = call.Partners is null ? "" : "&partnerCode=" + string.Join(",", call.Partners.Select(p => p.ToString(CultureInfo.InvariantCulture)));
        var url = new Uri($"{o.BaseUrl.TrimEnd('/')}/{(keyed ? "data/v1/get" : "public/v1/preview")}/C/A/HS" +
                          $"?reporterCode={call.ReporterCode}&period={periods}&cmdCode={Uri.EscapeDataString(call.Cmd)}&flowCode={Uri.EscapeDataString(flows)}" +
                          $"{partner}&partner2Code=0&customsCode=C00&motCode=0&maxRecords={o.MaxRecords}&includeDesc=true");
        var wait = _lastCall.AddMilliseconds(o.MinIntervalMilliseconds) - time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }

        _lastCall = time.GetUtcNow();
        var headers = keyed ? new Dictionary<string, string> { [KeyHeader] = o.SubscriptionKey! } : null;
        try
        {
            var file = await context.DownloadAsync(url, call.FileName(), cancellationToken, headers);
            await using var stream = File.OpenRead(file.Path);
            var response = ComtradeParser.Parse(stream, file.Name);
            return response.Records.Count >= o.MaxRecords || response.Count >= o.MaxRecords ? (null, null) : (file, null);
        }
        catch (Exception e) when (e is HttpRequestException or InvalidDataException or IOException
                                      or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException
                                  && !cancellationToken.IsCancellationRequested)
        {
            return (null, RefreshPipeline.Describe(e));
        }
    }

    private static int Code(string reporter) =>
        int.TryParse(reporter, NumberStyles.None, CultureInfo.InvariantCulture, out var code)
            ? code
            : throw new InvalidDataException($"Refresh:Comtrade:Reporters: '{reporter}' is not a Comtrade reporter code (a number such as 156).");

    private static IEnumerable<string> List(string text) => text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>One Comtrade call: a reporter and HS code, its flows and years, and its partners (null: all of them).</summary>
internal sealed record ComtradeCall(int ReporterCode, string Cmd, IReadOnlyList<string> Flows, IReadOnlyList<int> Years, IReadOnlyList<int>? Partners)
{
    /// <summary>
    /// The calls that ask the same in smaller parts, for an answer at the record cap: one per flow, then the years in
    /// halves, then the partners (every Comtrade code of the crosswalk) in halves; none when a single partner is left.
    /// </summary>
    public IReadOnlyList<ComtradeCall> Split(IReadOnlyList<int> allPartners)
    {
        if (Flows.Count > 1)
        {
            return [.. Flows.Select(f => this with { Flows = [f] })];
        }

        if (Years.Count > 1)
        {
            var half = Years.Count / 2;
            return [this with { Years = [.. Years.Take(half)] }, this with { Years = [.. Years.Skip(half)] }];
        }

        var partners = Partners ?? allPartners;
        if (partners.Count <= 1)
        {
            return [];
        }

        var middle = partners.Count / 2;
        return [this with { Partners = [.. partners.Take(middle)] }, this with { Partners = [.. partners.Skip(middle)] }];
    }

    public string FileName()
    {
        var years = Years.Count == 1 ? Years[0].ToString(CultureInfo.InvariantCulture) : $"{Years[0]}-{Years[^1]}";
        var partners = Partners is null ? "" : $"-p{Partners[0]}-{Partners[^1]}";
        return $"{ReporterCode}-{Cmd}-{string.Join("", Flows)}-{years}{partners}.json";
    }
}

/// <summary>The reporter-years a run's fetch could not get, kept from its fetch to its parse.</summary>
internal sealed class ComtradeFailures
{
    public int Calls { get; set; }

    public List<ComtradeProblem> Problems { get; } = [];
}
