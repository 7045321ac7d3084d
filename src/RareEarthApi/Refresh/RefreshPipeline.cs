using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RareEarthApi.Datasets;
using RareEarthApi.Http;
using RareEarthApi.Storage;

namespace RareEarthApi.Refresh;

/// <summary>
/// Runs one source's refresh: take the source's lease, fetch (every file archived before it is parsed), skip when
/// the files hash as at the last successful run, parse, validate (the parser's problems, row counts against the
/// served version), publish each dataset as a new version (the pointer switch is atomic), prune old versions, and
/// record the run. A failure at any step leaves the served versions as they were.
/// </summary>
internal sealed partial class RefreshPipeline(
    IEnumerable<IRefreshSource> sources,
    RefreshLock locks,
    RefreshRunStore runs,
    SourceDownloader downloader,
    DatasetVersionStore store,
    SnapshotCache cache,
    VersionRetention retention,
    IOptions<RefreshOptions> options,
    TimeProvider time,
    ILogger<RefreshPipeline> logger)
{
    private const int MaxProblemsInMessage = 20;

    public IReadOnlyList<IRefreshSource> Sources { get; } = sources.ToList();

    public IRefreshSource? Find(string name) => Sources.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Runs the named source now; null when a run of it is already going on (here or on another instance).</summary>
    public Task<RefreshRun?> RunAsync(string sourceName, string trigger, CancellationToken cancellationToken)
    {
        var source = Find(sourceName) ?? throw new ArgumentException($"No refresh source '{sourceName}'.", nameof(sourceName));
        return RunAsync(source, trigger, cancellationToken);
    }

    /// <summary>Runs a source under the lease of its name; null when that lease is taken.</summary>
    public async Task<RefreshRun?> RunAsync(IRefreshSource source, string trigger, CancellationToken cancellationToken)
    {
        RefreshLease? lease;
        try
        {
            lease = await locks.TryAcquireAsync(source.Name, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && StorageFailure(e))
        {
            // The lock lives in Blob Storage: without it no run starts, and there is no run to record.
            throw new StorageUnavailableException($"The refresh lock of '{source.Name}' could not be taken: Blob Storage is unavailable.", e);
        }

        await using var held = lease;
        if (held is null)
        {
            LogBusy(logger, source.Name);
            return null;
        }

        // Holding the lease, this run knows that no run of the source is going on: a record still saying running is one whose end was lost.
        await FinishInterruptedAsync(source.Name, cancellationToken);

        var run = new RefreshRun(Guid.NewGuid().ToString("N")[..12], source.Name, trigger, time.GetUtcNow(), null,
            RefreshOutcome.Running, 0, null, null, source.Datasets, []);
        await TrySaveAsync(run, cancellationToken);
        using var context = new RefreshContext(source.Name, downloader);

        // Losing the lease stops the run: another run may hold it by now.
        using var running = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, held.Lost);
        try
        {
            run = await ExecuteAsync(source, context, run, held, running.Token, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await SaveFinalAsync(Finish(run, RefreshOutcome.Failed, "Cancelled (the host is stopping or the request went away); nothing was published.", context, RefreshFailure.Cancelled), CancellationToken.None);
            throw;
        }
        catch (Exception e) when (e is RefreshLockLostException || held.Lost.IsCancellationRequested)
        {
            run = Finish(run, RefreshOutcome.Failed, held.LostMessage, context, RefreshFailure.LockLost);
        }
        catch (Exception e)
        {
            // The one place a run's failure is caught: it becomes the run's outcome, and nothing is published.
            LogFailed(logger, e, source.Name, run.RunId);
            run = Finish(run, RefreshOutcome.Failed, Describe(e, run.RunId), context, Classify(e));
        }

        await SaveFinalAsync(run, cancellationToken);
        if (run.Outcome == RefreshOutcome.Failed)
        {
            // An error, so the refresh-failed alert fires; the previous data is still served.
            LogRunFailed(logger, source.Name, run.RunId, run.Message);
        }
        else
        {
            LogFinished(logger, source.Name, run.RunId, WireEnum.Text(run.Outcome), run.Rows, run.Message);
        }

        return run;
    }

    /// <summary>One run's steps. <paramref name="cancellationToken"/> also stops when the lease is lost; the switches, after a last look at the lease, run on <paramref name="hostToken"/> so that losing it does not cut them half way.</summary>
    private async Task<RefreshRun> ExecuteAsync(
        IRefreshSource source, RefreshContext context, RefreshRun run, RefreshLease held, CancellationToken cancellationToken, CancellationToken hostToken)
    {
        var files = await source.FetchAsync(context, cancellationToken);
        if (files.Count == 0)
        {
            return Finish(run, RefreshOutcome.NotPublished, "Nothing to fetch: no address is configured for this source.", context);
        }

        var hash = CombinedHash(files);
        run = run with { Hash = hash, Files = files.Select(f => $"{f.Name} → {f.BlobName} ({f.Length} bytes)").ToList() };

        var last = await runs.LastSuccessAsync(source.Name, source.Datasets, cancellationToken);
        if (last is { Outcome: RefreshOutcome.Succeeded or RefreshOutcome.Unchanged } && last.Hash == hash)
        {
            return Finish(run with { Rows = last.Rows }, RefreshOutcome.Unchanged, $"The files hash as at run {last.RunId}; nothing to publish.", context);
        }

        var parsed = await source.ParseAsync(context, files, cancellationToken);
        if (parsed.Count == 0)
        {
            return Finish(run, RefreshOutcome.NotPublished, "Downloaded and parsed; no dataset takes these rows here yet.", context);
        }

        var problems = new List<string>();
        foreach (var dataset in parsed)
        {
            problems.AddRange(dataset.Problems.Select(p => $"{dataset.Dataset}: {p}"));
            var current = await store.GetCurrentAsync(dataset.Dataset, cancellationToken);
            if (dataset.RowCount == 0)
            {
                problems.Add($"{dataset.Dataset}: the source gave no rows.");
            }
            else if (current is { RowCount: > 0 } && dataset.RowCount < current.RowCount * (1 - options.Value.MaxRowDropFraction))
            {
                problems.Add($"{dataset.Dataset}: {dataset.RowCount} rows where the served version has {current.RowCount} " +
                             $"(a drop of {1 - ((double)dataset.RowCount / current.RowCount):P0}, more than Refresh:MaxRowDropFraction {options.Value.MaxRowDropFraction:P0}).");
            }
        }

        if (problems.Count > 0)
        {
            var shown = string.Join(" ", problems.Take(MaxProblemsInMessage));
            var more = problems.Count > MaxProblemsInMessage ? $" (and {problems.Count - MaxProblemsInMessage} more)" : "";
            return Finish(run with { Rows = parsed.Sum(p => p.RowCount) }, RefreshOutcome.Failed,
                $"Rejected, nothing published: {problems.Count} problem(s): {shown}{more}", context, RefreshFailure.Rejected);
        }

        // Every dataset's rows first, then the switches: a failure while writing leaves every dataset as it was,
        // and the switches that follow are single-entity writes, one per dataset.
        held.ThrowIfLost();
        var prepared = new List<PreparedVersion>();
        foreach (var dataset in parsed)
        {
            prepared.Add(await dataset.WriteAsync(store, $"refresh:{source.Name}:{run.RunId}", cancellationToken));
        }

        held.ThrowIfLost();
        var published = new List<PublishedVersion>();
        foreach (var version in prepared)
        {
            var pointer = await store.SwitchAsync(version, hostToken);
            cache.Invalidate(version.Dataset);
            published.Add(new PublishedVersion(version.Dataset, pointer.Version, pointer.RowCount));
        }

        foreach (var dataset in parsed)
        {
            try
            {
                var deleted = await retention.PruneAsync(dataset.Dataset, hostToken);
                if (deleted.Count > 0)
                {
                    context.Note($"Deleted {deleted.Count} {dataset.Dataset} version(s) older than {options.Value.KeepVersionsDays} days.");
                }
            }
            catch (Azure.RequestFailedException e)
            {
                // Published already; old versions go at the next run.
                context.Note($"Pruning old {dataset.Dataset} versions failed ({e.Status} {e.ErrorCode}); the next run tries again.");
            }
        }

        var rejected = parsed.SelectMany(p => p.Rejected).Distinct(StringComparer.Ordinal).ToList();
        var left = rejected.Count == 0 ? "" : $" Rejected, their served rows kept: {string.Join(" ", rejected)}";
        var what = string.Join("; ", published.Select(p => $"{p.Dataset} version {p.Version} ({p.Rows} rows)"));
        return Finish(run with { Rows = parsed.Sum(p => p.RowCount), Rejected = rejected, Published = published }, RefreshOutcome.Succeeded, "Published " + what + "." + left, context);
    }

    private RefreshRun Finish(RefreshRun run, RefreshOutcome outcome, string message, RefreshContext context, RefreshFailure? failure = null)
    {
        var now = time.GetUtcNow();
        var whole = context.Notes.Count > 0 ? message + " " + string.Join(" ", context.Notes) : message;
        return run with
        {
            // A clock stepped back (or a frozen test clock) must not make a run end before it began.
            Finished = now < run.Started ? run.Started : now,
            Outcome = outcome,
            Failure = outcome == RefreshOutcome.Failed ? failure ?? RefreshFailure.Unexpected : null,
            Message = PublicText.Clean(whole),
        };
    }

    /// <summary>
    /// Marks the source's runs still recorded as running as failed (interrupted): the instance that ran one stopped, or
    /// storage failed when its end was saved. Best effort: a failure here must not stop the new run.
    /// </summary>
    private async Task FinishInterruptedAsync(string source, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var stuck in await runs.RecordedRunningAsync(source, cancellationToken))
            {
                var now = time.GetUtcNow();
                await runs.SaveAsync(stuck with
                {
                    Finished = now < stuck.Started ? stuck.Started : now,
                    Outcome = RefreshOutcome.Failed,
                    Failure = RefreshFailure.Interrupted,
                    Message = "Interrupted: the end of this run was never recorded (its instance stopped, or storage failed as it finished); it published nothing that is not recorded in the catalog.",
                }, cancellationToken);
            }
        }
        catch (Exception e) when (StorageFailure(e) && !cancellationToken.IsCancellationRequested)
        {
            LogRepairFailed(logger, e, source);
        }
    }

    private async Task TrySaveAsync(RefreshRun run, CancellationToken cancellationToken)
    {
        try
        {
            await runs.SaveAsync(run, cancellationToken);
        }
        catch (Exception e) when (StorageFailure(e) && !cancellationToken.IsCancellationRequested)
        {
            // Storage trouble must not turn into a second failure; the log keeps the run.
            LogRunNotSaved(logger, e, run.Source, run.RunId, WireEnum.Text(run.Outcome));
        }
    }

    /// <summary>
    /// The run's end, saved with a few retries (Refresh:FinalSaveRetries, backing off from one second): after a storage
    /// blip the record must not stay at running. Should storage stay down, the next run marks it interrupted.
    /// </summary>
    private async Task SaveFinalAsync(RefreshRun run, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await runs.SaveAsync(run, cancellationToken);
                return;
            }
            catch (Exception e) when (StorageFailure(e) && !cancellationToken.IsCancellationRequested)
            {
                LogRunNotSaved(logger, e, run.Source, run.RunId, WireEnum.Text(run.Outcome));
                if (attempt >= options.Value.FinalSaveRetries)
                {
                    return;
                }
            }

            await Task.Delay(delay, time, cancellationToken);
            delay *= 2;
        }
    }

    /// <summary>Storage (or its transport) failed, or did not answer in time.</summary>
    private static bool StorageFailure(Exception e) =>
        e is Azure.RequestFailedException or HttpRequestException or TimeoutException or OperationCanceledException or AggregateException or StorageUnavailableException;

    internal static string CombinedHash(IReadOnlyList<ArchivedFile> files) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join("\n", files.Select(f => f.Name + " " + f.Sha256).Order(StringComparer.Ordinal)))));

    /// <summary>What made a run fail, for its record and the admin route's status code.</summary>
    internal static RefreshFailure Classify(Exception e) => e switch
    {
        AggregateException { InnerException: { } inner } => Classify(inner),
        SourceFailedException or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException or HttpRequestException => RefreshFailure.Source,
        UploadTooLargeException or InvalidDataException or FormatException or CsvHelper.CsvHelperException => RefreshFailure.Rejected,
        Azure.RequestFailedException or StorageUnavailableException or OperationCanceledException or TimeoutException => RefreshFailure.Storage,
        _ => RefreshFailure.Unexpected,
    };

    /// <summary>
    /// The run's public message for an exception: what went wrong in words a caller can act on, never an exception
    /// type, a stack, a library's internal state or the bytes of a file (the log has the exception).
    /// </summary>
    internal static string Describe(Exception e, string? runId = null) => e switch
    {
        AggregateException { InnerException: { } inner } => Describe(inner, runId),
        Polly.Timeout.TimeoutRejectedException => "The source did not answer in time (Refresh:AttemptTimeoutSeconds); nothing was published.",
        Polly.CircuitBreaker.BrokenCircuitException => "The source failed repeatedly; calls to it are paused for a while (circuit open). Nothing was published.",
        HttpRequestException { StatusCode: { } status } h => $"The source answered {(int)status}: {h.Message}",
        HttpRequestException h => $"The source could not be reached ({h.HttpRequestError}); nothing was published.",
        SourceFailedException or UploadTooLargeException or InvalidDataException or FormatException => e.Message,
        CsvHelper.CsvHelperException c => $"The file is not well-formed CSV (near row {c.Context?.Parser?.Row}); nothing was published.",
        Azure.RequestFailedException { Status: 0 } => "Storage could not be reached; nothing was published.",
        Azure.RequestFailedException r => $"Storage failed ({r.Status} {r.ErrorCode}); nothing was published.",
        StorageUnavailableException or OperationCanceledException or TimeoutException => "Storage did not answer in time; nothing was published.",
        _ => runId is null
            ? "An unexpected error stopped this part of the run; nothing of it was published. The log has it."
            : $"An unexpected error stopped the run; nothing was published. The log has it under run {runId}.",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Refresh of {Source} skipped: a run is already going on")]
    private static partial void LogBusy(ILogger logger, string source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refresh of {Source} (run {RunId}) stopped by an exception")]
    private static partial void LogFailed(ILogger logger, Exception exception, string source, string runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refresh of {Source} (run {RunId}): {Outcome}, {Rows} rows. {Message}")]
    private static partial void LogFinished(ILogger logger, string source, string runId, string outcome, int rows, string? message);

    [LoggerMessage(Level = LogLevel.Error, Message = "Refresh of {Source} (run {RunId}) failed; the served data is unchanged. {Message}")]
    private static partial void LogRunFailed(ILogger logger, string source, string runId, string? message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not mark the interrupted runs of {Source} as failed; the next run tries again")]
    private static partial void LogRepairFailed(ILogger logger, Exception exception, string source);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not record run {RunId} of {Source} ({Outcome}) in the runs table")]
    private static partial void LogRunNotSaved(ILogger logger, Exception exception, string source, string runId, string outcome);
}
