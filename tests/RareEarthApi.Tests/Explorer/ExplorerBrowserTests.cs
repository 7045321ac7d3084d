using System.Net;
using System.Text.Json;
using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.Explorer;

/// <summary>
/// The explorer page (/api/) in headless Chromium: the landing view and each story draw one mark per row that has
/// a value, the table and the CSV links hold the same rows as the API's JSON (read here, through the contract-checked
/// client), a story's URL restores its view, the embed view shows the chart alone, the page fits 375 px and works from
/// the keyboard, and nothing is fetched from another host nor logged as an error. Screenshots in artifacts/browser/.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ExplorerBrowserTests(ApiFixture api)
{
    private static readonly string[] Stories = ["china-mining-share", "refining-share", "import-dependence", "controls-on-date", "china-share-by-mineral"];

    [Fact]
    public async Task ExplorerPage_DrawsTheServedRows_AndEachStoryRestoresFromItsUrl()
    {
        var shots = NodeScript.Artifacts("browser");
        foreach (var old in Directory.GetFiles(shots, "story-*.png").Append(Path.Combine(shots, "explorer.png")))
        {
            File.Delete(old);
        }

        var baseUrl = api.Client.BaseAddress!.ToString().TrimEnd('/');
        var run = await NodeScript.RunAsync(["tests/RareEarthApi.Tests/Explorer/explorer.browser.mjs", baseUrl, shots]);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var seen = JsonDocument.Parse(run.Stdout.Trim().Split('\n')[^1]);
        var root = seen.RootElement;
        Assert.Empty(root.GetProperty("foreignRequests").EnumerateArray());
        Assert.Empty(root.GetProperty("consoleErrors").EnumerateArray());
        Assert.Equal("/api/swagger/ui", root.GetProperty("links").GetProperty("docs").GetString());
        Assert.Equal("/api/v1/datasets", root.GetProperty("links").GetProperty("catalog").GetString());

        var landing = root.GetProperty("views")[0];
        Assert.True(landing.GetProperty("marks").GetInt32() > 0, "the landing view draws no chart");
        Assert.True(landing.GetProperty("svgLabelled").GetBoolean(), "the chart has no text alternative");
        Assert.True(landing.GetProperty("sources").GetInt32() > 0, "no sources under the chart");
        await AssertSameRowsAsApi(landing);
        Assert.True(root.GetProperty("png").GetInt32() > 1000, "PNG export is empty");
        Assert.True(File.Exists(Path.Combine(shots, "explorer.png")));

        var stories = root.GetProperty("stories").EnumerateArray().ToList();
        Assert.Equal(Stories, stories.Select(s => s.GetProperty("id").GetString()));
        foreach (var story in stories)
        {
            var id = story.GetProperty("id").GetString()!;
            Assert.Contains($"story={id}", story.GetProperty("url").GetString());
            Assert.True(new FileInfo(Path.Combine(shots, $"story-{id}.png")).Length > 5_000, $"no screenshot of {id}");
            if (id == "china-mining-share")
            {
                await AssertChinasShare(story);
            }

            if (id == "china-share-by-mineral")
            {
                // Composed in the page from several routes; its CSV is the page's own rows.
                Assert.True(story.GetProperty("marks").GetInt32() > 0, "no mineral drawn");
                Assert.Equal(story.GetProperty("rows").GetInt32(), story.GetProperty("marks").GetInt32());
                Assert.Equal(story.GetProperty("rows").GetInt32(), story.GetProperty("csv")[0].GetProperty("rows").GetInt32());
            }
            else
            {
                await AssertSameRowsAsApi(story);
            }
        }

        foreach (var (story, restored) in stories.Zip(root.GetProperty("restored").EnumerateArray()))
        {
            Assert.Equal(story.GetProperty("url").GetString(), restored.GetProperty("url").GetString());
            Assert.Equal(story.GetProperty("title").GetString(), restored.GetProperty("title").GetString());
            Assert.Equal(story.GetProperty("marks").GetInt32(), restored.GetProperty("marks").GetInt32());
            Assert.Equal(Strings(story.GetProperty("apiUrls")), Strings(restored.GetProperty("apiUrls")));
        }

        // The CSP: the embed view may be framed by an article, the page itself by no one.
        var framing = root.GetProperty("framing");
        Assert.True(framing.GetProperty("embedReady").GetBoolean(), "the embed view does not draw inside an iframe");
        Assert.False(framing.GetProperty("pageLoaded").GetBoolean(), "the normal view loads inside another page's iframe");

        var embed = root.GetProperty("embed");
        Assert.Contains("embed=1", embed.GetProperty("url").GetString());
        Assert.Equal(landing.GetProperty("marks").GetInt32(), embed.GetProperty("marks").GetInt32());
        Assert.False(embed.GetProperty("controlsVisible").GetBoolean(), "the embed view shows the controls");
        Assert.False(embed.GetProperty("tableVisible").GetBoolean(), "the embed view shows the table");

        var narrow = root.GetProperty("narrow");
        Assert.InRange(narrow.GetProperty("scrollWidth").GetInt32(), 1, 375);
        Assert.InRange(narrow.GetProperty("svgWidth").GetDouble(), 1, 375);
        Assert.StartsWith("story:", root.GetProperty("keyboard").GetProperty("focused").GetString());
        Assert.Contains("story=", root.GetProperty("keyboard").GetProperty("url").GetString());
    }

    [Fact]
    public async Task ExplorerPage_IsServedAtTheApiRoot_WithItsFiles()
    {
        foreach (var path in new[] { "api/", "api" })
        {
            using var page = await api.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains("src=\"/api/explorer/explorer.js\"", html);
            Assert.DoesNotContain("{{root}}", html);
        }

        using var script = await api.Client.GetAsync("api/explorer/explorer.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        // The charting library is in the bundle, not fetched from anywhere.
        var body = await script.Content.ReadAsStringAsync();
        Assert.True(body.Length > 100_000, $"explorer.js is {body.Length} characters: Observable Plot is not bundled");
        Assert.DoesNotContain("cdn.jsdelivr", body, StringComparison.OrdinalIgnoreCase);

        // The CSP: nothing inline, nothing from another host; framed only as the embed view.
        using var normal = await api.Client.GetAsync("api/?story=china-mining-share");
        using var embedded = await api.Client.GetAsync("api/?story=china-mining-share&embed=1");
        var policy = normal.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("style-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-", policy, StringComparison.Ordinal);
        Assert.EndsWith("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        var embedPolicy = embedded.Headers.GetValues("Content-Security-Policy").Single();
        Assert.EndsWith("frame-ancestors *", embedPolicy, StringComparison.Ordinal);
        Assert.Equal(policy[..policy.LastIndexOf(';')], embedPolicy[..embedPolicy.LastIndexOf(';')]);

        using var missing = await api.Client.GetAsync("api/explorer/nothing.js");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var other = await api.Client.GetAsync("api/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    /// <summary>
    /// The story draws China's own share of each year (the concentration route's countryShares for CHN, asked for by
    /// name), not the largest producer's, and every year the route gives China a share is drawn.
    /// </summary>
    private async Task AssertChinasShare(JsonElement story)
    {
        var urls = Strings(story.GetProperty("apiUrls"));
        Assert.Single(urls);
        Assert.Contains("country=CHN", urls[0], StringComparison.Ordinal);
        Assert.Equal("countryShares.0.share", story.GetProperty("ySource").GetString());
        var start = System.Web.HttpUtility.ParseQueryString(new Uri(urls[0]).Query)["start"];
        using var response = await api.Client.GetAsync($"api/v1/indicators/concentration?dataset=production&country=CHN&start={start}");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var expected = json.RootElement.GetProperty("data").EnumerateArray()
            .Select(r => (r.GetProperty("year").GetInt32(), r.GetProperty("countryShares").EnumerateArray().Single(c => c.GetProperty("country").GetString() == "CHN").GetProperty("share")))
            .Where(r => r.Item2.ValueKind == JsonValueKind.Number)
            .Select(r => $"{r.Item1}: {r.Item2.GetDouble()}")
            .ToList();
        var drawn = story.GetProperty("values").EnumerateArray()
            .Where(v => v.GetProperty("value").ValueKind == JsonValueKind.Number)
            .Select(v => $"{v.GetProperty("year").GetInt32()}: {v.GetProperty("value").GetDouble()}")
            .ToList();

        Assert.True(expected.Count >= 2, $"China has a share in only {expected.Count} years");
        Assert.Equal(expected, drawn);
    }

    /// <summary>The view's marks, table rows and CSV rows against the rows the API's JSON has (with a value to draw).</summary>
    private async Task AssertSameRowsAsApi(JsonElement view)
    {
        // The value drawn, where it sits in the API's row: the page's own field, or a path when the page reshapes the row.
        var yPath = new[] { "ySource", "yField" }.Select(p => view.GetProperty(p)).Where(p => p.ValueKind == JsonValueKind.String)
            .Select(p => p.GetString()!.Split('.')).FirstOrDefault();
        int rows = 0, drawable = 0;
        foreach (var url in Strings(view.GetProperty("apiUrls")))
        {
            using var response = await api.Client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            foreach (var row in json.RootElement.GetProperty("data").EnumerateArray())
            {
                rows++;
                if (yPath is null || At(row, yPath) is { ValueKind: JsonValueKind.Number })
                {
                    drawable++;
                }
            }
        }

        var name = view.GetProperty("url").GetString();
        Assert.True(rows == view.GetProperty("rows").GetInt32(), $"{name}: the page shows {view.GetProperty("rows")} rows, the API has {rows}");
        Assert.Equal(rows, view.GetProperty("tableRows").GetInt32());
        Assert.True(drawable == view.GetProperty("marks").GetInt32(), $"{name}: {view.GetProperty("marks")} marks for {drawable} rows with a value");
        Assert.Equal(rows, view.GetProperty("csv").EnumerateArray().Sum(c => c.GetProperty("rows").GetInt32()));
    }

    private static JsonElement? At(JsonElement row, string[] path)
    {
        foreach (var step in path)
        {
            if (row.ValueKind == JsonValueKind.Array && int.TryParse(step, System.Globalization.CultureInfo.InvariantCulture, out var i) && i < row.GetArrayLength())
            {
                row = row[i];
            }
            else if (row.ValueKind == JsonValueKind.Object && row.TryGetProperty(step, out var next))
            {
                row = next;
            }
            else
            {
                return null;
            }
        }

        return row;
    }

    private static List<string> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToList();
}
