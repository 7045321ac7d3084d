using System.Globalization;
using RareEarthApi.Countries;

namespace RareEarthApi.Http;

/// <summary>One sort= field and its direction.</summary>
public sealed record SortKey(string Field, bool Descending);

/// <summary>
/// The pieces of the query language every dataset route shares (countries, years, dates, sort, paging), read
/// the same way everywhere and failing the same way: one error per bad value, naming what would be accepted.
/// </summary>
public static class QueryParts
{
    /// <summary>edition=latest: each row from the newest edition that has it.</summary>
    public const string LatestEdition = "latest";

    public const int DefaultLimit = 1000;
    public const int MaxLimit = 10000;

    public static ParameterSpec Year { get; } = new("year", ParameterKind.Integer, "One year. Not with start or end.", "2024", Minimum: 1800, Maximum: 2100);

    // No examples for start and end: the docs page fills every example into "Try it out", and year with
    // start/end is a 400. year's example stands for the query.
    public static ParameterSpec Start { get; } = new("start", ParameterKind.Integer, "First year, inclusive (e.g. 2015). Not with year.", Minimum: 1800, Maximum: 2100);

    public static ParameterSpec End { get; } = new("end", ParameterKind.Integer, "Last year, inclusive (e.g. 2024). Not with year.", Minimum: 1800, Maximum: 2100);

    public static ParameterSpec Limit { get; } = new("limit", ParameterKind.Integer, "Rows per page.", "100", "1000", Minimum: 1, Maximum: MaxLimit);

    public static ParameterSpec Cursor { get; } = new("cursor", ParameterKind.String, "Opaque cursor from links.next, for the next page.");

    public static ParameterSpec IncludeAggregates(string what) =>
        new("include_aggregates", ParameterKind.Boolean, what, "true", "false", ["true", "false"]);

    /// <summary>
    /// Countries (ISO3, ISO2, names, aliases) resolved to ISO3; <paramref name="extra"/> are other codes the route accepts.
    /// Names may hold a comma ("Korea, Republic of", "Hong Kong, China"), so country=Korea, Republic of,CHN is KOR and CHN
    /// (<see cref="CountryCatalog.ResolveList"/>).
    /// </summary>
    internal static IReadOnlyList<string> Countries(QueryReader q, string name, CountryCatalog countries, IReadOnlyCollection<string>? extra = null)
    {
        var list = countries.ResolveList(q.Items(name), extra, q.Aborted);
        foreach (var (text, suggestions) in list.Unknown)
        {
            q.Fail(name, text, $"{name} '{text}' is not a known country code or name."
                + (suggestions.Count > 0 ? $" Did you mean {string.Join(" or ", suggestions)}?" : " See /api/v1/countries."),
                ["ISO3 (CHN)", "ISO2 (CN)", "a name or alias from /api/v1/countries", .. extra ?? []], suggestions);
        }

        return list.Codes;
    }

    /// <summary>year, or start/end: an inclusive range that must run forwards.</summary>
    public static (int? Start, int? End) Years(QueryReader q)
    {
        var year = q.Integer("year");
        var start = q.Integer("start");
        var end = q.Integer("end");
        if (year is not null && (q.Has("start") || q.Has("end")))
        {
            q.Fail("year", year.Value.ToString(CultureInfo.InvariantCulture), "give either 'year' or 'start'/'end', not both.");
        }
        else if (year is not null)
        {
            start = end = year;
        }

        if (start > end)
        {
            q.Fail("start", $"{start}..{end}", $"'start' ({start}) is after 'end' ({end}); the range is inclusive and must run forwards.");
        }

        return (start, end);
    }

