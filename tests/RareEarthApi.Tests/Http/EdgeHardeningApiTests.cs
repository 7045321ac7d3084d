using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using RareEarthApi.Http;
using RareEarthApi.Production;
using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.Http;

/// <summary>
/// What a client cannot make the API do: use the key as Azure Functions does (code=) and never see it echoed, in a
/// body or a log line; steer links with a Host header; miss the security headers; or get more than one log line.
/// </summary>
public sealed class EdgeHardeningApiTests
{
    private const string Key = "k3y-under-test-5ecret";
    private const string Guess = "wrong-guess-9f8e7d";

    private static async Task<(ApiHost Host, CapturingLoggerProvider Logs)> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var logs = new CapturingLoggerProvider();
        var config = new Dictionary<string, string?> { ["LocalHost:FunctionKey"] = Key };
        foreach (var (name, value) in settings ?? [])
        {
            config[name] = value;
        }

        return (await ApiHost.StartAsync(config, builder => builder.Logging.AddProvider(logs)), logs);
    }

    private static async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> SendAsync(HttpClient client, HttpMethod method, string url, Action<HttpRequestMessage>? edit = null)
    {
        using var request = new HttpRequestMessage(method, url);
        edit?.Invoke(request);
        var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    /// <summary>A body kept as text (the tests look for keys in it) read into its wire type.</summary>
    private static T Read<T>(string body)
    {
        using var json = JsonDocument.Parse(body);
        return Wire.Read<T>(json.RootElement);
    }

    [Fact]
    public async Task FunctionKey_InCode_WorksAsInAzure_AndNoKeyIsEverEchoedInABodyOrALogLine()
    {
        var (host, logs) = await StartAsync(new() { ["Logging:LogLevel:Default"] = "Trace" });
        await using var _h = host;

        // The right key in code=: the route runs (a 400 on the unknown source alone, not on 'code').
        var (status, body, _) = await SendAsync(host.Client, HttpMethod.Post, $"api/v1/admin/refresh/no-such-source?code={Key}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["source"], (Read<Problem>(body).Errors ?? []).Select(e => e.Parameter));
        Assert.DoesNotContain(Key, body, StringComparison.Ordinal);

        // A data route given code= answers as without it; the problem's instance leaves the key out.
        (status, body, _) = await SendAsync(host.Client, HttpMethod.Get, $"api/v1/production?country=CHINA&code={Key}");
        Assert.Equal(["country"], (Read<Problem>(body).Errors ?? []).Select(e => e.Parameter));
        Assert.DoesNotContain(Key, body, StringComparison.Ordinal);

        // A wrong key, in the query or the header, on a function or a timer: 401 titled invalid, the guess not echoed.
        // (The timer route is Core Tools', outside the OpenAPI document: asked without the contract check.)
        using var plain = new HttpClient { BaseAddress = host.Client.BaseAddress };
        foreach (var (url, header) in new[] { ($"api/v1/admin/refresh/usgs?code={Guess}", false), ("api/v1/admin/refresh/usgs", true), ($"admin/functions/UsgsRefreshTimer?code={Guess}", false) })
        {
            (status, body, _) = await SendAsync(url.StartsWith("admin", StringComparison.Ordinal) ? plain : host.Client, HttpMethod.Post, url, r => { if (header) r.Headers.Add("x-functions-key", Guess); });
            Assert.Equal(HttpStatusCode.Unauthorized, status);
            var problem = Read<Problem>(body);
            Assert.Equal(("Invalid key", "/api/problems/invalid-key"), (problem.Title, problem.Type));
            Assert.DoesNotContain(Guess, body, StringComparison.Ordinal);
        }

        (status, body, _) = await SendAsync(host.Client, HttpMethod.Post, "api/v1/admin/refresh/usgs");
        Assert.Equal((HttpStatusCode.Unauthorized, "Key required"), (status, Read<Problem>(body).Title));

        var lines = logs.Entries.ToList();
        Assert.Contains(lines, l => l.Text.Contains("/api/v1/admin/refresh/no-such-source", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Text.Contains(Key, StringComparison.Ordinal) || l.Text.Contains(Guess, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Links_NeverFromTheHostHeader_AndTheETagCoversTheBody()
    {
        var (host, _) = await StartAsync();
        await using var _h = host;

        var (_, plain, plainResponse) = await SendAsync(host.Client, HttpMethod.Get, "api/v1/production?country=CHN,USA&year=2024&limit=1");
        var (_, evil, evilResponse) = await SendAsync(host.Client, HttpMethod.Get, "api/v1/production?year=2024&country=cn,United%20States&limit=1", r => r.Headers.Host = "evil.example");

        Assert.DoesNotContain("evil.example", evil, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", evilResponse.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
        Assert.StartsWith("/api/v1/production?", Read<Envelope<ObservationJson>>(evil).Links.Self, StringComparison.Ordinal);
        // Same ETag, same bytes: the links are built from the canonical query, not from how it was spelled.
        Assert.Equal(plainResponse.Headers.ETag, evilResponse.Headers.ETag);
        Assert.Equal(plain, evil);

        var (_, document, _) = await SendAsync(host.Client, HttpMethod.Get, "api/openapi/v3.json", r => r.Headers.Host = "evil.example");
        Assert.Equal("/api", JsonNode.Parse(document)!["servers"]![0]!["url"]!.GetValue<string>());
        var (_, catalog, _) = await SendAsync(host.Client, HttpMethod.Get, "api/v1/datasets", r => r.Headers.Host = "evil.example");
        Assert.DoesNotContain("evil.example", catalog, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Links_FromTheConfiguredPublicBaseUrl()
    {
        var (host, _) = await StartAsync(new() { ["Serving:PublicBaseUrl"] = "https://api.example.org/" });
        await using var _h = host;

        var links = (await host.Client.ReadEnvelope<ObservationJson>("api/v1/production?country=CHN&limit=1")).Links;

        Assert.Equal("https://api.example.org/api/v1/production?commodity=rare-earths&country=CHN&edition=latest&include_aggregates=false&limit=1&sort=country,year",
            Uri.UnescapeDataString(links.Self));
        Assert.StartsWith("https://api.example.org/api/v1/production?", links.Next, StringComparison.Ordinal);
        var (_, document, _) = await SendAsync(host.Client, HttpMethod.Get, "api/openapi/v3.json");
        Assert.Equal("https://api.example.org/api", JsonNode.Parse(document)!["servers"]![0]!["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task EveryResponse_CarriesTheSecurityHeaders_NoServerBanner_DocsPageACsp()
    {
        var (host, _) = await StartAsync();
        await using var _h = host;

        foreach (var (method, url) in new[]
        {
            (HttpMethod.Get, "api/v1/production?country=CHN"), (HttpMethod.Get, "api/v1/production?country=CHINA"), (HttpMethod.Get, "api/v1/nothing"),
            (HttpMethod.Get, "api/openapi/v3.json"), (HttpMethod.Get, "api/swagger/ui"), (HttpMethod.Get, "api/swagger/ui/swagger-ui.css"),
            (HttpMethod.Post, "api/v1/admin/refresh/usgs"), (HttpMethod.Get, "api/health"),
        })
        {
            var (_, _, response) = await SendAsync(host.Client, method, url);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.False(response.Headers.Contains("Server"), $"{url}: Server {string.Join(",", response.Headers.Server)}");
        }

        var (_, _, docs) = await SendAsync(host.Client, HttpMethod.Get, "api/swagger/ui");
        var csp = docs.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self' 'sha256-", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);

        using var plain = new HttpClient { BaseAddress = host.Client.BaseAddress };
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "api/v1/production");
        preflight.Headers.Add("Origin", "https://example.org");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        using var answer = await plain.SendAsync(preflight);
        Assert.Equal(SecurityHeaders.PreflightMaxAgeSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), answer.Headers.GetValues("Access-Control-Max-Age").Single());
    }

    [Fact]
    public void HostJson_AddsTheSameHeadersInAzure()
    {
        var headers = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "host.json")))!["extensions"]!["http"]!["customHeaders"]!.AsObject();

        Assert.Equal(SecurityHeaders.Every.OrderBy(p => p.Key), headers.Select(p => KeyValuePair.Create(p.Key, p.Value!.GetValue<string>())).OrderBy(p => p.Key));
    }

    [Fact]
    public async Task LocalHost_LogsOneLinePerRequest()
    {
        var (host, logs) = await StartAsync();
        await using var _h = host;
        const string url = "api/v1/production?country=CHN";
        await host.Client.OkJson(url);
        await host.Client.GetAsync("api/v1/production?country=CHINA");
        logs.Clear();

        for (var i = 0; i < 5; i++)
        {
            await host.Client.OkJson(url);
            (await host.Client.GetAsync("api/v1/production?country=CHINA")).Dispose();
        }

        var lines = logs.Entries.Where(e => e.Level >= LogLevel.Information).ToList();
        Assert.Equal(10, lines.Count);
        Assert.All(lines, l => Assert.Equal("RareEarthApi.LocalHost.Requests", l.Category));
        Assert.Contains(lines, l => l.Text.StartsWith("GET /api/v1/production?country=CHN 200", StringComparison.Ordinal));
    }
}
