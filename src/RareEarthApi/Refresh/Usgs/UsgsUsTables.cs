using System.Globalization;
using System.Text.RegularExpressions;
using RareEarthApi.Commodities;
using RareEarthApi.Countries;
using RareEarthApi.Http;
using RareEarthApi.Production;
using RareEarthApi.UsStatistics;

namespace RareEarthApi.Refresh.Usgs;

/// <summary>The U.S. tables of one long-format MCS file: salient statistics and import sources.</summary>
internal sealed record UsgsUsTablesResult(IReadOnlyList<UsStatistic> Statistics, IReadOnlyList<UsImportSource> ImportSources)
{
    public static UsgsUsTablesResult Empty { get; } = new([], []);
}

/// <summary>
/// Reads the sections "Salient Statistics—United States" and "Import Sources" of the long MCS format (MCS 2026) into
/// rows, with the value tokens read by <see cref="UsgsMcsParser.Value"/> as in the world tables. Every cell that
/// cannot be read, every Statistics label not seen before and every country label the crosswalk lacks is a problem
/// naming file, row and column, so the edition is refused rather than published with a guess.
/// </summary>
internal static partial class UsgsUsTables
{
    public const string SalientSection = "Salient Statistics—United States";
    public const string ImportSection = "Import Sources";

    public static UsgsUsTablesResult Read(
        IReadOnlyList<IReadOnlyDictionary<string, string>> rows, string file, string edition, CountryCatalog countries, UsgsCommodityNames names, List<string> problems)
    {
        var statistics = new List<UsStatistic>();
        var sources = new List<UsImportSource>();
        var series = new Dictionary<(string, string, string, string, int), int>();
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var where = $"{file} row {i + 2}";
            var section = r["Section"].Trim();
            if (section.Equals(SalientSection, StringComparison.Ordinal))
            {
                if (Statistic(r, where, edition, names, series, problems) is { } statistic)
                {
                    statistics.Add(statistic);
                }
            }
            else if (section.Equals(ImportSection, StringComparison.Ordinal))
            {
                if (ImportSource(r, where, edition, countries, names, problems) is { } source)
                {
                    sources.Add(source);
                }
            }
        }

