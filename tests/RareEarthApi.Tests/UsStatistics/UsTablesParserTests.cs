using System.Globalization;
using RareEarthApi.Refresh.Usgs;
using RareEarthApi.Tests.Refresh;
using RareEarthApi.Tests.Support;
using RareEarthApi.UsStatistics;

namespace RareEarthApi.Tests.UsStatistics;

/// <summary>The U.S. tables of the long MCS format: the statistic vocabulary and the value tokens, on the real file and on rows written here.</summary>
public sealed class UsTablesParserTests
{
    private const string Header = "MCS chapter,Section,Commodity,Country,Statistics,Statistics_detail,Unit,Year,Value,Notes,Is critical mineral 2025,Other notes\r\n";

    private static UsgsParseResult Parse(params string[] lines) =>
        UsgsMcsParser.Parse(Header + string.Concat(lines.Select(l => l + "\r\n")), "t.csv", "usgs-mcs-2026", SeedCatalogs.Countries, SeedCatalogs.CommodityNames);

    private static string Salient(string statistic, string value, string notes = "") =>
        $"NIOBIUM (COLUMBIUM),Salient Statistics—United States,Niobium (Columbium),United States,{statistic},\"Detail {statistic} {value}\",metric tons,2021,\"{value}\",\"{notes}\",Yes,";

    [Fact]
    public void EveryStatisticsLabelOfTheRealFile_MapsToAKind()
    {
        var text = McsFixtures.Windows1252.GetString(McsFixtures.Real("usgs-mcs-2026/MCS2026_Commodities_Data.csv"));
        using var reader = new StringReader(text);
        using var csv = new CsvHelper.CsvParser(reader, CultureInfo.InvariantCulture);
        csv.Read();
        var labels = new SortedSet<string>(StringComparer.Ordinal);
        while (csv.Read())
        {
            if (csv.Record![1] == UsgsUsTables.SalientSection)
            {
                labels.Add(csv.Record[4]);
            }
        }

        Assert.Equal(13, labels.Count);
        Assert.All(labels, l => Assert.NotNull(UsStatisticKinds.OfLabel(l)));
        Assert.Equal(13, labels.Select(l => UsStatisticKinds.OfLabel(l)).Distinct().Count());
    }

    [Theory]
    [InlineData("net-import-reliance", "net-import-reliance")]
    [InlineData("Net import reliance", "net-import-reliance")]
    [InlineData("IMPORTS", "imports")]
    [InlineData("Import", "imports")]
    [InlineData("Stock", "stocks")]
    [InlineData("sold or used", "sold-or-used")]
    [InlineData("widgets", null)]
    [InlineData("import-reliance", null)]
    public void Resolve_TakesTheIdOrTheReleaseLabel(string asked, string? expected) =>
        Assert.Equal(expected, UsStatisticKinds.Resolve(asked, UsStatisticKinds.All));

    [Fact]
    public void Ids_AreTheWireNames() =>
        Assert.Equal(["production", "imports", "exports", "consumption", "price", "stocks", "employment", "net-import-reliance", "shipments", "sold-or-used", "sold", "sales", "supply"],
            UsStatisticKinds.All);

    [Theory]
    [InlineData("E", null, "not-applicable", "Net exporter")]
    [InlineData("W", null, "withheld", "Withheld")]
    [InlineData("NA", null, "not-available", null)]
    [InlineData("XX", null, "not-applicable", null)]
    [InlineData("—", 0.0, "zero", null)]
    [InlineData(">95", 95.0, "lower-bound", null)]
    [InlineData("<1", 1.0, "upper-bound", null)]
    [InlineData("<1,000", 1000.0, "upper-bound", null)]
    [InlineData("1,234.5", 1234.5, "reported", null)]
    [InlineData("Variable, depending on type of product", null, "not-available", "Variable, depending on type of product")]
    public void ValueTokens_KeepTheirMeaning(string printed, double? value, string status, string? note)
    {
        var result = Parse(Salient("Net import reliance", printed));

        Assert.Empty(result.Problems);
        var row = Assert.Single(result.Us.Statistics);
        Assert.Equal((value, status, printed), (row.Value, row.Status, row.Printed));
        Assert.Equal("net-import-reliance", row.Statistic);
        if (note is not null)
        {
            Assert.Contains(note, row.Note);
        }
    }

