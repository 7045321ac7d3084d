using System.Globalization;
using RareEarthApi.Countries;
using RareEarthApi.Datasets;

namespace RareEarthApi.Production;

/// <summary>
/// A country's figure read against its year's World row. edition=latest picks each country and year from the newest
/// edition that has it, so a country and the World can come from different editions (tables that disagree);
/// edition=latest-table answers each year from one edition's table instead, and the warning names the editions
/// wherever a country shows above the World.
/// </summary>
internal static class WorldTables
{
    public const string LatestTable = "latest-table";

    public const string World = "WLD";

    /// <summary>
    /// For each year, every row from one edition: the newest (published, then id) whose table in the snapshot gives
    /// that year a World row, or, where no edition does, the newest with any row for the year. The table is chosen
    /// from the whole snapshot, so that a query for one country still gets that country's row of the year's table.
    /// </summary>
    public static IEnumerable<Observation> SelectLatestTable(IEnumerable<Observation> rows, DatasetSnapshot<Observation> snapshot)
    {
        var tables = snapshot.Rows.GroupBy(r => (r.Commodity, r.Year)).ToDictionary(g => g.Key, year =>
        {
            var withWorld = year.Where(r => r.Country == World).Select(r => r.Edition).ToHashSet(StringComparer.Ordinal);
            return year.Select(r => r.Edition).Distinct(StringComparer.Ordinal)
                .Where(e => withWorld.Count == 0 || withWorld.Contains(e))
                .MaxBy(e => (snapshot.Edition(e)?.Published ?? DateOnly.MinValue, e));
        });
        return rows.Where(r => tables.GetValueOrDefault((r.Commodity, r.Year)) == r.Edition);
    }

    /// <summary>
    /// One warning per year where a country row shown is above the World row the same edition choice gives that year
    /// (<paramref name="world"/>), naming both editions; aggregates and null figures are not compared.
    /// </summary>
    public static IEnumerable<string> AboveWorld(IEnumerable<Observation> shown, IEnumerable<Observation> world, CountryCatalog countries)
    {
        var worldByYear = world.Where(w => w.Country == World && w.Value > 0)
            .GroupBy(w => (w.Commodity, w.Year)).ToDictionary(g => g.Key, g => g.First());
        return shown
            .Where(r => r.Value is not null && countries.ByIso3(r.Country) is not { IsAggregate: true })
            .Select(r => (Row: r, World: worldByYear.GetValueOrDefault((r.Commodity, r.Year))))
            .Where(p => p.World is not null && p.Row.Value > p.World.Value)
            .GroupBy(p => (p.Row.Year, p.World!.Edition, p.World.Value))
            .OrderBy(g => g.Key.Year)
            .Select(g =>
            {
                var world = g.First().World!;
                var above = string.Join("; ", g.OrderBy(p => p.Row.Country, StringComparer.Ordinal).Select(p =>
                    $"{countries.ByIso3(p.Row.Country)?.Name ?? p.Row.Country} ({p.Row.Country}) {Figure(p.Row)} from {p.Row.Edition}"));
                var sameEdition = g.All(p => p.Row.Edition == world.Edition);
                var why = sameEdition
                    ? $"edition {world.Edition}'s own World row is below it"
                    : "they come from different editions; edition=latest-table answers each year from one edition's table";
                return $"{g.Key.Year}: {above} is above the World figure {Figure(world)} from {world.Edition} ({why}).";
            });
    }

    private static string Figure(Observation o) => $"{o.Value!.Value.ToString("#,0.##", CultureInfo.InvariantCulture)} {o.Unit}";
}
