using System.Globalization;

namespace RareEarthApi.Refresh.Usitc;

/// <summary>One cell of a DataWeb report: a measure (customs value, first unit of quantity...) for a country, HTS heading and year.</summary>
/// <remarks><c>Suppressed</c> is the file's "{year}_Suppressed" count on quantity sheets: records whose quantity was withheld, so the quantity is incomplete.</remarks>
public sealed record UsitcRecord(string Country, string Hts, string Description, string Measure, string QuantityDescription, int Year, double Value, int Suppressed = 0);

/// <summary>A DataWeb report: its trade flow, the day it was downloaded, the countries asked, and the annual cells.</summary>
public sealed record UsitcReport(string TradeFlow, DateOnly Downloaded, IReadOnlyList<string> Countries, IReadOnlyList<int> FullYears, IReadOnlyList<UsitcRecord> Records);

/// <summary>
/// Parses a USITC DataWeb "Annual + Year-To-Date" export (.xlsx): the "Query Parameters" sheet, then one sheet per
/// measure with the header Data Type, Country, HTS Number, Description, Quantity Description, then one column per year.
/// The year-to-date sheets are left out; so is the download year, whose annual column is not a full year. A sheet that
/// does not have that shape is an error, never a guess.
/// </summary>
internal static class UsitcDataWebParser
{
    public const string ImportsForConsumption = "Imports For Consumption";
    public const string DomesticExports = "Domestic Exports";

    private static readonly string[] Header = ["Data Type", "Country", "HTS Number", "Description", "Quantity Description"];

    private const string SuppressedSuffix = "_Suppressed";

    private static double Number(IReadOnlyDictionary<string, string> row, string column, string where)
    {
        var text = row.GetValueOrDefault(column) ?? "0";
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw new InvalidDataException($"{where}: '{text}' is not a quantity.");
    }

    public static UsitcReport Parse(Stream xlsx, string where)
    {
        // The year-to-date sheets repeat the annual ones for part of each year: not read.
        var sheets = XlsxSheets.Read(xlsx, where, name => !name.EndsWith("YTD", StringComparison.Ordinal));
        if (!sheets.TryGetValue("Query Parameters", out var parameters))
        {
            throw new InvalidDataException($"{where}: no 'Query Parameters' sheet; not a DataWeb export.");
        }

        var query = parameters.Where(r => r.ContainsKey("A")).GroupBy(r => r["A"]).ToDictionary(g => g.Key, g => g.First().GetValueOrDefault("B") ?? "", StringComparer.Ordinal);
        var flow = query.GetValueOrDefault("Trade Flow") ?? throw new InvalidDataException($"{where}: the query parameters name no Trade Flow.");
        if (flow is not (ImportsForConsumption or DomesticExports))
        {
            throw new InvalidDataException($"{where}: trade flow '{flow}' is not '{ImportsForConsumption}' or '{DomesticExports}'.");
        }

        if (!double.TryParse(query.GetValueOrDefault("Download Date"), NumberStyles.Float, CultureInfo.InvariantCulture, out var serial))
        {
            throw new InvalidDataException($"{where}: no Download Date in the query parameters.");
        }

        var downloaded = DateOnly.FromDateTime(DateTime.FromOADate(serial));
        var countries = (query.GetValueOrDefault("Country List") ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var records = new List<UsitcRecord>();
        var years = new SortedSet<int>();
        foreach (var (name, rows) in sheets.Where(s => s.Key != "Query Parameters"))
        {
            var headerIndex = rows.ToList().FindIndex(r => r.GetValueOrDefault("A") == Header[0]);
            if (headerIndex < 0)
            {
                throw new InvalidDataException($"{where} sheet '{name}': no header row starting 'Data Type'.");
            }

            var header = rows[headerIndex];
            var columns = new[] { "A", "B", "C", "D", "E" };
            if (!columns.Select(c => header.GetValueOrDefault(c)).SequenceEqual(Header))
            {
                throw new InvalidDataException($"{where} sheet '{name}': the header is not {string.Join(", ", Header)}, then years.");
            }

            // Full years only: the download year's annual column holds part of a year at most.
            var suppressedColumns = header.Where(h => h.Value.EndsWith(SuppressedSuffix, StringComparison.Ordinal))
                .ToDictionary(h => h.Value[..^SuppressedSuffix.Length], h => h.Key, StringComparer.Ordinal);
            var yearColumns = header.Where(h => !columns.Contains(h.Key) && !h.Value.EndsWith(SuppressedSuffix, StringComparison.Ordinal))
                .Select(h => (Column: h.Key, Year: int.TryParse(h.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : throw new InvalidDataException($"{where} sheet '{name}': column {h.Key} is '{h.Value}', not a year."),
                    Suppressed: suppressedColumns.GetValueOrDefault(h.Value)))
                .Where(c => c.Year < downloaded.Year)
                .ToList();
            foreach (var (row, index) in rows.Skip(headerIndex + 1).Select((r, i) => (r, headerIndex + i + 2)))
            {
                var measure = row.GetValueOrDefault("A") ?? "";
                if (measure.StartsWith("Total", StringComparison.Ordinal))
                {
                    continue;
                }

                var country = row.GetValueOrDefault("B");
                var hts = row.GetValueOrDefault("C");
                if (measure.Length == 0 || country is null || hts is null)
                {
                    throw new InvalidDataException($"{where} sheet '{name}' row {index}: no data type, country or HTS number.");
                }

                foreach (var (column, year, suppressedColumn) in yearColumns)
                {
                    var value = Number(row, column, $"{where} sheet '{name}' row {index} ({country}, {hts}, {year})");
                    var suppressed = suppressedColumn is null ? 0 : (int)Number(row, suppressedColumn, $"{where} sheet '{name}' row {index} ({country}, {hts}, {year}, suppressed)");
                    years.Add(year);
                    records.Add(new UsitcRecord(country, hts, row.GetValueOrDefault("D") ?? "", measure, row.GetValueOrDefault("E") ?? "", year, value, suppressed));
                }
            }
        }

        return new UsitcReport(flow, downloaded, countries, [.. years], records);
    }
}
