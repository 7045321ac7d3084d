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
/// (no files, a short message), each replaced whole with every run, so a summary is always one run's record and never
/// a mixture of two: "last|{source}|{dataset}" (the newest run over the dataset) and "success|{source}|{dataset}" (the
/// newest successful one), for the catalog; "scope|{source}|{datasets}" (the newest successful run over that set of
/// datasets), for the unchanged check. Reading them costs one point read or one small query.
/// </summary>
internal sealed class RefreshRunStore(TableServiceClient tableService, IOptions<StorageOptions> options)
{
    private const int MaxMessage = 30000;
    private const int MaxSummaryMessage = 1000;
    private const string SummaryPartition = "summary";
    private const string LastKey = "last|";
    private const string SuccessKey = "success|";
    private const string ScopeKey = "scope|";
    private const string Last = "Last";
    private const string Success = "Success";

    /// <summary>Most runs one query lists.</summary>
    public const int MaxListed = 50;

    private long _generation;

    /// <summary>Goes up each time this process saves a run, so a cache of the summaries knows it is out of date.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    private TableClient Table => tableService.GetTableClient(options.Value.TablePrefix + "refreshruns");

    public async Task SaveAsync(RefreshRun run, CancellationToken cancellationToken)
    {
        try
        {
            await Table.CreateIfNotExistsAsync(cancellationToken);
            var entity = new TableEntity(run.Source, RowKey(run));
            Write(entity, "", run, MaxMessage);
            entity["Files"] = string.Join("\n", run.Files);
            await Table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);

            // Replace, never merge: a merge keeps the old value of every property the new record leaves null.
            var summaries = run.Datasets.Select(d => Summary(LastKey + run.Source + "|" + d, Last, run)).ToList();
            if (run.Outcome.IsSuccess())
            {
                summaries.AddRange(run.Datasets.Select(d => Summary(SuccessKey + run.Source + "|" + d, Success, run)));
                summaries.Add(Summary(ScopeKey + run.Source + "|" + Scope(run.Datasets), Success, run));
            }

            await Table.SubmitTransactionAsync(summaries.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), cancellationToken);
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
            return Read(entity.Value, Success);
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
        var last = new Dictionary<(string, string), RefreshRun>();
        var success = new Dictionary<(string, string), RefreshRun>();
        try
        {
            // '}' follows '|': "last|" to "last}" are exactly the last-run summaries, and so for "success|".
            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {SummaryPartition} and ((RowKey gt {LastKey} and RowKey lt {"last}"}) or (RowKey gt {SuccessKey} and RowKey lt {"success}"}))");
            await foreach (var e in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                var parts = e.RowKey.Split('|', 3);
                var isLast = parts[0] + "|" == LastKey;
                if (parts.Length == 3 && Read(e, isLast ? Last : Success) is { } run)
                {
                    (isLast ? last : success)[(parts[1], parts[2])] = run;
                }
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No run recorded yet: the table does not exist.
        }

        return last.Keys.Union(success.Keys)
            .Select(k => new RefreshSummary(k.Item1, k.Item2, last.GetValueOrDefault(k), success.GetValueOrDefault(k)))
            .ToList();
    }

