using System.Net;
using System.Text.Json;
using RareEarthApi.Http;
using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.Production;

/// <summary>Every bad parameter is a 400 problem+json that names it; nothing reaches a storage filter.</summary>
[Collection(ApiCollection.Name)]
public sealed class BadInputTests(ApiFixture api)
{
    private async Task<Problem> GetProblem(string url, HttpStatusCode expected = HttpStatusCode.BadRequest) =>
        Wire.Read<Problem>(await GetProblemJson(url, expected));

    /// <summary>The problem body as JSON, for the checks on its raw text and members.</summary>
    private async Task<JsonElement> GetProblemJson(string url, HttpStatusCode expected = HttpStatusCode.BadRequest)
    {
        using var response = await api.Client.GetAsync(url);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.ReadJsonAsync();
        Assert.Equal((int)expected, Wire.Read<Problem>(body).Status);
        Assert.DoesNotContain("   at ", body.ToString());
        return body;
    }

    private static ParameterError Error(Problem problem, string parameter) =>
        Assert.Single(problem.Errors ?? [], e => e.Parameter == parameter);

    [Fact]
    public async Task UnknownCountry_SuggestsTheCode()
    {
        var problem = await GetProblem("api/v1/production?country=CHINA");

        Assert.Equal("/api/problems/invalid-parameter", problem.Type);
        var error = Error(problem, "country");
        Assert.Equal("CHINA", error.Value);
        Assert.Contains("CHN", error.Suggestions ?? []);
    }

    [Fact]
    public async Task UnknownParameter_IsNamedWithTheAcceptedOnes()
    {
        var error = Error(await GetProblem("api/v1/production?contry=CHN"), "contry");

        Assert.Contains("country", error.Accepted ?? []);
    }

    [Theory]
    [InlineData("start=2024&end=2010", "start")]
    [InlineData("year=2024&start=2020", "year")]
    [InlineData("year=twenty", "year")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=10001", "limit")]
    [InlineData("format=xml", "format")]
    [InlineData("include_aggregates=yes", "include_aggregates")]
    [InlineData("edition=mcs2025", "edition")]
    [InlineData("commodity=unobtainium", "commodity")]
    [InlineData("sort=price", "sort")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("country=CHN,,USA", "country")]
    [InlineData("year=2024&year=2023", "year")]
    public async Task BadValue_Is400NamingTheParameter(string query, string parameter)
    {
        var problem = await GetProblem("api/v1/production?" + query);

        Error(problem, parameter);
    }

    [Fact]
    public async Task UnknownEdition_ListsTheEditions()
    {
        var error = Error(await GetProblem("api/v1/production?edition=usgs-mcs-2099"), "edition");

        var accepted = error.Accepted ?? [];
        Assert.Contains("latest", accepted);
        Assert.Contains("latest-table", accepted);
        Assert.Contains("usgs-mcs-2025", accepted);
    }

    [Theory]
    [InlineData("country=CHN' or PartitionKey ne '")]
    [InlineData("country=CHN' or '1' eq '1")]
    [InlineData("country=%27%29%20or%20true%20or%20%28%27")]
    [InlineData("edition=usgs-mcs-2025' or RowKey ne '")]
    [InlineData("commodity=rare-earths' or PartitionKey gt '")]
    [InlineData("cursor=MTp4JyBvciBQYXJ0aXRpb25LZXkgbmUgJzowOmFiYw")]
    public async Task InjectionAttempt_Is400_NeverExtraRows(string query)
    {
        var problem = await GetProblemJson("api/v1/production?" + query);

        // Raw: the point is that the body has no data member at all.
        Assert.False(problem.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task UnknownRoute_IsAProblem404()
    {
        var problem = await GetProblem("api/v1/nothing-here", HttpStatusCode.NotFound);

        Assert.Equal("/api/problems/not-found", problem.Type);
    }

    [Fact]
    public async Task ProblemTypes_AreDocumentedAtTheirUri()
    {
        using var response = await api.Client.GetAsync("api/problems/invalid-parameter");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadWireAsync<ProblemTypes.ProblemType>();

        Assert.Equal(400, body.Status);
    }
}
