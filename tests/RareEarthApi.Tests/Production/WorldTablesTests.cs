using RareEarthApi.Countries;
using RareEarthApi.Datasets;
using RareEarthApi.Production;
using RareEarthApi.Tests.Support;
using static RareEarthApi.Tests.Production.SnapshotBuilder;

namespace RareEarthApi.Tests.Production;

/// <summary>A country read against its year's World row: the warning where one shows above it, and edition=latest-table.</summary>
public sealed class WorldTablesTests
{
    private static readonly CountryCatalog Countries = SeedCatalogs.Countries;

    private static readonly SourceEdition Mcs2012 = new("usgs-mcs-2012", "usgs-mcs", "MCS 2012", "USGS", new DateOnly(2012, 1, 1), null, null);
    private static readonly SourceEdition Ds140 = new("usgs-ds140-2020", "usgs-ds140", "DS140", "USGS", new DateOnly(2023, 9, 27), null, null);

    /// <summary>The case (figures made up for the test): China 2010 from an MCS table, a lower World 2010 from Data Series 140.</summary>
    private static readonly DatasetSnapshot<Observation> Mixed = new("production", "v1", DateTimeOffset.UnixEpoch,
    [
        Row("CHN", 2010, 130000, "usgs-mcs-2012"),
        Row("IND", 2010, 2800, "usgs-mcs-2012"),
        Row("WLD", 2010, 133000, "usgs-mcs-2012"),
        Row("WLD", 2010, 101000, "usgs-ds140-2020"),
        Row("USA", 2010, 0, "usgs-ds140-2020", "zero"),
        Row("CHN", 2024, 270000, "usgs-mcs-2026"),
        Row("WLD", 2024, 380000, "usgs-mcs-2026"),
        Row("WLD", 2024, 390000, "usgs-mcs-2025"),
        Row("AUS", 2024, 13000, "usgs-mcs-2025"),
        Row("AUS", 2024, 29000, "usgs-mcs-2026"),
        Row("NGA", 2024, 13000, "usgs-mcs-2025"),
    ], [Mcs2012, Ds140, Mcs2025, Mcs2026]);

    private static (IReadOnlyList<Observation> Rows, IReadOnlyList<string> Warnings) Run(string query, DatasetSnapshot<Observation>? snapshot = null)
    {
        var (parsed, errors) = DatasetQueries.Parse(ObservationDatasets.Production.Descriptor, ApiRequest.With(query), snapshot ?? Mixed, SeedCatalogs.Services);
        Assert.Empty(errors);
        return DatasetQueries.Run(ObservationDatasets.Production.Descriptor, parsed!);
    }

    [Fact]
    public void Latest_ACountryAboveAWorldRowOfAnotherEdition_IsWarnedNamingBothEditions()
    {
        var page = Run("country=CHN&year=2010");

        Assert.Equal(130000, Assert.Single(page.Rows).Value);
        Assert.Equal(["2010: China (CHN) 130,000 t from usgs-mcs-2012 is above the World figure 101,000 t from usgs-ds140-2020 " +
            "(they come from different editions; edition=latest-table answers each year from one edition's table)."], page.Warnings);
    }

    [Fact]
    public void Latest_ACountryBelowItsWorldRow_HasNoSuchWarning()
    {
        Assert.Empty(Run("country=CHN,AUS&year=2024").Warnings);
        Assert.Empty(Run("country=CHN&year=2010&edition=usgs-mcs-2012").Warnings);
    }

    [Fact]
    public void LatestTable_AnswersEachYearFromOneEditionsTable_TheNewestWithAWorldRow()
    {
        var page = Run("year=2010&edition=latest-table&include_aggregates=true");
        Assert.All(page.Rows, r => Assert.Equal("usgs-ds140-2020", r.Edition));
        Assert.Equal(["USA", "WLD"], page.Rows.Select(r => r.Country));
        Assert.Empty(page.Warnings);

        var y2024 = Run("year=2024&edition=latest-table&include_aggregates=true");
        Assert.All(y2024.Rows, r => Assert.Equal("usgs-mcs-2026", r.Edition));
        // Nigeria 2024 is only in MCS 2025's table: latest has it, MCS 2026's table does not.
        Assert.DoesNotContain(y2024.Rows, r => r.Country == "NGA");
        Assert.Contains(Run("year=2024").Rows, r => r.Country == "NGA");
    }

    [Fact]
    public void LatestTable_AYearNoEditionGivesAWorldRow_ComesFromTheNewestEditionWithTheYear()
    {
        var snapshot = new DatasetSnapshot<Observation>("production", "v1", DateTimeOffset.UnixEpoch,
            [Row("USA", 2015, 4100, "usgs-mcs-2012"), Row("USA", 2015, 5900, "usgs-ds140-2020")], [Mcs2012, Ds140]);

        Assert.Equal(5900, Assert.Single(Run("edition=latest-table", snapshot).Rows).Value);
    }

    [Fact]
    public void AnEditionsOwnTableWithACountryAboveItsWorld_IsWarnedNamingTheEdition()
    {
        var snapshot = new DatasetSnapshot<Observation>("production", "v1", DateTimeOffset.UnixEpoch,
            [Row("CHN", 2024, 400000, "usgs-mcs-2026"), Row("WLD", 2024, 380000, "usgs-mcs-2026")], [Mcs2026]);

        var warning = Assert.Single(Run("country=CHN&edition=usgs-mcs-2026", snapshot).Warnings);
        Assert.Equal("2024: China (CHN) 400,000 t from usgs-mcs-2026 is above the World figure 380,000 t from usgs-mcs-2026 " +
            "(edition usgs-mcs-2026's own World row is below it).", warning);
    }

    [Fact]
    public void BundledData_LatestTable_EveryYearIsOneEditionsTable_AndNoCountryIsAboveItsWorld()
    {
        var content = ObservationSeedDataset.Read(Countries);
        var snapshot = new DatasetSnapshot<Observation>("production", "v1", DateTimeOffset.UnixEpoch,
            content.Rows.Where(r => r.Measure == ObservationDatasets.Production.Measure).ToList(), content.Editions);

        var table = Run("start=2010&end=2025&edition=latest-table&include_aggregates=true", snapshot);
        Assert.All(table.Rows.GroupBy(r => r.Year), g => Assert.Single(g.Select(r => r.Edition).Distinct()));
        Assert.All(table.Rows.GroupBy(r => r.Year), g => Assert.Contains(g, r => r.Country == "WLD"));
        Assert.Equal("usgs-ds140-2020", table.Rows.First(r => r.Year == 2015).Edition);
        Assert.Equal("usgs-mcs-2026", table.Rows.First(r => r.Year == 2025).Edition);
        Assert.Empty(table.Warnings);
        Assert.DoesNotContain(Run("start=2010&end=2025", snapshot).Warnings, w => w.Contains("above the World", StringComparison.Ordinal));
    }
}
