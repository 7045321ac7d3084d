using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using RareEarthApi.Http;
using RareEarthApi.Storage;

namespace RareEarthApi.Refresh;

/// <summary>
/// The runs table "{prefix}refreshruns": PartitionKey = source, RowKey = inverted start ticks + run id, so a
/// source's newest run comes first in a partition query. Beside the runs, partition "summary" keeps small entities
/// with the newest run and the newest successful run (no files, a short message), written with every run: one per
/// dataset a run covers ("dataset|{source}|{dataset}", for the catalog) and one per run scope
/// ("scope|{source}|{datasets}", for the unchanged check). Reading them costs one point read or one small query.
/// </summary>
internal sealed class RefreshRunStore(TableServiceClient tableService, IOptions<StorageOptions> options)
{
    private const int MaxMessage = 30000;
    private const int MaxSummaryMessage = 1000;
    private const string SummaryPartition = "summary";
    private const string DatasetKey = "dataset|";
    private const string ScopeKey = "scope|";

    // '}' follows '|': row keys from "dataset|" to "dataset}" are exactly the dataset summaries.
    private const string DatasetKeyEnd = "dataset}";

    private long _generation;

    /// <summary>Goes up each time this process saves a run, so a cache of the summaries knows it is out of date.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    private TableClient Table => tableService.GetTableClient(options.Value.TablePrefix + "refreshruns");

    public async Task SaveAsync(RefreshRun run, CancellationToken cancellationToken)
    {
        try
        {
            await Table.CreateIfNotExistsAsync(cancellationToken);
            var entity = new TableEntity(run.Source, RowKey(run))
            {
                ["RunId"] = run.RunId,
                ["Trigger"] = run.Trigger,
                ["Started"] = run.Started,
                ["Finished"] = run.Finished,
                ["Outcome"] = WireEnum.Text(run.Outcome),
                ["Rows"] = run.Rows,
                ["Hash"] = run.Hash,
                ["Message"] = Shorten(run.Message, MaxMessage),
                ["Datasets"] = string.Join(",", run.Datasets),
                ["Files"] = string.Join("\n", run.Files),
                ["Rejected"] = Shorten(string.Join("\n", run.Rejected), MaxMessage),
            };
            await Table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);

            // Merge: a run that did not succeed leaves the summaries' last success as it was.
            var summaries = run.Datasets.Select(d => DatasetKey + run.Source + "|" + d).Append(ScopeKey + run.Source + "|" + Scope(run.Datasets))
                .Select(key => new TableTransactionAction(TableTransactionActionType.UpsertMerge, Summary(key, run)))
                .ToList();
            await Table.SubmitTransactionAsync(summaries, cancellationToken);
        }
        finally
        {
            Interlocked.Increment(ref _generation);
        }
    }

    /// <summary>The newest run of a source over these datasets that ended well (published, found the source unchanged, or had nothing to publish), if any.</summary>
    public async Task<RefreshRun?> LastSuccessAsync(string source, IReadOnlyList<string> datasets, CancellationToken cancellationToken)
    {
        try
        {
            var entity = await Table.GetEntityAsync<TableEntity>(SummaryPartition, ScopeKey + source + "|" + Scope(datasets), cancellationToken: cancellationToken);
            return ReadSummary(entity.Value).LastSuccess;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No run of this scope recorded yet (or no run at all: the table does not exist).
            return null;
        }
    }

    /// <summary>Every dataset's summary: the newest run and the newest successful run of each source that covers it.</summary>
    public async Task<IReadOnlyList<RefreshSummary>> DatasetSummariesAsync(CancellationToken cancellationToken)
    {
        var summaries = new List<RefreshSummary>();
        try
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {SummaryPartition} and RowKey gt {DatasetKey} and RowKey lt {DatasetKeyEnd}");
            await foreach (var e in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                summaries.Add(ReadSummary(e));
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No run recorded yet: the table does not exist.
        }

        return summaries;
    }

    private static string Scope(IReadOnlyList<string> datasets) => string.Join(",", datasets.Order(StringComparer.Ordinal));

    private static TableEntity Summary(string rowKey, RefreshRun run)
    {
        var entity = new TableEntity(SummaryPartition, rowKey) { ["Source"] = run.Source };
        Write(entity, "Last", run);
        entity["LastMessage"] = Shorten(run.Message, MaxSummaryMessage);
        if (run.Outcome.IsSuccess())
        {
            Write(entity, "Success", run);
        }

        return entity;
    }

    private static void Write(TableEntity entity, string prefix, RefreshRun run)
    {
        entity[prefix + "RunId"] = run.RunId;
        entity[prefix + "Trigger"] = run.Trigger;
        entity[prefix + "Started"] = run.Started;
        entity[prefix + "Finished"] = run.Finished;
        entity[prefix + "Outcome"] = WireEnum.Text(run.Outcome);
        entity[prefix + "Rows"] = run.Rows;
        entity[prefix + "Hash"] = run.Hash;
        entity[prefix + "Datasets"] = string.Join(",", run.Datasets);
        entity[prefix + "Rejected"] = string.Join("\n", run.Rejected.Select(r => Shorten(r, MaxSummaryMessage)));
    }

    private static RefreshSummary ReadSummary(TableEntity e)
    {
        var parts = e.RowKey.Split('|', 3);
        return new RefreshSummary(e.GetString("Source") ?? parts[1], parts[2], Read(e, "Last"), Read(e, "Success"));
    }

    private static RefreshRun? Read(TableEntity e, string prefix) =>
        e.GetString(prefix + "RunId") is not { } runId
            ? null
            : new RefreshRun(
                runId,
                e.GetString("Source") ?? "",
                e.GetString(prefix + "Trigger") ?? "",
                e.GetDateTimeOffset(prefix + "Started") ?? DateTimeOffset.MinValue,
                e.GetDateTimeOffset(prefix + "Finished"),
                WireEnum.Of<RefreshOutcome>(e.GetString(prefix + "Outcome") ?? ""),
                e.GetInt32(prefix + "Rows") ?? 0,
                e.GetString(prefix + "Hash"),
                e.GetString(prefix + "Message"),
                (e.GetString(prefix + "Datasets") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
                [])
            {
                Rejected = (e.GetString(prefix + "Rejected") ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries),
            };

    private static string? Shorten(string? message, int max) => message is { Length: var n } && n > max ? message[..(max - 1)] + "…" : message;

    private static string RowKey(RefreshRun run) =>
        (DateTimeOffset.MaxValue.UtcTicks - run.Started.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + run.RunId;
}

/// <summary>
/// The newest run and the newest successful run of one source over one dataset (or one scope of datasets).
/// Their messages are shortened and their file lists left out; the runs table keeps the whole record.
/// </summary>
internal sealed record RefreshSummary(string Source, string Key, RefreshRun? Last, RefreshRun? LastSuccess);
