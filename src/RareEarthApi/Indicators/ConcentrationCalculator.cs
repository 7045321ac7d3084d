using System.Globalization;
using RareEarthApi.Countries;
using RareEarthApi.Datasets;
using RareEarthApi.Http;
using RareEarthApi.Production;
using RareEarthApi.Refining;

namespace RareEarthApi.Indicators;

/// <summary>The concentration indicator's rows, the served rows they come from, and what a reader should know about them.</summary>
internal sealed record IndicatorResult<T>(IReadOnlyList<T> Rows, IReadOnlyList<RowUsed> Used, IReadOnlyList<string> Warnings);

/// <summary>
/// Top country, top three and HHI per year from the served rows (edition=latest, aggregates excluded), with warnings for
/// countries the year has no figure for, and for country rows that cover too little or more than all of the total.
/// </summary>
internal sealed class ConcentrationCalculator(CountryCatalog countries)
{
    /// <summary>Under this, the country rows of a year leave too much of the total unexplained for the top shares to mean much.</summary>
    public const double MinimumCoverage = 80;

    /// <summary>Over this, the country rows add up to more than the total (a rounded or lower-bound World row).</summary>
    public const double MaximumCoverage = 100;

    public IndicatorResult<ConcentrationJson> FromObservations(
        string dataset, DatasetSnapshot<Observation> snapshot, int? start, int? end, string commodity = "rare-earths", string? stage = null, IReadOnlyList<string>? asked = null)
    {
        // Select the edition first, then set the null figures apart: a later edition's null must not fall back to an older figure.
        var commodityRows = snapshot.Rows.Where(r => r.Commodity == commodity && (stage is null || r.Stage == stage)).ToList();
        var rows = EditionSelection.Select(Versions.Newest(commodityRows), QueryParts.LatestEdition, snapshot, r => r.Edition, ObservationDatasets.LatestKey).ToList();
        var worldRows = commodityRows.Where(r => r.Country == "WLD" && r.Value is not null).ToLookup(r => (r.Year, r.Edition));
        var years = rows.GroupBy(r => r.Year).Select(g =>
        {
            var countryRows = g.Where(r => countries.ByIso3(r.Country) is not { IsAggregate: true }).ToList();
            var world = Denominator(g, countryRows, worldRows);
            return new YearRows(
                g.Key,
                countryRows.Where(r => r.Value is not null).Select(r => new RowUsed(dataset, "share", r.Year, r.Country, null, null, r.Value, r.Unit, r.Edition)).ToList(),
                world is null ? null : new RowUsed(dataset, "denominator", world.Year, world.Country, null, null, world.Value, world.Unit, world.Edition),
                countryRows.Where(r => r.Value is null).Select(r => $"{r.Country} ({r.Status})").ToList(),
                world is { Status: ObservationStatus.LowerBound } ? ["the World total is a lower bound, so the shares are upper bounds"] : []);
        }).ToList();
        var result = Compute(dataset, null, years, start, end, [], id => snapshot.Edition(id)?.SourceId);
        var withShares = result.Rows.Select(r => r with
        {
            Commodity = commodity,
            Stage = stage is null ? null : WireEnum.Of<SupplyStage>(stage),
            CountryShares = [.. (asked ?? []).Select(c => Share(years.Single(y => y.Year == r.Year), c, r.Denominator))],
        }).ToList();
        return result with { Rows = withShares };
    }

    /// <summary>One asked country's share of the year: its figure over the denominator the year's indicators use.</summary>
    private CountryShareJson Share(YearRows year, string iso3, double? denominator)
    {
        var row = year.Parts.FirstOrDefault(p => p.Country == iso3);
        return new CountryShareJson(iso3, countries.ByIso3(iso3)?.Name ?? iso3, row?.Value, Round(SupplyIndicators.Share(row?.Value, denominator)));
    }

    /// <summary>
    /// The year's World row from the edition of its largest country figure when that edition has one: the latest World row
    /// may come from another series (Data Series 140's world totals for 2010–2017 are far below the MCS tables the country
    /// figures come from), and a share is only meaningful against the total of the table it was published in.
    /// </summary>
    private static Observation? Denominator(IEnumerable<Observation> latest, IReadOnlyList<Observation> countryRows, ILookup<(int, string), Observation> worldRows)
    {
        var largest = countryRows.Where(r => r.Value is not null).MaxBy(r => r.Value);
        return (largest is null ? null : worldRows[(largest.Year, largest.Edition)].FirstOrDefault())
            ?? latest.FirstOrDefault(r => r.Country == "WLD" && r.Value is not null);
    }

