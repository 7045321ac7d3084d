using System.Globalization;
using System.Text.RegularExpressions;
using RareEarthApi.Countries;
using RareEarthApi.Datasets;

namespace RareEarthApi.Indicators;

/// <summary>
/// One importer's rare-earth imports as a report quotes an official statistic (basis secondary): the period (a year,
/// a month "2010-09" or a half "2012-H1"), tonnes from the supplier and in total, the share by weight, each only
/// where the page gives it, and the page read with the words it says it in.
/// </summary>
public sealed record ReportedShare(
    string Importer,
    string Supplier,
    string Period,
    int Year,
    double? FromSupplierT,
    double? TotalT,
    double? ShareByWeight,
    string Statistic,
    string Url,
    string Page,
    string Publisher,
    string? Published,
    string Quote);

/// <summary>
/// The bundled reported figures (Seed/import-shares-reported.csv): where no customs file of the importer is bundled
/// (Japan), import-dependence shows what reports of the official statistics say, labelled secondary. They count
/// "rare earths" as the report does (metals and compounds), so they answer questions on headings 2805 and 2846 only.
/// </summary>
public sealed partial class ReportedShares
{
    public const string File = "import-shares-reported.csv";

    /// <summary>The headings whose questions the reported "rare earths" answer: metals (2805) and compounds (2846), never magnets.</summary>
    public static IReadOnlyList<string> Headings { get; } = ["2805", "2846"];

    public ReportedShares(IReadOnlyList<ReportedShare> rows) => All = rows;

    public IReadOnlyList<ReportedShare> All { get; }

    public static ReportedShares Load(CountryCatalog countries) => Load(SeedFiles.Path(File), countries);

    public static ReportedShares Load(string path, CountryCatalog countries)
    {
        var rows = new List<ReportedShare>();
        foreach (var (r, line) in CsvFiles.Read(path).Select((r, i) => (r, i + 2)))
        {
            var period = r.Required("period", File, line);
            var match = PeriodPattern().Match(period);
            if (!match.Success)
            {
                throw new InvalidDataException($"{File} row {line}: period '{period}' is not a year (2010), a month (2010-09) or a half (2012-H1).");
            }

            var row = new ReportedShare(
                Country(r.Required("importer", File, line), countries, line),
                Country(r.Required("supplier", File, line), countries, line),
                period,
                int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture),
                Number(r.Optional("fromSupplierT"), line),
                Number(r.Optional("totalT"), line),
                Number(r.Optional("shareByWeight"), line),
                r.Required("statistic", File, line),
                r.Required("url", File, line),
                r.Required("page", File, line),
                r.Required("publisher", File, line),
                r.Optional("published"),
                r.Required("quote", File, line));
            if (row.FromSupplierT is null && row.TotalT is null && row.ShareByWeight is null)
            {
                throw new InvalidDataException($"{File} row {line}: no figure (fromSupplierT, totalT or shareByWeight).");
            }

            if (row.ShareByWeight > 100)
            {
                throw new InvalidDataException($"{File} row {line}: a share over 100%.");
            }

            rows.Add(row);
        }

        return new ReportedShares(rows);
    }

    private static string Country(string code, CountryCatalog countries, int line) =>
        countries.ByIso3(code) is { IsAggregate: false } c ? c.Iso3 : throw new InvalidDataException($"{File} row {line}: '{code}' is not a country's ISO3 code.");

    private static double? Number(string? text, int line) =>
        text is null ? null
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0 ? v
        : throw new InvalidDataException($"{File} row {line}: '{text}' is not a non-negative number.");

    [GeneratedRegex(@"^(?<year>\d{4})(-(0[1-9]|1[0-2])|-H[12])?$")]
    private static partial Regex PeriodPattern();
}
