using System.Globalization;
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
    IReadOnlyList<SortKey> Sort,
    string? Cursor = null) : IPagedQuery
{
    public const string LatestEdition = "latest";
    public const int DefaultLimit = 1000;
    public const int MaxLimit = 10000;

    public static IReadOnlyList<string> SortFields { get; } = ["country", "year", "value", "edition"];

    public static IReadOnlyList<SortKey> DefaultSort { get; } = [new("country", false), new("year", false)];

    /// <summary>The query's parameters, declared once for the parser and the OpenAPI document.</summary>
    public static IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("commodity", ParameterKind.String, "Commodity id.", "rare-earths", "rare-earths"),
        new("country", ParameterKind.StringList, "Countries as ISO3, ISO2 or a name or alias as sources write it (Burma, Myanmar, MM, MMR), comma-separated. The canonical ISO3 is echoed in meta.query.", "CHN,USA"),
        QueryParts.Year,
        QueryParts.Start,
        QueryParts.End,
        new("edition", ParameterKind.String, "latest answers each figure from the newest edition that covers it (a country and the World may then come from different editions; a warning names them where a country exceeds the World); latest-table answers each year from one edition's table, the newest that gives the year a World row; an edition id (usgs-mcs-2025) answers from that edition alone.", "usgs-mcs-2025", LatestEdition),
        QueryParts.IncludeAggregates("Add World and 'Other countries' rows."),
        ResponseFormats.Parameter,
        QueryParts.Limit,
        QueryParts.Cursor,
        new("sort", ParameterKind.StringList, "Sort fields, comma-separated; '-' before a field sorts descending. Fields: country, year, value, edition.", "-value,country", "country,year"),
    ];

    IReadOnlyDictionary<string, string> IPagedQuery.Normalised => Normalised();

    /// <summary>Canonical parameters, echoed as meta.query and hashed into the ETag; the page is the cursor as given (never the offset).</summary>
    public IReadOnlyDictionary<string, string> Normalised()
    {
        return QueryParts.Canonical(("commodity", Commodity), ("edition", Edition), ("include_aggregates", IncludeAggregates), ("limit", Limit),
            ("sort", Sort), ("country", Countries), ("start", Start), ("end", End), ("cursor", Cursor));
    }
}
