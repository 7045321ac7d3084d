using Azure;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RareEarthApi.Storage;

namespace RareEarthApi.Datasets;

/// <summary>A dataset that ships with the app and can publish its bundled rows.</summary>
internal interface IDatasetSeed
{
    string Dataset { get; }

    Task PublishAsync(DatasetVersionStore store, CancellationToken cancellationToken);

    /// <summary>Whether <see cref="AddMissingEditionsAsync"/> can add anything (a curated file cannot).</summary>
    bool AddsMissingEditions => false;

    /// <summary>
    /// Publishes, beside what <paramref name="current"/> serves, the bundled editions it lacks; returns their ids.
    /// None by default: a curated file is replaced whole (by a refresh or an upload), never topped up.
    /// </summary>
    Task<IReadOnlyList<string>> AddMissingEditionsAsync(DatasetVersionStore store, DatasetPointer current, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([]);
}

public sealed class SeedOptions
{
    public const string Section = "Seed";

    /// <summary>Publish the bundled data for every dataset that has no published version yet.</summary>
    public bool LoadWhenEmpty { get; set; } = true;

    /// <summary>
    /// Add the bundled editions a published dataset lacks (a new release bundling more editions) next to what it serves;
    /// what is served (refreshed editions included) is kept as it is.
    /// </summary>
    public bool AddMissingEditions { get; set; } = true;
}

/// <summary>
/// Publishes the bundled data of each dataset that has never been published, and (when asked) the bundled editions a
/// published one lacks; never overwrites what is served.
/// </summary>
internal sealed partial class SeedLoader(
    DatasetVersionStore store, IEnumerable<IDatasetSeed> seeds, ILogger<SeedLoader> logger, BundledSeedFingerprint? fingerprint = null)
{
    public async Task<IReadOnlyList<string>> LoadMissingAsync(SeedOptions options, CancellationToken cancellationToken)
    {
        await store.EnsureTablesAsync(cancellationToken);
        var loaded = new List<string>();
        foreach (var seed in seeds)
        {
            try
            {
                var current = await store.GetCurrentAsync(seed.Dataset, cancellationToken);
                if (current is null && options.LoadWhenEmpty)
                {
                    await seed.PublishAsync(store, cancellationToken);
                    loaded.Add(seed.Dataset);
                    LogSeeded(logger, seed.Dataset);
                }
                else if (current is not null && options.AddMissingEditions && seed.AddsMissingEditions)
                {
                    // Parsing every bundled release file is most of a start's time and memory: skip it where the same
                    // files and code were checked against the same served version before.
                    if (fingerprint is not null && await store.SeedCheckedAsync(seed.Dataset, current.Version, fingerprint.Value, cancellationToken))
                    {
                        continue;
                    }

                    var added = await seed.AddMissingEditionsAsync(store, current, cancellationToken);
                    if (added.Count > 0)
                    {
                        loaded.Add(seed.Dataset);
                        LogEditionsAdded(logger, seed.Dataset, string.Join(", ", added));
                    }
                    else if (fingerprint is not null)
                    {
                        // Only a check that found nothing is recorded: after an addition the next start checks the
                        // version it made (whatever may have been published on top of it since).
                        await store.RecordSeedCheckAsync(seed.Dataset, current.Version, fingerprint.Value, cancellationToken);
                    }
                }
            }
            catch (DatasetPublishConflictException)
            {
                // Another instance or a refresh published first: its data stays; the next start looks again.
                LogSeedSkipped(logger, seed.Dataset);
            }
        }

        return loaded;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Brought the bundled {Dataset} editions up to date (added what the store lacked, replaced or withdrew retired ones): {Editions}")]
    private static partial void LogEditionsAdded(ILogger logger, string dataset, string editions);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Dataset} was published by someone else while the bundled data was written; kept theirs")]
    private static partial void LogSeedSkipped(ILogger logger, string dataset);

    [LoggerMessage(Level = LogLevel.Information, Message = "Published the bundled {Dataset} data (the store had none)")]
    private static partial void LogSeeded(ILogger logger, string dataset);
}

/// <summary>Seeds an empty store when the app starts, so a fresh deployment or a fresh Azurite serves data at once.</summary>
internal sealed partial class SeedOnStartup(SeedLoader loader, IOptions<SeedOptions> options, ILogger<SeedOnStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.LoadWhenEmpty && !options.Value.AddMissingEditions)
        {
            return;
        }

        try
        {
            await loader.LoadMissingAsync(options.Value, cancellationToken);
        }
        catch (Exception e) when (e is RequestFailedException or HttpRequestException or AggregateException or TimeoutException or StorageUnavailableException)
        {
            // Start anyway: reads answer 503 until storage is back, and the next start seeds.
            LogSeedFailed(logger, e);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not seed the data store at start-up; datasets answer 503 until it is reachable")]
    private static partial void LogSeedFailed(ILogger logger, Exception exception);
}
