using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace RareEarthApi.Datasets;

/// <summary>Reads the project's own CSV files (seed and curated) into dictionaries of header → value.</summary>
internal static class CsvFiles
{
    /// <summary>
    /// Rows as header → value. A row with another field count than the others is an error (a truncated file), unless
    /// <paramref name="raggedRows"/>: files whose rows end at their last filled cell (MCS 2024), where a missing field is empty.
    /// </summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Read(TextReader reader, string name, bool raggedRows = false)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim, DetectColumnCountChanges = !raggedRows };
        using var csv = new CsvReader(reader, config);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: > 0 } header)
        {
            throw new InvalidDataException($"{name}: no header row.");
        }

        var rows = new List<IReadOnlyDictionary<string, string>>();
        while (csv.Read())
        {
            var row = new Dictionary<string, string>(header.Length, StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++)
            {
                row[header[i]] = i < csv.Parser.Count ? csv.GetField(i) ?? "" : "";
            }

            rows.Add(row);
        }

        return rows;
    }

    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Read(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, System.IO.Path.GetFileName(path));
    }

    public static string Required(this IReadOnlyDictionary<string, string> row, string column, string file, int line) =>
        row.TryGetValue(column, out var v) && v.Length > 0
            ? v
            : throw new InvalidDataException($"{file} row {line}: column '{column}' is missing or empty.");

    public static string? Optional(this IReadOnlyDictionary<string, string> row, string column) =>
        row.TryGetValue(column, out var v) && v.Length > 0 ? v : null;
}
