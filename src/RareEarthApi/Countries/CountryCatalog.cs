using System.Globalization;
using System.Text.RegularExpressions;
using RareEarthApi.Datasets;

namespace RareEarthApi.Countries;

/// <summary>
/// The country crosswalk. Codes (ISO3, ISO2) match in any case; names and aliases match as written
/// ("China", "Burma", "Korea, Republic of"), so a near miss such as "CHINA" gets a suggestion rather than a guess.
/// </summary>
public sealed partial class CountryCatalog
{
    private readonly Dictionary<string, Country> _byCode = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Country> _byLabel = new(StringComparer.Ordinal);
    private readonly Dictionary<int, Country> _byComtrade = [];

    /// <summary>The most comma-separated parts any code, name or alias has ("Korea, Republic of" has 2).</summary>
    private readonly int _maxParts = 1;

    /// <summary>What labels with a comma start with ("Korea" of "Korea, Republic of"): only these items can begin a longer run.</summary>
    private readonly HashSet<string> _commaHeads = new(StringComparer.Ordinal);

    /// <summary>
    /// The day Seed/countries.csv was last edited: Last-Modified and meta.lastUpdated of /api/v1/countries. Declared
    /// here, not read from the clock (it changed on every restart) nor from git (a deployed app has no history) nor
    /// from the file's timestamp (a build or a copy resets it). A test pins <see cref="Version"/> (the content hash)
    /// with this date, so editing the file without moving the date fails the build's tests.
    /// </summary>
    public static readonly DateTimeOffset ContentDate = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    public CountryCatalog(IEnumerable<Country> countries)
    {
        All = countries.OrderBy(c => c.IsAggregate).ThenBy(c => c.Iso3, StringComparer.Ordinal).ToList();
        Version = "countries-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(string.Join("\n", All.Select(c => $"{c.Iso3},{c.Iso2},{c.M49},{c.ComtradeCode},{c.Name},{string.Join("|", c.Aliases)},{c.IsAggregate}")))))[..12];
        foreach (var c in All)
        {
            _byCode[c.Iso3] = c;

            // Former countries share alpha-2 codes (CS: Czechoslovakia, Serbia and Montenegro); a code names a country alone.
            if (c.Iso2 is not null && !c.IsAggregate)
            {
                _byCode.TryAdd(c.Iso2, c);
            }

            _byLabel.TryAdd(c.Name, c);
            foreach (var alias in c.Aliases)
            {
                _byLabel.TryAdd(alias, c);
            }

            foreach (var label in Labels(c).Where(l => l.Contains(',', StringComparison.Ordinal)))
            {
                _maxParts = Math.Max(_maxParts, Parts(label));
                _commaHeads.Add(CollapseSpaces(label[..label.IndexOf(',', StringComparison.Ordinal)].Trim()));
            }

            if (c.ComtradeCode is int code)
            {
                _byComtrade.TryAdd(code, c);
            }
        }
    }

    public IReadOnlyList<Country> All { get; }

    /// <summary>A hash of the crosswalk's content, the version its ETags are made from.</summary>
    public string Version { get; }

