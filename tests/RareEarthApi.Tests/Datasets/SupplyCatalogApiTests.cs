using RareEarthApi.Datasets;
using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.Datasets;

[Collection(ApiCollection.Name)]
public sealed class SupplyCatalogApiTests(ApiFixture api)
{
    [Fact]
    public async Task Datasets_ListsRefiningTradeAndRestrictions_WithEditions()
    {
        var body = await api.Client.ReadEnvelope<DatasetInfo>("api/v1/datasets");

        var refining = Assert.Single(body.Data, d => d.Name == "refining");
        Assert.Equal(["iea-gcmo-2024", "iea-gcmo-2025"], refining.Editions.Select(e => e.Id));
        var trade = Assert.Single(body.Data, d => d.Name == "trade");
        Assert.Contains("Comtrade", trade.Citation);
        var restrictions = Assert.Single(body.Data, d => d.Name == "restrictions");
        Assert.True(restrictions.RowCount >= 10);
    }
}
