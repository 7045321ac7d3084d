using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.Datasets;

[Collection(ApiCollection.Name)]
public sealed class SupplyCatalogApiTests(ApiFixture api)
{
    [Fact]
    public async Task Datasets_ListsRefiningTradeAndRestrictions_WithEditions()
    {
        var body = await api.Client.OkJson("api/v1/datasets");

        var refining = Assert.Single(body.Data(), d => d.GetProperty("name").GetString() == "refining");
        Assert.Equal(["iea-gcmo-2024", "iea-gcmo-2025"], refining.GetProperty("editions").EnumerateArray().Select(e => e.GetProperty("id").GetString()));
        var trade = Assert.Single(body.Data(), d => d.GetProperty("name").GetString() == "trade");
        Assert.Contains("Comtrade", trade.GetProperty("citation").GetString());
        var restrictions = Assert.Single(body.Data(), d => d.GetProperty("name").GetString() == "restrictions");
        Assert.True(restrictions.GetProperty("rowCount").GetInt32() >= 10);
    }
}
