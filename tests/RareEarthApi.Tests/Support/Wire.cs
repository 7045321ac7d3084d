using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using RareEarthApi.Http;

namespace RareEarthApi.Tests.Support;

/// <summary>
/// Response bodies read back into the API's own wire types, strictly: every constructor field present, no field the
/// type lacks, no null where the type says none. A test then reads like the behaviour (row.Value, meta.Warnings), and
/// a body that drifts from its type fails where it is read.
/// </summary>
internal static class Wire
{
    public static JsonSerializerOptions Options { get; } = Strict();

    public static T Read<T>(JsonElement json) =>
        json.Deserialize<T>(Options) ?? throw new JsonException($"The body is null, not a {typeof(T).Name}.");

    /// <summary>The body as <typeparamref name="T"/>, strictly; a body of another shape fails naming the status and the body.</summary>
    public static async Task<T> ReadWireAsync<T>(this HttpResponseMessage response)
    {
        var body = await response.ReadJsonAsync();
        try
        {
            return Read<T>(body);
        }
        catch (JsonException e)
        {
            throw new JsonException($"{(int)response.StatusCode} answered a body that is no {typeof(T).Name} ({e.Message}): {body}", e);
        }
    }

    private static JsonSerializerOptions Strict()
    {
        // The API's options (camelCase, the enums' own converters); reflection here, where the API uses its compile-time contexts.
        var options = ApiJson.Options();
        options.TypeInfoResolver = new DefaultJsonTypeInfoResolver();
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.MakeReadOnly();
        return options;
    }
}
