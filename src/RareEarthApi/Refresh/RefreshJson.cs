using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using RareEarthApi.Http;

namespace RareEarthApi.Refresh;

/// <summary>Compile-time JSON for the refresh wire types (ApiJson's options).</summary>
[JsonSerializable(typeof(RefreshRun))]
[JsonSerializable(typeof(Envelope<RefreshRunListing>))]
internal sealed partial class RefreshJson : JsonSerializerContext
{
    public static JsonTypeInfo<RefreshRun> Run { get; } = ApiJson.TypeInfo<RefreshRun>(o => new RefreshJson(o));

    public static JsonTypeInfo<Envelope<RefreshRunListing>> Listing { get; } = ApiJson.TypeInfo<Envelope<RefreshRunListing>>(o => new RefreshJson(o));
}
