using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RareEarthApi.Datasets;
using RareEarthApi.Tests.Support;
using RareEarthApi.Trade;

namespace RareEarthApi.Tests.Trade;

/// <summary>
/// A store an earlier release seeded with trade (the typed sample alone: China's 2024 HS 2846 rows typed in, the magnet
/// rows) and refreshed since gets the bundled trade editions it lacks at start, in real Azurite: one edition per
/// reporter × HS × flow × year, the refresh's rows kept.
/// </summary>
public sealed class TradeSeedEditionsTests : IAsyncLifetime
{
    private const string Typed = "un-comtrade-2026";
    private const string Preview = "un-comtrade-preview-2026-07-10";
    private const string Refreshed = "un-comtrade-2026-11-30";

    private readonly TestVersionStore _storage = new(new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero)));
    private readonly DatasetSeed<TradeFlow, TradeJson> _seed = new(TradeDataset.Descriptor, SeedCatalogs.Services);
    private readonly TradeCodec _codec = new();

    private SeedLoader Loader => new(_storage.Store, [_seed], NullLogger<SeedLoader>.Instance);

    private static TradeFlow Row(string reporter, string partner, string hs, int year, double? usd, double? kg, string edition) =>
        new(reporter, reporter, partner, partner, TradeFlow.Import, hs, year, usd, kg, false, "CIF", TradeFlow.AsReported, null, edition);

    /// <summary>The earlier release's trade: its typed sample (China 2024 as it was typed in, the magnet rows), then a refresh of China's 2023 and Japan's 2023 HS 2846 imports (figures made up for the test).</summary>
    private async Task<DatasetPointer> PublishEarlierReleaseAsync()
    {
        var bundled = TradeDataset.Read(SeedCatalogs.Countries, SeedCatalogs.Commodities);
        var typed = bundled.Rows.Where(r => r.Edition == Typed).ToList();
        var refresh = new SourceEdition(Refreshed, "un-comtrade", "UN Comtrade (retrieved 2026-11-30)", "United Nations Statistics Division", new DateOnly(2026, 11, 30), null, null);
        TradeFlow[] rows =
        [
            .. typed,
            Row("CHN", "WLD", "2846", 2024, 1386613152, 77025454.404, Typed),
            Row("CHN", "MMR", "2846", 2024, 817835388, 44365512, Typed),
            Row("CHN", "WLD", "2846", 2023, 111, 222, Refreshed),
            Row("CHN", "MMR", "2846", 2023, 11, 22, Refreshed),
            Row("JPN", "CHN", "2846", 2023, 33, 44, Refreshed),
        ];
        return await _storage.Store.PublishAsync(TradeDataset.Name,
            new DatasetContent<TradeFlow>(rows, [.. bundled.Editions.Where(e => e.Id == Typed), refresh]), _codec, "refresh:comtrade:run-1", CancellationToken.None);
    }

    private async Task<IReadOnlyList<TradeFlow>> ServedAsync()
    {
        var current = (await _storage.Store.GetCurrentAsync(TradeDataset.Name, CancellationToken.None))!;
        return await _storage.Store.LoadRowsAsync(TradeDataset.Name, current.Version, _codec, CancellationToken.None);
    }

    [Fact]
    public async Task BundledTradeEditionsTheStoreLacks_AreAdded_OneEditionPerCombination_AndTheRefreshsRowsKept()
    {
        var earlier = await PublishEarlierReleaseAsync();

        Assert.Equal([TradeDataset.Name], await Loader.LoadMissingAsync(new SeedOptions(), CancellationToken.None));

        var current = (await _storage.Store.GetCurrentAsync(TradeDataset.Name, CancellationToken.None))!;
        Assert.NotEqual(earlier.Version, current.Version);
        Assert.Contains(current.Editions, e => e.Id == Preview);
        Assert.Contains(current.Editions, e => e.Id == "usitc-dataweb-imports-2026-07-10");
        Assert.Contains(current.Editions, e => e.Id == Refreshed);
        var served = await ServedAsync();
        // China 2024 from the bundled file alone: the typed-in rows of the same flow went.
        var myanmar = Assert.Single(served, r => r is { Reporter: "CHN", Partner: "MMR", Hs: "2846", Year: 2024, Flow: TradeFlow.Import });
        Assert.Equal((Preview, 44365512d), (myanmar.Edition, myanmar.NetWeightKg!.Value));
        Assert.DoesNotContain(served, r => r is { Reporter: "CHN", Hs: "2846", Edition: Typed });
        // 2023 as refreshed: the bundled 2023 response does not come in beside it.
        Assert.Equal([Refreshed], served.Where(r => r is { Reporter: "CHN", Hs: "2846", Year: 2023 }).Select(r => r.Edition).Distinct());
        Assert.Equal(111, Assert.Single(served, r => r is { Reporter: "CHN", Partner: "WLD", Year: 2023 }).ValueUsd);
        Assert.Contains(served, r => r is { Reporter: "JPN", Partner: "CHN", Year: 2023, Edition: Refreshed });
        // The rest of the bundle: China from 1993, the United States from USITC DataWeb, the magnet rows as they were.
        Assert.Contains(served, r => r is { Reporter: "CHN", Partner: "WLD", Hs: "2846", Year: 1993, Edition: Preview });
        Assert.Contains(served, r => r is { Reporter: "USA", Partner: "CHN", Hs: "2846", Year: 2010 } && r.Edition.StartsWith("usitc-dataweb", StringComparison.Ordinal));
        Assert.Equal(10, served.Count(r => r is { Hs: "850511", Edition: Typed }));
        var bundled = TradeDataset.Read(SeedCatalogs.Countries, SeedCatalogs.Commodities).Rows;
        Assert.Equal(bundled.Count - bundled.Count(r => r is { Reporter: "CHN", Hs: "2846", Year: 2023 }) + served.Count(r => r.Edition == Refreshed), served.Count);

        // Done once: the next start finds nothing to do.
        Assert.Empty(await Loader.LoadMissingAsync(new SeedOptions(), CancellationToken.None));
    }

    [Fact]
    public async Task AddMissingEditionsOff_LeavesTheServedTradeAlone()
    {
        var earlier = await PublishEarlierReleaseAsync();

        Assert.Empty(await Loader.LoadMissingAsync(new SeedOptions { AddMissingEditions = false }, CancellationToken.None));
        Assert.Equal(earlier.Version, (await _storage.Store.GetCurrentAsync(TradeDataset.Name, CancellationToken.None))!.Version);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _storage.DisposeAsync().AsTask();
}
