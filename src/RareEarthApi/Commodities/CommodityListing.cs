using RareEarthApi.Datasets;
using RareEarthApi.Production;
using RareEarthApi.UsStatistics;

namespace RareEarthApi.Commodities;

/// <summary>What the served production and reserves rows say of one commodity: its names, units, stages and editions.</summary>
public sealed record CommodityFigures(
    IReadOnlyList<string> UsgsNames,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> Units,
    IReadOnlyList<string> Stages,
    IReadOnlyList<string> Editions,
    bool? Critical);

/// <summary>
/// /api/v1/commodities: the reference list (elements, HS codes) joined with every commodity the served observation
/// rows name, and every commodity only the U.S. salient statistics name, so a commodity a release adds is listed as
/// soon as it is served.
/// </summary>
internal static class CommodityListing
{
    public static IReadOnlyList<Commodity> List(CommodityCatalog catalog, IEnumerable<DatasetSnapshot<Observation>> snapshots, DatasetSnapshot<UsStatistic> usStatistics)
    {
        var figures = snapshots.SelectMany(s => s.Rows).GroupBy(r => r.Commodity, StringComparer.Ordinal).ToDictionary(g => g.Key,
            g => Figures(catalog, g.Key, g.Select(r => new FigureRow(r.CommodityName, r.Unit, r.Stage, r.Edition, r.Critical))), StringComparer.Ordinal);
        var listed = catalog.All.Select(c => c with { Figures = figures.GetValueOrDefault(c.Id) }).ToList();
        var known = listed.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        listed.AddRange(figures.Where(f => !known.Contains(f.Key)).OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => new Commodity(
            f.Key, f.Value.UsgsNames.LastOrDefault() ?? f.Key, "Figures from the USGS Mineral Commodity Summaries world tables.", [], []) { Figures = f.Value }));
        // A commodity with a U.S. salient-statistics table but no world table under its id (abrasives; soda-ash, whose
        // world tables are soda-ash-natural, …): listed with the editions of its U.S. figures, its name as the newest of
        // them prints it; it has no world units or stages.
        known.UnionWith(figures.Keys);
        listed.AddRange(usStatistics.Rows.Where(r => !known.Contains(r.Commodity)).GroupBy(r => r.Commodity, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Commodity(g.Key, g.MaxBy(r => r.Edition)!.CommodityName,
                "U.S. salient statistics only under this id (/api/v1/us-statistics): no world production or reserves table is served under it; a chapter whose world tables come in forms or as commodities of their own has them under those ids (clays-kaolin, titanium-sponge-metal).", [], [])
            {
                Figures = Figures(catalog, g.Key, g.Select(r => new FigureRow(r.CommodityName, null, null, r.Edition, r.Critical))),
            }));
        return listed;
    }

    /// <summary>What one commodity's rows say, whichever dataset they come from (a U.S. row has no unit or stage of a world table).</summary>
    private sealed record FigureRow(string? Name, string? Unit, string? Stage, string Edition, bool? Critical);

    private static CommodityFigures Figures(CommodityCatalog catalog, string commodity, IEnumerable<FigureRow> rows)
    {
        var all = rows.ToList();
        return new CommodityFigures(Texts(all, r => r.Name), catalog.UsgsNames.AliasesOf(commodity), Texts(all, r => r.Unit), Texts(all, r => r.Stage), Texts(all, r => r.Edition),
            // The newest edition that says whether the commodity is on the U.S. critical minerals list.
            all.Where(r => r.Critical is not null).MaxBy(r => r.Edition)?.Critical);
    }

    private static IReadOnlyList<string> Texts(IEnumerable<FigureRow> rows, Func<FigureRow, string?> text) =>
        [.. rows.Select(text).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
