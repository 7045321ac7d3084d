using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using RareEarthApi.Http;
using RareEarthApi.OpenApi;

[assembly: ApiTag("Explorer", "The explorer page for people: charts, tables, CSV and stories drawn from the routes below.")]

namespace RareEarthApi.Explorer;

/// <summary>The explorer page at the API's root (/api/) and its script and style.</summary>
internal sealed class ExplorerFunctions(ExplorerAssets assets)
{
    /// <summary>
    /// The route prefix itself (/api and /api/): the Functions host does not serve an empty route, so the route is
    /// one optional segment that can only be empty (OpenAPI documents it as "/").
    /// </summary>
    public const string PageRoute = "{root:maxlength(0)?}";
    public const string FileRoute = "explorer/{file}";

    public static IReadOnlyList<ParameterSpec> PathParameters { get; } =
    [
        new("file", ParameterKind.String, "A file of the explorer page.", "explorer.js", Values: ExplorerAssets.Names),
    ];

    [ApiOperation("Explorer", "The explorer page",
        Description = "Charts and tables of every dataset, CSV downloads, the API URL and citation of each view, and one-click stories; its state lives in its URL (`?show=production&country=CHN,USA&start=2010`).",
        ContentType = "text/html", Storage = false)]
    [Function(nameof(GetExplorer))]
    public IActionResult GetExplorer(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = PageRoute)] HttpRequest req) =>
        new BytesResult(StatusCodes.Status200OK, "text/html; charset=utf-8", ExplorerAssets.Page(Root(req)),
            new Dictionary<string, string>
            {
                ["Cache-Control"] = "public, max-age=300",
                ["Content-Security-Policy"] = ExplorerAssets.ContentSecurityPolicy(IsEmbed(req)),
            });

    /// <summary>The chart-only view the embed snippet's iframe shows (?embed=1, as the page's script reads it).</summary>
    private static bool IsEmbed(HttpRequest req) => req.Query["embed"].ToString() == "1";

    [ApiOperation("Explorer", "A file of the explorer page",
        Description = "The page's script (with Observable Plot, bundled at build time) and style.",
        ContentType = "text/javascript, text/css", ParametersFrom = typeof(ExplorerFunctions), Storage = false)]
    [Function(nameof(GetExplorerFile))]
    public IActionResult GetExplorerFile(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = FileRoute)] HttpRequest req,
        string file)
    {
        var acceptGzip = req.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase);
        if (assets.Get(file, acceptGzip) is not { } asset)
        {
            return ProblemResult.Of(ProblemTypes.NotFound, $"'{file}' is not a file of the explorer page ({string.Join(", ", ExplorerAssets.Names)}).");
        }

        // Five minutes: the bundle's name does not change with its content.
        return asset.Response(TimeSpan.FromMinutes(5));
    }

    /// <summary>The path the API hangs from: this request's path without its trailing slash (/api).</summary>
    private static string Root(HttpRequest req)
    {
        var path = ((req.PathBase + req.Path).Value ?? "").TrimEnd('/');
        return path.Length == 0 ? "/api" : path;
    }
}
