using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.Indicators;

[Collection(ApiCollection.Name)]
public sealed class IndicatorsApiTests(ApiFixture api)
{
    [Fact]
    public async Task ChinasShareOf2024WorldMineProduction_Is71Point05_From270000Of380000()
    {
        var body = await api.Client.OkJson("api/v1/indicators/concentration?dataset=production&year=2024");

        var row = Assert.Single(body.Data());
        Assert.Equal("CHN", row.GetProperty("topCountry").GetString());
        Assert.Equal(71.05, Math.Round(row.GetProperty("topShare").GetDouble(), 2));
        Assert.Equal(380000, row.GetProperty("denominator").GetDouble());
        Assert.Equal("World row", row.GetProperty("denominatorBasis").GetString());
        Assert.Equal("percent", row.GetProperty("unit").GetString());
        var meta = body.GetProperty("meta");
        Assert.Contains("HHI", meta.GetProperty("formula").GetString());
        var used = meta.GetProperty("rowsUsed").EnumerateArray().ToList();
        var world = Assert.Single(used, r => r.GetProperty("role").GetString() == "denominator");
        Assert.Equal("WLD", world.GetProperty("country").GetString());
        Assert.Equal("usgs-mcs-2026", world.GetProperty("edition").GetString());
        Assert.Equal(270000, Assert.Single(used, r => r.GetProperty("country").GetString() == "CHN").GetProperty("value").GetDouble());
        Assert.DoesNotContain(used, r => r.GetProperty("country").GetString() == "OTH");
        // The HHI is the sum of the squared shares of the rows listed as used.
        var hhi = used.Where(r => r.GetProperty("role").GetString() == "share").Sum(r => Math.Pow(r.GetProperty("value").GetDouble() / 380000 * 100, 2));
        Assert.Equal(Math.Round(hhi, 4), row.GetProperty("hhi").GetDouble(), 3);
    }

