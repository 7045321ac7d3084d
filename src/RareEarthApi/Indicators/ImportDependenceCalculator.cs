using System.Globalization;
using RareEarthApi.Commodities;
using RareEarthApi.Countries;
using RareEarthApi.Datasets;
using RareEarthApi.Http;
using RareEarthApi.Trade;

namespace RareEarthApi.Indicators;

/// <summary>A validated import-dependence question: one importer, one supplier (neither an aggregate), HS codes of one 4-digit heading.</summary>
internal sealed record ImportDependenceRequest(string Importer, string Supplier, IReadOnlyList<string> Hs, IReadOnlyList<string> Asked, int? Start, int? End);

/// <summary>
/// The supplier's share of the importer's imports per year, by weight and by value, from the importer's as-reported trade rows:
/// numerator = imports from the supplier, denominator = imports from the World; null with a warning where either is missing.
/// </summary>
internal sealed class ImportDependenceCalculator(CountryCatalog countries, CommodityCatalog commodities)
{
    /// <summary>The 4-digit heading a code belongs to: shares over codes of different headings would add unrelated products.</summary>
    public static string Heading(string code) => code.Length >= 4 ? code[..4] : code;

    /// <summary>Why the codes asked cannot form one share (codes of more than one 4-digit heading), or null.</summary>
    public static string? MixedHeadings(IReadOnlyList<string> asked)
    {
        var headings = asked.Select(Heading).Distinct(StringComparer.Ordinal).ToList();
        return headings.Count <= 1
            ? null
            : $"hs mixes codes of different 4-digit headings ({string.Join(", ", headings)}): their weights and values would be added as if they were one product, " +
              "and a figure from one heading would be labelled with all. Ask for one heading at a time (e.g. hs=2846, or hs=850511).";
    }

    /// <summary>Why a country cannot be the importer or the supplier (an aggregate such as the World), or null.</summary>
    public string? Aggregate(string role, string iso3) =>
        countries.ByIso3(iso3) is not { IsAggregate: true } aggregate
            ? null
            : role == "supplier"
                ? $"supplier '{iso3}' ({aggregate.Name}) is an aggregate: the importer's imports from the World are the denominator, so the supplier must be one country."
                : $"importer '{iso3}' ({aggregate.Name}) is an aggregate: dependence is measured on one reporting country's imports.";

