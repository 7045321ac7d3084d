using System.Globalization;
using System.Net;
using CsvHelper;
using RareEarthApi.Datasets;
using RareEarthApi.Http;
using RareEarthApi.Tests.Support;
using RareEarthApi.UsStatistics;

namespace RareEarthApi.Tests.UsStatistics;

/// <summary>us-statistics and us-import-sources over HTTP on the bundled data (the real MCS 2026 file, parsed at seed).</summary>
[Collection(ApiCollection.Name)]
public sealed class UsStatisticsApiTests(ApiFixture api)
{
    private HttpClient Client => api.Client;

    private async Task<Envelope<T>> GetJson<T>(string url)
    {
        using var response = await Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadWireAsync<Envelope<T>>();
    }

    private Task<Problem> GetProblem(string url) => Client.BadRequest(url);

    private static ParameterError Error(Problem problem, string parameter) =>
        Assert.Single(problem.Errors ?? [], e => e.Parameter == parameter);

    [Fact]
    public async Task TheCommodity_IsResolvedAsOnProduction_ByUsgsNameOrAlias()
    {
        var byName = await GetJson<UsStatisticJson>("api/v1/us-statistics?commodity=Niobium%20(Columbium)&statistic=imports&year=2025");
        var byBareName = await GetJson<UsStatisticJson>("api/v1/us-statistics?commodity=niobium&statistic=imports&year=2025");

        Assert.Equal("niobium-columbium", byName.Meta.Query["commodity"]);
        Assert.Equal(byName.Data.Select(r => r.Value), byBareName.Data.Select(r => r.Value));
        Assert.NotEmpty(byName.Data);
    }

    [Fact]
    public async Task ANearMissCommodity_Is400_WithSuggestions()
    {
        var error = Error(await GetProblem("api/v1/us-statistics?commodity=niobum"), "commodity");

        Assert.Equal("niobum", error.Value);
        Assert.Contains("niobium-columbium", error.Suggestions ?? []);
    }

    [Fact]
    public async Task AnUnknownStatistic_Is400_NamingTheAcceptedIds()
    {
        var error = Error(await GetProblem("api/v1/us-statistics?statistic=reliance"), "statistic");

        var accepted = error.Accepted ?? [];
        Assert.Contains("net-import-reliance", accepted);
        Assert.Contains("imports", accepted);
        Assert.Equal(13, accepted.Count);
    }

    [Fact]
    public async Task AnUnknownCountryOrEdition_Is400()
    {
        Error(await GetProblem("api/v1/us-import-sources?country=Atlantis"), "country");
        Error(await GetProblem("api/v1/us-import-sources?edition=usgs-mcs-1999"), "edition");
        Error(await GetProblem("api/v1/us-statistics?edition=usgs-mcs-1999"), "edition");
        Error(await GetProblem("api/v1/us-statistics?year=20x5"), "year");
    }

    [Fact]
    public async Task ImportSources_ByCountry_AcrossCommodities()
    {
        var body = await GetJson<UsImportSourceJson>("api/v1/us-import-sources?commodity=all&country=CN&sort=-share&limit=3");

        Assert.Equal("CHN", body.Meta.Query["country"]);
        Assert.Equal(70, body.Meta.Total);
        Assert.All(body.Data, r => Assert.Equal("CHN", r.Country));
        Assert.NotNull(body.Links.Next);
    }

    [Fact]
    public async Task Csv_CarriesTheSameRows_AndTheEtagAnswers304()
    {
        using var csvResponse = await Client.GetAsync("api/v1/us-statistics?statistic=net-import-reliance&format=csv");
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        using var reader = new StringReader(await csvResponse.Content.ReadAsStringAsync());
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var rows = csv.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();
        // MCS 2026's 2021–2025 (two details a year), MCS 2024's 2019 and 2020 and MCS 2023's 2018, the years no newer edition prints.
        Assert.Equal(16, rows.Count);
        Assert.Contains(rows, r => (string)r["year"] == "2025" && (string)r["printed"] == "67" && (string)r["status"] == "estimated");

        using var first = await Client.GetAsync("api/v1/us-import-sources");
        using var again = new HttpRequestMessage(HttpMethod.Get, "api/v1/us-import-sources");
        again.Headers.TryAddWithoutValidation("If-None-Match", first.Headers.ETag!.ToString());
        using var notModified = await Client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task TheCatalog_ListsBothDatasets()
    {
        var names = (await GetJson<DatasetInfo>("api/v1/datasets")).Data.Select(d => d.Name).ToList();

        Assert.Contains("us-statistics", names);
        Assert.Contains("us-import-sources", names);
    }
}
