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

    /// <summary>Origins allowed to read from browsers; "*" for any.</summary>
    /// <remarks>Empty by default (and read as "*"): the configuration binder appends to a non-empty default array.</remarks>
    public string[] CorsAllowedOrigins { get; set; } = [];

    public IReadOnlyList<string> AllowedOrigins => CorsAllowedOrigins.Length > 0 ? CorsAllowedOrigins : ["*"];
}
