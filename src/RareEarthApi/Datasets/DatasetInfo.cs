using System.ComponentModel.DataAnnotations;
using System.ComponentModel;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using RareEarthApi.Http;

namespace RareEarthApi.Datasets;

/// <summary>One dataset in the catalog: what it is, which version is served, what it covers and cites.</summary>
public sealed record DatasetInfo(
    string Name,
    string Title,
    string Description,
    string Url,
    string DataVersion,
    DateTimeOffset LastPublished,
    string PublishedBy,
    int RowCount,
    DatasetCoverage Coverage,
    IReadOnlyList<EditionCoverage> Editions,
    string License,
    string Citation)
{
    /// <summary>The last refresh run of the dataset's source, when a refresh pipeline is registered.</summary>
    public DatasetRefresh? LastRefresh { get; init; }

    /// <summary>When the source last refreshed successfully (published, or found unchanged).</summary>
    public DateTimeOffset? LastSuccess { get; init; }

    /// <summary>True when the source has not refreshed successfully for longer than configured; null while the status is unknown.</summary>
    public bool? Stale { get; init; }

    /// <summary>
    /// How far lastRefresh, lastSuccess and stale can be trusted: current (read from storage within the check interval),
    /// outdated (storage has not answered lately: what was read at refreshStatusAsOf) or unknown (not read yet).
    /// </summary>
    public RefreshStatusState? RefreshStatus { get; init; }

    /// <summary>When an outdated refresh status was read from storage.</summary>
    public DateTimeOffset? RefreshStatusAsOf { get; init; }
}

/// <summary>How current a catalog entry's refresh status is; the catalog never waits long on storage for it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RefreshStatusState>))]
public enum RefreshStatusState
{
    [JsonStringEnumMemberName("current")]
    Current,

    [JsonStringEnumMemberName("outdated")]
    Outdated,

    [JsonStringEnumMemberName("unknown")]
    Unknown,
}

/// <summary>One refresh run as the catalog shows it.</summary>
public sealed record DatasetRefresh(string Source, string RunId, DateTimeOffset Started, DateTimeOffset? Finished, Refresh.RefreshOutcome Outcome, int Rows, string? Message, IReadOnlyList<string> Rejected)
{
    /// <summary>Why the run failed (null unless its outcome is failed).</summary>
    public Refresh.RefreshFailure? Failure { get; init; }
}

/// <summary>The years a dataset's rows span and how many real countries (aggregates such as World left out) they name.</summary>
public sealed record DatasetCoverage(
    int? FirstYear,
    int? LastYear,
    [property: Description("Real countries the rows name (World, Other countries and publication groups such as TOP3 left out); countriesCounted says in which role.")]
    int Countries,
    [property: AllowedValues(DatasetCoverage.CountedCountries, DatasetCoverage.CountedReporters, DatasetCoverage.CountedImposingCountries)]
    [property: Description("What countries counts: countries (producing, holding reserves or refining), reporters (trade: the countries reporting flows, not their partners) or imposing-countries (restrictions).")]
    string CountriesCounted)
{
    public const string CountedCountries = "countries";
    public const string CountedReporters = "reporters";
    public const string CountedImposingCountries = "imposing-countries";
}

public sealed record EditionCoverage(
    string Id,
    string SourceId,
    string Title,
    string Publisher,
    DateOnly Published,
    string? Doi,
    string? Url,
    int? FirstYear,
    int? LastYear,
    int Rows)
{
    /// <summary>
    /// The release versions the served figures stand in (["1.0", "1.3"] for MCS 2026, revised after publication;
    /// version= asks for one), oldest first; empty for an edition never revised, null for a dataset without versions.
    /// </summary>
    public IReadOnlyList<string>? Versions { get; init; }
}

/// <summary>A dataset that can describe its current version for GET /api/v1/datasets.</summary>
internal interface IDatasetDescriber
{
    Task<DatasetInfo> DescribeAsync(CancellationToken cancellationToken);
}

/// <summary>Adds what is known about a dataset's refreshes (last run, last success, staleness) to its catalog entry.</summary>
internal interface IDatasetStatusSource
{
    Task<DatasetInfo> AddStatusAsync(DatasetInfo info, CancellationToken cancellationToken);
}

/// <summary>Compile-time JSON for the catalog route (ApiJson's options).</summary>
[JsonSerializable(typeof(Envelope<DatasetInfo>))]
internal sealed partial class DatasetInfoJsonContext : JsonSerializerContext
{
    public static JsonTypeInfo<Envelope<DatasetInfo>> Envelope { get; } = ApiJson.TypeInfo<Envelope<DatasetInfo>>(o => new DatasetInfoJsonContext(o));
}
