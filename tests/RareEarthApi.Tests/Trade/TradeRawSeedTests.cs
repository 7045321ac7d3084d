using RareEarthApi.Datasets;
using RareEarthApi.Production;
using RareEarthApi.Trade;
using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.Trade;

/// <summary>The bundled real Comtrade responses (China's HS 2846 imports, 1993–2024) replayed through the refresh's parser and mapping.</summary>
public sealed class TradeRawSeedTests
{
    private static IReadOnlyList<SourceEdition> Editions()
    {
        using var reader = new StreamReader(SeedFiles.Path("trade-editions.csv"));
        return SourceEditions.Read(reader, "trade-editions.csv");
    }

    private static readonly Lazy<IReadOnlyList<TradeFlow>> Bundled = new(() => TradeRawSeed.Read(SeedCatalogs.Countries, SeedCatalogs.Commodities, Editions()));

    private static IReadOnlyList<TradeFlow> Rows(string? root = null) =>
        root is null ? Bundled.Value : TradeRawSeed.Read(root, SeedCatalogs.Countries, SeedCatalogs.Commodities, Editions());

    private static TradeFlow World(IReadOnlyList<TradeFlow> rows, int year) => Assert.Single(rows, r => r is { Reporter: "CHN", Partner: "WLD", Hs: "2846", Flow: "import" } && r.Year == year);

    private static IReadOnlyList<TradeFlow> China(IReadOnlyList<TradeFlow> rows) => [.. rows.Where(r => r.Reporter == "CHN")];

    [Fact]
    public void ChinasImportsFromTheWorld_EveryYear1993To2024_AsTheFilesGiveThem()
    {
        var rows = China(Rows());

        Assert.Equal(Enumerable.Range(1993, 32), rows.Where(r => r.Partner == "WLD").Select(r => r.Year).Order());
        Assert.All(rows, r => Assert.Equal(("CHN", "import", "2846", "CIF", "as-reported", "un-comtrade-preview-2026-07-10"), (r.Reporter, r.Flow, r.Hs, r.Valuation, r.Basis, r.Edition)));

        // 1993.json: primaryValue 1165292, netWgt null and qty 0 "N/A" (no weight before 2000).
        Assert.Equal((1165292d, (double?)null), (World(rows, 1993).ValueUsd!.Value, World(rows, 1993).NetWeightKg));

        // 2010.json: primaryValue 36666449, netWgt 4006008 (estimated by Comtrade).
        Assert.Equal((36666449d, 4006008d, true), (World(rows, 2010).ValueUsd!.Value, World(rows, 2010).NetWeightKg!.Value, World(rows, 2010).NetWeightEstimated));
        var japan2010 = Assert.Single(rows, r => r is { Partner: "JPN", Year: 2010 });
        Assert.Equal((6548553d, 366103d), (japan2010.ValueUsd!.Value, japan2010.NetWeightKg!.Value));

        // 2024.json: the world and Myanmar.
        Assert.Equal((1386613152d, 77025454.404), (World(rows, 2024).ValueUsd!.Value, World(rows, 2024).NetWeightKg!.Value));
        var myanmar = Assert.Single(rows, r => r is { Partner: "MMR", Year: 2024 });
        Assert.Equal((817835388d, 44365512d), (myanmar.ValueUsd!.Value, myanmar.NetWeightKg!.Value));
        Assert.Contains("Seed/raw/comtrade/CHN-M-2846/2024.json", myanmar.Note);
        Assert.Contains("therealjameswilson/critical-minerals-records-stage-v3", myanmar.Note);
    }

    [Fact]
    public void NonCountryPartners_AreLeftOut_TheRestAreKept()
    {
        var rows = China(Rows());

        // 1993.json holds 15 records: World, 13 partners, and "Areas, nes" (899), which names no country.
        Assert.Equal(14, rows.Count(r => r.Year == 1993));
        Assert.DoesNotContain(rows, r => r.PartnerLabel == "Areas, nes");
    }

    [Fact]
    public void TheSeedPublishesTheFilesRows_AndNoTypedCopyOfThem()
    {
        var content = TradeDataset.Read(SeedCatalogs.Countries, SeedCatalogs.Commodities);
        var china = content.Rows.Where(r => r is { Reporter: "CHN", Flow: "import", Hs: "2846" }).ToList();

        Assert.Equal(China(Rows()).Count, china.Count);
        Assert.All(china, r => Assert.Equal("un-comtrade-preview-2026-07-10", r.Edition));
        Assert.Contains(content.Editions, e => e.Id == "un-comtrade-preview-2026-07-10");
    }