    [Fact]
    public async Task RefiningConcentration_ComesFromTheSharesGiven_AndSaysSo()
    {
        var body = await api.Client.OkJson("api/v1/indicators/concentration?dataset=refining&year=2023");

        var row = Assert.Single(body.Data());
        Assert.Equal(92, row.GetProperty("topShare").GetDouble());
        Assert.Equal(97, row.GetProperty("topThreeShare").GetDouble());
        Assert.Equal(92 * 92 + 5 * 5, row.GetProperty("hhi").GetDouble());
        var warnings = body.GetProperty("meta").GetProperty("warnings").Strings().ToList();
        Assert.Contains(warnings, w => w!.Contains("already shares", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w!.Contains("98%", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ChinasDependenceOnMyanmar2024_ShowsNumeratorAndDenominator()
    {
        var body = await api.Client.OkJson("api/v1/indicators/import-dependence?importer=CHN&supplier=MMR&hs=2846&year=2024");

        var row = Assert.Single(body.Data());
        Assert.Equal(44365512, row.GetProperty("numeratorKg").GetDouble());
        Assert.Equal(77025454.404, row.GetProperty("denominatorKg").GetDouble());
        Assert.Equal(Math.Round(44365512 / 77025454.404 * 100, 4), row.GetProperty("shareByWeight").GetDouble());
        Assert.Equal(Math.Round(817835388 / 1386613152.0 * 100, 4), row.GetProperty("shareByValue").GetDouble());
        Assert.Equal(2, body.GetProperty("meta").GetProperty("rowsUsed").GetArrayLength());
    }

    [Fact]
    public async Task JapanOnChina2846_HasNoDenominator_200WithNullsAndAWarning()
    {
        var body = await api.Client.OkJson("api/v1/indicators/import-dependence?importer=JPN&supplier=CHN&hs=2846&start=2008&end=2024");

        Assert.Equal(17, body.Data().Count());
        Assert.All(body.Data(), r =>
        {
            Assert.Equal(System.Text.Json.JsonValueKind.Null, r.GetProperty("shareByWeight").ValueKind);
            Assert.Equal(System.Text.Json.JsonValueKind.Null, r.GetProperty("shareByValue").ValueKind);
        });
        Assert.Contains("2008–2024", body.GetProperty("meta").GetProperty("warnings")[0].GetString());
    }

    [Fact]
    public async Task JapanOnChinaMagnets_ByValueOnly()
    {
        var body = await api.Client.OkJson("api/v1/indicators/import-dependence?importer=Japan&supplier=China&hs=850511");

        var y2022 = Assert.Single(body.Data(), r => r.GetProperty("year").GetInt32() == 2022);
        Assert.Equal(Math.Round(231.6 / 847.9 * 100, 2), Math.Round(y2022.GetProperty("shareByValue").GetDouble(), 2));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, y2022.GetProperty("shareByWeight").ValueKind);
    }

    [Fact]
    public async Task Csv_And304()
    {
        var rows = await api.Client.Csv("api/v1/indicators/concentration?dataset=production&start=2023&end=2024&format=csv");

        Assert.Equal(["2023", "2024"], rows.Select(r => r["year"]));
        await api.Client.AssertNotModifiedOnSecondAsk("api/v1/indicators/concentration?dataset=reserves");
    }

    [Fact]
    public async Task Reserves2025_NamesIndiaWhoseFigureIsNotAvailable()
    {
        var body = await api.Client.OkJson("api/v1/indicators/concentration?dataset=reserves&year=2025");

        Assert.Single(body.Data());
        var warnings = body.GetProperty("meta").GetProperty("warnings").Strings().ToList();
        Assert.Contains(warnings, w => w!.Contains("IND (not-available)", StringComparison.Ordinal) && w.Contains("understated", StringComparison.Ordinal));
    }

    [Fact]
    public async Task IndicatorCsvs_CarryEditionsSourcesAndTheDataVersion()
    {
        var json = await api.Client.OkJson("api/v1/indicators/concentration?dataset=production&year=2024");
        var concentration = Assert.Single(await api.Client.Csv("api/v1/indicators/concentration?dataset=production&year=2024&format=csv"));
        var dependence = Assert.Single(await api.Client.Csv("api/v1/indicators/import-dependence?importer=CHN&supplier=MMR&hs=2846&year=2024&format=csv"));

        Assert.Equal("usgs-mcs-2026", concentration["editions"]);
        Assert.Equal("usgs-mcs", concentration["sourceIds"]);
        Assert.Equal(json.GetProperty("meta").GetProperty("dataVersion").GetString(), concentration["dataVersion"]);
        Assert.Equal("un-comtrade-preview-2026-07-10", dependence["editions"]);
        Assert.False(string.IsNullOrEmpty(dependence["dataVersion"]));
    }

    [Theory]
    [InlineData("import-dependence?importer=JPN&supplier=CHN&hs=2846,850511", "hs")]
    [InlineData("import-dependence?importer=JPN&supplier=WLD&hs=2846", "supplier")]
    [InlineData("import-dependence?importer=World&supplier=CHN&hs=2846", "importer")]
    public async Task MixedHeadingsOrAnAggregate_Is400SayingWhy(string route, string parameter)
    {
        var error = await api.Client.ProblemFor("api/v1/indicators/" + route, parameter);

        Assert.Contains(parameter == "hs" ? "different 4-digit headings" : "aggregate", error.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("concentration?dataset=exports", "dataset")]
    [InlineData("concentration?year=2024", "dataset")]
    [InlineData("concentration?dataset=production&scenario=base-case", "scenario")]
    [InlineData("import-dependence?importer=JPN&supplier=CHN", "hs")]
    [InlineData("import-dependence?importer=JPN&hs=2846", "supplier")]
    [InlineData("import-dependence?importer=JPN&supplier=CHN&hs=9999", "hs")]
    [InlineData("import-dependence?importer=JPN,USA&supplier=CHN&hs=2846", "importer")]
    public async Task BadInput_Is400NamingTheParameter(string route, string parameter) =>
        await api.Client.ProblemFor("api/v1/indicators/" + route, parameter);
}
