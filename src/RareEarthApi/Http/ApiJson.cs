using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace RareEarthApi.Http;

/// <summary>
/// The options of every response: camelCase, nulls written (a null value is an answer), readable text (no \u0027 for
/// an apostrophe). Each feature declares the compile-time context of its wire types beside them (a bare
/// [JsonSerializable] list); <see cref="TypeInfo{T}"/> binds one to these options.
/// </summary>
public static class ApiJson
{
    /// <summary>A fresh instance: a context takes its options for itself.</summary>
    public static JsonSerializerOptions Options() => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The compile-time metadata of <typeparamref name="T"/> from <paramref name="context"/>, with the API's options.</summary>
    public static JsonTypeInfo<T> TypeInfo<T>(Func<JsonSerializerOptions, JsonSerializerContext> context) =>
        (JsonTypeInfo<T>)(context(Options()).GetTypeInfo(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in its JSON context."));
}

/// <summary>Compile-time JSON for problem details and the problem type pages.</summary>
[JsonSerializable(typeof(Problem))]
[JsonSerializable(typeof(ProblemTypes.ProblemType))]
internal sealed partial class ProblemJson : JsonSerializerContext
{
    public static JsonTypeInfo<Problem> Details { get; } = ApiJson.TypeInfo<Problem>(o => new ProblemJson(o));

    public static JsonTypeInfo<ProblemTypes.ProblemType> TypePage { get; } = ApiJson.TypeInfo<ProblemTypes.ProblemType>(o => new ProblemJson(o));
}
