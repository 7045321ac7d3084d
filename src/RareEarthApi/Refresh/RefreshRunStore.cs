using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using RareEarthApi.Storage;

namespace RareEarthApi.Refresh;

/// <summary>
/// The runs table "{prefix}refreshruns": PartitionKey = source, RowKey = inverted start ticks + run id, so a
/// source's newest run comes first in a partition query.
/// </summary>
internal sealed class RefreshRunStore(TableServiceClient tableService, IOptions<StorageOptions> options)
{
    private const int MaxMessage = 30000;

    private TableClient Table => tableService.GetTableClient(options.Value.TablePrefix + "refreshruns");

    public async Task SaveAsync(RefreshRun run, CancellationToken cancellationToken)
    {
        await Table.CreateIfNotExistsAsync(cancellationToken);
        var entity = new TableEntity(run.Source, RowKey(run))
        {
            ["RunId"] = run.RunId,
            ["Trigger"] = run.Trigger,
            ["Started"] = run.Started,
            ["Finished"] = run.Finished,
            ["Outcome"] = run.Outcome,
            ["Rows"] = run.Rows,
            ["Hash"] = run.Hash,
            ["Message"] = run.Message is { Length: > MaxMessage } m ? m[..MaxMessage] : run.Message,
            ["Datasets"] = string.Join(",", run.Datasets),
            ["Files"] = string.Join("\n", run.Files),
        };
        await Table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The newest runs of a source, newest first.</summary>
    public async Task<IReadOnlyList<RefreshRun>> RecentAsync(string source, int max, CancellationToken cancellationToken)
    {
        var runs = new List<RefreshRun>();
        try
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {source}");
            await foreach (var e in Table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken))
            {
                runs.Add(Read(e));
                if (runs.Count >= max)
                {
                    break;
                }
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No run recorded yet: the table does not exist.
        }

        return runs;
    }

    /// <summary>The newest run that ended well (published, or found the source unchanged), if any.</summary>
    public async Task<RefreshRun?> LastSuccessAsync(string source, CancellationToken cancellationToken)
    {
        var recent = await RecentAsync(source, 200, cancellationToken);
        return recent.FirstOrDefault(r => RefreshOutcome.IsSuccess(r.Outcome));
    }

    private static string RowKey(RefreshRun run) =>
        (DateTimeOffset.MaxValue.UtcTicks - run.Started.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + run.RunId;

    private static RefreshRun Read(TableEntity e) => new(
        e.GetString("RunId") ?? e.RowKey,
        e.PartitionKey,
        e.GetString("Trigger") ?? "",
        e.GetDateTimeOffset("Started") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("Finished"),
        e.GetString("Outcome") ?? "",
        e.GetInt32("Rows") ?? 0,
        e.GetString("Hash"),
        e.GetString("Message"),
        (e.GetString("Datasets") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
        (e.GetString("Files") ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries));
}
