namespace RareEarthApi.LocalHost;

public sealed class LocalHostOptions
{
    public const string Section = "LocalHost";

    /// <summary>
    /// Key that Function-level routes and POST /admin/functions/{name} require (x-functions-key header or code=),
    /// as Azure does. Unset, the host makes a random one at start and prints it: no well-known key, even when
    /// --urls exposes the host beyond this machine.
    /// </summary>
    public string? FunctionKey { get; set; }

    /// <summary>
    /// Longest path and query (bytes) the host takes; a longer one is a 414 problem. 8,192 as Kestrel's default
    /// request line; Azure Functions takes 4,096 (the README says where it answers instead).
    /// </summary>
    public int MaxUrlBytes { get; set; } = 8192;

    /// <summary>Kestrel's own limit on the request line: URLs up to it get the problem+json 414 above; past it Kestrel answers a bare 414.</summary>
    public const int MaxRequestLineBytes = 64 * 1024;

    /// <summary>One log line per request (method, path and query without the function key, status, time); false for none.</summary>
    public bool RequestLog { get; set; } = true;

    /// <summary>Origins allowed to read from browsers; "*" for any.</summary>
    /// <remarks>Empty by default (and read as "*"): the configuration binder appends to a non-empty default array.</remarks>
    public string[] CorsAllowedOrigins { get; set; } = [];

    public IReadOnlyList<string> AllowedOrigins => CorsAllowedOrigins.Length > 0 ? CorsAllowedOrigins : ["*"];
}
