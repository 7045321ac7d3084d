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
        var q = new QueryReader(request.Query, ObservationQuery.Parameters);

        var commodities = snapshot.Rows.Select(r => r.Commodity).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var commodity = q.Single("commodity") ?? "rare-earths";
        if (!commodities.Contains(commodity))
        {
            var near = commodities.Where(c => c.Contains(commodity, StringComparison.OrdinalIgnoreCase) || commodity.Contains(c, StringComparison.OrdinalIgnoreCase)).ToList();
            q.Fail("commodity", commodity, $"commodity '{commodity}' is not in this dataset.", commodities, near.Count > 0 ? near : null);
        }

        var iso3 = new List<string>();
        foreach (var text in q.List("country"))
        {
            if (countries.Resolve(text) is { } country)
            {
                iso3.Add(country.Iso3);
            }
            else
            {
                var suggestions = countries.Suggest(text);
                q.Fail("country", text, $"country '{text}' is not a known country code or name."
                    + (suggestions.Count > 0 ? $" Did you mean {string.Join(" or ", suggestions)}?" : " See /api/v1/countries."),
                    ["ISO3 (CHN)", "ISO2 (CN)", "a name or alias from /api/v1/countries"], suggestions);
            }
        }

        var year = q.Integer("year");
        var start = q.Integer("start");
        var end = q.Integer("end");
        if (year is not null && (q.Has("start") || q.Has("end")))
        {
            q.Fail("year", year.ToString(), "give either 'year' or 'start'/'end', not both.");
        }
        else if (year is not null)
        {
            start = end = year;
        }

        if (start > end)
        {
            q.Fail("start", $"{start}..{end}", $"'start' ({start}) is after 'end' ({end}); the range is inclusive and must run forwards.");
        }

        var editions = snapshot.Editions.Select(e => e.Id).Order(StringComparer.Ordinal).ToList();
        var edition = q.Single("edition") ?? ObservationQuery.LatestEdition;
        if (edition != ObservationQuery.LatestEdition && !editions.Contains(edition))
        {
            var accepted = new[] { ObservationQuery.LatestEdition }.Concat(editions).ToList();
            var near = editions.Where(e => e.EndsWith(edition.TrimStart('u', 's', 'g', 's', '-'), StringComparison.OrdinalIgnoreCase)
                                           || e.Replace("-", "", StringComparison.Ordinal).Equals(edition.Replace("-", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase)).ToList();
            q.Fail("edition", edition, $"edition '{edition}' is not an edition of this dataset.", accepted, near.Count > 0 ? near : null);
        }

        var includeAggregates = q.Boolean("include_aggregates") ?? false;
        var format = ResponseFormats.Read(q, request);
        var limit = q.Integer("limit") ?? ObservationQuery.DefaultLimit;
        var sort = ParseSort(q);
        var cursor = q.Single("cursor");

        if (q.HasErrors)
        {
            return (null, q.Errors);
        }

        var query = new ObservationQuery(commodity, iso3, start, end, edition, includeAggregates, format, limit, 0, sort);
        if (cursor is not null)
        {
            var (offset, error) = Http.Cursor.Decode(cursor, snapshot.Version, Http.Cursor.Fingerprint(query.Normalised()));
            if (error is not null)
            {
                return (null, [new ParameterError("cursor", cursor, error)]);
            }

            query = query with { Offset = offset };
        }

        return (query, []);
    }

    private static List<SortKey> ParseSort(QueryReader q)
    {
        var keys = new List<SortKey>();
        foreach (var item in q.List("sort"))
        {
            var descending = item.StartsWith('-');
            var field = item.TrimStart('-', '+').ToLowerInvariant();
            if (!ObservationQuery.SortFields.Contains(field))
            {
                q.Fail("sort", item, $"cannot sort by '{item}'.", ObservationQuery.SortFields.SelectMany(f => new[] { f, "-" + f }).ToList());
            }
            else if (keys.All(k => k.Field != field))
            {
                keys.Add(new SortKey(field, descending));
            }
        }

        return keys.Count > 0 ? keys : [new SortKey("country", false), new SortKey("year", false)];
    }
}
