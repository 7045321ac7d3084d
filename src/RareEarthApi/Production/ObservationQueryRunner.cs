using RareEarthApi.Countries;
using RareEarthApi.Datasets;
using RareEarthApi.Http;

namespace RareEarthApi.Production;

public sealed record ObservationPage(IReadOnlyList<Observation> Rows, int Total, IReadOnlyList<string> Warnings);

/// <summary>Answers an <see cref="ObservationQuery"/> from a dataset snapshot: editions, filters, order, page.</summary>
public static class ObservationQueryRunner
{
    internal static ObservationPage Run(ObservationQuery query, DatasetSnapshot<Observation> snapshot, CountryCatalog countries)
    {
        var (rows, warnings) = Match(query, snapshot, countries);
        return new ObservationPage(rows.Skip(query.Offset).Take(query.Limit).ToList(), rows.Count, warnings);
    }

    /// <summary>Every row the query matches, in its order (the page not yet taken), and the warnings.</summary>
    internal static (IReadOnlyList<Observation> Rows, IReadOnlyList<string> Warnings) Match(ObservationQuery query, DatasetSnapshot<Observation> snapshot, CountryCatalog countries)
    {
        var selected = SelectEdition(snapshot.Rows.Where(r => r.Commodity == query.Commodity), query.Edition, snapshot).ToList();
        IEnumerable<Observation> candidates = selected;
        var wanted = query.Countries.ToHashSet(StringComparer.Ordinal);
        candidates = wanted.Count > 0
            ? candidates.Where(r => wanted.Contains(r.Country))
            : candidates.Where(r => query.IncludeAggregates || countries.ByIso3(r.Country) is not { IsAggregate: true });
        var inCountries = candidates.ToList();

        var matched = inCountries.Where(r => (query.Start is null || r.Year >= query.Start) && (query.End is null || r.Year <= query.End)).ToList();
        // Country, year and edition make a total order, so that pages never shuffle between requests.
        var ordered = QueryParts.Order(matched, query.Sort, SortKeys, r => r.Country, r => r.Year, r => r.Edition);
        return (ordered, [.. Warnings(query, inCountries, matched, countries), .. WorldTables.AboveWorld(matched, selected, countries)]);
    }

    /// <summary>
    /// 'latest': for each commodity, country and year, the figure from the edition published last (a later
    /// edition revises an earlier one). 'latest-table': each year from one edition's table. An edition id: that
    /// edition's figures alone.
    /// </summary>
    internal static IEnumerable<Observation> SelectEdition(IEnumerable<Observation> rows, string edition, DatasetSnapshot<Observation> snapshot) =>
        edition == WorldTables.LatestTable
            ? WorldTables.SelectLatestTable(rows, snapshot)
            : EditionSelection.Select(rows, edition, snapshot, r => r.Edition, r => (r.Commodity, r.Country, r.Year));

    private static readonly IReadOnlyDictionary<string, Func<Observation, IComparable?>> SortKeys = new Dictionary<string, Func<Observation, IComparable?>>
    {
        ["country"] = r => r.Country,
        ["year"] = r => r.Year,
        ["value"] = r => r.Value,
        ["edition"] = r => r.Edition,
    };

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
                warnings.Add($"{name} ({iso3}) has figures{editionText} for {years.Min()}–{years.Max()}, none in {QueryParts.Range(query.Start, query.End)}.");
            }
            else if ((query.Start is { } start && years.Min() > start) || (query.End is { } end && years.Max() < end))
            {
                // Some rows match, but the country's figures begin after start or stop before end: say which years they cover.
                warnings.Add($"{name} ({iso3}) has figures{editionText} for {(years.Min() == years.Max() ? $"{years.Min()}" : $"{years.Min()}–{years.Max()}")} only, not the whole of {QueryParts.Range(query.Start, query.End)}.");
            }
        }

        if (matched.Count == 0 && warnings.Count == 0)
        {
            warnings.Add(QueryParts.NoRows($"figures{editionText}", $"No figures{editionText} for this selection.",
                inCountries.Select(r => r.Year).ToList(), query.Start, query.End));
        }

        return warnings;
    }
}
