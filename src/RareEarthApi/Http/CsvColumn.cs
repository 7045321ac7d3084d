namespace RareEarthApi.Http;

/// <summary>One CSV column: its header and how a row gives its value (null writes an empty field).</summary>
public sealed record CsvColumn<T>(string Header, Func<T, string?> Value);

/// <summary>How every CSV writes a list in one field: items joined by '|' (no item holds one; commas and spaces may).</summary>
public static class CsvList
{
    public const string Separator = "|";

    public static string Join(IEnumerable<string> items) => string.Join(Separator, items);
}
