using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json.Serialization;
using RareEarthApi.Datasets;
using RareEarthApi.Http;
using RareEarthApi.Production;
using RareEarthApi.Refresh.Usgs;

namespace RareEarthApi.UsStatistics;

/// <summary>
/// us-statistics: the U.S. salient statistics of the USGS Mineral Commodity Summaries data releases, every commodity,
/// published from the release files by the USGS refresh's own code (bundled seed and scheduled refresh alike).
/// </summary>
internal static class UsStatisticsDataset
{
    public const string Name = "us-statistics";

    /// <summary>'latest': per commodity, statistic, detail label, series and year, the figure of the edition published last.</summary>
    public static (string, string, string, int, int) LatestKey(UsStatistic r) => (r.Commodity, r.Statistic, r.Detail, r.Series, r.Year);

    public static DatasetDescriptor<UsStatistic, UsStatisticJson> Descriptor { get; } = new()
    {
        Text = new(
            Name,
            "U.S. salient statistics of every commodity: production, imports, exports, consumption, prices, stocks, employment, net import reliance",
            "Each chapter's 'Salient Statistics—United States' table of the USGS Mineral Commodity Summaries, row for row: the statistic as the release groups it, the detail label as printed, the year, the value with its status (W withheld, E net exporter, bounds, ranges), the unit as stated (never converted) and the cell as printed.",
            "U.S. Geological Survey, Mineral Commodity Summaries 2024 and 2026 (data releases, doi:10.5066/P144BA54 and doi:10.5066/P1WKQ63T); compiled by RareEarthApi.",
            "Public domain (U.S. Geological Survey)"),
        Codec = new UsStatisticCodec(),
        Seed = services => UsgsUsSeed.Bundled(services, e => e.Us.Statistics, r => r.Edition),
        EditionOf = r => r.Edition,
        AddMissingEditions = true,
        Coverage = new(DatasetCoverage.CountedCountries, r => r.Year, _ => "USA", r => r.Edition),
        Filters =
        [
            ObservationCommodities.Filter<UsStatistic>(r => (r.Commodity, r.CommodityName)),
            DatasetFilters.Vocabulary<UsStatistic>(
                new("statistic", ParameterKind.StringList, "Statistics, comma-separated, as the release groups them (net-import-reliance, imports, price, …); the release's own label (Net import reliance, Import) is accepted. Default: all.", "net-import-reliance", Values: UsStatisticKinds.All),
                r => r.Statistic, _ => UsStatisticKinds.All, UsStatisticKinds.Resolve, item => $"statistic '{item}' is not one the releases group their U.S. salient statistics by."),
            DatasetFilters.Years<UsStatistic>(r => r.Year),
            DatasetFilters.Edition<UsStatistic, (string, string, string, int, int)>(
                new("edition", ParameterKind.String, "latest answers each figure from the newest edition that prints it; an edition id (usgs-mcs-2026) answers from that edition alone.", "usgs-mcs-2026", QueryParts.LatestEdition),
                r => r.Edition, LatestKey),
        ],
        Sort = new(
            [("commodity", r => r.Commodity), ("statistic", r => r.Statistic), ("year", r => r.Year), ("value", r => r.Value), ("edition", r => r.Edition)],
            [new("commodity", false), new("statistic", false), new("year", false)],
            // Detail, series, edition and version complete the order, so pages never shuffle between requests.
            [r => r.Detail, r => r.Series, r => r.Edition, r => r.Version],
            "-year,statistic"),
        Warnings = (query, match) => match.Rows.Count > 0 ? [] :
        [
            QueryParts.NoRows("U.S. statistics", "No U.S. statistics for this selection; GET /api/v1/datasets lists what the dataset covers.",
                match.InScope.Select(r => r.Year).ToList(), query.Start, query.End),
        ],
        Wire = query => r => UsStatisticJson.From(r, query.Context.Snapshot),
        CsvColumns = UsStatisticJson.CsvColumns,
        JsonContext = o => new UsStatisticJsonContext(o),
    };
}

/// <summary>
/// The bundled rows of a U.S. table: the real release files under Seed/raw parsed by <see cref="UsgsBundledFiles"/> and
/// merged by <see cref="UsgsEditions.Merge{TRow}"/>, the code the scheduled refresh runs.
/// </summary>
internal static class UsgsUsSeed
{
    public static DatasetContent<TRow> Bundled<TRow>(DatasetServices services, Func<UsgsEditionParse, IReadOnlyList<TRow>> rowsOf, Func<TRow, string> editionOf) =>
        UsgsEditions.Merge(new DatasetContent<TRow>([], []), services.BundledReleaseFiles(), rowsOf, editionOf);
}

/// <summary>One U.S. salient statistic as the API returns it.</summary>
public sealed record UsStatisticJson(
    string Commodity,
    string CommodityName,
    UsStatisticKind Statistic,
    string Detail,
    int Series,
    int Year,
    double? Value,
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
    internal static UsStatisticJson From(UsStatistic r, DatasetSnapshot<UsStatistic> snapshot) => new(
        r.Commodity, r.CommodityName, WireEnum.Of<UsStatisticKind>(r.Statistic), r.Detail, r.Series, r.Year, r.Value, r.Low, r.High, r.Unit, r.Status, r.Printed,
        r.Note, r.Critical, r.Version.Length > 0 ? r.Version : null, SourceCitation.Of(snapshot.Edition(r.Edition), r.Edition, r.CommodityName));

    public static IReadOnlyList<CsvColumn<UsStatisticJson>> CsvColumns { get; } =
    [
        new("commodity", r => r.Commodity),
        new("commodityName", r => r.CommodityName),
        new("statistic", r => WireEnum.Text(r.Statistic)),
        new("detail", r => r.Detail),
        new("series", r => r.Series.ToString(CultureInfo.InvariantCulture)),
        new("year", r => r.Year.ToString(CultureInfo.InvariantCulture)),
        new("value", r => r.Value?.ToString("R", CultureInfo.InvariantCulture)),
        new("low", r => r.Low?.ToString("R", CultureInfo.InvariantCulture)),
        new("high", r => r.High?.ToString("R", CultureInfo.InvariantCulture)),
        new("unit", r => r.Unit),
        new("status", r => r.Status),
        new("printed", r => r.Printed),
        new("note", r => r.Note),
        new("critical", r => r.Critical is { } c ? (c ? "true" : "false") : null),
        new("version", r => r.Version),
        .. SourceCitation.CsvColumns<UsStatisticJson>(r => r.Source),
    ];
}

/// <summary>Compile-time JSON for the us-statistics route (ApiJson's options).</summary>
[JsonSerializable(typeof(Envelope<UsStatisticJson>))]
internal sealed partial class UsStatisticJsonContext : JsonSerializerContext
{
}
