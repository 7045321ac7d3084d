using System.ComponentModel.DataAnnotations;
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
    [property: AllowedValues(ObservationStatus.Reported, ObservationStatus.Estimated, ObservationStatus.Revised, ObservationStatus.Zero,
        ObservationStatus.NotAvailable, ObservationStatus.Withheld, ObservationStatus.LowerBound, ObservationStatus.NotApplicable)]
    string Status,
    string? Note,
    SourceJson Source)
{
    internal static ObservationJson From(Observation o, DatasetSnapshot<Observation> snapshot, CountryCatalog countries) => new(
        o.Country,
        countries.ByIso3(o.Country)?.Name ?? o.Country,
        o.Commodity,
        o.Year,
        o.Value,
        o.Unit,
        o.Basis,
        o.Status,
        o.Note,
        SourceCitation.Of(snapshot.Edition(o.Edition), o.Edition, o.SourceLabel));

    /// <summary>The same fields, flattened, for CSV.</summary>
    public static IReadOnlyList<CsvColumn<ObservationJson>> CsvColumns { get; } =
    [
        new("country", r => r.Country),
        new("countryName", r => r.CountryName),
        new("commodity", r => r.Commodity),
        new("year", r => r.Year.ToString(CultureInfo.InvariantCulture)),
        new("value", r => r.Value?.ToString("R", CultureInfo.InvariantCulture)),
        new("unit", r => r.Unit),
        new("basis", r => r.Basis),
        new("status", r => r.Status),
        new("note", r => r.Note),
        .. SourceCitation.CsvColumns<ObservationJson>(r => r.Source),
    ];
}

/// <summary>Compile-time JSON for the observation routes (ApiJson's options).</summary>
[JsonSerializable(typeof(Envelope<ObservationJson>))]
internal sealed partial class ObservationJsonContext : JsonSerializerContext
{
}