    public IndicatorResult<ConcentrationJson> FromRefining(DatasetSnapshot<RefiningShare> snapshot, string scenario, int? start, int? end)
    {
        var rows = EditionSelection.Select(snapshot.Rows, QueryParts.LatestEdition, snapshot, r => r.Edition, RefiningDataset.LatestKey).Where(r => r.Scenario == scenario).ToList();
        var years = rows.GroupBy(r => r.Year).Select(g => new YearRows(
            g.Key,
            g.Where(r => !r.IsAggregate).Select(r => new RowUsed("refining", "share", r.Year, r.Country, null, null, r.Value, RefiningShare.Unit, r.Edition)).ToList(),
            null,
            [],
            g.Where(r => r.IsAggregate).Select(r => $"the source states {RefiningShare.Aggregates[r.Country].ToLowerInvariant()} ({string.Join(", ", r.Members)}) at {r.Value.ToString(CultureInfo.InvariantCulture)}%").ToList()))
            .ToList();
        List<string> warnings = ["Refining rows are already shares of world refined output: the indicators are computed from the country shares the source gives (denominator 100); where it gives fewer countries than it covers, the top-three share and the HHI are lower bounds."];
        return Compute("refining", scenario, years, start, end, warnings, id => snapshot.Edition(id)?.SourceId);
    }

    private IndicatorResult<ConcentrationJson> Compute(
        string dataset, string? scenario, IReadOnlyList<YearRows> years, int? start, int? end, List<string> warnings, Func<string, string?> sourceId)
    {
        var refining = dataset == "refining";
        var selected = years.Where(y => y.Parts.Count > 0 && (start is null || y.Year >= start) && (end is null || y.Year <= end)).OrderBy(y => y.Year).ToList();
        var data = new List<ConcentrationJson>();
        var lowCoverage = new List<int>();
        var overCoverage = new List<int>();
        foreach (var y in selected)
        {
            var total = refining ? 100 : y.Denominator?.Value;
            var c = SupplyIndicators.Concentrate(y.Parts.Select(p => new Part(p.Country, p.Value ?? 0)).ToList(), total);
            var coverage = Round(c.Coverage);
            if (coverage < MinimumCoverage)
            {
                lowCoverage.Add(y.Year);
            }
            else if (coverage > MaximumCoverage)
            {
                overCoverage.Add(y.Year);
            }

            if (y.Missing.Count > 0)
            {
                warnings.Add($"{y.Year}: no figure for {string.Join(", ", y.Missing)}; these countries are left out, so the top-three share and the HHI may be understated and the ranks may be wrong.");
            }

            warnings.AddRange(y.Notes.Select(n => $"{y.Year}: {n}."));
            var used = y.Denominator is null ? y.Parts : [.. y.Parts, y.Denominator];
            var editions = used.Select(r => r.Edition).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            data.Add(new ConcentrationJson(
                WireEnum.Of<ConcentrationDataset>(dataset), y.Year, scenario, c.Top, c.Top is null ? null : countries.ByIso3(c.Top)?.Name ?? c.Top,
                Round(c.TopShare), c.TopThree, Round(c.TopThreeShare), Round(c.Hhi), y.Parts.Count, c.Denominator,
                refining ? "shares as published" : y.Denominator is not null ? "World row" : "sum of country rows",
                coverage, "percent", editions, editions.Select(e => sourceId(e) ?? e).Distinct(StringComparer.Ordinal).ToList()));
        }

        if (lowCoverage.Count > 0)
        {
            warnings.Add($"In {lowCoverage.Count} year(s) ({Ranges(lowCoverage)}) the country rows cover less than {MinimumCoverage}% of the total: the top shares and the HHI there describe only the countries with figures.");
        }

        if (overCoverage.Count > 0)
        {
            warnings.Add($"In {overCoverage.Count} year(s) ({Ranges(overCoverage)}) the country rows add up to more than {MaximumCoverage}% of the World total (the source rounds its World total, or gives it as a lower bound): the shares there are overstated by the same margin.");
        }

        if (data.Count == 0)
        {
            var covered = years.Where(y => y.Parts.Count > 0).Select(y => y.Year).ToList();
            warnings.Add(covered.Count == 0 ? $"No country rows in {dataset}." : $"No country rows in {dataset} for {QueryParts.Range(start, end)}; it covers {Ranges(covered)}.");
        }

        return new IndicatorResult<ConcentrationJson>(data, selected.SelectMany(y => y.Denominator is null ? y.Parts : [.. y.Parts, y.Denominator]).ToList(), warnings);
    }

    internal static double? Round(double? value) => value is { } v ? Math.Round(v, 4) : null;

    /// <summary>Years as ranges: 2008–2010, 2012.</summary>
    internal static string Ranges(IReadOnlyList<int> years)
    {
        var parts = new List<string>();
        var sorted = years.Distinct().Order().ToList();
        for (var i = 0; i < sorted.Count; i++)
        {
            var first = sorted[i];
            while (i + 1 < sorted.Count && sorted[i + 1] == sorted[i] + 1)
            {
                i++;
            }

            parts.Add(first == sorted[i] ? first.ToString(CultureInfo.InvariantCulture) : $"{first}–{sorted[i]}");
        }

        return string.Join(", ", parts);
    }

    /// <summary>One year's country rows with figures, its World row, the countries it has no figure for, and notes.</summary>
    private sealed record YearRows(int Year, IReadOnlyList<RowUsed> Parts, RowUsed? Denominator, IReadOnlyList<string> Missing, IReadOnlyList<string> Notes);
}
