using RareEarthApi.Trade;
using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.Trade;

[Collection(ApiCollection.Name)]
public sealed class TradeApiTests(ApiFixture api)
{
    [Fact]
    public async Task ChinasImportsFromMyanmar2024_Are44366Tonnes_AttributedToUnComtrade()
    {
        var body = await api.Client.ReadEnvelope<TradeJson>("api/v1/trade?reporter=CHN&partner=Burma&flow=import&hs=2846&year=2024");

        var row = Assert.Single(body.Data);
        Assert.Equal(44365512, row.NetWeightKg);
        Assert.Equal(44366, Math.Round(row.NetWeightKg!.Value / 1000));
        Assert.Equal(817835388, row.ValueUsd);
        Assert.Equal(TradeValuation.CIF, row.Valuation);
        Assert.Equal(TradeBasis.AsReported, row.Basis);
        Assert.Equal("2846", row.Hs);
        Assert.Equal(4, row.HsLevel);
        Assert.Equal("un-comtrade", row.Source.Id);
        Assert.Contains("Comtrade", body.Meta.Citation);
    }

    [Fact]
    public async Task Hs2846_Expands_AndWorldRowsComeOnlyWithAggregates()
    {
        var plain = await api.Client.ReadEnvelope<TradeJson>("api/v1/trade?reporter=CHN&hs=2846&year=2024");
        var with = await api.Client.ReadEnvelope<TradeJson>("api/v1/trade?reporter=CHN&hs=2846&year=2024&include_aggregates=true");

        Assert.Equal("2846,284610,284690", plain.Meta.Query["hs"]);
        Assert.DoesNotContain(plain.Data, r => r.Partner == "WLD");
        var world = Assert.Single(with.Data, r => r.Partner == "WLD");
        Assert.True(world.PartnerIsAggregate);
        Assert.Equal(1386613152, world.ValueUsd);
    }

    [Fact]
    public async Task MagnetImports_JapanFromChina2022_AndPaging()
    {
        var body = await api.Client.ReadEnvelope<TradeJson>("api/v1/trade?reporter=JPN&partner=CHN&hs=850511&year=2022");
        Assert.Equal(231600000, Assert.Single(body.Data).ValueUsd);

        var page1 = await api.Client.ReadEnvelope<TradeJson>("api/v1/trade?reporter=CHN&hs=2846&year=2024&sort=-weight&limit=2");
        Assert.Equal(["MMR", "MYS"], page1.Data.Select(r => r.Partner));
        var next = page1.Links.Next!;
        var page2 = await api.Client.ReadEnvelope<TradeJson>(next[next.IndexOf("api/", StringComparison.Ordinal)..]);
        Assert.Equal("LAO", page2.Data.First().Partner);
    }

    [Fact]
    public async Task Csv_And304()
    {
        var rows = await api.Client.Csv("api/v1/trade?reporter=CHN&partner=MYS&year=2024&format=csv");

        Assert.Equal("16344687", Assert.Single(rows)["netWeightKg"]);
        Assert.Contains("doi", rows[0].Keys); // the same provenance columns as every dataset's CSV
        await api.Client.AssertNotModifiedOnSecondAsk("api/v1/trade?reporter=CHN&partner=MYS");
    }

    [Theory]
    [InlineData("hs=2804", "hs")]
    [InlineData("hs=8504", "hs")]
    [InlineData("flow=transit", "flow")]
    [InlineData("reporter=Chinaa", "reporter")]
    public async Task BadInput_Is400NamingTheParameter(string query, string parameter)
    {
        var error = await api.Client.ProblemFor("api/v1/trade?" + query, parameter);
        if (parameter == "hs")
        {
            Assert.Contains("850511", error.Accepted!);
        }
    }

    [Fact]
    public async Task AReporterAskedForYearsItsRowsDoNotReach_IsToldWhatIsCovered()
    {
        var body = await api.Client.ReadEnvelope<TradeJson>("api/v1/trade?reporter=JPN&partner=CHN&start=2008");

        Assert.Equal(2, body.Data.Count);
        Assert.Contains("Japan (JPN): for this selection the served trade data covers 2022, 2024 (HS 850511); 2008–2021, 2023, 2025 are not covered.",
            body.Meta.Warnings);
    }

    [Fact]
    public async Task AReporterWithoutData_Is200WithAWarning()
    {
        var body = await api.Client.ReadEnvelope<TradeJson>("api/v1/trade?reporter=DEU");

        Assert.Empty(body.Data);
        var warning = body.Meta.Warnings[0];
        Assert.StartsWith("Germany (DEU) reports no flows in the served trade data; reporters with data: CHN 1993–2024 (HS 2846, 850511); ", warning);
        Assert.Contains("USA 1993–2025 (HS 2805, 2846, 8505, 850511)", warning);
    }

    [Fact]
    public async Task APartnerWithoutFlows_IsToldWhichPartnersThereAre()
    {
        var body = await api.Client.ReadEnvelope<TradeJson>("api/v1/trade?reporter=CHN&partner=ISL&hs=2846&year=2024");

        Assert.Empty(body.Data);
        var warning = Assert.Single(body.Meta.Warnings);
        Assert.StartsWith("No flows with Iceland (ISL) for this selection; it has flows with ", warning);
        Assert.EndsWith(" other partner(s) (CHN 2024 (HS 2846)), the largest by value MMR, LAO, MYS, VNM, JPN.", warning);
    }
}
