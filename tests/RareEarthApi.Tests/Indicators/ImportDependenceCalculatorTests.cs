using RareEarthApi.Datasets;
using RareEarthApi.Indicators;
using RareEarthApi.Tests.Support;
using RareEarthApi.Trade;

namespace RareEarthApi.Tests.Indicators;

public sealed class ImportDependenceCalculatorTests
{
    private static readonly ImportDependenceCalculator Calculator = new(SeedCatalogs.Countries, SeedCatalogs.Commodities);

    private static TradeFlow Flow(string partner, string hs, double? usd, double? kg, int year = 2024) =>
        new("JPN", "Japan", partner, partner, TradeFlow.Import, hs, year, usd, kg, false, "CIF", TradeFlow.AsReported, null, "un-comtrade-2026");

    private static DatasetSnapshot<TradeFlow> Snapshot(params TradeFlow[] rows) =>
        new("trade", "v1", DateTimeOffset.UnixEpoch, rows, [new("un-comtrade-2026", "un-comtrade", "UN Comtrade", "UN", new DateOnly(2026, 1, 1), null, null)]);

    [Theory]
    [InlineData("2846,850511")]
    [InlineData("280530,284610")]
    public void CodesOfDifferentHeadings_AreRefused(string asked)
    {
        Assert.NotNull(ImportDependenceCalculator.MixedHeadings(asked.Split(',')));
    }

    [Fact]
    public void CodesOfOneHeading_AreAccepted()
    {
        Assert.Null(ImportDependenceCalculator.MixedHeadings(["2846", "284610", "284690"]));
    }

    [Theory]
    [InlineData("supplier", "WLD")]
    [InlineData("importer", "WLD")]
    public void AnAggregate_CannotBeImporterOrSupplier(string role, string code)
    {
        Assert.Contains(role, Calculator.Aggregate(role, code), StringComparison.Ordinal);
        Assert.Null(Calculator.Aggregate(role, "CHN"));
    }

    [Fact]
    public void ShareByWeightAndValue_AddTheCodesAsked_WithProvenance()
    {
        var snapshot = Snapshot(Flow("CHN", "284610", 30, 3), Flow("CHN", "284690", 10, 1), Flow("WLD", "284610", 60, 6), Flow("WLD", "284690", 20, 2));

        var result = Calculator.Compute(snapshot, new ImportDependenceRequest("JPN", "CHN", ["284610", "284690"], ["284610", "284690"], null, null));

        var row = Assert.Single(result.Rows);
        Assert.Equal(50, row.ShareByWeight);
        Assert.Equal(50, row.ShareByValue);
        Assert.Equal(4, row.NumeratorKg);
        Assert.Equal(["un-comtrade-2026"], row.Editions);
        Assert.Equal(["un-comtrade"], row.SourceIds);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void ACodeAskedWithNoRowsForTheImporter_IsNamedInAWarning()
    {
        var snapshot = Snapshot(Flow("CHN", "284610", 30, 3), Flow("WLD", "284610", 60, 6));

        var result = Calculator.Compute(snapshot, new ImportDependenceRequest("JPN", "CHN", ["284610", "284690"], ["284610", "284690"], null, null));

        Assert.Equal(50, Assert.Single(result.Rows).ShareByWeight);
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("HS 284690", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("HS 284610:", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void NoRowsAtAll_WarningPointsToAnAddressTheUserHas_NotTheReadme()
    {
        var snapshot = Snapshot(Flow("CHN", "850511", 30, null));

        var result = Calculator.Compute(snapshot, new ImportDependenceRequest("JPN", "CHN", ["2846", "284610", "284690"], ["2846"], null, null));

        Assert.Empty(result.Rows);
        var warning = Assert.Single(result.Warnings);
        Assert.DoesNotContain("README", warning, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("/api/v1/datasets", warning, StringComparison.Ordinal);
    }

    private static readonly ReportedShares Reported = new([new("JPN", "CHN", "2010", 2010, null, null, 81.61, "Japan Ministry of Finance trade statistics", "https://example.org/page", "page", "publisher", null, "quote")]);

    [Fact]
    public void NoWorldRow_TheDenominatorIsTheSumOfTheListedPartners_NamedInTheRow()
    {
        var snapshot = Snapshot(Flow("CHN", "2846", 75, 7), Flow("FRA", "2846", 20, 2), Flow("EST", "2846", 5, 1));

        var result = Calculator.Compute(snapshot, new ImportDependenceRequest("JPN", "CHN", ["2846"], ["2846"], null, null));

        var row = Assert.Single(result.Rows);
        Assert.Equal((75d, 100d, 70d), (row.ShareByValue!.Value, row.DenominatorUsd!.Value, row.ShareByWeight!.Value));
        Assert.Equal("the sum of the 3 partners un-comtrade lists for the year (the source gives no World total): CHN, EST, FRA", row.Denominator);
        Assert.Equal(75 * 75 + 20 * 20 + 5 * 5, row.SupplierHhi);
        Assert.Contains(result.Warnings, w => w.Contains("gives no World total", StringComparison.Ordinal));
    }

    [Fact]
    public void AReportedShare_IsASecondaryRow_AsGiven_AndAYearMixingBasesIsWarned()
    {
        var snapshot = Snapshot(Flow("CHN", "2846", 30, 3, 2010), Flow("WLD", "2846", 60, 6, 2010));

        var result = Calculator.Compute(snapshot, new ImportDependenceRequest("JPN", "CHN", ["2846"], ["2846"], null, null), Reported);

        Assert.Equal(["as-reported", "secondary"], result.Rows.Select(r => r.Basis));
        var secondary = result.Rows[1];
        Assert.Equal((81.61, "https://example.org/page"), (secondary.ShareByWeight!.Value, secondary.Page));
        Assert.Contains(result.Warnings, w => w.StartsWith("2010: the year has rows of more than one basis (as-reported, secondary)", StringComparison.Ordinal));
    }

    [Fact]
    public void ReportedRareEarths_NeverAnswerAMagnetQuestion()
    {
        var result = Calculator.Compute(Snapshot(), new ImportDependenceRequest("JPN", "CHN", ["850511"], ["850511"], 2010, 2010), Reported);

        Assert.Equal("none", Assert.Single(result.Rows).Basis);
    }

    [Fact]
    public void TheSuppliersExports_AreAMirrorNumerator_WhereTheImporterReportsNone()
    {
        var export = new TradeFlow("CHN", "China", "JPN", "Japan", TradeFlow.Export, "2846", 2024, 40, 4, false, "FOB", TradeFlow.AsReported, null, "un-comtrade-2026");
        var snapshot = Snapshot(export, Flow("WLD", "2846", 100, 10));

        var result = Calculator.Compute(snapshot, new ImportDependenceRequest("JPN", "CHN", ["2846"], ["2846"], null, null));

        var mirror = Assert.Single(result.Rows, r => r.Basis == "mirror");
        Assert.Equal((40d, 40d), (mirror.ShareByValue!.Value, mirror.ShareByWeight!.Value));
        Assert.Contains(result.Warnings, w => w.Contains("mirror", StringComparison.Ordinal));
    }
}
