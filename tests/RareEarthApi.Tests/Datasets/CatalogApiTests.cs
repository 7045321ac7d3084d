using System.Net;
using RareEarthApi.Production;
using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.Datasets;

[Collection(ApiCollection.Name)]
public sealed class CatalogApiTests(ApiFixture api)
{
    [Fact]
    public async Task Datasets_ListsProductionAndReserves_WithVersionsEditionsAndCitation()
    {
        using var response = await api.Client.GetAsync("api/v1/datasets");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();

        var production = Assert.Single(body.Data(), d => d.GetProperty("name").GetString() == "production");
        Assert.Single(body.Data(), d => d.GetProperty("name").GetString() == "reserves");
        Assert.False(string.IsNullOrEmpty(production.GetProperty("dataVersion").GetString()));
        Assert.Contains("Geological Survey", production.GetProperty("citation").GetString());
        Assert.True(production.GetProperty("rowCount").GetInt32() > 300);
        Assert.True(production.GetProperty("coverage").GetProperty("firstYear").GetInt32() <= 1990);
        Assert.Equal(2025, production.GetProperty("coverage").GetProperty("lastYear").GetInt32());
        var mcs2026 = Assert.Single(production.GetProperty("editions").EnumerateArray(), e => e.GetProperty("id").GetString() == "usgs-mcs-2026");
        Assert.Equal(2024, mcs2026.GetProperty("firstYear").GetInt32());
    }

    [Fact]
    public async Task Datasets_ReservesMcs2026_ListsItsFirstAndRevisedVersions_AndDatasetsWithoutVersionsSayNull()
    {
        var body = await api.Client.OkJson("api/v1/datasets");

        var reserves = Assert.Single(body.Data(), d => d.GetProperty("name").GetString() == "reserves");
        var mcs2026 = Assert.Single(reserves.GetProperty("editions").EnumerateArray(), e => e.GetProperty("id").GetString() == "usgs-mcs-2026");
        Assert.Equal(["1.0", "1.3"], mcs2026.GetProperty("versions").EnumerateArray().Select(v => v.GetString()));
        var trade = Assert.Single(body.Data(), d => d.GetProperty("name").GetString() == "trade");
        Assert.All(trade.GetProperty("editions").EnumerateArray(), e => Assert.Equal(System.Text.Json.JsonValueKind.Null, e.GetProperty("versions").ValueKind));
    }

    [Fact]
    public async Task Datasets_EveryDataset_NamesItsPublisher_AndCountsRealCountriesInAStatedRole()
    {
        var body = await api.Client.OkJson("api/v1/datasets");

        var expected = new Dictionary<string, string>
        {
            ["production"] = "countries",
            ["reserves"] = "countries",
            ["refining"] = "countries",
            ["trade"] = "reporters",
            ["restrictions"] = "imposing-countries",
        };
        foreach (var (name, counted) in expected)
        {
            var dataset = Assert.Single(body.Data(), d => d.GetProperty("name").GetString() == name);
            Assert.Equal("seed", dataset.GetProperty("publishedBy").GetString());
            Assert.Equal(counted, dataset.GetProperty("coverage").GetProperty("countriesCounted").GetString());
        }

        // Production names WLD, OTH and release groups (United States and Canada) besides its countries: the coverage counts the countries alone.
        var seedCountries = ObservationSeedDataset.Read(SeedCatalogs.Countries, SeedCatalogs.CommodityNames).Rows
            .Where(r => r.Measure == ObservationDatasets.Production.Measure)
            .Select(r => r.Country).Distinct().ToList();
        Assert.Contains("WLD", seedCountries);
        var production = Assert.Single(body.Data(), d => d.GetProperty("name").GetString() == "production");
        Assert.Equal(seedCountries.Count(c => SeedCatalogs.Countries.ByIso3(c) is not { IsAggregate: true }), production.GetProperty("coverage").GetProperty("countries").GetInt32());
    }

    [Theory]
    [InlineData("api/v1/countries", 2026, 12, 1)]
    public async Task ReferenceLists_LastModified_IsTheContentDate_NotTheProcessStart(string url, int year, int month, int day)
    {
        using var response = await api.Client.GetAsync(url);
        var body = await response.ReadJsonAsync();

        var contentDate = new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(contentDate, response.Content.Headers.LastModified);
        Assert.Equal(contentDate, body.GetProperty("meta").GetProperty("lastUpdated").GetDateTimeOffset());
    }

    [Fact]
    public async Task Countries_CarriesTheCrosswalk()
    {
        using var response = await api.Client.GetAsync("api/v1/countries");
        var body = await response.ReadJsonAsync();

        var burma = Assert.Single(body.Data(), c => c.GetProperty("iso3").GetString() == "MMR");
        Assert.Equal("MM", burma.GetProperty("iso2").GetString());
        Assert.Contains("Burma", burma.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));
        Assert.DoesNotContain(body.Data(), c => c.GetProperty("iso3").GetString() == "WLD");
        var usa = Assert.Single(body.Data(), c => c.GetProperty("iso3").GetString() == "USA");
        Assert.Equal(842, usa.GetProperty("comtradeCode").GetInt32());
    }

    [Fact]
    public async Task Health_IsOkWhenStorageAnswers()
    {
        using var response = await api.Client.GetAsync("api/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();

        Assert.Equal("ok", body.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("datasets").GetProperty("production").GetString()));
    }
}
