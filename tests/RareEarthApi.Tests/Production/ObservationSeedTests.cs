using RareEarthApi.Countries;
using RareEarthApi.Datasets;
using RareEarthApi.Production;

using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.Production;

public sealed class ObservationSeedTests
{
    private static readonly CountryCatalog Countries = CountryCatalog.Load(SeedFiles.Path("countries.csv"));

    [Fact]
    public void BundledSeed_HasEveryEditionsFigures_WithASourceOnEveryRow()
    {
        var content = ObservationSeedDataset.Read(Countries, SeedCatalogs.CommodityNames);
        var editions = content.Editions.Select(e => e.Id).ToHashSet();

        Assert.All(content.Rows, r => Assert.Contains(r.Edition, editions));
        Assert.Contains(content.Rows, r => r is { Country: "CHN", Year: 2024, Edition: "usgs-mcs-2026", Value: 270000 });
        Assert.Contains(content.Rows, r => r is { Country: "WLD", Year: 2024, Edition: "usgs-mcs-2025", Value: 390000 });
        Assert.Contains(content.Rows, r => r is { Country: "USA", Year: 2023, Edition: "usgs-mcs-2025", Value: 41600 });
        Assert.Equal(Enumerable.Range(2010, 16), content.Rows.Where(r => r.Measure == "mine-production" && r.Country == "USA").Select(r => r.Year).Where(y => y >= 2010).Distinct().Order());
    }

    [Fact]
    public void EveryBundledProductionTable_ItsWorldTotalIsItsRowsRoundedAsUsgsRounds()
    {
        // USGS rounds a World total to two or three significant figures of the sum of the rows it lists (Other countries
        // included). Every table typed in by hand is checked against its own total, so a mistyped figure shows here.
        var content = ObservationSeedDataset.Read(Countries, SeedCatalogs.CommodityNames);
        var tables = content.Rows
            .Where(r => r.Measure == "mine-production" && !r.Edition.StartsWith("usgs-ds140", StringComparison.Ordinal))
            .GroupBy(r => (r.Edition, r.Year))
            .Where(g => g.Any(r => r.Country == "WLD"))
            .ToList();

        Assert.Equal(Enumerable.Range(2010, 16), tables.Select(g => g.Key.Year).Distinct().Order());
        Assert.All(tables, g =>
        {
            var world = g.Single(r => r.Country == "WLD").Value!.Value;
            var sum = g.Where(r => r.Country != "WLD").Sum(r => r.Value ?? 0);
            Assert.True(world == RoundSignificant(sum, 2) || world == RoundSignificant(sum, 3),
                $"{g.Key.Edition} {g.Key.Year}: the rows add up to {sum}, which does not round to the World total {world}");
        });
    }

    [Fact]
    public void ProductionByCountry_Covers2010To2025_FromUsgsTablesOfTheTime()
    {
        var content = ObservationSeedDataset.Read(Countries, SeedCatalogs.CommodityNames);
        var production = content.Rows.Where(r => r.Measure == "mine-production").ToList();

        Assert.All(new[] { "CHN", "AUS", "IND", "BRA", "MYS" }, c =>
            Assert.Equal(Enumerable.Range(2010, 16), production.Where(r => r.Country == c && r.Year >= 2010).Select(r => r.Year).Distinct().Order()));
        // Figures that secondary sources quote from these editions (see README, "Data and where it comes from").
        Assert.Contains(production, r => r is { Country: "CHN", Year: 2010, Value: 130000, Edition: "usgs-mcs-2012" });
        Assert.Contains(production, r => r is { Country: "CHN", Year: 2013, Value: 100000, Edition: "usgs-mcs-2014" });
        Assert.Contains(production, r => r is { Country: "AUS", Year: 2014, Value: 8000, Edition: "usgs-mcs-2016" });
        Assert.Contains(production, r => r is { Country: "WLD", Year: 2014, Value: 123000, Edition: "usgs-mcs-2016" });
        Assert.Contains(production, r => r is { Country: "AUS", Year: 2016, Value: 14000, Edition: "usgs-mcs-2017" });
        Assert.Contains(production, r => r is { Country: "WLD", Year: 2017, Value: 132000, Edition: "usgs-mcs-2019" });
        Assert.Contains(production, r => r is { Country: "CHN", Year: 2018, Value: 120000, Edition: "usgs-mcs-2019" });
    }

    private static double RoundSignificant(double value, int digits)
    {
        var scale = Math.Pow(10, Math.Floor(Math.Log10(value)) + 1 - digits);
        return Math.Round(value / scale, MidpointRounding.AwayFromZero) * scale;
    }

    [Theory]
    [InlineData("mine-production,rare-earths,China,CHN,2024,1,guessed,t,REO,,e1", "status 'guessed'")]
    [InlineData("mine-production,rare-earths,China,CHN,2024,-5,reported,t,REO,,e1", "negative")]
    [InlineData("mine-production,rare-earths,Atlantis,ATL,2024,5,reported,t,REO,,e1", "ATL")]
    [InlineData("mine-production,rare-earths,China,CHN,2024,5,reported,t,REO,,e9", "edition 'e9'")]
    [InlineData("mine-production,rare-earths,China,CHN,2024,,reported,t,REO,,e1", "needs a value")]
    public void BadRow_IsRejectedWithItsLine(string line, string message)
    {
        var csv = "measure,commodity,sourceLabel,country,year,value,status,unit,basis,note,edition\n" + line + "\n";
        var editions = new[] { new SourceEdition("e1", "s", "t", "p", new DateOnly(2024, 1, 1), null, null) };

        var error = Assert.Throws<InvalidDataException>(() => ObservationSeed.ReadObservations(new StringReader(csv), "x.csv", Countries, editions));

        Assert.Contains("row 2", error.Message);
        Assert.Contains(message, error.Message);
    }
}
