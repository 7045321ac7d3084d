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
}
