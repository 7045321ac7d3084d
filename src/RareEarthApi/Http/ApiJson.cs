using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using RareEarthApi.Countries;
using RareEarthApi.Datasets;
using RareEarthApi.Health;
using RareEarthApi.Production;

namespace RareEarthApi.Http;

/// <summary>Compile-time JSON for every wire type: camelCase, nulls written (a null value is an answer).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    WriteIndented = false)]
[JsonSerializable(typeof(Problem))]
[JsonSerializable(typeof(Envelope<ObservationJson>))]
[JsonSerializable(typeof(Envelope<Country>))]
[JsonSerializable(typeof(Envelope<DatasetInfo>))]
[JsonSerializable(typeof(HealthReport))]
[JsonSerializable(typeof(ProblemTypes.ProblemType))]
public sealed partial class ApiJson : JsonSerializerContext
{
    /// <summary>The context every response uses: as above, and readable text (no \u0027 for an apostrophe).</summary>
    public static ApiJson Web { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
