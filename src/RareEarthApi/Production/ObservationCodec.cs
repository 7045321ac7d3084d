using Azure.Data.Tables;
using RareEarthApi.Datasets;

namespace RareEarthApi.Production;

/// <summary>
/// Observation rows in the rows table: one partition per country within a version (the queries filter by
/// country, and a country's rows fit a few batches), row key "{commodity}|{stage}|{year}|{edition}|{version}|{country qualifier}".
/// </summary>
internal sealed class ObservationCodec : IRowCodec<Observation>
{
    public string Shard(Observation row) => row.Country;

    public string RowKey(Observation row) => $"{row.Commodity}|{row.Stage}|{row.Year:D4}|{row.Edition}|{row.Version}|{row.CountryQualifier}";

    public void Write(Observation row, TableEntity entity)
    {
        entity["Measure"] = row.Measure;
        entity["Commodity"] = row.Commodity;
        entity["Country"] = row.Country;
        entity["SourceLabel"] = row.SourceLabel;
        entity["Year"] = row.Year;
        entity["Value"] = row.Value;
        entity["Status"] = row.Status;
        entity["Unit"] = row.Unit;
        entity["Basis"] = row.Basis;
        entity["Note"] = row.Note;
        entity["Edition"] = row.Edition;
        entity["Stage"] = row.Stage;
        entity["Low"] = row.Low;
        entity["High"] = row.High;
        entity["Version"] = row.Version;
        entity["CommodityName"] = row.CommodityName;
        entity["Critical"] = row.Critical;
        entity["CountryQualifier"] = row.CountryQualifier;
    }

    public Observation Read(TableEntity entity) => new(
        entity.GetString("Measure"),
        entity.GetString("Commodity"),
        entity.GetString("Country"),
        entity.GetString("SourceLabel") ?? "",
        entity.GetInt32("Year") ?? 0,
        entity.GetDouble("Value"),
        entity.GetString("Status"),
        entity.GetString("Unit"),
        entity.GetString("Basis") ?? "",
        entity.GetString("Note"),
        entity.GetString("Edition"),
        entity.GetString("Stage") ?? (entity.GetString("Measure") == ObservationStage.Reserves ? ObservationStage.Reserves : ObservationStage.MineProduction),
        entity.GetDouble("Low"),
        entity.GetDouble("High"),
        entity.GetString("Version") ?? "",
        entity.GetString("CommodityName"),
        entity.GetBoolean("Critical"),
        entity.GetString("CountryQualifier"));
}
