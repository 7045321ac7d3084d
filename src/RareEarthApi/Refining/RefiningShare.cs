using System.Globalization;
using Azure.Data.Tables;
using RareEarthApi.Countries;
using RareEarthApi.Datasets;

namespace RareEarthApi.Refining;

/// <summary>
/// One country's (or a named group's) share of refined, i.e. separated, rare-earth output in a year, as one
/// edition of a publication states it: an actual figure, or a projection under one of the outlook's scenarios.
/// </summary>
public sealed record RefiningShare(
    string Country,
    string SourceLabel,
    IReadOnlyList<string> Members,
    int Year,
    string Scenario,
    double Value,
    string? Note,
    string Edition)
{
    public const string Unit = "percent";
    public const string Actual = "actual";

    /// <summary>Groups a publication states a share for, besides single countries.</summary>
    public static readonly IReadOnlyDictionary<string, string> Aggregates = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["TOP3"] = "Top three countries",
        ["ROW"] = "Rest of world",
    };

    public bool IsAggregate => Aggregates.ContainsKey(Country);
}

/// <summary>Refining rows in the rows table: a partition per country within a version, row key "{year}|{scenario}|{edition}".</summary>
internal sealed class RefiningCodec() : RecordCodec<RefiningShare>(new RecordColumns
{
    Missing = new Dictionary<string, Func<TableEntity, object?>> { [nameof(RefiningShare.Scenario)] = _ => RefiningShare.Actual },
})
{
    public override string Shard(RefiningShare row) => row.Country;

    public override string RowKey(RefiningShare row) => $"{row.Year:D4}|{row.Scenario}|{row.Edition}";
}

/// <summary>
/// The curated refining file: one row per share, each naming its publication (edition id, title, publisher, date,
/// URL), so that a file is complete on its own. The bundled seed and a refreshed or uploaded file go through
/// this one parser.
/// </summary>
internal static class RefiningFile
{
    public static readonly IReadOnlyList<string> Columns =
        ["edition", "editionTitle", "publisher", "published", "url", "country", "sourceLabel", "members", "year", "scenario", "value", "unit", "note"];

    public static (DatasetContent<RefiningShare> Content, IReadOnlyList<string> Problems) Parse(Stream content, string fileName, CountryCatalog countries)
    {
        var file = CuratedFile.Read(content, fileName, Columns);
        var rows = new List<RefiningShare>();
        var editions = new Dictionary<string, SourceEdition>(StringComparer.Ordinal);
        if (file.HasProblems)
        {
            return (new DatasetContent<RefiningShare>(rows, []), file.Problems);
        }

        var seen = new HashSet<(string, int, string, string)>();
        foreach (var (r, line) in file.Rows.Select((r, i) => (r, i + 2)))
        {
            var edition = ReadEdition(file, r, line);
            var country = file.Required(r, "country", line);
            var year = file.Integer(r, "year", line);
            var scenario = file.Required(r, "scenario", line);
            var value = file.Number(r, "value", line);
            var unit = file.Required(r, "unit", line);
            if (unit is not null && unit != RefiningShare.Unit)
            {
                file.Problem(line, $"unit '{unit}' is not '{RefiningShare.Unit}': every share in this dataset is a percentage, never a fraction.");
            }

            if (value is < 0 or > 100)
            {
                file.Problem(line, $"value {value.Value.ToString(CultureInfo.InvariantCulture)} is outside 0..100 (a share in percent).");
            }

            if (scenario is not null && !IsSlug(scenario))
            {
                file.Problem(line, $"scenario '{scenario}' must be 'actual' or a lower-case scenario name such as 'base-case'.");
            }

            var members = CuratedFile.List(r, "members");
            if (country is not null && !RefiningShare.Aggregates.ContainsKey(country) && countries.ByIso3(country) is not { IsAggregate: false })
            {
                file.Problem(line, $"country '{country}' is neither an ISO3 code in the country crosswalk nor one of {string.Join(", ", RefiningShare.Aggregates.Keys)}.");
            }

            foreach (var member in members.Where(m => countries.ByIso3(m) is not { IsAggregate: false }))
            {
                file.Problem(line, $"member '{member}' is not an ISO3 code in the country crosswalk.");
            }

            if (country is "TOP3" && members.Count != 3)
            {
                file.Problem(line, "a TOP3 row names its three countries in 'members' (CHN|MYS|AUS).");
            }

            if (edition is not null && year is not null && scenario is not null)
            {
                var published = edition.Published.Year;
                if (scenario == RefiningShare.Actual && year > published)
                {
                    file.Problem(line, $"an actual share for {year} cannot come from an edition published in {published}; mark it with the outlook's scenario.");
                }
                else if (scenario != RefiningShare.Actual && year < published)
                {
                    file.Problem(line, $"a {scenario} projection for {year} is before the edition's year ({published}); projections look forward.");
                }

                if (editions.TryGetValue(edition.Id, out var known) && known != edition)
                {
                    file.Problem(line, $"edition '{edition.Id}' is described differently than on an earlier line.");
                }

                editions.TryAdd(edition.Id, edition);
            }

            if (country is null || year is null || scenario is null || value is null || edition is null)
            {
                continue;
            }

            if (!seen.Add((country, year.Value, scenario, edition.Id)))
            {
                file.Problem(line, $"duplicate share for {country} {year} {scenario} in {edition.Id}.");
            }

            rows.Add(new RefiningShare(country, r.Optional("sourceLabel") ?? country, members, year.Value, scenario, value.Value, r.Optional("note"), edition.Id));
        }

        foreach (var group in rows.Where(r => !r.IsAggregate).GroupBy(r => (r.Edition, r.Year, r.Scenario)))
        {
            var sum = group.Sum(r => r.Value);
            if (sum > 100.5)
            {
                file.Problem($"the country shares of {group.Key.Edition} {group.Key.Year} {group.Key.Scenario} add up to {sum.ToString(CultureInfo.InvariantCulture)}%, more than 100%.");
            }
        }

        return (new DatasetContent<RefiningShare>(rows, editions.Values.OrderBy(e => e.Published).ToList()), file.Problems);
    }

    private static SourceEdition? ReadEdition(CuratedFile file, IReadOnlyDictionary<string, string> r, int line)
    {
        var id = file.Required(r, "edition", line);
        var title = file.Required(r, "editionTitle", line);
        var publisher = file.Required(r, "publisher", line);
        var published = file.Date(r, "published", line);
        if (published is null && r.Optional("published") is null)
        {
            file.Problem(line, "column 'published' is empty.");
        }

        return id is null || title is null || publisher is null || published is null
            ? null
            : new SourceEdition(id, id[..Math.Max(id.LastIndexOf('-'), 1)], title, publisher, published.Value, null, r.Optional("url"));
    }

    private static bool IsSlug(string s) => s.Length > 0 && s.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
