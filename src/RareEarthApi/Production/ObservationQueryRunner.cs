using RareEarthApi.Countries;
using RareEarthApi.Datasets;

namespace RareEarthApi.Production;

public sealed record ObservationPage(IReadOnlyList<Observation> Rows, int Total, IReadOnlyList<string> Warnings);

/// <summary>Answers an <see cref="ObservationQuery"/> from a dataset snapshot: editions, filters, order, page.</summary>
public static class ObservationQueryRunner
{
    internal static ObservationPage Run(ObservationQuery query, DatasetSnapshot<Observation> snapshot, CountryCatalog countries)
    {
        var candidates = SelectEdition(snapshot.Rows.Where(r => r.Commodity == query.Commodity), query.Edition, snapshot);
        var wanted = query.Countries.ToHashSet(StringComparer.Ordinal);
        candidates = wanted.Count > 0
            ? candidates.Where(r => wanted.Contains(r.Country))
            : candidates.Where(r => query.IncludeAggregates || countries.ByIso3(r.Country) is not { IsAggregate: true });
        var inCountries = candidates.ToList();

        var matched = inCountries.Where(r => (query.Start is null || r.Year >= query.Start) && (query.End is null || r.Year <= query.End)).ToList();
        var ordered = Order(matched, query.Sort);
        var page = ordered.Skip(query.Offset).Take(query.Limit).ToList();
        return new ObservationPage(page, matched.Count, Warnings(query, inCountries, matched, countries));
    }

    /// <summary>
    /// 'latest': for each commodity, country and year, the figure from the edition published last (a later
    /// edition revises an earlier one). An edition id: that edition's figures alone.
    /// </summary>
    internal static IEnumerable<Observation> SelectEdition(IEnumerable<Observation> rows, string edition, DatasetSnapshot<Observation> snapshot)
    {
        if (edition != ObservationQuery.LatestEdition)
        {
            return rows.Where(r => r.Edition == edition);
        }

        return rows
            .GroupBy(r => (r.Commodity, r.Country, r.Year))
            .Select(g => g.MaxBy(r => (snapshot.Edition(r.Edition)?.Published ?? DateOnly.MinValue, r.Edition))!);
    }

    private static List<Observation> Order(List<Observation> rows, IReadOnlyList<SortKey> sort)
    {
        IOrderedEnumerable<Observation>? ordered = null;
        foreach (var key in sort)
        {
            ordered = (ordered, key.Field) switch
            {
                (null, "country") => key.Descending ? rows.OrderByDescending(r => r.Country, StringComparer.Ordinal) : rows.OrderBy(r => r.Country, StringComparer.Ordinal),
                (null, "year") => key.Descending ? rows.OrderByDescending(r => r.Year) : rows.OrderBy(r => r.Year),
                (null, "value") => key.Descending ? rows.OrderByDescending(r => r.Value ?? double.MinValue) : rows.OrderBy(r => r.Value ?? double.MinValue),
                (null, _) => key.Descending ? rows.OrderByDescending(r => r.Edition, StringComparer.Ordinal) : rows.OrderBy(r => r.Edition, StringComparer.Ordinal),
                (_, "country") => key.Descending ? ordered.ThenByDescending(r => r.Country, StringComparer.Ordinal) : ordered.ThenBy(r => r.Country, StringComparer.Ordinal),
                (_, "year") => key.Descending ? ordered.ThenByDescending(r => r.Year) : ordered.ThenBy(r => r.Year),
                (_, "value") => key.Descending ? ordered.ThenByDescending(r => r.Value ?? double.MinValue) : ordered.ThenBy(r => r.Value ?? double.MinValue),
                _ => key.Descending ? ordered.ThenByDescending(r => r.Edition, StringComparer.Ordinal) : ordered.ThenBy(r => r.Edition, StringComparer.Ordinal),
            };
        }

        // A total order, so that pages never shuffle between requests.
        return ordered!.ThenBy(r => r.Country, StringComparer.Ordinal).ThenBy(r => r.Year).ThenBy(r => r.Edition, StringComparer.Ordinal).ToList();
    }

    private static List<string> Warnings(ObservationQuery query, List<Observation> inCountries, List<Observation> matched, CountryCatalog countries)
    {
        var warnings = new List<string>();
        var editionText = query.Edition == ObservationQuery.LatestEdition ? "" : $" in edition {query.Edition}";
        foreach (var iso3 in query.Countries)
        {
            var name = countries.ByIso3(iso3)?.Name ?? iso3;
            var years = inCountries.Where(r => r.Country == iso3).Select(r => r.Year).ToList();
            if (years.Count == 0)
            {
                warnings.Add($"{name} ({iso3}) has no figures{editionText}.");
            }
            else if (matched.All(r => r.Country != iso3))
            {
                warnings.Add($"{name} ({iso3}) has figures{editionText} for {years.Min()}–{years.Max()}, none in {query.Start?.ToString() ?? "…"}–{query.End?.ToString() ?? "…"}.");
            }
        }

        if (matched.Count == 0 && warnings.Count == 0)
        {
            var years = inCountries.Select(r => r.Year).ToList();
            warnings.Add(years.Count == 0
                ? $"No figures{editionText} for this selection."
                : $"No figures{editionText} in {query.Start?.ToString() ?? "…"}–{query.End?.ToString() ?? "…"}; this selection covers {years.Min()}–{years.Max()}.");
        }

        return warnings;
    }
}