    [Fact]
    public void AChangedFile_StopsTheSeed_NamingTheFileAndItsCopy()
    {
        var root = Path.Combine(Path.GetTempPath(), "raw-comtrade-" + Guid.NewGuid().ToString("N"));
        try
        {
            CopyDirectory(SeedFiles.Path(TradeRawSeed.Folder), root);
            var file = Path.Combine(root, "comtrade", "CHN-M-2846", "2010.json");
            File.WriteAllText(file, File.ReadAllText(file).Replace("36666449.0", "36666450.0", StringComparison.Ordinal));

            var e = Assert.Throws<InvalidDataException>(() => Rows(root));

            Assert.Contains("CHN-M-2846/2010.json", e.Message);
            Assert.Contains("data/raw/un_comtrade_china/2846/2010.json", e.Message);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void TheManifest_ListsEveryBundledResponse_WithTheUrlItAnswered()
    {
        var files = TradeRawSeed.Files(SeedFiles.Path(TradeRawSeed.Folder)).Where(f => f.Format == TradeRawSeed.ComtradeJson).ToList();
        var onDisk = Directory.GetFiles(SeedFiles.Path(Path.Combine(TradeRawSeed.Folder, "comtrade", "CHN-M-2846")), "????.json").Select(Path.GetFileName);

        Assert.Equal(onDisk.Order(StringComparer.Ordinal), files.Select(f => Path.GetFileName(f.File)).Order(StringComparer.Ordinal));
        Assert.All(files, f => Assert.StartsWith("https://comtradeapi.un.org/public/v1/preview/C/A/HS?", f.Url));
    }

    private static TradeFlow Us(IReadOnlyList<TradeFlow> rows, string partner, string flow, string hs, int year) =>
        Assert.Single(rows, r => r.Reporter == "USA" && r.Partner == partner && r.Flow == flow && r.Hs == hs && r.Year == year && r.Edition.StartsWith("usitc-dataweb-", StringComparison.Ordinal));

    [Fact]
    public void UsImportsForConsumptionFromChina_Hs2846_CustomsValueAndKilograms_AsTheFileGivesThem()
    {
        var rows = Rows();

        // us_imports_for_consumption_1993-2026.xlsx, sheets "Customs Value" and "First Unit of Quantity", China, 2846.
        var y1993 = Us(rows, "CHN", "import", "2846", 1993);
        Assert.Equal((11874949d, 1425580d), (y1993.ValueUsd!.Value, y1993.NetWeightKg!.Value));
        Assert.Equal(122229201d, Us(rows, "CHN", "import", "2846", 2008).ValueUsd);
        Assert.Equal((113981222d, 13620100d), (Us(rows, "CHN", "import", "2846", 2010).ValueUsd!.Value, Us(rows, "CHN", "import", "2846", 2010).NetWeightKg!.Value));
        var y2024 = Us(rows, "CHN", "import", "2846", 2024);
        Assert.Equal((112644992d, 10240357d), (y2024.ValueUsd!.Value, y2024.NetWeightKg!.Value));
        Assert.Equal(("customs-value", "as-reported", "usitc-dataweb-imports-2026-07-10"), (y2024.Valuation, y2024.Basis, y2024.Edition));
        Assert.Contains("no World total", y2024.Note);
        Assert.Contains("Seed/raw/usitc/us_imports_for_consumption_1993-2026.xlsx", y2024.Note);

        // 2026 holds January–April only: no annual row.
        Assert.DoesNotContain(rows, r => r.Reporter == "USA" && r.Year == 2026);
        Assert.DoesNotContain(rows, r => r.Reporter == "USA" && r.Partner == "WLD");
    }

    [Fact]
    public void UsMagnetHeading8505_MixesUnits_ValueSummed_NoWeight_LinesInTheNote()
    {
        var row = Us(Rows(), "CHN", "import", "8505", 2024);

        // Customs value: 415,224,516 (counted in number) + 71,690,142 (counted in kilograms).
        Assert.Equal(415224516d + 71690142d, row.ValueUsd);
        Assert.Null(row.NetWeightKg);
        Assert.Contains("number 415224516 USD", row.Note);
        Assert.Contains("kilograms 71690142 USD", row.Note);
        Assert.Contains("804827477 number", row.Note);
    }

    [Fact]
    public void UsDomesticExportsToChina_Hs2846_FasValue()
    {
        var row = Us(Rows(), "CHN", "export", "2846", 2024);

        // us_domestic_exports_1993-2026.xlsx, sheets "FAS Value" and "First Unit of Quantity".
        Assert.Equal((190107998d, 58636572d, "FAS"), (row.ValueUsd!.Value, row.NetWeightKg!.Value, row.Valuation));
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(dir.Replace(from, to, StringComparison.Ordinal));
        }

        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal));
        }
    }
}
