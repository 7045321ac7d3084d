using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;

namespace RareEarthApi.Tests.Support;

/// <summary>
/// Counts every request the Azure SDK sends to Table Storage, retries included (each attempt is a billed
/// transaction; a batch of up to 100 entities is one). Shared with bench/RareEarthApi.Bench, which links this file.
/// </summary>
internal sealed class TransactionCounter : HttpPipelinePolicy
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    /// <summary>A client whose every request this counter sees.</summary>
    public TableServiceClient Client(string connectionString)
    {
        var options = new TableClientOptions();
        options.AddPolicy(this, HttpPipelinePosition.PerRetry);
        return new TableServiceClient(connectionString, options);
    }

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
