using System.Globalization;
using RareEarthApi.Datasets;

namespace RareEarthApi.Commodities;

/// <summary>One chemical element the API knows: rare earths (light or heavy) and the few others restrictions name.</summary>
public sealed record Element(string Symbol, string Name, int AtomicNumber, string Group, string Commodity);

/// <summary>One Harmonized System code: a 6-digit subheading, or a 4-digit heading that expands to its subheadings.</summary>
public sealed record HsCode(string Code, string? Parent, string Description, string Commodity, string? Note)
{
    public int Level => Code.Length;
}

/// <summary>A commodity with its elements and HS codes.</summary>
public sealed record Commodity(string Id, string Name, string Description, IReadOnlyList<Element> Elements, IReadOnlyList<HsCode> HsCodes)
{
    /// <summary>What the served production and reserves rows give for it (null: no figures served).</summary>
    public CommodityFigures? Figures { get; init; }
}

/// <summary>
/// The reference lists behind /api/v1/commodities, also used to validate <c>element</c> and <c>hs</c> on the other
/// routes: an unknown code is a 400 naming the accepted ones, never a silent empty result.
/// </summary>
public sealed class CommodityCatalog
{
    /// <summary>Element groups: light and heavy rare earths (scandium is left unclassed), or not a rare earth.</summary>
    public static readonly IReadOnlyList<string> Groups = ["light", "heavy", "other", "not-rare-earth"];

    private readonly Dictionary<string, Element> _elements = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, HsCode> _hs = new(StringComparer.Ordinal);

    /// <summary>
    /// The day the reference files (Seed/commodities.csv, elements.csv, hs-codes.csv) were last edited: Last-Modified
    /// and meta.lastUpdated of /api/v1/commodities. Declared here, not read from the clock (it changed on every
    /// restart) nor from git or file timestamps (a deployed app has neither history nor stable times). A test pins
    /// <see cref="Version"/> (the content hash) with this date, so editing the files without moving it fails.
    /// </summary>
    public static readonly DateTimeOffset ContentDate = new(2026, 12, 2, 0, 0, 0, TimeSpan.Zero);

    public CommodityCatalog(IReadOnlyList<Commodity> commodities)
    {
        All = commodities;
        foreach (var element in commodities.SelectMany(c => c.Elements))
        {
            _elements[element.Symbol] = element;
            _elements.TryAdd(element.Name, element);
        }

        foreach (var code in commodities.SelectMany(c => c.HsCodes))
        {
            _hs[code.Code] = code;
        }

        // Every field served (names, descriptions, notes too), so that any edit changes the ETags and fails the test pinning ContentDate.
        Version = "commodities-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
            string.Join("\n", All.Select(c => string.Join("\t", [c.Id, c.Name, c.Description,
                .. c.Elements.Select(e => $"{e.Symbol}|{e.Name}|{e.AtomicNumber}|{e.Group}|{e.Commodity}"),
                .. c.HsCodes.Select(h => $"{h.Code}|{h.Parent}|{h.Description}|{h.Commodity}|{h.Note}")]))))))[..12];
    }

    public IReadOnlyList<Commodity> All { get; }

    /// <summary>How USGS commodity names become ids, and the aliases ids answer to (Seed/usgs-commodities.csv).</summary>
    public UsgsCommodityNames UsgsNames { get; init; } = UsgsCommodityNames.Empty;

    public string Version { get; }

    public IEnumerable<Element> Elements => All.SelectMany(c => c.Elements);

    public IEnumerable<HsCode> HsCodes => All.SelectMany(c => c.HsCodes);

    public IReadOnlyList<string> ElementSymbols => Elements.Select(e => e.Symbol).ToList();

    public IReadOnlyList<string> HsCodeList => HsCodes.Select(h => h.Code).ToList();

    /// <summary>An element by symbol (any case) or English name.</summary>
    public Element? Element(string text) => _elements.GetValueOrDefault(text.Trim());

    public HsCode? Hs(string code) => _hs.GetValueOrDefault(code.Trim());

    /// <summary>A code with the subheadings under it: 2846 → 2846, 284610, 284690; a 6-digit code → itself.</summary>
    public IReadOnlyList<string> Expand(string code) =>
        _hs.ContainsKey(code) ? [code, .. HsCodes.Where(h => h.Parent == code).Select(h => h.Code)] : [];

    /// <summary>HS codes a user probably meant: those sharing the longest prefix with what was sent.</summary>
    public IReadOnlyList<string> SuggestHs(string text)
    {
        var t = new string(text.Where(char.IsAsciiDigit).ToArray());
        for (var length = Math.Min(t.Length, 6); length >= 2; length--)
        {
            var prefix = t[..length];
            var near = HsCodes.Where(h => h.Code.StartsWith(prefix, StringComparison.Ordinal)).Select(h => h.Code).ToList();
            if (near.Count > 0)
            {
                return near;
            }
        }

        return [];
    }

    public static CommodityCatalog Load(string folder)
    {
        var elements = CsvFiles.Read(System.IO.Path.Combine(folder, "elements.csv")).Select((r, i) => new Element(
            r.Required("symbol", "elements.csv", i + 2),
            r.Required("name", "elements.csv", i + 2),
            int.Parse(r.Required("atomicNumber", "elements.csv", i + 2), NumberStyles.None, CultureInfo.InvariantCulture),
            Group(r.Required("group", "elements.csv", i + 2), i + 2),
            r.Required("commodity", "elements.csv", i + 2))).ToList();
        var codes = CsvFiles.Read(System.IO.Path.Combine(folder, "hs-codes.csv")).Select((r, i) => new HsCode(
            r.Required("code", "hs-codes.csv", i + 2),
            r.Optional("parent"),
            r.Required("description", "hs-codes.csv", i + 2),
            r.Required("commodity", "hs-codes.csv", i + 2),
            r.Optional("note"))).ToList();
        var commodities = CsvFiles.Read(System.IO.Path.Combine(folder, "commodities.csv")).Select((r, i) =>
        {
            var id = r.Required("id", "commodities.csv", i + 2);
            return new Commodity(id, r.Required("name", "commodities.csv", i + 2), r.Required("description", "commodities.csv", i + 2),
                elements.Where(e => e.Commodity == id).OrderBy(e => e.AtomicNumber).ToList(),
                codes.Where(c => c.Commodity == id).ToList());
        }).ToList();
        var usgsNames = System.IO.Path.Combine(folder, "usgs-commodities.csv");
        return new CommodityCatalog(commodities) { UsgsNames = File.Exists(usgsNames)
            ? UsgsCommodityNames.Load(usgsNames, System.IO.Path.Combine(folder, "usgs-file-codes.csv"))
            : UsgsCommodityNames.Empty };
    }

    private static string Group(string group, int line) =>
        Groups.Contains(group) ? group : throw new InvalidDataException($"elements.csv row {line}: group '{group}' is not one of {string.Join(", ", Groups)}.");
}
