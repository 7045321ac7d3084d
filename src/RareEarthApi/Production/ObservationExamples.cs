using RareEarthApi.Datasets;
using RareEarthApi.Http;

namespace RareEarthApi.Production;

/// <summary>Real responses, shown as the examples of the OpenAPI document (ApiOperation.ExampleFrom).</summary>
internal static class ObservationExamples
{
    private static readonly DateTimeOffset Published = new(2026, 11, 29, 21, 45, 32, TimeSpan.Zero);

    private static readonly SourceJson Mcs2026 = new("usgs-mcs", "usgs-mcs-2026", "Mineral Commodity Summaries 2026, Rare Earths (data release)",
        "U.S. Geological Survey", "2026-02-06", "10.5066/P1WKQ63T", "https://doi.org/10.5066/P1WKQ63T", "China");

    private static readonly SourceJson Mcs2025 = new("usgs-mcs", "usgs-mcs-2025", "Mineral Commodity Summaries 2025, Rare Earths (data release)",
        "U.S. Geological Survey", "2025-01-31", "10.5066/P13XCP3R", "https://doi.org/10.5066/P13XCP3R", "China");

    private static Envelope<ObservationJson> Of(string dataset, ObservationJson row) =>
        new([row],
            new ResponseMeta(dataset, 1, 1,
                new SortedDictionary<string, string>(StringComparer.Ordinal)
                {
                    ["commodity"] = "rare-earths", ["country"] = "CHN", ["edition"] = "latest", ["end"] = "2024",
                    ["include_aggregates"] = "false", ["limit"] = "1000", ["sort"] = "country,year", ["start"] = "2024",
                },
                "20261129T214532140Z-f09c4df2", Published, ObservationDatasets.All.Single(d => d.Name == dataset).Citation, []),
            new ResponseLinks($"https://rareearth.example/api/v1/{dataset}?country=CHN&year=2024", null,
                $"https://rareearth.example/api/v1/{dataset}?country=CHN&year=2024&format=csv"));

    /// <summary>GET /api/v1/production?country=CHN&amp;year=2024: China's 2024 mine production, 270,000 t (MCS 2026).</summary>
    public static class Production
    {
        public static Envelope<ObservationJson> ResponseExample { get; } = Of("production",
            new("CHN", "China", "rare-earths", 2024, 270000, "t", "REO", ValueStatus.Estimated,
                "Production quota; does not include undocumented production.", Mcs2026));
    }

    /// <summary>GET /api/v1/reserves?country=CHN&amp;year=2024: China's reserves, 44,000,000 t (MCS 2025).</summary>
    public static class Reserves
    {
        public static Envelope<ObservationJson> ResponseExample { get; } = Of("reserves",
            new("CHN", "China", "rare-earths", 2024, 44000000, "t", "REO", ValueStatus.Reported, null, Mcs2025));
    }
}
