using System.Net;
using System.Text.Json;
using RareEarthApi.Http;
using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.Http;

/// <summary>
/// Errors at the front door of the local host: a URL past the limit is a problem+json 414 (Kestrel's own empty 414
/// only past its request-line limit), and %00 in a path is refused by Kestrel before the app (a bare 400, as the
/// README says). Asked with a plain client: these answers are the host's, outside any route's contract.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class FrontDoorApiTests(ApiFixture api)
{
    private HttpClient Plain() => new() { BaseAddress = api.Client.BaseAddress };

    [Theory]
    [InlineData(8300)]
    [InlineData(20000)]
    public async Task UrlPastTheLimit_Is414ProblemJson_NamingTheLimit(int length)
    {
        using var client = Plain();
        var url = "api/v1/production?country=" + string.Join(",", Enumerable.Repeat("CHN", length / 4));

        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = Wire.Read<Problem>(JsonDocument.Parse(body).RootElement);
        Assert.Equal("/api/problems/uri-too-long", problem.Type);
        Assert.Contains("at most 8192", problem.Detail);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task UrlWithinTheLimit_IsAnsweredByTheRoute()
    {
        using var client = Plain();
        var url = "api/v1/production?year=2024&country=" + string.Join(",", Enumerable.Repeat("CHN", 1900));

        using var response = await client.GetAsync(url);

        Assert.True(url.Length is > 4096 and < 8192);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"parameter\":\"country\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task NulInAPath_IsRefusedByKestrelBeforeTheApp()
    {
        using var client = Plain();

        using var response = await client.GetAsync("api/v1/production%00");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());

        // In a query value it is the app's to answer: a 400 problem naming the parameter.
        var problem = await api.Client.ProblemFor("api/v1/production?country=%00", "country");
        Assert.Contains("country", problem.Detail);
    }
}
