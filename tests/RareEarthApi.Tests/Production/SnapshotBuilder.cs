using RareEarthApi.Datasets;
using RareEarthApi.Production;

namespace RareEarthApi.Tests.Production;

/// <summary>Small in-memory snapshots for the query tests.</summary>
internal static class SnapshotBuilder
{
    public static readonly SourceEdition Mcs2025 = new("usgs-mcs-2025", "usgs-mcs", "MCS 2025", "USGS", new DateOnly(2025, 1, 31), null, null);
    public static readonly SourceEdition Mcs2026 = new("usgs-mcs-2026", "usgs-mcs", "MCS 2026", "USGS", new DateOnly(2026, 2, 6), null, null);

    public static Observation Row(string country, int year, double? value, string edition, string status = "estimated") =>
        new("mine-production", "rare-earths", country, country, year, value, status, "t", "REO", null, edition);

    public static DatasetSnapshot<Observation> Of(params Observation[] rows) =>
        new("production", "v1", DateTimeOffset.UnixEpoch, rows, [Mcs2025, Mcs2026]);
}
