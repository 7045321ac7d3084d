using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using RareEarthApi.Http;
namespace RareEarthApi.Indicators;

/// <summary>One part of a whole: a country and its quantity (or its share, when the source gives shares).</summary>
public sealed record Part(string Key, double Value);

/// <summary>How concentrated one year's supply is, in percent of the denominator.</summary>
public sealed record Concentration(
    IReadOnlyList<Part> Shares,
    string? Top,
    double? TopShare,
    IReadOnlyList<string> TopThree,
    double? TopThreeShare,
    double? Hhi,
    double? Denominator,
    double? Coverage);

/// <summary>
/// The indicator maths, with no runtime: shares, the top supplier, the top three, the Herfindahl–Hirschman index,
/// and a share that is null (never a division by zero) when its denominator is missing or zero.
/// </summary>
public static class SupplyIndicators
{
    public const string ConcentrationFormula =
        "share_i = value_i / D × 100, where D is the year's World row, taken from the edition that gives the year's largest country figure when that edition has one (a share is read against the total of its own table), else the latest (the sum of the country rows when no World row is served; 100 when the rows are already shares); " +
        "topShare = max share_i; topThreeShare = the sum of the three largest share_i; HHI = Σ share_i² over the countries with figures (0–10,000); " +
        "coverage = Σ value_i / D × 100. Aggregate rows (World, Other countries, top-three groups) never enter the sums; rows are edition=latest.";

    public const string ImportDependenceFormula =
        "Per year and source: shareByWeight = N_kg / D_kg × 100 and shareByValue = N_usd / D_usd × 100, where N is the importer's imports from the supplier under the HS codes asked " +
        "(a 4-digit heading row stands in for its subheadings, never added to them) and D its imports from the World (partner WLD) in the same source; where the source gives no World total " +
        "(USITC DataWeb), D is the sum of the partners it lists, named in the row's denominator. basis as-reported: the importer's own declaration; mirror: the supplier's declared exports " +
        "to the importer, used only where the importer reports no numerator; secondary: shares and tonnages as a report quoting the official statistic gives them (the page and statistic " +
        "are named), never computed here. supplierHhi = Σ share_i² of the importer's partners by value (0–10,000; lower is more diversified). A missing or zero denominator gives null and a warning; " +
        "a year with rows of more than one basis is warned.";

    /// <summary>Parts as percentages of <paramref name="total"/> (of their own sum when null), ranked largest first.</summary>
    public static Concentration Concentrate(IReadOnlyList<Part> parts, double? total)
    {
        var denominator = total ?? parts.Sum(p => p.Value);
        if (parts.Count == 0 || denominator <= 0)
        {
            return new Concentration([], null, null, [], null, null, denominator > 0 ? denominator : null, null);
        }

        var shares = parts
            .Select(p => new Part(p.Key, p.Value / denominator * 100))
            .OrderByDescending(p => p.Value)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .ToList();
        var topThree = shares.Take(3).ToList();
        return new Concentration(
            shares,
            shares[0].Key,
            shares[0].Value,
            topThree.Select(p => p.Key).ToList(),
            topThree.Sum(p => p.Value),
            Hhi(shares.Select(p => p.Value)),
            denominator,
            parts.Sum(p => p.Value) / denominator * 100);
    }

    /// <summary>Herfindahl–Hirschman index of shares given in percent: Σ share², 0 to 10,000.</summary>
    public static double Hhi(IEnumerable<double> sharesInPercent) => sharesInPercent.Sum(s => s * s);

    /// <summary>numerator / denominator in percent; null when either is missing or the denominator is not positive.</summary>
    public static double? Share(double? numerator, double? denominator) =>
        numerator is { } n && denominator is > 0 ? n / denominator.Value * 100 : null;
}

/// <summary>Compile-time JSON for the indicator routes (ApiJson's options).</summary>
[JsonSerializable(typeof(Envelope<ConcentrationJson>))]
[JsonSerializable(typeof(Envelope<ImportDependenceJson>))]
internal sealed partial class IndicatorJsonContext : JsonSerializerContext
{
    public static JsonTypeInfo<Envelope<ConcentrationJson>> Concentration { get; } = ApiJson.TypeInfo<Envelope<ConcentrationJson>>(o => new IndicatorJsonContext(o));

    public static JsonTypeInfo<Envelope<ImportDependenceJson>> ImportDependence { get; } = ApiJson.TypeInfo<Envelope<ImportDependenceJson>>(o => new IndicatorJsonContext(o));
}
