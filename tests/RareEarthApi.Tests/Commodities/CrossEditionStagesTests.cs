using RareEarthApi.Commodities;
using RareEarthApi.Production;
using RareEarthApi.Refresh.Usgs;
using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.Commodities;

/// <summary>
/// One table, one stage in every edition: where an edition's words place a table at another stage than the others
/// print for the same statistic (MCS 2026's mica scrap and flake "production", MCS 2023 to 2025 "Mine production"),
/// the registry's stages column (Seed/usgs-commodities.csv) files it at the others' stage; the bases and notes are
/// the release's, cleaned by one rule.
/// </summary>
public sealed class CrossEditionStagesTests(BundledEditions bundled) : IClassFixture<BundledEditions>
{
    /// <summary>
    /// Every production id whose stages are not the same in every edition that gives it, and why: a table an edition
    /// adds or drops (a capacity, alumina), or boron's forms; never one table at two stages. A new difference fails
    /// here until the registry maps it or this list explains it.
    /// </summary>
    [Fact]
    public void StagesThatDifferAcrossEditions_AreTablesOnlySomeEditionsPrint()
    {
        var expected = new Dictionary<string, string>
        {
            // MCS 2025 adds the plants' capacity, which MCS 2026 names refinery capacity (registry: production-capacity=refinery-capacity).
            ["arsenic"] = "2023:plant-production 2024:plant-production 2025:plant-production+refinery-capacity 2026:plant-production+refinery-capacity",
            // MCS 2026 gives alumina's refinery production as the commodity alumina.
            ["bauxite"] = "2023:mine-production+refinery-production 2024:mine-production+refinery-production 2025:mine-production+refinery-production 2026:mine-production",
            // MCS 2026 adds capacity tables.
            ["bismuth"] = "2023:refinery-production 2024:refinery-production 2025:refinery-production 2026:production-capacity+refinery-production",
            ["indium"] = "2023:refinery-production 2024:refinery-production 2025:refinery-production 2026:refinery-capacity+refinery-production",
            ["selenium"] = "2023:refinery-production 2024:refinery-production 2025:refinery-production 2026:refinery-capacity+refinery-production",
            ["tellurium"] = "2023:refinery-production 2024:refinery-production 2025:refinery-production 2026:refinery-capacity+refinery-production",
            // MCS 2025 adds smelter capacity.
            ["magnesium-metal"] = "2023:smelter-production 2024:smelter-production 2025:smelter-capacity+smelter-production 2026:smelter-capacity+smelter-production",
            // MCS 2023 prints each form at its own stage (crude borates at the mine, refined borates at the plant), and a
            // row without words ("XX"); MCS 2024 to 2026 print every form as "Production": not one stage to map to.
            ["boron"] = "2023:mine-production+plant-production+production 2024:production 2025:production 2026:production",
        };

        var actual = bundled.Rows(UsgsMcsParser.MineProductionMeasure).GroupBy(r => r.Commodity)
            .Select(g => (g.Key, Stages: g.GroupBy(r => r.Edition).OrderBy(e => e.Key, StringComparer.Ordinal)
                .Select(e => $"{e.Key.Replace("usgs-mcs-", "", StringComparison.Ordinal)}:{string.Join('+', e.Select(r => r.Stage).Distinct().Order(StringComparer.Ordinal))}").ToList()))
            .Where(x => x.Stages.Select(s => s[(s.IndexOf(':', StringComparison.Ordinal) + 1)..]).Distinct().Count() > 1)
            .ToDictionary(x => x.Key, x => string.Join(' ', x.Stages));

        Assert.Equal(expected, actual);
    }

