using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RareEarthApi.Datasets;
using RareEarthApi.Production;
using RareEarthApi.Refresh;
using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.Refresh;

/// <summary>Old versions go after KeepVersionsDays, rows and record; the current and the previous one never do.</summary>
public sealed class VersionRetentionTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time;
    private readonly TestVersionStore _storage;
    private readonly DatasetVersionStore _store;
    private readonly VersionRetention _retention;

    public VersionRetentionTests()
    {
        _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        _storage = new TestVersionStore(_time);
        _store = _storage.Store;
        _retention = new VersionRetention(_store, Options.Create(new RefreshOptions { KeepVersionsDays = 30 }), _time);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _storage.DisposeAsync().AsTask();

    private Task<DatasetPointer> PublishAsync(double value) =>
        _store.PublishAsync("production", new DatasetContent<Observation>(
            [.. Enumerable.Range(2000, 150).Select(y => new Observation("mine-production", "rare-earths", "CHN", "China", y, value, "estimated", "t", "REO", null, "e"))], []),
            new ObservationCodec(), "test", CancellationToken.None);

    [Fact]
    public async Task Prune_DeletesVersionsOlderThanTheLimit_ButNeverTheCurrentOrThePrevious()
    {
        var v1 = await PublishAsync(1);
        _time.Advance(TimeSpan.FromDays(10));
        var v2 = await PublishAsync(2);
        _time.Advance(TimeSpan.FromDays(30));
        var v3 = await PublishAsync(3);
        _time.Advance(TimeSpan.FromDays(1));
        var v4 = await PublishAsync(4);
        _time.Advance(TimeSpan.FromDays(40));

        var deleted = await _retention.PruneAsync("production", CancellationToken.None);

        Assert.Equal([v1.Version, v2.Version], deleted);
        Assert.Equal([v3.Version, v4.Version], (await _store.ListVersionsAsync("production", CancellationToken.None)).Select(v => v.Version));
        Assert.Empty(await _store.LoadRowsAsync("production", v1.Version, new ObservationCodec(), CancellationToken.None));
        Assert.Equal(150, (await _store.LoadRowsAsync("production", v3.Version, new ObservationCodec(), CancellationToken.None)).Count);
        Assert.All(await _store.LoadRowsAsync("production", v4.Version, new ObservationCodec(), CancellationToken.None), r => Assert.Equal(4, r.Value));
    }

    [Fact]
    public async Task Prune_KeepsRecentVersions()
    {
        await PublishAsync(1);
        _time.Advance(TimeSpan.FromDays(5));
        await PublishAsync(2);
        await PublishAsync(3);

        Assert.Empty(await _retention.PruneAsync("production", CancellationToken.None));
        Assert.Equal(3, (await _store.ListVersionsAsync("production", CancellationToken.None)).Count);
    }
}
