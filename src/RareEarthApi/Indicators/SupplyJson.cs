using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using RareEarthApi.Commodities;
using RareEarthApi.ExportQuotas;
using RareEarthApi.Http;
using RareEarthApi.Refining;
using RareEarthApi.Restrictions;
using RareEarthApi.Trade;

namespace RareEarthApi.Indicators;

/// <summary>Compile-time JSON for the refining, trade, restrictions, commodities and indicator routes; the same options as <see cref="ApiJson"/>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    WriteIndented = false)]
[JsonSerializable(typeof(Envelope<RefiningJson>))]
[JsonSerializable(typeof(Envelope<TradeJson>))]
[JsonSerializable(typeof(Envelope<RestrictionJson>))]
[JsonSerializable(typeof(Envelope<ExportQuotaJson>))]
[JsonSerializable(typeof(Envelope<Commodity>))]
[JsonSerializable(typeof(Envelope<ConcentrationJson>))]
[JsonSerializable(typeof(Envelope<ImportDependenceJson>))]
public sealed partial class SupplyJson : JsonSerializerContext
{
    public static SupplyJson Web { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
