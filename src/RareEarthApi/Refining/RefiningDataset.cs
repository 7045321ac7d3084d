using System.Globalization;
using System.Text.Json.Serialization;
using RareEarthApi.Countries;
using RareEarthApi.Datasets;
using RareEarthApi.Http;
using RareEarthApi.Production;

namespace RareEarthApi.Refining;

/// <summary>
/// The refining dataset: a curated file (bundled seed, refreshed or uploaded file: one parser), published as
/// versions and served from memory.
/// </summary>
internal static class RefiningDataset
{
    public const string Name = "refining";

    public static readonly DatasetText Text = new(
        Name,
        "Rare-earth refining (separation) output share by country",
        "Each country's share of refined (separated) rare-earth output, in percent, by year: actual figures and projections (scenario), each from a named edition of its publication.",
        "International Energy Agency, Global Critical Minerals Outlook 2024 and 2025 (licence CC BY 4.0); compiled by RareEarthApi.",
        "CC BY 4.0 (IEA), as each edition states");

    /// <summary>'latest': per country, year and scenario, the share from the edition published last.</summary>
    public static (string, int, string) LatestKey(RefiningShare r) => (r.Country, r.Year, r.Scenario);

    public static DatasetDescriptor<RefiningShare, RefiningJson> Descriptor { get; } = new()
    {
        Text = Text,
        Codec = new RefiningCodec(),
        SeedFile = "refining.csv",
        Curated = (content, fileName, services) => RefiningFile.Parse(content, fileName, services.Countries),
        Coverage = new(DatasetCoverage.CountedCountries, r => r.Year, r => r.Country, r => r.Edition),
        Filters =
        [
            DatasetFilters.Countries<RefiningShare>(
                new("country", ParameterKind.StringList, "Countries as ISO3, ISO2 or a name or alias, comma-separated; TOP3 and ROW name the groups a publication states a share for.", "CHN,MYS"),
                r => r.Country, (r, _) => r.IsAggregate, [.. RefiningShare.Aggregates.Keys]),
            DatasetFilters.Years<RefiningShare>(r => r.Year),
            DatasetFilters.Edition<RefiningShare, (string, int, string)>(
                new("edition", ParameterKind.String, "latest answers each share from the newest edition that has it; an edition id (iea-gcmo-2024) answers from that edition alone.", "iea-gcmo-2024", QueryParts.LatestEdition),
                r => r.Edition, LatestKey),
            DatasetFilters.Vocabulary<RefiningShare>(
                new("scenario", ParameterKind.StringList, "actual, or a projection scenario of the outlook (base-case), comma-separated. Default: all.", "actual"),
                r => r.Scenario,
                c => c.Snapshot.Rows.Select(r => r.Scenario).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
                DatasetFilters.IgnoringCase,
                s => $"scenario '{s}' is not in this dataset."),
            DatasetFilters.IncludeAggregates<RefiningShare>("Add the group rows a publication states (TOP3: the top three countries together)."),
        ],
        Sort = new(
            [("country", r => r.Country), ("year", r => r.Year), ("value", r => r.Value), ("scenario", r => r.Scenario), ("edition", r => r.Edition)],
            [new("country", false), new("year", false)],
            [r => $"{r.Country}|{r.Year:D4}|{r.Scenario}|{r.Edition}"]),
        Warnings = (query, match) => match.Rows.Count > 0 ? [] :
        [
            QueryParts.NoRows("refining shares", "No refining shares for this selection; GET /api/v1/datasets lists what the dataset covers.",
                match.InScope.Select(r => r.Year).ToList(), query.Start, query.End),
        ],
        Wire = query => r => RefiningJson.From(r, query.Context.Snapshot, query.Context.Services.Countries),
        CsvColumns = RefiningJson.CsvColumns,
        JsonContext = o => new RefiningJsonContext(o),
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
        new("members", r => CsvList.Join(r.Members)),
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

/// <summary>Compile-time JSON for the refining route (ApiJson's options).</summary>
[JsonSerializable(typeof(Envelope<RefiningJson>))]
internal sealed partial class RefiningJsonContext : JsonSerializerContext
{
}
