using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using RareEarthApi.Http;
namespace RareEarthApi.Countries;

/// <summary>One row of the country crosswalk: the codes each source uses, and the labels seen in them.</summary>
public sealed record Country(
    string Iso3,
    string? Iso2,
    string? M49,
    int? ComtradeCode,
    string Name,
    IReadOnlyList<string> Aliases,
    bool IsAggregate);

/// <summary>Compile-time JSON for the countries route (ApiJson's options).</summary>
[JsonSerializable(typeof(Envelope<Country>))]
internal sealed partial class CountryJsonContext : JsonSerializerContext
{
    public static JsonTypeInfo<Envelope<Country>> Envelope { get; } = ApiJson.TypeInfo<Envelope<Country>>(o => new CountryJsonContext(o));
}
