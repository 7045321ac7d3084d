using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RareEarthApi.Http;
using RareEarthApi.Storage;

namespace RareEarthApi.Datasets;

/// <summary>
/// Publishes datasets as immutable versions in Table Storage and reads them back.
/// Rows of a version live in partitions "{dataset}|{version}|{shard}", packed many to an entity (see
/// <see cref="RowPacker"/>); the datasets table holds one record per
/// version and a "current" pointer per dataset. A publish writes every row first and only then replaces the
/// pointer (one entity, so atomic): readers see the old version or the new one, never a mixture, and a publish
/// that dies half way leaves the old pointer, and so the old data, served.
/// </summary>
internal sealed partial class DatasetVersionStore(
    TableServiceClient tableService,
    IOptions<StorageOptions> options,
    IOptions<ServingOptions> serving,
    TimeProvider time,
    ILogger<DatasetVersionStore> logger)
{
    private const string CurrentRowKey = "current";
    private const string VersionRowPrefix = "version|";
    private const string SeedCheckRowKey = "seed-check";
    private const int MaxBatchEntities = 100;
    // Table transactions are capped at 4 MiB; stay well under it, with an estimate of each entity's size.
    private const int MaxBatchBytes = 3 * 1024 * 1024;

    private TableClient DatasetsTable => tableService.GetTableClient(options.Value.DatasetsTable);

    private TableClient RowsTable => tableService.GetTableClient(options.Value.RowsTable);

    public async Task EnsureTablesAsync(CancellationToken cancellationToken)
    {
        await DatasetsTable.CreateIfNotExistsAsync(cancellationToken);
        await RowsTable.CreateIfNotExistsAsync(cancellationToken);
    }

    public async Task<DatasetPointer?> GetCurrentAsync(string dataset, CancellationToken cancellationToken) =>
        (await ReadCurrentAsync(dataset, cancellationToken)).Pointer;

    private async Task<(DatasetPointer? Pointer, ETag? ETag)> ReadCurrentAsync(string dataset, CancellationToken cancellationToken)
    {
        try
        {
            var response = await DatasetsTable.GetEntityIfExistsAsync<TableEntity>(dataset, CurrentRowKey, cancellationToken: cancellationToken);
            return response.HasValue ? (ReadPointer(response.Value!), response.Value!.ETag) : (null, null);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // The table itself does not exist yet: nothing has been published.
            return (null, null);
        }
    }

    public async Task<IReadOnlyList<TRow>> LoadRowsAsync<TRow>(string dataset, string version, IRowCodec<TRow> codec, CancellationToken cancellationToken)
    {
        var prefix = $"{dataset}|{version}|";
        // '}' sorts right after '|', so this range is exactly the partitions of this version.
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {dataset + "|" + version + "}"}");
        var rows = new List<TRow>();
        await foreach (var chunk in RowsTable.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            rows.AddRange(RowPacker.Unpack(chunk).Select(codec.Read));
        }

        return rows;
    }

    /// <summary>Writes a version and switches the dataset to it.</summary>
    public async Task<DatasetPointer> PublishAsync<TRow>(
        string dataset, DatasetContent<TRow> content, IRowCodec<TRow> codec, string publishedBy, CancellationToken cancellationToken) =>
        await SwitchAsync(await WriteVersionAsync(dataset, content, codec, publishedBy, cancellationToken), cancellationToken);

    /// <summary>
    /// Writes every row of a new version and its record. Nothing serves it until <see cref="SwitchAsync"/>, so a
    /// refresh that publishes several datasets writes them all before it switches any.
    /// </summary>
    public Task<PreparedVersion> WriteVersionAsync<TRow>(
        string dataset, DatasetContent<TRow> content, IRowCodec<TRow> codec, string publishedBy, CancellationToken cancellationToken) =>
        WriteAsync(dataset, content, codec, publishedBy, checkBase: false, builtOn: null, cancellationToken);

    /// <summary>
    /// <see cref="WriteVersionAsync"/> for content merged from the served version <paramref name="builtOn"/> (null: built
    /// when nothing was published): refused before a row is written when another publish has switched the dataset
    /// since that version was read, so a merge never undoes a publish it did not see.
    /// </summary>
    public Task<PreparedVersion> WriteVersionOnAsync<TRow>(
        string dataset, DatasetPointer? builtOn, DatasetContent<TRow> content, IRowCodec<TRow> codec, string publishedBy, CancellationToken cancellationToken) =>
        WriteAsync(dataset, content, codec, publishedBy, checkBase: true, builtOn?.Version, cancellationToken);

    private async Task<PreparedVersion> WriteAsync<TRow>(
        string dataset, DatasetContent<TRow> content, IRowCodec<TRow> codec, string publishedBy, bool checkBase, string? builtOn, CancellationToken cancellationToken)
    {
        await EnsureTablesAsync(cancellationToken);
        var (previous, pointerETag) = await ReadCurrentAsync(dataset, cancellationToken);
        var version = NewVersionId();
        if (checkBase && previous?.Version != builtOn)
        {
            throw new DatasetPublishConflictException(dataset, version);
        }

        var record = new TableEntity(dataset, VersionRowPrefix + version)
        {
            ["State"] = WireEnum.Text(VersionState.Writing),
            ["CreatedAt"] = time.GetUtcNow(),
            ["RowCount"] = content.Rows.Count,
            ["PublishedBy"] = publishedBy,
        };
        await DatasetsTable.UpsertEntityAsync(record, TableUpdateMode.Replace, cancellationToken);

        // Batches are made as they are sent, so a large publish never holds every entity twice.
        var batches = 0;
        await Parallel.ForEachAsync(
            Batches(dataset, version, content.Rows, codec),
            new ParallelOptions { MaxDegreeOfParallelism = serving.Value.PublishParallelism, CancellationToken = cancellationToken },
            async (batch, ct) =>
            {
                await RowsTable.SubmitTransactionAsync(batch, ct);
                Interlocked.Increment(ref batches);
            });

        LogWritten(logger, dataset, version, content.Rows.Count, batches);
        return new PreparedVersion(dataset, version, content.Rows.Count, publishedBy, content.Editions, previous?.Version, pointerETag);
    }

    /// <summary>
    /// Makes a written version the served one: one conditional write of the pointer (atomic). If another publish
    /// switched the dataset since this version was written, this one is refused rather than silently undoing it.
    /// </summary>
    public async Task<DatasetPointer> SwitchAsync(PreparedVersion prepared, CancellationToken cancellationToken)
    {
        var publishedAt = time.GetUtcNow();
        var pointer = new TableEntity(prepared.Dataset, CurrentRowKey)
        {
            ["Version"] = prepared.Version,
            ["PublishedAt"] = publishedAt,
            ["RowCount"] = prepared.RowCount,
            ["PublishedBy"] = prepared.PublishedBy,
            ["Editions"] = JsonSerializer.Serialize(prepared.Editions, StoreJson.Default.IReadOnlyListSourceEdition),
        };
        try
        {
            if (prepared.PointerETag is { } etag)
            {
                await DatasetsTable.UpdateEntityAsync(pointer, etag, TableUpdateMode.Replace, cancellationToken);
            }
            else
            {
                await DatasetsTable.AddEntityAsync(pointer, cancellationToken);
            }
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            throw new DatasetPublishConflictException(prepared.Dataset, prepared.Version);
        }

        await DatasetsTable.UpsertEntityAsync(new TableEntity(prepared.Dataset, VersionRowPrefix + prepared.Version)
        {
            ["State"] = WireEnum.Text(VersionState.Published),
            ["PublishedAt"] = publishedAt,
        }, TableUpdateMode.Merge, cancellationToken);

        LogPublished(logger, prepared.Dataset, prepared.Version, prepared.RowCount, prepared.PreviousVersion);
        return new DatasetPointer(prepared.Dataset, prepared.Version, publishedAt, prepared.RowCount, prepared.PublishedBy, prepared.Editions);
    }

    /// <summary>
    /// Whether the bundled-editions check already ran on <paramref name="version"/> with these bundled files and code
    /// (<see cref="BundledSeedFingerprint"/>). Its own entity, not a field of the pointer: writing it must never change
    /// the pointer's ETag under a publish in flight.
    /// </summary>
    public async Task<bool> SeedCheckedAsync(string dataset, string version, string fingerprint, CancellationToken cancellationToken)
    {
        var response = await DatasetsTable.GetEntityIfExistsAsync<TableEntity>(dataset, SeedCheckRowKey, cancellationToken: cancellationToken);
        return response.HasValue && response.Value!.GetString("Version") == version && response.Value.GetString("Fingerprint") == fingerprint;
    }

    public async Task RecordSeedCheckAsync(string dataset, string version, string fingerprint, CancellationToken cancellationToken) =>
        await DatasetsTable.UpsertEntityAsync(new TableEntity(dataset, SeedCheckRowKey)
        {
            ["Version"] = version,
            ["Fingerprint"] = fingerprint,
            ["CheckedAt"] = time.GetUtcNow(),
        }, TableUpdateMode.Replace, cancellationToken);

    /// <summary>Every version record of a dataset (published or abandoned half way), oldest first.</summary>
    public async Task<IReadOnlyList<DatasetVersionRecord>> ListVersionsAsync(string dataset, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {dataset} and RowKey ge {VersionRowPrefix} and RowKey lt {"version}"}");
        var versions = new List<DatasetVersionRecord>();
        await foreach (var e in DatasetsTable.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            versions.Add(new DatasetVersionRecord(dataset, e.RowKey[VersionRowPrefix.Length..], WireEnum.Parse<VersionState>(e.GetString("State")),
                e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue, e.GetInt32("RowCount") ?? 0));
        }

        return versions.OrderBy(v => v.Version, StringComparer.Ordinal).ToList();
    }

    /// <summary>Deletes a version's rows, then its record. The caller makes sure it is not the current version.</summary>
    public async Task DeleteVersionAsync(string dataset, string version, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {dataset + "|" + version + "|"} and PartitionKey lt {dataset + "|" + version + "}"}");
        var batch = new List<TableTransactionAction>(MaxBatchEntities);
        var partition = "";
        await foreach (var e in RowsTable.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            if (batch.Count == MaxBatchEntities || (batch.Count > 0 && e.PartitionKey != partition))
            {
                await RowsTable.SubmitTransactionAsync(batch, cancellationToken);
                batch = new List<TableTransactionAction>(MaxBatchEntities);
            }

            partition = e.PartitionKey;
            batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All));
        }

        if (batch.Count > 0)
        {
            await RowsTable.SubmitTransactionAsync(batch, cancellationToken);
        }

        await DatasetsTable.DeleteEntityAsync(dataset, VersionRowPrefix + version, ETag.All, cancellationToken);
    }

    private static IEnumerable<List<TableTransactionAction>> Batches<TRow>(string dataset, string version, IReadOnlyList<TRow> rows, IRowCodec<TRow> codec)
    {
        foreach (var shard in rows.GroupBy(codec.Shard, StringComparer.Ordinal))
        {
            var batch = new List<TableTransactionAction>(MaxBatchEntities);
            var bytes = 0;
            foreach (var entity in RowPacker.Pack($"{dataset}|{version}|{shard.Key}", shard, codec))
            {
                var size = EstimateSize(entity);
                if (batch.Count == MaxBatchEntities || (batch.Count > 0 && bytes + size > MaxBatchBytes))
                {
                    yield return batch;
                    batch = new List<TableTransactionAction>(MaxBatchEntities);
                    bytes = 0;
                }

                batch.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity));
                bytes += size;
            }

            if (batch.Count > 0)
            {
                yield return batch;
            }
        }
    }

    private static int EstimateSize(TableEntity entity) =>
        256 + entity.Sum(p => (p.Key.Length * 2) + (p.Value is string s ? s.Length * 2 : 16));

    /// <summary>
    /// Sortable by time and never reused: two publishes in the same instant (or under a frozen test clock) must not
    /// write into each other's partitions, or a failed publish could overwrite the rows of the current version.
    /// </summary>
    private string NewVersionId() =>
        time.GetUtcNow().ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];

    private static DatasetPointer ReadPointer(TableEntity e)
    {
        var editions = JsonSerializer.Deserialize(e.GetString("Editions") ?? "[]", StoreJson.Default.IReadOnlyListSourceEdition) ?? [];
        return new DatasetPointer(
            e.PartitionKey,
            e.GetString("Version") ?? throw new InvalidDataException($"Dataset pointer {e.PartitionKey} has no Version."),
            e.GetDateTimeOffset("PublishedAt") ?? DateTimeOffset.MinValue,
            e.GetInt32("RowCount") ?? 0,
            e.GetString("PublishedBy") ?? "",
            editions);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Wrote {Dataset} version {Version}: {Rows} rows in {Batches} batches")]
    private static partial void LogWritten(ILogger logger, string dataset, string version, int rows, int batches);

    [LoggerMessage(Level = LogLevel.Information, Message = "Published {Dataset} version {Version} ({Rows} rows; previous {Previous})")]
    private static partial void LogPublished(ILogger logger, string dataset, string version, int rows, string? previous);
}

/// <summary>A version whose rows are written, not yet served; <see cref="DatasetVersionStore.SwitchAsync"/> serves it.</summary>
internal sealed record PreparedVersion(
    string Dataset,
    string Version,
    int RowCount,
    string PublishedBy,
    IReadOnlyList<SourceEdition> Editions,
    string? PreviousVersion,
    ETag? PointerETag);

/// <summary>Another publish switched the dataset after this version was written; this one was not served.</summary>
internal sealed class DatasetPublishConflictException(string dataset, string version)
    : Exception($"{dataset}: another publish switched the dataset while version {version} was being written; {version} was not served.");

/// <summary>One version's record in the datasets table.</summary>
/// <summary>A version record; its state is null when the record names none this code knows.</summary>
internal sealed record DatasetVersionRecord(string Dataset, string Version, VersionState? State, DateTimeOffset CreatedAt, int RowCount);

/// <summary>A version's record: written while its rows are, published once the pointer moved to it (texts as stored).</summary>
internal enum VersionState
{
    [JsonStringEnumMemberName("writing")]
    Writing,

    [JsonStringEnumMemberName("published")]
    Published,
}

[JsonSerializable(typeof(IReadOnlyList<SourceEdition>))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class StoreJson : JsonSerializerContext;
