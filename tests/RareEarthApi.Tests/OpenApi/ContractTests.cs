using System.Net;
using System.Text.Json.Nodes;
using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.OpenApi;

/// <summary>
/// Real responses validate against the document's schemas. (Every integration test's responses are checked too:
/// <see cref="ContractCheckingHandler"/> sits in ApiHost's client.) Here the routes are walked on purpose, and a
/// body that drifts is shown to fail.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ContractTests(ApiFixture api)
{
    [Theory]
    [InlineData("api/v1/production?country=CHN&year=2024", 200, "application/json")]
    [InlineData("api/v1/production?country=WLD&start=2018&end=2025&include_aggregates=true&sort=-value", 200, "application/json")]
    [InlineData("api/v1/reserves?edition=latest&sort=-value", 200, "application/json")]
    [InlineData("api/v1/production?country=CHN&year=2024&format=csv", 200, "text/csv")]
    [InlineData("api/v1/countries?include_aggregates=true", 200, "application/json")]
    [InlineData("api/v1/datasets", 200, "application/json")]
    [InlineData("api/health", 200, "application/json")]
    [InlineData("api/problems/invalid-parameter", 200, "application/json")]
    [InlineData("api/v1/production?country=CHINA", 400, "application/problem+json")]
    [InlineData("api/v1/production?year=1700&limit=0&colour=red", 400, "application/problem+json")]
    [InlineData("api/v1/datasets?x=1", 400, "application/problem+json")]
    [InlineData("api/problems/no-such-problem", 404, "application/problem+json")]
    [InlineData("api/v1/prodction", 404, "application/problem+json")]
    [InlineData("api/swagger/ui/no-such-file.js", 404, "application/problem+json")]
    [InlineData("api/openapi/v3.json", 200, "application/json")]
    [InlineData("api/swagger/ui", 200, "text/html")]
    public async Task RealResponse_ValidatesAgainstTheDocument(string url, int status, string mediaType)
    {
        // The client's ContractCheckingHandler throws if the response departs from the document.
        using var response = await api.Client.GetAsync(url);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task NotModified_IsDocumented()
    {
        using var first = await api.Client.GetAsync("api/v1/production?country=CHN");
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/production?country=CHN");
        request.Headers.TryAddWithoutValidation("If-None-Match", first.Headers.ETag!.ToString());

        using var second = await api.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Fact]
    public async Task BodyThatDrifts_FailsTheCheck()
    {
        var validator = new ContractValidator(await api.Client.GetStringAsync("api/openapi/v3.json"));
        var body = JsonNode.Parse(await api.Client.GetStringAsync("api/v1/production?country=CHN&year=2024"))!;
        body["data"]![0]!["value"] = "270000";
        body["data"]![0]!["status"] = "guessed";
        body["meta"]!.AsObject().Remove("dataVersion");

        var errors = validator.Check("GET", "/api/v1/production", 200, "application/json", body.ToJsonString());

        Assert.Contains(errors, e => e.Contains("/data/0/value", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("/data/0/status", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("dataVersion", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UndocumentedStatusOrMediaType_FailsTheCheck()
    {
        var validator = new ContractValidator(await api.Client.GetStringAsync("api/openapi/v3.json"));

        Assert.NotEmpty(validator.Check("GET", "/api/v1/countries", 418, "application/json", "{}"));
        Assert.NotEmpty(validator.Check("GET", "/api/health", 200, "text/csv", "a,b"));
        Assert.NotEmpty(validator.Check("GET", "/api/v1/datasets", 400, "application/problem+json", "{\"type\":\"x\"}"));
        Assert.Empty(validator.Check("GET", "/api/v1/datasets", 200, "application/json", await api.Client.GetStringAsync("api/v1/datasets")));
    }
}
