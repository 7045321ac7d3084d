using Microsoft.AspNetCore.Http;
using RareEarthApi.Commodities;
using RareEarthApi.Countries;
using RareEarthApi.Datasets;
using RareEarthApi.Restrictions;
using RareEarthApi.Trade;
using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.Trade;

/// <summary>Query validation for the trade and restrictions routes, without any runtime.</summary>
public sealed class TradeQueryTests
{
    private static readonly CountryCatalog Countries = SeedCatalogs.Countries;
    private static readonly CommodityCatalog Commodities = SeedCatalogs.Commodities;
    private static readonly DatasetSnapshot<TradeFlow> Trade = new("trade", "v1", DateTimeOffset.UnixEpoch, TradeDataset.Read(Countries, Commodities).Rows, []);

    private static HttpRequest Request(string query)
    {
        var context = new DefaultHttpContext();
        context.Request.QueryString = new QueryString("?" + query);
        return context.Request;
    }

    [Fact]
    public void Hs2846_ExpandsInTheNormalisedQuery()
    {
        var (query, errors) = TradeQuery.Parse(Request("hs=2846&reporter=China&flow=M"), Trade, Countries, Commodities);

        Assert.Empty(errors);
        Assert.Equal("2846,284610,284690", query!.Normalised["hs"]);
        Assert.Equal("CHN", query.Normalised["reporter"]);
        Assert.Equal("import", query.Normalised["flow"]);
    }

    [Fact]
    public void UnknownHsCode_IsAnErrorListingTheAcceptedCodes()
    {
        var (query, errors) = TradeQuery.Parse(Request("hs=2805.3"), Trade, Countries, Commodities);

        Assert.Null(query);
        var error = Assert.Single(errors);
        Assert.Equal("hs", error.Parameter);
        Assert.Contains("280530", error.Accepted!);
        Assert.Equal(["280530"], error.Suggestions);
    }

    [Fact]
    public void WorldRows_OnlyWithIncludeAggregates_OrAskedFor()
    {
        var plain = TradeQuery.Parse(Request("reporter=CHN&hs=2846&year=2024"), Trade, Countries, Commodities).Query!.Run(Trade, Countries).Rows;
        var with = TradeQuery.Parse(Request("reporter=CHN&hs=2846&year=2024&include_aggregates=true"), Trade, Countries, Commodities).Query!.Run(Trade, Countries).Rows;
        var asked = TradeQuery.Parse(Request("partner=WLD&hs=2846&year=2024"), Trade, Countries, Commodities).Query!.Run(Trade, Countries).Rows;

        Assert.DoesNotContain(plain, r => r.Partner == "WLD");
        Assert.Equal(plain.Count + 1, with.Count);
        Assert.Equal(77025454.404, Assert.Single(asked).NetWeightKg);
    }

    [Fact]
    public void SixDigitCode_ReporterAtTheFourDigitLevel_WarningSaysAskTheHeading()
    {
        var (rows, warnings) = TradeQuery.Parse(Request("reporter=CHN&hs=284610"), Trade, Countries, Commodities).Query!.Run(Trade, Countries);

        Assert.Empty(rows);
        Assert.Equal(["China (CHN) reports HS 2846 at the 4-digit level, not 284610; ask hs=2846."], warnings);
    }

    [Fact]
    public void FourDigitCodeAsked_NoHeadingWarning()
    {
        var (rows, warnings) = TradeQuery.Parse(Request("reporter=CHN&hs=2846"), Trade, Countries, Commodities).Query!.Run(Trade, Countries);

        Assert.NotEmpty(rows);
        Assert.Empty(warnings);
    }

    [Theory]
    [InlineData("from=2025-01-01&to=2024-01-01", "from")]
    [InlineData("element=Kr", "element")]
    [InlineData("type=embargo", "type")]
    [InlineData("as_of=2026-13-01", "as_of")]
    public void Restrictions_BadInput_NamesTheParameter(string query, string parameter)
    {
        var snapshot = new DatasetSnapshot<RestrictionEvent>("restrictions", "v1", DateTimeOffset.UnixEpoch, [], []);
        var (parsed, errors) = RestrictionsQuery.Parse(Request(query), snapshot, Countries, Commodities, new DateOnly(2026, 1, 1));

        Assert.Null(parsed);
        Assert.Equal(parameter, Assert.Single(errors).Parameter);
    }
}
