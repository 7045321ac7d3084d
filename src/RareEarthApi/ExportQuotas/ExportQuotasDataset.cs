using System.Globalization;
using System.Text.Json.Serialization;
using RareEarthApi.Countries;
using RareEarthApi.Datasets;
using RareEarthApi.Http;
using RareEarthApi.Production;

namespace RareEarthApi.ExportQuotas;

/// <summary>China's rare-earth export quotas by year and batch, and reported exports: a curated file served from memory.</summary>
internal static class ExportQuotasDataset
{
    public const string Name = "export-quotas";

    public static readonly DatasetText Text = new(
        Name,
        "China's rare-earth export quotas by year and batch, and reported exports",
        "The export quotas the Ministry of Commerce allocated, 2005–2014, by year and batch (first, second, additional), with the half-year a batch was for, the split into domestic and foreign-invested firms or light and medium-heavy rare earths, and the number of licensed exporters where reported; China's reported rare-earth exports by year beside them. Tonnes as each page read gives them; each row names those pages.",
        "Compiled by RareEarthApi from the reports each row cites (sourceUrls), which quote the Ministry of Commerce's quota notices and China's customs and ministry figures.",
        "CC BY 4.0 (the compilation); the cited sources keep their own terms");

    public static DatasetDescriptor<ExportQuota, ExportQuotaJson> Descriptor { get; } = new()
    {
        Text = Text,
        Codec = new ExportQuotaCodec(),
        SeedFile = "export-quotas.csv",
        Curated = (content, fileName, services) => ExportQuotaFile.Parse(content, fileName, services.Countries),
        Coverage = new(DatasetCoverage.CountedCountries, r => r.Year, r => r.Country, _ => ExportQuotaFile.Edition.Id),
        Filters =
        [
            DatasetFilters.Countries<ExportQuota>(new("country", ParameterKind.StringList, "The country setting the quota (ISO3, ISO2, name or alias); today only China.", "CHN"), r => r.Country),
            DatasetFilters.Years<ExportQuota>(r => r.Year),
            Closed("measure", "quota (allocations) or exports (reported exports), comma-separated. Default: both.", "quota", ExportQuota.Measures, r => r.Measure),
            Closed("period", "year (whole-year totals), first-batch, second-batch, additional-batch, or the part-year export figures jan-oct, jan-nov; comma-separated.", "year", ExportQuota.Periods, r => r.Period),
            Closed("segment", "total, or a batch's split: domestic, foreign-invested, light, medium-heavy; comma-separated. Default: all.", "total", ExportQuota.Segments, r => r.Segment),
        ],
        Order = rows => rows.OrderBy(r => r.Year).ThenBy(r => r.Measure == "quota" ? 0 : 1)
            .ThenBy(r => Array.IndexOf([.. ExportQuota.Periods], r.Period)).ThenBy(r => Array.IndexOf([.. ExportQuota.Segments], r.Segment)).ThenBy(r => r.Id, StringComparer.Ordinal),
        Warnings = (query, match) => match.Rows.Count > 0 ? [] :
        [
            QueryParts.NoRows("export-quota figures", "No export-quota figures for this selection; GET /api/v1/datasets lists what the dataset covers.",
                match.InScope.Select(r => r.Year).ToList(), query.Start, query.End),
        ],
        Wire = query => r => ExportQuotaJson.From(r, query.Context.Snapshot, query.Context.Services.Countries),
        CsvColumns = ExportQuotaJson.CsvColumns,
        JsonContext = o => new ExportQuotaJsonContext(o),
    };

    private static IDatasetFilter<ExportQuota> Closed(string name, string description, string example, IReadOnlyList<string> values, Func<ExportQuota, string> field) =>
        DatasetFilters.Vocabulary<ExportQuota>(
            new(name, ParameterKind.StringList, description, example, null, values),
            field,
            _ => values,
            DatasetFilters.IgnoringCase,
            v => $"{name} '{v}' is not a {name} of this dataset.",
            sortedCanonical: true);
}

/// <summary>One export-quota or export figure as the API returns it.</summary>
public sealed record ExportQuotaJson(
    string Id,
    string Country,
    string CountryName,
    QuotaMeasure Measure,
    int Year,
    QuotaPeriod Period,
    QuotaHalf? Half,
    QuotaSegment Segment,
    double Tonnes,
    string Unit,
    int? Exporters,
    string? Announced,
    string Basis,
    IReadOnlyList<string> SourceUrls,
    string? Note,
    SourceJson Source)
{
    internal static ExportQuotaJson From(ExportQuota r, DatasetSnapshot<ExportQuota> snapshot, CountryCatalog countries) => new(
        r.Id, r.Country, countries.ByIso3(r.Country)?.Name ?? r.Country,
        WireEnum.Of<QuotaMeasure>(r.Measure), r.Year, WireEnum.Of<QuotaPeriod>(r.Period), r.Half is null ? null : WireEnum.Of<QuotaHalf>(r.Half), WireEnum.Of<QuotaSegment>(r.Segment), r.Tonnes, "t",
        r.Exporters, r.Announced?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.Basis, r.SourceUrls, r.Note,
        SourceCitation.Of(snapshot.Edition(ExportQuotaFile.Edition.Id), ExportQuotaFile.Edition.Id, r.Basis));

    public static IReadOnlyList<CsvColumn<ExportQuotaJson>> CsvColumns { get; } =
    [
        new("id", r => r.Id),
        new("country", r => r.Country),
        new("countryName", r => r.CountryName),
        new("measure", r => WireEnum.Text(r.Measure)),
        new("year", r => r.Year.ToString(CultureInfo.InvariantCulture)),
        new("period", r => WireEnum.Text(r.Period)),
        new("half", r => r.Half is { } half ? WireEnum.Text(half) : null),
        new("segment", r => WireEnum.Text(r.Segment)),
        new("tonnes", r => r.Tonnes.ToString("R", CultureInfo.InvariantCulture)),
        new("unit", r => r.Unit),
        new("exporters", r => r.Exporters?.ToString(CultureInfo.InvariantCulture)),
        new("announced", r => r.Announced),
        new("basis", r => r.Basis),
        new("sourceUrls", r => CsvList.Join(r.SourceUrls)),
        new("note", r => r.Note),
        .. SourceCitation.CsvColumns<ExportQuotaJson>(r => r.Source),
    ];
}

/// <summary>Compile-time JSON for the export-quotas route (ApiJson's options).</summary>
[JsonSerializable(typeof(Envelope<ExportQuotaJson>))]
internal sealed partial class ExportQuotaJsonContext : JsonSerializerContext
{
}
