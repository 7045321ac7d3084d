using System.Globalization;
using Microsoft.Extensions.Options;
using RareEarthApi.Datasets;
using RareEarthApi.Trade;

namespace RareEarthApi.Refresh.Comtrade;

/// <summary>
/// UN Comtrade for the configured reporters × HS codes × flows × the last N complete years: the keyless preview by
/// default, the keyed endpoint (header Ocp-Apim-Subscription-Key) when a key is configured. About one call a second;
/// 429s wait as Retry-After says (the resilience handler). A call that returns the record cap is truncated: it is
/// split into one call per year, and a single year at the cap fails the run, never a silent cut.
/// </summary>
internal sealed class ComtradeSource(
    IOptions<ComtradeRefreshOptions> options,
    TimeProvider time,
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
        var lastYear = time.GetUtcNow().Year - 1;
        var years = Enumerable.Range(lastYear - o.Years + 1, o.Years).ToList();
        var files = new List<ArchivedFile>();
        foreach (var reporter in List(o.Reporters))
        {
            foreach (var cmd in List(o.HsCodes))
            {
                foreach (var flow in List(o.Flows))
                {
                    var file = await CallAsync(context, reporter, cmd, flow, years, cancellationToken);
                    if (file is not null)
                    {
                        files.Add(file);
                        continue;
                    }

                    // At the cap: one call per year.
                    foreach (var year in years)
                    {
                        files.Add(await CallAsync(context, reporter, cmd, flow, [year], cancellationToken)
                            ?? throw new InvalidDataException(
                                $"Comtrade reporter {reporter}, HS {cmd}, flow {flow}, {year}: {o.MaxRecords} records, the cap of one call; the answer is truncated. " +
                                "Narrow the HS codes or raise Refresh:Comtrade:MaxRecords with a subscription key."));
                    }
                }
            }
        }

        return files;
    }

    public async Task<IReadOnlyList<ParsedDataset>> ParseAsync(RefreshContext context, IReadOnlyList<ArchivedFile> files, CancellationToken cancellationToken)
    {
        var records = new List<ComtradeRecord>();
        var problems = new List<string>();
        foreach (var file in files)
        {
            using var stream = File.OpenRead(file.Path);
            var response = ComtradeParser.Parse(stream, file.Name);
            records.AddRange(response.Records);
            problems.AddRange(response.Problems);
        }

        problems.AddRange(ComtradeParser.Duplicates(records));
        context.Note($"{records.Count} Comtrade records from {files.Count} calls.");
        var publisher = publishers.LastOrDefault();
        if (publisher is null)
        {
            if (problems.Count > 0)
            {
                throw new InvalidDataException("Comtrade records rejected: " + string.Join(" ", problems.Take(20)));
            }

            return [];
        }

        var parsed = await publisher.BuildAsync(records, context.Note, cancellationToken);
        return [parsed with { Problems = [.. problems, .. parsed.Problems] }];
    }

    /// <summary>The archived response, or null when it holds the record cap (truncated).</summary>
    private async Task<ArchivedFile?> CallAsync(RefreshContext context, string reporter, string cmd, string flow, IReadOnlyList<int> years, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var keyed = !string.IsNullOrWhiteSpace(o.SubscriptionKey);
        var periods = string.Join(",", years.Select(y => y.ToString(CultureInfo.InvariantCulture)));
        var url = new Uri($"{o.BaseUrl.TrimEnd('/')}/{(keyed ? "data/v1/get" : "public/v1/preview")}/C/A/HS" +
                          $"?reporterCode={Uri.EscapeDataString(reporter)}&period={periods}&cmdCode={Uri.EscapeDataString(cmd)}&flowCode={Uri.EscapeDataString(flow)}" +
                          $"&partner2Code=0&customsCode=C00&motCode=0&maxRecords={o.MaxRecords}&includeDesc=true");
        var wait = _lastCall.AddMilliseconds(o.MinIntervalMilliseconds) - time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }

        _lastCall = time.GetUtcNow();
        var headers = keyed ? new Dictionary<string, string> { [KeyHeader] = o.SubscriptionKey! } : null;
        var file = await context.DownloadAsync(url, $"{reporter}-{cmd}-{flow}-{periods.Replace(',', '_')}.json", cancellationToken, headers);
        await using var stream = File.OpenRead(file.Path);
        var response = ComtradeParser.Parse(stream, file.Name);
        return response.Records.Count >= o.MaxRecords || response.Count >= o.MaxRecords ? null : file;
    }

    private static IEnumerable<string> List(string text) => text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
