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
        var rows = snapshots.SelectMany(s => s.Rows).ToList();
        var figures = rows.GroupBy(r => r.Commodity, StringComparer.Ordinal).ToDictionary(g => g.Key, g => new CommodityFigures(
            [.. g.Select(r => r.CommodityName).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            catalog.UsgsNames.AliasesOf(g.Key),
            [.. g.Select(r => r.Unit).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            [.. g.Select(r => r.Stage).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            [.. g.Select(r => r.Edition).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            // The newest edition that says whether the commodity is on the U.S. critical minerals list.
            g.Where(r => r.Critical is not null).MaxBy(r => r.Edition)?.Critical), StringComparer.Ordinal);
        var listed = catalog.All.Select(c => c with { Figures = figures.GetValueOrDefault(c.Id) }).ToList();
        var known = listed.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        listed.AddRange(figures.Where(f => !known.Contains(f.Key)).OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => new Commodity(
            f.Key, f.Value.UsgsNames.LastOrDefault() ?? f.Key, "Figures from the USGS Mineral Commodity Summaries world tables.", [], []) { Figures = f.Value }));
        // A commodity with a U.S. salient-statistics table but no world table (abrasives, …): listed with the editions
        // of its U.S. figures, its name as the newest of them prints it; it has no world units or stages.
        known.UnionWith(figures.Keys);
        listed.AddRange(usStatistics.Rows.Where(r => !known.Contains(r.Commodity)).GroupBy(r => r.Commodity, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Commodity(g.Key, g.MaxBy(r => r.Edition)!.CommodityName,
                "U.S. salient statistics only (/api/v1/us-statistics): the USGS Mineral Commodity Summaries give this commodity no world production or reserves table.", [], [])
            {
                Figures = new CommodityFigures(
                    [.. g.Select(r => r.CommodityName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                    catalog.UsgsNames.AliasesOf(g.Key), [], [],
                    [.. g.Select(r => r.Edition).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                    g.Where(r => r.Critical is not null).MaxBy(r => r.Edition)?.Critical),
            }));
        return listed;
    }
}
