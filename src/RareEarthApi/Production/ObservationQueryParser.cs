using Microsoft.AspNetCore.Http;
using RareEarthApi.Countries;
using RareEarthApi.Datasets;
using RareEarthApi.Http;

namespace RareEarthApi.Production;

/// <summary>Turns a request's query string into an <see cref="ObservationQuery"/>, or into every reason it is not one.</summary>
public static class ObservationQueryParser
{
    internal static (ObservationQuery? Query, IReadOnlyList<ParameterError> Errors) Parse(
        HttpRequest request, DatasetSnapshot<Observation> snapshot, CountryCatalog countries)
    {
        var q = new QueryReader(request, ObservationQuery.Parameters);

        var commodities = snapshot.Rows.Select(r => r.Commodity).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var commodity = q.Single("commodity") ?? "rare-earths";
        if (!commodities.Contains(commodity))
        {
            var near = commodities.Where(c => c.Contains(commodity, StringComparison.OrdinalIgnoreCase) || commodity.Contains(c, StringComparison.OrdinalIgnoreCase)).ToList();
            q.Fail("commodity", commodity, $"commodity '{commodity}' is not in this dataset.", commodities, near.Count > 0 ? near : null);
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

        var query = new ObservationQuery(commodity, iso3, start, end, edition, includeAggregates, format, limit, 0, sort);
        var (offset, error) = QueryParts.Page(new Dictionary<string, string>(query.Normalised(), StringComparer.Ordinal), cursor, snapshot);
        return error is null ? (query with { Offset = offset, Cursor = cursor }, []) : (null, [error]);
    }
}
