using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RareEarthApi.Datasets;
using RareEarthApi.Production;
using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.Datasets;

/// <summary>
/// A store published by an earlier release (fewer bundled editions, one refreshed since) gets the bundled editions it
/// lacks at start, beside what it serves, in real Azurite.
/// </summary>
public sealed class SeedLoaderTests : IAsyncLifetime
{
    private static readonly string[] Earlier = ["usgs-ds140-2020", "usgs-myb-2022", "usgs-mcs-2024", "usgs-mcs-2025", "usgs-mcs-2026"];

    private readonly TestVersionStore _storage = new(new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero)));
    private readonly DatasetSeed<Observation, ObservationJson> _seed = new(ObservationDatasets.Production.Descriptor, SeedCatalogs.Services);
    private readonly ObservationCodec _codec = new();

    private SeedLoader Loader => new(_storage.Store, [_seed], NullLogger<SeedLoader>.Instance);

    /// <summary>What an earlier release published, with MCS 2026's China 2025 figure as a refresh has since changed it.</summary>
    private async Task<DatasetPointer> PublishEarlierReleaseAsync()
    {
        var bundled = ObservationSeedDataset.Read(SeedCatalogs.Countries, SeedCatalogs.CommodityNames);
        var rows = bundled.Rows
            .Where(r => r.Measure == "mine-production" && Earlier.Contains(r.Edition))
            .Select(r => r is { Country: "CHN", Year: 2025, Edition: "usgs-mcs-2026" } ? r with { Value = 275000 } : r)
            .ToList();
        var editions = bundled.Editions.Where(e => Earlier.Contains(e.Id)).ToList();
        return await _storage.Store.PublishAsync("production", new DatasetContent<Observation>(rows, editions), _codec, "refresh:usgs:run-1", CancellationToken.None);
    }

    private async Task<IReadOnlyList<Observation>> ServedAsync()
    {
        var current = (await _storage.Store.GetCurrentAsync("production", CancellationToken.None))!;
        return await _storage.Store.LoadRowsAsync("production", current.Version, _codec, CancellationToken.None);
    }

    [Fact]
    public async Task BundledEditionsTheStoreLacks_AreAdded_AndWhatItServesIsKept()
    {
        var earlier = await PublishEarlierReleaseAsync();

        var loaded = await Loader.LoadMissingAsync(new SeedOptions(), CancellationToken.None);

        Assert.Equal(["production"], loaded);
        var current = (await _storage.Store.GetCurrentAsync("production", CancellationToken.None))!;
        Assert.NotEqual(earlier.Version, current.Version);
        Assert.Contains(current.Editions, e => e.Id == "usgs-mcs-2023");
        Assert.Contains(current.Editions, e => e.Id == "usgs-mcs-2026");
        var served = await ServedAsync();
        Assert.Contains(served, r => r is { Country: "CHN", Year: 2022, Value: 210000, Edition: "usgs-mcs-2023" });
        Assert.Contains(served, r => r is { Country: "CHN", Year: 2025, Value: 275000, Edition: "usgs-mcs-2026" });
        Assert.Equal(earlier.RowCount + ObservationSeedDataset.Read(SeedCatalogs.Countries, SeedCatalogs.CommodityNames).Rows.Count(r => r.Measure == "mine-production" && !Earlier.Contains(r.Edition)), served.Count);
    }

    [Fact]
    public async Task EditionsARelease_Retired_AreWithdrawnOrReplaced_InAStoreSeededBefore_AndTheRestIsKept()
    {
        // A store an earlier release seeded: its typed-in MCS 2012 and MCS 2016 tables (figures made up for the test)
        // beside what it serves since.
        var earlier = await PublishEarlierReleaseAsync();
        var rows = await _storage.Store.LoadRowsAsync("production", earlier.Version, _codec, CancellationToken.None);
        var mcs2012 = new SourceEdition("usgs-mcs-2012", "usgs-mcs", "MCS 2012 (typed in)", "U.S. Geological Survey", new DateOnly(2012, 1, 1), null, null);
        var mcs2016 = new SourceEdition("usgs-mcs-2016", "usgs-mcs", "MCS 2016 (typed in)", "U.S. Geological Survey", new DateOnly(2016, 1, 1), null, null);
        Observation Typed(string country, int year, double value, string edition) =>
            new("mine-production", "rare-earths", country, country, year, value, "reported", "t", "REO", null, edition);
        var old = await _storage.Store.PublishAsync("production", new DatasetContent<Observation>(
            [.. rows, Typed("CHN", 2010, 130000, "usgs-mcs-2012"), Typed("CHN", 2014, 105000, "usgs-mcs-2016"), Typed("USA", 2014, 5400, "usgs-mcs-2016")],
            [.. earlier.Editions, mcs2012, mcs2016]), _codec, "seed", CancellationToken.None);
        Assert.Equal(earlier.RowCount + 3, old.RowCount);

        Assert.Equal(["production"], await Loader.LoadMissingAsync(new SeedOptions(), CancellationToken.None));

        var current = (await _storage.Store.GetCurrentAsync("production", CancellationToken.None))!;
        var served = await ServedAsync();
        Assert.DoesNotContain(current.Editions, e => e.Id == "usgs-mcs-2012");
        Assert.DoesNotContain(served, r => r.Edition == "usgs-mcs-2012");
        Assert.StartsWith("https://docslib.org/", Assert.Single(current.Editions, e => e.Id == "usgs-mcs-2016").Copy);
        Assert.Equal(
            ObservationSeedDataset.Read(SeedCatalogs.Countries, SeedCatalogs.CommodityNames).Rows.Where(r => r.Edition == "usgs-mcs-2016" && r.Measure == "mine-production").OrderBy(r => r.Year),
            served.Where(r => r.Edition == "usgs-mcs-2016").OrderBy(r => r.Year));
        Assert.Contains(served, r => r is { Country: "CHN", Year: 2025, Value: 275000, Edition: "usgs-mcs-2026" });
        Assert.Contains(current.Editions, e => e.Id == "usgs-mcs-2023");

        // Done once: the next start finds nothing to do.
        Assert.Empty(await Loader.LoadMissingAsync(new SeedOptions(), CancellationToken.None));
    }

    [Fact]
    public async Task AStoreWithEveryBundledEdition_IsLeftAlone()
    {
        await PublishEarlierReleaseAsync();
        await Loader.LoadMissingAsync(new SeedOptions(), CancellationToken.None);
        var after = (await _storage.Store.GetCurrentAsync("production", CancellationToken.None))!;

        Assert.Empty(await Loader.LoadMissingAsync(new SeedOptions(), CancellationToken.None));
        Assert.Equal(after.Version, (await _storage.Store.GetCurrentAsync("production", CancellationToken.None))!.Version);
    }

    [Fact]
    public async Task AddMissingEditionsOff_LeavesAPublishedStoreAlone()
    {
        var earlier = await PublishEarlierReleaseAsync();

        Assert.Empty(await Loader.LoadMissingAsync(new SeedOptions { AddMissingEditions = false }, CancellationToken.None));
        Assert.Equal(earlier.Version, (await _storage.Store.GetCurrentAsync("production", CancellationToken.None))!.Version);
    }

    [Fact]
    public async Task APublishBetweenTheReadAndTheWrite_WinsAndNothingIsAdded()
    {
        var stale = await PublishEarlierReleaseAsync();
        var newer = await PublishEarlierReleaseAsync();

        await Assert.ThrowsAsync<DatasetPublishConflictException>(() => _seed.AddMissingEditionsAsync(_storage.Store, stale, CancellationToken.None));

        Assert.Equal(newer.Version, (await _storage.Store.GetCurrentAsync("production", CancellationToken.None))!.Version);
        Assert.DoesNotContain(await ServedAsync(), r => r.Edition == "usgs-mcs-2023");
    }

    [Fact]
    public async Task AStartWithTheBundledFilesAlreadyChecked_AgainstTheServedVersion_DoesNotParseThemAgain()
    {
        var counting = new CountingSeed(_seed);
        var fingerprint = new BundledSeedFingerprint(SeedFilesDirectory(), Guid.NewGuid());
        SeedLoader Start() => new(_storage.Store, [counting], NullLogger<SeedLoader>.Instance, fingerprint);
        await PublishEarlierReleaseAsync();

        Assert.Equal(["production"], await Start().LoadMissingAsync(new SeedOptions(), CancellationToken.None));
        Assert.Empty(await Start().LoadMissingAsync(new SeedOptions(), CancellationToken.None));
        Assert.Equal(2, counting.Checks);

        // The check that found nothing was recorded: the same files against the same version are not parsed again.
        Assert.Empty(await Start().LoadMissingAsync(new SeedOptions(), CancellationToken.None));
        Assert.Equal(2, counting.Checks);
    }

    [Fact]
    public async Task ANewServedVersion_OrOtherBundledFiles_AreCheckedAgain()
    {
        var counting = new CountingSeed(_seed);
        var release = new BundledSeedFingerprint(SeedFilesDirectory(), Guid.NewGuid());
        SeedLoader Start(BundledSeedFingerprint fingerprint) => new(_storage.Store, [counting], NullLogger<SeedLoader>.Instance, fingerprint);
        await PublishEarlierReleaseAsync();
        await Start(release).LoadMissingAsync(new SeedOptions(), CancellationToken.None);
        await Start(release).LoadMissingAsync(new SeedOptions(), CancellationToken.None);
        var checks = counting.Checks;

        // A refresh publishes an older set of editions: the next start checks, and brings the bundled ones back.
        await PublishEarlierReleaseAsync();
        Assert.Equal(["production"], await Start(release).LoadMissingAsync(new SeedOptions(), CancellationToken.None));
        Assert.Equal(checks + 1, counting.Checks);

        // A new build (other code or files) checks a version the old build had already checked.
        await Start(release).LoadMissingAsync(new SeedOptions(), CancellationToken.None);
        checks = counting.Checks;
        Assert.Empty(await Start(new BundledSeedFingerprint(SeedFilesDirectory(), Guid.NewGuid())).LoadMissingAsync(new SeedOptions(), CancellationToken.None));
        Assert.Equal(checks + 1, counting.Checks);
    }

    [Fact]
    public void TheFingerprint_ChangesWithAnyBundledFileOrTheBuild()
    {
        var directory = Directory.CreateTempSubdirectory("seed-fingerprint-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "a.csv"), "x,1\n");
            Directory.CreateDirectory(Path.Combine(directory.FullName, "raw"));
            File.WriteAllText(Path.Combine(directory.FullName, "raw", "b.csv"), "y,2\n");
            var build = Guid.NewGuid();
            var before = new BundledSeedFingerprint(directory.FullName, build).Value;

            Assert.Equal(before, new BundledSeedFingerprint(directory.FullName, build).Value);
            Assert.NotEqual(before, new BundledSeedFingerprint(directory.FullName, Guid.NewGuid()).Value);
            File.WriteAllText(Path.Combine(directory.FullName, "raw", "b.csv"), "y,3\n");
            Assert.NotEqual(before, new BundledSeedFingerprint(directory.FullName, build).Value);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static string SeedFilesDirectory() => Path.Combine(AppContext.BaseDirectory, "Seed");

    /// <summary>The real seed, counting how often a start asks it to compare the bundled editions with the store's.</summary>
    private sealed class CountingSeed(IDatasetSeed inner) : IDatasetSeed
    {
        public int Checks { get; private set; }

        public string Dataset => inner.Dataset;

        public bool AddsMissingEditions => inner.AddsMissingEditions;

        public Task PublishAsync(DatasetVersionStore store, CancellationToken cancellationToken) => inner.PublishAsync(store, cancellationToken);

        public Task<IReadOnlyList<string>> AddMissingEditionsAsync(DatasetVersionStore store, DatasetPointer current, CancellationToken cancellationToken)
        {
            Checks++;
            return inner.AddMissingEditionsAsync(store, current, cancellationToken);
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _storage.DisposeAsync().AsTask();
}