    public IndicatorResult<ImportDependenceJson> Compute(DatasetSnapshot<TradeFlow> snapshot, ImportDependenceRequest request, ReportedShares? reported = null)
    {
        var (importer, supplier) = (request.Importer, request.Supplier);
        var rows = Dedupe(snapshot.Rows
            .Where(r => r.Reporter == importer && r.Flow == TradeFlow.Import && request.Hs.Contains(r.Hs))
            .ToList());

        // Mirror: the supplier's declared exports to the importer stand in for the numerator where the importer reports none.
        var mirror = Dedupe(snapshot.Rows
            .Where(r => r.Reporter == supplier && r.Partner == importer && r.Flow == TradeFlow.Export && request.Hs.Contains(r.Hs))
            .ToList());
        var headings = request.Asked.Select(Heading).Distinct(StringComparer.Ordinal).ToList();
        var secondary = (reported?.All ?? [])
            .Where(r => r.Importer == importer && r.Supplier == supplier && headings.All(h => ReportedShares.Headings.Contains(h)))
            .ToList();
        var (start, end) = (request.Start, request.End);
        var years = start is not null || end is not null
            ? Enumerable.Range(start ?? end!.Value, (end ?? start!.Value) - (start ?? end!.Value) + 1).ToList()
            : rows.Select(r => r.Year).Concat(mirror.Select(r => r.Year)).Concat(secondary.Select(r => r.Year)).Distinct().Order().ToList();
        var hsText = string.Join(",", request.Asked);
        var gaps = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var used = new List<RowUsed>();
        var data = new List<ImportDependenceJson>();
        var series = rows.GroupBy(r => (Source: SourceOf(snapshot, r), r.Basis)).OrderBy(g => g.Key.Basis, StringComparer.Ordinal).ThenBy(g => g.Key.Source, StringComparer.Ordinal).ToList();
        foreach (var year in years)
        {
            var before = data.Count;
            foreach (var s in series)
            {
                var inYear = s.Where(r => r.Year == year).ToList();
                if (inYear.Count > 0)
                {
                    data.Add(Series(snapshot, request, year, s.Key.Basis, inYear, used, gaps));
                }
            }

            var mirrored = mirror.Where(r => r.Year == year).ToList();
            if (mirrored.Count > 0 && !data.Skip(before).Any(d => d.NumeratorUsd is not null || d.NumeratorKg is not null))
            {
                data.Add(Mirror(snapshot, request, year, mirrored, rows.Where(r => r.Year == year && r.Partner == "WLD").ToList(), used, gaps));
            }

            foreach (var r in secondary.Where(r => r.Year == year).OrderBy(r => r.Period.Length).ThenBy(r => r.Period, StringComparer.Ordinal))
            {
                used.Add(new RowUsed(ReportedShares.File, "reported", year, importer, supplier, null, r.FromSupplierT * 1000, "kg", r.Url));
                data.Add(new ImportDependenceJson(
                    importer, Name(importer), supplier, Name(supplier), "rare earths (as the report counts them)", year, r.Period,
                    r.ShareByWeight, r.FromSupplierT * 1000, r.TotalT * 1000, null, null, null, "percent",
                    ImportDependenceBasis.Secondary, $"the importer's total imports of rare earths as the report gives them ({r.Statistic})", null, null,
                    [], [], r.Statistic, r.Url));
            }

            if (data.Count == before)
            {
                Gap(gaps, $"{importer} reports no imports from the World (the denominator) under HS {hsText} in the served trade data, and no reported figure is bundled, so no share is computed", year);
                data.Add(new ImportDependenceJson(importer, Name(importer), supplier, Name(supplier), hsText, year, Year(year), null, null, null, null, null, null, "percent",
                    ImportDependenceBasis.None, "none: no imports of the importer are served for the year", null, null, [], [], null, null));
            }

            var bases = data.Skip(before).Where(d => d.Basis != ImportDependenceBasis.None).Select(d => d.Basis).Distinct(StringComparer.Ordinal).ToList();
            if (bases.Count > 1)
            {
                Gap(gaps, $"the year has rows of more than one basis ({string.Join(", ", bases)}); they measure different things (and may count different products), so compare them side by side, never add or chain them", year);
            }
        }

        var warnings = gaps.Select(g => $"{ConcentrationCalculator.Ranges(g.Value)}: {g.Key}.").ToList();
        if (data.Any(d => d.Basis == ImportDependenceBasis.None))
        {
            // Say what is served, so a year without an answer is not taken for a share of zero.
            var importers = snapshot.Rows.Where(r => r.Flow == TradeFlow.Import && request.Hs.Contains(r.Hs));
            warnings.Add($"Served for {Name(importer)} ({importer}) on {Name(supplier)} ({supplier}) under HS {hsText}: {importer}'s own trade rows (as-reported) {TradeCoverage.Years(rows)}; " +
                         $"{supplier}'s exports to {importer} (mirror) {TradeCoverage.Years(mirror)}; reported figures (secondary) {TradeCoverage.Years(secondary.Select(r => r.Year))}. " +
                         $"Importers with imports under HS {hsText} in the served trade data: {TradeCoverage.ByReporter(importers)}.");
        }

        if (secondary.Count > 0)
        {
            warnings.Add($"Rows with basis secondary are {Name(importer)}'s rare-earth imports as reports quote the official statistic (each row names the page and the statistic): shares by weight as the report gives them, of \"rare earths\" as the report counts them, not of HS {hsText} alone.");
        }

        if (request.Asked.Count > 1)
        {
            var range = years.Count == 0 ? "" : $" in {ConcentrationCalculator.Ranges(years)}";
            foreach (var code in request.Asked.Where(c => !rows.Any(r => years.Contains(r.Year) && commodities.Expand(c).Contains(r.Hs))))
            {
                warnings.Add($"HS {code}: {importer} reports no imports under it{range} in the served trade data; the figures labelled HS {hsText} come from the other codes alone.");
            }
        }

        if (data.Count == 0)
        {
            warnings.Add($"{importer} reports no imports under HS {hsText} in the served trade data; GET /api/v1/datasets lists what the trade data covers (reporters, years, editions), and /api/swagger/ui documents the routes.");
        }

        return new IndicatorResult<ImportDependenceJson>(data, used, warnings);
    }