    public static CountryCatalog Load(string path)
    {
        var file = Path.GetFileName(path);
        var countries = CsvFiles.Read(path).Select((r, i) => new Country(
            r.Required("iso3", file, i + 2),
            r.Optional("iso2"),
            r.Optional("m49"),
            int.TryParse(r.Optional("comtradeCode"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) ? code : null,
            r.Required("name", file, i + 2),
            (r.Optional("aliases") ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            bool.TryParse(r.Optional("isAggregate"), out var aggregate) && aggregate));
        return new CountryCatalog(countries);
    }

    /// <summary>A code, name or alias as a user or a source writes it.</summary>
    public Country? Resolve(string text)
    {
        var t = text.Trim();
        return _byCode.GetValueOrDefault(t) ?? _byLabel.GetValueOrDefault(t) ?? _byLabel.GetValueOrDefault(CollapseSpaces(t));
    }

    /// <summary>
    /// A country or area label as a source prints it (USGS, UN Comtrade, USITC): its row, and what the source adds to the
    /// name, kept rather than dropped. A name or alias first ("Congo (Kinshasa)", "Korea, North"); then a name followed by
    /// footnote digits ("World total (rounded) 10": footnote 10), by a parenthesised qualifier ("Brazil (beneficiated,
    /// marketable)": beneficiated, marketable), or, for World and Other rows only, by a comma and a qualifier ("World
    /// total (rounded), natural"); a comma after a country's name is part of names such as "Korea, North", so it is
    /// never cut, though a lowercase qualifier after one is ("Argentina, crude ore"); and a name with the superscript "e"
    /// (estimated) run into it ("Russiae"). Codes are not labels here. Null for anything else: the caller names the label rather than guess.
    /// </summary>
    public SourceLabelMatch? ResolveSourceLabel(string label)
    {
        var t = NormaliseLabel(label);
        if (t.Length == 0)
        {
            return null;
        }

        if (_byLabel.GetValueOrDefault(t) is { } exact)
        {
            return new SourceLabelMatch(exact, null);
        }

        if (FootnoteSuffix().Match(t) is { Success: true } footnote && ResolveSourceLabel(footnote.Groups["base"].Value) is { } noted)
        {
            return noted with { Qualifier = JoinQualifiers(noted.Qualifier, "footnote " + footnote.Groups["n"].Value) };
        }

        if (QualifierSuffix().Match(t) is { Success: true } paren && _byLabel.GetValueOrDefault(paren.Groups["base"].Value) is { } qualified)
        {
            return new SourceLabelMatch(qualified, paren.Groups["q"].Value.Trim());
        }

        // A lowercase qualifier after a comma describes the figure ("Argentina, crude ore", "Kazakhstan, concentrate",
        // MCS 2024), where a capitalised one is part of a name ("Korea, North"): only the former is cut from a country.
        if (CommaSuffix().Match(t) is { Success: true } comma
            && ResolveSourceLabel(comma.Groups["base"].Value) is { } commaBase
            && (commaBase.Country.IsAggregate || char.IsLower(comma.Groups["q"].Value.Trim()[0])))
        {
            return commaBase with { Qualifier = JoinQualifiers(commaBase.Qualifier, comma.Groups["q"].Value.Trim()) };
        }

        // MCS 2024 prints the PDF's superscript "e" (estimated) run into the name: "Russiae", "Korea, Republic ofe".
        if (t.Length > 2 && t[^1] == 'e' && _byLabel.GetValueOrDefault(t[..^1]) is { } estimated)
        {
            return new SourceLabelMatch(estimated, "footnote e");
        }

        return null;
    }

    public Country? ByIso3(string iso3) => _byCode.TryGetValue(iso3, out var c) && c.Iso3.Equals(iso3, StringComparison.OrdinalIgnoreCase) ? c : null;

    public Country? ByComtradeCode(int code) => _byComtrade.GetValueOrDefault(code);

    /// <summary>
    /// The items of a comma list (as split, trimmed) resolved to ISO3 codes, or to one of <paramref name="extra"/> (other
    /// codes a route takes, matched in any case). Names may hold a comma ("Korea, Republic of"): at each item the longest
    /// run of adjacent items that, joined again with ", " or ",", is a known name wins. A run never has more items than
    /// the label with the most commas has parts, so the work is linear in the item count. Only the first
    /// <see cref="MaxSuggested"/> unknown items get suggestions (each costs a scan of the crosswalk), and none longer
    /// than <see cref="MaxSuggestedLength"/>. Checks <paramref name="cancellationToken"/> between items.
    /// </summary>
    public CountryList ResolveList(IReadOnlyList<string> items, IReadOnlyCollection<string>? extra = null, CancellationToken cancellationToken = default)
    {
        var extraWithComma = extra?.Where(e => e.Contains(',', StringComparison.Ordinal)).ToList() ?? [];
        var maxParts = Math.Max(_maxParts, extraWithComma.Count > 0 ? extraWithComma.Max(Parts) : 1);
        var iso3 = new List<string>();
        var unknown = new List<UnknownCountry>();
        for (var i = 0; i < items.Count;)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var head = _commaHeads.Contains(CollapseSpaces(items[i])) || extraWithComma.Count > 0;
            var (code, used) = Longest(items, i, head ? Math.Min(maxParts, items.Count - i) : 1, extra);
            if (code is not null)
            {
                iso3.Add(code);
                i += used;
                continue;
            }

            var text = items[i++];
            unknown.Add(new UnknownCountry(text, unknown.Count < MaxSuggested && text.Length <= MaxSuggestedLength ? Suggest(text) : []));
        }

        return new CountryList(iso3.Distinct(StringComparer.Ordinal).ToList(), unknown);
    }

    /// <summary>Unknown items of one list that get suggestions.</summary>
    public const int MaxSuggested = 5;

    /// <summary>Longer unknown items get no suggestions: no code, name or alias is anywhere near as long.</summary>
    public const int MaxSuggestedLength = 64;

    private (string? Code, int Used) Longest(IReadOnlyList<string> items, int start, int longest, IReadOnlyCollection<string>? extra)
    {
        for (var n = longest; n >= 1; n--)
        {
            var run = n == 1 ? [items[start]] : items.Skip(start).Take(n).ToArray();
            foreach (var text in n == 1 ? run : [string.Join(", ", run), string.Join(",", run)])
            {
                if (extra?.FirstOrDefault(e => e.Equals(text, StringComparison.OrdinalIgnoreCase)) is { } code)
                {
                    return (code, n);
                }

                if (Resolve(text) is { } country)
                {
                    return (country.Iso3, n);
                }
            }
        }

        return (null, 1);
    }

    private static int Parts(string label) => label.Count(ch => ch == ',') + 1;

    /// <summary>Up to three ISO3 codes a user probably meant.</summary>
    public IReadOnlyList<string> Suggest(string text)
    {
        var t = CollapseSpaces(text.Trim());
        if (t.Length == 0)
        {
            return [];
        }

        var exactIgnoringCase = All.Where(c => Labels(c).Any(l => l.Equals(t, StringComparison.OrdinalIgnoreCase)));
        var prefix = All.Where(c => Labels(c).Any(l => l.StartsWith(t, StringComparison.OrdinalIgnoreCase)));
        var close = All
            .Select(c => (c, d: Labels(c).Min(l => Distance(l.ToUpperInvariant(), t.ToUpperInvariant()))))
            .Where(x => x.d <= Math.Max(1, t.Length / 3))
            .OrderBy(x => x.d)
            .Select(x => x.c);
        return exactIgnoringCase.Concat(prefix).Concat(close).Select(c => c.Iso3).Distinct().Take(3).ToList();
    }

    private static IEnumerable<string> Labels(Country c) =>
        new[] { c.Iso3, c.Iso2 ?? "", c.Name }.Concat(c.Aliases).Where(l => l.Length > 0);

    private static string NormaliseLabel(string s) => CollapseSpaces(s.Replace('\u00a0', ' ').Trim());

    private static string? JoinQualifiers(string? first, string second) => first is null ? second : $"{first}; {second}";

    // "World total (rounded) 10", "World total (rounded)10", and run into the name as MCS 2024 prints them: "United States1".
    [GeneratedRegex(@"^(?<base>.+?)(?:\s+|(?<=[)\p{L}]))(?<n>\d{1,2}(?:,\s?\d{1,2})*)$")]
    private static partial Regex FootnoteSuffix();

    [GeneratedRegex(@"^(?<base>[^()]+?)\s*\((?<q>[^()]+)\)$")]
    private static partial Regex QualifierSuffix();

    [GeneratedRegex(@"^(?<base>.+?),\s*(?<q>[^,()]+)$")]
    private static partial Regex CommaSuffix();

    private static string CollapseSpaces(string s) => string.Join(' ', s.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}

/// <summary>A country list resolved: the ISO3 codes (or extra codes) in order, each once, and the items that matched nothing.</summary>
public sealed record CountryList(IReadOnlyList<string> Codes, IReadOnlyList<UnknownCountry> Unknown);

/// <summary>An item of a country list that is no known code, name or alias, and up to three codes it may mean.</summary>
public sealed record UnknownCountry(string Text, IReadOnlyList<string> Suggestions);
