using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Reflection;
using System.Text;
using RareEarthApi.OpenApi;

namespace RareEarthApi.Explorer;

/// <summary>
/// The explorer page's files, bundled at build time (Explorer/web/build.mjs: our script with Observable Plot) and
/// embedded in this assembly, so every host serves the page itself, offline.
/// </summary>
public sealed class ExplorerAssets
{
    private const string Prefix = "RareEarthApi.Explorer.";
    private const string PageName = "index.html";

    private static readonly Assembly Source = typeof(ExplorerAssets).Assembly;

    private readonly ConcurrentDictionary<(string Name, bool Gzip), SwaggerUiAsset?> _cache = new();

    /// <summary>The files the page loads: explorer.js, explorer.css.</summary>
    public static IReadOnlyList<string> Names { get; } =
        Source.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Select(n => n[Prefix.Length..])
            .Where(n => n != PageName).Order(StringComparer.Ordinal).ToList();

    /// <summary>The named file, gzip-compressed when the client accepts it; null if there is none.</summary>
    public SwaggerUiAsset? Get(string name, bool acceptGzip) =>
        Names.Contains(name, StringComparer.Ordinal) ? _cache.GetOrAdd((name, acceptGzip), key => Load(key.Name, key.Gzip)) : null;

    /// <summary>The page, its links rooted at the API's path (/api).</summary>
    public static byte[] Page(string apiRoot) =>
        Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Read(PageName)).Replace("{{root}}", WebUtility.HtmlEncode(apiRoot), StringComparison.Ordinal));

    /// <summary>
    /// The page's Content-Security-Policy: its own script, style, data and images only (no inline script or style:
    /// the script takes Observable Plot's stylesheet out of each chart and explorer.css holds it), no plugins. The
    /// normal view is never framed; the embed view (embed=1) is made to be framed by articles, so any page may.
    /// </summary>
    public static string ContentSecurityPolicy(bool embed) =>
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self' blob:; font-src 'self'; "
        + "base-uri 'none'; form-action 'self'; object-src 'none'; frame-ancestors " + (embed ? "*" : "'none'");

    private static SwaggerUiAsset Load(string name, bool gzip)
    {
        var bytes = Read(name);
        if (gzip)
        {
            using var buffer = new MemoryStream();
            using (var zip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
            {
                zip.Write(bytes);
            }

            bytes = buffer.ToArray();
        }

        var type = name.EndsWith(".js", StringComparison.Ordinal) ? "text/javascript; charset=utf-8"
            : name.EndsWith(".css", StringComparison.Ordinal) ? "text/css; charset=utf-8"
            : "application/octet-stream";
        return new SwaggerUiAsset(name, type, bytes, gzip);
    }

    private static byte[] Read(string name)
    {
        using var stream = Source.GetManifestResourceStream(Prefix + name)
            ?? throw new InvalidOperationException($"The explorer's {name} is not embedded: the build runs Explorer/web/build.mjs (npm ci first).");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