    /// <summary>A source's newest runs, newest first, at most <paramref name="limit"/> (and <see cref="MaxListed"/>).</summary>
    public async Task<IReadOnlyList<RefreshRun>> RecentAsync(string source, int limit, CancellationToken cancellationToken)
    {
        var take = Math.Clamp(limit, 1, MaxListed);
        var runs = new List<RefreshRun>(take);
        try
        {
            await foreach (var e in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {source}"), maxPerPage: take, cancellationToken: cancellationToken))
            {
                if (Read(e, "") is { } run)
                {
                    runs.Add(run);
                }

                if (runs.Count == take)
                {
                    break;
                }
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No run recorded yet.
        }

        return runs;
    }

    /// <summary>Runs of a source still recorded as running (the next run, holding the lease, knows they are not).</summary>
    public async Task<IReadOnlyList<RefreshRun>> RecordedRunningAsync(string source, CancellationToken cancellationToken)
    {
        var runs = new List<RefreshRun>();
        try
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {source} and Outcome eq {Text(RefreshOutcome.Running)}");
            await foreach (var e in Table.QueryAsync<TableEntity>(filter, maxPerPage: 20, cancellationToken: cancellationToken))
            {
                if (Read(e, "") is { } run)
                {
                    runs.Add(run with { Files = (e.GetString("Files") ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries) });
                }

                if (runs.Count == 20)
                {
                    break;
                }
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No run recorded yet.
        }

        return runs;
    }

    private static string Scope(IReadOnlyList<string> datasets) => string.Join(",", datasets.Order(StringComparer.Ordinal));

    private static string Text(RefreshOutcome outcome) => WireEnum.Text(outcome);

    private static TableEntity Summary(string rowKey, string prefix, RefreshRun run)
    {
        var entity = new TableEntity(SummaryPartition, rowKey);
        Write(entity, prefix, run, MaxSummaryMessage);
        return entity;
    }

    private static void Write(TableEntity entity, string prefix, RefreshRun run, int maxMessage)
    {
        entity["Source"] = run.Source;
        entity[prefix + "RunId"] = run.RunId;
        entity[prefix + "Trigger"] = run.Trigger;
        entity[prefix + "Started"] = run.Started;
        entity[prefix + "Finished"] = run.Finished;
        entity[prefix + "Outcome"] = Text(run.Outcome);
        entity[prefix + "Failure"] = run.Failure is { } failure ? WireEnum.Text(failure) : null;
        entity[prefix + "Rows"] = run.Rows;
        entity[prefix + "Hash"] = run.Hash;
        entity[prefix + "Message"] = Shorten(run.Message, maxMessage);
        entity[prefix + "Datasets"] = string.Join(",", run.Datasets);
        entity[prefix + "Rejected"] = Shorten(string.Join("\n", run.Rejected.Select(r => Shorten(r, maxMessage))), MaxMessage);
        entity[prefix + "Published"] = string.Join("\n", run.Published.Select(p => $"{p.Dataset}|{p.Version}|{p.Rows.ToString(CultureInfo.InvariantCulture)}"));
    }

    private static RefreshRun? Read(TableEntity e, string prefix) =>
        e.GetString(prefix + "RunId") is not { } runId
            ? null
            : new RefreshRun(
                runId,
                e.GetString("Source") ?? e.PartitionKey,
                e.GetString(prefix + "Trigger") ?? "",
                e.GetDateTimeOffset(prefix + "Started") ?? DateTimeOffset.MinValue,
                e.GetDateTimeOffset(prefix + "Finished"),
                WireEnum.Parse<RefreshOutcome>(e.GetString(prefix + "Outcome")) ?? RefreshOutcome.Failed,
                e.GetInt32(prefix + "Rows") ?? 0,
                e.GetString(prefix + "Hash"),
                e.GetString(prefix + "Message"),
                (e.GetString(prefix + "Datasets") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
                [])
            {
                Rejected = (e.GetString(prefix + "Rejected") ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries),
                Failure = WireEnum.Parse<RefreshFailure>(e.GetString(prefix + "Failure")),
                Published = [.. (e.GetString(prefix + "Published") ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(ReadPublished).OfType<PublishedVersion>()],
            };

    private static PublishedVersion? ReadPublished(string line) =>
        line.Split('|') is [var dataset, var version, var rows] && int.TryParse(rows, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? new PublishedVersion(dataset, version, n)
            : null;

    private static string? Shorten(string? message, int max) => message is { Length: var n } && n > max ? message[..(max - 1)] + "…" : message;

    private static string RowKey(RefreshRun run) =>
        (DateTimeOffset.MaxValue.UtcTicks - run.Started.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + run.RunId;
}

/// <summary>
/// The newest run and the newest successful run of one source over one dataset (or one scope of datasets).
/// Their messages are shortened and their file lists left out; the runs table keeps the whole record.
/// </summary>
internal sealed record RefreshSummary(string Source, string Key, RefreshRun? Last, RefreshRun? LastSuccess);
