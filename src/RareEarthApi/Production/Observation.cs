using System.Text.Json.Serialization;
using RareEarthApi.Http;

namespace RareEarthApi.Production;

/// <summary>
/// One figure: a measure of a commodity for a country and year, as one edition of one source gave it.
/// Generic on purpose, so that another commodity or measure is data, not code. <see cref="Measure"/> says which
/// dataset the row belongs to (mine-production: the production route, every stage; reserves), <see cref="Stage"/>
/// what the release states it is (<see cref="ObservationStage"/>); <see cref="Low"/> and <see cref="High"/> keep
/// the bounds of a range; <see cref="Version"/> the release version the figure stands in (MCS 2026 1.3), empty
/// where the edition was never revised; <see cref="CountryQualifier"/> what the printed label adds to the country
/// ("beneficiated, marketable" of "Brazil (beneficiated, marketable)"), null for the plain name.
/// </summary>
public sealed record Observation(
    string Measure,
    string Commodity,
    string Country,
    string SourceLabel,
    int Year,
    double? Value,
    string Status,
    string Unit,
    string Basis,
    string? Note,
    string Edition,
    string Stage = ObservationStage.MineProduction,
    double? Low = null,
    double? High = null,
    string Version = "",
    string? CommodityName = null,
    bool? Critical = null,
    string? CountryQualifier = null);

/// <summary>What a value's status can say; a null value always carries one that says why.</summary>
public static class ObservationStatus
{
    public const string Reported = "reported";
    public const string Estimated = "estimated";
    public const string Revised = "revised";
    public const string Zero = "zero";
    public const string NotAvailable = "not-available";
    public const string Withheld = "withheld";
    public const string LowerBound = "lower-bound";
    public const string UpperBound = "upper-bound";
    public const string Range = "range";
    public const string NotApplicable = "not-applicable";
    public const string Negligible = "negligible";

    public static IReadOnlyList<string> All { get; } = WireEnum.Names<ValueStatus>();

    /// <summary>Statuses whose value may be null (a range keeps its bounds in low and high).</summary>
    public static bool AllowsNull(string status) => status is NotAvailable or Withheld or NotApplicable or Range or Negligible;
}

/// <summary>The stage of the supply chain a figure is for, as the release names it in its table.</summary>
public static class ObservationStage
{
    public const string MineProduction = "mine-production";
    public const string RefineryProduction = "refinery-production";
    public const string SmelterProduction = "smelter-production";
    public const string PlantProduction = "plant-production";
    public const string PrimaryProduction = "primary-production";
    public const string Production = "production";
    public const string RefineryCapacity = "refinery-capacity";
    public const string SmelterCapacity = "smelter-capacity";
    public const string ProductionCapacity = "production-capacity";
    public const string Reserves = "reserves";

    public static IReadOnlyList<string> All { get; } = WireEnum.Names<SupplyStage>();

    /// <summary>
    /// The stage a table's own words name ("Mine production: Usable ore", "Alumina, refinery production", "Smelter
    /// capacity", "Plant capacity, fused aluminum oxide"); a production figure the words do not place is production.
    /// </summary>
    public static string Of(string statistic, string detail)
    {
        // "Mine poduction, Bentonite" (sic, MCS 2025) and "Mne production, grosss weight" (sic, MCS 2024's chromium) are mine production.
        var text = (statistic + " " + detail).ToLowerInvariant().Replace("poduction", "production", StringComparison.Ordinal)
            .Replace("mne production", "mine production", StringComparison.Ordinal);
        if (statistic.Equals("Reserves", StringComparison.OrdinalIgnoreCase) || detail.Contains("reserves", StringComparison.OrdinalIgnoreCase))
        {
            return Reserves;
        }

        if (text.Contains("capacity", StringComparison.Ordinal))
        {
            return text.Contains("refinery", StringComparison.Ordinal) ? RefineryCapacity
                : text.Contains("smelter", StringComparison.Ordinal) ? SmelterCapacity
                : ProductionCapacity;
        }

        return text.Contains("mine production", StringComparison.Ordinal) ? MineProduction
            : text.Contains("refinery production", StringComparison.Ordinal) ? RefineryProduction
            : text.Contains("smelter production", StringComparison.Ordinal) ? SmelterProduction
            : text.Contains("plant production", StringComparison.Ordinal) ? PlantProduction
            : text.Contains("primary production", StringComparison.Ordinal) ? PrimaryProduction
            : Production;
    }
}

/// <summary><see cref="ObservationStatus"/> on the wire: the same texts, an enum in the schema.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ValueStatus>))]
public enum ValueStatus
{
    [JsonStringEnumMemberName(ObservationStatus.Reported)]
    Reported,

    [JsonStringEnumMemberName(ObservationStatus.Estimated)]
    Estimated,

    [JsonStringEnumMemberName(ObservationStatus.Revised)]
    Revised,

    [JsonStringEnumMemberName(ObservationStatus.Zero)]
    Zero,

    [JsonStringEnumMemberName(ObservationStatus.NotAvailable)]
    NotAvailable,

    [JsonStringEnumMemberName(ObservationStatus.Withheld)]
    Withheld,

    [JsonStringEnumMemberName(ObservationStatus.LowerBound)]
    LowerBound,

    [JsonStringEnumMemberName(ObservationStatus.UpperBound)]
    UpperBound,

    [JsonStringEnumMemberName(ObservationStatus.Range)]
    Range,

    [JsonStringEnumMemberName(ObservationStatus.NotApplicable)]
    NotApplicable,

    [JsonStringEnumMemberName(ObservationStatus.Negligible)]
    Negligible,
}

/// <summary><see cref="ObservationStage"/> on the wire: the same texts, an enum in the schema.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SupplyStage>))]
public enum SupplyStage
{
    [JsonStringEnumMemberName(ObservationStage.MineProduction)]
    MineProduction,

    [JsonStringEnumMemberName(ObservationStage.RefineryProduction)]
    RefineryProduction,

    [JsonStringEnumMemberName(ObservationStage.SmelterProduction)]
    SmelterProduction,

    [JsonStringEnumMemberName(ObservationStage.PlantProduction)]
    PlantProduction,

    [JsonStringEnumMemberName(ObservationStage.PrimaryProduction)]
    PrimaryProduction,

    [JsonStringEnumMemberName(ObservationStage.Production)]
    Production,

    [JsonStringEnumMemberName(ObservationStage.RefineryCapacity)]
    RefineryCapacity,

    [JsonStringEnumMemberName(ObservationStage.SmelterCapacity)]
    SmelterCapacity,

    [JsonStringEnumMemberName(ObservationStage.ProductionCapacity)]
    ProductionCapacity,

    [JsonStringEnumMemberName(ObservationStage.Reserves)]
    Reserves,
}
