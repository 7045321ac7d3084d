using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using RareEarthApi.Commodities;
using RareEarthApi.Countries;
using RareEarthApi.Datasets;
using RareEarthApi.Http;
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

    private static HttpRequest Request(string query) => ApiRequest.With(query);

    /// <summary>The trade and restrictions queries, read and run by the generic dataset query.</summary>
    private static class TradeQuery
    {
        public static (Parsed<TradeFlow, TradeJson>? Query, IReadOnlyList<ParameterError> Errors) Parse(
            HttpRequest request, DatasetSnapshot<TradeFlow> snapshot, CountryCatalog countries, CommodityCatalog commodities)
        {
            var (query, errors) = DatasetQueries.Parse(TradeDataset.Descriptor, request, snapshot, new DatasetServices(countries, commodities, TimeProvider.System));
            return (query is null ? null : new Parsed<TradeFlow, TradeJson>(TradeDataset.Descriptor, query), errors);
        }
    }

    private static class RestrictionsQuery
    {
        public static (Parsed<RestrictionEvent, RestrictionJson>? Query, IReadOnlyList<ParameterError> Errors) Parse(
            HttpRequest request, DatasetSnapshot<RestrictionEvent> snapshot, CountryCatalog countries, CommodityCatalog commodities, DateOnly today)
        {
            var time = new FakeTimeProvider(new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
            var (query, errors) = DatasetQueries.Parse(RestrictionsDataset.Descriptor, request, snapshot, new DatasetServices(countries, commodities, time));
            return (query is null ? null : new Parsed<RestrictionEvent, RestrictionJson>(RestrictionsDataset.Descriptor, query), errors);
        }
    }

    private sealed record Parsed<TRow, TWire>(DatasetDescriptor<TRow, TWire> Dataset, DatasetQuery<TRow> Query)
    {
        public IReadOnlyDictionary<string, string> Normalised => Query.Normalised;

        public (IReadOnlyList<TRow> Rows, IReadOnlyList<string> Warnings) Run(DatasetSnapshot<TRow> snapshot, CountryCatalog countries) => DatasetQueries.Run(Dataset, Query);
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

        // World and Comtrade's "Other Asia, nes" (S19) are aggregates, not partner countries.
        Assert.DoesNotContain(plain, r => r.Partner is "WLD" or "S19");
        Assert.Equal(plain.Count + 2, with.Count);
        Assert.Contains(with, r => r.Partner == "S19");
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