    /// <summary>One source's rows of one year: against its World row, or against the sum of its partners where it has none (USITC DataWeb lists partners only).</summary>
    private ImportDependenceJson Series(DatasetSnapshot<TradeFlow> snapshot, ImportDependenceRequest request, int year, string basis, List<TradeFlow> inYear, List<RowUsed> used, Dictionary<string, List<int>> gaps)
    {
        var (importer, supplier) = (request.Importer, request.Supplier);
        var hsText = string.Join(",", request.Asked);
        var source = SourceOf(snapshot, inYear[0]);
        var numerator = inYear.Where(r => r.Partner == supplier).ToList();
        var world = inYear.Where(r => r.Partner == "WLD").ToList();
        var partners = inYear.Where(r => countries.ByIso3(r.Partner) is not { IsAggregate: true }).ToList();
        var denominator = world.Count > 0 ? world : partners;
        var listed = partners.Select(r => r.Partner).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var denominatorText = world.Count > 0
            ? "imports from the World (partner WLD), as the source gives it"
            : $"the sum of the {listed.Count} partners {source} lists for the year (the source gives no World total): {string.Join(", ", listed)}";
        used.AddRange(numerator.Select(r => Used("numerator", r)));
        used.AddRange(denominator.Select(r => Used("denominator", r)));
        var (nKg, dKg) = (Sum(numerator, r => r.NetWeightKg), Sum(denominator, r => r.NetWeightKg));
        var (nUsd, dUsd) = (Sum(numerator, r => r.ValueUsd), Sum(denominator, r => r.ValueUsd));
        if (world.Count == 0)
        {
            Gap(gaps, $"{source} gives no World total, so the denominator is the sum of the partners it lists (each row's denominator names them); a share of listed partners overstates the share of all imports", year);
        }

        if (dKg is null or 0)
        {
            Gap(gaps, $"the denominator carries no net weight in {source}, so the share by weight is null", year);
        }

        if (dUsd is null or 0)
        {
            Gap(gaps, $"the denominator carries no value in {source}, so the share by value is null", year);
        }

        if (numerator.Count == 0)
        {
            Gap(gaps, $"{source} has no row of {importer}'s imports from {supplier} under HS {hsText} although it has others; the numerator is unknown, not zero", year);
        }

        // Diversification: HHI of the importer's suppliers by value, over the partner rows of this source and year.
        var parts = partners.Where(r => r.ValueUsd is > 0).GroupBy(r => r.Partner).Select(g => new Part(g.Key, g.Sum(r => r.ValueUsd!.Value))).ToList();
        var concentration = SupplyIndicators.Concentrate(parts, world.Count > 0 ? dUsd : null);
        var editions = numerator.Concat(denominator).Select(r => r.Edition).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new ImportDependenceJson(
            importer, Name(importer), supplier, Name(supplier), hsText, year, Year(year),
            ConcentrationCalculator.Round(SupplyIndicators.Share(nKg, dKg)), nKg, dKg,
            ConcentrationCalculator.Round(SupplyIndicators.Share(nUsd, dUsd)), nUsd, dUsd, "percent",
            basis, denominatorText, ConcentrationCalculator.Round(concentration.Hhi), parts.Count,
            editions, editions.Select(e => snapshot.Edition(e)?.SourceId ?? e).Distinct(StringComparer.Ordinal).ToList(), null, null);
    }

