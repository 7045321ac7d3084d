using System.Text.Json;
using RareEarthApi.Hosting;
using RareEarthApi.OpenApi;
using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.OpenApi;

/// <summary>
/// The docs page in headless Chromium: it shows every operation of the catalog, "Try it out" gets a 200 from the
/// same host, nothing is fetched from anywhere else; the screenshot is kept in artifacts/browser/. Needs Debian's
/// chromium (scripts/test.d/20-chromium.sh installs it) and playwright-core (npm ci): without them it fails.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class SwaggerUiBrowserTests(ApiFixture api)
{
    [Fact]
    public async Task DocsPage_ShowsEveryOperation_AndTryItOutGets200()
    {
        var screenshot = Path.Combine(NodeScript.Artifacts("browser"), "swagger-ui.png");
        File.Delete(screenshot);
        var baseUrl = api.Client.BaseAddress!.ToString().TrimEnd('/');

        var run = await NodeScript.RunAsync(["tests/RareEarthApi.Tests/OpenApi/swagger-ui.browser.mjs", baseUrl, screenshot, "GetDatasets"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var seen = JsonDocument.Parse(run.Stdout.Trim().Split('\n')[^1]);
        var operations = seen.RootElement.GetProperty("operations").EnumerateArray().Select(o => o.GetString()!).Order(StringComparer.Ordinal);
        Assert.Equal(FunctionCatalog.OfApp().Http.SelectMany(f => OpenApiDocumentBuilder.DocumentedMethods(f).Select(m => OpenApiDocumentBuilder.OperationId(f, m))).Order(StringComparer.Ordinal), operations);
        Assert.Equal(200, seen.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(baseUrl + "/api/v1/datasets", seen.RootElement.GetProperty("requestUrl").GetString());
        Assert.Equal("/api/v1/datasets", seen.RootElement.GetProperty("catalogLink").GetString());
        Assert.Equal("/api/v1/production?year=2024", seen.RootElement.GetProperty("clearedField").GetString());
        Assert.Empty(seen.RootElement.GetProperty("foreignRequests").EnumerateArray());
        Assert.True(new FileInfo(screenshot).Length > 10_000, "no screenshot");
    }
}
