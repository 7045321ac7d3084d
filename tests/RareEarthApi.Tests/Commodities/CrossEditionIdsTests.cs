using RareEarthApi.Commodities;
using RareEarthApi.Datasets;
using RareEarthApi.Production;
using RareEarthApi.Refresh.Usgs;
using RareEarthApi.Tests.Support;
using RareEarthApi.UsStatistics;

namespace RareEarthApi.Tests.Commodities;

/// <summary>The bundled MCS 2023, 2024, 2025 and 2026 release files (parsed once, SeedCatalogs), as snapshots for the tests of one class.</summary>
public sealed class BundledEditions
{
    internal IReadOnlyList<UsgsEditionParse> Editions => SeedCatalogs.BundledEditions;

    internal IReadOnlyList<Observation> Rows(string measure) => [.. Editions.SelectMany(e => e.Rows).Where(r => r.Measure == measure)];

    internal DatasetSnapshot<Observation> Snapshot(ObservationDataset dataset) =>
        new(dataset.Name, "v1", DateTimeOffset.UnixEpoch, Rows(dataset.Measure), [.. Editions.Select(e => e.Edition)]);

    internal DatasetSnapshot<UsStatistic> UsStatistics() =>
        new(UsStatisticsDataset.Name, "v1", DateTimeOffset.UnixEpoch, [.. Editions.SelectMany(e => e.Us.Statistics)], [.. Editions.Select(e => e.Edition)]);
}

/// <summary>
/// One USGS commodity is one id in every edition that gives it (Seed/usgs-commodities.csv: names, forms, tables),
/// so commodity=X&amp;edition=latest and a series across editions find every edition's rows; the id an edition gave
/// before answers still, as an alias.
/// </summary>
public sealed class CrossEditionIdsTests(BundledEditions bundled) : IClassFixture<BundledEditions>
{
    private const string Mine = ObservationStage.MineProduction;

    public static TheoryData<string, string, string?> OneIdInEveryEdition => new()
    {
        // MCS 2024 and 2025 print platinum and palladium as forms of Platinum-Group Metals; MCS 2026 as commodities.
        { "mine-production", "platinum", Mine },
        { "mine-production", "palladium", Mine },
        // MCS 2024 and 2025: Titanium and Titanium Dioxide, sponge metal and pigment; MCS 2026: Titanium Sponge Metal, TiO2 Pigment.
        { "mine-production", "titanium-sponge-metal", "production" },
        { "mine-production", "titanium-sponge-metal", "production-capacity" },
        { "mine-production", "tio2-pigment", "production-capacity" },
        // MCS 2026 gives scrap and flake ("production") and sheet ("Mine production") at two stages, one table each;
        // the registry files scrap and flake at mine production, as MCS 2023 to 2025 print it.
        { "mine-production", "mica-natural-mica-scrap-and-flake", Mine },
        { "mine-production", "mica-natural-mica-sheet", Mine },
        // MCS 2024 and 2025 give natural soda ash alone at mine production; MCS 2026 beside synthetic.
        { "mine-production", "soda-ash-natural", Mine },
        { "mine-production", "soda-ash-total-natural-and-synthetic", "production" },
        // MCS 2024 prints the reserves of every platinum-group metal on the platinum rows, 2025 on the palladium rows.
        { "reserves", "platinum-group-metals", null },
        { "reserves", "soda-ash-total-natural-and-synthetic", null },
        { "reserves", "potash-potassium-oxide-k2o-equivalent", null },
        // MCS 2024 and 2025 print crude-ore reserves on the usable-ore rows ("Crude ore, million metric tons").
        { "reserves", "iron-ore-crude-ore", null },
        { "reserves", "iron-ore-iron-content", null },
    };

    [Theory]
    [MemberData(nameof(OneIdInEveryEdition))]
    public void ACommodityOfEveryEdition_HasOneId(string measure, string id, string? stage)
    {
        var editions = bundled.Rows(measure).Where(r => r.Commodity == id && (stage is null || r.Stage == stage)).Select(r => r.Edition).Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(["usgs-mcs-2023", "usgs-mcs-2024", "usgs-mcs-2025", "usgs-mcs-2026"], editions);
    }

