using Microsoft.AspNetCore.Http;
using RareEarthApi.Commodities;
using RareEarthApi.Countries;
using RareEarthApi.Datasets;
using RareEarthApi.Http;

namespace RareEarthApi.Production;

/// <summary>Turns a request's query string into an <see cref="ObservationQuery"/>, or into every reason it is not one.</summary>
public static class ObservationQueryParser
{
    internal static (ObservationQuery? Query, IReadOnlyList<ParameterError> Errors) Parse(
        HttpRequest request, DatasetSnapshot<Observation> snapshot, CountryCatalog countries, UsgsCommodityNames names)
    {
        var q = new QueryReader(request.Query, ObservationQuery.Parameters);

        var commodities = Commodities(q, snapshot, names);
        var stages = q.List("stage");
        foreach (var stage in stages.Where(st => !ObservationStage.All.Contains(st)))
        {
            q.Fail("stage", stage, $"stage '{stage}' is not one the releases name.", ObservationStage.All,
                [.. ObservationStage.All.Where(st => st.Contains(stage, StringComparison.OrdinalIgnoreCase) || stage.Contains(st, StringComparison.OrdinalIgnoreCase))]);
        }

        var iso3 = QueryParts.Countries(q, "country", countries);
        var (start, end) = QueryParts.Years(q);

        var edition = QueryParts.Edition(q, snapshot.Editions.Select(e => e.Id));
        var includeAggregates = q.Boolean("include_aggregates") ?? false;
        var format = ResponseFormats.Read(q, request);
        var limit = q.Integer("limit") ?? ObservationQuery.DefaultLimit;
        var sort = QueryParts.Sort(q, ObservationQuery.SortFields, ObservationQuery.DefaultSort);
        var cursor = q.Single("cursor");

        if (q.HasErrors)
        {
            return (null, q.Errors);
        }

        var query = new ObservationQuery(commodities, iso3, start, end, edition, includeAggregates, format, limit, 0, sort) { Stages = stages };
        var (offset, error) = QueryParts.Page(new Dictionary<string, string>(query.Normalised(), StringComparer.Ordinal), cursor, snapshot);
        return error is null ? (query with { Offset = offset, Cursor = cursor }, []) : (null, [error]);
    }

    /// <summary>
    /// The commodity ids asked, in canonical form (all: an empty list, every commodity). A USGS name or an alias stands
    /// for its id; a near miss is an error with suggestions, never a guess.
    /// </summary>
    internal static IReadOnlyList<string> Commodities(QueryReader q, DatasetSnapshot<Observation> snapshot, UsgsCommodityNames names)
    {
        var asked = q.Has("commodity") ? q.Items("commodity") : [ObservationQuery.DefaultCommodity];
        if (asked.Any(a => a.Equals(ObservationQuery.AllCommodities, StringComparison.OrdinalIgnoreCase)))
        {
            return [];
        }

        var index = ObservationCommodities.For(snapshot, names);
        var ids = new List<string>();
        // A USGS name may hold a comma ("Iron And Steel" does not, but a future one may): join adjacent items first.
        for (var i = 0; i < asked.Count; i++)
        {
            var match = Enumerable.Range(1, asked.Count - i).Reverse().Select(n => (n, id: index.Resolve(string.Join(",", asked.Skip(i).Take(n))))).FirstOrDefault(x => x.id is not null);
            if (match.id is not null)
            {
                ids.Add(match.id);
                i += match.n - 1;
                continue;
            }

            q.Fail("commodity", asked[i], $"commodity '{asked[i]}' is not in this dataset; /api/v1/commodities lists every one with its names.", index.Ids, index.Suggest(asked[i]) is { Count: > 0 } near ? near : null);
        }

        return [.. ids.Distinct(StringComparer.Ordinal)];
    }
}
