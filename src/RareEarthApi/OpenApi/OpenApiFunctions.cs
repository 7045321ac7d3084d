using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using RareEarthApi.Datasets;
using RareEarthApi.Http;

namespace RareEarthApi.OpenApi;

/// <summary>The OpenAPI 3.1 document of the API (JSON, YAML, and at the Swagger-style address) and its docs page.</summary>
internal sealed class OpenApiFunctions(OpenApiDocumentProvider documents, SwaggerUiAssets assets, IOptions<ServingOptions> serving)
{
    public const string JsonRoute = "openapi/v3.json";
    public const string YamlRoute = "openapi/v3.yaml";
    public const string SwaggerJsonRoute = "swagger.json";
    public const string UiRoute = "swagger/ui";

    private const string JsonDescription = "Generated from the code on each deployment: every route, its parameters, response schemas and problem types. `servers` is this host.";

    public static IReadOnlyList<ParameterSpec> PathParameters { get; } =
    [
        new("file", ParameterKind.String, "A file of the docs page (swagger-ui).", "swagger-ui.css", Values: SwaggerUiAssets.Names),
    ];

    [ApiOperation("Documentation", "OpenAPI 3.1 document (JSON)", Description = JsonDescription, ContentType = "application/json", Storage = false)]
    [Function(nameof(GetOpenApiJson))]
    public Task<IActionResult> GetOpenApiJson(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = JsonRoute)] HttpRequest req,
        CancellationToken cancellationToken) =>
        DocumentAsync(req, JsonRoute, OpenApiFormat.Json, cancellationToken);

    [ApiOperation("Documentation", "OpenAPI 3.1 document (YAML)", Description = JsonDescription, ContentType = "application/yaml", Storage = false)]
    [Function(nameof(GetOpenApiYaml))]
    public Task<IActionResult> GetOpenApiYaml(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = YamlRoute)] HttpRequest req,
        CancellationToken cancellationToken) =>
        DocumentAsync(req, YamlRoute, OpenApiFormat.Yaml, cancellationToken);

    [ApiOperation("Documentation", "OpenAPI 3.1 document (JSON), at the address Swagger tools look for",
        Description = "The same document as /openapi/v3.json.", ContentType = "application/json", Storage = false)]
    [Function(nameof(GetSwaggerJson))]
    public Task<IActionResult> GetSwaggerJson(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = SwaggerJsonRoute)] HttpRequest req,
        CancellationToken cancellationToken) =>
        DocumentAsync(req, SwaggerJsonRoute, OpenApiFormat.Json, cancellationToken);

    [ApiOperation("Documentation", "Interactive API documentation",
        Description = "swagger-ui on this document, served by the API itself (no CDN); Try it out calls this host.", ContentType = "text/html", Storage = false)]
    [Function(nameof(GetSwaggerUi))]
    public IActionResult GetSwaggerUi(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = UiRoute)] HttpRequest req) =>
        DocsPage(SwaggerUiAssets.Page(ApiRoot(req, UiRoute)));

    private static BytesResult DocsPage(byte[] page) =>
        new(StatusCodes.Status200OK, "text/html; charset=utf-8", page, new Dictionary<string, string>
        {
            ["Cache-Control"] = "public, max-age=300",
            ["Content-Security-Policy"] = SwaggerUiAssets.ContentSecurityPolicy(page),
        });

    [ApiOperation("Documentation", "A file of the docs page",
        Description = "swagger-ui's scripts, styles and icons, from the Swashbuckle.AspNetCore.SwaggerUI package.",
        ContentType = "text/javascript, text/css, image/png", ParametersFrom = typeof(OpenApiFunctions), Storage = false)]
    [Function(nameof(GetSwaggerUiFile))]
    public IActionResult GetSwaggerUiFile(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = UiRoute + "/{file}")] HttpRequest req,
        string file)
    {
        var acceptGzip = req.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase);
        if (assets.Get(file, acceptGzip) is not { } asset)
        {
            return ProblemResult.Of(ProblemTypes.NotFound, $"'{file}' is not a file of the docs page. See {ApiRoot(req, UiRoute + "/" + file)}/{UiRoute}.");
        }

        return asset.Response(TimeSpan.FromDays(1));
    }

    private async Task<IActionResult> DocumentAsync(HttpRequest req, string route, OpenApiFormat format, CancellationToken cancellationToken)
    {
        // From configuration or relative (/api), never from the Host header the client chooses.
        var server = (serving.Value.PublicBaseUrl?.TrimEnd('/') ?? "") + ApiRoot(req, route);
        var body = await documents.GetAsync(server, format, cancellationToken);
        return new BytesResult(StatusCodes.Status200OK,
            format == OpenApiFormat.Yaml ? "application/yaml; charset=utf-8" : "application/json; charset=utf-8", body,
            new Dictionary<string, string> { ["Cache-Control"] = "public, max-age=300" });
    }

    /// <summary>The path the API's routes hang from (/api): the request's path without this function's route.</summary>
    internal static string ApiRoot(HttpRequest req, string route)
    {
        var path = (req.PathBase + req.Path).Value ?? "";
        var suffix = "/" + route;
        return path.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) ? path[..^suffix.Length] : "/api";
    }
}