    /// <summary>
    /// edition: 'latest' (the default), one of the dataset's other <paramref name="modes"/>, or one of
    /// <paramref name="editions"/>; a near miss (2025, mcs-2025, usgsmcs2025) gets the editions it may mean.
    /// </summary>
    public static string Edition(QueryReader q, IEnumerable<string> editions, params string[] modes)
    {
        var known = editions.Order(StringComparer.Ordinal).ToList();
        var edition = q.Single("edition") ?? LatestEdition;
        if (edition != LatestEdition && !modes.Contains(edition) && !known.Contains(edition))
        {
            var near = known.Where(e => e.EndsWith(edition.TrimStart('u', 's', 'g', 's', '-'), StringComparison.OrdinalIgnoreCase)
                                        || e.Replace("-", "", StringComparison.Ordinal).Equals(edition.Replace("-", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase)).ToList();
            q.Fail("edition", edition, $"edition '{edition}' is not an edition of this dataset.", [LatestEdition, .. modes, .. known], near.Count > 0 ? near : null);
        }

        return edition;
    }

    /// <summary>An ISO 8601 date (yyyy-MM-dd), or null when absent.</summary>
    public static DateOnly? Date(QueryReader q, string name)
    {
        var raw = q.Single(name);
        if (raw is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        q.Fail(name, raw, $"'{name}' must be a date written yyyy-MM-dd, such as 2025-04-04.", ["yyyy-MM-dd"]);
        return null;
    }

    /// <summary>sort=field,-field over the route's fields; the defaults when absent.</summary>
    public static IReadOnlyList<SortKey> Sort(QueryReader q, IReadOnlyList<string> fields, IReadOnlyList<SortKey> defaults)
    {
        var keys = new List<SortKey>();
        foreach (var item in q.Items("sort"))
        {
            var descending = item.StartsWith('-');
            var field = item.TrimStart('-', '+').ToLowerInvariant();
            if (!fields.Contains(field))
            {
                q.Fail("sort", item, $"cannot sort by '{item}'.", fields.SelectMany(f => new[] { f, "-" + f }).ToList());
            }
            else if (keys.Any(k => k.Field == field))
            {
                q.Fail("sort", item, $"'sort' names '{field}' twice; name each field once.", fields.SelectMany(f => new[] { f, "-" + f }).ToList());
            }
            else
            {
                keys.Add(new SortKey(field, descending));
            }
        }

        return keys.Count > 0 ? keys : defaults;
    }

    public static string Text(IReadOnlyList<SortKey> sort) => string.Join(",", sort.Select(s => (s.Descending ? "-" : "") + s.Field));

    /// <summary>
    /// Orders rows by the sort keys (strings ordinal, nulls first), then ascending by each <paramref name="tieBreak"/>
    /// key: a total order, so that pages never shuffle.
    /// </summary>
    public static List<T> Order<T>(IEnumerable<T> rows, IReadOnlyList<SortKey> sort, IReadOnlyDictionary<string, Func<T, IComparable?>> keys, params Func<T, IComparable?>[] tieBreak)
    {
        IOrderedEnumerable<T> ordered = rows.OrderBy(_ => 0);
        foreach (var key in sort)
        {
            var select = keys[key.Field];
            ordered = key.Descending ? ordered.ThenByDescending(select, NullsFirst.Instance) : ordered.ThenBy(select, NullsFirst.Instance);
        }

        foreach (var select in tieBreak)
        {
            ordered = ordered.ThenBy(select, NullsFirst.Instance);
        }

        return ordered.ToList();
    }

    /// <summary>
    /// A query in canonical form, as meta.query echoes it and the ETag and cursor hash it: every parameter that has a
    /// value, ordered by name, each written one way (booleans true/false, numbers invariant, lists comma-joined).
    /// </summary>
    public static SortedDictionary<string, string> Canonical(params (string Name, object? Value)[] parameters)
    {
        var query = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in parameters)
        {
            var text = value switch
            {
                null => null,
                string s => s,
                bool b => b ? "true" : "false",
                int i => i.ToString(CultureInfo.InvariantCulture),
                IReadOnlyList<SortKey> sort => Text(sort),
                IEnumerable<string> list => string.Join(",", list),
                _ => throw new ArgumentException($"No canonical text for {value.GetType().Name} ({name}).", nameof(parameters)),
            };
            if (!string.IsNullOrEmpty(text))
            {
                query[name] = text;
            }
        }

        return query;
    }

    /// <summary>
    /// The offset a cursor carries (0 without one), checked against the dataset, its data version and the normalised
    /// query, which then records the cursor as given (echoed in meta.query; with the other parameters it makes the
    /// ETag, so each page has its own); or an error naming the cursor.
    /// </summary>
    internal static (int Offset, ParameterError? Error) Page<TRow>(IDictionary<string, string> normalised, string? cursor, Datasets.DatasetSnapshot<TRow> snapshot)
    {
        if (cursor is null)
        {
            return (0, null);
        }

        var (offset, error) = Http.Cursor.Decode(cursor, snapshot.Dataset, snapshot.Version, Http.Cursor.Fingerprint(normalised.AsReadOnly()));
        if (error is not null)
        {
            return (0, new ParameterError("cursor", cursor, error));
        }

        normalised["cursor"] = cursor;
        return (offset, null);
    }

    /// <summary>"2015–2024", "2015–…" or "…–…": a year range as a warning names it.</summary>
    public static string Range(int? start, int? end) =>
        $"{start?.ToString(CultureInfo.InvariantCulture) ?? "…"}–{end?.ToString(CultureInfo.InvariantCulture) ?? "…"}";

    /// <summary>
    /// The warning for a valid query that matched nothing: <paramref name="none"/> when its selection has no rows in any
    /// year, else that it has no <paramref name="rows"/> in the years asked and which years it covers (first–last, or
    /// each year when <paramref name="listYears"/>).
    /// </summary>
    public static string NoRows(string rows, string none, IReadOnlyCollection<int> years, int? start, int? end, bool listYears = false) =>
        years.Count == 0
            ? none
            : $"No {rows} in {Range(start, end)}; this selection covers {(listYears ? string.Join(", ", years.Distinct().Order()) : $"{years.Min()}–{years.Max()}")}.";

    private sealed class NullsFirst : IComparer<IComparable?>
    {
        public static readonly NullsFirst Instance = new();

        public int Compare(IComparable? x, IComparable? y) =>
            x is null ? (y is null ? 0 : -1) : y is null ? 1 : x is string a && y is string b ? string.CompareOrdinal(a, b) : x.CompareTo(y);
    }
}
