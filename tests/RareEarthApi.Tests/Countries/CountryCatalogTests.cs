using RareEarthApi.Countries;
using RareEarthApi.Datasets;
using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.Countries;

public sealed class CountryCatalogTests
{
    private static CountryCatalog Catalog => SeedCatalogs.Countries;

    [Theory]
    [InlineData("MMR", "MMR")]
    [InlineData("mm", "MMR")]
    [InlineData("Burma", "MMR")]
    [InlineData("Myanmar", "MMR")]
    [InlineData("Korea, Republic of", "KOR")]
    [InlineData("United States", "USA")]
    [InlineData("World total", "WLD")]
    [InlineData("  China ", "CHN")]
    public void Resolve_CodesInAnyCase_NamesAsSourcesWriteThem(string text, string iso3)
    {
        Assert.Equal(iso3, Catalog.Resolve(text)?.Iso3);
    }

    [Theory]
    [InlineData("CHINA", "CHN")]
    [InlineData("china", "CHN")]
    [InlineData("Chna", "CHN")]
    [InlineData("Austrlia", "AUS")]
    public void Unknown_IsNotGuessed_ButSuggested(string text, string suggestion)
    {
        Assert.Null(Catalog.Resolve(text));
        Assert.Contains(suggestion, Catalog.Suggest(text));
    }

    [Fact]
    public void ComtradeCodes_DifferFromM49WhereComtradeSaysSo()
    {
        Assert.Equal("USA", Catalog.ByComtradeCode(842)?.Iso3);
        Assert.Equal("CHN", Catalog.ByComtradeCode(156)?.Iso3);
    }

    [Fact]
    public void Aggregates_AreMarked()
    {
        Assert.True(Catalog.ByIso3("WLD")!.IsAggregate);
        Assert.True(Catalog.ByIso3("OTH")!.IsAggregate);
        Assert.False(Catalog.ByIso3("CHN")!.IsAggregate);
    }

    /// <summary>
    /// The reference list's Last-Modified is a date declared beside the loader, not a clock reading. If Seed/countries.csv
    /// changed, this fails: move CountryCatalog.ContentDate to the day of the edit, then the hash here.
    /// </summary>
    [Fact]
    public void ContentDate_MovesWithTheContent()
    {
        Assert.Equal(("countries-b8699003d9aa", new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)), (Catalog.Version, CountryCatalog.ContentDate));
    }

    [Theory]
    [InlineData("Korea, Republic of,CHN", "KOR,CHN")]
    [InlineData("CN,Hong Kong, China,Taiwan, Province of China,cn", "CHN,HKG,TWN")]
    [InlineData("Korea, Democratic People's Republic of,Korea", "PRK,KOR")]
    public void ResolveList_JoinsNamesWithACommaAgain(string list, string expected)
    {
        var resolved = Catalog.ResolveList(list.Split(',').Select(i => i.Trim()).ToList());

        Assert.Equal(expected, string.Join(",", resolved.Codes));
        Assert.Empty(resolved.Unknown);
    }

    [Fact]
    public void ResolveList_ExtraCodes_MatchInAnyCase()
    {
        var resolved = Catalog.ResolveList(["top3", "CN"], ["TOP3", "TOP5"]);

        Assert.Equal(["TOP3", "CHN"], resolved.Codes);
    }

    [Fact]
    public void ResolveList_UnknownItems_SuggestedOnlyForTheFirstFewAndShortOnes()
    {
        var resolved = Catalog.ResolveList([new string('X', CountryCatalog.MaxSuggestedLength + 1) + "China", .. Enumerable.Repeat("Chna", 10), "CHN"]);

        Assert.Equal(["CHN"], resolved.Codes);
        Assert.Equal(11, resolved.Unknown.Count);
        Assert.Empty(resolved.Unknown[0].Suggestions);
        Assert.All(resolved.Unknown.Skip(1).Take(CountryCatalog.MaxSuggested - 1), u => Assert.Contains("CHN", u.Suggestions));
        Assert.All(resolved.Unknown.Skip(CountryCatalog.MaxSuggested), u => Assert.Empty(u.Suggestions));
    }

    [Fact]
    public void ResolveList_StopsWhenCancelled()
    {
        Assert.Throws<OperationCanceledException>(() => Catalog.ResolveList(["CN", "US"], null, new CancellationToken(canceled: true)));
    }
}