    /// <summary>The tables the registry files at the stage the other editions print, with a figure of the edition whose words differ.</summary>
    [Theory]
    // MCS 2026: "Mica (Scrap and flake): production", United States 2025: 26,000 t; MCS 2023 to 2025: "Mine production - mica scrap and flake".
    [InlineData("mica-natural-mica-scrap-and-flake", "usgs-mcs-2026", "USA", 2025, "mine-production", 26000)]
    // MCS 2026: "Mine production: synthetic", World 2025: 52,000 kt; MCS 2023 to 2025: "Soda ash, synthetic" (made, not mined).
    [InlineData("soda-ash-synthetic", "usgs-mcs-2026", "WLD", 2025, "production", 52000)]
    [InlineData("soda-ash-total-natural-and-synthetic", "usgs-mcs-2026", "WLD", 2025, "production", 71000)]
    // MCS 2026: "Production", Jordan 2025: 110,000 t; MCS 2023 and 2024: "Plant production, bromine content".
    [InlineData("bromine", "usgs-mcs-2026", "JOR", 2025, "plant-production", 110000)]
    // MCS 2024: "Mne production, grosss weight, marketable chromite ore" (sic), South Africa 2023: 18,000 kt.
    [InlineData("chromium", "usgs-mcs-2024", "ZAF", 2023, "mine-production", 18000)]
    public void ATableOneEditionWordsOtherwise_HasTheOthersStage(string commodity, string edition, string country, int year, string stage, double value)
    {
        var row = Assert.Single(bundled.Rows(UsgsMcsParser.MineProductionMeasure), r => r.Commodity == commodity && r.Edition == edition && r.Country == country && r.Year == year);

        Assert.Equal((stage, value), (row.Stage, row.Value));
    }

    /// <summary>
    /// MCS 2023 to 2025 print crude-ore reserves on the usable-ore rows; the note states their basis with their unit
    /// ("Crude iron ore, million metric tons.", "Crude ore, million metric tons."), so the basis is crude ore, as MCS 2026's.
    /// </summary>
    [Fact]
    public void IronOreReserves_TakeTheBasisTheirNoteStates()
    {
        var reserves = bundled.Rows(UsgsMcsParser.Reserves).Where(r => r.Commodity.StartsWith("iron-ore", StringComparison.Ordinal)).ToList();

        Assert.Equal(
            [("iron-ore-crude-ore", "crude ore", "Mt"), ("iron-ore-iron-content", "iron content", "Mt")],
            reserves.Select(r => (r.Commodity, r.Basis, r.Unit)).Distinct().Order());
        Assert.Equal(4, reserves.Where(r => r.Commodity == "iron-ore-crude-ore").Select(r => r.Edition).Distinct().Count());
        // MCS 2023, Australia: 51,000 Mt of crude ore, 27,000 Mt of iron content.
        Assert.Equal(51000, Assert.Single(reserves, r => r.Commodity == "iron-ore-crude-ore" && r.Edition == "usgs-mcs-2023" && r.Country == "AUS").Value);
        Assert.Equal(27000, Assert.Single(reserves, r => r.Commodity == "iron-ore-iron-content" && r.Edition == "usgs-mcs-2023" && r.Country == "AUS").Value);
    }

    /// <summary>MCS 2026's slag sentences and MCS 2023's iron-ore notes print no-break spaces ("330\u00a0million"); a note is served with plain spaces.</summary>
    [Fact]
    public void Notes_HaveOnlyPlainSingleSpaces()
    {
        var notes = bundled.Editions.SelectMany(e => e.Rows).Select(r => r.Note).OfType<string>().ToList();

        Assert.DoesNotContain(notes, n => n.Any(c => char.IsWhiteSpace(c) && c != ' ') || n.Contains("  ", StringComparison.Ordinal) || n != n.Trim());
        Assert.Contains(notes, n => n.Contains("between 330 million and 390 million tons", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.Contains("23 billion tons of crude ore", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("production")]
    [InlineData("production=reserves")]
    [InlineData("production=mined")]
    public void ARegistryStage_NotTwoProductionStages_FailsTheRegistry(string stage)
    {
        (string, IReadOnlyList<string>, IReadOnlyList<string>, IReadOnlyList<string>, IReadOnlyList<string>, IReadOnlyList<string>)[] rows = [("id", [], [], [], [], [stage])];

        var error = Assert.Throws<InvalidDataException>(() => new UsgsCommodityNames(rows));
        Assert.Contains($"stage '{stage}'", error.Message, StringComparison.Ordinal);
    }

}
