using RareEarthApi.Countries;
using RareEarthApi.Datasets;
using RareEarthApi.Production;

namespace RareEarthApi.Tests.Production;

public sealed class ObservationSeedTests
{
    private static readonly CountryCatalog Countries = CountryCatalog.Load(SeedFiles.Path("countries.csv"));

    [Fact]
    public void BundledSeed_HasEveryEditionsFigures_WithASourceOnEveryRow()
    {
        var content = ObservationSeedDataset.Read(Countries);
        var editions = content.Editions.Select(e => e.Id).ToHashSet();

        Assert.All(content.Rows, r => Assert.Contains(r.Edition, editions));
        Assert.Contains(content.Rows, r => r is { Country: "CHN", Year: 2024, Edition: "usgs-mcs-2026", Value: 270000 });
        Assert.Contains(content.Rows, r => r is { Country: "WLD", Year: 2024, Edition: "usgs-mcs-2025", Value: 390000 });
        Assert.Contains(content.Rows, r => r is { Country: "USA", Year: 2023, Edition: "usgs-mcs-2025", Value: 41600 });
        Assert.Equal(Enumerable.Range(2010, 16), content.Rows.Where(r => r.Measure == "mine-production" && r.Country == "USA").Select(r => r.Year).Where(y => y >= 2010).Distinct().Order());
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
