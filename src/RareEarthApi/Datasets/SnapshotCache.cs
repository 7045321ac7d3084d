using System.Collections.Concurrent;
using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RareEarthApi.Storage;

namespace RareEarthApi.Datasets;

/// <summary>
/// Holds each dataset's current published version in memory and asks storage for the current-version pointer at
/// most every <see cref="ServingOptions.VersionCheckSeconds"/>. A warm request costs no storage transaction.
/// When storage fails, the version already held keeps being served; with nothing held, the request is a 503.
/// </summary>
internal sealed partial class SnapshotCache(
    DatasetVersionStore store,
    IOptions<ServingOptions> options,
    TimeProvider time,
    ILogger<SnapshotCache> logger)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public ValueTask<DatasetSnapshot<TRow>> GetAsync<TRow, TWire>(DatasetDescriptor<TRow, TWire> dataset, CancellationToken cancellationToken) =>
        GetAsync(dataset.Name, dataset.Codec, cancellationToken);

    public async ValueTask<DatasetSnapshot<TRow>> GetAsync<TRow>(string dataset, IRowCodec<TRow> codec, CancellationToken cancellationToken)
    {
        var entry = _entries.GetOrAdd(dataset, _ => new Entry());
        var held = entry.Snapshot as DatasetSnapshot<TRow>;
        if (held is not null && time.GetUtcNow() < entry.NextCheck)
        {
            return held;
        }

        // One caller checks; the others keep serving what is held rather than queueing behind storage.
        if (held is not null && !await entry.Gate.WaitAsync(0, cancellationToken))
        {
            return held;
        }

        if (held is null)
        {
            var arrived = time.GetUtcNow();
            await entry.Gate.WaitAsync(cancellationToken);
            if (entry.Snapshot is null && entry.FailedAt > arrived)
            {
                // The check this request queued behind has just failed: answer now rather than queue another.
                entry.Gate.Release();
                throw new StorageUnavailableException($"Dataset '{dataset}' could not be read from Table Storage.");
            }
        }

        try
        {
            held = entry.Snapshot as DatasetSnapshot<TRow>;
            if (held is not null && time.GetUtcNow() < entry.NextCheck)
            {
                return held;
            }

            return await RefreshAsync(entry, dataset, codec, held, cancellationToken);
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    /// <summary>Forget the check time, so the next request asks storage (after a publish in this process).</summary>
    public void Invalidate(string dataset)
    {
        if (_entries.TryGetValue(dataset, out var entry))
        {
            entry.NextCheck = DateTimeOffset.MinValue;
        }
    }

    private async Task<DatasetSnapshot<TRow>> RefreshAsync<TRow>(
        Entry entry, string dataset, IRowCodec<TRow> codec, DatasetSnapshot<TRow>? held, CancellationToken cancellationToken)
    {
        try
        {
            var pointer = await CheckPointerAsync(dataset, cancellationToken)
                ?? throw new DatasetNotPublishedException(dataset);
            if (held is null || held.Version != pointer.Version)
            {
                var rows = await store.LoadRowsAsync(dataset, pointer.Version, codec, cancellationToken);
                if (rows.Count != pointer.RowCount)
                {
                    // A version being deleted by retention, or a damaged table: never serve part of a version.
                    throw new InvalidDataException($"Version {pointer.Version} of {dataset} read {rows.Count} rows; its pointer says {pointer.RowCount}.");
                }

                held = new DatasetSnapshot<TRow>(dataset, pointer.Version, pointer.PublishedAt, rows, pointer.Editions) { PublishedBy = pointer.PublishedBy };
                entry.Snapshot = held;
                LogLoaded(logger, dataset, pointer.Version, rows.Count);
            }

            entry.NextCheck = time.GetUtcNow().AddSeconds(options.Value.VersionCheckSeconds);
            return held;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            if (held is not null)
            {
                // Whatever went wrong (storage down, a version deleted or damaged, the pointer gone), keep serving
                // the last good version and ask again after the usual interval.
                LogServingHeld(logger, e, dataset, held.Version);
                entry.NextCheck = time.GetUtcNow().AddSeconds(Math.Max(1, options.Value.VersionCheckSeconds));
                return held;
            }

            if (e is DatasetNotPublishedException)
            {
                throw;
            }

            entry.FailedAt = time.GetUtcNow();
            throw new StorageUnavailableException($"Dataset '{dataset}' could not be read from Table Storage.", e);
        }
    }

    /// <summary>
    /// The current-version pointer, waited for at most Serving:VersionCheckTimeoutSeconds: hung storage (connections
    /// accepted, nothing answered) must not hold the checking request for the SDK's network timeout times its retries.
    /// </summary>
    private async Task<DatasetPointer?> CheckPointerAsync(string dataset, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(TimeSpan.FromSeconds(options.Value.VersionCheckTimeoutSeconds));
        try
        {
            return await store.GetCurrentAsync(dataset, bounded.Token);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The version check of {dataset} took longer than Serving:VersionCheckTimeoutSeconds ({options.Value.VersionCheckTimeoutSeconds} s).", e);
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public volatile object? Snapshot;

        private long _nextCheckTicks = DateTimeOffset.MinValue.UtcTicks;

        private long _failedAtTicks = DateTimeOffset.MinValue.UtcTicks;

        /// <summary>When the last check with nothing held failed.</summary>
        public DateTimeOffset FailedAt
        {
            get => new(Volatile.Read(ref _failedAtTicks), TimeSpan.Zero);
            set => Volatile.Write(ref _failedAtTicks, value.UtcTicks);
        }

        /// <summary>Read on every request without the gate, so kept as ticks and read atomically.</summary>
        public DateTimeOffset NextCheck
        {
            get => new(Volatile.Read(ref _nextCheckTicks), TimeSpan.Zero);
            set => Volatile.Write(ref _nextCheckTicks, value.UtcTicks);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Dataset} version {Version} ({Rows} rows) into memory")]
    private static partial void LogLoaded(ILogger logger, string dataset, string version, int rows);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage check for {Dataset} failed; still serving version {Version}")]
    private static partial void LogServingHeld(ILogger logger, Exception exception, string dataset, string version);
}

/// <summary>The dataset has no published version yet (the seed or the first refresh has not run).</summary>
internal sealed class DatasetNotPublishedException(string dataset)
    : Exception($"Dataset '{dataset}' has no published version yet.")
{
    public string Dataset { get; } = dataset;
}
