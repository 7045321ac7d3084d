using RareEarthApi.Indicators;
using RareEarthApi.Production;
using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.Indicators;

[Collection(ApiCollection.Name)]
public sealed class IndicatorsApiTests(ApiFixture api)
{
    [Fact]
    public async Task ChinasShareOf2024WorldMineProduction_Is71Point05_From270000Of380000()
    {
        var body = await api.Client.ReadEnvelope<ConcentrationJson>("api/v1/indicators/concentration?dataset=production&year=2024");

        var row = Assert.Single(body.Data);
        Assert.Equal("CHN", row.TopCountry);
        Assert.Equal(71.05, Math.Round(row.TopShare!.Value, 2));
        Assert.Equal(380000, row.Denominator);
        Assert.Equal("World row", row.DenominatorBasis);
        Assert.Equal("percent", row.Unit);
        Assert.Contains("HHI", body.Meta.Formula);
        var used = body.Meta.RowsUsed!;
        var world = Assert.Single(used, r => r.Role == "denominator");
        Assert.Equal("WLD", world.Country);
        Assert.Equal("usgs-mcs-2026", world.Edition);
        Assert.Equal(270000, Assert.Single(used, r => r.Country == "CHN").Value);
        Assert.DoesNotContain(used, r => r.Country == "OTH");
        // The HHI is the sum of the squared shares of the rows listed as used.
        var hhi = used.Where(r => r.Role == "share").Sum(r => Math.Pow(r.Value!.Value / 380000 * 100, 2));
        Assert.Equal(Math.Round(hhi, 4), row.Hhi!.Value, 3);
    }

