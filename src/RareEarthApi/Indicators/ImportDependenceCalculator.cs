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

    public IndicatorResult<ImportDependenceJson> Compute(DatasetSnapshot<TradeFlow> snapshot, ImportDependenceRequest request)
    {
        var (importer, supplier) = (request.Importer, request.Supplier);
        var rows = Dedupe(snapshot.Rows
            .Where(r => r.Reporter == importer && r.Flow == TradeFlow.Import && r.Basis == TradeFlow.AsReported && request.Hs.Contains(r.Hs))
            .ToList());
        var (start, end) = (request.Start, request.End);
        var years = start is not null || end is not null
            ? Enumerable.Range(start ?? end!.Value, (end ?? start!.Value) - (start ?? end!.Value) + 1).ToList()
            : rows.Select(r => r.Year).Distinct().Order().ToList();
        var inYears = rows.Where(r => years.Contains(r.Year)).ToList();
        var hsText = string.Join(",", request.Asked);
        var gaps = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var used = new List<RowUsed>();
        var data = new List<ImportDependenceJson>();
        foreach (var year in years)
        {
            var numerator = inYears.Where(r => r.Year == year && r.Partner == supplier).ToList();
            var denominator = inYears.Where(r => r.Year == year && r.Partner == "WLD").ToList();
            used.AddRange(numerator.Select(r => Used("numerator", r)));
            used.AddRange(denominator.Select(r => Used("denominator", r)));
            var (nKg, dKg) = (Sum(numerator, r => r.NetWeightKg), Sum(denominator, r => r.NetWeightKg));
            var (nUsd, dUsd) = (Sum(numerator, r => r.ValueUsd), Sum(denominator, r => r.ValueUsd));
            if (denominator.Count == 0)
            {
                Gap(gaps, $"{importer} reports no imports from the World (the denominator) under HS {hsText} in the served trade data, so no share is computed", year);
            }
            else
            {
                if (dKg is null or 0)
                {
                    Gap(gaps, "the World row carries no net weight, so the share by weight is null", year);
                }

                if (dUsd is null or 0)
                {
                    Gap(gaps, "the World row carries no value, so the share by value is null", year);
                }

                if (numerator.Count == 0)
                {
                    Gap(gaps, $"{importer} reports no imports from {supplier} under HS {hsText} although it reports a World total; the numerator is unknown, not zero", year);
                }
            }

            var editions = numerator.Concat(denominator).Select(r => r.Edition).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            data.Add(new ImportDependenceJson(
                importer, countries.ByIso3(importer)?.Name ?? importer, supplier, countries.ByIso3(supplier)?.Name ?? supplier, hsText, year,
                ConcentrationCalculator.Round(SupplyIndicators.Share(nKg, dKg)), nKg, dKg,
                ConcentrationCalculator.Round(SupplyIndicators.Share(nUsd, dUsd)), nUsd, dUsd, "percent",
                editions, editions.Select(e => snapshot.Edition(e)?.SourceId ?? e).Distinct(StringComparer.Ordinal).ToList()));
        }

        var warnings = gaps.Select(g => $"{ConcentrationCalculator.Ranges(g.Value)}: {g.Key}.").ToList();
        if (request.Asked.Count > 1)
        {
            var range = years.Count == 0 ? "" : $" in {ConcentrationCalculator.Ranges(years)}";
            foreach (var code in request.Asked.Where(c => !inYears.Any(r => commodities.Expand(c).Contains(r.Hs))))
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
