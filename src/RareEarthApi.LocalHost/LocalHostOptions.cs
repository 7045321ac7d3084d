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

    /// <summary>One log line per request (method, path and query without the function key, status, time); false for none.</summary>
    public bool RequestLog { get; set; } = true;

    /// <summary>Origins allowed to read from browsers; "*" for any.</summary>
    /// <remarks>Empty by default (and read as "*"): the configuration binder appends to a non-empty default array.</remarks>
    public string[] CorsAllowedOrigins { get; set; } = [];

    public IReadOnlyList<string> AllowedOrigins => CorsAllowedOrigins.Length > 0 ? CorsAllowedOrigins : ["*"];
}
