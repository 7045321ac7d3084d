using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;

namespace RareEarthApi.Bench;

/// <summary>
/// Counts every request the Azure SDK sends to Table Storage, retries included (each attempt is a billed
/// transaction; a batch of up to 100 entities is one).
/// </summary>
internal sealed class TransactionCounter : HttpPipelinePolicy
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Interlocked.Increment(ref _count);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Interlocked.Increment(ref _count);
        return ProcessNextAsync(message, pipeline);
    }
}

internal static class BenchStorage
{
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("Storage__ConnectionString") is { Length: > 0 } s ? s : "UseDevelopmentStorage=true";

    public static TableServiceClient Counted(string connectionString, TransactionCounter counter)
    {
        var options = new TableClientOptions();
        options.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        return new TableServiceClient(connectionString, options);
    }

    /// <summary>Deletes the tables a benchmark made (every name starting with the prefix).</summary>
    public static async Task<int> DeleteTablesAsync(string prefix)
    {
        var service = new TableServiceClient(ConnectionString);
        await foreach (var table in service.QueryAsync(t => t.Name.CompareTo(prefix) >= 0 && t.Name.CompareTo(prefix + "~") < 0))
        {
            await service.DeleteTableAsync(table.Name);
        }

        return 0;
    }
}
