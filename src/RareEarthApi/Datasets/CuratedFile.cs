using System.Globalization;
using CsvHelper;
using RareEarthApi.Http;

namespace RareEarthApi.Datasets;

/// <summary>
/// Reads a curated CSV file row by row and collects every problem with its line number instead of stopping at the
/// first, so that one look at a rejected upload says all that is wrong with it.
/// </summary>
internal sealed class CuratedFile
{
    private readonly List<string> _problems = [];

    private CuratedFile(string name, IReadOnlyList<IReadOnlyDictionary<string, string>> rows)
    {
        Name = name;
        Rows = rows;
    }

    public string Name { get; }

    /// <summary>The data rows; row i is on line i + 2 (line 1 is the header).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Rows { get; }

    public IReadOnlyList<string> Problems => _problems;

    public static CuratedFile Read(Stream content, string name, IReadOnlyList<string> requiredColumns)
    {
        IReadOnlyList<IReadOnlyDictionary<string, string>> rows;
        var file = new CuratedFile(name, []);
        try
        {
            using var reader = new StreamReader(content, leaveOpen: true);
            rows = CsvFiles.Read(reader, name);
        }
        catch (InvalidDataException e)
        {
            file.Problem(e.Message);
            return file;
        }
        catch (CsvHelperException e)
        {
            // CsvHelper's message holds its reader state and the raw record: the row number is what a caller can use.
            file.Problem($"not well-formed CSV near row {e.Context?.Parser?.Row} (a quote left open, or a row with another number of columns than the header).");
            return file;
        }

        file = new CuratedFile(name, rows);
        var header = rows.Count > 0 ? rows[0].Keys.ToHashSet(StringComparer.Ordinal) : [];
        var missing = requiredColumns.Where(c => !header.Contains(c)).ToList();
        if (rows.Count == 0)
        {
            file.Problem("no data rows.");
        }
        else if (missing.Count > 0)
        {
            file.Problem($"missing column(s) {string.Join(", ", missing)}; expected {string.Join(",", requiredColumns)}.");
        }

        return file;
    }

    public bool HasProblems => _problems.Count > 0;

    public void Problem(string text) => _problems.Add(PublicText.Clean($"{Name}: {text}"));

    public void Problem(int line, string text) => _problems.Add(PublicText.Clean($"{Name} line {line}: {text}"));

    public string? Required(IReadOnlyDictionary<string, string> row, string column, int line)
    {
        if (row.Optional(column) is { } value)
        {
            return value;
        }

        Problem(line, $"column '{column}' is empty.");
        return null;
    }

    /// <summary>The row's <c>id</c>: required, lower-case letters, digits and hyphens, and unique in the file (<paramref name="seen"/>).</summary>
    public string? Id(IReadOnlyDictionary<string, string> row, int line, ISet<string> seen)
    {
        var id = Required(row, "id", line);
        if (id is not null && (!id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') || !seen.Add(id)))
        {
            Problem(line, $"id '{id}' must be unique and written in lower-case letters, digits and hyphens.");
        }

        return id;
    }

    /// <summary>The row's <c>country</c>: required, the ISO3 code of a real country (not an aggregate) in the crosswalk.</summary>
    public string? Country(IReadOnlyDictionary<string, string> row, int line, Countries.CountryCatalog countries)
    {
        var country = Required(row, "country", line);
        if (country is not null && countries.ByIso3(country) is not { IsAggregate: false })
        {
            Problem(line, $"country '{country}' is not an ISO3 code in the country crosswalk.");
        }

        return country;
    }

    public DateOnly? Date(IReadOnlyDictionary<string, string> row, string column, int line)
    {
        if (row.Optional(column) is not { } text)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Problem(line, $"{column} '{text}' is not a date written yyyy-MM-dd.");
        return null;
    }

    public int? Integer(IReadOnlyDictionary<string, string> row, string column, int line)
    {
        if (Required(row, column, line) is not { } text)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Problem(line, $"{column} '{text}' is not a whole number.");
        return null;
    }

    public double? Number(IReadOnlyDictionary<string, string> row, string column, int line)
    {
        if (Required(row, column, line) is not { } text)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }

        Problem(line, $"{column} '{text}' is not a number.");
        return null;
    }

    /// <summary>
    /// What a curated dataset's <see cref="ICuratedDataset.Parse"/> returns: the rows and problems, and a publish that
    /// refuses a file with any problem.
    /// </summary>
    public static ParsedDataset Parsed<TRow>(string dataset, string fileName, DatasetContent<TRow> content, IReadOnlyList<string> problems, IRowCodec<TRow> codec) =>
        new(dataset, content.Rows.Count, problems, (store, publishedBy, ct) => problems.Count > 0
            ? throw new InvalidDataException($"{fileName} has {problems.Count} problem(s); it cannot be published: {problems[0]}")
            : store.WriteVersionAsync(dataset, content, codec, publishedBy, ct));

    /// <summary>A '|'-separated list; empty when the cell is.</summary>
    public static IReadOnlyList<string> List(IReadOnlyDictionary<string, string> row, string column) =>
        (row.Optional(column) ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
