using System.Reflection;
using System.Text.Json.Serialization;

namespace RareEarthApi.Http;

/// <summary>
/// The text of a closed vocabulary's member as the API writes it (its [JsonStringEnumMemberName], else its name):
/// the JSON converter, the CSV columns, the parameter lists and the stored rows all use the same strings.
/// </summary>
public static class WireEnum
{
    public static string Text<T>(T value) where T : struct, Enum => Map<T>.ByValue[value];

    /// <summary>The member written <paramref name="text"/> (case-sensitive, as stored), or null.</summary>
    public static T? Parse<T>(string? text) where T : struct, Enum => text is not null && Map<T>.ByText.TryGetValue(text, out var value) ? value : null;

    /// <summary>The member written <paramref name="text"/>; a row holding any other value is a bug (its parser checks the vocabulary).</summary>
    public static T Of<T>(string text) where T : struct, Enum =>
        Parse<T>(text) ?? throw new InvalidDataException($"'{text}' is not one of {string.Join(", ", Names<T>())} ({typeof(T).Name}).");

    public static IReadOnlyList<string> Names<T>() where T : struct, Enum => Map<T>.Names;

    private static class Map<T> where T : struct, Enum
    {
        public static readonly Dictionary<T, string> ByValue = typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static)
            .ToDictionary(f => (T)f.GetValue(null)!, f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name);

        public static readonly Dictionary<string, T> ByText = ByValue.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

        public static readonly IReadOnlyList<string> Names = [.. ByValue.OrderBy(p => p.Key).Select(p => p.Value)];
    }
}
