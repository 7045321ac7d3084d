using Azure;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RareEarthApi.Datasets;

/// <summary>A dataset that ships with the app and can publish its bundled rows.</summary>
internal interface IDatasetSeed
{
    string Dataset { get; }

    Task PublishAsync(DatasetVersionStore store, CancellationToken cancellationToken);
}

public sealed class SeedOptions
{
    public const string Section = "Seed";

    /// <summary>Publish the bundled data for every dataset that has no published version yet.</summary>
    public bool LoadWhenEmpty { get; set; } = true;
}

/// <summary>Publishes the bundled data of each dataset that has never been published; never overwrites.</summary>
internal sealed partial class SeedLoader(DatasetVersionStore store, IEnumerable<IDatasetSeed> seeds, ILogger<SeedLoader> logger)
{
    public async Task<IReadOnlyList<string>> LoadMissingAsync(CancellationToken cancellationToken)
    {
        await store.EnsureTablesAsync(cancellationToken);
        var loaded = new List<string>();
        foreach (var seed in seeds)
        {
            if (await store.GetCurrentAsync(seed.Dataset, cancellationToken) is null)
            {
                try
                {
                    await seed.PublishAsync(store, cancellationToken);
                    loaded.Add(seed.Dataset);
                    LogSeeded(logger, seed.Dataset);
                }
                catch (DatasetPublishConflictException)
                {
                    // Another instance or a refresh published first: its data stays, the bundled copy is not needed.
                    LogSeedSkipped(logger, seed.Dataset);
                }
            }
        }

        return loaded;
    }

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
        if (!options.Value.LoadWhenEmpty)
        {
            return;
        }

        try
        {
            await loader.LoadMissingAsync(cancellationToken);
        }
        catch (Exception e) when (e is RequestFailedException or HttpRequestException or AggregateException or TimeoutException)
        {
            // Start anyway: reads answer 503 until storage is back, and the next start seeds.
            LogSeedFailed(logger, e);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not seed the data store at start-up; datasets answer 503 until it is reachable")]
    private static partial void LogSeedFailed(ILogger logger, Exception exception);
}
