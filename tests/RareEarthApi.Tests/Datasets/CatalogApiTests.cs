using System.Net;
using RareEarthApi.Countries;
using RareEarthApi.Datasets;
using RareEarthApi.Health;
using RareEarthApi.Http;
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
        var body = await response.ReadWireAsync<Envelope<DatasetInfo>>();

        var production = Assert.Single(body.Data, d => d.Name == "production");
        Assert.Single(body.Data, d => d.Name == "reserves");
        Assert.False(string.IsNullOrEmpty(production.DataVersion));
        Assert.Contains("Geological Survey", production.Citation);
        Assert.True(production.RowCount > 300);
        Assert.True(production.Coverage.FirstYear <= 1990);
        Assert.Equal(2025, production.Coverage.LastYear);
        var mcs2026 = Assert.Single(production.Editions, e => e.Id == "usgs-mcs-2026");
        Assert.Equal(2024, mcs2026.FirstYear);
    }

    [Fact]
    public async Task Datasets_ReservesMcs2026_ListsItsFirstAndRevisedVersions_AndDatasetsWithoutVersionsSayNull()
    {
        var body = await api.Client.ReadEnvelope<DatasetInfo>("api/v1/datasets");

        var reserves = Assert.Single(body.Data, d => d.Name == "reserves");
        var mcs2026 = Assert.Single(reserves.Editions, e => e.Id == "usgs-mcs-2026");
        Assert.Equal(["1.0", "1.3"], mcs2026.Versions);
        var trade = Assert.Single(body.Data, d => d.Name == "trade");
        // Null, not empty (an edition never revised): the contract check on every response holds the member present.
        Assert.All(trade.Editions, e => Assert.Null(e.Versions));
    }

    [Fact]
    public async Task Datasets_EveryDataset_NamesItsPublisher_AndCountsRealCountriesInAStatedRole()
    {
        var body = await api.Client.ReadEnvelope<DatasetInfo>("api/v1/datasets");

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
            var dataset = Assert.Single(body.Data, d => d.Name == name);
            Assert.Equal("seed", dataset.PublishedBy);
            Assert.Equal(counted, dataset.Coverage.CountriesCounted);
        }

        // Production names WLD, OTH and release groups (United States and Canada) besides its countries: the coverage counts the countries alone.
        var seedCountries = ObservationSeedDataset.Read(SeedCatalogs.Countries, SeedCatalogs.CommodityNames).Rows
            .Where(r => r.Measure == ObservationDatasets.Production.Measure)
            .Select(r => r.Country).Distinct().ToList();
        Assert.Contains("WLD", seedCountries);
        var production = Assert.Single(body.Data, d => d.Name == "production");
        Assert.Equal(seedCountries.Count(c => SeedCatalogs.Countries.ByIso3(c) is not { IsAggregate: true }), production.Coverage.Countries);
    }

    [Theory]
    [InlineData("api/v1/countries", 2026, 12, 1)]
    public async Task ReferenceLists_LastModified_IsTheContentDate_NotTheProcessStart(string url, int year, int month, int day)
    {
        using var response = await api.Client.GetAsync(url);
        var body = await response.ReadWireAsync<Envelope<Country>>();

        var contentDate = new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(contentDate, response.Content.Headers.LastModified);
        Assert.Equal(contentDate, body.Meta.LastUpdated);
    }

    [Fact]
    public async Task Countries_CarriesTheCrosswalk()
    {
        using var response = await api.Client.GetAsync("api/v1/countries");
        var body = await response.ReadWireAsync<Envelope<Country>>();

        var burma = Assert.Single(body.Data, c => c.Iso3 == "MMR");
        Assert.Equal("MM", burma.Iso2);
        Assert.Contains("Burma", burma.Aliases);
        Assert.DoesNotContain(body.Data, c => c.Iso3 == "WLD");
        var usa = Assert.Single(body.Data, c => c.Iso3 == "USA");
        Assert.Equal(842, usa.ComtradeCode);
    }

    [Fact]
    public async Task Health_IsOkWhenStorageAnswers()
    {
        using var response = await api.Client.GetAsync("api/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadWireAsync<HealthReport>();

        Assert.Equal("ok", body.Status);
        Assert.False(string.IsNullOrEmpty(body.Datasets["production"]));
    }
}