    [Fact]
    public void MicaInUsStatistics_IsMicaNatural_InEveryEdition()
    {
        var editions = bundled.UsStatistics().Rows.Where(r => r.Commodity == "mica-natural").Select(r => r.Edition).Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(["usgs-mcs-2023", "usgs-mcs-2024", "usgs-mcs-2026"], editions);
        Assert.DoesNotContain(bundled.UsStatistics().Rows, r => r.Commodity == "mica");
    }

    [Theory]
    [InlineData("platinum-group-metals-platinum-content")]
    [InlineData("platinum-group-metals-palladium-content")]
    [InlineData("titanium-titanium-dioxide")]
    [InlineData("titanium-titanium-dioxide-pigment")]
    [InlineData("titanium-titanium-dioxide-sponge-metal")]
    [InlineData("mica-natural")]
    [InlineData("soda-ash")]
    [InlineData("soda-ash-natural-and-synthetic")]
    [InlineData("potash-k2o-equivalent")]
    [InlineData("iron-ore-million-metric-tons-crude-ore")]
    [InlineData("iron-ore-million-metric-tons-iron-content")]
    public void AnEditionsFormerId_NamesNoWorldRow(string former)
    {
        Assert.DoesNotContain(bundled.Editions.SelectMany(e => e.Rows), r => r.Commodity == former);
    }

    [Fact]
    public void UsableOre_NamesNoReserves_ItsProductionStays()
    {
        Assert.DoesNotContain(bundled.Rows("reserves"), r => r.Commodity == "iron-ore-usable-ore");
        Assert.Equal(4, bundled.Rows("mine-production").Where(r => r.Commodity == "iron-ore-usable-ore").Select(r => r.Edition).Distinct().Count());
    }

    [Theory]
    [InlineData("production", "commodity=platinum-group-metals-platinum-content&country=ZAF&year=2023&edition=usgs-mcs-2024", "platinum", 120000)]
    [InlineData("production", "commodity=platinum-group-metals-palladium-content&country=RUS&year=2023&edition=usgs-mcs-2024", "palladium", 92000)]
    [InlineData("production", "commodity=titanium-titanium-dioxide-sponge-metal&stage=production-capacity&country=CHN&year=2023&edition=usgs-mcs-2024", "titanium-sponge-metal", 260000)]
    [InlineData("production", "commodity=soda-ash&country=USA&year=2023&edition=usgs-mcs-2024", "soda-ash-natural", 11000)]
    [InlineData("reserves", "commodity=iron-ore-usable-ore&country=AUS&edition=usgs-mcs-2024", "iron-ore-crude-ore", 58000)]
    [InlineData("reserves", "commodity=potash-k2o-equivalent&country=CAN&edition=usgs-mcs-2026", "potash-potassium-oxide-k2o-equivalent", 1100000)]
    public void AFormerId_StillAnswers_WithTheRowsOfTheIdNow(string dataset, string query, string id, double value)
    {
        var row = Assert.Single(Run(dataset, query));

        Assert.Equal((id, value), (row.Commodity, row.Value));
    }

    [Fact]
    public void Platinum_IsOneSeriesAcrossEditions()
    {
        var rows = Run("production", "commodity=platinum&country=ZAF");

        // 2021 from MCS 2023, 2022 from MCS 2024, 2023 from MCS 2025, 2024 and 2025 from MCS 2026.
        Assert.Equal([(2021, "usgs-mcs-2023"), (2022, "usgs-mcs-2024"), (2023, "usgs-mcs-2025"), (2024, "usgs-mcs-2026"), (2025, "usgs-mcs-2026")],
            rows.Select(r => (r.Year, r.Edition)).Order());
    }

