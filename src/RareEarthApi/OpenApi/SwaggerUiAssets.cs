using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using RareEarthApi.Http;

namespace RareEarthApi.OpenApi;

/// <summary>One file of the docs page (or the explorer): its bytes, media type, and whether the bytes are gzip.</summary>
public sealed record SwaggerUiAsset(string Name, string ContentType, byte[] Body, bool Gzip)
{
    /// <summary>The 200 response serving this file, cacheable for the given time, varying by Accept-Encoding.</summary>
    public BytesResult Response(TimeSpan maxAge)
    {
        var headers = new Dictionary<string, string> { ["Cache-Control"] = $"public, max-age={(int)maxAge.TotalSeconds}", ["Vary"] = "Accept-Encoding" };
        if (Gzip)
        {
            headers["Content-Encoding"] = "gzip";
        }

        return new BytesResult(StatusCodes.Status200OK, ContentType, Body, headers);
    }
}

/// <summary>
/// swagger-ui's files as the Swashbuckle.AspNetCore.SwaggerUI package embeds them in its DLL (swagger-ui-dist,
/// gzip-compressed), so the function app serves its docs page itself, offline, in any host; and the page.
/// </summary>
public sealed class SwaggerUiAssets
{
    private const string Prefix = "Swashbuckle.AspNetCore.SwaggerUI.node_modules.swagger_ui_dist.";

    private static readonly Assembly Source = typeof(Swashbuckle.AspNetCore.SwaggerUI.SwaggerUIOptions).Assembly;

    private readonly FileExtensionContentTypeProvider _types = new();
    private readonly ConcurrentDictionary<(string Name, bool Gzip), SwaggerUiAsset?> _cache = new();

    /// <summary>The files the page can ask for: swagger-ui.css, swagger-ui-bundle.js, favicon-32x32.png, ...</summary>
    public static IReadOnlyList<string> Names { get; } =
        Source.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Select(n => n[Prefix.Length..]).Order(StringComparer.Ordinal).ToList();

    /// <summary>The named file, gzip as stored when the client accepts it, else decompressed; null if there is none.</summary>
    public SwaggerUiAsset? Get(string name, bool acceptGzip) =>
        Names.Contains(name, StringComparer.Ordinal) ? _cache.GetOrAdd((name, acceptGzip), key => Load(key.Name, key.Gzip)) : null;

    private SwaggerUiAsset? Load(string name, bool acceptGzip)
    {
        using var stream = Source.GetManifestResourceStream(Prefix + name);
        if (stream is null)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var bytes = buffer.ToArray();
        var isGzip = bytes.Length > 2 && bytes[0] == 0x1f && bytes[1] == 0x8b;
        if (isGzip && !acceptGzip)
        {
            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var plain = new MemoryStream();
            gzip.CopyTo(plain);
            bytes = plain.ToArray();
            isGzip = false;
        }

        var contentType = _types.TryGetContentType(name, out var type) ? type : "application/octet-stream";
        if (contentType.StartsWith("text/", StringComparison.Ordinal) && !contentType.Contains("charset", StringComparison.Ordinal))
        {
            contentType += "; charset=utf-8";
        }

        return new SwaggerUiAsset(name, contentType, bytes, isGzip);
    }

    /// <summary>The docs page: what the API is, a link to the catalog, and swagger-ui on the document of this host.</summary>
    public static byte[] Page(string apiRoot)
    {
        var root = WebUtility.HtmlEncode(apiRoot);
        var documentUrl = JsonSerializer.Serialize(apiRoot + "/openapi/v3.json");
        var html = $$"""
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>RareEarthApi: API documentation</title>
              <link rel="icon" type="image/png" href="{{root}}/swagger/ui/favicon-32x32.png">
              <link rel="stylesheet" href="{{root}}/swagger/ui/swagger-ui.css">
              <style>
                body { margin: 0; font-family: sans-serif; }
                .about { max-width: 1460px; margin: 0 auto; padding: 20px 20px 0; color: #3b4151; }
                .about h1 { margin: 0 0 8px; font-size: 28px; }
                .about p { margin: 4px 0; line-height: 1.5; }
              </style>
            </head>
            <body>
              <section class="about" id="about">
                <h1>RareEarthApi</h1>
                <p>Open data on rare-earth supply: who mines, who refines, who trades what, with the source and edition of every figure
                (USGS Mineral Commodity Summaries and more). Reads are anonymous and free; figures are JSON numbers or CSV.</p>
                <p>Start with the <a id="catalog-link" href="{{root}}/v1/datasets">dataset catalog</a>
                (coverage, editions, licence, citation), then try <a href="{{root}}/v1/production?country=CHN&amp;year=2024">China's 2024 mine production</a>.
                The OpenAPI 3.1 document: <a href="{{root}}/openapi/v3.json">JSON</a>, <a href="{{root}}/openapi/v3.yaml">YAML</a>.</p>
              </section>
              <div id="swagger-ui"></div>
              <script src="{{root}}/swagger/ui/swagger-ui-bundle.js" charset="utf-8"></script>
              <script>
                window.ui = SwaggerUIBundle({
                  url: {{documentUrl}},
                  dom_id: "#swagger-ui",
                  deepLinking: true,
                  layout: "BaseLayout",
                  presets: [SwaggerUIBundle.presets.apis],
                  displayOperationId: true,
                  defaultModelsExpandDepth: 0,
                  tryItOutEnabled: false,
                  // A field cleared in "Try it out" is not sent: country= would be a 400 ("an empty item").
                  requestInterceptor: function (req) {
                    var i = req.url.indexOf("?");
                    if (i >= 0) {
                      var kept = req.url.slice(i + 1).split("&").filter(function (p) { return p && !/=$/.test(p); });
                      req.url = req.url.slice(0, i) + (kept.length ? "?" + kept.join("&") : "");
                    }
                    return req;
                  }
                });
              </script>
            </body>
            </html>
            """;
        return Encoding.UTF8.GetBytes(html);
    }

    /// <summary>
    /// The docs page's Content-Security-Policy: its own scripts, styles, images and calls only (the inline script and
    /// style by hash), no plugins, and never framed (frame-ancestors 'none').
    /// </summary>
    public static string ContentSecurityPolicy(byte[] page)
    {
        var html = Encoding.UTF8.GetString(page);
        static string Hashes(string html, string tag) => string.Join(" ",
            Regex.Matches(html, $"<{tag}>(.*?)</{tag}>", RegexOptions.Singleline)
                .Select(m => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(m.Groups[1].Value)))}'"));
        return $"default-src 'none'; script-src 'self' {Hashes(html, "script")}; style-src 'self' {Hashes(html, "style")}; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'; frame-ancestors 'none'";
    }
}
