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
        var commodities = query.Commodities.ToHashSet(StringComparer.Ordinal);
        var stages = query.Stages.ToHashSet(StringComparer.Ordinal);
        var candidates = SelectEdition(
            snapshot.Rows.Where(r => (commodities.Count == 0 || commodities.Contains(r.Commodity)) && (stages.Count == 0 || stages.Contains(r.Stage))),
            query.Edition, snapshot);
        var wanted = query.Countries.ToHashSet(StringComparer.Ordinal);
        candidates = wanted.Count > 0
            ? candidates.Where(r => wanted.Contains(r.Country))
            : candidates.Where(r => query.IncludeAggregates || countries.ByIso3(r.Country) is not { IsAggregate: true });
        var inCountries = candidates.ToList();

        var matched = inCountries.Where(r => (query.Start is null || r.Year >= query.Start) && (query.End is null || r.Year <= query.End)).ToList();
        // Country, year, commodity, stage and edition make a total order, so that pages never shuffle between requests.
        var ordered = QueryParts.Order(matched, query.Sort, SortKeys, r => r.Country, r => r.Year, r => r.Commodity, r => r.Stage, r => r.Edition);
        return (ordered, Warnings(query, inCountries, matched, countries));
    }

    /// <summary>
    /// 'latest': for each commodity, stage, country and year, the figure from the edition published last (a later
    /// edition revises an earlier one). An edition id: that edition's figures alone. Within an edition, the newest
    /// version of a revised figure (MCS 2026 1.3 over 1.0).
    /// </summary>
    internal static IEnumerable<Observation> SelectEdition(IEnumerable<Observation> rows, string edition, DatasetSnapshot<Observation> snapshot) =>
        EditionSelection.Select(Versions.Newest(rows), edition, snapshot, r => r.Edition, r => (r.Commodity, r.Stage, r.Country, r.Year));

    private static readonly IReadOnlyDictionary<string, Func<Observation, IComparable?>> SortKeys = new Dictionary<string, Func<Observation, IComparable?>>
    {
        ["country"] = r => r.Country,
        ["year"] = r => r.Year,
        ["value"] = r => r.Value,
        ["edition"] = r => r.Edition,
        ["commodity"] = r => r.Commodity,
        ["stage"] = r => r.Stage,
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