        problems.AddRange(Duplicates(statistics, s => (s.Commodity, s.Statistic, s.Detail, s.Series, s.Year), s => $"{s.Commodity} {s.Statistic} '{s.Detail}' {s.Year}"));
        problems.AddRange(Duplicates(sources, s => (s.Commodity, s.Product, s.SourceLabel), s => $"{s.Commodity} '{s.Product}' {s.SourceLabel}"));
        return new UsgsUsTablesResult(statistics, sources);
    }

    private static UsStatistic? Statistic(
        IReadOnlyDictionary<string, string> r, string where, string edition, UsgsCommodityNames names, Dictionary<(string, string, string, string, int), int> series, List<string> problems)
    {
        var label = r["Statistics"].Trim();
        if (UsStatisticKinds.OfLabel(label) is not { } kind)
        {
            problems.Add($"{where}, column Statistics: '{label}' is none of {string.Join(", ", UsStatisticKinds.Labels)}; add it to UsStatisticKind rather than guess what it is.");
            return null;
        }

        if (!int.TryParse(r["Year"].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            problems.Add($"{where}, column Year: '{r["Year"].Trim()}' is not a year.");
            return null;
        }

        var notes = Notes(r);
        if (Cell(r["Value"], notes, where, problems) is not { } cell)
        {
            return null;
        }

        var commodityName = UsgsCommodityNames.Clean(r["Commodity"]);
        var detail = Clean(r["Statistics_detail"]);
        var unit = r["Unit"].Trim();
        var key = (commodityName, label, detail, unit, year);
        series[key] = series.GetValueOrDefault(key) + 1;
        return new UsStatistic(names.Id(commodityName), commodityName, WireEnum.Text(kind), detail, series[key], year, cell.Value, cell.Status, cell.Low, cell.High,
            unit, r["Value"].Trim(), cell.Note, edition, "", Critical(r));
    }

    private static UsImportSource? ImportSource(
        IReadOnlyDictionary<string, string> r, string where, string edition, CountryCatalog countries, UsgsCommodityNames names, List<string> problems)
    {
        var period = r["Year"].Trim();
        if (Period().Match(period) is not { Success: true } years)
        {
            problems.Add($"{where}, column Year: '{period}' is not a period such as 2021–24.");
            return null;
        }

        var label = string.Join(' ', r["Country"].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (countries.ResolveSourceLabel(label) is not { } match)
        {
            problems.Add($"{where}, column Country: import source '{label}' is not in the country crosswalk; add it to Seed/countries.csv as a name or alias.");
            return null;
        }

        if (Cell(r["Value"], Notes(r), where, problems) is not { } cell)
        {
            return null;
        }

        var start = int.Parse(years.Groups[1].Value, CultureInfo.InvariantCulture);
        var end = int.Parse(years.Groups[1].Value[..2] + years.Groups[2].Value, CultureInfo.InvariantCulture);
        var commodityName = UsgsCommodityNames.Clean(r["Commodity"]);
        return new UsImportSource(names.Id(commodityName), commodityName, Clean(r["Statistics_detail"]), match.Country.Iso3, label, match.Qualifier, period, start, end,
            cell.Value, cell.Status, cell.Low, cell.High, r["Unit"].Trim(), r["Value"].Trim(), cell.Note, edition, "", Critical(r));
    }

    private sealed record CellValue(double? Value, string Status, double? Low, double? High, string? Note);

    /// <summary>
    /// A value cell read by the world tables' token parser; the notes kept as printed, after what a token means.
    /// A number printed after a '?' is read as negative only where the row's own notes say a negative value means
    /// something ("If negative, increase in inventory."): the release's Windows-1252 text has a '?' wherever a
    /// character the code page lacks stood (a minus sign: "Defined as imports ? exports." where other chapters print
    /// "imports – exports"). Anywhere else it is a problem.
    /// </summary>
    private static CellValue? Cell(string raw, string notes, string where, List<string> problems)
    {
        var estimated = notes.Split(" -- ", StringSplitOptions.TrimEntries).Any(n => n.StartsWith("Estimated", StringComparison.OrdinalIgnoreCase));
        var (value, status, tokenNote, low, high) = UsgsMcsParser.Value(raw, estimated);
        var kept = notes.Length > 0 ? notes : null;
        if (status is not null)
        {
            return new CellValue(value, status, low, high, Join(tokenNote, kept));
        }

        if (LostMinus().Match(raw.Trim()) is { Success: true } m && notes.Contains("If negative", StringComparison.OrdinalIgnoreCase)
            && UsgsMcsParser.Value(m.Groups[1].Value, estimated) is { Value: { } magnitude, Status: { } numberStatus } && numberStatus != ObservationStatus.Zero)
        {
            return new CellValue(-magnitude, numberStatus, null, null,
                Join($"The file prints '{raw.Trim()}': read as -{m.Groups[1].Value}, a minus sign lost to the file's Windows-1252 encoding (it prints '?' for characters the code page lacks), as the notes define a negative value.", kept));
        }

        problems.Add($"{where}, column Value: value '{raw.Trim()}' is neither a number, a range, a bound nor a known token.");
        return null;
    }

    private static IEnumerable<string> Duplicates<TRow, TKey>(IEnumerable<TRow> rows, Func<TRow, TKey> key, Func<TRow, string> name) =>
        rows.GroupBy(key).Where(g => g.Count() > 1).Select(g => $"{name(g.First())}: printed {g.Count()} times.");

    private static string Notes(IReadOnlyDictionary<string, string> r) => Clean(r.GetValueOrDefault("Notes") ?? "");

    private static string Clean(string text) => string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static string? Join(string? first, string? second) =>
        string.Join(" ", new[] { first, second }.Where(n => !string.IsNullOrEmpty(n))) is { Length: > 0 } joined ? joined : null;

    private static bool? Critical(IReadOnlyDictionary<string, string> r) =>
        r.GetValueOrDefault("Is critical mineral 2025")?.Trim() switch { "Yes" => true, "No" => false, _ => null };

    [GeneratedRegex(@"^\?(\d[\d,.]*)$")]
    private static partial Regex LostMinus();

    [GeneratedRegex(@"^(\d{4})\s*[–-]\s*(\d{2})$")]
    private static partial Regex Period();
}
