using Azure.Data.Tables;

namespace RareEarthApi.Datasets;

/// <summary>Maps one dataset's rows to and from table entities, by hand.</summary>
internal interface IRowCodec<TRow>
{
    /// <summary>Groups rows inside a version; queries and batches work per partition.</summary>
    string Shard(TRow row);

    /// <summary>Unique within the shard.</summary>
    string RowKey(TRow row);

    void Write(TRow row, TableEntity entity);

    TRow Read(TableEntity entity);
}
