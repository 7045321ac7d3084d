namespace RareEarthApi.LocalHost;

public sealed class LocalHostOptions
{
    public const string Section = "LocalHost";

    /// <summary>Key that Function-level routes require (x-functions-key header or code=), as Azure does.</summary>
    public string FunctionKey { get; set; } = "local-dev-key";

    /// <summary>Origins allowed to read from browsers; "*" for any.</summary>
    public string[] CorsAllowedOrigins { get; set; } = ["*"];
}
