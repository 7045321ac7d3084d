using System.Globalization;
using RareEarthApi.Commodities;
using RareEarthApi.Countries;
using RareEarthApi.Refresh.Usitc;

namespace RareEarthApi.Trade;

/// <summary>
/// A DataWeb report as trade rows of the United States: one row per partner, HTS heading of the rare-earth list
/// (hs-codes.csv) and full year, with the value summed over the file's unit-of-quantity lines and the net weight only
/// where the whole value is counted in kilograms. Where a heading mixes units (8505: number, kilograms, no units), the
/// note gives each line as the file does; nothing is converted. A partner-year the file gives as 0 is no row.
/// </summary>
internal static class UsitcTradeMapping
{
    public const string SourceId = "usitc-dataweb";
    public const string CustomsValue = "customs-value";
    public const string Fas = "FAS";
    private const string Kilograms = "kilograms";

    public static UsitcMapping Map(UsitcReport report, CountryCatalog countries, CommodityCatalog commodities, string edition)
    {
        var imports = report.TradeFlow == UsitcDataWebParser.ImportsForConsumption;
        var (valueMeasure, flow, valuation, flowText) = imports
            ? ("Customs Value", TradeFlow.Import, CustomsValue, "U.S. imports for consumption, customs value")
            : ("FAS Value", TradeFlow.Export, Fas, "U.S. domestic exports, FAS value");
        var reporter = countries.ByIso3("USA") ?? throw new InvalidDataException("countries.csv has no USA.");
        var rows = new List<TradeFlow>();
        var problems = new List<string>();
        var partners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var label in report.Records.Select(r => r.Country).Distinct(StringComparer.Ordinal))
        {
            if (countries.Resolve(label) is { IsAggregate: false } partner)
            {
                partners[label] = partner.Iso3;
            }
            else
            {
                problems.Add($"partner '{label}' is not a country in the crosswalk (countries.csv name or alias).");
            }
        }

        foreach (var group in report.Records
                     .Where(r => commodities.Hs(r.Hts) is { } hs && hs.Code == r.Hts && partners.ContainsKey(r.Country))
                     .GroupBy(r => (r.Country, r.Hts, r.Year)))
        {
            var values = group.Where(r => r.Measure == valueMeasure).ToList();
            var firstUnit = group.Where(r => r.Measure == "First Unit of Quantity" && r.Value > 0).ToList();
            var secondUnit = group.Where(r => r.Measure == "Second Unit of Quantity" && r.Value > 0).ToList();
            var value = values.Sum(r => r.Value);
            if (value == 0 && firstUnit.Count == 0)
            {
                continue;
            }

            // Net weight only where every valued line is counted in kilograms: a weight of part of the value would pass for all of it.
            var valued = values.Where(r => r.Value > 0).ToList();
            var allKg = valued.Count > 0 && valued.All(r => Unit(r) == Kilograms);
            var kgLines = firstUnit.Where(r => r.QuantityDescription == Kilograms).ToList();
            var suppressed = group.Where(r => r.Measure.EndsWith("Unit of Quantity", StringComparison.Ordinal)).Sum(r => r.Suppressed);
            double? weight = allKg && suppressed == 0 && kgLines.Sum(r => r.Value) is > 0 and var kg ? kg : null;
            var note = $"{flowText} (USITC DataWeb); no World total in the file, which lists {report.Countries.Count} partners.";
            if (suppressed > 0)
            {
                note += string.Create(CultureInfo.InvariantCulture, $" The file marks {suppressed} record(s) of this partner and year with a suppressed quantity; quantities are incomplete, so no net weight.");
            }

            if (!allKg || secondUnit.Count > 0)
            {
                note += $" As the file gives it: {valueMeasure.ToLowerInvariant()} by unit of quantity {Lines(valued, r => Unit(r), "USD")}" +
                        $"; first unit of quantity {Lines(firstUnit, r => r.QuantityDescription, null)}" +
                        (secondUnit.Count > 0 ? $"; second unit of quantity {Lines(secondUnit, r => r.QuantityDescription, null)}" : "") +
                        (allKg ? "." : "; no net weight: part of the value is counted in units other than kilograms.");
            }

            rows.Add(new TradeFlow(
                reporter.Iso3, reporter.Name, partners[group.Key.Country], group.Key.Country, flow, group.Key.Hts, group.Key.Year,
                value, weight, false, valuation, TradeFlow.AsReported, note, edition));
        }

        return new UsitcMapping(rows, problems);
    }

    /// <summary>The unit a value line is counted in: "Value for: kilograms" → kilograms.</summary>
    private static string Unit(UsitcRecord r) => r.QuantityDescription.StartsWith("Value for: ", StringComparison.Ordinal) ? r.QuantityDescription["Value for: ".Length..] : r.QuantityDescription;

    private static string Lines(IEnumerable<UsitcRecord> lines, Func<UsitcRecord, string> unit, string? suffix) =>
        string.Join(", ", lines.Select(r => suffix is null
            ? string.Create(CultureInfo.InvariantCulture, $"{r.Value:R} {unit(r)}")
            : string.Create(CultureInfo.InvariantCulture, $"{unit(r)} {r.Value:R} {suffix}"))) is { Length: > 0 } text ? text : "none";
}

/// <summary>The rows, and the problems (any one stops the seed).</summary>
internal sealed record UsitcMapping(IReadOnlyList<TradeFlow> Rows, IReadOnlyList<string> Problems);
