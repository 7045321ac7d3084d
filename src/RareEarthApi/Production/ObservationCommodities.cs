using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using RareEarthApi.Commodities;
using RareEarthApi.Datasets;
using RareEarthApi.Http;

namespace RareEarthApi.Production;

/// <summary>
/// The commodities one observation snapshot serves, and every name that reaches them: the id, the USGS name as the
/// release prints it ("Graphite (Natural)"), the registry's aliases (Seed/usgs-commodities.csv), and the name
/// without its parenthesis ("graphite") where that is one commodity's alone. Built once per snapshot; every dataset
/// whose rows name USGS commodities (production, reserves, us-statistics, us-import-sources) resolves them here.
/// </summary>
internal sealed partial class ObservationCommodities
{
    // Keyed by the snapshot object (any row type): an index lives as long as its snapshot.
    private static readonly ConditionalWeakTable<object, ObservationCommodities> Cache = new();

    private readonly Dictionary<string, string> _byName = new(StringComparer.OrdinalIgnoreCase);

    private ObservationCommodities(IEnumerable<(string Id, string? Name)> rows, UsgsCommodityNames names)
    {
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        var printed = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, commodityName) in rows)
        {
            ids.Add(id);
            if (commodityName is { } name && (printed.TryGetValue(name, out var set) || printed.TryAdd(name, set = [])))
            {
                set.Add(id);
            }
        }

        Ids = [.. ids];
        // Names that stand for one commodity only; a name shared by forms (iron ore: usable ore, iron content) answers with suggestions.
        var candidates = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);
        void Add(string name, string id)
        {
            if (!candidates.TryGetValue(name, out var set))
            {
                candidates[name] = set = [];
            }

            set.Add(id);
        }

        foreach (var (name, set) in printed)
        {
            foreach (var id in set)
            {
                Add(name, id);
                Add(UsgsCommodityNames.Slug(name), id);
                if (Parenthesis().Replace(name, "").Trim() is { Length: > 0 } bare && bare.Length < name.Length)
                {
                    Add(bare, id);
                    Add(UsgsCommodityNames.Slug(bare), id);
                }
            }
        }

        foreach (var (name, set) in candidates)
        {
            if (set.Count == 1 && !ids.Contains(name))
            {
                _byName[name] = set.First();
            }
            else if (set.Count > 1)
            {
                Shared[name] = [.. set.Order(StringComparer.Ordinal)];
            }
        }

        // A registry alias says which commodity it means, above a printed name several forms share: soda-ash, MCS
        // 2024's id of natural soda ash, still answers with it though every edition prints "Soda Ash".
        foreach (var id in Ids)
        {
            foreach (var alias in names.AliasesOf(id).Where(a => !ids.Contains(a)))
            {
                _byName[alias] = id;
                Shared.Remove(alias);
            }
        }
    }

    /// <summary>Every commodity id, in order.</summary>
    public IReadOnlyList<string> Ids { get; }

    /// <summary>Names that several commodity ids share (a commodity given in forms), with those ids.</summary>
    private Dictionary<string, IReadOnlyList<string>> Shared { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static ObservationCommodities For(DatasetSnapshot<Observation> snapshot, UsgsCommodityNames names) =>
        For(snapshot, names, r => (r.Commodity, r.CommodityName));

    public static ObservationCommodities For<TRow>(DatasetSnapshot<TRow> snapshot, UsgsCommodityNames names, Func<TRow, (string Id, string? Name)> commodity) =>
        Cache.GetValue(snapshot, _ => new ObservationCommodities(snapshot.Rows.Select(commodity), names));

    /// <summary>
    /// commodity=: ids, USGS names or aliases of commodities the dataset's rows name (rare-earths by default; all for
    /// every one), in canonical id form; a near miss is a 400 with suggestions.
    /// </summary>
    public static IDatasetFilter<TRow> Filter<TRow>(Func<TRow, (string Id, string? Name)> commodity) => new DatasetFilter<TRow, IReadOnlyList<string>>(
        [new("commodity", ParameterKind.StringList, "Commodity ids, comma-separated (rare-earths, lithium, graphite-natural), or all. The USGS name (Graphite (Natural)) and aliases (graphite) are accepted; the canonical id is echoed in meta.query. /api/v1/commodities lists them.", "rare-earths", ObservationDatasets.DefaultCommodity)],
        (q, c) => Read(q, For(c.Snapshot, c.Services.Commodities.UsgsNames, commodity)),
        v => [("commodity", v.Count == 0 ? (IReadOnlyList<string>)[ObservationDatasets.AllCommodities] : v)],
        (v, _) => v.Count == 0 ? null : rows => rows.Where(r => v.Contains(commodity(r).Id)));

    /// <summary>
    /// The commodity ids a query asks, in canonical form (all: an empty list, every commodity). A USGS name or an alias
    /// stands for its id; a near miss is an error with suggestions, never a guess.
    /// </summary>
    public static IReadOnlyList<string> Read(QueryReader q, DatasetSnapshot<Observation> snapshot, UsgsCommodityNames names) => Read(q, For(snapshot, names));

    private static IReadOnlyList<string> Read(QueryReader q, ObservationCommodities index)
    {
        var asked = q.Has("commodity") ? q.Items("commodity") : [ObservationDatasets.DefaultCommodity];
        if (asked.Any(a => a.Equals(ObservationDatasets.AllCommodities, StringComparison.OrdinalIgnoreCase)))
        {
            return [];
        }

        var ids = new List<string>();
        for (var i = 0; i < asked.Count; i++)
        {
            // A name may hold a comma ("Talc, crude"): the longest run of adjacent items that is a known name wins.
            var match = Enumerable.Range(1, asked.Count - i).Reverse()
                .Select(n => (n, id: index.Resolve(string.Join(",", asked.Skip(i).Take(n))) ?? index.Resolve(string.Join(", ", asked.Skip(i).Take(n)))))
                .FirstOrDefault(x => x.id is not null);
            if (match.id is not null)
            {
                ids.Add(match.id);
                i += match.n - 1;
                continue;
            }

            q.Fail("commodity", asked[i], $"commodity '{asked[i]}' is not in this dataset; /api/v1/commodities lists every one with its names.", index.Ids,
                index.Suggest(asked[i]) is { Count: > 0 } near ? near : null);
        }

        return [.. ids.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The id a text stands for, or null.</summary>
    public string? Resolve(string text)
    {
        var t = text.Trim();
        return Ids.Contains(t, StringComparer.Ordinal) ? t : _byName.GetValueOrDefault(t);
    }

    /// <summary>Ids a near miss probably meant: those a shared name covers, those that contain it or that it contains, those a letter or two away.</summary>
    public IReadOnlyList<string> Suggest(string text)
    {
        var t = UsgsCommodityNames.Slug(text);
        if (Shared.TryGetValue(text.Trim(), out var shared) || Shared.TryGetValue(t, out shared))
        {
            return shared;
        }

        var near = Ids.Where(id => t.Length >= 3 && (id.Contains(t, StringComparison.Ordinal) || t.Contains(id, StringComparison.Ordinal)))
            .Concat(Ids.Concat(_byName.Keys).Where(n => Distance(n.ToLowerInvariant(), t) <= Math.Max(1, t.Length / 4)).Select(n => Resolve(n) ?? n))
            .Distinct(StringComparer.Ordinal).Take(8).ToList();
        return near;
    }

    private static int Distance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 3)
        {
            return int.MaxValue;
        }

        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }

    [GeneratedRegex(@"\s*\([^)]*\)")]
    private static partial Regex Parenthesis();
}

