using System.Text.RegularExpressions;
using RareEarthApi.Datasets;
using RareEarthApi.Production;

namespace RareEarthApi.Commodities;

/// <summary>
/// How the USGS names of commodities become ids, and which other names an id answers to. An id is the USGS name
/// lowercased and hyphenated ("Graphite (Natural)" → graphite-natural), unless Seed/usgs-commodities.csv maps the
/// name to an id (an edition that spells a commodity otherwise, "Abrasives" for "Abrasives (Manufactured)"). A name
/// no row lists still gets its slug: a new commodity in a release is data, not code. A row's forms map a form as one
/// edition prints it to the words of another ("printed=canonical"), so both editions' tables get one id. A row's
/// tables are world tables that the name-and-form rule files under another id in some edition ("id/stage": MCS
/// 2024's platinum-group-metals-platinum-content/mine-production is the table MCS 2026 names Platinum): those rows
/// take the row's id, so one commodity has one id in every edition. A row's stages map a stage as some edition's
/// words place the table to the stage the others print for the same statistic ("printed=stage": MCS 2026 prints mica
/// scrap and flake as "production", MCS 2023 to 2025 as "Mine production"), so the table has one stage too.
/// </summary>
public sealed partial class UsgsCommodityNames
{
    private readonly Dictionary<string, string> _idByName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _idByAlias = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<(string, string), string> _forms = new();
    private readonly Dictionary<string, string> _nameByFileCode = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<(string Id, string Stage), string> _idByTable = new();
    private readonly Dictionary<(string Id, string Stage), string> _stageByTable = new();

    public UsgsCommodityNames(
        IEnumerable<(string Id, IReadOnlyList<string> Names, IReadOnlyList<string> Aliases, IReadOnlyList<string> Forms, IReadOnlyList<string> Tables, IReadOnlyList<string> Stages)> rows,
        IEnumerable<(string Code, string Name)>? fileCodes = null)
    {
        foreach (var (code, name) in fileCodes ?? [])
        {
            _nameByFileCode[code] = name;
        }

        foreach (var (id, names, aliases, forms, tables, stages) in rows)
        {
            foreach (var stage in stages)
            {
                var parts = stage.Split('=', StringSplitOptions.TrimEntries);
                // Production stages only: a reserve is another dataset, and the wire's stage vocabulary is closed.
                if (parts.Length != 2 || parts.Any(p => !ObservationStage.All.Contains(p) || p == ObservationStage.Reserves) || !_stageByTable.TryAdd((id, parts[0]), parts[1]))
                {
                    throw new InvalidDataException($"usgs-commodities.csv, id {id}: stage '{stage}' is not printed=stage of two production stages ({string.Join(", ", ObservationStage.All.Where(s => s != ObservationStage.Reserves))}), once each.");
                }
            }

            foreach (var table in tables)
            {
                var parts = table.Split('/', StringSplitOptions.TrimEntries);
                if (parts.Length != 2 || parts.Any(p => p.Length == 0))
                {
                    throw new InvalidDataException($"usgs-commodities.csv, id {id}: table '{table}' is not id/stage.");
                }

                if (!_idByTable.TryAdd((parts[0], parts[1]), id))
                {
                    throw new InvalidDataException($"usgs-commodities.csv, id {id}: table '{table}' is listed under two ids.");
                }
            }

            foreach (var form in forms)
            {
                var parts = form.Split('=', 2, StringSplitOptions.TrimEntries);
                if (parts.Length == 2)
                {
                    _forms[(id, parts[0].ToLowerInvariant())] = parts[1];
                }
            }

            foreach (var name in names)
            {
                _idByName[Clean(name)] = id;
            }

            foreach (var alias in aliases)
            {
                _idByAlias[alias] = id;
            }
        }
    }

    public static UsgsCommodityNames Empty { get; } = new([]);

    /// <summary>The id of a commodity as a release names it.</summary>
    public string Id(string usgsName)
    {
        var name = Clean(usgsName);
        return _idByName.TryGetValue(name, out var id) ? id : Slug(name);
    }

    /// <summary>
    /// The USGS name of the commodity a per-commodity release file is for, by the code in its name (raree of
    /// mcs2024-raree_world.csv), as Seed/usgs-file-codes.csv lists it; null for a code it lacks.
    /// </summary>
    public string? FileCommodity(string code) => _nameByFileCode.GetValueOrDefault(code);

    /// <summary>A form as another edition prints it ("Ferosilicon, silicon content" in MCS 2025 for "Ferrosilicon"), in the registry's words.</summary>
    public string Form(string id, string form) => _forms.GetValueOrDefault((id, form.ToLowerInvariant())) ?? form;

    /// <summary>
    /// The id of a world table: the one the name-and-form rule gave it, unless the registry files that id's table at
    /// this stage under another (the commodity's id in the other editions).
    /// </summary>
    public string TableId(string id, string stage) => _idByTable.GetValueOrDefault((id, stage)) ?? id;

    /// <summary>The stage of a table as the registry files it: the printed stage, unless the registry maps it to the stage the other editions print.</summary>
    public string Stage(string id, string stage) => _stageByTable.GetValueOrDefault((id, stage)) ?? stage;

    /// <summary>The id an alias in the registry stands for (graphite → graphite-natural), if any.</summary>
    public string? Alias(string text) => _idByAlias.GetValueOrDefault(text.Trim());

    /// <summary>The registry's aliases of an id.</summary>
    public IReadOnlyList<string> AliasesOf(string id) => [.. _idByAlias.Where(a => a.Value == id).Select(a => a.Key).Order(StringComparer.Ordinal)];

    /// <summary>Spaces collapsed and trimmed ("Barite  " in MCS 2025).</summary>
    public static string Clean(string name) => string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    public static string Slug(string text) =>
        string.Join('-', NonAlphanumeric().Split(text.Trim().ToLowerInvariant()).Where(p => p.Length > 0));

    /// <summary>The registry (usgs-commodities.csv) and, where present, the file codes (usgs-file-codes.csv).</summary>
    public static UsgsCommodityNames Load(string path, string? fileCodesPath = null) =>
        new(CsvFiles.Read(path).Select((r, i) => (
            r.Required("id", "usgs-commodities.csv", i + 2),
            (IReadOnlyList<string>)Split(r.Optional("usgsNames")),
            (IReadOnlyList<string>)Split(r.Optional("aliases")),
            (IReadOnlyList<string>)Split(r.Optional("forms")),
            (IReadOnlyList<string>)Split(r.Optional("tables")),
            (IReadOnlyList<string>)Split(r.Optional("stages")))).ToList(),
            fileCodesPath is not null && File.Exists(fileCodesPath)
                ? CsvFiles.Read(fileCodesPath).Select((r, i) => (r.Required("code", "usgs-file-codes.csv", i + 2), r.Required("usgsName", "usgs-file-codes.csv", i + 2))).ToList()
                : null);

    private static List<string> Split(string? list) => [.. (list ?? "").Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    [GeneratedRegex(@"[^a-z0-9]+")]
    private static partial Regex NonAlphanumeric();
}
