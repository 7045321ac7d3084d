using System.Globalization;
using System.Text.RegularExpressions;
using RareEarthApi.Countries;
using RareEarthApi.Production;

namespace RareEarthApi.Refresh.Usgs;

/// <summary>One table value a release revision changed, as its version history words it.</summary>
internal sealed record UsgsRevision(string Version, DateOnly Posted, string Statistic, string Label, string From, string To, bool Total);

/// <summary>
/// A USGS release's revision history (version_history.txt beside MCS 2026): the versions reposted after the first, and
/// the table values each changed ("the value of reserves for Brazil was changed from "21,000,000" to "11,000,000" and
/// the total was revised down from "&gt;85,000,000" to "&gt;75,000,000""). Applied to the first version's rows, each
/// change gives the changed row again under its version, so the earlier value stays reachable. The history names a
/// page, not a table: the row changed is the one of that country and statistic whose value is the old one, and a
/// change that matches no row, or several, fails the edition rather than guess.
/// </summary>
internal static partial class UsgsVersionHistory
{
    /// <summary>The version a release is first posted as.</summary>
    public const string FirstVersion = "1.0";

    public static bool IsHistory(string fileName) => fileName.EndsWith("version_history.txt", StringComparison.OrdinalIgnoreCase);

    public static IReadOnlyList<UsgsRevision> Read(string text)
    {
        var revisions = new List<UsgsRevision>();
        var sections = Reposted().Matches(text);
        for (var i = 0; i < sections.Count; i++)
        {
            var section = sections[i];
            var end = i + 1 < sections.Count ? sections[i + 1].Index : text.Length;
            var posted = DateOnly.ParseExact(section.Groups["date"].Value, "MMMM d, yyyy", CultureInfo.InvariantCulture);
            var version = section.Groups["version"].Value;
            foreach (Match change in ValueChange().Matches(text[section.Index..end]))
            {
                var statistic = change.Groups["statistic"].Value;
                revisions.Add(new UsgsRevision(version, posted, statistic, change.Groups["label"].Value.Trim(), change.Groups["from"].Value, change.Groups["to"].Value, false));
                if (change.Groups["totalFrom"].Success)
                {
                    revisions.Add(new UsgsRevision(version, posted, statistic, "World total", change.Groups["totalFrom"].Value, change.Groups["totalTo"].Value, true));
                }
            }
        }

        return revisions;
    }

    /// <summary>The rows the revisions change, each under its revision's version; a change no single row matches is a problem.</summary>
    public static IReadOnlyList<Observation> Apply(IReadOnlyList<Observation> rows, IReadOnlyList<UsgsRevision> revisions, string file, CountryCatalog countries, List<string> problems)
    {
        var revised = new List<Observation>();
        Observation? changed = null;
        foreach (var revision in revisions)
        {
            var stage = revision.Statistic.Equals("reserves", StringComparison.OrdinalIgnoreCase) ? ObservationStage.Reserves : null;
            var iso3 = revision.Total ? "WLD" : countries.ResolveSourceLabel(revision.Label)?.Country.Iso3;
            var (from, fromStatus, _, _, _) = UsgsMcsParser.Value(revision.From, false);
            // The total is the World row of the table the country's change was in.
            var matches = rows.Concat(revised).Where(r => r.Country == iso3 && (stage is null ? r.Stage != ObservationStage.Reserves : r.Stage == stage)
                                          && r.Value == from && IsBound(r.Status) == IsBound(fromStatus ?? "") && (!IsBound(r.Status) || r.Status == fromStatus)
                                          && (!revision.Total || changed is null || (r.Commodity == changed.Commodity && r.Stage == changed.Stage && r.Year == changed.Year)))
                .ToList();
            if (matches.Count != 1)
            {
                problems.Add($"{file}: version {revision.Version} changed {revision.Statistic} for {revision.Label} from '{revision.From}' to '{revision.To}', " +
                             $"and {matches.Count} rows of version {FirstVersion} have that value; refusing to guess which.");
                continue;
            }

            var row = matches[0];
            var (value, status, tokenNote, low, high) = UsgsMcsParser.Value(revision.To, row.Status == ObservationStatus.Estimated);
            var note = string.Join(" ", new[] { row.Note, tokenNote, $"Version {revision.Version} (reposted {revision.Posted:yyyy-MM-dd}) changed this value from {revision.From} to {revision.To} ({file})." }
                .Where(n => !string.IsNullOrEmpty(n)));
            revised.Add(row with { Value = value, Status = status ?? row.Status, Low = low, High = high, Version = revision.Version, Note = note });
            if (!revision.Total)
            {
                changed = row;
            }
        }

        return revised;
    }

    private static bool IsBound(string status) => status is ObservationStatus.LowerBound or ObservationStatus.UpperBound;

    // "First posted online February 6, 2026"; "Revised and reposted May 27, 2026, as version 1.3"
    [GeneratedRegex(@"Revised and reposted (?<date>[A-Z][a-z]+ \d{1,2}, \d{4}), as version (?<version>\d+(?:\.\d+)+)")]
    private static partial Regex Reposted();

    [GeneratedRegex(@"the value of (?<statistic>reserves|mine production|production|capacity) for (?<label>[^""]+?) was changed from ""(?<from>[^""]+)"" to ""(?<to>[^""]+)""(?: and the total was revised(?: down| up)? from ""(?<totalFrom>[^""]+)"" to ""(?<totalTo>[^""]+)"")?", RegexOptions.IgnoreCase)]
    private static partial Regex ValueChange();
}
