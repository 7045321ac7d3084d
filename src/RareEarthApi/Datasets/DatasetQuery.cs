using Microsoft.AspNetCore.Http;
using RareEarthApi.Http;

namespace RareEarthApi.Datasets;

/// <summary>What a query is read against: the request, the snapshot it will answer from, and the reference catalogs.</summary>
internal sealed record QueryContext<TRow>(HttpRequest Request, DatasetSnapshot<TRow> Snapshot, DatasetServices Services);

/// <summary>
/// A validated query over one dataset: each declared filter's value (by its first parameter's name), the format, the
/// page and the sort; <see cref="Normalised"/> is its canonical form (meta.query, ETag, cursor).
/// </summary>
internal sealed record DatasetQuery<TRow>(
    QueryContext<TRow> Context,
    IReadOnlyDictionary<string, object?> Values,
    ResponseFormat Format,
    int Limit,
    int Offset,
    IReadOnlyList<SortKey> Sort,
    IReadOnlyDictionary<string, string> Normalised) : IPagedQuery
{
    public T Get<T>(string key) => (T)Values[key]!;

    /// <summary>A list filter's values; empty when the dataset does not declare it or it was not given.</summary>
    public IReadOnlyList<string> List(string key) => Values.GetValueOrDefault(key) as IReadOnlyList<string> ?? [];

    public YearRange Years => Values.GetValueOrDefault("year") as YearRange ?? new YearRange(null, null);

    public int? Start => Years.Start;

    public int? End => Years.End;

    /// <summary>edition=, or null where the dataset takes none.</summary>
    public string? Edition => Values.GetValueOrDefault("edition") as string;

    public bool IncludeAggregates => Values.GetValueOrDefault("include_aggregates") is true;
}

/// <summary>The rows a query selects: <see cref="InScope"/> before its range (years), <see cref="Rows"/> after, in order.</summary>
internal sealed record DatasetMatch<TRow>(IReadOnlyList<TRow> InScope, IReadOnlyList<TRow> Rows);

/// <summary>The one query every dataset route takes: its declared filters, then format, limit, sort and cursor.</summary>
internal static class DatasetQueries
{
    public static (DatasetQuery<TRow>? Query, IReadOnlyList<ParameterError> Errors) Parse<TRow, TWire>(
        DatasetDescriptor<TRow, TWire> dataset, HttpRequest request, DatasetSnapshot<TRow> snapshot, DatasetServices services)
    {
        var context = new QueryContext<TRow>(request, snapshot, services);
        var q = new QueryReader(request, dataset.Parameters);
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var filter in dataset.Filters)
        {
            values[filter.Key] = filter.Read(q, context);
        }

        var format = ResponseFormats.Read(q, request);
        var limit = q.Integer("limit") ?? QueryParts.DefaultLimit;
        IReadOnlyList<SortKey> sort = dataset.Sort is { } s ? QueryParts.Sort(q, s.FieldNames, s.Default) : [];
        var cursor = q.Single("cursor");
        if (q.HasErrors)
        {
            return (null, q.Errors);
        }

        var normalised = QueryParts.Canonical([
            .. dataset.Filters.SelectMany(f => f.Canonical(values[f.Key])),
            ("limit", limit),
            .. dataset.Sort is null ? [] : new (string, object?)[] { ("sort", sort) },
        ]);
        var (offset, error) = QueryParts.Page(normalised, cursor, snapshot);
        return error is null ? (new DatasetQuery<TRow>(context, values, format, limit, offset, sort, normalised), []) : (null, [error]);
    }

    /// <summary>Every row the query matches, in order (the page not yet taken), and the warnings.</summary>
    public static (IReadOnlyList<TRow> Rows, IReadOnlyList<string> Warnings) Run<TRow, TWire>(DatasetDescriptor<TRow, TWire> dataset, DatasetQuery<TRow> query)
    {
        var match = Match(dataset, query);
        return (match.Rows, dataset.Warnings?.Invoke(query, match).ToList() ?? []);
    }

    public static DatasetMatch<TRow> Match<TRow, TWire>(DatasetDescriptor<TRow, TWire> dataset, DatasetQuery<TRow> query)
    {
        IEnumerable<TRow> rows = query.Context.Snapshot.Rows;
        foreach (var filter in dataset.Filters.Where(f => !f.Range))
        {
            rows = filter.Apply(query.Values[filter.Key], query)?.Invoke(rows) ?? rows;
        }

        var inScope = rows.ToList();
        rows = inScope;
        foreach (var filter in dataset.Filters.Where(f => f.Range))
        {
            rows = filter.Apply(query.Values[filter.Key], query)?.Invoke(rows) ?? rows;
        }

        var ordered = dataset.Sort is { } sort
            ? QueryParts.Order(rows, query.Sort, sort.Fields.ToDictionary(f => f.Field, f => f.Key, StringComparer.Ordinal), [.. sort.TieBreak])
            : (dataset.Order?.Invoke(rows) ?? rows).ToList();
        return new DatasetMatch<TRow>(inScope, ordered);
    }
}
