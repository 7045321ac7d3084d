using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json.Serialization;
using RareEarthApi.Countries;
using RareEarthApi.Datasets;
using RareEarthApi.Http;
using RareEarthApi.Production;

namespace RareEarthApi.UsStatistics;

/// <summary>
/// us-import-sources: each chapter's U.S. import sources in the USGS Mineral Commodity Summaries data releases (the
/// share of each country over a period, for each product named), published by the USGS refresh's own code.
/// </summary>
internal static class UsImportSourcesDataset
{
    public const string Name = "us-import-sources";

    /// <summary>'latest': per commodity, product and country label, the share of the edition published last.</summary>
    public static (string, string, string) LatestKey(UsImportSource r) => (r.Commodity, r.Product, r.SourceLabel);

    public static DatasetDescriptor<UsImportSource, UsImportSourceJson> Descriptor { get; } = new()
    {
        Text = new(
            Name,
            "U.S. import sources of every commodity: each country's share of U.S. imports",
            "Each chapter's 'Import Sources' line of the USGS Mineral Commodity Summaries, row for row: over the period printed (2021–24), the share in percent of U.S. imports of the product named that came from each country, 'Other countries' as an aggregate.",
            "U.S. Geological Survey, Mineral Commodity Summaries 2026 (data release, doi:10.5066/P1WKQ63T); compiled by RareEarthApi.",
            "Public domain (U.S. Geological Survey)"),
        Codec = new UsImportSourceCodec(),
        Seed = services => UsgsUsSeed.Bundled(services, e => e.Us.ImportSources, r => r.Edition),
        EditionOf = r => r.Edition,
        AddMissingEditions = true,
        Coverage = new(DatasetCoverage.CountedCountries, r => r.EndYear, r => r.Country, r => r.Edition),
        Filters =
        [
            ObservationCommodities.Filter<UsImportSource>(r => (r.Commodity, r.CommodityName)),
            DatasetFilters.Countries<UsImportSource>(
                new("country", ParameterKind.StringList, "Source countries as ISO3, ISO2 or a name or alias (Burma, Myanmar, MM, MMR), comma-separated. The canonical ISO3 is echoed in meta.query.", "CHN"),
                r => r.Country, DatasetFilters.CatalogAggregate<UsImportSource>(r => r.Country)),
            DatasetFilters.Edition<UsImportSource, (string, string, string)>(
                new("edition", ParameterKind.String, "latest answers each share from the newest edition that prints it; an edition id (usgs-mcs-2026) answers from that edition alone.", "usgs-mcs-2026", QueryParts.LatestEdition),
                r => r.Edition, LatestKey),
            DatasetFilters.IncludeAggregates<UsImportSource>("Add the aggregate rows ('Other countries'; 'China, Germany, and Russia' for rubidium), so that each product's shares add up to 100."),
        ],
        Sort = new(
            [("commodity", r => r.Commodity), ("product", r => r.Product), ("share", r => r.Share), ("country", r => r.Country), ("edition", r => r.Edition)],
            [new("commodity", false), new("product", false), new("share", true)],
            [r => r.SourceLabel, r => r.Edition, r => r.Version],
            "-share"),
        Warnings = (query, match) => match.Rows.Count > 0 ? [] :
        [
            QueryParts.NoRows("U.S. import sources", "No U.S. import sources for this selection; GET /api/v1/datasets lists what the dataset covers.",
                match.InScope.Select(r => r.EndYear).ToList(), null, null),
        ],
        Wire = query => r => UsImportSourceJson.From(r, query.Context.Snapshot, query.Context.Services.Countries),
        CsvColumns = UsImportSourceJson.CsvColumns,
        JsonContext = o => new UsImportSourceJsonContext(o),
    };
}

/// <summary>One U.S. import source as the API returns it.</summary>
public sealed record UsImportSourceJson(
    string Commodity,
    string CommodityName,
    string Product,
    string Country,
    string CountryName,
    bool IsAggregate,
    string Period,
    int StartYear,
    int EndYear,
    double? Share,
    double? Low,
    double? High,
    string Unit,
    [property: AllowedValues(ObservationStatus.Reported, ObservationStatus.Estimated, ObservationStatus.Zero, ObservationStatus.NotAvailable, ObservationStatus.Withheld,
        ObservationStatus.LowerBound, ObservationStatus.UpperBound, ObservationStatus.Range, ObservationStatus.NotApplicable, ObservationStatus.Negligible)]
    string Status,
    string Printed,
    string? Note,
    bool? Critical,
    string? Version,
    SourceJson Source)
{
    internal static UsImportSourceJson From(UsImportSource r, DatasetSnapshot<UsImportSource> snapshot, CountryCatalog countries)
    {
        var country = countries.ByIso3(r.Country);
        return new(r.Commodity, r.CommodityName, r.Product, r.Country, country?.Name ?? r.SourceLabel, country?.IsAggregate ?? false, r.Period, r.StartYear, r.EndYear, r.Share, r.Low, r.High, r.Unit, r.Status,
            r.Printed, r.Note, r.Critical, r.Version.Length > 0 ? r.Version : null, SourceCitation.Of(snapshot.Edition(r.Edition), r.Edition, r.SourceLabel));
    }

    public static IReadOnlyList<CsvColumn<UsImportSourceJson>> CsvColumns { get; } =
    [
        new("commodity", r => r.Commodity),
        new("commodityName", r => r.CommodityName),
        new("product", r => r.Product),
        new("country", r => r.Country),
        new("countryName", r => r.CountryName),
        new("isAggregate", r => r.IsAggregate ? "true" : "false"),
        new("period", r => r.Period),
        new("startYear", r => r.StartYear.ToString(CultureInfo.InvariantCulture)),
        new("endYear", r => r.EndYear.ToString(CultureInfo.InvariantCulture)),
        new("share", r => r.Share?.ToString("R", CultureInfo.InvariantCulture)),
        new("low", r => r.Low?.ToString("R", CultureInfo.InvariantCulture)),
        new("high", r => r.High?.ToString("R", CultureInfo.InvariantCulture)),
        new("unit", r => r.Unit),
        new("status", r => r.Status),
        new("printed", r => r.Printed),
        new("note", r => r.Note),
        new("critical", r => r.Critical is { } c ? (c ? "true" : "false") : null),
        new("version", r => r.Version),
        .. SourceCitation.CsvColumns<UsImportSourceJson>(r => r.Source),
    ];
}

/// <summary>Compile-time JSON for the us-import-sources route (ApiJson's options).</summary>
[JsonSerializable(typeof(Envelope<UsImportSourceJson>))]
internal sealed partial class UsImportSourceJsonContext : JsonSerializerContext
{
}
