using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.Commodities;

[Collection(ApiCollection.Name)]
public sealed class CommoditiesApiTests(ApiFixture api)
{
    [Fact]
    public async Task RareEarths_HaveSeventeenElementsAndTheirHsCodes()
    {
        var body = await api.Client.OkJson("api/v1/commodities");

        var rareEarths = Assert.Single(body.Data(), c => c.GetProperty("id").GetString() == "rare-earths");
        Assert.Equal(17, rareEarths.GetProperty("elements").GetArrayLength());
        var dy = Assert.Single(rareEarths.GetProperty("elements").EnumerateArray(), e => e.GetProperty("symbol").GetString() == "Dy");
        Assert.Equal("heavy", dy.GetProperty("group").GetString());
        var hs = Assert.Single(rareEarths.GetProperty("hsCodes").EnumerateArray(), h => h.GetProperty("code").GetString() == "284690");
        Assert.Equal("2846", hs.GetProperty("parent").GetString());
        Assert.Contains("rare-earth", hs.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Csv_And304()
    {
        var rows = await api.Client.Csv("api/v1/commodities?format=csv");

        Assert.Contains("Nd:light", Assert.Single(rows, r => r["id"] == "rare-earths")["elements"]);
        await api.Client.AssertNotModifiedOnSecondAsk("api/v1/commodities");
    }

    [Fact]
    public async Task EveryServedCommodity_IsListed_WithItsNamesUnitsStagesEditionsAndCriticalFlag()
    {
        var body = await api.Client.OkJson("api/v1/commodities");
        var production = await api.Client.OkJson("api/v1/production?commodity=all&include_aggregates=true&limit=10000");
        var served = production.Data().Select(r => r.GetProperty("commodity").GetString()).ToHashSet();

        var listed = body.Data().Where(c => c.GetProperty("figures").ValueKind != System.Text.Json.JsonValueKind.Null).Select(c => c.GetProperty("id").GetString()).ToHashSet();
        Assert.Superset(served, listed);
        Assert.True(listed.Count >= 90, $"{listed.Count} commodities listed with figures");
        var gallium = Assert.Single(body.Data(), c => c.GetProperty("id").GetString() == "gallium").GetProperty("figures");
        Assert.Contains("kg", gallium.GetProperty("units").Strings());
        Assert.Contains("primary-production", gallium.GetProperty("stages").Strings());
        Assert.Equal(["usgs-mcs-2024", "usgs-mcs-2025", "usgs-mcs-2026"], gallium.GetProperty("editions").Strings());
        Assert.True(gallium.GetProperty("critical").GetBoolean());
        var graphite = Assert.Single(body.Data(), c => c.GetProperty("id").GetString() == "graphite-natural").GetProperty("figures");
        Assert.Contains("graphite", graphite.GetProperty("aliases").Strings());
        Assert.Contains("Graphite (Natural)", graphite.GetProperty("usgsNames").Strings());
    }
}
