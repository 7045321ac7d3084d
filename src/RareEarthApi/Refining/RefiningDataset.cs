using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using RareEarthApi.Countries;
using RareEarthApi.Datasets;
using RareEarthApi.Http;
using RareEarthApi.Indicators;
using RareEarthApi.Production;
using SortKey = RareEarthApi.Production.SortKey;

namespace RareEarthApi.Refining;

/// <summary>
/// The refining dataset: a curated file (bundled seed, refreshed or uploaded file: one parser), published as
/// versions and served from memory.
/// </summary>
internal sealed class RefiningDataset(SnapshotCache cache, CountryCatalog countries) : ICuratedDataset, IDatasetSeed
{
    public const string Name = "refining";
    public const string SeedFile = "refining.csv";

    public static readonly DatasetText Text = new(
        Name,
        "Rare-earth refining (separation) output share by country",
        "Each country's share of refined (separated) rare-earth output, in percent, by year: actual figures and projections (scenario), each from a named edition of its publication.",
        "International Energy Agency, Global Critical Minerals Outlook 2024 and 2025 (licence CC BY 4.0); compiled by RareEarthApi.",
        "CC BY 4.0 (IEA), as each edition states");

    public string Dataset => Name;

    public RefiningCodec Codec { get; } = new();

    public ValueTask<DatasetSnapshot<RefiningShare>> GetAsync(CancellationToken cancellationToken) => cache.GetAsync(Name, Codec, cancellationToken);

    public ParsedDataset Parse(Stream content, string fileName)
    {
        var (parsed, problems) = RefiningFile.Parse(content, fileName, countries);
        return CuratedFile.Parsed(Name, fileName, parsed, problems, Codec);
    }

    public Task PublishAsync(DatasetVersionStore store, CancellationToken cancellationToken) =>
        CuratedFile.PublishSeedAsync(this, SeedFile, store, cancellationToken);

    public IDatasetDescriber Describer() =>
        new SnapshotDescriber<RefiningShare>(Text, GetAsync, countries, DatasetCoverage.CountedCountries, r => r.Year, r => r.Country, r => r.Edition);
}

/// <summary>A validated refining query.</summary>
internal sealed record RefiningQuery(
    IReadOnlyList<string> Countries,
    int? Start,
    int? End,
    string Edition,
    IReadOnlyList<string> Scenarios,
    bool IncludeAggregates,
    ResponseFormat Format,
    int Limit,
    int Offset,
    IReadOnlyList<SortKey> Sort,
    IReadOnlyDictionary<string, string> Normalised) : IPagedQuery
{
    public static IReadOnlyList<string> SortFields { get; } = ["country", "year", "value", "scenario", "edition"];

    public static IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("country", ParameterKind.StringList, "Countries as ISO3, ISO2 or a name or alias, comma-separated; TOP3 and ROW name the groups a publication states a share for.", "CHN,MYS"),
        QueryParts.Year,
        QueryParts.Start,
        QueryParts.End,
        new("edition", ParameterKind.String, "latest answers each share from the newest edition that has it; an edition id (iea-gcmo-2024) answers from that edition alone.", "iea-gcmo-2024", ObservationQuery.LatestEdition),
        new("scenario", ParameterKind.StringList, "actual, or a projection scenario of the outlook (base-case), comma-separated. Default: all.", "actual"),
        QueryParts.IncludeAggregates("Add the group rows a publication states (TOP3: the top three countries together)."),
        ResponseFormats.Parameter,
        QueryParts.Limit,
        QueryParts.Cursor,
        new("sort", ParameterKind.StringList, "Sort fields, comma-separated; '-' sorts descending. Fields: country, year, value, scenario, edition.", "-value", "country,year"),
    ];

    public static (RefiningQuery? Query, IReadOnlyList<ParameterError> Errors) Parse(HttpRequest request, DatasetSnapshot<RefiningShare> snapshot, CountryCatalog countries)
    {
        var q = new QueryReader(request, Parameters);
        var wanted = QueryParts.Countries(q, "country", countries, [.. RefiningShare.Aggregates.Keys]);
        var (start, end) = QueryParts.Years(q);
        var edition = QueryParts.Edition(q, snapshot.Editions.Select(e => e.Id));

        var known = snapshot.Rows.Select(r => r.Scenario).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var scenarios = new List<string>();
        foreach (var s in q.List("scenario"))
        {
            if (known.FirstOrDefault(k => k.Equals(s, StringComparison.OrdinalIgnoreCase)) is { } match)
            {
                scenarios.Add(match);
            }
            else
            {
                q.Fail("scenario", s, $"scenario '{s}' is not in this dataset.", known);
            }
        }

        var includeAggregates = q.Boolean("include_aggregates") ?? false;
        var format = ResponseFormats.Read(q, request);
        var limit = q.Integer("limit") ?? ObservationQuery.DefaultLimit;
        var sort = QueryParts.Sort(q, SortFields, [new SortKey("country", false), new SortKey("year", false)]);
        var cursor = q.Single("cursor");
        if (q.HasErrors)
        {
            return (null, q.Errors);
        }

        var normalised = QueryParts.Canonical(("edition", edition), ("include_aggregates", includeAggregates), ("limit", limit), ("sort", sort),
            ("country", wanted), ("scenario", scenarios), ("start", start), ("end", end));
        var (offset, error) = QueryParts.Page(normalised, cursor, snapshot);
        if (error is not null)
        {
            return (null, [error]);
        }

        return (new RefiningQuery(wanted, start, end, edition, scenarios, includeAggregates, format, limit, offset, sort, normalised), []);
    }

    /// <summary>'latest': per country, year and scenario, the share from the edition published last.</summary>
    public static IEnumerable<RefiningShare> SelectEdition(IEnumerable<RefiningShare> rows, string edition, DatasetSnapshot<RefiningShare> snapshot) =>
        EditionSelection.Select(rows, edition, snapshot, r => r.Edition, r => (r.Country, r.Year, r.Scenario));

    public (List<RefiningShare> Rows, List<string> Warnings) Run(DatasetSnapshot<RefiningShare> snapshot)
    {
        var wanted = Countries.ToHashSet(StringComparer.Ordinal);
        var inScope = SelectEdition(snapshot.Rows, Edition, snapshot)
            .Where(r => wanted.Count > 0 ? wanted.Contains(r.Country) : IncludeAggregates || !r.IsAggregate)
            .Where(r => Scenarios.Count == 0 || Scenarios.Contains(r.Scenario))
            .ToList();
        var matched = inScope.Where(r => (Start is null || r.Year >= Start) && (End is null || r.Year <= End));
        var rows = QueryParts.Order(matched, Sort, SortKeys, r => $"{r.Country}|{r.Year:D4}|{r.Scenario}|{r.Edition}");
        var warnings = new List<string>();
        if (rows.Count == 0)
        {
            warnings.Add(QueryParts.NoRows("refining shares", "No refining shares for this selection; GET /api/v1/datasets lists what the dataset covers.",
                inScope.Select(r => r.Year).ToList(), Start, End));
        }

        return (rows, warnings);
    }

    private static readonly IReadOnlyDictionary<string, Func<RefiningShare, IComparable?>> SortKeys = new Dictionary<string, Func<RefiningShare, IComparable?>>
    {
        ["country"] = r => r.Country,
        ["year"] = r => r.Year,
        ["value"] = r => r.Value,
        ["scenario"] = r => r.Scenario,
        ["edition"] = r => r.Edition,
    };
}

