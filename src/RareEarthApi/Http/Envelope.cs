using System.Text.Json.Serialization;

namespace RareEarthApi.Http;

/// <summary>The one response shape of every dataset route: the rows, what they are, and where to go next.</summary>
public sealed record Envelope<T>(IReadOnlyList<T> Data, ResponseMeta Meta, ResponseLinks Links);

public sealed record ResponseMeta(
    string Dataset,
    int Total,
    int Returned,
    IReadOnlyDictionary<string, string> Query,
    string DataVersion,
    DateTimeOffset LastUpdated,
    string Citation,
    IReadOnlyList<string> Warnings)
{
    /// <summary>Indicator routes only: how each value is computed. Left out of other responses.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Formula { get; init; }

    /// <summary>Indicator routes only: the served rows the values were computed from. Left out of other responses.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<RowUsed>? RowsUsed { get; init; }
}

/// <summary>self; next (null on the last page); csv: this page as CSV, null where the route has no CSV.</summary>
public sealed record ResponseLinks(string Self, string? Next, string? Csv);

/// <summary>
/// One served row an indicator used, and in which role (share, numerator, denominator). Trade rows carry their net
/// weight as the value (unit kg) and their value in USD beside it.
/// </summary>
public sealed record RowUsed(
    string Dataset,
    string Role,
    int Year,
    string Country,
    string? Partner,
    string? Hs,
    double? Value,
    string Unit,
    string? Edition,
    double? ValueUsd = null);
