using System.Globalization;
using System.Text.Json.Serialization;
using Azure.Data.Tables;
using RareEarthApi.Commodities;
using RareEarthApi.Countries;
using RareEarthApi.Datasets;
using RareEarthApi.Http;

namespace RareEarthApi.Trade;

/// <summary>
/// One annual trade flow: what a reporter declared it imported from (or exported to) a partner under one HS code,
/// in USD and kg, as reported or mirrored from the partner's declaration.
/// </summary>
public sealed record TradeFlow(
    string Reporter,
    string ReporterLabel,
    string Partner,
    string PartnerLabel,
    string Flow,
    string Hs,
    int Year,
    double? ValueUsd,
    double? NetWeightKg,
    bool NetWeightEstimated,
    string Valuation,
    string Basis,
    string? Note,
    string Edition)
{
    public const string Import = "import";
    public const string Export = "export";
    public const string AsReported = "as-reported";
    public const string Mirror = "mirror";

    public static IReadOnlyList<string> Flows { get; } = WireEnum.Names<TradeDirection>();

    public static IReadOnlyList<string> Valuations { get; } = WireEnum.Names<TradeValuation>();

    public static IReadOnlyList<string> Bases { get; } = WireEnum.Names<TradeBasis>();

    /// <summary>What one declaration covers (every partner of a reporter's flow under one code in one year, on one basis): a refresh or an added edition replaces it whole.</summary>
    public static string Combination(TradeFlow r) => $"{r.Reporter}|{r.Hs}|{r.Flow}|{r.Year}|{r.Basis}";
}

/// <summary>import or export, as the reporter declared it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TradeDirection>))]
public enum TradeDirection
{
    [JsonStringEnumMemberName(TradeFlow.Import)]
    Import,

    [JsonStringEnumMemberName(TradeFlow.Export)]
    Export,
}

/// <summary>How a value is stated: CIF, FOB, customs value or FAS.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TradeValuation>))]
public enum TradeValuation
{
    CIF,
    FOB,

    [JsonStringEnumMemberName("customs-value")]
    CustomsValue,

    FAS,
}

/// <summary>as-reported, or mirror (taken from the partner's declaration).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TradeBasis>))]
public enum TradeBasis
{
    [JsonStringEnumMemberName(TradeFlow.AsReported)]
    AsReported,

    [JsonStringEnumMemberName(TradeFlow.Mirror)]
    Mirror,
}

/// <summary>Trade rows in the rows table: a partition per reporter within a version.</summary>
internal sealed class TradeCodec() : RecordCodec<TradeFlow>(new RecordColumns
{
    Missing = new Dictionary<string, Func<TableEntity, object?>> { [nameof(TradeFlow.Basis)] = _ => TradeFlow.AsReported },
})
{
    public override string Shard(TradeFlow row) => row.Reporter;

    public override string RowKey(TradeFlow row) => $"{row.Partner}|{row.Flow}|{row.Hs}|{row.Year:D4}|{row.Basis}|{row.Edition}";
}

/// <summary>Reads the project's own trade file (Seed/trade.csv), strictly: every code is checked against the crosswalks.</summary>
internal static class TradeSeed
{
    public static IReadOnlyList<TradeFlow> Read(TextReader reader, string file, CountryCatalog countries, CommodityCatalog commodities, IReadOnlyCollection<SourceEdition> editions)
    {
        var rows = new List<TradeFlow>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var codec = new TradeCodec();
        foreach (var (r, line) in CsvFiles.Read(reader, file).Select((r, i) => (r, i + 2)))
        {
            var row = new TradeFlow(
                Country(r.Required("reporter", file, line), countries, file, line),
                r.Optional("reporterLabel") ?? r.Required("reporter", file, line),
                Country(r.Required("partner", file, line), countries, file, line),
                r.Optional("partnerLabel") ?? r.Required("partner", file, line),
                OneOf(r.Required("flow", file, line), TradeFlow.Flows, "flow", file, line),
                commodities.Hs(r.Required("hs", file, line))?.Code ?? throw new InvalidDataException($"{file} row {line}: hs '{r["hs"]}' is not in hs-codes.csv."),
                int.Parse(r.Required("year", file, line), NumberStyles.None, CultureInfo.InvariantCulture),
                Number(r.Optional("valueUsd")),
                Number(r.Optional("netWeightKg")),
                bool.Parse(r.Optional("netWeightEstimated") ?? "false"),
                OneOf(r.Required("valuation", file, line), TradeFlow.Valuations, "valuation", file, line),
                OneOf(r.Required("basis", file, line), TradeFlow.Bases, "basis", file, line),
                r.Optional("note"),
                r.Required("edition", file, line));
            if (editions.All(e => e.Id != row.Edition))
            {
                throw new InvalidDataException($"{file} row {line}: edition '{row.Edition}' is not listed in the editions.");
            }

            if (row.ValueUsd is null && row.NetWeightKg is null)
            {
                throw new InvalidDataException($"{file} row {line}: a flow needs a value or a net weight.");
            }

            if (!seen.Add(codec.Shard(row) + "|" + codec.RowKey(row)))
            {
                throw new InvalidDataException($"{file} row {line}: duplicate flow {codec.RowKey(row)} for {row.Reporter}.");
            }

            rows.Add(row);
        }

        return rows;
    }

    private static string Country(string code, CountryCatalog countries, string file, int line) =>
        countries.ByIso3(code)?.Iso3 ?? throw new InvalidDataException($"{file} row {line}: '{code}' is not an ISO3 code in the country crosswalk.");

    private static string OneOf(string value, IReadOnlyList<string> accepted, string column, string file, int line) =>
        accepted.Contains(value) ? value : throw new InvalidDataException($"{file} row {line}: {column} '{value}' is not one of {string.Join(", ", accepted)}.");

    private static double? Number(string? text) =>
        text is null ? null : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) is var v && v >= 0 ? v : throw new InvalidDataException($"negative quantity {text}.");
}