    /// <summary>
    /// MCS 2024's U.S. tables under an id MCS 2026's do not use: one salient file covers what MCS 2026 prints as two
    /// commodities (Titanium and Titanium Dioxide: Titanium Sponge Metal, TiO2 Pigment; Diamond (Industrial): Bort,
    /// grit, and dust and powder, and Stones), so the figures are not one series and stay apart.
    /// </summary>
    [Fact]
    public void UsStatisticsOnlyMcs2024Names_AreFilesCoveringTwoMcs2026Commodities()
    {
        var rows = bundled.UsStatistics().Rows;
        var mcs2026 = rows.Where(r => r.Edition == "usgs-mcs-2026").Select(r => r.Commodity).ToHashSet();

        Assert.Equal(["diamond-industrial", "titanium-titanium-dioxide"],
            rows.Where(r => r.Edition == "usgs-mcs-2024" && !mcs2026.Contains(r.Commodity)).Select(r => r.Commodity).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Mica_StillAnswersInUsStatistics_AsMicaNatural()
    {
        var index = ObservationCommodities.For(bundled.UsStatistics(), SeedCatalogs.CommodityNames, r => (r.Commodity, r.CommodityName));

        Assert.Equal("mica-natural", index.Resolve("mica"));
        Assert.Equal("titanium-titanium-dioxide", index.Resolve("titanium-titanium-dioxide"));
    }

    /// <summary>
    /// Every production and reserves id that not all four editions give, and why: a table an edition adds or drops,
    /// never one commodity under two ids. A new difference fails here until it is mapped or explained.
    /// </summary>
    [Fact]
    public void IdsNotInEveryEdition_AreTablesOnlySomeEditionsPrint()
    {
        var production = new Dictionary<string, string[]>
        {
            ["alumina"] = ["2026"], // a commodity of its own in 2026; MCS 2024 and 2025 give it as bauxite's refinery production
            ["germanium"] = ["2023", "2024"],
            ["iron-and-steel-slag-iron-slag"] = ["2026"], // MCS 2023 to 2025 print no world slag table
            ["iron-and-steel-slag-steel-slag"] = ["2026"],
            ["krypton"] = ["2026"],
            ["neon"] = ["2026"],
            ["sand-and-gravel-construction"] = ["2026"],
            ["scandium"] = ["2026"],
            // MCS 2023 gives one silicon table, the silicon content of ferrosilicon and silicon metal combined.
            ["silicon"] = ["2023"], ["silicon-ferrosilicon"] = ["2024", "2025", "2026"], ["silicon-silicon-metal"] = ["2024", "2025", "2026"],
            ["stone-crushed"] = ["2026"],
            ["stone-dimension"] = ["2023", "2024", "2026"],
            ["xenon"] = ["2026"],
            ["yttrium"] = ["2026"],
        };
        var reserves = new Dictionary<string, string[]>
        {
            // MCS 2023 and 2024 print a reserves cell (often "Large" or NA) in every per-commodity file.
            ["arsenic"] = ["2023", "2024"], ["beryllium"] = ["2023", "2024"], ["bismuth"] = ["2023", "2024"], ["cadmium"] = ["2023", "2024"], ["clays-bentonite"] = ["2023", "2024"],
            ["clays-fuller-s-earth"] = ["2023", "2024"], ["clays-kaolin"] = ["2023", "2024"], ["germanium"] = ["2023", "2024"], ["lime"] = ["2023", "2024"], ["mercury"] = ["2023", "2024"],
            ["nitrogen-fixed-ammonia"] = ["2023", "2024"], ["sand-and-gravel-industrial"] = ["2023", "2024"], ["stone-dimension"] = ["2023", "2024"], ["zeolites-natural"] = ["2023", "2024"],
            ["gallium"] = ["2023"], ["pumice-and-pumicite"] = ["2023"], ["silicon"] = ["2023"], ["sulfur"] = ["2023"], ["wollastonite"] = ["2023"],
            // "Included with platinum" (NA) on MCS 2023's and 2024's palladium rows.
            ["palladium"] = ["2023", "2024"],
            ["indium"] = ["2023", "2025"], ["selenium"] = ["2023", "2024", "2025"], ["tellurium"] = ["2023", "2024", "2025"],
            ["cesium"] = ["2026"], ["rubidium"] = ["2026"], ["scandium"] = ["2026"],
            // MCS 2023 to 2025: shipping-grade chromite ore (2024: normalized to 45% Cr2O3); MCS 2026: ore and Cr2O3 content.
            ["chromium"] = ["2023", "2024", "2025"], ["chromium-cr2o3-content"] = ["2026"], ["chromium-ore"] = ["2026"],
        };

        Assert.Equal(production, NotInEveryEdition("mine-production"));
        Assert.Equal(reserves, NotInEveryEdition("reserves"));
    }

    /// <summary>
    /// MCS 2026 prints iron and steel slag's two world totals with a sentence as their detail ("world iron slag
    /// production was estimated to be between 330 million and 390 million tons, "): the form is the short label, the
    /// sentence the note, so the ids are the tables' names, not the sentence's.
    /// </summary>
    [Fact]
    public void SlagsWorldTotals_TakeTheLabelAsForm_TheSentenceAsNote()
    {
        var slag = bundled.Rows("mine-production").Where(r => r.CommodityName == "Iron And Steel Slag").OrderBy(r => r.Commodity, StringComparer.Ordinal).ToList();

        Assert.Equal(
            [("iron-and-steel-slag-iron-slag", "iron slag", "WLD", 2025, 330d, 390d), ("iron-and-steel-slag-steel-slag", "steel slag", "WLD", 2025, 190d, 290d)],
            slag.Select(r => (r.Commodity, r.Basis, r.Country, r.Year, r.Low!.Value, r.High!.Value)));
        Assert.All(slag, r => Assert.Equal("usgs-mcs-2026", r.Edition));
        Assert.Contains("world iron slag production was estimated to be between 330", slag[0].Note, StringComparison.Ordinal);
        Assert.Contains("steel slag production was estimated to be between 190", slag[1].Note, StringComparison.Ordinal);
    }

    /// <summary>A sentence with no label before a stage word ("Australia, Canada, China, and Namibia were estimated to have reserves ...") gives no basis.</summary>
    [Fact]
    public void CesiumsReserveSentence_IsTheNote_WithNoBasis()
    {
        var cesium = Assert.Single(bundled.Rows("reserves"), r => r.Commodity == "cesium" && r.Note?.Contains("Namibia were estimated", StringComparison.Ordinal) == true);

        Assert.Equal("", cesium.Basis);
    }

    [Theory]
    [InlineData("platinum-group-metals-platinum-content", "is not id/stage")]
    [InlineData("platinum-group-metals-platinum-content/mine-production|platinum-group-metals-platinum-content/mine-production", "listed under two ids")]
    public void ARegistryTable_MalformedOrListedTwice_FailsTheRegistry(string tables, string says)
    {
        var rows = tables.Split('|').Select((t, i) => ($"id{i}", (IReadOnlyList<string>)[], (IReadOnlyList<string>)[], (IReadOnlyList<string>)[], (IReadOnlyList<string>)[t], (IReadOnlyList<string>)[]));

        var error = Assert.Throws<InvalidDataException>(() => new UsgsCommodityNames(rows));
        Assert.Contains(says, error.Message, StringComparison.Ordinal);
    }

    private Dictionary<string, string[]> NotInEveryEdition(string measure) =>
        bundled.Rows(measure).GroupBy(r => r.Commodity)
            .Select(g => (g.Key, Editions: g.Select(r => r.Edition.Replace("usgs-mcs-", "", StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal).ToArray()))
            .Where(x => x.Editions.Length < 4)
            .ToDictionary(x => x.Key, x => x.Editions);

    private IReadOnlyList<Observation> Run(string dataset, string query)
    {
        var observations = dataset == "reserves" ? ObservationDatasets.Reserves : ObservationDatasets.Production;
        var (parsed, errors) = DatasetQueries.Parse(observations.Descriptor, ApiRequest.With(query), bundled.Snapshot(observations), SeedCatalogs.Services);
        Assert.Empty(errors);
        return DatasetQueries.Run(observations.Descriptor, parsed!).Rows;
    }
}
