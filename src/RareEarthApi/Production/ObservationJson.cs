using System.Globalization;
using System.Text.Json.Serialization;
using RareEarthApi.Countries;
using RareEarthApi.Datasets;
using RareEarthApi.Http;

namespace RareEarthApi.Production;

/// <summary>One observation as the API returns it.</summary>
public sealed record ObservationJson(
    string Country,
    string CountryName,
    string Commodity,
    int Year,
    double? Value,
    string Unit,
    string Basis,
    ValueStatus Status,
    string? Note,
    SourceJson Source)
{
    /// <summary>The stage the release names (mine-production, refinery-production, smelter-capacity, reserves, …).</summary>
    public SupplyStage Stage { get; init; } = SupplyStage.MineProduction;

    /// <summary>The bounds of a range (status range): 10,000 - 15,000 → 10000 and 15000; null otherwise.</summary>
    public double? Low { get; init; }

    public double? High { get; init; }

    /// <summary>The release version the figure stands in (MCS 2026 1.3); null where the edition was never revised.</summary>
    public string? Version { get; init; }

    internal static ObservationJson From(Observation o, DatasetSnapshot<Observation> snapshot, CountryCatalog countries) => new(
        o.Country,
        countries.ByIso3(o.Country)?.Name ?? o.Country,
        o.Commodity,
        o.Year,
        o.Value,
        o.Unit,
        o.Basis,
        WireEnum.Of<ValueStatus>(o.Status),
        o.Note,
        SourceCitation.Of(snapshot.Edition(o.Edition), o.Edition, o.SourceLabel))
    {
        Stage = WireEnum.Of<SupplyStage>(o.Stage),
        Low = o.Low,
        High = o.High,
        Version = o.Version.Length > 0 ? o.Version : null,
    };

    /// <summary>The same fields, flattened, for CSV.</summary>
    public static IReadOnlyList<CsvColumn<ObservationJson>> CsvColumns { get; } =
    [
        new("country", r => r.Country),
        new("countryName", r => r.CountryName),
        new("commodity", r => r.Commodity),
        new("stage", r => WireEnum.Text(r.Stage)),
        new("year", r => r.Year.ToString(CultureInfo.InvariantCulture)),
        new("value", r => r.Value?.ToString("R", CultureInfo.InvariantCulture)),
        new("low", r => r.Low?.ToString("R", CultureInfo.InvariantCulture)),
        new("high", r => r.High?.ToString("R", CultureInfo.InvariantCulture)),
        new("unit", r => r.Unit),
        new("basis", r => r.Basis),
        new("status", r => WireEnum.Text(r.Status)),
        new("note", r => r.Note),
        new("version", r => r.Version),
        .. SourceCitation.CsvColumns<ObservationJson>(r => r.Source),
    ];
}

/// <summary>Compile-time JSON for the observation routes (ApiJson's options).</summary>
[JsonSerializable(typeof(Envelope<ObservationJson>))]
internal sealed partial class ObservationJsonContext : JsonSerializerContext
{
}
