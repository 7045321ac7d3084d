using Azure.Data.Tables;
using RareEarthApi.Datasets;

namespace RareEarthApi.UsStatistics;

/// <summary>
/// One line of a chapter's U.S. import sources: over a period (<see cref="Period"/> as printed, 2021–24), the share in
/// percent of the product named (<see cref="Product"/>, the Statistics_detail label: "Rare-earth compounds and
/// metals", "All") that came from one country. <see cref="Country"/> is the crosswalk's ISO3, or its aggregate code
/// (OTH for "Other countries", XCR for "China, Germany, and Russia"); <see cref="SourceLabel"/> is the label as printed.
/// </summary>
public sealed record UsImportSource(
    string Commodity,
    string CommodityName,
    string Product,
    string Country,
    string SourceLabel,
    string? CountryQualifier,
    string Period,
    int StartYear,
    int EndYear,
    double? Share,
    string Status,
    double? Low,
    double? High,
    string Unit,
    string Printed,
    string? Note,
    string Edition,
    string Version = "",
    bool? Critical = null);

/// <summary>U.S. import sources in the rows table: a partition per commodity within a version.</summary>
internal sealed class UsImportSourceCodec() : RecordCodec<UsImportSource>
{
    public override string Shard(UsImportSource row) => row.Commodity;

    public override string RowKey(UsImportSource row) => $"{row.Product}|{row.SourceLabel}|{row.Edition}|{row.Version}";
}
