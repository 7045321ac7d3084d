using Microsoft.Extensions.Options;
using RareEarthApi.Datasets;

namespace RareEarthApi.Refresh;

/// <summary>
/// The catalog's lastRefresh, lastSuccess and stale for each dataset a refresh source publishes. A dataset never
/// refreshed counts its last publish (the bundled seed, say) as its last success for staleness. The run summaries
/// are read in one small query and held for Serving:VersionCheckSeconds (or until this process saves a run), so a
/// warm catalog request costs no storage transaction.
/// </summary>
internal sealed class RefreshStatusSource(
    RefreshPipeline pipeline, RefreshRunStore runs, IOptions<RefreshOptions> options, IOptions<ServingOptions> serving, TimeProvider time)
    : IDatasetStatusSource
{
    private Held? _held;

    public async Task<DatasetInfo> AddStatusAsync(DatasetInfo info, CancellationToken cancellationToken)
    {
        var sources = pipeline.Sources.Where(s => s.Datasets.Contains(info.Name, StringComparer.Ordinal)).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        if (sources.Count == 0)
        {
            return info;
        }

        IReadOnlyList<RefreshSummary> summaries;
        try
        {
            summaries = await SummariesAsync(cancellationToken);
        }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or TimeoutException or AggregateException)
        {
            // The catalog still answers from what is held in memory: the last summaries read, or no refresh status.
            if (Volatile.Read(ref _held) is not { } held)
            {
                return info;
            }

            summaries = held.Summaries;
        }

        // A curated source publishes several datasets: an upload's run counts only for its own dataset.
        var mine = summaries.Where(s => s.Key == info.Name && sources.Contains(s.Source)).ToList();
        var last = mine.Select(s => s.Last).OfType<RefreshRun>().MaxBy(r => r.Started);
        var lastSuccess = mine.Select(s => s.LastSuccess).OfType<RefreshRun>().MaxBy(r => r.Started)?.Finished;
        var age = time.GetUtcNow() - (lastSuccess ?? info.LastPublished);
        return info with
        {
            LastRefresh = last is null ? null : new DatasetRefresh(last.Source, last.RunId, last.Started, last.Finished, last.Outcome, last.Rows, last.Message, last.Rejected),
            LastSuccess = lastSuccess,
            Stale = age > TimeSpan.FromHours(options.Value.StaleAfterHours),
        };
    }

    private async Task<IReadOnlyList<RefreshSummary>> SummariesAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var generation = runs.Generation;
        if (Volatile.Read(ref _held) is { } held && held.Generation == generation && now - held.Read < TimeSpan.FromSeconds(serving.Value.VersionCheckSeconds))
        {
            return held.Summaries;
        }

        // Two requests may both read at the interval's end; either result is current.
        var summaries = await runs.DatasetSummariesAsync(cancellationToken);
        Volatile.Write(ref _held, new Held(now, generation, summaries));
        return summaries;
    }

    private sealed record Held(DateTimeOffset Read, long Generation, IReadOnlyList<RefreshSummary> Summaries);
}
