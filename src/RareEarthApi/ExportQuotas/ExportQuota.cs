using System.Globalization;
using System.Text.Json.Serialization;
using Azure.Data.Tables;
using RareEarthApi.Countries;
using RareEarthApi.Datasets;
using RareEarthApi.Http;

namespace RareEarthApi.ExportQuotas;

/// <summary>
/// One figure of China's rare-earth export regime: a quota allocation (by year and batch, with the half-year it was
/// for and the licensed exporters where reported) or reported exports, in tonnes as the page read gives them, with
/// the pages it was read in. A segment splits a batch (domestic / foreign-invested firms, light / medium-heavy).
/// </summary>
public sealed record ExportQuota(
    string Id,
    string Country,
    string Measure,
    int Year,
    string Period,
    string? Half,
    string Segment,
    double Tonnes,
    int? Exporters,
    DateOnly? Announced,
    string Basis,
    IReadOnlyList<string> SourceUrls,
    string? Note)
{
    public static IReadOnlyList<string> Measures { get; } = WireEnum.Names<QuotaMeasure>();

    public static IReadOnlyList<string> Periods { get; } = WireEnum.Names<QuotaPeriod>();

    public static IReadOnlyList<string> Halves { get; } = WireEnum.Names<QuotaHalf>();

    public static IReadOnlyList<string> Segments { get; } = WireEnum.Names<QuotaSegment>();
}

/// <summary>A quota allocation, or exports as reported.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<QuotaMeasure>))]
public enum QuotaMeasure
{
    [JsonStringEnumMemberName("quota")]
    Quota,

    [JsonStringEnumMemberName("exports")]
    Exports,
}

/// <summary>What a figure covers: the year, one batch of it, or the months reported.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<QuotaPeriod>))]
public enum QuotaPeriod
{
    [JsonStringEnumMemberName("year")]
    Year,

    [JsonStringEnumMemberName("first-batch")]
    FirstBatch,

    [JsonStringEnumMemberName("second-batch")]
    SecondBatch,

    [JsonStringEnumMemberName("additional-batch")]
    AdditionalBatch,

    [JsonStringEnumMemberName("jan-oct")]
    JanuaryToOctober,

    [JsonStringEnumMemberName("jan-nov")]
    JanuaryToNovember,
}

/// <summary>The half-year a batch was for.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<QuotaHalf>))]
public enum QuotaHalf
{
    [JsonStringEnumMemberName("h1")]
    H1,

    [JsonStringEnumMemberName("h2")]
    H2,
}

/// <summary>The part of a batch: all of it, domestic or foreign-invested firms, light or medium-heavy rare earths.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<QuotaSegment>))]
public enum QuotaSegment
{
    [JsonStringEnumMemberName("total")]
    Total,

    [JsonStringEnumMemberName("domestic")]
    Domestic,

    [JsonStringEnumMemberName("foreign-invested")]
    ForeignInvested,

    [JsonStringEnumMemberName("light")]
    Light,

    [JsonStringEnumMemberName("medium-heavy")]
    MediumHeavy,
}

/// <summary>Export-quota rows: a partition per country within a version, row key = the row id.</summary>
internal sealed class ExportQuotaCodec() : RecordCodec<ExportQuota>(new RecordColumns
{
    RowKey = nameof(ExportQuota.Id),
    Separators = new Dictionary<string, char> { [nameof(ExportQuota.SourceUrls)] = ' ' },
})
{
    public override string Shard(ExportQuota row) => row.Country;

    public override string RowKey(ExportQuota row) => row.Id;
}

/// <summary>
/// The curated export-quotas file: one figure per row; the bundled seed and an uploaded file share this parser. Every
/// row needs a year, a figure in tonnes and at least one source URL; the closed columns take their listed values.
/// </summary>
internal static class ExportQuotaFile
{
    public static readonly IReadOnlyList<string> Columns =
        ["id", "country", "measure", "year", "period", "half", "segment", "tonnes", "exporters", "announced", "basis", "sourceUrls", "note"];

    public static readonly SourceEdition Edition = new(
        "rareearthapi-export-quotas", "rareearthapi", "RareEarthApi curated rare-earth export quotas and exports (each row cites the pages read)",
        "RareEarthApi", DateOnly.MinValue, null, null);

    public static (DatasetContent<ExportQuota> Content, IReadOnlyList<string> Problems) Parse(Stream content, string fileName, CountryCatalog countries)
    {
        var file = CuratedFile.Read(content, fileName, Columns);
        var rows = new List<ExportQuota>();
        if (file.HasProblems)
        {
            return (new DatasetContent<ExportQuota>(rows, []), file.Problems);
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (r, line) in file.Rows.Select((r, i) => (r, i + 2)))
        {
            var id = file.Id(r, line, ids);
            var country = file.Country(r, line, countries);

            var measure = Closed(file, r, "measure", line, ExportQuota.Measures, required: true);
            var period = Closed(file, r, "period", line, ExportQuota.Periods, required: true);
            var half = Closed(file, r, "half", line, ExportQuota.Halves, required: false);
            var segment = Closed(file, r, "segment", line, ExportQuota.Segments, required: true);
            var year = file.Integer(r, "year", line);
            if (year is < 1990 or > 2100)
            {
                file.Problem(line, $"year {year} is outside 1990–2100.");
            }

            var tonnes = file.Number(r, "tonnes", line);
            if (tonnes < 0)
            {
                file.Problem(line, $"tonnes {tonnes} is negative.");
            }

            int? exporters = r.Optional("exporters") is null ? null : file.Integer(r, "exporters", line);
            var announced = file.Date(r, "announced", line);
            var basis = file.Required(r, "basis", line);
            var urls = (r.Optional("sourceUrls") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (urls.Length == 0 || urls.Any(u => !Uri.TryCreate(u, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            {
                file.Problem(line, "sourceUrls must list at least one http(s) URL, separated by spaces.");
            }

            if (id is null || country is null || measure is null || period is null || segment is null || year is null || tonnes is null || basis is null)
            {
                continue;
            }

            rows.Add(new ExportQuota(id, country, measure, year.Value, period, half, segment, tonnes.Value, exporters, announced, basis, urls, r.Optional("note")));
        }

        // The file is its own edition, dated by the latest announcement it records.
        var latest = rows.Select(q => q.Announced).OfType<DateOnly>().DefaultIfEmpty(DateOnly.MinValue).Max();
        return (new DatasetContent<ExportQuota>(rows, [Edition with { Published = latest }]), file.Problems);
    }

    private static string? Closed(CuratedFile file, IReadOnlyDictionary<string, string> r, string column, int line, IReadOnlyList<string> accepted, bool required)
    {
        var value = required ? file.Required(r, column, line) : r.Optional(column);
        if (value is not null && !accepted.Contains(value))
        {
            file.Problem(line, $"{column} '{value}' is not one of {string.Join(", ", accepted)}.");
            return null;
        }

        return value;
    }
}
