using System.ComponentModel.DataAnnotations;

namespace RareEarthApi.Datasets;

public sealed class ServingOptions
{
    public const string Section = "Serving";

    /// <summary>
    /// How often an instance asks Table Storage whether a dataset has a new version. Between checks a request
    /// costs no storage transaction; a publish is served within this many seconds.
    /// </summary>
    [Range(0, 3600)]
    public int VersionCheckSeconds { get; set; } = 30;

    /// <summary>
    /// Seconds the one request that checks a dataset's version (or the refresh status) waits for storage before it
    /// answers from what the instance holds. Hung storage costs that request this long, never the SDK's full retries.
    /// </summary>
    [Range(1, 60)]
    public int VersionCheckTimeoutSeconds { get; set; } = 3;

    /// <summary>Seconds browsers and CDNs may cache a dataset response (Cache-Control max-age).</summary>
    [Range(0, 86400)]
    public int CacheMaxAgeSeconds { get; set; } = 300;

    /// <summary>Seconds a client is told to wait (Retry-After) when storage is unavailable.</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 30;

    /// <summary>
    /// The public address of the API (https://api.example.org), for absolute links (links.*, the Link header, the OpenAPI
    /// document's server). Unset, links are relative to the host (/api/v1/...). Never taken from the request's Host.
    /// </summary>
    [Url]
    public string? PublicBaseUrl { get; set; }

    /// <summary>Partitions written at once while publishing a version.</summary>
    [Range(1, 64)]
    public int PublishParallelism { get; set; } = 8;
}
