using System.Net;
using System.Text.Json;
using RareEarthApi.Datasets;
using RareEarthApi.Http;
using RareEarthApi.Indicators;
using RareEarthApi.Production;
using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.Http;

/// <summary>The shared query language and HTTP behaviour over HTTP: names with commas, paging links, conditional GETs, methods, keys.</summary>
[Collection(ApiCollection.Name)]
public sealed class HttpConventionsApiTests(ApiFixture api)
{
    private HttpClient Client => api.Client;

    private static string Query<T>(Envelope<T> body, string key) => body.Meta.Query.GetValueOrDefault(key, "");

    [Fact]
    public async Task Country_NameWithAComma_BesideACode_IsKoreaAndChina()
    {
        var body = await Client.ReadEnvelope<ObservationJson>("api/v1/production?country=" + Uri.EscapeDataString("Korea, Republic of,CHN") + "&year=2024");

        Assert.Equal("KOR,CHN", Query(body, "country"));
        Assert.Contains(body.Data, r => r.Country == "CHN");
    }

    [Theory]
    [InlineData("api/v1/trade?reporter=CHN&partner=Hong Kong, China,Taiwan, Province of China", "partner", "HKG,TWN")]
    [InlineData("api/v1/refining?country=TOP3,Korea, Republic of", "country", "KOR,TOP3")]
    [InlineData("api/v1/restrictions?country=CHN,Korea, Republic of", "country", "CHN,KOR")]
    public async Task CountryLikeParameters_AcceptNamesWithACommaOnEveryRoute(string url, string parameter, string expected)
    {
        // Only the meta is asserted, on three routes: the rows stay JSON here (each route's own tests read them typed).
        var body = await Client.ReadEnvelope<JsonElement>(url.Replace(" ", "%20", StringComparison.Ordinal));

        Assert.Equal(expected, string.Join(",", Query(body, parameter).Split(',').Order(StringComparer.Ordinal)));
    }

    [Fact]
    public async Task ImportDependence_ImporterWithAComma_IsOneCountry()
    {
        var body = await Client.ReadEnvelope<ImportDependenceJson>("api/v1/indicators/import-dependence?importer=" + Uri.EscapeDataString("Korea, Republic of") + "&supplier=CHN&hs=2846");

        Assert.Equal("KOR", Query(body, "importer"));
    }

    [Theory]
    [InlineData("api/v1/production?sort=value,value")]
    [InlineData("api/v1/trade?sort=-value,value")]
    public async Task Sort_FieldTwice_Is400NamingSort(string url)
    {
        var error = await Client.ProblemFor(url, "sort");

        Assert.Contains("twice", error.Detail);
    }

    [Fact]
    public async Task SecondPage_CsvLinkIsThatPage_AndMetaEchoesTheCursorNotTheOffset()
    {
        var first = await Client.ReadEnvelope<ObservationJson>("api/v1/production?start=2018&end=2025&limit=5");
        var next = first.Links.Next!;
        var second = await Client.ReadEnvelope<ObservationJson>(next);
        var cursor = Query(second, "cursor");

        Assert.DoesNotContain("offset", second.Meta.Query.Keys);
        Assert.NotEmpty(cursor);
        Assert.Contains(Uri.EscapeDataString(cursor), next, StringComparison.Ordinal);
        var csvLink = second.Links.Csv!;
        Assert.Contains("cursor=", csvLink, StringComparison.Ordinal);
        var csv = await Client.Csv(csvLink);
        Assert.Equal(
            second.Data.Select(r => $"{r.Country}/{r.Year}"),
            csv.Select(r => $"{r["country"]}/{r["year"]}"));
    }

    [Fact]
    public async Task EditedCursor_PastTheLastRow_Is400OnCursor()
    {
        var first = await Client.ReadEnvelope<ObservationJson>("api/v1/production?country=CHN&limit=1");
        var query = first.Meta.Query;
        var version = first.Meta.DataVersion;
        var edited = Cursor.Encode("production", version, 100000, Cursor.Fingerprint(query));

        var error = await Client.ProblemFor("api/v1/production?country=CHN&limit=1&cursor=" + edited, "cursor");

        Assert.Contains("past the last row", error.Detail);
    }

    [Fact]
    public async Task CursorFromAnotherDataset_SaysWhichDatasetItBelongsTo()
    {
        var production = await Client.ReadEnvelope<ObservationJson>("api/v1/production?limit=1");
        var next = new Uri(new Uri("http://x/"), production.Links.Next!);
        var cursor = System.Web.HttpUtility.ParseQueryString(next.Query)["cursor"]!;

        var error = await Client.ProblemFor("api/v1/reserves?limit=1&cursor=" + cursor, "cursor");

        Assert.Contains("another dataset (production)", error.Detail);
    }

    [Fact]
    public async Task Catalog_HasNoCsvLink()
    {
        var body = await Client.ReadEnvelope<DatasetInfo>("api/v1/datasets");

        Assert.Null(body.Links.Csv);
    }

    [Theory]
    [InlineData("api/v1/production?country=CHN&year=2024")]
    [InlineData("api/v1/trade?reporter=CHN")]
    [InlineData("api/v1/countries")]
    public async Task IfModifiedSince_AtOrAfterLastModified_Is304_BeforeIt200(string url)
    {
        using var first = await Client.GetAsync(url);
        var lastModified = first.Content.Headers.LastModified!.Value;

        foreach (var (since, expected) in new[] { (lastModified, HttpStatusCode.NotModified), (lastModified.AddDays(1), HttpStatusCode.NotModified), (lastModified.AddSeconds(-1), HttpStatusCode.OK) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.IfModifiedSince = since;
            using var response = await Client.SendAsync(request);
            Assert.Equal(expected, response.StatusCode);
        }
    }

    [Fact]
    public async Task IfNoneMatch_WinsOverIfModifiedSince()
    {
        const string url = "api/v1/production?country=USA&year=2023";
        using var first = await Client.GetAsync(url);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.IfModifiedSince = first.Content.Headers.LastModified;
        request.Headers.TryAddWithoutValidation("If-None-Match", "\"another\"");

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task MethodTheRouteDoesNotTake_Is405ProblemWithAllow()
    {
        using var response = await Client.PostAsync("api/v1/production", new StringContent(""));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("GET", response.Content.Headers.Allow);
        Assert.Contains("HEAD", response.Content.Headers.Allow);
        Assert.Equal("/api/problems/method-not-allowed", (await response.ReadWireAsync<Problem>()).Type);
    }

    [Fact]
    public async Task UnknownRoute_IsStill404()
    {
        using var response = await Client.PostAsync("api/v1/nothing-here", new StringContent(""));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData(null, "required")]
    [InlineData("wrong-key", "not valid")]
    public async Task AdminRoute_MissingOrWrongKey_Is401SayingWhich(string? key, string says)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/admin/refresh/usgs");
        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(says, (await response.ReadWireAsync<Problem>()).Detail);
    }
}
