using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using RareEarthApi.Http;
using RareEarthApi.Refresh;
using RareEarthApi.Tests.Support;
using RareEarthApi.UsStatistics;

namespace RareEarthApi.Tests.Refresh;

/// <summary>
/// The real MCS 2026 file replayed through the USGS refresh from a loopback ScienceBase: its U.S. salient statistics
/// and import sources are published by the refresh and served row for row as the file prints them. The expected rows
/// are read here with a plain CSV reader, not with the parser under test.
/// </summary>
public sealed partial class UsTablesRefreshTests : RefreshTestBase
{
    private const string Zip2025 = "World_Data_Release_MCS_2025.zip";

    [Fact]
    public async Task RealFile_PublishesEverySalientStatisticAndImportSource_RowForRow()
    {
        ServeUsgs2026(McsFixtures.Real2026());
        await using var host = await StartHostAsync();

        var (_, run) = await PostRefreshAsync(host, "usgs");

        Assert.Equal(RefreshOutcome.Succeeded, run.Outcome);
        Assert.StartsWith("refresh:usgs:", (await CatalogEntryAsync(host, "us-statistics")).PublishedBy);
        Assert.StartsWith("refresh:usgs:", (await CatalogEntryAsync(host, "us-import-sources")).PublishedBy);
        var (statistics, sources) = Expected();
        Assert.Equal(4863, statistics.Count);
        Assert.Equal(720, sources.Count);
        Assert.Equal(statistics, await ServedStatisticsAsync(host));
        Assert.Equal(sources, await ServedSourcesAsync(host));
    }

    [Fact]
    public async Task PinnedFigures_AreTheFilesFigures()
    {
        ServeUsgs2026(McsFixtures.Real2026());
        await using var host = await StartHostAsync();
        await PostRefreshAsync(host, "usgs");

        // MCS 2026 rows 6043, 6064 and 6065: rare-earth compounds and metals 53% (2024), 67% estimated (2025); concentrates E.
        var reliance = (await host.Client.ReadEnvelope<UsStatisticJson>("api/v1/us-statistics?commodity=rare-earths&statistic=net-import-reliance&start=2024&end=2025")).Data;
        var compounds = reliance.Where(r => r.Detail.EndsWith("Compounds and metals", StringComparison.Ordinal)).ToList();
        Assert.Equal([(2024, (double?)53.0, "reported"), (2025, 67.0, "estimated")],
            compounds.Select(r => (r.Year, r.Value, r.Status)));
        var concentrates = reliance.Where(r => r.Detail.EndsWith("Mineral concentrates", StringComparison.Ordinal)).ToList();
        Assert.All(concentrates, r =>
        {
            Assert.Equal("E", r.Printed);
            Assert.Null(r.Value);
            Assert.Equal("not-applicable", r.Status);
            Assert.Contains("Net exporter", r.Note);
        });
        Assert.Equal(2, concentrates.Count);

        // 2021 rare-earth compounds and metals: >95 (row 5980), a lower bound.
        var bound = Assert.Single((await host.Client.ReadEnvelope<UsStatisticJson>("api/v1/us-statistics?commodity=rare-earths&statistic=net-import-reliance&year=2021")).Data,
            r => r.Printed == ">95");
        Assert.Equal(("lower-bound", (double?)95.0), (bound.Status, bound.Value));

        // Import sources of rare-earth compounds and metals, 2021–24: China 71, Malaysia 13, other countries 6, Estonia 5, Japan 5 (largest first).
        var sources = (await host.Client.ReadEnvelope<UsImportSourceJson>("api/v1/us-import-sources?commodity=rare-earths&include_aggregates=true")).Data;
        Assert.Equal(["CHN 71", "MYS 13", "OTH 6", "EST 5", "JPN 5"], sources.Select(r => $"{r.Country} {Assert.IsType<double>(r.Share)}"));
        Assert.All(sources, r => Assert.Equal("2021–24", r.Period));
        Assert.True(sources[2].IsAggregate);

        // Niobium's 2021 government-stockpile shipment, printed '?1', is read as −1 and says why.
        var niobium = Assert.Single((await host.Client.ReadEnvelope<UsStatisticJson>("api/v1/us-statistics?commodity=niobium&statistic=shipments&year=2021")).Data);
        Assert.Equal(((double?)-1.0, "?1"), (niobium.Value, niobium.Printed));
        Assert.Contains("minus sign", niobium.Note);
    }

