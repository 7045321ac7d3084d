using System.Text.Json.Serialization;
using Azure.Data.Tables;
using RareEarthApi.Datasets;
using RareEarthApi.Http;

namespace RareEarthApi.UsStatistics;

/// <summary>
/// One figure of a U.S. salient-statistics table of the USGS Mineral Commodity Summaries: a commodity's statistic
/// (<see cref="UsStatisticKind"/>, stored as its wire text), the detail label as printed, the year, the value with its
/// status (the token's meaning: W withheld, E net exporter, bounds, ranges with <see cref="Low"/> and <see cref="High"/>),
/// the unit as stated and the cell as printed (<see cref="Printed"/>). <see cref="Series"/> tells apart tables a chapter
/// prints twice under the same labels (mica: scrap and flake, then sheet): 1 for the first, 2 for the second.
/// </summary>
public sealed record UsStatistic(
    string Commodity,
    string CommodityName,
    string Statistic,
    string Detail,
    int Series,
    int Year,
    double? Value,
    string Status,
    double? Low,
    double? High,
    string Unit,
    string Printed,
    string? Note,
    string Edition,
    string Version = "",
    bool? Critical = null);

/// <summary>What a salient statistic is, as the release groups them (its Statistics column).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<UsStatisticKind>))]
public enum UsStatisticKind
{
    [JsonStringEnumMemberName("production")]
    Production,

    [JsonStringEnumMemberName("imports")]
    Imports,

    [JsonStringEnumMemberName("exports")]
    Exports,

    [JsonStringEnumMemberName("consumption")]
    Consumption,

    [JsonStringEnumMemberName("price")]
    Price,

    [JsonStringEnumMemberName("stocks")]
    Stocks,

    [JsonStringEnumMemberName("employment")]
    Employment,

    [JsonStringEnumMemberName("net-import-reliance")]
    NetImportReliance,

    [JsonStringEnumMemberName("shipments")]
    Shipments,

    [JsonStringEnumMemberName("sold-or-used")]
    SoldOrUsed,

    [JsonStringEnumMemberName("sold")]
    Sold,

    [JsonStringEnumMemberName("sales")]
    Sales,

    [JsonStringEnumMemberName("supply")]
    Supply,
}

/// <summary>The release's Statistics labels and the ids they are served as.</summary>
public static class UsStatisticKinds
{
    /// <summary>Every id, in the enum's order (the OpenAPI enum and the 400's accepted values).</summary>
    public static IReadOnlyList<string> All { get; } = WireEnum.Names<UsStatisticKind>();

    /// <summary>The Statistics column of MCS 2026 (singular, as printed) → the kind.</summary>
    private static readonly Dictionary<string, UsStatisticKind> ByLabel = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Production"] = UsStatisticKind.Production,
        ["Import"] = UsStatisticKind.Imports,
        ["Export"] = UsStatisticKind.Exports,
        ["Consumption"] = UsStatisticKind.Consumption,
        ["Price"] = UsStatisticKind.Price,
        ["Stock"] = UsStatisticKind.Stocks,
        ["Employment"] = UsStatisticKind.Employment,
        ["Net import reliance"] = UsStatisticKind.NetImportReliance,
        ["Shipment"] = UsStatisticKind.Shipments,
        ["Sold or used"] = UsStatisticKind.SoldOrUsed,
        ["Sold"] = UsStatisticKind.Sold,
        ["Sales"] = UsStatisticKind.Sales,
        ["Supply"] = UsStatisticKind.Supply,
    };

    /// <summary>The labels the release prints, for a problem naming an unknown one.</summary>
    public static IReadOnlyList<string> Labels { get; } = [.. ByLabel.Keys];

    /// <summary>The kind a release label stands for (spaces collapsed, any case); null for a label not seen before.</summary>
    public static UsStatisticKind? OfLabel(string label) =>
        ByLabel.TryGetValue(string.Join(' ', label.Split(' ', StringSplitOptions.RemoveEmptyEntries)), out var kind) ? kind : null;

    /// <summary>What a user asks (the id, the label as printed, any case) → the id; null when neither.</summary>
    public static string? Resolve(string text, IReadOnlyList<string> known) =>
        DatasetFilters.IgnoringCase(text.Trim(), known) ?? (OfLabel(text) is { } kind ? WireEnum.Text(kind) : null);
}

/// <summary>U.S. statistics in the rows table: a partition per commodity within a version.</summary>
internal sealed class UsStatisticCodec() : RecordCodec<UsStatistic>(new RecordColumns
{
    Missing = new Dictionary<string, Func<TableEntity, object?>> { [nameof(UsStatistic.Series)] = _ => 1 },
})
{
    public override string Shard(UsStatistic row) => row.Commodity;

    public override string RowKey(UsStatistic row) => $"{row.Statistic}|{row.Detail}|{row.Series}|{row.Year:D4}|{row.Edition}|{row.Version}";
}
