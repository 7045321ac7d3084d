using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RareEarthApi.Datasets;

namespace RareEarthApi.Refresh;

/// <summary>
/// The catalog's lastRefresh, lastSuccess and stale for each dataset a refresh source publishes. A dataset never
/// refreshed counts its last publish (the bundled seed, say) as its last success for staleness. The run summaries
/// are read in one small query and held for Serving:VersionCheckSeconds (or until this process saves a run), so a
/// warm catalog request costs no storage transaction. The catalog never blocks on storage for them: one check at a
/// time runs in the background, a request waits for it (at most Serving:VersionCheckTimeoutSeconds) only when nothing
/// is held or this process has just saved a run, and otherwise answers from what is held, marked outdated or unknown.
/// </summary>
internal sealed partial class RefreshStatusSource(
    RefreshPipeline pipeline,
    RefreshRunStore runs,
    IOptions<RefreshOptions> options,
    IOptions<ServingOptions> serving,
    TimeProvider time,
    ILogger<RefreshStatusSource> logger)
    : IDatasetStatusSource
{
    private readonly Lock _checking = new();
    private Held? _held;
    private Task _check = Task.CompletedTask;

    public async Task<DatasetInfo> AddStatusAsync(DatasetInfo info, CancellationToken cancellationToken)
    {
        var sources = pipeline.Sources.Where(s => s.Datasets.Contains(info.Name, StringComparer.Ordinal)).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        if (sources.Count == 0)
        {
            return info;
        }

        if (await HeldAsync(cancellationToken) is not { } held)
        {
            return info with { RefreshStatus = RefreshStatusState.Unknown };
        }

        // A curated source publishes several datasets: an upload's run counts only for its own dataset.
        var mine = held.Summaries.Where(s => s.Key == info.Name && sources.Contains(s.Source)).ToList();
        var last = mine.Select(s => s.Last).OfType<RefreshRun>().MaxBy(r => r.Started);
        var lastSuccess = mine.Select(s => s.LastSuccess).OfType<RefreshRun>().MaxBy(r => r.Started)?.Finished;
        var now = time.GetUtcNow();
        var age = now - (lastSuccess ?? info.LastPublished);
        var current = now - held.Read <= TimeSpan.FromSeconds(serving.Value.VersionCheckSeconds + serving.Value.VersionCheckTimeoutSeconds);
        return info with
        {
            LastRefresh = last is null ? null : new DatasetRefresh(last.Source, last.RunId, last.Started, last.Finished, last.Outcome, last.Rows, last.Message, last.Rejected) { Failure = last.Failure },
            LastSuccess = lastSuccess,
            Stale = age > TimeSpan.FromHours(options.Value.StaleAfterHours),
            RefreshStatus = current ? RefreshStatusState.Current : RefreshStatusState.Outdated,
            RefreshStatusAsOf = current ? null : held.Read,
        };
    }

    private async Task<Held?> HeldAsync(CancellationToken cancellationToken)
    {
        var generation = runs.Generation;
        var held = Volatile.Read(ref _held);
        if (held is not null && held.Generation == generation && time.GetUtcNow() - held.Read < TimeSpan.FromSeconds(serving.Value.VersionCheckSeconds))
        {
            return held;
        }

        var check = StartCheck();
        if (held is null || held.Generation != generation)
        {
            try
            {
                await check.WaitAsync(TimeSpan.FromSeconds(serving.Value.VersionCheckTimeoutSeconds), time, cancellationToken);
            }
            catch (TimeoutException)
            {
                // Storage is slow or hung: answer with what is held; the check goes on in the background.
            }
        }

        return Volatile.Read(ref _held);
    }

    /// <summary>The check going on, or a new one: never two at once, however many requests arrive.</summary>
    private Task StartCheck()
    {
        lock (_checking)
        {
            if (_check.IsCompleted)
            {
                _check = Task.Run(CheckAsync);
            }

            return _check;
        }
    }

    private async Task CheckAsync()
    {
        var generation = runs.Generation;
        var started = time.GetUtcNow();
        try
        {
            var summaries = await runs.DatasetSummariesAsync(CancellationToken.None);
            Volatile.Write(ref _held, new Held(started, generation, summaries));
        }
        catch (Exception e)
        {
            // Nobody awaits a background check's failure: the catalog keeps what is held, marked outdated, and the next request after the interval tries again.
            LogCheckFailed(logger, e);
        }
    }

    private sealed record Held(DateTimeOffset Read, long Generation, IReadOnlyList<RefreshSummary> Summaries);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the refresh run summaries for the catalog failed; it shows what it holds")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception);
}
