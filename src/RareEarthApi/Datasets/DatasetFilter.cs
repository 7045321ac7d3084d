using RareEarthApi.Commodities;
using RareEarthApi.Countries;
using RareEarthApi.Http;

namespace RareEarthApi.Datasets;

/// <summary>
/// One declared filter of a dataset query: the parameters it reads, the value it makes of them (every problem goes to
/// the reader), their canonical form (meta.query, ETag, cursor) and what it keeps of the rows.
/// </summary>
internal interface IDatasetFilter<TRow>
{
    /// <summary>Where the value is found in <see cref="DatasetQuery{TRow}.Values"/>: the first parameter's name.</summary>
    string Key { get; }

    IReadOnlyList<ParameterSpec> Parameters { get; }

    /// <summary>A range filter (years) applies last: warnings compare what the rest of the selection covers with what matched.</summary>
    bool Range { get; }

    object? Read(QueryReader q, QueryContext<TRow> context);

    IEnumerable<(string Name, object? Value)> Canonical(object? value);

    /// <summary>The rows kept of <paramref name="rows"/>; null keeps them all.</summary>
    Func<IEnumerable<TRow>, IEnumerable<TRow>>? Apply(object? value, DatasetQuery<TRow> query);
}

/// <summary>A filter with a typed value; <see cref="Keep"/> may read the rest of the query (include_aggregates).</summary>
internal sealed record DatasetFilter<TRow, TValue>(
    IReadOnlyList<ParameterSpec> Parameters,
    Func<QueryReader, QueryContext<TRow>, TValue> ReadValue,
    Func<TValue, IEnumerable<(string Name, object? Value)>> CanonicalOf,
    Func<TValue, DatasetQuery<TRow>, Func<IEnumerable<TRow>, IEnumerable<TRow>>?>? Keep = null,
    bool Range = false) : IDatasetFilter<TRow>
{
    public string Key => Parameters[0].Name;

    public object? Read(QueryReader q, QueryContext<TRow> context) => ReadValue(q, context);

    public IEnumerable<(string Name, object? Value)> Canonical(object? value) => CanonicalOf((TValue)value!);

    public Func<IEnumerable<TRow>, IEnumerable<TRow>>? Apply(object? value, DatasetQuery<TRow> query) => Keep?.Invoke((TValue)value!, query);
}

/// <summary>year, or start and end, as read: an inclusive range.</summary>
internal sealed record YearRange(int? Start, int? End);

/// <summary>The filters datasets share, each read and failing the same way on every route.</summary>
internal static class DatasetFilters
{
    /// <summary>year/start/end over the row's year.</summary>
    public static IDatasetFilter<TRow> Years<TRow>(Func<TRow, int?> year) => new DatasetFilter<TRow, YearRange>(
        [QueryParts.Year, QueryParts.Start, QueryParts.End],
        (q, _) =>
        {
            var (start, end) = QueryParts.Years(q);
            return new YearRange(start, end);
        },
        v => [("start", v.Start), ("end", v.End)],
        (v, _) => v.Start is null && v.End is null ? null : rows => rows.Where(r => year(r) is { } y && (v.Start is null || y >= v.Start) && (v.End is null || y <= v.End)),
        Range: true);

    /// <summary>
    /// Countries (ISO3, ISO2, names, aliases) over one role of the row. With <paramref name="isAggregate"/>, rows of
    /// aggregates (World, groups) are left out unless asked for or include_aggregates=true.
    /// </summary>
    public static IDatasetFilter<TRow> Countries<TRow>(
        ParameterSpec parameter, Func<TRow, string> country, Func<TRow, CountryCatalog, bool>? isAggregate = null, IReadOnlyCollection<string>? extra = null) =>
        new DatasetFilter<TRow, IReadOnlyList<string>>(
            [parameter],
            (q, c) => QueryParts.Countries(q, parameter.Name, c.Services.Countries, extra),
            v => [(parameter.Name, v)],
            (v, query) =>
            {
                if (v.Count > 0)
                {
                    var wanted = v.ToHashSet(StringComparer.Ordinal);
                    return rows => rows.Where(r => wanted.Contains(country(r)));
                }

                var countries = query.Context.Services.Countries;
                return isAggregate is null || query.IncludeAggregates ? null : rows => rows.Where(r => !isAggregate(r, countries));
            });