    [Fact]
    public async Task ABadSalientRow_RejectsOnlyItsEdition_AndKeepsWhatIsServed()
    {
        ServeUsgs2026(McsFixtures.Real2026(["WIDGETS,Salient Statistics—United States,Widgets,United States,Widget count,Widgets made,number,2025,5,,No,"]));
        Server.ServeBytes("/catalog/item/item2025", Encoding.UTF8.GetBytes(McsFixtures.ItemJson(Server.BaseAddress, Zip2025)), "application/json");
        Server.ServeBytes("/files/" + Zip2025, McsFixtures.Real2025Zip(), "application/zip");
        await using var host = await StartHostAsync(("Refresh:Usgs:Editions:usgs-mcs-2025:Enabled", "true"), ("Refresh:Usgs:Editions:usgs-mcs-2025:ItemId", "item2025"));
        var before = await ServedStatisticsAsync(host);

        var (_, run) = await PostRefreshAsync(host, "usgs");

        Assert.Equal(RefreshOutcome.Succeeded, run.Outcome);
        var rejected = Assert.Single(run.Rejected);
        Assert.StartsWith("usgs-mcs-2026:", rejected);
        Assert.Contains("MCS2026_Commodities_Data.csv row 8888, column Statistics: 'Widget count'", rejected);
        Assert.Equal(before, await ServedStatisticsAsync(host));
        Assert.Equal(4863, before.Count);
    }

    private static async Task<List<string>> ServedStatisticsAsync(ApiHost host)
    {
        var body = await host.Client.ReadEnvelope<UsStatisticJson>("api/v1/us-statistics?commodity=all&edition=usgs-mcs-2026&limit=10000");
        return [.. body.Data.Select(r => Line(r.CommodityName, WireEnum.Text(r.Statistic), r.Detail,
            r.Year.ToString(CultureInfo.InvariantCulture), r.Printed, Value(r.Value)))
            .Order(StringComparer.Ordinal)];
    }

    private static async Task<List<string>> ServedSourcesAsync(ApiHost host)
    {
        var body = await host.Client.ReadEnvelope<UsImportSourceJson>("api/v1/us-import-sources?commodity=all&edition=usgs-mcs-2026&include_aggregates=true&limit=10000");
        return [.. body.Data.Select(r => Line(r.CommodityName, r.Product, r.Source.Label, r.Period, r.Printed, Value(r.Share)))
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>The file's U.S. rows: (commodity, statistic id, detail, year, value as printed, number) and (commodity, product, country, period, printed, share).</summary>
    private static (List<string> Statistics, List<string> Sources) Expected()
    {
        var ids = new Dictionary<string, string>
        {
            ["Import"] = "imports", ["Export"] = "exports", ["Price"] = "price", ["Production"] = "production", ["Consumption"] = "consumption",
            ["Net import reliance"] = "net-import-reliance", ["Employment"] = "employment", ["Stock"] = "stocks", ["Sold or used"] = "sold-or-used",
            ["Shipment"] = "shipments", ["Sales"] = "sales", ["Sold"] = "sold", ["Supply"] = "supply",
        };
        var text = McsFixtures.Windows1252.GetString(McsFixtures.Real("usgs-mcs-2026/MCS2026_Commodities_Data.csv"));
        using var reader = new StringReader(text);
        using var csv = new CsvHelper.CsvParser(reader, CultureInfo.InvariantCulture);
        csv.Read();
        var header = csv.Record!;
        int At(string name) => Array.IndexOf(header, name);
        var (statistics, sources) = (new List<string>(), new List<string>());
        while (csv.Read())
        {
            var r = csv.Record!;
            var printed = r[At("Value")].Trim();
            if (r[At("Section")] == "Salient Statistics—United States")
            {
                statistics.Add(Line(r[At("Commodity")], ids[r[At("Statistics")].Trim()], r[At("Statistics_detail")], r[At("Year")], printed, Number(printed)));
            }
            else if (r[At("Section")] == "Import Sources")
            {
                sources.Add(Line(r[At("Commodity")], r[At("Statistics_detail")], r[At("Country")], r[At("Year")], printed, Number(printed)));
            }
        }

        return ([.. statistics.Order(StringComparer.Ordinal)], [.. sources.Order(StringComparer.Ordinal)]);
    }

    /// <summary>A plain number, a bound's number, or a lost minus ('?1' → -1); 0 for the dash; empty for any other token.</summary>
    private static string Number(string printed)
    {
        if (printed == "—")
        {
            return "0";
        }

        var m = NumberCell().Match(printed);
        if (!m.Success)
        {
            return "";
        }

        var value = double.Parse(m.Groups[2].Value.Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        return (m.Groups[1].Value == "?" ? -value : value).ToString("R", CultureInfo.InvariantCulture);
    }

    private static string Value(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    private static string Line(params string[] parts) => string.Join("|", parts.Select(p => string.Join(' ', p.Split(' ', StringSplitOptions.RemoveEmptyEntries))));

    [GeneratedRegex(@"^([<>?]?)(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)$")]
    private static partial Regex NumberCell();
}
