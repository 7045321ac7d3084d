using RareEarthApi.Datasets;
using RareEarthApi.Indicators;
using RareEarthApi.Production;
using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.Indicators;

public sealed class ConcentrationCalculatorTests
{
    private static readonly ConcentrationCalculator Calculator = new(SeedCatalogs.Countries);

    private static readonly SourceEdition Old = new("mcs-old", "usgs-mcs", "Old", "USGS", new DateOnly(2025, 1, 31), null, null);
    private static readonly SourceEdition New = new("mcs-new", "usgs-mcs", "New", "USGS", new DateOnly(2026, 1, 31), null, null);

    private static Observation Row(string country, double? value, string edition = "mcs-new", string status = ObservationStatus.Estimated, int year = 2025) =>
        new("reserves", "rare-earths", country, country, year, value, value is null ? ObservationStatus.NotAvailable : status, "t", "REO", null, edition);

    private static DatasetSnapshot<Observation> Snapshot(params Observation[] rows) => new("reserves", "v1", DateTimeOffset.UnixEpoch, rows, [Old, New]);

    [Fact]
    public void CountryWithoutAFigure_IsNamedInAWarning_NotSilentlyDropped_EvenWhenAnOlderEditionHadOne()
    {
        var snapshot = Snapshot(Row("WLD", 100), Row("CHN", 50), Row("BRA", 30), Row("IND", 6.9, "mcs-old"), Row("IND", null));

        var result = Calculator.FromObservations("reserves", snapshot, 2025, 2025);

        var row = Assert.Single(result.Rows);
        Assert.Equal(2, row.Countries);
        Assert.DoesNotContain(result.Used, r => r.Country == "IND");
        Assert.Contains(result.Warnings, w => w.Contains("2025: no figure for IND (not-available)", StringComparison.Ordinal) && w.Contains("understated", StringComparison.Ordinal));
    }

    [Fact]
    public void CountryRowsOver100PercentOfTheWorldRow_AreWarnedAbout()
    {
        var result = Calculator.FromObservations("reserves", Snapshot(Row("WLD", 100), Row("CHN", 70), Row("BRA", 40)), null, null);

        Assert.Equal(110, Assert.Single(result.Rows).Coverage);
        Assert.Contains(result.Warnings, w => w.Contains("more than 100%", StringComparison.Ordinal) && w.Contains("2025", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Warnings, w => w.Contains("less than", StringComparison.Ordinal));
    }

    [Fact]
    public void CountryRowsFarBelowTheWorldRow_AreWarnedAbout()
    {
        var result = Calculator.FromObservations("reserves", Snapshot(Row("WLD", 100), Row("CHN", 50)), null, null);

        Assert.Equal(50, Assert.Single(result.Rows).Coverage);
        Assert.Contains(result.Warnings, w => w.Contains("less than 80%", StringComparison.Ordinal));
    }

    [Fact]
    public void TopShareTopThreeAndHhi_AgainstTheWorldRow_WithProvenance()
    {
        var result = Calculator.FromObservations("reserves", Snapshot(Row("WLD", 100), Row("CHN", 50), Row("BRA", 30), Row("AUS", 15), Row("USA", 5)), null, null);

        var row = Assert.Single(result.Rows);
        Assert.Equal("CHN", row.TopCountry);
        Assert.Equal(50, row.TopShare);
        Assert.Equal(95, row.TopThreeShare);
        Assert.Equal(2500 + 900 + 225 + 25, row.Hhi);
        Assert.Equal("World row", row.DenominatorBasis);
        Assert.Equal(["mcs-new"], row.Editions);
        Assert.Equal(["usgs-mcs"], row.SourceIds);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Denominator_IsTheWorldRowOfTheTableTheLargestFigureComesFrom_NotANewerSeriesTotal()
    {
        // A newer series gives only the World and one country; China's figure and its table's total are older.
        var snapshot = Snapshot(Row("WLD", 101, "mcs-new"), Row("USA", 0, "mcs-new"), Row("CHN", 130, "mcs-old"), Row("WLD", 133, "mcs-old"));

        var row = Assert.Single(Calculator.FromObservations("reserves", snapshot, null, null).Rows);

        Assert.Equal("CHN", row.TopCountry);
        Assert.Equal(ConcentrationCalculator.Round(130.0 / 133 * 100), row.TopShare);
        Assert.Equal(133, row.Denominator);
        Assert.Equal(["mcs-new", "mcs-old"], row.Editions);
    }

    [Fact]
    public void Ranges_CollapsesConsecutiveYears()
    {
        Assert.Equal("2008–2010, 2012", ConcentrationCalculator.Ranges([2010, 2008, 2009, 2012]));
    }
}