    [Fact]
    public void ARange_KeepsItsBounds()
    {
        var row = Assert.Single(Parse(Salient("Price", "500–17,000")).Us.Statistics);

        Assert.Equal((null, "range", 500.0, 17000.0), (row.Value, row.Status, row.Low, row.High));
    }

    [Fact]
    public void EstimatedInTheNotes_IsTheStatus_AndTheNotesAreKept()
    {
        var row = Assert.Single(Parse(Salient("Import", "7,730", "Estimated. -- Source: U.S. Census Bureau.")).Us.Statistics);

        Assert.Equal(("estimated", 7730.0), (row.Status, row.Value));
        Assert.Equal("Estimated. -- Source: U.S. Census Bureau.", row.Note);
    }

    [Fact]
    public void AQuestionMarkBeforeANumber_IsAMinusSign_OnlyWhereTheNotesDefineANegative()
    {
        var read = Assert.Single(Parse(Salient("Shipment", "?10", "Defined as change in total inventory. If negative, increase in inventory.")).Us.Statistics);
        Assert.Equal((-10.0, "reported", "?10"), (read.Value, read.Status, read.Printed));
        Assert.Contains("minus sign", read.Note);

        var refused = Parse(Salient("Import", "?10", "Source: U.S. Census Bureau."));
        Assert.Empty(refused.Us.Statistics);
        Assert.Contains(refused.Problems, p => p.Contains("t.csv row 2, column Value: value '?10'", StringComparison.Ordinal));
    }

    [Fact]
    public void AnUnknownStatistic_IsAProblemNamingRowColumnAndLabel()
    {
        var result = Parse(Salient("Import", "5"), Salient("Widget count", "5"));

        Assert.Single(result.Us.Statistics);
        Assert.Contains(result.Problems, p => p.StartsWith("t.csv row 3, column Statistics: 'Widget count'", StringComparison.Ordinal));
    }

    [Fact]
    public void ImportSources_ResolveTheCountry_KeepTheLabelAndThePeriod()
    {
        var result = Parse(
            "RARE EARTHS,Import Sources,Rare Earths,China,Import sources 2021-2024,Rare-earth compounds and metals,percent,2021–24,71,Includes Hong Kong.,Yes,",
            "RARE EARTHS,Import Sources,Rare Earths,Other countries,Import sources 2021-2024,Rare-earth compounds and metals,percent,2021–24,<1,,Yes,",
            "RARE EARTHS,Import Sources,Rare Earths,Atlantis,Import sources 2021-2024,Rare-earth compounds and metals,percent,2021–24,3,,Yes,");

        Assert.Equal(["CHN 71 reported 2021 2024 China", "OTH 1 upper-bound 2021 2024 Other countries"],
            result.Us.ImportSources.Select(s => $"{s.Country} {s.Share} {s.Status} {s.StartYear} {s.EndYear} {s.SourceLabel}"));
        Assert.All(result.Us.ImportSources, s => Assert.Equal(("rare-earths", "Rare-earth compounds and metals", "2021–24"), (s.Commodity, s.Product, s.Period)));
        Assert.Contains(result.Problems, p => p.Contains("t.csv row 4, column Country: import source 'Atlantis'", StringComparison.Ordinal));
    }

    [Fact]
    public void ATablePrintedTwiceUnderTheSameLabels_IsTwoSeries()
    {
        var result = Parse(
            "MICA (NATURAL),Salient Statistics—United States,Mica (Natural),United States,Import,Imports,metric tons,2021,\"24,400\",,No,",
            "MICA (NATURAL),Salient Statistics—United States,Mica (Natural),United States,Import,Imports,metric tons,2021,\"3,990\",,No,");

        Assert.Empty(result.Problems);
        Assert.Equal([(1, 24400.0), (2, 3990.0)], result.Us.Statistics.Select(s => (s.Series, s.Value!.Value)));
    }
}
