using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RareEarthApi.Datasets;
using RareEarthApi.Storage;

namespace RareEarthApi.Tests.Support;

/// <summary>A <see cref="DatasetVersionStore"/> over tables of its own in Azurite (a unique prefix), deleted afterwards.</summary>
internal sealed class TestVersionStore : IAsyncDisposable
{
    public TestVersionStore(TimeProvider time)
    {
        Time = time;
        Store = Over(Tables);
    }

    public string Prefix { get; } = TestStorage.NewTablePrefix();

    public TableServiceClient Tables { get; } = new(TestStorage.ConnectionString);

    public TimeProvider Time { get; }

    public DatasetVersionStore Store { get; }

    /// <summary>Another store over the same tables: through another client (a dying connection) or with other serving options.</summary>
    public DatasetVersionStore Over(TableServiceClient tables, ServingOptions? serving = null) =>
        new(tables, Options.Create(new StorageOptions { TablePrefix = Prefix }), Options.Create(serving ?? new ServingOptions()), Time,
            NullLogger<DatasetVersionStore>.Instance);

    public ValueTask DisposeAsync() => new(TestStorage.DeleteTablesAsync(Prefix));
}
