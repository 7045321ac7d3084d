namespace RareEarthApi.Http;

/// <summary>
/// Headers every response carries. The local host adds them in its pipeline; in Azure, host.json's
/// extensions.http.customHeaders adds the same (a test keeps the two equal), so the platform's own answers (a 401 from
/// the key check, a 404 before any function) carry them too.
/// </summary>
public static class SecurityHeaders
{
    public static IReadOnlyDictionary<string, string> Every { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        // Browsers take each body as its declared type (JSON, CSV), never sniffed into script or HTML.
        ["X-Content-Type-Options"] = "nosniff",

        // Links out of the docs page do not carry its address and query.
        ["Referrer-Policy"] = "no-referrer",
    };

    /// <summary>Seconds browsers may keep a CORS preflight answer (Access-Control-Max-Age).</summary>
    public const int PreflightMaxAgeSeconds = 3600;
}