    /// <summary>The crosswalk's aggregates (World, Other countries).</summary>
    public static Func<TRow, CountryCatalog, bool> CatalogAggregate<TRow>(Func<TRow, string> country) =>
        (r, countries) => countries.ByIso3(country(r)) is { IsAggregate: true };

    /// <summary>include_aggregates=true|false (default false), read by the country filters.</summary>
    public static IDatasetFilter<TRow> IncludeAggregates<TRow>(string what) => new DatasetFilter<TRow, bool>(
        [QueryParts.IncludeAggregates(what)],
        (q, _) => q.Boolean("include_aggregates") ?? false,
        v => [("include_aggregates", v)]);

    /// <summary>
    /// edition=latest (per <paramref name="key"/>, the row of the edition published last) or one edition's rows, or one
    /// of the dataset's own <paramref name="modes"/> (a name and how it selects rows from the snapshot's).
    /// </summary>
    public static IDatasetFilter<TRow> Edition<TRow, TKey>(ParameterSpec parameter, Func<TRow, string> edition, Func<TRow, TKey> key,
        IReadOnlyDictionary<string, Func<IEnumerable<TRow>, DatasetSnapshot<TRow>, IEnumerable<TRow>>>? modes = null) =>
        new DatasetFilter<TRow, string>(
            [parameter],
            (q, c) => QueryParts.Edition(q, c.Snapshot.Editions.Select(e => e.Id), [.. modes?.Keys ?? []]),
            v => [("edition", v)],
            (v, query) => modes?.GetValueOrDefault(v) is { } mode
                ? rows => mode(rows, query.Context.Snapshot)
                : rows => EditionSelection.Select(rows, v, query.Context.Snapshot, edition, key));

    /// <summary>
    /// A comma list over a closed set of one row field: <paramref name="resolve"/> maps what is asked (case, aliases) to
    /// the value, null when unknown (a 400 naming <paramref name="accepted"/>). Canonical in the order given, or sorted.
    /// </summary>
    public static IDatasetFilter<TRow> Vocabulary<TRow>(
        ParameterSpec parameter,
        Func<TRow, string> field,
        Func<QueryContext<TRow>, IReadOnlyList<string>> accepted,
        Func<string, IReadOnlyList<string>, string?> resolve,
        Func<string, string> unknown,
        bool sortedCanonical = false) =>
        new DatasetFilter<TRow, IReadOnlyList<string>>(
            [parameter],
            (q, c) =>
            {
                var known = accepted(c);
                var values = new List<string>();
                foreach (var item in q.List(parameter.Name))
                {
                    if (resolve(item, known) is { } match)
                    {
                        values.Add(match);
                    }
                    else
                    {
                        q.Fail(parameter.Name, item, unknown(item), known);
                    }
                }

                return values;
            },
            v => [(parameter.Name, sortedCanonical ? v.Order(StringComparer.Ordinal).Distinct() : v.Distinct())],
            (v, _) => v.Count == 0 ? null : rows => rows.Where(r => v.Contains(field(r))));

    /// <summary>Case-insensitive match against the accepted values.</summary>
    public static string? IgnoringCase(string item, IReadOnlyList<string> known) =>
        known.FirstOrDefault(k => k.Equals(item, StringComparison.OrdinalIgnoreCase));

    /// <summary>hs: HS codes, 4-digit headings expanded; <paramref name="matches"/> says whether a row answers the codes.</summary>
    public static IDatasetFilter<TRow> Hs<TRow>(Func<TRow, IReadOnlyList<string>, bool> matches) => new DatasetFilter<TRow, IReadOnlyList<string>>(
        [CommodityQuery.Hs],
        (q, c) => CommodityQuery.HsCodes(q, c.Services.Commodities).Expanded,
        v => [("hs", v)],
        (v, _) => v.Count == 0 ? null : rows => rows.Where(r => matches(r, v)));

    /// <summary>element: element symbols or names.</summary>
    public static IDatasetFilter<TRow> Elements<TRow>(Func<TRow, IReadOnlyList<string>> elements) => new DatasetFilter<TRow, IReadOnlyList<string>>(
        [CommodityQuery.ElementParameter],
        (q, c) => CommodityQuery.Elements(q, c.Services.Commodities),
        v => [("element", v)],
        (v, _) => v.Count == 0 ? null : rows => rows.Where(r => elements(r).Any(v.Contains)));
}