    [Fact]
    public async Task RefiningConcentration_ComesFromTheSharesGiven_AndSaysSo()
    {
        var body = await api.Client.ReadEnvelope<ConcentrationJson>("api/v1/indicators/concentration?dataset=refining&year=2023");

        var row = Assert.Single(body.Data);
        Assert.Equal(92, row.TopShare);
        Assert.Equal(97, row.TopThreeShare);
        Assert.Equal(92 * 92 + 5 * 5, row.Hhi);
        Assert.Contains(body.Meta.Warnings, w => w.Contains("already shares", StringComparison.Ordinal));
        Assert.Contains(body.Meta.Warnings, w => w.Contains("98%", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ChinasDependenceOnMyanmar2024_ShowsNumeratorAndDenominator()
    {
        var body = await api.Client.ReadEnvelope<ImportDependenceJson>("api/v1/indicators/import-dependence?importer=CHN&supplier=MMR&hs=2846&year=2024");

        var row = Assert.Single(body.Data);
        Assert.Equal(44365512, row.NumeratorKg);
        Assert.Equal(77025454.404, row.DenominatorKg);
        Assert.Equal(Math.Round(44365512 / 77025454.404 * 100, 4), row.ShareByWeight);
        Assert.Equal(Math.Round(817835388 / 1386613152.0 * 100, 4), row.ShareByValue);
        Assert.Equal(2, body.Meta.RowsUsed!.Count);
    }

    [Fact]
    public async Task JapanOnChina2846_ReportedSharesAsSecondary_NullRowsWhereNothingIsServed()
    {
        var body = await api.Client.ReadEnvelope<ImportDependenceJson>("api/v1/indicators/import-dependence?importer=JPN&supplier=CHN&hs=2846&start=2008&end=2024");
        var rows = body.Data;

        // 2010 (Ministry of Finance trade statistics as kksoukan.com quotes them): 81.61% by weight, as given.
        var y2010 = Assert.Single(rows, r => r.Period == "2010");
        Assert.Equal(("secondary", 81.61), (y2010.Basis, y2010.ShareByWeight!.Value));
        Assert.Contains("kksoukan.com", y2010.Page);
        Assert.Contains("Ministry of Finance", y2010.Statistic);
        // November 2010 (news.metal.com): 634 t from China of 1,173 t, "about 54 percent".
        var nov = Assert.Single(rows, r => r.Period == "2010-11" && r.Page!.Contains("metal.com"));
        Assert.Equal((634_000d, 1_173_000d, 54d), (nov.NumeratorKg!.Value, nov.DenominatorKg!.Value, nov.ShareByWeight!.Value));
        // 2008 from two reports of two statistics: both rows, side by side.
        Assert.Equal(2, rows.Count(r => r.Period == "2008"));
        // 2020 (a METI official's Diet answer): 58%; 2024 as JOGMEC's statistics for the year (71.9%) beside the first half's customs data (79.6%).
        var y2020 = Assert.Single(rows, r => r.Period == "2020");
        Assert.Equal(("secondary", 58d), (y2020.Basis, y2020.ShareByWeight!.Value));
        Assert.Equal([71.9, 79.6], rows.Where(r => r.Year == 2024).Select(r => r.ShareByWeight!.Value).Order());
        // 2013, 2015–2019 and 2021–2023: nothing bundled, a null row each, warned.
        var none = rows.Where(r => r.Basis == "none").Select(r => r.Year).ToList();
        Assert.Equal([2013, 2015, 2016, 2017, 2018, 2019, 2021, 2022, 2023], none);
        var warnings = body.Meta.Warnings;
        Assert.Contains(warnings, w => w.StartsWith("2013, 2015–2019, 2021–2023:", StringComparison.Ordinal));
        var served = Assert.Single(warnings, w => w.StartsWith("Served for Japan (JPN) on China (CHN) under HS 2846: ", StringComparison.Ordinal));
        Assert.Contains("JPN's own trade rows (as-reported) none; CHN's exports to JPN (mirror) none; reported figures (secondary) 2008–2012, 2014, 2020, 2024.", served);
        Assert.Contains("Importers with imports under HS 2846 in the served trade data: CHN 1993–2024 (HS 2846); USA 1993–2025 (HS 2846).", served);
        Assert.Contains(warnings, w => w.Contains("basis secondary", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UsOnChina2846_EveryYear1993To2025_AgainstTheListedPartners_WithHhi()
    {
        var body = await api.Client.ReadEnvelope<ImportDependenceJson>("api/v1/indicators/import-dependence?importer=USA&supplier=CHN&hs=2846");
        var rows = body.Data;

        Assert.Equal(Enumerable.Range(1993, 33), rows.Select(r => r.Year));
        Assert.All(rows, r => Assert.Equal("as-reported", r.Basis));
        // us_imports_for_consumption_1993-2026.xlsx, 2024: China 112,644,992 USD of 150,801,237 USD over the 12 listed partners with imports.
        var y2024 = Assert.Single(rows, r => r.Year == 2024);
        Assert.Equal((112644992d, 150801237d), (y2024.NumeratorUsd!.Value, y2024.DenominatorUsd!.Value));
        Assert.Equal(74.6977, y2024.ShareByValue);
        Assert.Equal((10240357d, 13120205d), (y2024.NumeratorKg!.Value, y2024.DenominatorKg!.Value));
        Assert.StartsWith("the sum of the 12 partners usitc-dataweb lists", y2024.Denominator);
        Assert.Contains("JPN", y2024.Denominator);
        Assert.Equal(5769.7705, y2024.SupplierHhi);
        Assert.Equal(12, y2024.Suppliers!.Value);
        Assert.Contains(body.Meta.Warnings, w => w.Contains("gives no World total", StringComparison.Ordinal));
    }

    [Fact]
    public async Task JapanOnChinaMagnets_ByValueOnly()
    {
        var body = await api.Client.ReadEnvelope<ImportDependenceJson>("api/v1/indicators/import-dependence?importer=Japan&supplier=China&hs=850511");

        var y2022 = Assert.Single(body.Data, r => r.Year == 2022);
        Assert.Equal(Math.Round(231.6 / 847.9 * 100, 2), Math.Round(y2022.ShareByValue!.Value, 2));
        Assert.Null(y2022.ShareByWeight);
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
        var body = await api.Client.ReadEnvelope<ConcentrationJson>("api/v1/indicators/concentration?dataset=reserves&year=2025");

        Assert.Single(body.Data);
        Assert.Contains(body.Meta.Warnings, w => w.Contains("IND (not-available)", StringComparison.Ordinal) && w.Contains("understated", StringComparison.Ordinal));
    }

    [Fact]
    public async Task IndicatorCsvs_CarryEditionsSourcesAndTheDataVersion()
    {
        var json = await api.Client.ReadEnvelope<ConcentrationJson>("api/v1/indicators/concentration?dataset=production&year=2024");
        var concentration = Assert.Single(await api.Client.Csv("api/v1/indicators/concentration?dataset=production&year=2024&format=csv"));
        var dependence = Assert.Single(await api.Client.Csv("api/v1/indicators/import-dependence?importer=CHN&supplier=MMR&hs=2846&year=2024&format=csv"));

        Assert.Equal("usgs-mcs-2026", concentration["editions"]);
        Assert.Equal("usgs-mcs", concentration["sourceIds"]);
        Assert.Equal(json.Meta.DataVersion, concentration["dataVersion"]);
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

        Assert.Contains(parameter == "hs" ? "different 4-digit headings" : "aggregate", error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("concentration?dataset=exports", "dataset")]
    [InlineData("import-dependence?importer=USA&supplier=CHN&hs=8505,850511", "hs")]
    [InlineData("concentration?year=2024", "dataset")]
    [InlineData("concentration?dataset=production&scenario=base-case", "scenario")]
    [InlineData("import-dependence?importer=JPN&supplier=CHN", "hs")]
    [InlineData("import-dependence?importer=JPN&hs=2846", "supplier")]
    [InlineData("import-dependence?importer=JPN&supplier=CHN&hs=9999", "hs")]
    [InlineData("import-dependence?importer=JPN,USA&supplier=CHN&hs=2846", "importer")]
    public async Task BadInput_Is400NamingTheParameter(string route, string parameter) =>
        await api.Client.ProblemFor("api/v1/indicators/" + route, parameter);

    [Fact]
    public async Task Concentration_AnyCommodityAndStage_AndAnyCountrysShare()
    {
        var gallium = Assert.Single((await api.Client.ReadEnvelope<ConcentrationJson>("api/v1/indicators/concentration?dataset=production&commodity=Gallium&year=2024&country=JPN")).Data);
        var production = await api.Client.ReadEnvelope<ObservationJson>("api/v1/production?commodity=gallium&stage=primary-production&year=2024&include_aggregates=true&country=CHN,JPN,WLD");
        double Figure(string c) => production.Data.Single(r => r.Country == c).Value!.Value;

        Assert.Equal(("gallium", SupplyStage.PrimaryProduction, "CHN"), (gallium.Commodity, gallium.Stage, gallium.TopCountry));
        Assert.Equal(Math.Round(Figure("CHN") / Figure("WLD") * 100, 4), gallium.TopShare);
        var japan = Assert.Single(gallium.CountryShares);
        Assert.Equal(("JPN", Math.Round(Figure("JPN") / Figure("WLD") * 100, 4)), (japan.Country, japan.Share!.Value));

        var refinery = Assert.Single((await api.Client.ReadEnvelope<ConcentrationJson>("api/v1/indicators/concentration?dataset=production&commodity=copper&stage=refinery-production&year=2025")).Data);
        Assert.Equal(SupplyStage.RefineryProduction, refinery.Stage);
        Assert.Equal("CHN", refinery.TopCountry);
    }

    [Theory]
    [InlineData("dataset=production&commodity=lithum", "commodity", "lithium")]
    [InlineData("dataset=production&commodity=rare-earths&stage=smelter-capacity", "stage", "mine-production")]
    [InlineData("dataset=refining&commodity=gallium", "commodity", null)]
    public async Task Concentration_UnknownCommodityOrStage_Is400NamingIt(string query, string parameter, string? hint)
    {
        var problem = await api.Client.BadRequest("api/v1/indicators/concentration?" + query);

        var error = Assert.Single(problem.Errors!);
        Assert.Equal(parameter, error.Parameter);
        if (hint is not null)
        {
            // Anywhere in the error: its value, detail, accepted values or suggestions.
            Assert.Contains(hint, string.Join(" ", [error.Parameter, error.Value, error.Detail, .. error.Accepted ?? [], .. error.Suggestions ?? []]));
        }
    }
}
