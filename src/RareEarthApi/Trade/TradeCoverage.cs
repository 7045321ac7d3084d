using RareEarthApi.Indicators;

namespace RareEarthApi.Trade;

/// <summary>What served trade rows cover, in the words of a warning: each reporter's years and HS codes.</summary>
internal static class TradeCoverage
{
    /// <summary>"CHN 1993–2024 (HS 2846); USA 1993–2025 (HS 2805, 2846, 8505)", or "none".</summary>
    public static string ByReporter(IEnumerable<TradeFlow> rows)
    {
        var parts = rows.GroupBy(r => r.Reporter, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {Years(g)} (HS {string.Join(", ", g.Select(r => r.Hs).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))})")
            .ToList();
        return parts.Count == 0 ? "none" : string.Join("; ", parts);
    }

    /// <summary>The years of the rows as ranges ("2008–2012, 2014"), or "none".</summary>
    public static string Years(IEnumerable<TradeFlow> rows) => Years(rows.Select(r => r.Year));

    public static string Years(IEnumerable<int> years)
    {
        var list = years.Distinct().ToList();
        return list.Count == 0 ? "none" : ConcentrationCalculator.Ranges(list);
    }
}
