using RareEarthApi.Commodities;
using RareEarthApi.Countries;
using RareEarthApi.Datasets;
using RareEarthApi.Production;
using RareEarthApi.UsStatistics;

namespace RareEarthApi.Refresh.Usgs;

/// <summary>One edition's files parsed: its rows, or the problems that keep it from publishing.</summary>
internal sealed record UsgsEditionParse(SourceEdition Edition, IReadOnlyList<Observation> Rows, IReadOnlyList<string> Problems, IReadOnlyList<string> Notes)
{
    public bool Accepted => Problems.Count == 0 && Rows.Count > 0;

    /// <summary>The U.S. salient statistics and import sources the edition's files carry (none before MCS 2026's long format).</summary>
    public UsgsUsTablesResult Us { get; init; } = UsgsUsTablesResult.Empty;

    /// <summary>Why the edition is not published, for the run record and the catalog.</summary>
    public string Rejection
    {
        get
        {
            const int Shown = 20;
            var reasons = Rows.Count == 0 && Problems.Count == 0 ? ["its files gave no rows"] : Problems.Take(Shown).ToList();
            var more = Problems.Count > Shown ? $" (and {Problems.Count - Shown} more)" : "";
            return $"{Edition.Id}: {Problems.Count} problem(s): {string.Join(" ", reasons)}{more}";
        }
    }
}

/// <summary>
/// The one way a USGS edition's files become served rows, for the scheduled refresh and the bundled seed alike:
/// each edition is parsed and checked on its own, a rejected edition leaves its served rows as they are, and the
/// accepted ones replace theirs.
/// </summary>
internal static class UsgsEditions
{
    /// <summary>
    /// The edition's data files parsed, under <paramref name="version"/>; a revision history among the files
    /// (version_history.txt) adds the values each later version changed, under that version, beside the first's.
    /// </summary>
    public static UsgsEditionParse Parse(SourceEdition edition, string version, IEnumerable<(string Path, string Name)> files, CountryCatalog countries, UsgsCommodityNames names)
    {
        var rows = new List<Observation>();
        var statistics = new List<UsStatistic>();
        var sources = new List<UsImportSource>();
        var problems = new List<string>();
        var notes = new List<string>();
        var all = files.ToList();
        var histories = all.Where(f => UsgsVersionHistory.IsHistory(f.Name)).ToList();
        var metas = all.Where(f => UsgsSalientWide.IsMeta(f.Name)).ToList();
        foreach (var (path, name) in all.Except(histories).Except(metas))
        {
            try
            {
                var result = UsgsMcsParser.ParseFile(path, name, edition.Id, countries, names, UsgsSalientWide.MetaOf(name, metas, names));
                rows.AddRange(result.Rows);
                statistics.AddRange(result.Us.Statistics);
                sources.AddRange(result.Us.ImportSources);
                problems.AddRange(result.Problems.Select(p => p.StartsWith(name, StringComparison.Ordinal) ? p : $"{name}: {p}"));
                notes.Add($"{edition.Id}/{name}: {string.Join(", ", result.Formats)}, {result.Rows.Count} rows.");
            }
            catch (InvalidDataException e)
            {
                problems.Add(e.Message);
            }
        }

        // A revised release's first posting is version 1.0, where configuration names none.
        var first = version.Length == 0 && histories.Count > 0 ? UsgsVersionHistory.FirstVersion : version;
        var versioned = first.Length == 0 ? rows : [.. rows.Select(r => r with { Version = first })];
        foreach (var (path, name) in histories)
        {
            var revisions = UsgsVersionHistory.Read(UsgsMcsParser.Decode(File.ReadAllBytes(path)));
            var revised = UsgsVersionHistory.Apply(versioned, revisions, name, countries, problems);
            versioned.AddRange(revised);
            notes.Add($"{edition.Id}/{name}: {revisions.Select(r => r.Version).Distinct().Count()} version(s) changing values, {revised.Count} rows revised.");
        }

        problems.AddRange(UsgsMcsParser.Check(versioned));
        // The U.S. tables under the first posting's version: no revision so far changed them.
        var us = first.Length == 0 ? new UsgsUsTablesResult(statistics, sources)
            : new UsgsUsTablesResult([.. statistics.Select(r => r with { Version = first })], [.. sources.Select(r => r with { Version = first })]);
        return new UsgsEditionParse(edition, versioned, problems, notes) { Us = us };
    }

    /// <summary>
    /// The served content with the accepted editions' rows of <paramref name="measure"/> in place of their old ones;
    /// every other edition (rejected ones included) stays as served.
    /// </summary>
    public static DatasetContent<Observation> Merge(DatasetContent<Observation> served, IEnumerable<UsgsEditionParse> editions, string measure)
    {
        var accepted = editions.Where(e => e.Accepted).ToList();
        var fresh = new DatasetContent<Observation>([.. accepted.SelectMany(e => e.Rows).Where(r => r.Measure == measure)], [.. accepted.Select(e => e.Edition)]);
        return served.WithEditionsFrom(fresh, r => r.Edition);
    }

    /// <summary>
    /// The served content with the rows <paramref name="rowsOf"/> gives for each accepted edition that has any in place
    /// of their old ones: an edition whose files carry no such table (MCS 2025's world file has no U.S. tables) leaves
    /// what is served for it, as does a rejected edition.
    /// </summary>
    public static DatasetContent<TRow> Merge<TRow>(DatasetContent<TRow> served, IEnumerable<UsgsEditionParse> editions, Func<UsgsEditionParse, IReadOnlyList<TRow>> rowsOf, Func<TRow, string> editionOf)
    {
        var accepted = editions.Where(e => e.Accepted && rowsOf(e).Count > 0).ToList();
        var fresh = new DatasetContent<TRow>([.. accepted.SelectMany(rowsOf)], [.. accepted.Select(e => e.Edition)]);
        return served.WithEditionsFrom(fresh, editionOf);
    }
}
