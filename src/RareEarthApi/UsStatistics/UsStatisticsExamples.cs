using RareEarthApi.Datasets;
using RareEarthApi.Http;
using RareEarthApi.Production;

namespace RareEarthApi.UsStatistics;

/// <summary>Real responses, shown as the examples of the OpenAPI document (ApiOperation.ExampleFrom).</summary>
internal static class UsStatisticsExamples
{
    private static readonly DateTimeOffset Published = new(2026, 12, 1, 23, 10, 0, TimeSpan.Zero);

    private static SourceJson Mcs2026(string label) => new("usgs-mcs", "usgs-mcs-2026", "Mineral Commodity Summaries 2026 (data release)",
        "U.S. Geological Survey", "2026-02-06", "10.5066/P1WKQ63T", "https://doi.org/10.5066/P1WKQ63T", label);

    private static ResponseMeta Meta(string dataset, string citation, SortedDictionary<string, string> query) =>
        new(dataset, 1, 2, query, "20261201T231000000Z-5e0c1a2b", Published, citation, []);

    /// <summary>
    /// GET /api/v1/us-statistics?statistic=net-import-reliance&amp;year=2025: U.S. net import reliance for rare-earth
    /// compounds and metals, 67% (estimated), and E (net exporter) for mineral concentrates (MCS 2026, rows 6064–6065).
    /// </summary>
    public static class Statistics
    {
        public static Envelope<UsStatisticJson> ResponseExample { get; } = new(
            [
                new("rare-earths", "Rare Earths", UsStatisticKind.NetImportReliance, "Net import reliance as a percentage of apparent consumption: Compounds and metals", 1, 2025,
                    67, null, null, "percent", ObservationStatus.Estimated, "67", "Estimated. -- Defined as imports – exports.", true, "1.0", Mcs2026("Rare Earths")),
            ],
            Meta(UsStatisticsDataset.Name, UsStatisticsDataset.Descriptor.Text.Citation, new(StringComparer.Ordinal)
            {
                ["commodity"] = "rare-earths", ["edition"] = "latest", ["end"] = "2025", ["limit"] = "1", ["sort"] = "commodity,statistic,year",
                ["start"] = "2025", ["statistic"] = "net-import-reliance",
            }),
            new ResponseLinks("https://rareearth.example/api/v1/us-statistics?statistic=net-import-reliance&year=2025&limit=1",
                "https://rareearth.example/api/v1/us-statistics?statistic=net-import-reliance&year=2025&limit=1&cursor=eyJ0IjoxfQ",
                "https://rareearth.example/api/v1/us-statistics?statistic=net-import-reliance&year=2025&limit=1&format=csv"));
    }

    /// <summary>GET /api/v1/us-import-sources: rare-earth compounds and metals, 2021–24, China 71% (MCS 2026).</summary>
    public static class ImportSources
    {
        public static Envelope<UsImportSourceJson> ResponseExample { get; } = new(
            [
                new("rare-earths", "Rare Earths", "Rare-earth compounds and metals", "CHN", "China", false, "2021–24", 2021, 2024, 71, null, null, "percent",
                    ObservationStatus.Reported, "71",
                    "Includes Hong Kong. -- Compounds and metals imported from Estonia, Japan, and Malaysia were derived from mineral concentrates and chemical intermediates produced in Australia, China, and elsewhere",
                    true, "1.0", Mcs2026("China")),
            ],
            Meta(UsImportSourcesDataset.Name, UsImportSourcesDataset.Descriptor.Text.Citation, new(StringComparer.Ordinal)
            {
                ["commodity"] = "rare-earths", ["edition"] = "latest", ["include_aggregates"] = "false", ["limit"] = "1", ["sort"] = "commodity,product,-share",
            }),
            new ResponseLinks("https://rareearth.example/api/v1/us-import-sources?limit=1",
                "https://rareearth.example/api/v1/us-import-sources?limit=1&cursor=eyJ0IjoxfQ",
                "https://rareearth.example/api/v1/us-import-sources?limit=1&format=csv"));
    }
}
