using RareEarthApi.Http;

namespace RareEarthApi.Commodities;

/// <summary>Reads the <c>hs</c> and <c>element</c> parameters against the commodity catalog; unknown codes are errors.</summary>
internal static class CommodityQuery
{
    public static ParameterSpec Hs { get; } = new("hs", ParameterKind.StringList,
        "HS codes, comma-separated: 280530 (metals), 2846 (compounds; expands to 284610 and 284690), 284610, 284690, 850511 (permanent magnets of metal).", "2846");

    public static ParameterSpec ElementParameter { get; } = new("element", ParameterKind.StringList,
        "Elements by symbol or English name, comma-separated (Dy, Tb, Neodymium). /api/v1/commodities lists them.", "Dy,Tb");

    /// <summary>The requested codes with 4-digit headings expanded to their subheadings; the codes as asked, canonical.</summary>
    public static (IReadOnlyList<string> Expanded, IReadOnlyList<string> Asked) HsCodes(QueryReader q, CommodityCatalog catalog)
    {
        var expanded = new List<string>();
        var asked = new List<string>();
        foreach (var text in q.List(Hs.Name))
        {
            var code = text.Replace(".", "", StringComparison.Ordinal);
            var codes = catalog.Expand(code);
            if (codes.Count == 0)
            {
                var suggestions = catalog.SuggestHs(code);
                q.Fail(Hs.Name, text, $"hs '{text}' is not an HS code this API serves." + (suggestions.Count > 0 ? $" Did you mean {string.Join(" or ", suggestions)}?" : ""),
                    catalog.HsCodeList, suggestions.Count > 0 ? suggestions : null);
                continue;
            }

            asked.Add(code);
            expanded.AddRange(codes);
        }

        return (expanded.Distinct(StringComparer.Ordinal).ToList(), asked);
    }

    /// <summary>Element symbols, canonical; unknown ones are errors listing the accepted symbols.</summary>
    public static IReadOnlyList<string> Elements(QueryReader q, CommodityCatalog catalog)
    {
        var symbols = new List<string>();
        foreach (var text in q.List(ElementParameter.Name))
        {
            if (catalog.Element(text) is { } element)
            {
                symbols.Add(element.Symbol);
            }
            else
            {
                var near = catalog.Elements.Where(e => e.Name.StartsWith(text, StringComparison.OrdinalIgnoreCase) || e.Symbol.StartsWith(text, StringComparison.OrdinalIgnoreCase))
                    .Select(e => e.Symbol).Take(3).ToList();
                q.Fail(ElementParameter.Name, text, $"element '{text}' is not an element this API knows." + (near.Count > 0 ? $" Did you mean {string.Join(" or ", near)}?" : ""),
                    catalog.ElementSymbols, near.Count > 0 ? near : null);
            }
        }

        return symbols.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Whether a code covers or is covered by one of the wanted codes (2846 and 284690 overlap).</summary>
    public static bool Overlaps(string code, IReadOnlyCollection<string> wanted) =>
        wanted.Any(w => code.StartsWith(w, StringComparison.Ordinal) || w.StartsWith(code, StringComparison.Ordinal));
}
