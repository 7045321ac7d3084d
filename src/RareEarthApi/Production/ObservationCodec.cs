using Azure.Data.Tables;
using RareEarthApi.Datasets;

namespace RareEarthApi.Production;

/// <summary>
/// Observation rows in the rows table: one partition per country within a version (the queries filter by
/// country, and a country's rows fit a few batches), row key "{commodity}|{stage}|{year}|{edition}|{version}|{country qualifier}".
/// </summary>
internal sealed class ObservationCodec() : RecordCodec<Observation>(new RecordColumns
{
    // Rows stored before stages existed were mine production, or reserves.
    Missing = new Dictionary<string, Func<TableEntity, object?>>
    {
        [nameof(Observation.Stage)] = e => e.GetString(nameof(Observation.Measure)) == ObservationStage.Reserves ? ObservationStage.Reserves : ObservationStage.MineProduction,
    },
})
{
    public override string Shard(Observation row) => row.Country;

    public override string RowKey(Observation row) => $"{row.Commodity}|{row.Stage}|{row.Year:D4}|{row.Edition}|{row.Version}|{row.CountryQualifier}";
}
