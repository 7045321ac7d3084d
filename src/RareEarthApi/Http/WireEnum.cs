using System.Reflection;
using System.Text.Json.Serialization;

namespace RareEarthApi.Http;

/// <summary>
/// The text of a closed vocabulary's member as the API writes it (its [JsonStringEnumMemberName], else its name):
/// the JSON converter, the CSV columns, the parameter lists and the stored rows all use the same strings.
/// </summary>
public static class WireEnum
{
    public static string Text<T>(T value) where T : struct, Enum
    {
        var index = Array.IndexOf(Map<T>.Values, value);
        return index >= 0 ? Map<T>.Texts[index] : throw new ArgumentOutOfRangeException(nameof(value), value, $"Not a member of {typeof(T).Name}.");
    }

    /// <summary>The member written <paramref name="text"/> (case-sensitive, as stored), or null.</summary>
    public static T? Parse<T>(string? text) where T : struct, Enum
    {
        var index = text is null ? -1 : Array.IndexOf(Map<T>.Texts, text);
        return index >= 0 ? Map<T>.Values[index] : null;
    }

    /// <summary>The member written <paramref name="text"/>; a row holding any other value is a bug (its parser checks the vocabulary).</summary>
    public static T Of<T>(string text) where T : struct, Enum =>
        Parse<T>(text) ?? throw new InvalidDataException($"'{text}' is not one of {string.Join(", ", Names<T>())} ({typeof(T).Name}).");

    public static IReadOnlyList<string> Names<T>() where T : struct, Enum => Map<T>.Texts;

    // Two arrays in member order, not dictionaries: a vocabulary has a handful of members, and dictionaries keyed by
    // each enum type are compiled anew per type (value-type generics), which every start paid for.
    private static class Map<T> where T : struct, Enum
    {
        public static readonly T[] Values = Enum.GetValues<T>();

        public static readonly string[] Texts = Array.ConvertAll(Values, value =>
            typeof(T).GetField(value.ToString(), BindingFlags.Public | BindingFlags.Static)!.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? value.ToString());
    }
}
