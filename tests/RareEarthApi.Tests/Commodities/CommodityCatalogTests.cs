using RareEarthApi.Commodities;
using RareEarthApi.Datasets;
using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.Commodities;

public sealed class CommodityCatalogTests
{
    private static CommodityCatalog Catalog => SeedCatalogs.Commodities;

    [Fact]
    public void Hs2846_ExpandsToItsSubheadings_And6DigitCodesToThemselves()
    {
        Assert.Equal(["2846", "284610", "284690"], Catalog.Expand("2846"));
        Assert.Equal(["850511"], Catalog.Expand("850511"));
        Assert.Equal(["8505"], Catalog.Expand("8505")); // the whole heading, as USITC reports it: not a sum of 850511
    }

    [Fact]
    public void NearMissHsCodes_GetSuggestions()
    {
        Assert.Equal(["850511"], Catalog.SuggestHs("8505.11"));
        Assert.Equal(["280530"], Catalog.SuggestHs("2805.30.00"));
    }

    [Fact]
    public void SeventeenRareEarths_LightAndHeavy()
    {
        var rareEarths = Assert.Single(Catalog.All, c => c.Id == "rare-earths").Elements;

        Assert.Equal(17, rareEarths.Count);
        Assert.Equal("heavy", Catalog.Element("dy")!.Group);
        Assert.Equal("light", Catalog.Element("Neodymium")!.Group);
        Assert.Null(Catalog.Element("Kr"));
    }

    /// <summary>
    /// The reference list's Last-Modified is a date declared beside the loader, not a clock reading. If Seed/commodities.csv, elements.csv and hs-codes.csv
    /// changed, this fails: move CommodityCatalog.ContentDate to the day of the edit, then the hash here.
    /// </summary>
    [Fact]
    public void ContentDate_MovesWithTheContent()
    {
        Assert.Equal(("commodities-60e96797ae6e", new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero)), (Catalog.Version, CommodityCatalog.ContentDate));
    }
}
