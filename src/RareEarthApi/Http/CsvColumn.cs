namespace RareEarthApi.Http;

/// <summary>One CSV column: its header and how a row gives its value (null writes an empty field).</summary>
public sealed record CsvColumn<T>(string Header, Func<T, string?> Value);