/// <summary>One refining share as the API returns it.</summary>
public sealed record RefiningJson(
    string Country,
    string CountryName,
    IReadOnlyList<string> Members,
    bool IsAggregate,
    int Year,
    string Scenario,
    bool IsProjection,
    int? OutlookYear,
    double Value,
    string Unit,
    string Basis,
    string? Note,
    SourceJson Source)
{
    internal static RefiningJson From(RefiningShare r, DatasetSnapshot<RefiningShare> snapshot, CountryCatalog countries)
    {
        var edition = snapshot.Edition(r.Edition);
        return new RefiningJson(
            r.Country,
            RefiningShare.Aggregates.GetValueOrDefault(r.Country) ?? countries.ByIso3(r.Country)?.Name ?? r.Country,
            r.Members,
            r.IsAggregate,
            r.Year,
            r.Scenario,
            r.Scenario != RefiningShare.Actual,
            edition?.Published.Year,
            r.Value,
            RefiningShare.Unit,
            "share of refined (separated) rare-earth output",
            r.Note,
            SourceCitation.Of(edition, r.Edition, r.SourceLabel));
    }

    public static IReadOnlyList<CsvColumn<RefiningJson>> CsvColumns { get; } =
    [
        new("country", r => r.Country),
        new("countryName", r => r.CountryName),
        new("members", r => string.Join("|", r.Members)),
        new("isAggregate", r => r.IsAggregate ? "true" : "false"),
        new("year", r => r.Year.ToString(CultureInfo.InvariantCulture)),
        new("scenario", r => r.Scenario),
        new("isProjection", r => r.IsProjection ? "true" : "false"),
        new("outlookYear", r => r.OutlookYear?.ToString(CultureInfo.InvariantCulture)),
        new("value", r => r.Value.ToString("R", CultureInfo.InvariantCulture)),
        new("unit", r => r.Unit),
        new("basis", r => r.Basis),
        new("note", r => r.Note),
        .. SourceCitation.CsvColumns<RefiningJson>(r => r.Source),
    ];
}

/// <summary>GET /api/v1/refining.</summary>
internal sealed class RefiningEndpoint(RefiningDataset dataset, CountryCatalog countries, DatasetEndpoint endpoint)
{
    private readonly DatasetRoute<RefiningShare, RefiningQuery, RefiningJson> _route = new(
        RefiningDataset.Text.Name,
        RefiningDataset.Text.Citation,
        (request, snapshot) => RefiningQuery.Parse(request, snapshot, countries),
        (query, snapshot) => query.Run(snapshot),
        (_, snapshot) => r => RefiningJson.From(r, snapshot, countries),
        RefiningJson.CsvColumns,
        SupplyJson.Web.EnvelopeRefiningJson);

    public async Task<IActionResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken) =>
        endpoint.Respond(request, await dataset.GetAsync(cancellationToken), _route);
}
