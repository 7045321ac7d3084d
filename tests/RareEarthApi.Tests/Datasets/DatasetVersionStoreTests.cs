using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RareEarthApi.Datasets;
using RareEarthApi.Production;
using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.Datasets;

/// <summary>Publishing versions into a real Azurite: all or nothing, and readers switch only when told.</summary>
public sealed class DatasetVersionStoreTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time;
    private readonly TestVersionStore _storage;
    private readonly DatasetVersionStore _store;
    private readonly SourceEdition _edition = new("usgs-mcs-2026", "usgs-mcs", "Mineral Commodity Summaries 2026", "U.S. Geological Survey", new DateOnly(2026, 2, 6), null, null);

    public DatasetVersionStoreTests()
    {
        _time = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
        _storage = new TestVersionStore(_time);
        _store = _storage.Store;
    }

    private static Observation Row(string country, int year, double value) =>
        new("mine-production", "rare-earths", country, country, year, value, "estimated", "t", "REO", null, "usgs-mcs-2026");

    private DatasetContent<Observation> Content(int countries, int years, double value) =>
        new([.. Enumerable.Range(0, countries).SelectMany(c => Enumerable.Range(1900, years).Select(y => Row($"C{c:D2}", y, value)))], [_edition]);

    [Fact]
    public async Task Publish_ThenLoad_ReturnsEveryRow_AcrossManyBatches()
    {
        var content = Content(countries: 3, years: 120, value: 5);

        var pointer = await _store.PublishAsync("production", content, new ObservationCodec(), "test", CancellationToken.None);
        var rows = await _store.LoadRowsAsync("production", pointer.Version, new ObservationCodec(), CancellationToken.None);

        Assert.Equal(360, rows.Count);
        Assert.Equal(content.Rows.OrderBy(r => r.Country).ThenBy(r => r.Year), rows.OrderBy(r => r.Country).ThenBy(r => r.Year));
        Assert.Equal(pointer.Version, (await _store.GetCurrentAsync("production", CancellationToken.None))!.Version);
    }

    [Fact]
    public async Task PublishThatDiesHalfWay_LeavesThePreviousVersionCurrentAndWhole()
    {
        var good = await _store.PublishAsync("production", Content(3, 50, value: 1), new ObservationCodec(), "test", CancellationToken.None);

        var dying = _storage.Over(FailingAfterBatches(2), new ServingOptions { PublishParallelism = 1 });
        await Assert.ThrowsAsync<RequestFailedException>(() =>
            dying.PublishAsync("production", Content(3, 50, value: 2), new ObservationCodec(), "test", CancellationToken.None));

        var partitionsOfOtherVersions = new HashSet<string>();
        await foreach (var e in _storage.Tables.GetTableClient(_storage.Prefix + "datasetrows").QueryAsync<TableEntity>(select: ["PartitionKey"]))
        {
            if (!e.PartitionKey.StartsWith("production|" + good.Version + "|", StringComparison.Ordinal))
            {
                partitionsOfOtherVersions.Add(e.PartitionKey);
            }
        }

        Assert.Equal(2, partitionsOfOtherVersions.Count); // the failed publish wrote two of its three partitions before dying
        var current = await _store.GetCurrentAsync("production", CancellationToken.None);
        Assert.Equal(good.Version, current!.Version);
        var rows = await _store.LoadRowsAsync("production", current.Version, new ObservationCodec(), CancellationToken.None);
        Assert.Equal(150, rows.Count);
        Assert.All(rows, r => Assert.Equal(1, r.Value));
    }

    [Fact]
    public async Task Cache_SeesANewVersionOnlyAfterTheCheckInterval()
    {
        var cache = new SnapshotCache(_store, Options.Create(new ServingOptions { VersionCheckSeconds = 30 }), _time, NullLogger<SnapshotCache>.Instance);
        var first = await _store.PublishAsync("production", Content(1, 2, value: 1), new ObservationCodec(), "test", CancellationToken.None);
        Assert.Equal(first.Version, (await cache.GetAsync("production", new ObservationCodec(), CancellationToken.None)).Version);

        _time.Advance(TimeSpan.FromSeconds(1));
        var second = await _store.PublishAsync("production", Content(1, 2, value: 2), new ObservationCodec(), "test", CancellationToken.None);

        _time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(first.Version, (await cache.GetAsync("production", new ObservationCodec(), CancellationToken.None)).Version);
        _time.Advance(TimeSpan.FromSeconds(10));
        var snapshot = await cache.GetAsync("production", new ObservationCodec(), CancellationToken.None);
        Assert.Equal(second.Version, snapshot.Version);
        Assert.All(snapshot.Rows, r => Assert.Equal(2, r.Value));
    }

    [Fact]
    public async Task WrittenVersion_IsNotServedUntilSwitched()
    {
        var served = await _store.PublishAsync("production", Content(1, 2, value: 1), new ObservationCodec(), "test", CancellationToken.None);

        var written = await _store.WriteVersionAsync("production", Content(1, 2, value: 2), new ObservationCodec(), "test", CancellationToken.None);
        Assert.Equal(served.Version, (await _store.GetCurrentAsync("production", CancellationToken.None))!.Version);

        await _store.SwitchAsync(written, CancellationToken.None);
        Assert.Equal(written.Version, (await _store.GetCurrentAsync("production", CancellationToken.None))!.Version);
    }

    [Fact]
    public async Task SwitchAfterAnotherPublish_IsRefused_AndTheOtherStaysServed()
    {
        await _store.PublishAsync("production", Content(1, 2, value: 1), new ObservationCodec(), "test", CancellationToken.None);
        var slow = await _store.WriteVersionAsync("production", Content(1, 2, value: 2), new ObservationCodec(), "slow", CancellationToken.None);
        var fast = await _store.PublishAsync("production", Content(1, 2, value: 3), new ObservationCodec(), "fast", CancellationToken.None);

        await Assert.ThrowsAsync<DatasetPublishConflictException>(() => _store.SwitchAsync(slow, CancellationToken.None));

        Assert.Equal(fast.Version, (await _store.GetCurrentAsync("production", CancellationToken.None))!.Version);
    }

    [Fact]
    public async Task MergeBuiltOnAVersionNoLongerServed_IsRefusedBeforeARowIsWritten()
    {
        var readByTheMerge = await _store.PublishAsync("production", Content(1, 2, value: 1), new ObservationCodec(), "test", CancellationToken.None);
        var other = await _store.PublishAsync("production", Content(1, 2, value: 2), new ObservationCodec(), "other", CancellationToken.None);

        await Assert.ThrowsAsync<DatasetPublishConflictException>(() =>
            _store.WriteVersionOnAsync("production", readByTheMerge, Content(1, 2, value: 3), new ObservationCodec(), "merge", CancellationToken.None));

        Assert.Equal(other.Version, (await _store.GetCurrentAsync("production", CancellationToken.None))!.Version);
        Assert.Equal(2, (await _store.ListVersionsAsync("production", CancellationToken.None)).Count);
    }

    [Fact]
    public async Task FirstPublishRacingAnother_IsRefused_NotOverwritten()
    {
        var seed = await _store.WriteVersionAsync("production", Content(1, 2, value: 1), new ObservationCodec(), "seed", CancellationToken.None);
        var refresh = await _store.PublishAsync("production", Content(1, 2, value: 2), new ObservationCodec(), "refresh", CancellationToken.None);

        await Assert.ThrowsAsync<DatasetPublishConflictException>(() => _store.SwitchAsync(seed, CancellationToken.None));

        Assert.Equal(refresh.Version, (await _store.GetCurrentAsync("production", CancellationToken.None))!.Version);
    }

    [Fact]
    public async Task Cache_KeepsServingItsVersion_WhenTheNewOneCannotBeReadWhole()
    {
        var cache = new SnapshotCache(_store, Options.Create(new ServingOptions { VersionCheckSeconds = 30 }), _time, NullLogger<SnapshotCache>.Instance);
        var first = await _store.PublishAsync("production", Content(2, 2, value: 1), new ObservationCodec(), "test", CancellationToken.None);
        Assert.Equal(first.Version, (await cache.GetAsync("production", new ObservationCodec(), CancellationToken.None)).Version);
        var second = await _store.PublishAsync("production", Content(2, 2, value: 2), new ObservationCodec(), "test", CancellationToken.None);
        var rows = _storage.Tables.GetTableClient(_storage.Prefix + "datasetrows");
        await rows.DeleteEntityAsync($"production|{second.Version}|C00", "000000"); // half of the new version is gone

        _time.Advance(TimeSpan.FromSeconds(31));
        var snapshot = await cache.GetAsync("production", new ObservationCodec(), CancellationToken.None);

        Assert.Equal(first.Version, snapshot.Version);
        Assert.All(snapshot.Rows, r => Assert.Equal(1, r.Value));
    }

    [Fact]
    public async Task NothingPublished_HasNoCurrentVersion()
    {
        Assert.Null(await _store.GetCurrentAsync("production", CancellationToken.None));
    }

    /// <summary>A client whose connection dies after some batch transactions, as a process or network would.</summary>
    private static TableServiceClient FailingAfterBatches(int allowed)
    {
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 0;
        options.AddPolicy(new FailAfterBatches(allowed), HttpPipelinePosition.PerCall);
        return new TableServiceClient(TestStorage.ConnectionString, options);
    }

    private sealed class FailAfterBatches(int allowed) : HttpPipelinePolicy
    {
        private int _batches;

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Check(message);
            ProcessNext(message, pipeline);
        }

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Check(message);
            return ProcessNextAsync(message, pipeline);
        }

        private void Check(HttpMessage message)
        {
            if (message.Request.Uri.ToString().Contains("batch", StringComparison.Ordinal) && Interlocked.Increment(ref _batches) > allowed)
            {
                throw new RequestFailedException(503, "Injected: connection lost half way through a publish.");
            }
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _storage.DisposeAsync().AsTask();
}
