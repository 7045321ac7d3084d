using System.Diagnostics;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RareEarthApi.Datasets;
using RareEarthApi.Production;
using RareEarthApi.Storage;
using RareEarthApi.Tests.Support;

namespace RareEarthApi.Bench;

/// <summary>
/// The refresh's write path: the same rows published with DatasetVersionStore.PublishAsync (batch transactions
/// per partition) and with one upsert per entity, at the same parallelism, counting storage transactions.
/// --rows 100000 --parallelism 8 (default: ServingOptions.PublishParallelism) --single-rows (default: all rows).
/// </summary>
internal static class PublishCommand
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var rowCount = args.Int("rows", 100_000);
        var parallelism = args.Int("parallelism", new ServingOptions().PublishParallelism);
        var singleRows = args.Int("single-rows", rowCount);
        var prefix = "bench" + Guid.NewGuid().ToString("N")[..8];
        var counter = new TransactionCounter();
        var service = counter.Client(BenchStorage.ConnectionString);
        var codec = new ObservationCodec();
        var store = new DatasetVersionStore(service, Options.Create(new StorageOptions { TablePrefix = prefix }),
            Options.Create(new ServingOptions { PublishParallelism = parallelism }), TimeProvider.System, NullLogger<DatasetVersionStore>.Instance);
        var content = Rows(rowCount);

        try
        {
            // Untimed: opens the connections and creates the tables, as any earlier publish would have.
            await store.PublishAsync("warmup", Rows(500), codec, "bench", CancellationToken.None);

            counter.Reset();
            var clock = Stopwatch.StartNew();
            var pointer = await store.PublishAsync("benchrows", content, codec, "bench", CancellationToken.None);
            var batchSeconds = clock.Elapsed.TotalSeconds;
            var batchTransactions = counter.Count;
            var loaded = await store.LoadRowsAsync("benchrows", pointer.Version, codec, CancellationToken.None);
            if (loaded.Count != rowCount)
            {
                throw new InvalidOperationException($"Published {rowCount} rows but read back {loaded.Count}.");
            }

            // Azurite slows as it holds more entities: the single upserts start from the same size the batches did.
            await service.DeleteTableAsync(prefix + "datasetrows");

            var single = service.GetTableClient(prefix + "singlerows");
            await single.CreateIfNotExistsAsync();
            counter.Reset();
            clock.Restart();
            await Parallel.ForEachAsync(content.Rows.Take(singleRows), new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (row, ct) =>
            {
                var entity = new TableEntity($"benchrows|single|{codec.Shard(row)}", codec.RowKey(row));
                codec.Write(row, entity);
                await single.UpsertEntityAsync(entity, TableUpdateMode.Replace, ct);
            });
            var singleSeconds = clock.Elapsed.TotalSeconds;
            var singleTransactions = counter.Count;

            var result = new
            {
                rows = rowCount,
                parallelism,
                batch = Figures(rowCount, batchSeconds, batchTransactions),
                single = Figures(singleRows, singleSeconds, singleTransactions),
                speedup = Math.Round(rowCount / batchSeconds / (singleRows / singleSeconds), 2),
            };
            Console.WriteLine(JsonSerializer.Serialize(result));
            return 0;
        }
        finally
        {
            await BenchStorage.DeleteTablesAsync(prefix);
        }
    }

    private static object Figures(int rows, double seconds, long transactions) => new
    {
        seconds = Math.Round(seconds, 2),
        entitiesPerSecond = Math.Round(rows / seconds),
        transactions,
        transactionsPer1000 = Math.Round(transactions * 1000.0 / rows, 2),
    };

    /// <summary>Observation rows as a refresh makes them: 500 per country partition, 4 editions × 125 years.</summary>
    private static DatasetContent<Observation> Rows(int count)
    {
        string[] editions = ["usgs-mcs-2023", "usgs-mcs-2024", "usgs-mcs-2025", "usgs-mcs-2026"];
        var rows = new List<Observation>(count);
        for (var i = 0; i < count; i++)
        {
            var country = $"C{i / 500:D4}";
            var year = 1900 + (i % 500 / 4);
            var edition = editions[i % 4];
            rows.Add(new Observation("mine-production", "rare-earths", country, "Country " + country, year, 1000 + i, "estimated", "t", "REO", "Synthetic benchmark row.", edition));
        }

        var cited = editions.Select(e => new SourceEdition(e, "usgs-mcs", "Mineral Commodity Summaries", "U.S. Geological Survey", new DateOnly(2026, 2, 6), null, null)).ToList();
        return new DatasetContent<Observation>(rows, cited);
    }
}
