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
internal sealed class UsImportSourceCodec : IRowCodec<UsImportSource>
{
    public string Shard(UsImportSource row) => row.Commodity;

    public string RowKey(UsImportSource row) => $"{row.Product}|{row.SourceLabel}|{row.Edition}|{row.Version}";

    public void Write(UsImportSource row, TableEntity entity)
    {
        entity["Commodity"] = row.Commodity;
        entity["CommodityName"] = row.CommodityName;
        entity["Product"] = row.Product;
        entity["Country"] = row.Country;
        entity["SourceLabel"] = row.SourceLabel;
        entity["CountryQualifier"] = row.CountryQualifier;
        entity["Period"] = row.Period;
        entity["StartYear"] = row.StartYear;
        entity["EndYear"] = row.EndYear;
        entity["Share"] = row.Share;
        entity["Status"] = row.Status;
        entity["Low"] = row.Low;
        entity["High"] = row.High;
        entity["Unit"] = row.Unit;
        entity["Printed"] = row.Printed;
        entity["Note"] = row.Note;
        entity["Edition"] = row.Edition;
        entity["Version"] = row.Version;
        entity["Critical"] = row.Critical;
    }

    public UsImportSource Read(TableEntity entity) => new(
        entity.GetString("Commodity"),
        entity.GetString("CommodityName") ?? "",
        entity.GetString("Product") ?? "",
        entity.GetString("Country"),
        entity.GetString("SourceLabel") ?? "",
        entity.GetString("CountryQualifier"),
        entity.GetString("Period") ?? "",
        entity.GetInt32("StartYear") ?? 0,
        entity.GetInt32("EndYear") ?? 0,
        entity.GetDouble("Share"),
        entity.GetString("Status"),
        entity.GetDouble("Low"),
        entity.GetDouble("High"),
        entity.GetString("Unit") ?? "",
        entity.GetString("Printed") ?? "",
        entity.GetString("Note"),
        entity.GetString("Edition"),
        entity.GetString("Version") ?? "",
        entity.GetBoolean("Critical"));
}