/// <summary>Release versions of one edition's figures (MCS 2026 1.0, revised to 1.3).</summary>
internal static class Versions
{
    /// <summary>Each figure in the newest version that gives it; an unrevised figure is its only version.</summary>
    public static IEnumerable<Observation> Newest(IEnumerable<Observation> rows) =>
        rows.GroupBy(r => (r.Commodity, r.Stage, r.Country, r.CountryQualifier, r.Year, r.Edition)).Select(g => g.Count() == 1 ? g.First() : g.MaxBy(r => ReleaseVersion.Key(r.Version))!);

    /// <summary>Whether a figure of <paramref name="version"/> stands in release version <paramref name="asked"/> (an unversioned one stands in every version).</summary>
    public static bool AtOrBefore(string version, string asked) => ReleaseVersion.Key(version).CompareTo(ReleaseVersion.Key(asked)) <= 0;

    /// <summary>version=: one of the versions the rows name, or null when not asked; another is a 400 naming those.</summary>
    public static string? Read(QueryReader q, DatasetSnapshot<Observation> snapshot)
    {
        var asked = q.Single("version");
        if (asked is null)
        {
            return null;
        }

        var known = snapshot.Rows.Select(r => r.Version).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).OrderBy(ReleaseVersion.Key).ToList();
        if (!known.Contains(asked, StringComparer.Ordinal))
        {
            q.Fail("version", asked, $"version '{asked}' is not a release version of the served editions.", known);
        }

        return asked;
    }
}
