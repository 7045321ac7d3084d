using Microsoft.Extensions.Options;
using RareEarthApi.Datasets;

namespace RareEarthApi.Refresh;

/// <summary>
/// The catalog's lastRefresh, lastSuccess and stale for each dataset a refresh source publishes. A dataset never
/// refreshed counts its last publish (the bundled seed, say) as its last success for staleness.
/// </summary>
internal sealed class RefreshStatusSource(RefreshPipeline pipeline, RefreshRunStore runs, IOptions<RefreshOptions> options, TimeProvider time)
    : IDatasetStatusSource
{
    public async Task<DatasetInfo> AddStatusAsync(DatasetInfo info, CancellationToken cancellationToken)
    {
        var sources = pipeline.Sources.Where(s => s.Datasets.Contains(info.Name, StringComparer.Ordinal)).Select(s => s.Name).Distinct().ToList();
        if (sources.Count == 0)
        {
            return info;
        }

        var recent = new List<RefreshRun>();
        try
        {
            foreach (var source in sources)
            {
                recent.AddRange(await runs.RecentAsync(source, 200, cancellationToken));
            }
        }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or TimeoutException or AggregateException)
        {
            // The catalog still answers from what is held in memory; the refresh status comes back with storage.
            return info;
        }

        // A curated source publishes several datasets: an upload's run counts only for its own dataset.
        var mine = recent.Where(r => r.Datasets.Count == 0 || r.Datasets.Contains(info.Name, StringComparer.Ordinal)).OrderByDescending(r => r.Started).ToList();
        var last = mine.FirstOrDefault();
        var success = mine.FirstOrDefault(r => RefreshOutcome.IsSuccess(r.Outcome));
        var lastSuccess = success?.Finished;
        var age = time.GetUtcNow() - (lastSuccess ?? info.LastPublished);
        return info with
        {
            LastRefresh = last is null ? null : new DatasetRefresh(last.Source, last.RunId, last.Started, last.Finished, last.Outcome, last.Rows, last.Message),
            LastSuccess = lastSuccess,
            Stale = age > TimeSpan.FromHours(options.Value.StaleAfterHours),
        };
    }
}
