using RareEarthApi.Indicators;

namespace RareEarthApi.Tests.Indicators;

public sealed class SupplyIndicatorsTests
{
    [Fact]
    public void Hhi_OfFiftyThirtyTwenty_Is3800()
    {
        // 50² + 30² + 20² = 2500 + 900 + 400.
        Assert.Equal(3800, SupplyIndicators.Hhi([50, 30, 20]), 9);
    }

    [Fact]
    public void Hhi_OfAMonopoly_Is10000_AndOfTenEqualSuppliers_Is1000()
    {
        Assert.Equal(10000, SupplyIndicators.Hhi([100]), 9);
        Assert.Equal(1000, SupplyIndicators.Hhi(Enumerable.Repeat(10.0, 10)), 9);
    }

    [Fact]
    public void Concentrate_WithoutTotal_SharesSumTo100_AndRankLargestFirst()
    {
        var c = SupplyIndicators.Concentrate([new("B", 30), new("A", 50), new("C", 15), new("D", 5)], null);

        Assert.Equal(100, c.Shares.Sum(s => s.Value), 9);
        Assert.Equal(["A", "B", "C", "D"], c.Shares.Select(s => s.Key));
        Assert.Equal("A", c.Top);
        Assert.Equal(50, c.TopShare!.Value, 9);
        Assert.Equal(["A", "B", "C"], c.TopThree);
        Assert.Equal(95, c.TopThreeShare!.Value, 9);
        Assert.Equal(2500 + 900 + 225 + 25, c.Hhi!.Value, 9);
        Assert.Equal(100, c.Coverage!.Value, 9);
    }

    [Fact]
    public void Concentrate_AgainstTheWorldTotal_China2024Is71Point05Percent()
    {
        // MCS 2026: China 270,000 t of a 380,000 t world; the rest of the world not itemised here.
        var c = SupplyIndicators.Concentrate([new("CHN", 270000), new("USA", 45500), new("AUS", 29000)], 380000);

        Assert.Equal(71.05, Math.Round(c.TopShare!.Value, 2));
        Assert.Equal(270000.0 / 380000 * 100, c.TopShare.Value, 9);
        Assert.Equal((270000.0 + 45500 + 29000) / 380000 * 100, c.Coverage!.Value, 9);
    }

    [Fact]
    public void Concentrate_NothingToMeasure_GivesNulls()
    {
        var c = SupplyIndicators.Concentrate([], 380000);

        Assert.Null(c.Top);
        Assert.Null(c.Hhi);
        Assert.Empty(c.TopThree);
    }

    [Theory]
    [InlineData(44365512, 77025454.404, 57.5985)]
    [InlineData(0, 10, 0)]
    public void Share_IsNumeratorOverDenominatorInPercent(double numerator, double denominator, double expected) =>
        Assert.Equal(expected, Math.Round(SupplyIndicators.Share(numerator, denominator)!.Value, 4));

    [Theory]
    [InlineData(5.0, 0.0)]
    [InlineData(5.0, null)]
    [InlineData(null, 10.0)]
    public void Share_WithoutADenominatorOrNumerator_IsNull_NeverADivisionByZero(double? numerator, double? denominator) =>
        Assert.Null(SupplyIndicators.Share(numerator, denominator));
}