    /// <summary>The supplier's exports to the importer over the importer's own World row: two declarations, so always warned.</summary>
    private ImportDependenceJson Mirror(DatasetSnapshot<TradeFlow> snapshot, ImportDependenceRequest request, int year, List<TradeFlow> numerator, List<TradeFlow> world, List<RowUsed> used, Dictionary<string, List<int>> gaps)
    {
        var (importer, supplier) = (request.Importer, request.Supplier);
        used.AddRange(numerator.Select(r => Used("numerator", r)));
        used.AddRange(world.Select(r => Used("denominator", r)));
        var (nKg, dKg) = (Sum(numerator, r => r.NetWeightKg), world.Count == 0 ? null : Sum(world, r => r.NetWeightKg));
        var (nUsd, dUsd) = (Sum(numerator, r => r.ValueUsd), world.Count == 0 ? null : Sum(world, r => r.ValueUsd));
        Gap(gaps, world.Count == 0
            ? $"the numerator is {supplier}'s reported exports to {importer} (mirror) and {importer} reports no World total, so no share is computed"
            : $"the numerator is {supplier}'s reported exports to {importer} (mirror, FOB) over {importer}'s own World total (CIF): two declarations of different valuation", year);
        var editions = numerator.Concat(world).Select(r => r.Edition).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new ImportDependenceJson(
            importer, Name(importer), supplier, Name(supplier), string.Join(",", request.Asked), year, Year(year),
            ConcentrationCalculator.Round(SupplyIndicators.Share(nKg, dKg)), nKg, dKg,
            ConcentrationCalculator.Round(SupplyIndicators.Share(nUsd, dUsd)), nUsd, dUsd, "percent",
            ImportDependenceBasis.Mirror, world.Count == 0 ? "none: the importer reports no World total" : "the importer's imports from the World (partner WLD), as it reports them", null, null,
            editions, editions.Select(e => snapshot.Edition(e)?.SourceId ?? e).Distinct(StringComparer.Ordinal).ToList(), null, null);
    }

    private string Name(string iso3) => countries.ByIso3(iso3)?.Name ?? iso3;

    private static string Year(int year) => year.ToString(CultureInfo.InvariantCulture);

    private static string SourceOf(DatasetSnapshot<TradeFlow> snapshot, TradeFlow r) => snapshot.Edition(r.Edition)?.SourceId ?? r.Edition;

    /// <summary>A 4-digit heading row stands in for its subheadings: where both are served for a partner and year, the subheadings go.</summary>
    internal List<TradeFlow> Dedupe(List<TradeFlow> rows) =>
        rows.Where(r => commodities.Hs(r.Hs)?.Parent is not { } parent
                        || !rows.Any(o => o.Hs == parent && o.Partner == r.Partner && o.Year == r.Year)).ToList();

    private static double? Sum(IReadOnlyList<TradeFlow> rows, Func<TradeFlow, double?> select) =>
        rows.Count == 0 || rows.Any(r => select(r) is null) ? null : rows.Sum(r => select(r)!.Value);

    private static void Gap(Dictionary<string, List<int>> gaps, string reason, int year)
    {
        if (!gaps.TryGetValue(reason, out var years))
        {
            gaps[reason] = years = [];
        }

        years.Add(year);
    }

    private static RowUsed Used(string role, TradeFlow r) =>
        new("trade", role, r.Year, r.Reporter, r.Partner, r.Hs, r.NetWeightKg, "kg", r.Edition, r.ValueUsd);
}
