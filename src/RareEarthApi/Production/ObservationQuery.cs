using RareEarthApi.Http;

namespace RareEarthApi.Production;

public sealed record SortKey(string Field, bool Descending);

/// <summary>A validated query over an observation dataset, in canonical form.</summary>
public sealed record ObservationQuery(
    string Commodity,
    IReadOnlyList<string> Countries,
    int? Start,
    int? End,
    string Edition,
    bool IncludeAggregates,
    ResponseFormat Format,
    int Limit,
    int Offset,
    IReadOnlyList<SortKey> Sort)
{
    public const string LatestEdition = "latest";
    public const int DefaultLimit = 1000;
    public const int MaxLimit = 10000;

    public static IReadOnlyList<string> SortFields { get; } = ["country", "year", "value", "edition"];

    /// <summary>The query's parameters, declared once for the parser and the OpenAPI document.</summary>
    public static IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("commodity", ParameterKind.String, "Commodity id.", "rare-earths", "rare-earths"),
        new("country", ParameterKind.StringList, "Countries as ISO3, ISO2 or a name or alias as sources write it (Burma, Myanmar, MM, MMR), comma-separated. The canonical ISO3 is echoed in meta.query.", "CHN,USA"),
        new("year", ParameterKind.Integer, "One year. Not with start or end.", "2024", Minimum: 1800, Maximum: 2100),
        new("start", ParameterKind.Integer, "First year, inclusive.", "2015", Minimum: 1800, Maximum: 2100),
        new("end", ParameterKind.Integer, "Last year, inclusive.", "2024", Minimum: 1800, Maximum: 2100),
        new("edition", ParameterKind.String, "latest answers each figure from the newest edition that covers it; an edition id (usgs-mcs-2025) answers from that edition alone.", "usgs-mcs-2025", LatestEdition),
        new("include_aggregates", ParameterKind.Boolean, "Add World and 'Other countries' rows.", "true", "false", ["true", "false"]),
        ResponseFormats.Parameter,
        new("limit", ParameterKind.Integer, "Rows per page.", "100", "1000", Minimum: 1, Maximum: MaxLimit),
        new("cursor", ParameterKind.String, "Opaque cursor from links.next, for the next page."),
        new("sort", ParameterKind.StringList, "Sort fields, comma-separated; '-' before a field sorts descending. Fields: country, year, value, edition.", "-value,country", "country,year"),
    ];

    /// <summary>Canonical parameters, echoed as meta.query and hashed into the ETag.</summary>
    public IReadOnlyDictionary<string, string> Normalised()
    {
        var q = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["commodity"] = Commodity,
            ["edition"] = Edition,
            ["include_aggregates"] = IncludeAggregates ? "true" : "false",
            ["limit"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["sort"] = string.Join(",", Sort.Select(s => (s.Descending ? "-" : "") + s.Field)),
        };
        if (Countries.Count > 0)
        {
            q["country"] = string.Join(",", Countries);
        }

        if (Start is int start)
        {
            q["start"] = start.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (End is int end)
        {
            q["end"] = end.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (Offset > 0)
        {
            q["offset"] = Offset.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return q;
    }
}
