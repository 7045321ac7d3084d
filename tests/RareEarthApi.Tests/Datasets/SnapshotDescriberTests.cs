using RareEarthApi.Datasets;
using RareEarthApi.Production;
using RareEarthApi.Tests.Support;
using static RareEarthApi.Tests.Production.SnapshotBuilder;

namespace RareEarthApi.Tests.Datasets;

/// <summary>The catalog entry of a snapshot, without any runtime.</summary>
public sealed class SnapshotDescriberTests
{
    private static readonly DatasetText Text = new("production", "Production", "Mine production", "USGS", "Public domain");

    private static Task<DatasetInfo> Describe(DatasetSnapshot<Observation> snapshot, string counted = DatasetCoverage.CountedCountries) =>
        new SnapshotDescriber<Observation>(Text, _ => ValueTask.FromResult(snapshot), SeedCatalogs.Countries,
                new DatasetCoverageKeys<Observation>(counted, r => r.Year, r => r.Country, r => r.Edition, r => r.Version))
            .DescribeAsync(CancellationToken.None);

    [Fact]
    public async Task Catalog_PublishedBy_IsTheServedVersionsPublisher()
    {
        var snapshot = Of(Row("CHN", 2024, 270000, "usgs-mcs-2026")) with { PublishedBy = "refresh:usgs:run-42" };

        var info = await Describe(snapshot);

        Assert.Equal("refresh:usgs:run-42", info.PublishedBy);
    }

    [Fact]
    public async Task Catalog_CoverageCountries_LeavesOutWorldOtherAndGroups()
    {
        var snapshot = Of(
            Row("CHN", 2024, 270000, "usgs-mcs-2026"),
            Row("USA", 2024, 45000, "usgs-mcs-2026"),
            Row("USA", 2023, 41600, "usgs-mcs-2025"),
            Row("WLD", 2024, 380000, "usgs-mcs-2026"),
            Row("OTH", 2024, 1000, "usgs-mcs-2026"),
            Row("TOP3", 2024, 98, "usgs-mcs-2026"));

        var info = await Describe(snapshot, DatasetCoverage.CountedReporters);

        Assert.Equal(2, info.Coverage.Countries);
        Assert.Equal("reporters", info.Coverage.CountriesCounted);
        Assert.Equal(6, info.RowCount);
    }

    [Fact]
    public async Task Catalog_EachEdition_ListsTheReleaseVersionsItsFiguresStandIn_OldestFirst()
    {
        var snapshot = Of(
            Row("BRA", 2025, 21000000, "usgs-mcs-2026") with { Version = "1.0" },
            Row("BRA", 2025, 11000000, "usgs-mcs-2026") with { Version = "1.10" },
            Row("CHN", 2025, 44000000, "usgs-mcs-2026") with { Version = "1.3" },
            Row("CHN", 2024, 44000000, "usgs-mcs-2025"));

        var info = await Describe(snapshot);

        Assert.Equal(["1.0", "1.3", "1.10"], info.Editions.Single(e => e.Id == "usgs-mcs-2026").Versions);
        Assert.Equal([], info.Editions.Single(e => e.Id == "usgs-mcs-2025").Versions);
    }
}
